package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"secondment/model"
)

// platformsScreen is the 平台 tab: the platforms, a picked one's record and
// status history, and the office's forms.
type platformsScreen struct {
	u    *UI
	list *listing[model.Platform]
}

// build makes the tab's content and its search box.
func (s *platformsScreen) build() (fyne.CanvasObject, *entry) {
	u := s.u
	var statusSel *widget.Select
	l := newListing(u, "ui.search_platforms", []column[model.Platform]{
		{title: "col.platform", width: 250, text: func(p model.Platform) string { return p.Name }},
		{title: "col.kind", width: 130, text: func(p model.Platform) string { return u.term(model.PlatformKinds, p.Kind) }},
		{title: "col.level", width: 70, text: func(p model.Platform) string { return u.term(model.PlatformLevels, p.Level) }},
		{title: "col.host", width: 170, text: func(p model.Platform) string { return p.Host }},
		{title: "col.chain", width: 130, text: func(p model.Platform) string { return u.term(model.Chains, p.Chain) }},
		{title: "col.status", width: 90, text: func(p model.Platform) string { return u.term(model.PlatformStatuses, p.Status) }},
	}, func(q string) ([]model.Platform, error) {
		ps, err := u.svc.Platforms(u.sess, q)
		want := chosen(statusSel)
		if want == "" || err != nil {
			return ps, err
		}
		var out []model.Platform
		for _, p := range ps {
			if u.term(model.PlatformStatuses, p.Status) == want {
				out = append(out, p)
			}
		}
		return out, nil
	})
	statusSel = l.selectFilter(u.t("ui.all_statuses"), model.PlatformStatuses.Names(string(u.lang)))
	l.key = func(p model.Platform) string { return p.Name }
	d := newDetail(u)
	l.onPick = func(p model.Platform) {
		objs := []fyne.CanvasObject{
			widget.NewLabelWithStyle(p.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			field(u.t("col.kind"), u.term(model.PlatformKinds, p.Kind)+" · "+u.term(model.PlatformLevels, p.Level)),
			field(u.t("col.host"), p.Host),
			field(u.t("field:legal_type"), u.term(model.LegalTypes, p.LegalType)),
			field(u.t("col.chain"), u.term(model.Chains, p.Chain)),
			field(u.t("col.status"), u.term(model.PlatformStatuses, p.Status)),
			field(u.t("field:contact"), p.Contact+" "+p.Phone),
		}
		if u.sess.User().IsOffice() {
			objs = append(objs, widget.NewButton(u.t("ui.edit"), func() { s.platformForm(&p, l.refresh) }))
			for _, st := range model.PlatformStatuses {
				if st.Code == p.Status {
					continue
				}
				st := st
				objs = append(objs, widget.NewButton(u.t("ui.set_status", u.term(model.PlatformStatuses, st.Code)), func() {
					s.platformStatusDialog(p, st.Code, l.refresh)
				}))
			}
		}
		for _, c := range p.StatusHistory {
			objs = append(objs, widget.NewLabel(c.At.Local().Format("2006-01-02")+" "+u.term(model.PlatformStatuses, c.From)+" → "+
				u.term(model.PlatformStatuses, c.To)+"："+c.Reason))
		}
		d.set(objs...)
	}
	l.refresh()
	var actions []fyne.CanvasObject
	if u.sess.User().IsOffice() {
		actions = append(actions, widget.NewButton(u.t("ui.add_platform"), func() { s.platformForm(nil, l.refresh) }))
	}
	actions = append(actions, exportShown(u, l, "platforms"))
	s.list = l
	return split(l.view(actions...), d.box), l.search
}

// platformForm adds a platform, or edits one (its name fixed; its status
// changes with a reason, from the detail pane).
func (s *platformsScreen) platformForm(cur *model.Platform, done func()) {
	u := s.u
	f := u.newForm()
	lang := string(u.lang)
	name := f.text("name", "col.platform")
	kind := f.choice("kind", "col.kind", model.PlatformKinds.Names(lang))
	level := f.choice("level", "col.level", model.PlatformLevels.Names(lang))
	host := f.text("host", "col.host")
	legal := f.choice("legal_type", "field:legal_type", model.LegalTypes.Names(lang))
	chain := f.choice("chain", "col.chain", model.Chains.Names(lang))
	contact := f.text("contact", "field:contact")
	phone := f.text("phone", "field:phone")
	title := u.t("ui.add_platform")
	if cur != nil {
		title = u.t("ui.edit") + " " + cur.Name
		name.SetText(cur.Name)
		name.Disable()
		kind.SetSelected(u.term(model.PlatformKinds, cur.Kind))
		level.SetSelected(u.term(model.PlatformLevels, cur.Level))
		host.SetText(cur.Host)
		legal.SetSelected(u.term(model.LegalTypes, cur.LegalType))
		chain.SetSelected(u.term(model.Chains, cur.Chain))
		contact.SetText(cur.Contact)
		phone.SetText(cur.Phone)
	}
	f.open(title, func() error {
		p := model.Platform{Name: name.Text, Kind: kind.Selected, Level: level.Selected, Host: host.Text,
			LegalType: legal.Selected, Chain: chain.Selected, Contact: contact.Text, Phone: phone.Text}
		var err error
		if cur != nil {
			_, err = u.svc.UpdatePlatform(u.sess, p)
		} else {
			_, err = u.svc.AddPlatform(u.sess, p)
		}
		return err
	}, done)
}

func (s *platformsScreen) platformStatusDialog(p model.Platform, status string, refresh func()) {
	u := s.u
	f := u.newForm()
	reason := f.text("reason", "field:reason")
	f.open(u.t("ui.set_status", u.term(model.PlatformStatuses, status))+"："+p.Name, func() error {
		res, err := u.svc.SetPlatformStatus(u.sess, p.Name, status, reason.Text)
		if err == nil && len(res.NeedsReassignment) > 0 {
			u.info(u.t("ui.note"), u.t("cli.needs_reassignment", len(res.NeedsReassignment)))
		}
		return err
	}, refresh)
}
