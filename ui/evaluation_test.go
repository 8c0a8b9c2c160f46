package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"secondment/dispatch"
	"secondment/model"
)

// The annual evaluation in the window, driven as the bureau, platform HR and
// the office drive it: every form through Cancel, Esc and a save, the
// confirmation before finalising, and the documents through the save dialog.

// evalYear is the year the tests evaluate: the desk's today is in it.
const evalYear = 2026

// sessionOf logs a sample account in beside the window's session.
func sessionOf(t *testing.T, d *desk, name string) *dispatch.Session {
	t.Helper()
	sess, err := d.svc.Login(name, "demo1234")
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// evalScreenAs logs the window in as name and opens its evaluation tab.
func evalScreenAs(t *testing.T, d *desk, name, password string) *evalScreen {
	t.Helper()
	if d.u.Screen() == "main" {
		d.u.logout()
	}
	d.login(name, password)
	d.open("ui.tab_evaluation")
	if !strings.Contains(d.texts(), "年度评价") {
		t.Fatalf("%s has no 年度评价 tab", name)
	}
	return d.u.screens.eval
}

// otherPlatform is a platform of the sample data that is not p, of a kind
// whose scheme has entered indicators.
func otherPlatform(t *testing.T, d *desk, sess *dispatch.Session, p string) model.Platform {
	t.Helper()
	pls, _ := d.svc.Platforms(sess, "")
	for _, x := range pls {
		if x.Name != p && x.Status == model.Recognised {
			return x
		}
	}
	t.Fatal("no other platform")
	return model.Platform{}
}

// enteredCode is an entered indicator of a platform's scheme.
func enteredCode(t *testing.T, d *desk, sess *dispatch.Session, pl model.Platform) string {
	t.Helper()
	scs, _ := d.svc.EvaluationSchemes(sess, evalYear)
	sc := dispatch.SchemeFor(scs, pl)
	for _, in := range sc.Indicators {
		if in.Source == model.SourceEntered {
			return in.Code
		}
	}
	t.Fatal("no entered indicator")
	return ""
}

func TestBureauRunsReviewsFinalisesAndRechecksAYear(t *testing.T) {
	d := newDesk(t)
	hr := sessionOf(t, d, "hr1")
	own := hr.User().Platform
	ownPl, _ := d.svc.Platforms(hr, own)
	code := enteredCode(t, d, hr, ownPl[0])
	// Two figures await review: one to reject, one to accept.
	if _, err := d.svc.SetFigure(hr, model.EvalFigure{Year: evalYear, Platform: own, Code: code, Value: 3, Evidence: "年报第 3 页"}); err != nil {
		t.Fatal(err)
	}
	s := evalScreenAs(t, d, "bureau", "demo1234")
	if s.rulesBtn == nil || s.runBtn == nil || s.finalBtn == nil {
		t.Fatal("the bureau's year actions are missing")
	}

	// Rules: Cancel, Esc, a refusal beside the field, then a save.
	s.rulesForm()
	d.tap("取消")
	d.closed("rules after Cancel")
	s.rulesForm()
	d.esc()
	d.closed("rules after Esc")
	s.rulesForm()
	f := d.u.lastForm
	es, _ := formFields(f)
	es[1].SetText("95") // 良好 above 优秀
	d.tap("保存")
	if f.errs["thresholds"].Text == "" || d.u.top() != f.d {
		t.Fatalf("thresholds out of order were not refused beside the field: %q", f.errs["thresholds"].Text)
	}
	es[1].SetText("75")
	es[4].SetText("120")
	es[5].SetText("温州市科技局成果处")
	d.tap("保存")
	d.closed("rules after saving")
	if !strings.Contains(d.u.lastNotice, "规则已保存") {
		t.Fatalf("notice %q", d.u.lastNotice)
	}
	y, _ := d.svc.EvaluationYear(d.u.sess, evalYear)
	if y.Good != 75 || y.RectifyDays != 120 || y.Supervisor != "温州市科技局成果处" || !strings.Contains(s.rules.Text, "120") {
		t.Fatalf("rules saved as %+v, shown as %q", y, s.rules.Text)
	}

	// Review: the figure awaiting review is listed; reject needs a note.
	if s.figures.Len() != 1 {
		t.Fatalf("%d figures awaiting review, want 1", s.figures.Len())
	}
	fg := s.figures.Rows()[0]
	s.figureDetail(fg)
	test.Tap(findButton(d, s.figureSide.box, "退回…"))
	d.tap("取消")
	d.closed("reject after Cancel")
	s.reviewForm(fg, false)
	d.esc()
	d.closed("reject after Esc")
	s.reviewForm(fg, false)
	f = d.u.lastForm
	d.tap("保存")
	if f.errs["reason"].Text == "" {
		t.Fatal("a rejection without a note was not refused")
	}
	es, _ = formFields(f)
	test.Type(es[0], "佐证材料不全")
	d.tap("保存")
	d.closed("reject after saving")
	if got, _ := d.svc.Figures(d.u.sess, dispatch.FigureFilter{Year: evalYear, Platform: own}); got[0].Status != model.FigureRejected ||
		got[0].ReviewNote != "佐证材料不全" {
		t.Fatalf("after rejecting: %+v", got[0])
	}
	if s.figures.Len() != 0 {
		t.Fatalf("the rejected figure is still listed as awaiting review")
	}
	// HR corrects it; the bureau accepts it.
	if _, err := d.svc.SetFigure(hr, model.EvalFigure{Year: evalYear, Platform: own, Code: code, Value: 5, Evidence: "年报第 3 页及合同"}); err != nil {
		t.Fatal(err)
	}
	s.load()
	s.reviewForm(s.figures.Rows()[0], true)
	d.tap("保存")
	d.closed("accept after saving")
	if !strings.Contains(d.u.lastNotice, "已采纳") {
		t.Fatalf("notice %q", d.u.lastNotice)
	}

	// Run: ranked within each kind, searchable and sortable.
	s.run()
	for d.u.top() != nil { // a note on figures or platforms left out
		d.tap("确定")
	}
	if s.results.Len() == 0 || !strings.Contains(d.u.lastNotice, "已运行") {
		t.Fatalf("after running: %d results, notice %q", s.results.Len(), d.u.lastNotice)
	}
	s.results.sortOn(2)
	rs := s.results.Rows()
	for i := 1; i < len(rs); i++ {
		if rs[i-1].Score > rs[i].Score {
			t.Fatalf("sorted by score: %v before %v", rs[i-1].Score, rs[i].Score)
		}
	}
	s.results.search.SetText(own)
	s.results.flush() // a slow run (-race) waits for a pause in typing
	if s.results.Len() != 1 || s.results.Rows()[0].Platform != own {
		t.Fatalf("searching %s finds %d results", own, s.results.Len())
	}
	s.results.search.SetText("")
	s.results.flush()
	var failing model.EvalResult
	for _, r := range s.results.Rows() {
		if r.Grade == model.GradeFail {
			failing = r
		}
	}
	if failing.Platform == "" {
		t.Fatal("no platform fails in the sample data")
	}
	s.drawCharts()
	if len(s.charts.Objects) < 3 {
		t.Fatalf("%d charts drawn, want grades, scores and a platform's years", len(s.charts.Objects))
	}

	// Finalise: Cancel and Esc change nothing; 确定 fixes the year.
	s.finalize()
	d.tap("取消")
	d.closed("finalise after Cancel")
	s.finalize()
	d.esc()
	d.closed("finalise after Esc")
	if y, _ := d.svc.EvaluationYear(d.u.sess, evalYear); y.State != model.EvalOpen {
		t.Fatalf("Cancel or Esc finalised the year: %s", y.State)
	}
	s.finalize()
	d.tap("确定")
	if text := overlayText(d); !strings.Contains(text, failing.Platform) || !strings.Contains(text, "奖励名单") {
		t.Fatalf("the finalised note does not name %s and the reward list: %q", failing.Platform, text)
	}
	d.tap("确定")
	d.closed("after reading the finalised note")
	pl, _ := d.svc.Platforms(d.u.sess, failing.Platform)
	if pl[0].Status != model.Rectifying {
		t.Fatalf("%s is %s after finalising, want rectifying", failing.Platform, pl[0].Status)
	}
	if !s.runBtn.Disabled() || !s.finalBtn.Disabled() || !strings.Contains(s.rules.Text, "已确定") {
		t.Fatalf("a final year still offers its actions: %q", s.rules.Text)
	}

	// Documents: the sheet, the notice and the results table.
	dir := t.TempDir()
	d.u.lastDir = dir
	s.printDoc(failing.Platform, false)
	d.saveAs(dir, "评价表.pdf")
	s.printDoc(failing.Platform, true)
	d.saveAs(dir, "整改通知书.pdf")
	s.printResults(false)
	d.saveAs(dir, "结果表.pdf")
	s.printResults(true)
	d.saveAs(dir, "结果表.xlsx")
	d.closed("after saving the documents")
	for _, name := range []string{"评价表.pdf", "整改通知书.pdf", "结果表.pdf"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
			t.Fatalf("%s not written: %v", name, err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "结果表.xlsx")); err != nil || !bytes.HasPrefix(b, []byte("PK")) {
		t.Fatalf("results .xlsx not written: %v", err)
	}
	// Cancel in the save dialog writes nothing.
	s.printDoc(failing.Platform, false)
	d.tap("取消")
	d.closed("after cancelling a document")

	// Re-check: listed; failing it before the deadline is refused in the form.
	s.load()
	if s.rechecks.Len() == 0 {
		t.Fatal("no re-check listed after finalising")
	}
	due := s.rechecks.Rows()[0]
	s.recheckForm(due.Result, false)
	f = d.u.lastForm
	es, _ = formFields(f)
	test.Type(es[0], "整改未达标")
	d.tap("保存")
	if f.top.Text == "" || d.u.top() != f.d {
		t.Fatal("failing a re-check before the deadline was not refused")
	}
	d.esc()
	d.closed("re-check after Esc")
	// After the deadline (an injected clock): Cancel, then failed.
	later := today.AddDate(0, 0, 121)
	d.svc.Now = func() time.Time { return later }
	s.load()
	if !s.rechecks.Rows()[0].Due {
		t.Fatal("the re-check is not marked due after the deadline")
	}
	s.recheckForm(due.Result, false)
	d.tap("取消")
	d.closed("re-check after Cancel")
	s.recheckForm(due.Result, false)
	es, _ = formFields(d.u.lastForm)
	test.Type(es[0], "整改期满复查仍不合格")
	d.tap("保存")
	if text := overlayText(d); !strings.Contains(text, "改派") {
		t.Fatalf("no note on placements to reassign: %q", text)
	}
	d.tap("确定")
	d.closed("after the re-check")
	pl, _ = d.svc.Platforms(d.u.sess, due.Result.Platform)
	if pl[0].Status != model.Revoked || !strings.Contains(d.u.lastNotice, "已取消") {
		t.Fatalf("%s is %s after a failed re-check (notice %q)", due.Result.Platform, pl[0].Status, d.u.lastNotice)
	}
	// Another passes: recognised again.
	if s.rechecks.Len() > 0 {
		next := s.rechecks.Rows()[0].Result
		s.recheckForm(next, true)
		es, _ = formFields(d.u.lastForm)
		test.Type(es[0], "整改到位")
		d.tap("保存")
		d.closed("after a passed re-check")
		if pl, _ := d.svc.Platforms(d.u.sess, next.Platform); pl[0].Status != model.Recognised {
			t.Fatalf("%s is %s after passing its re-check", next.Platform, pl[0].Status)
		}
	}
	// The prints are in the audit log.
	if n := auditOps(t, d, "evaluation.print"); n != 4 {
		t.Fatalf("%d prints audited, want 4", n)
	}
}

// auditOps counts the audit entries of an operation, as the office sees them.
func auditOps(t *testing.T, d *desk, op string) int {
	t.Helper()
	office, err := d.svc.Login("admin", "admin-密码-123")
	if err != nil {
		t.Fatal(err)
	}
	es, _ := d.svc.AuditLog(office, "", 1000)
	n := 0
	for _, e := range es {
		if e.Op == op {
			n++
		}
	}
	return n
}

func TestBureauEditsSchemesInTheWindowAndThroughTheTemplate(t *testing.T) {
	d := newDesk(t)
	s := evalScreenAs(t, d, "bureau", "demo1234")
	if s.schemes.Len() != len(model.PlatformKinds) {
		t.Fatalf("%d schemes listed, want the %d examples", s.schemes.Len(), len(model.PlatformKinds))
	}
	all, _ := d.svc.EvaluationSchemes(d.u.sess, evalYear)

	// Weights: one changed alone is refused (the total is not 100); two
	// changed together are saved.
	s.weightsForm(all, 0)
	d.tap("取消")
	d.closed("weights after Cancel")
	s.weightsForm(all, 0)
	d.esc()
	d.closed("weights after Esc")
	s.weightsForm(all, 0)
	f := d.u.lastForm
	es, _ := formFields(f)
	es[0].SetText(model.Num(all[0].Indicators[0].Weight + 5))
	d.tap("保存")
	if f.errs["weight"].Text == "" || d.u.top() != f.d {
		t.Fatalf("weights totalling 105 were not refused: %q %q", f.errs["weight"].Text, f.top.Text)
	}
	es[1].SetText(model.Num(all[0].Indicators[1].Weight - 5))
	d.tap("保存")
	d.closed("weights after saving")
	got, _ := d.svc.EvaluationSchemes(d.u.sess, evalYear)
	var saved model.EvalScheme
	for _, sc := range got {
		if sc.Key() == all[0].Key() {
			saved = sc
		}
	}
	if saved.Indicators[0].Weight != all[0].Indicators[0].Weight+5 || saved.Example {
		t.Fatalf("weights not saved: %+v", saved)
	}

	// A rule: bands written as the sheet writes them.
	s.ruleForm(got, 0, 1)
	d.tap("取消")
	d.closed("rule after Cancel")
	s.ruleForm(got, 0, 1)
	d.esc()
	d.closed("rule after Esc")
	s.ruleForm(got, 0, 1)
	f = d.u.lastForm
	es, sel := formFields(f)
	sel[0].SetSelected("分档")
	es[0].SetText("五:100")
	d.tap("保存")
	if f.errs["bands"].Text == "" {
		t.Fatal("unreadable bands were not refused beside the field")
	}
	es[0].SetText("8:100 4:60 1:20")
	d.tap("保存")
	d.closed("rule after saving")
	got, _ = d.svc.EvaluationSchemes(d.u.sess, evalYear)
	if r := got[0].Indicators[1].Rule; r.Kind != model.RuleBands || r.BandsText() != "8:100 4:60 1:20" {
		t.Fatalf("rule saved as %+v", r)
	}

	// The template: exported through the save dialog, imported back whole.
	dir := t.TempDir()
	d.u.lastDir = dir
	s.exportSchemes()
	d.saveAs(dir, "方案.xlsx")
	d.closed("after exporting the schemes")
	path := filepath.Join(dir, "方案.xlsx")
	s.importSchemesFrom(path)
	d.closed("after importing the schemes")
	if !strings.Contains(d.u.lastNotice, "已导入") {
		t.Fatalf("import not confirmed: %q", d.u.lastNotice)
	}
	// A sheet whose weights do not add up is refused row by row.
	bad := filepath.Join(dir, "坏方案.csv")
	os.WriteFile(bad, []byte("平台类别,指标代码,指标名称,权重,计分方式,满分值\n重点实验室,rd_spend,科研投入,60,线性,1000\n"), 0o644)
	s.importSchemesFrom(bad)
	if !strings.Contains(overlayText(d), "未导入") {
		t.Fatalf("the refused sheet says %q", overlayText(d))
	}
	d.tap("关闭")
	d.closed("after the refused sheet")
}

func TestHREntersItsOwnFiguresAndSeesOnlyItsPlatform(t *testing.T) {
	d := newDesk(t)
	bureau := sessionOf(t, d, "bureau")
	hr := sessionOf(t, d, "hr1")
	own := hr.User().Platform
	other := otherPlatform(t, d, bureau, own)
	if _, err := d.svc.SetFigure(bureau, model.EvalFigure{Year: evalYear, Platform: other.Name, Code: enteredCode(t, d, bureau, other),
		Value: 7, Evidence: "局里核实"}); err != nil {
		t.Fatal(err)
	}
	s := evalScreenAs(t, d, "hr1", "demo1234")
	if s.rulesBtn != nil || s.runBtn != nil {
		t.Fatal("HR is offered the bureau's actions")
	}
	if s.figures.Len() != 0 {
		t.Fatalf("HR sees %d figures, none its own", s.figures.Len())
	}
	s.figureForm(nil)
	d.tap("取消")
	d.closed("figure after Cancel")
	s.figureForm(nil)
	d.esc()
	d.closed("figure after Esc")
	s.figureForm(nil)
	f := d.u.lastForm
	es, sel := formFields(f)
	if len(sel) != 1 {
		t.Fatalf("HR's form has %d drop-downs, want the indicator only (no platform)", len(sel))
	}
	d.tap("保存")
	if f.errs["code"].Text == "" {
		t.Fatal("a figure without an indicator was not refused")
	}
	sel[0].SetSelectedIndex(0)
	test.Type(es[0], "12.5")
	d.tap("保存")
	if f.errs["evidence"].Text == "" {
		t.Fatal("a figure without evidence was not refused beside the field")
	}
	test.Type(es[1], "2026 年报第 12 页")
	d.tap("保存")
	d.closed("figure after saving")
	if !strings.Contains(d.u.lastNotice, "待审核") {
		t.Fatalf("notice %q", d.u.lastNotice)
	}
	if s.figures.Len() != 1 || s.figures.Rows()[0].Platform != own || s.figures.Rows()[0].Status != model.FigureSubmitted {
		t.Fatalf("HR's figures after entering one: %+v", s.figures.Rows())
	}
	for _, fg := range s.figures.Rows() {
		if fg.Platform == other.Name {
			t.Fatal("HR sees another platform's figure")
		}
	}
	if _, err := d.svc.Figures(d.u.sess, dispatch.FigureFilter{Year: evalYear, Platform: other.Name}); err == nil {
		t.Fatal("HR may ask for another platform's figures")
	}
	// Its result is shown once final, not before.
	if s.results.Len() != 0 || !strings.Contains(s.results.count.Text, "尚未确定") {
		t.Fatalf("HR's results before finalising: %d, %q", s.results.Len(), s.results.count.Text)
	}
	// An indicator sheet: the template saved, filled in and imported; a
	// row for another platform refuses the whole sheet.
	dir := t.TempDir()
	d.u.lastDir = dir
	s.figureTemplate()
	d.saveAs(dir, "数据表.xlsx")
	d.closed("after saving the template")
	if _, err := os.Stat(filepath.Join(dir, "数据表.xlsx")); err != nil {
		t.Fatal(err)
	}
	sheet := filepath.Join(dir, "数据.csv")
	os.WriteFile(sheet, []byte("年度,平台名称,指标代码,数值,佐证说明\n2026,"+other.Name+","+enteredCode(t, d, bureau, other)+",3,冒名\n"), 0o644)
	s.importFiguresFrom(sheet)
	if !strings.Contains(overlayText(d), "未导入") {
		t.Fatalf("a sheet with another platform's row: %q", overlayText(d))
	}
	d.esc()
	d.closed("after the refused sheet")
	// Change the figure from its detail.
	s.figureDetail(s.figures.Rows()[0])
	test.Tap(findButton(d, s.figureSide.box, "修改…"))
	es, _ = formFields(d.u.lastForm)
	es[0].SetText("13")
	d.tap("保存")
	d.closed("after changing the figure")
	if s.figures.Rows()[0].Value != 13 {
		t.Fatalf("changed figure: %+v", s.figures.Rows()[0])
	}
}

func TestOfficeSeesResultsOnlyOnceFinal(t *testing.T) {
	d := newDesk(t)
	bureau := sessionOf(t, d, "bureau")
	if _, err := d.svc.RunEvaluation(bureau, evalYear); err != nil {
		t.Fatal(err)
	}
	s := evalScreenAs(t, d, "admin", "admin-密码-123")
	if s.figures != nil || s.rulesBtn != nil {
		t.Fatal("the office is offered figures or the bureau's actions")
	}
	if s.results.Len() != 0 || !strings.Contains(s.results.count.Text, "尚未确定") {
		t.Fatalf("the office sees %d results before the year is final (%q)", s.results.Len(), s.results.count.Text)
	}
	if _, err := d.svc.FinalizeEvaluation(bureau, evalYear); err != nil {
		t.Fatal(err)
	}
	s.load()
	all, _ := d.svc.EvaluationResults(bureau, evalYear)
	if s.results.Len() != len(all) || len(all) == 0 {
		t.Fatalf("the office sees %d of %d results once final", s.results.Len(), len(all))
	}
	// Read-only: a result's detail offers documents, not changes.
	s.resultDetail(s.results.Rows()[0])
	for _, b := range []string{"复查通过…", "运行评价", "定稿…"} {
		if strings.Contains(d.texts(), b) {
			t.Errorf("the office is offered %s", b)
		}
	}
}
