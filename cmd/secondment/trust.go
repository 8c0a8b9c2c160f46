package main

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"secondment/remote"
)

// trustStore is the file of the servers this OS user trusted, by host and
// port: the same file and format as the command line's (cli/connect.go), so
// a server trusted at the terminal is trusted in the window and back.
type trustStore struct {
	path   string // "" when there is no config folder
	server string
}

// newTrustStore is the store of SECONDMENT_TRUST_FILE, or servers.json in
// the user's config folder.
func newTrustStore(server string, getenv func(string) string) trustStore {
	if p := getenv("SECONDMENT_TRUST_FILE"); p != "" {
		return trustStore{path: p, server: server}
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return trustStore{server: server}
	}
	return trustStore{path: filepath.Join(dir, "secondment", "servers.json"), server: server}
}

func (t trustStore) key() string {
	u, err := url.Parse(t.server)
	if err != nil {
		return t.server
	}
	return u.Host
}

func (t trustStore) all() map[string]string {
	m := map[string]string{}
	if b, err := os.ReadFile(t.path); err == nil {
		json.Unmarshal(b, &m)
	}
	return m
}

// pinned is the fingerprint trusted before for the server, or "".
func (t trustStore) pinned() string {
	if t.path == "" {
		return ""
	}
	return t.all()[t.key()]
}

// pin remembers fp as the server's certificate (https only: plain http is
// loopback, with no certificate).
func (t trustStore) pin(fp string) error {
	if t.path == "" || !strings.HasPrefix(t.server, "https:") {
		return nil
	}
	m := t.all()
	m[t.key()] = remote.NormalizeFingerprint(fp)
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(t.path), 0o700); err != nil {
		return err
	}
	tmp := t.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, t.path)
}
