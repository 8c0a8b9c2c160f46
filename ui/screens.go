package ui

// The working screen is a set of tabs, one struct per screen (as in
// Jacalz/rymdport's internal/ui): each holds the window it works in and its
// own widgets and state, and reaches the service only through the window, so
// it neither knows nor cares whether that service is a local file or a
// server. What several screens share — the dialog stack, the words, the
// service and session, file dialogs, background tasks — stays on the window.

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
	return &screens{
		home:         &homeScreen{u: u, students: students, placements: placements, quotas: quotas, data: data},
		mine:         &mineScreen{u: u, placements: placements},
		figures:      &figuresScreen{u: u},
		students:     students,
		platforms:    &platformsScreen{u: u},
		placements:   placements,
		appointments: &appointmentsScreen{u: u},
		quotas:       quotas,
		eval:         &evalScreen{u: u},
		audit:        &auditScreen{u: u},
		data:         data,
	}
}
