package cli

import (
	"strconv"
	"time"

	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
)

// userManage runs user reset-password|disable|enable|unlock NAME.
func (r *run) userManage(action string, args []string) error {
	fs := r.flags("user " + action)
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return r.usage("cli.usage_user_manage")
	}
	name := model.Clean(pos[0])
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		switch action {
		case "reset-password":
			pw, generated, err := r.newUserPassword()
			if err != nil {
				return err
			}
			if err := svc.ResetPassword(sess, name, pw); err != nil {
				return err
			}
			r.say("cli.user_reset", name)
			if generated {
				r.say("cli.user_password", pw)
			}
		case "disable":
			if err := svc.SetUserDisabled(sess, name, true); err != nil {
				return err
			}
			r.say("cli.user_disabled", name)
		case "enable":
			if err := svc.SetUserDisabled(sess, name, false); err != nil {
				return err
			}
			r.say("cli.user_enabled", name)
		case "unlock":
			if err := svc.Unlock(sess, name); err != nil {
				return err
			}
			r.say("cli.user_unlocked", name)
		}
		return nil
	})
}

// universityCmd runs university add NAME.
func (r *run) universityCmd(args []string) error {
	if len(args) > 0 && (args[0] == "weights" || args[0] == "logs") {
		return r.universitySettings(args[0], args[1:])
	}
	if len(args) == 0 || args[0] != "add" {
		return r.usage("cli.usage_university")
	}
	fs := r.flags("university add")
	pos, err := r.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return r.usage("cli.usage_university")
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		u, err := svc.AddUniversity(sess, pos[0])
		if err != nil {
			return err
		}
		r.say("cli.university_added", u.Name)
		return nil
	})
}

type universityJSON struct {
	Name     string `json:"name"`
	Students int    `json:"students"`
}

func (r *run) printUniversities(us []dispatch.UniversityCount, asJSON bool) error {
	if asJSON {
		out := make([]universityJSON, len(us))
		for i, u := range us {
			out[i] = universityJSON{u.Name, u.Students}
		}
		return printJSON(r, out)
	}
	t := r.table("col.university", "col.students")
	for _, u := range us {
		t.row(u.Name, strconv.Itoa(u.Students))
	}
	return t.print(len(us))
}

// userJSON is an account as `list users --json` prints it. last_login is
// RFC 3339 in UTC, "" for never.
type userJSON struct {
	Name          string `json:"name"`
	Role          string `json:"role"`
	University    string `json:"university"`
	Platform      string `json:"platform"`
	StudentNumber string `json:"student_number"`
	Disabled      bool   `json:"disabled"`
	Locked        bool   `json:"locked"`
	FailedLogins  int    `json:"failed_logins"`
	LastLogin     string `json:"last_login"`
	Created       string `json:"created"`
}

func (r *run) printUsers(us []model.User, asJSON bool) error {
	now := r.env.Now()
	stamp := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	if asJSON {
		out := make([]userJSON, len(us))
		for i, u := range us {
			out[i] = userJSON{u.Name, u.Role, u.University, u.Platform, u.StudentNumber, u.Disabled, u.Locked(now),
				u.FailedLogins, stamp(u.LastLogin), stamp(u.Created)}
		}
		return printJSON(r, out)
	}
	t := r.table("ui.user_name", "col.role", "col.scope", "col.state", "col.last_login", "col.failures")
	for _, u := range us {
		state := i18n.T(r.lang, "cli.enabled")
		switch {
		case u.Disabled:
			state = i18n.T(r.lang, "cli.disabled")
		case u.Locked(now):
			state = i18n.T(r.lang, "cli.locked_short")
		}
		last := i18n.T(r.lang, "cli.never")
		if !u.LastLogin.IsZero() {
			last = u.LastLogin.Local().Format("2006-01-02 15:04")
		}
		t.row(u.Name, r.term(model.Roles, u.Role), u.Scope(), state, last, strconv.Itoa(u.FailedLogins))
	}
	return t.print(len(us))
}
