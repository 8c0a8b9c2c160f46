package roster

import (
	"math"
	"strconv"
	"strings"
	"time"

	"secondment/model"
	"secondment/sheet"
)

// Layout is where a sheet's header is and which column holds which field.
type Layout struct {
	HeaderRow int            // the header's row number in the sheet
	Header    []string       // the header cells as written
	Col       map[string]int // field → 0-based column
	first     int            // index in Table.Rows of the first data row
}

// Locate finds the header row among the first rows of the sheet (offices put a
// title, often merged, above it) and maps its columns. A missing required column
// or a sheet with no recognisable header is refused before any row is read.
func Locate(t *sheet.Table, k Kind) (Layout, error) {
	cols := columnsOf(k)
	best, bestScore := -1, 0
	for i := 0; i < len(t.Rows) && i < 10; i++ {
		score := 0
		for _, c := range cols {
			for _, h := range t.Rows[i].Cells {
				if c.matches(h) {
					score++
					break
				}
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	var titles []string
	for _, c := range cols {
		if c.required {
			titles = append(titles, c.title)
		}
	}
	if best < 0 || bestScore < 2 {
		return Layout{}, model.Errorf(model.EInvalid, "import.no_header", titles)
	}
	row := t.Rows[best]
	l := Layout{HeaderRow: row.Num, Header: row.Cells, Col: map[string]int{}, first: best + 1}
	var missing []string
	for _, c := range cols {
		for i, h := range row.Cells {
			if c.matches(h) {
				l.Col[c.field] = i
				break
			}
		}
		if _, ok := l.Col[c.field]; !ok && c.required {
			missing = append(missing, c.title)
		}
	}
	if len(missing) > 0 {
		return l, model.Errorf(model.EInvalid, "import.missing_columns", missing, row.Num)
	}
	return l, nil
}

// record reads one data row through the layout.
type record struct {
	row    sheet.Row
	layout Layout
	cols   []column
	errs   []model.RowError
}

func (r *record) raw(field string) string {
	i, ok := r.layout.Col[field]
	if !ok {
		return ""
	}
	return r.row.Cell(i)
}

func (r *record) title(field string) string {
	for _, c := range r.cols {
		if c.field == field {
			if i, ok := r.layout.Col[field]; ok && i < len(r.layout.Header) {
				return model.Clean(r.layout.Header[i])
			}
			return c.title
		}
	}
	return field
}

func (r *record) fail(field string, err error) {
	e, ok := err.(*model.Error)
	if !ok {
		e = &model.Error{Code: model.EInvalid, Key: "invalid", Err: err}
	}
	r.errs = append(r.errs, model.RowError{Row: r.row.Num, Column: r.title(field), Value: model.Clean(r.raw(field)), Err: e})
}

// problems turns a record's validation problems into row errors.
func (r *record) problems(err error) {
	if err == nil {
		return
	}
	if ps, ok := err.(model.Problems); ok {
		for _, p := range ps {
			r.fail(p.Field, p)
		}
		return
	}
	if e, ok := err.(*model.Error); ok {
		r.fail(e.Field, e)
		return
	}
	r.fail("", err)
}

// text returns a cleaned text cell; numbers Excel wrote in scientific notation
// (a long number typed without a leading apostrophe) are written out.
func (r *record) text(field string) string {
	s := model.Clean(r.raw(field))
	if strings.ContainsAny(s, "eE") && !strings.ContainsAny(s, "@") {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1e15 {
			return strconv.FormatFloat(f, 'f', 0, 64)
		}
	}
	if strings.HasSuffix(s, ".0") {
		if _, err := strconv.Atoi(s[:len(s)-2]); err == nil {
			return s[:len(s)-2] // an integer stored as a float
		}
	}
	return s
}

// excelEpoch is day 0 of Excel's 1900 date system (with its 1900 leap-year bug
// folded in, as every reader does).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// date reads a date cell: an Excel serial number or text such as 2024/9/1 or
// 2024年9月1日.
func (r *record) date(field string) model.Date {
	s := model.CleanCode(r.raw(field))
	if s == "" {
		return model.Date{}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < 1 || f > 2958465 {
			r.fail(field, model.Errorf(model.EInvalid, "date.format", s))
			return model.Date{}
		}
		return model.DateOf(excelEpoch.AddDate(0, 0, int(f)))
	}
	d, err := model.ParseDate(s)
	if err != nil {
		r.fail(field, err)
	}
	return d
}

// year reads 2024, 2024级, 2024年, 2024届 or a date in 2024.
func (r *record) year(field string) int {
	s := strings.TrimRight(model.CleanCode(r.raw(field)), "级年届")
	if s == "" {
		return 0
	}
	if n, err := strconv.Atoi(strings.TrimSuffix(s, ".0")); err == nil && n >= 1000 && n < 10000 {
		return n
	}
	if d := r.date(field); !d.IsZero() {
		return d.Year()
	}
	r.fail(field, model.Errorf(model.EInvalid, "import.year", s))
	return -1
}

// percent reads 30, 30%, 0.3 or 30.0 as 30.
func (r *record) percent(field string) int {
	s := strings.TrimSuffix(model.CleanCode(r.raw(field)), "%")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		r.fail(field, model.Errorf(model.EInvalid, "import.percent", s))
		return 0
	}
	if f > 0 && f <= 1 && strings.Contains(s, ".") {
		f *= 100
	}
	return int(math.Round(f))
}

// rows calls fn for every data row below the header.
func rows(t *sheet.Table, l Layout, k Kind, fn func(r *record)) []model.RowError {
	var errs []model.RowError
	for _, row := range t.Rows[l.first:] {
		r := &record{row: row, layout: l, cols: columnsOf(k)}
		fn(r)
		errs = append(errs, r.errs...)
	}
	return errs
}

// StudentRow is one student read from a sheet.
type StudentRow struct {
	Row     int
	Student model.Student
}

// ReadStudents reads and validates every student row. Rows with faults are left
// out of the result and reported; the caller writes nothing if any are.
func ReadStudents(t *sheet.Table, today model.Date) ([]StudentRow, Layout, []model.RowError, error) {
	l, err := Locate(t, Students)
	if err != nil {
		return nil, l, nil, err
	}
	var out []StudentRow
	errs := rows(t, l, Students, func(r *record) {
		st := model.Student{
			Number: r.text("number"), Name: r.text("name"), Gender: r.text("gender"), University: r.text("university"),
			School: r.text("school"), Major: r.text("major"), Degree: r.text("degree"), DegreeType: r.text("degree_type"),
			EnrolmentYear: r.year("enrolment_year"), Supervisor: r.text("supervisor"), Mobile: r.text("mobile"),
			Email: r.text("email"), IDNumber: r.raw("id_number"),
		}
		if strings.ContainsAny(st.IDNumber, "eE+") && strings.Contains(st.IDNumber, ".") {
			r.fail("id_number", model.Errorf(model.EInvalid, "import.id_as_number"))
			return
		}
		n := len(r.errs)
		if st.EnrolmentYear < 0 {
			st.EnrolmentYear = 0
		}
		err := st.Normalize(today)
		if n > 0 && st.EnrolmentYear == 0 {
			err = dropField(err, "enrolment_year") // already reported as unreadable
		}
		r.problems(err)
		if len(r.errs) == 0 {
			out = append(out, StudentRow{Row: r.row.Num, Student: st})
		}
	})
	return out, l, errs, nil
}

// dropField removes a field's problems (already reported another way).
func dropField(err error, field string) error {
	ps, ok := err.(model.Problems)
	if !ok {
		return err
	}
	var kept model.Problems
	for _, p := range ps {
		if p.Field != field {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return nil
	}
	return kept
}

// PlatformRow is one platform read from a sheet.
type PlatformRow struct {
	Row      int
	Platform model.Platform
}

// ReadPlatforms reads and validates every platform row.
func ReadPlatforms(t *sheet.Table) ([]PlatformRow, Layout, []model.RowError, error) {
	l, err := Locate(t, Platforms)
	if err != nil {
		return nil, l, nil, err
	}
	var out []PlatformRow
	errs := rows(t, l, Platforms, func(r *record) {
		p := model.Platform{Name: r.text("name"), Kind: r.text("kind"), Level: r.text("level"), Host: r.text("host"),
			LegalType: r.text("legal_type"), Chain: r.text("chain"), Status: r.text("status"),
			Contact: r.text("contact"), Phone: r.text("phone")}
		r.problems(p.Normalize())
		if len(r.errs) == 0 {
			out = append(out, PlatformRow{Row: r.row.Num, Platform: p})
		}
	})
	return out, l, errs, nil
}

// AppointmentRow is one dual appointment read from a sheet.
type AppointmentRow struct {
	Row         int
	Appointment model.Appointment
}

// ReadAppointments reads and validates every dual-appointment row.
func ReadAppointments(t *sheet.Table) ([]AppointmentRow, Layout, []model.RowError, error) {
	l, err := Locate(t, Appointments)
	if err != nil {
		return nil, l, nil, err
	}
	var out []AppointmentRow
	errs := rows(t, l, Appointments, func(r *record) {
		a := model.Appointment{Name: r.text("name"), Kind: r.text("kind"), University: r.text("university"),
			UniPost: r.text("uni_post"), Platform: r.text("platform"), PlatformPost: r.text("platform_post"),
			Start: r.date("start"), End: r.date("end"), Share: r.percent("share")}
		if len(r.errs) > 0 {
			return
		}
		r.problems(a.Normalize())
		if len(r.errs) == 0 {
			out = append(out, AppointmentRow{Row: r.row.Num, Appointment: a})
		}
	})
	return out, l, errs, nil
}
