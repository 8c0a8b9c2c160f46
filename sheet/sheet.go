// Package sheet reads and writes the spreadsheets graduate offices keep: .xlsx
// (with excelize) and .csv (UTF-8, UTF-8 with BOM, GBK/GB18030). It knows cells
// and rows, not students: package roster gives them meaning.
package sheet

import (
	"context"
	"errors"
	"path/filepath"
	"strings"

	"secondment/model"
)

// Kind is what a spreadsheet cell held.
type Kind uint8

const (
	Text   Kind = iota // text, or any cell of a text file
	Number             // a number, shown in any non-date format
	Date               // a date-formatted number, given as 2006-01-02
)

// Row is one spreadsheet row: its 1-based number in the sheet, its cells and,
// for a workbook, each cell's kind.
type Row struct {
	Num   int
	Cells []string
	Kinds []Kind // parallel to Cells; nil for a text file
}

// Kind returns the kind of cell i.
func (r Row) Kind(i int) Kind {
	if i < 0 || i >= len(r.Kinds) {
		return Text
	}
	return r.Kinds[i]
}

// Cell returns cell i, or "" past the end.
func (r Row) Cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i]
}

// Info is what a reader knows of a sheet before its rows.
type Info struct {
	File   string
	Sheet  string   // the sheet read; "" for a text file
	Sheets []string // the workbook's visible sheets, in order
	// Date1904 is set for a workbook in the 1904 date system: its date cells
	// are already converted, but a date typed as a bare serial number in a
	// General cell counts from 1904.
	Date1904 bool
	// Text is set for a text file (.csv, .txt): nothing in it has a kind.
	Text bool
}

// Table is what was read from one sheet: every non-empty row in order.
type Table struct {
	Info
	Rows []Row
}

// Limits guard against hostile or broken files.
type Limits struct {
	MaxFileBytes  int64 // the file on disk
	MaxUnzipBytes int64 // an .xlsx's contents once decompressed (zip bombs)
	MaxRows       int
	MaxCellRunes  int
	MaxColumns    int
}

// DefaultLimits allow a 250,000-row roster and refuse what no roster needs:
// Excel's own 32,767-character cells, archives that unpack to more than a
// roster does. A 100,000-row student roster as export writes it unpacks to
// 75 MiB, so 250,000 rows to about 190 MiB: 256 MiB leaves a third to spare
// (BenchmarkReadRoster reports the figure).
var DefaultLimits = Limits{
	MaxFileBytes:  100 << 20,
	MaxUnzipBytes: 256 << 20,
	MaxRows:       250000,
	MaxCellRunes:  1000,
	MaxColumns:    200,
}

// Read reads the first visible sheet of an .xlsx file, or a text file (.csv,
// or .txt as Excel saves "Unicode text"), by extension. Other formats (.xls,
// .xlsb, .et, .numbers …) are refused with a request to save as .xlsx.
func Read(path string, lim Limits) (*Table, error) { return ReadSheet(path, "", lim) }

// ReadSheet is Read of the sheet named name ("" for the first visible one).
// A text file has one sheet, whatever the name.
func ReadSheet(path, name string, lim Limits) (*Table, error) {
	return ReadSheetContext(context.Background(), path, name, lim, nil)
}

// ReadSheetContext is ReadSheet that stops with ctx's error when ctx is
// cancelled, and calls progress, if not nil, now and then with how far it got:
// of a workbook, the bytes of the sheet decompressed and their total (as the
// archive declares it); of a text file, the bytes of rows read and the file's
// size.
func ReadSheetContext(ctx context.Context, path, name string, lim Limits, progress func(done, total int64)) (*Table, error) {
	t := &Table{}
	info, err := Scan(ctx, path, name, lim, progress, func(_ *Info, r Row) error {
		r.Cells = append([]string(nil), r.Cells...)
		if r.Kinds != nil {
			r.Kinds = append([]Kind(nil), r.Kinds...)
		}
		t.Rows = append(t.Rows, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	t.Info = *info
	return t, nil
}

// ErrStop, returned by a Scan function, ends the reading early without error.
var ErrStop = errors.New("stop reading")

// Scan reads a sheet as ReadSheetContext does, but keeps no row: it calls fn
// with each non-empty row as it is read, and the sheet's Info, which is known
// before the first row. So an import holds what it makes of the rows, never the
// sheet (a 100,000-row table is about 100 MiB). fn must not keep r's slices,
// which the next row reuses; the strings in them may be kept. An error from fn
// ends the reading and is returned as it is, but ErrStop, which ends it
// without error.
func Scan(ctx context.Context, path, name string, lim Limits, progress func(done, total int64), fn func(info *Info, r Row) error) (*Info, error) {
	if progress == nil {
		progress = func(int64, int64) {}
	}
	var err error
	var info *Info
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		info, err = scanXLSX(ctx, path, name, lim, progress, fn)
	case ".csv", ".txt", ".tsv":
		info, err = scanCSV(ctx, path, lim, progress, fn)
	case ".xlsb":
		return nil, model.Errorf(model.EInvalid, "import.xlsb")
	case ".xls", ".et", ".ods", ".numbers", ".wps":
		return nil, model.Errorf(model.EInvalid, "import.old_format", filepath.Ext(path))
	default:
		return nil, model.Errorf(model.EInvalid, "import.unknown_format", filepath.Base(path))
	}
	if errors.Is(err, ErrStop) {
		err = nil
	}
	return info, err
}

// checkRow applies the cell limits to one row.
func checkRow(r Row, lim Limits) error {
	if len(r.Cells) > lim.MaxColumns {
		return model.Errorf(model.EInvalid, "import.too_many_columns", r.Num, lim.MaxColumns)
	}
	for i, c := range r.Cells {
		if len(c) > lim.MaxCellRunes && len([]rune(c)) > lim.MaxCellRunes {
			return model.Errorf(model.EInvalid, "import.cell_too_long", r.Num, ColumnName(i), lim.MaxCellRunes)
		}
	}
	return nil
}

// empty reports whether every cell is blank.
func empty(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// ColumnName returns the spreadsheet name of 0-based column i: A, B, … Z, AA.
func ColumnName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}
