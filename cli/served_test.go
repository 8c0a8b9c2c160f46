package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"secondment/remote"
)

// served is a `secondment serve` running in this test process on a term's
// data file.
type served struct {
	info ServeInfo
	stop func() int // stops the server and returns its exit status
	out  *strings.Builder
}

// serve starts `serve` on c's data file as the office and waits until it
// listens.
func (c *term) serve(extra ...string) *served {
	c.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan ServeInfo, 1)
	done := make(chan int, 1)
	var out, errOut strings.Builder
	env := map[string]string{"SECONDMENT_USER": "admin", "SECONDMENT_PASSWORD": "admin-密码"}
	go func() {
		done <- Run(Env{
			Args:    append([]string{"--db", c.db, "serve", "--listen", "127.0.0.1:0"}, extra...),
			Getenv:  func(k string) string { return env[k] },
			Stdout:  &out,
			Stderr:  &errOut,
			Now:     c.clock,
			Context: ctx,
			Serving: func(i ServeInfo) { ready <- i },
		})
	}()
	select {
	case info := <-ready:
		s := &served{info: info, out: &out}
		var once sync.Once
		code := 0
		s.stop = func() int { once.Do(func() { cancel(); code = <-done }); return code }
		c.t.Cleanup(func() { s.stop() })
		return s
	case code := <-done:
		cancel()
		c.t.Fatalf("serve exited %d: %s%s", code, out.String(), errOut.String())
	case <-time.After(30 * time.Second):
		c.t.Fatal("serve did not start")
	}
	return nil
}

// step is one command of the README's, run as a user, with the exit status
// it must give.
type step struct {
	user string
	args []string
	code int
	// keyed marks output showing what only a process an office unlocked can
	// decrypt.
	keyed bool
}

// TestCommandsThroughAServerMatchLocal runs the README's commands on a local
// file and, on an identical file, through `serve` with --server and through
// the holder with --db: every output and exit status must be the same.
func TestCommandsThroughAServerMatchLocal(t *testing.T) {
	local, remoteT := newTerm(t), newTerm(t)
	for _, c := range []*term{local, remoteT} {
		c.ok("init", "--admin", "admin")
		c.env["SECONDMENT_TRUST_FILE"] = filepath.Join(t.TempDir(), "servers.json")
	}
	srv := remoteT.serve()
	remoteT.server = srv.info.URL
	outDir := func(c *term) string { return filepath.Join(filepath.Dir(c.db), "out") }
	for _, c := range []*term{local, remoteT} {
		os.MkdirAll(outDir(c), 0o755)
	}
	const plat = "温州国家大学科技园孵化器"
	steps := []step{
		{user: "admin", args: []string{"demo", "--students", "120"}, code: 0},
		{user: "admin", args: []string{"list", "students", "--json", "--year", "2025"}, code: 0},
		{user: "admin", args: []string{"list", "placements"}, code: 0},
		{user: "admin", args: []string{"list", "platforms", "--q", "科技园"}, code: 0},
		{user: "admin", args: []string{"list", "quotas", "--json"}, code: 0},
		{user: "admin", args: []string{"list", "appointments"}, code: 0},
		{user: "admin", args: []string{"list", "universities"}, code: 0},
		{user: "admin", args: []string{"list", "users", "--json"}, code: 0},
		{user: "admin", args: []string{"quota", "set", "--platform", plat, "--year", "2027", "--category", "graduate", "--total", "50", "--reason", "扩容"}, code: 0},
		{user: "admin", args: []string{"quota", "set", "--platform", plat, "--year", "2027", "--category", "graduate", "--total", "-1", "--reason", "x"}, code: 2},
		{user: "admin", args: []string{"placement", "new", "--student", "@free", "--platform", plat, "--start", "2027-01-04", "--end", "2027-06-30", "--task", "孵化企业技术需求对接"}, code: 0},
		{user: "admin", args: []string{"placement", "new", "--student", "@free", "--platform", plat, "--start", "2027-02-30", "--end", "2027-06-30", "--task", "x"}, code: 1},
		{user: "admin", args: []string{"placement", "approve", "@no"}, code: 0},
		{user: "admin", args: []string{"placement", "dispatch", "@no"}, code: 1},
		{user: "admin", args: []string{"placement", "insurance", "@no", "--insurer", "中国人寿", "--policy", "PA2027-1", "--from", "2027-01-04", "--to", "2027-06-30"}, code: 0},
		{user: "admin", args: []string{"placement", "pledge", "@no", "--date", "2026-11-20"}, code: 0},
		{user: "admin", args: []string{"placement", "acceptance", "@no", "--date", "2026-11-15"}, code: 0},
		{user: "admin", args: []string{"placement", "dispatch", "@no"}, code: 0},
		{user: "admin", args: []string{"placement", "arrive", "@no", "--date", "2027-01-05"}, code: 1},
		{user: "admin", args: []string{"placement", "approve", "@no"}, code: 1},
		{user: "admin", args: []string{"placement", "approve", "XP2026-99999"}, code: 1},
		{user: "admin", args: []string{"agreement", "@no", "-o", "@out/a.pdf"}, code: 0},
		{user: "admin", args: []string{"roster", "--platform", plat, "-o", "@out/roster.pdf"}, code: 0},
		{user: "admin", args: []string{"quota-report", "--year", "2026", "-o", "@out/quota.pdf"}, code: 0},
		{user: "admin", args: []string{"export", "students", "@out/students.xlsx"}, code: 0},
		{user: "admin", args: []string{"template", "students", "@out/t.xlsx"}, code: 0},
		{user: "admin", args: []string{"import", "students", "testdata/first-day/温州大学2025年研究生选派名单.xlsx", "--dry-run"}, code: -1},
		{user: "admin", args: []string{"verify", "ABCD-EFGH"}, code: 1},
		{user: "admin", args: []string{"stats", "--json"}, code: 0},
		{user: "admin", args: []string{"user", "add", "--name", "hr9", "--role", "platform-hr", "--platform", plat}, code: 0},
		{user: "admin", args: []string{"user", "add", "--name", "hr9", "--role", "platform-hr", "--platform", plat}, code: 1},
		{user: "admin", args: []string{"university", "add", "浙江工贸职业技术学院"}, code: 0},
		{user: "admin", args: []string{"university", "add", "温州理工学院"}, code: 1},
		{user: "admin", args: []string{"platform", "status", plat, "rectifying", "--reason", "评价不合格"}, code: 0},
		{user: "admin", args: []string{"platform", "status", plat, "recognised", "--reason", "整改完成"}, code: 0},
		{user: "admin", args: []string{"audit", "--no-logins", "--limit", "8"}, code: 0},
		{user: "admin", args: []string{"evaluation", "rechecks"}, code: 0},
		{user: "admin", args: []string{"backup", "@out/copy.db"}, code: 0},
		{user: "admin", args: []string{"check"}, code: 0},
		{user: "hr1", args: []string{"list", "placements", "--json"}, code: 0},
		{user: "hr1", args: []string{"list", "students"}, keyed: true},
		{user: "hr1", args: []string{"placement", "arrive", "@no", "--date", "2027-01-05"}, code: 1},
		{user: "hr1", args: []string{"agreement", "@no", "-o", "@out/hr.pdf"}, code: 1},
		{user: "hr1", args: []string{"stats"}, code: 1},
		{user: "student1", args: []string{"list", "placements", "--json"}, code: 0},
		{user: "student1", args: []string{"agreement", "@no", "-o", "@out/s.pdf"}, code: 1},
		{user: "student1", args: []string{"list", "users"}, code: 1},
		{user: "bureau", args: []string{"stats", "--json"}, code: 0},
		{user: "bureau", args: []string{"list", "students"}, code: 1},
		{user: "bureau", args: []string{"backup", "@out/b.db"}, code: 1},
		{user: "nobody", args: []string{"list", "placements"}, code: 1},
		{user: "admin", args: []string{"placement", "supervisor", "@no", "--supervisor", "林教授"}, code: 0},
		{user: "admin", args: []string{"placement", "terminate", "@no", "--reason", "学生申请改派"}, code: 0},
		{user: "admin", args: []string{"placement", "new", "--student", "@free", "--platform", plat, "--start", "2027-01-04", "--end", "2027-06-30", "--task", "草稿"}, code: 0},
		{user: "admin", args: []string{"placement", "edit", "@no", "--task", "修改后的任务", "--allowance", "1500"}, code: 0},
		{user: "admin", args: []string{"placement", "edit", "@no", "--end", "2020-01-01"}, code: 1},
		{user: "admin", args: []string{"placement", "withdraw", "@no", "--reason", "学生放弃"}, code: 0},
		{user: "admin", args: []string{"appointment", "end", "@appt"}, code: -1},
		{user: "admin", args: []string{"export", "placements", "@out/p.csv"}, code: 0},
		{user: "admin", args: []string{"export", "appointments", "@out/a.xlsx"}, code: 0},
		{user: "admin", args: []string{"user", "disable", "hr9"}, code: 0},
		{user: "admin", args: []string{"user", "disable", "hr9"}, code: 1},
		{user: "admin", args: []string{"user", "enable", "hr9"}, code: 0},
		{user: "admin", args: []string{"user", "unlock", "hr9"}, code: 1},
		{user: "admin", args: []string{"user", "reset-password", "hr9"}, code: 0},
		{user: "admin", args: []string{"evaluation", "run", "--year", "2026"}, code: 1},
		{user: "bureau", args: []string{"evaluation", "scheme", "export", "@out/schemes.xlsx", "--year", "2026"}, code: 0},
		{user: "bureau", args: []string{"evaluation", "rules", "--year", "2026", "--excellent-cap", "150"}, code: 1},
		{user: "bureau", args: []string{"evaluation", "rules", "--year", "2026", "--excellent-cap", "20"}, code: 0},
		{user: "bureau", args: []string{"evaluation", "run", "--year", "2026", "--json"}, code: 0},
		{user: "bureau", args: []string{"evaluation", "accept", "--year", "2026", "--all"}, code: -1},
		{user: "bureau", args: []string{"evaluation", "run", "--year", "2026"}, code: 0},
		{user: "bureau", args: []string{"evaluation", "results", "--year", "2026", "--json"}, code: 0},
		{user: "bureau", args: []string{"evaluation", "finalize", "--year", "2026"}, code: -1},
		{user: "bureau", args: []string{"evaluation", "rechecks"}, code: -1},
		{user: "bureau", args: []string{"evaluation", "report", "--year", "2026", "-o", "@out/report.xlsx"}, code: 0},
		{user: "bureau", args: []string{"evaluation", "sheet", "--platform", plat, "--year", "2026", "-o", "@out/sheet.pdf"}, code: 0},
		{user: "hr1", args: []string{"evaluation", "figures", "list", "--year", "2026"}, code: -1},
	}
	vars := map[*term]map[string]string{local: {}, remoteT: {}}
	for _, st := range steps {
		var outs [2]string
		var codes [2]int
		for i, c := range []*term{local, remoteT} {
			c.env["SECONDMENT_USER"] = st.user
			c.env["SECONDMENT_PASSWORD"] = map[bool]string{true: "admin-密码", false: "demo1234"}[st.user == "admin"]
			args := make([]string, len(st.args))
			for j, a := range st.args {
				switch {
				case a == "@free":
					a = freeStudent(c)
				case a == "@no":
					a = vars[c]["no"]
				case a == "@appt":
					a = firstAppointment(c)
				case strings.HasPrefix(a, "@out/"):
					a = filepath.Join(outDir(c), strings.TrimPrefix(a, "@out/"))
				}
				args[j] = a
			}
			codes[i] = c.run(args...)
			outs[i] = normalize(c, c.out.String()+"\n--stderr--\n"+c.err.String(), srv)
			if st.args[0] == "placement" && st.args[1] == "new" && codes[i] == 0 {
				vars[c]["no"] = strings.TrimSpace(c.out.String())
			}
		}
		if st.code >= 0 && codes[0] != st.code {
			t.Errorf("%s %v: local exit %d; want %d\n%s", st.user, st.args, codes[0], st.code, outs[0])
		}
		if st.keyed {
			// A process where no office has logged in cannot decrypt a
			// mobile; serve can, so platform HR sees it in full there.
			if codes[1] != 0 || !mobileRE.MatchString(outs[1]) || mobileRE.MatchString(outs[0]) {
				t.Errorf("%s %v: want masked mobiles locally and full ones served:\n%s\n%s", st.user, st.args, outs[0], outs[1])
			}
			continue
		}
		if codes[0] != codes[1] || outs[0] != outs[1] {
			t.Errorf("%s %v differs through the server:\nlocal  (exit %d):\n%s\nserved (exit %d):\n%s", st.user, st.args, codes[0], outs[0], codes[1], outs[1])
		}
	}
	if vars[local]["no"] == "" {
		t.Fatal("no placement was made")
	}

	// While serve holds the file, a command naming the file with --db is
	// carried out by it, with the same output.
	remoteT.server = ""
	remoteT.env["SECONDMENT_USER"], remoteT.env["SECONDMENT_PASSWORD"] = "admin", "admin-密码"
	local.env["SECONDMENT_USER"], local.env["SECONDMENT_PASSWORD"] = "admin", "admin-密码"
	for _, args := range [][]string{{"list", "placements", "--q", vars[local]["no"]}, {"stats"}, {"backup", "@out/held.db"}} {
		var outs [2]string
		for i, c := range []*term{local, remoteT} {
			a := append([]string(nil), args...)
			if strings.HasPrefix(a[len(a)-1], "@out/") {
				a[len(a)-1] = filepath.Join(outDir(c), strings.TrimPrefix(a[len(a)-1], "@out/"))
			}
			if code := c.run(a...); code != 0 {
				t.Fatalf("%v on %s: exit %d\n%s", a, c.db, code, c.err.String())
			}
			outs[i] = normalize(c, c.out.String()+c.err.String(), srv)
		}
		if outs[0] != outs[1] {
			t.Errorf("%v through the holder differs:\n%s\n%s", args, outs[0], outs[1])
		}
	}
	if code := srv.stop(); code != 0 {
		t.Fatalf("serve ended with %d: %s", code, srv.out.String())
	}
	if _, err := os.Stat(remote.HolderPath(remoteT.db)); !os.IsNotExist(err) {
		t.Errorf("the holder's description outlived serve: %v", err)
	}
}

// firstAppointment is the number of the first dual appointment listed.
func firstAppointment(c *term) string {
	rows := c.jsonList("list", "appointments")
	if len(rows) == 0 {
		c.t.Fatal("no appointment")
	}
	return strconv.Itoa(int(rows[0]["id"].(float64)))
}

// freeStudent is a 2025 student without an open placement.
func freeStudent(c *term) string {
	busy := map[string]bool{}
	for _, p := range c.jsonList("list", "placements") {
		if s := p["status"].(string); s != "completed" && s != "terminated" {
			busy[p["student_number"].(string)] = true
		}
	}
	for _, s := range c.jsonList("list", "students", "--year", "2025") {
		if n := s["number"].(string); !busy[n] {
			return n
		}
	}
	c.t.Fatal("no free student")
	return ""
}

var mobileRE = regexp.MustCompile(`\b1[3-9]\d{9}\b`)

var (
	durationRE = regexp.MustCompile(`\d+(\.\d+)?(ms|µs|s)\b`)
	auditSeqRE = regexp.MustCompile(`(?m)^\s*\d+(\s+20\d\d-)`)
	bytesRE    = regexp.MustCompile(`\d+ 字节`)
	auditTotal = regexp.MustCompile(`操作记录 \d+ 条`)
	passwordRE = regexp.MustCompile(`初始密码：\S+`)
	fileSizeRE = regexp.MustCompile(`（\d+ 字节）|\(\d+ bytes\)`)
)

// normalize takes out of an output what differs by where the file is: its
// path, the server's address, timings, sizes, and the audit log's numbering
// and total (a served command also records its logout, and serve its own
// login).
func normalize(c *term, s string, srv *served) string {
	s = strings.ReplaceAll(s, filepath.Dir(c.db), "<dir>")
	s = strings.ReplaceAll(s, srv.info.URL, "<dir>/desk.db")
	s = durationRE.ReplaceAllString(s, "<t>")
	s = bytesRE.ReplaceAllString(s, "<n> 字节")
	s = fileSizeRE.ReplaceAllString(s, "<size>")
	s = auditTotal.ReplaceAllString(s, "操作记录 <n> 条")
	s = passwordRE.ReplaceAllString(s, "初始密码：<generated>")
	s = auditSeqRE.ReplaceAllString(s, "<seq>$1")
	return s
}
