package ui

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"sort"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"secondment/assets"
)

// bar is one labelled value of a chart.
type bar struct {
	label string
	value float64
	text  string // shown after the bar
	alert bool   // drawn red (a full quota)
}

// chartFace is the CJK font at chart size, parsed once per window.
func (u *UI) chartFace() (font.Face, error) {
	if u.face != nil {
		return u.face, nil
	}
	f, err := opentype.Parse(assets.CJKFont)
	if err != nil {
		return nil, err
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 13, DPI: 96, Hinting: font.HintingFull})
	if err != nil {
		return nil, err
	}
	u.face = face
	return face, nil
}

// barChart draws a horizontal bar chart with Chinese labels, largest first.
// Fyne has no chart widget; an image shows the same on every platform.
func barChart(face font.Face, title string, bars []bar, width int, fg, accent, alert, bg color.Color) image.Image {
	sort.SliceStable(bars, func(i, j int) bool { return bars[i].value > bars[j].value })
	const row, top, pad = 24, 36, 8
	h := top + row*len(bars) + pad
	img := image.NewRGBA(image.Rect(0, 0, width, h))
	draw.Draw(img, img.Bounds(), &image.Uniform{bg}, image.Point{}, draw.Src)
	d := &font.Drawer{Dst: img, Src: image.NewUniform(fg), Face: face}
	d.Dot = fixed.P(pad, 22)
	d.DrawString(title)
	labelW := 0
	for _, b := range bars {
		labelW = max(labelW, d.MeasureString(b.label).Ceil())
	}
	labelW = min(labelW, width/2)
	maxV := 0.0
	for _, b := range bars {
		maxV = max(maxV, b.value)
	}
	span := width - labelW - 3*pad - 70
	for i, b := range bars {
		y := top + i*row
		d.Dot = fixed.P(pad, y+17)
		d.DrawString(clip(d, b.label, labelW))
		w := 0
		if maxV > 0 {
			w = int(float64(span) * b.value / maxV)
		}
		c := accent
		if b.alert {
			c = alert
		}
		draw.Draw(img, image.Rect(labelW+2*pad, y+4, labelW+2*pad+max(w, 1), y+row-4), &image.Uniform{c}, image.Point{}, draw.Src)
		d.Dot = fixed.P(labelW+2*pad+w+6, y+17)
		text := b.text
		if text == "" {
			text = fmt.Sprint(b.value)
		}
		d.DrawString(text)
	}
	return img
}

// clip shortens a label to fit w pixels.
func clip(d *font.Drawer, s string, w int) string {
	if d.MeasureString(s).Ceil() <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && d.MeasureString(string(r)+"…").Ceil() > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
