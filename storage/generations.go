package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Automatic backups are kept in a folder named BackupFolder beside the data
// file: one a day (the last KeepDaily days on which the file was used) and one
// before each restore or import and other events (the last KeepEvents). Older
// ones are removed as new ones are made. The names start with the data file's
// own name, so several data files can share a folder.
const (
	BackupFolder = "backups"
	KeepDaily    = 7
	KeepEvents   = 5
)

// DailyBackup is the reason for the day's automatic backup.
const DailyBackup = "daily"

// AutoBackup makes an automatic backup of the open file into the backups
// folder beside it and removes the generations beyond the kept numbers. reason
// DailyBackup makes at most one a day (it returns "" when today's exists); any
// other reason (e.g. "import", "restore") makes one each time. It returns the
// path written. A damaged file is not copied (the copy would hide the damage).
func (db *DB) AutoBackup(reason string, now time.Time) (string, error) {
	dir := filepath.Join(filepath.Dir(db.path), BackupFolder)
	stem := strings.TrimSuffix(filepath.Base(db.path), filepath.Ext(db.path))
	var name string
	if reason == DailyBackup {
		name = fmt.Sprintf("%s-daily-%s.db", stem, now.Format("2006-01-02"))
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return "", nil
		}
	} else {
		name = fmt.Sprintf("%s-event-%s-%s.db", stem, now.Format("20060102-150405.000"), safeReason(reason))
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", mapIO(fmt.Errorf("backup folder: %w", err), dir)
	}
	path := filepath.Join(dir, name)
	if err := db.BackupFile(context.Background(), path); err != nil {
		return "", err
	}
	if reason == DailyBackup {
		return path, prune(dir, stem+"-daily-", KeepDaily)
	}
	return path, prune(dir, stem+"-event-", KeepEvents)
}

// safeReason keeps a reason usable in a file name.
func safeReason(reason string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '_'
	}, strings.ToLower(reason))
}

// prune removes all but the newest keep files of dir whose names start with
// prefix; names carry their date, so name order is age order.
func prune(dir, prefix string, keep int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && strings.HasSuffix(e.Name(), ".db") && e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	var errs []error
	for len(names) > keep {
		if err := os.Remove(filepath.Join(dir, names[0])); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
		names = names[1:]
	}
	return errors.Join(errs...)
}

// AutoBackups lists the automatic backups of the data file, newest first.
func (db *DB) AutoBackups() ([]string, error) {
	dir := filepath.Join(filepath.Dir(db.path), BackupFolder)
	stem := strings.TrimSuffix(filepath.Base(db.path), filepath.Ext(db.path))
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), stem+"-") && strings.HasSuffix(e.Name(), ".db") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Slice(out, func(i, j int) bool {
		fi, _ := os.Stat(out[i])
		fj, _ := os.Stat(out[j])
		return fi != nil && fj != nil && fi.ModTime().After(fj.ModTime())
	})
	return out, nil
}
