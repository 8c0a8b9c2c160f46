package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"secondment/i18n"
	"secondment/model"
)

// The window's dialogs are a stack. Every dialog the window opens — forms,
// messages, progress, Fyne's file dialogs — is pushed when shown and removes
// itself when it closes, however it closes (its own button, Esc, code, or a
// dialog above it finishing). So Esc closes the dialog on top and nothing else,
// a form that saves closes itself (not whatever a warning put above it), and
// once the stack is empty the screen under it is usable again.
//
// The first version remembered one dialog: a warning shown while a form saved
// took the form's place, and the form could then never be closed.

// show opens d on top of the stack. While a form saves, what it opens (a
// warning, a note) is held back and shown once the form has closed: Fyne
// removes every overlay above one that closes, so a form closing under its own
// warning would take the warning with it.
func (u *UI) show(d dialog.Dialog) {
	if u.held != nil {
		*u.held = append(*u.held, d)
		return
	}
	u.touch()
	u.dialogs = append(u.dialogs, d)
	d.SetOnClosed(func() { u.forget(d) })
	d.Show()
}

// holding runs fn with the dialogs it opens held back, and returns them.
func (u *UI) holding(fn func()) []dialog.Dialog {
	var held []dialog.Dialog
	u.held = &held
	defer func() { u.held = nil }()
	fn()
	return held
}

// forget takes d off the stack; closing twice is harmless. Only d: Fyne
// reports a dialog closed after its answer has run, and the answer may have
// opened the next dialog (a refusal after 替换), which stays.
func (u *UI) forget(d dialog.Dialog) {
	for i := len(u.dialogs) - 1; i >= 0; i-- {
		if u.dialogs[i] == d {
			u.dialogs = append(u.dialogs[:i:i], u.dialogs[i+1:]...)
			return
		}
	}
}

// top is the dialog on top, or nil.
func (u *UI) top() dialog.Dialog {
	if len(u.dialogs) == 0 {
		return nil
	}
	return u.dialogs[len(u.dialogs)-1]
}

// closeTop closes the dialog on top (Esc); never one under the lock screen.
func (u *UI) closeTop() {
	if u.lock != nil {
		return
	}
	if d := u.top(); d != nil {
		u.forget(d)
		d.Hide()
	}
}

// closeAll closes every dialog (log out, a language switch), and whatever
// else is drawn on top: a drop-down's list left open would otherwise outlive
// the screen it belongs to and take every click of the next one.
func (u *UI) closeAll() {
	for len(u.dialogs) > 0 {
		u.closeTop()
	}
	ov := u.win.Canvas().Overlays()
	for o := ov.Top(); o != nil; o = ov.Top() {
		ov.Remove(o)
	}
}

// info shows a message that needs reading (a warning, a refusal's detail).
func (u *UI) info(title, text string) {
	u.message2(title, text, theme.InfoIcon())
}

// message2 shows a message with its icon and a 确定 button, worded in the
// chosen language (Fyne's own say "OK", or "好" in its Chinese).
func (u *UI) message2(title, text string, icon fyne.Resource) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(nil, nil, container.NewPadded(widget.NewIcon(icon)), nil, l)
	d := dialog.NewCustom(title, u.t("ui.confirm"), body, u.win)
	d.Resize(fyne.NewSize(min(560, u.win.Canvas().Size().Width-40), 0))
	u.show(d)
}

// notice confirms a success without a dialog to dismiss: the line at the foot
// of the working screen says what was done, as Excel's status bar would.
func (u *UI) notice(text string) {
	u.lastNotice = text
	if text != "" {
		// Something was done: the other tabs (home's to-dos, a detail that
		// shows what changed) read the service again when next opened.
		u.markOthersStale()
	}
	if u.status != nil {
		if text != "" {
			text = "✓ " + text
		}
		u.status.SetText(text)
	}
}

// fileSize is the size the window gives Fyne's file dialogs.
var fileSize = fyne.NewSize(800, 560)

// errorTable lists row errors: row, column, value, reason.
func (u *UI) errorTable(errs []model.RowError) fyne.CanvasObject {
	cols := []string{"ui.err_row", "ui.err_column", "ui.err_value", "ui.err_reason"}
	widths := []float32{60, 120, 180, 480}
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(errs), len(cols) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			e := errs[id.Row]
			text := ""
			switch id.Col {
			case 0:
				text = strconv.Itoa(e.Row)
			case 1:
				text = e.Column
				if text == "" && e.Field != "" {
					text = i18n.FieldName(u.lang, e.Field)
				}
			case 2:
				text = e.Value
			case 3:
				text = i18n.Reason(u.lang, e.Err)
			}
			o.(*widget.Label).SetText(text)
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(u.t(cols[id.Col]))
		}
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	return t
}

// dialogConfirm asks before an action that locks someone out.
func dialogConfirm(u *UI, title, text string, yes func()) {
	d := dialog.NewConfirm(title, text, func(ok bool) {
		if ok {
			yes()
		}
	}, u.win)
	d.SetConfirmText(u.t("ui.confirm"))
	d.SetDismissText(u.t("ui.cancel"))
	u.show(d)
}
