package dispatch

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"secondment/i18n"
	"secondment/model"
	"secondment/storage"
)

func TestPasswordPolicy(t *testing.T) {
	for _, c := range []struct {
		name, user, pw string
		key            string // "" when accepted
	}{
		{"seven letters", "clerk", "abcdefg", "password.short"},
		{"four Chinese characters are 12 bytes but 4 characters", "clerk", "研究生院", "password.short"},
		{"eight Chinese characters", "clerk", "研究生院管理员甲", ""},
		{"the user name", "wangfang88", "wangfang88", "password.is_name"},
		{"the user name in other case", "WangFang88", "wangfang88", "password.is_name"},
		{"common", "clerk", "12345678", "password.common"},
		{"common in other case", "clerk", "PassWord123", "password.common"},
		{"common Chinese habit", "clerk", "woaini1314", "password.common"},
		{"too long", "clerk", strings.Repeat("长", MaxPasswordLen+1), "field.too_long"},
		{"a passphrase", "clerk", "瓯江边的研究生 2026", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := checkPassword(c.user, c.pw)
			if c.key == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			wantCode(t, err, model.EInvalid)
			wantKey(t, err, c.key)
		})
	}
}

// auditOps returns the operations of the audit log, oldest first.
func (f *fixture) auditOps() []string {
	f.t.Helper()
	var ops []string
	err := f.db.View(func(tx model.Tx) error {
		return tx.EachAudit(func(e model.AuditEntry) error { ops = append(ops, e.Op+" "+e.Record); return nil })
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return ops
}

func (f *fixture) lastAudit() string {
	ops := f.auditOps()
	return ops[len(ops)-1]
}

// TestLoginThrottling walks one account through the policy on the fixture's
// clock: free tries, growing waits, the lockout, the office's unlock.
func TestLoginThrottling(t *testing.T) {
	f := newFixture(t)
	type try struct {
		advance time.Duration // clock moves first
		pw      string
		key     string // refusal key, "" for success
	}
	good, bad := "good-pass-1", "wrong-guess"
	var tries []try
	for i := 1; i < model.SlowAfter; i++ {
		tries = append(tries, try{0, bad, "login.failed"}) // failures 1–4 cost nothing
	}
	tries = append(tries,
		try{0, bad, "login.failed"},               // the fifth: now wait 15 s
		try{0, good, "login.wait"},                // even the right password waits, uncounted
		try{14 * time.Second, good, "login.wait"}, //
		try{time.Second, bad, "login.failed"},     // sixth: 30 s
		try{29 * time.Second, bad, "login.wait"},  //
		try{time.Second, good, ""},                // the right one after the wait: count cleared
		try{0, bad, "login.failed"},               // one failure: no wait
		try{0, good, ""},                          //
	)
	for i, c := range tries {
		f.now = f.now.Add(c.advance)
		_, err := f.s.Login("hr_a", c.pw)
		if c.key == "" {
			if err != nil {
				t.Fatalf("try %d: %v", i, err)
			}
			continue
		}
		wantCode(t, err, model.EUnauthorized)
		wantKey(t, err, c.key)
	}
	// Ten failures in a row lock the account for 15 minutes.
	for i := 1; i <= model.LockAfter; i++ {
		f.now = f.now.Add(model.LoginDelay(i - 1))
		if _, err := f.s.Login("hr_a", bad); wantKey(t, err, "login.failed") == nil {
			t.Fatal()
		}
	}
	_, err := f.s.Login("hr_a", good)
	if e := wantKey(t, err, "login.locked"); e.Args[0] != 15 {
		t.Fatalf("locked for %v minutes; want 15", e.Args[0])
	}
	if !strings.Contains(i18n.Message(i18n.Zh, err), "15 分钟") {
		t.Errorf("message: %s", i18n.Message(i18n.Zh, err))
	}
	users, _ := f.s.Users(f.admin)
	for _, u := range users {
		if u.Name == "hr_a" && (!u.Locked(f.now) || u.FailedLogins != model.LockAfter) {
			t.Fatalf("users list: %+v", u)
		}
	}
	// The office unlocks (audited); a university-limited office may not unlock HR.
	wantCode(t, f.s.Unlock(f.wzuOff, "hr_a"), model.EForbidden)
	wantCode(t, f.s.Unlock(f.hrB, "hr_a"), model.EForbidden)
	if err := f.s.Unlock(f.admin, "hr_a"); err != nil {
		t.Fatal(err)
	}
	if got := f.lastAudit(); got != "user.unlock user/hr_a" {
		t.Fatalf("last audit entry %q", got)
	}
	wantCode(t, f.s.Unlock(f.admin, "hr_a"), model.EConflict)
	if _, err := f.s.Login("hr_a", good); err != nil {
		t.Fatalf("after unlock: %v", err)
	}
	// A name with no account is throttled the same way, in memory.
	for i := 0; i < model.SlowAfter; i++ {
		f.s.Login("nobody", bad)
	}
	_, err = f.s.Login("nobody", bad)
	wantKey(t, err, "login.wait")
}

// TestThrottlingSurvivesRestart: the failures are in the file, so a new
// process (here: the file closed and opened again by a new Service) still
// makes the next try wait, and the lockout ends on the clock, not on a restart.
func TestThrottlingSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	open := func() (*Service, *storage.DB) {
		db, err := storage.Open(path, storage.Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		s := New(db)
		s.hasher = testHasher
		s.Now = func() time.Time { return now }
		return s, db
	}
	s, db := open()
	if _, err := s.Bootstrap("admin", "研究生院管理员甲", "温州大学"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for i := 0; i < model.LockAfter; i++ {
		s, db := open() // one process per guess, as a script of commands would
		_, err := s.Login("admin", "guess-"+string(rune('a'+i)))
		wantKey(t, err, "login.failed")
		db.Close()
		now = now.Add(model.LoginDelay(i + 1))
	}
	now = now.Add(-model.LoginDelay(model.LockAfter) + time.Minute) // a minute after the tenth failure
	s, db = open()
	_, err := s.Login("admin", "研究生院管理员甲")
	wantKey(t, err, "login.locked")
	db.Close()
	now = now.Add(model.LockFor)
	s, db = open()
	defer db.Close()
	sess, err := s.Login("admin", "研究生院管理员甲")
	if err != nil {
		t.Fatalf("after the lockout: %v", err)
	}
	// Bootstrap recorded the university too.
	if us, _ := s.Universities(sess); len(us) != 1 || us[0].Name != "温州大学" {
		t.Fatalf("universities after bootstrap: %+v", us)
	}
}

func TestAccountsReset(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct {
		name      string
		sess      *Session
		user, pw  string
		code, key string
	}{
		{"HR may not", f.hrA, "hr_b", "另一个好的新密码", model.EForbidden, "forbidden.users"},
		{"a university office may not reset HR", f.wzuOff, "hr_a", "另一个好的新密码", model.EForbidden, "forbidden.user_scope"},
		{"your own goes through passwd", f.admin, "admin", "另一个好的新密码", model.EInvalid, "user.reset_self"},
		{"weak", f.admin, "hr_a", "12345678", model.EInvalid, "password.common"},
		{"the user name", f.admin, "hr_a", "hr_a", model.EInvalid, "password.short"},
		{"unknown", f.admin, "nobody", "另一个好的新密码", model.ENotFound, "user.not_found"},
		{"a university office resets its student", f.wzuOff, "stu_zs", "学生自己的新密码", "", ""},
		{"the office resets HR", f.admin, "hr_a", "另一个好的新密码", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := f.s.ResetPassword(c.sess, c.user, c.pw)
			if c.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				if got := f.lastAudit(); got != "user.reset_password user/"+c.user {
					t.Fatalf("audit %q", got)
				}
				return
			}
			wantCode(t, err, c.code)
			wantKey(t, err, c.key)
		})
	}
	if _, err := f.s.Login("hr_a", "good-pass-1"); err == nil {
		t.Fatal("the old password still works")
	}
	sess, err := f.s.Login("hr_a", "另一个好的新密码")
	if err != nil || !sess.MustChangePassword() {
		t.Fatalf("after a reset: %v, must change %v", err, sess != nil && sess.MustChangePassword())
	}
	if err := f.s.ChangePassword(sess, "另一个好的新密码", "自己选的一个密码"); err != nil || sess.MustChangePassword() {
		t.Fatalf("change: %v", err)
	}
	if sess, err = f.s.Login("hr_a", "自己选的一个密码"); err != nil || sess.MustChangePassword() {
		t.Fatalf("after the change: %v", err)
	}
}

func TestWeakExistingPasswordMustChange(t *testing.T) {
	f := newFixture(t)
	hash, _ := testHasher.Hash("abc")
	// A weak password an older version let an account keep: stored through
	// the program, so sealed (an edit of the file itself is refused).
	err := f.s.store.Update(func(tx model.Tx) error {
		u, _ := tx.User("hr_a")
		u.PasswordHash = hash
		return tx.PutUser(u)
	})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := f.s.Login("hr_a", "abc")
	if err != nil || !sess.MustChangePassword() {
		t.Fatalf("weak password: %v, must change %v", err, sess != nil && sess.MustChangePassword())
	}
	wantKey(t, f.s.ChangePassword(sess, "abc", "abcdefg"), "password.short")
	if err := f.s.ChangePassword(sess, "abc", "温州的一个好密码"); err != nil || sess.MustChangePassword() {
		t.Fatal(err)
	}
}

func TestDisableAccounts(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct {
		name      string
		sess      *Session
		user      string
		disabled  bool
		code, key string
	}{
		{"HR may not", f.hrA, "hr_b", true, model.EForbidden, "forbidden.users"},
		{"a university office may not disable HR", f.wzuOff, "hr_a", true, model.EForbidden, "forbidden.user_scope"},
		{"nobody disables themself", f.admin, "admin", true, model.ERule, "user.disable_self"},
		{"the last office account for all universities", f.wzuOff, "admin", true, model.EForbidden, "forbidden.user_scope"},
		{"enable an enabled account", f.admin, "hr_a", false, model.EConflict, "user.already_enabled"},
		{"disable HR", f.admin, "hr_a", true, "", ""},
		{"again", f.admin, "hr_a", true, model.EConflict, "user.already_disabled"},
		{"a university office disables its student", f.wzuOff, "stu_zs", true, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := f.s.SetUserDisabled(c.sess, c.user, c.disabled)
			if c.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantCode(t, err, c.code)
			wantKey(t, err, c.key)
		})
	}
	// A session opened before the account was disabled can change nothing more.
	p := f.place(wzu, "WZU2025001", platA, model.Dispatched)
	_, _, err := f.s.SetSupervisor(f.hrA, p.No, "平台导师乙")
	wantKey(t, err, "session.disabled")
	if got, _ := f.s.Placement(f.admin, p.No); got.Supervisor != "" {
		t.Fatalf("a disabled session changed the supervisor to %s", got.Supervisor)
	}
	// A disabled account cannot log in; a wrong password does not reveal it.
	_, err = f.s.Login("hr_a", "good-pass-1")
	wantKey(t, err, "login.disabled")
	_, err = f.s.Login("hr_a", "wrong-guess")
	wantKey(t, err, "login.failed")
	if err := f.s.SetUserDisabled(f.admin, "hr_a", false); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Login("hr_a", "good-pass-1"); err != nil {
		t.Fatal(err)
	}
	// The last enabled office account for all universities stays.
	second := f.user("admin2", model.Office, "", "", "")
	if err := f.s.SetUserDisabled(second, "admin", true); err != nil {
		t.Fatal(err)
	}
	wantKey(t, f.s.SetUserDisabled(f.admin, "admin2", true), "user.last_office")
	users, err := f.s.Users(f.admin)
	if err != nil {
		t.Fatal(err)
	}
	state := map[string]model.User{}
	for _, u := range users {
		if u.PasswordHash != "" {
			t.Fatalf("Users shows a hash for %s", u.Name)
		}
		state[u.Name] = u
	}
	if !state["admin"].Disabled || state["hr_a"].Disabled || !state["hr_a"].LastLogin.Equal(f.now.UTC()) {
		t.Fatalf("users: admin %+v, hr_a %+v", state["admin"], state["hr_a"])
	}
}

// TestSignInAudit: logins, failures, logouts, exports and printings are in
// the audit log.
func TestSignInAudit(t *testing.T) {
	f := newFixture(t)
	p := f.place(wzu, "WZU2025001", platA, model.Approved)
	f.s.Login("hr_a", "wrong-guess")
	sess, err := f.s.Login("hr_a", "good-pass-1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.PrintAgreement(sess, p.No); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RecordExport(sess, "students", 3, sess.ExportMasked()); err != nil {
		t.Fatal(err)
	}
	if err := f.s.Logout(sess); err != nil {
		t.Fatal(err)
	}
	ops := f.auditOps()
	want := []string{"user.login_failed user/hr_a", "user.login user/hr_a", "agreement.print placement/" + p.No,
		"export export/students", "user.logout user/hr_a"}
	got := ops[len(ops)-len(want):]
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("audit tail %q; want %q", got, want)
	}
	if !sess.ExportMasked() || f.admin.ExportMasked() {
		t.Fatal("export masking")
	}
}

// TestAgreementCarriesTheContract: every party prints the same terms (so the
// same verification code), unmasked, while lists stay masked.
func TestAgreementCarriesTheContract(t *testing.T) {
	f := newFixture(t)
	p := f.place(wzu, "WZU2025001", platA, model.Arrived)
	var codes []string
	for _, sess := range []*Session{f.admin, f.wzuOff, f.hrA, f.stu} {
		a, err := f.s.PrintAgreement(sess, p.No)
		if err != nil {
			t.Fatalf("%s: %v", sess.user.Name, err)
		}
		if strings.Contains(a.Student.IDNumber, "*") || strings.Contains(a.Student.Mobile, "*") {
			t.Errorf("%s's agreement is masked: %s %s", sess.user.Name, a.Student.IDNumber, a.Student.Mobile)
		}
		codes = append(codes, a.Code())
	}
	for _, c := range codes[1:] {
		if c != codes[0] {
			t.Fatalf("codes differ by who prints: %v", codes)
		}
	}
	_, err := f.s.PrintAgreement(f.hrB, p.No)
	wantCode(t, err, model.ENotFound) // another platform's, as if there were none
	_, err = f.s.PrintAgreement(f.bureau, p.No)
	wantCode(t, err, model.EForbidden)
}

func TestDuplicateIDNumber(t *testing.T) {
	f := newFixture(t)
	zs, _ := f.s.Student(f.admin, wzu, "WZU2025001")
	ww, _ := f.s.Student(f.admin, wmu, "WMU2025001")
	twin := zs
	twin.Number, twin.Name, twin.Mobile, twin.Email = "WZU2025099", "张三同号", "13800000099", "x@example.edu.cn"
	_, err := f.s.AddStudent(f.admin, twin)
	wantCode(t, err, model.EConflict)
	if e := wantKey(t, err, "student.id_taken"); e.Field != "id_number" || e.Args[1] != "WZU2025001" {
		t.Fatalf("refusal %+v", e)
	}
	// A university-limited office is not told whom another university's number belongs to.
	twin.IDNumber = ww.IDNumber
	_, err = f.s.AddStudent(f.wzuOff, twin)
	wantKey(t, err, "student.id_taken_elsewhere")
	// Updating a student to another's number is refused; keeping one's own is fine.
	other, _ := f.s.Student(f.admin, wzu, "WZU2025002")
	other.IDNumber = zs.IDNumber
	_, err = f.s.UpdateStudent(f.admin, other)
	wantKey(t, err, "student.id_taken")
	zs.Mobile = "13800000001"
	if _, err := f.s.UpdateStudent(f.admin, zs); err != nil {
		t.Fatal(err)
	}
	// The import helper: stored numbers and earlier rows.
	var holders map[string]string
	if err := f.db.View(func(tx model.Tx) (err error) { holders, err = f.s.idHolders(tx); return err }); err != nil || len(holders) != 4 {
		t.Fatalf("idHolders: %d, %v", len(holders), err)
	}
	if err := f.s.duplicateID(f.admin.user, holders, zs); err != nil {
		t.Fatalf("a student's own number: %v", err)
	}
	twin.IDNumber = "330302200203150993"
	twin.IDNumber = twin.IDNumber[:17] + string(model.IDCheckChar(twin.IDNumber[:17]))
	if err := f.s.duplicateID(f.admin.user, holders, twin); err != nil {
		t.Fatal(err)
	}
	row2 := twin
	row2.Number = "WZU2025100"
	wantKey(t, f.s.duplicateID(f.admin.user, holders, row2), "student.id_taken")
}

// TestMessagesCarryCodes: the service passes codes; the language renders them.
func TestMessagesCarryCodes(t *testing.T) {
	f := newFixture(t)
	_, err := f.s.SetPlatformStatus(f.admin, platA, "recognised", "复核")
	if msg := i18n.Message(i18n.En, err); !strings.Contains(msg, "Recognised") || strings.Contains(msg, "认定有效") {
		t.Errorf("en: %s", msg)
	}
	if msg := i18n.Message(i18n.Zh, err); !strings.Contains(msg, "认定有效") {
		t.Errorf("zh: %s", msg)
	}
	_, err = f.s.SetPlatformStatus(f.admin, platA, "closed", "x")
	if msg := i18n.Message(i18n.En, err); !strings.Contains(msg, "Recognised, Rectifying, Revoked") {
		t.Errorf("en choices: %s", msg)
	}
	f.place(wzu, "WZU2025001", platA, model.Approved)
	_, _, err = f.s.NewPlacement(f.admin, PlacementDraft{University: wzu, StudentNumber: "WZU2025001", Platform: platB,
		Start: model.MustDate("2026-12-01"), End: model.MustDate("2027-03-31"), Task: "x"})
	if msg := i18n.Message(i18n.En, err); !strings.Contains(msg, "Approved") {
		t.Errorf("en busy: %s", msg)
	}
}
