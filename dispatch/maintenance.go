package dispatch

import (
	"context"
	"fmt"

	"secondment/model"
)

// Backup writes a verified copy of the whole data file to path. Only a graduate
// office account without a university limit may: the copy holds every record.
func (s *Service) Backup(sess *Session, path string) error {
	return s.BackupContext(context.Background(), sess, path)
}

// BackupContext is Backup that stops, leaving no file, when ctx is cancelled.
func (s *Service) BackupContext(ctx context.Context, sess *Session, path string) error {
	if !sess.user.IsOffice() || sess.user.University != "" {
		return forbidden("backup")
	}
	if err := s.store.BackupFile(ctx, path); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return model.Errorf(model.EInternal, "backup.failed", path).WithCause(err)
	}
	return nil
}

// MayRestore reports whether the session may replace the data file with a backup.
func MayRestore(sess *Session) error {
	if !sess.user.IsOffice() || sess.user.University != "" {
		return forbidden("backup")
	}
	return nil
}

// RecordRestore appends to the restored file's audit log who restored it, from
// where, and which file it replaced.
func (s *Service) RecordRestore(sess *Session, from, kept string) error {
	return s.store.Update(func(tx model.Tx) error {
		return s.audit(tx, sess, "file.restore", "file", nil, map[string]string{"from": from, "replaced_kept_as": kept})
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
