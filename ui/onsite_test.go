package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/model"
)

// remindersOf is the reminders the service gives the window's user now.
func (d *desk) remindersOf() []dispatch.Reminder {
	d.t.Helper()
	rs, err := d.svc.Reminders(d.u.sess)
	if err != nil {
		d.t.Fatal(err)
	}
	return rs
}

func TestRemindersOnTheHomeScreenFollowTheClock(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	// The clock stands 20 days before the end of a placement on site.
	on, _ := d.svc.Placements(d.u.sess, dispatch.PlacementFilter{Status: model.Arrived})
	if len(on) == 0 {
		t.Fatal("no placement on site in the sample data")
	}
	d.svc.Now = func() time.Time { return on[0].End.Time().AddDate(0, 0, -20).Add(10 * time.Hour) }
	d.u.reload()
	rs := d.remindersOf()
	kinds := map[string]bool{}
	var end dispatch.Reminder
	for _, r := range rs {
		kinds[r.Kind] = true
		if r.Kind == model.RemindPlacementEnd && r.Key == on[0].No {
			end = r
		}
	}
	for _, k := range []string{model.RemindPlacementEnd, model.RemindLogsOverdue} {
		if !kinds[k] {
			t.Errorf("no %s reminder", k)
		}
	}
	texts := d.texts()
	if !strings.Contains(texts, "提醒\n") || !strings.Contains(texts, "选派期满  ") {
		t.Fatalf("the home screen shows no reminders:\n%s", texts)
	}
	// 20 days before the end the placement is in the 30-day band; 5 days
	// before, in the 7-day band; and on its last day it is due.
	if end.Key == "" || end.Band != 30 {
		t.Fatalf("the placement's end: %+v", end)
	}
	line := func() string {
		for _, l := range strings.Split(d.texts(), "\n") {
			if strings.Contains(l, end.Key) && strings.Contains(l, end.Due.String()) {
				return l
			}
		}
		return ""
	}
	if l := line(); !strings.HasPrefix(l, "[30 天内]") {
		t.Fatalf("at first: %q", l)
	}
	d.svc.Now = func() time.Time { return end.Due.Time().AddDate(0, 0, -5).Add(10 * time.Hour) }
	d.u.reload()
	if l := line(); !strings.HasPrefix(l, "[7 天内]") || !strings.Contains(l, "还有 5 天") {
		t.Fatalf("5 days before: %q", l)
	}
	d.svc.Now = func() time.Time { return end.Due.Time().Add(10 * time.Hour) }
	d.u.reload()
	if l := line(); !strings.HasPrefix(l, "[已到期]") || !strings.Contains(l, "今天到期") {
		t.Fatalf("on the day: %q", l)
	}

	// The reminder opens its placement, picked in the placements tab with its
	// detail beside it, whatever filter the list had.
	d.open("ui.tab_placements")
	d.u.screens.placements.list.status.SetSelected("草稿")
	d.open("ui.tab_home")
	d.u.screens.home.openReminder(end)
	if d.u.tabs.Selected().Text != "选派" {
		t.Fatalf("the reminder opened %q", d.u.tabs.Selected().Text)
	}
	if !strings.Contains(d.texts(), end.Key+"  ") {
		t.Fatalf("the placement %s is not shown", end.Key)
	}

	// A dual appointment's reminder opens the appointment.
	d.svc.Now = func() time.Time { return today }
	for _, r := range d.remindersOf() {
		if r.Kind == model.RemindAppointmentEnd {
			d.u.screens.home.openReminder(r)
			if d.u.tabs.Selected().Text != "双聘双挂" || !strings.Contains(d.texts(), r.Name+"  ") {
				t.Fatalf("the appointment %s (%s) is not shown", r.Key, r.Name)
			}
			break
		}
	}
}

func TestPlatformHRAndStudentsSeeTheirReminders(t *testing.T) {
	d := newDesk(t)
	// An account for a student on site (the sample's student1 and student2
	// have finished).
	admin, err := d.svc.Login("admin", "admin-密码-123")
	if err != nil {
		t.Fatal(err)
	}
	on, _ := d.svc.Placements(admin, dispatch.PlacementFilter{Status: model.Arrived})
	if _, err := d.svc.AddUser(admin, dispatch.NewUser{Name: "onsite1", Role: model.StudentRole, University: on[0].StudentUniversity,
		StudentNumber: on[0].StudentNumber, Password: "demo1234"}); err != nil {
		t.Fatal(err)
	}
	d.login("hr1", "demo1234")
	own := d.u.sess.User().Platform
	if d.u.tabs.Selected().Text != "工作台" {
		t.Fatalf("HR opens on %q", d.u.tabs.Selected().Text)
	}
	// The clock stands 10 days before the end of one of HR's placements.
	on, _ = d.svc.Placements(d.u.sess, dispatch.PlacementFilter{Status: model.Arrived})
	if len(on) == 0 {
		t.Fatal("HR has no placement on site in the sample data")
	}
	d.svc.Now = func() time.Time { return on[0].End.Time().AddDate(0, 0, -10).Add(10 * time.Hour) }
	d.u.reload()
	rs := d.remindersOf()
	if len(rs) == 0 {
		t.Fatal("HR has no reminders in the sample data")
	}
	for _, r := range rs {
		if r.Platform != own {
			t.Fatalf("HR of %s is reminded of %s at %s", own, r.Key, r.Platform)
		}
	}
	if !strings.Contains(d.texts(), "提醒\n") {
		t.Fatal("HR's home shows no reminders")
	}
	d.u.screens.home.openReminder(rs[0])
	if !strings.Contains(d.texts(), rs[0].Key+"  ") {
		t.Fatalf("HR's reminder did not open %s", rs[0].Key)
	}
	d.u.logout()
	d.svc.Now = func() time.Time { return today }

	d.login("onsite1", "demo1234")
	mine, _ := d.svc.Placements(d.u.sess, dispatch.PlacementFilter{})
	if len(mine) == 0 {
		t.Fatal("the student has no placement in the sample data")
	}
	d.svc.Now = func() time.Time { return mine[0].End.Time().AddDate(0, 0, -10).Add(10 * time.Hour) }
	d.u.reload()
	rs = d.remindersOf()
	if len(rs) == 0 {
		t.Fatalf("the student has nothing due 10 days before %s ends", mine[0].No)
	}
	if !strings.Contains(d.texts(), "提醒\n") {
		t.Fatal("the student's screen shows no reminders")
	}
	d.u.screens.mine.openOwnReminder(rs[0], func() {})
	if !strings.Contains(overlayText(d), rs[0].Key+"  ") {
		t.Fatalf("the student's reminder did not open %s: %q", rs[0].Key, overlayText(d))
	}
	d.esc()
	d.closed("after Esc on the student's placement")
}

// placementWhere is the first placement of the sample data that ok accepts.
func (d *desk) placementWhere(what string, ok func(model.Placement) bool) model.Placement {
	d.t.Helper()
	ps, err := d.svc.Placements(d.u.sess, dispatch.PlacementFilter{})
	if err != nil {
		d.t.Fatal(err)
	}
	for _, p := range ps {
		if ok(p) {
			full, err := d.svc.Placement(d.u.sess, p.No)
			if err != nil {
				d.t.Fatal(err)
			}
			return full
		}
	}
	d.t.Fatalf("the sample data has no placement %s", what)
	return model.Placement{}
}

// fill types into a form's text fields in order ("" leaves one as it is) and
// picks its drop-downs.
func fill(f *form, texts []string, choices ...string) {
	es, ss := formFields(f)
	for i, t := range texts {
		if t != "" {
			es[i].SetText(t)
		}
	}
	for i, c := range choices {
		ss[i].SetSelected(c)
	}
}

func TestOnSiteFormsSaveCancelAndEsc(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.open("ui.tab_placements")
	s := d.u.screens.placements
	now := model.DateOf(today)
	arrived := func(p model.Placement) bool { return p.Status == model.Arrived }
	var marksP string
	cases := []struct {
		name  string
		which func(model.Placement) bool
		open  func(p model.Placement, done func())
		fill  func(f *form, p model.Placement)
		saved func(p model.Placement) bool
	}{
		{"attendance", func(p model.Placement) bool { return arrived(p) && !p.Start.After(now.AddDate(0, 0, -25)) },
			s.attendanceForm,
			func(f *form, p model.Placement) { fill(f, []string{"2026-11", "18", "1", "1"}) },
			func(p model.Placement) bool {
				a, ok := p.AttendanceOf("2026-11")
				return ok && a.Present == 18 && a.Absent == 1
			}},
		{"override", func(p model.Placement) bool { return arrived(p) && p.OverOneThird() && p.AbsenceOverride == "" },
			s.overrideForm,
			func(f *form, p model.Placement) { fill(f, []string{"因病住院，有医院证明"}) },
			func(p model.Placement) bool { return p.AbsenceOverride == "因病住院，有医院证明" }},
		{"leave", func(p model.Placement) bool {
			return arrived(p) && len(p.Leaves) == 0 && p.End.After(now.AddDate(0, 0, 5))
		},
			s.leaveForm,
			func(f *form, p model.Placement) {
				fill(f, []string{now.AddDate(0, 0, 2).String(), now.AddDate(0, 0, 3).String(), "参加学术会议"})
			},
			func(p model.Placement) bool { return len(p.Leaves) == 1 && p.Leaves[0].Status == model.LeavePending }},
		{"approve leave", func(p model.Placement) bool {
			return arrived(p) && len(p.Leaves) > 0 && p.Leaves[len(p.Leaves)-1].Status == model.LeavePending
		},
			func(p model.Placement, done func()) { s.leaveDecisionForm(p, p.Leaves[len(p.Leaves)-1], true, done) },
			func(f *form, p model.Placement) { fill(f, []string{"同意"}) },
			func(p model.Placement) bool { return p.Leaves[len(p.Leaves)-1].Status == model.LeaveApproved }},
		{"refuse leave", func(p model.Placement) bool {
			return arrived(p) && len(p.Leaves) > 0 && p.Leaves[len(p.Leaves)-1].Status == model.LeavePending
		},
			func(p model.Placement, done func()) { s.leaveDecisionForm(p, p.Leaves[len(p.Leaves)-1], false, done) },
			func(f *form, p model.Placement) { fill(f, []string{"项目节点，暂不同意"}) },
			func(p model.Placement) bool { return p.Leaves[len(p.Leaves)-1].Status == model.LeaveRefused }},
		{"log", func(p model.Placement) bool { st, ok := s.logStat(p); return arrived(p) && ok && len(st.Gaps) > 0 },
			s.logForm,
			func(f *form, p model.Placement) { fill(f, []string{"", "本周完成数据采集与初步分析。"}) },
			func(p model.Placement) bool {
				return len(p.Logs) > 0 && p.Logs[len(p.Logs)-1].Text == "本周完成数据采集与初步分析。"
			}},
		{"read log", func(p model.Placement) bool {
			return arrived(p) && len(p.Logs) > 0 && p.Logs[len(p.Logs)-1].UniRead == nil
		},
			func(p model.Placement, done func()) { s.readLogForm(p, p.Logs[len(p.Logs)-1], done) },
			func(f *form, p model.Placement) { fill(f, []string{"内容翔实"}) },
			func(p model.Placement) bool {
				r := p.Logs[len(p.Logs)-1].UniRead
				return r != nil && r.Comment == "内容翔实"
			}},
		{"midterm", func(p model.Placement) bool { return arrived(p) && p.Midterm == nil && !p.Halfway().After(now) },
			s.midtermForm,
			func(f *form, p model.Placement) {
				fill(f, []string{"", "完成文献综述与实验方案", "样本不足", "进展良好", "按计划推进"}, "合格")
			},
			func(p model.Placement) bool { return p.Midterm != nil && p.Midterm.Result == "pass" }},
		{"marks", func(p model.Placement) bool { return arrived(p) && p.Marks == nil && !p.FailsOnAbsence() },
			func(p model.Placement, done func()) { marksP = p.No; s.marksForm(p, done) },
			func(f *form, p model.Placement) { fill(f, []string{"88", "92", ""}) },
			func(p model.Placement) bool {
				return p.Marks != nil && *p.Marks.Platform == 92 && p.Marks.Defence == nil
			}},
		{"assess", func(p model.Placement) bool { return p.No == marksP },
			func(p model.Placement, done func()) { s.assessForm(p, s.weightsOf(p), done) },
			func(f *form, p model.Placement) { fill(f, []string{"", "", "85"}) },
			func(p model.Placement) bool {
				return p.Status == model.Completed && p.Marks.Grade == "good" && p.Assessment == "good"
			}},
		{"return", func(p model.Placement) bool {
			return model.IsOpen(p.Status) && !p.ApprovedOn().IsZero() && p.Returned == nil
		},
			s.returnForm,
			func(f *form, p model.Placement) { fill(f, []string{"", "2", "王老师"}) },
			func(p model.Placement) bool { return p.Returned != nil && p.Returned.ReceivedBy == "王老师" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d.t = t
			p := d.placementWhere(c.name, c.which)
			done := 0
			// Cancel and Esc change nothing.
			c.open(p, func() { done++ })
			d.tap("取消")
			d.closed("after Cancel")
			c.open(p, func() { done++ })
			d.esc()
			d.closed("after Esc")
			if after, _ := d.svc.Placement(d.u.sess, p.No); after.Rev != p.Rev || done != 0 {
				t.Fatalf("Cancel or Esc changed the placement (rev %d → %d) or ran done %d", p.Rev, after.Rev, done)
			}
			// Save.
			c.open(p, func() { done++ })
			c.fill(d.u.lastForm, p)
			d.tap("保存")
			if d.u.top() == d.u.lastForm.d {
				t.Fatalf("the form stayed open: %q %v", d.u.lastForm.top.Text, errsOf(d.u.lastForm))
			}
			// A warning (the absence rule) may stay to be read.
			for d.u.top() != nil {
				d.tap("确定")
			}
			d.closed("after saving")
			after, _ := d.svc.Placement(d.u.sess, p.No)
			if done != 1 || !c.saved(after) {
				t.Fatalf("not saved as asked (done %d): %+v", done, after)
			}
			if d.u.lastNotice == "" || d.u.lastNotice == "已保存" {
				t.Errorf("the foot line says %q", d.u.lastNotice)
			}
		})
	}
	d.t = t
	// The screen is used afterwards: a placement picked shows its on-site
	// section, and a form opened from it is refused on a stale view.
	p := d.placementWhere("on site", func(p model.Placement) bool { return arrived(p) && len(p.Attendance) > 0 })
	d.u.screens.placements.list.reveal(p.No, p.No)
	texts := d.texts()
	for _, want := range []string{"在岗管理", "· 考勤", "· 请假", "· 工作日志", "· 中期检查", "· 考核评定", "登记考勤…", "打印安全承诺书"} {
		if !strings.Contains(texts, want+"\n") {
			t.Errorf("the detail lacks %q", want)
		}
	}
	s.attendanceForm(p, nil)
	f := d.u.lastForm
	if _, err := d.svc.SetAttendance(d.u.sess, p.No, dispatch.AttendanceInput{Month: p.Attendance[0].Month, Present: 20}); err != nil {
		t.Fatal(err)
	}
	fill(f, []string{p.Attendance[0].Month, "19", "1", "0"})
	d.tap("保存")
	if d.u.top() != f.d || !strings.Contains(f.top.Text, "其他人修改过") {
		t.Fatalf("a stale view was not refused: %q", f.top.Text)
	}
	d.esc()
	d.closed("after Esc on the refused form")
}

// errsOf is what a form says beside its fields.
func errsOf(f *form) map[string]string {
	out := map[string]string{}
	for k, t := range f.errs {
		if t.Text != "" {
			out[k] = t.Text
		}
	}
	return out
}

func TestPledgeAndMidtermFormPrintThroughTheSaveDialog(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	dir := t.TempDir()
	d.u.lastDir = dir
	p := d.placementWhere("on site", func(p model.Placement) bool { return p.Status == model.Arrived })
	s := d.u.screens.placements
	for _, c := range []struct {
		name  string
		print func(string)
	}{{"承诺书.pdf", s.printPledge}, {"中期.pdf", s.printMidterm}} {
		c.print(p.No)
		d.saveAs(dir, c.name)
		d.closed("after saving " + c.name)
		b, err := os.ReadFile(filepath.Join(dir, c.name))
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
			t.Fatalf("%s not written: %v", c.name, err)
		}
		// Cancel in the save dialog writes nothing.
		c.print(p.No)
		d.tap("取消")
		d.closed("after cancelling " + c.name)
	}
}

func TestAllowanceListAndUniversitySettingsFromTheDataTab(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.open("ui.tab_data")
	dir := t.TempDir()
	d.u.lastDir = dir
	s := d.u.screens.data
	p := d.placementWhere("with attendance", func(p model.Placement) bool { return len(p.Attendance) > 0 })
	month := p.Attendance[0].Month

	// Cancel and Esc write nothing.
	s.allowanceForm()
	d.tap("取消")
	d.closed("after Cancel")
	s.allowanceForm()
	d.esc()
	d.closed("after Esc")

	// Both a platform and a university: refused beside the university.
	s.allowanceForm()
	f := d.u.lastForm
	_, sel := formFields(f)
	fill(f, []string{month})
	sel[0].SetSelected(p.Platform)
	sel[1].SetSelected(p.StudentUniversity)
	d.tap("保存")
	if f.errs["university"].Text == "" || d.u.top() != f.d {
		t.Fatalf("two scopes were not refused: %v", errsOf(f))
	}
	// A platform's list as a PDF, then the whole scope's as .xlsx.
	sel[1].SetSelected(sel[1].Options[0])
	d.tap("保存")
	d.saveAs(dir, "补助.pdf")
	d.closed("after saving the PDF")
	for _, c := range []struct {
		format, name, magic string
	}{{"", "补助.pdf", "%PDF"}, {asXLSX, "补助.xlsx", "PK"}} {
		if c.format != "" {
			s.allowanceForm()
			f := d.u.lastForm
			fill(f, []string{month}, "", "", c.format)
			d.tap("保存")
			d.saveAs(dir, c.name)
			d.closed("after saving " + c.name)
		}
		b, err := os.ReadFile(filepath.Join(dir, c.name))
		if err != nil || !bytes.HasPrefix(b, []byte(c.magic)) {
			t.Fatalf("%s not written: %v", c.name, err)
		}
	}
	if !strings.Contains(d.u.lastNotice, month) {
		t.Errorf("the foot line says %q", d.u.lastNotice)
	}

	// Weights: a total other than 100 is refused; 40/20/40 is saved.
	uni := p.StudentUniversity
	for _, open := range []func(){s.weightsForm, s.cadenceForm} {
		open()
		d.tap("取消")
		d.closed("after Cancel")
		open()
		d.esc()
		d.closed("after Esc")
	}
	s.weightsForm()
	f = d.u.lastForm
	fill(f, nil, uni) // choosing it shows its weights: type after
	fill(f, []string{"40", "40", "40"})
	d.tap("保存")
	if !strings.Contains(f.errs["university_weight"].Text, "120") {
		t.Fatalf("a total of 120 was not refused: %v %q", errsOf(f), f.top.Text)
	}
	fill(f, []string{"40", "20", "40"})
	d.tap("保存")
	d.closed("after saving the weights")
	if w := d.u.universityOf(uni).AssessWeights(); w != (model.Weights{University: 40, Platform: 20, Defence: 40}) {
		t.Fatalf("weights %+v", w)
	}
	// Choosing the university again shows its weights.
	s.weightsForm()
	fill(d.u.lastForm, nil, uni)
	if es, _ := formFields(d.u.lastForm); es[1].Text != "20" {
		t.Fatalf("the form shows %q for the platform weight", es[1].Text)
	}
	d.esc()

	s.cadenceForm()
	fill(d.u.lastForm, nil, uni, "每月")
	d.tap("保存")
	d.closed("after saving the cadence")
	if c := d.u.universityOf(uni).LogCadenceOf(); c != model.Monthly {
		t.Fatalf("cadence %q", c)
	}
	// The tab is used afterwards.
	s.allowanceForm()
	if d.u.top() == nil {
		t.Fatal("no form opened")
	}
	d.esc()
	d.closed("the last form after Esc")
}

// TestOlderUnreadLogsStayReachable: a placement's detail lists its latest 12
// logs and every older one the clerk has still to read, each with 标记已阅,
// so no log that needs marking is out of reach.
func TestOlderUnreadLogsStayReachable(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	d.open("ui.tab_placements")
	s := d.u.screens.placements
	p := d.placementWhere("on site with over 12 logs", func(p model.Placement) bool {
		return len(p.Logs) > logsShown && model.IsOpen(p.Status)
	})
	// As the detail would get it: every log read by the university side
	// but the oldest.
	full := p
	full.Logs = append([]model.LogEntry(nil), p.Logs...)
	for i := range full.Logs {
		full.Logs[i].UniRead = &model.LogRead{By: "admin"}
	}
	full.Logs[0].UniRead = nil
	old := full.Logs[0]
	var lines, marks int
	for _, o := range s.onsiteBox(full, func() {}) {
		d.walk(o, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *widget.Label:
				if strings.Contains(x.Text, old.Period) {
					lines++
				}
			case *widget.Button:
				if x.Text == "标记已阅…" {
					marks++
				}
			}
		})
	}
	if lines == 0 || marks != 1 {
		t.Fatalf("the oldest, unread log: %d lines name its period, %d 标记已阅 buttons; want it shown with one", lines, marks)
	}
}
