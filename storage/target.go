package storage

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"secondment/model"
)

// Name patterns of the files the program writes beside a target before
// renaming them into place (backups, restores): never a target themselves.
var tempPrefixes = []string{".backup-", ".restore-"}

// CheckTarget refuses target as a file to write (a backup, an export, a
// document) when it is the data file at dbPath under any spelling — another
// relative path, a symbolic or hard link, another case on Windows and macOS —,
// a file bbolt keeps beside it, or a backup or restore being written. It
// returns nil for any other path, including one that does not exist yet, and
// an EInvalid error (errors.Is ErrTarget) naming target otherwise. The window
// and the command line call it before asking to overwrite anything.
func CheckTarget(dbPath, target string) error {
	refuse := func() error {
		return &model.Error{Code: model.EInvalid, Key: "storage.target_is_data", Args: []any{target}, Err: ErrTarget}
	}
	db, t := absClean(dbPath), absClean(target)
	if sameName(db, t) || sameName(db+".lock", t) || sameName(db+"-lock", t) {
		return refuse()
	}
	base := filepath.Base(t)
	for _, p := range tempPrefixes {
		if strings.HasPrefix(base, p) {
			return refuse()
		}
	}
	ti, err := os.Stat(t)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if di, derr := os.Stat(db); derr == nil && err == nil && os.SameFile(di, ti) {
		return refuse()
	}
	if rt, err := filepath.EvalSymlinks(t); err == nil {
		if rd, err := filepath.EvalSymlinks(db); err == nil && sameName(rd, rt) {
			return refuse()
		}
	}
	return nil
}

func absClean(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// sameName compares two cleaned absolute paths as the file system would:
// without case on Windows and macOS.
func sameName(a, b string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return strings.EqualFold(a, b)
	}
	return a == b
}
