package ui

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/model"
)

// quotasScreen is the 名额 tab: each platform's quotas and their use, and the
// dialog that sets one (the home screen's first day opens it too).
type quotasScreen struct {
	u    *UI
	list *listing[model.QuotaUse]
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

// build makes the tab's content and its search box.
func (s *quotasScreen) build() (fyne.CanvasObject, *entry) {
	u := s.u
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
			s.quotaDialog(cur, l.refresh)
		}))
	}
	l.refresh()
	actions = append(actions, exportShown(u, l, "quotas"))
	s.list = l
	return l.view(actions...), l.search
}

func ratio(q model.QuotaUse) float64 {
	if q.Total == 0 {
		return 2
	}
	return float64(q.Used) / float64(q.Total)
}

// quotaDialog sets or raises a quota; the reason is required and recorded.
func (s *quotasScreen) quotaDialog(cur *model.QuotaUse, refresh func()) {
	u := s.u
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
