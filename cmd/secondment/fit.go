package main

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// The window opens at the size the clerk left it at, or 1280×760, but never
// larger than the screen's work area (the screen less the taskbar) at the
// screen's scaling: a 1366×768 laptop at 150 % has room for only 910×480
// logical pixels less the title bar, and a window past the screen's edge
// hides its own buttons.

const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
	// titleBar is what a window manager's decoration takes, in screen pixels.
	titleBar = 40
)

// fitWindow sizes w for the screen once the app runs, and remembers the size
// the window is closed at.
func fitWindow(a fyne.App, w fyne.Window) {
	p := a.Preferences()
	want := fyne.NewSize(float32(p.FloatWithFallback(prefWidth, 1280)), float32(p.FloatWithFallback(prefHeight, 760)))
	w.Resize(want)
	a.Lifecycle().SetOnStarted(func() {
		if room, ok := workArea(w); ok {
			got := fyne.NewSize(min(want.Width, room.Width), min(want.Height, room.Height))
			if got != want {
				w.Resize(got)
				w.CenterOnScreen()
			}
		}
	})
	w.SetOnClosed(func() {
		s := w.Canvas().Size()
		if s.Width >= 400 && s.Height >= 300 {
			p.SetFloat(prefWidth, float64(s.Width))
			p.SetFloat(prefHeight, float64(s.Height))
		}
	})
}

// workArea is the primary screen's work area in the window's logical pixels.
func workArea(w fyne.Window) (fyne.Size, bool) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return fyne.Size{}, false
	}
	var room fyne.Size
	nw.RunNative(func(any) {
		m := glfw.GetPrimaryMonitor()
		if m == nil {
			return
		}
		_, _, width, height := m.GetWorkarea()
		scale := w.Canvas().Scale()
		if scale <= 0 {
			scale = 1
		}
		// Whole logical pixels, rounded down: a fraction over rounds the
		// window up past the screen's edge.
		room = fyne.NewSize(float32(math.Floor(float64(width)/float64(scale))), float32(math.Floor(float64(height-titleBar)/float64(scale))))
	})
	return room, room.Width > 0 && room.Height > 0
}
