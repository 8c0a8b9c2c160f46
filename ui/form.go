package ui

import (
	"errors"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"secondment/model"
)

// form is a dialog form whose fields show the service's refusal beside the
// field it names: Enter in any field submits, Esc cancels, Tab moves on.
type form struct {
	u      *UI
	items  []*widget.FormItem
	errs   map[string]*canvas.Text
	first  fyne.Focusable
	submit func()
	top    *canvas.Text
	d      dialog.Dialog
	// success is what the foot line says once saved; a save may set it.
	success string
	scroll  *container.Scroll
	// intro, if set, is a line above the fields; onCancel runs after Cancel
	// or Esc.
	intro    string
	onCancel func()
	// hint is a green line a form may show under a field (the student found).
	hint  *canvas.Text
	saved bool
}

func (u *UI) newForm() *form { return &form{u: u, errs: map[string]*canvas.Text{}, top: errorText()} }

func (f *form) add(field, label string, w ...fyne.CanvasObject) {
	msg := errorText()
	f.errs[field] = msg
	// A gap after the reason keeps it with its own field, not the next one.
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(0, theme.Padding()*2))
	f.items = append(f.items, widget.NewFormItem(f.u.t(label), container.NewVBox(append(w, msg, gap)...)))
}

// text adds a text field; extra widgets (a hint, a list of matches) go under
// it, above its error line.
func (f *form) text(field, label string, extra ...fyne.CanvasObject) *entry {
	e := f.entry(field)
	f.add(field, label, append([]fyne.CanvasObject{e}, extra...)...)
	return e
}

// entry is a form's text field: Enter submits, Esc closes, Tab scrolls it into
// view, and typing clears the reason under it (it is about the old value).
func (f *form) entry(field string) *entry {
	e := newEntry("", false)
	e.OnSubmitted = func(string) {
		if f.submit != nil {
			f.submit()
		}
	}
	e.onEsc = f.u.closeTop
	e.onFocus = func() { f.reveal(e) }
	e.onUse = func() {
		f.u.touch()
		if msg := f.errs[field]; msg != nil && msg.Text != "" {
			msg.Text = ""
			msg.Refresh()
		}
	}
	if f.first == nil {
		f.first = e
	}
	return e
}

func (f *form) choice(field, label string, options []string) *widget.Select {
	c := &choice{}
	c.Options = options
	c.PlaceHolder = f.u.t("ui.choose")
	c.ExtendBaseWidget(c)
	c.onFocus = func() { f.reveal(c) }
	c.OnChanged = func(string) { f.clear(field) }
	f.add(field, label, c)
	return &c.Select
}

// choice is a drop-down that scrolls itself into view when Tab reaches it.
type choice struct {
	widget.Select
	onFocus func()
}

func (c *choice) FocusGained() {
	c.Select.FocusGained()
	if c.onFocus != nil {
		c.onFocus()
	}
}

// reveal scrolls the form so that o, which has the focus, is in view: Tab
// through a long form no longer moves the focus out of sight.
func (f *form) reveal(o fyne.CanvasObject) {
	if f.scroll == nil || f.scroll.Content == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(f.scroll.Content).Y
	bottom := top + o.Size().Height
	view := f.scroll.Size().Height
	switch {
	case top < f.scroll.Offset.Y:
		f.scroll.Offset.Y = top
	case bottom > f.scroll.Offset.Y+view:
		f.scroll.Offset.Y = bottom - view
	default:
		return
	}
	f.scroll.Refresh()
}

// clear removes the reason under a field whose value changed.
func (f *form) clear(field string) {
	if msg := f.errs[field]; msg != nil && msg.Text != "" {
		msg.Text = ""
		msg.Refresh()
	}
}

// show puts each problem of err beside its field, and anything else on top.
func (f *form) show(err error) {
	for _, t := range f.errs {
		t.Text = ""
		t.Color = theme.Color(theme.ColorNameError)
		t.Refresh()
	}
	f.top.Text = ""
	var ps model.Problems
	var list []*model.Error
	if errors.As(err, &ps) {
		list = ps
	} else if e := (*model.Error)(nil); errors.As(err, &e) {
		list = []*model.Error{e}
	}
	shown := false
	for _, e := range list {
		if t, ok := f.errs[e.Field]; ok && e.Field != "" {
			t.Text = f.u.message(&model.Error{Code: e.Code, Key: e.Key, Args: e.Args})
			t.Refresh()
			shown = true
		}
	}
	if !shown {
		f.top.Text = f.u.message(err)
	}
	f.top.Refresh()
}

// open shows the form; save runs on submit (the Save button or Enter). A
// refusal stays in the form beside its field; on success the form closes
// (itself, whatever a warning opened above it), done runs and the foot line
// confirms. Cancel and Esc close the form and change nothing.
func (f *form) open(title string, save func() error, done func()) {
	fm := f.grid()
	if f.success == "" {
		f.success = f.u.t("ui.saved")
	}
	f.submit = func() {
		var err error
		held := f.u.holding(func() { err = save() })
		if err != nil {
			f.show(err)
		} else {
			f.saved = true
			f.close()
			if done != nil {
				done()
			}
			f.u.notice(f.success)
		}
		for _, d := range held {
			f.u.show(d)
		}
	}
	content := container.NewVBox(fm, f.top)
	if f.intro != "" {
		l := widget.NewLabel(f.intro)
		l.Wrapping = fyne.TextWrapWord
		content.Objects = append([]fyne.CanvasObject{l}, content.Objects...)
	}
	f.scroll = container.NewVScroll(content)
	// A title taken from the button that opened the form loses its "…".
	d := dialog.NewCustomWithoutButtons(strings.TrimSuffix(title, "…"), f.scroll, f.u.win)
	d.SetButtons([]fyne.CanvasObject{
		&widget.Button{Text: f.u.t("ui.cancel"), OnTapped: f.close},
		&widget.Button{Text: f.u.t("ui.save"), Importance: widget.HighImportance, OnTapped: func() { f.submit() }},
	})
	f.d = d
	// However the form closes unsaved — Cancel, Esc — onCancel runs.
	d.SetOnClosed(func() {
		if !f.saved && f.onCancel != nil {
			f.onCancel()
		}
	})
	f.u.lastForm = f
	d.Resize(fyne.NewSize(580, min(680, content.MinSize().Height+150)))
	f.u.show(d)
	if f.first != nil {
		f.u.win.Canvas().Focus(f.first)
	}
}

// grid lays the fields out as label | field, each label level with the top of
// its field: centred on the field and its reason (as Fyne's form does), a
// label sat between a field's reason and the next field and read as if the
// reason were the next field's.
func (f *form) grid() fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for _, it := range f.items {
		l := widget.NewLabelWithStyle(it.Text, fyne.TextAlignTrailing, fyne.TextStyle{})
		cells = append(cells, container.NewVBox(l), it.Widget)
	}
	return container.New(layout.NewFormLayout(), cells...)
}

// close closes this form, wherever it is in the stack of dialogs.
func (f *form) close() {
	f.u.forget(f.d)
	f.d.Hide()
}
