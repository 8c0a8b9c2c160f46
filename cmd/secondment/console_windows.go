//go:build windows

package main

import (
	"syscall"
	"unsafe"
)

var kernel32 = syscall.NewLazyDLL("kernel32.dll")

// hideOwnConsole closes the console Windows opens for a double-clicked console
// program, so the window stands alone; a console shared with cmd.exe or
// PowerShell (more than one process attached) stays, for the command line.
func hideOwnConsole() {
	var pids [2]uint32
	n, _, _ := kernel32.NewProc("GetConsoleProcessList").Call(uintptr(unsafe.Pointer(&pids[0])), uintptr(len(pids)))
	if n == 1 {
		kernel32.NewProc("FreeConsole").Call()
	}
}
