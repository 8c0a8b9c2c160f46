package model

import (
	"time"
	"unicode/utf8"
)

// Placement lifecycle states.
const (
	Draft      = "draft"
	Approved   = "approved"
	Dispatched = "dispatched"
	Arrived    = "arrived"
	Completed  = "completed"
	Terminated = "terminated"
	// Withdrawn (作废) is a draft that was never approved and will not be: kept
	// for the record, its agreement number never reused.
	Withdrawn = "withdrawn"
)

// next lists the legal transitions. Termination (提前终止) is possible from every
// state that is not final.
var next = map[string][]string{
	Draft:      {Approved, Withdrawn, Terminated},
	Approved:   {Dispatched, Terminated},
	Dispatched: {Arrived, Terminated},
	Arrived:    {Completed, Terminated},
}

// CanTransition reports whether a placement may go from one state to another.
func CanTransition(from, to string) bool {
	for _, s := range next[from] {
		if s == to {
			return true
		}
	}
	return false
}

// NextStates returns the states a placement in state from may move to.
func NextStates(from string) []string { return append([]string(nil), next[from]...) }

// IsOpen reports whether a placement in this state still binds the student: only
// completed, terminated and withdrawn placements leave the student free for
// another.
func IsOpen(status string) bool {
	return status != Completed && status != Terminated && status != Withdrawn
}

// IsFinal reports whether a placement in this state takes no further step.
func IsFinal(status string) bool { return len(next[status]) == 0 }

// HoldsQuota reports whether a placement in this state occupies a graduate quota
// place: from approval on, unless it was terminated (which frees the place for a
// replacement). Drafts hold nothing.
func HoldsQuota(status string) bool {
	return status == Approved || status == Dispatched || status == Arrived || status == Completed
}

// Step is one recorded lifecycle transition.
type Step struct {
	From string    `json:"from"`
	To   string    `json:"to"`
	By   string    `json:"by"`
	At   time.Time `json:"at"`
	Date Date      `json:"date,omitempty"` // the day it happened, when the user gave one
	Note string    `json:"note,omitempty"`
}

// Placement is one student at one platform for a period. No is the agreement
// number, unique and stable.
type Placement struct {
	No                string `json:"agreement_no"`
	StudentUniversity string `json:"university"`
	StudentNumber     string `json:"student_number"`
	StudentName       string `json:"student_name"`
	Platform          string `json:"platform"`
	Task              string `json:"task"`
	Supervisor        string `json:"supervisor"`     // 平台导师
	UniSupervisor     string `json:"uni_supervisor"` // 校内导师, copied from the student
	Start             Date   `json:"start"`
	End               Date   `json:"end"`
	Allowance         int    `json:"allowance"` // yuan per month
	Status            string `json:"status"`
	ArrivedOn         Date   `json:"arrived_on,omitempty"`
	EndedOn           Date   `json:"ended_on,omitempty"`
	Reason            string `json:"reason,omitempty"`     // why it was terminated or withdrawn
	Assessment        string `json:"assessment,omitempty"` // Assessments
	AssessmentNote    string `json:"assessment_note,omitempty"`
	// The conditions of leaving (see departure.go).
	Insurance  *Insurance `json:"insurance,omitempty"`
	PledgeOn   Date       `json:"pledge_on,omitempty"`
	AcceptedOn Date       `json:"accepted_on,omitempty"`
	// On site (see attendance.go, logs.go, assessment.go): each month's
	// attendance, leave requests, work logs, the mid-term check, the final
	// marks, the office's override of the one-third absence rule (its reason),
	// and the signed agreement's return.
	Attendance      []MonthAttendance `json:"attendance,omitempty"`
	Leaves          []Leave           `json:"leaves,omitempty"`
	Logs            []LogEntry        `json:"logs,omitempty"`
	Midterm         *Midterm          `json:"midterm,omitempty"`
	Marks           *FinalMarks       `json:"marks,omitempty"`
	AbsenceOverride string            `json:"absence_override,omitempty"`
	Returned        *AgreementReturn  `json:"returned,omitempty"`
	History         []Step            `json:"history"`
	// Rev counts the placement's changes: a write made from a view of an
	// earlier revision is refused (see CheckRev), so two clerks never
	// silently overwrite each other.
	Rev int `json:"rev,omitempty"`
}

// StudentKey returns the key of the placed student.
func (p Placement) StudentKey() string { return StudentKey(p.StudentUniversity, p.StudentNumber) }

// MaxPlacement is the longest allowed placement.
const MaxPlacementYears = 3

// ValidatePeriod checks that a placement period is sane for the student: end after
// start, at most three years, and inside the student's study years.
func ValidatePeriod(start, end Date, s Student) error {
	switch {
	case start.IsZero():
		return Invalid("start", "field.required")
	case end.IsZero():
		return Invalid("end", "field.required")
	case !end.After(start):
		return Invalid("end", "period.order", start, end)
	case end.After(start.AddDate(MaxPlacementYears, 0, 0)):
		return Invalid("end", "period.too_long", MaxPlacementYears)
	case start.Before(s.StudyStart()) || end.After(s.StudyEnd()):
		return Invalid("end", "period.study_years", s.StudyStart(), s.StudyEnd())
	}
	return nil
}

// NormalizeDraft cleans and checks the free-text fields of a new placement.
func (p *Placement) NormalizeDraft() error {
	var pr Problems
	p.Platform = cleanName("platform", p.Platform, 60, &pr)
	p.Task = cleanFreeText("task", p.Task, 200, &pr)
	p.Supervisor = optional("supervisor", p.Supervisor, 30, &pr)
	if p.Allowance < 0 || p.Allowance > 100000 {
		pr.add(Invalid("allowance", "placement.allowance", p.Allowance))
	}
	return pr.err()
}

// StepInput is what a user gives with a lifecycle step.
type StepInput struct {
	Date       Date   // the day it happened; today when zero
	Reason     string // required to terminate
	Assessment string // optional on completion: a code or name of Assessments
	Note       string
	// Rev is the revision the user saw (0: not checked, as for a script).
	Rev int
}

// Transition moves the placement to state to, checking that the step is legal and
// that its date and reason make sense, and records who did it and when.
func (p *Placement) Transition(to string, in StepInput, by string, now time.Time) error {
	if !CanTransition(p.Status, to) {
		return Errorf(ERule, "placement.transition", p.No, p.Status, to)
	}
	today := DateOf(now)
	day := in.Date
	if day.IsZero() {
		day = today
	}
	if day.After(today) {
		return Invalid("date", "step.future", day)
	}
	switch to {
	case Arrived:
		if day.Before(p.Start) || day.After(p.End) {
			return Invalid("date", "step.arrival_outside", day, p.Start, p.End)
		}
		p.ArrivedOn = day
	case Completed:
		if day.Before(p.ArrivedOn) {
			return Invalid("date", "step.before_arrival", day, p.ArrivedOn)
		}
		if in.Assessment != "" {
			code, ok := Assessments.Parse(in.Assessment)
			if !ok {
				return Invalid("assessment", "field.choice", in.Assessment, Assessments)
			}
			p.Assessment = code
		}
		// The one-third rule decides the result of a student away more than a
		// third of the recorded days, unless the office has overridden it.
		if p.FailsOnAbsence() {
			if p.Assessment != "" && p.Assessment != "fail" {
				return Errorf(ERule, "assessment.absence_fail", p.No)
			}
			p.Assessment = "fail"
		}
		p.EndedOn = day
	case Terminated, Withdrawn:
		reason := CleanText(in.Reason)
		if reason == "" {
			return Invalid("reason", "step.reason_required")
		}
		if utf8.RuneCountInString(reason) > 200 {
			return Invalid("reason", "field.too_long", 200)
		}
		p.Reason = reason
		if to == Terminated {
			p.EndedOn = day
		}
	}
	note := CleanText(in.Note)
	if to == Terminated || to == Withdrawn {
		note = p.Reason
	}
	p.History = append(p.History, Step{From: p.Status, To: to, By: by, At: now, Date: day, Note: note})
	p.Status = to
	return nil
}

// Overlaps reports whether the period [start, end] touches calendar year y.
func Overlaps(start, end Date, y int) bool {
	return start.Year() <= y && end.Year() >= y
}

// Years returns the calendar years a period touches.
func Years(start, end Date) []int {
	var ys []int
	for y := start.Year(); y <= end.Year(); y++ {
		ys = append(ys, y)
	}
	return ys
}
