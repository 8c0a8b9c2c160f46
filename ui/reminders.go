package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/model"
)

// Reminders (issue 12) on each role's home screen: what is due within 30
// days, or overdue, grouped by kind with the band each is in (30, 15, 7 days;
// 到期), each opening the record it concerns. The service decides what the
// user sees: the office its scope, HR its platform, a student their own.

// remindersShown is how many reminders of one kind are listed; the rest are
// counted (a file of 10,000 placements may have hundreds of logs overdue).
const remindersShown = 40

// bandText names a reminder's band: 到期 when due or overdue, else "7 天内".
func (u *UI) bandText(band int) string {
	if band == 0 {
		return u.t("ui.band_due")
	}
	return u.t("ui.band_days", band)
}

// leftText says how far away a due date is: "5 天", "今天到期", "逾期 3 天".
func (u *UI) leftText(r dispatch.Reminder) string {
	switch {
	case r.DaysLeft < 0:
		return u.t("cli.days_overdue", -r.DaysLeft)
	case r.DaysLeft == 0:
		return u.t("cli.due_today")
	}
	return u.t("ui.days_left", r.DaysLeft)
}

// reminderLine is one reminder as its button reads.
func (u *UI) reminderLine(r dispatch.Reminder) string {
	key := r.Key
	if r.Kind == model.RemindAppointmentEnd {
		key = ""
	}
	parts := []string{"[" + u.bandText(r.Band) + "]"}
	for _, s := range []string{key, r.Name, r.Platform, r.Detail} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "  ") + "  " + u.t("ui.reminder_due", r.Due, u.leftText(r))
}

// remindersBox lists reminders grouped by kind, in the kinds' order; each
// group's heading counts its reminders by band, and each reminder is a button
// that opens its record. nil when there is nothing to remind of.
func (u *UI) remindersBox(rs []dispatch.Reminder, open func(dispatch.Reminder)) fyne.CanvasObject {
	if len(rs) == 0 {
		return widget.NewLabel(u.t("ui.reminders_none"))
	}
	by := map[string][]dispatch.Reminder{}
	for _, r := range rs {
		by[r.Kind] = append(by[r.Kind], r)
	}
	acc := widget.NewAccordion()
	acc.MultiOpen = true
	for _, k := range model.ReminderKinds {
		group := by[k.Code]
		if len(group) == 0 {
			continue
		}
		bands := map[int]int{}
		for _, r := range group {
			bands[r.Band]++
		}
		var counts []string
		for _, b := range []int{0, 7, 15, 30} {
			if bands[b] > 0 {
				counts = append(counts, fmt.Sprintf("%s %d", u.bandText(b), bands[b]))
			}
		}
		title := fmt.Sprintf("%s  %d（%s）", u.term(model.ReminderKinds, k.Code), len(group), strings.Join(counts, " · "))
		list := container.NewVBox()
		for i, r := range group {
			if i == remindersShown {
				list.Add(widget.NewLabel(u.t("ui.reminders_more", len(group)-remindersShown)))
				break
			}
			r := r
			b := widget.NewButton(u.reminderLine(r), func() { open(r) })
			b.Alignment = widget.ButtonAlignLeading
			// What is due or overdue stands out in grey; the rest reads as
			// text (a whole list in the warning colour shouted).
			b.Importance = widget.LowImportance
			if r.Band == 0 {
				b.Importance = widget.MediumImportance
			}
			list.Add(b)
		}
		acc.Append(widget.NewAccordionItem(title, list))
	}
	// The most urgent group (reminders come most urgent first) is open.
	for i, it := range acc.Items {
		if strings.HasPrefix(it.Title, u.term(model.ReminderKinds, rs[0].Kind)+" ") {
			acc.Open(i)
		}
	}
	return acc
}

// remindersCard is the reminders under their heading, or a line saying why
// they could not be read.
func (u *UI) remindersCard(open func(dispatch.Reminder)) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(u.t("ui.reminders"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	rs, err := u.svc.Reminders(u.sess)
	if err != nil {
		return container.NewVBox(head, widget.NewLabel(u.message(err)))
	}
	return container.NewVBox(head, u.remindersBox(rs, open))
}

// openReminder opens the record a reminder concerns in its tab: the dual
// appointment, or the placement, picked in its list (its filters cleared, the
// agreement number searched for) with its detail beside it.
func (s *homeScreen) openReminder(r dispatch.Reminder) {
	u := s.u
	if r.Kind == model.RemindAppointmentEnd {
		u.openTab("ui.tab_appointments")()
		if l := s.appointments.list; l != nil {
			l.reveal("", r.Key)
		}
		return
	}
	u.openTab("ui.tab_placements")()
	if pl := s.placements.list; pl != nil {
		pl.reveal(r.Key, r.Key)
	}
}

// reveal shows the row with this key: the filters back to "all", the search
// box holding q, the row picked (and so its detail shown). It reports whether
// the row was found.
func (l *listing[T]) reveal(q, key string) bool {
	for _, f := range l.filters {
		if s, ok := f.(*widget.Select); ok && s.SelectedIndex() > 0 {
			s.OnChanged, s.Selected = nil, s.Options[0]
			s.Refresh()
			s.OnChanged = func(string) { l.refresh() }
		}
	}
	l.search.SetText(q)
	l.refresh()
	for i := 0; i < l.rows.Len(); i++ {
		if l.key(l.rows.At(i)) == key {
			l.table.Select(widget.TableCellID{Row: i, Col: 0})
			l.table.ScrollTo(widget.TableCellID{Row: i, Col: 0})
			return true
		}
	}
	return false
}

// openOwnReminder opens a student's own placement a reminder concerns in a
// dialog: the record, with what the student may do on it.
func (s *mineScreen) openOwnReminder(r dispatch.Reminder, refresh func()) {
	u := s.u
	p, err := u.svc.Placement(u.sess, r.Key)
	if err != nil {
		u.showError(err)
		return
	}
	d := newDetail(u)
	var dlg dialog.Dialog
	// A form saved from the dialog closes it: the screen under it is built
	// again with the record as it now is.
	s.placements.placementDetail(d, p, func() {
		u.forget(dlg)
		dlg.Hide()
		refresh()
	})
	scroll := container.NewVScroll(d.box)
	dlg = dialog.NewCustom(p.No, u.t("ui.close"), scroll, u.win)
	dlg.Resize(fyne.NewSize(min(640, u.win.Canvas().Size().Width-40), min(620, u.win.Canvas().Size().Height-60)))
	u.show(dlg)
}
