package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
	"secondment/remote"
)

// served reports whether the command acts through a server (--server).
func (r *run) served() bool { return r.server != "" }

// held reports whether another process of this user holds the data file and
// takes commands for it (a window or `serve` on this computer).
func (r *run) held() bool {
	if r.served() {
		return false
	}
	if r.holder == nil {
		if h, ok := remote.ReadHolder(r.dbPath); ok {
			r.holder = &h // dial uses it: one look at the file, one probe
		}
	}
	return r.holder != nil
}

// withServer runs fn through the server, or through the process holding the
// data file, with the same login a local command makes; the session ends
// with the command.
func (r *run) withServer(fn func(dispatch.API, *dispatch.Session) error) error {
	c, sess, err := r.serverLogin()
	if err != nil {
		return err
	}
	defer c.Logout(sess)
	return fn(c, sess)
}

// serverLogin dials and logs in, asking once, on a terminal, whether to trust
// a server met for the first time.
func (r *run) serverLogin() (*remote.Client, *dispatch.Session, error) {
	c, err := r.dial("")
	if err != nil {
		return nil, nil, err
	}
	sess, err := r.login(c)
	var unknown *remote.UnknownServerError
	if errors.As(err, &unknown) && r.env.ReadPassword != nil {
		if !r.askTrust(unknown.Fingerprint) {
			return nil, nil, model.Errorf(model.EUnauthorized, "remote.not_trusted")
		}
		if c, err = r.dial(unknown.Fingerprint); err != nil {
			return nil, nil, err
		}
		sess, err = c.Login(r.user, r.typed)
		if err == nil {
			r.pin(unknown.Fingerprint)
		}
	} else if err == nil && r.fingerprint != "" {
		r.pin(r.fingerprint)
	}
	if err != nil {
		return nil, nil, err
	}
	return c, sess, nil
}

// dial makes the client: to --server, trusting fingerprint (or the one given
// or pinned before), or to the local holder of --db with its secret.
func (r *run) dial(fingerprint string) (*remote.Client, error) {
	if !r.served() {
		if !r.held() {
			return nil, model.Errorf(model.ELocked, "remote.unreachable", r.dbPath)
		}
		return remote.Dial(r.holder.URL, remote.DialOptions{Secret: r.holder.Secret})
	}
	if fingerprint == "" {
		fingerprint = r.fingerprint
	}
	return remote.Dial(r.server, remote.DialOptions{Fingerprint: fingerprint, Pinned: r.pinned()})
}

func (r *run) askTrust(fp string) bool {
	fmt.Fprint(r.env.Stderr, i18n.T(r.lang, "remote.trust_prompt", r.server, fp)) // a question: no newline
	line, _ := bufio.NewReader(r.env.Stdin).ReadString('\n')
	line = strings.ToLower(strings.TrimSpace(line))
	return line == "y" || line == "yes" || line == "是"
}

// trustFile keeps the fingerprints of the servers this user trusted, by
// host and port (SECONDMENT_TRUST_FILE moves it; tests do).
func (r *run) trustFile() string {
	if p := r.env.Getenv("SECONDMENT_TRUST_FILE"); p != "" {
		return p
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "secondment", "servers.json")
}

func (r *run) serverKey() string {
	u, err := url.Parse(r.server)
	if err != nil {
		return r.server
	}
	return u.Host
}

func (r *run) trusted() map[string]string {
	m := map[string]string{}
	if b, err := os.ReadFile(r.trustFile()); err == nil {
		json.Unmarshal(b, &m)
	}
	return m
}

func (r *run) pinned() string { return r.trusted()[r.serverKey()] }

// pin remembers fp as the server's certificate, so that a later change is
// refused.
func (r *run) pin(fp string) {
	path := r.trustFile()
	if path == "" || !strings.HasPrefix(r.server, "https:") {
		return
	}
	m := r.trusted()
	m[r.serverKey()] = remote.NormalizeFingerprint(fp)
	b, _ := json.MarshalIndent(m, "", "  ")
	os.MkdirAll(filepath.Dir(path), 0o700)
	os.WriteFile(path, b, 0o600)
}

// initServed makes the first office account of a served file that has none.
func (r *run) initServed(admin, pw, uni string) error {
	c, err := r.dial("")
	if err != nil {
		return err
	}
	sess, err := c.Bootstrap(admin, pw, uni)
	if err != nil {
		return err
	}
	c.Logout(sess)
	r.say("cli.init_done", r.server, model.Clean(admin))
	if u := model.Clean(uni); u != "" {
		r.say("cli.init_university", u)
	}
	return nil
}

// where names the data file in a message: the server's address when served.
func (r *run) where() string {
	if r.served() {
		return r.server
	}
	return r.dbPath
}
