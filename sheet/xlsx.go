package sheet

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"secondment/model"
)

// The .xlsx reader streams the one worksheet asked for straight out of the
// zip: it keeps each cell's type (a Number-formatted ID column has already
// lost digits, a text one has not) and turns date-formatted numbers into dates
// in the workbook's own date system (1900 or 1904), which excelize's row
// iterator cannot tell apart.

var (
	zipMagic = []byte("PK\x03\x04")
	cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// sniff refuses what is not a plain .xlsx before unzipping: a password-
// protected workbook (an OLE file holding an EncryptedPackage), an old .xls
// under an .xlsx name, anything else.
func sniff(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return model.Errorf(model.EInvalid, "import.cannot_open", p).WithCause(err)
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, zipMagic):
		return nil
	case bytes.Equal(head, cfbMagic):
		// The stream names of an OLE file are UTF-16: an encrypted OOXML
		// package always has one called EncryptedPackage.
		body, _ := io.ReadAll(io.LimitReader(f, 64<<20))
		if bytes.Contains(body, utf16le("EncryptedPackage")) {
			return model.Errorf(model.EInvalid, "import.encrypted", path.Base(p))
		}
		return model.Errorf(model.EInvalid, "import.old_format", ".xls")
	}
	return model.Errorf(model.EInvalid, "import.not_xlsx", path.Base(p))
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// workbook is what the reader needs of an open .xlsx.
type workbook struct {
	z        *zip.ReadCloser
	lim      Limits
	ctx      context.Context
	progress func(done, total int64)
	used     int64 // bytes decompressed so far
	sheets   []sheetRef
	date1904 bool
	dateXF   []bool // style index → number format is a date
	sst      []string
	strs     map[string]string // see intern
}

type sheetRef struct {
	name, target string
	hidden       bool
}

var errUnzipLimit = errors.New("decompressed size limit")

// limited counts decompressed bytes against the workbook's limit.
type limited struct {
	r  io.Reader
	wb *workbook
}

func (l limited) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.wb.used += int64(n)
	if l.wb.used > l.wb.lim.MaxUnzipBytes {
		return n, errUnzipLimit
	}
	return n, err
}

func (wb *workbook) open(name string) (io.ReadCloser, error) {
	for _, f := range wb.z.File {
		if strings.EqualFold(f.Name, name) {
			if int64(f.UncompressedSize64) > wb.lim.MaxUnzipBytes-wb.used {
				return nil, errUnzipLimit
			}
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			return struct {
				io.Reader
				io.Closer
			}{limited{rc, wb}, rc}, nil
		}
	}
	return nil, os.ErrNotExist
}

func (wb *workbook) has(name string) bool {
	for _, f := range wb.z.File {
		if strings.EqualFold(f.Name, name) {
			return true
		}
	}
	return false
}

// decode runs fn over every start element of a part; a missing optional part
// is no error.
func (wb *workbook) decode(name string, optional bool, fn func(d *xml.Decoder, e xml.StartElement) error) error {
	rc, err := wb.open(name)
	if errors.Is(err, os.ErrNotExist) && optional {
		return nil
	}
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	d.Strict = false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if e, ok := tok.(xml.StartElement); ok {
			if err := fn(d, e); err != nil {
				return err
			}
		}
	}
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func openWorkbook(ctx context.Context, p string, lim Limits) (*workbook, error) {
	if err := sniff(p); err != nil {
		return nil, err
	}
	z, err := zip.OpenReader(p)
	if err != nil {
		return nil, model.Errorf(model.EInvalid, "import.not_xlsx", path.Base(p)).WithCause(err)
	}
	wb := &workbook{z: z, lim: lim, ctx: ctx, progress: func(int64, int64) {}}
	if err := wb.load(); err != nil {
		z.Close()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if errors.Is(err, errUnzipLimit) {
			return nil, model.Errorf(model.EInvalid, "import.unzip_too_big", lim.MaxUnzipBytes>>20).WithCause(err)
		}
		var me *model.Error
		if errors.As(err, &me) {
			return nil, me
		}
		return nil, model.Errorf(model.EInvalid, "import.not_xlsx", path.Base(p)).WithCause(err)
	}
	return wb, nil
}

// relsOf reads the relationships of a part: Id → (type, target resolved
// against the part's folder).
func (wb *workbook) relsOf(part string) (map[string][2]string, error) {
	dir, name := path.Split(part)
	out := map[string][2]string{}
	err := wb.decode(path.Join(dir, "_rels", name+".rels"), true, func(_ *xml.Decoder, e xml.StartElement) error {
		if e.Name.Local == "Relationship" {
			t := attr(e, "Target")
			if strings.HasPrefix(t, "/") {
				t = strings.TrimPrefix(t, "/")
			} else {
				t = path.Join(dir, t)
			}
			typ := attr(e, "Type")
			out[attr(e, "Id")] = [2]string{typ[strings.LastIndex(typ, "/")+1:], t}
		}
		return nil
	})
	return out, err
}

func (wb *workbook) load() error {
	if wb.has("xl/workbook.bin") {
		return model.Errorf(model.EInvalid, "import.xlsb")
	}
	// The package's own relationships say where the workbook is; Excel, WPS
	// and LibreOffice all put it at xl/workbook.xml.
	book := "xl/workbook.xml"
	root, err := wb.relsOf("")
	if err != nil {
		return err
	}
	for _, r := range root {
		if r[0] == "officeDocument" {
			book = r[1]
		}
	}
	if strings.HasSuffix(book, ".bin") {
		return model.Errorf(model.EInvalid, "import.xlsb")
	}
	links, err := wb.relsOf(book)
	if err != nil {
		return err
	}
	rels := map[string]string{}
	styles, strs := "xl/styles.xml", "xl/sharedStrings.xml"
	for id, r := range links {
		rels[id] = r[1]
		switch r[0] {
		case "styles":
			styles = r[1]
		case "sharedStrings":
			strs = r[1]
		}
	}
	err = wb.decode(book, false, func(_ *xml.Decoder, e xml.StartElement) error {
		switch e.Name.Local {
		case "workbookPr":
			v := attr(e, "date1904")
			wb.date1904 = v == "1" || v == "true"
		case "sheet":
			st := attr(e, "state")
			wb.sheets = append(wb.sheets, sheetRef{name: attr(e, "name"), target: rels[attr(e, "id")],
				hidden: st == "hidden" || st == "veryHidden"})
		}
		return nil
	})
	if err != nil {
		return err
	}
	custom := map[int]bool{}
	inXfs := false
	err = wb.decode(styles, true, func(_ *xml.Decoder, e xml.StartElement) error {
		switch e.Name.Local {
		case "numFmt":
			id, _ := strconv.Atoi(attr(e, "numFmtId"))
			custom[id] = isDateFormat(attr(e, "formatCode"))
		case "cellXfs":
			inXfs = true
		case "cellStyleXfs", "dxfs":
			inXfs = false
		case "xf":
			if inXfs {
				id, _ := strconv.Atoi(attr(e, "numFmtId"))
				date, ok := custom[id]
				if !ok {
					date = builtinDate(id)
				}
				wb.dateXF = append(wb.dateXF, date)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return wb.loadStrings(strs)
}

// loadStrings reads the shared strings: each <si>'s text runs, without the
// phonetic guide (<rPh>). LibreOffice and Excel keep every text cell there, so
// for a roster they saved this part is as large as the sheet.
func (wb *workbook) loadStrings(part string) error {
	rc, err := wb.open(part)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer rc.Close()
	x := newXMLScanner(rc)
	var text []byte
	inSI, phonetic := false, 0
	return x.tags(func() error {
		name := string(x.name)
		switch {
		case !x.end && name == "si":
			inSI, phonetic, text = true, 0, text[:0]
			if x.empty {
				wb.sst = append(wb.sst, "")
				inSI = false
			}
		case !inSI:
		case !x.end && name == "t":
			x.keep, x.text = phonetic == 0 && !x.empty, x.text[:0]
		case !x.end && (name == "rPh" || name == "phoneticPr"):
			if !x.empty {
				phonetic++
			}
		case x.end && name == "t":
			if x.keep {
				if text, x.keep = append(text, x.text...), false; len(text) > maxXMLText {
					return errXMLTooLong
				}
			}
		case x.end && (name == "rPh" || name == "phoneticPr"):
			phonetic = max(phonetic-1, 0)
		case x.end && name == "si":
			wb.sst = append(wb.sst, unescapeOOXML(string(text)))
			inSI = false
			if len(wb.sst)%4096 == 0 {
				return wb.ctx.Err()
			}
		}
		return nil
	})
}

// ooxmlEscape is how a workbook writes a character XML cannot carry: a
// carriage return pasted into a cell is _x000D_.
var ooxmlEscape = regexp.MustCompile(`_x([0-9A-Fa-f]{4})_`)

func unescapeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	return ooxmlEscape.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.ParseUint(m[2:6], 16, 32)
		return string(rune(n))
	})
}

// builtinDate reports whether a built-in number format shows a date: Excel's
// 14–17 and 22, and the East Asian ones that Chinese Excel and WPS use for
// 2022年9月1日 and the like (27–31, 36, 50–54, 57, 58). The time-only ones
// (18–21, 32–35, 45–47, 55, 56) are not dates.
func builtinDate(id int) bool {
	switch {
	case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 31, id == 36, id >= 50 && id <= 54, id == 57, id == 58:
		return true
	}
	return false
}

// isDateFormat reports whether a custom number format code shows a date: it
// has y or d (or 年, 月, 日) outside quotes, brackets and escapes. An m alone
// may be minutes (h:mm), so it does not count.
func isDateFormat(code string) bool {
	inQuote, inBracket, escaped := false, false, false
	for _, r := range code {
		switch {
		case escaped:
			escaped = false
		case r == '\\':
			escaped = true
		case r == '"':
			inQuote = !inQuote
		case inQuote:
			if r == '年' || r == '月' || r == '日' {
				return true // yyyy"年"m"月"
			}
		case r == '[':
			inBracket = true
		case r == ']':
			inBracket = false
		case inBracket:
		case strings.ContainsRune("yYdD年月日", r):
			return true
		}
	}
	return false
}

// Sheets names the workbook's visible sheets, in order.
func (wb *workbook) visible() []string {
	var out []string
	for _, s := range wb.sheets {
		if !s.hidden {
			out = append(out, s.name)
		}
	}
	return out
}

// excelEpoch is day 0 of Excel's 1900 date system (with its 1900 leap-year bug
// folded in, as every reader does); epoch1904 that of the 1904 system that
// Excel for Mac used and that some workbooks still carry.
var (
	excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	epoch1904  = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// SerialDate turns an Excel serial day number into a date, in the 1904
// system if date1904. ok is false for a number no date can have.
func SerialDate(serial float64, date1904 bool) (time.Time, bool) {
	if math.IsNaN(serial) || serial < 0 || serial > 2958465 || (!date1904 && serial < 1) {
		return time.Time{}, false
	}
	epoch := excelEpoch
	if date1904 {
		epoch = epoch1904
	}
	return epoch.AddDate(0, 0, int(math.Floor(serial))), true
}

// readSheet streams one worksheet's non-empty rows to fn, reusing one row's
// slices.
func (wb *workbook) readSheet(info *Info, ref sheetRef, fn func(*Info, Row) error) error {
	var total int64
	for _, f := range wb.z.File {
		if strings.EqualFold(f.Name, ref.target) {
			total = int64(f.UncompressedSize64)
		}
	}
	rc, err := wb.open(ref.target)
	if err != nil {
		return err
	}
	defer rc.Close()
	x := newXMLScanner(rc)
	start, rows, kept, last := wb.used, 0, 0, 0
	var row Row
	var c cellReader
	// endRow hands a row that has ended to fn, unless it is empty.
	endRow := func() error {
		if empty(row.Cells) {
			return nil
		}
		if kept++; kept > wb.lim.MaxRows {
			return model.Errorf(model.EInvalid, "import.too_many_rows", wb.lim.MaxRows)
		}
		if err := checkRow(row, wb.lim); err != nil {
			return err
		}
		last = row.Num
		if err := fn(info, row); err != nil {
			return fnError{err}
		}
		return nil
	}
	inRow := false
	return x.tags(func() (err error) {
		switch {
		case !x.end && string(x.name) == "row":
			if rows++; rows%1024 == 0 {
				if err := wb.ctx.Err(); err != nil {
					return err
				}
				wb.progress(wb.used-start, total)
			}
			num, _ := strconv.Atoi(string(x.attr("r")))
			if num == 0 {
				num = last + 1
			}
			row = Row{Num: num, Cells: row.Cells[:0], Kinds: row.Kinds[:0]}
			c.col, inRow = -1, !x.empty
			if x.empty { // <row/>
				err = endRow()
			}
		case !inRow: // outside the rows: the sheet's other parts
		case x.end && string(x.name) == "row":
			inRow = false
			err = endRow()
		default:
			err = wb.cellTag(x, &c, &row)
		}
		return err
	})
}

// cellReader is the state of the <c> element being read.
type cellReader struct {
	col      int    // its 0-based column
	typ      string // its t attribute
	style    int    // its s attribute
	v        []byte // the text of its <v>
	inline   []byte // the text of its <is>
	inIs     bool   // inside its <is>
	fromIs   bool   // its value is its <is>, which came after any <v>
	phonetic int    // depth inside a phonetic guide (<rPh>), whose text is not the cell's
}

// cellTag takes one tag inside a row: a cell's start and end, its value, its
// inline string's text runs.
func (wb *workbook) cellTag(x *xmlScanner, c *cellReader, row *Row) error {
	name := string(x.name)
	if !x.end {
		switch name {
		case "c":
			c.col++
			if ref := x.attr("r"); ref != nil {
				c.col = columnIndex(string(ref))
			}
			c.typ = cellType(x.attr("t"))
			c.style, _ = strconv.Atoi(string(x.attr("s")))
			c.v, c.inline, c.fromIs = c.v[:0], c.inline[:0], false
			if x.empty {
				return wb.endCell(c, row)
			}
		case "v":
			x.keep, x.text = !x.empty, x.text[:0]
			if x.empty { // <v/> is an empty value
				c.v, c.fromIs = c.v[:0], false
			}
		case "is":
			c.inIs, c.fromIs, c.inline = !x.empty, true, c.inline[:0]
		case "t":
			x.keep, x.text = c.inIs && c.phonetic == 0 && !x.empty, x.text[:0]
		case "rPh", "phoneticPr":
			if !x.empty && c.inIs {
				c.phonetic++
			}
		}
		return nil
	}
	switch name {
	case "v":
		if x.keep {
			c.v, x.keep = append(c.v[:0], x.text...), false
			c.fromIs = false
		}
	case "t":
		if x.keep {
			if c.inline, x.keep = append(c.inline, x.text...), false; len(c.inline) > maxXMLText {
				return errXMLTooLong
			}
		}
	case "rPh", "phoneticPr":
		if c.inIs && c.phonetic > 0 {
			c.phonetic--
		}
	case "is":
		c.inIs = false
	case "c":
		return wb.endCell(c, row)
	}
	return nil
}

// endCell adds the cell just read to the row, unless it is empty.
func (wb *workbook) endCell(c *cellReader, row *Row) error {
	var v string
	var k Kind
	switch {
	case c.fromIs:
		var err error
		if v, k, err = wb.value(c.typ, c.style, unescapeOOXML(string(c.inline))); err != nil {
			return err
		}
	case c.typ == "s":
		i, ok := index(c.v)
		if !ok || i >= len(wb.sst) {
			return errors.New("bad shared string index " + string(c.v))
		}
		v, k = wb.sst[i], Text
	default:
		var err error
		if v, k, err = wb.value(c.typ, c.style, wb.internBytes(c.v)); err != nil {
			return err
		}
	}
	if v = wb.intern(v); v == "" {
		return nil
	}
	if c.col >= wb.lim.MaxColumns {
		return model.Errorf(model.EInvalid, "import.too_many_columns", row.Num, wb.lim.MaxColumns)
	}
	for len(row.Cells) < c.col {
		row.Cells, row.Kinds = append(row.Cells, ""), append(row.Kinds, Text)
	}
	row.Cells, row.Kinds = append(row.Cells, v), append(row.Kinds, k)
	return nil
}

// index reads a shared string's index, spaces around it allowed.
func index(b []byte) (int, bool) {
	i, err := strconv.Atoi(string(bytes.TrimSpace(b)))
	return i, err == nil && i >= 0
}

// cellType returns a cell's t attribute as one of the constants value knows,
// so that keeping it allocates nothing.
func cellType(t []byte) string {
	for _, known := range []string{"s", "n", "str", "inlineStr", "b", "d", "e"} {
		if string(t) == known {
			return known
		}
	}
	return string(t)
}

// fnError carries a Scan function's own error through the reader untouched.
type fnError struct{ err error }

func (e fnError) Error() string { return e.err.Error() }

// internBytes is intern of a value still in the scanner's buffer: a value seen
// before costs no allocation.
func (wb *workbook) internBytes(b []byte) string {
	if s, ok := wb.strs[string(b)]; ok {
		return s
	}
	return string(b)
}

// intern returns one copy of the short values a roster repeats on every row
// (university, school, degree, gender, year), so the table holds each once.
func (wb *workbook) intern(v string) string {
	if len(v) > 24 || v == "" {
		return v
	}
	if s, ok := wb.strs[v]; ok {
		return s
	}
	if wb.strs == nil {
		wb.strs = map[string]string{}
	}
	if len(wb.strs) < 1<<14 {
		wb.strs[v] = v
	}
	return v
}

func (wb *workbook) value(typ string, style int, v string) (string, Kind, error) {
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(wb.sst) {
			return "", Text, errors.New("bad shared string index " + v)
		}
		return wb.sst[i], Text, nil
	case "inlineStr", "str", "e":
		return v, Text, nil
	case "b":
		if v == "1" {
			return "TRUE", Text, nil
		}
		return "FALSE", Text, nil
	case "d":
		if tm, err := time.Parse("2006-01-02T15:04:05", strings.TrimSuffix(v, "Z")); err == nil {
			return tm.Format("2006-01-02"), Date, nil
		}
		return v, Text, nil
	}
	if v == "" {
		return "", Number, nil
	}
	if style > 0 && style < len(wb.dateXF) && wb.dateXF[style] {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			if tm, ok := SerialDate(f, wb.date1904); ok {
				return tm.Format("2006-01-02"), Date, nil
			}
		}
	}
	return v, Number, nil
}

// columnIndex returns the 0-based column of a cell reference such as AB12.
func columnIndex(ref string) int {
	n := 0
	for _, r := range ref {
		if r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		if r < 'A' || r > 'Z' {
			break
		}
		n = n*26 + int(r-'A'+1)
	}
	return n - 1
}

func scanXLSX(ctx context.Context, p, name string, lim Limits, progress func(done, total int64), fn func(*Info, Row) error) (*Info, error) {
	if err := checkSize(p, lim); err != nil {
		return nil, err
	}
	wb, err := openWorkbook(ctx, p, lim)
	if err != nil {
		return nil, err
	}
	defer wb.z.Close()
	t := &Info{File: p, Sheets: wb.visible(), Date1904: wb.date1904}
	var ref *sheetRef
	for i, s := range wb.sheets {
		if (name == "" && !s.hidden) || (name != "" && s.name == name) {
			ref = &wb.sheets[i]
			break
		}
	}
	if ref == nil {
		if name != "" {
			return nil, model.Errorf(model.EInvalid, "import.no_such_sheet", name, t.Sheets)
		}
		return nil, model.Errorf(model.EInvalid, "import.no_sheet")
	}
	t.Sheet = ref.name
	wb.progress = progress
	if err := wb.readSheet(t, *ref, fn); err != nil {
		var me *model.Error
		var fe fnError
		switch {
		case errors.As(err, &fe):
			return t, fe.err
		case ctx.Err() != nil:
			return t, ctx.Err()
		case errors.As(err, &me):
			return t, me
		case errors.Is(err, errUnzipLimit):
			return t, model.Errorf(model.EInvalid, "import.unzip_too_big", lim.MaxUnzipBytes>>20).WithCause(err)
		}
		return t, model.Errorf(model.EInvalid, "import.not_xlsx", path.Base(p)).WithCause(err)
	}
	progress(1, 1) // the whole sheet
	return t, nil
}
