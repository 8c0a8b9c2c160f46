package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/model"
	"secondment/sheet"
)

// Every dialog is driven here as a clerk drives it: through its own buttons
// to success, through Cancel, through Esc, and then the screen under it is
// used again.

// walk calls fn on o and everything drawn inside it.
func (d *desk) walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch x := o.(type) {
	case *container.AppTabs:
		if x.Selected() != nil {
			d.walk(x.Selected().Content, fn)
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			d.walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.TempWidgetRenderer(d.t, x).Objects() {
			d.walk(c, fn)
		}
	}
}

// overlay is what is drawn on top: the topmost dialog.
func (d *desk) overlay() fyne.CanvasObject {
	d.t.Helper()
	o := d.w.Canvas().Overlays().Top()
	if o == nil {
		d.t.Fatal("no dialog is open")
	}
	return o
}

// button finds the button with this text in the topmost dialog.
func (d *desk) button(text string) *widget.Button {
	d.t.Helper()
	var found *widget.Button
	d.walk(d.overlay(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		d.t.Fatalf("no button %q in the dialog on top", text)
	}
	return found
}

// tap taps the button with this text in the topmost dialog.
func (d *desk) tap(text string) {
	d.t.Helper()
	test.Tap(d.button(text))
}

// esc presses Esc as the window receives it.
func (d *desk) esc() {
	d.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
}

// saveAs answers the file dialog on top: the file name, then 保存.
func (d *desk) saveAs(dir, name string) {
	d.t.Helper()
	var e *widget.Entry
	d.walk(d.overlay(), func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Entry); ok && e == nil {
			e = x
		}
	})
	if e == nil {
		d.t.Fatal("the dialog on top has no file name field")
	}
	e.SetText(name)
	d.tap("保存")
}

// closed asserts that no dialog is open and the overlays are gone.
func (d *desk) closed(what string) {
	d.t.Helper()
	if d.u.top() != nil || d.w.Canvas().Overlays().Top() != nil {
		d.t.Fatalf("%s: a dialog is still open (%d tracked)", what, len(d.u.dialogs))
	}
}

// freeStudent is a student of the sample data with no open placement.
func (d *desk) freeStudent() model.Student {
	d.t.Helper()
	busy := map[string]bool{}
	ps, _ := d.svc.Placements(d.u.sess, dispatch.PlacementFilter{})
	for _, p := range ps {
		if model.IsOpen(p.Status) {
			busy[p.StudentKey()] = true
		}
	}
	ss, _ := d.svc.Students(d.u.sess, dispatch.StudentFilter{EnrolmentYear: 2025})
	for _, s := range ss {
		if !busy[s.Key()] {
			return s
		}
	}
	d.t.Fatal("no free student in the sample data")
	return model.Student{}
}

func TestNewPlacementThroughItsButtons(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.open("ui.tab_placements")
	st := d.freeStudent()

	// Cancel: nothing written, form gone.
	d.u.screens.placements.placementForm(nil)
	d.tap("取消")
	d.closed("after Cancel")

	// Esc with the focus in the first field.
	d.u.screens.placements.placementForm(nil)
	d.u.lastForm.first.(*entry).TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	d.closed("after Esc")

	// A refusal keeps the form open with the reason; then a good save closes it.
	d.u.screens.placements.placementForm(nil)
	f := d.u.lastForm
	entries, selects := formFields(f)
	d.tap("保存")
	// Every field the form can judge says so at once.
	for _, field := range []string{"number", "platform", "start", "end", "task"} {
		if f.errs[field].Text != "必须填写" {
			t.Errorf("empty %s: %q", field, f.errs[field].Text)
		}
	}
	// Typing in a field clears the reason under it.
	test.Type(entries[3], "x")
	if f.errs["task"].Text != "" {
		t.Errorf("the reason under the task stays after typing: %q", f.errs["task"].Text)
	}
	entries[3].SetText("")
	if d.u.top() == nil {
		t.Fatal("the refused form closed")
	}
	test.Type(entries[0], st.Number)
	selects[1].SetSelected("温州国家大学科技园孵化器")
	test.Type(entries[1], "2027-01-04")
	test.Type(entries[2], "2027-06-30")
	test.Type(entries[3], "孵化企业技术需求调研")
	d.tap("保存")
	d.closed("after a successful save")
	if !strings.Contains(d.u.lastNotice, "XP") || !strings.Contains(d.u.status.Text, d.u.lastNotice) {
		t.Fatalf("the save is not confirmed: notice %q, foot line %q", d.u.lastNotice, d.u.status.Text)
	}

	// The screen is usable again: another form opens and Esc closes it.
	d.u.screens.placements.placementForm(nil)
	if d.u.top() == nil {
		t.Fatal("no form opened after the save")
	}
	d.esc()
	d.closed("the second form after Esc")
}

func TestFormWithWarningClosesItselfAndLeavesTheWarning(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	// A save that succeeds with a warning (as a supervisor without a dual
	// appointment for the whole period does).
	f := d.u.newForm()
	f.text("note", "ui.step_note")
	saved := 0
	f.open("测试", func() error {
		saved++
		d.u.warn([]model.Warning{{Key: "ui.saved"}})
		return nil
	}, nil)
	d.tap("保存")
	if saved != 1 || len(d.u.dialogs) != 1 || d.u.top() == f.d || d.w.Canvas().Overlays().Top() == nil {
		t.Fatalf("after saving with a warning: saved %d, %d dialogs open, form on top %v", saved, len(d.u.dialogs), d.u.top() == f.d)
	}
	if !strings.Contains(overlayText(d), "已保存") {
		t.Fatalf("the warning on top says %q", overlayText(d))
	}
	d.esc()
	d.closed("after Esc on the warning")
}

func TestRevokingAPlatformWithStudentsClosesTheForm(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.open("ui.tab_platforms")
	ps, _ := d.svc.Placements(d.u.sess, dispatch.PlacementFilter{Status: model.Arrived})
	p, _ := d.svc.Platforms(d.u.sess, ps[0].Platform)
	d.u.screens.platforms.platformStatusDialog(p[0], model.Revoked, func() {})
	f := d.u.lastForm
	es, _ := formFields(f)
	test.Type(es[0], "年度评价不合格，整改后仍不达标")
	d.tap("保存")
	// The form is gone; what remains is the note on the students to reassign.
	if len(d.u.dialogs) != 1 || d.u.top() == f.d {
		t.Fatalf("%d dialogs open after revoking", len(d.u.dialogs))
	}
	if !strings.Contains(overlayText(d), "改派") {
		t.Fatalf("the note on students to reassign: %q", overlayText(d))
	}
	d.tap("确定")
	d.closed("after reading the note")
}

// overlayText is every label in the dialog on top.
func overlayText(d *desk) string {
	var b strings.Builder
	d.walk(d.overlay(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

func TestPasswordAndAccountFormsCloseOnSuccess(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.u.passwordForm()
	es, _ := formFields(d.u.lastForm)
	test.Type(es[0], "admin-密码-123")
	test.Type(es[1], "另一个更好的新密码")
	test.Type(es[2], "另一个更好的新密码")
	d.tap("保存")
	d.closed("after changing the password")
	if d.u.lastNotice != "密码已修改" {
		t.Fatalf("notice %q", d.u.lastNotice)
	}

	d.u.screens.data.userForm()
	f := d.u.lastForm
	entries, selects := formFields(f)
	test.Type(entries[0], "瓯江人事2")
	selects[0].SetSelected("平台人事")
	selects[1].SetSelected(selects[1].Options[0])
	test.Type(entries[2], "password9x")
	test.Type(entries[3], "password9x")
	d.tap("保存")
	d.closed("after adding an account")
	if _, err := d.svc.Login("瓯江人事2", "password9x"); err != nil {
		t.Fatal(err)
	}
}

func TestRosterFormThenSaveDialogWritesThePDF(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	dir := t.TempDir()
	d.u.lastDir = dir
	ps, _ := d.svc.Placements(d.u.sess, dispatch.PlacementFilter{Status: model.Arrived})
	d.u.screens.data.rosterDialog()
	_, selects := formFields(d.u.lastForm)
	selects[0].SetSelected(ps[0].Platform)
	d.tap("保存")
	// The form has closed; the save dialog is what is open now.
	if len(d.u.dialogs) != 1 {
		t.Fatalf("%d dialogs open, want the save dialog alone", len(d.u.dialogs))
	}
	d.saveAs(dir, "花名册.pdf")
	d.closed("after saving the roster")
	b, err := os.ReadFile(filepath.Join(dir, "花名册.pdf"))
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("no roster written: %v", err)
	}

	// Cancel in the save dialog writes nothing and leaves nothing open.
	d.u.screens.data.rosterDialog()
	_, selects = formFields(d.u.lastForm)
	selects[0].SetSelected(ps[0].Platform)
	d.tap("保存")
	d.tap("取消")
	d.closed("after cancelling the save dialog")
	// And Esc closes a save dialog too.
	d.u.saveFile("x.pdf", func(string) { t.Error("Esc saved") })
	d.esc()
	d.closed("after Esc in the save dialog")
}

func TestBackupOverTheDataFileIsRefusedAndTheFileKept(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	before, _ := os.ReadFile(d.path)
	d.u.lastDir = filepath.Dir(d.path)
	d.u.screens.data.backup()
	d.saveAs("", filepath.Base(d.path))
	// Refused before it asks whether to replace the file.
	if !strings.Contains(overlayText(d), "正在使用的数据文件") {
		t.Fatalf("no refusal shown: %q", overlayText(d))
	}
	d.tap("确定")
	d.closed("after the refusal")
	after, _ := os.ReadFile(d.path)
	if len(after) == 0 || len(after) != len(before) {
		t.Fatalf("the data file changed: %d bytes before, %d after", len(before), len(after))
	}
	// The window still works on its file.
	if n, err := d.svc.CountStudents(d.u.sess); err != nil || n == 0 {
		t.Fatalf("after the refused backup: %d students, %v", n, err)
	}
}

func TestAFailedExportLeavesTheOldFileWhole(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	dir := t.TempDir()
	old := filepath.Join(dir, "学生.xlsx")
	if err := os.WriteFile(old, []byte("last week's export"), 0o644); err != nil {
		t.Fatal(err)
	}
	d.u.lastDir = dir
	// The export fails: the bureau may not read students.
	d.u.showLogin()
	d.login("bureau", "demo1234")
	d.u.saveFile("学生.xlsx", func(path string) { d.u.screens.data.export("students", path) })
	d.saveAs(dir, "学生.xlsx")
	d.tap("替换")
	if !strings.Contains(overlayText(d), "不能") {
		t.Fatalf("no refusal: %q", overlayText(d))
	}
	d.tap("确定")
	d.closed("after the refused export")
	if b, _ := os.ReadFile(old); string(b) != "last week's export" {
		t.Fatalf("the old export was touched: %q", b)
	}
}

func TestImportPreviewSavesTheProblemWorkbookAndStaysUsable(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	dir := t.TempDir()
	d.u.lastDir = dir
	bad := filepath.Join(dir, "名单.csv")
	os.WriteFile(bad, []byte("学号,姓名,性别,高校,学院,专业,学位层次,学位类型,入学年份,校内导师,手机,邮箱\n"+
		"WZU2026700002,新生乙,男,温州大学,商学院,工商管理,硕士,专业学位,2026级,王老师,1370000,b@stu.wzu.edu.cn\n"), 0o644)
	d.u.screens.data.importFile("students", bad)
	preview := d.u.top()
	if preview == nil {
		t.Fatal("no preview")
	}
	d.tap(d.u.t("ui.save_errors"))
	d.saveAs(dir, "名单-问题.xlsx")
	if _, err := os.Stat(filepath.Join(dir, "名单-问题.xlsx")); err != nil {
		t.Fatalf("problem workbook: %v", err)
	}
	if d.u.top() != preview {
		t.Fatalf("after saving the workbook the preview is not on top (%d dialogs)", len(d.u.dialogs))
	}
	d.tap("取消")
	d.closed("after closing the preview")
	// The screen works: a form opens and Esc closes it.
	d.u.passwordForm()
	d.esc()
	d.closed("a form after the preview")
}

func TestNewPlacementFindsTheStudentByNameAndOffersNoRevokedPlatform(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	st := d.freeStudent()
	ps, _ := d.svc.Platforms(d.u.sess, "")
	revoked := ps[len(ps)-1].Name
	if _, err := d.svc.SetPlatformStatus(d.u.sess, revoked, model.Revoked, "测试"); err != nil {
		t.Fatal(err)
	}
	d.u.screens.placements.placementForm(nil)
	f := d.u.lastForm
	entries, selects := formFields(f)
	for _, o := range selects[1].Options {
		if o == revoked {
			t.Fatalf("the revoked platform %s is offered", revoked)
		}
	}
	// By name: one match picks the student; several offer a choice.
	test.Type(entries[0], st.Name)
	same, _ := d.svc.Students(d.u.sess, dispatch.StudentFilter{Q: st.Name})
	exact := 0
	for _, x := range same {
		if x.Name == st.Name {
			exact++
		}
	}
	if exact == 1 {
		if !strings.Contains(f.hint.Text, st.Number) {
			t.Fatalf("typing the name %s shows %q", st.Name, f.hint.Text)
		}
	} else {
		if selects[0].Hidden || len(selects[0].Options) != exact {
			t.Fatalf("%d students named %s, %d offered", exact, st.Name, len(selects[0].Options))
		}
		for i, o := range selects[0].Options {
			if strings.Contains(o, st.Number) {
				selects[0].SetSelectedIndex(i)
			}
		}
	}
	// Empty dates say they are required, not unreadable.
	d.tap("保存")
	if f.errs["start"].Text != "必须填写" || entries[1].PlaceHolder != "年-月-日" {
		t.Fatalf("empty start date: %q (hint %q)", f.errs["start"].Text, entries[1].PlaceHolder)
	}
	d.esc()
	d.closed("after Esc")
}

func TestAuditDetailReadsAsFieldsBeforeAndAfter(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	ps, _ := d.svc.Placements(d.u.sess, dispatch.PlacementFilter{Status: model.Approved})
	d.ready(ps[0].No)
	if _, _, err := d.svc.Step(d.u.sess, ps[0].No, model.Dispatched, model.StepInput{}); err != nil {
		t.Fatal(err)
	}
	es, _ := d.svc.AuditLog(d.u.sess, ps[0].No, 1)
	lines := d.u.screens.audit.auditChanges(es[0].Before, es[0].After)
	got := ""
	for _, l := range lines {
		got += l[0] + "：" + l[1] + "\n"
	}
	if !strings.Contains(got, "状态：已审批 → 已派出") || strings.Contains(got, "{") {
		t.Fatalf("audit detail:\n%s", got)
	}
}

func TestTabScrollsALongFormToTheFocusedField(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.w.Resize(fyne.NewSize(1000, 560))
	d.u.screens.students.studentForm(nil)
	f := d.u.lastForm
	if f.scroll.Content.MinSize().Height <= f.scroll.Size().Height {
		t.Skip("the form fits: nothing to scroll")
	}
	// Tab from the first field to the last.
	d.w.Canvas().Focus(f.first)
	for i := 0; i < 40 && f.scroll.Offset.Y == 0; i++ {
		d.w.Canvas().FocusNext()
	}
	if f.scroll.Offset.Y == 0 {
		t.Fatal("Tab moved the focus out of sight without scrolling")
	}
	focused := d.w.Canvas().Focused().(fyne.CanvasObject)
	drv := fyne.CurrentApp().Driver()
	y := drv.AbsolutePositionForObject(focused).Y - drv.AbsolutePositionForObject(f.scroll).Y
	if y < 0 || y+focused.Size().Height > f.scroll.Size().Height+1 {
		t.Fatalf("the focused field is at %v in a view of %v", y, f.scroll.Size().Height)
	}
}

func TestAccountsResetDisableUnlockInTheWindow(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.u.screens.data.usersDialog()
	// Reset hr1's password from its detail.
	var hr1 model.User
	users, _ := d.svc.Users(d.u.sess)
	for _, x := range users {
		if x.Name == "hr1" {
			hr1 = x
		}
	}
	side := newDetail(d.u)
	d.u.screens.data.userDetail(side, hr1, func() {})
	d.u.screens.data.resetPasswordForm("hr1", nil)
	es, _ := formFields(d.u.lastForm)
	test.Type(es[0], "临时密码-2026")
	test.Type(es[1], "临时密码-2026")
	d.tap("保存")
	if !strings.Contains(d.u.lastNotice, "hr1") {
		t.Fatalf("reset not confirmed: %q", d.u.lastNotice)
	}
	d.esc() // the accounts dialog
	d.closed("after closing the accounts")

	// hr1 logs in with it and is asked for a new password before anything else;
	// Esc logs out.
	d.u.logout()
	d.login("hr1", "临时密码-2026")
	if d.u.Screen() != "main" || d.u.top() == nil || !strings.Contains(overlayText(d), "需要更换") {
		t.Fatalf("a reset password is not changed at login: screen %s, dialog %q", d.u.Screen(), overlayText(d))
	}
	d.esc()
	if d.u.Screen() != "login" || d.u.sess != nil {
		t.Fatalf("Esc on the forced change left hr1 in: %s", d.u.Screen())
	}
	d.login("hr1", "临时密码-2026")
	es, _ = formFields(d.u.lastForm)
	test.Type(es[0], "临时密码-2026")
	test.Type(es[1], "平台人事自己的密码")
	test.Type(es[2], "平台人事自己的密码")
	d.tap("保存")
	d.closed("after the forced change")
	if d.u.Screen() != "main" || d.u.sess.MustChangePassword() {
		t.Fatal("still asked to change")
	}

	// Disable: hr1 can no longer log in; enable again.
	d.u.logout()
	d.login("admin", "admin-密码-123")
	if err := d.svc.SetUserDisabled(d.u.sess, "hr1", true); err != nil {
		t.Fatal(err)
	}
	users, _ = d.svc.Users(d.u.sess)
	for _, x := range users {
		if x.Name == "hr1" {
			d.u.screens.data.userDetail(side, x, func() {})
			if d.u.screens.data.userState(x) != "已停用" {
				t.Fatalf("state %q", d.u.screens.data.userState(x))
			}
		}
	}
	if _, err := d.svc.Login("hr1", "平台人事自己的密码"); err == nil {
		t.Fatal("a disabled account logs in")
	}
	// Logging out is in the audit log.
	es2, _ := d.svc.AuditLog(d.u.sess, "hr1", 50)
	found := false
	for _, e := range es2 {
		found = found || strings.Contains(e.Op, "logout")
	}
	if !found {
		t.Fatal("logout not audited")
	}
}

func TestIdleLockKeepsTheFormAndAsksThePassword(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	now := today
	d.svc.Now = func() time.Time { return now }
	d.u.touch()
	// A half-filled form is open when the clerk walks away.
	d.u.screens.students.studentForm(nil)
	f := d.u.lastForm
	test.Type(f.first.(*entry), "WZU-半填")
	now = now.Add(9 * time.Minute)
	d.u.checkIdle(now)
	if d.u.lock != nil {
		t.Fatal("locked before ten minutes")
	}
	now = now.Add(2 * time.Minute)
	d.u.checkIdle(now)
	if d.u.lock == nil {
		t.Fatal("not locked after eleven minutes")
	}
	// Esc does not reach the form under the lock.
	d.esc()
	if d.u.top() != f.d {
		t.Fatal("Esc under the lock closed the form")
	}
	var pw *entry
	d.walk(d.u.lock, func(o fyne.CanvasObject) {
		if e, ok := o.(*entry); ok && pw == nil {
			pw = e
		}
	})
	test.Type(pw, "wrong-password")
	pw.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if d.u.lock == nil {
		t.Fatal("a wrong password unlocked")
	}
	pw.SetText("")
	test.Type(pw, "admin-密码-123")
	pw.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if d.u.lock != nil {
		t.Fatal("the right password did not unlock")
	}
	if f.first.(*entry).Text != "WZU-半填" || d.u.top() != f.d {
		t.Fatalf("the form did not survive the lock: %q", f.first.(*entry).Text)
	}
	// The office may switch the lock off on this computer.
	d.u.app.Preferences().SetInt(prefIdleMinutes, 0)
	d.u.checkIdle(now.Add(10 * time.Hour))
	if d.u.lock != nil {
		t.Fatal("locked with the lock switched off")
	}
}

func TestDraftEditedAndWithdrawnInTheWindow(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	ps, _ := d.svc.Placements(d.u.sess, dispatch.PlacementFilter{Status: model.Draft})
	p := ps[0]
	side := newDetail(d.u)
	d.u.screens.placements.placementDetail(side, p, func() {})
	// Edit: the task changes, the number stays.
	test.Tap(findButton(d, side.box, "编辑草稿"))
	es, _ := formFields(d.u.lastForm)
	es[2].SetText("改后的攻关任务")
	d.tap("保存")
	d.closed("after editing the draft")
	got, _ := d.svc.Placement(d.u.sess, p.No)
	if got.Task != "改后的攻关任务" || got.Status != model.Draft {
		t.Fatalf("after edit: %+v", got)
	}
	// Withdraw needs a reason, then the draft is 已作废 and no longer open.
	d.u.screens.placements.placementDetail(side, got, func() {})
	test.Tap(findButton(d, side.box, "作废…"))
	d.tap("保存")
	if d.u.lastForm.errs["reason"].Text == "" && d.u.lastForm.top.Text == "" {
		t.Fatal("withdrawing without a reason was not refused")
	}
	es, _ = formFields(d.u.lastForm)
	test.Type(es[0], "学生放弃")
	d.tap("保存")
	d.closed("after withdrawing")
	got, _ = d.svc.Placement(d.u.sess, p.No)
	if got.Status != model.Withdrawn || model.IsOpen(got.Status) {
		t.Fatalf("after withdrawing: %s", got.Status)
	}
	d.u.screens.placements.placementDetail(side, got, func() {})
	for _, b := range []string{"编辑草稿", "作废…"} {
		var found bool
		d.walk(side.box, func(o fyne.CanvasObject) {
			if x, ok := o.(*widget.Button); ok && x.Text == b {
				found = true
			}
		})
		if found {
			t.Errorf("a withdrawn placement still offers %s", b)
		}
	}
}

// findButton finds a button by text inside o.
func findButton(d *desk, o fyne.CanvasObject, text string) *widget.Button {
	d.t.Helper()
	var found *widget.Button
	d.walk(o, func(x fyne.CanvasObject) {
		if b, ok := x.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		d.t.Fatalf("no button %q", text)
	}
	return found
}

func TestExportWritesWhatTheListShows(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.open("ui.tab_students")
	l := d.u.screens.students.list
	// A search and a filter narrow the list; the export holds those rows.
	typeSearch(l.search, "ZJUT")
	shown := l.Rows()
	if len(shown) == 0 || len(shown) >= 200 {
		t.Fatalf("the search shows %d rows", len(shown))
	}
	dir := t.TempDir()
	d.u.lastDir = dir
	test.Tap(d.mainButton("导出…"))
	d.saveAs(dir, "学生.xlsx")
	d.closed("after the export")
	tb, err := sheet.Read(filepath.Join(dir, "学生.xlsx"), sheet.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(tb.Rows) - 1; got != len(shown) { // less the header row
		t.Fatalf("exported %d rows, the list shows %d", got, len(shown))
	}
	if !strings.Contains(d.u.lastNotice, "已导出") {
		t.Fatalf("notice %q", d.u.lastNotice)
	}
	es, _ := d.svc.AuditLog(d.u.sess, "export", 5)
	if len(es) == 0 || !strings.Contains(string(es[0].After), fmt.Sprint(len(shown))) {
		t.Fatalf("the export is not in the audit log with its row count: %+v", es)
	}
}

func TestHomeShowsRechecksDue(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	if !strings.Contains(d.texts(), "整改到期待复查  0") {
		t.Fatalf("no re-check to-do on the home screen:\n%s", d.texts())
	}
}

// ready records, as the office, what a placement needs before dispatch.
func (d *desk) ready(no string) {
	d.t.Helper()
	p, err := d.svc.Placement(d.u.sess, no)
	if err != nil {
		d.t.Fatal(err)
	}
	if _, err := d.svc.SetInsurance(d.u.sess, no, model.Insurance{Insurer: "中国人寿", Policy: "PA-" + no, From: p.Start, To: p.End}); err != nil {
		d.t.Fatal(err)
	}
	if _, err := d.svc.RecordPledge(d.u.sess, no, p.Start.AddDate(0, 0, -7)); err != nil {
		d.t.Fatal(err)
	}
	if _, err := d.svc.RecordAcceptance(d.u.sess, no, p.Start.AddDate(0, 0, -14)); err != nil {
		d.t.Fatal(err)
	}
}

func TestDepartureFormsInTheWindow(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	ps, _ := d.svc.Placements(d.u.sess, dispatch.PlacementFilter{Status: model.Approved})
	p := ps[0]
	side := newDetail(d.u)
	refresh := func() {
		got, _ := d.svc.Placement(d.u.sess, p.No)
		d.u.screens.placements.placementDetail(side, got, func() {})
	}
	refresh()
	if !strings.Contains(overlayOrText(d, side.box), "尚缺") {
		t.Fatal("the detail does not say what is missing before departure")
	}
	// Insurance: Cancel, Esc, a refusal (no policy), then saved.
	test.Tap(findButton(d, side.box, "登记保险…"))
	d.tap("取消")
	d.closed("after Cancel")
	test.Tap(findButton(d, side.box, "登记保险…"))
	d.esc()
	d.closed("after Esc")
	d.u.screens.placements.insuranceForm(p, refresh)
	es, _ := formFields(d.u.lastForm)
	test.Type(es[0], "中国人寿")
	d.tap("保存")
	if d.u.lastForm.errs["policy"].Text == "" {
		t.Fatal("an insurance without a policy number was not refused beside it")
	}
	test.Type(es[1], "PA2026-88")
	d.tap("保存")
	d.closed("after saving the insurance")
	for _, b := range []string{"登记承诺书…", "登记接收函…"} {
		test.Tap(findButton(d, side.box, b))
		d.tap("保存")
		d.closed("after " + b)
	}
	refresh()
	if !strings.Contains(overlayOrText(d, side.box), "可以派出") {
		t.Fatalf("ready, the detail says:\n%s", overlayOrText(d, side.box))
	}
	if _, _, err := d.svc.Step(d.u.sess, p.No, model.Dispatched, model.StepInput{}); err != nil {
		t.Fatalf("dispatch after the forms: %v", err)
	}
}

// overlayOrText is every label's text inside o.
func overlayOrText(d *desk, o fyne.CanvasObject) string {
	var b strings.Builder
	d.walk(o, func(x fyne.CanvasObject) {
		if l, ok := x.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

// TestLogoutClosesAnOpenDropDown: a drop-down's list left open when the clerk
// logs out does not stay on top of the login (it took every click there).
func TestLogoutClosesAnOpenDropDown(t *testing.T) {
	d := newDesk(t)
	var sel *widget.Select
	d.walk(d.w.Content(), func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && sel == nil {
			sel = s
		}
	})
	if sel == nil {
		t.Fatal("no drop-down on the working screen")
	}
	test.Tap(sel)
	if d.w.Canvas().Overlays().Top() == nil {
		t.Fatal("the drop-down's list did not open")
	}
	d.u.logout()
	if d.w.Canvas().Overlays().Top() != nil {
		t.Fatal("the drop-down's list outlived the logout")
	}
	d.login("admin", "admin-密码-123")
	if d.u.Screen() == "login" {
		t.Fatal("could not log in again")
	}
}

// TestReloadIsNotUse: a reload that picks the kept row again (the served
// window's timer) does not count as the clerk's use, so a window left alone
// with a row picked still locks and its server session still ends.
func TestReloadIsNotUse(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.open("ui.tab_placements")
	l := d.u.screens.placements.list
	l.table.Select(widget.TableCellID{Row: 0, Col: 0})
	if l.picked != 0 {
		t.Fatal("no row picked")
	}
	d.u.lastUse = time.Time{}
	l.refresh()
	if !d.u.lastUse.IsZero() {
		t.Fatal("a reload counted as use")
	}
	l.table.Select(widget.TableCellID{Row: 1, Col: 0})
	if d.u.lastUse.IsZero() {
		t.Fatal("the clerk's own pick did not count as use")
	}
}

// TestOtherTabsReadAgainAfterASave: after something is saved on one tab, the
// home's to-dos show it when the clerk goes back there, without F5.
func TestOtherTabsReadAgainAfterASave(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	count := func() string {
		d.open("ui.tab_home")
		for _, line := range strings.Split(d.texts(), "\n") {
			if strings.HasPrefix(line, "待审批") {
				return line
			}
		}
		t.Fatal("no 待审批 on the home")
		return ""
	}
	before := count()
	d.open("ui.tab_placements")
	drafts, err := d.svc.Placements(d.u.sess, dispatch.PlacementFilter{Status: model.Draft})
	if err != nil || len(drafts) == 0 {
		t.Fatalf("no draft: %v", err)
	}
	if _, _, err := d.svc.Step(d.u.sess, drafts[0].No, model.Approved, model.StepInput{}); err != nil {
		t.Fatal(err)
	}
	d.u.notice("已审批") // what the step's form says when it saves
	if after := count(); after == before {
		t.Fatalf("the home still says %q after an approval", after)
	}
}
