//go:build windows

package main

import (
	"syscall"
	"unsafe"

	"fyne.io/fyne/v2/driver"
)

var user32 = syscall.NewLazyDLL("user32.dll")

// windowPos returns the top-left corner of the window's frame on the desktop.
func windowPos(ctx any) (x, y int, ok bool) {
	c, ok := ctx.(driver.WindowsWindowContext)
	if !ok || c.HWND == 0 {
		return 0, 0, false
	}
	var r struct{ Left, Top, Right, Bottom int32 }
	done, _, _ := user32.NewProc("GetWindowRect").Call(c.HWND, uintptr(unsafe.Pointer(&r)))
	return int(r.Left), int(r.Top), done != 0
}

// moveWindow puts the window's frame at x, y, keeping its size.
func moveWindow(ctx any, x, y int) bool {
	const noSize, noZOrder, noActivate = 0x0001, 0x0004, 0x0010
	c, ok := ctx.(driver.WindowsWindowContext)
	if !ok || c.HWND == 0 {
		return false
	}
	done, _, _ := user32.NewProc("SetWindowPos").Call(c.HWND, 0, uintptr(x), uintptr(y), 0, 0, noSize|noZOrder|noActivate)
	return done != 0
}

// placeIsClient: Windows names where the frame is.
const placeIsClient = false
