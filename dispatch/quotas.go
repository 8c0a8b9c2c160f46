package dispatch

import (
	"errors"
	"sort"
	"strconv"

	"secondment/model"
)

// graduateUse counts the placements at a platform, other than except, that hold
// a place in year y.
func graduateUse(tx model.Tx, platform string, y int, except string) (int, error) {
	nos, err := tx.PlacementsHolding(platform, y)
	n := 0
	for _, no := range nos {
		if no != except {
			n++
		}
	}
	return n, err
}

// dualUse counts the dual appointments at a platform that hold a place in year y.
func dualUse(tx model.Tx, platform string, y int, except uint64) (int, error) {
	as, err := tx.AppointmentsAt(platform)
	n := 0
	for _, a := range as {
		if a.ID != except && a.HoldsQuota() && model.Overlaps(a.Start, a.End, y) {
			n++
		}
	}
	return n, err
}

// checkQuota refuses one more place in category at the platform for every year
// of [start, end] where it would exceed the quota (or where none is set). Years
// already past are history and are not checked (an appointment recorded today
// may have begun two years ago), unless the whole period is past.
func checkQuota(tx model.Tx, today model.Date, platform, category string, start, end model.Date, use func(y int) (int, error)) error {
	from := max(start.Year(), today.Year())
	if from > end.Year() {
		from = end.Year()
	}
	for y := from; y <= end.Year(); y++ {
		q, err := tx.Quota(platform, y, category)
		if errors.Is(err, model.ErrNotFound) {
			return model.Errorf(model.ERule, "quota.unset", platform, y, category)
		}
		if err != nil {
			return err
		}
		used, err := use(y)
		if err != nil {
			return err
		}
		if used+1 > q.Total {
			return model.Errorf(model.ERule, "quota.full", platform, y, category, used, q.Total)
		}
	}
	return nil
}

func checkGraduateQuota(tx model.Tx, today model.Date, p model.Placement) error {
	return checkQuota(tx, today, p.Platform, model.Graduate, p.Start, p.End, func(y int) (int, error) {
		return graduateUse(tx, p.Platform, y, p.No)
	})
}

func checkDualQuota(tx model.Tx, today model.Date, a model.Appointment) error {
	return checkQuota(tx, today, a.Platform, model.Dual, a.Start, a.End, func(y int) (int, error) {
		return dualUse(tx, a.Platform, y, a.ID)
	})
}

// quotaUse computes a quota's current use.
func quotaUse(tx model.Tx, q model.Quota) (model.QuotaUse, error) {
	u := model.QuotaUse{Quota: q}
	var err error
	switch q.Category {
	case model.Graduate:
		u.Used, err = graduateUse(tx, q.Platform, q.Year, "")
	case model.Dual:
		u.Used, err = dualUse(tx, q.Platform, q.Year, 0)
	default:
		u.Used = q.Filled
	}
	return u, err
}

// QuotaInput sets or changes a quota.
type QuotaInput struct {
	Platform string
	Year     int
	Category string
	Total    int
	Filled   *int // filed posts only: how many are filled
	Reason   string
}

// SetQuota sets or changes a platform's quota for a year (graduate office
// without a university limit: quotas are shared by every university). A reason
// is required and every change is kept in the quota's history; a total below
// the places already used is refused.
func (s *Service) SetQuota(sess *Session, in QuotaInput) (model.QuotaUse, error) {
	var out model.QuotaUse
	if err := mayChangeShared(sess, "quota_change"); err != nil {
		return out, err
	}
	cat, ok := model.QuotaCategories.Parse(in.Category)
	if !ok {
		return out, model.Invalid("category", "field.choice", in.Category, model.QuotaCategories)
	}
	if !model.ValidQuotaYear(in.Year) {
		return out, model.Invalid("year", "quota.year", in.Year)
	}
	if in.Total < 0 || in.Total > 100000 {
		return out, model.Invalid("total", "quota.total", in.Total)
	}
	reason := model.CleanText(in.Reason)
	if reason == "" {
		return out, model.Invalid("reason", "quota.reason_required")
	}
	if in.Filled != nil && (cat != model.Filed || *in.Filled < 0) {
		return out, model.Invalid("filled", "quota.filled")
	}
	err := s.store.Update(func(tx model.Tx) error {
		platform := model.Clean(in.Platform)
		if _, err := tx.Platform(platform); err != nil {
			return notFound(err, "platform.not_found", in.Platform)
		}
		q, err := tx.Quota(platform, in.Year, cat)
		isNew := errors.Is(err, model.ErrNotFound)
		if err != nil && !isNew {
			return err
		}
		var before any
		if isNew {
			q = model.Quota{Platform: platform, Year: in.Year, Category: cat}
		} else {
			before = q
		}
		if in.Filled != nil {
			q.Filled = *in.Filled
		}
		q.History = append(q.History, model.QuotaChange{From: q.Total, To: in.Total, By: sess.user.Name, At: s.Now().UTC(), Reason: reason})
		q.Total = in.Total
		if out, err = quotaUse(tx, q); err != nil {
			return err
		}
		if out.Used > q.Total {
			return model.Errorf(model.ERule, "quota.below_used", platform, in.Year, out.Used, q.Total)
		}
		if err := tx.PutQuota(q); err != nil {
			return err
		}
		return s.audit(tx, sess, "quota.set", "quota/"+platform+"/"+strconv.Itoa(in.Year)+"/"+cat, before, q)
	})
	return out, err
}

// QuotaFilter narrows a quota list.
type QuotaFilter struct {
	Q        string // fragment of platform name
	Year     int
	Category string
	Platform string
}

// Quotas lists quotas with their use. The office and the bureau see every
// platform's; platform HR sees its own; students none.
func (s *Service) Quotas(sess *Session, f QuotaFilter) ([]model.QuotaUse, error) {
	u := sess.user
	if u.Role == model.StudentRole {
		return nil, forbidden("quotas")
	}
	if u.Role == model.PlatformHR {
		if f.Platform != "" && model.Clean(f.Platform) != u.Platform {
			return nil, forbidden("platform_scope") // a filter never widens a scope
		}
		f.Platform = u.Platform
	}
	terms := splitTerms(f.Q)
	var out []model.QuotaUse
	err := s.store.View(func(tx model.Tx) error {
		return tx.EachQuota(func(q model.Quota) error {
			if (f.Year != 0 && q.Year != f.Year) || (f.Category != "" && q.Category != f.Category) ||
				(f.Platform != "" && q.Platform != f.Platform) || !matchAll(terms, q.Platform) {
				return nil
			}
			qu, err := quotaUse(tx, q)
			out = append(out, qu)
			return err
		})
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Year > out[j].Year })
	return out, err
}
