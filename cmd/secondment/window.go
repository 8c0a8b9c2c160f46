package main

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2/app"

	"secondment/assets/icon"
	"secondment/cli"
	"secondment/demo"
	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
	"secondment/remote"
	"secondment/storage"
	"secondment/ui"
)

// openWindow runs the desktop client on the data file, made on first start. A
// file that cannot be opened (in use, damaged, foreign) gets a screen that
// says why and offers to retry or to restore a backup.
func openWindow(dbPath string, lang i18n.Lang, server, fingerprint string) (err error) {
	if what := missingDisplay(); what != "" {
		return errNoDisplay{what}
	}
	var served *servedFile
	if server != "" {
		// A bad address is said on the command line, before any window.
		if served, err = dialServer(server, fingerprint, os.Getenv); err != nil {
			return err
		}
	} else if h, ok := remote.ReadHolder(dbPath); ok {
		// `serve` (or another window) on this computer holds the file: work
		// through it rather than be told the file is in use.
		if served, err = heldFile(h); err != nil {
			return err
		}
	}
	// A display that is named but cannot be opened makes GLFW log and Fyne
	// panic while the first window is made: keep the log back and turn the
	// panic into one sentence. The log is passed on once the window is up.
	var early bytes.Buffer
	log.SetOutput(&early)
	defer func() {
		if r := recover(); r != nil {
			log.SetOutput(os.Stderr)
			err = errNoDisplay{strings.TrimSpace(firstLine(early.String(), fmt.Sprint(r)))}
		}
	}()
	hideOwnConsole()
	a := app.NewWithID("cn.wenzhou.secondment-desk")
	a.SetIcon(icon.Resource) // the window's and the taskbar's icon
	if a.Preferences().String("lang") == "" {
		a.Preferences().SetString("lang", string(lang))
	}
	w := a.NewWindow("研究生选派工作台 Secondment Desk")
	log.SetOutput(os.Stderr)
	os.Stderr.Write(early.Bytes())
	if served != nil {
		u := ui.New(a, w, served.client, served.config(ui.Config{WatchIdle: true, Open: openWithSystem, LoadDemo: loadDemo}))
		u.Start()
		fitWindow(a, w)
		w.ShowAndRun()
		u.Close()
		return nil
	}
	var db *storage.DB
	var unhold func()
	var start func()
	start = func() {
		var err error
		if db, err = storage.Open(dbPath, storage.Options{}); err == nil && db.Damage() != nil {
			// A damaged file is not worked on: it would show an older state
			// and refuse every change. Restoring is the way on.
			err = db.Damage()
			db.Close()
			db = nil
		}
		if err != nil {
			l := i18n.Parse(a.Preferences().String("lang"))
			ui.ShowProblem(a, w, ui.Problem{
				Text: cli.Explain(l, dbPath, err),
				Damaged: errors.Is(err, storage.ErrCorrupt) || errors.Is(err, storage.ErrNewerSchema) ||
					errors.Is(err, storage.ErrDamaged) || errors.Is(err, storage.ErrEmpty),
				Restore: func(backup, user, password string) error {
					_, err := cli.Restore(dbPath, backup, user, password, time.Now())
					return err
				},
				Explain: func(err error) string { return cli.Explain(l, dbPath, err) },
				Retry:   start,
			})
			return
		}
		svc := dispatch.New(db)
		// This user's commands on the file (a scheduled backup) go through
		// the window while it holds the file; the window works without.
		if unhold, err = hold(dbPath, svc); err != nil {
			log.Println("holder endpoint:", err)
		}
		// The day's automatic backup, in the background: reading is all it
		// does, beside the clerk's work.
		go func() {
			if _, err := svc.AutoBackup(dispatch.BackupDaily); err != nil {
				log.Println("automatic backup:", err)
			}
		}()
		u := ui.New(a, w, svc, ui.Config{
			DBPath:    dbPath,
			WatchIdle: true,
			Open:      openWithSystem,
			LoadDemo:  loadDemo,
		})
		u.Start()
	}
	start()
	fitWindow(a, w)
	w.ShowAndRun()
	if unhold != nil {
		unhold()
	}
	if db != nil {
		db.Close()
	}
	return nil
}

// loadDemo fills a new data file with 500 students of sample data.
func loadDemo(svc dispatch.API, sess *dispatch.Session) error {
	_, err := svc.LoadDataset(sess, demo.Generate(500, uint64(time.Now().UnixNano()), model.DateOf(time.Now())), "demo")
	return err
}

// servedFile is the server a window works through (--server).
type servedFile struct {
	client      *remote.Client
	trust       trustStore
	fingerprint string
	// secret is the holder's, when the file is held on this computer.
	secret string
}

// dialServer makes the client of the server, trusting the fingerprint given
// (--fingerprint) or the one this user trusted before.
func dialServer(server, fingerprint string, getenv func(string) string) (*servedFile, error) {
	s := &servedFile{trust: newTrustStore(server, getenv), fingerprint: fingerprint}
	c, err := s.dial("")
	if err != nil {
		return nil, err
	}
	s.client = c
	return s, nil
}

// heldFile is the client of the process on this computer that holds the data
// file, reached through its loopback endpoint with its secret.
func heldFile(h remote.Holder) (*servedFile, error) {
	c, err := remote.Dial(h.URL, remote.DialOptions{Secret: h.Secret})
	if err != nil {
		return nil, err
	}
	return &servedFile{client: c, secret: h.Secret}, nil
}

func (s *servedFile) dial(fingerprint string) (*remote.Client, error) {
	if s.secret != "" {
		return remote.Dial(s.client.URL(), remote.DialOptions{Secret: s.secret})
	}
	if fingerprint == "" {
		fingerprint = s.fingerprint
	}
	return remote.Dial(s.trust.server, remote.DialOptions{Fingerprint: fingerprint, Pinned: s.trust.pinned()})
}

// config completes the window's configuration for the server.
func (s *servedFile) config(cfg ui.Config) ui.Config {
	cfg.Server = s.client.URL()
	cfg.Fingerprint = s.fingerprint
	cfg.Dial = func(fp string) (dispatch.API, error) { return s.dial(fp) }
	cfg.Trust = s.trust.pin
	return cfg
}

// errNoDisplay is a window that cannot be shown: what names the missing or
// unreachable display.
type errNoDisplay struct{ what string }

func (e errNoDisplay) Error() string { return "no display: " + e.what }

// Sentence is the message for the command line (cli prints it as it is).
func (e errNoDisplay) Sentence(lang i18n.Lang) string { return i18n.T(lang, "cli.no_display", e.what) }

// missingDisplay names what is missing for a window on X11 or Wayland ("" on
// Windows and macOS, or when a display is named).
func missingDisplay() string {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" || runtime.GOOS == "android" || runtime.GOOS == "ios" {
		return ""
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return "DISPLAY / WAYLAND_DISPLAY"
	}
	return ""
}

// firstLine is the first line of a log (GLFW's own words) or else fallback.
func firstLine(logged, fallback string) string {
	for _, l := range strings.Split(logged, "\n") {
		if i := strings.Index(l, "PlatformError: "); i >= 0 {
			return l[i+len("PlatformError: "):]
		}
	}
	return fallback
}

// openWithSystem hands a file to the platform's opener with its plain path
// (file:// URLs with Chinese percent-encoded break on Chinese Windows).
func openWithSystem(path string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", path)
	case "darwin":
		cmd = exec.Command("open", path)
	default:
		cmd = exec.Command("xdg-open", path)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it: a viewer left open must not stay a zombie
	return nil
}
