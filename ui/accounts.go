package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/model"
)

// usersDialog lists the accounts with their role, scope, state and last
// login; picking one offers what the office may do to it: reset its password,
// disable or re-enable it, lift a lockout.
func (s *dataScreen) usersDialog() {
	u := s.u
	l := newListing(u, "ui.search_users", []column[model.User]{
		{title: "ui.user_name", width: 120, text: func(x model.User) string { return x.Name }},
		{title: "field:role", width: 140, text: func(x model.User) string { return u.term(model.Roles, x.Role) }},
		{title: "ui.scope", width: 260, text: s.userScope},
		{title: "col.status", width: 90, text: s.userState},
		{title: "ui.last_login", width: 150, text: func(x model.User) string {
			if x.LastLogin.IsZero() {
				return "—"
			}
			return x.LastLogin.Local().Format("2006-01-02 15:04")
		}},
	}, func(q string) ([]model.User, error) {
		users, err := u.svc.Users(u.sess)
		if err != nil {
			return nil, err
		}
		var out []model.User
		for _, x := range users {
			if q == "" || strings.Contains(model.Fold(x.Name+" "+s.userScope(x)+" "+u.term(model.Roles, x.Role)), model.Fold(q)) {
				out = append(out, x)
			}
		}
		return out, nil
	})
	l.key = func(x model.User) string { return x.Name }
	side := newDetail(u)
	l.onPick = func(x model.User) { s.userDetail(side, x, l.refresh) }
	l.refresh()
	body := container.NewHSplit(l.view(widget.NewButton(u.t("ui.add_user"), func() { s.userFormThen(l.refresh) })), container.NewVScroll(side.box))
	body.Offset = 0.7
	d := dialog.NewCustom(u.t("ui.list_users"), u.t("ui.close"), body, u.win)
	d.Resize(fyne.NewSize(1000, 560))
	u.show(d)
}

func (s *dataScreen) userScope(x model.User) string {
	scope := x.Platform + x.University
	if x.StudentNumber != "" {
		scope += " " + x.StudentNumber
	}
	return scope
}

func (s *dataScreen) userState(x model.User) string {
	u := s.u
	switch {
	case x.Disabled:
		return u.t("ui.user_disabled")
	case x.Locked(u.now()):
		return u.t("ui.user_locked")
	case x.MustChangePassword:
		return u.t("ui.user_must_change")
	}
	return u.t("ui.user_active")
}

// userDetail shows an account and the office's actions on it.
func (s *dataScreen) userDetail(d *detail, x model.User, refresh func()) {
	u := s.u
	after := func(done string) func(error) {
		return func(err error) {
			if err != nil {
				u.showError(err)
				return
			}
			u.notice(done)
			refresh()
		}
	}
	objs := []fyne.CanvasObject{
		widget.NewLabelWithStyle(x.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		field(u.t("field:role"), u.term(model.Roles, x.Role)),
		field(u.t("ui.scope"), s.userScope(x)),
		field(u.t("col.status"), s.userState(x)),
		field(u.t("ui.failed_logins"), strconv.Itoa(x.FailedLogins)),
		widget.NewButton(u.t("ui.reset_password"), func() { s.resetPasswordForm(x.Name, refresh) }),
	}
	if x.Disabled {
		objs = append(objs, widget.NewButton(u.t("ui.enable_user"), func() {
			after(u.t("ui.user_enabled", x.Name))(u.svc.SetUserDisabled(u.sess, x.Name, false))
		}))
	} else if x.Name != u.sess.User().Name {
		objs = append(objs, widget.NewButton(u.t("ui.disable_user"), func() {
			dialogConfirm(u, u.t("ui.disable_user"), u.t("ui.disable_confirm", x.Name), func() {
				after(u.t("ui.user_disabled_done", x.Name))(u.svc.SetUserDisabled(u.sess, x.Name, true))
			})
		}))
	}
	if x.FailedLogins > 0 {
		objs = append(objs, widget.NewButton(u.t("ui.unlock_user"), func() {
			after(u.t("ui.user_unlocked", x.Name))(u.svc.Unlock(u.sess, x.Name))
		}))
	}
	d.set(objs...)
}

// resetPasswordForm sets another account's password; its owner must choose
// their own at the next login.
func (s *dataScreen) resetPasswordForm(name string, done func()) {
	u := s.u
	f := u.newForm()
	pw := f.text("new_password", "ui.new_password")
	again := f.text("password_again", "ui.password_again")
	pw.Password, again.Password = true, true
	f.open(u.t("ui.reset_password")+"："+name, func() error {
		if pw.Text != again.Text {
			return model.Invalid("password_again", "cli.password_mismatch")
		}
		f.success = u.t("ui.password_reset_done", name)
		return passwordField(u.svc.ResetPassword(u.sess, name, pw.Text), "new_password")
	}, done)
}

// userForm adds an account; the role decides which scope field matters.
func (s *dataScreen) userForm() { s.userFormThen(nil) }

func (s *dataScreen) userFormThen(done func()) {
	u := s.u
	f := u.newForm()
	lang := string(u.lang)
	name := f.text("name", "ui.user_name")
	role := f.choice("role", "field:role", model.Roles.Names(lang))
	plat := f.choice("platform", "col.platform", u.platformNames())
	unis := u.universityNames()
	uni := f.choice("university", "col.university", unis)
	number := f.text("student", "col.number")
	pw := f.text("password", "ui.password")
	again := f.text("password_again", "ui.password_again")
	pw.Password, again.Password = true, true
	f.open(u.t("ui.add_user"), func() error {
		if pw.Text != again.Text {
			return model.Invalid("password_again", "cli.password_mismatch")
		}
		r, _ := model.Roles.Parse(role.Selected)
		in := dispatch.NewUser{Name: name.Text, Password: pw.Text, Role: r, StudentNumber: number.Text}
		switch r {
		case model.PlatformHR:
			in.Platform = plat.Selected
		case model.StudentRole, model.Office:
			in.University = uni.Selected
		}
		_, err := u.svc.AddUser(u.sess, in)
		f.success = u.t("cli.user_added", name.Text, role.Selected)
		return err
	}, done)
}
