package pdf

import (
	"testing"

	"secondment/model"
)

func TestLengthOfAPeriod(t *testing.T) {
	for _, c := range []struct{ start, end, want string }{
		{"2026-09-01", "2027-06-30", "共 10 个月"},
		{"2026-09-01", "2026-11-30", "共 3 个月"},
		{"2026-09-01", "2026-11-20", "共 2 个月 20 天"},
		{"2026-09-01", "2026-09-20", "共 20 天"},
		{"2027-01-31", "2027-02-27", "共 28 天"},
		{"2026-12-01", "2027-06-30", "共 7 个月"},
	} {
		if got := length(model.MustDate(c.start), model.MustDate(c.end)); got != c.want {
			t.Errorf("%s–%s: %s, want %s", c.start, c.end, got, c.want)
		}
	}
}
