package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"secondment/dispatch"
	"secondment/i18n"
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
	return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
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
	noSignIns := fs.Bool("no-logins", false, "")
	if pos, err := r.parse(fs, args); err != nil || len(pos) > 0 {
		return r.usage("cli.usage_audit")
	}
	return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
		log, err := svc.Audit(sess, dispatch.AuditFilter{Q: *q, Limit: *limit, NoSignIns: *noSignIns})
		if err != nil {
			return err
		}
		if *asJSON {
			return printJSON(r, log)
		}
		t := r.table("col.seq", "col.time", "col.actor", "col.op", "col.record")
		for _, e := range log {
			t.row(strconv.FormatUint(e.Seq, 10), e.At.Local().Format("2006-01-02 15:04:05"), e.Actor, i18n.OpName(r.lang, e.Op), e.Record)
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
	if err := storage.CheckTarget(r.dbPath, target); err != nil {
		return err
	}
	return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
		progress, done := r.slowProgress("cli.progress_backup")
		err := svc.BackupProgress(context.Background(), sess, target, progress)
		done()
		if err != nil {
			return err
		}
		fi, err := os.Stat(target)
		if err != nil {
			return err
		}
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
	if r.served() {
		return model.Errorf(model.EInvalid, "remote.local_only", "restore")
	}
	if r.user == "" {
		return r.usage("cli.need_user")
	}
	pw, err := r.password("SECONDMENT_PASSWORD", "cli.prompt_password", false)
	if err != nil {
		return err
	}
	progress, done := r.slowProgress("cli.progress_restore")
	res, err := RestoreWith(RestoreRequest{DBPath: r.dbPath, Backup: pos[0], User: r.user, Password: pw,
		Now: r.env.Now(), Progress: progress})
	done()
	if err != nil {
		return err
	}
	r.say("cli.restore_done", r.dbPath, pos[0])
	if res.Kept != "" {
		r.say("cli.restore_kept", res.Kept)
	}
	if res.Authority == dispatch.RestoreByBackup {
		r.note("cli.restore_by_backup")
	}
	return nil
}

// Restore replaces the data file at dbPath with the backup (see RestoreWith);
// the window's "restore" uses it. It returns where the replaced file was kept.
func Restore(dbPath, backup, user, password string, now time.Time) (kept string, err error) {
	res, err := RestoreWith(RestoreRequest{DBPath: dbPath, Backup: backup, User: user, Password: password, Now: now})
	return res.Kept, err
}

// RestoreRequest is one restore: the data file, the backup, the account that
// authorises it, the time, and an optional progress function for the check of
// the backup.
type RestoreRequest struct {
	DBPath, Backup string
	User, Password string
	Now            time.Time
	Progress       func(done, total int)
}

// RestoreResult says where the replaced file was kept and whose accounts
// authorised the restore (dispatch.RestoreByCurrent or RestoreByBackup).
type RestoreResult struct {
	Kept      string
	Authority string
}

// RestoreWith replaces the data file with a backup. The backup is checked in
// full first (the same check backup applies before keeping a copy). The user
// must be a graduate-office account of the current data file when that file
// opens sound; only when it is missing, empty, damaged or unreadable are the
// backup's accounts asked instead. The replaced file is kept beside it, and the
// restore, with whose accounts authorised it, is recorded in the restored
// file's audit log.
func RestoreWith(req RestoreRequest) (res RestoreResult, err error) {
	bdb, err := storage.Open(req.Backup, storage.Options{ReadOnly: true})
	if err != nil {
		return res, backupError{req.Backup, err}
	}
	bsvc := dispatch.New(bdb)
	bsvc.Now = func() time.Time { return req.Now }
	rep, err := bsvc.CheckProgress(req.Progress)
	if err == nil && !rep.OK() {
		err = backupError{req.Backup, storage.ErrCorrupt}
	}
	var sess *dispatch.Session
	if err == nil {
		res.Authority = dispatch.RestoreByCurrent
		var usable bool
		sess, usable, err = loginCurrent(req.DBPath, req.User, req.Password, req.Now)
		if !usable {
			res.Authority = dispatch.RestoreByBackup
			sess, err = bsvc.Login(req.User, req.Password)
		}
	}
	if err == nil {
		err = dispatch.MayRestore(sess)
	}
	bdb.Close()
	if err != nil {
		return res, err
	}
	if res.Kept, err = storage.Restore(req.Backup, req.DBPath, req.Now); err != nil {
		return res, err
	}
	db, err := storage.Open(req.DBPath, storage.Options{})
	if err != nil {
		return res, err
	}
	defer db.Close()
	svc := dispatch.New(db)
	svc.Now = func() time.Time { return req.Now }
	return res, svc.RecordRestore(sess, req.Backup, res.Kept, res.Authority)
}

// loginCurrent logs in to the current data file, read-only. usable is false
// when the file cannot serve (missing, empty, damaged, unreadable, foreign): its
// accounts cannot be asked. A file in use by another program is an error, not
// a reason to ask the backup.
func loginCurrent(dbPath, user, password string, now time.Time) (sess *dispatch.Session, usable bool, err error) {
	db, err := storage.Open(dbPath, storage.Options{ReadOnly: true})
	if errors.Is(err, storage.ErrLocked) {
		return nil, true, err
	}
	if err != nil {
		return nil, false, nil
	}
	defer db.Close()
	if db.Damage() != nil {
		return nil, false, nil
	}
	svc := dispatch.New(db)
	svc.Now = func() time.Time { return now }
	sess, err = svc.Login(user, password)
	switch model.ErrorCode(err) {
	case "", model.EUnauthorized, model.ELocked, model.EForbidden, model.ERule:
		return sess, true, err
	}
	if errors.Is(err, storage.ErrCorrupt) {
		return nil, false, nil // the accounts are the damaged part
	}
	return nil, true, err
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
	if r.served() || r.held() {
		// The server checks its file for an office login.
		return r.withServer(func(svc dispatch.API, sess *dispatch.Session) error {
			rep, err := svc.CheckFile(sess)
			if err != nil {
				return err
			}
			return r.checkResult(rep)
		})
	}
	db, svc, err := r.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	// The seals of accounts and audit entries are keyed: an office login
	// (SECONDMENT_USER with its password) unwraps the key that verifies them.
	// The file is open read-only, so the login is not recorded.
	if r.user != "" && db.Damage() == nil {
		if _, err := r.login(svc); err != nil {
			return err
		}
	}
	progress, done := r.slowProgress("cli.progress_check")
	rep, err := svc.CheckProgress(progress)
	done()
	if err != nil {
		return err
	}
	return r.checkResult(rep)
}

// checkResult prints a check's findings; damage is a refusal.
func (r *run) checkResult(rep dispatch.CheckReport) error {
	for _, p := range append(append(rep.Pages, rep.Records...), rep.Audit...) {
		fmt.Fprintln(r.env.Stderr, "  - "+p)
	}
	for _, n := range rep.Notes {
		if i18n.Has(n) {
			n = i18n.T(r.lang, n)
		}
		fmt.Fprintln(r.env.Stderr, "  · "+n)
	}
	if !rep.OK() {
		return model.Errorf(model.ECorrupt, "cli.check_failed", len(rep.Pages)+len(rep.Records)+len(rep.Audit), r.where())
	}
	r.say("cli.check_ok", r.where(), rep.Students, rep.Placements, rep.AuditEntries)
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
