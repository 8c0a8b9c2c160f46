package dispatch

import (
	"slices"

	"secondment/model"
)

// The placement on site (issue 12): attendance and leave, the override of the
// one-third absence rule, the mid-term check and the signed agreement's
// return. The records live on the placement (model/attendance.go,
// model/assessment.go). Who enters what: the host (the platform's HR, or the
// office on its behalf) records attendance and decides leave; the student
// asks for leave for themself only (or the office on their behalf); the office
// alone overrides the absence rule, records the mid-term check and the
// agreement's return. Whatever the office enters for another party is recorded
// as the office user's act in the audit log. Each change is one transaction
// and one audit entry whose before and after are the part that changed (a
// month, a leave request, a log), not the whole placement, so the log does
// not repeat a placement's every log at each change.

// AttendanceInput is a month's attendance as the host gives it.
type AttendanceInput struct {
	Month                  string // YYYY-MM
	Present, Absent, Leave int
	Rev                    int // the revision the user saw (0: not checked)
}

// LeaveInput is a leave request.
type LeaveInput struct {
	From, To model.Date
	Reason   string
	Rev      int
}

// LeaveDecision approves or refuses a pending leave request.
type LeaveDecision struct {
	ID      int
	Approve bool
	Note    string
	Rev     int
}

// onPlacement changes a placement the user may see in one transaction with
// one audit entry: change edits p (a copy whose slices and records may be
// changed freely) and returns what the audit entry keeps before and after.
func (s *Service) onPlacement(sess *Session, no string, rev int, op string,
	change func(tx model.Tx, p *model.Placement) (before, after any, err error)) (model.Placement, error) {
	var p model.Placement
	err := s.store.Update(func(tx model.Tx) (err error) {
		if p, err = s.visiblePlacement(tx, sess, no); err != nil {
			return err
		}
		if err := model.CheckRev("placement", p.No, rev, p.Rev); err != nil {
			return err
		}
		p = clonePlacement(p)
		before, after, err := change(tx, &p)
		if err != nil {
			return err
		}
		p.Rev++ // a view of the earlier revision can no longer write (model.CheckRev)
		if err := tx.PutPlacement(p); err != nil {
			return err
		}
		return s.audit(tx, sess, op, "placement/"+p.No, before, after)
	})
	if err != nil {
		return model.Placement{}, err
	}
	s.placements.put(p)
	return p, nil
}

// clonePlacement copies the parts of a placement that a change edits in
// place, so the record read stays as it was (for the audit entry's before).
func clonePlacement(p model.Placement) model.Placement {
	p.Attendance = slices.Clone(p.Attendance)
	p.Leaves = slices.Clone(p.Leaves)
	p.Logs = slices.Clone(p.Logs)
	p.History = slices.Clone(p.History)
	if p.Marks != nil {
		m := *p.Marks
		p.Marks = &m
	}
	return p
}

// onSite refuses a change to a placement whose student is not on site.
func onSite(p model.Placement) error {
	if p.Status != model.Arrived {
		return model.Errorf(model.ERule, "placement.not_on_site", p.No, p.Status)
	}
	return nil
}

// isHost reports whether the user acts for the host: the platform's HR (the
// placement's visibility already limits them to their platform) or the office.
func isHost(u model.User) bool { return u.Role == model.PlatformHR || u.Role == model.Office }

// SetAttendance records (or corrects) a month's attendance of a placement on
// site: the platform's HR or the office. The month must fall in the period
// and have begun. Returns ENotFound for a placement outside the user's scope,
// EForbidden for a student or the bureau, ERule if the student is not on site.
func (s *Service) SetAttendance(sess *Session, no string, in AttendanceInput) (model.Placement, error) {
	if !isHost(sess.user) {
		return model.Placement{}, forbidden("attendance")
	}
	return s.onPlacement(sess, no, in.Rev, "placement.attendance", func(_ model.Tx, p *model.Placement) (any, any, error) {
		if err := onSite(*p); err != nil {
			return nil, nil, err
		}
		a := model.MonthAttendance{Month: in.Month, Present: in.Present, Absent: in.Absent, Leave: in.Leave,
			By: sess.user.Name, At: s.Now().UTC()}
		if err := a.Normalize(*p, s.today()); err != nil {
			return nil, nil, err
		}
		var before any
		if old, ok := p.AttendanceOf(a.Month); ok {
			before = old
		}
		p.SetAttendance(a)
		return before, a, nil
	})
}

// RequestLeave records a student's leave request: the student for their own
// placement, or the office on their behalf, while dispatched or on site.
func (s *Service) RequestLeave(sess *Session, no string, in LeaveInput) (model.Placement, error) {
	u := sess.user
	if u.Role != model.StudentRole && !u.IsOffice() {
		return model.Placement{}, forbidden("leave_request")
	}
	return s.onPlacement(sess, no, in.Rev, "placement.leave_request", func(_ model.Tx, p *model.Placement) (any, any, error) {
		if p.Status != model.Dispatched && p.Status != model.Arrived {
			return nil, nil, model.Errorf(model.ERule, "placement.not_on_site", p.No, p.Status)
		}
		l := model.Leave{From: in.From, To: in.To, Reason: in.Reason}
		if err := l.Normalize(*p); err != nil {
			return nil, nil, err
		}
		for _, o := range p.Leaves {
			if o.Status != model.LeaveRefused && !o.To.Before(l.From) && !l.To.Before(o.From) {
				return nil, nil, model.Errorf(model.EConflict, "leave.overlap", o.ID, o.From, o.To)
			}
		}
		l.ID, l.Status, l.RequestedBy, l.RequestedAt = p.NextLeaveID(), model.LeavePending, u.Name, s.Now().UTC()
		p.Leaves = append(p.Leaves, l)
		return nil, l, nil
	})
}

// DecideLeave approves or refuses a pending leave request: the platform's HR
// (its own platform only) or the office, with an optional note.
func (s *Service) DecideLeave(sess *Session, no string, d LeaveDecision) (model.Placement, error) {
	if !isHost(sess.user) {
		return model.Placement{}, forbidden("leave_decide")
	}
	op := "placement.leave_refuse"
	if d.Approve {
		op = "placement.leave_approve"
	}
	return s.onPlacement(sess, no, d.Rev, op, func(_ model.Tx, p *model.Placement) (any, any, error) {
		i := p.LeaveByID(d.ID)
		if i < 0 {
			return nil, nil, model.Errorf(model.ENotFound, "leave.not_found", d.ID, p.No)
		}
		before := p.Leaves[i]
		if before.Status != model.LeavePending {
			return nil, nil, model.Errorf(model.ERule, "leave.decided", d.ID)
		}
		note, err := model.CleanNote("note", d.Note, 200)
		if err != nil {
			return nil, nil, err
		}
		l := before
		l.Status = model.LeaveRefused
		if d.Approve {
			l.Status = model.LeaveApproved
		}
		l.DecidedBy, l.DecidedAt, l.Note = sess.user.Name, s.Now().UTC(), note
		p.Leaves[i] = l
		return before, l, nil
	})
}

// OverrideAbsence records the office's decision that a student away more than
// a third of the recorded days may still pass, with its reason. Refused (ERule)
// when the student is not over the third: there is nothing to override.
func (s *Service) OverrideAbsence(sess *Session, no, reason string, rev int) (model.Placement, error) {
	if !sess.user.IsOffice() {
		return model.Placement{}, forbidden("absence_override")
	}
	return s.onPlacement(sess, no, rev, "placement.absence_override", func(_ model.Tx, p *model.Placement) (any, any, error) {
		if !model.IsOpen(p.Status) {
			return nil, nil, model.Errorf(model.ERule, "placement.closed", p.No)
		}
		off, total := p.AbsenceShare()
		if !p.OverOneThird() {
			return nil, nil, model.Errorf(model.ERule, "absence.not_over", p.No, off, total)
		}
		r, err := model.CleanNote("reason", reason, 200)
		if err != nil {
			return nil, nil, err
		}
		if r == "" {
			return nil, nil, model.Invalid("reason", "step.reason_required")
		}
		before := map[string]any{"absence_override": p.AbsenceOverride}
		p.AbsenceOverride = r
		return before, map[string]any{"absence_override": r, "days_away": off, "days_recorded": total}, nil
	})
}

// RecordMidterm records the mid-term check (office), at or after the halfway
// point of a placement on site; its date is today when not given.
func (s *Service) RecordMidterm(sess *Session, no string, m model.Midterm, rev int) (model.Placement, error) {
	if !sess.user.IsOffice() {
		return model.Placement{}, forbidden("midterm")
	}
	if err := m.Normalize(); err != nil {
		return model.Placement{}, err
	}
	return s.onPlacement(sess, no, rev, "placement.midterm", func(_ model.Tx, p *model.Placement) (any, any, error) {
		if err := onSite(*p); err != nil {
			return nil, nil, err
		}
		today := s.today()
		if m.On.IsZero() {
			m.On = today
		}
		if half := p.Halfway(); m.On.Before(half) {
			return nil, nil, model.Invalid("date", "midterm.early", half)
		}
		if m.On.After(today) {
			return nil, nil, model.Invalid("date", "step.future", m.On)
		}
		m.By, m.At = sess.user.Name, s.Now().UTC()
		var before any
		if p.Midterm != nil {
			before = *p.Midterm
		}
		p.Midterm = &m
		return before, m, nil
	})
}

// RecordReturn records that the signed agreement came back to the office
// (office): the date, the copies (one when not given) and who received it
// (the office user when not given). Only an approved (or later) placement has
// an agreement to return.
func (s *Service) RecordReturn(sess *Session, no string, r model.AgreementReturn, rev int) (model.Placement, error) {
	if !sess.user.IsOffice() {
		return model.Placement{}, forbidden("agreement_return")
	}
	if err := r.Normalize(); err != nil {
		return model.Placement{}, err
	}
	return s.onPlacement(sess, no, rev, "placement.returned", func(_ model.Tx, p *model.Placement) (any, any, error) {
		approved := p.ApprovedOn()
		if approved.IsZero() || p.Status == model.Withdrawn {
			return nil, nil, model.Errorf(model.ERule, "return.not_approved", p.No)
		}
		if r.On.Before(approved) || r.On.After(s.today()) {
			return nil, nil, model.Invalid("date", "return.date", approved, s.today())
		}
		if r.ReceivedBy == "" {
			r.ReceivedBy = sess.user.Name
		}
		r.By, r.At = sess.user.Name, s.Now().UTC()
		var before any
		if p.Returned != nil {
			before = *p.Returned
		}
		p.Returned = &r
		return before, r, nil
	})
}
