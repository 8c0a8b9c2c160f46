package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"secondment/dispatch"
	"secondment/model"
	"secondment/storage"
)

func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

var codeRE = regexp.MustCompile(`验证码 ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})`)

func TestAgreementVerifyAndChange(t *testing.T) {
	c := demoTerm(t)
	arrived := c.jsonList("list", "placements", "--status", "arrived")
	no := arrived[0]["agreement_no"].(string)
	out := filepath.Join(t.TempDir(), "协议.pdf")
	c.ok("agreement", no, "-o", out)
	text := pdfText(t, out)
	for _, want := range []string{"研究生选派三方协议", no, arrived[0]["student_name"].(string), "本协议一式三份"} {
		if !strings.Contains(text, want) {
			t.Errorf("agreement lacks %q", want)
		}
	}
	m := codeRE.FindStringSubmatch(text)
	if m == nil {
		t.Fatal("no verification code printed")
	}
	if got := c.ok("verify", strings.ToLower(m[1])); !strings.Contains(got, no) || !strings.Contains(got, "有效") {
		t.Fatalf("verify: %s", got)
	}
	// Once the record changes, the printed code no longer verifies.
	c.ok("placement", "supervisor", no, "--supervisor", "新导师")
	if msg := c.refused("verify", m[1]); !strings.Contains(msg, "不对应任何现行协议") {
		t.Errorf("changed record still verifies: %s", msg)
	}
	// The arrival letter of the same placement.
	letter := filepath.Join(t.TempDir(), "到岗.pdf")
	c.ok("arrival", no, "-o", letter)
	if !strings.Contains(pdfText(t, letter), "研究生到岗确认函") {
		t.Error("arrival letter text")
	}
	drafts := c.jsonList("list", "placements", "--status", "draft")
	c.refused("arrival", drafts[0]["agreement_no"].(string), "-o", letter+"2")
	if _, err := os.Stat(letter + "2"); err == nil {
		t.Error("a refused arrival letter was written")
	}
}

func TestStudentPrintsOnlyOwnAgreement(t *testing.T) {
	c := demoTerm(t)
	c.env["SECONDMENT_USER"] = "student1"
	c.env["SECONDMENT_PASSWORD"] = "demo1234"
	own := c.jsonList("list", "placements")[0]["agreement_no"].(string)
	c.ok("agreement", own, "-o", filepath.Join(t.TempDir(), "own.pdf"))
	c.env["SECONDMENT_USER"] = "admin"
	c.env["SECONDMENT_PASSWORD"] = "admin-密码"
	var other string
	for _, p := range c.jsonList("list", "placements") {
		if p["agreement_no"] != own {
			other = p["agreement_no"].(string)
			break
		}
	}
	c.env["SECONDMENT_USER"] = "student1"
	c.env["SECONDMENT_PASSWORD"] = "demo1234"
	path := filepath.Join(t.TempDir(), "other.pdf")
	c.refused("agreement", other, "-o", path)
	if _, err := os.Stat(path); err == nil {
		t.Error("a student printed another student's agreement")
	}
	c.env["SECONDMENT_USER"] = "bureau"
	c.refused("agreement", own, "-o", path)
}

func TestBatchRosterAndQuotaReport(t *testing.T) {
	c := demoTerm(t)
	platform := c.jsonList("list", "placements", "--status", "arrived")[0]["platform"].(string)
	dir := filepath.Join(t.TempDir(), "协议")
	c.ok("agreement", "--all", "--platform", platform, "-o", dir)
	if !strings.Contains(c.err.String(), "已生成") {
		t.Errorf("no progress on the terminal: %s", c.err.String())
	}
	files, _ := filepath.Glob(filepath.Join(dir, "XP*.pdf"))
	nonDraft := 0
	for _, p := range c.jsonList("list", "placements", "--platform", platform) {
		if p["status"] != "draft" {
			nonDraft++
		}
	}
	if len(files) != nonDraft || nonDraft == 0 {
		t.Fatalf("%d files for %d agreements", len(files), nonDraft)
	}
	combined := filepath.Join(t.TempDir(), "all.pdf")
	c.ok("agreement", "--all", "--platform", platform, "-o", combined)
	if n := strings.Count(pdfText(t, combined), "研究生选派三方协议\n"); n < nonDraft {
		t.Errorf("combined file holds %d agreements; want %d", n, nonDraft)
	}

	roster := filepath.Join(t.TempDir(), "花名册.pdf")
	c.ok("roster", "--platform", platform, "-o", roster)
	text := pdfText(t, roster)
	if !strings.Contains(text, platform) || !strings.Contains(text, "合计") {
		t.Errorf("roster text: %.300s", text)
	}
	report := filepath.Join(t.TempDir(), "员额.pdf")
	c.env["SECONDMENT_USER"] = "bureau"
	c.env["SECONDMENT_PASSWORD"] = "demo1234"
	c.ok("quota-report", "--year", "2026", "-o", report)
	if text := pdfText(t, report); !strings.Contains(text, "2026 年度科创平台员额使用情况表") || !strings.Contains(text, "瓯江实验室") {
		t.Errorf("quota report text: %.300s", text)
	}
	c.refused("roster", "--platform", platform, "-o", roster+"2")
}

func TestUnprintableNameIsRefusedBeforeWriting(t *testing.T) {
	c := demoTerm(t)
	// Add a student whose name holds a character beyond the font, through the
	// service, then place them.
	db, err := storage.Open(c.db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svc := dispatch.New(db)
	svc.Now = func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.Local) }
	sess, _ := svc.Login("admin", "admin-密码")
	st := model.Student{Number: "WZU2025999999", Name: "林𠀀", Gender: "男", University: "温州大学", School: "商学院",
		Major: "工商管理", Degree: "硕士", DegreeType: "专业学位", EnrolmentYear: 2025, Supervisor: "王老师",
		Mobile: "13900001111", Email: "x@stu.wzu.edu.cn"}
	if _, err := svc.AddStudent(sess, st); err != nil {
		t.Fatal(err)
	}
	p, _, err := svc.NewPlacement(sess, dispatch.PlacementDraft{University: "温州大学", StudentNumber: st.Number,
		Platform: "温州国家大学科技园孵化器", Start: model.MustDate("2027-01-04"), End: model.MustDate("2027-06-30"), Task: "调研"})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	out := filepath.Join(t.TempDir(), "x.pdf")
	msg := c.refused("agreement", p.No, "-o", out)
	if !strings.Contains(msg, "𠀀") || !strings.Contains(msg, "未生成") {
		t.Errorf("message: %s", msg)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
}
