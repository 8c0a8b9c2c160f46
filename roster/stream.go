package roster

import (
	"strings"

	"secondment/model"
	"secondment/sheet"
)

// Stream reads a roster row by row as sheet.Scan hands the rows over. It keeps
// the first rows until it has found the header among them, then reads each
// data row into its record at once, keeping the records that read well and the
// faults of the others, never the sheet: an import of 100,000 rows holds
// 100,000 records, not also the 100 MiB table they came from.
type Stream struct {
	kind  Kind
	key   string // the field a data row must fill (footer rows lack it)
	today model.Date

	head     []sheet.Row // the rows before the header is known
	layout   Layout
	located  bool
	err      error // the header's refusal
	inFooter bool
	rec      record
	errs     []model.RowError
	words    map[string]string // see intern

	// What was read, by kind: the rows without faults.
	Students     []StudentRow
	Platforms    []PlatformRow
	Appointments []AppointmentRow
}

// NewStream starts reading a roster of kind k; today dates the checks (an
// enrolment year in the future is refused).
func NewStream(k Kind, today model.Date) *Stream {
	key := "name"
	if k == Students {
		key = "number"
	}
	return &Stream{kind: k, key: key, today: today}
}

// Row takes the next row of the sheet; it is sheet.Scan's function. When the
// first rows hold no header it returns the refusal, which ends the scan.
func (s *Stream) Row(info *sheet.Info, r sheet.Row) error {
	if s.located {
		s.data(info, r)
		return nil
	}
	r.Cells = append([]string(nil), r.Cells...) // the scan reuses them
	if r.Kinds != nil {
		r.Kinds = append([]sheet.Kind(nil), r.Kinds...)
	}
	if s.head = append(s.head, r); len(s.head) < headRows {
		return nil
	}
	return s.locate(info)
}

// Finish ends the reading: the header's layout with the counts of rows read
// and ignored, every fault in the order found, or the header's refusal.
func (s *Stream) Finish(info *sheet.Info) (Layout, []model.RowError, error) {
	if !s.located {
		s.locate(info)
	}
	if s.err != nil {
		return s.layout, nil, s.err
	}
	return s.layout, s.errs, nil
}

// locate finds the header among the rows kept, then reads those below it.
func (s *Stream) locate(info *sheet.Info) error {
	s.located = true
	s.layout, s.err = locate(s.head, s.kind)
	if s.err != nil {
		return s.err
	}
	for _, r := range s.head[s.layout.first:] {
		s.data(info, r)
	}
	s.head = nil
	return nil
}

// readTable reads a table already in memory.
func (s *Stream) readTable(t *sheet.Table) (Layout, []model.RowError, error) {
	for _, r := range t.Rows {
		if err := s.Row(&t.Info, r); err != nil {
			break
		}
	}
	return s.Finish(&t.Info)
}

// data reads one row below the header. A row none of whose fields is filled
// (a serial number alone, a blank line) and the footer rows (a row with a
// footer mark and no key, and any keyless row below one) are counted as
// ignored, not read.
func (s *Stream) data(info *sheet.Info, row sheet.Row) {
	l := &s.layout
	s.rec = record{row: row, info: info, layout: l, errs: s.rec.errs[:0]}
	r := &s.rec
	filled := 0
	for _, i := range l.Col {
		if model.Clean(row.Cell(i)) != "" {
			filled++
		}
	}
	keyText := model.Clean(r.raw(s.key))
	// Below a footer row, a row with hardly anything in it (a date line, a
	// seal) is footer too.
	footer := s.inFooter && filled < 3
	// A footer row fills few fields: a student row that merely lacks its
	// number (and has 备注：… in a notes column) is still read, and refused
	// for the missing number.
	if (keyText == "" || hasFooterMark(keyText)) && filled < 5 {
		footer = footer || s.inFooter && keyText == ""
		for _, c := range row.Cells {
			if hasFooterMark(c) {
				footer = true
				break
			}
		}
	}
	if filled == 0 || footer {
		s.inFooter = s.inFooter || footer
		l.Ignored++
		return
	}
	l.Rows++
	switch s.kind {
	case Students:
		if st, ok := r.student(s.today); ok {
			s.internStudent(&st.Student)
			s.Students = append(s.Students, st)
		}
	case Platforms:
		if p, ok := r.platform(); ok {
			s.Platforms = append(s.Platforms, p)
		}
	default:
		if a, ok := r.appointment(); ok {
			s.Appointments = append(s.Appointments, a)
		}
	}
	s.errs = append(s.errs, r.errs...)
}

// internStudent shares the words every row of a roster repeats (university,
// school, major, degree, gender), so 100,000 records hold each once.
func (s *Stream) internStudent(st *model.Student) {
	for _, f := range []*string{&st.Gender, &st.University, &st.School, &st.Major, &st.Degree, &st.DegreeType} {
		*f = s.intern(*f)
	}
}

func (s *Stream) intern(v string) string {
	if w, ok := s.words[v]; ok {
		return w
	}
	if s.words == nil {
		s.words = map[string]string{}
	}
	if len(s.words) < 1<<14 {
		v = strings.Clone(v)
		s.words[v] = v
	}
	return v
}
