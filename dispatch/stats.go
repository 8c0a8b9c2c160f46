package dispatch

import (
	"sort"

	"secondment/model"
)

// PlatformStats is one platform's figures, with no personal data: what the
// bureau sees.
type PlatformStats struct {
	Platform string         `json:"platform"`
	Kind     string         `json:"kind"`
	Level    string         `json:"level"`
	Chain    string         `json:"chain"`
	Status   string         `json:"status"`
	ByStatus map[string]int `json:"placements"` // placement status → count
	// Quotas for the year asked: category → use.
	Quotas map[string]model.QuotaUse `json:"quotas"`
}

// Stats returns per-platform figures for a year: placements touching the year by
// status, and quota use. The bureau and the graduate office may see them.
func (s *Service) Stats(sess *Session, year int) ([]PlatformStats, error) {
	u := sess.user
	if u.Role != model.Bureau && u.Role != model.Office {
		return nil, forbidden("stats")
	}
	var out []PlatformStats
	err := s.store.View(func(tx model.Tx) error {
		pls, err := tx.Platforms()
		if err != nil {
			return err
		}
		for _, pl := range pls {
			st := PlatformStats{Platform: pl.Name, Kind: pl.Kind, Level: pl.Level, Chain: pl.Chain, Status: pl.Status,
				ByStatus: map[string]int{}, Quotas: map[string]model.QuotaUse{}}
			ps, err := tx.PlacementsBy(model.ByPlatform, pl.Name)
			if err != nil {
				return err
			}
			for _, p := range ps {
				if (year == 0 || model.Overlaps(p.Start, p.End, year)) && (u.Role == model.Bureau || u.CoversUniversity(p.StudentUniversity)) {
					st.ByStatus[p.Status]++
				}
			}
			for _, cat := range []string{model.Graduate, model.Dual, model.Filed} {
				q, err := tx.Quota(pl.Name, year, cat)
				if err != nil {
					continue
				}
				if st.Quotas[cat], err = quotaUse(tx, q); err != nil {
					return err
				}
			}
			out = append(out, st)
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Platform < out[j].Platform })
	return out, err
}
