package cli

import (
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"secondment/remote"
)

// TestThrottlingSurvivesAServerRestart: failed logins through a server are
// counted in the data file, per account and per address, so stopping and
// starting the server lets no one try again sooner.
func TestThrottlingSurvivesAServerRestart(t *testing.T) {
	c := demoTerm(t)
	srv := c.serve()
	c.server = srv.info.URL
	c.env["SECONDMENT_USER"], c.env["SECONDMENT_PASSWORD"] = "hr1", "wrong-password"
	for i := 0; i < 5; i++ {
		c.failLogin()
	}
	c.env["SECONDMENT_PASSWORD"] = "demo1234"
	if msg := c.loginRefused(); !strings.Contains(msg, "秒后再试") {
		t.Fatalf("the sixth try with the right password: %s", msg)
	}
	// The refused try is in the audit log, with where it came from.
	c.env["SECONDMENT_USER"], c.env["SECONDMENT_PASSWORD"] = "admin", "admin-密码"
	log := c.ok("audit", "--json", "--limit", "3")
	if !strings.Contains(log, `"throttled"`) || !strings.Contains(log, `"127.0.0.1"`) {
		t.Errorf("the throttled try is not audited with its address:\n%s", log)
	}
	c.env["SECONDMENT_USER"], c.env["SECONDMENT_PASSWORD"] = "hr1", "demo1234"
	srv.stop()
	srv = c.serve()
	c.server = srv.info.URL
	if msg := c.loginRefused(); !strings.Contains(msg, "秒后再试") {
		t.Fatalf("after a restart: %s", msg)
	}

	// An address that keeps failing, whatever the names, waits too: a
	// correct password from it is not even checked.
	c.env["SECONDMENT_PASSWORD"] = "wrong-password"
	for i := 0; i < 30; i++ {
		c.env["SECONDMENT_USER"] = "guess" + itoa(i)
		c.failLogin()
	}
	srv.stop()
	srv = c.serve()
	c.server = srv.info.URL
	c.env["SECONDMENT_USER"], c.env["SECONDMENT_PASSWORD"] = "hr2", "demo1234"
	if msg := c.loginRefused(); !strings.Contains(msg, "网络地址") {
		t.Fatalf("the address after 30 failures and a restart: %s", msg)
	}
	// The office's own serve login, at this computer, is not an address's.
	if code := srv.stop(); code != 0 {
		t.Fatalf("serve: %d", code)
	}
}

// TestServerCertificateIsPinned: a self-signed server is refused until its
// fingerprint is given, then remembered; a server that later presents
// another certificate at that address is refused, however it is asked.
func TestServerCertificateIsPinned(t *testing.T) {
	c := demoTerm(t)
	dir := t.TempDir()
	now := time.Now()
	cert1, err := remote.SelfSigned(filepath.Join(dir, "1.crt"), filepath.Join(dir, "1.key"), []string{"127.0.0.1"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := remote.SelfSigned(filepath.Join(dir, "2.crt"), filepath.Join(dir, "2.key"), []string{"127.0.0.1"}, now); err != nil {
		t.Fatal(err)
	}
	addr := freeAddress(t)
	c.env["SECONDMENT_TRUST_FILE"] = filepath.Join(dir, "servers.json")
	srv := c.serveAt(addr, "--tls-cert", filepath.Join(dir, "1.crt"), "--tls-key", filepath.Join(dir, "1.key"))
	if srv.info.Fingerprint != remote.CertFingerprint(cert1) || !strings.HasPrefix(srv.info.URL, "https://") {
		t.Fatalf("serve reports %+v", srv.info)
	}
	if !strings.Contains(srv.out.String(), srv.info.Fingerprint) {
		t.Errorf("serve did not print its fingerprint:\n%s", srv.out.String())
	}
	c.server = srv.info.URL
	msg := c.refused("list", "universities")
	if !strings.Contains(msg, srv.info.Fingerprint) || !strings.Contains(msg, "--fingerprint") ||
		strings.Index(msg, "--fingerprint") < strings.Index(msg, srv.info.Fingerprint) {
		t.Fatalf("first contact without a fingerprint (the hint after the fingerprint): %s", msg)
	}
	if msg := c.refused("--fingerprint", "AA:BB", "list", "universities"); !strings.Contains(msg, "格式不对") {
		t.Fatalf("a fingerprint too short: %s", msg)
	}
	if msg := c.refused("--server", strings.Replace(srv.info.URL, "https:", "http:", 1), "list", "universities"); !strings.Contains(msg, "https://") {
		t.Fatalf("plain http to the TLS port: %s", msg)
	}
	if msg := c.refused("--fingerprint", strings.Repeat("AB:", 31)+"AB", "list", "universities"); !strings.Contains(msg, "不符") {
		t.Fatalf("a wrong fingerprint given: %s", msg)
	}
	c.ok("--fingerprint", strings.ReplaceAll(strings.ToLower(srv.info.Fingerprint), ":", ""), "list", "universities")
	c.ok("list", "universities") // pinned now
	srv.stop()

	srv = c.serveAt(addr, "--tls-cert", filepath.Join(dir, "2.crt"), "--tls-key", filepath.Join(dir, "2.key"))
	msg = c.refused("list", "universities")
	if !strings.Contains(msg, "不一致") || !strings.Contains(msg, srv.info.Fingerprint) {
		t.Fatalf("a changed certificate: %s", msg)
	}
	srv.stop()

	c.server = "http://192.0.2.7:8620"
	if msg := c.refused("list", "universities"); !strings.Contains(msg, "未加密") {
		t.Fatalf("plain http to another computer: %s", msg)
	}
}

// serveAt is serve on a given address.
func (c *term) serveAt(addr string, extra ...string) *served {
	return c.serve(append([]string{"--listen", addr}, extra...)...)
}

// freeAddress is a loopback address no one listens on.
func freeAddress(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// failLogin runs a command whose login must fail (exit 1). It is not
// c.refused: a failed login is recorded, in the account and the audit log.
func (c *term) failLogin() {
	c.t.Helper()
	if code := c.run("list", "placements"); code != 1 {
		c.t.Fatalf("login with %s: exit %d", c.env["SECONDMENT_USER"], code)
	}
}

// loginRefused runs a command whose login must be refused while its account
// or address waits, and returns the message. (Not c.refused: the refused try
// is recorded in the audit log, and the served file cannot be read meanwhile
// to compare records.)
func (c *term) loginRefused() string {
	c.t.Helper()
	if code := c.run("list", "placements"); code != 1 {
		c.t.Fatalf("login with %s: exit %d", c.env["SECONDMENT_USER"], code)
	}
	return c.err.String()
}
