package dispatch

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"secondment/model"
	"secondment/storage"
)

// reopen closes the fixture's file and opens it in a new Service, as a new
// process would: no key held.
func (f *fixture) reopen() *Service {
	f.t.Helper()
	path := f.db.Path()
	f.db.Close()
	db, err := storage.Open(path, storage.Options{NoSync: true})
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { db.Close() })
	f.db = db
	s := New(db)
	s.hasher = testHasher
	s.Now = func() time.Time { return f.now }
	return s
}

// personal returns every ID number and mobile the fixture's students hold.
func (f *fixture) personal() []string {
	f.t.Helper()
	var out []string
	for _, st := range noErr(f.s.Students(f.admin, StudentFilter{})) {
		out = append(out, st.IDNumber, st.Mobile)
	}
	return out
}

func TestRawFileHoldsNoPersonalData(t *testing.T) {
	f := newFixture(t)
	st := noErr(f.s.Student(f.admin, wzu, "WZU2025002"))
	st.Mobile = "13987654321"
	noErr(f.s.UpdateStudent(f.admin, st))
	f.place(wzu, "WZU2025001", platA, model.Arrived)
	secrets := f.personal()
	if len(secrets) != 8 || !strings.Contains(strings.Join(secrets, ","), "13987654321") {
		t.Fatalf("personal data read back: %v", secrets)
	}
	// The office still finds a student by a fragment of the ID number and mobile.
	if got := noErr(f.s.Students(f.admin, StudentFilter{Q: secrets[0][10:]})); len(got) != 1 {
		t.Errorf("search by the end of an ID number found %d", len(got))
	}
	if got := noErr(f.s.Students(f.admin, StudentFilter{Q: "87654321"})); len(got) != 1 {
		t.Errorf("search by mobile found %d", len(got))
	}
	path := f.db.Path()
	f.db.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secrets {
		for _, needle := range []string{s, s[:len(s)-1], s[3:], s[len(s)-8:]} {
			if bytes.Contains(raw, []byte(needle)) {
				t.Errorf("the data file holds %q (of %q) in clear", needle, s)
			}
		}
	}
	// The masked forms are there: they are what HR, students and the bureau see.
	if !bytes.Contains(raw, []byte(model.MaskMobile(secrets[1]))) {
		t.Errorf("masked mobile %s not stored", model.MaskMobile(secrets[1]))
	}
	t.Logf("%d bytes scanned; none of %d ID numbers and mobiles found", len(raw), len(secrets))
}

func TestMigrationEncryptsAtFirstOfficeLogin(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := storage.Open(path, storage.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	hash, _ := testHasher.Hash("old-office-pass")
	st := model.Student{Number: "WZU2020001", Name: "旧生", Gender: "male", University: wzu, School: "学院", Major: "专业",
		Degree: "master", DegreeType: "academic", EnrolmentYear: 2020, Supervisor: "导师", Mobile: "13811112222",
		IDNumber: "33030220020315001" + string(model.IDCheckChar("33030220020315001"))}
	err = db.Update(func(tx model.Tx) error { // a file as an older version wrote it
		tx.PutUniversity(model.University{Name: wzu})
		tx.PutUser(model.User{Name: "admin", Role: model.Office, PasswordHash: hash})
		tx.PutUser(model.User{Name: "hr", Role: model.PlatformHR, Platform: platA, PasswordHash: hash})
		after, _ := json.Marshal(st)
		tx.AppendAudit(&model.AuditEntry{Actor: "admin", Op: "student.create", Record: "student/" + wzu + "/" + st.Number, After: after})
		tx.AppendAudit(&model.AuditEntry{Actor: "admin", Op: "user.login", Record: "user/admin"})
		return tx.PutStudent(st)
	})
	if err != nil {
		t.Fatal(err)
	}
	s := New(db)
	s.hasher = testHasher
	rep := noErr(s.Check())
	if n := strings.Join(rep.Notes, "\n"); !strings.Contains(n, "1 students keep their ID number or mobile in clear") ||
		!strings.Contains(n, "1 audit entries keep a student's ID number or mobile in clear") {
		t.Errorf("check before migration notes %q", rep.Notes)
	}
	hr := noErr(s.Login("hr", "old-office-pass"))
	if got := noErr(s.Students(hr, StudentFilter{})); len(got) != 0 {
		t.Errorf("hr sees %v", got)
	}
	admin := noErr(s.Login("admin", "old-office-pass"))
	if got := noErr(s.Student(admin, wzu, st.Number)); got.IDNumber != st.IDNumber || got.Mobile != st.Mobile {
		t.Errorf("after migration the office reads %s %s", got.IDNumber, got.Mobile)
	}
	db.View(func(tx model.Tx) error {
		at, _ := tx.Student(wzu, st.Number)
		if at.Sealed == nil || at.Mobile != "138****2222" || at.IDNumber != model.MaskIDNumber(st.IDNumber) {
			t.Errorf("stored after migration: %+v", at)
		}
		return tx.EachUser(func(u model.User) error {
			if u.Seal == "" || (u.Role == model.Office) != (u.KeyWrap != "") {
				t.Errorf("account %s after migration: seal %q wrap %q", u.Name, u.Seal, u.KeyWrap)
			}
			return nil
		})
	})
	if log := noErr(s.AuditLog(admin, "file.encrypt", 0)); len(log) != 1 || !strings.Contains(string(log[0].After), `"students":1`) {
		t.Errorf("migration audit: %+v", log)
	}
	// The audit log's copy of the student is sealed too, and still shown to the office.
	db.View(func(tx model.Tx) error {
		return tx.EachAudit(func(e model.AuditEntry) error {
			if strings.Contains(string(e.After), st.Mobile) || strings.Contains(string(e.After), st.IDNumber) {
				t.Errorf("audit entry #%d keeps personal data in clear: %s", e.Seq, e.After)
			}
			return nil
		})
	})
	if log := noErr(s.AuditLog(admin, "student.create", 0)); len(log) != 1 || !strings.Contains(string(log[0].After), st.Mobile) {
		t.Errorf("the office's audit log: %+v", log)
	}
	rep = noErr(s.Check())
	if !rep.OK() || len(rep.Notes) > 0 {
		t.Errorf("check after migration: %+v", rep)
	}
	// Nor do the pages the clear records used keep them: nothing else read
	// the file, so the migration overwrote them at once.
	db.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{st.Mobile, st.IDNumber} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("after the migration the file still holds %s in a freed page", secret)
		}
	}
}

// editRaw changes the data file behind the program's back with bbolt itself.
func editRaw(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func TestOutsideEditOfAnAccountDetected(t *testing.T) {
	f := newFixture(t)
	path := f.db.Path()
	f.db.Close()
	// Lift the university limit of wzu_office and move hr_a to platform B.
	editRaw(t, path, func(tx *bolt.Tx) error {
		users := tx.Bucket([]byte("users"))
		for name, change := range map[string]func(m map[string]any){
			"wzu_office": func(m map[string]any) { delete(m, "university") },
			"hr_a":       func(m map[string]any) { m["platform"] = platB },
		} {
			var m map[string]any
			json.Unmarshal(users.Get([]byte(name)), &m)
			change(m)
			b, _ := json.Marshal(m)
			if err := users.Put([]byte(name), b); err != nil {
				return err
			}
		}
		return nil
	})
	s := f.reopen()
	wantKey(t, second(s.Login("wzu_office", "good-pass-1")), "key.account_altered")
	if s.Unlocked() {
		t.Error("a refused office login left the key unlocked")
	}
	noErr(s.Login("admin", "管理员密码123"))
	wantKey(t, second(s.Login("hr_a", "good-pass-1")), "key.account_altered")
	noErr(s.Login("hr_b", "good-pass-1")) // untouched accounts log in
	rep := noErr(s.Check())
	got := strings.Join(rep.Records, "\n")
	for _, name := range []string{"wzu_office", "hr_a"} {
		if !strings.Contains(got, "account "+name+" was changed outside the program") {
			t.Errorf("check misses the edit of %s: %q", name, rep.Records)
		}
	}
	if strings.Contains(got, "hr_b") || rep.OK() {
		t.Errorf("check report %+v", rep)
	}
}

// The password hash is sealed too: an account given a hash of a password the
// editor knows is refused, and a password changes only where the key is held.
func TestOutsideEditOfAPasswordDetected(t *testing.T) {
	f := newFixture(t)
	path := f.db.Path()
	f.db.Close()
	known, _ := testHasher.Hash("the-editor-knows-1")
	editRaw(t, path, func(tx *bolt.Tx) error {
		users := tx.Bucket([]byte("users"))
		var m map[string]any
		json.Unmarshal(users.Get([]byte("hr_b")), &m)
		m["password_hash"] = known
		b, _ := json.Marshal(m)
		return users.Put([]byte("hr_b"), b)
	})
	s := f.reopen()
	noErr(s.Login("admin", "管理员密码123"))
	wantKey(t, second(s.Login("hr_b", "the-editor-knows-1")), "key.account_altered")
	if rep := noErr(s.Check()); !strings.Contains(strings.Join(rep.Records, "\n"), "account hr_b was changed outside the program") {
		t.Errorf("check misses the new hash: %q", rep.Records)
	}
	// Without an office login in this process, the key is not held: HR logs
	// in, but cannot change its password here.
	s = f.reopen()
	hr := noErr(s.Login("hr_a", "good-pass-1"))
	wantKey(t, s.ChangePassword(hr, "good-pass-1", "a-new-good-pass-2"), "key.password_needs_key")
	noErr(s.Login("admin", "管理员密码123"))
	if err := s.ChangePassword(hr, "good-pass-1", "a-new-good-pass-2"); err != nil {
		t.Fatal(err)
	}
	noErr(s.Login("hr_a", "a-new-good-pass-2"))
}

// Seals written before they covered the password hash are accepted, and the
// first office login renews them all, in one audited transaction.
func TestLegacySealsRenewedAtOfficeLogin(t *testing.T) {
	f := newFixture(t)
	var legacy map[string]string
	f.s.raw.View(func(tx model.Tx) error {
		legacy = map[string]string{}
		return tx.EachUser(func(u model.User) error { legacy[u.Name] = f.s.vault.legacySeal(u); return nil })
	})
	path := f.db.Path()
	f.db.Close()
	editRaw(t, path, func(tx *bolt.Tx) error { // as the previous version sealed them
		users := tx.Bucket([]byte("users"))
		for name, seal := range legacy {
			var m map[string]any
			json.Unmarshal(users.Get([]byte(name)), &m)
			m["seal"] = seal
			b, _ := json.Marshal(m)
			if err := users.Put([]byte(name), b); err != nil {
				return err
			}
		}
		return nil
	})
	s := f.reopen()
	admin := noErr(s.Login("admin", "管理员密码123"))
	noErr(s.Login("hr_a", "good-pass-1"))
	s.raw.View(func(tx model.Tx) error {
		return tx.EachUser(func(u model.User) error {
			if !strings.HasPrefix(u.Seal, sealV2) || !s.vault.sealOK(u) {
				t.Errorf("account %s after the office login: seal %q", u.Name, u.Seal)
			}
			return nil
		})
	})
	if log := noErr(s.AuditLog(admin, "key.reseal", 0)); len(log) != 1 || !strings.Contains(string(log[0].After), `"hr_a"`) {
		t.Errorf("renewal audit: %+v", log)
	}
	if rep := noErr(s.Check()); !rep.OK() {
		t.Errorf("check after renewal: %+v", rep)
	}
}

func TestRecomputedAuditChainDetected(t *testing.T) {
	f := newFixture(t)
	path := f.db.Path()
	f.db.Close()
	// Rewrite who made entry #3 and recompute the plain SHA-256 chain from there,
	// head included: the chain is consistent again.
	editRaw(t, path, func(tx *bolt.Tx) error {
		audit := tx.Bucket([]byte("audit"))
		prev := ""
		var seq uint64
		c := audit.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var e model.AuditEntry
			json.Unmarshal(v, &e)
			if e.Seq == 3 {
				e.Actor = "someone_else"
			}
			if e.Seq >= 3 {
				e.Prev = prev
				e.Hash = e.ComputeHash()
			}
			b, _ := json.Marshal(e)
			if err := audit.Put(k, b); err != nil {
				return err
			}
			prev, seq = e.Hash, e.Seq
		}
		head := make([]byte, 8)
		binary.BigEndian.PutUint64(head, seq)
		return tx.Bucket([]byte("meta")).Put([]byte("audit_head"), append(head, prev...))
	})
	s := f.reopen()
	rep := noErr(s.Check())
	if len(rep.Audit) > 0 || !strings.Contains(strings.Join(rep.Notes, ""), "cli.seals_unverified") {
		t.Fatalf("without the key the plain chain holds, and check says what it could not verify: %+v", rep)
	}
	noErr(s.Login("admin", "管理员密码123"))
	rep = noErr(s.Check())
	if len(rep.Audit) == 0 || !strings.Contains(rep.Audit[0], "audit entry #3 does not carry the program's seal") {
		t.Errorf("recomputed chain not detected: %q", rep.Audit)
	}
}

func TestPasswordChangeRewrapsTheKey(t *testing.T) {
	f := newFixture(t)
	wrapOf := func(name string) string {
		var u model.User
		f.db.View(func(tx model.Tx) (err error) { u, err = tx.User(name); return err })
		return u.KeyWrap
	}
	key := f.s.vault.dataKey()
	if err := f.s.ChangePassword(f.admin, "管理员密码123", "新的管理员密码456"); err != nil {
		t.Fatal(err)
	}
	if _, err := unwrapKey(wrapOf("admin"), "admin", "管理员密码123"); err == nil {
		t.Error("the old password still unwraps the key")
	}
	if k, err := unwrapKey(wrapOf("admin"), "admin", "新的管理员密码456"); err != nil || !bytes.Equal(k, key) {
		t.Errorf("the new password does not unwrap the key: %v", err)
	}
	if err := f.s.ResetPassword(f.admin, "wzu_office", "reset-pass-99"); err != nil {
		t.Fatal(err)
	}
	if _, err := unwrapKey(wrapOf("wzu_office"), "wzu_office", "good-pass-1"); err == nil {
		t.Error("the reset account's old password still unwraps the key")
	}
	// A wrap copied onto another account does not open.
	if _, err := unwrapKey(wrapOf("admin"), "wzu_office", "新的管理员密码456"); err == nil {
		t.Error("a wrap opens for another account")
	}
	// Non-office accounts hold no wrap.
	if w := wrapOf("hr_a"); w != "" {
		t.Errorf("HR holds a wrap %q", w)
	}
	s := f.reopen()
	wzuOff := noErr(s.Login("wzu_office", "reset-pass-99"))
	if !s.Unlocked() {
		t.Fatal("the reset password does not unlock")
	}
	if got := noErr(s.Student(wzuOff, wzu, "WZU2025001")); strings.Contains(got.Mobile, "*") {
		t.Errorf("office reads %s", got.Mobile)
	}
}

func TestMaskingWithAndWithoutTheKey(t *testing.T) {
	f := newFixture(t)
	f.place(wzu, "WZU2025001", platA, model.Arrived)
	full := noErr(f.s.Student(f.admin, wzu, "WZU2025001"))
	s := f.reopen()
	hr := noErr(s.Login("hr_a", "good-pass-1"))
	stu := noErr(s.Login("stu_zs", "good-pass-1"))
	see := func(sess *Session) model.Student {
		t.Helper()
		list := noErr(s.Students(sess, StudentFilter{}))
		if len(list) != 1 {
			t.Fatalf("%s sees %d students", sess.user.Name, len(list))
		}
		return list[0]
	}
	// No office login in this process: the key is locked, both see masked forms.
	for _, sess := range []*Session{hr, stu} {
		if got := see(sess); got.Mobile != model.MaskMobile(full.Mobile) || got.IDNumber != model.MaskIDNumber(full.IDNumber) {
			t.Errorf("%s without the key sees %s %s", sess.user.Name, got.Mobile, got.IDNumber)
		}
	}
	// Writing personal data needs the key: nothing else could write it sealed.
	if err := s.vault.seal(&model.Student{Number: "x", University: wzu, Mobile: "13800000000"}); err == nil {
		t.Error("sealing without the key")
	}
	// Once an office account logs in to the process (the served portal), the policy applies in full.
	noErr(s.Login("admin", "管理员密码123"))
	if got := see(hr); got.Mobile != full.Mobile || got.IDNumber != model.MaskIDNumber(full.IDNumber) {
		t.Errorf("HR with the key unlocked sees %s %s", got.Mobile, got.IDNumber)
	}
	if got := see(stu); got.Mobile != full.Mobile || got.IDNumber != model.MaskIDNumber(full.IDNumber) {
		t.Errorf("the student with the key unlocked sees %s %s", got.Mobile, got.IDNumber)
	}
}

func TestCiphertextBoundToRecordAndField(t *testing.T) {
	f := newFixture(t)
	var a, b model.Student
	f.db.View(func(tx model.Tx) error {
		a, _ = tx.Student(wzu, "WZU2025001")
		b, _ = tx.Student(wzu, "WZU2025002")
		return nil
	})
	a.Sealed.Mobile = b.Sealed.Mobile // another record's ciphertext
	if err := f.s.vault.open(&a); model.ErrorCode(err) != model.ECorrupt {
		t.Errorf("a moved ciphertext opens: %v", err)
	}
	b.Sealed.Mobile = b.Sealed.IDNumber // another field's
	if err := f.s.vault.open(&b); model.ErrorCode(err) != model.ECorrupt {
		t.Errorf("a ciphertext of another field opens: %v", err)
	}
}

func TestLastKeyHolderCannotBeDisabled(t *testing.T) {
	f := newFixture(t)
	f.user("office2", model.Office, "", "", "")
	f.user("office3", model.Office, "", "", "")
	// Leave office2 and office3 the only accounts holding a wrap (as after a
	// migration, when other office accounts have not yet got theirs).
	f.db.Update(func(tx model.Tx) error {
		for _, n := range []string{"admin", "wzu_office"} {
			u, _ := tx.User(n)
			u.KeyWrap = ""
			if err := tx.PutUser(u); err != nil {
				return err
			}
		}
		return nil
	})
	must(t, f.s.SetUserDisabled(f.admin, "office3", true))
	wantKey(t, f.s.SetUserDisabled(f.admin, "office2", true), "user.last_key")
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// noErr returns v, failing the test (by panicking) on err; it takes a call's
// two results directly.
func noErr[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// BenchmarkOpenStudent is the decryption a sealed student adds to the search
// index load (its ID number and mobile), per student.
func BenchmarkOpenStudent(b *testing.B) {
	v := &vault{}
	key, _ := newDataKey()
	v.set(key)
	st := model.Student{Number: "WZU2025001", University: wzu, Mobile: "13812345678", IDNumber: "330302200203150010"}
	if err := v.seal(&st); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		c := st
		if err := v.open(&c); err != nil || c.Mobile != "13812345678" {
			b.Fatal(err)
		}
	}
}

func TestLoadedOfficeAccountHoldsTheKey(t *testing.T) {
	// A dataset's office account gets its wrap like one added by hand.
	db2, err := storage.Open(filepath.Join(t.TempDir(), "ds.db"), storage.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	s := New(db2)
	s.hasher = testHasher
	admin := noErr(s.Bootstrap("admin", "管理员密码123", ""))
	noErr(s.LoadDataset(admin, Dataset{Universities: []model.University{{Name: wzu}},
		Users: []NewUser{{Name: "office2", Password: "good-pass-1", Role: model.Office}}}, "test"))
	s2 := New(db2)
	s2.hasher = testHasher
	noErr(s2.Login("office2", "good-pass-1"))
	if !s2.Unlocked() {
		t.Error("a loaded office account does not unlock")
	}
}

func TestEntriesWrittenWithoutTheKey(t *testing.T) {
	f := newFixture(t)
	key := f.s.vault.dataKey()
	s := f.reopen()
	// A restore is recorded by the restoring program, which may hold no key
	// of the restored file; HR acts in a process without the key; a failed
	// login is recorded without it.
	must(t, s.RecordRestore(f.admin, "b.db", "old.db", RestoreByCurrent))
	noErr(s.Login("hr_a", "good-pass-1"))
	if _, err := s.Login("admin", "wrong-password-1"); err == nil {
		t.Fatal("a wrong password logs in")
	}
	s.vault.set(key) // as `check` with an office login on a read-only file: nothing sealed since
	if rep := noErr(s.Check()); !rep.OK() {
		t.Errorf("entries made without the key: %+v", rep)
	}
	// An office change never goes unsealed: one that is (its seal stripped) is reported.
	path := f.db.Path()
	f.db.Close()
	editRaw(t, path, func(tx *bolt.Tx) error {
		audit := tx.Bucket([]byte("audit"))
		k, v := audit.Cursor().Last()
		var e model.AuditEntry
		json.Unmarshal(v, &e)
		e.Op, e.Actor = "user.disable", "admin"
		e.Hash = e.ComputeHash()
		b, _ := json.Marshal(e)
		head := append(append([]byte(nil), k...), e.Hash...)
		if err := tx.Bucket([]byte("meta")).Put([]byte("audit_head"), head); err != nil {
			return err
		}
		return audit.Put(k, b)
	})
	s = f.reopen()
	s.vault.set(key)
	if rep := noErr(s.Check()); len(rep.Audit) != 1 || !strings.Contains(rep.Audit[0], "by an office account lacks its seal") {
		t.Errorf("an unsealed office change: %q", rep.Audit)
	}
}
