package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestOnSiteFromTheCommandLine runs issue 12's commands on a demo file: the
// host's attendance with its deduction, the student's leave and log, HR's
// decisions on its own platform only, the office's mid-term, marks,
// assessment and agreement return, reminders and the documents.
func TestOnSiteFromTheCommandLine(t *testing.T) {
	c := demoTerm(t)
	// A placement whose student is not away a third of the time (the demo
	// has some that are), at a university with weekly logs (the demo's 温州大学
	// has monthly ones), and another at another platform.
	var p, other map[string]any
	for _, row := range c.jsonList("list", "placements", "--status", "arrived") {
		if p == nil && row["university"] != "温州大学" {
			off, total := 0.0, 0.0
			for _, m := range c.jsonList("attendance", "list", row["agreement_no"].(string)) {
				off += m["absent"].(float64) + m["leave"].(float64)
				total += m["absent"].(float64) + m["leave"].(float64) + m["present"].(float64)
			}
			if off*3 < total {
				p = row
			}
		} else if p != nil && row["platform"] != p["platform"] {
			other = row
			break
		}
	}
	if p == nil || other == nil {
		t.Fatal("the demo has no two arrived placements at two platforms")
	}
	no, platform := p["agreement_no"].(string), p["platform"].(string)
	c.env["SECONDMENT_NEW_PASSWORD"] = "学生-password-2026"
	c.ok("user", "add", "--name", "stu", "--role", "student", "--university", p["university"].(string), "--student", p["student_number"].(string))
	c.ok("user", "add", "--name", "hrx", "--role", "platform-hr", "--platform", platform)
	as := func(user string) {
		c.env["SECONDMENT_USER"] = user
		c.env["SECONDMENT_PASSWORD"] = map[string]string{"admin": "admin-密码"}[user]
		if user != "admin" {
			c.env["SECONDMENT_PASSWORD"] = c.env["SECONDMENT_NEW_PASSWORD"]
		}
	}

	// The host records November: 2 days absent, 3 on leave (one beyond the two paid).
	as("hrx")
	out := c.ok("attendance", "set", no, "--month", "2026-11", "--present", "17", "--absent", "2", "--leave", "3")
	if !strings.Contains(out, "2026-11") || !strings.Contains(out, "缺勤 2 天") {
		t.Errorf("attendance set: %s", out)
	}
	rows := c.jsonList("attendance", "list", no)
	if last := rows[len(rows)-1]; last["month"] != "2026-11" || last["deduction"] == 0.0 {
		t.Errorf("attendance list: %v", rows)
	}
	if code := c.run("attendance", "set", no, "--month", "2026-11"); code != 2 {
		t.Errorf("attendance without --present: exit %d", code)
	}
	if msg := c.refused("attendance", "set", no, "--month", "2027-01", "--present", "20"); !strings.Contains(msg, "2027-01") || !strings.Contains(msg, "--month") {
		t.Errorf("a month not begun: %s", msg)
	}
	c.refused("attendance", "set", other["agreement_no"].(string), "--month", "2026-11", "--present", "20")

	// The student asks leave and logs for themself only; HR decides.
	as("stu")
	numbered := regexp.MustCompile(`编号 (\d+)`)
	leaveID := numbered.FindStringSubmatch(c.ok("leave", "request", no, "--from", "2026-11-26", "--to", "2026-11-26", "--reason", "返校参加组会"))
	if leaveID == nil {
		t.Fatalf("leave request: %s", c.out.String())
	}
	// The current week: begun, so it may be logged; the demo logs only weeks that have ended.
	logID := numbered.FindStringSubmatch(c.ok("log", "add", no, "--period", "2026-W48", "--text", "完成第二批样品测试。"))
	if logID == nil {
		t.Fatalf("log add: %s", c.out.String())
	}
	c.refused("log", "add", no, "--period", "2026-W48", "--text", "又一篇")
	c.refused("log", "add", other["agreement_no"].(string), "--period", "2026-W48", "--text", "x")
	c.refused("leave", "approve", no, "--id", leaveID[1])
	c.refused("attendance", "set", no, "--month", "2026-11", "--present", "20")
	if msg := c.refused("leave", "request", no, "--from", "2026-11-28", "--to", "2026-11-27", "--reason", "x"); !strings.Contains(msg, "--to") {
		t.Errorf("leave in the wrong order names --to: %s", msg)
	}
	as("hrx")
	if out := c.ok("leave", "approve", no, "--id", leaveID[1], "--note", "同意"); !strings.Contains(out, "已批准") {
		t.Errorf("leave approve: %s", out)
	}
	c.refused("leave", "refuse", no, "--id", leaveID[1])
	c.ok("log", "read", no, "--id", logID[1], "--comment", "数据完整")
	c.ok("placement", "marks", no, "--platform-mark", "88")
	c.refused("placement", "marks", no, "--defence-mark", "88")

	as("admin")
	c.ok("log", "read", no, "--id", logID[1])
	for _, l := range c.jsonList("log", "list", no) {
		if l["period"] == "2026-W48" && (l["uni_read"] == nil || l["platform_read"] == nil) {
			t.Errorf("log read by both: %v", l)
		}
	}
	found := false
	for _, s := range c.jsonList("log", "stats", "--platform", platform) {
		found = found || s["agreement_no"] == no && s["written"].(float64) > 0
	}
	if !found {
		t.Error("log stats lack the placement")
	}
	c.ok("university", "weights", p["university"].(string), "--university", "40", "--platform", "30", "--defence", "30")
	if code := c.run("university", "weights", p["university"].(string), "--university", "40"); code != 2 {
		t.Errorf("weights without all three: exit %d", code)
	}
	c.refused("university", "weights", p["university"].(string), "--university", "40", "--platform", "40", "--defence", "30")
	c.refused("placement", "override-absence", no, "--reason", "无需")
	c.ok("placement", "returned", no, "--date", "2026-11-20", "--copies", "2", "--received-by", "王老师")

	// Reminders: JSON keys, and the return no longer a to-do.
	rs := c.jsonList("reminders")
	if len(rs) == 0 {
		t.Fatal("no reminders on a demo file")
	}
	for _, k := range []string{"kind", "key", "due", "days_left", "band"} {
		if _, ok := rs[0][k]; !ok {
			t.Errorf("reminders --json lacks %q: %v", k, rs[0])
		}
	}
	for _, r := range rs {
		if r["kind"] == "agreement_return" && r["key"] == no {
			t.Error("a returned agreement is still a to-do")
		}
	}

	// Documents.
	dir := t.TempDir()
	for _, args := range [][]string{
		{"allowance-list", "--month", "2026-11", "--platform", platform, "-o", filepath.Join(dir, "补助.pdf")},
		{"allowance-list", "--month", "2026-11", "-o", filepath.Join(dir, "补助.xlsx")},
		{"pledge", no, "-o", filepath.Join(dir, "承诺书.pdf")},
		{"midterm-form", no, "-o", filepath.Join(dir, "中期.pdf")},
	} {
		c.ok(args...)
		if fi, err := os.Stat(args[len(args)-1]); err != nil || fi.Size() < 1000 {
			t.Errorf("%v: %v", args, err)
		}
	}
	if code := c.run("allowance-list", "--month", "2026-11", "-o", filepath.Join(dir, "x.doc")); code != 2 {
		t.Errorf("allowance-list to .doc: exit %d", code)
	}

	// The office assesses: the weighted result completes the placement.
	out = c.ok("placement", "assess", no, "--university-mark", "90", "--defence-mark", "92")
	if !strings.Contains(out, "88") || !strings.Contains(out, "良好") && !strings.Contains(out, "优秀") {
		t.Errorf("assess: %s", out)
	}
	got := c.jsonList("list", "placements", "--q", no)
	if len(got) != 1 || got[0]["status"] != "completed" || got[0]["assessment"] != "excellent" {
		// 40×90 + 30×88 + 30×92 = 90.0: 优秀
		t.Errorf("after assess: %v", got)
	}
}
