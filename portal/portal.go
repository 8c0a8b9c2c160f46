// Package portal is the browser portal of a served data file: the pages where
// platform HR confirm arrivals and departures, students read their own record
// and the bureau reads the figures, from any browser, a 375-pixel phone
// included. It renders plain HTML on the server (no script at all), so a page
// is a few kilobytes on a slow network, and it asks everything of a
// dispatch.API: the service decides what each role sees and may do, the portal
// only chooses which page to show.
package portal

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"strings"
	"time"

	"secondment/assets"
	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
	"secondment/pdf"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options tune the portal. The zero value serves plain HTTP with the default
// time-outs.
type Options struct {
	// IdleTimeout ends a session nobody used for this long (default 15 min).
	IdleTimeout time.Duration
	// MaxAge ends a session this long after login, used or not (default 12 h).
	MaxAge time.Duration
	// MaxSessions bounds the sessions held in memory (default 10,000); a login
	// beyond it is refused rather than letting memory grow without end.
	MaxSessions int
	// Now is the clock (tests set it).
	Now func() time.Time
	// Secure marks the cookies Secure (and names them __Host-): set it when the
	// portal is served over TLS.
	Secure bool
	// Logf logs what a user must not read (internal errors). Passwords and
	// tokens never reach it. Default: the standard logger.
	Logf func(format string, args ...any)
}

// Portal is the portal's handler.
type Portal struct {
	api      dispatch.API
	opt      Options
	sessions *sessionStore
	pages    map[string]*template.Template
	maker    *pdf.Maker
	makerErr error
	handler  http.Handler
}

// New returns the portal on api, as an http.Handler (a *Portal). Mount it at
// the root of a server: its links are absolute paths.
func New(api dispatch.API, opt Options) http.Handler {
	if opt.IdleTimeout <= 0 {
		opt.IdleTimeout = 15 * time.Minute
	}
	if opt.MaxAge <= 0 {
		opt.MaxAge = 12 * time.Hour
	}
	if opt.MaxSessions <= 0 {
		opt.MaxSessions = 10000
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Logf == nil {
		opt.Logf = log.Printf
	}
	p := &Portal{api: api, opt: opt, pages: parsePages()}
	p.sessions = newSessionStore(opt, func(s *session) {
		// A session that timed out ends at the service too (and is audited).
		if err := api.Logout(s.sess); err != nil {
			opt.Logf("portal: logout of an expired session of %s: %v", s.sess.User().Name, err)
		}
	})
	p.maker, p.makerErr = pdf.NewMaker(assets.CJKFont)
	if p.maker != nil {
		p.maker.Now = opt.Now
	}

	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	mux.HandleFunc("GET /static/", func(w http.ResponseWriter, r *http.Request) {
		// The stylesheet holds nothing personal: let a slow phone keep it a day.
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
	mux.HandleFunc("GET /{$}", p.authed(p.home))
	mux.HandleFunc("GET /login", p.loginForm)
	mux.HandleFunc("POST /login", p.login)
	mux.HandleFunc("POST /logout", p.authed(p.logout))
	mux.HandleFunc("GET /password", p.authed(p.passwordForm))
	mux.HandleFunc("POST /password", p.authed(p.changePassword))
	mux.HandleFunc("GET /office", p.authed(p.office))
	mux.HandleFunc("GET /hr", p.authed(p.hrHome))
	mux.HandleFunc("GET /hr/p/{no}", p.authed(p.hrOnly(p.hrPlacement)))
	mux.HandleFunc("POST /hr/p/{no}/arrive", p.authed(p.hrOnly(p.hrArrive)))
	mux.HandleFunc("POST /hr/p/{no}/complete", p.authed(p.hrOnly(p.hrComplete)))
	mux.HandleFunc("POST /hr/p/{no}/supervisor", p.authed(p.hrOnly(p.hrSupervisor)))
	mux.HandleFunc("POST /hr/p/{no}/attendance", p.authed(p.hrOnly(p.hrAttendance)))
	mux.HandleFunc("POST /hr/p/{no}/leave", p.authed(p.hrOnly(p.hrDecideLeave)))
	mux.HandleFunc("POST /hr/p/{no}/logread", p.authed(p.hrOnly(p.hrReadLog)))
	mux.HandleFunc("POST /hr/p/{no}/mark", p.authed(p.hrOnly(p.hrMark)))
	mux.HandleFunc("GET /student/p/{no}", p.authed(p.studentOnly(p.studentPlacement)))
	mux.HandleFunc("POST /student/p/{no}/leave", p.authed(p.studentOnly(p.studentLeave)))
	mux.HandleFunc("POST /student/p/{no}/log", p.authed(p.studentOnly(p.studentLog)))
	mux.HandleFunc("GET /p/{no}/pledge.pdf", p.authed(p.pledgePDF))
	mux.HandleFunc("GET /p/{no}/agreement.pdf", p.authed(p.agreementPDF))
	mux.HandleFunc("GET /p/{no}/arrival.pdf", p.authed(p.arrivalPDF))
	mux.HandleFunc("GET /student", p.authed(p.studentHome))
	mux.HandleFunc("GET /bureau", p.authed(p.bureauHome))
	mux.HandleFunc("/", p.notFound)
	p.handler = p.guard(mux)
	return p
}

// ServeHTTP serves the portal.
func (p *Portal) ServeHTTP(w http.ResponseWriter, r *http.Request) { p.handler.ServeHTTP(w, r) }

// home sends each role to its own page.
func (p *Portal) home(w http.ResponseWriter, r *http.Request, s *session) {
	to := "/office"
	switch s.sess.User().Role {
	case model.PlatformHR:
		to = "/hr"
	case model.StudentRole:
		to = "/student"
	case model.Bureau:
		to = "/bureau"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// office tells a graduate-office account that its work is in the window.
func (p *Portal) office(w http.ResponseWriter, r *http.Request, s *session) {
	p.render(w, r, s, http.StatusOK, "office.html", "portal.office_title", nil)
}

// view is what every page template gets: the language, the user, the CSRF
// token for its forms, and the page's own data.
type view struct {
	Lang   i18n.Lang
	User   *model.User
	CSRF   string
	Title  string
	Path   string
	Notice string
	Error  string
	Data   any
	// Inline: the page shows Notice and Error beside the form they concern,
	// not at the top.
	Inline bool
}

// T renders a catalogue sentence in the page's language.
func (v view) T(key string, args ...any) string { return i18n.T(v.Lang, key, args...) }

// Term names an enumerated code (status, kind, level, …) in the page's language.
func (v view) Term(set, code string) string {
	ts, ok := termSets[set]
	if !ok || code == "" {
		return code
	}
	return i18n.Term(v.Lang, ts, code)
}

// Date shows a day as YYYY-MM-DD, or a dash when unset.
func (v view) Date(d model.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.String()
}

// En reports whether the page is in English (for the language switch).
func (v view) En() bool { return v.Lang == i18n.En }

var termSets = map[string]model.Terms{
	"status":      model.PlacementStatuses,
	"kind":        model.PlatformKinds,
	"level":       model.PlatformLevels,
	"assessment":  model.Assessments,
	"role":        model.Roles,
	"gender":      model.Genders,
	"degree":      model.Degrees,
	"degree_type": model.DegreeTypes,
	"category":    model.QuotaCategories,
	"platform":    model.PlatformStatuses,
	"leave":       model.LeaveStatuses,
	"reminder":    model.ReminderKinds,
	"cadence":     model.LogCadences,
}

func parsePages() map[string]*template.Template {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		base := strings.TrimPrefix(n, "templates/")
		if base == "layout.html" {
			continue
		}
		pages[base] = template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", n))
	}
	return pages
}

var funcs = template.FuncMap{
	// dict passes several values to a sub-template: dict "V" . "Rows" .Data.X.
	"dict": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
	// agreed reports whether a placement in this state has an agreement to print.
	"agreed": hasAgreement,
	// width is a bar's CSS class: its share in steps of 5 %. Classes, not
	// style attributes, because the CSP allows no inline style.
	"width": func(n, of int) string {
		if of <= 0 || n <= 0 {
			return "w0"
		}
		pc := min(100, (n*100+of/2)/of)
		return fmt.Sprintf("w%d", max(5, (pc+2)/5*5))
	},
}

// render writes a page. It renders into a buffer first, so a template error
// becomes a clean error page rather than half a page.
func (p *Portal) render(w http.ResponseWriter, r *http.Request, s *session, status int, page, title string, data any, notes ...string) {
	p.renderInline(w, r, s, status, page, title, data, false, notes...)
}

func (p *Portal) write(w http.ResponseWriter, status int, page string, v view) {
	var buf bytes.Buffer
	if err := p.pages[page].Execute(&buf, v); err != nil {
		p.opt.Logf("portal: render %s: %v", page, err)
		http.Error(w, i18n.T(v.Lang, "internal"), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// langOf is the page language: ?lang= (remembered in a cookie by guard), else
// the cookie, else Chinese.
func langOf(r *http.Request) i18n.Lang {
	if l := r.URL.Query().Get("lang"); l != "" {
		return i18n.Parse(l)
	}
	if c, err := r.Cookie("lang"); err == nil {
		return i18n.Parse(c.Value)
	}
	return i18n.Zh
}

// fail shows a refusal. On a record's URL (record true) a record that is
// missing and one the user may not see get the same 404 page, so a guessed
// agreement number tells nothing. An expired session at the service sends the
// user to the login page.
func (p *Portal) fail(w http.ResponseWriter, r *http.Request, s *session, err error, record bool) {
	code := model.ErrorCode(err)
	switch {
	case code == model.EUnauthorized && s != nil:
		p.sessions.drop(s)
		http.Redirect(w, r, "/login?expired=1", http.StatusSeeOther)
		return
	case record && (code == model.ENotFound || code == model.EForbidden):
		p.notFoundFor(w, r, s)
		return
	case code == model.EInternal:
		p.opt.Logf("portal: %s %s: %v", r.Method, r.URL.Path, err)
	}
	status := map[string]int{model.EInvalid: http.StatusUnprocessableEntity, model.ERule: http.StatusUnprocessableEntity,
		model.EConflict: http.StatusConflict, model.ENotFound: http.StatusNotFound, model.EForbidden: http.StatusForbidden,
		model.ELocked: http.StatusServiceUnavailable}[code]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	p.render(w, r, s, status, "error.html", "portal.error_title", nil, "", i18n.Message(langOf(r), err))
}

func (p *Portal) notFound(w http.ResponseWriter, r *http.Request) {
	p.notFoundFor(w, r, p.sessions.peek(r))
}

func (p *Portal) notFoundFor(w http.ResponseWriter, r *http.Request, s *session) {
	p.render(w, r, s, http.StatusNotFound, "error.html", "portal.not_found_title", nil, "", i18n.T(langOf(r), "portal.not_found"))
}
