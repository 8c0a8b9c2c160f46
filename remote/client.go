package remote

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"secondment/dispatch"
	"secondment/model"
	"secondment/storage"
)

// Client implements dispatch.API by asking a server. Sessions it returns
// carry the server's token; give them back to the same Client.
type Client struct {
	base   string // https://host:port, no trailing slash
	http   *http.Client
	secret string
}

var _ dispatch.API = (*Client)(nil)

// DialOptions say how to reach and trust a server.
type DialOptions struct {
	// Fingerprint is the SHA-256 of the server's certificate the user was
	// given (--fingerprint); Pinned is the one kept from the first contact.
	// Either, when set, must match; with neither, a certificate that the
	// system trusts for the host is accepted, and any other is refused with an
	// *UnknownServerError that carries its fingerprint to show the user.
	Fingerprint, Pinned string
	// Secret goes with every request (a window's endpoint for the commands
	// of its own OS user).
	Secret string
	// Timeout bounds one request (default 10 minutes: a backup or an import
	// of 100,000 rows).
	Timeout time.Duration
}

// Dial returns a client of the server at rawURL. It does not connect yet.
// Plain http is accepted only to a loopback address: anything else would
// send passwords and ID numbers in clear.
func Dial(rawURL string, opt DialOptions) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(rawURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, model.Errorf(model.EInvalid, "remote.bad_url", rawURL)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return nil, model.Errorf(model.EInvalid, "remote.plain_http", rawURL)
	}
	if opt.Fingerprint != "" && !ValidFingerprint(opt.Fingerprint) {
		return nil, model.Errorf(model.EInvalid, "remote.bad_fingerprint", opt.Fingerprint)
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 10 * time.Minute
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = pinnedTLS(u.Hostname(), opt.Fingerprint, opt.Pinned)
	return &Client{base: u.Scheme + "://" + u.Host, secret: opt.Secret,
		http: &http.Client{Transport: tr, Timeout: opt.Timeout}}, nil
}

// URL is the server's address as dialled.
func (c *Client) URL() string { return c.base }

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// post sends one request and decodes the reply's results or refusal.
func (c *Client) post(ctx context.Context, sess *dispatch.Session, path string, body any, reply any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/api/v1/"+path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.do(req, sess)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return readRefusal(resp)
	}
	return json.NewDecoder(resp.Body).Decode(reply)
}

func (c *Client) do(req *http.Request, sess *dispatch.Session) (*http.Response, error) {
	if sess != nil {
		req.Header.Set("Authorization", "Bearer "+sess.Token())
	}
	if c.secret != "" {
		req.Header.Set(SecretHeader, c.secret)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.transportError(err)
	}
	return resp, nil
}

// transportError words a failure to reach the server; a refused certificate
// keeps its own type so a front end can show its fingerprint.
func (c *Client) transportError(err error) error {
	var unknown *UnknownServerError
	if errors.As(err, &unknown) {
		return unknown
	}
	var changed *ChangedServerError
	if errors.As(err, &changed) {
		return changed
	}
	var mismatch *MismatchError
	if errors.As(err, &mismatch) {
		return mismatch
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	return model.Errorf(model.ELocked, "remote.unreachable", c.base).WithCause(err)
}

func readRefusal(resp *http.Response) error {
	var r struct {
		Error *wireError `json:"error"`
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err := json.Unmarshal(body, &r); err != nil || r.Error == nil {
		if resp.StatusCode == http.StatusBadRequest && bytes.Contains(body, []byte("HTTPS server")) {
			// Go's answer to plain HTTP on a TLS port.
			return model.Errorf(model.EInvalid, "remote.use_https", resp.Request.URL.Host)
		}
		return model.Errorf(model.EInternal, "remote.bad_reply", resp.Status)
	}
	return r.Error.err()
}

// call runs one operation of the contract on the server: args are the
// parameters after the session; results point to where the results go.
func (c *Client) call(sess *dispatch.Session, name string, args []any, results ...any) error {
	if args == nil {
		args = []any{}
	}
	var reply struct {
		Results []json.RawMessage `json:"results"`
	}
	if err := c.post(context.Background(), sess, "call/"+name, map[string]any{"args": args}, &reply); err != nil {
		return err
	}
	if len(reply.Results) != len(results) {
		return model.Errorf(model.EInternal, "remote.bad_reply", name)
	}
	for i, raw := range reply.Results {
		if err := decodeResult(raw, results[i]); err != nil {
			return model.Errorf(model.EInternal, "remote.bad_reply", name).WithCause(err)
		}
	}
	return nil
}

func (c *Client) start(path string, in loginRequest) (*dispatch.Session, error) {
	var out loginReply
	if err := c.post(context.Background(), nil, path, in, &out); err != nil {
		return nil, err
	}
	return dispatch.ClientSession(out.User, out.MustChange, out.Token), nil
}

// Login logs in on the server (which records this computer's address).
func (c *Client) Login(name, password string) (*dispatch.Session, error) {
	return c.start("login", loginRequest{Name: name, Password: password})
}

// LoginFrom is Login: the server takes the address from the connection.
func (c *Client) LoginFrom(name, password, _ string) (*dispatch.Session, error) {
	return c.Login(name, password)
}

// Bootstrap makes the first office account of a served file with no accounts.
func (c *Client) Bootstrap(name, password, university string) (*dispatch.Session, error) {
	return c.start("bootstrap", loginRequest{Name: name, Password: password, University: university})
}

// Logout ends the session on the server.
func (c *Client) Logout(sess *dispatch.Session) error {
	var out struct{}
	return c.post(context.Background(), sess, "logout", struct{}{}, &out)
}

// BackupProgress fetches a verified copy of the served file and writes it
// to path (on this computer), checking it again before it takes its name: a
// broken transfer leaves no file. progress is called with bytes received.
func (c *Client) BackupProgress(ctx context.Context, sess *dispatch.Session, path string, progress func(done, total int)) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/api/v1/backup", nil)
	if err != nil {
		return err
	}
	resp, err := c.do(req, sess)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return readRefusal(resp)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".part-*")
	if err != nil {
		return model.Errorf(model.EInternal, "backup.failed", path).WithCause(err)
	}
	defer os.Remove(tmp.Name())
	var src io.Reader = resp.Body
	if progress != nil {
		src = &countingReader{r: resp.Body, total: int(resp.ContentLength), fn: progress}
	}
	_, err = io.Copy(tmp, src)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = verifyCopy(tmp.Name())
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return err
		}
		return model.Errorf(model.EInternal, "backup.failed", path).WithCause(err)
	}
	return nil
}

// verifyCopy opens a received backup read-only and checks its structure.
func verifyCopy(path string) error {
	db, err := storage.Open(path, storage.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	problems, err := db.Check()
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("received copy is damaged: %s", problems[0])
	}
	return nil
}

type countingReader struct {
	r     io.Reader
	done  int
	total int
	fn    func(done, total int)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.done += n
	c.fn(c.done, c.total)
	return n, err
}

// StudentView runs a search on the server, which keeps the result; rows
// come a page at a time as they are read.
func (c *Client) StudentView(sess *dispatch.Session, f dispatch.StudentFilter, by string, desc bool) (dispatch.StudentRows, error) {
	var out viewReply
	err := c.post(context.Background(), sess, "call/StudentView", map[string]any{"args": []viewRequest{{Filter: f, By: by, Desc: desc}}}, &out)
	if err != nil {
		return nil, err
	}
	rv := &rowsView{c: c, sess: sess, id: out.View, n: out.Len, pages: map[int][]model.Student{}}
	rv.pages[0] = out.Rows
	return rv, nil
}

// rowsView is a server's StudentView: pages are fetched once, when first read.
// A list may read it from more than one goroutine.
type rowsView struct {
	c    *Client
	sess *dispatch.Session
	id   uint64
	n    int

	mu    sync.Mutex
	pages map[int][]model.Student
}

func (v *rowsView) Len() int { return v.n }

// At returns the i-th student; a page the server can no longer give (the
// session ended) reads as empty rows, and the next search says why.
func (v *rowsView) At(i int) model.Student {
	p := i / pageSize
	v.mu.Lock()
	defer v.mu.Unlock()
	rows, ok := v.pages[p]
	if !ok {
		var out viewReply
		if err := v.c.post(context.Background(), v.sess, "rows", rowsRequest{View: v.id, From: p * pageSize}, &out); err == nil {
			rows = out.Rows
			v.pages[p] = rows
		}
	}
	if j := i - p*pageSize; j < len(rows) {
		return rows[j]
	}
	return model.Student{}
}

func (v *rowsView) Find(key string) int {
	var out viewReply
	if err := v.c.post(context.Background(), v.sess, "rows", rowsRequest{View: v.id, Find: key}, &out); err != nil {
		return -1
	}
	return out.Index
}
