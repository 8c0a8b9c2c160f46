package ui

import (
	"fmt"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/evaluation"
	"secondment/model"
)

// figuresPane lists the year's entered figures with a detail pane: for the
// bureau, every platform's, awaiting review first, to accept or reject; for
// platform HR, its own platform's with their review state.
func (s *evalScreen) figuresPane() fyne.CanvasObject {
	u := s.u
	bureau := u.sess.User().Role == model.Bureau
	var statusSel *widget.Select
	cols := []column[model.EvalFigure]{
		{title: "col.platform", width: 200, text: func(f model.EvalFigure) string { return f.Platform }},
		{title: "col.indicator", width: 190, text: func(f model.EvalFigure) string { return s.indicator(f.Code) }},
		{title: "col.value", width: 90, text: func(f model.EvalFigure) string { return model.Num(f.Value) + s.units[f.Code] },
			less: func(a, b model.EvalFigure) bool { return a.Value < b.Value }},
		{title: "col.evidence", width: 180, text: func(f model.EvalFigure) string { return f.Evidence }},
		{title: "col.status", width: 70, text: func(f model.EvalFigure) string { return u.term(model.FigureStatuses, f.Status) }},
		{title: "col.review_note", width: 120, text: func(f model.EvalFigure) string { return f.ReviewNote }},
	}
	if !bureau {
		cols = cols[1:] // HR's own platform only
	}
	l := newListing(u, "ui.search_eval_figures", cols, func(q string) ([]model.EvalFigure, error) {
		st := ""
		for _, t := range model.FigureStatuses {
			if u.term(model.FigureStatuses, t.Code) == chosen(statusSel) {
				st = t.Code
			}
		}
		fs, err := u.svc.Figures(u.sess, dispatch.FigureFilter{Year: s.year, Status: st})
		var out []model.EvalFigure
		for _, f := range fs {
			if matches(q, f.Platform, s.indicator(f.Code), f.Code, f.Evidence) {
				out = append(out, f)
			}
		}
		return out, err
	})
	statusSel = l.selectFilter(u.t("ui.all_statuses"), model.FigureStatuses.Names(string(u.lang)))
	if bureau {
		statusSel.SetSelected(u.term(model.FigureStatuses, model.FigureSubmitted))
	}
	l.key = func(f model.EvalFigure) string { return f.Platform + "\x00" + f.Code }
	s.figureSide = newDetail(u)
	l.onPick = s.figureDetail
	s.figures = l
	s.enterBtn = widget.NewButton(u.t("ui.eval_enter_figure"), func() { s.figureForm(nil) })
	s.importBtn = widget.NewButton(u.t("ui.eval_import_figures"), s.importFigures)
	actions := []fyne.CanvasObject{s.enterBtn, s.importBtn,
		widget.NewButton(u.t("ui.eval_figure_template"), s.figureTemplate)}
	return split(l.view(actions...), s.figureSide.box)
}

// figureDetail shows one figure, its evidence and review, with the review
// buttons (bureau) or a change (HR) while the year is open.
func (s *evalScreen) figureDetail(f model.EvalFigure) {
	u := s.u
	objs := []fyne.CanvasObject{
		widget.NewLabelWithStyle(s.indicator(f.Code), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		field(u.t("col.platform"), f.Platform),
		field(u.t("col.value"), model.Num(f.Value)+s.units[f.Code]),
		field(u.t("col.evidence"), f.Evidence),
		field(u.t("col.status"), u.term(model.FigureStatuses, f.Status)),
		field(u.t("ui.eval_entered"), f.By+" · "+f.At.Local().Format("2006-01-02 15:04")),
	}
	if f.ReviewedBy != "" {
		objs = append(objs, field(u.t("ui.eval_reviewed"), f.ReviewedBy+" · "+f.ReviewedAt.Local().Format("2006-01-02 15:04")))
	}
	if f.ReviewNote != "" {
		objs = append(objs, field(u.t("col.review_note"), f.ReviewNote))
	}
	if s.y.State != model.EvalFinalized {
		var buttons []fyne.CanvasObject
		if u.sess.User().Role == model.Bureau {
			if f.Status != model.FigureAccepted {
				buttons = append(buttons, widget.NewButton(u.t("ui.eval_accept"), func() { s.reviewForm(f, true) }))
			}
			if f.Status != model.FigureRejected {
				buttons = append(buttons, widget.NewButton(u.t("ui.eval_reject"), func() { s.reviewForm(f, false) }))
			}
		} else {
			buttons = append(buttons, widget.NewButton(u.t("ui.eval_change_figure"), func() { s.figureForm(&f) }))
		}
		objs = append(objs, container.NewGridWrap(fyne.NewSize(130, 36), buttons...))
	}
	s.figureSide.set(objs...)
}

// figureForm enters one figure with a note of its evidence: HR for its own
// platform (it then awaits review), the bureau for any (accepted at once).
// cur, if set, is the figure changed.
func (s *evalScreen) figureForm(cur *model.EvalFigure) {
	u := s.u
	user := u.sess.User()
	schemes, err := u.svc.EvaluationSchemes(u.sess, s.year)
	if err != nil {
		u.showError(err)
		return
	}
	pls, err := u.svc.Platforms(u.sess, "")
	if err != nil {
		u.showError(err)
		return
	}
	byName := map[string]model.Platform{}
	for _, p := range pls {
		byName[p.Name] = p
	}
	// entered lists the indicators a platform reports, as "name（unit）", and
	// their codes.
	codeOf := map[string]string{}
	entered := func(platform string) []string {
		var out []string
		pl, ok := byName[platform]
		if !ok {
			return nil
		}
		sc := dispatch.SchemeFor(schemes, pl)
		if sc == nil {
			return nil
		}
		for _, in := range sc.Indicators {
			if in.Source == model.SourceEntered {
				label := s.indicator(in.Code)
				if in.Unit != "" {
					label += "（" + in.Unit + "）"
				}
				codeOf[label] = in.Code
				out = append(out, label)
			}
		}
		return out
	}
	f := u.newForm()
	var plat *widget.Select
	platform := user.Platform
	if user.Role == model.Bureau {
		plat = f.choice("platform", "col.platform", sortedNames(pls, func(p model.Platform) bool { return p.Status != model.Revoked }))
	} else {
		f.intro = u.t("ui.eval_figure_intro", platform, s.year)
	}
	ind := f.choice("code", "col.indicator", entered(platform))
	value := f.text("value", "field:value")
	evidence := f.text("evidence", "field:evidence")
	evidence.SetPlaceHolder(u.t("ui.eval_evidence_hint"))
	if plat != nil {
		plat.OnChanged = func(name string) {
			f.clear("platform")
			ind.Options = entered(name)
			ind.ClearSelected()
			ind.Refresh()
		}
	}
	if cur != nil {
		if plat != nil {
			plat.SetSelected(cur.Platform)
		}
		for label, code := range codeOf {
			if code == cur.Code {
				ind.SetSelected(label)
			}
		}
		value.SetText(model.Num(cur.Value))
		evidence.SetText(cur.Evidence)
	}
	f.open(u.t("ui.eval_enter_figure"), func() error {
		if plat != nil {
			platform = plat.Selected
			if platform == "" {
				return model.Invalid("platform", "field.required")
			}
		}
		code := codeOf[ind.Selected]
		if code == "" {
			return model.Invalid("code", "field.required")
		}
		v, err := strconv.ParseFloat(model.CleanCode(value.Text), 64)
		if err != nil {
			return model.Invalid("value", "evaluation.value", value.Text)
		}
		out, err := u.svc.SetFigure(u.sess, model.EvalFigure{Year: s.year, Platform: platform, Code: code, Value: v, Evidence: evidence.Text})
		if err != nil {
			return err
		}
		f.success = u.t("ui.eval_figure_saved", out.Platform, s.indicator(out.Code), model.Num(out.Value),
			u.term(model.FigureStatuses, out.Status))
		return nil
	}, s.load)
}

// reviewForm accepts a figure (a note optional) or rejects it (a note
// required).
func (s *evalScreen) reviewForm(fg model.EvalFigure, accept bool) {
	u := s.u
	f := u.newForm()
	f.intro = fmt.Sprintf("%s · %s = %s%s\n%s", fg.Platform, s.indicator(fg.Code), model.Num(fg.Value), s.units[fg.Code], fg.Evidence)
	note := f.text("reason", "col.review_note")
	title := u.t("ui.eval_accept")
	if !accept {
		title = u.t("ui.eval_reject")
	}
	f.open(title, func() error {
		out, err := u.svc.ReviewFigure(u.sess, s.year, fg.Platform, fg.Code, accept, note.Text)
		if err != nil {
			return err
		}
		f.success = u.t("ui.eval_figure_reviewed", out.Platform, s.indicator(out.Code), u.term(model.FigureStatuses, out.Status))
		return nil
	}, s.load)
}

// importFigures imports an indicator sheet, all rows or none.
func (s *evalScreen) importFigures() {
	s.u.openFile([]string{".xlsx", ".csv"}, s.importFiguresFrom)
}

func (s *evalScreen) importFiguresFrom(path string) {
	u := s.u
	rows, err := evaluation.ReadFigures(path, s.year)
	n := 0
	if err == nil {
		n, err = u.svc.ImportFigures(u.sess, rows)
		err = evaluation.FigureRowError(err)
	}
	if err != nil {
		s.rowErrorsDialog(path, err)
		return
	}
	s.load()
	u.notice(u.t("ui.eval_figures_imported", n, filepath.Base(path)))
}

// figureTemplate saves an empty indicator sheet for the platforms the user
// reports for (HR: its own).
func (s *evalScreen) figureTemplate() {
	u := s.u
	user := u.sess.User()
	u.saveFile(fmt.Sprintf("%d年度评价数据表.xlsx", s.year), func(path string) {
		schemes, err := u.svc.EvaluationSchemes(u.sess, s.year)
		if err != nil {
			u.showError(err)
			return
		}
		pls, err := u.svc.Platforms(u.sess, "")
		if err != nil {
			u.showError(err)
			return
		}
		var mine []model.Platform
		for _, p := range pls {
			if p.Status != model.Revoked && (user.Role == model.Bureau || p.Name == user.Platform) {
				mine = append(mine, p)
			}
		}
		if err := evaluation.WriteFigureTemplate(path, s.year, mine, schemes); err != nil {
			u.showError(err)
			return
		}
		u.opened(path)
	})
}
