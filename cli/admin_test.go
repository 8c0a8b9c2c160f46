package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"secondment/storage"
)

func TestFlagErrorsInTheChosenLanguage(t *testing.T) {
	c := demoTerm(t)
	cases := []struct {
		args   []string
		zh, en string
	}{
		{[]string{"demo", "--bogus"}, "没有选项 --bogus", "there is no option --bogus"},
		{[]string{"demo", "--students", "many"}, "选项 --students 的值“many”无效", `the value "many" of option --students is invalid`},
		{[]string{"demo", "--students"}, "--students 需要一个值", "--students needs a value"},
	}
	for _, tc := range cases {
		if code := c.run(tc.args...); code != ExitUsage || !strings.Contains(c.err.String(), tc.zh) || strings.Contains(c.err.String(), "flag") {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tc.args, code, c.err.String(), tc.zh)
		}
		if code := c.run(append(tc.args, "--lang", "en")...); code != ExitUsage || !strings.Contains(c.err.String(), tc.en) {
			t.Errorf("%v --lang en: exit %d, %q; want %q", tc.args, code, c.err.String(), tc.en)
		}
	}
}

func TestAuditShowsOperationNames(t *testing.T) {
	c := demoTerm(t)
	out := c.ok("audit", "--limit", "100")
	if !strings.Contains(out, "（dataset.load）") || !strings.Contains(out, "新增账户（user.create）") {
		t.Errorf("audit in Chinese:\n%s", out)
	}
	if out := c.ok("audit", "--lang", "en"); !strings.Contains(out, "(user.") {
		t.Errorf("audit in English:\n%s", out)
	}
}

func TestBackupTargetsAreChecked(t *testing.T) {
	c := demoTerm(t)
	before, _ := os.ReadFile(c.db)
	if msg := c.refused("backup", c.db); !strings.Contains(msg, "正在使用的数据文件") {
		t.Errorf("backup onto the data file: %s", msg)
	}
	if fi, _ := os.Stat(c.db); fi.Size() != int64(len(before)) {
		t.Fatal("the data file changed")
	}
	missing := filepath.Join(t.TempDir(), "没有这个文件夹", "b.db")
	if msg := c.refused("backup", missing); !strings.Contains(msg, "文件夹不存在") {
		t.Errorf("backup into a missing folder: %s", msg)
	}
	// The first change of the day made a verified automatic backup.
	list, _ := filepath.Glob(filepath.Join(filepath.Dir(c.db), "backups", "desk-daily-*.db"))
	if len(list) != 1 || storage.VerifyFile(list[0], nil) != nil {
		t.Errorf("daily backups: %v", list)
	}
}

func TestEmptyAndDamagedDataFiles(t *testing.T) {
	c := newTerm(t)
	os.WriteFile(c.db, nil, 0o600)
	c.env["SECONDMENT_USER"] = "admin"
	if msg := c.refused("list", "students"); !strings.Contains(msg, "数据文件为空（0 字节）") {
		t.Errorf("0-byte file: %s", msg)
	}
	if fi, _ := os.Stat(c.db); fi.Size() != 0 {
		t.Fatal("the empty file was made into a data file")
	}

	c = demoTerm(t)
	backup := filepath.Join(t.TempDir(), "b.db")
	c.ok("backup", backup)
	// Damage the meta page of the last commit.
	b, _ := bolt.Open(c.db, 0o600, &bolt.Options{ReadOnly: true})
	var page int
	b.View(func(tx *bolt.Tx) error { page = tx.ID() % 2; return nil })
	b.Close()
	f, _ := os.OpenFile(c.db, os.O_RDWR, 0)
	f.WriteAt([]byte("xxxxxxxx"), int64(page*os.Getpagesize()+40))
	f.Close()

	msg := c.refused("placement", "terminate", "XP2026-00001", "--reason", "测试")
	if !strings.Contains(msg, "已禁止写入") {
		t.Errorf("write to a damaged file: %s", msg)
	}
	if code := c.run("check"); code != ExitRefused || !strings.Contains(c.err.String(), "meta page") {
		t.Errorf("check of a damaged file: %d %s", code, c.err.String())
	}
	// The damaged file's accounts are not asked: the backup's office account restores.
	out := c.ok("restore", backup)
	if !strings.Contains(out, "保留为") || !strings.Contains(c.err.String(), "按备份中的研究生院账户授权") {
		t.Errorf("restore over a damaged file: %s %s", out, c.err.String())
	}
	if out := c.ok("audit", "--q", "file.restore", "--json"); !strings.Contains(out, `"authorised_by":"backup"`) {
		t.Errorf("restore authority not audited: %s", out)
	}
}

func TestRestoreAuthenticatesAgainstTheCurrentFile(t *testing.T) {
	c := demoTerm(t)
	backup := filepath.Join(t.TempDir(), "b.db")
	c.ok("backup", backup)
	// An account that exists only in the backup (its password known to whoever
	// made it) cannot replace a sound data file.
	c.env["SECONDMENT_NEW_PASSWORD"] = "另一个-password-2026"
	c.ok("user", "add", "--name", "intruder", "--role", "office")
	other := filepath.Join(t.TempDir(), "other.db")
	c.ok("backup", other)
	c.ok("passwd") // admin's password changes in the current file only
	c.env["SECONDMENT_PASSWORD"] = c.env["SECONDMENT_NEW_PASSWORD"]
	c.ok("user", "add", "--name", "x1", "--role", "bureau")

	// admin with the old password (valid in the backups): refused now.
	c.env["SECONDMENT_PASSWORD"] = "admin-密码"
	if msg := c.refused("restore", backup); msg == "" {
		t.Error("an old password restored over a sound file")
	}
	// With the current password it works, recorded as authorised by the current file.
	c.env["SECONDMENT_PASSWORD"] = c.env["SECONDMENT_NEW_PASSWORD"]
	c.ok("restore", backup)
	c.env["SECONDMENT_PASSWORD"] = "admin-密码" // the restored file's own password
	if out := c.ok("audit", "--q", "file.restore", "--json"); !strings.Contains(out, `"authorised_by":"current"`) {
		t.Errorf("restore authority not audited: %s", out)
	}
}

// TestOptionErrorAboveUsage: a command that answers a bad option with its
// usage line still says which option was wrong.
func TestOptionErrorAboveUsage(t *testing.T) {
	c := demoTerm(t)
	if code := c.run("stats", "--year", "明年"); code != ExitUsage || !strings.Contains(c.err.String(), "选项 --year 的值“明年”无效") ||
		!strings.Contains(c.err.String(), "用法") {
		t.Errorf("exit %d: %s", code, c.err.String())
	}
}
