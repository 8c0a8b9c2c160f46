package ui

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/model"
	"secondment/roster"
)

// todo is one line of the home screen: a count and what opens it.
type todo struct {
	key   string
	count int
	open  func()
}

// homeScreen is the graduate office's 工作台: what waits for it today, and the
// figures at a glance. Its to-dos open the screens that do them.
type homeScreen struct {
	u          *UI
	students   *studentsScreen
	placements *placementsScreen
	quotas     *quotasScreen
	data       *dataScreen
	// appointments is the tab a dual appointment's reminder opens.
	appointments *appointmentsScreen
	box          *fyne.Container
}

// build makes the tab's content; it has no search box.
func (s *homeScreen) build() (fyne.CanvasObject, *entry) {
	s.box = container.NewVBox()
	s.refresh()
	return container.NewVScroll(container.NewPadded(s.box)), nil
}

// refresh reads the to-dos and figures again (刷新 in the top bar, F5,
// focus, the timer). Platform HR's home holds its reminders alone.
func (s *homeScreen) refresh() {
	u, box := s.u, s.box
	box.Objects = nil
	if !u.sess.User().IsOffice() {
		box.Add(u.remindersCard(s.openReminder))
		box.Refresh()
		return
	}
	todos, figures, err := s.homeData()
	if err != nil {
		box.Add(widget.NewLabel(u.message(err)))
		box.Refresh()
		return
	}
	if steps := s.firstDay(s.refresh); steps != nil {
		box.Add(steps)
	}
	box.Add(widget.NewLabelWithStyle(u.t("ui.todo"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	grid := container.NewGridWrap(fyne.NewSize(260, 64))
	for _, td := range todos {
		td := td
		b := widget.NewButton(fmt.Sprintf("%s  %d", u.t(td.key), td.count), td.open)
		if td.count > 0 {
			b.Importance = widget.HighImportance
		}
		if td.open == nil {
			b.Disable()
		}
		grid.Add(b)
	}
	box.Add(grid)
	box.Add(widget.NewSeparator())
	box.Add(u.remindersCard(s.openReminder))
	box.Add(widget.NewSeparator())
	box.Add(widget.NewLabelWithStyle(u.t("ui.figures"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	figs := container.NewGridWrap(fyne.NewSize(200, 48))
	for _, f := range figures {
		figs.Add(widget.NewLabel(f))
	}
	box.Add(figs)
	box.Refresh()
}

// openPlacements switches to the placements tab showing one status.
func (s *homeScreen) openPlacements(status string) func() {
	u := s.u
	return func() {
		u.openTab("ui.tab_placements")()
		if pl := s.placements.list; pl != nil {
			pl.status.SetSelected(u.term(model.PlacementStatuses, status))
		}
	}
}

func (s *homeScreen) homeData() ([]todo, []string, error) {
	u := s.u
	ps, err := u.svc.Placements(u.sess, dispatch.PlacementFilter{})
	if err != nil {
		return nil, nil, err
	}
	today := model.DateOf(u.now())
	by := map[string]int{}
	ending := 0
	for _, p := range ps {
		by[p.Status]++
		if p.Status == model.Arrived && !p.End.After(today.AddDate(0, 0, 30)) {
			ending++
		}
	}
	apps, _ := u.svc.Appointments(u.sess, dispatch.AppointmentFilter{})
	appEnding := 0
	for _, a := range apps {
		if a.Status == model.AppointmentActive && !a.End.After(today.AddDate(0, 0, 60)) {
			appEnding++
		}
	}
	qs, _ := u.svc.Quotas(u.sess, dispatch.QuotaFilter{Year: today.Year()})
	tight := 0
	for _, q := range qs {
		if q.Total > 0 && q.Used*10 >= q.Total*9 {
			tight++
		}
	}
	platforms, _ := u.svc.Platforms(u.sess, "")
	troubled := 0
	openAt := map[string]bool{}
	for _, p := range ps {
		if model.IsOpen(p.Status) {
			openAt[p.Platform] = true
		}
	}
	for _, pl := range platforms {
		if pl.Status != model.Recognised && openAt[pl.Name] {
			troubled++
		}
	}
	todos := []todo{
		{"ui.todo_approve", by[model.Draft], s.openPlacements(model.Draft)},
		{"ui.todo_dispatch", by[model.Approved], s.openPlacements(model.Approved)},
		{"ui.todo_arrival", by[model.Dispatched], s.openPlacements(model.Dispatched)},
		{"ui.todo_ending", ending, s.openPlacements(model.Arrived)},
		{"ui.todo_appointments", appEnding, u.openTab("ui.tab_appointments")},
		{"ui.todo_quotas", tight, u.openTab("ui.tab_quotas")},
		{"ui.todo_platforms", troubled, u.openTab("ui.tab_platforms")},
	}
	// Rectifying platforms whose deadline has passed wait for the bureau's
	// re-check; the office sees them coming (their students may be moved).
	if rs, err := u.svc.Rechecks(u.sess); err == nil {
		due := 0
		for _, r := range rs {
			if r.Due {
				due++
			}
		}
		todos = append(todos, todo{"ui.todo_rechecks", due, u.openTab("ui.tab_evaluation")})
	}
	students, _ := u.svc.CountStudents(u.sess)
	figures := []string{
		u.t("ui.fig_students", students),
		u.t("ui.fig_platforms", len(platforms)),
		u.t("ui.fig_on_site", by[model.Arrived]),
		u.t("ui.fig_placements", len(ps)),
	}
	return todos, figures, nil
}

// mineScreen is a student's own record and placement history.
type mineScreen struct {
	u          *UI
	placements *placementsScreen
}

// build shows a student's own record and placement history.
func (s *mineScreen) build() (fyne.CanvasObject, *entry) {
	u := s.u
	user := u.sess.User()
	box := container.NewVBox()
	st, err := u.svc.Student(u.sess, user.University, user.StudentNumber)
	if err != nil {
		box.Add(widget.NewLabel(u.message(err)))
		return box, nil
	}
	refresh := func() { u.reload() }
	box.Add(u.remindersCard(func(r dispatch.Reminder) { s.openOwnReminder(r, refresh) }))
	box.Add(widget.NewSeparator())
	box.Add(widget.NewLabelWithStyle(st.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, f := range [][2]string{
		{u.t("col.number"), st.Number}, {u.t("col.university"), st.University}, {u.t("col.school"), st.School},
		{u.t("field:major"), st.Major}, {u.t("col.degree"), u.term(model.Degrees, st.Degree)},
		{u.t("field:enrolment_year"), strconv.Itoa(st.EnrolmentYear)}, {u.t("field:supervisor"), st.Supervisor},
		{u.t("col.mobile"), st.Mobile}, {u.t("field:email"), st.Email}, {u.t("col.id_number"), st.IDNumber},
	} {
		box.Add(field(f[0], f[1]))
	}
	box.Add(widget.NewSeparator())
	ps, err := u.svc.Placements(u.sess, dispatch.PlacementFilter{})
	if err != nil {
		box.Add(widget.NewLabel(u.message(err)))
	}
	if len(ps) == 0 {
		box.Add(widget.NewLabel(u.t("ui.no_placement")))
	}
	for _, p := range ps {
		d := newDetail(u)
		s.placements.placementDetail(d, p, refresh)
		box.Add(container.NewPadded(d.box))
	}
	return container.NewVScroll(container.NewPadded(box)), nil
}

// firstDay is the getting-started card of a new data file: the steps from an
// empty file to a signed agreement, each with its count and the action that
// does it. It is gone once every step has been taken.
func (s *homeScreen) firstDay(refresh func()) fyne.CanvasObject {
	u := s.u
	user := u.sess.User()
	if !user.IsOffice() {
		return nil
	}
	unis, _ := u.svc.Universities(u.sess)
	students, _ := u.svc.CountStudents(u.sess)
	plats, _ := u.svc.Platforms(u.sess, "")
	quotas, _ := u.svc.Quotas(u.sess, dispatch.QuotaFilter{Year: u.now().Year()})
	placements, _ := u.svc.Placements(u.sess, dispatch.PlacementFilter{})
	type step struct {
		key    string
		n      int
		action string
		do     func()
	}
	importing := func(k roster.Kind) func() {
		return func() {
			u.openFile([]string{".xlsx", ".csv", ".txt"}, func(path string) { s.data.importFile(k, path) })
		}
	}
	steps := []step{
		{"ui.first_university", len(unis), "ui.add_university", func() { s.students.universityForm(refresh) }},
		{"ui.first_students", students, "ui.import_students", importing(roster.Students)},
		{"ui.first_platforms", len(plats), "ui.import_platforms", importing(roster.Platforms)},
		{"ui.first_quotas", len(quotas), "ui.set_quota", func() { s.quotas.quotaDialog(nil, refresh) }},
		{"ui.first_placement", len(placements), "ui.new_placement", func() { s.placements.placementForm(refresh) }},
	}
	done := 0
	grid := container.NewGridWithColumns(3)
	for i, st := range steps {
		mark := "○"
		if st.n > 0 {
			mark, done = "✓", done+1
		}
		grid.Add(widget.NewLabel(fmt.Sprintf("%s %d. %s", mark, i+1, u.t(st.key))))
		grid.Add(widget.NewLabel(u.t("ui.first_count", st.n)))
		b := widget.NewButton(u.t(st.action), st.do)
		if st.n == 0 {
			b.Importance = widget.HighImportance
		}
		grid.Add(b)
	}
	if done == len(steps) {
		return nil
	}
	return widget.NewCard(u.t("ui.first_title"), u.t("ui.first_intro"), grid)
}
