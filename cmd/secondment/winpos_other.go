//go:build !windows && !(linux && !wayland)

package main

// Elsewhere (macOS, Wayland, where a program may not place its own window)
// the window opens where the system puts it.

func windowPos(any) (x, y int, ok bool) { return 0, 0, false }

func moveWindow(any, int, int) bool { return false }

const placeIsClient = false
