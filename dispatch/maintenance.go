package dispatch

import (
	"context"
	"fmt"
	"time"

	"secondment/model"
)

// Backup writes a verified copy of the whole data file to path. Only a graduate
// office account without a university limit may: the copy holds every record.
func (s *Service) Backup(sess *Session, path string) error {
	return s.BackupContext(context.Background(), sess, path)
}

// BackupContext is Backup that stops, leaving no file, when ctx is cancelled.
func (s *Service) BackupContext(ctx context.Context, sess *Session, path string) error {
	return s.BackupProgress(ctx, sess, path, nil)
}

// progressBackuper is a Store whose backup reports the progress of its check.
type progressBackuper interface {
	BackupFileProgress(ctx context.Context, path string, progress func(done, total int)) error
}

// BackupProgress is BackupContext calling progress, if not nil, while the copy
// is checked (records checked so far, total).
func (s *Service) BackupProgress(ctx context.Context, sess *Session, path string, progress func(done, total int)) error {
	if !sess.user.IsOffice() || sess.user.University != "" {
		return forbidden("backup")
	}
	backup := s.store.BackupFile
	if pb, ok := s.raw.(progressBackuper); ok && progress != nil {
		backup = func(ctx context.Context, path string) error { return pb.BackupFileProgress(ctx, path, progress) }
	}
	if err := backup(ctx, path); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if model.ErrorCode(err) != model.EInternal {
			return err // a refusal the store words itself: the target, a full disk, a missing folder
		}
		return model.Errorf(model.EInternal, "backup.failed", path).WithCause(err)
	}
	// Recorded once the copy is whole (so the copy does not hold its own entry).
	return s.store.Update(func(tx model.Tx) error {
		return s.audit(tx, sess, "file.backup", "file", nil, map[string]string{"to": path})
	})
}

// autoBackuper is the automatic backup a Store may offer (storage.DB does).
type autoBackuper interface {
	AutoBackup(reason string, now time.Time) (string, error)
}

// AutoBackup reasons the front ends pass.
const (
	BackupDaily   = "daily"   // the day's copy, made at the first change of the day
	BackupImport  = "import"  // before an import writes
	BackupRestore = "restore" // before a restore replaces the file
)

// AutoBackup makes an automatic, verified backup generation of the data file
// in the backups folder beside it, for reason (BackupDaily makes at most one a
// day; other reasons one each time) and returns its path ("" when none was
// needed). It is the program's own act, not a user's: no session is needed and
// no audit entry is written. Front ends call it with BackupDaily when a user
// is about to change something and with BackupImport before an import; a
// failure should be shown but need not stop the user's work.
func (s *Service) AutoBackup(reason string) (string, error) {
	ab, ok := s.raw.(autoBackuper)
	if !ok {
		return "", nil
	}
	path, err := ab.AutoBackup(reason, s.Now())
	if err != nil && model.ErrorCode(err) == model.EInternal {
		return path, model.Errorf(model.EInternal, "backup.auto_failed").WithCause(err)
	}
	return path, err
}

// MayRestore reports whether the session may replace the data file with a backup.
func MayRestore(sess *Session) error {
	if !sess.user.IsOffice() || sess.user.University != "" {
		return forbidden("backup")
	}
	return nil
}

// Restore authorities: whose accounts authorised a restore.
const (
	// RestoreByCurrent: an office account of the data file being replaced.
	RestoreByCurrent = "current"
	// RestoreByBackup: an office account of the backup, allowed only when the
	// data file being replaced is missing or damaged.
	RestoreByBackup = "backup"
)

// RecordRestore appends to the restored file's audit log who restored it, from
// where, which file it replaced, and whose accounts authorised it (RestoreBy…).
func (s *Service) RecordRestore(sess *Session, from, kept, authority string) error {
	return s.store.Update(func(tx model.Tx) error {
		return s.audit(tx, sess, "file.restore", "file", nil,
			map[string]string{"from": from, "replaced_kept_as": kept, "authorised_by": authority})
	})
}

// LoadSummary counts what a bulk load wrote.
type LoadSummary struct {
	Universities, Platforms, Students, Quotas, Appointments, Placements, Users int
}

func (l LoadSummary) String() string {
	return fmt.Sprintf("%d universities, %d platforms, %d students, %d quotas, %d appointments, %d placements, %d users",
		l.Universities, l.Platforms, l.Students, l.Quotas, l.Appointments, l.Placements, l.Users)
}
