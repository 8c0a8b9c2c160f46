package portal

import (
	"bytes"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/model"
	"secondment/storage"
)

var today = time.Date(2026, 11, 25, 10, 0, 0, 0, time.Local)

// site is a data file with the demo data, the portal on it behind a real
// HTTP server, and a clock the test moves.
type site struct {
	t     testing.TB
	svc   *dispatch.Service
	admin *dispatch.Session
	srv   *httptest.Server
	mu    sync.Mutex
	now   time.Time
	// dispatched is a placement waiting for its arrival, hrName the account
	// of its platform's HR (made by the test), other a placement elsewhere.
	dispatched, other model.Placement
	hrName            string
}

const hrPassword = "平台人事-密码-2026"

func newSite(t testing.TB) *site { return newSiteOf(t, 200) }

// newSiteOf is newSite with n demo students.
func newSiteOf(t testing.TB, n int) *site {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "portal.db"), storage.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s := &site{t: t, svc: dispatch.New(db), now: today}
	s.svc.Now = s.clock
	if s.admin, err = s.svc.Bootstrap("admin", "admin-密码-123", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.LoadDataset(s.admin, demo.Generate(n, 5, model.DateOf(today)), "test"); err != nil {
		t.Fatal(err)
	}
	ps, err := s.svc.Placements(s.admin, dispatch.PlacementFilter{Status: model.Dispatched})
	if err != nil || len(ps) == 0 {
		t.Fatalf("no dispatched placement in the demo data (%v)", err)
	}
	s.dispatched = ps[0]
	all, _ := s.svc.Placements(s.admin, dispatch.PlacementFilter{})
	for _, p := range all {
		if p.Platform != s.dispatched.Platform && hasAgreement(p.Status) {
			s.other = p
			break
		}
	}
	s.hrName = "hrtest"
	if _, err := s.svc.AddUser(s.admin, dispatch.NewUser{Name: s.hrName, Password: hrPassword, Role: model.PlatformHR,
		Platform: s.dispatched.Platform}); err != nil {
		t.Fatal(err)
	}
	s.srv = httptest.NewServer(New(s.svc, Options{Now: s.clock, Logf: t.Logf}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) clock() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now
}

func (s *site) advance(d time.Duration) {
	s.mu.Lock()
	s.now = s.now.Add(d)
	s.mu.Unlock()
}

// browser is one browser: its own cookies, and redirects shown, not followed,
// unless follow is set.
type browser struct {
	s      *site
	c      *http.Client
	follow bool
}

func (s *site) browser() *browser {
	jar, _ := cookiejar.New(nil)
	b := &browser{s: s}
	b.c = &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		if b.follow {
			return nil
		}
		return http.ErrUseLastResponse
	}}
	return b
}

type page struct {
	status int
	header http.Header
	body   string
}

func (b *browser) do(req *http.Request) page {
	b.s.t.Helper()
	resp, err := b.c.Do(req)
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return page{resp.StatusCode, resp.Header, string(body)}
}

func (b *browser) get(path string) page {
	b.s.t.Helper()
	req, _ := http.NewRequest("GET", b.s.srv.URL+path, nil)
	return b.do(req)
}

func (b *browser) post(path string, form url.Values) page {
	b.s.t.Helper()
	req, _ := http.NewRequest("POST", b.s.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf is the token of the forms on the page at path.
func (b *browser) csrf(path string) string {
	b.s.t.Helper()
	p := b.get(path)
	m := csrfRE.FindStringSubmatch(p.body)
	if m == nil {
		b.s.t.Fatalf("GET %s: no CSRF field (status %d)", path, p.status)
	}
	return m[1]
}

// login signs in through the form and returns where the portal sent the user.
func (b *browser) login(name, password string) page {
	b.s.t.Helper()
	return b.post("/login", url.Values{"csrf": {b.csrf("/login")}, "name": {name}, "password": {password}})
}

func (b *browser) mustLogin(name, password string) {
	b.s.t.Helper()
	if p := b.login(name, password); p.status != http.StatusSeeOther {
		b.s.t.Fatalf("login %s: status %d\n%s", name, p.status, p.body)
	}
}

func TestLogin(t *testing.T) {
	s := newSite(t)
	for _, c := range []struct {
		name, user, password string
		status               int
		location             string
	}{
		{"wrong password", s.hrName, "not-the-password", http.StatusUnauthorized, ""},
		{"no such user", "nobody", "whatever-123", http.StatusUnauthorized, ""},
		{"HR", s.hrName, hrPassword, http.StatusSeeOther, "/"},
		{"student", "student1", demo.Password, http.StatusSeeOther, "/"},
		{"bureau", "bureau", demo.Password, http.StatusSeeOther, "/"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := s.browser()
			p := b.login(c.user, c.password)
			if p.status != c.status {
				t.Fatalf("status %d, want %d\n%s", p.status, c.status, p.body)
			}
			if got := p.header.Get("Location"); got != c.location {
				t.Errorf("Location %q, want %q", got, c.location)
			}
			if strings.Contains(p.body, c.password) {
				t.Error("the page shows the password")
			}
			if c.status != http.StatusSeeOther {
				if !strings.Contains(p.body, `class="error"`) {
					t.Error("no refusal shown")
				}
				if home := b.get("/hr"); home.status != http.StatusSeeOther || !strings.HasPrefix(home.header.Get("Location"), "/login") {
					t.Errorf("after a failed login /hr gives %d %q", home.status, home.header.Get("Location"))
				}
			}
		})
	}
	t.Run("each role lands on its page", func(t *testing.T) {
		for user, want := range map[string]string{s.hrName: "/hr", "student1": "/student", "bureau": "/bureau", "admin": "/office"} {
			b := s.browser()
			pw := demo.Password
			switch user {
			case s.hrName:
				pw = hrPassword
			case "admin":
				pw = "admin-密码-123"
			}
			b.mustLogin(user, pw)
			if p := b.get("/"); p.header.Get("Location") != want {
				t.Errorf("%s: / sends to %q, want %q", user, p.header.Get("Location"), want)
			}
		}
	})
}

func TestLogoutEndsTheSession(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.mustLogin(s.hrName, hrPassword)
	token := b.csrf("/hr")
	if p := b.post("/logout", url.Values{"csrf": {token}}); p.status != http.StatusSeeOther || p.header.Get("Location") != "/login" {
		t.Fatalf("logout: %d %q", p.status, p.header.Get("Location"))
	}
	if p := b.get("/hr"); p.status != http.StatusSeeOther || !strings.HasPrefix(p.header.Get("Location"), "/login") {
		t.Errorf("after logout /hr gives %d %q", p.status, p.header.Get("Location"))
	}
	es, err := s.svc.AuditLog(s.admin, "user.logout", 10)
	if err != nil || len(es) == 0 {
		t.Errorf("no logout in the audit log (%v)", err)
	}
}

func TestCSRF(t *testing.T) {
	s := newSite(t)
	no := s.dispatched.No
	b := s.browser()
	b.mustLogin(s.hrName, hrPassword)
	for _, c := range []struct {
		name  string
		form  url.Values
		setup func(*http.Request)
	}{
		{"no token", url.Values{"date": {"2026-11-20"}}, nil},
		{"wrong token", url.Values{"date": {"2026-11-20"}, "csrf": {"AAAA"}}, nil},
		{"other site", url.Values{"date": {"2026-11-20"}, "csrf": {b.csrf("/hr")}}, func(r *http.Request) {
			r.Header.Set("Origin", "https://evil.example")
			r.Header.Set("Sec-Fetch-Site", "cross-site")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", s.srv.URL+"/hr/p/"+no+"/arrive", strings.NewReader(c.form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if c.setup != nil {
				c.setup(req)
			}
			if p := b.do(req); p.status != http.StatusForbidden {
				t.Errorf("status %d, want 403", p.status)
			}
			if p, _ := s.svc.Placement(s.admin, no); p.Status != model.Dispatched {
				t.Errorf("the refused form changed the placement: %s", p.Status)
			}
		})
	}
	t.Run("login without the login cookie", func(t *testing.T) {
		token := s.browser().csrf("/login") // another browser's token
		p := s.browser().post("/login", url.Values{"csrf": {token}, "name": {s.hrName}, "password": {hrPassword}})
		if p.status != http.StatusForbidden {
			t.Errorf("status %d, want 403", p.status)
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.mustLogin("student1", demo.Password)
	st := b.get("/student")
	no := regexp.MustCompile(`/p/([^/]+)/agreement\.pdf`).FindStringSubmatch(st.body)
	if no == nil {
		t.Fatal("the student page links no agreement")
	}
	for _, path := range []string{"/login", "/student", "/p/" + no[1] + "/agreement.pdf", "/nothing-here"} {
		p := b.get(path)
		for k, want := range map[string]string{
			"Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "no-referrer",
			"X-Frame-Options":         "DENY",
			"Cache-Control":           "no-store",
		} {
			if got := p.header.Get(k); got != want {
				t.Errorf("%s: %s = %q, want %q", path, k, got, want)
			}
		}
	}
	for _, c := range []struct {
		name, method string
		body         io.Reader
		status       int
	}{
		{"PUT", "PUT", nil, http.StatusMethodNotAllowed},
		{"DELETE", "DELETE", nil, http.StatusMethodNotAllowed},
		{"huge body", "POST", bytes.NewReader(append([]byte("csrf="), bytes.Repeat([]byte("a"), 100<<10)...)), http.StatusRequestEntityTooLarge},
	} {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest(c.method, s.srv.URL+"/password", c.body)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if p := b.do(req); p.status != c.status {
				t.Errorf("status %d, want %d", p.status, c.status)
			}
		})
	}
	t.Run("session cookie", func(t *testing.T) {
		p := s.browser().login("student1", demo.Password)
		var found bool
		for _, c := range (&http.Response{Header: p.header}).Cookies() {
			if c.Name == "session" && c.MaxAge >= 0 {
				found = true
				if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || len(c.Value) < 43 {
					t.Errorf("session cookie %+v", c)
				}
			}
		}
		if !found {
			t.Error("no session cookie set")
		}
	})
}

func TestHRSeesOnlyTheirPlatform(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.mustLogin(s.hrName, hrPassword)
	home := b.get("/hr")
	if home.status != http.StatusOK {
		t.Fatalf("/hr: %d", home.status)
	}
	all, _ := s.svc.Placements(s.admin, dispatch.PlacementFilter{})
	var own int
	for _, p := range all {
		shown := strings.Contains(home.body, ">"+p.No+"<")
		if p.Platform == s.dispatched.Platform {
			own++
			if !shown {
				t.Errorf("own placement %s not listed", p.No)
			}
		} else if shown {
			t.Errorf("placement %s of %s listed to HR of %s", p.No, p.Platform, s.dispatched.Platform)
		}
	}
	if own == 0 {
		t.Fatal("the platform has no placement")
	}
	t.Run("search", func(t *testing.T) {
		p := b.get("/hr?q=" + url.QueryEscape(s.dispatched.StudentName))
		if !strings.Contains(p.body, s.dispatched.No) {
			t.Error("search by name does not find the placement")
		}
		if p := b.get("/hr?q=" + url.QueryEscape(s.other.StudentName)); strings.Contains(p.body, s.other.No) {
			t.Error("search finds another platform's placement")
		}
	})
	t.Run("a guessed number is a missing one", func(t *testing.T) {
		for _, path := range []string{"/hr/p/" + s.other.No, "/p/" + s.other.No + "/agreement.pdf", "/p/" + s.other.No + "/arrival.pdf"} {
			p := b.get(path)
			missing := b.get(strings.Replace(path, s.other.No, "XP2099-99999", 1))
			if p.status != http.StatusNotFound || strings.ReplaceAll(p.body, s.other.No, "NO") != strings.ReplaceAll(missing.body, "XP2099-99999", "NO") {
				t.Errorf("%s: %d, not the missing record's page", path, p.status)
			}
		}
		form := url.Values{"csrf": {b.csrf("/hr")}, "supervisor": {"王教授"}}
		if p := b.post("/hr/p/"+s.other.No+"/supervisor", form); p.status != http.StatusNotFound {
			t.Errorf("setting another platform's supervisor: %d", p.status)
		}
	})
}

func TestHRConfirmsArrival(t *testing.T) {
	s := newSite(t)
	no := s.dispatched.No
	b := s.browser()
	b.mustLogin(s.hrName, hrPassword)
	detail := b.get("/hr/p/" + no)
	if !strings.Contains(detail.body, `action="/hr/p/`+no+`/arrive"`) {
		t.Fatalf("no arrival form on the dispatched placement's page:\n%s", detail.body)
	}
	token := csrfRE.FindStringSubmatch(detail.body)[1]
	day := s.dispatched.Start
	if day.After(model.DateOf(today)) {
		day = model.DateOf(today)
	}

	t.Run("a date in the future is refused", func(t *testing.T) {
		p := b.post("/hr/p/"+no+"/arrive", url.Values{"csrf": {token}, "date": {"2026-12-31"}})
		if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, `class="error"`) || !strings.Contains(p.body, "2026-12-31") {
			t.Errorf("status %d, want 422 with the refusal and the typed date", p.status)
		}
		if got, _ := s.svc.Placement(s.admin, no); got.Status != model.Dispatched {
			t.Errorf("status %s after a refused arrival", got.Status)
		}
	})

	p := b.post("/hr/p/"+no+"/arrive", url.Values{"csrf": {token}, "date": {day.String()}})
	if p.status != http.StatusSeeOther || p.header.Get("Location") != "/hr/p/"+no+"?done=arrive" {
		t.Fatalf("arrive: %d %q\n%s", p.status, p.header.Get("Location"), p.body)
	}
	got, err := s.svc.Placement(s.admin, no)
	if err != nil || got.Status != model.Arrived || got.ArrivedOn != day {
		t.Fatalf("after the confirmation: %s arrived %v (%v)", got.Status, got.ArrivedOn, err)
	}
	if last := got.History[len(got.History)-1]; last.By != s.hrName {
		t.Errorf("recorded by %q", last.By)
	}
	after := b.get("/hr/p/" + no + "?done=arrive")
	if !strings.Contains(after.body, "已确认到岗") || !strings.Contains(after.body, "/arrival.pdf") {
		t.Error("the page does not confirm, or offers no arrival letter")
	}
	letter := b.get("/p/" + no + "/arrival.pdf")
	if !strings.HasPrefix(letter.body, "%PDF") || letter.header.Get("Content-Type") != "application/pdf" {
		t.Errorf("arrival letter: %d %q", letter.status, letter.header.Get("Content-Type"))
	}

	t.Run("supervisor", func(t *testing.T) {
		p := b.post("/hr/p/"+no+"/supervisor", url.Values{"csrf": {token}, "supervisor": {"林振华"}})
		if p.status != http.StatusSeeOther && p.status != http.StatusOK {
			t.Fatalf("supervisor: %d\n%s", p.status, p.body)
		}
		if got, _ := s.svc.Placement(s.admin, no); got.Supervisor != "林振华" {
			t.Errorf("supervisor %q", got.Supervisor)
		}
	})

	t.Run("departure with the assessment", func(t *testing.T) {
		p := b.post("/hr/p/"+no+"/complete", url.Values{"csrf": {token}, "date": {model.DateOf(today).String()}, "assessment": {"good"}, "note": {"按期完成"}})
		if p.status != http.StatusSeeOther {
			t.Fatalf("complete: %d\n%s", p.status, p.body)
		}
		got, _ := s.svc.Placement(s.admin, no)
		if got.Status != model.Completed || got.Assessment != "good" {
			t.Errorf("after departure: %s, assessment %q", got.Status, got.Assessment)
		}
	})
}

func TestStudentSeesOwnRecordAndAgreement(t *testing.T) {
	s := newSite(t)
	own, _ := s.svc.Placements(s.admin, dispatch.PlacementFilter{})
	u1, u2 := studentOf(t, s, "student1"), studentOf(t, s, "student2")
	var mine, theirs string
	for _, p := range own {
		switch {
		case p.StudentNumber == u1.StudentNumber && hasAgreement(p.Status):
			mine = p.No
		case p.StudentNumber == u2.StudentNumber && hasAgreement(p.Status):
			theirs = p.No
		}
	}
	if mine == "" || theirs == "" {
		t.Fatalf("demo students lack agreements: %q %q", mine, theirs)
	}
	b := s.browser()
	b.mustLogin("student1", demo.Password)
	home := b.get("/student")
	if home.status != http.StatusOK || !strings.Contains(home.body, u1.StudentNumber) || !strings.Contains(home.body, mine) {
		t.Fatalf("student page: %d\n%s", home.status, home.body)
	}
	if strings.Contains(home.body, theirs) || strings.Contains(home.body, u2.StudentNumber) {
		t.Error("the page shows another student")
	}
	pdf := b.get("/p/" + mine + "/agreement.pdf")
	if pdf.status != http.StatusOK || !strings.HasPrefix(pdf.body, "%PDF") {
		t.Fatalf("own agreement: %d %.20q", pdf.status, pdf.body)
	}
	if d := pdf.header.Get("Content-Disposition"); !strings.HasPrefix(d, "attachment") {
		t.Errorf("Content-Disposition %q", d)
	}
	missing := b.get("/p/XP2099-99999/agreement.pdf")
	other := b.get("/p/" + theirs + "/agreement.pdf")
	if other.status != http.StatusNotFound || strings.ReplaceAll(other.body, theirs, "NO") != strings.ReplaceAll(missing.body, "XP2099-99999", "NO") {
		t.Errorf("another student's agreement: %d (want the missing record's 404)", other.status)
	}
	if p := b.get("/hr/p/" + theirs); p.status != http.StatusNotFound {
		t.Errorf("another student's placement page: %d", p.status)
	}
}

func studentOf(t *testing.T, s *site, name string) model.User {
	t.Helper()
	us, err := s.svc.Users(s.admin)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		if u.Name == name {
			return u
		}
	}
	t.Fatalf("no user %s", name)
	return model.User{}
}

func TestBureauSeesFiguresWithoutNames(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.mustLogin("bureau", demo.Password)
	p := b.get("/bureau?year=2026")
	if p.status != http.StatusOK || !strings.Contains(p.body, `class="chart`) || !strings.Contains(p.body, "重点实验室") {
		t.Fatalf("bureau page: %d\n%s", p.status, p.body)
	}
	all, _ := s.svc.Placements(s.admin, dispatch.PlacementFilter{})
	for _, pl := range all {
		if strings.Contains(p.body, pl.StudentName) || strings.Contains(p.body, pl.StudentNumber) || strings.Contains(p.body, pl.No) {
			t.Errorf("the bureau page names %s (%s)", pl.StudentName, pl.No)
		}
	}
	if p := b.get("/hr"); p.status != http.StatusForbidden {
		t.Errorf("the bureau on the HR page: %d", p.status)
	}
}

func TestIdleTimeoutAndMaxAge(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.mustLogin(s.hrName, hrPassword)
	s.advance(14 * time.Minute)
	if p := b.get("/hr"); p.status != http.StatusOK {
		t.Fatalf("after 14 idle minutes: %d", p.status)
	}
	s.advance(15 * time.Minute)
	p := b.get("/hr")
	if p.status != http.StatusSeeOther || p.header.Get("Location") != "/login?expired=1" {
		t.Fatalf("after 15 idle minutes: %d %q", p.status, p.header.Get("Location"))
	}
	if p := b.get("/login?expired=1"); !strings.Contains(p.body, "登录已结束") {
		t.Error("the login page does not say why")
	}
	if p := b.get("/hr"); p.status != http.StatusSeeOther {
		t.Errorf("the session came back: %d %q", p.status, p.header.Get("Location"))
	}

	t.Run("absolute expiry", func(t *testing.T) {
		b := s.browser()
		b.mustLogin(s.hrName, hrPassword)
		for range 12 * 6 { // busy all day: a request every 10 minutes
			s.advance(10 * time.Minute)
			if p := b.get("/hr"); p.status != http.StatusOK {
				break
			}
		}
		if p := b.get("/hr"); p.status != http.StatusSeeOther {
			t.Errorf("a session in use for 12 h still works: %d", p.status)
		}
	})
}

func TestMustChangePassword(t *testing.T) {
	s := newSite(t)
	if _, err := s.svc.AddUser(s.admin, dispatch.NewUser{Name: "hrnew", Password: "临时-密码-8848", Role: model.PlatformHR,
		Platform: s.dispatched.Platform, Temporary: true}); err != nil {
		t.Fatal(err)
	}
	b := s.browser()
	p := b.login("hrnew", "临时-密码-8848")
	if p.header.Get("Location") != "/password" {
		t.Fatalf("login with a temporary password sends to %q", p.header.Get("Location"))
	}
	if p := b.get("/hr"); p.header.Get("Location") != "/password" {
		t.Errorf("/hr before the change: %d %q", p.status, p.header.Get("Location"))
	}
	token := b.csrf("/password")
	if p := b.post("/password", url.Values{"csrf": {token}, "current": {"临时-密码-8848"}, "new": {"我的-新密码-2026"}, "repeat": {"不一样-2026"}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("different repeats: %d", p.status)
	}
	if p := b.post("/password", url.Values{"csrf": {token}, "current": {"临时-密码-8848"}, "new": {"我的-新密码-2026"}, "repeat": {"我的-新密码-2026"}}); p.status != http.StatusSeeOther {
		t.Fatalf("change: %d\n%s", p.status, p.body)
	}
	if p := b.get("/hr"); p.status != http.StatusOK {
		t.Errorf("/hr after the change: %d", p.status)
	}
	if _, err := s.svc.Login("hrnew", "我的-新密码-2026"); err != nil {
		t.Errorf("the new password does not work: %v", err)
	}
}

func TestEnglish(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	if p := b.get("/login?lang=en"); !strings.Contains(p.body, "Sign in") || !strings.Contains(p.body, `lang="en"`) {
		t.Fatal("no English login page")
	}
	b.mustLogin(s.hrName, hrPassword)
	if p := b.get("/hr"); !strings.Contains(p.body, "Arriving this week") {
		t.Error("the language choice is not remembered")
	}
	if p := b.get("/hr?lang=zh"); !strings.Contains(p.body, "本周待到岗") {
		t.Error("no way back to Chinese")
	}
}

func TestSecureCookiesAndSessionLimit(t *testing.T) {
	s := newSite(t)
	srv := httptest.NewServer(New(s.svc, Options{Now: s.clock, Secure: true, MaxSessions: 1, Logf: t.Logf}))
	defer srv.Close()
	login := func() *http.Response {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := c.Get(srv.URL + "/login")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var pre *http.Cookie
		for _, c := range resp.Cookies() {
			if c.Name == "__Host-login" {
				pre = c
			}
		}
		if pre == nil || !pre.Secure || !pre.HttpOnly || pre.SameSite != http.SameSiteStrictMode {
			t.Fatalf("login cookie %+v", pre)
		}
		if resp.Header.Get("Strict-Transport-Security") == "" {
			t.Error("no HSTS header when served over TLS")
		}
		// The jar keeps no Secure cookie over plain HTTP: send it by hand.
		form := url.Values{"csrf": {csrfRE.FindStringSubmatch(string(body))[1]}, "name": {s.hrName}, "password": {hrPassword}}
		req, _ := http.NewRequest("POST", srv.URL+"/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: pre.Name, Value: pre.Value})
		resp, err = c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	first := login()
	if first.StatusCode != http.StatusSeeOther {
		t.Fatalf("first login: %d", first.StatusCode)
	}
	var sc *http.Cookie
	for _, c := range first.Cookies() {
		if c.Name == "__Host-session" && c.MaxAge >= 0 {
			sc = c
		}
	}
	if sc == nil || !sc.Secure || !sc.HttpOnly || sc.SameSite != http.SameSiteStrictMode || sc.Path != "/" {
		t.Fatalf("session cookie %+v", sc)
	}
	if second := login(); second.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("a login beyond MaxSessions: %d, want 503", second.StatusCode)
	}
}

// TestStalePageCannotConfirm: HR opens a placement; the office changes it
// meanwhile; HR's confirmation, made from the page before the change, is
// refused with a message and changes nothing. Reloading the page lets it
// through.
func TestStalePageCannotConfirm(t *testing.T) {
	s := newSite(t)
	no := s.dispatched.No
	b := s.browser()
	b.mustLogin(s.hrName, hrPassword)
	detail := b.get("/hr/p/" + no)
	m := regexp.MustCompile(`name="rev" value="(\d+)"`).FindStringSubmatch(detail.body)
	if m == nil {
		t.Fatal("the arrival form carries no revision")
	}
	token := csrfRE.FindStringSubmatch(detail.body)[1]
	if _, _, err := s.svc.SetSupervisor(s.admin, no, "林教授"); err != nil {
		t.Fatal(err)
	}
	day := model.DateOf(today)
	p := b.post("/hr/p/"+no+"/arrive", url.Values{"csrf": {token}, "rev": {m[1]}, "date": {day.String()}})
	if p.status == http.StatusSeeOther || !strings.Contains(p.body, "刚被其他人修改过") {
		t.Fatalf("a confirmation from a stale page: %d\n%s", p.status, p.body)
	}
	if got, _ := s.svc.Placement(s.admin, no); got.Status != model.Dispatched {
		t.Fatalf("status %s after a refused confirmation", got.Status)
	}
	fresh := b.get("/hr/p/" + no)
	rev := regexp.MustCompile(`name="rev" value="(\d+)"`).FindStringSubmatch(fresh.body)[1]
	p = b.post("/hr/p/"+no+"/arrive", url.Values{"csrf": {token}, "rev": {rev}, "date": {day.String()}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("a confirmation from the reloaded page: %d\n%s", p.status, p.body)
	}
}

// TestHRSeesTheirStudentsMobile: platform HR phone the students placed with
// them, so the placement page shows the mobile in full (the server holds the
// key), and never the ID number.
func TestHRSeesTheirStudentsMobile(t *testing.T) {
	s := newSite(t)
	st, err := s.svc.Student(s.admin, s.dispatched.StudentUniversity, s.dispatched.StudentNumber)
	if err != nil || st.Mobile == "" {
		t.Fatalf("the student: %+v %v", st, err)
	}
	b := s.browser()
	b.mustLogin(s.hrName, hrPassword)
	page := b.get("/hr/p/" + s.dispatched.No)
	if !strings.Contains(page.body, `href="tel:`+st.Mobile+`"`) {
		t.Errorf("the placement page does not show the mobile %s", st.Mobile)
	}
	if st.IDNumber != "" && strings.Contains(page.body, st.IDNumber) {
		t.Error("the placement page shows the ID number")
	}
}
