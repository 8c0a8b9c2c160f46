package ui

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
)

func (u *UI) platformsView() (fyne.CanvasObject, *entry) {
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
			objs = append(objs, widget.NewButton(u.t("ui.edit"), func() { u.platformForm(&p, l.refresh) }))
			for _, st := range model.PlatformStatuses {
				if st.Code == p.Status {
					continue
				}
				st := st
				objs = append(objs, widget.NewButton(u.t("ui.set_status", u.term(model.PlatformStatuses, st.Code)), func() {
					u.platformStatusDialog(p, st.Code, l.refresh)
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
		actions = append(actions, widget.NewButton(u.t("ui.add_platform"), func() { u.platformForm(nil, l.refresh) }))
	}
	actions = append(actions, exportShown(u, l, "platforms"))
	return split(l.view(actions...), d.box), l.search
}

// platformForm adds a platform, or edits one (its name fixed; its status
// changes with a reason, from the detail pane).
func (u *UI) platformForm(cur *model.Platform, done func()) {
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

func (u *UI) platformStatusDialog(p model.Platform, status string, refresh func()) {
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

func (u *UI) appointmentsView() (fyne.CanvasObject, *entry) {
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
		actions = append(actions, widget.NewButton(u.t("ui.add_appointment"), func() { u.appointmentForm(l.refresh) }))
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
	return split(l.view(actions...), d.box), l.search
}

// appointmentForm records a dual appointment (pending, or active at once, which
// the dual quota must allow).
func (u *UI) appointmentForm(done func()) {
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

// usageBar draws used / total as a bar, red when full.
type usageBar struct {
	widget.BaseWidget
	used, total int
}

func newUsageBar() *usageBar {
	b := &usageBar{}
	b.ExtendBaseWidget(b)
	return b
}

func (b *usageBar) set(used, total int) {
	b.used, b.total = used, total
	b.Refresh()
}

func (b *usageBar) CreateRenderer() fyne.WidgetRenderer {
	track := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	fill := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	text := canvas.NewText("", theme.Color(theme.ColorNameForeground))
	text.TextSize = theme.TextSize() - 1
	r := &usageRenderer{b: b, track: track, fill: fill, text: text}
	r.Refresh()
	return r
}

type usageRenderer struct {
	b           *usageBar
	track, fill *canvas.Rectangle
	text        *canvas.Text
}

func (r *usageRenderer) Layout(s fyne.Size) {
	h := s.Height * 0.6
	y := (s.Height - h) / 2
	w := s.Width - 70
	r.track.Move(fyne.NewPos(0, y))
	r.track.Resize(fyne.NewSize(w, h))
	ratio := float32(0)
	if r.b.total > 0 {
		ratio = min(1, float32(r.b.used)/float32(r.b.total))
	}
	r.fill.Move(fyne.NewPos(0, y))
	r.fill.Resize(fyne.NewSize(w*ratio, h))
	r.text.Move(fyne.NewPos(w+6, (s.Height-r.text.MinSize().Height)/2))
}

func (r *usageRenderer) MinSize() fyne.Size { return fyne.NewSize(140, 22) }

func (r *usageRenderer) Refresh() {
	r.text.Text = fmt.Sprintf("%d / %d", r.b.used, r.b.total)
	if r.b.total > 0 && r.b.used >= r.b.total {
		r.fill.FillColor = theme.Color(theme.ColorNameError)
		r.text.Color = theme.Color(theme.ColorNameError)
	} else {
		r.fill.FillColor = theme.Color(theme.ColorNamePrimary)
		r.text.Color = theme.Color(theme.ColorNameForeground)
	}
	r.Layout(r.b.Size())
	r.track.Refresh()
	r.fill.Refresh()
	r.text.Refresh()
}

func (r *usageRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.fill, r.text}
}
func (r *usageRenderer) Destroy() {}

func (u *UI) quotasView() (fyne.CanvasObject, *entry) {
	var yearSel, catSel *widget.Select
	cats := model.QuotaCategories.Names(string(u.lang))
	l := newListing(u, "ui.search_quotas", []column[model.QuotaUse]{
		{title: "col.platform", width: 260, text: func(q model.QuotaUse) string { return q.Platform }},
		{title: "col.year", width: 60, text: func(q model.QuotaUse) string { return strconv.Itoa(q.Year) }},
		{title: "col.category", width: 130, text: func(q model.QuotaUse) string { return u.term(model.QuotaCategories, q.Category) }},
		{title: "col.used", width: 240, text: func(q model.QuotaUse) string { return fmt.Sprintf("%d/%d", q.Used, q.Total) },
			less: func(a, b model.QuotaUse) bool { return ratio(a) < ratio(b) }},
	}, func(q string) ([]model.QuotaUse, error) {
		f := dispatch.QuotaFilter{Q: q}
		if y := chosen(yearSel); y != "" {
			f.Year, _ = strconv.Atoi(y)
		}
		for _, c := range model.QuotaCategories {
			if u.term(model.QuotaCategories, c.Code) == chosen(catSel) {
				f.Category = c.Code
			}
		}
		return u.svc.Quotas(u.sess, f)
	})
	// The use column draws a bar instead of text.
	create := l.table.CreateCell
	l.table.CreateCell = func() fyne.CanvasObject {
		return container.NewStack(create(), newUsageBar())
	}
	l.table.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		st := o.(*fyne.Container)
		lb, bar := st.Objects[0].(*widget.Label), st.Objects[1].(*usageBar)
		if id.Row >= l.rows.Len() {
			return
		}
		q := l.rows.At(id.Row)
		if id.Col == 3 {
			lb.Hide()
			bar.Show()
			bar.set(q.Used, q.Total)
			return
		}
		bar.Hide()
		lb.Show()
		lb.SetText(l.cols[id.Col].text(q))
	}
	var years []string
	for y := u.now().Year() + 1; y >= u.now().Year()-2; y-- {
		years = append(years, strconv.Itoa(y))
	}
	yearSel = l.selectFilter(u.t("ui.all_years"), years)
	yearSel.SetSelected(strconv.Itoa(u.now().Year()))
	catSel = l.selectFilter(u.t("ui.all_categories"), cats)
	var actions []fyne.CanvasObject
	if u.sess.User().IsOffice() {
		actions = append(actions, widget.NewButton(u.t("ui.set_quota"), func() {
			var cur *model.QuotaUse
			if l.picked >= 0 && l.picked < l.rows.Len() {
				q := l.rows.At(l.picked)
				cur = &q
			}
			u.quotaDialog(cur, l.refresh)
		}))
	}
	l.refresh()
	actions = append(actions, exportShown(u, l, "quotas"))
	return l.view(actions...), l.search
}

func ratio(q model.QuotaUse) float64 {
	if q.Total == 0 {
		return 2
	}
	return float64(q.Used) / float64(q.Total)
}

// quotaDialog sets or raises a quota; the reason is required and recorded.
func (u *UI) quotaDialog(cur *model.QuotaUse, refresh func()) {
	f := u.newForm()
	plat := f.choice("platform", "col.platform", u.platformNames())
	year := f.text("year", "field:year")
	cat := f.choice("category", "field:category", model.QuotaCategories.Names(string(u.lang)))
	total := f.text("total", "field:total")
	reason := f.text("reason", "field:reason")
	year.SetText(strconv.Itoa(u.now().Year()))
	if cur != nil {
		plat.SetSelected(cur.Platform)
		year.SetText(strconv.Itoa(cur.Year))
		cat.SetSelected(u.term(model.QuotaCategories, cur.Category))
		total.SetText(strconv.Itoa(cur.Total))
	}
	f.open(u.t("ui.set_quota"), func() error {
		y, err := strconv.Atoi(model.CleanCode(year.Text))
		if err != nil {
			return model.Invalid("year", "quota.year", year.Text)
		}
		n, err := strconv.Atoi(model.CleanCode(total.Text))
		if err != nil {
			return model.Invalid("total", "quota.total", total.Text)
		}
		_, err = u.svc.SetQuota(u.sess, dispatch.QuotaInput{Platform: plat.Selected, Year: y, Category: cat.Selected, Total: n, Reason: reason.Text})
		return err
	}, refresh)
}

func (u *UI) auditView() (fyne.CanvasObject, *entry) {
	var noSignIns *widget.Check
	l := newListing(u, "ui.search_audit", []column[model.AuditEntry]{
		{title: "col.seq", width: 60, text: func(e model.AuditEntry) string { return strconv.FormatUint(e.Seq, 10) },
			less: func(a, b model.AuditEntry) bool { return a.Seq < b.Seq }},
		{title: "col.time", width: 150, text: func(e model.AuditEntry) string { return e.At.Local().Format("2006-01-02 15:04:05") }},
		{title: "col.actor", width: 100, text: func(e model.AuditEntry) string { return e.Actor }},
		{title: "col.op", width: 160, text: func(e model.AuditEntry) string { return u.opName(e.Op) }},
		{title: "col.record", width: 300, text: func(e model.AuditEntry) string { return e.Record }},
	}, func(q string) ([]model.AuditEntry, error) {
		return u.svc.Audit(u.sess, dispatch.AuditFilter{Q: q, Limit: 5000, NoSignIns: noSignIns != nil && noSignIns.Checked})
	})
	// Every sign-in is recorded; the clerk usually reads the changes.
	noSignIns = widget.NewCheck(u.t("ui.hide_sign_ins"), nil)
	noSignIns.SetChecked(true)
	noSignIns.OnChanged = func(bool) { l.refresh() }
	l.filters = append(l.filters, noSignIns)
	d := newDetail(u)
	l.onPick = func(e model.AuditEntry) {
		objs := []fyne.CanvasObject{
			widget.NewLabelWithStyle(u.opName(e.Op), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			field(u.t("col.record"), e.Record),
			field(u.t("col.actor"), e.Actor),
			field(u.t("col.time"), e.At.Local().Format("2006-01-02 15:04:05")),
		}
		for _, c := range u.auditChanges(e.Before, e.After) {
			objs = append(objs, field(c[0], c[1]))
		}
		d.set(objs...)
	}
	l.refresh()
	return split(l.view(), d.box), l.search
}

// opName names an audit operation in the chosen language.
func (u *UI) opName(op string) string {
	if i18n.Has("op:" + op) {
		return u.t("op:" + op)
	}
	return op
}

// auditChanges reads an entry's before and after as lines a clerk reads:
// the field's name in the chosen language and "before → after" for each field
// that differs (or the value, for a record made or removed).
func (u *UI) auditChanges(before, after []byte) [][2]string {
	var b, a map[string]any
	json.Unmarshal(before, &b)
	json.Unmarshal(after, &a)
	var keys []string
	seen := map[string]bool{}
	for _, m := range []map[string]any{b, a} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	var out [][2]string
	for _, k := range keys {
		old, had := b[k]
		cur, has := a[k]
		ov, nv := u.auditValue(k, old), u.auditValue(k, cur)
		switch {
		case had && has && ov == nv:
			continue
		case had && has:
			out = append(out, [2]string{u.fieldName(k), ov + " → " + nv})
		case has:
			out = append(out, [2]string{u.fieldName(k), nv})
		default:
			out = append(out, [2]string{u.fieldName(k), ov + " → —"})
		}
	}
	return out
}

// fieldName names a record's field (its JSON key) in the chosen language.
func (u *UI) fieldName(k string) string {
	for _, key := range []string{"field:" + k, "col." + k, "audit.field." + k} {
		if i18n.Has(key) {
			return u.t(key)
		}
	}
	return k
}

// auditValue shows a stored value: codes by name, lists by their length.
func (u *UI) auditValue(k string, v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case string:
		for _, ts := range []model.Terms{model.PlacementStatuses, model.PlatformStatuses, model.AppointmentStatuses,
			model.QuotaCategories, model.Roles, model.Genders, model.Degrees, model.DegreeTypes} {
			if name := u.term(ts, x); name != x && name != "" {
				return name
			}
		}
		if x == "" {
			return "—"
		}
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		if x {
			return u.t("ui.yes")
		}
		return u.t("ui.no")
	case []any:
		return u.t("ui.n_items", len(x))
	case map[string]any:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return fmt.Sprint(v)
}
