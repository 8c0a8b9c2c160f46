package portal

import (
	"net/http"
	"strings"
	"testing"

	"secondment/dispatch"
	"secondment/model"
)

// BenchmarkHRHome is platform HR's home page, logged in, over a real HTTP
// server: the list pages a crowd of HR reload most. The demo data has 10,000
// students; the HR account's platform is the one with the most placements, so
// its page fills every group and the 100-row list.
func BenchmarkHRHome(b *testing.B) {
	s := newSiteOf(b, 10000)
	all, err := s.svc.Placements(s.admin, dispatch.PlacementFilter{})
	if err != nil {
		b.Fatal(err)
	}
	count := map[string]int{}
	busiest := ""
	for _, p := range all {
		count[p.Platform]++
		if count[p.Platform] > count[busiest] {
			busiest = p.Platform
		}
	}
	if _, err := s.svc.AddUser(s.admin, dispatch.NewUser{Name: "hrbench", Password: hrPassword, Role: model.PlatformHR,
		Platform: busiest}); err != nil {
		b.Fatal(err)
	}
	br := s.browser()
	br.mustLogin("hrbench", hrPassword)
	if p := br.get("/hr"); p.status != http.StatusOK || strings.Count(p.body, "<tr>") < 100 {
		b.Fatalf("/hr: %d, %d rows (%d placements at %s)", p.status, strings.Count(p.body, "<tr>"), count[busiest], busiest)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if p := br.get("/hr"); p.status != http.StatusOK {
			b.Fatalf("/hr: %d", p.status)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
}
