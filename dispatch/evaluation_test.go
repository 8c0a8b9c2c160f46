package dispatch

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"secondment/model"
	"secondment/storage"
)

func TestRuleShare(t *testing.T) {
	third := bands(3, 2, 1)
	for _, tc := range []struct {
		name  string
		rule  model.Rule
		value float64
		want  float64
	}{
		{"band full", third, 3, 1},
		{"band above full", third, 7, 1},
		{"band two thirds", third, 2, 2.0 / 3},
		{"band between", third, 2.9, 2.0 / 3},
		{"band third", third, 1, 1.0 / 3},
		{"band none", third, 0.5, 0},
		{"linear half", linear(300), 150, 0.5},
		{"linear at cap", linear(300), 300, 1},
		{"linear over cap", linear(300), 900, 1},
		{"linear zero", linear(300), 0, 0},
		{"lower bands none", model.Rule{Kind: model.RuleBands, Lower: true, Bands: []model.Band{{At: 0, Share: 1}, {At: 1, Share: 0.5}}}, 0, 1},
		{"lower bands one", model.Rule{Kind: model.RuleBands, Lower: true, Bands: []model.Band{{At: 0, Share: 1}, {At: 1, Share: 0.5}}}, 1, 0.5},
		{"lower bands many", model.Rule{Kind: model.RuleBands, Lower: true, Bands: []model.Band{{At: 0, Share: 1}, {At: 1, Share: 0.5}}}, 4, 0},
		{"lower linear", model.Rule{Kind: model.RuleLinear, Cap: 4, Lower: true}, 1, 0.75},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.rule.Share(tc.value); fmt.Sprintf("%.6f", got) != fmt.Sprintf("%.6f", tc.want) {
				t.Fatalf("share(%v) = %v; want %v", tc.value, got, tc.want)
			}
		})
	}
	// Points: weight × share, to two decimals (a ⅔ band of 10 points is 6.67).
	r := scoreOne(2026, evalInput{platform: model.Platform{Name: "p", Kind: "key_lab"},
		scheme: &model.EvalScheme{Indicators: []model.SchemeIndicator{
			{Code: "a", Weight: 10, Rule: third}, {Code: "b", Weight: 90, Rule: linear(300)}}},
		values: IndicatorValues{"a": 2, "b": 100}})
	if r.Items[0].Points != 6.67 || r.Items[1].Points != 30 || r.Score != 36.67 {
		t.Fatalf("points %v, %v, score %v", r.Items[0].Points, r.Items[1].Points, r.Score)
	}
	// An unknown value (no accepted figure) earns nothing and says so.
	r = scoreOne(2026, evalInput{platform: model.Platform{Name: "p"}, scheme: &model.EvalScheme{Indicators: []model.SchemeIndicator{
		{Code: "a", Weight: 100, Rule: third}}}, values: IndicatorValues{}})
	if r.Items[0].Known || r.Score != 0 || !r.Items[0].Short() {
		t.Fatalf("unknown value: %+v", r.Items[0])
	}
}

func TestSchemeWeightsMustTotal100(t *testing.T) {
	sc := defaultScheme(2026, "key_lab")
	sc.Example = false
	sc.Indicators[0].Weight += 5
	err := sc.Normalize()
	e := wantKey(t, err, "evaluation.weights_total")
	if e.Code != model.EInvalid || e.Args[0] != "105" {
		t.Fatalf("refusal %+v", e)
	}
	f := newFixture(t)
	ok := defaultScheme(2026, "new_rd")
	_, err = f.s.SetEvaluationSchemes(f.bureau, 2026, []model.EvalScheme{ok, sc})
	var se *SchemeError
	if !asSchemeError(err, &se) || se.Index != 1 || se.Err.Key != "evaluation.weights_total" {
		t.Fatalf("set with a bad scheme: %v", err)
	}
	// Nothing was stored: the year still shows the examples.
	got, _ := f.s.EvaluationSchemes(f.bureau, 2026)
	if len(got) != len(model.PlatformKinds) || !got[0].Example {
		t.Fatalf("after a refused set: %d schemes", len(got))
	}
	for _, tc := range []struct {
		name string
		edit func(*model.EvalScheme)
		key  string
	}{
		{"no band", func(s *model.EvalScheme) { s.Indicators[0].Rule = model.Rule{Kind: model.RuleBands} }, "evaluation.rule_bands"},
		{"linear without cap", func(s *model.EvalScheme) { s.Indicators[0].Rule = model.Rule{Kind: model.RuleLinear} }, "evaluation.rule_cap"},
		{"code twice", func(s *model.EvalScheme) { s.Indicators[1].Code = s.Indicators[0].Code }, "evaluation.code_twice"},
		{"zero weight", func(s *model.EvalScheme) { s.Indicators[0].Weight = 0 }, "evaluation.weight"},
		{"unknown kind", func(s *model.EvalScheme) { s.Kind = "农场" }, "field.choice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := defaultScheme(2026, "key_lab")
			tc.edit(&s)
			wantKey(t, s.Normalize(), tc.key)
		})
	}
	// Bureau only.
	_, err = f.s.SetEvaluationSchemes(f.admin, 2026, []model.EvalScheme{ok})
	wantCode(t, err, model.EForbidden)
	if _, err := f.s.SetEvaluationSchemes(f.bureau, 2026, []model.EvalScheme{ok}); err != nil {
		t.Fatal(err)
	}
}

func asSchemeError(err error, se **SchemeError) bool {
	e, ok := err.(*SchemeError)
	*se = e
	return ok
}

// results builds one kind's inputs with the given scores (one indicator of
// weight 100, linear to 100, so the value is the score).
func scored(kind string, scores ...float64) []evalInput {
	sc := &model.EvalScheme{Kind: kind, Indicators: []model.SchemeIndicator{{Code: "x", Weight: 100, Rule: linear(100)}}}
	var out []evalInput
	for i, s := range scores {
		out = append(out, evalInput{platform: model.Platform{Name: fmt.Sprintf("%s-%02d", kind, i), Kind: kind}, scheme: sc,
			values: IndicatorValues{"x": s}})
	}
	return out
}

func grades(rs []model.EvalResult) string {
	s := ""
	for _, r := range rs {
		s += fmt.Sprintf("%s:%v/%d/%s ", r.Platform, r.Score, r.Rank, r.Grade)
	}
	return s
}

func TestGradesCapAndTies(t *testing.T) {
	y := model.DefaultEvalYear(2026)
	// Thresholds 90/70/60, inclusive.
	rs := evaluate(y, scored("key_lab", 90, 89.99, 70, 69.99, 60, 59.99))
	want := []string{"excellent", "good", "good", "pass", "pass", "fail"}
	for i, r := range rs {
		if r.Grade != want[i] || r.Rank != i+1 || r.Of != 6 {
			t.Fatalf("grades: %s", grades(rs))
		}
	}
	// Ties share a rank: 95, 92, 92, 80 → 1, 2, 2, 4.
	rs = evaluate(y, scored("new_rd", 92, 95, 80, 92))
	if rs[0].Score != 95 || rs[1].Rank != 2 || rs[2].Rank != 2 || rs[3].Rank != 4 {
		t.Fatalf("ties: %s", grades(rs))
	}
	// A cap of 20 %: of 10 platforms at most 2 are 优秀; the rest drop to 良好.
	y.ExcellentCap = 0.2
	rs = evaluate(y, scored("key_lab", 99, 98, 97, 96, 95, 80, 70, 60, 50, 40))
	n := 0
	for _, r := range rs {
		if r.Grade == model.GradeExcellent {
			n++
		}
	}
	if n != 2 || rs[2].Grade != model.GradeGood || !rs[2].Capped || rs[5].Capped {
		t.Fatalf("cap: %s", grades(rs))
	}
	// A tie across the cap is not split: 99, 98, 98 with 2 places → one 优秀.
	rs = evaluate(y, scored("key_lab", 99, 98, 98, 80, 80, 80, 70, 70, 60, 50))
	if rs[0].Grade != model.GradeExcellent || rs[1].Grade != model.GradeGood || rs[2].Grade != model.GradeGood || !rs[1].Capped {
		t.Fatalf("tie at the cap: %s", grades(rs))
	}
	// Each kind is capped and ranked on its own.
	rs = evaluate(y, append(scored("key_lab", 99, 95, 94, 93, 92), scored("incubator", 91, 50)...))
	for _, r := range rs {
		if r.Kind == "incubator" && r.Rank == 1 && r.Grade != model.GradeGood {
			t.Fatalf("incubators: %s", grades(rs))
		}
		if r.Kind == "key_lab" && r.Rank == 1 && r.Grade != model.GradeExcellent {
			t.Fatalf("key labs: %s", grades(rs))
		}
	}
	// No cap: every score over 90 is 优秀.
	y.ExcellentCap = 0
	rs = evaluate(y, scored("key_lab", 99, 98, 97))
	if rs[2].Grade != model.GradeExcellent {
		t.Fatalf("no cap: %s", grades(rs))
	}
}

// step is a history entry.
func step(to string) model.Step { return model.Step{To: to} }

func TestComputedIndicatorsHandCounted(t *testing.T) {
	d := model.MustDate
	hist := func(states ...string) []model.Step {
		var out []model.Step
		for _, s := range states {
			out = append(out, step(s))
		}
		return out
	}
	full := hist(model.Draft, model.Approved, model.Dispatched, model.Arrived)
	ps := []model.Placement{
		// A: arrived on time (start 03-02, arrived 03-02), present 03-02..12-31 = 305 days, still there.
		{No: "A", StudentUniversity: "U", StudentNumber: "1", Start: d("2026-03-02"), End: d("2027-06-30"), ArrivedOn: d("2026-03-02"),
			Status: model.Arrived, History: full},
		// B: last year's start, completed 2026-01-31 rated 优秀: present 31 days in 2026.
		{No: "B", StudentUniversity: "U", StudentNumber: "2", Start: d("2025-09-01"), End: d("2026-01-31"), ArrivedOn: d("2025-09-01"),
			EndedOn: d("2026-01-31"), Status: model.Completed, Assessment: model.GradeExcellent, History: append(full, step(model.Completed))},
		// C: started 2026-04-01, arrived late (04-20), completed 06-30 rated 合格: present 72 days.
		{No: "C", StudentUniversity: "U", StudentNumber: "3", Start: d("2026-04-01"), End: d("2026-06-30"), ArrivedOn: d("2026-04-20"),
			EndedOn: d("2026-06-30"), Status: model.Completed, Assessment: model.GradePass, History: append(full, step(model.Completed))},
		// D: the same student as A, an earlier stay: 2026-01-10..2026-01-19, terminated after arrival (10 days).
		{No: "D", StudentUniversity: "U", StudentNumber: "1", Start: d("2026-01-10"), End: d("2026-05-31"), ArrivedOn: d("2026-01-10"),
			EndedOn: d("2026-01-19"), Status: model.Terminated, Reason: "x", History: append(full, step(model.Terminated))},
		// E: dispatched 2026-10-01, never arrived (grace passed by today): late, not hosted.
		{No: "E", StudentUniversity: "U", StudentNumber: "4", Start: d("2026-10-01"), End: d("2027-03-31"), Status: model.Dispatched,
			History: hist(model.Draft, model.Approved, model.Dispatched)},
		// F: a draft terminated before approval: counts nowhere.
		{No: "F", StudentUniversity: "U", StudentNumber: "5", Start: d("2026-05-01"), End: d("2026-09-30"), Status: model.Terminated,
			EndedOn: d("2026-04-01"), History: hist(model.Draft, model.Terminated)},
		// G: approved, terminated before dispatch in 2026: a termination, nothing else.
		{No: "G", StudentUniversity: "U", StudentNumber: "6", Start: d("2026-07-01"), End: d("2026-12-31"), Status: model.Terminated,
			EndedOn: d("2026-06-01"), History: hist(model.Draft, model.Approved, model.Terminated)},
		// H: completed in 2026, rated 良好, arrived 2026-02-05 on a 2026-02-01 start (on time), ended 02-28: 24 days.
		{No: "H", StudentUniversity: "U", StudentNumber: "7", Start: d("2026-02-01"), End: d("2026-02-28"), ArrivedOn: d("2026-02-05"),
			EndedOn: d("2026-02-28"), Status: model.Completed, Assessment: model.GradeGood, History: append(full, step(model.Completed))},
	}
	as := []model.Appointment{
		{Status: model.AppointmentActive, Start: d("2025-01-01"), End: d("2027-12-31")},
		{Status: model.AppointmentEnded, Start: d("2024-01-01"), End: d("2026-02-28")},
		{Status: model.AppointmentPending, Start: d("2026-01-01"), End: d("2026-12-31")},
		{Status: model.AppointmentActive, Start: d("2027-01-01"), End: d("2027-12-31")},
	}
	q := &model.QuotaUse{Quota: model.Quota{Total: 8}, Used: 6}
	v := ComputeIndicators(2026, d("2026-12-31"), ps, as, q)
	// Hosted: students 1 (A, D), 2 (B), 3 (C), 7 (H) = 4.
	// Days: A 305 + B 31 + C 72 + D 10 + H 24 = 442 → 12 × 442 / 365 = 14.53 → 14.5.
	// On time: starts in 2026 and dispatched: A (on time), C (late), D (on time), E (late), H (on time) = 3/5 = 60 %.
	// Assessed completions in 2026: B 优秀, C 合格, H 良好 → 2/3 = 66.7 %.
	// Terminations after approval: D, G = 2. Dual appointments: 2. Quota: 6/8 = 75 %.
	want := IndicatorValues{model.IndStudentsHosted: 4, model.IndStudentMonths: 14.5, model.IndOnTimeArrival: 60,
		model.IndGoodAssessments: 66.7, model.IndTerminations: 2, model.IndDualAppointments: 2, model.IndQuotaUse: 75}
	for k, w := range want {
		if v[k] != w {
			t.Errorf("%s = %v; want %v", k, v[k], w)
		}
	}
	// As of 2026-06-30 the year so far: A present 03-02..06-30 = 121 days; E not yet due… E's grace passed? start 10-01 — not yet dispatched then, but counted by its start, not due: left out.
	v = ComputeIndicators(2026, d("2026-06-30"), ps, as, nil)
	if v[model.IndStudentMonths] != round(12*float64(121+31+72+10+24)/365, 1) {
		t.Errorf("mid-year months %v", v[model.IndStudentMonths])
	}
	if _, ok := v[model.IndQuotaUse]; ok {
		t.Error("quota use without a quota")
	}
	// Nothing to count: rates unknown, counts zero.
	v = ComputeIndicators(2026, d("2026-12-31"), nil, nil, nil)
	if _, ok := v[model.IndOnTimeArrival]; ok || v[model.IndStudentsHosted] != 0 {
		t.Errorf("empty platform: %v", v)
	}
}

// evalFixture is a fixture whose clock stands in 2027, evaluating 2026.
func evalFixture(t *testing.T) *fixture {
	f := newFixture(t)
	return f
}

func TestFinalizeRectifyRecheckRevoke(t *testing.T) {
	f := evalFixture(t)
	// platA hosts an arrived student; platB a draft.
	arrived := f.place(wzu, "WZU2025001", platA, model.Arrived)
	draft := f.place(wmu, "WMU2025001", platA, model.Draft)
	// A scheme where platA can only fail: everything rests on an entered figure.
	schemes := []model.EvalScheme{}
	for _, k := range model.PlatformKinds {
		schemes = append(schemes, model.EvalScheme{Kind: k.Code, Indicators: []model.SchemeIndicator{
			{Code: "tech_service_income", Name: "四技服务收入", Unit: "万元", Weight: 80, Rule: linear(100)},
			{Code: model.IndStudentsHosted, Name: "联合培养研究生", Unit: "人", Weight: 20, Rule: model.Rule{Kind: model.RuleBands, Bands: []model.Band{{At: 1, Share: 1}}}}}})
	}
	if _, err := f.s.SetEvaluationSchemes(f.bureau, 2026, schemes); err != nil {
		t.Fatal(err)
	}
	// HR reports platB's income: it waits for review; HR cannot report for platA.
	fig := model.EvalFigure{Year: 2026, Platform: platB, Code: "tech_service_income", Value: 120, Evidence: "2026 年报第 12 页"}
	if got, err := f.s.SetFigure(f.hrB, fig); err != nil || got.Status != model.FigureSubmitted {
		t.Fatalf("HR figure: %+v %v", got, err)
	}
	fig.Platform = platA
	_, err := f.s.SetFigure(f.hrB, fig)
	wantCode(t, err, model.EForbidden)
	_, err = f.s.SetFigure(f.hrA, model.EvalFigure{Year: 2026, Platform: platA, Code: "tech_service_income", Value: 5})
	wantKey(t, err, "evaluation.evidence_required")
	_, err = f.s.SetFigure(f.hrA, model.EvalFigure{Year: 2026, Platform: platA, Code: model.IndStudentsHosted, Value: 5, Evidence: "x"})
	wantKey(t, err, "evaluation.computed_figure")
	// Run: the unreviewed figure does not count; finalising is refused while it waits.
	run, err := f.s.RunEvaluation(f.bureau, 2026)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]model.EvalResult{}
	for _, r := range run.Results {
		byName[r.Platform] = r
	}
	if run.Pending != 1 || byName[platB].Score != 0 || byName[platA].Score != 20 {
		t.Fatalf("run: pending %d, %s", run.Pending, grades(run.Results))
	}
	_, err = f.s.FinalizeEvaluation(f.bureau, 2026)
	wantKey(t, err, "evaluation.pending")
	if _, err := f.s.ReviewFigure(f.bureau, 2026, platB, "tech_service_income", true, ""); err != nil {
		t.Fatal(err)
	}
	// The data changed since the run: finalising asks for a new run.
	_, err = f.s.FinalizeEvaluation(f.bureau, 2026)
	wantKey(t, err, "evaluation.stale")
	// Office and HR see nothing before finalising; only the bureau runs.
	_, err = f.s.RunEvaluation(f.admin, 2026)
	wantCode(t, err, model.EForbidden)
	if rs, _ := f.s.EvaluationResults(f.admin, 2026); len(rs) != 0 {
		t.Fatalf("office sees %d results before finalising", len(rs))
	}
	run, _ = f.s.RunEvaluation(f.bureau, 2026)
	for _, r := range run.Results {
		byName[r.Platform] = r
	}
	if byName[platB].Score != 80 || byName[platB].Grade != model.GradeGood || byName[platA].Grade != model.GradeFail {
		t.Fatalf("second run: %s", grades(run.Results))
	}
	fin, err := f.s.FinalizeEvaluation(f.bureau, 2026)
	if err != nil {
		t.Fatal(err)
	}
	wantDeadline := model.DateOf(f.now).AddDate(0, 0, 180)
	if len(fin.Rectifying) != 2 || fin.Rectifying[0].Deadline != wantDeadline {
		t.Fatalf("rectifying: %s", grades(fin.Rectifying))
	}
	pl := platformNamed(t, f, platA)
	if pl.Status != model.Rectifying {
		t.Fatalf("platA is %s", pl.Status)
	}
	// Finalised: fixed.
	_, err = f.s.RunEvaluation(f.bureau, 2026)
	wantKey(t, err, "evaluation.finalized")
	_, err = f.s.SetFigure(f.bureau, model.EvalFigure{Year: 2026, Platform: platB, Code: "tech_service_income", Value: 1, Evidence: "x"})
	wantKey(t, err, "evaluation.finalized")
	// The existing rules follow: no approval while rectifying; arrival still fine.
	_, _, err = f.s.Step(f.admin, draft.No, model.Approved, model.StepInput{})
	wantKey(t, err, "platform.rectifying")
	// Results now visible to the office, and to HR for its own platform only.
	if rs, _ := f.s.EvaluationResults(f.admin, 2026); len(rs) != 3 {
		t.Fatalf("office sees %d results", len(rs))
	}
	if rs, _ := f.s.EvaluationResults(f.hrA, 2026); len(rs) != 1 || rs[0].Platform != platA {
		t.Fatalf("HR sees %v", rs)
	}
	_, err = f.s.EvaluationResult(f.hrA, 2026, platB)
	wantCode(t, err, model.EForbidden)
	_, err = f.s.EvaluationResults(f.stu, 2026)
	wantCode(t, err, model.EForbidden)
	if _, err := f.s.RectificationNotice(f.hrA, 2026, platA); err != nil {
		t.Fatal(err)
	}
	_, err = f.s.RectificationNotice(f.bureau, 2026, platB)
	wantKey(t, err, "evaluation.no_notice")
	// Re-check: failing is refused before the deadline; then it revokes.
	_, err = f.s.Recheck(f.bureau, 2026, platA, false, "整改未达标")
	wantKey(t, err, "evaluation.before_deadline")
	_, err = f.s.Recheck(f.admin, 2026, platA, false, "整改未达标")
	wantCode(t, err, model.EForbidden)
	_, err = f.s.Recheck(f.bureau, 2026, platB, true, "x")
	wantKey(t, err, "evaluation.no_recheck")
	due, err := f.s.Rechecks(f.admin)
	if err != nil || len(due) != 2 || due[0].Due {
		t.Fatalf("re-checks before the deadline: %+v %v", due, err)
	}
	f.now = f.now.AddDate(0, 7, 0)
	if due, _ = f.s.Rechecks(f.hrA); len(due) != 1 || !due[0].Due || due[0].Result.Platform != platA {
		t.Fatalf("HR's re-checks after the deadline: %+v", due)
	}
	res, err := f.s.Recheck(f.bureau, 2026, platA, false, "整改期满仍未达标")
	if err != nil {
		t.Fatal(err)
	}
	if res.Status.Platform.Status != model.Revoked || res.Result.Recheck != model.RecheckFailed || res.Status.Open != 2 ||
		len(res.Status.NeedsReassignment) != 0 {
		t.Fatalf("recheck: %+v", res)
	}
	// The office sees the placements to reassign; drafts there are refused.
	re, _ := f.s.NeedsReassignment(f.admin)
	if len(re) != 2 || (re[0].No != arrived.No && re[1].No != arrived.No) {
		t.Fatalf("to reassign: %v", re)
	}
	_, _, err = f.s.NewPlacement(f.admin, PlacementDraft{University: wzu, StudentNumber: "WZU2025002", Platform: platA,
		Start: model.MustDate("2027-07-01"), End: model.MustDate("2027-12-31"), Task: "x"})
	wantKey(t, err, "platform.revoked")
	// Re-checked once only; the other failing platform passes.
	_, err = f.s.Recheck(f.bureau, 2026, platA, true, "x")
	wantKey(t, err, "evaluation.no_recheck")
	res, err = f.s.Recheck(f.bureau, 2026, platC, true, "已按期整改")
	if err != nil || res.Status.Platform.Status != model.Recognised {
		t.Fatalf("passed: %+v %v", res, err)
	}
	if due, _ = f.s.Rechecks(f.bureau); len(due) != 0 {
		t.Fatalf("re-checks left: %+v", due)
	}
	// The bureau's charts: grades by kind, score distribution, a platform across years.
	ch, err := f.s.EvaluationCharts(f.bureau, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if ch.ByKind[0].Kind != "key_lab" || ch.ByKind[0].Grades[model.GradeFail] != 1 || ch.Buckets[2] != 1 || ch.Buckets[8] != 1 || ch.Buckets[0] != 1 {
		t.Fatalf("charts: %+v", ch)
	}
	years, err := f.s.PlatformScores(f.hrA, platA)
	if err != nil || len(years) != 1 || years[0].Year != 2026 || years[0].Recheck != model.RecheckFailed {
		t.Fatalf("platA across years: %+v %v", years, err)
	}
	_, err = f.s.PlatformScores(f.hrA, platB)
	wantCode(t, err, model.EForbidden)
	// Audited.
	ops := map[string]bool{}
	log, _ := f.s.AuditLog(f.admin, "evaluation", 0)
	for _, e := range log {
		ops[e.Op] = true
	}
	for _, op := range []string{"evaluation.schemes", "evaluation.run", "evaluation.finalize", "evaluation.recheck", "evaluation.review"} {
		if !ops[op] {
			t.Errorf("%s not audited", op)
		}
	}
}

func platformNamed(t *testing.T, f *fixture, name string) model.Platform {
	t.Helper()
	ps, err := f.s.Platforms(f.admin, name)
	if err != nil || len(ps) == 0 {
		t.Fatalf("platform %s: %v", name, err)
	}
	return ps[0]
}

func TestEvaluationRoles(t *testing.T) {
	f := newFixture(t)
	y := model.DefaultEvalYear(2026)
	y.ExcellentCap = 0.2
	for _, sess := range []*Session{f.admin, f.hrA, f.stu} {
		_, err := f.s.SetEvaluationYear(sess, y)
		wantCode(t, err, model.EForbidden)
		_, err = f.s.FinalizeEvaluation(sess, 2026)
		wantCode(t, err, model.EForbidden)
		_, err = f.s.ReviewFigure(sess, 2026, platA, "rd_spend", true, "")
		wantCode(t, err, model.EForbidden)
	}
	_, err := f.s.SetFigure(f.admin, model.EvalFigure{Year: 2026, Platform: platA, Code: "rd_spend", Value: 1, Evidence: "x"})
	wantCode(t, err, model.EForbidden)
	got, err := f.s.SetEvaluationYear(f.bureau, y)
	if err != nil || got.ExcellentCap != 0.2 {
		t.Fatalf("set year: %+v %v", got, err)
	}
	bad := y
	bad.Good = 95
	_, err = f.s.SetEvaluationYear(f.bureau, bad)
	wantKey(t, err, "evaluation.thresholds")
	// The bureau's first write access is limited to evaluation.
	_, err = f.s.SetQuota(f.bureau, QuotaInput{Platform: platA, Year: 2026, Category: "graduate", Total: 9, Reason: "x"})
	wantCode(t, err, model.EForbidden)
	_, err = f.s.SetPlatformStatus(f.bureau, platA, "revoked", "x")
	wantCode(t, err, model.EForbidden)
	// HR's import is its own platform's only: all rows or none.
	_, err = f.s.ImportFigures(f.hrA, []FigureRow{
		{Row: 2, Figure: model.EvalFigure{Year: 2026, Platform: platA, Code: "rd_spend", Value: 300, Evidence: "年报"}},
		{Row: 3, Figure: model.EvalFigure{Year: 2026, Platform: platB, Code: "rd_spend", Value: 300, Evidence: "年报"}},
	})
	ie, ok := err.(*model.ImportError)
	if !ok || len(ie.Rows) != 1 || ie.Rows[0].Row != 3 {
		t.Fatalf("HR import: %v", err)
	}
	if fs, _ := f.s.Figures(f.bureau, FigureFilter{Year: 2026}); len(fs) != 0 {
		t.Fatalf("a refused import wrote %d figures", len(fs))
	}
}

// benchmarkInputs makes n platforms of one kind with a 20-indicator scheme.
func benchmarkInputs(n int) (model.EvalYear, []evalInput) {
	sc := &model.EvalScheme{Kind: "key_lab"}
	for i := 0; i < 20; i++ {
		rule := linear(100)
		if i%2 == 0 {
			rule = bands(90, 60, 30)
		}
		sc.Indicators = append(sc.Indicators, model.SchemeIndicator{Code: fmt.Sprintf("i%02d", i), Weight: 5, Rule: rule})
	}
	r := rand.New(rand.NewPCG(1, 2))
	inputs := make([]evalInput, n)
	kinds := []string{"key_lab", "new_rd", "enterprise_rd", "incubator", "transfer"}
	for p := range inputs {
		vals := IndicatorValues{}
		for _, in := range sc.Indicators {
			vals[in.Code] = float64(r.IntN(120))
		}
		inputs[p] = evalInput{platform: model.Platform{Name: fmt.Sprintf("平台%04d", p), Kind: kinds[p%5]}, scheme: sc, values: vals}
	}
	y := model.DefaultEvalYear(2026)
	y.ExcellentCap = 0.2
	return y, inputs
}

// BenchmarkEvaluate1000x20 scores, grades, caps and ranks 1,000 platforms with
// 20 indicators each.
func BenchmarkEvaluate1000x20(b *testing.B) {
	y, inputs := benchmarkInputs(1000)
	b.ReportAllocs()
	for b.Loop() {
		evaluate(y, inputs)
	}
}

// BenchmarkRunEvaluation1000x20 is the whole run through the service on a data
// file: 1,000 platforms, 20 indicators (13 entered figures, 7 computed), read,
// scored, stored and audited in one transaction.
func BenchmarkRunEvaluation1000x20(b *testing.B) {
	s, bureau := benchService(b, 1000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.RunEvaluation(bureau, 2026); err != nil {
			b.Fatal(err)
		}
	}
}

// benchService is a data file with n platforms, each with a scheme of 20
// indicators (7 computed, 13 entered) and its 13 accepted figures, and a bureau
// session.
func benchService(b *testing.B, n int) (*Service, *Session) {
	db, err := storage.Open(filepath.Join(b.TempDir(), "b.db"), storage.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	s := New(db)
	s.hasher = testHasher
	s.Now = func() time.Time { return time.Date(2027, 3, 1, 9, 0, 0, 0, time.Local) }
	admin, err := s.Bootstrap("admin", "管理员密码123", "")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.AddUser(admin, NewUser{Name: "bureau", Password: "good-pass-1", Role: model.Bureau}); err != nil {
		b.Fatal(err)
	}
	bureau, err := s.Login("bureau", "good-pass-1")
	if err != nil {
		b.Fatal(err)
	}
	var schemes []model.EvalScheme
	for _, k := range model.PlatformKinds {
		sc := model.EvalScheme{Year: 2026, Kind: k.Code}
		for _, c := range model.ComputedIndicators {
			sc.Indicators = append(sc.Indicators, model.SchemeIndicator{Code: c, Name: c, Weight: 5, Rule: linear(10)})
		}
		for i := 0; i < 13; i++ {
			w := 5.0
			if i == 0 {
				w = 5 + 100 - 5*20
			}
			sc.Indicators = append(sc.Indicators, model.SchemeIndicator{Code: fmt.Sprintf("e%02d", i), Name: "填报", Weight: w, Rule: bands(90, 60, 30)})
		}
		schemes = append(schemes, sc)
	}
	if _, err := s.SetEvaluationSchemes(bureau, 2026, schemes); err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	err = db.Bulk(func(tx model.Tx) error {
		for p := 0; p < n; p++ {
			pl := model.Platform{Name: fmt.Sprintf("平台%04d", p), Kind: model.PlatformKinds[p%5].Code, Level: "municipal",
				Host: "依托单位", LegalType: "enterprise", Status: model.Recognised}
			if err := tx.PutPlatform(pl); err != nil {
				return err
			}
			for i := 0; i < 13; i++ {
				if err := tx.PutEvalFigure(model.EvalFigure{Year: 2026, Platform: pl.Name, Code: fmt.Sprintf("e%02d", i),
					Value: float64(r.IntN(120)), Evidence: "年报", Status: model.FigureAccepted}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return s, bureau
}

// TestSchemeByLegalType: a platform takes the scheme of its kind and legal
// type when there is one, else its kind's; figures must be entered indicators
// of that scheme.
func TestSchemeByLegalType(t *testing.T) {
	f := newFixture(t)
	general := model.EvalScheme{Kind: "enterprise_rd", Indicators: []model.SchemeIndicator{
		{Code: "rd_spend", Name: "科研投入", Unit: "万元", Weight: 100, Rule: linear(100)}}}
	forFirms := model.EvalScheme{Kind: "enterprise_rd", LegalType: "企业", Indicators: []model.SchemeIndicator{
		{Code: "tech_service_income", Name: "四技服务收入", Unit: "万元", Weight: 100, Rule: linear(100)}}}
	lab := defaultScheme(2026, "key_lab")
	if _, err := f.s.SetEvaluationSchemes(f.bureau, 2026, []model.EvalScheme{general, forFirms, lab}); err != nil {
		t.Fatal(err)
	}
	// platB is an enterprise R&D centre run by a firm (企业): the firms' scheme.
	_, err := f.s.SetFigure(f.hrB, model.EvalFigure{Year: 2026, Platform: platB, Code: "rd_spend", Value: 50, Evidence: "年报"})
	wantKey(t, err, "evaluation.unknown_indicator")
	if _, err := f.s.SetFigure(f.bureau, model.EvalFigure{Year: 2026, Platform: platB, Code: "tech_service_income", Value: 50, Evidence: "年报"}); err != nil {
		t.Fatal(err)
	}
	run, err := f.s.RunEvaluation(f.bureau, 2026)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range run.Results {
		if r.Platform == platB && (r.Score != 50 || r.Items[0].Code != "tech_service_income") {
			t.Fatalf("platB: %+v", r)
		}
	}
	// platC (an incubator) has no scheme this year: left out, and said so.
	if len(run.Unscored) != 1 || run.Unscored[0] != platC {
		t.Fatalf("unscored: %v", run.Unscored)
	}
	// The same kind and type twice in a set is refused.
	_, err = f.s.SetEvaluationSchemes(f.bureau, 2026, []model.EvalScheme{general, general})
	var se *SchemeError
	if !asSchemeError(err, &se) || se.Index != 1 || se.Err.Key != "evaluation.scheme_twice" {
		t.Fatalf("twice: %v", err)
	}
}
