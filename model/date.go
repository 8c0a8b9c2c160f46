package model

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"time"
)

// Date is a calendar day with no time of day or zone: placements start and end on
// days, not instants. The zero Date means "not set".
type Date struct{ t time.Time }

// NewDate returns the given day; it normalises like time.Date does.
func NewDate(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the day of t in t's own location.
func DateOf(t time.Time) Date { return NewDate(t.Year(), t.Month(), t.Day()) }

var dateRE = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

// ParseDate accepts 2024-09-01, 2024/9/1, 2024.9.1 and 2024年9月1日, in full-width
// digits too, and refuses days that do not exist (2024-02-30).
func ParseDate(s string) (Date, error) {
	m := dateRE.FindStringSubmatch(Clean(s))
	if m == nil {
		return Date{}, Errorf(EInvalid, "date.format", s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := NewDate(y, time.Month(mo), d)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d || y < 1900 {
		return Date{}, Errorf(EInvalid, "date.nonexistent", s)
	}
	return t, nil
}

// MustDate is ParseDate for literals in tests and sample data.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func (d Date) IsZero() bool             { return d.t.IsZero() }
func (d Date) Year() int                { return d.t.Year() }
func (d Date) Month() time.Month        { return d.t.Month() }
func (d Date) Day() int                 { return d.t.Day() }
func (d Date) Time() time.Time          { return d.t }
func (d Date) Before(o Date) bool       { return d.t.Before(o.t) }
func (d Date) After(o Date) bool        { return d.t.After(o.t) }
func (d Date) AddDate(y, m, n int) Date { return Date{d.t.AddDate(y, m, n)} }

// String returns YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2006-01-02")
}

// Earlier is the earlier of two days; Later the later.
func Earlier(a, b Date) Date {
	if a.Before(b) {
		return a
	}
	return b
}

func Later(a, b Date) Date {
	if a.After(b) {
		return a
	}
	return b
}

func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if n := len(b); n >= 2 && b[0] == '"' && b[n-1] == '"' && !bytes.ContainsAny(b[1:n-1], `\"`) {
		// The form MarshalJSON writes: read it without a second decoder
		// (decoding placements spends a tenth of its time here otherwise).
		s = string(b[1 : n-1])
	} else if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return err
	}
	*d = Date{t}
	return nil
}
