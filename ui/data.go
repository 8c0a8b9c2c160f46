package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/files"
	"secondment/model"
	"secondment/pdf"
	"secondment/roster"
	"secondment/sheet"
)

// dataScreen is the 数据 tab: the work on files (imports with their preview,
// exports, templates, documents, backups) and the accounts.
type dataScreen struct {
	u *UI
	// preview is the import preview on screen and what it shows (for tests).
	preview   dialog.Dialog
	lastCheck *importCheck
}

// build gathers the work on files: imports, exports, templates, documents
// and backups.
func (s *dataScreen) build() (fyne.CanvasObject, *entry) {
	u := s.u
	section := func(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
		return widget.NewCard(title, "", container.NewGridWrap(fyne.NewSize(220, 40), objs...))
	}
	imp := func(k roster.Kind) fyne.CanvasObject {
		return widget.NewButton(u.t("ui.import_"+string(k)), func() {
			u.openFile([]string{".xlsx", ".csv", ".txt"}, func(path string) { s.importFile(k, path) })
		})
	}
	exportKinds := []string{"students", "placements", "quotas", "appointments", "platforms"}
	exp := func(what string) fyne.CanvasObject {
		return widget.NewButton(u.t("ui.export_"+what), func() {
			u.saveFile(u.t("ui.export_"+what)+".xlsx", func(path string) { s.export(what, path) })
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
			widget.NewButton(u.t("ui.batch_agreements"), s.batchAgreements),
			widget.NewButton(u.t("ui.roster_platform"), s.rosterDialog),
			widget.NewButton(u.t("ui.quota_report"), s.quotaReport)),
		section(u.t("ui.section_onsite"), s.onsiteSection()...),
		section(u.t("ui.section_file"),
			widget.NewButton(u.t("ui.backup"), s.backup),
			widget.NewButton(u.t("ui.check"), s.check)),
		section(u.t("ui.section_accounts"),
			widget.NewButton(u.t("ui.list_users"), s.usersDialog),
			widget.NewButton(u.t("ui.add_user"), s.userForm)),
		widget.NewCard(u.t("ui.section_security"), "", u.idleSetting()),
		widget.NewLabel(u.whereLine()),
	)
	return container.NewVScroll(container.NewPadded(box)), nil
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
func (s *dataScreen) checkImport(ctx context.Context, k roster.Kind, path string, update bool, progress func(float64)) (*importCheck, error) {
	u := s.u
	c, err := files.CheckImport(ctx, u.svc, u.sess, k, path, files.ImportOptions{Update: update, Progress: progress, Today: model.DateOf(u.now())})
	if err != nil {
		return nil, err
	}
	return &importCheck{Check: c, errs: c.Errors, sum: c.Summary, commit: c.Commit}, nil
}

// importFile is the import wizard: check in the background, show the summary and
// every row error before anything is written, then import on confirmation.
func (s *dataScreen) importFile(k roster.Kind, path string) {
	s.importFileWith(k, path, false)
}

func (s *dataScreen) importFileWith(k roster.Kind, path string, update bool) {
	u := s.u
	var c *importCheck
	u.task(u.t("ui.checking"), func(ctx context.Context, progress func(float64)) (err error) {
		c, err = s.checkImport(ctx, k, path, update, progress)
		return err
	}, func(err error) {
		if err != nil {
			if !errors.Is(err, context.Canceled) {
				u.showError(err)
			}
			return
		}
		s.importPreview(k, path, update, c)
	})
}

// importPreview shows what an import would do, or why it cannot.
func (s *dataScreen) importPreview(k roster.Kind, path string, update bool, c *importCheck) {
	u := s.u
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
					s.importPreview(k, path, update, again)
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
				s.importFileWith(k, path, true)
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
				// Every screen counting or listing what was imported (the
				// getting-started card, the lists) shows it now.
				u.reload()
				u.info(u.t("ui.done"), u.t("ui.import_done", sum.New, sum.Updated, sum.Unchanged))
			})
		}})
	}
	d := dialog.NewCustomWithoutButtons(u.t("ui.import_preview", filepath.Base(path)), body, u.win)
	d.SetButtons(buttons)
	d.Resize(fyne.NewSize(900, 560))
	u.show(d)
	s.preview, s.lastCheck = d, c
}

func onlyChanged(errs []model.RowError) bool {
	for _, e := range errs {
		if e.Err.Key != "import.changed" {
			return false
		}
	}
	return true
}

// export writes what the user may see to an .xlsx or .csv file.
func (s *dataScreen) export(what, path string) {
	u := s.u
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
func (s *dataScreen) batchAgreements() {
	u := s.u
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

func (s *dataScreen) rosterDialog() {
	u := s.u
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

func (s *dataScreen) quotaReport() {
	u := s.u
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

func (s *dataScreen) backup() {
	u := s.u
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

func (s *dataScreen) check() {
	u := s.u
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
