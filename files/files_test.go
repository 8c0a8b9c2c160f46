package files

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
	"secondment/roster"
	"secondment/sheet"
	"secondment/storage"
)

// The roster on the second sheet (saved by LibreOffice: see
// roster/testdata/README.md): with no sheet asked for, the first sheet with a
// header is read and named; a sheet asked for by name is read as it is, and
// its refusal names it and the others.
var today = model.MustDate("2026-11-25")

func TestRosterOnSecondSheet(t *testing.T) {
	const path = "../roster/testdata/second-sheet.xlsx"
	info, st, err := locate(context.Background(), path, Students, "", sheet.DefaultLimits, today, nil)
	if err != nil || info.Sheet != "2025级名单" {
		t.Fatalf("locate: %v, sheet %q", err, info.Sheet)
	}
	if l, _, _ := st.Finish(info); l.HeaderRow != 1 || len(st.Students) == 0 {
		t.Fatalf("header at row %d, %d students", l.HeaderRow, len(st.Students))
	}
	_, _, err = locate(context.Background(), path, Students, "填表说明", sheet.DefaultLimits, today, nil)
	var e *model.Error
	if !errors.As(err, &e) || e.Key != "import.no_header_others" || e.Args[0] != "填表说明" {
		t.Fatalf("err = %v", err)
	}
	msg := i18n.Message(i18n.Zh, err)
	if want := "在工作表“填表说明”中找不到表头"; len(msg) < len(want) || msg[:len(want)] != want {
		t.Errorf("message %q", msg)
	}
	if _, _, err := locate(context.Background(), path, Students, "没有这张表", sheet.DefaultLimits, today, nil); !errors.As(err, &e) || e.Key != "import.no_such_sheet" {
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
	_, _, err := locate(context.Background(), path, Students, "", sheet.DefaultLimits, today, nil)
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

// newDesk is a new data file in dir with the office's account signed in.
func newDesk(t *testing.T, dir string) (*dispatch.Service, *dispatch.Session) {
	t.Helper()
	db, err := storage.Open(filepath.Join(dir, "d.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := dispatch.New(db)
	sess, err := svc.Bootstrap("admin", "good-pass-1", "")
	if err != nil {
		t.Fatal(err)
	}
	return svc, sess
}

// A check keeps the records, not the sheet: the problem workbook reads the file
// again, marks the bad row's cell, and is refused once the file has changed,
// since its rows would no longer be the rows checked.
func TestProblemsReadTheFileAgain(t *testing.T) {
	dir := t.TempDir()
	svc, sess := newDesk(t, dir)
	ds := demo.Generate(30, 9, today)
	for _, u := range ds.Universities {
		if _, err := svc.AddUniversity(sess, u.Name); err != nil {
			t.Fatal(err)
		}
	}
	ss := ds.Students
	ss[4].Mobile = "1234"
	path := filepath.Join(dir, "名册.xlsx")
	if err := sheet.Write(path, roster.StudentSheet(ss)); err != nil {
		t.Fatal(err)
	}
	c, err := CheckImport(context.Background(), svc, sess, Students, path, ImportOptions{Today: today})
	if err != nil || len(c.Errors) != 1 || c.Errors[0].Row != 6 || c.Rows != 30 {
		t.Fatalf("check: %v, %d rows, errors %+v", err, c.Rows, c.Errors)
	}
	out := filepath.Join(dir, "问题.xlsx")
	if err := c.WriteProblems(out, i18n.Zh); err != nil {
		t.Fatal(err)
	}
	back, err := sheet.Read(out, sheet.DefaultLimits)
	if err != nil || len(back.Rows) != 31 || back.Rows[5].Cell(10) != "1234" || back.Rows[5].Cell(len(back.Rows[0].Cells)-1) == "" {
		t.Fatalf("problem workbook: %v, %d rows, row 6 %q", err, len(back.Rows), back.Rows[5].Cells)
	}
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	var e *model.Error
	if err := c.WriteProblems(out, i18n.Zh); !errors.As(err, &e) || e.Key != "import.changed_since_check" {
		t.Fatalf("after the file changed: %v", err)
	}
}

// The clerk's footer rows (合计, 制表人) stay in the problem workbook, below
// its table, so that sorting the table in Excel leaves them where they are.
func TestProblemsKeepTheFooterBelowTheTable(t *testing.T) {
	dir := t.TempDir()
	svc, sess := newDesk(t, dir)
	roster := filepath.Join("..", "cli", "testdata", "first-day", "温州大学2025年研究生选派名单.xlsx")
	c, err := CheckImport(context.Background(), svc, sess, Students, roster, ImportOptions{Today: today})
	if err != nil || len(c.Errors) != 30 || c.Ignored == 0 {
		t.Fatalf("check: %v, %d errors, %d ignored", err, len(c.Errors), c.Ignored)
	}
	out := filepath.Join(dir, "问题.xlsx")
	if err := c.WriteProblems(out, i18n.Zh); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	name := f.GetSheetList()[0]
	tables, err := f.GetTables(name)
	if err != nil || len(tables) != 1 {
		t.Fatalf("tables: %v %v", tables, err)
	}
	rows, _ := f.GetRows(name)
	_, last, err := excelize.CellNameToCoordinates(strings.Split(tables[0].Range, ":")[1])
	if err != nil || last >= len(rows) {
		t.Fatalf("table %s of %d rows: %v", tables[0].Range, len(rows), err)
	}
	if r := rows[last-1]; len(r) == 0 || !strings.Contains(r[len(r)-1], "找不到高校") {
		t.Errorf("the table ends at row %d, %q: not the last student", last, rows[last-1])
	}
	var below []string
	for _, r := range rows[last:] {
		below = append(below, strings.Join(r, " "))
	}
	if !strings.Contains(strings.Join(below, " "), "合计") {
		t.Errorf("no footer below the table: %q", below)
	}
}
