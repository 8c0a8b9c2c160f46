package dispatch

import (
	"strconv"

	"secondment/model"
)

// Dataset is a whole set of records to load at once (sample data).
type Dataset struct {
	Universities []model.University
	Platforms    []model.Platform
	Students     []model.Student // in key order loads fastest
	Quotas       []model.Quota
	Appointments []model.Appointment
	Placements   []model.Placement
	Users        []NewUser
}

// LoadDataset writes a dataset into a data file that has no records yet, in one
// transaction: every record is validated first and nothing is written unless all
// pass. It records one audit entry with the counts. Graduate office without a
// university limit only.
func (s *Service) LoadDataset(sess *Session, ds Dataset, label string) (LoadSummary, error) {
	var sum LoadSummary
	if !sess.user.IsOffice() || sess.user.University != "" {
		return sum, forbidden("universities")
	}
	if err := s.validateDataset(&ds); err != nil {
		return sum, err
	}
	users := make([]model.User, 0, len(ds.Users))
	for _, nu := range ds.Users {
		if err := checkPassword(nu.Name, nu.Password); err != nil {
			return sum, err
		}
		u := model.User{Name: nu.Name, Role: nu.Role, Platform: nu.Platform, University: nu.University,
			StudentNumber: nu.StudentNumber, Created: s.Now().UTC()}
		if err := u.Normalize(); err != nil {
			return sum, err
		}
		hash, err := s.hasher.Hash(nu.Password)
		if err != nil {
			return sum, err
		}
		u.PasswordHash = hash
		if u.IsOffice() {
			if u.KeyWrap, err = s.wrapFor(u.Name, nu.Password); err != nil {
				return sum, err
			}
		}
		users = append(users, u)
	}
	err := s.store.Bulk(func(tx model.Tx) error {
		pls, err := tx.Platforms()
		if err != nil {
			return err
		}
		if len(pls) > 0 || tx.StudentCount() > 0 {
			return model.Errorf(model.EConflict, "demo.not_empty")
		}
		for _, u := range ds.Universities {
			if err := tx.PutUniversity(u); err != nil {
				return err
			}
		}
		for _, p := range ds.Platforms {
			if err := tx.PutPlatform(p); err != nil {
				return err
			}
		}
		for _, st := range ds.Students {
			if err := tx.PutStudent(st); err != nil {
				return err
			}
		}
		for _, q := range ds.Quotas {
			if err := tx.PutQuota(q); err != nil {
				return err
			}
		}
		for _, a := range ds.Appointments {
			if _, err := tx.PutAppointment(a); err != nil {
				return err
			}
		}
		for _, p := range ds.Placements {
			p.Rev++ // a view of the earlier revision can no longer write (model.CheckRev)
			if err := tx.PutPlacement(p); err != nil {
				return err
			}
			// Keep agreement numbering ahead of the loaded numbers.
			if y, n, ok := parseAgreementNo(p.No); ok {
				for {
					next, err := tx.NextAgreementSeq(y)
					if err != nil {
						return err
					}
					if next >= n {
						break
					}
				}
			}
		}
		for _, u := range users {
			if _, err := tx.User(u.Name); err == nil {
				return model.Errorf(model.EConflict, "user.exists", u.Name)
			}
			if err := tx.PutUser(u); err != nil {
				return err
			}
		}
		sum = LoadSummary{len(ds.Universities), len(ds.Platforms), len(ds.Students), len(ds.Quotas),
			len(ds.Appointments), len(ds.Placements), len(users)}
		return s.audit(tx, sess, "dataset.load", "file", nil, map[string]any{"source": label, "counts": sum})
	})
	if err == nil {
		s.students.invalidate()
		s.placements.invalidate()
	}
	return sum, err
}

func parseAgreementNo(no string) (year int, seq uint64, ok bool) {
	if len(no) != 12 || no[:2] != "XP" || no[6] != '-' {
		return 0, 0, false
	}
	y, err1 := strconv.Atoi(no[2:6])
	n, err2 := strconv.ParseUint(no[7:], 10, 64)
	return y, n, err1 == nil && err2 == nil
}

// validateDataset normalises every record and checks that references resolve
// and keys are unique.
func (s *Service) validateDataset(ds *Dataset) error {
	today := s.today()
	unis := map[string]bool{}
	for i := range ds.Universities {
		ds.Universities[i].Name = model.Clean(ds.Universities[i].Name)
		unis[ds.Universities[i].Name] = true
	}
	platforms := map[string]bool{}
	for i := range ds.Platforms {
		if err := ds.Platforms[i].Normalize(); err != nil {
			return err
		}
		if platforms[ds.Platforms[i].Name] {
			return model.Errorf(model.EConflict, "platform.exists", ds.Platforms[i].Name)
		}
		platforms[ds.Platforms[i].Name] = true
	}
	students := make(map[string]model.Student, len(ds.Students))
	for i := range ds.Students {
		st := &ds.Students[i]
		if err := st.Normalize(today); err != nil {
			return err
		}
		if !unis[st.University] {
			return model.Errorf(model.ENotFound, "university.not_found", st.University)
		}
		if _, dup := students[st.Key()]; dup {
			return model.Errorf(model.EConflict, "student.exists", st.Number, st.University)
		}
		students[st.Key()] = *st
	}
	for i := range ds.Appointments {
		a := &ds.Appointments[i]
		if err := a.Normalize(); err != nil {
			return err
		}
		if !unis[a.University] {
			return model.Errorf(model.ENotFound, "university.not_found", a.University)
		}
		if !platforms[a.Platform] {
			return model.Errorf(model.ENotFound, "platform.not_found", a.Platform)
		}
	}
	open := map[string]string{}
	for i := range ds.Placements {
		p := &ds.Placements[i]
		if err := p.NormalizeDraft(); err != nil {
			return err
		}
		st, ok := students[p.StudentKey()]
		if !ok {
			return model.Errorf(model.ENotFound, "student.not_found", p.StudentNumber)
		}
		if !platforms[p.Platform] {
			return model.Errorf(model.ENotFound, "platform.not_found", p.Platform)
		}
		if err := model.ValidatePeriod(p.Start, p.End, st); err != nil {
			return err
		}
		if model.IsOpen(p.Status) {
			if other, busy := open[p.StudentKey()]; busy {
				return model.Errorf(model.ERule, "placement.student_busy", st.Name, other, p.Status)
			}
			open[p.StudentKey()] = p.No
		}
	}
	for i := range ds.Quotas {
		q := ds.Quotas[i]
		if !platforms[q.Platform] || !model.ValidQuotaYear(q.Year) || !model.QuotaCategories.Has(q.Category) || q.Total < 0 {
			return model.Errorf(model.EInvalid, "quota.invalid", q.Platform, q.Year, q.Category)
		}
	}
	return nil
}
