package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"secondment/model"
	"secondment/storage"
)

// term is a test terminal: one data file, an environment, and the outputs of
// the last command.
type term struct {
	t        *testing.T
	db       string
	env      map[string]string
	out, err bytes.Buffer
	// now, when set, is the clock of the next commands (2026-11-25 09:30 otherwise).
	now time.Time
	// server, when set, is where commands go (--server) instead of --db.
	server string
}

func newTerm(t *testing.T) *term {
	return &term{t: t, db: filepath.Join(t.TempDir(), "desk.db"), env: map[string]string{"SECONDMENT_PASSWORD": "admin-密码"}}
}

func (c *term) run(args ...string) int {
	c.out.Reset()
	c.err.Reset()
	where := []string{"--db", c.db}
	if c.server != "" {
		where = []string{"--server", c.server}
	}
	return Run(Env{
		Args:   append(where, args...),
		Getenv: func(k string) string { return c.env[k] },
		Stdout: &c.out, Stderr: &c.err,
		Now: c.clock,
	})
}

func (c *term) clock() time.Time {
	if !c.now.IsZero() {
		return c.now
	}
	return time.Date(2026, 11, 25, 9, 30, 0, 0, time.Local)
}

// ok runs a command that must succeed and returns its standard output.
func (c *term) ok(args ...string) string {
	c.t.Helper()
	if code := c.run(args...); code != 0 {
		c.t.Fatalf("%v: exit %d\n%s", args, code, c.err.String())
	}
	return c.out.String()
}

// refused runs a command that must be refused (exit 1) without changing the
// data file, and returns its message. Signing in is recorded (the failure
// count, the last login, the audit entry), so "unchanged" means: every record
// and audit entry but those of signing in (see records).
func (c *term) refused(args ...string) string {
	c.t.Helper()
	before, okBefore := records(c.db)
	rawBefore, _ := os.ReadFile(c.db)
	if code := c.run(args...); code != 1 {
		c.t.Fatalf("%v: exit %d; want 1\n%s%s", args, code, c.out.String(), c.err.String())
	}
	after, okAfter := records(c.db)
	rawAfter, _ := os.ReadFile(c.db)
	if okBefore && okAfter && before != after || !(okBefore && okAfter) && !bytes.Equal(rawBefore, rawAfter) {
		c.t.Fatalf("%v: refused, yet the data file changed", args)
	}
	return c.err.String()
}

// signIn are the audit operations of signing in and out.
var signIn = map[string]bool{"user.login": true, "user.login_failed": true, "user.login_refused": true, "user.logout": true}

// records returns every record of the data file, as JSON, leaving out what
// signing in writes; false when the file cannot be read.
func records(path string) (string, bool) {
	db, err := storage.Open(path, storage.Options{ReadOnly: true, Timeout: 50 * time.Millisecond})
	if err != nil {
		return "", false
	}
	defer db.Close()
	var all []any
	add := func(v any) error { all = append(all, v); return nil }
	err = db.View(func(tx model.Tx) error {
		us, err := tx.Universities()
		add(us)
		ps, err2 := tx.Platforms()
		add(ps)
		return errors.Join(err, err2,
			tx.EachStudent(func(v model.Student) error { return add(v) }),
			tx.EachPlacement(func(v model.Placement) error { return add(v) }),
			tx.EachAppointment(func(v model.Appointment) error { return add(v) }),
			tx.EachQuota(func(v model.Quota) error { return add(v) }),
			tx.EachUser(func(v model.User) error {
				v.LastLogin, v.FailedLogins, v.LastFailure = time.Time{}, 0, time.Time{}
				return add(v)
			}),
			tx.EachAudit(func(v model.AuditEntry) error {
				if signIn[v.Op] {
					return nil
				}
				v.Seq, v.Prev, v.Hash = 0, "", ""
				return add(v)
			}))
	})
	if err != nil {
		return "", false
	}
	b, _ := json.Marshal(all)
	return string(b), true
}

func (c *term) jsonList(args ...string) []map[string]any {
	c.t.Helper()
	var rows []map[string]any
	out := c.ok(append(args, "--json")...)
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		c.t.Fatalf("%v: not one JSON array: %v\n%s", args, err, out)
	}
	return rows
}

// demoTerm is a data file made as a new user would: init, then demo.
func demoTerm(t *testing.T) *term {
	c := newTerm(t)
	c.ok("init", "--admin", "admin")
	c.env["SECONDMENT_USER"] = "admin"
	c.ok("demo", "--students", "120")
	return c
}

func TestInitDemoListJSONKeys(t *testing.T) {
	c := demoTerm(t)
	keys := map[string][]string{
		"students":     {"number", "name", "university", "school", "degree", "enrolment_year", "mobile", "id_number"},
		"platforms":    {"name", "kind", "level", "status"},
		"placements":   {"agreement_no", "student_number", "student_name", "university", "platform", "status", "start", "end"},
		"quotas":       {"platform", "year", "category", "used", "total"},
		"appointments": {"name", "kind", "university", "platform", "start", "end", "status"},
	}
	for what, want := range keys {
		rows := c.jsonList("list", what)
		if len(rows) == 0 {
			t.Fatalf("list %s: no rows after demo", what)
		}
		for _, k := range want {
			if _, ok := rows[0][k]; !ok {
				t.Errorf("list %s --json: key %q missing in %v", what, k, rows[0])
			}
		}
	}
	states := map[string]bool{}
	for _, p := range c.jsonList("list", "placements") {
		states[p["status"].(string)] = true
		if len(p["start"].(string)) != 10 {
			t.Errorf("date not YYYY-MM-DD: %v", p["start"])
		}
	}
	for _, s := range []string{"draft", "approved", "dispatched", "arrived", "completed", "terminated"} {
		if !states[s] {
			t.Errorf("demo has no placement in state %s", s)
		}
	}
	statuses := map[string]bool{}
	for _, p := range c.jsonList("list", "platforms") {
		statuses[p["status"].(string)] = true
	}
	if !statuses["recognised"] || !statuses["rectifying"] || !statuses["revoked"] {
		t.Errorf("platform statuses in demo: %v", statuses)
	}
	// Empty results are an empty array, not null.
	if out := c.ok("list", "students", "--q", "没有这个人", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("empty list printed %q", out)
	}
}

func TestLifecycleFromTheCommandLine(t *testing.T) {
	c := demoTerm(t)
	c.ok("quota", "set", "--platform", "温州国家大学科技园孵化器", "--year", "2027", "--category", "graduate", "--total", "50", "--reason", "扩容")
	// A student without an open placement.
	busy := map[string]bool{}
	for _, p := range c.jsonList("list", "placements") {
		if s := p["status"].(string); s != "completed" && s != "terminated" {
			busy[p["student_number"].(string)] = true
		}
	}
	var number string
	for _, s := range c.jsonList("list", "students", "--year", "2025") {
		if n := s["number"].(string); !busy[n] {
			number = n
			break
		}
	}
	no := strings.TrimSpace(c.ok("placement", "new", "--student", number, "--platform", "温州国家大学科技园孵化器",
		"--start", "2027-01-04", "--end", "2027-06-30", "--task", "孵化企业技术需求对接", "--allowance", "２０００"))
	if !strings.HasPrefix(no, "XP2026-") {
		t.Fatalf("placement new printed %q", no)
	}
	c.ok("placement", "approve", no)
	// Not before the insurance, the pledge and the acceptance are in hand.
	if msg := c.refused("placement", "dispatch", no); !strings.Contains(msg, "意外伤害保险") || !strings.Contains(msg, "接收函") {
		t.Errorf("dispatch before the conditions: %s", msg)
	}
	c.ok("placement", "insurance", no, "--insurer", "中国人寿", "--policy", "PA2027-1", "--from", "2027-01-04", "--to", "2027-06-30")
	c.ok("placement", "pledge", no, "--date", "2026-12-20")
	c.ok("placement", "acceptance", no, "--date", "2026-12-15")
	c.ok("placement", "dispatch", no)
	msg := c.refused("placement", "arrive", no, "--date", "2027-01-05")
	if !strings.Contains(msg, "还未到") {
		t.Errorf("future arrival message: %s", msg)
	}
	msg = c.refused("placement", "approve", no)
	if !strings.Contains(msg, "不能变为") {
		t.Errorf("illegal step message: %s", msg)
	}
	c.ok("placement", "terminate", no, "--reason", "学生申请改派")
	rows := c.jsonList("list", "placements", "--q", no)
	if len(rows) != 1 || rows[0]["status"] != "terminated" || rows[0]["reason"] != "学生申请改派" {
		t.Fatalf("after terminate: %v", rows)
	}
}

func TestRefusalsExitOneAndWriteNothing(t *testing.T) {
	c := demoTerm(t)
	drafts := c.jsonList("list", "placements", "--status", "draft")
	if len(drafts) == 0 {
		t.Fatal("demo has no drafts")
	}
	no := drafts[0]["agreement_no"].(string)
	platform := drafts[0]["platform"].(string)
	// Fill the platform's 2026 and 2027 graduate quota exactly.
	for _, y := range []string{"2026", "2027"} {
		used := 0
		for _, q := range c.jsonList("list", "quotas", "--platform", platform, "--year", y) {
			if q["category"] == "graduate" {
				used = int(q["used"].(float64))
			}
		}
		c.ok("quota", "set", "--platform", platform, "--year", y, "--category", "graduate", "--total", itoa(used), "--reason", "压缩")
	}
	msg := c.refused("placement", "approve", no)
	if !strings.Contains(msg, platform) || !strings.Contains(msg, "员额已满") || !strings.Contains(msg, "无法审批") {
		t.Errorf("over-quota message: %s", msg)
	}
	c.env["SECONDMENT_PASSWORD"] = "wrong"
	if msg := c.refused("list", "students"); !strings.Contains(msg, "用户名或密码不正确") {
		t.Errorf("wrong password message: %s", msg)
	}
	c.env["SECONDMENT_PASSWORD"] = "demo1234"
	c.env["SECONDMENT_USER"] = "bureau"
	if msg := c.refused("list", "students"); !strings.Contains(msg, "汇总") {
		t.Errorf("bureau students message: %s", msg)
	}
	c.refused("quota", "set", "--platform", platform, "--year", "2026", "--category", "graduate", "--total", "99", "--reason", "x")
	if msg := c.refused("--lang", "en", "list", "placements"); !strings.Contains(msg, "aggregate figures") {
		t.Errorf("English message: %s", msg)
	}
	c.env["SECONDMENT_USER"] = "admin"
	c.env["SECONDMENT_PASSWORD"] = "admin-密码"
	c.refused("placement", "new", "--student", "NOPE", "--platform", platform, "--start", "2027-02-30", "--end", "2027-06-30", "--task", "x")
	c.refused("quota", "set", "--platform", "不存在的平台", "--year", "2026", "--category", "graduate", "--total", "3", "--reason", "x")
}

func TestUsageErrorsExitTwo(t *testing.T) {
	c := demoTerm(t)
	for _, args := range [][]string{
		{"frobnicate"},
		{"list"},
		{"list", "students", "--nonsense"},
		{"placement", "approve"},
		{"quota", "set", "--platform", "x"},
		{"--lang", "fr", "list", "students"},
		{"user", "add", "--name", "x", "--role", "king"},
	} {
		if code := c.run(args...); code != 2 {
			t.Errorf("%v: exit %d; want 2 (%s)", args, code, c.err.String())
		}
	}
	delete(c.env, "SECONDMENT_USER")
	if code := c.run("list", "students"); code != 2 || !strings.Contains(c.err.String(), "--user") {
		t.Errorf("no user: exit %d, %s", code, c.err.String())
	}
}

func TestScopesOnTheCommandLine(t *testing.T) {
	c := demoTerm(t)
	c.env["SECONDMENT_PASSWORD"] = "demo1234"
	c.env["SECONDMENT_USER"] = "hr1"
	rows := c.jsonList("list", "placements")
	if len(rows) == 0 {
		t.Fatal("hr1 sees no placements")
	}
	platform := rows[0]["platform"].(string)
	for _, p := range rows {
		if p["platform"] != platform {
			t.Fatalf("hr1 sees placements at %s and %s", platform, p["platform"])
		}
	}
	for _, s := range c.jsonList("list", "students") {
		if id := s["id_number"].(string); id != "" && !strings.Contains(id, "********") {
			t.Errorf("hr1 sees an unmasked ID number %s", id)
		}
		// A command-line run of its own holds no data key (only an office
		// login unwraps it): HR sees mobiles masked here, in full where an office
		// login has unlocked the process (dispatch TestHRSeesMobileOnceUnlocked).
		if m := s["mobile"].(string); m != "" && !strings.Contains(m, "****") {
			t.Errorf("hr1 sees a mobile %s in a process without the data key", m)
		}
	}
	c.env["SECONDMENT_USER"] = "student1"
	if rows := c.jsonList("list", "placements"); len(rows) != 1 {
		t.Errorf("student1 sees %d placements", len(rows))
	}
	if rows := c.jsonList("list", "students"); len(rows) != 1 {
		t.Errorf("student1 sees %d students", len(rows))
	}
	c.env["SECONDMENT_USER"] = "bureau"
	out := c.ok("stats", "--json")
	if !strings.Contains(out, "瓯江实验室") || strings.Contains(out, "student_name") {
		t.Errorf("bureau stats: %.300s", out)
	}
}

func TestUserAdd(t *testing.T) {
	c := demoTerm(t)
	out := c.ok("user", "add", "--name", "瓯江人事", "--role", "platform-hr", "--platform", "瓯江实验室")
	if !strings.Contains(out, "初始密码") {
		t.Fatalf("no initial password printed: %s", out)
	}
	pw := strings.TrimSpace(out[strings.Index(out, "初始密码：")+len("初始密码："):])
	pw = pw[:strings.Index(pw, "（")]
	c.env["SECONDMENT_USER"] = "瓯江人事"
	c.env["SECONDMENT_PASSWORD"] = pw
	for _, p := range c.jsonList("list", "placements") {
		if p["platform"] != "瓯江实验室" {
			t.Fatalf("new HR account sees %v", p["platform"])
		}
	}
	c.refused("user", "add", "--name", "another", "--role", "office")
}

func TestLockedAndDamagedFiles(t *testing.T) {
	c := demoTerm(t)
	held, err := storage.Open(c.db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The command waits its while (lockWait) for the holder, then says so.
	msg := c.refused("list", "students")
	held.Close()
	if !strings.Contains(msg, "数据文件正被其他程序使用") {
		t.Errorf("locked message: %s", msg)
	}

	junk := filepath.Join(t.TempDir(), "junk.db")
	os.WriteFile(junk, []byte(strings.Repeat("这不是数据库", 2000)), 0o600)
	c.db = junk
	msg = c.refused("list", "students")
	if !strings.Contains(msg, "已损坏或不是本程序的数据文件") || !strings.Contains(msg, "restore") {
		t.Errorf("damaged-file message: %s", msg)
	}
	c.refused("check")

	c.db = filepath.Join(t.TempDir(), "missing.db")
	if msg := c.refused("list", "students"); !strings.Contains(msg, "init") {
		t.Errorf("missing-file message: %s", msg)
	}
	if _, err := os.Stat(c.db); err == nil {
		t.Error("a read command created the data file")
	}
}

func TestBackupRestoreCheck(t *testing.T) {
	c := demoTerm(t)
	if out := c.ok("check"); !strings.Contains(out, "完好") {
		t.Fatalf("check: %s", out)
	}
	backup := filepath.Join(t.TempDir(), "备份.db")
	c.ok("backup", backup)
	before := c.jsonList("list", "placements")
	no := before[0]["agreement_no"].(string)
	c.ok("placement", "terminate", no, "--reason", "测试恢复")

	// A damaged backup is refused and the data file left alone.
	bad := filepath.Join(t.TempDir(), "bad.db")
	data, _ := os.ReadFile(backup)
	os.WriteFile(bad, data[:len(data)/3], 0o600)
	if msg := c.refused("restore", bad); !strings.Contains(msg, "备份文件无法使用") {
		t.Errorf("bad backup message: %s", msg)
	}

	out := c.ok("restore", backup)
	if !strings.Contains(out, "保留为") {
		t.Errorf("restore did not say where the old file went: %s", out)
	}
	after := c.jsonList("list", "placements", "--q", no)
	if after[0]["status"] != before[0]["status"] {
		t.Errorf("restored placement is %v; want %v", after[0]["status"], before[0]["status"])
	}
	if out := c.ok("check"); !strings.Contains(out, "完好") {
		t.Fatalf("check after restore: %s", out)
	}
	if out := c.ok("audit", "--q", "file.restore"); !strings.Contains(out, "file.restore") {
		t.Errorf("restore not in the audit log: %s", out)
	}
	// Only the office backs up.
	c.env["SECONDMENT_USER"] = "hr1"
	c.env["SECONDMENT_PASSWORD"] = "demo1234"
	c.refused("backup", filepath.Join(t.TempDir(), "x.db"))
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestPasswd(t *testing.T) {
	c := demoTerm(t)
	c.env["SECONDMENT_NEW_PASSWORD"] = "新密码-2026"
	if out := c.ok("passwd"); !strings.Contains(out, "已修改 admin 的密码") {
		t.Fatalf("passwd: %s", out)
	}
	c.refused("list", "students") // the old password is gone
	c.env["SECONDMENT_PASSWORD"] = "新密码-2026"
	c.ok("list", "students")
}

func TestUniversitiesOnTheCommandLine(t *testing.T) {
	c := newTerm(t)
	if out := c.ok("init", "--admin", "admin", "--university", "温州大学"); !strings.Contains(out, "温州大学") {
		t.Fatalf("init: %s", out)
	}
	c.env["SECONDMENT_USER"] = "admin"
	c.ok("university", "add", "温州医科大学")
	c.refused("university", "add", "温州医科大学")
	rows := c.jsonList("list", "universities")
	if len(rows) != 2 || rows[0]["name"] == nil || rows[0]["students"] != float64(0) {
		t.Fatalf("list universities: %v", rows)
	}
	if code := c.run("university", "add"); code != ExitUsage {
		t.Fatalf("university add without a name: exit %d", code)
	}
}

func TestAccountsOnTheCommandLine(t *testing.T) {
	c := demoTerm(t)
	rows := c.jsonList("list", "users")
	byName := map[string]map[string]any{}
	for _, r := range rows {
		byName[r["name"].(string)] = r
	}
	for _, k := range []string{"name", "role", "university", "platform", "disabled", "last_login", "failed_logins", "locked"} {
		if _, ok := byName["admin"][k]; !ok {
			t.Errorf("list users --json: key %q missing in %v", k, byName["admin"])
		}
	}
	if byName["admin"]["last_login"] == "" || byName["hr1"]["last_login"] != "" || byName["hr1"]["role"] != "platform-hr" {
		t.Errorf("users: admin %v, hr1 %v", byName["admin"], byName["hr1"])
	}
	for _, want := range []struct {
		args []string
		says string
	}{
		{[]string{"user", "disable", "hr1"}, "已停用账户 hr1"},
		{[]string{"user", "enable", "hr1"}, "已启用账户 hr1"},
	} {
		if out := c.ok(want.args...); !strings.Contains(out, want.says) {
			t.Errorf("%v: %s", want.args, out)
		}
	}
	c.ok("user", "disable", "student1")
	if msg := c.refused("user", "disable", "admin"); !strings.Contains(msg, "不能停用自己") {
		t.Errorf("disable yourself: %s", msg)
	}
	// A disabled account cannot log in, and says so.
	c.env["SECONDMENT_USER"], c.env["SECONDMENT_PASSWORD"] = "student1", "demo1234"
	if msg := c.refused("list", "placements"); !strings.Contains(msg, "已停用") {
		t.Errorf("disabled login: %s", msg)
	}
	// A reset password works and must be changed: a notice on stderr.
	c.env["SECONDMENT_USER"], c.env["SECONDMENT_PASSWORD"] = "admin", "admin-密码"
	c.env["SECONDMENT_NEW_PASSWORD"] = "12345678"
	if msg := c.refused("user", "reset-password", "hr1"); !strings.Contains(msg, "常见密码") {
		t.Errorf("common password: %s", msg)
	}
	c.env["SECONDMENT_NEW_PASSWORD"] = "瓯江人事临时密码"
	c.ok("user", "reset-password", "hr1")
	delete(c.env, "SECONDMENT_NEW_PASSWORD")
	c.env["SECONDMENT_USER"], c.env["SECONDMENT_PASSWORD"] = "hr1", "瓯江人事临时密码"
	c.ok("list", "placements")
	if !strings.Contains(c.err.String(), "secondment passwd") {
		t.Errorf("no must-change notice: %q", c.err.String())
	}
	// HR asking for what is not theirs is told so.
	if msg := c.refused("list", "placements", "--reassign"); !strings.Contains(msg, "待重新安排") {
		t.Errorf("HR --reassign: %s", msg)
	}
	if msg := c.refused("list", "placements", "--platform", "不是本平台"); !strings.Contains(msg, "本平台") {
		t.Errorf("HR other platform: %s", msg)
	}
	// Throttling across runs (each run is a new process's worth of state).
	c.env["SECONDMENT_PASSWORD"] = "wrong-guess"
	for i := 0; i < 5; i++ {
		c.refused("list", "placements")
	}
	c.env["SECONDMENT_PASSWORD"] = "瓯江人事临时密码"
	if msg := c.refused("list", "placements"); !strings.Contains(msg, "秒后再试") {
		t.Errorf("after five failures: %s", msg)
	}
	c.env["SECONDMENT_USER"], c.env["SECONDMENT_PASSWORD"] = "admin", "admin-密码"
	if out := c.ok("user", "unlock", "hr1"); !strings.Contains(out, "已解锁") {
		t.Errorf("unlock: %s", out)
	}
	out := c.ok("audit", "--limit", "200")
	for _, op := range []string{"user.disable", "user.enable", "user.reset_password", "user.unlock", "user.login_failed", "user.login"} {
		if !strings.Contains(out, op) {
			t.Errorf("audit log lacks %s", op)
		}
	}
	c.env["SECONDMENT_USER"], c.env["SECONDMENT_PASSWORD"] = "hr1", "瓯江人事临时密码"
	c.ok("list", "placements")
	// The English message names the status in English.
	c.env["SECONDMENT_USER"], c.env["SECONDMENT_PASSWORD"] = "admin", "admin-密码"
	c.run("--lang", "en", "platform", "status", "瓯江实验室", "recognised", "--reason", "x")
	if msg := c.err.String(); strings.Contains(msg, "认定有效") {
		t.Errorf("English message with a Chinese term: %s", msg)
	}
}

// TestHelperProcess is not a test: it is the program, run as a child process
// by TestThrottlingAcrossProcesses, on a fixed clock.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("SECONDMENT_HELPER") != "1" {
		t.Skip("helper process only")
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	now := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	os.Exit(Run(Env{Args: args, Stdout: os.Stdout, Stderr: os.Stderr, Now: func() time.Time { return now }}))
}

// TestThrottlingAcrossProcesses: wrong passwords given to separate processes
// add up, so the right password given by the next process must wait.
func TestThrottlingAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	db := filepath.Join(t.TempDir(), "desk.db")
	run := func(pw string, args ...string) (int, string) {
		cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperProcess$", "--", "--db", db}, args...)...)
		cmd.Env = append(os.Environ(), "SECONDMENT_HELPER=1", "SECONDMENT_USER=admin", "SECONDMENT_PASSWORD="+pw, "SECONDMENT_LANG=zh")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode(), stderr.String()
		} else if err != nil {
			t.Fatal(err)
		}
		return 0, stderr.String()
	}
	if code, msg := run("研究生院管理员甲", "init", "--admin", "admin"); code != 0 {
		t.Fatalf("init: %d %s", code, msg)
	}
	for i := 0; i < 5; i++ {
		if code, msg := run("wrong-guess", "list", "users"); code != 1 || !strings.Contains(msg, "用户名或密码不正确") {
			t.Fatalf("guess %d: %d %s", i, code, msg)
		}
	}
	if code, msg := run("研究生院管理员甲", "list", "users"); code != 1 || !strings.Contains(msg, "秒后再试") {
		t.Fatalf("the right password after five failures in five processes: %d %s", code, msg)
	}
}

// TestNoCommandWritesOverTheDataFile: an export, a document, a template or a
// problem workbook aimed at the data file is refused (exit 1) and the file
// stays a data file.
func TestNoCommandWritesOverTheDataFile(t *testing.T) {
	c := newTerm(t)
	c.ok("init", "--admin", "admin")
	c.env["SECONDMENT_USER"] = "admin"
	// Another name for the same file, as a clerk's shortcut might be.
	link := filepath.Join(filepath.Dir(c.db), "名单.xlsx")
	if err := os.Link(c.db, link); err != nil {
		t.Skip("no hard links here:", err)
	}
	for _, args := range [][]string{
		{"agreement", "--all", "-o", c.db},
		{"quota-report", "--year", "2026", "-o", c.db},
		{"template", "students", link},
		{"export", "students", link},
	} {
		msg := c.refused(args...)
		if !strings.Contains(msg, "正在使用的数据文件") {
			t.Errorf("%v: %s", args, msg)
		}
	}
	c.ok("check")
}

// TestRefusedInitLeavesNoFile: an init refused for its password leaves no file
// that a later command would take for a data file.
func TestRefusedInitLeavesNoFile(t *testing.T) {
	c := newTerm(t)
	c.env["SECONDMENT_PASSWORD"] = "short"
	c.refused("init", "--admin", "admin")
	if _, err := os.Stat(c.db); !os.IsNotExist(err) {
		t.Fatalf("a refused init left %s (%v)", c.db, err)
	}
}

// TestGeneratedPasswordIsChangedAtFirstLogin: a password the program made up
// for a script is a temporary one.
func TestGeneratedPasswordIsChangedAtFirstLogin(t *testing.T) {
	c := newTerm(t)
	c.ok("init", "--admin", "admin", "--university", "温州大学")
	c.env["SECONDMENT_USER"] = "admin"
	out := c.ok("user", "add", "--name", "bureau2", "--role", "bureau")
	_, pw, ok := strings.Cut(out, "初始密码：")
	pw, _, _ = strings.Cut(pw, "（")
	if !ok {
		t.Fatalf("no generated password printed: %q", out)
	}
	c.env["SECONDMENT_USER"], c.env["SECONDMENT_PASSWORD"] = "bureau2", strings.TrimSpace(pw)
	if code := c.run("stats"); code != 0 {
		t.Fatalf("stats as bureau2: exit %d, %s (password %q from %q)", code, c.err.String(), strings.TrimSpace(pw), out)
	}
	if !strings.Contains(c.err.String(), "密码") {
		t.Fatalf("no must-change notice at the first login: %q", c.err.String())
	}
}

// TestAuditWithoutSignIns lists the changes without the sign-in entries every
// command makes.
func TestAuditWithoutSignIns(t *testing.T) {
	c := newTerm(t)
	c.ok("init", "--admin", "admin", "--university", "温州大学")
	c.env["SECONDMENT_USER"] = "admin"
	c.ok("university", "add", "温州医科大学")
	for _, e := range c.jsonList("audit", "--no-logins") {
		if op, _ := e["op"].(string); strings.HasPrefix(op, "user.log") {
			t.Fatalf("a sign-in listed: %v", e)
		}
	}
	all, changes := c.jsonList("audit"), c.jsonList("audit", "--no-logins")
	if len(changes) == 0 || len(changes) >= len(all) {
		t.Fatalf("%d entries, %d without sign-ins", len(all), len(changes))
	}
}
