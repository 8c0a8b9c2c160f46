package sheet

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Column describes one column of a sheet to write.
type Column struct {
	Title string
	Width float64 // in characters; 0 picks one from the title
	Date  bool    // values are time.Time, shown as dates
	// Choices, when set, become a drop-down list (data validation) in .xlsx.
	Choices []string
}

// Sheet is a table to write: cell values are string, int or time.Time.
type Sheet struct {
	Name    string
	Columns []Column
	Rows    [][]any
	// Marks highlights cells (row index into Rows, column index), as in an
	// error workbook.
	Marks map[[2]int]bool
	// Rows 0..Blank-1 of an empty template carry validation; the default is 1000.
	Blank int
	// Top rows come above the header row, as the title rows of a clerk's own
	// sheet do (the problem workbook keeps them, so row numbers match). A nil
	// row in Top or Rows is left empty.
	Top [][]any
	// Bottom rows come below Rows, outside the table, as the footer rows of a
	// clerk's sheet do (合计, 制表人): sorting the table leaves them in place.
	Bottom [][]any
}

// Write writes sheets to path, .xlsx or .csv by its extension (a .csv holds the
// first sheet), whole or not at all: into a temporary file beside path, synced,
// then renamed over it. A failure at any point leaves path as it was (an
// existing file untouched, no file where there was none).
func Write(path string, sheets ...Sheet) error {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".xlsx" && ext != ".csv" {
		return fmt.Errorf("write %s: %w", path, errExt)
	}
	if len(sheets) == 0 {
		return fmt.Errorf("write %s: no sheet", path)
	}
	return writeAtomic(path, func(w io.Writer) error {
		if ext == ".csv" {
			return WriteCSV(w, sheets[0])
		}
		return WriteXLSX(w, sheets...)
	})
}

// writeAtomic writes a file through fill into a temporary file in path's
// folder and renames it into place once complete and synced.
func writeAtomic(path string, fill func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".secondment-*"+filepath.Ext(path))
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	w := bufio.NewWriterSize(tmp, 1<<16)
	err = fill(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	// The rename is durable once the folder is synced (best effort: not every
	// system lets a folder be opened for it).
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

var errExt = fmt.Errorf("only .xlsx and .csv can be written")

// Neutralize keeps a spreadsheet from running text as a formula: text starting
// with = + - @, a tab or a carriage return (or their full-width forms) gets a
// leading apostrophe, and so does text that starts with one. Negative numbers
// stay numbers.
func Neutralize(s string) string {
	if s == "" {
		return s
	}
	switch []rune(s)[0] {
	case '-', '+':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return s
		}
		return "'" + s
	case '=', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return "'" + s
	case '\'':
		// A spreadsheet hides one leading apostrophe: double it, so the
		// text shows as it is and Unneutralize gives it back exactly.
		return "'" + s
	}
	return s
}

// Unneutralize undoes Neutralize: it takes the leading apostrophe off text
// that Neutralize would have given one, and leaves anything else as it is.
func Unneutralize(s string) string {
	if strings.HasPrefix(s, "'") && Neutralize(s[1:]) == s {
		return s[1:]
	}
	return s
}

// WriteCSV writes UTF-8 with a BOM, so that Excel opens Chinese correctly, with
// formulas neutralised.
func WriteCSV(w io.Writer, s Sheet) error {
	if _, err := w.Write(utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // Excel on Windows expects it
	head := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		head[i] = c.Title
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(s.Columns))
	for _, row := range s.Rows {
		for i := range rec {
			rec[i] = ""
			if i < len(row) {
				rec[i] = Neutralize(text(row[i]))
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case time.Time:
		if x.IsZero() {
			return ""
		}
		return x.Format("2006-01-02")
	default:
		return fmt.Sprint(x)
	}
}

// WriteXLSX writes each sheet with a bold, frozen header row, an autofilter,
// column widths, dates as dates and drop-downs for enumerated columns. It
// streams rows, so 100,000 rows cost no more memory than a few.
func WriteXLSX(w io.Writer, sheets ...Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E2E8F0"}},
		Alignment: &excelize.Alignment{Vertical: "center"}})
	if err != nil {
		return err
	}
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14, CustomNumFmt: strPtr("yyyy-mm-dd")})
	mark, _ := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FECACA"}}})
	markDate, _ := f.NewStyle(&excelize.Style{CustomNumFmt: strPtr("yyyy-mm-dd"),
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FECACA"}}})
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return err
		}
		if err := writeSheet(f, s, head, date, mark, markDate); err != nil {
			return err
		}
	}
	return f.Write(w)
}

func strPtr(s string) *string { return &s }

func writeSheet(f *excelize.File, s Sheet, head, date, mark, markDate int) error {
	for _, c := range s.Columns {
		if len(c.Choices) > 0 {
			// The stream writer drops data validations: a template is small, so
			// write it cell by cell.
			return writeTemplate(f, s, head)
		}
	}
	sw, err := f.NewStreamWriter(s.Name)
	if err != nil {
		return err
	}
	for i, c := range s.Columns {
		wd := c.Width
		if wd == 0 {
			wd = max(10, float64(displayWidth(c.Title))+4)
		}
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	top := len(s.Top)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: top + 1, TopLeftCell: fmt.Sprintf("A%d", top+2), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// plain writes rows outside the table (Top, Bottom) from sheet row at on.
	plain := func(rows [][]any, at int) error {
		for r, row := range rows {
			if row == nil {
				continue
			}
			cells := make([]any, len(row))
			for i, v := range row {
				cells[i] = v
				if t, ok := v.(time.Time); ok {
					cells[i] = excelize.Cell{StyleID: date, Value: t}
				}
			}
			if err := sw.SetRow(fmt.Sprintf("A%d", at+r), cells); err != nil {
				return err
			}
		}
		return nil
	}
	if err := plain(s.Top, 1); err != nil {
		return err
	}
	hrow := make([]any, len(s.Columns))
	for i, c := range s.Columns {
		hrow[i] = excelize.Cell{StyleID: head, Value: c.Title}
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", top+1), hrow, excelize.RowOpts{Height: 20}); err != nil {
		return err
	}
	cells := make([]any, len(s.Columns))
	for r, row := range s.Rows {
		if row == nil {
			continue
		}
		for i, c := range s.Columns {
			var v any
			if i < len(row) {
				v = row[i]
			}
			style := 0
			if c.Date {
				style = date
			}
			if s.Marks[[2]int{r, i}] {
				style = mark
				if c.Date {
					style = markDate
				}
			}
			if t, ok := v.(time.Time); ok {
				if t.IsZero() {
					v = nil
				} else if style == 0 {
					style = date
				} else if style == mark {
					style = markDate
				}
			}
			cells[i] = excelize.Cell{StyleID: style, Value: v}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+top+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	// A table gives the header row its filter buttons (the stream writer has
	// no plain autofilter); it holds one row at least.
	lastRow := max(top+2, len(s.Rows)+top+1)
	if err := plain(s.Bottom, lastRow+1); err != nil {
		return err
	}
	first, _ := excelize.CoordinatesToCellName(1, top+1)
	last, _ := excelize.CoordinatesToCellName(len(s.Columns), lastRow)
	noStripes := false
	idx, _ := f.GetSheetIndex(s.Name)
	if err := sw.AddTable(&excelize.Table{Range: first + ":" + last, Name: fmt.Sprintf("Table%d", idx+1),
		StyleName: "TableStyleLight1", ShowRowStripes: &noStripes}); err != nil {
		return err
	}
	return sw.Flush()
}

// writeTemplate writes a sheet with drop-downs through the ordinary API.
func writeTemplate(f *excelize.File, s Sheet, head int) error {
	for i, c := range s.Columns {
		col := ColumnName(i)
		wd := c.Width
		if wd == 0 {
			wd = max(10, float64(displayWidth(c.Title))+4)
		}
		if err := f.SetColWidth(s.Name, col, col, wd); err != nil {
			return err
		}
		if err := f.SetCellValue(s.Name, col+"1", c.Title); err != nil {
			return err
		}
	}
	last := ColumnName(len(s.Columns)-1) + "1"
	if err := f.SetCellStyle(s.Name, "A1", last, head); err != nil {
		return err
	}
	for r, row := range s.Rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := f.SetSheetRow(s.Name, cell, &row); err != nil {
			return err
		}
	}
	if err := f.SetPanes(s.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := f.AutoFilter(s.Name, "A1:"+last, nil); err != nil {
		return err
	}
	return addChoices(f, s)
}

// addChoices adds a drop-down list to every enumerated column.
func addChoices(f *excelize.File, s Sheet) error {
	rows := max(len(s.Rows)+1, s.Blank+1, 1001)
	for i, c := range s.Columns {
		if len(c.Choices) == 0 {
			continue
		}
		col := ColumnName(i)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, rows))
		if err := dv.SetDropList(c.Choices); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "输入有误", "请从下拉列表中选择："+strings.Join(c.Choices, "、"))
		if err := f.AddDataValidation(s.Name, dv); err != nil {
			return err
		}
	}
	return nil
}

// displayWidth counts a Chinese character as two columns.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r > 0x2E80 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
