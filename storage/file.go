package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// BackupFile writes a consistent copy of the open file to path while it stays in
// use: into a temporary file beside path, synced to disk, checked by reopening it,
// and only then renamed into place, so a failed or cancelled backup never leaves
// a half file under the chosen name.
func (db *DB) BackupFile(ctx context.Context, path string) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".backup-*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if _, err = db.Backup(ctxWriter{ctx, tmp}); err != nil {
		tmp.Close()
		return fmt.Errorf("backup: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("backup sync: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err = VerifyFile(tmp.Name()); err != nil {
		return fmt.Errorf("backup verify: %w", err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return syncDir(filepath.Dir(path))
}

// ctxWriter stops a copy when its context is cancelled.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// VerifyFile opens a data file read-only and checks its page structure.
func VerifyFile(path string) error {
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	problems, err := db.Check()
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %s", ErrCorrupt, problems[0])
	}
	return nil
}

// Restore replaces the data file at target with a copy of backup, which the
// caller has verified. The file being replaced, if any, is kept beside it as
// target.before-restore-TIMESTAMP. It returns ErrLocked if another program has
// target open.
func Restore(backup, target string, now time.Time) (kept string, err error) {
	if db, err := Open(target, Options{ReadOnly: true, Timeout: time.Second}); err == nil {
		db.Close()
	} else if errors.Is(err, ErrLocked) {
		return "", err
	}
	src, err := os.Open(backup)
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	defer src.Close()
	if err := os.MkdirAll(filepath.Dir(target), 0o700); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), ".restore-*")
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	_, err = io.Copy(tmp, src)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("restore: %w", err)
	}
	if _, err := os.Stat(target); err == nil {
		kept = target + ".before-restore-" + now.Format("20060102-150405")
		if err := os.Rename(target, kept); err != nil {
			os.Remove(tmp.Name())
			return "", fmt.Errorf("restore: %w", err)
		}
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return kept, fmt.Errorf("restore: %w", err)
	}
	return kept, syncDir(filepath.Dir(target))
}

// syncDir makes a rename durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil // not every platform can open a directory; the rename stands
	}
	defer d.Close()
	d.Sync()
	return nil
}
