package dispatch

import "testing"

func TestPlatformSearchInBothLanguages(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct {
		q    string
		want int
	}{
		{"重点实验室", 1},
		{"key laboratory", 1},
		{"Electrical", 1},
		{"生命健康", 1},
		{"nothing like it", 0},
	} {
		t.Run(c.q, func(t *testing.T) {
			ps, err := f.s.Platforms(f.admin, c.q)
			if err != nil || len(ps) != c.want {
				t.Fatalf("%d platforms, %v; want %d", len(ps), err, c.want)
			}
		})
	}
}
