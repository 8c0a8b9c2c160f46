package ui

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/model"
	"secondment/storage"
)

// bigDesk is a window on 100,000 students and 5,000 placements, logged in as
// the office.
func bigDesk(b *testing.B) (*UI, *dispatch.Service, *dispatch.Session) {
	b.Helper()
	db, err := storage.Open(filepath.Join(b.TempDir(), "big.db"), storage.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	svc := dispatch.New(db)
	svc.Now = func() time.Time { return today }
	sess, _ := svc.Bootstrap("admin", "admin123")
	ds := demo.Generate(100000, 3, model.DateOf(today))
	ds.Users = nil
	if _, err := svc.LoadDataset(sess, ds, "bench"); err != nil {
		b.Fatal(err)
	}
	a := test.NewApp()
	b.Cleanup(a.Quit)
	w := a.NewWindow("bench")
	w.Resize(fyne.NewSize(1366, 768))
	u := New(a, w, svc, Config{Go: func(f func()) { f() }})
	u.Start()
	return u, svc, sess
}

// BenchmarkFirstScreen is the time from a successful login to the office's first
// screen (the home with its to-dos), on 100,000 students and 5,000 placements.
func BenchmarkFirstScreen(b *testing.B) {
	u, svc, _ := bigDesk(b)
	sess, err := svc.Login("admin", "admin123")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u.sess = sess
		u.showMain()
	}
}

// BenchmarkSearchKeystroke is one keystroke in the students' search box on
// 100,000 students: the service's filter, the sort, the count and the table.
func BenchmarkSearchKeystroke(b *testing.B) {
	u, svc, sess := bigDesk(b)
	u.sess = sess
	u.showMain()
	u.openTab("ui.tab_students")()
	l := u.students
	all, _ := svc.Students(sess, dispatch.StudentFilter{})
	target := all[len(all)/3]
	for name, q := range map[string]string{"name": target.Name, "number": target.Number[len(target.Number)-6:], "phone": target.Mobile[3:8]} {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				// Alternate a trailing space so each call is a change (the
				// search ignores it).
				if i%2 == 0 {
					l.search.SetText(q)
				} else {
					l.search.SetText(q + " ")
				}
			}
			b.ReportMetric(float64(len(l.Rows())), "rows")
		})
	}
	b.Run(fmt.Sprintf("cleared-%d", len(all)), func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if i%2 == 0 {
				l.search.SetText("")
			} else {
				l.search.SetText(" ")
			}
		}
	})
}

// BenchmarkPlacementSearchKeystroke is one keystroke in the placements' search
// (5,000 placements).
func BenchmarkPlacementSearchKeystroke(b *testing.B) {
	u, _, sess := bigDesk(b)
	u.sess = sess
	u.showMain()
	u.openTab("ui.tab_placements")()
	l := u.placements
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			l.search.SetText("XP2026-001")
		} else {
			l.search.SetText("XP2026-001 ")
		}
	}
	b.ReportMetric(float64(len(l.Rows())), "rows")
}
