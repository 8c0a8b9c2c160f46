package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"secondment/dispatch"
	"secondment/model"
	"secondment/storage"
)

func (r *run) statsCmd(args []string) error {
	fs := r.flags("stats")
	year := fs.Int("year", r.env.Now().Year(), "")
	asJSON := fs.Bool("json", false, "")
	if pos, err := r.parse(fs, args); err != nil || len(pos) > 0 {
		return r.usage("cli.usage_stats")
	}
	return r.withSession(true, func(svc *dispatch.Service, sess *dispatch.Session) error {
		stats, err := svc.Stats(sess, *year)
		if err != nil {
			return err
		}
		if *asJSON {
			return printJSON(r, stats)
		}
		t := r.table("col.platform", "col.kind", "col.level", "col.status", "col.placements", "col.arrived", "col.graduate_quota", "col.dual_quota")
		for _, s := range stats {
			n := 0
			for _, c := range s.ByStatus {
				n += c
			}
			quota := func(cat string) string {
				q, ok := s.Quotas[cat]
				if !ok {
					return "-"
				}
				return fmt.Sprintf("%d/%d", q.Used, q.Total)
			}
			t.row(s.Platform, r.term(model.PlatformKinds, s.Kind), r.term(model.PlatformLevels, s.Level),
				r.term(model.PlatformStatuses, s.Status), strconv.Itoa(n), strconv.Itoa(s.ByStatus[model.Arrived]),
				quota(model.Graduate), quota(model.Dual))
		}
		return t.print(len(stats))
	})
}

func (r *run) auditCmd(args []string) error {
	fs := r.flags("audit")
	q := fs.String("q", "", "")
	limit := fs.Int("limit", 50, "")
	asJSON := fs.Bool("json", false, "")
	if pos, err := r.parse(fs, args); err != nil || len(pos) > 0 {
		return r.usage("cli.usage_audit")
	}
	return r.withSession(true, func(svc *dispatch.Service, sess *dispatch.Session) error {
		log, err := svc.AuditLog(sess, *q, *limit)
		if err != nil {
			return err
		}
		if *asJSON {
			return printJSON(r, log)
		}
		t := r.table("col.seq", "col.time", "col.actor", "col.op", "col.record")
		for _, e := range log {
			t.row(strconv.FormatUint(e.Seq, 10), e.At.Local().Format("2006-01-02 15:04:05"), e.Actor, e.Op, e.Record)
		}
		return t.print(len(log))
	})
}

func (r *run) backupCmd(args []string) error {
	fs := r.flags("backup")
	pos, err := r.parse(fs, args)
	if err != nil || len(pos) != 1 {
		return r.usage("cli.usage_backup")
	}
	target, _ := filepath.Abs(pos[0])
	return r.withSession(true, func(svc *dispatch.Service, sess *dispatch.Session) error {
		if err := svc.Backup(sess, target); err != nil {
			return err
		}
		fi, _ := os.Stat(target)
		r.say("cli.backup_done", target, fi.Size())
		return nil
	})
}

// restoreCmd replaces the data file with a backup.
func (r *run) restoreCmd(args []string) error {
	fs := r.flags("restore")
	pos, err := r.parse(fs, args)
	if err != nil || len(pos) != 1 {
		return r.usage("cli.usage_restore")
	}
	if r.user == "" {
		return r.usage("cli.need_user")
	}
	pw, err := r.password("SECONDMENT_PASSWORD", "cli.prompt_password", false)
	if err != nil {
		return err
	}
	kept, err := Restore(r.dbPath, pos[0], r.user, pw, r.env.Now())
	if err != nil {
		return err
	}
	r.say("cli.restore_done", r.dbPath, pos[0])
	if kept != "" {
		r.say("cli.restore_kept", kept)
	}
	return nil
}

// Restore replaces the data file at dbPath with the backup. The backup is
// checked in full (structure and audit chain) first, and the user must be a
// graduate-office account in the backup: that works even when the current file
// is the damaged part. The replaced file is kept beside it (its name is
// returned), and the restore is recorded in the restored file's audit log. The
// window's "restore" uses it too.
func Restore(dbPath, backup, user, password string, now time.Time) (kept string, err error) {
	bdb, err := storage.Open(backup, storage.Options{ReadOnly: true})
	if err != nil {
		return "", backupError{backup, err}
	}
	bsvc := dispatch.New(bdb)
	rep, err := bsvc.Check()
	if err == nil && !rep.OK() {
		err = backupError{backup, storage.ErrCorrupt}
	}
	var sess *dispatch.Session
	if err == nil {
		sess, err = bsvc.Login(user, password)
	}
	if err == nil {
		err = dispatch.MayRestore(sess)
	}
	bdb.Close()
	if err != nil {
		return "", err
	}
	if kept, err = storage.Restore(backup, dbPath, now); err != nil {
		return kept, err
	}
	db, err := storage.Open(dbPath, storage.Options{})
	if err != nil {
		return kept, err
	}
	defer db.Close()
	svc := dispatch.New(db)
	svc.Now = func() time.Time { return now }
	return kept, svc.RecordRestore(sess, backup, kept)
}

// backupError marks a problem with the backup file rather than the data file.
type backupError struct {
	path string
	err  error
}

func (e backupError) Error() string { return "backup file: " + e.err.Error() }
func (e backupError) Unwrap() error { return e.err }

func (r *run) checkCmd(args []string) error {
	if len(args) > 0 {
		return r.usage("cli.usage_check")
	}
	rep, err := r.checkReport()
	if err != nil {
		return err
	}
	for _, p := range append(append(rep.Pages, rep.Records...), rep.Audit...) {
		fmt.Fprintln(r.env.Stderr, "  - "+p)
	}
	if !rep.OK() {
		return model.Errorf(model.ECorrupt, "cli.check_failed", len(rep.Pages)+len(rep.Records)+len(rep.Audit), r.dbPath)
	}
	r.say("cli.check_ok", r.dbPath, rep.Students, rep.Placements, rep.AuditEntries)
	return nil
}

// checkReport opens the data file read-only and checks it.
func (r *run) checkReport() (dispatch.CheckReport, error) {
	db, svc, err := r.open(true)
	if err != nil {
		return dispatch.CheckReport{}, err
	}
	defer db.Close()
	return svc.Check()
}
