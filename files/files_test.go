package files

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"secondment/demo"
	"secondment/i18n"
	"secondment/model"
	"secondment/roster"
	"secondment/sheet"
)

// The roster on the second sheet (saved by LibreOffice: see
// roster/testdata/README.md): with no sheet asked for, the first sheet with a
// header is read and named; a sheet asked for by name is read as it is, and
// its refusal names it and the others.
func TestRosterOnSecondSheet(t *testing.T) {
	const path = "../roster/testdata/second-sheet.xlsx"
	tab, l, err := locate(context.Background(), path, Students, "", sheet.DefaultLimits, nil)
	if err != nil || tab.Sheet != "2025级名单" || l.HeaderRow != 1 {
		t.Fatalf("locate: %v, sheet %q", err, tab.Sheet)
	}
	_, _, err = locate(context.Background(), path, Students, "填表说明", sheet.DefaultLimits, nil)
	var e *model.Error
	if !errors.As(err, &e) || e.Key != "import.no_header_others" || e.Args[0] != "填表说明" {
		t.Fatalf("err = %v", err)
	}
	msg := i18n.Message(i18n.Zh, err)
	if want := "在工作表“填表说明”中找不到表头"; len(msg) < len(want) || msg[:len(want)] != want {
		t.Errorf("message %q", msg)
	}
	if _, _, err := locate(context.Background(), path, Students, "没有这张表", sheet.DefaultLimits, nil); !errors.As(err, &e) || e.Key != "import.no_such_sheet" {
		t.Errorf("unknown sheet: %v", err)
	}
}

func TestNoSheetHasAHeader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "说明.xlsx")
	notes := func(name string) sheet.Sheet {
		return sheet.Sheet{Name: name, Columns: []sheet.Column{{Title: "说明"}}, Rows: [][]any{{"见附件"}}}
	}
	if err := sheet.Write(path, notes("封面"), notes("备注")); err != nil {
		t.Fatal(err)
	}
	_, _, err := locate(context.Background(), path, Students, "", sheet.DefaultLimits, nil)
	var e *model.Error
	if !errors.As(err, &e) || e.Key != "import.no_header_sheets" || e.Args[0] != "封面" {
		t.Fatalf("err = %v", err)
	}
}

func TestCellNamesTheClerksColumn(t *testing.T) {
	e := model.RowError{Row: 5, Field: "university", Column: "学校", Value: "温州师范大学",
		Err: model.Errorf(model.ENotFound, "import.university_unknown", "温州师范大学")}
	if got := Cell(i18n.Zh, e); got != "学校“温州师范大学”" {
		t.Errorf("Cell = %q", got)
	}
	e.Column = ""
	if got := Cell(i18n.En, e); got != `University "温州师范大学"` {
		t.Errorf("Cell (no column in the file, English) = %q", got)
	}
	if got := Reason(i18n.Zh, e); got != "找不到高校“温州师范大学”：请先在“科创平台/高校”中添加，或运行 secondment university add 温州师范大学" {
		t.Errorf("Reason = %q", got)
	}
}

// The reading phase of an import is the first 30 % of its progress and stops
// when the clerk cancels.
func TestCheckImportReadingProgressAndCancel(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roster.xlsx")
	ss := demo.Generate(5000, 9, model.MustDate("2026-11-25")).Students
	if err := sheet.Write(path, roster.StudentSheet(ss)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var got []float64
	_, err := CheckImport(ctx, nil, nil, Students, path, ImportOptions{Progress: func(f float64) {
		got = append(got, f)
		if len(got) == 2 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled check: %v", err)
	}
	if len(got) < 2 || got[0] <= 0 || got[1] >= 0.3 {
		t.Errorf("reading progress %v", got)
	}
}
