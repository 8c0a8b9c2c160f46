package model

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Work logs (工作日志): the student writes one a week or one a month, as the
// university chooses (weekly by default); the university supervisor and the
// platform supervisor each mark a log read, with an optional comment.

// Log cadences.
const (
	Weekly  = "weekly"
	Monthly = "monthly"
)

// LogCadences name the cadences.
var LogCadences = Terms{{Weekly, "每周", "Weekly"}, {Monthly, "每月", "Monthly"}}

// MaxLogText is the longest log, in characters.
const MaxLogText = 2000

// LogCadenceOf returns the university's cadence, weekly when it chose none.
func (u University) LogCadenceOf() string {
	if u.LogCadence == Monthly {
		return Monthly
	}
	return Weekly
}

var weekRE = regexp.MustCompile(`^(\d{4})-?[Ww](\d{1,2})$`)

// ParsePeriod reads a log period of the cadence — 2026-W48 (ISO week) or
// 2026-11 — and returns its canonical form and its first and last day.
func ParsePeriod(cadence, s string) (canon string, first, last Date, err error) {
	s = Clean(s)
	if cadence == Monthly {
		first, last, canon, err = ParseMonth(s)
		if err != nil {
			return "", Date{}, Date{}, Invalid("period", "log.period_monthly", s)
		}
		return canon, first, last, nil
	}
	m := weekRE.FindStringSubmatch(s)
	if m == nil {
		return "", Date{}, Date{}, Invalid("period", "log.period_weekly", s)
	}
	y, _ := strconv.Atoi(m[1])
	w, _ := strconv.Atoi(m[2])
	first = isoWeekMonday(y, w)
	if gy, gw := first.Time().ISOWeek(); w < 1 || gy != y || gw != w {
		return "", Date{}, Date{}, Invalid("period", "log.period_weekly", s)
	}
	return fmt.Sprintf("%04d-W%02d", y, w), first, first.AddDate(0, 0, 6), nil
}

// isoWeekMonday returns the Monday of ISO week w of year y (4 January is
// always in week 1).
func isoWeekMonday(y, w int) Date {
	jan4 := NewDate(y, time.January, 4)
	back := (int(jan4.Time().Weekday()) + 6) % 7
	return jan4.AddDate(0, 0, -back+7*(w-1))
}

// PeriodOf returns the period of the cadence holding day d.
func PeriodOf(cadence string, d Date) string {
	if cadence == Monthly {
		return fmt.Sprintf("%04d-%02d", d.Year(), int(d.Month()))
	}
	y, w := d.Time().ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// FullPeriods returns, in order, the periods of the cadence that touch [from,
// to] and have ended by the day before today: the periods a log is owed for.
func FullPeriods(cadence string, from, to, today Date) []string {
	var out []string
	for d := from; !d.After(to); {
		last := PeriodEnd(cadence, d)
		if !last.Before(today) {
			break
		}
		out = append(out, PeriodOf(cadence, d))
		d = last.AddDate(0, 0, 1)
	}
	return out
}

// PeriodEnd returns the last day of the period of the cadence holding day d:
// the Sunday of its ISO week, or the last day of its month.
func PeriodEnd(cadence string, d Date) Date {
	if cadence == Monthly {
		return NewDate(d.Year(), d.Month()+1, 0)
	}
	return d.AddDate(0, 0, (7-int(d.Time().Weekday()))%7)
}

// LogEntry is one work log.
type LogEntry struct {
	ID     int       `json:"id"`
	Period string    `json:"period"`
	Text   string    `json:"text"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	// The supervisors' reading: the university supervisor's (recorded by the
	// office on their behalf) and the platform supervisor's (by the platform's
	// HR).
	UniRead      *LogRead `json:"uni_read,omitempty"`
	PlatformRead *LogRead `json:"platform_read,omitempty"`
}

// LogRead is a supervisor's mark that a log was read.
type LogRead struct {
	By      string    `json:"by"`
	At      time.Time `json:"at"`
	Comment string    `json:"comment,omitempty"`
}

// LogByID returns the index of the log numbered id, or -1.
func (p Placement) LogByID(id int) int {
	for i, l := range p.Logs {
		if l.ID == id {
			return i
		}
	}
	return -1
}

// LogOf returns the index of the log for a period, or -1.
func (p Placement) LogOf(period string) int {
	for i, l := range p.Logs {
		if l.Period == period {
			return i
		}
	}
	return -1
}

// NextID returns the next number for a placement's logs or leaves.
func nextID[T any](xs []T, id func(T) int) int {
	n := 0
	for _, x := range xs {
		n = max(n, id(x))
	}
	return n + 1
}

// NextLogID returns the number the next log gets.
func (p Placement) NextLogID() int { return nextID(p.Logs, func(l LogEntry) int { return l.ID }) }

// NextLeaveID returns the number the next leave request gets.
func (p Placement) NextLeaveID() int { return nextID(p.Leaves, func(l Leave) int { return l.ID }) }
