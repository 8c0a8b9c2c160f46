package ui

import (
	"strings"
	"testing"
	"time"

	"secondment/dispatch"
	"secondment/model"
)

// remindersOf is the reminders the service gives the window's user now.
func (d *desk) remindersOf() []dispatch.Reminder {
	d.t.Helper()
	rs, err := d.svc.Reminders(d.u.sess)
	if err != nil {
		d.t.Fatal(err)
	}
	return rs
}

func TestRemindersOnTheHomeScreenFollowTheClock(t *testing.T) {
	d := newDesk(t)
	d.login("admin", "admin-密码-123")
	// The clock stands 20 days before the end of a placement on site.
	on, _ := d.svc.Placements(d.u.sess, dispatch.PlacementFilter{Status: model.Arrived})
	if len(on) == 0 {
		t.Fatal("no placement on site in the sample data")
	}
	d.svc.Now = func() time.Time { return on[0].End.Time().AddDate(0, 0, -20).Add(10 * time.Hour) }
	d.u.reload()
	rs := d.remindersOf()
	kinds := map[string]bool{}
	var end dispatch.Reminder
	for _, r := range rs {
		kinds[r.Kind] = true
		if r.Kind == model.RemindPlacementEnd && r.Key == on[0].No {
			end = r
		}
	}
	for _, k := range []string{model.RemindPlacementEnd, model.RemindLogsOverdue} {
		if !kinds[k] {
			t.Errorf("no %s reminder", k)
		}
	}
	texts := d.texts()
	if !strings.Contains(texts, "提醒\n") || !strings.Contains(texts, "选派期满  ") {
		t.Fatalf("the home screen shows no reminders:\n%s", texts)
	}
	// 20 days before the end the placement is in the 30-day band; 5 days
	// before, in the 7-day band; and on its last day it is due.
	if end.Key == "" || end.Band != 30 {
		t.Fatalf("the placement's end: %+v", end)
	}
	line := func() string {
		for _, l := range strings.Split(d.texts(), "\n") {
			if strings.Contains(l, end.Key) && strings.Contains(l, end.Due.String()) {
				return l
			}
		}
		return ""
	}
	if l := line(); !strings.HasPrefix(l, "[30 天内]") {
		t.Fatalf("at first: %q", l)
	}
	d.svc.Now = func() time.Time { return end.Due.Time().AddDate(0, 0, -5).Add(10 * time.Hour) }
	d.u.reload()
	if l := line(); !strings.HasPrefix(l, "[7 天内]") || !strings.Contains(l, "还有 5 天") {
		t.Fatalf("5 days before: %q", l)
	}
	d.svc.Now = func() time.Time { return end.Due.Time().Add(10 * time.Hour) }
	d.u.reload()
	if l := line(); !strings.HasPrefix(l, "[已到期]") || !strings.Contains(l, "今天到期") {
		t.Fatalf("on the day: %q", l)
	}

	// The reminder opens its placement, picked in the placements tab with its
	// detail beside it, whatever filter the list had.
	d.open("ui.tab_placements")
	d.u.screens.placements.list.status.SetSelected("草稿")
	d.open("ui.tab_home")
	d.u.screens.home.openReminder(end)
	if d.u.tabs.Selected().Text != "选派" {
		t.Fatalf("the reminder opened %q", d.u.tabs.Selected().Text)
	}
	if !strings.Contains(d.texts(), end.Key+"  ") {
		t.Fatalf("the placement %s is not shown", end.Key)
	}

	// A dual appointment's reminder opens the appointment.
	d.svc.Now = func() time.Time { return today }
	for _, r := range d.remindersOf() {
		if r.Kind == model.RemindAppointmentEnd {
			d.u.screens.home.openReminder(r)
			if d.u.tabs.Selected().Text != "双聘双挂" || !strings.Contains(d.texts(), r.Name+"  ") {
				t.Fatalf("the appointment %s (%s) is not shown", r.Key, r.Name)
			}
			break
		}
	}
}

func TestPlatformHRAndStudentsSeeTheirReminders(t *testing.T) {
	d := newDesk(t)
	// An account for a student on site (the sample's student1 and student2
	// have finished).
	admin, err := d.svc.Login("admin", "admin-密码-123")
	if err != nil {
		t.Fatal(err)
	}
	on, _ := d.svc.Placements(admin, dispatch.PlacementFilter{Status: model.Arrived})
	if _, err := d.svc.AddUser(admin, dispatch.NewUser{Name: "onsite1", Role: model.StudentRole, University: on[0].StudentUniversity,
		StudentNumber: on[0].StudentNumber, Password: "demo1234"}); err != nil {
		t.Fatal(err)
	}
	d.login("hr1", "demo1234")
	own := d.u.sess.User().Platform
	if d.u.tabs.Selected().Text != "工作台" {
		t.Fatalf("HR opens on %q", d.u.tabs.Selected().Text)
	}
	// The clock stands 10 days before the end of one of HR's placements.
	on, _ = d.svc.Placements(d.u.sess, dispatch.PlacementFilter{Status: model.Arrived})
	if len(on) == 0 {
		t.Fatal("HR has no placement on site in the sample data")
	}
	d.svc.Now = func() time.Time { return on[0].End.Time().AddDate(0, 0, -10).Add(10 * time.Hour) }
	d.u.reload()
	rs := d.remindersOf()
	if len(rs) == 0 {
		t.Fatal("HR has no reminders in the sample data")
	}
	for _, r := range rs {
		if r.Platform != own {
			t.Fatalf("HR of %s is reminded of %s at %s", own, r.Key, r.Platform)
		}
	}
	if !strings.Contains(d.texts(), "提醒\n") {
		t.Fatal("HR's home shows no reminders")
	}
	d.u.screens.home.openReminder(rs[0])
	if !strings.Contains(d.texts(), rs[0].Key+"  ") {
		t.Fatalf("HR's reminder did not open %s", rs[0].Key)
	}
	d.u.logout()
	d.svc.Now = func() time.Time { return today }

	d.login("onsite1", "demo1234")
	mine, _ := d.svc.Placements(d.u.sess, dispatch.PlacementFilter{})
	if len(mine) == 0 {
		t.Fatal("the student has no placement in the sample data")
	}
	d.svc.Now = func() time.Time { return mine[0].End.Time().AddDate(0, 0, -10).Add(10 * time.Hour) }
	d.u.reload()
	rs = d.remindersOf()
	if len(rs) == 0 {
		t.Fatalf("the student has nothing due 10 days before %s ends", mine[0].No)
	}
	if !strings.Contains(d.texts(), "提醒\n") {
		t.Fatal("the student's screen shows no reminders")
	}
	d.u.screens.mine.openOwnReminder(rs[0], func() {})
	if !strings.Contains(overlayText(d), rs[0].Key+"  ") {
		t.Fatalf("the student's reminder did not open %s: %q", rs[0].Key, overlayText(d))
	}
	d.esc()
	d.closed("after Esc on the student's placement")
}
