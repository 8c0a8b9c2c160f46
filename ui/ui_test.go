package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/model"
	"secondment/storage"
)

var today = time.Date(2026, 11, 25, 10, 0, 0, 0, time.Local)

// desk is a data file with sample data and a window on it.
type desk struct {
	t    *testing.T
	path string
	svc  *dispatch.Service
	u    *UI
	w    fyne.Window
}

func newDesk(t *testing.T) *desk {
	t.Helper()
	return openDesk(t, func(svc *dispatch.Service) {
		sess, err := svc.Bootstrap("admin", "admin-密码-123", "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.LoadDataset(sess, demo.Generate(200, 5, model.DateOf(today)), "test"); err != nil {
			t.Fatal(err)
		}
	})
}

// newEmptyDesk is a window on a new, empty data file: the first start.
func newEmptyDesk(t *testing.T) *desk {
	t.Helper()
	return openDesk(t, func(*dispatch.Service) {})
}

// openDesk makes a data file, lets fill put records in it, and opens the
// window on it at 1366×768.
func openDesk(t *testing.T, fill func(*dispatch.Service)) *desk {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ui.db")
	db, err := storage.Open(path, storage.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := dispatch.New(db)
	svc.Now = func() time.Time { return today }
	fill(svc)
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1366, 768))
	// The window reads the service's clock, which a test may move.
	u := New(a, w, svc, Config{DBPath: path, Go: func(f func()) { f() }, Now: func() time.Time { return svc.Now() }})
	u.Start()
	return &desk{t: t, path: path, svc: svc, u: u, w: w}
}

// login types a user name and password and presses Enter, then waits for the
// answer (the password check runs off the UI thread).
func (d *desk) login(name, password string) {
	d.t.Helper()
	if d.u.Screen() != "login" {
		d.t.Fatalf("screen %q, want login", d.u.Screen())
	}
	d.u.loginMsg.Text = ""
	test.Type(d.u.loginName, name)
	test.Type(d.u.loginPass, password)
	d.u.loginPass.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	d.wait(func() bool { return d.u.Screen() == "main" || d.u.loginMsg.Text != "" })
}

func (d *desk) wait(cond func() bool) {
	d.t.Helper()
	for i := 0; i < 300; i++ {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	d.t.Fatal("timed out")
}

// open selects the tab with this title.
func (d *desk) open(key string) {
	d.t.Helper()
	d.u.openTab(key)()
}

// texts collects every label, button and tab text on the window.
func (d *desk) texts() string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.Button:
			b.WriteString(x.Text + "\n")
		case *container.AppTabs:
			for _, it := range x.Items {
				b.WriteString(it.Text + "\n")
			}
			if x.Selected() != nil {
				walk(x.Selected().Content)
			}
			return
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			r := test.TempWidgetRenderer(d.t, x)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(d.w.Content())
	return b.String()
}

// formFields returns a form's text fields and drop-downs, in order.
func formFields(f *form) (entries []*entry, selects []*widget.Select) {
	for _, it := range f.items {
		for _, o := range it.Widget.(*fyne.Container).Objects {
			switch w := o.(type) {
			case *entry:
				entries = append(entries, w)
			case *widget.Select:
				selects = append(selects, w)
			case *choice:
				selects = append(selects, &w.Select)
			}
		}
	}
	return entries, selects
}

func TestLoginSuccessAndFailure(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "wrong-password")
	if d.u.sess != nil || !strings.Contains(d.u.loginMsg.Text, "用户名或密码不正确") {
		t.Fatalf("wrong password: session %v, message %q", d.u.sess, d.u.loginMsg.Text)
	}
	if d.u.loginPass.Text != "" {
		t.Error("the wrong password stays in the field")
	}
	d.u.loginName.SetText("")
	d.login("admin", "admin-密码-123")
	if d.u.Screen() != "main" || d.u.sess.User().Name != "admin" {
		t.Fatalf("screen %q after a good login: %q (name %q)", d.u.Screen(), d.u.loginMsg.Text, d.u.loginName.Text)
	}
	if !strings.Contains(d.texts(), "待审批") {
		t.Error("the office's home shows no to-dos")
	}
}

func TestSearchNarrowsListAndCount(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.open("ui.tab_students")
	l := d.u.screens.students.list
	all := len(l.Rows())
	if all != 200 || l.count.Text != "共 200 条" {
		t.Fatalf("%d rows, count %q", all, l.count.Text)
	}
	target := l.Rows()[123]
	typeSearch(l.search, target.Number)
	if len(l.Rows()) != 1 || l.Rows()[0].Number != target.Number || l.count.Text != "共 1 条" {
		t.Fatalf("search %s: %d rows, count %q", target.Number, len(l.Rows()), l.count.Text)
	}
	l.search.SetText("")
	typeSearch(l.search, target.Name[:3]) // the surname
	if n := len(l.Rows()); n == 0 || n >= all {
		t.Fatalf("searching the surname left %d of %d", n, all)
	}
	for _, s := range l.Rows() {
		if !strings.Contains(s.Name, target.Name[:3]) && !strings.Contains(s.Number, target.Name[:3]) {
			t.Fatalf("%s does not match", s.Name)
		}
	}
	// Ctrl+F puts the cursor in the search box.
	d.w.Canvas().Unfocus()
	sc, ok := d.w.Canvas().(fyne.Shortcutable)
	if !ok {
		t.Fatal("the canvas takes no shortcuts")
	}
	sc.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault})
	if d.w.Canvas().Focused() != l.search {
		t.Errorf("Ctrl+F focused %v, not the search box", d.w.Canvas().Focused())
	}
}

func TestSorting(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.open("ui.tab_students")
	l := d.u.screens.students.list
	l.sortOn(1) // by name
	rows := l.Rows()
	for i := 1; i < len(rows); i++ {
		if rows[i-1].Name > rows[i].Name {
			t.Fatalf("not sorted by name at %d: %s > %s", i, rows[i-1].Name, rows[i].Name)
		}
	}
	l.sortOn(1) // again: descending
	rows = l.Rows()
	if rows[0].Name < rows[len(rows)-1].Name {
		t.Fatal("second tap did not reverse the order")
	}
	l.sortOn(6) // enrolment year, numerically
	rows = l.Rows()
	for i := 1; i < len(rows); i++ {
		if rows[i-1].EnrolmentYear > rows[i].EnrolmentYear {
			t.Fatal("not sorted by year")
		}
	}
	// Sorting survives a search.
	typeSearch(l.search, "WZU")
	rows = l.Rows()
	for i := 1; i < len(rows); i++ {
		if rows[i-1].EnrolmentYear > rows[i].EnrolmentYear {
			t.Fatal("search lost the sort order")
		}
	}
}

func TestOverQuotaApprovalShowsRefusalAndChangesNothing(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.open("ui.tab_placements")
	pl := d.u.screens.placements.list
	pl.status.SetSelected("草稿")
	if len(pl.Rows()) == 0 {
		t.Fatal("no drafts")
	}
	p := pl.Rows()[0]
	// Fill the platform's quota for every year the placement touches.
	for _, y := range model.Years(p.Start, p.End) {
		qs, _ := d.svc.Quotas(d.u.sess, dispatch.QuotaFilter{Platform: p.Platform, Year: y, Category: model.Graduate})
		if len(qs) == 0 {
			continue
		}
		if _, err := d.svc.SetQuota(d.u.sess, dispatch.QuotaInput{Platform: p.Platform, Year: y, Category: "graduate",
			Total: qs[0].Used, Reason: "测试"}); err != nil {
			t.Fatal(err)
		}
	}
	d.u.screens.placements.stepDialog(p, model.Approved, pl.refresh)
	f := d.u.lastForm
	f.submit()
	if !strings.Contains(f.top.Text, "员额已满") && !strings.Contains(f.top.Text, "未设定") {
		t.Fatalf("refusal shown: %q", f.top.Text)
	}
	if d.u.top() == nil {
		t.Fatal("the refused form closed")
	}
	after, _ := d.svc.Placement(d.u.sess, p.No)
	if after.Status != model.Draft || len(after.History) != len(p.History) {
		t.Fatalf("refused approval changed the placement: %+v", after)
	}
	// Esc closes the form (the approval form has no field to hold the focus:
	// the window takes the key).
	d.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if d.u.top() != nil {
		t.Error("Esc did not close the form")
	}
}

func TestFormShowsFieldErrorBesideField(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.open("ui.tab_students")
	d.u.screens.students.studentForm(nil)
	f := d.u.lastForm
	// Enter in a field submits.
	f.first.(*entry).TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.errs["number"].Text == "" || f.errs["mobile"].Text == "" {
		t.Fatalf("no inline errors: number %q, mobile %q", f.errs["number"].Text, f.errs["mobile"].Text)
	}
	// Esc in a field closes the form.
	f.first.(*entry).TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if d.u.top() != nil {
		t.Error("Esc in a field did not close the form")
	}
}

func TestPlatformHRSeesOnlyTheirPlatform(t *testing.T) {
	d := newDesk(t)
	d.login("hr1", "demo1234")
	if d.u.sess == nil {
		t.Fatalf("hr1 cannot log in: %s", d.u.loginMsg.Text)
	}
	own := d.u.sess.User().Platform
	d.open("ui.tab_placements")
	rows := d.u.screens.placements.list.Rows()
	if len(rows) == 0 {
		t.Fatal("HR sees no placements")
	}
	for _, p := range rows {
		if p.Platform != own {
			t.Fatalf("HR of %s sees a placement at %s", own, p.Platform)
		}
	}
	if texts := d.texts(); strings.Contains(texts, "双聘双挂\n") || strings.Contains(texts, "操作日志") {
		t.Error("HR sees the office's tabs")
	}
}

func TestLanguageSwitch(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	if !strings.Contains(d.texts(), "学生") {
		t.Fatal("no Chinese tab titles")
	}
	d.u.setLang("en")
	texts := d.texts()
	for _, want := range []string{"Students", "Placements", "Log out", "To approve"} {
		if !strings.Contains(texts, want) {
			t.Errorf("English screen lacks %q", want)
		}
	}
	if strings.Contains(texts, "退出登录") {
		t.Error("Chinese left after switching to English")
	}
	if d.u.app.Preferences().String(prefLang) != "en" {
		t.Error("the choice is not kept")
	}
}

func TestFirstStartSetup(t *testing.T) {
	d := newEmptyDesk(t)
	svc, u, w := d.svc, d.u, d.w
	if u.Screen() != "setup" {
		t.Fatalf("a new data file shows %q, not the setup", u.Screen())
	}
	// Type the administrator and mismatched passwords: refused in place.
	focused := w.Canvas().Focused().(*entry)
	test.Type(focused, "教务员")
	var entries []*entry
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if e, ok := o.(*entry); ok {
			entries = append(entries, e)
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				walk(x)
			}
		}
		if f, ok := o.(*widget.Form); ok {
			for _, it := range f.Items {
				walk(it.Widget)
			}
		}
	}
	walk(w.Content())
	if len(entries) != 4 {
		t.Fatalf("setup has %d fields (name, password twice, own university)", len(entries))
	}
	test.Type(entries[1], "研究生院的密码甲")
	test.Type(entries[2], "另一个密码")
	entries[2].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.Screen() != "setup" {
		t.Fatal("mismatched passwords went through")
	}
	entries[2].SetText("")
	test.Type(entries[2], "研究生院的密码甲")
	entries[2].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.Screen() != "main" || u.sess.User().Name != "教务员" {
		t.Fatalf("after setup: screen %q", u.Screen())
	}
	if _, err := svc.Login("教务员", "研究生院的密码甲"); err != nil {
		t.Fatalf("the new account cannot log in: %v", err)
	}
	// No university given: none is made (it can be added later).
	if us, _ := svc.Universities(u.sess); len(us) != 0 {
		t.Fatalf("universities: %+v", us)
	}
}

func TestStudentSeesOwnRecord(t *testing.T) {
	d := newDesk(t)
	d.login("student1", "demo1234")
	texts := d.texts()
	own := d.u.sess.User().StudentNumber
	if !strings.Contains(texts, own) || !strings.Contains(texts, "打印协议") {
		t.Fatalf("the student's screen lacks their number or agreement button:\n%s", texts)
	}
	if strings.Contains(texts, "选派\n") && strings.Contains(texts, "操作日志") {
		t.Error("the student sees office tabs")
	}
}

func TestDetailFollowsTheRecordAfterAStep(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.open("ui.tab_placements")
	pl := d.u.screens.placements.list
	pl.status.SetSelected("已审批")
	p := pl.Rows()[0]
	pl.table.Select(widget.TableCellID{Row: 0, Col: 0})
	d.ready(p.No)
	d.u.screens.placements.stepDialog(p, model.Dispatched, pl.refresh)
	d.u.lastForm.submit()
	// The approved filter no longer holds it; show all and find it selected.
	pl.status.SetSelected("全部状态")
	got := false
	for i, r := range pl.Rows() {
		if r.No == p.No {
			pl.table.Select(widget.TableCellID{Row: i, Col: 0})
			got = r.Status == model.Dispatched
		}
	}
	if !got {
		t.Fatal("the placement did not move to dispatched")
	}
	// Refreshing keeps the same record picked.
	pl.refresh()
	if pl.picked < 0 || pl.Rows()[pl.picked].No != p.No {
		t.Fatal("a refresh lost the selected record")
	}
}

func TestProblemScreenOffersRestore(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	retried := 0
	p := Problem{
		Text:    "数据文件已损坏或不是本程序的数据文件",
		Damaged: true,
		Restore: func(backup, user, password string) error {
			if password != "right" {
				return model.Errorf(model.EUnauthorized, "login.failed")
			}
			return nil
		},
		Explain: func(err error) string { return "用户名或密码不正确" },
		Retry:   func() { retried++ },
	}
	ShowProblem(a, w, p)
	d := &desk{t: t, w: w}
	texts := d.texts()
	for _, want := range []string{"无法打开数据文件", "已损坏", "从备份恢复…", "重试", "退出"} {
		if !strings.Contains(texts, want) {
			t.Errorf("problem screen lacks %q:\n%s", want, texts)
		}
	}
	restoreForm(w, "zh", "/backups/desk.db", p)
	user := w.Canvas().Focused().(*entry)
	test.Type(user, "admin")
	user.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // to the password
	pw := w.Canvas().Focused().(*entry)
	test.Type(pw, "wrong")
	pw.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if retried != 0 {
		t.Fatal("a refused restore reopened the file")
	}
	pw.SetText("right")
	pw.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if retried != 1 {
		t.Fatal("a restore did not reopen the file")
	}
}

func TestEditStudentAndAddPlatform(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.open("ui.tab_students")
	l := d.u.screens.students.list
	cur := l.Rows()[0]
	d.u.screens.students.studentFormFor(&cur, l.refresh)
	f := d.u.lastForm
	mobile := f.errs["mobile"] // the field's error line exists
	if mobile == nil {
		t.Fatal("no mobile field")
	}
	entries, _ := formFields(f)
	var mob *entry
	for _, e := range entries {
		if e.Text == cur.Mobile {
			mob = e
		}
	}
	if mob == nil {
		t.Fatal("the form is not filled with the record")
	}
	mob.SetText("139 0000 1111")
	f.submit()
	if d.u.top() != nil {
		t.Fatalf("edit refused: %q", f.top.Text)
	}
	got, _ := d.svc.Student(d.u.sess, cur.University, cur.Number)
	if got.Mobile != "13900001111" {
		t.Fatalf("mobile after edit: %s", got.Mobile)
	}

	d.open("ui.tab_platforms")
	d.u.screens.platforms.platformForm(nil, nil)
	pf := d.u.lastForm
	pf.submit()
	if pf.errs["name"].Text == "" || pf.errs["kind"].Text == "" {
		t.Fatalf("empty platform form: name %q kind %q", pf.errs["name"].Text, pf.errs["kind"].Text)
	}
}

func TestAddUserFromTheWindow(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.u.screens.data.userForm()
	f := d.u.lastForm
	entries, selects := formFields(f)
	name, pw, again := entries[0], entries[2], entries[3]
	test.Type(name, "瓯江人事2")
	selects[0].SetSelected("平台人事")
	selects[1].SetSelected(selects[1].Options[0])
	test.Type(pw, "password9")
	test.Type(again, "password8")
	f.submit()
	if f.errs["password_again"].Text == "" {
		t.Fatal("mismatched passwords not shown beside the field")
	}
	again.SetText("password9")
	f.submit()
	if f.top.Text != "" {
		t.Fatalf("add user refused: %q", f.top.Text)
	}
	s, err := d.svc.Login("瓯江人事2", "password9")
	if err != nil || s.User().Platform != selects[1].Options[0] {
		t.Fatalf("new account: %v %+v", err, s)
	}
}

func TestNewPlacementFormNamesTheStudent(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	busy := map[string]bool{}
	ps, _ := d.svc.Placements(d.u.sess, dispatch.PlacementFilter{})
	for _, p := range ps {
		if model.IsOpen(p.Status) {
			busy[p.StudentKey()] = true
		}
	}
	ss, _ := d.svc.Students(d.u.sess, dispatch.StudentFilter{EnrolmentYear: 2025})
	var st model.Student
	for _, s := range ss {
		if !busy[s.Key()] {
			st = s
			break
		}
	}
	d.u.screens.placements.placementForm(nil)
	f := d.u.lastForm
	entries, selects := formFields(f)
	test.Type(entries[0], st.Number)
	if !strings.Contains(f.hint.Text, st.Name) || !strings.Contains(f.hint.Text, st.University) {
		t.Fatalf("typing %s shows %q", st.Number, f.hint.Text)
	}
	selects[1].SetSelected("温州国家大学科技园孵化器")
	test.Type(entries[1], "2027-01-04")
	test.Type(entries[2], "2027-06-30")
	test.Type(entries[3], "孵化企业技术需求调研")
	f.submit()
	if f.top.Text != "" {
		t.Fatalf("refused: %s", f.top.Text)
	}
	got, _ := d.svc.Placements(d.u.sess, dispatch.PlacementFilter{Q: st.Number})
	found := false
	for _, p := range got {
		found = found || (p.Status == model.Draft && p.Task == "孵化企业技术需求调研")
	}
	if !found {
		t.Fatalf("no draft for %s: %+v", st.Number, got)
	}
}

func TestChangePasswordInTheWindow(t *testing.T) {
	d := newDesk(t)
	d.login("hr1", "demo1234")
	d.u.passwordForm()
	f := d.u.lastForm
	es, _ := formFields(f)
	test.Type(es[0], "not-it")
	test.Type(es[1], "另一个好的新密码")
	test.Type(es[2], "另一个好的新密码")
	f.submit()
	if f.errs["password"].Text == "" {
		t.Fatal("a wrong current password is not shown beside it")
	}
	es[0].SetText("demo1234")
	f.submit()
	if _, err := d.svc.Login("hr1", "另一个好的新密码"); err != nil {
		t.Fatalf("new password: %v (form says %q)", err, f.top.Text)
	}
}

func TestImportWizard(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	dir := t.TempDir()
	head := "学号,姓名,性别,高校,学院,专业,学位层次,学位类型,入学年份,校内导师,手机,邮箱\n"
	good := "WZU2026700001,新生甲,女,温州大学,商学院,工商管理,硕士,专业学位,2026级,王老师,13700000001,a@stu.wzu.edu.cn\n"
	bad := "WZU2026700002,新生乙,男,温州大学,商学院,工商管理,硕士,专业学位,2026级,王老师,1370000,b@stu.wzu.edu.cn\n"
	badPath := filepath.Join(dir, "bad.csv")
	os.WriteFile(badPath, []byte(head+good+bad), 0o644)
	d.u.screens.data.importFile("students", badPath)
	c := d.u.screens.data.lastCheck
	if d.u.screens.data.preview == nil || c == nil || len(c.errs) != 1 || c.errs[0].Row != 3 || c.errs[0].Column != "手机" {
		t.Fatalf("preview of a bad roster: %+v", c)
	}
	if ss, _ := d.svc.Students(d.u.sess, dispatch.StudentFilter{Q: "新生"}); len(ss) != 0 {
		t.Fatal("the preview wrote students")
	}
	d.u.closeTop()
	goodPath := filepath.Join(dir, "good.csv")
	os.WriteFile(goodPath, []byte(head+good), 0o644)
	d.u.screens.data.importFile("students", goodPath)
	c = d.u.screens.data.lastCheck
	if len(c.errs) != 0 || c.sum.New != 1 {
		t.Fatalf("preview of a good roster: %+v", c.sum)
	}
	if _, err := c.commit(context.Background(), func(float64) {}); err != nil {
		t.Fatal(err)
	}
	if ss, _ := d.svc.Students(d.u.sess, dispatch.StudentFilter{Q: "新生甲"}); len(ss) != 1 {
		t.Fatal("the confirmed import wrote nothing")
	}
}

// typeSearch types into a list's search box as a clerk does; on a machine slow
// enough (the race detector) that the list waits for a pause in typing, it then
// presses Enter, which searches at once.
func typeSearch(e *entry, text string) {
	test.Type(e, text)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}
