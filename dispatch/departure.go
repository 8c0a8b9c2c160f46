package dispatch

import "secondment/model"

// The conditions of leaving (model/departure.go): the office records the
// insurance; the student's pledge is recorded by the student or, on their
// behalf, the office; the host's acceptance by the platform's HR or the
// office. Each is one transaction and an audit entry; dispatch is refused
// until all three are in hand (checkDeparture, called by Step).

// SetInsurance records a placement's accident insurance (graduate office).
func (s *Service) SetInsurance(sess *Session, no string, ins model.Insurance) (model.Placement, error) {
	if !sess.user.IsOffice() {
		return model.Placement{}, forbidden("departure_insurance")
	}
	if err := ins.Normalize(); err != nil {
		return model.Placement{}, err
	}
	return s.changeDeparture(sess, no, "placement.insurance", func(p *model.Placement) { p.Insurance = &ins })
}

// RecordPledge records the day the student signed the safety pledge (the
// student themself, or the office on their behalf).
func (s *Service) RecordPledge(sess *Session, no string, on model.Date) (model.Placement, error) {
	u := sess.user
	if !u.IsOffice() && u.Role != model.StudentRole {
		return model.Placement{}, forbidden("departure_pledge")
	}
	if on.IsZero() {
		return model.Placement{}, model.Invalid("date", "field.required")
	}
	return s.changeDeparture(sess, no, "placement.pledge", func(p *model.Placement) { p.PledgeOn = on })
}

// RecordAcceptance records the day the platform issued its acceptance letter
// (the platform's HR, or the office).
func (s *Service) RecordAcceptance(sess *Session, no string, on model.Date) (model.Placement, error) {
	u := sess.user
	if !u.IsOffice() && u.Role != model.PlatformHR {
		return model.Placement{}, forbidden("departure_acceptance")
	}
	if on.IsZero() {
		return model.Placement{}, model.Invalid("date", "field.required")
	}
	return s.changeDeparture(sess, no, "placement.acceptance", func(p *model.Placement) { p.AcceptedOn = on })
}

// changeDeparture applies change to an open placement the user may see (a
// student only their own), in one transaction with its audit entry.
func (s *Service) changeDeparture(sess *Session, no, op string, change func(*model.Placement)) (model.Placement, error) {
	var p model.Placement
	err := s.store.Update(func(tx model.Tx) (err error) {
		if p, err = s.visiblePlacement(tx, sess, no); err != nil {
			return err
		}
		if !model.IsOpen(p.Status) {
			return model.Errorf(model.ERule, "placement.closed", p.No)
		}
		before := p
		change(&p)
		p.Rev++ // a view of the earlier revision can no longer write (model.CheckRev)
		if err := tx.PutPlacement(p); err != nil {
			return err
		}
		return s.audit(tx, sess, op, "placement/"+p.No, before, p)
	})
	if err != nil {
		return model.Placement{}, err
	}
	s.placements.put(p)
	return p, nil
}

// checkDeparture refuses dispatch until the insurance (covering the whole
// period), the pledge and the acceptance are recorded, naming what is missing.
func checkDeparture(p model.Placement) error {
	if missing := p.DepartureMissing(); len(missing) > 0 {
		return model.Errorf(model.ERule, "placement.not_ready", p.No, missing)
	}
	return nil
}
