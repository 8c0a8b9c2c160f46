package ui

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/evaluation"
	"secondment/i18n"
	"secondment/model"
	"secondment/pdf"
)

// evalScreen is a role's 年度评价 tab: a year chosen at the top and the lists,
// charts and actions that follow it. The bureau sets a year up, reviews the
// figures platforms report, runs, finalises and re-checks; platform HR enters
// its own platform's figures and sees its final result; the office sees the
// final results. The service decides what each may see and do: the screen only
// leaves out buttons a role could never use.
type evalScreen struct {
	u       *UI
	year    int
	y       model.EvalYear
	yearSel *widget.Select
	rules   *widget.Label

	results  *listing[model.EvalResult]
	figures  *listing[model.EvalFigure]
	schemes  *listing[model.EvalScheme]
	rechecks *listing[dispatch.RecheckDue]
	// resultSide and figureSide are the detail panes, redrawn on a reload.
	resultSide, figureSide, schemeSide, recheckSide *detail

	// charts holds the bureau's charts; chartPlat the platform whose scores
	// across years are drawn.
	charts    *fyne.Container
	chartPlat *widget.Select

	// names are the indicator names of the year's schemes, by code.
	names map[string]string
	units map[string]string

	// The year's actions, disabled once the year is final.
	rulesBtn, runBtn, finalBtn *widget.Button
	enterBtn, importBtn        *widget.Button

	content fyne.CanvasObject
	search  *entry
	tabs    *container.AppTabs
}

// build makes the evaluation screen of the user's role, on the current year
// (again, on a rebuild: the year chosen goes back to this year).
func (s *evalScreen) build() (fyne.CanvasObject, *entry) {
	u := s.u
	*s = evalScreen{u: u, year: u.now().Year(), rules: widget.NewLabel("")}
	s.rules.Wrapping = fyne.TextWrapWord
	s.yearSel = widget.NewSelect(nil, nil)
	for y := s.year + 1; y >= s.year-4; y-- {
		s.yearSel.Options = append(s.yearSel.Options, strconv.Itoa(y))
	}
	s.yearSel.SetSelected(strconv.Itoa(s.year))
	yearBox := container.NewHBox(widget.NewLabel(u.t("field:year")), s.yearSel)
	var top fyne.CanvasObject
	switch u.sess.User().Role {
	case model.Bureau:
		s.rulesBtn = widget.NewButton(u.t("ui.eval_rules"), s.rulesForm)
		s.runBtn = &widget.Button{Text: u.t("ui.eval_run"), Importance: widget.HighImportance, OnTapped: s.run}
		s.finalBtn = widget.NewButton(u.t("ui.eval_finalize"), s.finalize)
		actions := container.NewHBox(yearBox, s.rulesBtn, s.runBtn, s.finalBtn,
			widget.NewButton(u.t("ui.eval_results_pdf"), func() { s.printResults(false) }),
			widget.NewButton(u.t("ui.eval_results_xlsx"), func() { s.printResults(true) }))
		top = container.NewVBox(actions, s.rules)
		s.tabs = container.NewAppTabs(
			container.NewTabItem(u.t("ui.eval_sub_results"), s.resultsPane()),
			container.NewTabItem(u.t("ui.eval_sub_figures"), s.figuresPane()),
			container.NewTabItem(u.t("ui.eval_sub_schemes"), s.schemesPane()),
			container.NewTabItem(u.t("ui.eval_sub_rechecks"), s.rechecksPane()),
			container.NewTabItem(u.t("ui.eval_sub_charts"), s.chartsPane()),
		)
		s.content = container.NewBorder(top, nil, nil, nil, s.tabs)
	case model.PlatformHR:
		top = container.NewVBox(container.NewHBox(yearBox, widget.NewLabel(u.sess.User().Platform)), s.rules)
		split := container.NewVSplit(
			widget.NewCard("", u.t("ui.eval_my_figures"), s.figuresPane()),
			widget.NewCard("", u.t("ui.eval_my_result"), s.resultsPane()))
		split.Offset = 0.5
		s.content = container.NewBorder(top, nil, nil, nil, split)
	default:
		top = container.NewVBox(yearBox, s.rules)
		s.content = container.NewBorder(top, nil, nil, nil, s.resultsPane())
	}
	s.search = s.results.search
	s.yearSel.OnChanged = func(v string) {
		if y, err := strconv.Atoi(v); err == nil && y != s.year {
			s.year = y
			s.load()
		}
	}
	s.load()
	return s.content, s.search
}

// load reads the year again and refreshes everything that shows it.
func (s *evalScreen) load() {
	u := s.u
	y, err := u.svc.EvaluationYear(u.sess, s.year)
	if err != nil {
		s.rules.SetText(u.message(err))
		return
	}
	s.y = y
	s.names, s.units = map[string]string{}, map[string]string{}
	if scs, err := u.svc.EvaluationSchemes(u.sess, s.year); err == nil {
		for _, sc := range scs {
			for _, in := range sc.Indicators {
				s.names[in.Code], s.units[in.Code] = in.Name, in.Unit
			}
		}
	}
	s.rules.SetText(s.rulesText())
	final := y.State == model.EvalFinalized
	for _, b := range []*widget.Button{s.rulesBtn, s.runBtn, s.finalBtn, s.enterBtn, s.importBtn} {
		if b == nil {
			continue
		}
		if final {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	for _, d := range []*detail{s.resultSide, s.figureSide, s.schemeSide, s.recheckSide} {
		if d != nil {
			d.set(widget.NewLabel(u.t("ui.pick_a_row")))
		}
	}
	s.refresh()
	if s.charts != nil {
		s.drawCharts()
	}
}

// rulesText is the year's rules and state in one line.
func (s *evalScreen) rulesText() string {
	u, y := s.u, s.y
	capText := u.t("ui.eval_no_cap")
	if y.ExcellentCap > 0 {
		capText = model.Num(y.ExcellentCap*100) + "%"
	}
	state := u.t("eval.state_" + y.State)
	switch {
	case y.State == model.EvalFinalized:
		state += " · " + u.t("ui.eval_finalized_by", y.FinalizedAt.Local().Format("2006-01-02 15:04"), y.FinalizedBy)
	case !y.RunAt.IsZero():
		state += " · " + u.t("ui.eval_last_run", y.RunAt.Local().Format("2006-01-02 15:04"), y.RunBy)
	default:
		state += " · " + u.t("ui.eval_never_run")
	}
	return u.t("ui.eval_rules_line", y.Year, model.Num(y.Excellent), model.Num(y.Good), model.Num(y.Pass), capText,
		y.RectifyDays, y.Supervisor, state)
}

// indicator names an indicator in the chosen language.
func (s *evalScreen) indicator(code string) string {
	name := s.names[code]
	if name == "" {
		name = dispatch.DefaultIndicatorName(code)
	}
	return i18n.Indicator(s.u.lang, code, name)
}

// gradeOrder orders grades best first.
func gradeOrder(g string) int {
	for i, t := range model.Grades {
		if t.Code == g {
			return i
		}
	}
	return len(model.Grades)
}

func kindOrder(k string) int {
	for i, t := range model.PlatformKinds {
		if t.Code == k {
			return i
		}
	}
	return len(model.PlatformKinds)
}

// byKindRank orders results as the results table does: by kind, then rank.
func byKindRank(a, b model.EvalResult) bool {
	if a.Kind != b.Kind {
		return kindOrder(a.Kind) < kindOrder(b.Kind)
	}
	if a.Rank != b.Rank {
		return a.Rank < b.Rank
	}
	return a.Platform < b.Platform
}

// resultState says where a result stands after finalising: the deadline to
// rectify, or the re-check's outcome.
func (s *evalScreen) resultState(r model.EvalResult) string {
	u := s.u
	switch {
	case r.Recheck == model.RecheckPassed:
		return u.t("ui.eval_recheck_passed")
	case r.Recheck == model.RecheckFailed:
		return u.t("ui.eval_recheck_failed")
	case !r.Deadline.IsZero():
		return u.t("ui.eval_rectify_by", r.Deadline.String())
	case r.Capped:
		return u.t("ui.eval_capped_short")
	}
	return ""
}

// resultsPane is the ranked results list with a detail pane.
func (s *evalScreen) resultsPane() fyne.CanvasObject {
	u := s.u
	lang := string(u.lang)
	var kindSel, gradeSel *widget.Select
	l := newListing(u, "ui.search_eval_results", []column[model.EvalResult]{
		{title: "col.platform", width: 265, text: func(r model.EvalResult) string { return r.Platform }},
		{title: "col.kind", width: 145, text: func(r model.EvalResult) string { return u.term(model.PlatformKinds, r.Kind) },
			less: byKindRank},
		{title: "col.score", width: 65, text: func(r model.EvalResult) string { return model.Num(r.Score) },
			less: func(a, b model.EvalResult) bool { return a.Score < b.Score }},
		{title: "col.grade", width: 65, text: func(r model.EvalResult) string { return u.term(model.Grades, r.Grade) },
			less: func(a, b model.EvalResult) bool { return gradeOrder(a.Grade) < gradeOrder(b.Grade) }},
		{title: "col.rank", width: 90, text: func(r model.EvalResult) string { return fmt.Sprintf("%d/%d", r.Rank, r.Of) },
			less: byKindRank},
		{title: "col.eval_state", width: 160, text: s.resultState},
	}, func(q string) ([]model.EvalResult, error) {
		rs, err := u.svc.EvaluationResults(u.sess, s.year)
		if err != nil {
			return nil, err
		}
		if len(rs) == 0 && s.y.State != model.EvalFinalized && u.sess.User().Role != model.Bureau {
			// The office and HR see results once final: say so, not "0".
			return nil, model.Errorf(model.ENotFound, "evaluation.not_final", s.year)
		}
		var out []model.EvalResult
		for _, r := range rs {
			kind, grade := u.term(model.PlatformKinds, r.Kind), u.term(model.Grades, r.Grade)
			if (chosen(kindSel) == "" || kind == chosen(kindSel)) && (chosen(gradeSel) == "" || grade == chosen(gradeSel)) &&
				matches(q, r.Platform, kind, grade) {
				out = append(out, r)
			}
		}
		return out, nil
	})
	kindSel = l.selectFilter(u.t("ui.all_kinds"), model.PlatformKinds.Names(lang))
	gradeSel = l.selectFilter(u.t("ui.all_grades"), model.Grades.Names(lang))
	l.key = func(r model.EvalResult) string { return r.Platform }
	s.resultSide = newDetail(u)
	l.onPick = func(r model.EvalResult) { s.resultDetail(r) }
	s.results = l
	return split(l.view(), s.resultSide.box)
}

// matches reports whether every word of q is in one of the texts.
func matches(q string, texts ...string) bool {
	all := strings.ToLower(strings.Join(texts, " "))
	for _, w := range strings.Fields(strings.ToLower(q)) {
		if !strings.Contains(all, w) {
			return false
		}
	}
	return true
}

// resultDetail shows one platform's result: score, grade, rank, each
// indicator's part, and its documents.
func (s *evalScreen) resultDetail(r model.EvalResult) {
	u := s.u
	grade := u.term(model.Grades, r.Grade)
	if r.Capped {
		grade += u.t("ui.eval_capped")
	}
	objs := []fyne.CanvasObject{
		widget.NewLabelWithStyle(r.Platform, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		field(u.t("col.kind"), u.term(model.PlatformKinds, r.Kind)+" · "+u.term(model.PlatformLevels, r.Level)),
		field(u.t("col.score"), model.Num(r.Score)),
		field(u.t("col.grade"), grade),
		field(u.t("col.rank"), fmt.Sprintf("%d/%d", r.Rank, r.Of)),
	}
	if st := s.resultState(r); st != "" {
		if r.Recheck == "" && !r.Deadline.IsZero() {
			st = u.t("ui.eval_deadline", r.Deadline.String())
		}
		objs = append(objs, field(u.t("col.eval_state"), st))
	}
	if r.RecheckReason != "" {
		objs = append(objs, field(u.t("field:reason"), r.RecheckReason))
	}
	var buttons []fyne.CanvasObject
	buttons = append(buttons, widget.NewButton(u.t("ui.eval_sheet_pdf"), func() { s.printDoc(r.Platform, false) }))
	if s.y.State == model.EvalFinalized && r.Grade == model.GradeFail {
		buttons = append(buttons, widget.NewButton(u.t("ui.eval_notice_pdf"), func() { s.printDoc(r.Platform, true) }))
	}
	objs = append(objs, container.NewGridWrap(fyne.NewSize(190, 36), buttons...))
	objs = append(objs, widget.NewLabelWithStyle(u.t("ui.eval_items"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, it := range r.Items {
		value := u.t("ui.eval_unknown")
		if it.Known {
			value = model.Num(it.Value) + it.Unit
		}
		line := u.t("ui.eval_item_line", i18n.Indicator(u.lang, it.Code, it.Name), value, model.Num(it.Points), model.Num(it.Weight))
		if it.Short() {
			line = "✗ " + line
		}
		l := widget.NewLabel(line)
		l.Wrapping = fyne.TextWrapBreak
		objs = append(objs, l)
	}
	s.resultSide.set(objs...)
}

// printDoc saves a platform's evaluation sheet, or its rectification notice,
// where the clerk chooses. The print is recorded once the file is being made.
func (s *evalScreen) printDoc(platform string, notice bool) {
	u := s.u
	var d dispatch.EvaluationDoc
	var err error
	if notice {
		d, err = u.svc.RectificationNotice(u.sess, s.year, platform)
	} else {
		d, err = u.svc.EvaluationResult(u.sess, s.year, platform)
	}
	if err != nil {
		u.showError(err)
		return
	}
	doc, name := dispatch.DocEvaluationSheet, fmt.Sprintf("%s-%d年度绩效评价表.pdf", d.Platform.Name, d.Year.Year)
	if notice {
		doc, name = dispatch.DocRectification, fmt.Sprintf("%s-%d年度整改通知书.pdf", d.Platform.Name, d.Year.Year)
	}
	u.document(name, func(m *pdf.Maker, w io.Writer) error {
		if err := u.svc.RecordEvaluationPrint(u.sess, doc, d.Year.Year, d.Platform.Name); err != nil {
			return err
		}
		if notice {
			return m.RectificationNotice(w, d.Year, d.Platform, d.Result)
		}
		return m.EvaluationSheet(w, d.Year, d.Platform, d.Result)
	})
}

// printResults saves the year's results table as a PDF or an .xlsx.
func (s *evalScreen) printResults(xlsx bool) {
	u := s.u
	y := s.y
	rs, err := u.svc.EvaluationResults(u.sess, y.Year)
	if err == nil && len(rs) == 0 {
		err = model.Errorf(model.ENotFound, "evaluation.no_results", y.Year)
	}
	if err != nil {
		u.showError(err)
		return
	}
	name := fmt.Sprintf("%d年度绩效评价结果表", y.Year)
	if !xlsx {
		u.document(name+".pdf", func(m *pdf.Maker, w io.Writer) error {
			if err := u.svc.RecordEvaluationPrint(u.sess, dispatch.DocEvaluationResults, y.Year, ""); err != nil {
				return err
			}
			return m.EvaluationResults(w, y, rs)
		})
		return
	}
	u.saveFile(name+".xlsx", func(path string) {
		err := u.svc.RecordEvaluationPrint(u.sess, dispatch.DocEvaluationResults, y.Year, "")
		if err == nil {
			err = evaluation.WriteResults(path, y, rs)
		}
		if err != nil {
			u.showError(err)
			return
		}
		u.opened(path)
	})
}

// number reads a number typed in a form field.
func number(e *entry, field string) (float64, error) {
	v, err := strconv.ParseFloat(model.CleanCode(e.Text), 64)
	if err != nil {
		return 0, model.Invalid(field, "ui.eval_number", e.Text)
	}
	return v, nil
}

// rulesForm sets the year's thresholds, cap on 优秀, days to rectify and
// supervising department.
func (s *evalScreen) rulesForm() {
	u := s.u
	y := s.y
	f := u.newForm()
	ex := f.text("excellent", "field:excellent")
	good := f.text("good", "field:good")
	// The thresholds are judged together; the reason goes under the last.
	pass := f.text("thresholds", "field:pass")
	capE := f.text("excellent_cap", "ui.eval_cap_pct")
	days := f.text("rectify_days", "ui.eval_rectify_days")
	sup := f.text("supervisor", "ui.eval_supervisor")
	ex.SetText(model.Num(y.Excellent))
	good.SetText(model.Num(y.Good))
	pass.SetText(model.Num(y.Pass))
	capE.SetText(model.Num(y.ExcellentCap * 100))
	days.SetText(strconv.Itoa(y.RectifyDays))
	sup.SetText(y.Supervisor)
	f.open(u.t("ui.eval_rules_title", y.Year), func() error {
		in := y
		var err error
		if in.Excellent, err = number(ex, "excellent"); err != nil {
			return err
		}
		if in.Good, err = number(good, "good"); err != nil {
			return err
		}
		if in.Pass, err = number(pass, "thresholds"); err != nil {
			return err
		}
		pct, err := number(capE, "excellent_cap")
		if err != nil {
			return err
		}
		in.ExcellentCap = pct / 100
		n, err := number(days, "rectify_days")
		if err != nil || n != float64(int(n)) {
			return model.Invalid("rectify_days", "ui.eval_number", days.Text)
		}
		in.RectifyDays = int(n)
		in.Supervisor = sup.Text
		out, err := u.svc.SetEvaluationYear(u.sess, in)
		if err != nil {
			return err
		}
		f.success = u.t("ui.eval_rules_saved", out.Year)
		return nil
	}, s.load)
}

// run scores the year and shows the ranked results.
func (s *evalScreen) run() {
	u := s.u
	run, err := u.svc.RunEvaluation(u.sess, s.year)
	if err != nil {
		u.showError(err)
		return
	}
	s.load()
	if s.tabs != nil {
		s.tabs.SelectIndex(0)
	}
	u.notice(u.t("ui.eval_ran", s.year, len(run.Results)))
	var notes []string
	if run.Pending > 0 {
		notes = append(notes, u.t("ui.eval_ran_pending", run.Pending))
	}
	if len(run.Unscored) > 0 {
		notes = append(notes, u.t("ui.eval_ran_unscored", strings.Join(run.Unscored, "、")))
	}
	if len(notes) > 0 {
		u.info(u.t("ui.note"), strings.Join(notes, "\n"))
	}
}

// finalize fixes the year's results once the clerk confirms, and says who
// must rectify and who is rewarded.
func (s *evalScreen) finalize() {
	u := s.u
	y := s.y
	dialogConfirm(u, u.t("ui.eval_finalize_title", y.Year), u.t("ui.eval_finalize_text", y.Year, y.RectifyDays), func() {
		fin, err := u.svc.FinalizeEvaluation(u.sess, y.Year)
		if err != nil {
			u.showError(err)
			return
		}
		s.load()
		u.notice(u.t("ui.eval_finalized_notice", y.Year, len(fin.Rectifying), len(fin.Rewarded)))
		u.info(u.t("ui.eval_finalized_title", y.Year), s.finalText(fin))
	})
}

// finalText lists the platforms told to rectify and the reward list.
func (s *evalScreen) finalText(fin dispatch.Finalized) string {
	u := s.u
	var b strings.Builder
	b.WriteString(u.t("ui.eval_finalized_rectify", len(fin.Rectifying)) + "\n")
	for _, r := range fin.Rectifying {
		b.WriteString(u.t("ui.eval_rectify_line", r.Platform, model.Num(r.Score), r.Deadline.String()) + "\n")
	}
	if len(fin.Rectifying) == 0 {
		b.WriteString("  " + u.t("ui.eval_none") + "\n")
	}
	b.WriteString("\n" + u.t("ui.eval_reward_list", len(fin.Rewarded)) + "\n")
	var names []string
	for _, r := range fin.Rewarded {
		names = append(names, r.Platform)
	}
	if len(names) == 0 {
		names = append(names, u.t("ui.eval_none"))
	}
	b.WriteString("  " + strings.Join(names, "、"))
	return b.String()
}

// rechecksPane lists the failing platforms of finalised years awaiting their
// re-check, soonest deadline first.
func (s *evalScreen) rechecksPane() fyne.CanvasObject {
	u := s.u
	l := newListing(u, "ui.search_eval_rechecks", []column[dispatch.RecheckDue]{
		{title: "col.year", width: 60, text: func(d dispatch.RecheckDue) string { return strconv.Itoa(d.Result.Year) }},
		{title: "col.platform", width: 260, text: func(d dispatch.RecheckDue) string { return d.Result.Platform }},
		{title: "col.score", width: 70, text: func(d dispatch.RecheckDue) string { return model.Num(d.Result.Score) },
			less: func(a, b dispatch.RecheckDue) bool { return a.Result.Score < b.Result.Score }},
		{title: "col.eval_deadline", width: 110, text: func(d dispatch.RecheckDue) string { return d.Result.Deadline.String() }},
		{title: "col.eval_due", width: 90, text: s.dueText},
	}, func(q string) ([]dispatch.RecheckDue, error) {
		all, err := u.svc.Rechecks(u.sess)
		var out []dispatch.RecheckDue
		for _, d := range all {
			if matches(q, d.Result.Platform, strconv.Itoa(d.Result.Year)) {
				out = append(out, d)
			}
		}
		return out, err
	})
	l.key = func(d dispatch.RecheckDue) string { return fmt.Sprint(d.Result.Year, d.Result.Platform) }
	s.recheckSide = newDetail(u)
	l.onPick = func(d dispatch.RecheckDue) {
		r := d.Result
		objs := []fyne.CanvasObject{
			widget.NewLabelWithStyle(r.Platform, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			field(u.t("col.year"), strconv.Itoa(r.Year)),
			field(u.t("col.score"), model.Num(r.Score)+" · "+u.term(model.Grades, r.Grade)),
			field(u.t("col.eval_deadline"), r.Deadline.String()+" · "+s.dueText(d)),
			container.NewGridWrap(fyne.NewSize(150, 36),
				widget.NewButton(u.t("ui.eval_recheck_pass"), func() { s.recheckForm(r, true) }),
				widget.NewButton(u.t("ui.eval_recheck_fail"), func() { s.recheckForm(r, false) })),
		}
		if !d.Due {
			l := widget.NewLabel(u.t("ui.eval_fail_after_deadline"))
			l.Wrapping = fyne.TextWrapWord
			objs = append(objs, l)
		}
		s.recheckSide.set(objs...)
	}
	s.rechecks = l
	return split(l.view(), s.recheckSide.box)
}

func (s *evalScreen) dueText(d dispatch.RecheckDue) string {
	if d.Due {
		return s.u.t("ui.eval_due")
	}
	return s.u.t("ui.eval_not_due")
}

// recheckForm records a re-check with its reason: passed restores the
// platform's recognition; failed revokes it (after the deadline), and says how
// many placements the office must reassign.
func (s *evalScreen) recheckForm(r model.EvalResult, passed bool) {
	u := s.u
	f := u.newForm()
	f.intro = u.t("ui.eval_recheck_intro", r.Platform, r.Year, model.Num(r.Score), r.Deadline.String())
	reason := f.text("reason", "field:reason")
	title := u.t("ui.eval_recheck_pass")
	if !passed {
		title = u.t("ui.eval_recheck_fail")
	}
	f.open(strings.TrimSuffix(title, "…")+"："+r.Platform, func() error {
		res, err := u.svc.Recheck(u.sess, r.Year, r.Platform, passed, reason.Text)
		if err != nil {
			return err
		}
		pl := res.Status.Platform
		f.success = u.t("ui.eval_recheck_done", pl.Name, u.term(model.PlatformStatuses, pl.Status))
		if !passed {
			u.info(u.t("ui.note"), u.t("ui.eval_reassign", pl.Name, res.Status.Open))
		}
		return nil
	}, s.load)
}

// rowErrorsDialog shows why a sheet was refused, row by row; anything else is
// shown as a refusal.
func (s *evalScreen) rowErrorsDialog(path string, err error) {
	u := s.u
	var ie *model.ImportError
	if !errors.As(err, &ie) {
		u.showError(err)
		return
	}
	summary := widget.NewLabel(u.t("ui.import_refused", len(ie.Rows), filepath.Base(path)))
	summary.Wrapping = fyne.TextWrapBreak
	d := dialog.NewCustom(u.t("ui.import_preview", filepath.Base(path)), u.t("ui.close"),
		container.NewBorder(summary, nil, nil, nil, u.errorTable(ie.Rows)), u.win)
	d.Resize(fyne.NewSize(900, 480))
	u.show(d)
}

// sortedNames returns the names of platforms, sorted.
func sortedNames(pls []model.Platform, keep func(model.Platform) bool) []string {
	var out []string
	for _, p := range pls {
		if keep(p) {
			out = append(out, p.Name)
		}
	}
	sort.Strings(out)
	return out
}
