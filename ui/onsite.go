package ui

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/model"
	"secondment/pdf"
)

// The placement on site (issue 12) in a placement's detail, beside its
// departure: the signed agreement's return, attendance by month, leave, work
// logs, the mid-term check, the marks and the final assessment. The buttons
// offer each role what the service lets it do (the office anything, on the
// others' behalf); every form passes the revision the detail shows, so a
// record someone changed meanwhile is refused with a message, not overwritten.

// onsiteBox is the on-site section of a placement's detail.
func (s *placementsScreen) onsiteBox(p model.Placement, refresh func()) []fyne.CanvasObject {
	u := s.u
	user := u.sess.User()
	office, host := user.IsOffice(), user.IsOffice() || user.Role == model.PlatformHR
	approved := !p.ApprovedOn().IsZero() && p.Status != model.Withdrawn
	if !approved {
		return nil
	}
	onSite := p.Status == model.Arrived
	var objs []fyne.CanvasObject
	objs = append(objs, heading(u.t("ui.onsite")))

	// The signed agreement's return.
	ret := u.t("ui.returned_not")
	if r := p.Returned; r != nil {
		ret = u.t("ui.returned_line", r.On, r.Copies, r.ReceivedBy)
	}
	objs = append(objs, field(u.t("ui.returned"), ret))
	if office && model.IsOpen(p.Status) {
		objs = append(objs, buttons(widget.NewButton(u.t("ui.record_return"), func() { s.returnForm(p, refresh) })))
	}
	if p.ArrivedOn.IsZero() {
		return objs
	}

	// Attendance by month, and the one-third rule.
	objs = append(objs, subheading(u.t("ui.attendance")))
	if len(p.Attendance) == 0 {
		objs = append(objs, widget.NewLabel(u.t("ui.attendance_none")))
	} else {
		objs = append(objs, s.attendanceTable(p))
	}
	if off, total := p.AbsenceShare(); total > 0 {
		line := u.t("ui.absence_share", off, total)
		switch {
		case p.OverOneThird() && p.AbsenceOverride != "":
			line += "\n" + u.t("ui.absence_overridden", p.AbsenceOverride)
			objs = append(objs, wrapped(line))
		case p.OverOneThird():
			objs = append(objs, warning(line+"\n"+u.t("ui.absence_over")))
		default:
			objs = append(objs, wrapped(line))
		}
	}
	var bs []fyne.CanvasObject
	if host && onSite {
		bs = append(bs, widget.NewButton(u.t("ui.set_attendance"), func() { s.attendanceForm(p, refresh) }))
	}
	if office && model.IsOpen(p.Status) && p.OverOneThird() {
		bs = append(bs, widget.NewButton(u.t("ui.override_absence"), func() { s.overrideForm(p, refresh) }))
	}
	objs = append(objs, buttons(bs...))

	// Leave.
	objs = append(objs, subheading(u.t("ui.leaves")))
	if len(p.Leaves) == 0 {
		objs = append(objs, widget.NewLabel(u.t("ui.leaves_none")))
	}
	for _, l := range p.Leaves {
		line := u.t("ui.leave_line", l.ID, l.From, l.To, l.Days(), l.Reason, u.term(model.LeaveStatuses, l.Status))
		if l.Note != "" {
			line += "（" + l.Note + "）"
		}
		objs = append(objs, wrapped(line))
		if host && onSite && l.Status == model.LeavePending {
			l := l
			approve := widget.NewButton(u.t("ui.leave_approve"), func() { s.leaveDecisionForm(p, l, true, refresh) })
			approve.Importance = widget.HighImportance
			objs = append(objs, buttons(approve,
				widget.NewButton(u.t("ui.leave_refuse"), func() { s.leaveDecisionForm(p, l, false, refresh) })))
		}
	}
	if onSite && (office || user.Role == model.StudentRole) {
		objs = append(objs, buttons(widget.NewButton(u.t("ui.request_leave"), func() { s.leaveForm(p, refresh) })))
	}

	// Work logs.
	objs = append(objs, subheading(u.t("ui.logs")))
	if st, ok := s.logStat(p); ok {
		line := u.t("ui.log_stats", st.Expected, st.Written, len(st.Gaps), fmt.Sprintf("%.0f%%", st.ReviewRate*100))
		if len(st.Gaps) > 0 {
			gaps := st.Gaps
			if len(gaps) > 6 {
				gaps = append(append([]string{}, gaps[:6]...), "…")
			}
			line += "\n" + u.t("ui.log_gaps", strings.Join(gaps, "、"))
			objs = append(objs, warning(line))
		} else {
			objs = append(objs, wrapped(line))
		}
	}
	// mine: a log this user's supervisor has still to read.
	mine := func(l model.LogEntry) bool {
		return (office && l.UniRead == nil) || (user.Role == model.PlatformHR && l.PlatformRead == nil)
	}
	logs := p.Logs
	if len(logs) > logsShown {
		// The latest, and every older one still to be read: a log the
		// clerk must mark is never out of reach.
		cut := len(logs) - logsShown
		var keep []model.LogEntry
		for _, l := range logs[:cut] {
			if mine(l) {
				keep = append(keep, l)
			}
		}
		objs = append(objs, widget.NewLabel(u.t("ui.logs_latest", logsShown, len(logs))))
		if len(keep) > 0 {
			objs = append(objs, widget.NewLabel(u.t("ui.logs_older_unread", len(keep))))
		}
		logs = append(keep, logs[cut:]...)
	}
	for i := len(logs) - 1; i >= 0; i-- {
		l := logs[i]
		objs = append(objs, wrapped(u.logLine(l)))
		if mine(l) && (model.IsOpen(p.Status) || p.Status == model.Completed) {
			objs = append(objs, buttons(widget.NewButton(u.t("ui.read_log"), func() { s.readLogForm(p, l, refresh) })))
		}
	}
	if onSite && (office || user.Role == model.StudentRole) {
		objs = append(objs, buttons(widget.NewButton(u.t("ui.add_log"), func() { s.logForm(p, refresh) })))
	}

	// The mid-term check.
	objs = append(objs, subheading(u.t("ui.midterm")))
	if m := p.Midterm; m != nil {
		objs = append(objs, field(u.t("field:result"), m.On.String()+"  "+u.term(model.MidtermResults, m.Result)))
		for _, f := range [][2]string{{"field:progress", m.Progress}, {"field:problems", m.Problems},
			{"field:uni_opinion", m.UniOpinion}, {"field:platform_opinion", m.PlatformOpinion}} {
			if f[1] != "" {
				objs = append(objs, field(u.t(f[0]), f[1]))
			}
		}
	} else {
		objs = append(objs, wrapped(u.t("ui.midterm_none", p.Halfway())))
	}
	bs = nil
	if office && onSite {
		bs = append(bs, widget.NewButton(u.t("ui.record_midterm"), func() { s.midtermForm(p, refresh) }))
	}
	bs = append(bs, widget.NewButton(u.t("ui.print_midterm"), func() { s.printMidterm(p.No) }))
	objs = append(objs, buttons(bs...))

	// Marks and the final assessment.
	objs = append(objs, subheading(u.t("ui.assessment")))
	w := s.weightsOf(p)
	mark := func(m *int) string {
		if m == nil {
			return "—"
		}
		return strconv.Itoa(*m)
	}
	var um, pm, dm *int
	if m := p.Marks; m != nil {
		um, pm, dm = m.University, m.Platform, m.Defence
		if m.Weights != nil {
			w = *m.Weights
		}
	}
	objs = append(objs, wrapped(u.t("ui.marks_line", mark(um), mark(pm), mark(dm), w.University, w.Platform, w.Defence)))
	if m := p.Marks; m != nil && m.Grade != "" {
		line := u.t("ui.score_line", model.Num(m.Score), u.term(model.Assessments, m.Grade))
		if m.AbsenceFail {
			objs = append(objs, warning(line+"\n"+u.t("ui.absence_failed")))
		} else {
			objs = append(objs, wrapped(line))
		}
	}
	bs = nil
	if host && onSite {
		bs = append(bs, widget.NewButton(u.t("ui.record_marks"), func() { s.marksForm(p, refresh) }))
	}
	if office && onSite {
		b := widget.NewButton(u.t("ui.assess"), func() { s.assessForm(p, w, refresh) })
		b.Importance = widget.HighImportance
		bs = append(bs, b)
	}
	return append(objs, buttons(bs...))
}

// logsShown is how many logs, the latest, a detail lists.
const logsShown = 12

// logLine is a log as the detail lists it: number, period, the two readings,
// the start of its text.
func (u *UI) logLine(l model.LogEntry) string {
	read := func(who string, r *model.LogRead) string {
		if r == nil {
			return u.t("ui.log_unread_by", who)
		}
		s := u.t("ui.log_read_by", who)
		if r.Comment != "" {
			s += "：" + r.Comment
		}
		return s
	}
	text := []rune(l.Text)
	if len(text) > 40 {
		text = append(text[:40], '…')
	}
	return fmt.Sprintf("#%d %s  %s · %s\n%s", l.ID, l.Period, read(u.t("ui.uni_supervisor"), l.UniRead),
		read(u.t("ui.platform_supervisor"), l.PlatformRead), string(text))
}

// attendanceTable is the months recorded: days present, absent, on leave,
// and what the month pays.
func (s *placementsScreen) attendanceTable(p model.Placement) fyne.CanvasObject {
	u := s.u
	cols := []string{"col.month", "col.present", "col.absent", "col.leave", "col.deduction", "col.amount"}
	g := container.NewGridWithColumns(len(cols))
	for _, c := range cols {
		g.Add(widget.NewLabelWithStyle(u.t(c), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for _, a := range p.Attendance {
		pay := a.Pay(p.Allowance)
		for _, v := range []string{a.Month, strconv.Itoa(a.Present), strconv.Itoa(a.Absent), strconv.Itoa(a.Leave),
			strconv.Itoa(pay.Deduction), strconv.Itoa(pay.Amount)} {
			g.Add(widget.NewLabel(v))
		}
	}
	return g
}

// logStat is the placement's line of the log report.
func (s *placementsScreen) logStat(p model.Placement) (dispatch.LogStat, bool) {
	u := s.u
	rep, err := u.svc.LogStats(u.sess, p.Platform)
	if err != nil {
		return dispatch.LogStat{}, false
	}
	for _, st := range rep.Placements {
		if st.No == p.No {
			return st, true
		}
	}
	return dispatch.LogStat{}, false
}

// universityOf is the placement's university as the service has it (its
// weights and log cadence); the defaults when it is not found.
func (u *UI) universityOf(name string) model.University {
	us, _ := u.svc.Universities(u.sess)
	for _, x := range us {
		if x.Name == name {
			return x
		}
	}
	return model.University{Name: name}
}

func (s *placementsScreen) weightsOf(p model.Placement) model.Weights {
	return s.u.universityOf(p.StudentUniversity).AssessWeights()
}

// titled is a form's title: the words of the button that opened it, without
// their "…", and the record's key.
func (u *UI) titled(key, no string) string {
	return strings.TrimSuffix(u.t(key), "…") + " " + no
}

// heading and subheading title a detail's sections.
func heading(text string) fyne.CanvasObject {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func subheading(text string) fyne.CanvasObject {
	return widget.NewLabelWithStyle("· "+text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func wrapped(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapBreak
	return l
}

// warning is a line that must be noticed: in the theme's warning colour.
func warning(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapBreak
	l.Importance = widget.WarningImportance
	bar := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
	bar.SetMinSize(fyne.NewSize(3, 0))
	return container.NewBorder(nil, nil, bar, nil, l)
}

// buttons lays a detail's buttons out two or three a line; none take no
// room.
func buttons(bs ...fyne.CanvasObject) fyne.CanvasObject {
	if len(bs) == 0 {
		return container.NewVBox()
	}
	return container.NewGridWrap(fyne.NewSize(150, 36), bs...)
}

// count reads a whole number from a field; empty is 0 unless required.
func count(e *entry, field string, required bool, ps *problems) int {
	t := model.CleanCode(e.Text)
	if t == "" {
		if required {
			ps.add(model.Invalid(field, "field.required"))
		}
		return 0
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		ps.add(model.Invalid(field, "field.number", e.Text))
	}
	return n
}

// markOf reads a mark field: nil when empty.
func markOf(e *entry, field string, ps *problems) *int {
	t := model.CleanCode(e.Text)
	if t == "" {
		return nil
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		ps.add(model.Invalid(field, "mark.range", e.Text))
		return nil
	}
	return &n
}

// attendanceForm records a month's attendance (HR, or the office for the
// host); the month defaults to the last one begun within the period.
func (s *placementsScreen) attendanceForm(p model.Placement, done func()) {
	u := s.u
	f := u.newForm()
	month := f.text("month", "field:month")
	month.PlaceHolder = "2026-11"
	present := f.text("present", "field:present")
	absent := f.text("absent", "field:absent")
	leave := f.text("leave", "field:leave")
	m := model.DateOf(u.now())
	if m.After(p.End) {
		m = p.End
	}
	month.SetText(fmt.Sprintf("%04d-%02d", m.Year(), int(m.Month())))
	f.intro = u.t("ui.attendance_intro", p.StudentName, p.Allowance, model.LeaveAllowedPerMonth)
	f.open(u.titled("ui.set_attendance", p.No), func() error {
		var ps problems
		in := dispatch.AttendanceInput{Month: month.Text, Rev: p.Rev}
		if model.Clean(month.Text) == "" {
			ps.add(model.Invalid("month", "field.required"))
		}
		in.Present = count(present, "present", true, &ps)
		in.Absent = count(absent, "absent", false, &ps)
		in.Leave = count(leave, "leave", false, &ps)
		if len(ps) > 0 {
			return model.Problems(ps)
		}
		np, err := u.svc.SetAttendance(u.sess, p.No, in)
		if err != nil {
			return err
		}
		_, _, canon, _ := model.ParseMonth(in.Month)
		a, _ := np.AttendanceOf(canon)
		pay := a.Pay(np.Allowance)
		f.success = u.t("cli.attendance_done", np.No, a.Month, a.Present, a.Absent, a.Leave,
			fmt.Sprintf("%.2f", pay.DailyRate), pay.Deduction, pay.Amount)
		if np.OverOneThird() && np.AbsenceOverride == "" && !p.OverOneThird() {
			off, total := np.AbsenceShare()
			u.info(u.t("ui.note"), u.t("ui.absence_share", off, total)+"\n"+u.t("ui.absence_over"))
		}
		return nil
	}, done)
}

// overrideForm records the office's 情况说明: a student away more than a third
// of the recorded days may still pass.
func (s *placementsScreen) overrideForm(p model.Placement, done func()) {
	u := s.u
	f := u.newForm()
	off, total := p.AbsenceShare()
	f.intro = u.t("ui.absence_share", off, total) + "\n" + u.t("ui.override_intro")
	reason := f.text("reason", "ui.override_reason")
	reason.SetText(p.AbsenceOverride)
	f.open(u.titled("ui.override_absence", p.No), func() error {
		if model.Clean(reason.Text) == "" {
			return model.Invalid("reason", "field.required")
		}
		_, err := u.svc.OverrideAbsence(u.sess, p.No, reason.Text, p.Rev)
		f.success = u.t("cli.departure_done", u.t("op:placement.absence_override"), p.No)
		return err
	}, done)
}

// leaveForm asks for leave: the student for themself, or the office on their
// behalf.
func (s *placementsScreen) leaveForm(p model.Placement, done func()) {
	u := s.u
	f := u.newForm()
	from := u.dateField(f, "leave_from", "field:leave_from")
	to := u.dateField(f, "leave_to", "field:leave_to")
	reason := f.text("reason", "field:reason")
	f.open(u.titled("ui.request_leave", p.No), func() error {
		var ps problems
		in := dispatch.LeaveInput{Reason: reason.Text, Rev: p.Rev}
		var err error
		in.From, err = u.date(from, "leave_from")
		ps.add(err)
		in.To, err = u.date(to, "leave_to")
		ps.add(err)
		if model.Clean(reason.Text) == "" {
			ps.add(model.Invalid("reason", "field.required"))
		}
		if len(ps) > 0 {
			return model.Problems(ps)
		}
		np, err := u.svc.RequestLeave(u.sess, p.No, in)
		if err != nil {
			return err
		}
		l := np.Leaves[0]
		for _, x := range np.Leaves {
			if x.ID > l.ID {
				l = x
			}
		}
		f.success = u.t("cli.leave_requested", np.No, l.ID, l.From, l.To, l.Days())
		return nil
	}, done)
}

// leaveDecisionForm approves or refuses a pending leave request, with a note.
func (s *placementsScreen) leaveDecisionForm(p model.Placement, l model.Leave, approve bool, done func()) {
	u := s.u
	f := u.newForm()
	f.intro = u.t("ui.leave_line", l.ID, l.From, l.To, l.Days(), l.Reason, u.term(model.LeaveStatuses, l.Status))
	note := f.text("note", "col.note")
	title := u.t("ui.leave_refuse")
	if approve {
		title = u.t("ui.leave_approve")
	}
	f.open(fmt.Sprintf("%s #%d %s", title, l.ID, p.No), func() error {
		np, err := u.svc.DecideLeave(u.sess, p.No, dispatch.LeaveDecision{ID: l.ID, Approve: approve, Note: note.Text, Rev: p.Rev})
		if err != nil {
			return err
		}
		f.success = u.t("cli.leave_decided", np.No, l.ID, u.term(model.LeaveStatuses, np.Leaves[np.LeaveByID(l.ID)].Status))
		return nil
	}, done)
}

// logForm writes a work log (the student, or the office on their behalf);
// the period defaults to the first one owed without a log.
func (s *placementsScreen) logForm(p model.Placement, done func()) {
	u := s.u
	f := u.newForm()
	cadence := u.universityOf(p.StudentUniversity).LogCadenceOf()
	period := f.text("period", "field:period")
	period.PlaceHolder = "2026-W48"
	if cadence == model.Monthly {
		period.PlaceHolder = "2026-11"
	}
	if st, ok := s.logStat(p); ok && len(st.Gaps) > 0 {
		period.SetText(st.Gaps[0])
	} else {
		period.SetText(model.PeriodOf(cadence, model.DateOf(u.now())))
	}
	text := f.text("text", "field:text")
	text.MultiLine = true
	text.Wrapping = fyne.TextWrapWord
	text.SetMinRowsVisible(5)
	f.intro = u.t("ui.log_intro", u.term(model.LogCadences, cadence))
	f.open(u.titled("ui.add_log", p.No), func() error {
		if model.Clean(period.Text) == "" {
			return model.Invalid("period", "field.required")
		}
		np, err := u.svc.AddLog(u.sess, p.No, dispatch.LogInput{Period: period.Text, Text: text.Text, Rev: p.Rev})
		if err != nil {
			return err
		}
		n := np.NextLogID() - 1
		f.success = u.t("cli.log_added", np.No, np.Logs[np.LogByID(n)].Period, n)
		return nil
	}, done)
}

// readLogForm marks a log read — for the university supervisor (the office)
// or the platform supervisor (HR) — with an optional comment.
func (s *placementsScreen) readLogForm(p model.Placement, l model.LogEntry, done func()) {
	u := s.u
	f := u.newForm()
	f.intro = fmt.Sprintf("#%d %s\n%s", l.ID, l.Period, l.Text)
	comment := f.text("comment", "field:comment")
	f.open(u.titled("ui.read_log", p.No), func() error {
		_, err := u.svc.ReadLog(u.sess, p.No, dispatch.LogReadInput{ID: l.ID, Comment: comment.Text, Rev: p.Rev})
		f.success = u.t("cli.log_read", p.No, l.ID)
		return err
	}, done)
}

// midtermForm records the mid-term check (office), at or after the halfway
// day.
func (s *placementsScreen) midtermForm(p model.Placement, done func()) {
	u := s.u
	f := u.newForm()
	f.intro = u.t("ui.midterm_intro", p.Halfway())
	day := u.dateField(f, "date", "field:date")
	day.SetText(u.now().Format("2006-01-02"))
	progress := f.text("progress", "field:progress")
	probs := f.text("problems", "field:problems")
	uniOp := f.text("uni_opinion", "field:uni_opinion")
	platOp := f.text("platform_opinion", "field:platform_opinion")
	result := f.choice("result", "field:result", model.MidtermResults.Names(string(u.lang)))
	if m := p.Midterm; m != nil {
		day.SetText(m.On.String())
		progress.SetText(m.Progress)
		probs.SetText(m.Problems)
		uniOp.SetText(m.UniOpinion)
		platOp.SetText(m.PlatformOpinion)
		result.SetSelected(u.term(model.MidtermResults, m.Result))
	}
	f.open(u.titled("ui.record_midterm", p.No), func() error {
		var ps problems
		on, err := u.date(day, "date")
		ps.add(err)
		for field, e := range map[string]*entry{"progress": progress, "problems": probs, "uni_opinion": uniOp, "platform_opinion": platOp} {
			if model.Clean(e.Text) == "" {
				ps.add(model.Invalid(field, "field.required"))
			}
		}
		if result.Selected == "" {
			ps.add(model.Invalid("result", "field.required"))
		}
		if len(ps) > 0 {
			return model.Problems(ps)
		}
		m := model.Midterm{On: on, Progress: progress.Text, Problems: probs.Text, UniOpinion: uniOp.Text,
			PlatformOpinion: platOp.Text, Result: termCode(u, model.MidtermResults, result.Selected)}
		_, err = u.svc.RecordMidterm(u.sess, p.No, m, p.Rev)
		f.success = u.t("cli.departure_done", u.t("op:placement.midterm"), p.No)
		return err
	}, done)
}

// termCode is the code of a term shown by its name.
func termCode(u *UI, ts model.Terms, name string) string {
	for _, t := range ts {
		if u.term(ts, t.Code) == name {
			return t.Code
		}
	}
	return name
}

// markFields are the three marks in a form, each filled with the mark
// recorded; HR gives the platform supervisor's only.
func (s *placementsScreen) markFields(f *form, p model.Placement) (uni, plat, def *entry) {
	u := s.u
	set := func(e *entry, m *int) {
		if m != nil {
			e.SetText(strconv.Itoa(*m))
		}
	}
	office := u.sess.User().IsOffice()
	if office {
		uni = f.text("university_mark", "field:university_mark")
	}
	plat = f.text("platform_mark", "field:platform_mark")
	if office {
		def = f.text("defence_mark", "field:defence_mark")
	}
	if m := p.Marks; m != nil {
		if uni != nil {
			set(uni, m.University)
		}
		set(plat, m.Platform)
		if def != nil {
			set(def, m.Defence)
		}
	}
	return uni, plat, def
}

// readMarks reads the mark fields a form has.
func readMarks(uni, plat, def *entry, ps *problems) dispatch.MarksInput {
	var in dispatch.MarksInput
	if uni != nil {
		in.University = markOf(uni, "university_mark", ps)
	}
	in.Platform = markOf(plat, "platform_mark", ps)
	if def != nil {
		in.Defence = markOf(def, "defence_mark", ps)
	}
	return in
}

// marksForm records marks without assessing: HR the platform supervisor's,
// the office any.
func (s *placementsScreen) marksForm(p model.Placement, done func()) {
	u := s.u
	f := u.newForm()
	uni, plat, def := s.markFields(f, p)
	f.open(u.titled("ui.record_marks", p.No), func() error {
		var ps problems
		in := readMarks(uni, plat, def, &ps)
		if len(ps) > 0 {
			return model.Problems(ps)
		}
		in.Rev = p.Rev
		_, err := u.svc.RecordMarks(u.sess, p.No, in)
		f.success = u.t("cli.departure_done", u.t("op:placement.marks"), p.No)
		return err
	}, done)
}

// assessForm gives the final result (office): the three marks, weighted by
// the university, and the day the placement ends; it completes the
// placement. The one-third rule is said before saving.
func (s *placementsScreen) assessForm(p model.Placement, w model.Weights, done func()) {
	u := s.u
	f := u.newForm()
	intro := u.t("ui.assess_intro", w.University, w.Platform, w.Defence)
	if p.FailsOnAbsence() {
		off, total := p.AbsenceShare()
		intro += "\n" + u.t("ui.absence_share", off, total) + "\n" + u.t("ui.absence_over")
	}
	f.intro = intro
	uni, plat, def := s.markFields(f, p)
	day := u.dateField(f, "date", "field:date")
	day.SetText(u.now().Format("2006-01-02"))
	note := f.text("note", "ui.step_note")
	f.open(u.titled("ui.assess", p.No), func() error {
		var ps problems
		in := dispatch.AssessInput{MarksInput: readMarks(uni, plat, def, &ps), Note: note.Text}
		var err error
		in.Date, err = u.date(day, "date")
		ps.add(err)
		if len(ps) > 0 {
			return model.Problems(ps)
		}
		in.Rev = p.Rev
		np, err := u.svc.Assess(u.sess, p.No, in)
		if err != nil {
			return err
		}
		m := np.Marks
		f.success = u.t("cli.assessed", np.No, *m.University, *m.Platform, *m.Defence, m.Weights.University, m.Weights.Platform,
			m.Weights.Defence, model.Num(m.Score), u.term(model.Assessments, m.Grade), u.term(model.Assessments, np.Assessment))
		if m.AbsenceFail {
			off, total := np.AbsenceShare()
			u.info(u.t("ui.note"), u.t("cli.absence_failed", off, total))
		}
		return nil
	}, done)
}

// returnForm records the signed agreement's return (office): the date,
// copies and who received it (the clerk when left empty).
func (s *placementsScreen) returnForm(p model.Placement, done func()) {
	u := s.u
	f := u.newForm()
	day := u.dateField(f, "date", "ui.returned_on")
	day.SetText(u.now().Format("2006-01-02"))
	copies := f.text("copies", "field:copies")
	copies.SetText("1") // the office's copy of 一式三份, as the command line assumes
	by := f.text("received_by", "field:received_by")
	by.SetText(u.sess.User().Name)
	if r := p.Returned; r != nil {
		day.SetText(r.On.String())
		copies.SetText(strconv.Itoa(r.Copies))
		by.SetText(r.ReceivedBy)
	}
	f.open(u.titled("ui.record_return", p.No), func() error {
		var ps problems
		on, err := u.date(day, "date")
		ps.add(err)
		n := count(copies, "copies", false, &ps)
		if len(ps) > 0 {
			return model.Problems(ps)
		}
		np, err := u.svc.RecordReturn(u.sess, p.No, model.AgreementReturn{On: on, Copies: n, ReceivedBy: by.Text}, p.Rev)
		if err != nil {
			return err
		}
		r := np.Returned
		f.success = u.t("cli.returned", np.No, r.On, r.Copies, r.ReceivedBy)
		return nil
	}, done)
}

// printPledge saves the safety pledge to sign (安全承诺书) and opens it.
func (s *placementsScreen) printPledge(no string) {
	s.placementDoc(no, dispatch.DocPledge, "-安全承诺书.pdf", (*pdf.Maker).Pledge)
}

// printMidterm saves the mid-term check form (filled in once recorded).
func (s *placementsScreen) printMidterm(no string) {
	s.placementDoc(no, dispatch.DocMidterm, "-中期检查表.pdf", (*pdf.Maker).MidtermForm)
}

// placementDoc saves one of a placement's documents; the service records the
// printing (PrintDocument).
func (s *placementsScreen) placementDoc(no, doc, suffix string, draw func(*pdf.Maker, io.Writer, model.Agreement) error) {
	u := s.u
	a, err := u.svc.PrintDocument(u.sess, no, doc)
	if err != nil {
		u.showError(err)
		return
	}
	u.document(no+suffix, func(m *pdf.Maker, w io.Writer) error { return draw(m, w, a) })
}
