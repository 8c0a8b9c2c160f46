package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	bolt "go.etcd.io/bbolt"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/files"
	"secondment/internal/heapstat"
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

// BenchmarkImportStudents imports an .xlsx roster of n new students. "import"
// reads the rows as a stream, normalises and validates each, checks them
// against the file and commits in one transaction; "check+commit" is what the
// window and the command line do (files.CheckImport, a dry run, then Commit).
// "raw-excelize-read" reads the same file with excelize alone. Each reports
// the peak heap in use above the heap before it.
func BenchmarkImportStudents(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		path := rosterFile(b, n)
		b.Run(fmt.Sprintf("%d/import", n), func(b *testing.B) {
			peakOf(b, func() func() {
				svc, sess := emptyDesk(b)
				return func() {
					st := roster.NewStream(roster.Students, benchToday)
					info, err := sheet.Scan(context.Background(), path, "", sheet.DefaultLimits, nil, st.Row)
					if err != nil {
						b.Fatal(err)
					}
					if _, errs, err := st.Finish(info); err != nil || len(errs) > 0 {
						b.Fatal(err, errs)
					}
					sum, err := svc.ImportStudents(sess, st.Students, dispatch.ImportOptions{Source: "bench"})
					if err != nil || sum.New != n {
						b.Fatal(err, sum)
					}
				}
			})
		})
		b.Run(fmt.Sprintf("%d/check+commit", n), func(b *testing.B) {
			peakOf(b, func() func() {
				svc, sess := emptyDesk(b)
				return func() {
					c, err := files.CheckImport(context.Background(), svc, sess, files.Students, path, files.ImportOptions{Today: benchToday})
					if err != nil || !c.OK() {
						b.Fatal(err, c.Errors)
					}
					if sum, err := c.Commit(context.Background(), nil); err != nil || sum.New != n {
						b.Fatal(err, sum)
					}
				}
			})
		})
		// What one bbolt transaction alone costs to write n student records
		// of the size the desk stores (about 600 bytes of JSON each), tuned
		// as storage.Bulk tunes it: bbolt holds every value and a copy of
		// every page until the commit, so this is the floor of an
		// all-or-nothing import's memory.
		b.Run(fmt.Sprintf("%d/raw-bbolt-write", n), func(b *testing.B) {
			ss := demo.Generate(n, 9, benchToday).Students
			peakOf(b, func() func() {
				db, err := bolt.Open(filepath.Join(b.TempDir(), "raw.db"), 0o600, &bolt.Options{NoSync: true, InitialMmapSize: 1 << 30})
				if err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { db.Close() })
				return func() {
					err := db.Update(func(tx *bolt.Tx) error {
						bk, err := tx.CreateBucketIfNotExists([]byte("students"))
						if err != nil {
							return err
						}
						bk.FillPercent = 0.9 // as storage.Bulk loads
						for _, st := range ss {
							v, err := json.Marshal(struct {
								model.Student
								Pad string
							}{st, strings.Repeat("x", 200)}) // the sealed ID number and mobile
							if err != nil {
								return err
							}
							if err := bk.Put([]byte(st.Key()), v); err != nil {
								return err
							}
						}
						return nil
					})
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		})
		b.Run(fmt.Sprintf("%d/raw-excelize-read", n), func(b *testing.B) {
			peakOf(b, func() func() {
				return func() {
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
		})
	}
}

// peakOf times run, made afresh for each iteration by setup (which is not
// timed), and reports the peak heap in use above the heap before it.
func peakOf(b *testing.B, setup func() func()) {
	var peak uint64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		run := setup()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		stop := make(chan struct{})
		heap := heapstat.Peak(stop, 2*time.Millisecond)
		b.StartTimer()
		run()
		b.StopTimer()
		close(stop)
		if p := <-heap; p > ms.HeapInuse {
			peak = max(peak, p-ms.HeapInuse)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
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

// checkDesk is a closed data file of n demo students with exactly 5,000
// placements (the demo's own, then more, each with an audit entry, as the
// window would have made them).
func checkDesk(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), fmt.Sprintf("check%d.db", n))
	db, err := storage.Open(path, storage.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	svc := dispatch.New(db)
	svc.Now = func() time.Time { return benchToday.Time() }
	sess, err := svc.Bootstrap("admin", "bench-密码-2026", "")
	if err != nil {
		b.Fatal(err)
	}
	ds := demo.Generate(n, 7, benchToday)
	if _, err := svc.LoadDataset(sess, ds, "bench"); err != nil {
		b.Fatal(err)
	}
	placed := map[string]bool{}
	for _, p := range ds.Placements {
		placed[p.StudentKey()] = true
	}
	statuses := []string{model.Draft, model.Approved, model.Dispatched, model.Arrived, model.Completed, model.Terminated}
	err = db.Bulk(func(tx model.Tx) error {
		count := len(ds.Placements)
		for i := 0; count < 5000 && i < len(ds.Students); i++ {
			s := ds.Students[i]
			if placed[s.Key()] {
				continue
			}
			p := model.Placement{No: fmt.Sprintf("XB2026-%05d", i), StudentUniversity: s.University, StudentNumber: s.Number,
				StudentName: s.Name, Platform: ds.Platforms[i%len(ds.Platforms)].Name, Status: statuses[i%len(statuses)],
				Start: model.MustDate("2026-09-01"), End: model.MustDate("2028-06-30"), Task: "攻关任务"}
			if err := tx.PutPlacement(p); err != nil {
				return err
			}
			if err := tx.AppendAudit(&model.AuditEntry{At: benchToday.Time(), Actor: "admin", Op: "placement.create", Record: "placement/" + p.No}); err != nil {
				return err
			}
			count++
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	return path
}

// BenchmarkCheck is `check` (and the check restore applies to a backup, and
// backup to its copy) at 10,000 and 100,000 students with 5,000 placements:
// the full check (pages, every record, every index both ways, counts, audit
// chain), beside the peer figure, bbolt's own tx.Check() on the same file in
// the same run. Each opens the file read-only as the command does.
func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o600)
}

func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		path := checkDesk(b, n)
		open := func(b *testing.B) *storage.DB {
			db, err := storage.Open(path, storage.Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			return db
		}
		b.Run(fmt.Sprintf("%d/full-check", n), func(b *testing.B) {
			defer cpuPerOp(b)()
			for i := 0; i < b.N; i++ {
				db := open(b)
				rep, err := dispatch.New(db).CheckProgress(func(int, int) {})
				db.Close()
				if err != nil || !rep.OK() || rep.Placements != 5000 {
					b.Fatalf("%+v %v", rep, err)
				}
			}
		})
		b.Run(fmt.Sprintf("%d/bbolt-tx-check", n), func(b *testing.B) {
			defer cpuPerOp(b)()
			for i := 0; i < b.N; i++ {
				db := open(b)
				problems, err := db.Check()
				db.Close()
				if err != nil || len(problems) > 0 {
					b.Fatal(problems, err)
				}
			}
		})
		// restore: the full check of the backup, the login against the
		// current file, the copy (synced) and the audit entry.
		b.Run(fmt.Sprintf("%d/restore", n), func(b *testing.B) {
			target := filepath.Join(b.TempDir(), "current.db")
			if err := copyFile(path, target); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				res, err := RestoreWith(RestoreRequest{DBPath: target, Backup: path, User: "admin", Password: "bench-密码-2026",
					Now: benchToday.Time().Add(time.Duration(i) * time.Second)})
				if err != nil || res.Authority != dispatch.RestoreByCurrent {
					b.Fatal(res, err)
				}
				b.StopTimer()
				os.Remove(res.Kept)
				b.StartTimer()
			}
		})
		// Opening with the damage checks (both meta pages, the audit head,
		// the kept counts), beside bbolt's bare Open and one read transaction.
		b.Run(fmt.Sprintf("%d/open", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				open(b).Close()
			}
		})
		b.Run(fmt.Sprintf("%d/bbolt-open", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
				if err != nil {
					b.Fatal(err)
				}
				db.View(func(*bolt.Tx) error { return nil })
				db.Close()
			}
		})
	}
}
