package portal

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
)

// session is one browser's login. The browser holds only a random token; the
// store keys sessions by the token's SHA-256, so neither a map lookup's timing
// nor a dump of memory gives a usable token away.
type session struct {
	key      [32]byte
	sess     *dispatch.Session
	csrf     string
	created  time.Time
	lastSeen time.Time
	// mustChange is read and cleared by concurrent requests of one browser.
	mustChange atomic.Bool
}

// sessionStore holds the portal's sessions in memory: a restart logs everyone
// out, which is the safe failure for a portal.
type sessionStore struct {
	mu        sync.Mutex
	m         map[[32]byte]*session
	opt       Options
	ended     func(*session)
	lastSweep time.Time
}

func newSessionStore(opt Options, ended func(*session)) *sessionStore {
	return &sessionStore{m: map[[32]byte]*session{}, opt: opt, ended: ended}
}

// randomToken returns 32 random bytes, URL-safe base64.
func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand panics on a broken source)
	return base64.RawURLEncoding.EncodeToString(b)
}

func keyOf(token string) [32]byte { return sha256.Sum256([]byte(token)) }

// add starts a session for a login and returns its token, or "" when the store
// is full.
func (st *sessionStore) add(sess *dispatch.Session) (string, *session) {
	now := st.opt.Now()
	st.sweep(now)
	st.mu.Lock()
	defer st.mu.Unlock()
	if len(st.m) >= st.opt.MaxSessions {
		return "", nil
	}
	token := randomToken()
	s := &session{key: keyOf(token), sess: sess, csrf: randomToken(), created: now, lastSeen: now}
	s.mustChange.Store(sess.MustChangePassword())
	st.m[s.key] = s
	return token, s
}

// get returns the live session of token and marks it used; an expired one is
// removed (and ended at the service) and reported as expired.
func (st *sessionStore) get(token string) (s *session, expired bool) {
	now := st.opt.Now()
	defer st.sweep(now)
	st.mu.Lock()
	s = st.m[keyOf(token)]
	if s == nil {
		st.mu.Unlock()
		return nil, false
	}
	if st.expired(s, now) {
		delete(st.m, s.key)
		st.mu.Unlock()
		st.ended(s)
		return nil, true
	}
	s.lastSeen = now
	st.mu.Unlock()
	return s, false
}

func (st *sessionStore) expired(s *session, now time.Time) bool {
	return now.Sub(s.lastSeen) >= st.opt.IdleTimeout || now.Sub(s.created) >= st.opt.MaxAge
}

// drop removes a session without telling the service (the caller already did,
// or the service no longer knows it).
func (st *sessionStore) drop(s *session) {
	st.mu.Lock()
	delete(st.m, s.key)
	st.mu.Unlock()
}

// sweep ends expired sessions, at most once a minute, so that sessions
// abandoned without a logout neither stay in memory nor stay open at the
// service.
func (st *sessionStore) sweep(now time.Time) {
	st.mu.Lock()
	if now.Sub(st.lastSweep) < time.Minute {
		st.mu.Unlock()
		return
	}
	st.lastSweep = now
	var gone []*session
	for k, s := range st.m {
		if st.expired(s, now) {
			delete(st.m, k)
			gone = append(gone, s)
		}
	}
	st.mu.Unlock()
	for _, s := range gone {
		st.ended(s)
	}
}

// peek returns the request's live session without marking it used (for the
// 404 page's header), or nil.
func (st *sessionStore) peek(r *http.Request) *session {
	c, err := r.Cookie(sessionCookie(st.opt.Secure))
	if err != nil {
		return nil
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	s := st.m[keyOf(c.Value)]
	if s == nil || st.expired(s, st.opt.Now()) {
		return nil
	}
	return s
}

// Cookie names: with TLS the __Host- prefix makes the browser refuse a cookie
// set by another host or path, or without Secure.
func sessionCookie(secure bool) string {
	if secure {
		return "__Host-session"
	}
	return "session"
}

func loginCookie(secure bool) string {
	if secure {
		return "__Host-login"
	}
	return "login"
}

func (p *Portal) setCookie(w http.ResponseWriter, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: p.opt.Secure, SameSite: http.SameSiteStrictMode})
}

// handlerFunc is a page that needs a session.
type handlerFunc func(w http.ResponseWriter, r *http.Request, s *session)

// authed runs h with the request's session: none (or an expired one) sends the
// browser to the login page; a POST must carry the session's CSRF token; a
// user who must choose a new password gets only the password page.
func (p *Portal) authed(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(sessionCookie(p.opt.Secure))
		if err != nil {
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		s, _ := p.sessions.get(c.Value)
		if s == nil {
			// Timed out, logged out elsewhere, or the server restarted: the
			// login page says the session ended.
			p.setCookie(w, sessionCookie(p.opt.Secure), "", -1)
			http.Redirect(w, r, "/login?expired=1", http.StatusSeeOther)
			return
		}
		if r.Method == http.MethodPost && !sameToken(r.PostFormValue("csrf"), s.csrf) {
			p.badForm(w, r, s)
			return
		}
		if s.mustChange.Load() && r.URL.Path != "/password" && r.URL.Path != "/logout" {
			http.Redirect(w, r, "/password", http.StatusSeeOther)
			return
		}
		h(w, r, s)
	}
}

// sameToken compares a submitted token with the expected one in constant time.
func sameToken(got, want string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// badForm refuses a POST without the right CSRF token.
func (p *Portal) badForm(w http.ResponseWriter, r *http.Request, s *session) {
	p.render(w, r, s, http.StatusForbidden, "error.html", "portal.error_title", nil, "", i18n.T(langOf(r), "portal.bad_form"))
}

type loginData struct {
	Name    string
	Expired bool
}

// loginForm shows the login form with a pre-session CSRF token, kept in a
// cookie of its own and echoed by the form (double submit): a page of
// another site can neither read the cookie nor guess the field.
func (p *Portal) loginForm(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie(p.opt.Secure)); err == nil {
		if s := p.sessions.peek(r); s != nil && c.Value != "" {
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return
		}
	}
	p.showLogin(w, r, http.StatusOK, loginData{Expired: r.URL.Query().Get("expired") != ""}, "")
}

func (p *Portal) showLogin(w http.ResponseWriter, r *http.Request, status int, d loginData, msg string) {
	token := randomToken()
	p.setCookie(w, loginCookie(p.opt.Secure), token, 0)
	v := view{Lang: langOf(r), Title: "portal.login_title", Path: r.URL.Path, CSRF: token, Data: d, Error: msg}
	if d.Expired && msg == "" {
		v.Notice = v.T("portal.expired")
	}
	p.write(w, status, "login.html", v)
}

// login checks the password at the service (which audits the address and
// throttles by account and by address) and starts a session under a new
// token. The password is read from the POST body only and goes nowhere but
// the service.
func (p *Portal) login(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(loginCookie(p.opt.Secure))
	if err != nil || !sameToken(r.PostFormValue("csrf"), c.Value) {
		p.showLogin(w, r, http.StatusForbidden, loginData{}, i18n.T(langOf(r), "portal.bad_form"))
		return
	}
	name := model.Clean(r.PostFormValue("name"))
	sess, err := p.api.LoginFrom(name, r.PostFormValue("password"), remoteHost(r))
	if err != nil {
		status := http.StatusUnauthorized
		if model.ErrorCode(err) == model.EInternal {
			p.opt.Logf("portal: login: %v", err)
			status = http.StatusInternalServerError
		}
		p.showLogin(w, r, status, loginData{Name: name}, i18n.Message(langOf(r), err))
		return
	}
	// A browser that signs in again (as someone else, say, on a shared
	// computer) ends the session it held.
	if old := p.sessions.peek(r); old != nil {
		p.sessions.drop(old)
		p.api.Logout(old.sess)
	}
	token, s := p.sessions.add(sess)
	if s == nil {
		p.api.Logout(sess)
		p.showLogin(w, r, http.StatusServiceUnavailable, loginData{Name: name}, i18n.T(langOf(r), "portal.busy"))
		return
	}
	p.setCookie(w, loginCookie(p.opt.Secure), "", -1)
	p.setCookie(w, sessionCookie(p.opt.Secure), token, 0)
	to := "/"
	if s.mustChange.Load() {
		to = "/password"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// remoteHost is the address a login came from: the connection's, never a
// header a client could forge.
func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (p *Portal) logout(w http.ResponseWriter, r *http.Request, s *session) {
	p.sessions.drop(s)
	if err := p.api.Logout(s.sess); err != nil {
		p.opt.Logf("portal: logout of %s: %v", s.sess.User().Name, err)
	}
	p.setCookie(w, sessionCookie(p.opt.Secure), "", -1)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

type passwordData struct {
	Forced bool
	Done   bool
}

func (p *Portal) passwordForm(w http.ResponseWriter, r *http.Request, s *session) {
	d := passwordData{Forced: s.mustChange.Load(), Done: r.URL.Query().Get("done") != ""}
	note := ""
	if d.Done {
		note = i18n.T(langOf(r), "portal.password_changed")
	}
	p.render(w, r, s, http.StatusOK, "password.html", "portal.password_title", d, note)
}

// changePassword changes the user's own password at the service (which checks
// the current one and the policy).
func (p *Portal) changePassword(w http.ResponseWriter, r *http.Request, s *session) {
	lang := langOf(r)
	next := r.PostFormValue("new")
	if next != r.PostFormValue("repeat") {
		p.render(w, r, s, http.StatusUnprocessableEntity, "password.html", "portal.password_title",
			passwordData{Forced: s.mustChange.Load()}, "", i18n.T(lang, "portal.password_mismatch"))
		return
	}
	if err := p.api.ChangePassword(s.sess, r.PostFormValue("current"), next); err != nil {
		if c := model.ErrorCode(err); c == model.EInternal {
			p.fail(w, r, s, err, false)
			return
		}
		p.render(w, r, s, http.StatusUnprocessableEntity, "password.html", "portal.password_title",
			passwordData{Forced: s.mustChange.Load()}, "", i18n.Message(lang, err))
		return
	}
	s.mustChange.Store(false)
	http.Redirect(w, r, "/password?done=1", http.StatusSeeOther)
}
