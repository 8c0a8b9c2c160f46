package sheet_test

import (
	"archive/zip"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"secondment/demo"
	"secondment/internal/heapstat"
	"secondment/model"
	"secondment/roster"
	"secondment/sheet"
)

var benchToday = model.MustDate("2026-11-25")

// rosterFile writes n demo students as an .xlsx roster, as export does, and
// returns its path and decompressed size.
func rosterFile(tb testing.TB, n int) (string, int64) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), fmt.Sprintf("roster%d.xlsx", n))
	if err := sheet.Write(path, roster.StudentSheet(demo.Generate(n, 9, benchToday).Students)); err != nil {
		tb.Fatal(err)
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer z.Close()
	var size int64
	for _, f := range z.File {
		size += int64(f.UncompressedSize64)
	}
	return path, size
}

// measure runs read b.N times and reports the peak heap in use above the
// heap before it.
func measure(b *testing.B, read func() int, want int) {
	var peak uint64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base := ms.HeapInuse
		stop := make(chan struct{})
		heap := heapstat.Peak(stop, 2*time.Millisecond)
		b.StartTimer()
		if got := read(); got != want {
			b.Fatalf("read %d rows; want %d", got, want)
		}
		b.StopTimer()
		close(stop)
		if p := <-heap; p > base {
			peak = max(peak, p-base)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}

// libreOffice saves the roster at path as LibreOffice Calc does, every text in
// the shared strings (the case that costs a reader most memory), or skips.
func libreOffice(b *testing.B, path string) string {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		b.Skip("no LibreOffice (soffice) to save the roster with")
	}
	out := filepath.Join(b.TempDir(), "lo")
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(b.TempDir(), "profile"),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, path)
	if msg, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("soffice: %v: %s", err, msg)
	}
	return filepath.Join(out, filepath.Base(path))
}

// BenchmarkReadRoster is the reading phase of an import: the .xlsx
// reader (with a context and progress, as files.CheckImport calls it) beside
// excelize's own row iterator reading the same file, in the same run.
func BenchmarkReadRoster(b *testing.B) {
	for _, n := range []int{10000, 100000, -100000} {
		path, unzipped := rosterFile(b, max(n, -n))
		if n < 0 { // the same roster as LibreOffice saves it
			path, n = libreOffice(b, path), -n
			b.Run(fmt.Sprintf("%d-libreoffice/records", n), func(b *testing.B) {
				measure(b, func() int { return readRecords(b, path) + 1 }, n+1)
			})
			b.Run(fmt.Sprintf("%d-libreoffice/raw-excelize", n), func(b *testing.B) {
				measure(b, func() int { return rawExcelize(b, path) }, n+1)
			})
			continue
		}
		b.Run(fmt.Sprintf("%d/sheet", n), func(b *testing.B) {
			measure(b, func() int {
				t, err := sheet.ReadSheetContext(context.Background(), path, "", sheet.DefaultLimits, func(int64, int64) {})
				if err != nil {
					b.Fatal(err)
				}
				return len(t.Rows)
			}, n+1)
			b.ReportMetric(float64(unzipped)/(1<<20), "unzipped-MiB")
		})
		// The reading phase as an import runs it: the rows streamed into
		// checked records, the sheet never held.
		b.Run(fmt.Sprintf("%d/records", n), func(b *testing.B) {
			measure(b, func() int { return readRecords(b, path) + 1 }, n+1)
		})
		b.Run(fmt.Sprintf("%d/raw-excelize", n), func(b *testing.B) {
			measure(b, func() int { return rawExcelize(b, path) }, n+1)
		})
	}
}

// readRecords reads a roster as an import does, into checked records.
func readRecords(b *testing.B, path string) int {
	st := roster.NewStream(roster.Students, benchToday)
	info, err := sheet.Scan(context.Background(), path, "", sheet.DefaultLimits, func(int64, int64) {}, st.Row)
	if err != nil {
		b.Fatal(err)
	}
	if _, errs, err := st.Finish(info); err != nil || len(errs) > 0 {
		b.Fatal(err, errs)
	}
	return len(st.Students)
}

// rawExcelize reads every row of the first sheet with excelize alone.
func rawExcelize(b *testing.B, path string) int {
	f, err := excelize.OpenFile(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetList()[0])
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	count := 0
	for rows.Next() {
		if _, err := rows.Columns(); err != nil {
			b.Fatal(err)
		}
		count++
	}
	return count
}
