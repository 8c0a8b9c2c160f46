package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"secondment/assets"
)

// deskTheme is Fyne's default theme (light or dark, as the system asks) with a
// CJK font, so no Chinese character renders as a box on a machine without CJK
// fonts, and text a little larger than Fyne's default for reading all day.
type deskTheme struct {
	font fyne.Resource
}

func newTheme() *deskTheme {
	return &deskTheme{font: fyne.NewStaticResource("wqy-microhei.ttf", assets.CJKFont)}
}

func (t *deskTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return theme.DefaultTheme().Font(s)
	}
	return t.font
}

func (t *deskTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, v)
}

func (t *deskTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *deskTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 14
	case theme.SizeNameSubHeadingText:
		return 17
	case theme.SizeNameHeadingText:
		return 22
	}
	return theme.DefaultTheme().Size(n)
}
