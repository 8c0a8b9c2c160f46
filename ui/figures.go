package ui

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"secondment/model"
)

// figuresScreen is the bureau's screen: placements by platform, kind, level and
// industry chain, and quota use, as charts, with no personal data.
type figuresScreen struct{ u *UI }

// build makes the screen; the bureau's screen: placements by platform, kind, level and
// industry chain, and quota use, as charts, with no personal data.
func (s *figuresScreen) build() (fyne.CanvasObject, *entry) {
	u := s.u
	year := u.now().Year()
	yearSel := widget.NewSelect(nil, nil)
	for y := year + 1; y >= year-3; y-- {
		yearSel.Options = append(yearSel.Options, strconv.Itoa(y))
	}
	charts := container.NewGridWithColumns(2)
	draw := func(y int) {
		charts.Objects = nil
		stats, err := u.svc.Stats(u.sess, y)
		if err != nil {
			charts.Add(widget.NewLabel(u.message(err)))
			charts.Refresh()
			return
		}
		face, err := u.chartFace()
		if err != nil {
			charts.Add(widget.NewLabel(u.message(err)))
			return
		}
		byKind, byLevel, byChain := map[string]float64{}, map[string]float64{}, map[string]float64{}
		var perPlatform, quota []bar
		for _, s := range stats {
			n := 0
			for st, c := range s.ByStatus {
				if st != model.Draft && st != model.Terminated {
					n += c
				}
			}
			byKind[u.term(model.PlatformKinds, s.Kind)] += float64(n)
			byLevel[u.term(model.PlatformLevels, s.Level)] += float64(n)
			byChain[u.term(model.Chains, s.Chain)] += float64(n)
			perPlatform = append(perPlatform, bar{label: s.Platform, value: float64(n)})
			if q, ok := s.Quotas[model.Graduate]; ok && q.Total > 0 {
				quota = append(quota, bar{label: s.Platform, value: float64(q.Used) / float64(q.Total) * 100,
					text: fmt.Sprintf("%d/%d", q.Used, q.Total), alert: q.Full()})
			}
		}
		if len(perPlatform) > 15 {
			perPlatform = topN(perPlatform, 15)
		}
		if len(quota) > 15 {
			quota = topN(quota, 15)
		}
		fg, bg := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNameBackground)
		accent, alert := theme.Color(theme.ColorNamePrimary), theme.Color(theme.ColorNameError)
		for _, c := range []struct {
			title string
			bars  []bar
		}{
			{u.t("ui.chart_platform", y), perPlatform},
			{u.t("ui.chart_kind", y), bars(byKind)},
			{u.t("ui.chart_level", y), bars(byLevel)},
			{u.t("ui.chart_chain", y), bars(byChain)},
			{u.t("ui.chart_quota", y), quota},
		} {
			chart := barChart(face, c.title, c.bars, 600, fg, accent, alert, bg)
			img := canvas.NewImageFromImage(chart)
			img.FillMode = canvas.ImageFillOriginal
			img.ScaleMode = canvas.ImageScalePixels
			charts.Add(container.NewVBox(img))
		}
		charts.Refresh()
	}
	yearSel.OnChanged = func(s string) {
		y, _ := strconv.Atoi(s)
		draw(y)
	}
	yearSel.SetSelected(strconv.Itoa(year))
	top := container.NewHBox(widget.NewLabel(u.t("field:year")), yearSel, widget.NewLabel(u.t("ui.no_personal_data")))
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(charts)), nil
}

func bars(m map[string]float64) []bar {
	var out []bar
	for k, v := range m {
		out = append(out, bar{label: k, value: v})
	}
	return out
}

func topN(bs []bar, n int) []bar {
	sortBars(bs)
	return bs[:n]
}

func sortBars(bs []bar) {
	for i := 1; i < len(bs); i++ {
		for j := i; j > 0 && bs[j].value > bs[j-1].value; j-- {
			bs[j], bs[j-1] = bs[j-1], bs[j]
		}
	}
}
