package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/model"
)

// appointmentsScreen is the 双聘 tab: the dual appointments and the form that
// records one.
type appointmentsScreen struct {
	u    *UI
	list *listing[model.Appointment]
}

// build makes the tab's content and its search box.
func (s *appointmentsScreen) build() (fyne.CanvasObject, *entry) {
	u := s.u
	var statusSel, platSel *widget.Select
	l := newListing(u, "ui.search_appointments", []column[model.Appointment]{
		{title: "col.name", width: 90, text: func(a model.Appointment) string { return a.Name }},
		{title: "col.kind", width: 86, text: func(a model.Appointment) string { return u.term(model.AppointmentKinds, a.Kind) }},
		{title: "col.university", width: 130, text: func(a model.Appointment) string { return a.University }},
		{title: "col.platform", width: 220, text: func(a model.Appointment) string { return a.Platform }},
		{title: "col.start", width: 100, text: func(a model.Appointment) string { return a.Start.String() }},
		{title: "col.end", width: 100, text: func(a model.Appointment) string { return a.End.String() }},
		{title: "col.status", width: 70, text: func(a model.Appointment) string { return u.term(model.AppointmentStatuses, a.Status) }},
	}, func(q string) ([]model.Appointment, error) {
		f := dispatch.AppointmentFilter{Q: q, Platform: chosen(platSel)}
		for _, st := range model.AppointmentStatuses {
			if u.term(model.AppointmentStatuses, st.Code) == chosen(statusSel) {
				f.Status = st.Code
			}
		}
		return u.svc.Appointments(u.sess, f)
	})
	l.key = func(a model.Appointment) string { return strconv.FormatUint(a.ID, 10) }
	statusSel = l.selectFilter(u.t("ui.all_statuses"), model.AppointmentStatuses.Names(string(u.lang)))
	if u.sess.User().Role == model.Office {
		platSel = l.selectFilter(u.t("ui.all_platforms"), u.platformNames())
	}
	var actions []fyne.CanvasObject
	if u.sess.User().IsOffice() {
		actions = append(actions, widget.NewButton(u.t("ui.add_appointment"), func() { s.appointmentForm(l.refresh) }))
	}
	actions = append(actions, exportShown(u, l, "appointments"))
	d := newDetail(u)
	l.onPick = func(a model.Appointment) {
		objs := []fyne.CanvasObject{
			widget.NewLabelWithStyle(a.Name+"  "+u.term(model.AppointmentKinds, a.Kind), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			field(u.t("col.university"), a.University+" "+a.UniPost),
			field(u.t("col.platform"), a.Platform+" "+a.PlatformPost),
			field(u.t("ui.period"), a.Start.String()+" – "+a.End.String()),
			field(u.t("field:share"), fmt.Sprintf("%d%%", a.Share)),
			field(u.t("col.status"), u.term(model.AppointmentStatuses, a.Status)),
		}
		if u.sess.User().IsOffice() {
			for _, to := range []string{model.AppointmentActive, model.AppointmentEnded, model.AppointmentRevoked} {
				if !model.CanAppointmentTransition(a.Status, to) {
					continue
				}
				to := to
				objs = append(objs, widget.NewButton(u.t("ui.set_status", u.term(model.AppointmentStatuses, to)), func() {
					if _, err := u.svc.SetAppointmentStatus(u.sess, a.ID, to, ""); err != nil {
						u.showError(err)
						return
					}
					l.refresh()
				}))
			}
		}
		d.set(objs...)
	}
	l.refresh()
	s.list = l
	return split(l.view(actions...), d.box), l.search
}

// appointmentForm records a dual appointment (pending, or active at once, which
// the dual quota must allow).
func (s *appointmentsScreen) appointmentForm(done func()) {
	u := s.u
	f := u.newForm()
	lang := string(u.lang)
	name := f.text("name", "col.name")
	kind := f.choice("kind", "col.kind", model.AppointmentKinds.Names(lang))
	unis := u.universityNames()
	uni := f.choice("university", "col.university", unis)
	uniPost := f.text("uni_post", "field:uni_post")
	plat := f.choice("platform", "col.platform", u.platformNames())
	platPost := f.text("platform_post", "field:platform_post")
	start := u.dateField(f, "start", "field:start")
	end := u.dateField(f, "end", "field:end")
	share := f.text("share", "field:share")
	status := f.choice("status", "col.status", []string{u.term(model.AppointmentStatuses, model.AppointmentPending),
		u.term(model.AppointmentStatuses, model.AppointmentActive)})
	share.PlaceHolder = u.t("ui.share_hint")
	f.open(u.t("ui.add_appointment"), func() error {
		a := model.Appointment{Name: name.Text, Kind: kind.Selected, University: uni.Selected, UniPost: uniPost.Text,
			Platform: plat.Selected, PlatformPost: platPost.Text, Status: status.Selected}
		var err error
		if a.Start, err = u.date(start, "start"); err != nil {
			return err
		}
		if a.End, err = u.date(end, "end"); err != nil {
			return err
		}
		if a.Share, err = strconv.Atoi(strings.TrimSuffix(model.CleanCode(share.Text), "%")); err != nil {
			return model.Invalid("share", "appointment.share", share.Text)
		}
		_, err = u.svc.AddAppointment(u.sess, a)
		return err
	}, done)
}
