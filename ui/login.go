package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// entry is a text field that submits on Enter and closes the dialog on Esc.
// Plain entries (not data-bound) keep text typed through an input method whole.
type entry struct {
	widget.Entry
	onEsc func()
	// onFocus runs when the field gains the focus (a form scrolls it into view).
	onFocus func()
	// onUse runs on every key typed (the window's idle lock counts it as use).
	onUse func()
}

func (e *entry) TypedRune(r rune) {
	if e.onUse != nil {
		e.onUse()
	}
	e.Entry.TypedRune(r)
}

func (e *entry) FocusGained() {
	e.Entry.FocusGained()
	if e.onFocus != nil {
		e.onFocus()
	}
}

func newEntry(placeholder string, password bool) *entry {
	e := &entry{}
	e.Password = password
	e.PlaceHolder = placeholder
	e.Wrapping = fyne.TextWrapOff
	e.ExtendBaseWidget(e)
	return e
}

func (e *entry) TypedKey(k *fyne.KeyEvent) {
	if e.onUse != nil {
		e.onUse()
	}
	if k.Name == fyne.KeyEscape && e.onEsc != nil {
		e.onEsc()
		return
	}
	// F5 reloads wherever the cursor is: the window handles it.
	if k.Name == fyne.KeyF5 && forwardKey(e, k) {
		return
	}
	e.Entry.TypedKey(k)
}

// errorText is a red line under a form field or a form.
func errorText() *canvas.Text {
	t := canvas.NewText("", theme.Color(theme.ColorNameError))
	t.TextSize = theme.TextSize() - 1
	return t
}

func title(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	return l
}

// centred puts a form of sensible width in the middle of the window.
func centred(c fyne.CanvasObject) fyne.CanvasObject {
	box := container.NewGridWrap(fyne.NewSize(420, c.MinSize().Height), c)
	return container.NewCenter(box)
}

// showSetup is the first start: create the graduate-office account and
// optionally load the sample data.
func (u *UI) showSetup() {
	name := newEntry(u.t("ui.user_name"), false)
	pw := newEntry(u.t("ui.password_hint"), true)
	again := newEntry(u.t("ui.password_again"), true)
	uni := newEntry(u.t("ui.own_university_hint"), false)
	demo := widget.NewCheck(u.t("ui.load_demo"), nil)
	msg := errorText()
	submit := func() {
		if pw.Text != again.Text {
			msg.Text = u.t("cli.password_mismatch")
			msg.Refresh()
			return
		}
		sess, err := u.svc.Bootstrap(name.Text, pw.Text, uni.Text)
		if err != nil {
			msg.Text = u.message(err)
			msg.Refresh()
			return
		}
		u.sess = sess
		if demo.Checked && u.cfg.LoadDemo != nil {
			u.loadDemo()
			return
		}
		u.showMain()
	}
	for _, e := range []*entry{name, pw, again, uni} {
		e.OnSubmitted = func(string) { submit() }
	}
	form := container.NewVBox(
		title(u.t("ui.app_title")),
		widget.NewLabelWithStyle(u.t("ui.setup_intro"), fyne.TextAlignCenter, fyne.TextStyle{}),
		widget.NewForm(
			widget.NewFormItem(u.t("ui.admin_name"), name),
			widget.NewFormItem(u.t("ui.password"), pw),
			widget.NewFormItem(u.t("ui.password_again"), again),
			widget.NewFormItem(u.t("ui.own_university"), uni),
		),
		demo, msg,
		&widget.Button{Text: u.t("ui.create"), Importance: widget.HighImportance, OnTapped: submit},
		container.NewHBox(widget.NewLabel(u.t("ui.language")), u.langSelect()),
	)
	u.setContent("setup", centred(form))
	u.win.Canvas().Focus(name)
}

func (u *UI) loadDemo() {
	u.task(u.t("ui.loading_demo"), func(_ context.Context, progress func(float64)) error {
		progress(0.3)
		return u.cfg.LoadDemo(u.svc, u.sess)
	}, func(err error) {
		if err != nil {
			u.showError(err)
		}
		u.showMain()
	})
}

// showLogin asks for a user name and password.
func (u *UI) showLogin() {
	u.sess = nil
	name := newEntry(u.t("ui.user_name"), false)
	pw := newEntry(u.t("ui.password"), true)
	msg := errorText()
	var btn *widget.Button
	var submit func()
	submit = func() {
		btn.Disable()
		user, password := name.Text, pw.Text
		// argon2 takes a moment: keep the window alive meanwhile.
		u.async(func() {
			sess, err := u.svc.Login(user, password)
			fyne.Do(func() {
				btn.Enable()
				if u.certificateProblem(err, submit) {
					return
				}
				if err != nil {
					u.loginMessage(u.message(err))
					pw.SetText("")
					u.win.Canvas().Focus(pw)
					return
				}
				u.sess = sess
				u.showMain()
				if sess.MustChangePassword() {
					u.mustChangePassword()
				}
			})
		})
	}
	btn = &widget.Button{Text: u.t("ui.login"), Importance: widget.HighImportance, OnTapped: submit}
	name.OnSubmitted = func(string) { u.win.Canvas().Focus(pw) }
	pw.OnSubmitted = func(string) { submit() }
	head := []fyne.CanvasObject{title(u.t("ui.app_title"))}
	if u.served() {
		head = append(head, widget.NewLabelWithStyle(u.whereLine(), fyne.TextAlignCenter, fyne.TextStyle{}))
	}
	form := container.NewVBox(append(head,
		widget.NewForm(
			widget.NewFormItem(u.t("ui.user_name"), name),
			widget.NewFormItem(u.t("ui.password"), pw),
		),
		msg, btn,
		container.NewHBox(widget.NewLabel(u.t("ui.language")), u.langSelect()),
	)...)
	u.loginName, u.loginPass, u.loginMsg = name, pw, msg
	u.setContent("login", centred(form))
	u.win.Canvas().Focus(name)
}
