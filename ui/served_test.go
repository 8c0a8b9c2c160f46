package ui

import (
	"io"
	"log"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/model"
	"secondment/remote"
	"secondment/storage"
)

// server is a data file with sample data served over HTTP in-process, as
// `secondment serve` serves it; clock moves the server's sessions' time.
type server struct {
	t     *testing.T
	svc   *dispatch.Service
	srv   *httptest.Server
	mu    sync.Mutex
	clock time.Time
	// day is the service's clock (the rules' today).
	day time.Time
	// pins are the fingerprints windows asked to remember.
	pins []string
}

func newServer(t *testing.T, useTLS bool) *server {
	t.Helper()
	path := filepath.Join(t.TempDir(), "served.db")
	db, err := storage.Open(path, storage.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := dispatch.New(db)
	s := &server{t: t, svc: svc, clock: time.Now(), day: today}
	svc.Now = func() time.Time {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.day
	}
	sess, err := svc.Bootstrap("admin", "admin-密码-123", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.LoadDataset(sess, demo.Generate(200, 5, model.DateOf(today)), "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddUser(sess, dispatch.NewUser{Name: "clerk2", Password: "clerk2-密码-456", Role: model.Office}); err != nil {
		t.Fatal(err)
	}
	h := remote.NewHandler(svc, remote.Options{IdleTimeout: 15 * time.Minute, Now: s.now})
	s.srv = httptest.NewUnstartedServer(h)
	// Refused handshakes are what these tests make; not worth a log line.
	s.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	if useTLS {
		s.srv.StartTLS() // self-signed: nothing vouches for it
	} else {
		s.srv.Start()
	}
	t.Cleanup(s.srv.Close)
	return s
}

func (s *server) now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.clock
}

func (s *server) advance(d time.Duration) {
	s.mu.Lock()
	s.clock = s.clock.Add(d)
	s.mu.Unlock()
}

// fingerprint is the served certificate's.
func (s *server) fingerprint() string {
	return remote.Fingerprint(s.srv.Certificate().Raw)
}

// window opens a window on the server in app a (nil: a new test app), the
// client trusting given (or nothing), as cmd/secondment wires it.
func (s *server) window(a fyne.App, given, pinned string) *desk {
	t := s.t
	t.Helper()
	dial := func(fp string) (dispatch.API, error) {
		if fp == "" {
			fp = given
		}
		return remote.Dial(s.srv.URL, remote.DialOptions{Fingerprint: fp, Pinned: pinned})
	}
	c, err := dial("")
	if err != nil {
		t.Fatal(err)
	}
	if a == nil {
		a = test.NewTempApp(t)
	}
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1366, 768))
	u := New(a, w, c, Config{Server: s.srv.URL, Go: func(f func()) { f() }, Now: func() time.Time { return today },
		Dial: dial, Fingerprint: given, Trust: func(fp string) error { s.pins = append(s.pins, fp); return nil }})
	u.Start()
	t.Cleanup(u.Close) // its timed reloads end with the test
	return &desk{t: t, svc: s.svc, u: u, w: w}
}

// backend is a session on the served file itself (the other side of the wire).
func (s *server) backend() *dispatch.Session {
	sess, err := s.svc.Login("admin", "admin-密码-123")
	if err != nil {
		s.t.Fatal(err)
	}
	return sess
}

// clearLogin empties the login form's fields (a refused try keeps the name).
func (d *desk) clearLogin() {
	d.u.loginName.SetText("")
	d.u.loginPass.SetText("")
}

// placementIn finds a placement in the list of d's window by number.
func placementIn(d *desk, no string) (model.Placement, int) {
	for i, p := range d.u.screens.placements.list.Rows() {
		if p.No == no {
			return p, i
		}
	}
	return model.Placement{}, -1
}

// TestServedWindowWorksThroughTheServer logs in through a server, searches
// the students, takes a placement a lifecycle step, and sees a second clerk's
// window show it after 刷新 (F5) and after coming to the front.
func TestServedWindowWorksThroughTheServer(t *testing.T) {
	s := newServer(t, false)
	d := s.window(nil, "", "")
	if d.u.Screen() != "login" || !strings.Contains(d.texts(), "服务器 "+s.srv.URL) {
		t.Fatalf("screen %q; the login does not name the server:\n%s", d.u.Screen(), d.texts())
	}
	if !strings.Contains(d.w.Title(), "服务器 "+s.srv.URL) {
		t.Errorf("window title %q", d.w.Title())
	}
	d.login("admin", "admin-密码-123")
	if d.u.Screen() != "main" {
		t.Fatalf("login through the server: %q", d.u.loginMsg.Text)
	}
	if !strings.Contains(d.texts(), "服务器 "+s.srv.URL) || !strings.Contains(d.texts(), "待审批") {
		t.Fatalf("the working screen does not name the server, or has no to-dos:\n%s", d.texts())
	}

	// Students, searched on the server a page at a time.
	d.open("ui.tab_students")
	l := d.u.screens.students.list
	if l.Len() != 200 || l.count.Text != "共 200 条" {
		t.Fatalf("%d students, count %q", l.Len(), l.count.Text)
	}
	target := l.Rows()[150]
	typeSearch(l.search, target.Number)
	if l.Len() != 1 || l.Rows()[0].Number != target.Number {
		t.Fatalf("search %s: %d rows", target.Number, l.Len())
	}

	// A second clerk's window, on the placements tab, picking the same one.
	d2 := s.window(fyne.CurrentApp(), "", "")
	d2.login("clerk2", "clerk2-密码-456")
	d2.open("ui.tab_placements")
	d2.u.screens.placements.list.status.SetSelected("全部状态")

	d.open("ui.tab_placements")
	pl := d.u.screens.placements.list
	pl.status.SetSelected("已审批")
	if pl.Len() == 0 {
		t.Fatal("no approved placement")
	}
	p := pl.Rows()[0]
	pl.table.Select(widget.TableCellID{Row: 0, Col: 0})
	back := s.backend()
	if _, err := s.svc.SetInsurance(back, p.No, model.Insurance{Insurer: "中国人寿", Policy: "PA-" + p.No, From: p.Start, To: p.End}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.RecordPledge(back, p.No, p.Start.AddDate(0, 0, -7)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.RecordAcceptance(back, p.No, p.Start.AddDate(0, 0, -14)); err != nil {
		t.Fatal(err)
	}
	_, i := placementIn(d2, p.No)
	if i < 0 {
		t.Fatalf("%s not in the second window", p.No)
	}
	d2.u.screens.placements.list.table.Select(widget.TableCellID{Row: i, Col: 0})

	d.u.screens.placements.stepDialog(p, model.Dispatched, pl.refresh)
	d.u.lastForm.submit()
	if got, err := s.svc.Placement(back, p.No); err != nil || got.Status != model.Dispatched {
		t.Fatalf("the step did not reach the file: %v %v", got.Status, err)
	}
	pl.status.SetSelected("全部状态")
	if got, _ := placementIn(d, p.No); got.Status != model.Dispatched {
		t.Fatalf("the first window shows %q", got.Status)
	}

	// The second window still shows what it read; F5 reloads it, keeping
	// the record picked (and so its detail).
	if got, _ := placementIn(d2, p.No); got.Status != model.Approved {
		t.Fatalf("the second window already shows %q", got.Status)
	}
	// (The table has the keyboard once a row is picked.)
	d2.w.Canvas().Focus(d2.u.screens.placements.list.table)
	d2.u.screens.placements.list.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	got, at := placementIn(d2, p.No)
	if got.Status != model.Dispatched {
		t.Fatalf("after F5 the second window shows %q", got.Status)
	}
	if d2.u.screens.placements.list.picked != at {
		t.Error("F5 lost the record picked")
	}
	if !strings.Contains(d2.u.lastNotice, "已从服务器重新读取") {
		t.Errorf("F5 said %q", d2.u.lastNotice)
	}

	// The next step, in the second window; the first sees it when it comes
	// to the front again.
	// Its arrival, on its first day.
	s.mu.Lock()
	s.day = time.Date(got.Start.Year(), got.Start.Month(), got.Start.Day(), 10, 0, 0, 0, time.Local)
	s.mu.Unlock()
	d2.u.screens.placements.stepDialog(got, model.Arrived, d2.u.screens.placements.list.refresh)
	entries, _ := formFields(d2.u.lastForm)
	entries[0].SetText(got.Start.String())
	d2.u.lastForm.submit()
	if got, _ := s.svc.Placement(back, p.No); got.Status != model.Arrived {
		f := d2.u.lastForm
		msgs := f.top.Text
		for _, e := range f.errs {
			msgs += " " + e.Text
		}
		t.Fatalf("the second window's step: %q: %s", got.Status, msgs)
	}
	d.w.Canvas().Unfocus()
	fyne.CurrentApp().Lifecycle().(interface{ OnEnteredForeground() func() }).OnEnteredForeground()()
	if got, _ := placementIn(d, p.No); got.Status != model.Arrived {
		t.Fatalf("back at the front, the first window shows %q", got.Status)
	}
}

// TestTrustingAServerOnFirstContact: a self-signed certificate met for the
// first time shows its fingerprint with 信任 and 取消; 取消 and Esc send
// nothing and remember nothing; 信任 remembers it and the login goes on.
func TestTrustingAServerOnFirstContact(t *testing.T) {
	s := newServer(t, true)
	fp := s.fingerprint()
	d := s.window(nil, "", "")
	if d.u.Screen() != "login" {
		t.Fatalf("screen %q", d.u.Screen())
	}
	shown := overlayText(d)
	if !strings.Contains(shown, fp[:47]) || !strings.Contains(shown, fp[48:]) || !strings.Contains(shown, s.srv.URL) {
		t.Fatalf("the trust dialog does not show the server and its fingerprint %s:\n%s", fp, shown)
	}
	d.tap("取消")
	d.closed("trust dialog (取消)")
	if len(s.pins) != 0 || !strings.Contains(d.u.loginMsg.Text, "尚未信任") {
		t.Fatalf("after 取消: pins %v, message %q", s.pins, d.u.loginMsg.Text)
	}

	// Logging in asks again; Esc is 取消.
	d.clearLogin()
	d.login("admin", "admin-密码-123")
	if d.u.sess != nil || len(d.u.dialogs) != 1 {
		t.Fatalf("login on an untrusted server: session %v, %d dialogs", d.u.sess, len(d.u.dialogs))
	}
	d.esc()
	d.closed("trust dialog (Esc)")
	if len(s.pins) != 0 || d.u.sess != nil {
		t.Fatalf("after Esc: pins %v", s.pins)
	}

	// 信任: remembered, and the login the clerk typed goes on.
	d.clearLogin()
	d.login("admin", "admin-密码-123")
	d.tap("信任")
	d.wait(func() bool { return d.u.Screen() == "main" })
	if len(s.pins) != 1 || s.pins[0] != fp {
		t.Fatalf("pinned %v, want %s", s.pins, fp)
	}
}

// TestChangedOrGivenCertificate: a certificate other than the one trusted
// before is refused with no way past it; one given with --fingerprint is
// trusted without asking, and remembered.
func TestChangedOrGivenCertificate(t *testing.T) {
	s := newServer(t, true)
	wrong := strings.Repeat("AB:", 31) + "AB"
	d := s.window(nil, "", wrong)
	// Said under the form, and in full (both fingerprints) in a message
	// whose one button is 确定: there is no 信任 to click through.
	refused := func(when string) {
		t.Helper()
		if !strings.Contains(d.u.loginMsg.Text, "服务器证书与此前信任的不一致") {
			t.Fatalf("%s: %q", when, d.u.loginMsg.Text)
		}
		shown := overlayText(d)
		if !strings.Contains(shown, wrong) || !strings.Contains(shown, s.fingerprint()) {
			t.Fatalf("%s: the message does not name both certificates:\n%s", when, shown)
		}
		d.walk(d.overlay(), func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text != "确定" {
				t.Fatalf("%s: a button %q beside 确定", when, b.Text)
			}
		})
		d.tap("确定")
		d.closed(when)
	}
	refused("changed certificate")
	d.clearLogin()
	d.login("admin", "admin-密码-123")
	if d.u.sess != nil {
		t.Fatal("logged in through a changed certificate")
	}
	refused("login through a changed certificate")

	given := s.window(nil, s.fingerprint(), "")
	if len(given.u.dialogs) != 0 || len(s.pins) != 1 || s.pins[0] != s.fingerprint() {
		t.Fatalf("--fingerprint: %d dialogs, pins %v", len(given.u.dialogs), s.pins)
	}
	given.login("admin", "admin-密码-123")
	if given.u.Screen() != "main" {
		t.Fatalf("login with --fingerprint: %q", given.u.loginMsg.Text)
	}
}

// TestExpiredSessionReturnsToTheLogin: a window left unused past the
// server's idle time-out finds its session ended at the next action and is
// back at the login, which says so.
func TestExpiredSessionReturnsToTheLogin(t *testing.T) {
	s := newServer(t, false)
	d := s.window(nil, "", "")
	d.login("admin", "admin-密码-123")
	d.open("ui.tab_students")
	d.u.passwordForm() // a dialog left open
	s.advance(16 * time.Minute)
	typeSearch(d.u.screens.students.list.search, "温州")
	if d.u.Screen() != "login" || d.u.sess != nil || len(d.u.dialogs) != 0 {
		t.Fatalf("after expiry: screen %q, session %v, %d dialogs", d.u.Screen(), d.u.sess, len(d.u.dialogs))
	}
	if !strings.Contains(d.u.loginMsg.Text, "登录已超时") {
		t.Fatalf("the login says %q", d.u.loginMsg.Text)
	}
	d.login("admin", "admin-密码-123")
	if d.u.Screen() != "main" {
		t.Fatalf("logging in again: %q", d.u.loginMsg.Text)
	}
	// Through a dialog's refusal too.
	s.advance(16 * time.Minute)
	d.u.showError(model.Errorf(model.EUnauthorized, "session.expired"))
	if d.u.Screen() != "login" || len(d.u.dialogs) != 0 {
		t.Fatalf("showError of an expiry: screen %q, %d dialogs", d.u.Screen(), len(d.u.dialogs))
	}
}
