package sheet_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"secondment/demo"
	"secondment/roster"
	"secondment/sheet"
)

// The reading phase reports progress as it goes and stops when cancelled.
func TestReadProgressAndCancel(t *testing.T) {
	path, _ := rosterFile(t, 5000)
	var calls int
	var last float64
	tab, err := sheet.ReadSheetContext(context.Background(), path, "", sheet.DefaultLimits, func(done, total int64) {
		f := float64(done) / float64(total)
		if f < last || f > 1 {
			t.Errorf("progress went from %v to %v", last, f)
		}
		last = f
		calls++
	})
	if err != nil || len(tab.Rows) != 5001 {
		t.Fatalf("read: %v", err)
	}
	if calls < 4 || last != 1 {
		t.Errorf("%d progress calls, ending at %v", calls, last)
	}

	ctx, cancel := context.WithCancel(context.Background())
	seen := 0
	_, err = sheet.ReadSheetContext(ctx, path, "", sheet.DefaultLimits, func(done, total int64) {
		if seen++; seen == 2 {
			cancel() // the clerk presses Cancel halfway
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled read: %v", err)
	}
	if seen > 3 {
		t.Errorf("read went on for %d progress calls after Cancel", seen-2)
	}

	// A text file too.
	csv := filepath.Join(t.TempDir(), "r.csv")
	if err := sheet.Write(csv, roster.StudentSheet(demo.Generate(5000, 9, benchToday).Students)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	seen = 0
	_, err = sheet.ReadSheetContext(ctx, csv, "", sheet.DefaultLimits, func(done, total int64) {
		if seen++; seen == 2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || seen > 3 {
		t.Errorf("cancelled text read: %v after %d progress calls", err, seen)
	}
}
