package dispatch

import (
	"sort"
	"strconv"

	"secondment/model"
)

// Reminder is something due soon, or overdue, that concerns a record the user
// may see: a placement ending, its insurance ending, its mid-term check due,
// its work log overdue, its signed agreement not returned, or a dual
// appointment ending. Key is the agreement number (the appointment's ID for
// appointment_end), so a front end opens the record it concerns.
type Reminder struct {
	Kind     string     `json:"kind"` // model.ReminderKinds
	Key      string     `json:"key"`
	Name     string     `json:"name"` // the student, or the appointee
	Platform string     `json:"platform"`
	Due      model.Date `json:"due"`
	DaysLeft int        `json:"days_left"` // negative when overdue
	// Band is 30, 15 or 7 — the threshold the due date has passed — and 0 when
	// it is due today or overdue.
	Band int `json:"band"`
	// Detail is the period of an overdue log.
	Detail string `json:"detail,omitempty"`
}

// Reminders lists what is due within 30 days, or overdue, for the user: the
// office everything in its scope, the platform's HR its platform, a student
// their own placement; the bureau nothing. Each reminder appears once its due
// date is 30 days away and carries the band (30, 15, 7) it is in:
//   - placement_end: a dispatched or arrived placement's end date;
//   - insurance_end: the insurance cover's end, while the placement is open
//     (approved, dispatched or arrived);
//   - midterm_due: the halfway day of a dispatched or arrived placement
//     without a mid-term check;
//   - appointment_end: an active dual appointment's end (office and HR);
//   - logs_overdue: a student on site without a log for the last full week or
//     month (their university's cadence) — always overdue, band 0;
//   - agreement_return: an open placement approved model.ReturnDays (15) days
//     ago or more whose signed agreement has not come back — a to-do from
//     that day on, band 0.
//
// Overdue items stay while the condition holds, most urgent first.
func (s *Service) Reminders(sess *Session) ([]Reminder, error) {
	u := sess.user
	out := []Reminder{}
	if !u.SeesPersonalData() {
		return out, nil
	}
	today := s.today()
	days := func(d model.Date) int { return int(d.Time().Sub(today.Time()).Hours() / 24) }
	add := func(kind, key, name, platform string, due model.Date, detail string) {
		left := days(due)
		band := model.RemindBand(left)
		if band < 0 {
			return
		}
		out = append(out, Reminder{Kind: kind, Key: key, Name: name, Platform: platform, Due: due, DaysLeft: left,
			Band: band, Detail: detail})
	}
	ps, err := s.Placements(sess, PlacementFilter{})
	if err != nil {
		return nil, err
	}
	cadences := map[string]string{}
	if err := s.store.View(func(tx model.Tx) error {
		us, err := tx.Universities()
		for _, un := range us {
			cadences[un.Name] = un.LogCadenceOf()
		}
		return err
	}); err != nil {
		return nil, err
	}
	for _, p := range ps {
		going := p.Status == model.Dispatched || p.Status == model.Arrived
		open := going || p.Status == model.Approved
		if going {
			add(model.RemindPlacementEnd, p.No, p.StudentName, p.Platform, p.End, "")
			if p.Midterm == nil {
				add(model.RemindMidtermDue, p.No, p.StudentName, p.Platform, p.Halfway(), "")
			}
		}
		if open && p.Insurance != nil {
			add(model.RemindInsuranceEnd, p.No, p.StudentName, p.Platform, p.Insurance.To, "")
		}
		if open && p.Returned == nil {
			if due := p.ApprovedOn().AddDate(0, 0, model.ReturnDays); !p.ApprovedOn().IsZero() && !due.After(today) {
				add(model.RemindAgreementReturn, p.No, p.StudentName, p.Platform, due, "")
			}
		}
		if p.Status == model.Arrived {
			if period, due, ok := overdueLog(p, cadences[p.StudentUniversity], today); ok {
				add(model.RemindLogsOverdue, p.No, p.StudentName, p.Platform, due, period)
			}
		}
	}
	if u.Role == model.Office || u.Role == model.PlatformHR {
		as, err := s.Appointments(sess, AppointmentFilter{})
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			if a.Status == model.AppointmentActive {
				add(model.RemindAppointmentEnd, strconv.FormatUint(a.ID, 10), a.Name, a.Platform, a.End, "")
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].DaysLeft != out[j].DaysLeft {
			return out[i].DaysLeft < out[j].DaysLeft
		}
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].Key < out[j].Key
	})
	return out, nil
}

// overdueLog reports the last full period since arrival (within the
// placement) when it has no log, with its last day.
func overdueLog(p model.Placement, cadence string, today model.Date) (string, model.Date, bool) {
	if cadence == "" {
		cadence = model.Weekly
	}
	periods := model.FullPeriods(cadence, p.ArrivedOn, p.End, today)
	if len(periods) == 0 {
		return "", model.Date{}, false
	}
	last := periods[len(periods)-1]
	if p.LogOf(last) >= 0 {
		return "", model.Date{}, false
	}
	_, _, end, _ := model.ParsePeriod(cadence, last)
	return last, end, true
}
