package dispatch

import (
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
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

// Above parallelBytes the haystack is searched in parts, one per core: the
// marks are those of one pass over the whole, for broad and narrow terms,
// whatever the number of parts.
func TestParallelHitsMarkAsOnePass(t *testing.T) {
	var h haystack
	for i := 0; i < 60000; i++ {
		h.add(fmt.Sprintf("1%010d", i*7919%100000007), fmt.Sprintf("33030219%02d%06d", i%100, i))
	}
	h.starts = append(h.starts, int32(len(h.text)))
	if len(h.text) < parallelBytes {
		t.Fatalf("haystack of %d bytes does not take the parallel path", len(h.text))
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, term := range []string{"2", "2024", "0000001", "19990", "no such"} {
		want := make([]bool, 60000)
		h.hitsIn([]byte(term), want, 0, 60000)
		for _, procs := range []int{2, 3, 8} {
			runtime.GOMAXPROCS(procs)
			got := make([]bool, 60000)
			h.hits([]byte(term), got)
			if !slices.Equal(got, want) {
				t.Errorf("%q on %d cores: marks differ from one pass", term, procs)
			}
		}
	}
}
