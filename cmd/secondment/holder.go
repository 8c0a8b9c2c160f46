package main

import (
	"context"
	"net"
	"net/http"
	"os"
	"time"

	"secondment/dispatch"
	"secondment/remote"
)

// hold serves svc, the service on the data file this window holds, to the
// commands of the same OS user that name the file with --db, as serve does:
// a loopback endpoint with a secret, described beside the file (readable by
// its owner only). So a scheduled backup or a script works while a clerk has
// the window open, instead of finding the file in use. stop ends it and
// removes the description; call it before closing the file.
func hold(dbPath string, svc dispatch.API) (stop func(), err error) {
	// This process has the file's lock: a description left behind is stale.
	remote.RemoveStaleHolder(dbPath)
	secret, err := remote.NewSecret()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: remote.NewHandler(svc, remote.Options{Secret: secret}),
		ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	go srv.Serve(ln)
	unhold, err := remote.WriteHolder(dbPath, remote.Holder{URL: "http://" + ln.Addr().String(), Secret: secret, PID: os.Getpid()})
	if err != nil {
		srv.Close()
		return nil, err
	}
	return func() {
		unhold()
		// A command under way (a backup) may finish; then the file goes.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}, nil
}
