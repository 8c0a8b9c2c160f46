package ui

import (
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/internal/heapstat"
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
	sess, _ := svc.Bootstrap("admin", "admin-密码-123", "")
	ds := demo.Generate(100000, 3, model.DateOf(today))
	ds.Users = nil
	if _, err := svc.LoadDataset(sess, ds, "bench"); err != nil {
		b.Fatal(err)
	}
	a := test.NewApp()
	b.Cleanup(a.Quit)
	w := a.NewWindow("bench")
	w.Resize(fyne.NewSize(1366, 768))
	u := New(a, w, svc, Config{Go: func(f func()) { f() }, Now: func() time.Time { return svc.Now() }})
	u.Start()
	return u, svc, sess
}

// BenchmarkFirstScreen is the time from a successful login to the office's first
// screen (the home with its to-dos), on 100,000 students and 5,000 placements.
func BenchmarkFirstScreen(b *testing.B) {
	u, svc, _ := bigDesk(b)
	sess, err := svc.Login("admin", "admin-密码-123")
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
	l := u.screens.students.list
	all, _ := svc.Students(sess, dispatch.StudentFilter{})
	target := all[len(all)/3]
	for name, q := range map[string]string{"name": target.Name, "number": target.Number[len(target.Number)-6:], "phone": target.Mobile[3:8]} {
		b.Run(name, func(b *testing.B) {
			// A first, explicit search: after listing all 100,000 students the
			// list waits for a pause in typing; once a search is quick again
			// every keystroke searches at once, which is what is measured.
			l.search.SetText(q)
			l.refresh()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				keystroke(l.search, q, i+1)
			}
			b.ReportMetric(float64(l.Len()), "rows")
		})
	}
	// Clearing the search lists everyone again: measured as the refresh it
	// costs (typing waits for a pause at this size).
	b.Run(fmt.Sprintf("cleared-%d", len(all)), func(b *testing.B) {
		l.search.SetText("")
		for i := 0; i < b.N; i++ {
			l.refresh()
		}
		b.ReportMetric(float64(l.Len()), "rows")
	})
}

// BenchmarkPlacementSearchKeystroke is one keystroke in the placements' search
// (5,000 placements).
func BenchmarkPlacementSearchKeystroke(b *testing.B) {
	u, _, sess := bigDesk(b)
	u.sess = sess
	u.showMain()
	u.openTab("ui.tab_placements")()
	l := u.screens.placements.list
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		keystroke(l.search, "XP2026-001", i)
	}
	b.ReportMetric(float64(l.Len()), "rows")
}

// keystroke sets the search text to q, with a trailing space on odd calls so
// each call is a change (the search ignores the space).
func keystroke(e *entry, q string, i int) {
	if i%2 == 1 {
		q += " "
	}
	e.SetText(q)
}

// BenchmarkBroadSearch is a keystroke whose query matches most of 100,000
// students ("1" is in nearly every number and phone; clearing lists all):
// the worst case of the students' search, service filter, sort, count and
// table included.
func BenchmarkBroadSearch(b *testing.B) {
	u, _, sess := bigDesk(b)
	u.sess = sess
	u.showMain()
	u.openTab("ui.tab_students")()
	l := u.screens.students.list
	for _, q := range []string{"1", "温州", "2024", ""} {
		b.Run(fmt.Sprintf("q=%q", q), func(b *testing.B) {
			l.search.SetText(q)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				l.refresh()
			}
			b.ReportMetric(float64(l.Len()), "rows")
		})
	}
}

// BenchmarkStudentsTabFirstOpen is opening the students' tab the first time
// after login on 100,000 students: "cold" loads the search index then (in the
// window it loads in the background behind a 正在载入 line), "prefetched" is
// the usual case, the index loaded while the clerk read the home screen.
func BenchmarkStudentsTabFirstOpen(b *testing.B) {
	u, svc, sess := bigDesk(b)
	for _, cold := range []bool{true, false} {
		name := map[bool]string{true: "cold", false: "prefetched"}[cold]
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				u.sess = sess
				u.showMain()
				if cold {
					svc.DropCaches()
				}
				b.StartTimer()
				u.openTab("ui.tab_students")()
			}
		})
	}
}

// BenchmarkWindowMemory is the live heap the window holds per student with
// the students' tab open listing all 100,000 (index, search text, list).
func BenchmarkWindowMemory(b *testing.B) {
	for i := 0; i < b.N; i++ {
		before := heapstat.Live()
		u, _, sess := bigDesk(b)
		u.sess = sess
		u.showMain()
		u.openTab("ui.tab_students")()
		u.screens.students.list.search.SetText("")
		u.screens.students.list.refresh()
		after := heapstat.Live()
		b.ReportMetric(float64(after-before)/100000, "B/student")
		runtime.KeepAlive(u)
	}
}
