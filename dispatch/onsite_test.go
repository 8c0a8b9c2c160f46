package dispatch

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"secondment/i18n"
	"secondment/model"
)

// at sets the fixture's clock to 10:00 on a day.
func (f *fixture) at(day string) { f.now = model.MustDate(day).Time().Add(10 * time.Hour) }

func (f *fixture) attendance(sess *Session, no, month string, present, absent, leave int) model.Placement {
	f.t.Helper()
	p, err := f.s.SetAttendance(sess, no, AttendanceInput{Month: month, Present: present, Absent: absent, Leave: leave})
	if err != nil {
		f.t.Fatalf("attendance %s: %v", month, err)
	}
	return p
}

// TestAllowanceDeduction: the daily rate is the allowance over the days
// recorded; two days of leave a month are paid, absences and further leave are
// deducted, rounded to the yuan.
func TestAllowanceDeduction(t *testing.T) {
	f := newFixture(t)
	p := f.place(wzu, "WZU2025001", platA, model.Arrived) // 2,000 yuan a month
	for _, c := range []struct {
		name                   string
		present, absent, leave int
		deduction              int
		rate                   string
	}{
		{"full month", 22, 0, 0, 0, "90.91"},
		{"two days absent", 20, 2, 0, 182, "90.91"},    // 2000 - 2000×20/22 = 181.8
		{"three days of leave", 19, 0, 3, 91, "90.91"}, // one day beyond the two paid
		{"two days of leave", 20, 0, 2, 0, "90.91"},    // within what is allowed
		{"leave and absence", 15, 2, 4, 381, "95.24"},  // 21 days, 17 payable: 2000×4/21 = 380.95
		{"a short month", 10, 0, 0, 0, "200.00"},       // the days recorded make the month
		{"absent all month", 0, 20, 0, 2000, "100.00"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := f.attendance(f.hrA, p.No, "2026-10", c.present, c.absent, c.leave)
			a, ok := got.AttendanceOf("2026-10")
			if !ok || len(got.Attendance) != 1 {
				t.Fatalf("attendance kept: %+v", got.Attendance)
			}
			pay := a.Pay(got.Allowance)
			if pay.Deduction != c.deduction || pay.Amount != 2000-c.deduction {
				t.Errorf("deduction %d, amount %d; want %d", pay.Deduction, pay.Amount, c.deduction)
			}
			if r := fmt.Sprintf("%.2f", pay.DailyRate); r != c.rate {
				t.Errorf("daily rate %v; want %s", pay.DailyRate, c.rate)
			}
			l, err := f.s.AllowanceList(f.admin, "2026-10", platA, "")
			if err != nil || len(l.Rows) != 1 || l.Deduction != c.deduction || l.Amount != 2000-c.deduction {
				t.Errorf("allowance list: %+v, %v", l, err)
			}
		})
	}
	// Refused input: a month outside the period, not begun, more days than it has.
	for name, in := range map[string]AttendanceInput{
		"before the period": {Month: "2026-02", Present: 20},
		"not begun":         {Month: "2026-12", Present: 20},
		"too many days":     {Month: "2026-09", Present: 31},
		"no days":           {Month: "2026-09"},
		"negative":          {Month: "2026-09", Present: 20, Absent: -1},
		"not a month":       {Month: "2026-13", Present: 20},
	} {
		if _, err := f.s.SetAttendance(f.admin, p.No, in); model.ErrorCode(err) != model.EInvalid {
			t.Errorf("%s: %v", name, err)
		}
	}
	// The list shows students on site without attendance, unpaid.
	l, err := f.s.AllowanceList(f.admin, "2026-09", "", "")
	if err != nil || len(l.Rows) != 1 || l.Rows[0].Recorded || l.Unrecorded != 1 || l.Amount != 0 {
		t.Fatalf("a month without attendance: %+v, %v", l, err)
	}
	if _, err := f.s.AllowanceList(f.hrB, "2026-10", platA, ""); model.ErrorCode(err) != model.EForbidden {
		t.Errorf("HR lists another platform's allowances: %v", err)
	}
	if _, err := f.s.AllowanceList(f.stu, "2026-10", "", ""); model.ErrorCode(err) != model.EForbidden {
		t.Errorf("a student lists allowances: %v", err)
	}
}

// TestOneThirdRule: away (absent or on leave) more than a third of the
// recorded days fails the placement whatever the marks, unless the office
// overrides the rule with a reason, which is audited.
func TestOneThirdRule(t *testing.T) {
	f := newFixture(t)
	p := f.place(wzu, "WZU2025001", platA, model.Arrived)
	f.attendance(f.hrA, p.No, "2026-09", 14, 4, 4)     // 8 of 22 away: over a third (7.33)
	p = f.attendance(f.hrA, p.No, "2026-10", 15, 4, 3) // 15 of 44: still over (14.67)
	if !p.OverOneThird() {
		t.Fatal("15 of 44 away is over a third")
	}
	p = f.attendance(f.hrA, p.No, "2026-11", 1, 0, 0)
	if off, total := p.AbsenceShare(); off != 15 || total != 45 || p.OverOneThird() {
		t.Fatalf("15 of 45 away (a third exactly) is not over: %d/%d %v", off, total, p.OverOneThird())
	}
	p = f.attendance(f.hrA, p.No, "2026-11", 10, 6, 0) // corrected: 21 of 60, over
	if !p.OverOneThird() || len(p.Attendance) != 3 {
		t.Fatal("21 of 60 away is over a third")
	}
	// HR's completion with a passing grade is refused; the office's assessment fails it.
	_, _, err := f.s.Step(f.hrA, p.No, model.Completed, model.StepInput{Assessment: "良好"})
	wantKey(t, err, "assessment.absence_fail")
	marks := MarksInput{University: ptr(95), Platform: ptr(95), Defence: ptr(95)}
	// Overriding is the office's, with a reason.
	_, err = f.s.OverrideAbsence(f.hrA, p.No, "因病住院，有医院证明", 0)
	wantCode(t, err, model.EForbidden)
	_, err = f.s.OverrideAbsence(f.admin, p.No, "  ", 0)
	wantCode(t, err, model.EInvalid)

	other := f.place(wmu, "WMU2025001", platB, model.Arrived)
	f.attendance(f.admin, other.No, "2026-10", 10, 8, 0)
	failed, err := f.s.Assess(f.admin, other.No, AssessInput{MarksInput: marks})
	if err != nil {
		t.Fatal(err)
	}
	if failed.Status != model.Completed || failed.Assessment != "fail" || failed.Marks.Grade != "excellent" || !failed.Marks.AbsenceFail {
		t.Fatalf("over a third, not overridden: %s %+v", failed.Assessment, failed.Marks)
	}

	over, err := f.s.OverrideAbsence(f.admin, p.No, "因病住院，有医院证明", p.Rev)
	if err != nil {
		t.Fatal(err)
	}
	if es, _ := f.s.AuditLog(f.admin, "placement.absence_override", 10); len(es) != 1 || !strings.Contains(string(es[0].After), "因病住院") {
		t.Fatalf("the override is not audited: %+v", es)
	}
	marks.Rev = over.Rev
	done, err := f.s.Assess(f.admin, p.No, AssessInput{MarksInput: marks})
	if err != nil {
		t.Fatal(err)
	}
	if done.Assessment != "excellent" || done.Marks.AbsenceFail {
		t.Fatalf("overridden: %s %+v", done.Assessment, done.Marks)
	}
	// Not over a third: nothing to override.
	third := f.place(wzu, "WZU2025002", platC, model.Arrived)
	f.attendance(f.admin, third.No, "2026-10", 14, 7, 0) // exactly a third
	_, err = f.s.OverrideAbsence(f.admin, third.No, "无", 0)
	wantKey(t, err, "absence.not_over")
}

// TestWeightedResult: the three marks weighted by the student's university
// (30/30/40 by default) give the grade, at its boundaries.
func TestWeightedResult(t *testing.T) {
	f := newFixture(t)
	f.must1(f.s.SetQuota(f.admin, QuotaInput{Platform: platA, Year: 2026, Category: "graduate", Total: 30, Reason: "测试"}))
	for _, c := range []struct {
		name        string
		uni         string
		u, p, d     int
		score       float64
		grade       string
		weightsHint string
	}{
		{"90 exactly", wzu, 90, 90, 90, 90, "excellent", ""},
		{"just under 90", wzu, 90, 90, 89, 89.6, "good", ""},
		{"80 exactly", wzu, 70, 90, 80, 80, "good", ""},
		{"just under 80", wzu, 80, 79, 80, 79.7, "pass", ""},
		{"60 exactly", wzu, 60, 60, 60, 60, "pass", ""},
		{"just under 60", wzu, 59, 60, 60, 59.7, "fail", ""},
		{"zero", wzu, 0, 0, 0, 0, "fail", ""},
		{"the university's own weights", wmu, 100, 80, 0, 90, "excellent", "50/50/0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			number := "WZU2025001"
			if c.uni == wmu {
				number = "WMU2025001"
				if _, err := f.s.SetAssessmentWeights(f.admin, wmu, model.Weights{University: 50, Platform: 50, Defence: 0}); err != nil {
					t.Fatal(err)
				}
			}
			p := f.place(c.uni, number, platA, model.Arrived)
			// HR gives the platform mark; the office the others, and assesses.
			if _, err := f.s.RecordMarks(f.hrA, p.No, MarksInput{Platform: ptr(c.p)}); err != nil {
				t.Fatal(err)
			}
			_, err := f.s.Assess(f.admin, p.No, AssessInput{MarksInput: MarksInput{University: ptr(c.u)}})
			wantKey(t, err, "assessment.marks_missing")
			got, err := f.s.Assess(f.admin, p.No, AssessInput{MarksInput: MarksInput{University: ptr(c.u), Defence: ptr(c.d)}})
			if err != nil {
				t.Fatal(err)
			}
			if got.Marks.Score != c.score || got.Marks.Grade != c.grade || got.Assessment != c.grade || got.Status != model.Completed {
				t.Errorf("score %v grade %s assessment %s status %s; want %v %s", got.Marks.Score, got.Marks.Grade,
					got.Assessment, got.Status, c.score, c.grade)
			}
		})
	}
	// A wzu placement assessed now still uses the default weights.
	if u, _ := f.s.Universities(f.admin); len(u) == 0 {
		t.Fatal("no universities")
	}
	for name, w := range map[string]model.Weights{"not 100": {University: 30, Platform: 30, Defence: 30}, "negative": {University: -10, Platform: 60, Defence: 50}} {
		if _, err := f.s.SetAssessmentWeights(f.admin, wzu, w); model.ErrorCode(err) != model.EInvalid {
			t.Errorf("weights %s: %v", name, err)
		}
	}
	if _, err := f.s.SetAssessmentWeights(f.wzuOff, wmu, model.DefaultWeights); model.ErrorCode(err) != model.EForbidden {
		t.Errorf("an office sets another university's weights: %v", err)
	}
	// Marks outside 0–100, and HR giving another supervisor's mark, are refused.
	p := f.place(wzu, "WZU2025002", platA, model.Arrived)
	_, err := f.s.RecordMarks(f.admin, p.No, MarksInput{Defence: ptr(101)})
	wantCode(t, err, model.EInvalid)
	_, err = f.s.RecordMarks(f.hrA, p.No, MarksInput{Defence: ptr(80)})
	wantCode(t, err, model.EForbidden)
	_, err = f.s.Assess(f.hrA, p.No, AssessInput{})
	wantCode(t, err, model.EForbidden)
}

// TestReminders: each reminder appears 30 days before its date, with the band
// it is in (30, 15, 7), and only for those whose record it is.
func TestReminders(t *testing.T) {
	f := newFixture(t)
	p := f.place(wzu, "WZU2025001", platA, model.Arrived) // ends 2026-12-31
	other := f.place(wmu, "WMU2025001", platB, model.Arrived)
	if _, err := f.s.RecordMidterm(f.admin, p.No, model.Midterm{Progress: "按计划推进", Problems: "无", UniOpinion: "同意",
		PlatformOpinion: "同意", Result: "合格"}, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddAppointment(f.admin, model.Appointment{Name: "陈教授", Kind: "双聘", University: wzu, UniPost: "教授",
		Platform: platA, PlatformPost: "首席科学家", Start: model.MustDate("2025-01-01"), End: model.MustDate("2026-12-20"),
		Share: 30, Status: model.AppointmentActive}); err != nil {
		t.Fatal(err)
	}
	find := func(sess *Session, kind, key string) (Reminder, bool) {
		t.Helper()
		rs, err := f.s.Reminders(sess)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.Kind == kind && r.Key == key {
				return r, true
			}
		}
		return Reminder{}, false
	}
	for _, c := range []struct {
		day  string
		left int
		band int // -1: not shown
	}{
		{"2026-11-30", 31, -1}, {"2026-12-01", 30, 30}, {"2026-12-15", 16, 30}, {"2026-12-16", 15, 15},
		{"2026-12-23", 8, 15}, {"2026-12-24", 7, 7}, {"2026-12-30", 1, 7}, {"2026-12-31", 0, 0},
	} {
		f.at(c.day)
		for _, kind := range []string{model.RemindPlacementEnd, model.RemindInsuranceEnd} {
			r, ok := find(f.admin, kind, p.No)
			switch {
			case c.band < 0 && ok:
				t.Errorf("%s, %s: shown %d days before", c.day, kind, r.DaysLeft)
			case c.band >= 0 && (!ok || r.Band != c.band || r.DaysLeft != c.left):
				t.Errorf("%s, %s: %+v (shown %v); want band %d, %d days left", c.day, kind, r, ok, c.band, c.left)
			}
		}
	}
	f.at("2026-12-13")
	if r, ok := find(f.admin, model.RemindAppointmentEnd, "1"); !ok || r.Band != 7 || r.Name != "陈教授" {
		t.Errorf("appointment ending in 7 days: %+v %v", r, ok)
	}
	if _, ok := find(f.hrB, model.RemindAppointmentEnd, "1"); ok {
		t.Error("HR of another platform is reminded of the appointment")
	}
	// Scope: the office sees both placements; HR its platform's; the student
	// their own; the bureau nothing.
	for _, c := range []struct {
		who  string
		sess *Session
		own  bool
		oth  bool
	}{{"office", f.admin, true, true}, {"HR A", f.hrA, true, false}, {"HR B", f.hrB, false, true},
		{"student", f.stu, true, false}, {"bureau", f.bureau, false, false}} {
		_, own := find(c.sess, model.RemindPlacementEnd, p.No)
		_, oth := find(c.sess, model.RemindPlacementEnd, other.No)
		if own != c.own || oth != c.oth {
			t.Errorf("%s: reminded of own %v, other %v; want %v %v", c.who, own, oth, c.own, c.oth)
		}
	}
	// The mid-term check is due at the halfway point until recorded.
	if r, ok := find(f.admin, model.RemindMidtermDue, other.No); !ok || r.Band != 0 || r.Due != other.Halfway() {
		t.Errorf("mid-term overdue: %+v %v", r, ok)
	}
	if _, ok := find(f.admin, model.RemindMidtermDue, p.No); ok {
		t.Error("a recorded mid-term check is still due")
	}
	// No log for the last full week: overdue, naming the week.
	if r, ok := find(f.stu, model.RemindLogsOverdue, p.No); !ok || r.Detail != "2026-W49" {
		t.Errorf("logs overdue: %+v %v", r, ok)
	}
	if _, err := f.s.AddLog(f.stu, p.No, LogInput{Period: "2026-W49", Text: "完成样品表征"}); err != nil {
		t.Fatal(err)
	}
	if _, ok := find(f.stu, model.RemindLogsOverdue, p.No); ok {
		t.Error("a written log is still overdue")
	}
}

// TestAgreementReturnDue: an approved agreement not returned is a to-do from
// the 15th day after approval until its return is recorded.
func TestAgreementReturnDue(t *testing.T) {
	f := newFixture(t)
	f.at("2026-02-01")
	p := f.place(wzu, "WZU2025001", platA, model.Approved) // approved 2026-02-01
	due := func() bool {
		t.Helper()
		rs, err := f.s.Reminders(f.admin)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.Kind == model.RemindAgreementReturn && r.Key == p.No {
				if r.Due != model.MustDate("2026-02-16") || r.Band != 0 {
					t.Errorf("return reminder %+v", r)
				}
				return true
			}
		}
		return false
	}
	f.at("2026-02-15")
	if due() {
		t.Error("a to-do 14 days after approval")
	}
	f.at("2026-02-16")
	if !due() {
		t.Error("no to-do 15 days after approval")
	}
	_, err := f.s.RecordReturn(f.hrA, p.No, model.AgreementReturn{On: model.MustDate("2026-02-16")}, 0)
	wantCode(t, err, model.EForbidden)
	_, err = f.s.RecordReturn(f.admin, p.No, model.AgreementReturn{On: model.MustDate("2026-01-20")}, 0)
	wantCode(t, err, model.EInvalid)
	got, err := f.s.RecordReturn(f.admin, p.No, model.AgreementReturn{On: model.MustDate("2026-02-16")}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got.Returned.Copies != 1 || got.Returned.ReceivedBy != "admin" {
		t.Errorf("defaults: %+v", got.Returned)
	}
	if due() {
		t.Error("a returned agreement is still a to-do")
	}
	draft := f.place(wzu, "WZU2025002", platA, model.Draft)
	_, err = f.s.RecordReturn(f.admin, draft.No, model.AgreementReturn{On: model.MustDate("2026-02-16")}, 0)
	wantKey(t, err, "return.not_approved")
}

// TestOnSiteRoles: a student logs and asks leave for themself only; HR acts on
// its own platform only (another's placements answer as missing); the
// bureau does nothing.
func TestOnSiteRoles(t *testing.T) {
	f := newFixture(t)
	p := f.place(wzu, "WZU2025001", platA, model.Arrived)
	other := f.place(wmu, "WMU2025001", platB, model.Arrived)
	leave := LeaveInput{From: model.MustDate("2026-11-26"), To: model.MustDate("2026-11-28"), Reason: "返校参加学术会议"}
	log := LogInput{Period: "2026-W47", Text: "本周完成了第二批样品的制备。"}

	mine, err := f.s.RequestLeave(f.stu, p.No, leave)
	if err != nil {
		t.Fatal(err)
	}
	if l := mine.Leaves[0]; l.ID != 1 || l.Status != model.LeavePending || l.RequestedBy != "stu_zs" || l.Days() != 3 {
		t.Fatalf("leave: %+v", l)
	}
	if _, err := f.s.AddLog(f.stu, p.No, log); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		err  error
		code string
	}{
		"a student asks leave on another's placement": {second(f.s.RequestLeave(f.stu, other.No, leave)), model.ENotFound},
		"a student logs on another's placement":       {second(f.s.AddLog(f.stu, other.No, log)), model.ENotFound},
		"a student records attendance":                {second(f.s.SetAttendance(f.stu, p.No, AttendanceInput{Month: "2026-10", Present: 20})), model.EForbidden},
		"a student approves their leave":              {second(f.s.DecideLeave(f.stu, p.No, LeaveDecision{ID: 1, Approve: true})), model.EForbidden},
		"a student reads a log":                       {second(f.s.ReadLog(f.stu, p.No, LogReadInput{ID: 1})), model.EForbidden},
		"HR asks leave":                               {second(f.s.RequestLeave(f.hrA, p.No, leave)), model.EForbidden},
		"HR writes a log":                             {second(f.s.AddLog(f.hrA, p.No, log)), model.EForbidden},
		"HR records another platform's attendance":    {second(f.s.SetAttendance(f.hrA, other.No, AttendanceInput{Month: "2026-10", Present: 20})), model.ENotFound},
		"HR decides another platform's leave":         {second(f.s.DecideLeave(f.hrB, p.No, LeaveDecision{ID: 1, Approve: true})), model.ENotFound},
		"HR reads another platform's log":             {second(f.s.ReadLog(f.hrB, p.No, LogReadInput{ID: 1})), model.ENotFound},
		"HR records the mid-term check":               {second(f.s.RecordMidterm(f.hrA, p.No, model.Midterm{}, 0)), model.EForbidden},
		"the bureau records attendance":               {second(f.s.SetAttendance(f.bureau, p.No, AttendanceInput{Month: "2026-10", Present: 20})), model.EForbidden},
		"the bureau's reminders":                      {nil, ""},
		"a second log for the week":                   {second(f.s.AddLog(f.admin, p.No, log)), model.EConflict},
		"a log for a week not begun":                  {second(f.s.AddLog(f.stu, p.No, LogInput{Period: "2026-W49", Text: "x"})), model.EInvalid},
		"a monthly period for weekly logs":            {second(f.s.AddLog(f.stu, p.No, LogInput{Period: "2026-10", Text: "x"})), model.EInvalid},
		"overlapping leave":                           {second(f.s.RequestLeave(f.stu, p.No, leave)), model.EConflict},
	} {
		if got := model.ErrorCode(c.err); got != c.code {
			t.Errorf("%s: %v (code %q; want %q)", name, c.err, got, c.code)
		}
	}
	if rs, err := f.s.Reminders(f.bureau); err != nil || len(rs) != 0 {
		t.Errorf("the bureau's reminders: %v %v", rs, err)
	}
	// HR decides its platform's leave; a decided request is not decided again.
	got, err := f.s.DecideLeave(f.hrA, p.No, LeaveDecision{ID: 1, Approve: true, Note: "同意，注意安全"})
	if err != nil || got.Leaves[0].Status != model.LeaveApproved || got.Leaves[0].DecidedBy != "hr_a" {
		t.Fatalf("approve: %+v %v", got.Leaves, err)
	}
	_, err = f.s.DecideLeave(f.admin, p.No, LeaveDecision{ID: 1})
	wantKey(t, err, "leave.decided")
	// Both supervisors read the log: the office for the university
	// supervisor, HR for the platform supervisor.
	if _, err := f.s.ReadLog(f.admin, p.No, LogReadInput{ID: 1, Comment: "进展良好"}); err != nil {
		t.Fatal(err)
	}
	if got, err = f.s.ReadLog(f.hrA, p.No, LogReadInput{ID: 1}); err != nil {
		t.Fatal(err)
	}
	if l := got.Logs[0]; l.UniRead == nil || l.UniRead.Comment != "进展良好" || l.PlatformRead == nil || l.PlatformRead.By != "hr_a" {
		t.Fatalf("readings: %+v", l)
	}
	// The audit names the acts; a refused one wrote nothing.
	for op, n := range map[string]int{"placement.leave_request": 1, "placement.leave_approve": 1, "placement.log_add": 1,
		"placement.log_read": 2, "placement.attendance": 0} {
		if es, _ := f.s.AuditLog(f.admin, op, 10); len(es) != n {
			t.Errorf("%s: %d audit entries; want %d", op, len(es), n)
		}
	}
	// A stale view cannot write.
	_, err = f.s.SetAttendance(f.hrA, p.No, AttendanceInput{Month: "2026-10", Present: 20, Rev: mine.Rev})
	wantCode(t, err, model.EConflict)
}

// TestLogStats: owed periods since arrival, gaps and the review rate, per
// placement and per platform; a university may choose monthly logs.
func TestLogStats(t *testing.T) {
	f := newFixture(t)
	f.at("2026-04-01")
	p := f.place(wzu, "WZU2025001", platA, model.Arrived) // arrived 2026-03-02 (W10)
	for _, w := range []string{"2026-W10", "2026-W11", "2026-W13"} {
		if _, err := f.s.AddLog(f.stu, p.No, LogInput{Period: w, Text: "周志 " + w}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.s.ReadLog(f.admin, p.No, LogReadInput{ID: 1}); err != nil {
		t.Fatal(err)
	}
	rep, err := f.s.LogStats(f.hrA, "")
	if err != nil || len(rep.Placements) != 1 || len(rep.Platforms) != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
	st := rep.Placements[0]
	// W10–W13 have ended by 2026-04-01 (a Wednesday of W14).
	if st.Expected != 4 || st.Written != 3 || strings.Join(st.Gaps, ",") != "2026-W12" || st.ReviewRate != 1.0/6 {
		t.Errorf("stats: %+v", st)
	}
	if pl := rep.Platforms[0]; pl.Platform != platA || pl.Gaps != 1 || pl.UniRead != 1 {
		t.Errorf("platform stats: %+v", pl)
	}
	if _, err := f.s.LogStats(f.hrA, platB); model.ErrorCode(err) != model.EForbidden {
		t.Errorf("HR's stats of another platform: %v", err)
	}
	// Monthly logs for 温州大学.
	if _, err := f.s.SetLogCadence(f.admin, wzu, "每月"); err != nil {
		t.Fatal(err)
	}
	_, err = f.s.AddLog(f.stu, p.No, LogInput{Period: "2026-W14", Text: "x"})
	wantCode(t, err, model.EInvalid)
	if msg := i18n.Message(i18n.Zh, err); !strings.Contains(msg, "2026-11") {
		t.Errorf("monthly period message: %s", msg)
	}
	if _, err := f.s.AddLog(f.stu, p.No, LogInput{Period: "2026-03", Text: "三月工作小结"}); err != nil {
		t.Fatal(err)
	}
	rep, _ = f.s.LogStats(f.admin, platA)
	if st := rep.Placements[0]; st.Cadence != model.Monthly || st.Expected != 1 || len(st.Gaps) != 0 {
		t.Errorf("monthly stats: %+v", st)
	}
}

// TestMidterm: recorded by the office at or after the halfway point.
func TestMidterm(t *testing.T) {
	f := newFixture(t)
	f.at("2026-07-30")
	p := f.place(wzu, "WZU2025001", platA, model.Arrived) // halfway 2026-07-31
	m := model.Midterm{Progress: "完成文献调研和实验方案", Problems: "设备排期紧张", UniOpinion: "同意", PlatformOpinion: "同意", Result: "需改进"}
	_, err := f.s.RecordMidterm(f.admin, p.No, m, 0)
	wantKey(t, err, "midterm.early")
	f.at("2026-07-31")
	got, err := f.s.RecordMidterm(f.admin, p.No, m, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got.Midterm.Result != "improve" || got.Midterm.On != model.MustDate("2026-07-31") {
		t.Errorf("mid-term: %+v", got.Midterm)
	}
	m.Result = "优"
	_, err = f.s.RecordMidterm(f.admin, p.No, m, 0)
	wantCode(t, err, model.EInvalid)
}

// TestStepAuditLeavesTheDiaryOut: a lifecycle step's audit entry records the
// placement without its logs (they have entries of their own), so a long
// diary does not repeat in the audit log at every step.
func TestStepAuditLeavesTheDiaryOut(t *testing.T) {
	f := newFixture(t)
	f.at("2026-04-01")
	p := f.place(wzu, "WZU2025001", platA, model.Arrived)
	if _, err := f.s.AddLog(f.stu, p.No, LogInput{Period: "2026-W10", Text: "独一无二的周志内容"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.s.SetSupervisor(f.admin, p.No, "林教授"); err != nil {
		t.Fatal(err)
	}
	log, err := f.s.Audit(f.admin, AuditFilter{Limit: 1})
	if err != nil || len(log) != 1 || log[0].Op != "placement.supervisor" {
		t.Fatalf("last entry: %+v %v", log, err)
	}
	if e := log[0]; strings.Contains(string(e.Before)+string(e.After), "独一无二") {
		t.Errorf("the supervisor's entry carries the logs: %s", e.After)
	}
}

// TestPlacementDocumentsAreAudited: the arrival letter, the safety pledge and
// the mid-term form are recorded when made, as agreements are (the pledge
// carries the student's mobile); another platform's HR is told there is none.
func TestPlacementDocumentsAreAudited(t *testing.T) {
	f := newFixture(t)
	p := f.place(wzu, "WZU2025001", platA, model.Arrived)
	for _, doc := range []string{DocArrival, DocPledge, DocMidterm} {
		if _, err := f.s.PrintDocument(f.hrA, p.No, doc); err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		log, err := f.s.Audit(f.admin, AuditFilter{Limit: 1})
		if err != nil || len(log) != 1 || log[0].Op != "document.print" || log[0].Actor != f.hrA.user.Name ||
			!strings.Contains(string(log[0].After), `"`+doc+`"`) {
			t.Fatalf("%s: last entry %+v %v", doc, log, err)
		}
	}
	_, err := f.s.PrintDocument(f.hrB, p.No, DocPledge)
	wantCode(t, err, model.ENotFound)
	_, err = f.s.PrintDocument(f.admin, p.No, "contract")
	wantCode(t, err, model.EInvalid)
}
