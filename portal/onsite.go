package portal

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
)

// The placement on site (issue 12) in the portal: reminders on platform HR's
// and the student's home; on HR's placement page a month's attendance, the
// leave requests to decide, the logs to mark read and the platform
// supervisor's mark; on the student's placement page their attendance, a
// leave request, their logs (with the supervisors' readings) and a new one,
// and the safety pledge to print and sign. Every rule is the service's: the
// portal shows the forms a state allows and the service's refusal beside the
// form, with what was typed.

// inlineForms are the forms whose outcome shows beside them rather than at
// the top of the page (the page is long on a phone; the redirect after a step
// and a refused form's action carry an anchor to the section).
var inlineForms = map[string]bool{"attendance": true, "decide": true, "logread": true, "mark": true,
	"leave": true, "log": true}

// reminderRow is one reminder as the page shows it.
type reminderRow struct {
	Kind, Name, Due, When string
	// Urgent is set when it is due within 7 days or overdue (a CSS class).
	Urgent bool
	// URL opens the placement it concerns ("" for a dual appointment, which
	// the portal does not show).
	URL string
}

// reminderRows makes the user's reminders into rows linking to base+no.
func reminderRows(v view, rs []dispatch.Reminder, base string) []reminderRow {
	out := make([]reminderRow, len(rs))
	for i, m := range rs {
		kind := v.Term("reminder", m.Kind)
		if m.Detail != "" {
			kind += " " + m.Detail
		}
		when := v.T("portal.days_left", m.DaysLeft)
		switch {
		case m.DaysLeft < 0:
			when = v.T("portal.days_overdue", -m.DaysLeft)
		case m.DaysLeft == 0:
			when = v.T("portal.due_today")
		}
		out[i] = reminderRow{Kind: kind, Name: m.Name, Due: v.Date(m.Due), When: when, Urgent: m.Band <= 7}
		if m.Kind != model.RemindAppointmentEnd {
			out[i].URL = base + urlPart(m.Key)
		}
	}
	return out
}

// reminderList is a list of reminders: the first few shown, the rest behind
// a "more" switch, so a busy platform's home still starts with its lists.
type reminderList struct {
	Shown, More []reminderRow
	Count       int
}

const remindersShown = 6

func newReminderList(rows []reminderRow) reminderList {
	if len(rows) <= remindersShown+2 {
		return reminderList{Shown: rows, Count: len(rows)}
	}
	return reminderList{Shown: rows[:remindersShown], More: rows[remindersShown:], Count: len(rows)}
}

// reminders returns the user's reminders as rows, or the error to show.
func (p *Portal) reminders(r *http.Request, s *session, base string) (reminderList, error) {
	rs, err := p.api.Reminders(s.sess)
	if err != nil {
		return reminderList{}, err
	}
	return newReminderList(reminderRows(view{Lang: langOf(r)}, rs, base)), nil
}

// onsiteView is what a placement page shows of the time on site.
type onsiteView struct {
	// Shown once the student has arrived (or on leave requests before).
	Shown bool
	// OnSite: the student is at the platform, so attendance, logs and marks
	// may be recorded.
	OnSite     bool
	Attendance []attendanceRow
	// Away says how much of the recorded time the student was away, when it
	// is over a third (the result is then 不合格 unless the office overrides).
	Away       string
	Leaves     []leaveRow
	Logs       []logRow
	Unread     int    // logs the platform supervisor has not read
	Pending    int    // leave requests not yet decided
	Cadence    string // the name of the university's log cadence, when known
	LogSummary string // written, owed, gaps
	// LeaveMsg, LogMsg: a decision or a reading was refused for a request or
	// a log the page no longer offers a form for (decided or read meanwhile):
	// the refusal shows at the top of its section.
	LeaveMsg, LogMsg bool
	// PlatformMark is the platform supervisor's mark given so far ("").
	PlatformMark string
}

type attendanceRow struct {
	Month, Present, Absent, Leave, Deduction, Amount string
}

type leaveRow struct {
	ID, Period, Days, Reason, Status, StatusName, Decision string
	Pending                                                bool
	// Failed: this request's decision was refused (Note is what was typed).
	Failed bool
	Note   string
}

type logRow struct {
	ID, Period, Text, UniRead, PlatformRead string
	UniLabel, PlatformLabel                 string
	// Unread: the platform supervisor has not marked it read yet. Open: HR's
	// page shows its form (unread, or its reading was just refused).
	Unread, Open bool
	// Failed: marking this log read was refused (Comment is what was typed).
	Failed  bool
	Comment string
}

// onsite makes the on-site part of a placement page. failed and form are the
// refused form and what was typed in it.
func (p *Portal) onsite(v view, pl model.Placement, failed string, form map[string]string) onsiteView {
	o := onsiteView{OnSite: pl.Status == model.Arrived}
	o.Shown = !pl.ArrivedOn.IsZero() || len(pl.Leaves) > 0 || pl.Status == model.Dispatched
	loc := p.opt.Now().Location()
	for _, a := range pl.Attendance {
		pay := a.Pay(pl.Allowance)
		o.Attendance = append(o.Attendance, attendanceRow{Month: a.Month, Present: strconv.Itoa(a.Present),
			Absent: strconv.Itoa(a.Absent), Leave: strconv.Itoa(a.Leave), Deduction: strconv.Itoa(pay.Deduction),
			Amount: strconv.Itoa(pay.Amount)})
	}
	if pl.OverOneThird() {
		off, total := pl.AbsenceShare()
		if pl.AbsenceOverride == "" {
			o.Away = v.T("portal.away_over", off, total)
		} else {
			o.Away = v.T("portal.away_overridden", off, total, pl.AbsenceOverride)
		}
	}
	for i := len(pl.Leaves) - 1; i >= 0; i-- { // newest first
		l := pl.Leaves[i]
		row := leaveRow{ID: strconv.Itoa(l.ID), Period: v.Date(l.From) + " – " + v.Date(l.To),
			Days: v.T("portal.days", l.Days()), Reason: l.Reason, Status: l.Status,
			StatusName: v.Term("leave", l.Status), Pending: l.Status == model.LeavePending}
		if l.DecidedBy != "" {
			row.Decision = l.DecidedBy + " · " + l.DecidedAt.In(loc).Format(time.DateOnly)
			if l.Note != "" {
				row.Decision += " · " + l.Note
			}
		}
		if row.Pending {
			o.Pending++
		}
		if failed == "decide" && form["id"] == row.ID {
			row.Failed, row.Note = true, form["note"]
		}
		o.Leaves = append(o.Leaves, row)
	}
	read := func(r *model.LogRead) string {
		if r == nil {
			return v.T("portal.log_unread")
		}
		s := v.T("portal.read_on", r.At.In(loc).Format(time.DateOnly), r.By)
		if r.Comment != "" {
			s += "：" + r.Comment
		}
		return s
	}
	uniLabel, platformLabel := v.T("portal.uni_read"), v.T("portal.platform_read")
	for i := len(pl.Logs) - 1; i >= 0; i-- { // newest first
		l := pl.Logs[i]
		row := logRow{ID: strconv.Itoa(l.ID), Period: l.Period, Text: l.Text, UniRead: read(l.UniRead),
			PlatformRead: read(l.PlatformRead), Unread: l.PlatformRead == nil, UniLabel: uniLabel, PlatformLabel: platformLabel}
		if row.Unread {
			o.Unread++
		}
		if failed == "logread" && form["id"] == row.ID {
			row.Failed, row.Comment = true, form["comment"]
		}
		row.Open = row.Unread || row.Failed
		o.Logs = append(o.Logs, row)
	}
	o.LeaveMsg, o.LogMsg = failed == "decide", failed == "logread"
	for _, l := range o.Leaves {
		o.LeaveMsg = o.LeaveMsg && !(l.Failed && l.Pending)
	}
	for _, l := range o.Logs {
		o.LogMsg = o.LogMsg && !l.Failed
	}
	if pl.Marks != nil && pl.Marks.Platform != nil {
		o.PlatformMark = strconv.Itoa(*pl.Marks.Platform)
	}
	return o
}

// hrOnly serves h to platform HR; anyone else gets the missing page, as for
// a placement that is not theirs.
func (p *Portal) hrOnly(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, s *session) {
		if s.sess.User().Role != model.PlatformHR {
			p.notFoundFor(w, r, s)
			return
		}
		h(w, r, s)
	}
}

// studentOnly serves h to students only.
func (p *Portal) studentOnly(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, s *session) {
		if s.sess.User().Role != model.StudentRole {
			p.notFoundFor(w, r, s)
			return
		}
		h(w, r, s)
	}
}

// formInt reads a whole number of a form (0 when empty).
func formInt(field, s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(model.CleanCode(s))
	if err != nil {
		return 0, model.Invalid(field, "field.number", s)
	}
	return n, nil
}

// formDate reads a date of a form (zero when empty: the service says it is
// required).
func formDate(field, s string) (model.Date, error) {
	if strings.TrimSpace(s) == "" {
		return model.Date{}, nil
	}
	d, err := model.ParseDate(s)
	if err != nil {
		return d, model.Invalid(field, "date.format", s)
	}
	return d, nil
}

func formRev(r *http.Request) int {
	n, _ := strconv.Atoi(r.PostFormValue("rev"))
	return n
}

// typedOf keeps what the user typed in the named fields.
func typedOf(r *http.Request, names ...string) map[string]string {
	m := make(map[string]string, len(names))
	for _, n := range names {
		m[n] = r.PostFormValue(n)
	}
	return m
}

// hrAttendance records a month's attendance.
func (p *Portal) hrAttendance(w http.ResponseWriter, r *http.Request, s *session) {
	typed := typedOf(r, "month", "present", "absent", "leave")
	in := dispatch.AttendanceInput{Month: typed["month"], Rev: formRev(r)}
	var err error
	for _, f := range []struct {
		name string
		n    *int
	}{{"present", &in.Present}, {"absent", &in.Absent}, {"leave", &in.Leave}} {
		if *f.n, err = formInt(f.name, typed[f.name]); err != nil {
			p.refused(w, r, s, "attendance", typed, err)
			return
		}
	}
	if _, err := p.api.SetAttendance(s.sess, r.PathValue("no"), in); err != nil {
		p.refused(w, r, s, "attendance", typed, err)
		return
	}
	p.doneAt(w, r, "/hr/p/", "attendance", "attendance")
}

// hrDecideLeave approves or refuses a pending leave request.
func (p *Portal) hrDecideLeave(w http.ResponseWriter, r *http.Request, s *session) {
	typed := typedOf(r, "id", "note", "decision")
	id, _ := strconv.Atoi(typed["id"])
	d := dispatch.LeaveDecision{ID: id, Approve: typed["decision"] == "approve", Note: typed["note"], Rev: formRev(r)}
	if typed["decision"] != "approve" && typed["decision"] != "refuse" {
		p.refused(w, r, s, "decide", typed, model.Invalid("decision", "field.required"))
		return
	}
	if _, err := p.api.DecideLeave(s.sess, r.PathValue("no"), d); err != nil {
		p.refused(w, r, s, "decide", typed, err)
		return
	}
	p.doneAt(w, r, "/hr/p/", "decide", "leaves")
}

// hrReadLog marks a log read for the platform supervisor.
func (p *Portal) hrReadLog(w http.ResponseWriter, r *http.Request, s *session) {
	typed := typedOf(r, "id", "comment")
	id, _ := strconv.Atoi(typed["id"])
	if _, err := p.api.ReadLog(s.sess, r.PathValue("no"), dispatch.LogReadInput{ID: id, Comment: typed["comment"], Rev: formRev(r)}); err != nil {
		p.refused(w, r, s, "logread", typed, err)
		return
	}
	p.doneAt(w, r, "/hr/p/", "logread", "logs")
}

// hrMark records the platform supervisor's mark.
func (p *Portal) hrMark(w http.ResponseWriter, r *http.Request, s *session) {
	typed := typedOf(r, "mark")
	in := dispatch.MarksInput{Rev: formRev(r)}
	if v := strings.TrimSpace(typed["mark"]); v != "" {
		n, err := strconv.Atoi(model.CleanCode(v))
		if err != nil {
			p.refused(w, r, s, "mark", typed, model.Invalid("platform_mark", "mark.range", v))
			return
		}
		in.Platform = &n
	}
	if _, err := p.api.RecordMarks(s.sess, r.PathValue("no"), in); err != nil {
		p.refused(w, r, s, "mark", typed, err)
		return
	}
	p.doneAt(w, r, "/hr/p/", "mark", "mark")
}

// doneAt answers a step taken on an on-site form: back to the page by a
// redirect, at the form's section, with its notice there.
func (p *Portal) doneAt(w http.ResponseWriter, r *http.Request, base, form, anchor string) {
	http.Redirect(w, r, base+urlPart(r.PathValue("no"))+"?done="+form+"#"+anchor, http.StatusSeeOther)
}

// studentPlacementData is a student's own placement page.
type studentPlacementData struct {
	P            model.Placement
	Period       string
	HasAgreement bool
	Onsite       onsiteView
	// CanLeave: a leave request may be made (dispatched or on site).
	CanLeave bool
	// Periods are the log periods that have begun and have no log yet,
	// newest first (overdue ones named so); Period the one chosen.
	Periods    []periodOption
	Form       map[string]string
	Failed     string
	Done       string
	Today      string
	LogMaxText int
}

type periodOption struct {
	Value, Label string
	Selected     bool
}

// studentPlacement shows a student's own placement: what happened on site,
// and the forms they may use.
func (p *Portal) studentPlacement(w http.ResponseWriter, r *http.Request, s *session) {
	var notes []string
	done := r.URL.Query().Get("done")
	if k := studentDoneKeys[done]; k != "" {
		notes = append(notes, i18n.T(langOf(r), k))
	} else {
		done = ""
	}
	p.showStudentPlacement(w, r, s, http.StatusOK, done, "", nil, notes...)
}

var studentDoneKeys = map[string]string{"leave": "portal.done_leave", "log": "portal.done_log"}

func (p *Portal) showStudentPlacement(w http.ResponseWriter, r *http.Request, s *session, status int, done, failed string, form map[string]string, notes ...string) {
	pl, err := p.api.Placement(s.sess, r.PathValue("no"))
	if err != nil {
		p.fail(w, r, s, err, true)
		return
	}
	v := view{Lang: langOf(r)}
	today := model.DateOf(p.opt.Now())
	d := studentPlacementData{P: pl, Period: v.Date(pl.Start) + " – " + v.Date(pl.End), HasAgreement: hasAgreement(pl.Status),
		Onsite: p.onsite(v, pl, failed, form), CanLeave: pl.Status == model.Dispatched || pl.Status == model.Arrived,
		Form: form, Failed: failed, Done: done, Today: today.String(), LogMaxText: model.MaxLogText}
	if d.Onsite.OnSite {
		// The cadence and the gaps are the service's (its log report on the
		// student's own placements).
		rep, err := p.api.LogStats(s.sess, "")
		if err != nil {
			p.fail(w, r, s, err, false)
			return
		}
		for _, st := range rep.Placements {
			if st.No != pl.No {
				continue
			}
			d.Onsite.Cadence = v.Term("cadence", st.Cadence)
			d.Onsite.LogSummary = v.T("portal.log_summary", st.Written, st.Expected, len(st.Gaps))
			d.Periods = periodOptions(v, pl, st, today, form["period"])
		}
	}
	p.renderInline(w, r, s, status, "student_placement.html", "portal.student_placement_title", d, failed != "" || done != "", notes...)
}

// periodOptions lists the periods a log may be written for: begun, within
// the placement, since arrival, without a log; newest first.
func periodOptions(v view, pl model.Placement, st dispatch.LogStat, today model.Date, chosen string) []periodOption {
	gaps := map[string]bool{}
	for _, g := range st.Gaps {
		gaps[g] = true
	}
	until := min(pl.End.String(), today.String())
	var out []periodOption
	for d := pl.ArrivedOn; !d.IsZero() && d.String() <= until; d = model.PeriodEnd(st.Cadence, d).AddDate(0, 0, 1) {
		period := model.PeriodOf(st.Cadence, d)
		if pl.LogOf(period) >= 0 {
			continue
		}
		label := period
		if gaps[period] {
			label += " · " + v.T("portal.log_missing")
		}
		out = append(out, periodOption{Value: period, Label: label, Selected: period == chosen})
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// studentLeave asks for leave.
func (p *Portal) studentLeave(w http.ResponseWriter, r *http.Request, s *session) {
	typed := typedOf(r, "from", "to", "reason")
	in := dispatch.LeaveInput{Reason: typed["reason"], Rev: formRev(r)}
	var err error
	if in.From, err = formDate("leave_from", typed["from"]); err == nil {
		in.To, err = formDate("leave_to", typed["to"])
	}
	if err == nil {
		_, err = p.api.RequestLeave(s.sess, r.PathValue("no"), in)
	}
	if err != nil {
		p.studentRefused(w, r, s, "leave", typed, err)
		return
	}
	p.doneAt(w, r, "/student/p/", "leave", "leaves")
}

// studentLog writes a log for a period.
func (p *Portal) studentLog(w http.ResponseWriter, r *http.Request, s *session) {
	typed := typedOf(r, "period", "text")
	if _, err := p.api.AddLog(s.sess, r.PathValue("no"), dispatch.LogInput{Period: typed["period"], Text: typed["text"], Rev: formRev(r)}); err != nil {
		p.studentRefused(w, r, s, "log", typed, err)
		return
	}
	p.doneAt(w, r, "/student/p/", "log", "logs")
}

func (p *Portal) studentRefused(w http.ResponseWriter, r *http.Request, s *session, form string, typed map[string]string, err error) {
	switch model.ErrorCode(err) {
	case model.ENotFound, model.EForbidden, model.EUnauthorized, model.EInternal:
		p.fail(w, r, s, err, true)
		return
	}
	p.showStudentPlacement(w, r, s, http.StatusUnprocessableEntity, "", form, typed, "", i18n.Message(langOf(r), err))
}

// pledgePDF sends the student's safety pledge (安全承诺书) to print and sign.
func (p *Portal) pledgePDF(w http.ResponseWriter, r *http.Request, s *session) {
	a, err := p.api.PrintDocument(s.sess, r.PathValue("no"), dispatch.DocPledge) // audited: it carries the mobile
	if err != nil {
		p.fail(w, r, s, err, true)
		return
	}
	p.sendPDF(w, r, s, "pledge-"+a.Placement.No+".pdf", func(w io.Writer) error { return p.maker.Pledge(w, a) })
}

// renderInline renders a page whose notice or refusal shows beside its form
// (inline) instead of at the top.
func (p *Portal) renderInline(w http.ResponseWriter, r *http.Request, s *session, status int, page, title string, data any, inline bool, notes ...string) {
	v := view{Lang: langOf(r), Title: title, Path: r.URL.Path, Data: data, Inline: inline}
	if s != nil {
		u := s.sess.User()
		v.User, v.CSRF = &u, s.csrf
	}
	if len(notes) > 0 {
		v.Notice = notes[0]
	}
	if len(notes) > 1 {
		v.Error = notes[1]
	}
	p.write(w, status, page, v)
}
