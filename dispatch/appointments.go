package dispatch

import (
	"sort"
	"strconv"

	"secondment/model"
)

func canSeeAppointment(u model.User, a model.Appointment) bool {
	switch u.Role {
	case model.Office:
		return u.CoversUniversity(a.University)
	case model.PlatformHR:
		return a.Platform == u.Platform
	}
	return false
}

// AddAppointment records a dual appointment (graduate office). It starts pending
// unless given as active, in which case the dual-appointment quota is checked.
func (s *Service) AddAppointment(sess *Session, a model.Appointment) (model.Appointment, error) {
	if !sess.user.IsOffice() {
		return a, forbidden("appointments")
	}
	a.ID = 0
	a.History = nil
	if err := a.Normalize(); err != nil {
		return a, err
	}
	if !sess.user.CoversUniversity(a.University) {
		return a, forbidden("university")
	}
	err := s.store.Update(func(tx model.Tx) error {
		if _, err := tx.University(a.University); err != nil {
			return notFound(err, "university.not_found", a.University)
		}
		pl, err := tx.Platform(a.Platform)
		if err != nil {
			return notFound(err, "platform.not_found", a.Platform)
		}
		if a.Status == model.AppointmentActive {
			if !pl.AcceptsApproval() {
				return model.Errorf(model.ERule, "platform.rectifying", pl.Name)
			}
			if err := checkDualQuota(tx, s.today(), a); err != nil {
				return err
			}
		}
		a.History = []model.Step{{To: a.Status, By: sess.user.Name, At: s.Now().UTC()}}
		if a.ID, err = tx.PutAppointment(a); err != nil {
			return err
		}
		return s.audit(tx, sess, "appointment.create", "appointment/"+strconv.FormatUint(a.ID, 10), nil, a)
	})
	return a, err
}

// SetAppointmentStatus activates, ends or revokes a dual appointment (graduate
// office). Activating counts against the platform's dual-appointment quota.
func (s *Service) SetAppointmentStatus(sess *Session, id uint64, status, note string) (model.Appointment, error) {
	var a model.Appointment
	if !sess.user.IsOffice() {
		return a, forbidden("appointments")
	}
	to, ok := model.AppointmentStatuses.Parse(status)
	if !ok {
		return a, model.Invalid("status", "field.choice", status, model.AppointmentStatuses)
	}
	err := s.store.Update(func(tx model.Tx) (err error) {
		if a, err = tx.Appointment(id); err != nil {
			return notFound(err, "appointment.not_found", id)
		}
		if !canSeeAppointment(sess.user, a) {
			return forbidden("appointment")
		}
		before := a
		if err := a.Transition(to, sess.user.Name, note, s.Now().UTC()); err != nil {
			return err
		}
		if to == model.AppointmentActive {
			pl, err := tx.Platform(a.Platform)
			if err != nil {
				return notFound(err, "platform.not_found", a.Platform)
			}
			if !pl.AcceptsApproval() {
				return model.Errorf(model.ERule, "platform.rectifying", pl.Name)
			}
			if err := checkDualQuota(tx, s.today(), a); err != nil {
				return err
			}
		}
		if _, err := tx.PutAppointment(a); err != nil {
			return err
		}
		return s.audit(tx, sess, "appointment."+to, "appointment/"+strconv.FormatUint(a.ID, 10), before, a)
	})
	return a, err
}

// AppointmentFilter narrows an appointment list.
type AppointmentFilter struct {
	Q        string
	Platform string
	Status   string
}

// Appointments lists the dual appointments the user may see: the office within
// its university, HR at its platform. They name people, so the bureau and
// students are refused.
func (s *Service) Appointments(sess *Session, f AppointmentFilter) ([]model.Appointment, error) {
	u := sess.user
	if u.Role != model.Office && u.Role != model.PlatformHR {
		return nil, forbidden("appointments")
	}
	terms := splitTerms(f.Q)
	var out []model.Appointment
	err := s.store.View(func(tx model.Tx) error {
		return tx.EachAppointment(func(a model.Appointment) error {
			if canSeeAppointment(u, a) && (f.Platform == "" || a.Platform == f.Platform) &&
				(f.Status == "" || a.Status == f.Status) &&
				matchAll(terms, a.Name, a.University, a.Platform, a.UniPost, a.PlatformPost) {
				out = append(out, a)
			}
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.After(out[j].Start) })
	return out, err
}
