package ui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"secondment/i18n"
	"secondment/model"
	"secondment/remote"
)

// A window on a served file (secondment --server URL) works through a
// remote.Client, which implements the same dispatch.API as the service on a
// local file: the screens do not know the difference. What differs is here:
// the server's address is shown, its certificate is trusted once by the
// clerk and never silently again if it changes, a session the server ended
// returns the window to the login, and what other clerks change is reloaded.

// served reports whether the window works through a server.
func (u *UI) served() bool { return u.cfg.Server != "" }

// where names the data file in a message: the server's address when served.
func (u *UI) where() string {
	if u.served() {
		return u.cfg.Server
	}
	return u.cfg.DBPath
}

// whereLine is the line naming the data file (or the server) the window is on.
func (u *UI) whereLine() string {
	if u.served() {
		return u.t("ui.server", u.cfg.Server)
	}
	return u.t("ui.data_file", u.cfg.DBPath)
}

// setTitle names the server in the window's title bar.
func (u *UI) setTitle() {
	if u.served() {
		u.win.SetTitle(u.t("ui.server_title", u.cfg.Server))
	}
}

// certificateProblem handles a server met for the first time with a
// certificate nothing vouches for: the login screen and a dialog with the
// fingerprint to compare, 信任 or 取消. then runs once the clerk trusted it
// (the login goes on, or the window starts). A changed certificate is not
// handled here: it is a refusal like any other, with no way past it.
func (u *UI) certificateProblem(err error, then func()) bool {
	var unknown *remote.UnknownServerError
	if !errors.As(err, &unknown) || u.cfg.Dial == nil {
		return false
	}
	if u.screen != "login" {
		u.showLogin()
	}
	u.loginMessage(u.t("ui.trust_pending"))
	u.askTrust(unknown.Fingerprint, then)
	return true
}

// fingerprintLines splits a fingerprint in two lines of 16 pairs, to be
// compared by eye.
func fingerprintLines(fp string) string {
	parts := strings.Split(fp, ":")
	if len(parts) != 32 {
		return fp
	}
	return strings.Join(parts[:16], ":") + ":\n" + strings.Join(parts[16:], ":")
}

func (u *UI) askTrust(fp string, then func()) {
	fp = remote.NormalizeFingerprint(fp)
	code := widget.NewLabelWithStyle(fingerprintLines(fp), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true, Bold: true})
	code.Selectable = true
	body := container.NewVBox(
		widget.NewLabel(u.t("ui.trust_text", u.cfg.Server)),
		code,
		widget.NewLabel(u.t("ui.trust_compare")),
	)
	d := dialog.NewCustomConfirm(u.t("ui.trust_title"), u.t("ui.trust"), u.t("ui.cancel"), body, func(ok bool) {
		if ok {
			u.trust(fp, then)
		}
	}, u.win)
	u.show(d)
}

// trust connects again pinned to fp and remembers it.
func (u *UI) trust(fp string, then func()) {
	svc, err := u.cfg.Dial(fp)
	if err != nil {
		u.loginMessage(u.message(err))
		return
	}
	if u.cfg.Trust != nil {
		if err := u.cfg.Trust(fp); err != nil {
			// The connection is still pinned for this window; only the
			// next start will ask again.
			fyne.LogError("trust", err)
			u.notice(u.t("ui.trust_failed", err.Error()))
		}
	}
	u.svc = svc
	u.loginMessage("")
	then()
}

// loginMessage shows text under the login form (when it is shown). The line
// under the form holds one line: a longer message (a changed certificate,
// with both fingerprints) opens in full in a message with 确定 only.
func (u *UI) loginMessage(text string) {
	if u.loginMsg == nil || u.screen != "login" {
		return
	}
	first, _, more := strings.Cut(text, "\n")
	u.loginMsg.Text = first
	u.loginMsg.Refresh()
	if more {
		u.message2(u.t("ui.cannot_do"), text, theme.ErrorIcon())
	}
}

// expired reports whether err is the server ending the session (unused too
// long, or too old): the window then closes its dialogs and returns to the
// login, which says why. Nothing the clerk saved is lost; a half-typed form is.
func (u *UI) expired(err error) bool {
	var e *model.Error
	if u.sess == nil || !errors.As(err, &e) || e.Key != "session.expired" {
		return false
	}
	if u.lock != nil {
		u.lock.Hide()
		u.lock = nil
	}
	u.closeAll()
	u.showLogin()
	u.loginMessage(i18n.Message(u.lang, err))
	return true
}

// Reloading. Two clerks on one served file see each other's changes when the
// window reloads from the service: 刷新 in the top bar or F5 at any time; when
// the window is brought to the front again (on a local file too: a script may
// have changed it through the window's holder endpoint); and, on a served file
// only, every 30 s while the window is in use. The service contract is
// request and answer, with no channel to push changes, and a list reload is
// one query: 30 s keeps a window left open beside another clerk's roughly
// current at a few requests a minute per window. A window nobody has used for
// autoRefreshIdle stops asking, so the server's idle time-out still ends a
// forgotten session; coming back to it reloads at once.

// refreshEvery is how often a window on a served file reloads on its own.
const refreshEvery = 30 * time.Second

// autoRefreshIdle is how long after its last use a window stops reloading on
// its own.
const autoRefreshIdle = 5 * time.Minute

// reload reloads the tab shown from the service (its lists, keeping the row
// picked and so its detail; a tab without lists is built again). The other
// tabs reload when next opened.
func (u *UI) reload() {
	if u.sess == nil || u.tabs == nil || u.tabs.Selected() == nil {
		return
	}
	u.markOthersStale()
	u.reloadTab(u.lazy[u.tabs.Selected()])
}

// markOthersStale makes every built tab but the one shown reload when next
// opened.
func (u *UI) markOthersStale() {
	if u.tabs == nil {
		return
	}
	for item, t := range u.lazy {
		if t.built && item != u.tabs.Selected() {
			t.stale = true
		}
	}
}

func (u *UI) reloadTab(t *tab) {
	if t == nil || !t.built {
		return
	}
	t.stale = false
	if r, ok := t.screen.(refresher); ok {
		r.refresh()
		return
	}
	t.built = false
	u.buildTab(t)
}

// onReload is 刷新 and F5: a reload the clerk asked for, confirmed.
func (u *UI) onReload() {
	u.touch()
	u.reload()
	if u.served() {
		u.notice(u.t("ui.refreshed"))
	} else {
		u.notice(u.t("ui.refreshed_local"))
	}
}

// busy reports whether reloading on its own now could disturb the clerk: a
// dialog is open, the window is locked, or a field other than the list's
// search box has the focus (a form in a detail pane being filled in).
func (u *UI) busy() bool {
	if len(u.dialogs) > 0 || u.lock != nil || u.sess == nil {
		return true
	}
	f := u.win.Canvas().Focused()
	return f != nil && f != u.search
}

// autoReload is the reload when the window comes to the front again or the
// timer ticks; it does not count as use.
func (u *UI) autoReload(now time.Time, tick bool) {
	if u.busy() || (tick && now.Sub(u.lastUse) > autoRefreshIdle) {
		return
	}
	u.reload()
}

// watchChanges starts reloading on focus and, when served, on a timer.
func (u *UI) watchChanges() {
	if u.changesWatched {
		return
	}
	u.changesWatched = true
	// Keep a hook set before (another window of the same app in tests).
	lc := u.app.Lifecycle()
	var before func()
	if g, ok := lc.(interface{ OnEnteredForeground() func() }); ok {
		before = g.OnEnteredForeground()
	}
	lc.SetOnEnteredForeground(func() {
		if before != nil {
			before()
		}
		u.autoReload(u.now(), false)
	})
	if !u.served() {
		return
	}
	t := time.NewTicker(refreshEvery)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-u.closed:
				return
			case <-t.C:
				fyne.Do(func() {
					select {
					case <-u.closed: // closed while this waited its turn
					default:
						u.autoReload(u.now(), true)
					}
				})
			}
		}
	}()
}
