//go:build !windows

package main

// hideOwnConsole has nothing to do outside Windows.
func hideOwnConsole() {}
