package main

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// The window opens at the size and place the clerk left it at, or 1280×760
// in the middle, but never larger than the screen's work area (the screen
// less the taskbar) at the screen's scaling: a 1366×768 laptop at 150 % has
// room for only 910×480 logical pixels less the title bar, and a window past
// the screen's edge hides its own buttons. A place no longer on any screen (a
// second monitor since unplugged) is forgotten.

const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
	prefX      = "window.x"
	prefY      = "window.y"
	// titleBar is what a window manager's decoration takes, in screen pixels.
	titleBar = 40
)

// fitWindow sizes and places w for the screen once the app runs, and
// remembers the size and place the window is closed at.
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
		if x, y := p.IntWithFallback(prefX, noPlace), p.IntWithFallback(prefY, noPlace); x != noPlace && y != noPlace {
			placeWindow(w, x, y)
		}
	})
	w.SetOnClosed(func() { // called while the window still exists
		s := w.Canvas().Size()
		if s.Width >= 400 && s.Height >= 300 {
			p.SetFloat(prefWidth, float64(s.Width))
			p.SetFloat(prefHeight, float64(s.Height))
		}
		if x, y, ok := nativePos(w); ok {
			p.SetInt(prefX, x)
			p.SetInt(prefY, y)
		}
	})
}

// noPlace stands for a place never kept.
const noPlace = -1 << 30

// nativePos is where the window is on the desktop, in screen pixels.
func nativePos(w fyne.Window) (x, y int, ok bool) {
	if nw, isNative := w.(driver.NativeWindow); isNative {
		nw.RunNative(func(ctx any) { x, y, ok = windowPos(ctx) })
	}
	return x, y, ok
}

// placeWindow moves w to x, y if its top-left corner would be on a screen's
// work area there, moved up and left as far as needed for the whole window to
// be on that screen (a window left half off a larger screen).
func placeWindow(w fyne.Window, x, y int) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return
	}
	size, scale := w.Canvas().Size(), w.Canvas().Scale()
	f := frame{width: int(size.Width * scale), below: int(size.Height * scale)}
	if placeIsClient {
		f.above = titleBar
	} else {
		f.below += titleBar
	}
	nw.RunNative(func(ctx any) {
		var areas []rect
		for _, m := range glfw.GetMonitors() {
			var a rect
			a.x, a.y, a.w, a.h = m.GetWorkarea()
			areas = append(areas, a)
		}
		if px, py, ok := place(x, y, f, areas); ok {
			moveWindow(ctx, px, py)
		}
	})
}

// rect is a screen's work area, in screen pixels.
type rect struct{ x, y, w, h int }

// frame is a window around the point its place names: width wide, reaching
// above it (the title bar, where the place is the client area's, as on X11)
// and below it.
type frame struct{ width, above, below int }

// place is where a window left at x, y goes now: there if that point (with
// room for the title bar and a grip beside it) is on one of the work areas,
// moved up and left as far as the whole window needs to be on that one, and
// down if its title bar would be off the top; nowhere (false) if the point is
// on none of them.
func place(x, y int, f frame, areas []rect) (int, int, bool) {
	for _, a := range areas {
		if x >= a.x && y >= a.y && x+120 <= a.x+a.w && y+titleBar <= a.y+a.h {
			return max(a.x, min(x, a.x+a.w-f.width)), max(a.y+f.above, min(y, a.y+a.h-f.below)), true
		}
	}
	return 0, 0, false
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
