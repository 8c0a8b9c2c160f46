package dispatch

import (
	"fmt"
	"sort"
	"strings"

	"secondment/model"
)

// canSeePlacement reports whether the user may see (and, role permitting, act on)
// a placement: the office within its university, HR at its platform, the student
// their own. The bureau sees no placements one by one.
func canSeePlacement(u model.User, p model.Placement) bool {
	switch u.Role {
	case model.Office:
		return u.CoversUniversity(p.StudentUniversity)
	case model.PlatformHR:
		return p.Platform == u.Platform
	case model.StudentRole:
		return u.IsStudent(p.StudentUniversity, p.StudentNumber)
	}
	return false
}

// PlacementDraft is what the office gives to draft a placement.
type PlacementDraft struct {
	StudentNumber string
	University    string // optional when the number is unique
	Platform      string
	Start, End    model.Date
	Task          string
	Supervisor    string // platform supervisor (平台导师)
	Allowance     int    // yuan per month
	// Rev, when editing a draft, is the revision the user saw (0: not checked).
	Rev int
}

// NewPlacement drafts a placement and gives it its agreement number. The student
// must have no other open placement, the platform must not be revoked and the
// period must be sane.
func (s *Service) NewPlacement(sess *Session, d PlacementDraft) (model.Placement, []model.Warning, error) {
	var p model.Placement
	var warns []model.Warning
	if !sess.user.IsOffice() {
		return p, nil, forbidden("placements")
	}
	p = model.Placement{Platform: d.Platform, Task: d.Task, Supervisor: d.Supervisor, Allowance: d.Allowance,
		Start: d.Start, End: d.End, Status: model.Draft}
	if err := p.NormalizeDraft(); err != nil {
		return p, nil, err
	}
	err := s.store.Update(func(tx model.Tx) error {
		st, err := s.findStudent(tx, sess, d.University, d.StudentNumber)
		if err != nil {
			return err
		}
		if !sess.user.CoversUniversity(st.University) {
			return forbidden("university")
		}
		pl, err := tx.Platform(p.Platform)
		if err != nil {
			return notFound(err, "platform.not_found", p.Platform)
		}
		if !pl.AcceptsDraft() {
			return model.Errorf(model.ERule, "platform.revoked", pl.Name)
		}
		if err := model.ValidatePeriod(p.Start, p.End, st); err != nil {
			return err
		}
		if open, err := openPlacementOf(tx, st, ""); err != nil {
			return err
		} else if open != nil {
			return model.Errorf(model.ERule, "placement.student_busy", st.Name, open.No, open.Status)
		}
		now := s.Now()
		seq, err := tx.NextAgreementSeq(now.Year())
		if err != nil {
			return err
		}
		p.No = fmt.Sprintf("XP%d-%05d", now.Year(), seq)
		p.StudentUniversity, p.StudentNumber, p.StudentName = st.University, st.Number, st.Name
		p.UniSupervisor = st.Supervisor
		p.History = []model.Step{{To: model.Draft, By: sess.user.Name, At: now.UTC()}}
		if warns, err = supervisorWarnings(tx, p); err != nil {
			return err
		}
		p.Rev++ // a view of the earlier revision can no longer write (model.CheckRev)
		if err := tx.PutPlacement(p); err != nil {
			return err
		}
		return s.audit(tx, sess, "placement.create", "placement/"+p.No, nil, p)
	})
	if err == nil {
		s.placements.put(p)
	}
	return p, warns, err
}

// openPlacementOf returns the student's open placement other than except, if any.
func openPlacementOf(tx model.Tx, st model.Student, except string) (*model.Placement, error) {
	ps, err := tx.PlacementsBy(model.ByStudent, st.Key())
	for _, p := range ps {
		if model.IsOpen(p.Status) && p.No != except {
			return &p, err
		}
	}
	return nil, err
}

// supervisorWarnings checks dual supervision: a platform supervisor who holds a
// dual appointment at the platform should hold it for the whole placement.
func supervisorWarnings(tx model.Tx, p model.Placement) ([]model.Warning, error) {
	if p.Supervisor == "" {
		return nil, nil
	}
	as, err := tx.AppointmentsAt(p.Platform)
	var held []model.Appointment
	for _, a := range as {
		if a.Name == p.Supervisor && a.Status != model.AppointmentRevoked {
			if a.Covers(p.Start, p.End) {
				return nil, err
			}
			held = append(held, a)
		}
	}
	if len(held) == 0 {
		return nil, err
	}
	a := held[len(held)-1]
	return []model.Warning{{Key: "warn.supervisor_term", Args: []any{p.Supervisor, a.Start, a.End, p.Start, p.End}}}, err
}

// Placement returns one placement the user may see.
func (s *Service) Placement(sess *Session, no string) (model.Placement, error) {
	var p model.Placement
	err := s.store.View(func(tx model.Tx) (err error) {
		p, err = s.visiblePlacement(tx, sess, no)
		return err
	})
	return p, err
}

func (s *Service) visiblePlacement(tx model.Tx, sess *Session, no string) (model.Placement, error) {
	if !sess.user.SeesPersonalData() {
		return model.Placement{}, forbidden("personal_data")
	}
	p, err := tx.Placement(model.CleanCode(no))
	if err != nil {
		return p, notFound(err, "placement.not_found", no)
	}
	if !canSeePlacement(sess.user, p) {
		// The same answer as a number that does not exist: a guessed number
		// must not tell whether someone else's placement has it.
		return model.Placement{}, model.Errorf(model.ENotFound, "placement.not_found", no)
	}
	return p, nil
}

// Step takes a placement one step along its lifecycle. The role decides which
// steps a user may take; the platform's status and its quota may refuse approval
// and dispatch.
func (s *Service) Step(sess *Session, no, to string, in model.StepInput) (model.Placement, []model.Warning, error) {
	var p model.Placement
	var warns []model.Warning
	err := s.store.Update(func(tx model.Tx) (err error) {
		if p, err = s.visiblePlacement(tx, sess, no); err != nil {
			return err
		}
		if !sess.user.MayStep(to) {
			return forbidden("step")
		}
		if err := model.CheckRev("placement", p.No, in.Rev, p.Rev); err != nil {
			return err
		}
		before := p
		if err := p.Transition(to, in, sess.user.Name, s.Now().UTC()); err != nil {
			return err
		}
		if err := checkPlatformAccepts(tx, p, to); err != nil {
			return err
		}
		if to == model.Dispatched {
			if err := checkDeparture(p); err != nil {
				return err
			}
		}
		if to == model.Approved {
			if err := checkGraduateQuota(tx, s.today(), p); err != nil {
				return err
			}
			if warns, err = supervisorWarnings(tx, p); err != nil {
				return err
			}
		}
		p.Rev++ // a view of the earlier revision can no longer write (model.CheckRev)
		if err := tx.PutPlacement(p); err != nil {
			return err
		}
		return s.audit(tx, sess, "placement."+to, "placement/"+p.No, before, p)
	})
	if err != nil {
		return model.Placement{}, nil, err
	}
	s.placements.put(p)
	return p, warns, nil
}

// checkPlatformAccepts refuses approval and dispatch to a platform that is not
// recognised, and arrival at one whose recognition is revoked.
func checkPlatformAccepts(tx model.Tx, p model.Placement, to string) error {
	if to != model.Approved && to != model.Dispatched && to != model.Arrived {
		return nil
	}
	pl, err := tx.Platform(p.Platform)
	if err != nil {
		return notFound(err, "platform.not_found", p.Platform)
	}
	switch {
	case pl.Status == model.Revoked:
		return model.Errorf(model.ERule, "platform.revoked", pl.Name)
	case pl.Status == model.Rectifying && to != model.Arrived:
		return model.Errorf(model.ERule, "platform.rectifying", pl.Name)
	}
	return nil
}

// SetSupervisor records the platform supervisor of a placement (office, or the
// platform's HR).
func (s *Service) SetSupervisor(sess *Session, no, name string) (model.Placement, []model.Warning, error) {
	var p model.Placement
	var warns []model.Warning
	err := s.store.Update(func(tx model.Tx) (err error) {
		if p, err = s.visiblePlacement(tx, sess, no); err != nil {
			return err
		}
		if sess.user.Role != model.Office && sess.user.Role != model.PlatformHR {
			return forbidden("placement")
		}
		if !model.IsOpen(p.Status) {
			return model.Errorf(model.ERule, "placement.closed", p.No)
		}
		before := p
		p.Supervisor = name
		if err := p.NormalizeDraft(); err != nil {
			return err
		}
		if warns, err = supervisorWarnings(tx, p); err != nil {
			return err
		}
		p.Rev++ // a view of the earlier revision can no longer write (model.CheckRev)
		if err := tx.PutPlacement(p); err != nil {
			return err
		}
		return s.audit(tx, sess, "placement.supervisor", "placement/"+p.No, before, p)
	})
	if err == nil {
		s.placements.put(p)
	}
	return p, warns, err
}

// PlacementFilter narrows a placement list.
type PlacementFilter struct {
	Q          string // fragment of agreement number, student number or name, platform, task
	Status     string
	Platform   string
	University string
	Year       int // placements whose period touches this year
}

// Placements lists the placements the user may see that match f, newest first.
func (s *Service) Placements(sess *Session, f PlacementFilter) ([]model.Placement, error) {
	u := sess.user
	if !u.SeesPersonalData() {
		return nil, forbidden("personal_data")
	}
	status := ""
	if f.Status != "" {
		var ok bool
		if status, ok = model.PlacementStatuses.Parse(f.Status); !ok {
			return nil, model.Invalid("status", "field.choice", f.Status, model.PlacementStatuses)
		}
	}
	if err := checkFilterScope(u, f.Platform, f.University); err != nil {
		return nil, err
	}
	terms := splitTerms(f.Q)
	var out []model.Placement
	keep := func(c cachedPlacement) {
		p := c.p
		if canSeePlacement(u, p) && (status == "" || p.Status == status) &&
			(f.Platform == "" || p.Platform == f.Platform) &&
			(f.University == "" || p.StudentUniversity == f.University) &&
			(f.Year == 0 || model.Overlaps(p.Start, p.End, f.Year)) &&
			containsAll(c.hay, terms) {
			out = append(out, p)
		}
	}
	var err error
	switch {
	case (u.Role == model.PlatformHR || u.Role == model.StudentRole) && s.placements.each(keep):
		// A process that serves many users keeps every placement in memory
		// (serve prefetches): filtering it costs far less than decoding the
		// platform's records on every page a platform's HR opens.
	case u.Role == model.PlatformHR || u.Role == model.StudentRole:
		// A few records, found through the indexes.
		err = s.store.View(func(tx model.Tx) error {
			var ps []model.Placement
			var err error
			if u.Role == model.PlatformHR {
				ps, err = tx.PlacementsBy(model.ByPlatform, u.Platform)
			} else {
				ps, err = tx.PlacementsBy(model.ByStudent, model.StudentKey(u.University, u.StudentNumber))
			}
			for _, p := range ps {
				keep(cache(p))
			}
			return err
		})
	default:
		var all []cachedPlacement
		if all, err = s.allPlacements(); err == nil {
			for _, c := range all {
				keep(c)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].No > out[j].No })
	return out, err
}

// checkFilterScope refuses a platform or university filter outside the user's
// scope, which could only ever be answered with nothing: a filter never widens
// a scope, and an empty answer would read as "none there".
func checkFilterScope(u model.User, platform, university string) error {
	if platform != "" && u.Role == model.PlatformHR && model.Clean(platform) != u.Platform {
		return forbidden("platform_scope")
	}
	if university != "" && u.Role == model.Office && !u.CoversUniversity(model.Clean(university)) {
		return forbidden("university")
	}
	return nil
}

func splitTerms(q string) []string { return strings.Fields(model.Fold(q)) }

// containsAll reports whether every (folded) term occurs in hay.
func containsAll(hay string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(hay, t) {
			return false
		}
	}
	return true
}

// UpdateDraft changes a draft placement's platform, period, task, supervisor
// and allowance (office within its scope), checked by the rules of a new one:
// the platform must not be revoked and the period must be sane for the student.
// The student and the agreement number stay. Only a draft can be edited:
// anything later is refused with ERule.
func (s *Service) UpdateDraft(sess *Session, no string, d PlacementDraft) (model.Placement, []model.Warning, error) {
	var p model.Placement
	var warns []model.Warning
	if !sess.user.IsOffice() {
		return p, nil, forbidden("placements")
	}
	err := s.store.Update(func(tx model.Tx) (err error) {
		if p, err = s.visiblePlacement(tx, sess, no); err != nil {
			return err
		}
		if p.Status != model.Draft {
			return model.Errorf(model.ERule, "placement.not_draft", p.No, p.Status)
		}
		if err := model.CheckRev("placement", p.No, d.Rev, p.Rev); err != nil {
			return err
		}
		before := p
		p.Platform, p.Task, p.Supervisor, p.Allowance, p.Start, p.End = d.Platform, d.Task, d.Supervisor, d.Allowance, d.Start, d.End
		if err := p.NormalizeDraft(); err != nil {
			return err
		}
		if p.Platform != before.Platform {
			pl, err := tx.Platform(p.Platform)
			if err != nil {
				return notFound(err, "platform.not_found", p.Platform)
			}
			if !pl.AcceptsDraft() {
				return model.Errorf(model.ERule, "platform.revoked", pl.Name)
			}
		}
		st, err := tx.Student(p.StudentUniversity, p.StudentNumber)
		if err != nil {
			return notFound(err, "student.not_found", p.StudentNumber)
		}
		if err := model.ValidatePeriod(p.Start, p.End, st); err != nil {
			return err
		}
		if warns, err = supervisorWarnings(tx, p); err != nil {
			return err
		}
		p.Rev++ // a view of the earlier revision can no longer write (model.CheckRev)
		if err := tx.PutPlacement(p); err != nil {
			return err
		}
		return s.audit(tx, sess, "placement.edit", "placement/"+p.No, before, p)
	})
	if err != nil {
		return model.Placement{}, nil, err
	}
	s.placements.put(p)
	return p, warns, nil
}

// Withdraw voids (作废) a draft that was never approved, with a reason (office
// within its scope). The placement is kept, with status withdrawn, and its
// agreement number is never given again; the student is free for another
// placement.
func (s *Service) Withdraw(sess *Session, no, reason string) (model.Placement, error) {
	if !sess.user.IsOffice() {
		return model.Placement{}, forbidden("placements")
	}
	p, _, err := s.Step(sess, no, model.Withdrawn, model.StepInput{Reason: reason})
	return p, err
}
