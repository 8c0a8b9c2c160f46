package portal

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
)

// listLimit bounds a list on one page: a phone on a slow network should not
// load a platform's whole history; a search finds the rest.
const listLimit = 100

type hrHomeData struct {
	Platform string
	Q        string
	Today    model.Date
	// Arriving start within a week (or already should have) and are not yet
	// confirmed; OnTheWay are approved or dispatched with a later start;
	// Ending are on site and end within 30 days.
	Arriving, OnTheWay, Ending rowTable
	// All is the search's result, or every placement when nothing is searched.
	All   rowTable
	Total int
	// Reminders are what is due soon or overdue at the platform.
	Reminders reminderList
}

// rowTable is a list of placements as the page shows it: every string made in
// Go, once, so that the template only reads fields. A method call per cell
// (.T, .Term, .Date) made html/template reflect on every row, and that cost
// the HR pages more than the rest of their rendering.
type rowTable struct {
	L    *rowLabels
	Rows []rowView
}

// rowLabels are a list's column headings, also each cell's label on a phone.
type rowLabels struct {
	Student, No, Status, Period, Supervisor string
}

// rowView is one placement in a list.
type rowView struct {
	No, StudentName, StudentUniversity string
	Status, StatusName                 string // the code (a CSS class) and its name
	Period                             string // start – end
	Supervisor                         string // "—" when none
}

func newRowLabels(v view) *rowLabels {
	return &rowLabels{Student: v.T("portal.col_student"), No: v.T("portal.col_no"), Status: v.T("portal.col_status"),
		Period: v.T("portal.col_period"), Supervisor: v.T("portal.col_supervisor")}
}

// rows makes the list of placements ps.
func rows(v view, l *rowLabels, ps []model.Placement) rowTable {
	t := rowTable{L: l, Rows: make([]rowView, len(ps))}
	names := map[string]string{} // a list has a handful of statuses
	for i, p := range ps {
		name, ok := names[p.Status]
		if !ok {
			name = v.Term("status", p.Status)
			names[p.Status] = name
		}
		t.Rows[i] = rowView{No: p.No, StudentName: p.StudentName, StudentUniversity: p.StudentUniversity,
			Status: p.Status, StatusName: name, Period: v.Date(p.Start) + " – " + v.Date(p.End), Supervisor: p.Supervisor}
		if p.Supervisor == "" {
			t.Rows[i].Supervisor = "—"
		}
	}
	return t
}

// hrHome is platform HR's desk: what needs them soon, then every placement
// (or those matching the search). The service lists only their platform's.
func (p *Portal) hrHome(w http.ResponseWriter, r *http.Request, s *session) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	ps, err := p.api.Placements(s.sess, dispatch.PlacementFilter{Q: q})
	if err != nil {
		p.fail(w, r, s, err, false)
		return
	}
	today := model.DateOf(p.opt.Now())
	v := view{Lang: langOf(r)}
	l := newRowLabels(v)
	d := hrHomeData{Platform: s.sess.User().Platform, Q: q, Today: today, Total: len(ps)}
	if q == "" {
		var arriving, onTheWay, ending []model.Placement
		week, month := today.AddDate(0, 0, 7), today.AddDate(0, 0, 30)
		for _, pl := range ps {
			switch pl.Status {
			case model.Approved, model.Dispatched:
				if pl.Start.After(week) {
					onTheWay = append(onTheWay, pl)
				} else {
					arriving = append(arriving, pl)
				}
			case model.Arrived:
				if !pl.End.After(month) {
					ending = append(ending, pl)
				}
			}
		}
		byStart := func(ps []model.Placement) {
			sort.SliceStable(ps, func(i, j int) bool { return ps[i].Start.Before(ps[j].Start) })
		}
		byStart(arriving)
		byStart(onTheWay)
		sort.SliceStable(ending, func(i, j int) bool { return ending[i].End.Before(ending[j].End) })
		d.Arriving, d.OnTheWay, d.Ending = rows(v, l, arriving), rows(v, l, onTheWay), rows(v, l, ending)
	}
	d.All = rows(v, l, ps[:min(len(ps), listLimit)])
	if q == "" {
		if d.Reminders, err = p.reminders(r, s, "/hr/p/"); err != nil {
			p.fail(w, r, s, err, false)
			return
		}
	}
	p.render(w, r, s, http.StatusOK, "hr.html", "portal.hr_title", d)
}

type hrPlacementData struct {
	P            model.Placement
	Mobile       string // the student's, as the service shows it to HR
	Today        model.Date
	CanArrive    bool
	CanEnd       bool
	CanSupervise bool
	HasAgreement bool
	Assessments  model.Terms
	// Form holds what the user typed when a step was refused, to fill the form again.
	Form map[string]string
	// Failed names the form whose step was refused ("arrive", "complete", "supervisor", …).
	Failed string
	// Done names the on-site form whose step was just taken (its notice shows there).
	Done string
	// Onsite is the time on site: attendance, leave, logs, the mark.
	Onsite onsiteView
	// Month is the month the attendance form proposes: the first of the
	// period without a record, or the current one.
	Month string
}

// hrPlacement shows one placement with the steps HR may take on it. Which
// forms appear follows the placement's state; the service decides whether a
// step is allowed.
func (p *Portal) hrPlacement(w http.ResponseWriter, r *http.Request, s *session) {
	var notes []string
	done := r.URL.Query().Get("done")
	if k := doneKeys[done]; k != "" {
		notes = append(notes, i18n.T(langOf(r), k))
	}
	if !inlineForms[done] {
		done = ""
	}
	p.showPlacement(w, r, s, http.StatusOK, done, "", nil, notes...)
}

var doneKeys = map[string]string{
	"arrive":     "portal.done_arrive",
	"complete":   "portal.done_complete",
	"supervisor": "portal.done_supervisor",
	"attendance": "portal.done_attendance",
	"decide":     "portal.done_decide",
	"logread":    "portal.done_logread",
	"mark":       "portal.done_mark",
}

func (p *Portal) showPlacement(w http.ResponseWriter, r *http.Request, s *session, status int, done, failed string, form map[string]string, notes ...string) {
	pl, err := p.api.Placement(s.sess, r.PathValue("no"))
	if err != nil {
		p.fail(w, r, s, err, true)
		return
	}
	// The student's mobile, as the service lets HR see it (in full where the
	// server holds the key): HR phone the students placed with them.
	var mobile string
	if st, err := p.api.Student(s.sess, pl.StudentUniversity, pl.StudentNumber); err == nil {
		mobile = st.Mobile
	}
	d := hrPlacementData{P: pl, Mobile: mobile, Today: model.DateOf(p.opt.Now()), Assessments: model.Assessments, Form: form, Failed: failed,
		CanArrive:    model.CanTransition(pl.Status, model.Arrived),
		CanEnd:       model.CanTransition(pl.Status, model.Completed),
		CanSupervise: !model.IsFinal(pl.Status),
		HasAgreement: hasAgreement(pl.Status),
		Done:         done,
		Onsite:       p.onsite(view{Lang: langOf(r)}, pl, failed, form),
		Month:        attendanceMonth(pl, model.DateOf(p.opt.Now())),
	}
	p.renderInline(w, r, s, status, "placement.html", "portal.placement_title", d, inlineForms[failed] || done != "", notes...)
}

// hrArrive confirms a student's arrival on the day given (today when empty).
func (p *Portal) hrArrive(w http.ResponseWriter, r *http.Request, s *session) {
	p.step(w, r, s, "arrive", model.Arrived)
}

// hrComplete records the student's departure with the assessment.
func (p *Portal) hrComplete(w http.ResponseWriter, r *http.Request, s *session) {
	p.step(w, r, s, "complete", model.Completed)
}

func (p *Portal) step(w http.ResponseWriter, r *http.Request, s *session, form, to string) {
	in := model.StepInput{Assessment: r.PostFormValue("assessment"), Note: r.PostFormValue("note")}
	// The revision the page showed: a step taken meanwhile by the office or
	// a colleague refuses this one instead of being overwritten.
	in.Rev, _ = strconv.Atoi(r.PostFormValue("rev"))
	typed := map[string]string{"date": r.PostFormValue("date"), "assessment": in.Assessment, "note": in.Note}
	if v := strings.TrimSpace(typed["date"]); v != "" {
		d, err := model.ParseDate(v)
		if err != nil {
			p.refused(w, r, s, form, typed, err)
			return
		}
		in.Date = d
	}
	_, warns, err := p.api.Step(s.sess, r.PathValue("no"), to, in)
	if err != nil {
		p.refused(w, r, s, form, typed, err)
		return
	}
	p.done(w, r, s, form, warns)
}

// hrSupervisor records the platform supervisor (平台导师).
func (p *Portal) hrSupervisor(w http.ResponseWriter, r *http.Request, s *session) {
	name := r.PostFormValue("supervisor")
	_, warns, err := p.api.SetSupervisor(s.sess, r.PathValue("no"), name)
	if err != nil {
		p.refused(w, r, s, "supervisor", map[string]string{"supervisor": name}, err)
		return
	}
	p.done(w, r, s, "supervisor", warns)
}

// refused shows the placement again with the refusal beside the form, and
// what the user typed. A placement that is missing or not theirs gets the 404
// page.
func (p *Portal) refused(w http.ResponseWriter, r *http.Request, s *session, form string, typed map[string]string, err error) {
	switch model.ErrorCode(err) {
	case model.ENotFound, model.EForbidden, model.EUnauthorized, model.EInternal:
		p.fail(w, r, s, err, true)
		return
	}
	p.showPlacement(w, r, s, http.StatusUnprocessableEntity, "", form, typed, "", i18n.Message(langOf(r), err))
}

// done answers a step taken: back to the placement by a redirect (so a reload
// does not post again), or, when the service warned, the page with the
// warnings, which a redirect would lose.
func (p *Portal) done(w http.ResponseWriter, r *http.Request, s *session, form string, warns []model.Warning) {
	if len(warns) == 0 {
		http.Redirect(w, r, "/hr/p/"+urlPart(r.PathValue("no"))+"?done="+form, http.StatusSeeOther)
		return
	}
	lang := langOf(r)
	lines := []string{i18n.T(lang, doneKeys[form])}
	for _, wn := range warns {
		lines = append(lines, i18n.Warning(lang, wn))
	}
	p.showPlacement(w, r, s, http.StatusOK, "", "", nil, strings.Join(lines, "\n"))
}

// attendanceMonth is the month the attendance form proposes: the first month
// of the placement since arrival that has begun and has no record, else the
// current month (or the last of the period).
func attendanceMonth(pl model.Placement, today model.Date) string {
	from := pl.ArrivedOn
	if from.IsZero() {
		from = pl.Start
	}
	last := today
	if pl.End.Before(last) {
		last = pl.End
	}
	month := func(d model.Date) string { return d.String()[:7] }
	for d := model.NewDate(from.Year(), from.Month(), 1); !d.After(last); d = d.AddDate(0, 1, 0) {
		if _, ok := pl.AttendanceOf(month(d)); !ok {
			return month(d)
		}
	}
	return month(last)
}
