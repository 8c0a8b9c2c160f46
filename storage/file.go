package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"secondment/model"
)

// BackupFile writes a consistent copy of the open file to path while it stays in
// use: into a temporary file beside path, synced to disk, verified by the full
// check (Verify) that restore applies, and only then renamed into place, so a
// failed or cancelled backup never leaves a half file under the chosen name. It
// refuses the data file itself (or its lock, or a backup being written) as the
// target (see CheckTarget), a damaged file (the copy would hide the damage), a
// folder that does not exist (ENotFound naming it), and reports a full disk as
// an EDiskFull error.
func (db *DB) BackupFile(ctx context.Context, path string) (err error) {
	return db.BackupFileProgress(ctx, path, nil)
}

// BackupFileProgress is BackupFile reporting the verification's progress.
func (db *DB) BackupFileProgress(ctx context.Context, path string, progress func(done, total int)) (err error) {
	if err := CheckTarget(db.path, path); err != nil {
		return err
	}
	if err := db.Damage(); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return &model.Error{Code: model.ENotFound, Key: "storage.no_folder", Args: []any{dir}, Err: err}
	}
	tmp, err := os.CreateTemp(dir, ".backup-*")
	if err != nil {
		return mapIO(fmt.Errorf("backup: %w", err), path)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	cw := &ctxWriter{ctx: ctx, w: tmp}
	if _, err = db.Backup(cw); err != nil {
		tmp.Close()
		if cw.err != nil {
			err = cw.err // bbolt words some write errors with %s, losing the cause
		}
		return mapIO(fmt.Errorf("backup: %w", err), path)
	}
	if err = tmp.Sync(); err != nil {
		tmp.Close()
		return mapIO(fmt.Errorf("backup sync: %w", err), path)
	}
	if err = tmp.Close(); err != nil {
		return mapIO(fmt.Errorf("backup: %w", err), path)
	}
	if err = VerifyFile(tmp.Name(), progress); err != nil {
		return fmt.Errorf("backup verify: %w", err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return mapIO(fmt.Errorf("backup: %w", err), path)
	}
	return syncDir(dir)
}

// ctxWriter stops a copy when its context is cancelled.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
	err error // the first error, kept whole
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := c.w.Write(p)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// VerifyFile opens a data file read-only and applies the full check (Verify);
// a file with problems is refused with ErrCorrupt and the first problem.
func VerifyFile(path string, progress func(done, total int)) error {
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := db.Verify(progress)
	if err != nil {
		return err
	}
	for _, ps := range [][]string{r.Pages, r.Records, r.Audit} {
		if len(ps) > 0 {
			return fmt.Errorf("%w: %s", ErrCorrupt, ps[0])
		}
	}
	return nil
}

// Restore replaces the data file at target with a copy of backup, which the
// caller has verified. The file being replaced, if any, is kept beside it as
// target.before-restore-TIMESTAMP. It returns ErrLocked if another program has
// target open.
func Restore(backup, target string, now time.Time) (kept string, err error) {
	if err := CheckTarget(target, backup); err != nil {
		return "", err // the data file restored onto itself
	}
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
		return "", mapIO(fmt.Errorf("restore: %w", err), target)
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
		return "", mapIO(fmt.Errorf("restore: %w", err), target)
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
