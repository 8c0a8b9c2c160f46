package dispatch

import (
	"encoding/json"
	"strings"
	"testing"

	"secondment/model"
)

// TestScopedListsFromTheCacheMatchTheFile: once every placement is held in
// memory (a served file), platform HR's and a student's lists come from it,
// and say exactly what the indexes of the file say, after a change too.
func TestScopedListsFromTheCacheMatchTheFile(t *testing.T) {
	f := newFixture(t)
	f.place(wzu, "WZU2025001", platA, model.Dispatched)
	f.place(wmu, "WMU2025001", platB, model.Approved)
	list := func(s *Session) string {
		ps, err := f.s.Placements(s, PlacementFilter{})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(ps)
		return string(b)
	}
	fromFile := map[*Session]string{f.hrA: list(f.hrA), f.hrB: list(f.hrB), f.stu: list(f.stu)}
	if err := f.s.Prefetch(); err != nil {
		t.Fatal(err)
	}
	for s, want := range fromFile {
		if got := list(s); got != want {
			t.Errorf("%s from the cache:\n%s\nfrom the file:\n%s", s.user.Name, got, want)
		}
	}
	p := f.place(wzu, "WZU2025002", platA, model.Draft)
	if got := list(f.hrA); !json.Valid([]byte(got)) || !strings.Contains(got, p.No) {
		t.Errorf("a placement made after the cache was loaded is missing from HR's list")
	}
}
