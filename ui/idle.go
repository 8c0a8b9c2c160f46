package ui

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"secondment/model"
)

// A window left signed in on an office desk shows ID numbers to whoever sits
// down. After a spell without use (10 minutes unless the office sets another)
// the window locks: a screen over everything asks for the password again.
// Nothing under it is closed, so a half-filled form is there after unlocking.
//
// Use is what the window sees: typing in a field, switching tabs, picking or
// sorting a row, opening a dialog, saving a form. Fyne offers no window-wide
// hook for the mouse, so moving it alone does not count.

const (
	prefIdleMinutes = "idle.minutes"
	// DefaultIdleMinutes is the lock's delay when the office has set none.
	DefaultIdleMinutes = 10
)

// idleLimit is how long the window may go unused before it locks; 0 never.
func (u *UI) idleLimit() time.Duration {
	return time.Duration(u.app.Preferences().IntWithFallback(prefIdleMinutes, DefaultIdleMinutes)) * time.Minute
}

// touch records use of the window.
func (u *UI) touch() { u.lastUse = u.now() }

// watchIdle checks twice a minute whether the window should lock.
func (u *UI) watchIdle() {
	if u.idleTicker != nil {
		return
	}
	u.idleTicker = time.NewTicker(30 * time.Second)
	go func() {
		for range u.idleTicker.C {
			fyne.Do(func() { u.checkIdle(u.now()) })
		}
	}()
}

// checkIdle locks the window if it has not been used since limit before now.
func (u *UI) checkIdle(now time.Time) {
	limit := u.idleLimit()
	if u.sess == nil || u.lock != nil || limit <= 0 || now.Sub(u.lastUse) < limit {
		return
	}
	u.showLock()
}

// showLock covers the window with the unlock screen.
func (u *UI) showLock() {
	user := u.sess.User().Name
	pw := newEntry(u.t("ui.password"), true)
	msg := errorText()
	unlock := func() {
		// The same sign-in as the login: failures count toward the lockout
		// and are audited.
		sess, err := u.svc.Login(user, pw.Text)
		if err != nil {
			msg.Text = u.message(err)
			msg.Refresh()
			pw.SetText("")
			return
		}
		u.sess = sess
		u.lock.Hide()
		u.lock = nil
		u.touch()
	}
	pw.OnSubmitted = func(string) { unlock() }
	box := container.NewVBox(
		title(u.t("ui.locked_title")),
		widget.NewLabelWithStyle(u.t("ui.locked_text", user), fyne.TextAlignCenter, fyne.TextStyle{}),
		pw, msg,
		&widget.Button{Text: u.t("ui.unlock"), Importance: widget.HighImportance, OnTapped: unlock},
		widget.NewButton(u.t("ui.logout"), func() {
			u.lock.Hide()
			u.lock = nil
			u.logout()
		}),
	)
	u.lock = widget.NewModalPopUp(container.NewCenter(container.NewGridWrap(fyne.NewSize(420, box.MinSize().Height), box)), u.win.Canvas())
	u.lock.Resize(u.win.Canvas().Size())
	u.lock.Show()
	u.win.Canvas().Focus(pw)
}

// idleSetting lets the office choose the delay (minutes; 0 never locks) for
// this computer.
func (u *UI) idleSetting() fyne.CanvasObject {
	e := newEntry("", false)
	e.SetText(strconv.Itoa(u.app.Preferences().IntWithFallback(prefIdleMinutes, DefaultIdleMinutes)))
	msg := errorText()
	e.OnChanged = func(s string) {
		n, err := strconv.Atoi(model.CleanCode(s))
		if err != nil || n < 0 || n > 240 {
			msg.Text = u.t("ui.idle_range")
			msg.Refresh()
			return
		}
		msg.Text = ""
		msg.Refresh()
		u.app.Preferences().SetInt(prefIdleMinutes, n)
	}
	return container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel(u.t("ui.idle_minutes")), nil, e), msg)
}
