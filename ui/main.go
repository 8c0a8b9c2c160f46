package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"secondment/model"
)

// showMain is the working screen: a bar with the user and language, and the
// tabs the user's role works in.
func (u *UI) showMain() {
	user := u.sess.User()
	who := u.term(model.Roles, user.Role)
	switch {
	case user.Platform != "":
		who += " · " + user.Platform
	case user.University != "":
		who += " · " + user.University
	}
	who = u.t("ui.who", user.Name, who)
	logout := widget.NewButton(u.t("ui.logout"), u.logout)
	passwd := widget.NewButton(u.t("ui.change_password"), u.passwordForm)
	reload := widget.NewButtonWithIcon(u.t("ui.refresh"), theme.ViewRefreshIcon(), u.onReload)
	bar := container.NewBorder(nil, nil,
		widget.NewLabelWithStyle(u.t("ui.app_title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(widget.NewLabel(who), reload, u.langSelect(), passwd, logout))
	u.screens = newScreens(u)
	tabs := container.NewAppTabs()
	for _, t := range u.tabsFor(user.Role) {
		tabs.Append(t)
	}
	tabs.OnSelected = func(t *container.TabItem) { u.onTab(t) }
	u.tabs = tabs
	if len(tabs.Items) > 0 {
		u.onTab(tabs.Items[0])
	}
	u.status = widget.NewLabel("")
	u.touch()
	if user.SeesPersonalData() {
		// The students' and placements' lists are searched in memory; load
		// them now, while the clerk reads the home screen.
		if p, ok := u.svc.(interface{ Prefetch() error }); ok {
			u.async(func() {
				if err := p.Prefetch(); err != nil {
					fyne.LogError("prefetch", err)
				}
			})
		}
	}
	if u.cfg.WatchIdle {
		u.watchIdle()
	}
	u.watchChanges()
	foot := fyne.CanvasObject(u.status)
	if u.served() {
		// Which server the window works on stays in sight.
		foot = container.NewBorder(nil, nil, nil, widget.NewLabelWithStyle(u.whereLine(), fyne.TextAlignTrailing, fyne.TextStyle{Italic: true}), u.status)
	}
	u.setContent("main", container.NewBorder(bar, foot, nil, nil, tabs))
}

// tab is a tab whose content is built when first opened, so the first screen
// after login appears at once even on a file of 100,000 students.
type tab struct {
	item   *container.TabItem
	screen screen
	built  bool
	find   *entry
	// stale marks a tab to reload when next opened (see reload).
	stale bool
}

func (u *UI) lazyTab(title string, s screen) *container.TabItem {
	item := container.NewTabItem(title, widget.NewLabel(""))
	u.lazy[item] = &tab{item: item, screen: s}
	return item
}

func (u *UI) onTab(item *container.TabItem) {
	u.touch()
	u.notice("") // a confirmation belongs to the screen it was made on
	t := u.lazy[item]
	if t == nil {
		return
	}
	if !t.built {
		u.buildTab(t)
	} else if t.stale {
		u.reloadTab(t)
	}
	u.search = nil
	if t.find != nil {
		u.search = t.find
	}
}

// buildTab makes a tab's content.
func (u *UI) buildTab(t *tab) {
	t.built = true
	t.item.Content, t.find = t.screen.build()
	if u.tabs != nil {
		u.tabs.Refresh()
	}
	if u.tabs != nil && u.tabs.Selected() == t.item {
		u.search = nil
		if t.find != nil {
			u.search = t.find
		}
	}
}

// openTab switches to the tab titled by key.
func (u *UI) openTab(key string) func() {
	return func() {
		for _, item := range u.tabs.Items {
			if item.Text == u.t(key) {
				u.tabs.Select(item)
				u.onTab(item)
			}
		}
	}
}

// tabsFor lists the tabs of a role.
func (u *UI) tabsFor(role string) []*container.TabItem {
	u.lazy = map[*container.TabItem]*tab{}
	switch role {
	case model.Office:
		return []*container.TabItem{
			u.lazyTab(u.t("ui.tab_home"), u.screens.home),
			u.lazyTab(u.t("ui.tab_students"), u.screens.students),
			u.lazyTab(u.t("ui.tab_platforms"), u.screens.platforms),
			u.lazyTab(u.t("ui.tab_placements"), u.screens.placements),
			u.lazyTab(u.t("ui.tab_appointments"), u.screens.appointments),
			u.lazyTab(u.t("ui.tab_quotas"), u.screens.quotas),
			u.lazyTab(u.t("ui.tab_evaluation"), u.screens.eval),
			u.lazyTab(u.t("ui.tab_audit"), u.screens.audit),
			u.lazyTab(u.t("ui.tab_data"), u.screens.data),
		}
	case model.PlatformHR:
		return []*container.TabItem{
			u.lazyTab(u.t("ui.tab_home"), u.screens.home),
			u.lazyTab(u.t("ui.tab_placements"), u.screens.placements),
			u.lazyTab(u.t("ui.tab_students"), u.screens.students),
			u.lazyTab(u.t("ui.tab_quotas"), u.screens.quotas),
			u.lazyTab(u.t("ui.tab_evaluation"), u.screens.eval),
		}
	case model.StudentRole:
		return []*container.TabItem{u.lazyTab(u.t("ui.tab_mine"), u.screens.mine)}
	case model.Bureau:
		return []*container.TabItem{
			u.lazyTab(u.t("ui.tab_figures"), u.screens.figures),
			u.lazyTab(u.t("ui.tab_quotas"), u.screens.quotas),
			u.lazyTab(u.t("ui.tab_evaluation"), u.screens.eval),
		}
	}
	return nil
}

// logout ends the session (audited) and shows the login.
func (u *UI) logout() {
	u.closeAll()
	if u.sess != nil {
		if err := u.svc.Logout(u.sess); err != nil {
			fyne.LogError("logout", err)
		}
	}
	u.showLogin()
}

// mustChangePassword asks for a new password before anything else: the
// office reset it, or it no longer meets the rules. Cancel logs out.
func (u *UI) mustChangePassword() {
	f := u.passwordFormWith(u.t("ui.must_change_intro"))
	f.onCancel = u.logout
}

// passwordForm changes the user's own password.
func (u *UI) passwordForm() { u.passwordFormWith("") }

func (u *UI) passwordFormWith(intro string) *form {
	f := u.newForm()
	f.intro = intro
	cur := f.text("password", "ui.current_password")
	next := f.text("new_password", "ui.new_password")
	again := f.text("password_again", "ui.password_again")
	cur.Password, next.Password, again.Password = true, true, true
	f.open(u.t("ui.change_password"), func() error {
		if next.Text != again.Text {
			return model.Invalid("password_again", "cli.password_mismatch")
		}
		if err := u.svc.ChangePassword(u.sess, cur.Text, next.Text); err != nil {
			if e, ok := err.(*model.Error); ok && e.Field == "" {
				return passwordField(err, "new_password")
			}
			return err
		}
		f.success = u.t("ui.password_changed")
		return nil
	}, nil)
	return f
}

// passwordField puts a refusal of a new password (too short, common, the user
// name) under the new-password field.
func passwordField(err error, field string) error {
	if e, ok := err.(*model.Error); ok && strings.HasPrefix(e.Key, "password.") {
		e.Field = field
	}
	return err
}
