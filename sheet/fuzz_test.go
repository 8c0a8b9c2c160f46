package sheet

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadXLSX feeds damaged workbooks to the reader, seeded with the
// LibreOffice-made fixtures: it must refuse or read, never panic or hang.
func FuzzReadXLSX(f *testing.F) {
	for _, name := range []string{"date1904.xlsx", "id-number.xlsx", "second-sheet.xlsx"} {
		data, err := os.ReadFile(filepath.Join("..", "roster", "testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	lim := Limits{MaxFileBytes: 1 << 20, MaxUnzipBytes: 4 << 20, MaxRows: 1000, MaxCellRunes: 1000, MaxColumns: 200}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		tab, err := Read(path, lim)
		if err == nil && len(tab.Rows) > lim.MaxRows {
			t.Fatalf("%d rows past the limit", len(tab.Rows))
		}
	})
}
