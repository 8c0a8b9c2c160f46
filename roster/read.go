package roster

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"secondment/model"
	"secondment/sheet"
)

// Layout is where a sheet's header is and which column holds which field.
type Layout struct {
	Kind      Kind
	HeaderRow int            // the header's row number in the sheet
	Header    []string       // the header cells as written
	Col       map[string]int // field → 0-based column
	first     int            // index in Table.Rows of the first data row
	// Rows counts the data rows read; Ignored the rows below the header that
	// hold no record (totals, signatures, rows with only a serial number).
	Rows, Ignored int
}

// Title returns the header of field's column as the clerk wrote it, or "" if
// the sheet has no such column.
func (l Layout) Title(field string) string {
	if i, ok := l.Col[field]; ok && i < len(l.Header) {
		return model.Clean(l.Header[i])
	}
	return ""
}

// headRows is how far down a sheet its header is looked for.
const headRows = 10

// Locate finds the header row among the first rows of the sheet (offices put a
// title, often merged, above it) and maps its columns. A missing required column
// or a sheet with no recognisable header is refused before any row is read.
func Locate(t *sheet.Table, k Kind) (Layout, error) { return locate(t.Rows, k) }

// locate is Locate on the sheet's first rows.
func locate(head []sheet.Row, k Kind) (Layout, error) {
	cols := columnsOf(k)
	best, bestScore := -1, 0
	for i := 0; i < len(head) && i < headRows; i++ {
		score := 0
		for _, c := range cols {
			for _, h := range head[i].Cells {
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
		return Layout{Kind: k}, model.Errorf(model.EInvalid, "import.no_header", titles)
	}
	row := head[best]
	l := Layout{Kind: k, HeaderRow: row.Num, Header: row.Cells, Col: map[string]int{}, first: best + 1}
	taken := map[int]bool{}
	var missing []string
	for _, c := range cols {
		// The best-ranked header wins: 手机号码 over 联系电话.
		at, rank := -1, 0
		for i, h := range row.Cells {
			if r := c.rank(h); r >= 0 && !taken[i] && (at < 0 || r < rank) {
				at, rank = i, r
			}
		}
		if at >= 0 {
			l.Col[c.field] = at
			taken[at] = true
		} else if c.required {
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
	info   *sheet.Info
	layout *Layout
	errs   []model.RowError
}

func (r *record) raw(field string) string {
	i, ok := r.layout.Col[field]
	if !ok {
		return ""
	}
	return r.row.Cell(i)
}

func (r *record) kind(field string) sheet.Kind {
	i, ok := r.layout.Col[field]
	if !ok {
		return sheet.Text
	}
	return r.row.Kind(i)
}

func (r *record) fail(field string, err error) {
	e, ok := err.(*model.Error)
	if !ok {
		e = &model.Error{Code: model.EInvalid, Key: "invalid", Err: err}
	}
	value := model.Clean(r.raw(field))
	if field == "id_number" {
		value = model.MaskIDNumber(model.CleanCode(value))
	}
	r.errs = append(r.errs, model.RowError{Row: r.row.Num, Field: field, Column: r.layout.Title(field), Value: value, Err: e})
}

// failed reports whether field already has a fault.
func (r *record) failed(field string) bool {
	for _, e := range r.errs {
		if e.Field == field {
			return true
		}
	}
	return false
}

// problems turns a record's validation problems into row errors, skipping
// fields already reported another way.
func (r *record) problems(err error) {
	if err == nil {
		return
	}
	if ps, ok := err.(model.Problems); ok {
		for _, p := range ps {
			if !r.failed(p.Field) {
				r.fail(p.Field, p)
			}
		}
		return
	}
	if e, ok := err.(*model.Error); ok {
		if !r.failed(e.Field) {
			r.fail(e.Field, e)
		}
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

// code reads a cell holding an identifier (a number, a mobile): a number
// stored as a Number with more digits than a spreadsheet keeps (15) has lost
// its last ones, and is refused rather than read altered.
func (r *record) code(field string) string {
	s := r.text(field)
	if r.kind(field) == sheet.Number && lostDigits(model.CleanCode(r.raw(field))) {
		r.fail(field, model.Errorf(model.EInvalid, "import.number_lost_digits"))
	}
	return s
}

// lostDigits reports whether a number as a spreadsheet stored it has more
// than the 15 significant digits it can hold: in scientific notation, or
// written out with more digits.
func lostDigits(s string) bool {
	if strings.ContainsAny(s, "eE") {
		f, err := strconv.ParseFloat(s, 64)
		return err == nil && math.Abs(f) >= 1e15
	}
	return len(strings.TrimLeft(strings.SplitN(s, ".", 2)[0], "-+0")) > 15
}

// name reads a person's name: a Chinese name typed with spaces to line it up
// (郑 浩, 欧阳　娜娜) is written without them, so a search finds it; a Latin
// name keeps single spaces between its parts.
func (r *record) name(field string) string {
	return PersonName(r.raw(field))
}

// PersonName is the name as stored: see record.name.
func PersonName(s string) string {
	s = model.Clean(s)
	han := false
	for _, c := range s {
		if unicode.Is(unicode.Han, c) {
			han = true
			break
		}
	}
	if han {
		return strings.Map(func(c rune) rune {
			if unicode.IsSpace(c) {
				return -1
			}
			return c
		}, s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// date reads a date cell: a date-formatted cell, an Excel serial number (in
// the workbook's date system) or text such as 2024/9/1 or 2024年9月1日.
func (r *record) date(field string) model.Date {
	s := model.CleanCode(r.raw(field))
	if s == "" {
		return model.Date{}
	}
	if r.kind(field) != sheet.Date {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			t, ok := sheet.SerialDate(f, r.info.Date1904)
			if !ok {
				r.fail(field, model.Errorf(model.EInvalid, "date.format", s))
				return model.Date{}
			}
			return model.DateOf(t)
		}
	}
	d, err := model.ParseDate(s)
	if err != nil {
		r.fail(field, err)
	}
	return d
}

// yearRE matches the ways offices write an enrolment year: 2022, 2022级,
// 2022年, 2022届, 2022年9月, 2022-09, 2022/9, 2022.9, 2022.09.
var yearRE = regexp.MustCompile(`^(\d{4})(?:[级年届]|[-/.年]\d{1,2}月?(?:[-/.]\d{1,2}日?)?)?$`)

// year reads an enrolment year written any of those ways, or a date in it.
func (r *record) year(field string) int {
	s := model.CleanCode(r.raw(field))
	if s == "" {
		return 0
	}
	if r.kind(field) == sheet.Date {
		if d := r.date(field); !d.IsZero() {
			return d.Year()
		}
		return -1
	}
	if m := yearRE.FindStringSubmatch(s); m != nil {
		if n, _ := strconv.Atoi(m[1]); n >= 1000 {
			return n
		}
	}
	if n, err := strconv.Atoi(strings.TrimSuffix(s, ".0")); err == nil && n > 1000 && n < 10000 {
		return n
	}
	if d, err := model.ParseDate(s); err == nil {
		return d.Year()
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 10000 {
		// A date typed into a General cell: its serial number.
		if d := r.date(field); !d.IsZero() {
			return d.Year()
		}
		return -1
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

// footerMarks begin the rows offices put below a roster: totals, who made and
// checked it, signatures and seals, notes.
var footerMarks = []string{"合计", "总计", "小计", "共计", "制表", "填表", "填报", "审核", "审批", "复核", "负责人", "经办人",
	"签字", "签名", "签章", "盖章", "公章", "注：", "备注：", "说明："}

func hasFooterMark(s string) bool {
	s = strings.ReplaceAll(model.Clean(s), ":", "：")
	for _, m := range footerMarks {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// StudentRow is one student read from a sheet.
type StudentRow = model.StudentRow

// degreeWords reads the words offices use for a degree level and type:
// 硕士研究生, 博士研究生, 全日制硕士, 学硕 (academic master), 专硕, 学术型, 专业型 …
// It returns the canonical names, "" where the text says nothing.
func degreeWords(s string) (degree, kind string) {
	s = model.CleanCode(s)
	if s == "" {
		return "", ""
	}
	if code, ok := model.Degrees.Parse(s); ok {
		return model.Degrees.Name(code, "zh"), ""
	}
	if code, ok := model.DegreeTypes.Parse(s); ok {
		return "", model.DegreeTypes.Name(code, "zh")
	}
	switch {
	case strings.Contains(s, "博士") || s == "博" || s == "学博" || s == "专博":
		degree = "博士"
	case strings.Contains(s, "硕士") || s == "硕" || s == "学硕" || s == "专硕" || s == "研究生":
		degree = "硕士"
	}
	switch {
	case strings.Contains(s, "学术") || strings.HasPrefix(s, "学硕") || strings.HasPrefix(s, "学博"):
		kind = "学术学位"
	case strings.Contains(s, "专业") || strings.HasPrefix(s, "专硕") || strings.HasPrefix(s, "专博"):
		kind = "专业学位"
	}
	return degree, kind
}

// ReadStudents reads and validates every student row. Rows with faults are left
// out of the result and reported; the caller writes nothing if any are.
func ReadStudents(t *sheet.Table, today model.Date) ([]StudentRow, Layout, []model.RowError, error) {
	s := NewStream(Students, today)
	l, errs, err := s.readTable(t)
	return s.Students, l, errs, err
}

// student reads a student row; false if it has faults.
func (r *record) student(today model.Date) (StudentRow, bool) {
	st := model.Student{
		Number: r.code("number"), Name: r.name("name"), Gender: r.text("gender"), University: r.text("university"),
		School: r.text("school"), Major: r.text("major"), Degree: r.text("degree"), DegreeType: r.text("degree_type"),
		EnrolmentYear: r.year("enrolment_year"), Supervisor: r.name("supervisor"), Mobile: r.code("mobile"),
		Email: r.text("email"), IDNumber: r.idNumber(),
	}
	// 学硕 in the level column says the type too; 学术型 in the type
	// column is 学术学位.
	lvl, lvlKind := degreeWords(st.Degree)
	_, typ := degreeWords(st.DegreeType)
	if lvl != "" {
		st.Degree = lvl
	}
	switch {
	case typ != "":
		st.DegreeType = typ
	case model.Clean(st.DegreeType) == "" && lvlKind != "":
		st.DegreeType = lvlKind
	}
	if st.EnrolmentYear < 0 {
		st.EnrolmentYear = 0
	}
	err := st.Normalize(today)
	r.problems(err)
	if err == nil && !r.failed("id_number") {
		r.problems(model.CheckIDGender(st.IDNumber, st.Gender))
	}
	return StudentRow{Row: r.row.Num, Student: st}, len(r.errs) == 0
}

// idNumber reads the 身份证号 cell. A number a spreadsheet stored as a Number
// has lost its last three digits (it keeps 15), and so may a text file's
// digits written from such a cell: …028123 became …028000, which can still
// pass the check. Such a cell is refused with the reason, never imported
// altered.
func (r *record) idNumber() string {
	raw := model.CleanCode(r.raw("id_number"))
	switch {
	case raw == "":
		return ""
	case r.kind("id_number") == sheet.Number && (lostDigits(raw) || len(raw) >= 16):
		r.fail("id_number", model.Errorf(model.EInvalid, "import.id_as_number"))
	case strings.ContainsAny(raw, "eE") && strings.ContainsAny(raw, "+."):
		r.fail("id_number", model.Errorf(model.EInvalid, "import.id_as_number"))
	case r.info.Text && len(raw) == 18 && strings.HasSuffix(raw, "000"):
		r.fail("id_number", model.Errorf(model.EInvalid, "import.id_lost_digits"))
	}
	return raw
}

// PlatformRow is one platform read from a sheet.
type PlatformRow = model.PlatformRow

// ReadPlatforms reads and validates every platform row.
func ReadPlatforms(t *sheet.Table) ([]PlatformRow, Layout, []model.RowError, error) {
	s := NewStream(Platforms, model.Date{})
	l, errs, err := s.readTable(t)
	return s.Platforms, l, errs, err
}

// platform reads a platform row; false if it has faults.
func (r *record) platform() (PlatformRow, bool) {
	p := model.Platform{Name: r.text("name"), Kind: r.text("kind"), Level: r.text("level"), Host: r.text("host"),
		LegalType: r.text("legal_type"), Chain: r.text("chain"), Status: r.text("status"),
		Contact: r.name("contact"), Phone: r.code("phone")}
	r.problems(p.Normalize())
	return PlatformRow{Row: r.row.Num, Platform: p}, len(r.errs) == 0
}

// AppointmentRow is one dual appointment read from a sheet.
type AppointmentRow = model.AppointmentRow

// ReadAppointments reads and validates every dual-appointment row.
func ReadAppointments(t *sheet.Table) ([]AppointmentRow, Layout, []model.RowError, error) {
	s := NewStream(Appointments, model.Date{})
	l, errs, err := s.readTable(t)
	return s.Appointments, l, errs, err
}

// appointment reads a dual-appointment row; false if it has faults.
func (r *record) appointment() (AppointmentRow, bool) {
	a := model.Appointment{Name: r.name("name"), Kind: r.text("kind"), University: r.text("university"),
		UniPost: r.text("uni_post"), Platform: r.text("platform"), PlatformPost: r.text("platform_post"),
		Start: r.date("start"), End: r.date("end"), Share: r.percent("share")}
	if len(r.errs) > 0 {
		return AppointmentRow{}, false
	}
	r.problems(a.Normalize())
	return AppointmentRow{Row: r.row.Num, Appointment: a}, len(r.errs) == 0
}
