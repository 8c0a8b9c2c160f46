// Package ui is the desktop client: the screens each role works in, built with
// Fyne. It holds no rules: every action asks package dispatch and shows its
// refusals. Screens are testable with fyne.io/fyne/v2/test; only cmd/ starts the
// GL driver.
package ui

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/font"

	"secondment/assets"
	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
	"secondment/pdf"
)

// Config is what the window needs from the program around it.
type Config struct {
	DBPath string
	// Open shows a file (a PDF, a folder) with the system's viewer.
	Open func(path string) error
	// LoadDemo fills a new data file with sample data (first start) through
	// the service the window works on.
	LoadDemo func(svc dispatch.API, sess *dispatch.Session) error
	// Go runs slow work off the UI thread; nil means a goroutine. Tests run it
	// in place, so what a click starts has finished when the click returns.
	Go func(func())
	// WatchIdle locks the window after the idle delay (the program sets it;
	// tests call checkIdle with their own clock).
	WatchIdle bool
	// Now is the clock (nil: the computer's).
	Now func() time.Time
	// Server is the address of the server the window works through, "" on
	// a data file this process holds. The login screen and the window's foot
	// line show it.
	Server string
	// Dial connects to the server again, trusting the certificate with this
	// fingerprint: the clerk compared it and chose 信任 at the first contact.
	Dial func(fingerprint string) (dispatch.API, error)
	// Trust remembers the fingerprint the clerk trusted for Server, so that a
	// later, different certificate is refused.
	Trust func(fingerprint string) error
	// Fingerprint is the certificate the clerk was told to trust
	// (--fingerprint): Dial already insists on it; it is remembered, as one
	// trusted in the dialog is, once the server has answered with it.
	Fingerprint string
}

// UI is one window of the desktop client.
type UI struct {
	app  fyne.App
	win  fyne.Window
	svc  dispatch.API
	cfg  Config
	lang i18n.Lang
	sess *dispatch.Session

	// dialogs are the open dialogs, topmost last (see dialogs.go).
	dialogs []dialog.Dialog
	// held collects the dialogs opened while a form saves (see show).
	held *[]dialog.Dialog
	// status is the working screen's foot line; lastNotice what it last said.
	status     *widget.Label
	lastNotice string
	// lastDir is the folder last opened or saved in; file dialogs start there.
	lastDir string
	// lastUse is when the window was last used; lock covers it once idle.
	lastUse    time.Time
	idleTicker *time.Ticker
	lock       *widget.PopUp
	// search is the current list's search box; Ctrl+F focuses it.
	search  fyne.Focusable
	maker   *pdf.Maker
	makerMu sync.Mutex
	// screen names what is shown (setup, login, main), for tests.
	screen string
	tabs   *container.AppTabs
	// screens are the tabs of the working screen (see screens.go).
	screens *screens
	lazy    map[*container.TabItem]*tab
	// changesWatched: the focus and timer reloads are set up (see reload).
	changesWatched bool
	// closed ends with the window: the timer's goroutine must not touch
	// widgets after it (a test's next window shares the process).
	closed    chan struct{}
	closeOnce sync.Once
	face      font.Face

	// The widgets tests drive.
	loginName, loginPass *entry
	loginMsg             *canvas.Text
	lastForm             *form
}

const prefLang = "lang"

// New makes the client for window w on the service.
func New(a fyne.App, w fyne.Window, svc dispatch.API, cfg Config) *UI {
	u := &UI{app: a, win: w, svc: svc, cfg: cfg, lang: i18n.Parse(a.Preferences().StringWithFallback(prefLang, "zh")),
		closed: make(chan struct{})}
	a.Settings().SetTheme(newTheme())
	deferFileWrites()
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		u.touch()
		switch k.Name {
		case fyne.KeyEscape:
			u.closeTop()
		case fyne.KeyF5:
			if u.sess != nil && u.lock == nil && len(u.dialogs) == 0 {
				u.onReload()
			}
		}
	})
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) {
			if u.search != nil {
				w.Canvas().Focus(u.search)
			}
		})
	u.setTitle()
	return u
}

// Start shows the first screen: setup on a new data file, else the login.
func (u *UI) Start() {
	need, err := u.svc.NeedsSetup()
	switch {
	case err != nil && u.served():
		// The server is met first here: an unknown certificate asks to be
		// trusted, anything else (unreachable, a changed certificate) is
		// said on the login screen, whose 登录 tries again.
		if !u.certificateProblem(err, u.Start) {
			u.showLogin()
			u.loginMessage(u.message(err))
		}
		return
	case err != nil:
		u.win.SetContent(widget.NewLabel(u.message(err)))
		return
	}
	if u.served() && u.cfg.Fingerprint != "" && u.cfg.Trust != nil {
		if err := u.cfg.Trust(u.cfg.Fingerprint); err != nil {
			fyne.LogError("trust", err)
		}
		u.cfg.Fingerprint = ""
	}
	switch {
	case need:
		u.showSetup()
	default:
		u.showLogin()
	}
}

// Close ends the session on a server when the window closes (a local
// file's window just lets it go). Call it once the window's loop has ended.
func (u *UI) Close() {
	u.closeOnce.Do(func() { close(u.closed) }) // stops the timed reloads
	if u.served() && u.sess != nil {
		u.svc.Logout(u.sess)
	}
}

// now is the window's clock.
func (u *UI) now() time.Time {
	if u.cfg.Now != nil {
		return u.cfg.Now()
	}
	return time.Now()
}

// t returns a sentence in the chosen language.
func (u *UI) t(key string, args ...any) string { return i18n.T(u.lang, key, args...) }

// term returns the name of an enumerated value.
func (u *UI) term(ts model.Terms, code string) string { return i18n.Term(u.lang, ts, code) }

// message is what a clerk reads for an error: the service's refusal in the
// chosen language, or a plain "internal error" for anything unexpected (logged).
func (u *UI) message(err error) string {
	if u.expired(err) {
		return i18n.Message(u.lang, err)
	}
	var e *model.Error
	if !errors.As(err, &e) {
		fyne.LogError("secondment", err)
	}
	return i18n.Message(u.lang, err)
}

// showError shows a refusal as a dialog.
func (u *UI) showError(err error) {
	if u.expired(err) {
		return
	}
	u.message2(u.t("ui.cannot_do"), u.message(err), theme.ErrorIcon())
}

// setContent replaces the window's content and names the screen for tests.
func (u *UI) setContent(name string, c fyne.CanvasObject) {
	u.screen = name
	u.win.SetContent(c)
}

// Screen names the screen shown (setup, login, main).
func (u *UI) Screen() string { return u.screen }

// setLang switches the language, keeps the choice and redraws.
func (u *UI) setLang(l i18n.Lang) {
	if l == u.lang {
		return
	}
	u.lang = l
	u.app.Preferences().SetString(prefLang, string(l))
	u.closeAll()
	switch {
	case u.sess != nil:
		// The clerk stays on the tab they were working in.
		at := 0
		if u.tabs != nil {
			at = u.tabs.SelectedIndex()
		}
		u.showMain()
		if at > 0 && at < len(u.tabs.Items) {
			u.tabs.SelectIndex(at)
		}
	case u.screen == "setup":
		u.showSetup()
	default:
		u.showLogin()
	}
}

func (u *UI) langSelect() *widget.Select {
	s := widget.NewSelect([]string{"中文", "English"}, nil)
	if u.lang == i18n.En {
		s.SetSelected("English")
	} else {
		s.SetSelected("中文")
	}
	s.OnChanged = func(v string) {
		if v == "English" {
			u.setLang(i18n.En)
		} else {
			u.setLang(i18n.Zh)
		}
	}
	return s
}

// pdfMaker parses the document font once, on first use (from whichever
// background task needs it first).
func (u *UI) pdfMaker() (*pdf.Maker, error) {
	u.makerMu.Lock()
	defer u.makerMu.Unlock()
	if u.maker == nil {
		m, err := pdf.NewMaker(assets.CJKFont)
		if err != nil {
			return nil, err
		}
		u.maker = m
	}
	return u.maker, nil
}

// task runs slow work off the UI thread behind a progress dialog with a Cancel
// button; done runs on the UI thread afterwards with the work's error.
func (u *UI) task(title string, work func(ctx context.Context, progress func(float64)) error, done func(error)) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	status := widget.NewLabel(u.t("ui.working"))
	d := dialog.NewCustom(title, u.t("ui.cancel"), container.NewVBox(status, bar), u.win)
	d.SetOnClosed(cancel)
	u.show(d)
	u.async(func() {
		err := work(ctx, func(f float64) { fyne.Do(func() { bar.SetValue(f) }) })
		if ctx.Err() != nil && err == nil {
			err = context.Canceled
		}
		fyne.Do(func() {
			// Closing the progress dialog cancels, which no longer matters.
			d.Hide()
			cancel()
			done(err)
		})
	})
}

// async runs fn off the UI thread (see Config.Go).
func (u *UI) async(fn func()) {
	if u.cfg.Go != nil {
		u.cfg.Go(fn)
		return
	}
	go fn()
}
