package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/evaluation"
	"secondment/i18n"
	"secondment/model"
)

// schemesPane lists the year's schemes, one per kind (and legal type), with
// their indicators in the detail pane; they are exported to the .xlsx
// template, imported back whole, and their weights and rules edited here.
func (s *evalScreen) schemesPane() fyne.CanvasObject {
	u := s.u
	var all []model.EvalScheme
	l := newListing(u, "ui.search_eval_schemes", []column[model.EvalScheme]{
		{title: "col.kind", width: 150, text: func(sc model.EvalScheme) string { return u.term(model.PlatformKinds, sc.Kind) },
			less: func(a, b model.EvalScheme) bool { return kindOrder(a.Kind) < kindOrder(b.Kind) }},
		{title: "col.legal_type", width: 90, text: s.legalText},
		{title: "col.indicators", width: 60, text: func(sc model.EvalScheme) string { return strconv.Itoa(len(sc.Indicators)) }},
		{title: "col.weights", width: 70, text: func(sc model.EvalScheme) string { return model.Num(weights(sc)) }},
		{title: "col.example", width: 70, text: func(sc model.EvalScheme) string {
			if sc.Example {
				return u.t("ui.yes")
			}
			return u.t("ui.no")
		}},
		{title: "col.set_by", width: 150, text: func(sc model.EvalScheme) string {
			if sc.By == "" {
				return ""
			}
			return sc.By + " " + sc.At.Local().Format("2006-01-02")
		}},
	}, func(q string) ([]model.EvalScheme, error) {
		scs, err := u.svc.EvaluationSchemes(u.sess, s.year)
		all = scs
		var out []model.EvalScheme
		for _, sc := range scs {
			if matches(q, u.term(model.PlatformKinds, sc.Kind), s.legalText(sc)) {
				out = append(out, sc)
			}
		}
		return out, err
	})
	l.key = func(sc model.EvalScheme) string { return sc.Key() }
	s.schemeSide = newDetail(u)
	l.onPick = func(sc model.EvalScheme) {
		at := -1
		for i := range all {
			if all[i].Key() == sc.Key() {
				at = i
			}
		}
		if at >= 0 {
			s.schemeDetail(all, at)
		}
	}
	s.schemes = l
	actions := []fyne.CanvasObject{
		widget.NewButton(u.t("ui.eval_export_schemes"), s.exportSchemes),
		widget.NewButton(u.t("ui.eval_import_schemes"), s.importSchemes),
	}
	split := split(l.view(actions...), s.schemeSide.box)
	if sp, ok := split.(*container.Split); ok {
		sp.Offset = 0.5 // the indicators need the room
	}
	return split
}

func (s *evalScreen) legalText(sc model.EvalScheme) string {
	if sc.LegalType == "" {
		return s.u.t("ui.eval_all_legal")
	}
	return s.u.term(model.LegalTypes, sc.LegalType)
}

func weights(sc model.EvalScheme) float64 {
	t := 0.0
	for _, in := range sc.Indicators {
		t += in.Weight
	}
	return t
}

// ruleText says how an indicator is scored.
func (s *evalScreen) ruleText(r model.Rule) string {
	u := s.u
	text := u.term(model.RuleKinds, r.Kind)
	switch r.Kind {
	case model.RuleBands:
		text += " " + r.BandsText()
	case model.RuleLinear:
		text += " " + u.t("ui.eval_rule_full_at", model.Num(r.Cap))
	}
	if r.Lower {
		text += " · " + u.t("ui.eval_rule_lower")
	}
	return text
}

// schemeDetail shows a scheme's indicators, each with its rule to edit, and
// its weights to adjust (while the year is open).
func (s *evalScreen) schemeDetail(all []model.EvalScheme, i int) {
	u := s.u
	sc := all[i]
	open := s.y.State != model.EvalFinalized
	objs := []fyne.CanvasObject{
		widget.NewLabelWithStyle(u.term(model.PlatformKinds, sc.Kind)+" · "+s.legalText(sc), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
	}
	if sc.Example {
		l := widget.NewLabel(u.t("ui.eval_example_note"))
		l.Wrapping = fyne.TextWrapWord
		objs = append(objs, l)
	}
	if open {
		objs = append(objs, container.NewGridWrap(fyne.NewSize(150, 36),
			widget.NewButton(u.t("ui.eval_edit_weights"), func() { s.weightsForm(all, i) })))
	}
	for j, in := range sc.Indicators {
		source := u.t("ui.eval_source_entered")
		if in.Source == model.SourceComputed {
			source = u.t("ui.eval_source_computed")
		}
		l := widget.NewLabel(u.t("ui.eval_indicator_line", i18n.Indicator(u.lang, in.Code, in.Name), source,
			model.Num(in.Weight), s.ruleText(in.Rule)))
		l.Wrapping = fyne.TextWrapBreak
		if !open {
			objs = append(objs, l)
			continue
		}
		j := j
		objs = append(objs, container.NewBorder(nil, nil, nil,
			widget.NewButton(u.t("ui.eval_edit_rule"), func() { s.ruleForm(all, i, j) }), l))
	}
	s.schemeSide.set(objs...)
}

// saveSchemes replaces the year's schemes with set; a refused scheme's reason
// is shown as a reason of the form (the service names the field).
func (s *evalScreen) saveSchemes(set []model.EvalScheme) error {
	_, err := s.u.svc.SetEvaluationSchemes(s.u.sess, s.year, set)
	var se *dispatch.SchemeError
	if errors.As(err, &se) && se.Err != nil {
		return se.Err
	}
	return err
}

// copySchemes copies a set so that a form changes only its copy.
func copySchemes(all []model.EvalScheme) []model.EvalScheme {
	out := make([]model.EvalScheme, len(all))
	for i, sc := range all {
		sc.Indicators = append([]model.SchemeIndicator(nil), sc.Indicators...)
		for j := range sc.Indicators {
			sc.Indicators[j].Rule.Bands = append([]model.Band(nil), sc.Indicators[j].Rule.Bands...)
		}
		out[i] = sc
	}
	return out
}

// weightsForm adjusts the weights of a scheme's indicators together (they
// must total 100), showing the total as they are typed.
func (s *evalScreen) weightsForm(all []model.EvalScheme, i int) {
	u := s.u
	sc := all[i]
	f := u.newForm()
	total := widget.NewLabel("")
	es := make([]*entry, len(sc.Indicators))
	sum := func() {
		t := 0.0
		for _, e := range es {
			if v, err := strconv.ParseFloat(model.CleanCode(e.Text), 64); err == nil {
				t += v
			}
		}
		total.SetText(u.t("ui.eval_weights_total", model.Num(t)))
	}
	// The total, and a refusal of it, first: a long form scrolls.
	f.add("weight", "col.weights", total)
	for j, in := range sc.Indicators {
		es[j] = f.text("weight_"+in.Code, i18n.Indicator(u.lang, in.Code, in.Name))
		es[j].SetText(model.Num(in.Weight))
	}
	for _, e := range es {
		e.OnChanged = func(string) {
			f.clear("weight") // the refusal was about the old total
			sum()
		}
	}
	sum()
	f.open(strings.TrimSuffix(u.t("ui.eval_edit_weights"), "…")+"："+u.term(model.PlatformKinds, sc.Kind)+" · "+s.legalText(sc), func() error {
		set := copySchemes(all)
		for j, in := range sc.Indicators {
			v, err := number(es[j], "weight_"+in.Code)
			if err != nil {
				return err
			}
			set[i].Indicators[j].Weight = v
		}
		set[i].Example = false
		if err := s.saveSchemes(set); err != nil {
			return err
		}
		f.success = u.t("ui.eval_scheme_saved", u.term(model.PlatformKinds, sc.Kind))
		return nil
	}, s.load)
}

// ruleForm edits how one indicator is scored: bands or linear up to a cap,
// and whether lower is better.
func (s *evalScreen) ruleForm(all []model.EvalScheme, i, j int) {
	u := s.u
	in := all[i].Indicators[j]
	f := u.newForm()
	f.intro = u.t("ui.eval_rule_intro", i18n.Indicator(u.lang, in.Code, in.Name), model.Num(in.Weight), in.Unit)
	kind := f.choice("rule", "field:rule", model.RuleKinds.Names(string(u.lang)))
	bandsE := f.text("bands", "ui.eval_rule_bands")
	capE := f.text("cap", "ui.eval_rule_cap")
	lower := widget.NewCheck(u.t("ui.eval_rule_lower"), nil)
	f.add("lower", "ui.eval_rule_direction", lower)
	kind.SetSelected(u.term(model.RuleKinds, in.Rule.Kind))
	bandsE.SetText(in.Rule.BandsText())
	if in.Rule.Kind == model.RuleLinear {
		capE.SetText(model.Num(in.Rule.Cap))
	}
	lower.SetChecked(in.Rule.Lower)
	f.open(strings.TrimSuffix(u.t("ui.eval_edit_rule"), "…")+"："+i18n.Indicator(u.lang, in.Code, in.Name), func() error {
		set := copySchemes(all)
		r := &set[i].Indicators[j].Rule
		code, ok := model.RuleKinds.Parse(kind.Selected)
		if !ok {
			return model.Invalid("rule", "field.required")
		}
		r.Kind, r.Lower = code, lower.Checked
		switch code {
		case model.RuleBands:
			bs, err := model.ParseBands(bandsE.Text)
			if err != nil {
				return err
			}
			r.Bands, r.Cap = bs, 0
		case model.RuleLinear:
			v, err := number(capE, "cap")
			if err != nil {
				return err
			}
			r.Cap, r.Bands = v, nil
		}
		set[i].Example = false
		if err := s.saveSchemes(set); err != nil {
			var e *model.Error
			if errors.As(err, &e) && e.Key == "evaluation.rule_cap" {
				e.Field = "cap"
			}
			return err
		}
		f.success = u.t("ui.eval_scheme_saved", u.term(model.PlatformKinds, set[i].Kind))
		return nil
	}, s.load)
}

// exportSchemes saves the year's schemes (the shipped examples for a year with
// none) as the .xlsx template to fill in.
func (s *evalScreen) exportSchemes() {
	u := s.u
	year := s.year
	u.saveFile(fmt.Sprintf("%d年度评价方案.xlsx", year), func(path string) {
		scs, err := u.svc.EvaluationSchemes(u.sess, year)
		if err == nil {
			err = evaluation.WriteSchemes(path, scs)
		}
		if err != nil {
			u.showError(err)
			return
		}
		u.opened(path)
	})
}

// importSchemes replaces the year's schemes with those of a sheet, all or
// none; a refusal lists each bad row.
func (s *evalScreen) importSchemes() {
	s.u.openFile([]string{".xlsx", ".csv"}, s.importSchemesFrom)
}

func (s *evalScreen) importSchemesFrom(path string) {
	u := s.u
	year := s.year
	set, err := evaluation.ReadSchemes(path, year)
	if err == nil {
		_, err = u.svc.SetEvaluationSchemes(u.sess, year, set.Schemes)
		err = set.SchemeRowError(err)
	}
	if err != nil {
		s.rowErrorsDialog(path, err)
		return
	}
	s.load()
	u.notice(u.t("ui.eval_schemes_imported", len(set.Schemes), year))
}
