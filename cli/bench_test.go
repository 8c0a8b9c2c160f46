package cli

import (
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/model"
	"secondment/roster"
	"secondment/sheet"
	"secondment/storage"
)

var benchToday = model.MustDate("2026-11-25")

// rosterFile writes n demo students as an .xlsx roster, as export does.
func rosterFile(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), fmt.Sprintf("roster%d.xlsx", n))
	ds := demo.Generate(n, 9, benchToday)
	if err := sheet.Write(path, roster.StudentSheet(ds.Students)); err != nil {
		b.Fatal(err)
	}
	return path
}

// emptyDesk is a data file with the universities and platforms but no students.
func emptyDesk(b *testing.B) (*dispatch.Service, *dispatch.Session) {
	b.Helper()
	db, err := storage.Open(filepath.Join(b.TempDir(), "d.db"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	svc := dispatch.New(db)
	svc.Now = func() time.Time { return benchToday.Time() }
	sess, _ := svc.Bootstrap("admin", "good-pass-1", "")
	for _, u := range demo.Generate(10, 1, benchToday).Universities {
		if _, err := svc.AddUniversity(sess, u.Name); err != nil {
			b.Fatal(err)
		}
	}
	return svc, sess
}

func peakHeap(stop chan struct{}) chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}

// BenchmarkImportStudents imports an .xlsx roster of n new students: read,
// normalise and validate every row, check against the file and commit in one
// transaction. BenchmarkRawExcelizeRead reads the same file with excelize alone.
func BenchmarkImportStudents(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		path := rosterFile(b, n)
		b.Run(fmt.Sprintf("%d/import", n), func(b *testing.B) {
			var peak uint64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				svc, sess := emptyDesk(b)
				runtime.GC()
				stop := make(chan struct{})
				heap := peakHeap(stop)
				b.StartTimer()
				t, err := sheet.Read(path, sheet.DefaultLimits)
				if err != nil {
					b.Fatal(err)
				}
				rows, _, errs, err := roster.ReadStudents(t, benchToday)
				if err != nil || len(errs) > 0 {
					b.Fatal(err, errs)
				}
				sum, err := svc.ImportStudents(sess, rows, dispatch.ImportOptions{Source: "bench"})
				if err != nil || sum.New != n {
					b.Fatal(err, sum)
				}
				b.StopTimer()
				close(stop)
				peak = max(peak, <-heap)
				b.StartTimer()
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
		b.Run(fmt.Sprintf("%d/raw-excelize-read", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				f, err := excelize.OpenFile(path)
				if err != nil {
					b.Fatal(err)
				}
				rows, err := f.Rows(f.GetSheetList()[0])
				if err != nil {
					b.Fatal(err)
				}
				count := 0
				for rows.Next() {
					if _, err := rows.Columns(); err != nil {
						b.Fatal(err)
					}
					count++
				}
				rows.Close()
				f.Close()
				if count != n+1 {
					b.Fatalf("read %d rows", count)
				}
			}
		})
	}
}

// BenchmarkExportStudents writes 100,000 students to .xlsx and .csv.
func BenchmarkExportStudents(b *testing.B) {
	ds := demo.Generate(100000, 9, benchToday)
	s := roster.StudentSheet(ds.Students)
	for _, ext := range []string{"xlsx", "csv"} {
		b.Run(ext, func(b *testing.B) {
			dir := b.TempDir()
			for i := 0; i < b.N; i++ {
				if err := sheet.Write(filepath.Join(dir, "out."+ext), s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
