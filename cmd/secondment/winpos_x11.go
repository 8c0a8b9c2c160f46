//go:build linux && !wayland

package main

/*
#cgo LDFLAGS: -lX11
#include <stdlib.h>
#include <X11/Xlib.h>

// win_pos reads where window w's client area is on the root window.
static int win_pos(unsigned long w, int *x, int *y) {
	Display *d = XOpenDisplay(NULL);
	if (d == NULL) return 0;
	Window child;
	int ok = XTranslateCoordinates(d, (Window)w, DefaultRootWindow(d), 0, 0, x, y, &child);
	XCloseDisplay(d);
	return ok;
}

// win_move asks for window w's client area at x, y. GLFW gives its windows
// static gravity, so the window manager reads the place as the client area's,
// as win_pos reports it.
static int win_move(unsigned long w, int x, int y) {
	Display *d = XOpenDisplay(NULL);
	if (d == NULL) return 0;
	XMoveWindow(d, (Window)w, x, y);
	XSync(d, False);
	XCloseDisplay(d);
	return 1;
}
*/
import "C"

import "fyne.io/fyne/v2/driver"

// windowPos returns the top-left corner of the window's client area on the
// desktop. It asks the X server on a connection of its own: Fyne does not
// expose the window's position, only its handle.
func windowPos(ctx any) (x, y int, ok bool) {
	c, ok := ctx.(driver.X11WindowContext)
	if !ok || c.WindowHandle == 0 {
		return 0, 0, false
	}
	var cx, cy C.int
	if C.win_pos(C.ulong(c.WindowHandle), &cx, &cy) == 0 {
		return 0, 0, false
	}
	return int(cx), int(cy), true
}

// moveWindow puts the window's client area at x, y, keeping its size.
func moveWindow(ctx any, x, y int) bool {
	c, ok := ctx.(driver.X11WindowContext)
	if !ok || c.WindowHandle == 0 {
		return false
	}
	return C.win_move(C.ulong(c.WindowHandle), C.int(x), C.int(y)) != 0
}

// placeIsClient: X11 names where the client area is (the title bar is above).
const placeIsClient = true
