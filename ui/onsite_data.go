package ui

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"secondment/model"
	"secondment/pdf"
	"secondment/roster"
	"secondment/sheet"
)

// The data tab's work for the placement on site (issue 12): a month's
// allowance list (研究生科研补助发放表) as a PDF to sign or an .xlsx to pay
// from, and each university's settings — the weights of the three marks and
// whether its students write weekly or monthly logs.

// onsiteSection is the data tab's card of these.
func (s *dataScreen) onsiteSection() []fyne.CanvasObject {
	u := s.u
	return []fyne.CanvasObject{
		widget.NewButton(u.t("ui.allowance_list"), s.allowanceForm),
		widget.NewButton(u.t("ui.set_weights"), s.weightsForm),
		widget.NewButton(u.t("ui.set_cadence"), s.cadenceForm),
	}
}

// Formats the allowance list is written in.
const (
	asPDF  = "PDF"
	asXLSX = "Excel (.xlsx)"
)

// allowanceForm asks for the month and what the list covers (a platform, a
// university or everything in the clerk's scope) and the format; the save
// dialog opens once the form has closed.
func (s *dataScreen) allowanceForm() {
	u := s.u
	f := u.newForm()
	month := f.text("month", "field:month")
	month.PlaceHolder = "2026-11"
	last := model.DateOf(u.now()).AddDate(0, -1, 0)
	month.SetText(fmt.Sprintf("%04d-%02d", last.Year(), int(last.Month())))
	all := u.t("ui.all_platforms")
	plat := f.choice("platform", "col.platform", append([]string{all}, u.platformNames()...))
	plat.SetSelected(all)
	allU := u.t("ui.all_universities")
	uni := f.choice("university", "col.university", append([]string{allU}, u.universityNames()...))
	uni.SetSelected(allU)
	format := f.choice("format", "ui.format", []string{asPDF, asXLSX})
	format.SetSelected(asPDF)
	f.intro = u.t("ui.allowance_intro")
	var next func()
	f.open(u.t("ui.allowance_list"), func() error {
		if model.Clean(month.Text) == "" {
			return model.Invalid("month", "field.required")
		}
		p, un := chosen(plat), chosen(uni)
		if p != "" && un != "" {
			return model.Invalid("university", "ui.allowance_one_scope")
		}
		l, err := u.svc.AllowanceList(u.sess, month.Text, p, un)
		if err != nil {
			return err
		}
		if len(l.Rows) == 0 {
			return model.Errorf(model.ENotFound, "cli.allowance_empty", l.Month)
		}
		ext := ".pdf"
		if format.Selected == asXLSX {
			ext = ".xlsx"
		}
		scope := l.Platform
		if scope == "" {
			scope = l.University
		}
		name := "研究生科研补助发放表-" + l.Month + ext
		if scope != "" {
			name = scope + "-" + name
		}
		f.success = u.t("ui.allowance_ready", len(l.Rows))
		next = func() { s.writeAllowance(l, name) }
		return nil
	}, func() { next() })
}

// writeAllowance saves the list where the clerk chooses, whole or not at
// all, records it in the audit log as an export, and opens it.
func (s *dataScreen) writeAllowance(l model.AllowanceList, name string) {
	u := s.u
	u.saveFile(name, func(path string) {
		u.task(u.t("ui.making_document"), func(_ context.Context, progress func(float64)) error {
			var err error
			if strings.EqualFold(filepath.Ext(path), ".xlsx") {
				err = sheet.Write(path, roster.AllowanceSheet(l))
			} else {
				var m *pdf.Maker
				if m, err = u.pdfMaker(); err == nil {
					err = pdf.WriteFile(path, func(w io.Writer) error { return m.AllowanceList(w, l) })
				}
			}
			if err != nil {
				return err
			}
			progress(1)
			return u.svc.RecordExport(u.sess, "allowance_list", len(l.Rows), false)
		}, func(err error) {
			if err != nil {
				u.showError(err)
				return
			}
			u.opened(path)
			msg := u.t("cli.allowance_done", l.Month, len(l.Rows), l.Amount, l.Deduction, path)
			if l.Unrecorded > 0 {
				msg += "；" + u.t("cli.allowance_unrecorded", l.Unrecorded)
			}
			u.notice(msg)
		})
	})
}

// weightsForm sets a university's weights of the three marks (they total
// 100); choosing the university shows the weights it has.
func (s *dataScreen) weightsForm() {
	u := s.u
	f := u.newForm()
	uni := f.choice("university", "col.university", u.universityNames())
	uw := f.text("university_weight", "field:university_weight")
	pw := f.text("platform_weight", "field:platform_weight")
	dw := f.text("defence_weight", "field:defence_weight")
	show := func(w model.Weights) {
		uw.SetText(strconv.Itoa(w.University))
		pw.SetText(strconv.Itoa(w.Platform))
		dw.SetText(strconv.Itoa(w.Defence))
	}
	show(model.DefaultWeights)
	uni.OnChanged = func(name string) {
		f.clear("university")
		show(u.universityOf(name).AssessWeights())
	}
	f.intro = u.t("ui.weights_intro", model.DefaultWeights.University, model.DefaultWeights.Platform, model.DefaultWeights.Defence)
	f.open(u.t("ui.set_weights"), func() error {
		var ps problems
		if uni.Selected == "" {
			ps.add(model.Invalid("university", "field.required"))
		}
		w := model.Weights{
			University: count(uw, "university_weight", true, &ps),
			Platform:   count(pw, "platform_weight", true, &ps),
			Defence:    count(dw, "defence_weight", true, &ps),
		}
		if len(ps) > 0 {
			return model.Problems(ps)
		}
		un, err := u.svc.SetAssessmentWeights(u.sess, uni.Selected, w)
		if err != nil {
			return err
		}
		got := un.AssessWeights()
		f.success = u.t("cli.university_weights", un.Name, got.University, got.Platform, got.Defence)
		return nil
	}, nil)
}

// cadenceForm sets whether a university's students write weekly or monthly
// logs; choosing the university shows its cadence.
func (s *dataScreen) cadenceForm() {
	u := s.u
	f := u.newForm()
	uni := f.choice("university", "col.university", u.universityNames())
	cadence := f.choice("cadence", "field:cadence", model.LogCadences.Names(string(u.lang)))
	uni.OnChanged = func(name string) {
		f.clear("university")
		cadence.SetSelected(u.term(model.LogCadences, u.universityOf(name).LogCadenceOf()))
	}
	f.open(u.t("ui.set_cadence"), func() error {
		var ps problems
		if uni.Selected == "" {
			ps.add(model.Invalid("university", "field.required"))
		}
		if cadence.Selected == "" {
			ps.add(model.Invalid("cadence", "field.required"))
		}
		if len(ps) > 0 {
			return model.Problems(ps)
		}
		un, err := u.svc.SetLogCadence(u.sess, uni.Selected, termCode(u, model.LogCadences, cadence.Selected))
		if err != nil {
			return err
		}
		f.success = u.t("cli.university_logs", un.Name, u.term(model.LogCadences, un.LogCadenceOf()))
		return nil
	}, nil)
}
