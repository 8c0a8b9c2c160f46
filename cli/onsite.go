package cli

import (
	"flag"
	"fmt"
	"strconv"

	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
)

// The placement on site from the command line (issue 12): attendance, leave,
// work logs, the mid-term check, marks and the final assessment, the signed
// agreement's return, the absence override, the universities' weights and log
// cadence, and reminders. Every command calls one service method; the rules
// and roles are the service's.

// parseDateFlag reads a date flag, naming the field of a refusal.
func parseDateFlag(field, s string, required bool) (model.Date, error) {
	if s == "" {
		if required {
			return model.Date{}, model.Invalid(field, "field.required")
		}
		return model.Date{}, nil
	}
	d, err := model.ParseDate(s)
	return d, withField(err, field)
}

// markFlag reads an optional mark flag: nil when not given.
func markFlag(field, s string) (*int, error) {
	if s == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(model.CleanCode(s))
	if err != nil {
		return nil, model.Invalid(field, "mark.range", s)
	}
	return &n, nil
}

// intFlag reads an optional count flag (0 when not given).
func intFlag(field, s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(model.CleanCode(s))
	if err != nil {
		return 0, model.Invalid(field, "field.number", s)
	}
	return n, nil
}

// attendanceCmd: attendance set NO --month M --present N [--absent N] [--leave N];
// attendance list NO [--json].
func (r *run) attendanceCmd(args []string) error {
	if len(args) == 0 || (args[0] != "set" && args[0] != "list") {
		return r.usage("cli.usage_attendance")
	}
	fs := r.flags("attendance " + args[0])
	month := fs.String("month", "", "")
	present := fs.String("present", "", "")
	absent := fs.String("absent", "", "")
	leave := fs.String("leave", "", "")
	asJSON := fs.Bool("json", false, "")
	pos, err := r.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 || (args[0] == "set" && (*month == "" || *present == "")) {
		return r.usage("cli.usage_attendance")
	}
	if args[0] == "list" {
		return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
			p, err := svc.Placement(sess, pos[0])
			if err != nil {
				return err
			}
			return r.printAttendance(p, *asJSON)
		})
	}
	in := dispatch.AttendanceInput{Month: *month}
	for _, f := range []struct {
		name string
		s    string
		n    *int
	}{{"present", *present, &in.Present}, {"absent", *absent, &in.Absent}, {"leave", *leave, &in.Leave}} {
		if *f.n, err = intFlag(f.name, f.s); err != nil {
			return err
		}
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		p, err := svc.SetAttendance(sess, pos[0], in)
		if err != nil {
			return err
		}
		_, _, canon, _ := model.ParseMonth(in.Month)
		a, _ := p.AttendanceOf(canon)
		pay := a.Pay(p.Allowance)
		r.say("cli.attendance_done", p.No, a.Month, a.Present, a.Absent, a.Leave, fmt.Sprintf("%.2f", pay.DailyRate),
			pay.Deduction, pay.Amount)
		r.absenceNote(p)
		return nil
	})
}

// absenceNote warns when the student is over the one-third rule.
func (r *run) absenceNote(p model.Placement) {
	if p.OverOneThird() {
		off, total := p.AbsenceShare()
		if p.AbsenceOverride == "" {
			r.note("cli.absence_over", p.No, off, total)
		} else {
			r.note("cli.absence_overridden", p.No, off, total, p.AbsenceOverride)
		}
	}
}

type attendanceJSON struct {
	Month     string  `json:"month"`
	Present   int     `json:"present"`
	Absent    int     `json:"absent"`
	Leave     int     `json:"leave"`
	DailyRate float64 `json:"daily_rate"`
	Deduction int     `json:"deduction"`
	Amount    int     `json:"amount"`
}

func (r *run) printAttendance(p model.Placement, asJSON bool) error {
	rows := make([]attendanceJSON, len(p.Attendance))
	for i, a := range p.Attendance {
		pay := a.Pay(p.Allowance)
		rows[i] = attendanceJSON{a.Month, a.Present, a.Absent, a.Leave, pay.DailyRate, pay.Deduction, pay.Amount}
	}
	if asJSON {
		return printJSON(r, rows)
	}
	t := r.table("col.month", "col.present", "col.absent", "col.leave", "col.daily_rate", "col.deduction", "col.amount")
	for _, a := range rows {
		t.row(a.Month, strconv.Itoa(a.Present), strconv.Itoa(a.Absent), strconv.Itoa(a.Leave),
			fmt.Sprintf("%.2f", a.DailyRate), strconv.Itoa(a.Deduction), strconv.Itoa(a.Amount))
	}
	err := t.print(len(rows))
	r.absenceNote(p)
	return err
}

// leaveCmd: leave request NO --from D --to D --reason R; leave approve|refuse
// NO --id N [--note T]; leave list NO [--json].
func (r *run) leaveCmd(args []string) error {
	if len(args) == 0 {
		return r.usage("cli.usage_leave")
	}
	what := args[0]
	fs := r.flags("leave " + what)
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	reason := fs.String("reason", "", "")
	id := fs.Int("id", 0, "")
	note := fs.String("note", "", "")
	asJSON := fs.Bool("json", false, "")
	pos, err := r.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return r.usage("cli.usage_leave")
	}
	switch what {
	case "request":
		in := dispatch.LeaveInput{Reason: *reason}
		if in.From, err = parseDateFlag("leave_from", *from, true); err != nil {
			return err
		}
		if in.To, err = parseDateFlag("leave_to", *to, true); err != nil {
			return err
		}
		return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
			p, err := svc.RequestLeave(sess, pos[0], in)
			if err != nil {
				return err
			}
			l := p.Leaves[len(p.Leaves)-1]
			for _, x := range p.Leaves {
				if x.ID > l.ID {
					l = x
				}
			}
			r.say("cli.leave_requested", p.No, l.ID, l.From, l.To, l.Days())
			return nil
		})
	case "approve", "refuse":
		if *id <= 0 {
			return r.usage("cli.usage_leave")
		}
		d := dispatch.LeaveDecision{ID: *id, Approve: what == "approve", Note: *note}
		return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
			p, err := svc.DecideLeave(sess, pos[0], d)
			if err != nil {
				return err
			}
			l := p.Leaves[p.LeaveByID(d.ID)]
			r.say("cli.leave_decided", p.No, l.ID, r.term(model.LeaveStatuses, l.Status))
			return nil
		})
	case "list":
		return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
			p, err := svc.Placement(sess, pos[0])
			if err != nil {
				return err
			}
			if *asJSON {
				return printJSON(r, p.Leaves)
			}
			t := r.table("col.id", "col.from", "col.to", "col.days", "col.reason", "col.status", "col.note")
			for _, l := range p.Leaves {
				t.row(strconv.Itoa(l.ID), l.From.String(), l.To.String(), strconv.Itoa(l.Days()), l.Reason,
					r.term(model.LeaveStatuses, l.Status), l.Note)
			}
			return t.print(len(p.Leaves))
		})
	}
	return r.usage("cli.usage_leave")
}

// logCmd: log add NO --period P --text T; log read NO --id N [--comment T];
// log list NO [--json]; log stats [--platform P] [--json].
func (r *run) logCmd(args []string) error {
	if len(args) == 0 {
		return r.usage("cli.usage_log")
	}
	what := args[0]
	fs := r.flags("log " + what)
	period := fs.String("period", "", "")
	text := fs.String("text", "", "")
	id := fs.Int("id", 0, "")
	comment := fs.String("comment", "", "")
	platform := fs.String("platform", "", "")
	asJSON := fs.Bool("json", false, "")
	pos, err := r.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if what == "stats" {
		if len(pos) != 0 {
			return r.usage("cli.usage_log")
		}
		return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
			rep, err := svc.LogStats(sess, *platform)
			if err != nil {
				return err
			}
			return r.printLogStats(rep, *asJSON)
		})
	}
	if len(pos) != 1 {
		return r.usage("cli.usage_log")
	}
	switch what {
	case "add":
		if *period == "" {
			return r.usage("cli.usage_log")
		}
		return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
			p, err := svc.AddLog(sess, pos[0], dispatch.LogInput{Period: *period, Text: *text})
			if err != nil {
				return err
			}
			n := p.NextLogID() - 1
			r.say("cli.log_added", p.No, p.Logs[p.LogByID(n)].Period, n)
			return nil
		})
	case "read":
		if *id <= 0 {
			return r.usage("cli.usage_log")
		}
		return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
			p, err := svc.ReadLog(sess, pos[0], dispatch.LogReadInput{ID: *id, Comment: *comment})
			if err != nil {
				return err
			}
			r.say("cli.log_read", p.No, *id)
			return nil
		})
	case "list":
		return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
			p, err := svc.Placement(sess, pos[0])
			if err != nil {
				return err
			}
			if *asJSON {
				return printJSON(r, p.Logs)
			}
			t := r.table("col.id", "col.period", "col.uni_read", "col.platform_read", "col.text")
			read := func(l *model.LogRead) string {
				if l == nil {
					return "—"
				}
				return l.At.In(r.env.Now().Location()).Format("2006-01-02")
			}
			for _, l := range p.Logs {
				text := []rune(l.Text)
				if len(text) > 30 {
					text = append(text[:30], '…')
				}
				t.row(strconv.Itoa(l.ID), l.Period, read(l.UniRead), read(l.PlatformRead), string(text))
			}
			return t.print(len(p.Logs))
		})
	}
	return r.usage("cli.usage_log")
}

func (r *run) printLogStats(rep dispatch.LogReport, asJSON bool) error {
	if asJSON {
		return printJSON(r, rep.Placements)
	}
	pct := func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }
	t := r.table("col.agreement_no", "col.name", "col.platform", "col.expected", "col.written", "col.gaps", "col.review_rate")
	for _, s := range rep.Placements {
		t.row(s.No, s.StudentName, s.Platform, strconv.Itoa(s.Expected), strconv.Itoa(s.Written),
			strconv.Itoa(len(s.Gaps)), pct(s.ReviewRate))
	}
	if err := t.print(len(rep.Placements)); err != nil {
		return err
	}
	t = r.table("col.platform", "col.placements", "col.expected", "col.written", "col.gaps", "col.review_rate")
	for _, s := range rep.Platforms {
		t.row(s.Platform, strconv.Itoa(s.Placements), strconv.Itoa(s.Expected), strconv.Itoa(s.Written),
			strconv.Itoa(s.Gaps), pct(s.ReviewRate))
	}
	return t.print(len(rep.Platforms))
}

// placementOnSite runs placement midterm|assess|marks|returned|override-absence.
func (r *run) placementOnSite(what string, args []string) error {
	fs := r.flags("placement " + what)
	date := fs.String("date", "", "")
	note := fs.String("note", "", "")
	reason := fs.String("reason", "", "")
	progress := fs.String("progress", "", "")
	problems := fs.String("problems", "", "")
	uniOpinion := fs.String("university-opinion", "", "")
	platformOpinion := fs.String("platform-opinion", "", "")
	result := fs.String("result", "", "")
	uniMark := fs.String("university-mark", "", "")
	platformMark := fs.String("platform-mark", "", "")
	defenceMark := fs.String("defence-mark", "", "")
	copies := fs.String("copies", "", "")
	receivedBy := fs.String("received-by", "", "")
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return r.usage("cli.usage_onsite")
	}
	no := pos[0]
	var marks dispatch.MarksInput
	if marks.University, err = markFlag("university_mark", *uniMark); err != nil {
		return err
	}
	if marks.Platform, err = markFlag("platform_mark", *platformMark); err != nil {
		return err
	}
	if marks.Defence, err = markFlag("defence_mark", *defenceMark); err != nil {
		return err
	}
	day, err := parseDateFlag("date", *date, what == "returned")
	if err != nil {
		return err
	}
	var call func(svc dispatch.API, sess *dispatch.Session) (model.Placement, error)
	switch what {
	case "midterm":
		m := model.Midterm{On: day, Progress: *progress, Problems: *problems, UniOpinion: *uniOpinion,
			PlatformOpinion: *platformOpinion, Result: *result}
		call = func(svc dispatch.API, sess *dispatch.Session) (model.Placement, error) {
			return svc.RecordMidterm(sess, no, m, 0)
		}
	case "assess":
		in := dispatch.AssessInput{MarksInput: marks, Date: day, Note: *note}
		call = func(svc dispatch.API, sess *dispatch.Session) (model.Placement, error) {
			return svc.Assess(sess, no, in)
		}
	case "marks":
		call = func(svc dispatch.API, sess *dispatch.Session) (model.Placement, error) {
			return svc.RecordMarks(sess, no, marks)
		}
	case "returned":
		n, err := intFlag("copies", *copies)
		if err != nil {
			return err
		}
		ret := model.AgreementReturn{On: day, Copies: n, ReceivedBy: *receivedBy}
		call = func(svc dispatch.API, sess *dispatch.Session) (model.Placement, error) {
			return svc.RecordReturn(sess, no, ret, 0)
		}
	case "override-absence":
		call = func(svc dispatch.API, sess *dispatch.Session) (model.Placement, error) {
			return svc.OverrideAbsence(sess, no, *reason, 0)
		}
	default:
		return r.usage("cli.usage_onsite")
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		p, err := call(svc, sess)
		if err != nil {
			return err
		}
		switch what {
		case "assess":
			m := p.Marks
			r.say("cli.assessed", p.No, *m.University, *m.Platform, *m.Defence, m.Weights.University, m.Weights.Platform,
				m.Weights.Defence, model.Num(m.Score), r.term(model.Assessments, m.Grade), r.term(model.Assessments, p.Assessment))
			if m.AbsenceFail {
				off, total := p.AbsenceShare()
				r.note("cli.absence_failed", off, total)
			}
		case "returned":
			r.say("cli.returned", p.No, p.Returned.On, p.Returned.Copies, p.Returned.ReceivedBy)
		default:
			r.say("cli.departure_done", i18n.OpName(r.lang, opOf[what]), p.No)
		}
		return nil
	})
}

var opOf = map[string]string{"midterm": "placement.midterm", "marks": "placement.marks",
	"override-absence": "placement.absence_override"}

// universitySettings runs university weights NAME --university W --platform W
// --defence W, and university logs NAME weekly|monthly.
func (r *run) universitySettings(what string, args []string) error {
	fs := r.flags("university " + what)
	uw := fs.Int("university", -1, "")
	pw := fs.Int("platform", -1, "")
	dw := fs.Int("defence", -1, "")
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case what == "weights" && (len(pos) != 1 || len(set) != 3):
		return r.usage("cli.usage_university")
	case what == "logs" && (len(pos) != 2 || len(set) != 0):
		return r.usage("cli.usage_university")
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		if what == "logs" {
			u, err := svc.SetLogCadence(sess, pos[0], pos[1])
			if err != nil {
				return err
			}
			r.say("cli.university_logs", u.Name, r.term(model.LogCadences, u.LogCadenceOf()))
			return nil
		}
		u, err := svc.SetAssessmentWeights(sess, pos[0], model.Weights{University: *uw, Platform: *pw, Defence: *dw})
		if err != nil {
			return err
		}
		w := u.AssessWeights()
		r.say("cli.university_weights", u.Name, w.University, w.Platform, w.Defence)
		return nil
	})
}

// remindersCmd lists the user's reminders.
func (r *run) remindersCmd(args []string) error {
	fs := r.flags("reminders")
	asJSON := fs.Bool("json", false, "")
	if pos, err := r.parse(fs, args); err != nil {
		return err
	} else if len(pos) != 0 {
		return r.usage("cli.usage_reminders")
	}
	return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
		rs, err := svc.Reminders(sess)
		if err != nil {
			return err
		}
		if *asJSON {
			return printJSON(r, rs)
		}
		t := r.table("col.kind", "col.key", "col.name", "col.platform", "col.due", "col.days_left")
		for _, m := range rs {
			left := i18n.T(r.lang, "cli.days_left", m.DaysLeft)
			if m.DaysLeft < 0 {
				left = i18n.T(r.lang, "cli.days_overdue", -m.DaysLeft)
			} else if m.DaysLeft == 0 {
				left = i18n.T(r.lang, "cli.due_today")
			}
			kind := r.term(model.ReminderKinds, m.Kind)
			if m.Detail != "" {
				kind += " " + m.Detail
			}
			t.row(kind, m.Key, m.Name, m.Platform, m.Due.String(), left)
		}
		return t.print(len(rs))
	})
}
