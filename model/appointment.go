package model

import "time"

// Appointment statuses.
const (
	AppointmentPending = "pending"
	AppointmentActive  = "active"
	AppointmentEnded   = "ended"
	AppointmentRevoked = "revoked"
)

// Appointment is a dual appointment (双聘双挂): one person holding posts at a
// university and at a platform for a term.
type Appointment struct {
	ID           uint64 `json:"id"`
	Name         string `json:"name"`
	Kind         string `json:"kind"` // AppointmentKinds
	University   string `json:"university"`
	UniPost      string `json:"uni_post"`
	Platform     string `json:"platform"`
	PlatformPost string `json:"platform_post"`
	Start        Date   `json:"start"`
	End          Date   `json:"end"`
	Share        int    `json:"share"` // percent of working time at the platform
	Status       string `json:"status"`
	History      []Step `json:"history,omitempty"`
}

// HoldsQuota reports whether the appointment occupies a dual-appointment quota
// place: while in office, and after its term ran out (it used the year's place).
func (a Appointment) HoldsQuota() bool {
	return a.Status == AppointmentActive || a.Status == AppointmentEnded
}

// Covers reports whether the appointment's term covers [start, end] and it is not
// revoked.
func (a Appointment) Covers(start, end Date) bool {
	if a.Status == AppointmentRevoked {
		return false
	}
	return !a.Start.After(start) && !a.End.Before(end)
}

// Normalize cleans and validates the appointment in place.
func (a *Appointment) Normalize() error {
	var p Problems
	a.Name = cleanName("name", a.Name, 30, &p)
	a.Kind = parseTerm("kind", AppointmentKinds, a.Kind, true, &p)
	a.University = cleanName("university", a.University, 60, &p)
	a.UniPost = optional("uni_post", a.UniPost, 60, &p)
	a.Platform = cleanName("platform", a.Platform, 60, &p)
	a.PlatformPost = optional("platform_post", a.PlatformPost, 60, &p)
	switch {
	case a.Start.IsZero():
		p.add(Invalid("start", "field.required"))
	case a.End.IsZero():
		p.add(Invalid("end", "field.required"))
	case !a.End.After(a.Start):
		p.add(Invalid("end", "period.order", a.Start, a.End))
	}
	if a.Share < 1 || a.Share > 100 {
		p.add(Invalid("share", "appointment.share", a.Share))
	}
	if a.Status == "" {
		a.Status = AppointmentPending
	}
	a.Status = parseTerm("status", AppointmentStatuses, a.Status, true, &p)
	return p.err()
}

// CanAppointmentTransition lists the legal appointment status changes.
func CanAppointmentTransition(from, to string) bool {
	switch from {
	case AppointmentPending:
		return to == AppointmentActive || to == AppointmentRevoked
	case AppointmentActive:
		return to == AppointmentEnded || to == AppointmentRevoked
	}
	return false
}

// AppointmentTransition moves the appointment to a new status and records it.
func (a *Appointment) Transition(to, by, note string, now time.Time) error {
	if !CanAppointmentTransition(a.Status, to) {
		return Errorf(ERule, "appointment.transition", a.Name, a.Status, to)
	}
	a.History = append(a.History, Step{From: a.Status, To: to, By: by, At: now, Note: Clean(note)})
	a.Status = to
	return nil
}
