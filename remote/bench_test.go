package remote_test

// Remote speed (issue 10): a search keystroke of a served window and one
// lifecycle step, through remote.Client over loopback HTTP beside the same
// call on the local *dispatch.Service, on one data file (the server wraps the
// very service the local figures are taken on).
//
//	go test ./remote -run '^$' -bench 'Served' -benchtime 200x
//
// The desk has 100,000 demo students; SECONDMENT_BENCH_1M=1 adds a
// 1,000,000-student desk (minutes to generate, several GiB of memory).

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/internal/benchdesk"
	"secondment/model"
	"secondment/remote"
	"secondment/storage"
)

var benchToday = model.MustDate("2026-11-25")

const benchPassword = "good-pass-1"

// servedDesk is a data file with n demo students, a service on it (fsync on,
// as serve runs it), an office session on it, and the API served over
// loopback HTTP with a client logged in as the same office user.
type servedDesk struct {
	svc    *dispatch.Service
	sess   *dispatch.Session
	client *remote.Client
	rsess  *dispatch.Session
}

// deskOf makes the desk; called from a benchmark whose work is in sub-benchmarks,
// so it runs once per `go test -bench` run.
func deskOf(b *testing.B, n int) *servedDesk {
	b.Helper()
	path := filepath.Join(b.TempDir(), "bench.db")
	now := func() time.Time { return benchToday.Time().Add(10 * time.Hour) }
	db, err := storage.Open(path, storage.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	svc := dispatch.New(db)
	svc.Now = now
	sess, err := svc.Bootstrap("admin", benchPassword, "")
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	ds := demo.Generate(n, 1, benchToday)
	ds.Users = nil
	if _, err := svc.LoadDataset(sess, ds, "bench"); err != nil {
		b.Fatal(err)
	}
	db.Close()
	if db, err = storage.Open(path, storage.Options{}); err != nil {
		b.Fatal(err)
	}
	svc = dispatch.New(db)
	svc.Now = now
	if sess, err = svc.Login("admin", benchPassword); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	srv := httptest.NewServer(remote.NewHandler(svc, remote.Options{Now: now, Logf: b.Logf}))
	b.Cleanup(srv.Close)
	client, err := remote.Dial(srv.URL, remote.DialOptions{})
	if err != nil {
		b.Fatal(err)
	}
	rsess, err := client.Login("admin", benchPassword)
	if err != nil {
		b.Fatal(err)
	}
	// Load the student index before timing: the first search after a start
	// decodes every student, locally and served alike.
	if _, err := svc.StudentView(sess, dispatch.StudentFilter{Q: "x"}, "", false); err != nil {
		b.Fatal(err)
	}
	b.Logf("desk of %d students ready in %v (%s)", n, time.Since(t0).Round(time.Millisecond), loadavg())
	return &servedDesk{svc: svc, sess: sess, client: client, rsess: rsess}
}

func loadavg() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	return "load average " + string(raw[:min(len(raw), 14)])
}

func sizes() []int {
	n := []int{100000}
	if os.Getenv("SECONDMENT_BENCH_1M") != "" {
		n = append(n, 1000000)
	}
	return n
}

// BenchmarkServedSearch is one keystroke in the students' list: a search
// (StudentView) and the first 30 rows read for the screen.
func BenchmarkServedSearch(b *testing.B) {
	for _, n := range sizes() {
		d := deskOf(b, n)
		all, err := d.svc.StudentView(d.sess, dispatch.StudentFilter{}, "", false)
		if err != nil {
			b.Fatal(err)
		}
		target := all.At(all.Len() / 2)
		queries := []struct{ name, q string }{
			{"broad-surname-王", "王"},
			{"broad-digit-2", "2"},
			{"empty", ""},
			{"narrow-name", target.Name},
			{"narrow-number", target.Number[len(target.Number)-7:]},
			{"miss", "不存在"},
		}
		for _, q := range queries {
			for _, where := range []string{"local", "served"} {
				api, sess := dispatch.API(d.svc), d.sess
				if where == "served" {
					api, sess = d.client, d.rsess
				}
				b.Run(fmt.Sprintf("%d/%s/%s", n, q.name, where), func(b *testing.B) {
					found := 0
					for i := 0; i < b.N; i++ {
						v, err := api.StudentView(sess, dispatch.StudentFilter{Q: q.q}, "", false)
						if err != nil {
							b.Fatal(err)
						}
						found = v.Len()
						for j := 0; j < min(30, found); j++ {
							if v.At(j).Number == "" {
								b.Fatalf("row %d of %d empty", j, found)
							}
						}
					}
					b.ReportMetric(float64(found), "matches")
					b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
				})
			}
		}
	}
}

// BenchmarkServedStep is one lifecycle step, draft to approved (role check,
// platform status, quota count, audit entry, index update: one synced
// commit), and a platform supervisor set (the same commit, no quota), each
// local and served.
func BenchmarkServedStep(b *testing.B) {
	for _, n := range sizes() {
		d := deskOf(b, n)
		free := benchdesk.FreeStudents(d.svc, d.sess)
		const platform = "温州国家大学科技园孵化器"
		for _, y := range []int{2026, 2027} {
			if _, err := d.svc.SetQuota(d.sess, dispatch.QuotaInput{Platform: platform, Year: y, Category: "graduate", Total: 100000, Reason: "bench"}); err != nil {
				b.Fatal(err)
			}
		}
		next := 0
		for _, where := range []string{"local", "served"} {
			api, sess := dispatch.API(d.svc), d.sess
			if where == "served" {
				api, sess = d.client, d.rsess
			}
			b.Run(fmt.Sprintf("%d/approve/%s", n, where), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					st := free[next%len(free)]
					next++
					p, _, err := d.svc.NewPlacement(d.sess, dispatch.PlacementDraft{University: st.University, StudentNumber: st.Number,
						Platform: platform, Start: model.MustDate("2027-01-04"), End: model.MustDate("2027-06-30"), Task: "bench"})
					if err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					if _, _, err := api.Step(sess, p.No, model.Approved, model.StepInput{}); err != nil {
						b.Fatal(err)
					}
					b.StopTimer()
					if _, _, err := d.svc.Step(d.sess, p.No, model.Terminated, model.StepInput{Reason: "bench"}); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
			})
		}
		st := free[len(free)-1]
		p, _, err := d.svc.NewPlacement(d.sess, dispatch.PlacementDraft{University: st.University, StudentNumber: st.Number,
			Platform: platform, Start: model.MustDate("2027-01-04"), End: model.MustDate("2027-06-30"), Task: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		for _, where := range []string{"local", "served"} {
			api, sess := dispatch.API(d.svc), d.sess
			if where == "served" {
				api, sess = d.client, d.rsess
			}
			b.Run(fmt.Sprintf("%d/supervisor/%s", n, where), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, _, err := api.SetSupervisor(sess, p.No, fmt.Sprintf("导师%d", i%2)); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
			})
		}
	}
}
