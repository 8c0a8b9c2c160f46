package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/files"
	"secondment/i18n"
	"secondment/model"
	"secondment/pdf"
	"secondment/roster"
	"secondment/sheet"
)

// dataView gathers the work on files: imports, exports, templates, documents
// and backups.
func (u *UI) dataView() (fyne.CanvasObject, *entry) {
	section := func(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
		return widget.NewCard(title, "", container.NewGridWrap(fyne.NewSize(220, 40), objs...))
	}
	imp := func(k roster.Kind) fyne.CanvasObject {
		return widget.NewButton(u.t("ui.import_"+string(k)), func() {
			u.openFile([]string{".xlsx", ".csv", ".txt"}, func(path string) { u.importFile(k, path) })
		})
	}
	exportKinds := []string{"students", "placements", "quotas", "appointments", "platforms"}
	exp := func(what string) fyne.CanvasObject {
		return widget.NewButton(u.t("ui.export_"+what), func() {
			u.saveFile(u.t("ui.export_"+what)+".xlsx", func(path string) { u.export(what, path) })
		})
	}
	tpl := func(k roster.Kind) fyne.CanvasObject {
		return widget.NewButton(u.t("ui.template_"+string(k)), func() {
			u.saveFile(u.t("ui.template_"+string(k))+".xlsx", func(path string) {
				if err := sheet.Write(path, roster.Template(k)...); err != nil {
					u.showError(err)
					return
				}
				u.opened(path)
			})
		})
	}
	var exports []fyne.CanvasObject
	for _, w := range exportKinds {
		exports = append(exports, exp(w))
	}
	box := container.NewVBox(
		section(u.t("ui.section_import"), imp(roster.Students), imp(roster.Platforms), imp(roster.Appointments)),
		section(u.t("ui.section_template"), tpl(roster.Students), tpl(roster.Platforms), tpl(roster.Appointments)),
		section(u.t("ui.section_export"), exports...),
		section(u.t("ui.section_documents"),
			widget.NewButton(u.t("ui.batch_agreements"), u.batchAgreements),
			widget.NewButton(u.t("ui.roster_platform"), u.rosterDialog),
			widget.NewButton(u.t("ui.quota_report"), u.quotaReport)),
		section(u.t("ui.section_file"),
			widget.NewButton(u.t("ui.backup"), u.backup),
			widget.NewButton(u.t("ui.check"), u.check)),
		section(u.t("ui.section_accounts"),
			widget.NewButton(u.t("ui.list_users"), u.usersDialog),
			widget.NewButton(u.t("ui.add_user"), u.userForm)),
		widget.NewCard(u.t("ui.section_security"), "", u.idleSetting()),
		widget.NewLabel(u.whereLine()),
	)
	return container.NewVScroll(container.NewPadded(box)), nil
}

// opened confirms a file written and opens it with the system's viewer.
func (u *UI) opened(path string) {
	u.notice(u.t("cli.document_done", path))
	if u.cfg.Open != nil {
		u.cfg.Open(path)
	}
}

// importCheck is what reading and checking a roster found (package files
// does the work; the wizard keeps the fields it shows).
type importCheck struct {
	*files.Check
	errs   []model.RowError
	sum    dispatch.ImportSummary
	commit func(ctx context.Context, progress func(float64)) (dispatch.ImportSummary, error)
}

// checkImport reads a roster and checks every row (a dry run): nothing is
// written. update lets changed rows through.
func (u *UI) checkImport(ctx context.Context, k roster.Kind, path string, update bool, progress func(float64)) (*importCheck, error) {
	c, err := files.CheckImport(ctx, u.svc, u.sess, k, path, files.ImportOptions{Update: update, Progress: progress, Today: model.DateOf(u.now())})
	if err != nil {
		return nil, err
	}
	return &importCheck{Check: c, errs: c.Errors, sum: c.Summary, commit: c.Commit}, nil
}

// importFile is the import wizard: check in the background, show the summary and
// every row error before anything is written, then import on confirmation.
func (u *UI) importFile(k roster.Kind, path string) {
	u.importFileWith(k, path, false)
}

func (u *UI) importFileWith(k roster.Kind, path string, update bool) {
	var c *importCheck
	u.task(u.t("ui.checking"), func(ctx context.Context, progress func(float64)) (err error) {
		c, err = u.checkImport(ctx, k, path, update, progress)
		return err
	}, func(err error) {
		if err != nil {
			if !errors.Is(err, context.Canceled) {
				u.showError(err)
			}
			return
		}
		u.importPreview(k, path, update, c)
	})
}

// importPreview shows what an import would do, or why it cannot.
func (u *UI) importPreview(k roster.Kind, path string, update bool, c *importCheck) {
	var body fyne.CanvasObject
	buttons := []fyne.CanvasObject{&widget.Button{Text: u.t("ui.cancel"), OnTapped: u.closeTop}}
	if len(c.errs) > 0 {
		summary := widget.NewLabel(u.t("ui.import_refused", len(c.errs), filepath.Base(path)))
		summary.Wrapping = fyne.TextWrapBreak
		top := fyne.CanvasObject(summary)
		if len(c.Other) > 0 {
			// The roster may be on another sheet: say which was read and
			// let the clerk check another.
			pick := widget.NewSelect(c.Other, func(name string) {
				u.closeTop()
				var again *importCheck
				u.task(u.t("ui.checking"), func(ctx context.Context, progress func(float64)) error {
					fc, err := files.CheckImport(ctx, u.svc, u.sess, k, path, files.ImportOptions{Update: update, Sheet: name, Progress: progress, Today: model.DateOf(u.now())})
					if err == nil {
						again = &importCheck{Check: fc, errs: fc.Errors, sum: fc.Summary, commit: fc.Commit}
					}
					return err
				}, func(err error) {
					if err != nil {
						u.showError(err)
						return
					}
					u.importPreview(k, path, update, again)
				})
			})
			pick.PlaceHolder = u.t("files.ui_other_sheet")
			top = container.NewVBox(summary, container.NewBorder(nil, nil, widget.NewLabel(u.t("files.ui_sheet_read", c.Sheet)), nil, pick))
		}
		body = container.NewBorder(top, nil, nil, nil, u.errorTable(c.errs))
		buttons = append(buttons, widget.NewButton(u.t("ui.save_errors"), func() {
			u.saveFile(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))+"-问题.xlsx", func(out string) {
				if err := c.WriteProblems(out, u.lang); err != nil {
					u.showError(err)
					return
				}
				u.opened(out)
			})
		}))
		if !update && onlyChanged(c.errs) {
			buttons = append(buttons, widget.NewButton(u.t("ui.import_with_update"), func() {
				u.closeTop()
				u.importFileWith(k, path, true)
			}))
		}
	} else {
		text := u.t("ui.import_ready", c.sum.New, c.sum.Updated, c.sum.Unchanged)
		if c.Check != nil && c.Sheet != "" {
			text = u.t("files.ui_sheet_read", c.Sheet) + "\n" + text
		}
		if c.Check != nil && c.Ignored > 0 {
			text += "\n" + u.t("cli.import_ignored", c.Ignored)
		}
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapBreak
		body = l
		buttons = append(buttons, &widget.Button{Text: u.t("ui.import_confirm"), Importance: widget.HighImportance, OnTapped: func() {
			u.closeTop()
			var sum dispatch.ImportSummary
			u.task(u.t("ui.importing"), func(ctx context.Context, progress func(float64)) (err error) {
				sum, err = c.commit(ctx, progress)
				return err
			}, func(err error) {
				if err != nil {
					if errors.Is(err, context.Canceled) {
						u.info(u.t("ui.note"), u.t("ui.import_cancelled"))
						return
					}
					u.showError(err)
					return
				}
				u.info(u.t("ui.done"), u.t("ui.import_done", sum.New, sum.Updated, sum.Unchanged))
			})
		}})
	}
	d := dialog.NewCustomWithoutButtons(u.t("ui.import_preview", filepath.Base(path)), body, u.win)
	d.SetButtons(buttons)
	d.Resize(fyne.NewSize(900, 560))
	u.show(d)
	u.preview, u.lastCheck = d, c
}

func onlyChanged(errs []model.RowError) bool {
	for _, e := range errs {
		if e.Err.Key != "import.changed" {
			return false
		}
	}
	return true
}

// errorTable lists row errors: row, column, value, reason.
func (u *UI) errorTable(errs []model.RowError) fyne.CanvasObject {
	cols := []string{"ui.err_row", "ui.err_column", "ui.err_value", "ui.err_reason"}
	widths := []float32{60, 120, 180, 480}
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(errs), len(cols) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			e := errs[id.Row]
			text := ""
			switch id.Col {
			case 0:
				text = strconv.Itoa(e.Row)
			case 1:
				text = e.Column
				if text == "" && e.Field != "" {
					text = i18n.FieldName(u.lang, e.Field)
				}
			case 2:
				text = e.Value
			case 3:
				text = i18n.Reason(u.lang, e.Err)
			}
			o.(*widget.Label).SetText(text)
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(u.t(cols[id.Col]))
		}
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	return t
}

// export writes what the user may see to an .xlsx or .csv file.
func (u *UI) export(what, path string) {
	u.task(u.t("ui.exporting"), func(_ context.Context, progress func(float64)) (err error) {
		path, _, err = files.Export(u.svc, u.sess, what, path, files.ExportFilter{})
		progress(1)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(err)
			return
		}
		u.opened(path)
	})
}

// batchAgreements writes every agreement the user may see into a folder, one
// file each, with a progress bar and Cancel.
func (u *UI) batchAgreements() {
	var d *dialog.FileDialog
	d = dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		u.forget(d)
		if err != nil || dir == nil {
			return
		}
		path := dir.Path()
		var n int
		u.task(u.t("ui.making_documents"), func(ctx context.Context, progress func(float64)) error {
			as, err := u.svc.PrintAgreements(u.sess, "")
			if err != nil {
				return err
			}
			m, err := u.pdfMaker()
			if err != nil {
				return err
			}
			if nos, chars := m.Unprintable(as); len(nos) > 0 {
				return model.Errorf(model.EInvalid, "cli.batch_unprintable", len(nos), strings.Join(nos, "、"), chars)
			}
			n = len(as)
			return m.WriteEach(ctx, as, path, func(done, total int) { progress(float64(done) / float64(total)) })
		}, func(err error) {
			if err != nil && !errors.Is(err, context.Canceled) {
				u.showError(err)
				return
			}
			u.info(u.t("ui.done"), u.t("cli.batch_dir_done", n, path))
		})
	}, u.win)
	d.SetTitleText(u.t("ui.choose_folder_title"))
	u.dress(d, u.t("ui.choose_folder"))
}

func (u *UI) rosterDialog() {
	f := u.newForm()
	plat := f.choice("platform", "col.platform", u.platformNames())
	// The save dialog opens once the form has closed.
	var next func()
	f.open(u.t("ui.roster_platform"), func() error {
		if plat.Selected == "" {
			return model.Invalid("platform", "field.required")
		}
		rows, err := u.svc.Roster(u.sess, plat.Selected, "")
		if err != nil {
			return err
		}
		f.success = u.t("ui.roster_ready", len(rows))
		next = func() {
			name := plat.Selected
			u.document(name+"-选派花名册.pdf", func(m *pdf.Maker, w io.Writer) error { return m.Roster(w, name, rows) })
		}
		return nil
	}, func() { next() })
}

func (u *UI) quotaReport() {
	year := u.now().Year()
	pls, qs, err := u.svc.QuotaReport(u.sess, year)
	if err != nil {
		u.showError(err)
		return
	}
	u.document(fmt.Sprintf("%d年员额使用情况表.pdf", year), func(m *pdf.Maker, w io.Writer) error {
		return m.QuotaReport(w, year, pls, qs)
	})
}

func (u *UI) backup() {
	u.saveFile("secondment-backup.db", func(path string) {
		u.task(u.t("ui.backing_up"), func(ctx context.Context, progress func(float64)) error {
			return u.svc.BackupProgress(ctx, u.sess, path, func(done, total int) {
				if total > 0 {
					progress(float64(done) / float64(total))
				}
			})
		}, func(err error) {
			if errors.Is(err, context.Canceled) {
				return
			}
			if err != nil {
				u.showError(err)
				return
			}
			u.info(u.t("ui.done"), u.t("ui.backup_done", path))
		})
	})
}

func (u *UI) check() {
	u.task(u.t("ui.checking"), func(_ context.Context, _ func(float64)) error {
		r, err := u.svc.CheckFile(u.sess)
		if err != nil {
			return err
		}
		if !r.OK() {
			return model.Errorf(model.ECorrupt, "cli.check_failed", len(r.Pages)+len(r.Records)+len(r.Audit), u.where())
		}
		return nil
	}, func(err error) {
		if err != nil {
			u.showError(err)
			return
		}
		u.info(u.t("ui.done"), u.t("ui.check_ok"))
	})
}

// usersDialog lists the accounts with their role, scope, state and last
// login; picking one offers what the office may do to it: reset its password,
// disable or re-enable it, lift a lockout.
func (u *UI) usersDialog() {
	l := newListing(u, "ui.search_users", []column[model.User]{
		{title: "ui.user_name", width: 120, text: func(x model.User) string { return x.Name }},
		{title: "field:role", width: 140, text: func(x model.User) string { return u.term(model.Roles, x.Role) }},
		{title: "ui.scope", width: 260, text: u.userScope},
		{title: "col.status", width: 90, text: u.userState},
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
			if q == "" || strings.Contains(model.Fold(x.Name+" "+u.userScope(x)+" "+u.term(model.Roles, x.Role)), model.Fold(q)) {
				out = append(out, x)
			}
		}
		return out, nil
	})
	l.key = func(x model.User) string { return x.Name }
	side := newDetail(u)
	l.onPick = func(x model.User) { u.userDetail(side, x, l.refresh) }
	l.refresh()
	body := container.NewHSplit(l.view(widget.NewButton(u.t("ui.add_user"), func() { u.userFormThen(l.refresh) })), container.NewVScroll(side.box))
	body.Offset = 0.7
	d := dialog.NewCustom(u.t("ui.list_users"), u.t("ui.close"), body, u.win)
	d.Resize(fyne.NewSize(1000, 560))
	u.show(d)
}

func (u *UI) userScope(x model.User) string {
	scope := x.Platform + x.University
	if x.StudentNumber != "" {
		scope += " " + x.StudentNumber
	}
	return scope
}

func (u *UI) userState(x model.User) string {
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
func (u *UI) userDetail(d *detail, x model.User, refresh func()) {
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
		field(u.t("ui.scope"), u.userScope(x)),
		field(u.t("col.status"), u.userState(x)),
		field(u.t("ui.failed_logins"), strconv.Itoa(x.FailedLogins)),
		widget.NewButton(u.t("ui.reset_password"), func() { u.resetPasswordForm(x.Name, refresh) }),
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

// dialogConfirm asks before an action that locks someone out.
func dialogConfirm(u *UI, title, text string, yes func()) {
	d := dialog.NewConfirm(title, text, func(ok bool) {
		if ok {
			yes()
		}
	}, u.win)
	d.SetConfirmText(u.t("ui.confirm"))
	d.SetDismissText(u.t("ui.cancel"))
	u.show(d)
}

// resetPasswordForm sets another account's password; its owner must choose
// their own at the next login.
func (u *UI) resetPasswordForm(name string, done func()) {
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
func (u *UI) userForm() { u.userFormThen(nil) }

func (u *UI) userFormThen(done func()) {
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
