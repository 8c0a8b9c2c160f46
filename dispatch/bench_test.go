package dispatch_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/internal/benchdesk"
	"secondment/model"
	"secondment/storage"
)

var benchToday = model.MustDate("2026-11-25")

// benchDesk makes a data file with n demo students (and their placements) and
// returns a service on it, reopened with fsync on, and an office session.
func benchDesk(b *testing.B, n int) (*dispatch.Service, *dispatch.Session, *storage.DB) {
	b.Helper()
	path := filepath.Join(b.TempDir(), "bench.db")
	db, err := storage.Open(path, storage.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	svc := dispatch.New(db)
	svc.Now = func() time.Time { return benchToday.Time().Add(10 * time.Hour) }
	sess, err := svc.Bootstrap("admin", "good-pass-1", "")
	if err != nil {
		b.Fatal(err)
	}
	ds := demo.Generate(n, 1, benchToday)
	ds.Users = nil
	if _, err := svc.LoadDataset(sess, ds, "bench"); err != nil {
		b.Fatal(err)
	}
	db.Close()
	if db, err = storage.Open(path, storage.Options{}); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	svc = dispatch.New(db)
	svc.Now = func() time.Time { return benchToday.Time().Add(10 * time.Hour) }
	if sess, err = svc.Login("admin", "good-pass-1"); err != nil {
		b.Fatal(err)
	}
	return svc, sess, db
}

// BenchmarkBulkCreate is `demo --students N`: generate and load N students with
// their platforms, quotas, appointments and placements in one synced commit.
func BenchmarkBulkCreate(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				db, err := storage.Open(filepath.Join(b.TempDir(), "bulk.db"), storage.Options{})
				if err != nil {
					b.Fatal(err)
				}
				svc := dispatch.New(db)
				svc.Now = func() time.Time { return benchToday.Time() }
				sess, _ := svc.Bootstrap("admin", "good-pass-1", "")
				ds := demo.Generate(n, uint64(i), benchToday)
				ds.Users = nil
				if _, err := svc.LoadDataset(sess, ds, "bench"); err != nil {
					b.Fatal(err)
				}
				db.Close()
			}
		})
	}
}

// BenchmarkStudentFilter is a `list --q` search over every student, as the
// window runs it per keystroke, once the index is loaded.
func BenchmarkStudentFilter(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		svc, sess, db := benchDesk(b, n)
		all, _ := svc.Students(sess, dispatch.StudentFilter{}) // loads the index
		target := all[len(all)/2]
		queries := map[string]string{
			"name":   target.Name,
			"number": target.Number[len(target.Number)-7:],
			"phone":  target.Mobile[3:8],
			"miss":   "不存在",
		}
		for name, q := range queries {
			b.Run(fmt.Sprintf("%d/%s", n, name), func(b *testing.B) {
				var found int
				for i := 0; i < b.N; i++ {
					ss, err := svc.Students(sess, dispatch.StudentFilter{Q: q})
					if err != nil {
						b.Fatal(err)
					}
					found = len(ss)
				}
				b.ReportMetric(float64(found), "matches")
			})
		}
		// The first search after start decodes every student from the file.
		b.Run(fmt.Sprintf("%d/first-load", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := dispatch.New(db).Students(sess, dispatch.StudentFilter{Q: "x"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLifecycleStep approves one placement (role check, platform status,
// quota count, audit entry, index update: one synced commit) beside a bare bbolt
// Update with fsync on a file of the same size.
func BenchmarkLifecycleStep(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		svc, sess, db := benchDesk(b, n)
		free := benchdesk.FreeStudents(svc, sess)
		const platform = "温州国家大学科技园孵化器"
		for _, y := range []int{2026, 2027} {
			if _, err := svc.SetQuota(sess, dispatch.QuotaInput{Platform: platform, Year: y, Category: "graduate", Total: 100000, Reason: "bench"}); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprintf("%d/approve", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st := free[i%len(free)]
				p, _, err := svc.NewPlacement(sess, dispatch.PlacementDraft{University: st.University, StudentNumber: st.Number,
					Platform: platform, Start: model.MustDate("2027-01-04"), End: model.MustDate("2027-06-30"), Task: "bench"})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, _, err := svc.Step(sess, p.No, model.Approved, model.StepInput{}); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				svc.Step(sess, p.No, model.Terminated, model.StepInput{Reason: "bench"})
				b.StartTimer()
			}
		})
		b.Run(fmt.Sprintf("%d/bare-bbolt-update", n), func(b *testing.B) {
			bare := bareBolt(b, db)
			val := make([]byte, 600) // about one placement record
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				err := bare.Update(func(tx *bolt.Tx) error {
					return tx.Bucket([]byte("bench")).Put([]byte(fmt.Sprintf("k%09d", i)), val)
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// bareBolt opens a copy of the data file directly with bbolt, fsync on, so the
// bare commit runs on a file of the same size.
func bareBolt(b *testing.B, db *storage.DB) *bolt.DB {
	b.Helper()
	path := filepath.Join(b.TempDir(), "bare.db")
	if err := db.BackupFile(context.Background(), path); err != nil {
		b.Fatal(err)
	}
	bare, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { bare.Close() })
	bare.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("bench")); return err })
	return bare
}
