package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"secondment/i18n"
)

// Problem is a data file the window cannot open: in use, damaged or foreign.
type Problem struct {
	Text string // what went wrong, in the user's language
	// Damaged offers to restore a backup; otherwise the window offers to retry.
	Damaged bool
	// Restore replaces the data file with a backup, checked and authorised by an
	// office account in the backup; Explain words its refusals.
	Restore func(backup, user, password string) error
	Explain func(error) string
	// Retry opens the data file again.
	Retry func()
}

// ShowProblem shows why the data file could not be opened, with the way out:
// try again (a file in use) or restore a backup (a damaged file). It never
// leaves the clerk with a crash or an empty window.
func ShowProblem(a fyne.App, w fyne.Window, p Problem) {
	lang := i18n.Parse(a.Preferences().StringWithFallback(prefLang, "zh"))
	a.Settings().SetTheme(newTheme())
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	msg := widget.NewLabel(p.Text)
	msg.Wrapping = fyne.TextWrapBreak
	buttons := container.NewHBox()
	if p.Damaged && p.Restore != nil {
		buttons.Add(&widget.Button{Text: t("ui.restore"), Importance: widget.HighImportance, OnTapped: func() {
			d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
				if err != nil || r == nil {
					return
				}
				backup := r.URI().Path()
				r.Close()
				restoreForm(w, lang, backup, p)
			}, w)
			d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".bak"}))
			d.Resize(fyne.NewSize(800, 560))
			d.Show()
		}})
	}
	if p.Retry != nil {
		buttons.Add(widget.NewButton(t("ui.retry"), p.Retry))
	}
	buttons.Add(widget.NewButton(t("ui.quit"), a.Quit))
	box := container.NewVBox(title(t("ui.cannot_open")), msg, buttons)
	w.SetContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(640, box.MinSize().Height+40), box)))
}

// restoreForm asks for an office account of the backup and restores it.
func restoreForm(w fyne.Window, lang i18n.Lang, backup string, p Problem) {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	user := newEntry(t("ui.user_name"), false)
	pw := newEntry(t("ui.password"), true)
	msg := errorText()
	var d dialog.Dialog
	submit := func() {
		if err := p.Restore(backup, user.Text, pw.Text); err != nil {
			msg.Text = p.Explain(err)
			msg.Refresh()
			return
		}
		d.Hide()
		dialog.ShowInformation(t("ui.done"), t("ui.restored", backup), w)
		if p.Retry != nil {
			p.Retry()
		}
	}
	pw.OnSubmitted = func(string) { submit() }
	user.OnSubmitted = func(string) { w.Canvas().Focus(pw) }
	content := container.NewVBox(widget.NewLabel(t("ui.restore_from", backup)),
		widget.NewForm(widget.NewFormItem(t("ui.user_name"), user), widget.NewFormItem(t("ui.password"), pw)), msg)
	cd := dialog.NewCustomWithoutButtons(t("ui.restore"), content, w)
	cd.SetButtons([]fyne.CanvasObject{
		widget.NewButton(t("ui.cancel"), func() { cd.Hide() }),
		&widget.Button{Text: t("ui.restore"), Importance: widget.HighImportance, OnTapped: submit},
	})
	user.onEsc, pw.onEsc = cd.Hide, cd.Hide
	d = cd
	cd.Resize(fyne.NewSize(560, 260))
	cd.Show()
	w.Canvas().Focus(user)
}
