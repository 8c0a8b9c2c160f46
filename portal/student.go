package portal

import (
	"net/http"

	"secondment/dispatch"
	"secondment/model"
)

type studentData struct {
	Student    model.Student
	Placements []model.Placement
	// Reminders are what is due soon or overdue on their placements.
	Reminders reminderList
}

// studentHome shows a student their own record, as the service masks it, and
// their placements with their agreements.
func (p *Portal) studentHome(w http.ResponseWriter, r *http.Request, s *session) {
	u := s.sess.User()
	st, err := p.api.Student(s.sess, u.University, u.StudentNumber)
	if err != nil {
		p.fail(w, r, s, err, false)
		return
	}
	ps, err := p.api.Placements(s.sess, dispatch.PlacementFilter{})
	if err != nil {
		p.fail(w, r, s, err, false)
		return
	}
	d := studentData{Student: st, Placements: ps}
	if d.Reminders, err = p.reminders(r, s, "/student/p/"); err != nil {
		p.fail(w, r, s, err, false)
		return
	}
	p.render(w, r, s, http.StatusOK, "student.html", "portal.student_title", d)
}

// hasAgreement reports whether a placement has an agreement to print: drafts
// are not yet agreed and withdrawn drafts never were.
func hasAgreement(status string) bool { return status != model.Draft && status != model.Withdrawn }
