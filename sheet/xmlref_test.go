package sheet

// The worksheet and shared-string reader that xmlScanner replaced, kept as the
// reference the scanner is checked against: on every fixture, on crafted
// parts that use what XML allows and Excel, WPS and LibreOffice rarely write,
// and under the fuzzer, the two must read the same.

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"secondment/model"
)

// readSheetRef is the encoding/xml reader that xmlScanner replaced.
func (wb *workbook) readSheetRef(info *Info, ref sheetRef, fn func(*Info, Row) error) error {
	var total int64
	for _, f := range wb.z.File {
		if strings.EqualFold(f.Name, ref.target) {
			total = int64(f.UncompressedSize64)
		}
	}
	start, rows, kept, last := wb.used, 0, 0, 0
	var row Row
	return wb.decode(ref.target, false, func(d *xml.Decoder, e xml.StartElement) error {
		if e.Name.Local != "row" {
			return nil
		}
		if rows++; rows%1024 == 0 {
			if err := wb.ctx.Err(); err != nil {
				return err
			}
			wb.progress(wb.used-start, total)
		}
		num, _ := strconv.Atoi(attr(e, "r"))
		if num == 0 {
			num = last + 1
		}
		row = Row{Num: num, Cells: row.Cells[:0], Kinds: row.Kinds[:0]}
		col := -1
		for {
			tok, err := d.Token()
			if err != nil {
				return err
			}
			if end, ok := tok.(xml.EndElement); ok && end.Name.Local == "row" {
				break
			}
			c, ok := tok.(xml.StartElement)
			if !ok || c.Name.Local != "c" {
				continue
			}
			col++
			if ref := attr(c, "r"); ref != "" {
				col = columnIndex(ref)
			}
			v, k, err := wb.cellRef(d, c)
			if err != nil {
				return err
			}
			v = wb.intern(v)
			if v == "" {
				continue
			}
			if col >= wb.lim.MaxColumns {
				return model.Errorf(model.EInvalid, "import.too_many_columns", num, wb.lim.MaxColumns)
			}
			for len(row.Cells) < col {
				row.Cells, row.Kinds = append(row.Cells, ""), append(row.Kinds, Text)
			}
			row.Cells, row.Kinds = append(row.Cells, v), append(row.Kinds, k)
		}
		if empty(row.Cells) {
			return nil
		}
		if kept++; kept > wb.lim.MaxRows {
			return model.Errorf(model.EInvalid, "import.too_many_rows", wb.lim.MaxRows)
		}
		if err := checkRow(row, wb.lim); err != nil {
			return err
		}
		last = num
		if err := fn(info, row); err != nil {
			return fnError{err}
		}
		return nil
	})
}

// cellRef reads one <c> element: its text and kind. A date-formatted number
// becomes 2006-01-02.
func (wb *workbook) cellRef(d *xml.Decoder, c xml.StartElement) (string, Kind, error) {
	typ := attr(c, "t")
	style, _ := strconv.Atoi(attr(c, "s"))
	var v string
	for {
		tok, err := d.Token()
		if err != nil {
			return "", Text, err
		}
		switch x := tok.(type) {
		case xml.StartElement:
			switch x.Name.Local {
			case "v":
				var s string
				if err := d.DecodeElement(&s, &x); err != nil {
					return "", Text, err
				}
				v = s
			case "is":
				s, err := richTextRef(d, "is")
				if err != nil {
					return "", Text, err
				}
				v = s
			default:
				if err := d.Skip(); err != nil {
					return "", Text, err
				}
			}
		case xml.EndElement:
			if x.Name.Local == "c" {
				return wb.value(typ, style, v)
			}
		}
	}
}

// richTextRef reads the text of a shared string or inline string up to the end
// of the element named end: its <t> runs, without the phonetic guide (<rPh>).
func richTextRef(d *xml.Decoder, end string) (string, error) {
	var b strings.Builder
	inT, depthPh := false, 0
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "rPh", "phoneticPr":
				depthPh++
			case "t":
				inT = depthPh == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "rPh", "phoneticPr":
				depthPh--
			case "t":
				inT = false
			case end:
				return unescapeOOXML(b.String()), nil
			}
		case xml.CharData:
			if inT {
				b.Write(t)
			}
		}
	}
}

// loadStringsRef reads the shared strings as the reader did before.
func (wb *workbook) loadStringsRef(part string) ([]string, error) {
	var out []string
	err := wb.decode(part, true, func(d *xml.Decoder, e xml.StartElement) error {
		if e.Name.Local != "si" {
			return nil
		}
		s, err := richTextRef(d, "si")
		if err != nil {
			return err
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// both reads every sheet of a workbook with the scanner and the reference and
// fails when they differ: in rows, in shared strings, in failing or not.
func both(t *testing.T, label, path string) {
	t.Helper()
	read := func(ref bool) (string, error) {
		wb, err := openWorkbook(context.Background(), path, DefaultLimits)
		if err != nil {
			return "", err
		}
		defer wb.z.Close()
		var out strings.Builder
		if ref {
			part := "xl/sharedStrings.xml"
			if wb.has(part) {
				wb.sst, err = wb.loadStringsRef(part)
				if err != nil {
					return "", err
				}
			}
		}
		fmt.Fprintf(&out, "sst %q\n", wb.sst)
		for _, s := range wb.sheets {
			info := &Info{}
			fn := func(_ *Info, r Row) error {
				fmt.Fprintf(&out, "%d %q %v\n", r.Num, r.Cells, r.Kinds)
				return nil
			}
			read := wb.readSheet
			if ref {
				read = wb.readSheetRef
			}
			if err := read(info, s, fn); err != nil {
				return out.String(), err
			}
		}
		return out.String(), nil
	}
	got, gerr := read(false)
	want, werr := read(true)
	if !wellFormed(t, path) {
		return // what each makes of broken XML may differ; neither may panic
	}
	if (gerr == nil) != (werr == nil) || got != want {
		t.Errorf("%s: the scanner read\n%s(err %v)\nthe reference read\n%s(err %v)", label, got, gerr, want, werr)
	}
}

// wellFormed reports whether the workbook's sheets and shared strings are
// well-formed XML, as encoding/xml's strict mode reads it.
func wellFormed(t *testing.T, path string) bool {
	z, err := zip.OpenReader(path)
	if err != nil {
		return false
	}
	defer z.Close()
	for _, f := range z.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") && f.Name != "xl/sharedStrings.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return false
		}
		d := xml.NewDecoder(rc)
		for {
			_, err := d.Token()
			if err != nil {
				rc.Close()
				if err.Error() != "EOF" {
					return false
				}
				break
			}
		}
	}
	return true
}

// workbookWith writes a workbook whose first sheet and shared strings are the
// parts given.
func workbookWith(t testing.TB, sheetXML, stringsXML string) string {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	add("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	add("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`)
	add("xl/styles.xml", `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`)
	add("xl/worksheets/sheet1.xml", sheetXML)
	if stringsXML != "" {
		add("xl/sharedStrings.xml", stringsXML)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "w.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
	`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`

// crafted are worksheets and shared strings that use what XML allows.
var crafted = []struct{ name, sheet, strs string }{
	{"plain", `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2"><v>2024</v></c><c r="C2" s="1"><v>45536</v></c></row>`,
		`<sst><si><t>学号</t></si><si><t>姓名</t></si></sst>`},
	{"prefixes", `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>张三</x:t></x:is></x:c></x:row>`, ""},
	{"entities", `<row r="3"><c t="inlineStr"><is><t>R&amp;D &lt;一&gt; &quot;q&quot; &apos;a&apos; &#x4E00;&#19968;&#x1F600;</t></is></c></row>`, ""},
	{"unknown entities", `<row r="3"><c t="inlineStr"><is><t>&nbsp; &#xZZ; a&b &#0;</t></is></c></row>`, ""},
	{"cdata and comments", `<row><c t="inlineStr"><is><t><![CDATA[<b>&amp;]]]]><!-- c --> x</t></is></c><!-- <c><v>9</v></c> --><?pi x?></row>`, ""},
	{"line ends", "<row><c t=\"inlineStr\"><is><t>一\r\n二\r三\n</t></is></c><c t=\"str\"><v>a\r\nb</v></c></row>", ""},
	{"rich text and phonetic", `<row><c t="s"><v> 0 </v></c><c t="inlineStr"><is><r><rPr><b/></rPr><t>欧阳</t></r><r><t xml:space="preserve"> 娜娜 </t></r><rPh sb="0" eb="2"><t>オウヨウ</t></rPh></is></c></row>`,
		`<sst><si><r><t>温州</t></r><r><t>大学</t></r><rPh><t>x</t></rPh><phoneticPr fontId="1"/></si></sst>`},
	{"self-closing and empty", `<row r="1"/><row r="2"><c r="A2"/><c r="B2" t="inlineStr"><is/></c><c r="C2"><v/></c><c r="D2"><v>7</v><v/></c><c r="E2" t="b"><v>1</v></c></row><row><c><v>8</v></c></row>`, ""},
	{"ooxml escapes", `<row><c t="inlineStr"><is><t>a_x000D_b_x0009_c</t></is></c></row>`, `<sst><si><t>d_x000a_e</t></si></sst>`},
	{"attributes", `<row spans='1:2' r = '5' ><c s = "1" r='B5'><v>45536.5</v></c><c t="e"><v>#N/A</v></c><c t="d"><v>2024-09-01T00:00:00Z</v></c></row>`, ""},
	{"doctype and formulas", `<!DOCTYPE worksheet [<!ENTITY e "x">]><row><c t="str"><f>A1&amp;B1</f><v>ab</v></c><c><f t="shared" si="0"/><v>3</v></c></row>`, ""},
	{"bad index", `<row><c t="s"><v>9</v></c></row>`, `<sst><si><t>a</t></si></sst>`},
	{"truncated", `<row><c t="inlineStr"><is><t>abc`, ""},
	{"control character", "<row><c t=\"inlineStr\"><is><t>a\x01b</t></is></c></row>", ""},
	{"not UTF-8", "<row><c t=\"inlineStr\"><is><t>a\xffb</t></is></c></row>", ""},
}

func TestScannerReadsAsEncodingXML(t *testing.T) {
	for _, c := range crafted {
		both(t, c.name, workbookWith(t, sheetHead+c.sheet+`</sheetData></worksheet>`, c.strs))
	}
	fixtures, _ := filepath.Glob(filepath.Join("..", "*", "testdata", "*.xlsx"))
	if len(fixtures) < 3 {
		t.Fatalf("fixtures: %v", fixtures)
	}
	for _, f := range fixtures {
		both(t, f, f)
	}
}

// FuzzScanner: whatever worksheet the fuzzer makes, the scanner and the
// reference read the same, or both refuse it.
func FuzzScanner(f *testing.F) {
	for _, c := range crafted {
		f.Add(c.sheet, c.strs)
	}
	f.Fuzz(func(t *testing.T, sheet, strs string) {
		both(t, "fuzz", workbookWith(t, sheetHead+sheet+`</sheetData></worksheet>`, strs))
	})
}

// What the scanner makes of the crafted parts, spelled out, so that the two
// readers cannot agree on nothing.
func TestScannerReadsCraftedParts(t *testing.T) {
	want := map[string]string{
		"plain":                  `1 ["学号" "姓名"]|2 ["2024" "" "2024-09-01"]`,
		"prefixes":               `1 ["张三"]`,
		"entities":               `3 ["R&D <一> \"q\" 'a' 一一😀"]`,
		"cdata and comments":     `1 ["<b>&amp;]] x"]`,
		"line ends":              `1 ["一\n二\n三\n" "a\nb"]`,
		"rich text and phonetic": `1 ["温州大学" "欧阳 娜娜 "]`,
		"self-closing and empty": `2 ["" "" "" "" "TRUE"]|3 ["8"]`,
		"ooxml escapes":          `1 ["a\rb\tc"]`,
		"attributes":             `5 ["" "2024-09-01" "#N/A" "2024-09-01"]`,
		"doctype and formulas":   `1 ["ab" "3"]`,
	}
	for _, c := range crafted {
		w, ok := want[c.name]
		if !ok {
			continue
		}
		tab, err := Read(workbookWith(t, sheetHead+c.sheet+`</sheetData></worksheet>`, c.strs), DefaultLimits)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var rows []string
		for _, r := range tab.Rows {
			rows = append(rows, fmt.Sprintf("%d %q", r.Num, r.Cells))
		}
		if got := strings.Join(rows, "|"); got != w {
			t.Errorf("%s: read %s; want %s", c.name, got, w)
		}
	}
}

// A text longer than any cell can hold (a zip bomb's one cell, or its many
// runs) is refused as it is read, not gathered whole.
func TestScannerRefusesGiantText(t *testing.T) {
	long := strings.Repeat("一", 50000)
	for name, part := range map[string]string{
		"one cell":  `<row><c t="inlineStr"><is><t>` + long + `</t></is></c></row>`,
		"many runs": `<row><c t="inlineStr"><is>` + strings.Repeat("<r><t>"+long[:3000]+"</t></r>", 100) + `</is></c></row>`,
		"attribute": `<row r="` + long + `"/>`,
	} {
		_, err := Read(workbookWith(t, sheetHead+part+`</sheetData></worksheet>`, ""), DefaultLimits)
		var e *model.Error
		if !errors.As(err, &e) || e.Key != "import.not_xlsx" {
			t.Errorf("%s: %v", name, err)
		}
	}
}
