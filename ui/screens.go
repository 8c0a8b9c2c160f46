package ui

import "fyne.io/fyne/v2"

// The working screen is a set of tabs, one struct per screen (as in
// Jacalz/rymdport's internal/ui): each holds the window it works in and its
// own widgets and state, and reaches the service only through the window, so
// it neither knows nor cares whether that service is a local file or a
// server. What several screens share — the dialog stack, the words, the
// service and session, file dialogs, background tasks — stays on the window.

// screen is one tab of the working screen.
type screen interface {
	// build makes the tab's content and its search box (Ctrl+F), if it has
	// one. A screen is built when its tab is first opened, and again when a
	// screen that is no refresher reloads.
	build() (fyne.CanvasObject, *entry)
}

// A refresher is a screen that reloads from the service in place (刷新, F5,
// the window coming to the front, the timer on a served file): its lists keep
// the row picked, and so its detail.
type refresher interface {
	refresh()
}

// screens are the working screen's tabs, made when it is shown (their content
// is built when a tab is first opened). Every role's screens are made: a form
// one screen offers another (a new placement from a student's record) needs
// no tab of its own.
type screens struct {
	home         *homeScreen
	mine         *mineScreen
	figures      *figuresScreen
	students     *studentsScreen
	platforms    *platformsScreen
	placements   *placementsScreen
	appointments *appointmentsScreen
	quotas       *quotasScreen
	eval         *evalScreen
	audit        *auditScreen
	data         *dataScreen
}

func newScreens(u *UI) *screens {
	placements := &placementsScreen{u: u}
	students := &studentsScreen{u: u, placements: placements}
	quotas := &quotasScreen{u: u}
	data := &dataScreen{u: u}
	appointments := &appointmentsScreen{u: u}
	return &screens{
		home:         &homeScreen{u: u, students: students, placements: placements, quotas: quotas, data: data, appointments: appointments},
		mine:         &mineScreen{u: u, placements: placements},
		figures:      &figuresScreen{u: u},
		students:     students,
		platforms:    &platformsScreen{u: u},
		placements:   placements,
		appointments: appointments,
		quotas:       quotas,
		eval:         &evalScreen{u: u},
		audit:        &auditScreen{u: u},
		data:         data,
	}
}

func (s *studentsScreen) refresh()     { s.list.refresh() }
func (s *platformsScreen) refresh()    { s.list.refresh() }
func (s *placementsScreen) refresh()   { s.list.refresh() }
func (s *appointmentsScreen) refresh() { s.list.refresh() }
func (s *quotasScreen) refresh()       { s.list.refresh() }
func (s *auditScreen) refresh()        { s.list.refresh() }

// refresh reloads the lists the role's evaluation screen shows; the year
// chosen stays.
func (s *evalScreen) refresh() {
	if s.results != nil {
		s.results.refresh()
	}
	if s.figures != nil {
		s.figures.refresh()
	}
	if s.schemes != nil {
		s.schemes.refresh()
	}
	if s.rechecks != nil {
		s.rechecks.refresh()
	}
}
