package dispatch

import (
	"sort"
	"strings"

	"secondment/model"
)

// AddUniversity records a university (graduate office without a university limit).
func (s *Service) AddUniversity(sess *Session, name string) (model.University, error) {
	u := model.University{Name: model.Clean(name)}
	if !sess.user.IsOffice() || sess.user.University != "" {
		return u, forbidden("universities")
	}
	if u.Name == "" {
		return u, model.Invalid("name", "field.required")
	}
	err := s.store.Update(func(tx model.Tx) error {
		if _, err := tx.University(u.Name); err == nil {
			return model.Errorf(model.EConflict, "university.exists", u.Name)
		}
		if err := tx.PutUniversity(u); err != nil {
			return err
		}
		return s.audit(tx, sess, "university.create", "university/"+u.Name, nil, u)
	})
	return u, err
}

// Universities lists the universities (every role: they are public).
func (s *Service) Universities(sess *Session) ([]model.University, error) {
	var out []model.University
	err := s.store.View(func(tx model.Tx) (err error) { out, err = tx.Universities(); return err })
	return out, err
}

// AddPlatform records a platform (graduate office without a university limit:
// platforms are shared by every university).
func (s *Service) AddPlatform(sess *Session, p model.Platform) (model.Platform, error) {
	if err := mayChangeShared(sess, "platforms"); err != nil {
		return p, err
	}
	if err := p.Normalize(); err != nil {
		return p, err
	}
	err := s.store.Update(func(tx model.Tx) error {
		if _, err := tx.Platform(p.Name); err == nil {
			return model.Errorf(model.EConflict, "platform.exists", p.Name)
		}
		if err := tx.PutPlatform(p); err != nil {
			return err
		}
		return s.audit(tx, sess, "platform.create", "platform/"+p.Name, nil, p)
	})
	return p, err
}

// Platforms lists platforms whose name, host or contact contains q. Platforms are
// public institutions, so every role sees the list; a platform-HR account sees
// only its own platform's contact details.
func (s *Service) Platforms(sess *Session, q string) ([]model.Platform, error) {
	var all []model.Platform
	err := s.store.View(func(tx model.Tx) (err error) { all, err = tx.Platforms(); return err })
	terms := splitTerms(q)
	var out []model.Platform
	for _, p := range all {
		if matchAll(terms, p.Name, p.Host, p.Contact, model.PlatformKinds.Name(p.Kind, "zh"), model.Chains.Name(p.Chain, "zh"),
			model.PlatformKinds.Name(p.Kind, "en"), model.Chains.Name(p.Chain, "en")) {
			if sess.user.Role == model.PlatformHR && p.Name != sess.user.Platform || sess.user.Role == model.StudentRole {
				p.Phone, p.Contact = "", ""
			}
			out = append(out, p)
		}
	}
	return out, err
}

// mayChangeShared refuses a change to what all universities share (platforms,
// their status, quotas) to anyone but an office account without a university
// limit; what names the refusal for other roles.
func mayChangeShared(sess *Session, what string) error {
	switch {
	case !sess.user.IsOffice():
		return forbidden(what)
	case !sess.user.IsChiefOffice():
		return forbidden("shared")
	}
	return nil
}

// matchAll reports whether every term occurs in one of the fields.
func matchAll(terms []string, fields ...string) bool {
	for _, t := range terms {
		ok := false
		for _, f := range fields {
			if strings.Contains(model.Fold(f), t) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// StatusResult is what changing a platform's status leaves to do.
type StatusResult struct {
	Platform model.Platform
	// NeedsReassignment lists the platform's open placements when its recognition
	// is revoked: they must be moved elsewhere or terminated.
	NeedsReassignment []model.Placement
	// Open counts the open placements at a revoked platform, including those
	// outside the user's scope (the bureau sees no names, only this figure).
	Open int
}

// SetPlatformStatus changes a platform's recognition status (graduate office
// without a university limit), with a reason, recorded on the platform and in
// the audit log.
func (s *Service) SetPlatformStatus(sess *Session, name, status, reason string) (StatusResult, error) {
	var res StatusResult
	if err := mayChangeShared(sess, "platforms"); err != nil {
		return res, err
	}
	code, ok := model.PlatformStatuses.Parse(status)
	if !ok {
		return res, model.Invalid("status", "field.choice", status, model.PlatformStatuses)
	}
	reason = model.CleanText(reason)
	if reason == "" {
		return res, model.Invalid("reason", "step.reason_required")
	}
	err := s.store.Update(func(tx model.Tx) (err error) {
		res, err = s.changePlatformStatus(tx, sess, name, code, reason)
		return err
	})
	return res, err
}

// changePlatformStatus is SetPlatformStatus inside a transaction, with the
// role already checked: the evaluation (bureau) changes statuses through it too.
func (s *Service) changePlatformStatus(tx model.Tx, sess *Session, name, code, reason string) (StatusResult, error) {
	var res StatusResult
	p, err := tx.Platform(model.Clean(name))
	if err != nil {
		return res, notFound(err, "platform.not_found", name)
	}
	before := p
	if p.Status == code {
		return res, model.Errorf(model.EConflict, "platform.same_status", p.Name, code)
	}
	p.StatusHistory = append(p.StatusHistory, model.StatusChange{From: p.Status, To: code, By: sess.user.Name, At: s.Now().UTC(), Reason: reason})
	p.Status = code
	if err := tx.PutPlatform(p); err != nil {
		return res, err
	}
	res.Platform = p
	if code == model.Revoked {
		if res.NeedsReassignment, err = openPlacementsAt(tx, sess.user, p.Name); err != nil {
			return res, err
		}
		if res.Open, err = countOpenAt(tx, p.Name); err != nil {
			return res, err
		}
	}
	return res, s.audit(tx, sess, "platform.status", "platform/"+p.Name, before, p)
}

// countOpenAt counts the open placements at a platform, whoever may see them.
func countOpenAt(tx model.Tx, platform string) (int, error) {
	ps, err := tx.PlacementsBy(model.ByPlatform, platform)
	n := 0
	for _, p := range ps {
		if model.IsOpen(p.Status) {
			n++
		}
	}
	return n, err
}

func openPlacementsAt(tx model.Tx, u model.User, platform string) ([]model.Placement, error) {
	ps, err := tx.PlacementsBy(model.ByPlatform, platform)
	var out []model.Placement
	for _, p := range ps {
		if model.IsOpen(p.Status) && canSeePlacement(u, p) {
			out = append(out, p)
		}
	}
	return out, err
}

// NeedsReassignment lists the open placements, within the user's scope, at
// platforms whose recognition has been revoked.
func (s *Service) NeedsReassignment(sess *Session) ([]model.Placement, error) {
	if !sess.user.IsOffice() {
		return nil, forbidden("reassign")
	}
	var out []model.Placement
	err := s.store.View(func(tx model.Tx) error {
		pls, err := tx.Platforms()
		for _, pl := range pls {
			if err != nil || pl.Status != model.Revoked {
				continue
			}
			var ps []model.Placement
			ps, err = openPlacementsAt(tx, sess.user, pl.Name)
			out = append(out, ps...)
		}
		return err
	})
	sort.Slice(out, func(i, j int) bool { return out[i].No < out[j].No })
	return out, err
}

// UpdatePlatform changes a platform's details (graduate office without a
// university limit). Its name is its key and its recognition status changes
// through SetPlatformStatus, with a reason; both stay as stored.
func (s *Service) UpdatePlatform(sess *Session, p model.Platform) (model.Platform, error) {
	if err := mayChangeShared(sess, "platforms"); err != nil {
		return p, err
	}
	err := s.store.Update(func(tx model.Tx) error {
		old, err := tx.Platform(model.Clean(p.Name))
		if err != nil {
			return notFound(err, "platform.not_found", p.Name)
		}
		p.Status, p.StatusHistory = old.Status, old.StatusHistory
		if err := p.Normalize(); err != nil {
			return err
		}
		if err := tx.PutPlatform(p); err != nil {
			return err
		}
		return s.audit(tx, sess, "platform.update", "platform/"+p.Name, old, p)
	})
	return p, err
}

// UniversityCount is a university with how many students it has on file.
type UniversityCount struct {
	Name     string
	Students int
}

// UniversityCounts lists the universities (public, for every role) with the
// number of students of each on file (a figure, no personal data).
func (s *Service) UniversityCounts(sess *Session) ([]UniversityCount, error) {
	us, err := s.Universities(sess)
	if err != nil {
		return nil, err
	}
	idx, err := s.studentIndex()
	if err != nil {
		return nil, err
	}
	n := map[string]int{}
	idx.mu.Lock()
	for i := range idx.list {
		n[idx.list[i].University]++
	}
	idx.mu.Unlock()
	out := make([]UniversityCount, len(us))
	for i, u := range us {
		out[i] = UniversityCount{u.Name, n[u.Name]}
	}
	return out, nil
}
