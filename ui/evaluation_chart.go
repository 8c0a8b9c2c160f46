package ui

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"sort"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"secondment/model"
)

// gradeColors colour the grades best first: 优秀, 良好, 合格, 不合格.
var gradeColors = []color.Color{
	color.NRGBA{0x2e, 0x7d, 0x32, 0xff},
	color.NRGBA{0x1e, 0x88, 0xe5, 0xff},
	color.NRGBA{0xf9, 0xa8, 0x25, 0xff},
	color.NRGBA{0xd3, 0x2f, 0x2f, 0xff},
}

// chartsPane is the bureau's evaluation charts: grades by kind, the
// distribution of scores, and one platform's scores across years.
func (s *evalScreen) chartsPane() fyne.CanvasObject {
	u := s.u
	s.charts = container.NewVBox()
	s.chartPlat = widget.NewSelect(nil, func(string) { s.drawCharts() })
	s.chartPlat.PlaceHolder = u.t("ui.eval_choose_platform")
	top := container.NewHBox(widget.NewLabel(u.t("ui.eval_platform_years")), wideSelect(s.chartPlat, 320),
		widget.NewLabel(u.t("ui.no_personal_data")))
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(s.charts))
}

// wideSelect gives a drop-down a fixed width.
func wideSelect(sel *widget.Select, w float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, sel.MinSize().Height), sel)
}

// drawCharts draws the year's charts from the results the bureau sees.
func (s *evalScreen) drawCharts() {
	u := s.u
	s.charts.Objects = nil
	defer s.charts.Refresh()
	c, err := u.svc.EvaluationCharts(u.sess, s.year)
	if err != nil {
		s.charts.Add(widget.NewLabel(u.message(err)))
		return
	}
	face, err := u.chartFace()
	if err != nil {
		s.charts.Add(widget.NewLabel(u.message(err)))
		return
	}
	// The platforms evaluated any year are offered for the chart across years.
	if rs, err := u.svc.EvaluationResults(u.sess, s.year); err == nil {
		var names []string
		for _, r := range rs {
			names = append(names, r.Platform)
		}
		sort.Strings(names)
		if len(names) > 0 {
			s.chartPlat.Options = names
		}
	}
	if s.chartPlat.Selected == "" && len(s.chartPlat.Options) > 0 {
		s.chartPlat.Selected = s.chartPlat.Options[0]
		s.chartPlat.Refresh()
	}
	fg, bg := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNameBackground)
	accent, alert := theme.Color(theme.ColorNamePrimary), theme.Color(theme.ColorNameError)
	total := 0
	for _, n := range c.Buckets {
		total += n
	}
	if total == 0 {
		s.charts.Add(widget.NewLabel(u.t("evaluation.no_results", s.year)))
	}
	var rows []stackRow
	for _, k := range c.ByKind {
		r := stackRow{label: u.term(model.PlatformKinds, k.Kind)}
		for _, g := range model.Grades {
			r.parts = append(r.parts, float64(k.Grades[g.Code]))
		}
		rows = append(rows, r)
	}
	legend := model.Grades.Names(string(u.lang))
	grades := stackChart(face, u.t("ui.eval_chart_grades", s.year), rows, legend, gradeColors, 900, fg, bg)
	var buckets []bar
	for i, n := range c.Buckets {
		label := fmt.Sprintf("%d–%d", i*10, i*10+9)
		if i == 9 {
			label = "90–100"
		}
		buckets = append(buckets, bar{label: label, value: float64(n), alert: float64(i*10+9) < s.y.Pass})
	}
	scores := columnChart(face, u.t("ui.eval_chart_scores", s.year), buckets, 900, 260, fg, accent, alert, bg)
	objs := []fyne.CanvasObject{chartImage(grades), chartImage(scores)}
	if p := s.chartPlat.Selected; p != "" {
		rs, err := u.svc.PlatformScores(u.sess, p)
		if err != nil {
			objs = append(objs, widget.NewLabel(u.message(err)))
		} else {
			var years []bar
			for _, r := range rs {
				years = append(years, bar{label: strconv.Itoa(r.Year), value: r.Score,
					text: model.Num(r.Score) + " " + u.term(model.Grades, r.Grade), alert: r.Grade == model.GradeFail})
			}
			objs = append(objs, chartImage(columnChart(face, u.t("ui.eval_chart_platform", p), years, 900, 260, fg, accent, alert, bg)))
		}
	}
	for _, o := range objs {
		s.charts.Add(o)
	}
}

func chartImage(img image.Image) fyne.CanvasObject {
	c := canvas.NewImageFromImage(img)
	c.FillMode = canvas.ImageFillOriginal
	c.ScaleMode = canvas.ImageScalePixels
	return container.NewHBox(c)
}

// stackRow is one bar of a stacked chart: its label and its parts in order.
type stackRow struct {
	label string
	parts []float64
}

// stackChart draws one horizontal bar per row, split into coloured parts (the
// grades of a kind), in the order given, with a legend under the title.
func stackChart(face font.Face, title string, rows []stackRow, legend []string, colors []color.Color, width int, fg, bg color.Color) image.Image {
	const row, top, pad = 26, 60, 8
	h := top + row*len(rows) + pad
	img := image.NewRGBA(image.Rect(0, 0, width, h))
	draw.Draw(img, img.Bounds(), &image.Uniform{bg}, image.Point{}, draw.Src)
	d := &font.Drawer{Dst: img, Src: image.NewUniform(fg), Face: face}
	d.Dot = fixed.P(pad, 22)
	d.DrawString(title)
	x := pad
	for i, name := range legend {
		draw.Draw(img, image.Rect(x, 34, x+14, 48), &image.Uniform{colors[i%len(colors)]}, image.Point{}, draw.Src)
		d.Dot = fixed.P(x+18, 46)
		d.DrawString(name)
		x += 18 + d.MeasureString(name).Ceil() + 16
	}
	labelW := 0
	maxV := 0.0
	for _, r := range rows {
		labelW = max(labelW, d.MeasureString(r.label).Ceil())
		t := 0.0
		for _, p := range r.parts {
			t += p
		}
		maxV = max(maxV, t)
	}
	labelW = min(labelW, width/3)
	span := width - labelW - 3*pad - 60
	for i, r := range rows {
		y := top + i*row
		d.Dot = fixed.P(pad, y+18)
		d.DrawString(clip(d, r.label, labelW))
		x := labelW + 2*pad
		t := 0.0
		for k, p := range r.parts {
			t += p
			if p <= 0 || maxV == 0 {
				continue
			}
			w := max(1, int(float64(span)*p/maxV))
			draw.Draw(img, image.Rect(x, y+4, x+w, y+row-4), &image.Uniform{colors[k%len(colors)]}, image.Point{}, draw.Src)
			n := model.Num(p)
			if d.MeasureString(n).Ceil()+4 < w {
				white := &font.Drawer{Dst: img, Src: image.NewUniform(color.White), Face: face, Dot: fixed.P(x+(w-d.MeasureString(n).Ceil())/2, y+18)}
				white.DrawString(n)
			}
			x += w
		}
		d.Dot = fixed.P(x+6, y+18)
		d.DrawString(model.Num(t))
	}
	return img
}

// columnChart draws vertical columns in the order given (score bands, years),
// each with its value above it and its label below.
func columnChart(face font.Face, title string, cols []bar, width, height int, fg, accent, alert, bg color.Color) image.Image {
	const top, bottom, pad = 56, 28, 8
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.Draw(img, img.Bounds(), &image.Uniform{bg}, image.Point{}, draw.Src)
	d := &font.Drawer{Dst: img, Src: image.NewUniform(fg), Face: face}
	d.Dot = fixed.P(pad, 22)
	d.DrawString(title)
	if len(cols) == 0 {
		return img
	}
	maxV := 0.0
	for _, c := range cols {
		maxV = max(maxV, c.value)
	}
	slot := (width - 2*pad) / len(cols)
	colW := min(80, slot*2/3)
	span := height - top - bottom
	base := height - bottom
	draw.Draw(img, image.Rect(pad, base, width-pad, base+1), &image.Uniform{fg}, image.Point{}, draw.Src)
	for i, c := range cols {
		cx := pad + i*slot + slot/2
		hgt := 0
		if maxV > 0 {
			hgt = int(float64(span) * c.value / maxV)
		}
		col := accent
		if c.alert {
			col = alert
		}
		if hgt > 0 {
			draw.Draw(img, image.Rect(cx-colW/2, base-hgt, cx+colW/2, base), &image.Uniform{col}, image.Point{}, draw.Src)
		}
		text := c.text
		if text == "" {
			text = model.Num(c.value)
		}
		tw := d.MeasureString(text).Ceil()
		d.Dot = fixed.P(cx-tw/2, base-hgt-6)
		d.DrawString(text)
		label := clip(d, c.label, slot-4)
		lw := d.MeasureString(label).Ceil()
		d.Dot = fixed.P(cx-lw/2, base+20)
		d.DrawString(label)
	}
	return img
}
