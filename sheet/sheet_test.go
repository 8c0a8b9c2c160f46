package sheet

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"secondment/model"
)

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{
		"=SUM(A1:A9)": "'=SUM(A1:A9)", "+86 138": "'+86 138", "-cmd|' /C calc'!A0": "'-cmd|' /C calc'!A0",
		"@SUM(1)": "'@SUM(1)", "\tx": "'\tx", "\rx": "'\rx", "＝1+1": "'＝1+1", "＋1": "'＋1", "－1": "'－1", "＠x": "'＠x",
		"-12": "-12", "-3.5": "-3.5", "+7": "+7", "张三": "张三", "": "", "a=b": "a=b",
	} {
		if got := Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestCSVEncodings(t *testing.T) {
	text := "学号,姓名\r\n2025001,张三\r\n2025002,李堃\r\n"
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(text)
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"utf8.csv":    []byte(text),
		"utf8bom.csv": append([]byte{0xEF, 0xBB, 0xBF}, text...),
		"gbk.csv":     []byte(gbk),
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, data, 0o644)
		tab, err := Read(path, DefaultLimits)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(tab.Rows) != 3 || tab.Rows[0].Cells[0] != "学号" || tab.Rows[2].Cells[1] != "李堃" || tab.Rows[2].Num != 3 {
			t.Errorf("%s: %+v", name, tab.Rows)
		}
	}
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, file string
		data       func() []byte
		lim        Limits
		key        string
	}{
		{"old excel", "a.xls", func() []byte { return []byte("\xd0\xcf\x11\xe0") }, DefaultLimits, "import.old_format"},
		{"too many rows", "rows.csv", func() []byte { return bytes.Repeat([]byte("a,b\n"), 11) }, Limits{MaxFileBytes: 1 << 20, MaxRows: 10, MaxCellRunes: 100, MaxColumns: 10}, "import.too_many_rows"},
		{"32,767-character cell", "cell.csv", func() []byte { return []byte("学号,姓名\n1," + strings.Repeat("长", 32767) + "\n") }, DefaultLimits, "import.cell_too_long"},
		{"not a zip", "fake.xlsx", func() []byte { return []byte("just text") }, DefaultLimits, "import.not_xlsx"},
		{"zip bomb", "bomb.xlsx", zipBomb, DefaultLimits, "import.unzip_too_big"},
		{"file too big", "big.csv", func() []byte { return bytes.Repeat([]byte("x"), 2048) }, Limits{MaxFileBytes: 1024, MaxRows: 10, MaxCellRunes: 10, MaxColumns: 10}, "import.file_too_big"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.file)
			os.WriteFile(path, c.data(), 0o644)
			start := time.Now()
			_, err := Read(path, c.lim)
			e, ok := err.(*model.Error)
			if !ok || e.Key != c.key {
				t.Fatalf("err = %v; want %s", err, c.key)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("refusal took %v", d)
			}
		})
	}
}

// zipBomb is a small .xlsx whose worksheet unpacks to 1 GiB of spaces.
func zipBomb() []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for name, body := range map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"xl/workbook.xml":            `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
	} {
		w, _ := z.Create(name)
		w.Write([]byte(body))
	}
	w, _ := z.Create("xl/worksheets/sheet1.xml")
	w.Write([]byte(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`))
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i < 1024; i++ {
		w.Write(chunk)
	}
	w.Write([]byte(`</sheetData></worksheet>`))
	z.Close()
	return b.Bytes()
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := ColumnName(i); got != want {
			t.Errorf("ColumnName(%d) = %s; want %s", i, got, want)
		}
	}
}

// Scan hands over the rows that Read keeps, one at a time, for a workbook and
// a text file alike; ErrStop ends it early without error, and a function's own
// error comes back as it is.
func TestScanIsReadRowByRow(t *testing.T) {
	dir := t.TempDir()
	rows := [][]any{{"2025001", "张三", time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC)}, {"2025002", "李堃", 3.5}, {"2025003", "王五", ""}}
	s := Sheet{Name: "名单", Columns: []Column{{Title: "学号"}, {Title: "姓名"}, {Title: "入学"}}, Rows: rows}
	for _, name := range []string{"a.xlsx", "a.csv"} {
		path := filepath.Join(dir, name)
		if err := Write(path, s); err != nil {
			t.Fatal(err)
		}
		whole, err := Read(path, DefaultLimits)
		if err != nil || len(whole.Rows) != 4 {
			t.Fatalf("%s: %v, %d rows", name, err, len(whole.Rows))
		}
		var got []string
		info, err := Scan(context.Background(), path, "", DefaultLimits, nil, func(info *Info, r Row) error {
			if r.Kind(2) != whole.Rows[len(got)].Kind(2) || info.Text != whole.Text {
				t.Errorf("%s row %d: kind %v, text %v", name, r.Num, r.Kind(2), info.Text)
			}
			got = append(got, strings.Join(r.Cells, "|"))
			if len(got) == 3 {
				return ErrStop
			}
			return nil
		})
		if err != nil || info.Sheet != whole.Sheet || len(got) != 3 {
			t.Fatalf("%s: %v, sheet %q, %d rows", name, err, info.Sheet, len(got))
		}
		for i, g := range got {
			if want := strings.Join(whole.Rows[i].Cells, "|"); g != want {
				t.Errorf("%s row %d: scanned %q, read %q", name, i+1, g, want)
			}
		}
		mine := errors.New("mine")
		if _, err := Scan(context.Background(), path, "", DefaultLimits, nil, func(*Info, Row) error { return mine }); err != mine {
			t.Errorf("%s: the function's error came back as %v", name, err)
		}
	}
}
