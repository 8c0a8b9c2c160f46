package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"secondment/dispatch"
	"secondment/model"
)

// squeezedText is a PDF's text without white space.
func squeezedText(t *testing.T, path string) string {
	return strings.Join(strings.Fields(pdfText(t, path)), "")
}

func TestEvaluationFromTheCommandLine(t *testing.T) {
	c := demoTerm(t)
	dir := t.TempDir()
	// The HR account hr1 and its platform.
	var hrPlatform string
	for _, u := range c.jsonList("list", "users") {
		if u["name"] == "hr1" {
			hrPlatform = u["platform"].(string)
		}
	}
	kinds := map[string]string{}
	for _, p := range c.jsonList("list", "platforms") {
		kinds[p["name"].(string)] = p["kind"].(string)
	}
	// Only the bureau runs the evaluation.
	c.refused("evaluation", "run", "--year", "2026")
	c.env["SECONDMENT_PASSWORD"] = "demo1234"
	c.env["SECONDMENT_USER"] = "bureau"

	// Schemes: the examples export, import back; a sheet whose weights do not
	// total 100 is refused with its row.
	schemes := filepath.Join(dir, "schemes.xlsx")
	c.ok("evaluation", "scheme", "export", schemes, "--year", "2026")
	if !strings.Contains(c.err.String(), "示例方案") {
		t.Errorf("export does not say the schemes are examples: %s", c.err.String())
	}
	c.ok("evaluation", "scheme", "import", schemes, "--year", "2026")
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("平台类别,指标代码,指标名称,权重,计分方式,分档（数值:得分%）,满分值\n"+
		"重点实验室,tech_service_income,四技服务收入,60,线性,,300\n"+
		"重点实验室,students_hosted,联合培养研究生,30,分档,3:100 2:67 1:33,\n"+
		"孵化器/众创空间,firms_served,服务企业,100,线性,,50\n"+
		"孵化器/众创空间,graduated_firms,毕业企业,5,分档,三:100,\n"), 0o644)
	msg := c.refused("evaluation", "scheme", "import", bad, "--year", "2026")
	if !strings.Contains(msg, "第 5 行") || !strings.Contains(msg, "分档") {
		t.Errorf("bad band: %s", msg)
	}
	os.WriteFile(bad, []byte("平台类别,指标代码,指标名称,权重,计分方式,分档（数值:得分%）,满分值\n"+
		"重点实验室,tech_service_income,四技服务收入,60,线性,,300\n"+
		"重点实验室,students_hosted,联合培养研究生,30,分档,3:100 2:67 1:33,\n"), 0o644)
	msg = c.refused("evaluation", "scheme", "import", bad, "--year", "2026")
	if !strings.Contains(msg, "第 2 行") || !strings.Contains(msg, "合计为 90，须为 100") {
		t.Errorf("weights 90: %s", msg)
	}
	msg = c.refused("evaluation", "rules", "--year", "2026", "--excellent-cap", "150")
	if !strings.HasSuffix(strings.TrimSpace(msg), "（--excellent-cap）") {
		t.Errorf("cap over 100%%: %s", msg)
	}
	msg = c.refused("evaluation", "rules", "--year", "2026", "--good", "95")
	if !strings.Contains(msg, "优秀 > 良好 > 合格") {
		t.Errorf("thresholds out of order: %s", msg)
	}
	c.ok("evaluation", "rules", "--year", "2026", "--excellent-cap", "20")

	// HR reports its own platform's figures, hitting every cap.
	var lines []string
	for _, sc := range dispatch.DefaultSchemes(2026) {
		if sc.Kind != kinds[hrPlatform] {
			continue
		}
		for _, in := range sc.Indicators {
			if in.Source == model.SourceEntered {
				lines = append(lines, fmt.Sprintf("2026,%s,%s,99999,2026 年报第 %d 页", hrPlatform, in.Code, len(lines)+3))
			}
		}
	}
	figs := filepath.Join(dir, "figures.csv")
	os.WriteFile(figs, []byte("年度,平台名称,指标代码,数值,佐证说明\n"+strings.Join(lines, "\n")+"\n"), 0o644)
	c.env["SECONDMENT_USER"] = "hr1"
	other := filepath.Join(dir, "other.csv")
	os.WriteFile(other, []byte("年度,平台名称,指标代码,数值,佐证说明\n"+lines[0]+"\n2026,别的平台,rd_spend,5,x\n"), 0o644)
	msg = c.refused("import", "indicators", other)
	if !strings.Contains(msg, "第 3 行") {
		t.Errorf("HR importing another platform: %s", msg)
	}
	c.ok("import", "indicators", figs)
	c.refused("evaluation", "run", "--year", "2026")

	// The bureau runs: the unreviewed figures do not count yet.
	c.env["SECONDMENT_USER"] = "bureau"
	rows := c.jsonList("evaluation", "run", "--year", "2026")
	if len(rows) == 0 || !strings.Contains(c.err.String(), "待审核") {
		t.Fatalf("run: %d rows, %s", len(rows), c.err.String())
	}
	for _, k := range []string{"platform", "kind", "year", "score", "grade", "rank"} {
		if _, ok := rows[0][k]; !ok {
			t.Errorf("run --json lacks %q: %v", k, rows[0])
		}
	}
	msg = c.refused("evaluation", "finalize", "--year", "2026")
	if !strings.Contains(msg, "待审核") {
		t.Errorf("finalize with pending figures: %s", msg)
	}
	c.ok("evaluation", "accept", "--year", "2026", "--all")
	c.refused("evaluation", "finalize", "--year", "2026") // the data changed since the run
	rows = c.jsonList("evaluation", "run", "--year", "2026")
	grades := map[string]string{}
	var failing string
	for _, r := range rows {
		g := r["grade"].(string)
		if g != "excellent" && g != "good" && g != "pass" && g != "fail" {
			t.Fatalf("grade %q", g)
		}
		grades[r["platform"].(string)] = g
		if g == "fail" && failing == "" {
			failing = r["platform"].(string)
		}
		if r["year"].(float64) != 2026 || r["rank"].(float64) < 1 {
			t.Fatalf("row %v", r)
		}
	}
	if g := grades[hrPlatform]; g == "fail" || g == "" {
		t.Fatalf("the platform with every figure at its cap is %q", g)
	}
	if failing == "" {
		t.Fatal("no failing platform in the demo")
	}
	c.ok("evaluation", "finalize", "--year", "2026")
	c.refused("evaluation", "run", "--year", "2026")

	// Documents.
	notice := filepath.Join(dir, "notice.pdf")
	c.ok("notice", "--platform", failing, "--year", "2026", "-o", notice)
	if text := squeezedText(t, notice); !strings.Contains(text, "整改通知书") || !strings.Contains(text, failing) {
		t.Errorf("notice text: %s", text)
	}
	report := filepath.Join(dir, "results.pdf")
	c.ok("evaluation", "report", "--year", "2026", "-o", report)
	if text := squeezedText(t, report); !strings.Contains(text, "2026年度科创平台绩效评价结果表") || !strings.Contains(text, hrPlatform) {
		t.Errorf("report text: %s", text)
	}
	c.ok("evaluation", "report", "--year", "2026", "-o", filepath.Join(dir, "results.xlsx"))
	c.ok("evaluation", "sheet", "--platform", hrPlatform, "--year", "2026", "-o", filepath.Join(dir, "sheet.pdf"))
	c.refused("notice", "--platform", hrPlatform, "--year", "2026", "-o", filepath.Join(dir, "no.pdf"))
	// Printing is audited.
	c.env["SECONDMENT_USER"] = "admin"
	c.env["SECONDMENT_PASSWORD"] = "admin-密码"
	printed := 0
	for _, e := range c.jsonList("audit", "--q", "evaluation.print") {
		if e["op"] == "evaluation.print" {
			printed++
		}
	}
	if printed != 4 {
		t.Errorf("%d evaluation printings audited; want 4", printed)
	}

	// The failing platform is rectifying: the office cannot approve there.
	c.env["SECONDMENT_USER"] = "admin"
	c.env["SECONDMENT_PASSWORD"] = "admin-密码"
	statuses := map[string]string{}
	for _, p := range c.jsonList("list", "platforms") {
		statuses[p["name"].(string)] = p["status"].(string)
	}
	if statuses[failing] != "rectifying" {
		t.Fatalf("%s is %s after finalising", failing, statuses[failing])
	}
	if len(c.jsonList("evaluation", "results", "--year", "2026")) != len(rows) {
		t.Error("the office does not see the final results")
	}
	// Re-check: failing it is refused before the deadline, then revokes.
	c.env["SECONDMENT_USER"] = "bureau"
	c.env["SECONDMENT_PASSWORD"] = "demo1234"
	msg = c.refused("evaluation", "recheck", "--platform", failing, "--year", "2026", "--failed", "--reason", "整改未达标")
	if !strings.Contains(msg, "期满后") {
		t.Errorf("early failure: %s", msg)
	}
	c.now = time.Date(2027, 6, 1, 9, 0, 0, 0, time.Local)
	if due := c.jsonList("evaluation", "rechecks"); len(due) == 0 || due[0]["deadline"] != "2027-05-24" {
		t.Errorf("rechecks: %v", due)
	}
	msg = c.refused("evaluation", "recheck", "--platform", failing, "--year", "2026", "--failed")
	if !strings.Contains(msg, "（--reason）") {
		t.Errorf("recheck without reason: %s", msg)
	}
	out := c.ok("evaluation", "recheck", "--platform", failing, "--year", "2026", "--failed", "--reason", "整改期满仍未达标")
	if !strings.Contains(out, "已取消") {
		t.Errorf("recheck: %s", out)
	}
	c.env["SECONDMENT_USER"] = "admin"
	c.env["SECONDMENT_PASSWORD"] = "admin-密码"
	for _, p := range c.jsonList("list", "placements", "--reassign") {
		if p["platform"] != failing {
			continue
		}
		if s := p["status"].(string); !model.IsOpen(s) {
			t.Errorf("closed placement to reassign: %v", p)
		}
	}
	// Students see no results.
	c.env["SECONDMENT_USER"] = "student1"
	c.env["SECONDMENT_PASSWORD"] = "demo1234"
	c.refused("evaluation", "results", "--year", "2026")
}
