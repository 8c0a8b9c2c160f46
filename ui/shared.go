package ui

import (
	"context"
	"io"

	"secondment/model"
	"secondment/pdf"
)

// What several screens use and so belongs to the window: the names offered
// in drop-downs, date fields, warnings, documents.

func (u *UI) platformNames() []string {
	return u.platformNamesWhere(func(model.Platform) bool { return true })
}

// platformNamesWhere names the platforms that keep holds for.
func (u *UI) platformNamesWhere(keep func(model.Platform) bool) []string {
	ps, err := u.svc.Platforms(u.sess, "")
	if err != nil {
		return nil
	}
	var out []string
	for _, p := range ps {
		if keep(p) {
			out = append(out, p.Name)
		}
	}
	return out
}

func (u *UI) universityNames() []string {
	us, err := u.svc.Universities(u.sess)
	if err != nil {
		return nil
	}
	out := make([]string, len(us))
	for i, x := range us {
		out[i] = x.Name
	}
	return out
}

func (u *UI) warn(ws []model.Warning) {
	for _, w := range ws {
		u.info(u.t("ui.note"), u.t(w.Key, w.Args...))
	}
}

// dateField is a date entry whose grey hint cannot be mistaken for a value.
func (u *UI) dateField(f *form, field, label string) *entry {
	e := f.text(field, label)
	e.PlaceHolder = u.t("ui.date_hint")
	return e
}

// date reads a date field: empty is "required", not "unreadable".
func (u *UI) date(e *entry, field string) (model.Date, error) {
	if model.Clean(e.Text) == "" {
		return model.Date{}, model.Invalid(field, "field.required")
	}
	d, err := model.ParseDate(e.Text)
	if err != nil {
		return d, withField(err, field)
	}
	return d, nil
}

// document asks where to save a document, makes it off the UI thread (whole or
// not at all) and opens it with the system viewer.
func (u *UI) document(name string, draw func(m *pdf.Maker, w io.Writer) error) {
	u.saveFile(name, func(path string) {
		u.task(u.t("ui.making_document"), func(_ context.Context, _ func(float64)) error {
			m, err := u.pdfMaker()
			if err != nil {
				return err
			}
			return pdf.WriteFile(path, func(w io.Writer) error { return draw(m, w) })
		}, func(err error) {
			if err != nil {
				u.showError(err)
				return
			}
			u.opened(path)
		})
	})
}
