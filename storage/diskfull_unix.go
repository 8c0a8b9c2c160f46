//go:build !windows

package storage

import (
	"errors"
	"syscall"
)

// isDiskFull reports whether err is the operating system saying the disk or the
// user's quota is full.
func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}
