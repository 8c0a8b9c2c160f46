package model

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"time"
	"unicode/utf8"
)

// Attendance and leave while a student is on site. The host (the platform's
// HR, or the office on its behalf) records each month's days present, absent
// and on leave; the student asks for leave and the host or the office decides.
//
// The agreement's clause 4 promises that "丙方请假、缺勤超过规定时限的，乙方可按比例核减"
// (the allowance is cut in proportion when leave and absence exceed what is
// allowed). The desk reads it so: a month's daily rate is the monthly
// allowance divided by the days recorded for the month (present + absent +
// leave); LeaveAllowedPerMonth days of leave a month are paid, every other day
// not present is deducted at the daily rate, rounded to the yuan. A month is
// paid whole or cut, never prorated by calendar: the host records the working
// days of the month, partial months included.

// LeaveAllowedPerMonth is the days of leave a month that cost no allowance.
const LeaveAllowedPerMonth = 2

// MonthAttendance is one month's attendance at the platform.
type MonthAttendance struct {
	Month   string    `json:"month"` // YYYY-MM
	Present int       `json:"present"`
	Absent  int       `json:"absent"`
	Leave   int       `json:"leave"`
	By      string    `json:"by,omitempty"`
	At      time.Time `json:"at,omitzero"`
}

// Days returns the days recorded for the month.
func (a MonthAttendance) Days() int { return a.Present + a.Absent + a.Leave }

var monthRE = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$`)

// ParseMonth accepts 2026-11, 2026/11 and 2026年11月 and returns the first and
// last day of the month and its canonical form (2026-11).
func ParseMonth(s string) (first, last Date, canon string, err error) {
	m := monthRE.FindStringSubmatch(Clean(s))
	if m == nil {
		return Date{}, Date{}, "", Invalid("month", "month.format", s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	if mo < 1 || mo > 12 || y < 1900 {
		return Date{}, Date{}, "", Invalid("month", "month.format", s)
	}
	first = NewDate(y, time.Month(mo), 1)
	return first, first.AddDate(0, 1, -1), fmt.Sprintf("%04d-%02d", y, mo), nil
}

// Normalize checks a month's attendance against the placement: a month of the
// placement's period that has begun by today, no negative counts, some days
// and no more than the month has.
func (a *MonthAttendance) Normalize(p Placement, today Date) error {
	first, last, canon, err := ParseMonth(a.Month)
	if err != nil {
		return err
	}
	a.Month = canon
	var ps Problems
	switch {
	case last.Before(p.Start) || first.After(p.End):
		ps.add(Invalid("month", "attendance.outside", canon, p.Start, p.End))
	case first.After(today):
		ps.add(Invalid("month", "attendance.future", canon))
	}
	for _, f := range []struct {
		name string
		n    int
	}{{"present", a.Present}, {"absent", a.Absent}, {"leave", a.Leave}} {
		if f.n < 0 {
			ps.add(Invalid(f.name, "attendance.negative"))
		}
	}
	if n := a.Days(); n <= 0 || n > last.Day() {
		ps.add(Invalid("present", "attendance.days", n, canon, last.Day()))
	}
	return ps.err()
}

// MonthPay is what a month's attendance makes of the allowance.
type MonthPay struct {
	Allowance int     `json:"allowance"`  // the monthly allowance, yuan
	Days      int     `json:"days"`       // present + absent + leave
	DailyRate float64 `json:"daily_rate"` // allowance / days
	Payable   int     `json:"payable"`    // present + paid leave
	Deduction int     `json:"deduction"`  // yuan
	Amount    int     `json:"amount"`     // allowance - deduction
}

// Pay computes the month's allowance: payable days are the days present plus
// at most LeaveAllowedPerMonth days of leave; the deduction is the allowance
// less the daily rate times the payable days, rounded to the yuan.
func (a MonthAttendance) Pay(allowance int) MonthPay {
	mp := MonthPay{Allowance: allowance, Days: a.Days()}
	mp.Payable = a.Present + min(a.Leave, LeaveAllowedPerMonth)
	if mp.Days <= 0 {
		mp.Amount = allowance
		return mp
	}
	mp.DailyRate = float64(allowance) / float64(mp.Days)
	mp.Deduction = int(math.Round(float64(allowance) - float64(allowance)*float64(mp.Payable)/float64(mp.Days)))
	mp.Amount = allowance - mp.Deduction
	return mp
}

// AttendanceOf returns the placement's attendance for a month (YYYY-MM).
func (p Placement) AttendanceOf(month string) (MonthAttendance, bool) {
	for _, a := range p.Attendance {
		if a.Month == month {
			return a, true
		}
	}
	return MonthAttendance{}, false
}

// SetAttendance records a month's attendance, replacing an earlier record of
// the same month, keeping the months in order.
func (p *Placement) SetAttendance(a MonthAttendance) {
	for i := range p.Attendance {
		if p.Attendance[i].Month == a.Month {
			p.Attendance[i] = a
			return
		}
	}
	p.Attendance = append(p.Attendance, a)
	for i := len(p.Attendance) - 1; i > 0 && p.Attendance[i].Month < p.Attendance[i-1].Month; i-- {
		p.Attendance[i], p.Attendance[i-1] = p.Attendance[i-1], p.Attendance[i]
	}
}

// AbsenceShare returns the days absent or on leave and all days recorded, over
// every recorded month.
func (p Placement) AbsenceShare() (off, total int) {
	for _, a := range p.Attendance {
		off += a.Absent + a.Leave
		total += a.Days()
	}
	return off, total
}

// OverOneThird reports whether absence and leave exceed one third of the days
// recorded: the final result is then 不合格 unless the office overrides it
// (AbsenceOverride, with a reason).
func (p Placement) OverOneThird() bool {
	off, total := p.AbsenceShare()
	return total > 0 && off*3 > total
}

// FailsOnAbsence reports whether the one-third rule decides the result: over a
// third away and no override recorded.
func (p Placement) FailsOnAbsence() bool { return p.OverOneThird() && p.AbsenceOverride == "" }

// Leave statuses.
const (
	LeavePending  = "pending"
	LeaveApproved = "approved"
	LeaveRefused  = "refused"
)

// LeaveStatuses name the states of a leave request.
var LeaveStatuses = Terms{{LeavePending, "待审批", "Pending"}, {LeaveApproved, "已批准", "Approved"}, {LeaveRefused, "未批准", "Refused"}}

// Leave is a student's request for leave (请假) and its decision.
type Leave struct {
	ID          int       `json:"id"`
	From        Date      `json:"from"`
	To          Date      `json:"to"`
	Reason      string    `json:"reason"`
	Status      string    `json:"status"` // LeaveStatuses
	RequestedBy string    `json:"requested_by"`
	RequestedAt time.Time `json:"requested_at"`
	DecidedBy   string    `json:"decided_by,omitempty"`
	DecidedAt   time.Time `json:"decided_at,omitzero"`
	Note        string    `json:"note,omitempty"`
}

// Days returns the calendar days the leave spans.
func (l Leave) Days() int { return int(l.To.Time().Sub(l.From.Time()).Hours()/24) + 1 }

// Normalize checks a leave request: dates inside the placement's period, in
// order, and a reason.
func (l *Leave) Normalize(p Placement) error {
	var ps Problems
	l.Reason = cleanFreeText("reason", l.Reason, 200, &ps)
	switch {
	case l.From.IsZero():
		ps.add(Invalid("leave_from", "field.required"))
	case l.To.IsZero():
		ps.add(Invalid("leave_to", "field.required"))
	case l.To.Before(l.From):
		ps.add(Invalid("leave_to", "period.order", l.From, l.To))
	case l.From.Before(p.Start) || l.To.After(p.End):
		ps.add(Invalid("leave_from", "leave.outside", p.Start, p.End))
	}
	return ps.err()
}

// LeaveByID returns the index of the leave numbered id, or -1.
func (p Placement) LeaveByID(id int) int {
	for i, l := range p.Leaves {
		if l.ID == id {
			return i
		}
	}
	return -1
}

// CleanNote trims an optional note (a decision's, a reader's comment) and
// bounds its length.
func CleanNote(field, s string, max int) (string, error) {
	s = CleanText(s)
	if utf8.RuneCountInString(s) > max {
		return s, Invalid(field, "field.too_long", max)
	}
	return s, nil
}
