package ui

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
)

// auditScreen is the 日志 tab: the audit trail, a picked entry's changes read
// as fields before and after.
type auditScreen struct {
	u    *UI
	list *listing[model.AuditEntry]
}

// build makes the tab's content and its search box.
func (s *auditScreen) build() (fyne.CanvasObject, *entry) {
	u := s.u
	var noSignIns *widget.Check
	l := newListing(u, "ui.search_audit", []column[model.AuditEntry]{
		{title: "col.seq", width: 60, text: func(e model.AuditEntry) string { return strconv.FormatUint(e.Seq, 10) },
			less: func(a, b model.AuditEntry) bool { return a.Seq < b.Seq }},
		{title: "col.time", width: 150, text: func(e model.AuditEntry) string { return e.At.Local().Format("2006-01-02 15:04:05") }},
		{title: "col.actor", width: 100, text: func(e model.AuditEntry) string { return e.Actor }},
		{title: "col.op", width: 160, text: func(e model.AuditEntry) string { return s.opName(e.Op) }},
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
			widget.NewLabelWithStyle(s.opName(e.Op), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			field(u.t("col.record"), e.Record),
			field(u.t("col.actor"), e.Actor),
			field(u.t("col.time"), e.At.Local().Format("2006-01-02 15:04:05")),
		}
		for _, c := range s.auditChanges(e.Before, e.After) {
			objs = append(objs, field(c[0], c[1]))
		}
		d.set(objs...)
	}
	l.refresh()
	s.list = l
	return split(l.view(), d.box), l.search
}

// opName names an audit operation in the chosen language.
func (s *auditScreen) opName(op string) string {
	u := s.u
	if i18n.Has("op:" + op) {
		return u.t("op:" + op)
	}
	return op
}

// auditChanges reads an entry's before and after as lines a clerk reads:
// the field's name in the chosen language and "before → after" for each field
// that differs (or the value, for a record made or removed).
func (s *auditScreen) auditChanges(before, after []byte) [][2]string {
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
		ov, nv := s.auditValue(k, old), s.auditValue(k, cur)
		switch {
		case had && has && ov == nv:
			continue
		case had && has:
			out = append(out, [2]string{s.fieldName(k), ov + " → " + nv})
		case has:
			out = append(out, [2]string{s.fieldName(k), nv})
		default:
			out = append(out, [2]string{s.fieldName(k), ov + " → —"})
		}
	}
	return out
}

// fieldName names a record's field (its JSON key) in the chosen language.
func (s *auditScreen) fieldName(k string) string {
	u := s.u
	for _, key := range []string{"field:" + k, "col." + k, "audit.field." + k} {
		if i18n.Has(key) {
			return u.t(key)
		}
	}
	return k
}

// auditValue shows a stored value: codes by name, lists by their length.
func (s *auditScreen) auditValue(k string, v any) string {
	u := s.u
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
