package remote

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"reflect"
	"strings"
	"time"

	"secondment/dispatch"
	"secondment/model"
)

// Options tune a Handler.
type Options struct {
	// IdleTimeout ends a session not used for this long (default 15 min);
	// MaxAge ends any session this long after its login (default 12 h).
	IdleTimeout, MaxAge time.Duration
	// Secret, when set, must come with every request (header SecretHeader):
	// the endpoint a window opens for the commands of its own OS user, who
	// alone can read the file the secret is kept in.
	Secret string
	// Now is the clock (tests set it).
	Now func() time.Time
	// Logf logs what the server cannot tell a client (internal errors);
	// never a password.
	Logf func(format string, args ...any)
}

// SecretHeader carries Options.Secret.
const SecretHeader = "X-Secondment-Secret"

// Request size limits: a login is small; an import of 100,000 rows is not.
const (
	maxLoginBody = 64 << 10
	maxCallBody  = 256 << 20
)

// Handler serves a dispatch.API (the service on the file this process holds)
// under /api/v1/.
type Handler struct {
	api      dispatch.API
	opt      Options
	sessions *sessions
	methods  map[string]bool
}

var (
	sessionType = reflect.TypeOf((*dispatch.Session)(nil))
	contextType = reflect.TypeOf((*context.Context)(nil)).Elem()
	errorType   = reflect.TypeOf((*error)(nil)).Elem()
)

// special are the operations with a route of their own: they make or end a
// session, stream a file, or answer with a view read a page at a time.
var special = map[string]bool{"Login": true, "LoginFrom": true, "Bootstrap": true, "Logout": true,
	"BackupProgress": true, "StudentView": true}

// sessionless are the operations a client may call before logging in.
var sessionless = map[string]bool{"NeedsSetup": true}

// NewHandler returns the API server for api.
func NewHandler(api dispatch.API, opt Options) *Handler {
	if opt.IdleTimeout <= 0 {
		opt.IdleTimeout = 15 * time.Minute
	}
	if opt.MaxAge <= 0 {
		opt.MaxAge = 12 * time.Hour
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Logf == nil {
		opt.Logf = log.Printf
	}
	h := &Handler{api: api, opt: opt, sessions: newSessions(opt), methods: map[string]bool{}}
	t := reflect.TypeOf((*dispatch.API)(nil)).Elem()
	for i := 0; i < t.NumMethod(); i++ {
		if name := t.Method(i).Name; !special[name] {
			h.methods[name] = true
		}
	}
	return h
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if h.opt.Secret != "" && subtle.ConstantTimeCompare([]byte(r.Header.Get(SecretHeader)), []byte(h.opt.Secret)) != 1 {
		h.refuse(w, http.StatusForbidden, model.Errorf(model.EForbidden, "remote.secret"))
		return
	}
	if r.Method != http.MethodPost && !(r.Method == http.MethodGet && r.URL.Path == "/api/v1/backup") {
		w.Header().Set("Allow", "POST")
		h.refuse(w, http.StatusMethodNotAllowed, model.Errorf(model.EInvalid, "remote.bad_request"))
		return
	}
	defer func() {
		if p := recover(); p != nil {
			h.opt.Logf("remote: %s panicked: %v", r.URL.Path, p)
			h.refuse(w, http.StatusInternalServerError, fmt.Errorf("panic"))
		}
	}()
	path := strings.TrimPrefix(r.URL.Path, "/api/v1/")
	switch {
	case path == "login":
		h.login(w, r)
	case path == "bootstrap":
		h.bootstrap(w, r)
	case path == "logout":
		h.withSession(w, r, func(s *session) { h.logout(w, s) })
	case path == "backup":
		h.withSession(w, r, func(s *session) { h.backup(w, r, s) })
	case path == "rows":
		h.withSession(w, r, func(s *session) { h.rows(w, r, s) })
	case path == "call/StudentView":
		h.withSession(w, r, func(s *session) { h.studentView(w, r, s) })
	case strings.HasPrefix(path, "call/") && h.methods[strings.TrimPrefix(path, "call/")]:
		name := strings.TrimPrefix(path, "call/")
		if sessionless[name] {
			h.call(w, r, name, nil)
			return
		}
		h.withSession(w, r, func(s *session) { h.call(w, r, name, s.sess) })
	default:
		h.refuse(w, http.StatusNotFound, model.Errorf(model.EInvalid, "remote.bad_request"))
	}
}

// withSession finds the request's session (Authorization: Bearer token) and
// runs fn, or refuses an unknown or expired token.
func (h *Handler) withSession(w http.ResponseWriter, r *http.Request, fn func(*session)) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	s, err := h.sessions.get(token)
	if !ok || err != nil {
		if err == nil {
			err = model.Errorf(model.EUnauthorized, "session.expired")
		}
		h.refuse(w, http.StatusUnauthorized, err)
		return
	}
	fn(s)
}

type loginRequest struct {
	Name       string `json:"name"`
	Password   string `json:"password"`
	University string `json:"university,omitempty"`
}

type loginReply struct {
	Token      string     `json:"token"`
	User       model.User `json:"user"`
	MustChange bool       `json:"must_change,omitempty"`
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	var in loginRequest
	if !h.decode(w, r, maxLoginBody, &in) {
		return
	}
	sess, err := h.api.LoginFrom(in.Name, in.Password, clientAddress(r))
	h.started(w, sess, err)
}

func (h *Handler) bootstrap(w http.ResponseWriter, r *http.Request) {
	var in loginRequest
	if !h.decode(w, r, maxLoginBody, &in) {
		return
	}
	sess, err := h.api.Bootstrap(in.Name, in.Password, in.University)
	h.started(w, sess, err)
}

func (h *Handler) started(w http.ResponseWriter, sess *dispatch.Session, err error) {
	if err != nil {
		h.refuse(w, statusOf(err), err)
		return
	}
	token, err := h.sessions.add(sess)
	if err != nil {
		h.refuse(w, http.StatusInternalServerError, err)
		return
	}
	h.reply(w, loginReply{Token: token, User: sess.User(), MustChange: sess.MustChangePassword()})
}

func (h *Handler) logout(w http.ResponseWriter, s *session) {
	h.sessions.remove(s)
	if err := h.api.Logout(s.sess); err != nil {
		h.refuse(w, statusOf(err), err)
		return
	}
	h.reply(w, struct{}{})
}

type callRequest struct {
	Args []json.RawMessage `json:"args"`
}

type callReply struct {
	Results []any      `json:"results,omitempty"`
	Error   *wireError `json:"error,omitempty"`
}

// call runs one operation of the contract: the session is the caller's, a
// context is the request's, and the other parameters come from the body in
// order.
func (h *Handler) call(w http.ResponseWriter, r *http.Request, name string, sess *dispatch.Session) {
	var in callRequest
	if !h.decode(w, r, maxCallBody, &in) {
		return
	}
	fn := reflect.ValueOf(h.api).MethodByName(name)
	t := fn.Type()
	args := make([]reflect.Value, t.NumIn())
	next := 0
	for i := range args {
		switch pt := t.In(i); {
		case pt == sessionType:
			args[i] = reflect.ValueOf(sess)
		case pt == contextType:
			args[i] = reflect.ValueOf(r.Context())
		case pt.Kind() == reflect.Func:
			args[i] = reflect.Zero(pt)
		default:
			if next >= len(in.Args) {
				h.refuse(w, http.StatusBadRequest, model.Errorf(model.EInvalid, "remote.bad_request"))
				return
			}
			v := reflect.New(pt)
			if err := json.Unmarshal(in.Args[next], v.Interface()); err != nil {
				h.refuse(w, http.StatusBadRequest, model.Errorf(model.EInvalid, "remote.bad_request"))
				return
			}
			args[i] = v.Elem()
			next++
		}
	}
	if next != len(in.Args) {
		h.refuse(w, http.StatusBadRequest, model.Errorf(model.EInvalid, "remote.bad_request"))
		return
	}
	if strings.HasPrefix(name, "Import") {
		// A copy of the file as it was, so a wrong import can be undone.
		if b, ok := h.api.(interface{ AutoBackup(string) (string, error) }); ok {
			if _, err := b.AutoBackup(dispatch.BackupImport); err != nil {
				h.opt.Logf("remote: backup before import: %v", err)
			}
		}
	}
	out := fn.Call(args)
	if err, _ := out[len(out)-1].Interface().(error); err != nil {
		h.refuse(w, statusOf(err), err)
		return
	}
	results := make([]any, len(out)-1)
	for i := range results {
		results[i] = encodeResult(out[i].Interface())
	}
	h.reply(w, callReply{Results: results})
}

// backup streams a verified copy of the file: the service writes it to a
// temporary file (checking it as it would locally), which is then sent and
// removed. The client verifies it again before keeping it.
func (h *Handler) backup(w http.ResponseWriter, r *http.Request, s *session) {
	dir, err := os.MkdirTemp("", "secondment-backup-")
	if err != nil {
		h.refuse(w, http.StatusInternalServerError, err)
		return
	}
	defer os.RemoveAll(dir)
	path := dir + string(os.PathSeparator) + "backup.db"
	if err := h.api.BackupProgress(r.Context(), s.sess, path, nil); err != nil {
		h.refuse(w, statusOf(err), err)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		h.refuse(w, http.StatusInternalServerError, err)
		return
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil {
		w.Header().Set("Content-Length", fmt.Sprint(fi.Size()))
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	io.Copy(w, f)
}

func (h *Handler) decode(w http.ResponseWriter, r *http.Request, limit int64, v any) bool {
	body := http.MaxBytesReader(w, r.Body, limit)
	if err := json.NewDecoder(body).Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.refuse(w, http.StatusRequestEntityTooLarge, model.Errorf(model.EInvalid, "remote.too_large"))
			return false
		}
		h.refuse(w, http.StatusBadRequest, model.Errorf(model.EInvalid, "remote.bad_request"))
		return false
	}
	return true
}

func (h *Handler) reply(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		h.opt.Logf("remote: reply: %v", err)
	}
}

func (h *Handler) refuse(w http.ResponseWriter, status int, err error) {
	we := toWireError(err)
	if we.Code == model.EInternal {
		h.opt.Logf("remote: %v", err) // the client reads only that something failed
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(callReply{Error: &we})
}

// statusOf is the HTTP status of a refusal; clients read the code in the body.
func statusOf(err error) int {
	switch model.ErrorCode(err) {
	case model.EInvalid:
		return http.StatusUnprocessableEntity
	case model.EConflict, model.ERule:
		return http.StatusConflict
	case model.ENotFound:
		return http.StatusNotFound
	case model.EForbidden:
		return http.StatusForbidden
	case model.EUnauthorized:
		return http.StatusUnauthorized
	case model.ELocked:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// clientAddress is the host the request came from, for the audit log and
// the per-address login throttle. Proxies' headers are not trusted: the
// server is meant to be reached directly.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// newToken returns 32 random bytes, base64url: a session's name.
func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// tokenKey is what the session table is keyed by: a hash, so that a lookup
// takes the same time however much of a guessed token is right.
func tokenKey(token string) [32]byte { return sha256.Sum256([]byte(token)) }
