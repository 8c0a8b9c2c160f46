package storage

import (
	"errors"
	"fmt"
	"io/fs"

	"secondment/model"
)

// Error codes of the conditions a clerk can act on, beside model's codes.
// model.ErrorCode returns them for the errors below.
const (
	// EEmpty: the data file exists but holds 0 bytes (an interrupted copy, a
	// save dialog that emptied it). It is never made into a new data file.
	EEmpty = "empty"
	// EDiskFull: the disk (or the user's disk quota) is full; nothing was written.
	EDiskFull = "disk_full"
	// EDamaged: damage was found on opening; the file is read-only until restored.
	EDamaged = "damaged"
	// EUnreadable: the operating system refuses to let the program read or
	// write the file (permissions).
	EUnreadable = "unreadable"
)

var (
	// ErrEmpty is the cause of an EEmpty error.
	ErrEmpty = errors.New("data file is empty (0 bytes)")
	// ErrDiskFull is the cause of an EDiskFull error.
	ErrDiskFull = errors.New("disk is full")
	// ErrDamaged is returned (wrapped together with bbolt's read-only error) by
	// Update and Bulk on a file whose damage was found on opening.
	ErrDamaged = errors.New("data file is damaged: writes are refused until it is restored")
	// ErrTarget is the cause of a refused write target (see CheckTarget).
	ErrTarget = errors.New("target is the data file, its lock or a backup being written")
)

func emptyError(path string) error {
	return &model.Error{Code: EEmpty, Key: "storage.empty", Args: []any{path}, Err: ErrEmpty}
}

func unreadableError(path string, err error) error {
	return &model.Error{Code: EUnreadable, Key: "storage.unreadable", Args: []any{path}, Err: err}
}

// diskFullError wraps err, which isDiskFull recognised.
func diskFullError(err error) error {
	return &model.Error{Code: EDiskFull, Key: "storage.disk_full", Err: fmt.Errorf("%w: %w", ErrDiskFull, err)}
}

// mapIO turns the operating system's "disk full" and "permission denied" into
// errors a clerk can read; everything else (including refusals the rules made)
// passes through unchanged.
func mapIO(err error, path string) error {
	var me *model.Error
	switch {
	case err == nil || errors.As(err, &me):
		return err
	case isDiskFull(err):
		return diskFullError(err)
	case errors.Is(err, fs.ErrPermission):
		return unreadableError(path, err)
	}
	return err
}
