package portal

import (
	"net/http"
	"sort"
	"strconv"

	"secondment/model"
)

// bar is one row of a chart: a label, a count and its share of the largest.
type bar struct {
	Label string
	N     int
	Of    int // the scale: the largest N of the chart, or a quota's total
}

type bureauData struct {
	Year      int
	Platforms int
	Placed    int // placements touching the year, drafts and withdrawn left out
	ByStatus  []bar
	ByKind    []bar
	ByLevel   []bar
	// Quota is the graduate quota of the year over all platforms, and its use
	// per category; QuotaByPlatform the graduate quota of each platform.
	Quota           []bar
	QuotaByPlatform []bar
	Grades          []gradeRow
}

type gradeRow struct {
	Kind   string
	Grades []bar
}

// bureauHome shows the bureau the year's figures across platforms: how many
// students are placed by state, by kind and level of platform, and quota use.
// The service gives aggregates only; no student is named.
func (p *Portal) bureauHome(w http.ResponseWriter, r *http.Request, s *session) {
	year := p.opt.Now().Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 2000 && y <= 2100 {
		year = y
	}
	stats, err := p.api.Stats(s.sess, year)
	if err != nil {
		p.fail(w, r, s, err, false)
		return
	}
	v := view{Lang: langOf(r)}
	d := bureauData{Year: year, Platforms: len(stats)}
	status, kind, level := map[string]int{}, map[string]int{}, map[string]int{}
	quota := map[string][2]int{}
	for _, st := range stats {
		n := 0
		for code, c := range st.ByStatus {
			if code == model.Draft || code == model.Withdrawn {
				continue
			}
			status[code] += c
			n += c
		}
		d.Placed += n
		kind[v.Term("kind", st.Kind)] += n
		level[v.Term("level", st.Level)] += n
		for cat, q := range st.Quotas {
			t := quota[cat]
			quota[cat] = [2]int{t[0] + q.Used, t[1] + q.Total}
		}
		if q, ok := st.Quotas[model.Graduate]; ok && q.Total > 0 {
			d.QuotaByPlatform = append(d.QuotaByPlatform, bar{Label: st.Platform, N: q.Used, Of: q.Total})
		}
	}
	for _, t := range model.PlacementStatuses {
		if c, ok := status[t.Code]; ok {
			d.ByStatus = append(d.ByStatus, bar{Label: v.Term("status", t.Code), N: c})
		}
	}
	d.ByKind, d.ByLevel = bars(kind), bars(level)
	scale(d.ByStatus)
	for _, t := range model.QuotaCategories {
		if q, ok := quota[t.Code]; ok {
			d.Quota = append(d.Quota, bar{Label: v.Term("category", t.Code), N: q[0], Of: q[1]})
		}
	}
	// The fullest first: those are the platforms the bureau asks about.
	sort.SliceStable(d.QuotaByPlatform, func(i, j int) bool {
		a, b := d.QuotaByPlatform[i], d.QuotaByPlatform[j]
		return a.N*b.Of > b.N*a.Of
	})
	if c, err := p.api.EvaluationCharts(s.sess, year); err == nil {
		for _, k := range c.ByKind {
			row, n := gradeRow{Kind: v.Term("kind", k.Kind)}, 0
			for _, g := range model.Grades {
				row.Grades = append(row.Grades, bar{Label: v.Term("assessment", g.Code), N: k.Grades[g.Code]})
				n += k.Grades[g.Code]
			}
			if n == 0 {
				continue // no platform of this kind evaluated (yet): no empty chart
			}
			scale(row.Grades)
			d.Grades = append(d.Grades, row)
		}
	}
	p.render(w, r, s, http.StatusOK, "bureau.html", "portal.bureau_title", d)
}

// bars turns counts into a chart's rows, largest first, scaled to the largest.
func bars(m map[string]int) []bar {
	out := make([]bar, 0, len(m))
	for k, n := range m {
		out = append(out, bar{Label: k, N: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Label < out[j].Label
	})
	scale(out)
	return out
}

func scale(bs []bar) {
	top := 0
	for _, b := range bs {
		top = max(top, b.N)
	}
	for i := range bs {
		bs[i].Of = top
	}
}
