package cli

import (
	"crypto/rand"
	"encoding/base32"
	"errors"
	"flag"
	"os"
	"strconv"
	"strings"
	"time"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
	"secondment/storage"
)

// dispatch runs the command named by args[0].
func (r *run) dispatch(args []string) error {
	if len(args) == 0 {
		return r.window()
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "help", "-h", "--help", "-help":
		r.out("%s", i18n.T(r.lang, "cli.usage"))
		return nil
	case "init":
		return r.initCmd(rest)
	case "demo":
		return r.demoCmd(rest)
	case "user":
		return r.userCmd(rest)
	case "university":
		return r.universityCmd(rest)
	case "list":
		return r.listCmd(rest)
	case "quota":
		return r.quotaCmd(rest)
	case "placement":
		return r.placementCmd(rest)
	case "platform":
		return r.platformCmd(rest)
	case "appointment":
		return r.appointmentCmd(rest)
	case "stats":
		return r.statsCmd(rest)
	case "audit":
		return r.auditCmd(rest)
	case "backup":
		return r.backupCmd(rest)
	case "restore":
		return r.restoreCmd(rest)
	case "check":
		return r.checkCmd(rest)
	case "agreement":
		return r.agreementCmd(rest)
	case "arrival":
		return r.arrivalCmd(rest)
	case "roster":
		return r.rosterCmd(rest)
	case "quota-report":
		return r.quotaReportCmd(rest)
	case "verify":
		return r.verifyCmd(rest)
	case "passwd":
		return r.passwdCmd(rest)
	case "import":
		if len(rest) > 0 && rest[0] == "indicators" {
			return r.importIndicators(rest[1:])
		}
		return r.importCmd(rest)
	case "evaluation":
		return r.evaluationCmd(rest)
	case "notice":
		return r.noticeCmd(rest)
	case "export":
		return r.exportCmd(rest)
	case "template":
		return r.templateCmd(rest)
	case "serve":
		return r.serveCmd(rest)
	case "attendance":
		return r.attendanceCmd(rest)
	case "leave":
		return r.leaveCmd(rest)
	case "log":
		return r.logCmd(rest)
	case "reminders":
		return r.remindersCmd(rest)
	case "allowance-list":
		return r.allowanceListCmd(rest)
	case "pledge":
		return r.pledgeCmd(rest)
	case "midterm-form":
		return r.midtermFormCmd(rest)
	}
	return r.usage("cli.unknown_command", cmd)
}

// window opens the desktop client, or, where none is built in, makes the data
// file on first start and says how to go on.
func (r *run) window() error {
	if r.env.OpenWindow != nil {
		return r.env.OpenWindow(r.dbPath, r.lang, r.server, r.fingerprint)
	}
	if r.served() {
		r.out("%s", i18n.T(r.lang, "cli.usage"))
		return nil
	}
	if _, err := os.Stat(r.dbPath); errors.Is(err, os.ErrNotExist) {
		db, err := storage.Open(r.dbPath, storage.Options{})
		if err != nil {
			return err
		}
		db.Close()
		r.say("cli.first_start", r.dbPath)
	}
	rep, err := r.checkReport()
	if err != nil {
		return err
	}
	r.say("cli.status", r.dbPath, rep.Students, rep.Placements, rep.AuditEntries)
	r.out("%s", i18n.T(r.lang, "cli.usage"))
	return nil
}

func (r *run) initCmd(args []string) error {
	fs := r.flags("init")
	admin := fs.String("admin", "", "")
	uni := fs.String("university", "", "")
	if pos, err := r.parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *admin == "" {
		return r.usage("cli.usage_init")
	}
	pw, err := r.password("SECONDMENT_PASSWORD", "cli.prompt_new_password", true)
	if err != nil {
		return err
	}
	if r.served() {
		return r.initServed(*admin, pw, *uni)
	}
	_, statErr := os.Stat(r.dbPath)
	made := errors.Is(statErr, os.ErrNotExist)
	db, err := storage.Open(r.dbPath, storage.Options{})
	if err != nil {
		return err
	}
	svc := dispatch.New(db)
	svc.Now = r.env.Now
	if _, err := svc.Bootstrap(*admin, pw, *uni); err != nil {
		// A refused init (a weak password, a bad name) leaves no file behind
		// that a later command would take for a data file.
		db.Close()
		if made {
			os.Remove(r.dbPath)
		}
		return err
	}
	db.Close()
	r.say("cli.init_done", r.dbPath, model.Clean(*admin))
	if u := model.Clean(*uni); u != "" {
		r.say("cli.init_university", u)
	}
	return nil
}

func (r *run) demoCmd(args []string) error {
	fs := r.flags("demo")
	n := fs.Int("students", 500, "")
	seed := fs.Uint64("seed", 2024, "")
	if pos, err := r.parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *n < 10 || *n > 1000000 {
		return r.usage("cli.usage_demo")
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		start := time.Now()
		r.note("cli.demo_generating", *n)
		ds := demo.Generate(*n, *seed, model.DateOf(r.env.Now()))
		sum, err := svc.LoadDataset(sess, ds, "demo")
		if err != nil {
			return err
		}
		r.say("cli.demo_done", sum.Universities, sum.Platforms, sum.Students, sum.Quotas, sum.Appointments,
			sum.Placements, time.Since(start).Round(time.Millisecond))
		var names []string
		for _, u := range ds.Users {
			names = append(names, u.Name)
		}
		r.say("cli.demo_accounts", strings.Join(names, ", "), demo.Password)
		return nil
	})
}

func (r *run) userCmd(args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "reset-password", "disable", "enable", "unlock":
			return r.userManage(args[0], args[1:])
		}
	}
	if len(args) == 0 || args[0] != "add" {
		return r.usage("cli.usage_user")
	}
	fs := r.flags("user add")
	name := fs.String("name", "", "")
	role := fs.String("role", "", "")
	platform := fs.String("platform", "", "")
	student := fs.String("student", "", "")
	uni := fs.String("university", "", "")
	if pos, err := r.parse(fs, args[1:]); err != nil {
		return err
	} else if len(pos) > 0 || *name == "" || *role == "" {
		return r.usage("cli.usage_user")
	}
	if !model.Roles.Has(*role) {
		return r.usage("cli.bad_role", *role)
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		pw, generated, err := r.newUserPassword()
		if err != nil {
			return err
		}
		u, err := svc.AddUser(sess, dispatch.NewUser{Name: *name, Password: pw, Role: *role, Platform: *platform,
			StudentNumber: *student, University: *uni, Temporary: generated})
		if err != nil {
			return err
		}
		r.say("cli.user_added", u.Name, i18n.Term(r.lang, model.Roles, u.Role))
		if generated {
			r.say("cli.user_password", pw)
		}
		return nil
	})
}

// newUserPassword is the password the office gives an account: from
// SECONDMENT_NEW_PASSWORD, typed twice at a terminal, or, in a script, made up
// here (generated is then true: print it once).
func (r *run) newUserPassword() (pw string, generated bool, err error) {
	pw = r.env.Getenv("SECONDMENT_NEW_PASSWORD")
	switch {
	case pw != "":
		return pw, false, nil
	case r.env.ReadPassword != nil:
		pw, err = r.password("SECONDMENT_NEW_PASSWORD", "cli.prompt_new_user_password", true)
		return pw, false, err
	}
	return randomPassword(), true, nil
}

// randomPassword makes a 16-character initial password.
func randomPassword() string {
	b := make([]byte, 10)
	rand.Read(b)
	return strings.ToLower(base32.StdEncoding.EncodeToString(b))
}

func (r *run) quotaCmd(args []string) error {
	if len(args) == 0 || args[0] != "set" {
		return r.usage("cli.usage_quota")
	}
	fs := r.flags("quota set")
	platform := fs.String("platform", "", "")
	year := fs.Int("year", 0, "")
	cat := fs.String("category", "", "")
	total := fs.Int("total", -1, "")
	filled := fs.Int("filled", -1, "")
	reason := fs.String("reason", "", "")
	if pos, err := r.parse(fs, args[1:]); err != nil {
		return err
	} else if len(pos) > 0 || *platform == "" || *year == 0 || *cat == "" || *total < 0 {
		return r.usage("cli.usage_quota")
	}
	in := dispatch.QuotaInput{Platform: *platform, Year: *year, Category: *cat, Total: *total, Reason: *reason}
	if *filled >= 0 {
		in.Filled = filled
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		q, err := svc.SetQuota(sess, in)
		if err != nil {
			return err
		}
		r.say("cli.quota_set", q.Platform, q.Year, q.Category, q.Used, q.Total)
		return nil
	})
}

var steps = map[string]string{
	"approve": model.Approved, "dispatch": model.Dispatched, "arrive": model.Arrived,
	"complete": model.Completed, "terminate": model.Terminated,
}

func (r *run) placementCmd(args []string) error {
	if len(args) == 0 {
		return r.usage("cli.usage_placement")
	}
	switch args[0] {
	case "new":
		return r.placementNew(args[1:])
	case "supervisor":
		return r.placementSupervisor(args[1:])
	case "edit":
		return r.placementEdit(args[1:])
	case "withdraw":
		return r.placementWithdraw(args[1:])
	case "insurance", "pledge", "acceptance":
		return r.placementDeparture(args[0], args[1:])
	case "midterm", "assess", "marks", "returned", "override-absence":
		return r.placementOnSite(args[0], args[1:])
	}
	to, ok := steps[args[0]]
	if !ok {
		return r.usage("cli.usage_placement")
	}
	fs := r.flags("placement " + args[0])
	date := fs.String("date", "", "")
	reason := fs.String("reason", "", "")
	assessment := fs.String("assessment", "", "")
	note := fs.String("note", "", "")
	pos, err := r.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return r.usage("cli.usage_placement")
	}
	in := model.StepInput{Reason: *reason, Assessment: *assessment, Note: *note}
	if *date != "" {
		d, err := model.ParseDate(*date)
		if err != nil {
			return err
		}
		in.Date = d
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		p, warns, err := svc.Step(sess, pos[0], to, in)
		if err != nil {
			return err
		}
		r.warn(warns)
		r.say("cli.step_done", p.No, i18n.Term(r.lang, model.PlacementStatuses, p.Status))
		return nil
	})
}

func (r *run) placementNew(args []string) error {
	fs := r.flags("placement new")
	student := fs.String("student", "", "")
	uni := fs.String("university", "", "")
	platform := fs.String("platform", "", "")
	start := fs.String("start", "", "")
	end := fs.String("end", "", "")
	task := fs.String("task", "", "")
	supervisor := fs.String("supervisor", "", "")
	allowance := fs.String("allowance", "0", "")
	if pos, err := r.parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *student == "" || *platform == "" || *start == "" || *end == "" || *task == "" {
		return r.usage("cli.usage_placement_new")
	}
	d := dispatch.PlacementDraft{StudentNumber: *student, University: *uni, Platform: *platform, Task: *task, Supervisor: *supervisor}
	var err error
	if d.Start, err = model.ParseDate(*start); err != nil {
		return withField(err, "start")
	}
	if d.End, err = model.ParseDate(*end); err != nil {
		return withField(err, "end")
	}
	if d.Allowance, err = strconv.Atoi(model.CleanCode(*allowance)); err != nil {
		return model.Invalid("allowance", "placement.allowance", *allowance)
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		p, warns, err := svc.NewPlacement(sess, d)
		if err != nil {
			return err
		}
		r.warn(warns)
		r.out("%s\n", p.No) // stdout carries the number alone, for scripts
		return nil
	})
}

// placementEdit changes a draft: only the fields given change.
func (r *run) placementEdit(args []string) error {
	fs := r.flags("placement edit")
	platform := fs.String("platform", "", "")
	start := fs.String("start", "", "")
	end := fs.String("end", "", "")
	task := fs.String("task", "", "")
	supervisor := fs.String("supervisor", "", "")
	allowance := fs.String("allowance", "", "")
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if len(pos) != 1 || len(set) == 0 {
		return r.usage("cli.usage_placement_edit")
	}
	var startD, endD model.Date
	if set["start"] {
		if startD, err = model.ParseDate(*start); err != nil {
			return withField(err, "start")
		}
	}
	if set["end"] {
		if endD, err = model.ParseDate(*end); err != nil {
			return withField(err, "end")
		}
	}
	allow := 0
	if set["allowance"] {
		if allow, err = strconv.Atoi(model.CleanCode(*allowance)); err != nil {
			return model.Invalid("allowance", "placement.allowance", *allowance)
		}
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		p, err := svc.Placement(sess, pos[0])
		if err != nil {
			return err
		}
		d := dispatch.PlacementDraft{Platform: p.Platform, Start: p.Start, End: p.End, Task: p.Task,
			Supervisor: p.Supervisor, Allowance: p.Allowance}
		if set["platform"] {
			d.Platform = *platform
		}
		if set["start"] {
			d.Start = startD
		}
		if set["end"] {
			d.End = endD
		}
		if set["task"] {
			d.Task = *task
		}
		if set["supervisor"] {
			d.Supervisor = *supervisor
		}
		if set["allowance"] {
			d.Allowance = allow
		}
		p, warns, err := svc.UpdateDraft(sess, pos[0], d)
		if err != nil {
			return err
		}
		r.warn(warns)
		r.say("cli.placement_edited", p.No)
		return nil
	})
}

// placementWithdraw voids a draft (作废), with a reason.
func (r *run) placementWithdraw(args []string) error {
	fs := r.flags("placement withdraw")
	reason := fs.String("reason", "", "")
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return r.usage("cli.usage_placement_edit")
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		p, err := svc.Withdraw(sess, pos[0], *reason)
		if err != nil {
			return err
		}
		r.say("cli.step_done", p.No, i18n.Term(r.lang, model.PlacementStatuses, p.Status))
		return nil
	})
}

// withField names the input field of a date error.
func withField(err error, field string) error {
	var e *model.Error
	if errors.As(err, &e) {
		e.Field = field
	}
	return err
}

func (r *run) placementSupervisor(args []string) error {
	fs := r.flags("placement supervisor")
	name := fs.String("supervisor", "", "")
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *name == "" {
		return r.usage("cli.usage_placement")
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		p, warns, err := svc.SetSupervisor(sess, pos[0], *name)
		if err != nil {
			return err
		}
		r.warn(warns)
		r.say("cli.supervisor_set", p.No, p.Supervisor)
		return nil
	})
}

func (r *run) platformCmd(args []string) error {
	if len(args) == 0 || args[0] != "status" {
		return r.usage("cli.usage_platform")
	}
	fs := r.flags("platform status")
	reason := fs.String("reason", "", "")
	pos, err := r.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return r.usage("cli.usage_platform")
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		res, err := svc.SetPlatformStatus(sess, pos[0], pos[1], *reason)
		if err != nil {
			return err
		}
		r.say("cli.platform_status", res.Platform.Name, i18n.Term(r.lang, model.PlatformStatuses, res.Platform.Status))
		if len(res.NeedsReassignment) > 0 {
			r.say("cli.needs_reassignment", len(res.NeedsReassignment))
			return r.printPlacements(res.NeedsReassignment, false)
		}
		return nil
	})
}

func (r *run) appointmentCmd(args []string) error {
	to := map[string]string{"activate": model.AppointmentActive, "end": model.AppointmentEnded, "revoke": model.AppointmentRevoked}
	if len(args) == 0 || to[args[0]] == "" {
		return r.usage("cli.usage_appointment")
	}
	fs := r.flags("appointment " + args[0])
	note := fs.String("note", "", "")
	pos, err := r.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return r.usage("cli.usage_appointment")
	}
	id, err := strconv.ParseUint(pos[0], 10, 64)
	if err != nil {
		return r.usage("cli.usage_appointment")
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		a, err := svc.SetAppointmentStatus(sess, id, to[args[0]], *note)
		if err != nil {
			return err
		}
		r.say("cli.appointment_status", a.ID, a.Name, i18n.Term(r.lang, model.AppointmentStatuses, a.Status))
		return nil
	})
}

// passwdCmd changes the acting user's own password.
func (r *run) passwdCmd(args []string) error {
	if len(args) > 0 {
		return r.usage("cli.usage_passwd")
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		next, err := r.password("SECONDMENT_NEW_PASSWORD", "cli.prompt_own_new_password", true)
		if err != nil {
			return err
		}
		if err := svc.ChangePassword(sess, r.typed, next); err != nil {
			return err
		}
		r.say("cli.password_changed", sess.User().Name)
		return nil
	})
}
