package cli

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"secondment/dispatch"
	"secondment/model"
	"secondment/portal"
	"secondment/remote"
)

// DefaultListen is where `serve` listens when not told: this computer only.
const DefaultListen = "127.0.0.1:8620"

// ServeInfo is what a running server tells its caller (tests, the window).
type ServeInfo struct {
	URL         string // the address clients use
	Fingerprint string // of the TLS certificate; "" without TLS
	HolderURL   string // the loopback endpoint for this user's commands
}

// serveCmd holds the data file and serves it: the API for the window and the
// command line, the portal for browsers, and a loopback endpoint for the
// commands of this OS user that name the file with --db.
func (r *run) serveCmd(args []string) error {
	fs := r.flags("serve")
	listen := fs.String("listen", DefaultListen, "")
	certFile := fs.String("tls-cert", "", "")
	keyFile := fs.String("tls-key", "", "")
	idle := fs.Duration("idle", 15*time.Minute, "")
	if pos, err := r.parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || (*certFile == "") != (*keyFile == "") || *idle < time.Minute {
		return r.usage("cli.usage_serve")
	}
	if r.served() {
		return model.Errorf(model.EInvalid, "remote.local_only", "serve")
	}
	ctx := r.env.Context
	if ctx == nil {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
	}
	db, svc, err := r.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Damage(); err != nil {
		return err
	}
	remote.RemoveStaleHolder(r.dbPath)
	// The office's login unlocks the file's key for this process: without
	// it no one served could read an ID number or a full mobile.
	sess, err := r.login(svc)
	if err != nil {
		return err
	}
	if !sess.User().IsOffice() {
		return model.Errorf(model.EForbidden, "cli.serve_office")
	}
	defer svc.Logout(sess)
	// Every list a portal user opens is then filtered in memory rather than
	// decoded from the file (see dispatch.Service.Placements).
	go svc.Prefetch()

	tlsCert, err := r.serveCert(*listen, *certFile, *keyFile)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *listen)
	if errors.Is(err, syscall.EADDRINUSE) {
		return model.Errorf(model.EInvalid, "cli.serve_port_busy", *listen)
	} else if err != nil {
		return model.Errorf(model.EInvalid, "cli.serve_listen", *listen, err.Error())
	}
	info := ServeInfo{URL: "http://" + ln.Addr().String()}
	api := remote.NewHandler(svc, remote.Options{IdleTimeout: *idle, Now: r.env.Now})
	mux := http.NewServeMux()
	mux.Handle("/api/", api)
	mux.Handle("/", portal.New(svc, portal.Options{IdleTimeout: *idle, Now: r.env.Now, Secure: tlsCert != nil}))
	main := newHTTPServer(mux)
	if tlsCert != nil {
		main.TLSConfig = &tls.Config{Certificates: []tls.Certificate{*tlsCert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, main.TLSConfig)
		info.URL = "https://" + ln.Addr().String()
		info.Fingerprint = remote.CertFingerprint(*tlsCert)
	}

	// The endpoint for this user's own commands (--db on this file).
	secret, err := remote.NewSecret()
	if err != nil {
		return err
	}
	hln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	info.HolderURL = "http://" + hln.Addr().String()
	holder := newHTTPServer(remote.NewHandler(svc, remote.Options{IdleTimeout: *idle, Now: r.env.Now, Secret: secret}))
	unhold, err := remote.WriteHolder(r.dbPath, remote.Holder{URL: info.HolderURL, Secret: secret, PID: os.Getpid()})
	if err != nil {
		return err
	}
	defer unhold()

	errs := make(chan error, 2)
	go func() { errs <- main.Serve(ln) }()
	go func() { errs <- holder.Serve(hln) }()
	go r.dailyBackups(ctx, svc)
	r.say("cli.serve_started", r.dbPath, strings.Join(reachableURLs(info.URL), "\n      "))
	if info.Fingerprint != "" {
		r.say("cli.serve_fingerprint", info.Fingerprint)
	}
	if r.env.Serving != nil {
		r.env.Serving(info)
	}
	select {
	case <-ctx.Done():
	case err = <-errs:
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	main.Shutdown(shut)
	holder.Shutdown(shut)
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	r.say("cli.serve_stopped", r.dbPath)
	return nil
}

// reachableURLs names a server listening on every interface (0.0.0.0, [::])
// by this computer's own addresses, which are what others type.
func reachableURLs(u string) []string {
	scheme, hostport, _ := strings.Cut(u, "://")
	host, port, err := net.SplitHostPort(hostport)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsUnspecified() {
		return []string{u}
	}
	var out []string
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() && n.IP.To4() != nil {
			out = append(out, scheme+"://"+net.JoinHostPort(n.IP.String(), port))
		}
	}
	if name, err := os.Hostname(); err == nil {
		out = append(out, scheme+"://"+net.JoinHostPort(name, port))
	}
	if len(out) == 0 {
		return []string{u}
	}
	return out
}

func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 10 * time.Minute,
		IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10, ErrorLog: log.New(quietLog{os.Stderr}, "", log.LstdFlags)}
}

// quietLog drops the TLS handshakes a client refused: a browser or command
// meeting the self-signed certificate for the first time does that, and it
// is not the server's problem to report.
type quietLog struct{ w io.Writer }

func (q quietLog) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte("TLS handshake error")) {
		return len(p), nil
	}
	return q.w.Write(p)
}

// serveCert is the certificate to serve with: the one given, or, on any
// address but this computer's own, a self-signed one kept beside the data
// file (made at the first start). Loopback is served without TLS.
func (r *run) serveCert(listen, certFile, keyFile string) (*tls.Certificate, error) {
	if certFile != "" {
		c, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return nil, model.Errorf(model.EInvalid, "cli.serve_cert", certFile, err.Error())
		}
		return &c, nil
	}
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return nil, model.Errorf(model.EInvalid, "cli.serve_listen", listen, err.Error())
	}
	if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return nil, nil
	}
	dir := filepath.Dir(r.dbPath)
	// The names it is reached by: the address it listens on (or, on every
	// interface, this computer's addresses), its name, and this computer.
	hosts := []string{host, "127.0.0.1", "localhost"}
	for _, u := range reachableURLs("https://" + net.JoinHostPort(host, "0")) {
		if h, _, err := net.SplitHostPort(strings.TrimPrefix(u, "https://")); err == nil {
			hosts = append(hosts, h)
		}
	}
	c, err := remote.SelfSigned(filepath.Join(dir, "secondment-tls.crt"), filepath.Join(dir, "secondment-tls.key"), hosts, r.env.Now())
	if err != nil {
		return nil, model.Errorf(model.EInvalid, "cli.serve_cert", filepath.Join(dir, "secondment-tls.crt"), err.Error())
	}
	return &c, nil
}

// dailyBackups makes the day's automatic copy while the server runs (a
// served file has no window whose first change of the day would).
func (r *run) dailyBackups(ctx context.Context, svc *dispatch.Service) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if _, err := svc.AutoBackup(dispatch.BackupDaily); err != nil {
			r.note("cli.auto_backup_failed", r.message(err))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
