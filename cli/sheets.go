package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
	"secondment/roster"
	"secondment/sheet"
)

func (r *run) importCmd(args []string) error {
	if len(args) == 0 {
		return r.usage("cli.usage_import")
	}
	kind := roster.Kind(args[0])
	if kind != roster.Students && kind != roster.Platforms && kind != roster.Appointments {
		return r.usage("cli.usage_import")
	}
	fs := r.flags("import")
	dry := fs.Bool("dry-run", false, "")
	update := fs.Bool("update", false, "")
	errFile := fs.String("errors", "", "")
	pos, err := r.parse(fs, args[1:])
	if err != nil || len(pos) != 1 {
		return r.usage("cli.usage_import")
	}
	if *errFile != "" && !strings.EqualFold(filepath.Ext(*errFile), ".xlsx") {
		return r.usage("cli.usage_import")
	}
	return r.withSession(*dry, func(svc *dispatch.Service, sess *dispatch.Session) error {
		start := time.Now()
		t, err := sheet.Read(pos[0], sheet.DefaultLimits)
		if err != nil {
			return err
		}
		opt := dispatch.ImportOptions{DryRun: *dry, Update: *update, Source: filepath.Base(pos[0])}
		var sum dispatch.ImportSummary
		var layout roster.Layout
		var rowErrs []model.RowError
		// Rows that read badly are left out, but the rest are still checked
		// against the file (dry, when some already failed), so every problem
		// is listed at once.
		{
			o := opt
			switch kind {
			case roster.Students:
				var rows []roster.StudentRow
				rows, layout, rowErrs, err = roster.ReadStudents(t, model.DateOf(r.env.Now()))
				if err == nil {
					o.DryRun = o.DryRun || len(rowErrs) > 0
					sum, err = svc.ImportStudents(sess, rows, o)
				}
			case roster.Platforms:
				var rows []roster.PlatformRow
				rows, layout, rowErrs, err = roster.ReadPlatforms(t)
				if err == nil {
					o.DryRun = o.DryRun || len(rowErrs) > 0
					sum, err = svc.ImportPlatforms(sess, rows, o)
				}
			case roster.Appointments:
				var rows []roster.AppointmentRow
				rows, layout, rowErrs, err = roster.ReadAppointments(t)
				if err == nil {
					o.DryRun = o.DryRun || len(rowErrs) > 0
					sum, err = svc.ImportAppointments(sess, rows, o)
				}
			}
		}
		var ie *model.ImportError
		if errors.As(err, &ie) {
			rowErrs, err = append(rowErrs, ie.Rows...), nil
		}
		if err != nil {
			return err
		}
		if len(rowErrs) > 0 {
			return r.reportRowErrors(t, layout, rowErrs, *errFile)
		}
		key := "cli.import_done"
		if *dry {
			key = "cli.import_dry"
		}
		r.say(key, sum.New, sum.Updated, sum.Unchanged, len(t.Rows)-1, time.Since(start).Round(time.Millisecond))
		for _, c := range sum.Changes {
			r.note("cli.import_change", c)
		}
		return nil
	})
}

// reportRowErrors lists every fault row by row (the first 200 on the terminal)
// and, if asked, writes the error workbook; the import is refused.
func (r *run) reportRowErrors(t *sheet.Table, l roster.Layout, errs []model.RowError, errFile string) error {
	roster.SortErrors(errs)
	for i, e := range errs {
		if i == 200 {
			r.note("cli.import_more", len(errs)-200)
			break
		}
		fmt.Fprintln(r.env.Stderr, r.rowMessage(e))
	}
	if errFile != "" {
		s := roster.ErrorSheet(t, l, errs, func(e *model.Error) string { return i18n.Reason(r.lang, e) })
		if err := sheet.Write(errFile, s); err != nil {
			return err
		}
		r.note("cli.import_errors_file", errFile)
	}
	return model.Errorf(model.EInvalid, "import.rows", len(errs))
}

func (r *run) rowMessage(e model.RowError) string {
	cell := e.Column
	if e.Value != "" {
		cell += "“" + e.Value + "”"
	}
	return i18n.T(r.lang, "cli.row_error", e.Row, cell, i18n.Reason(r.lang, e.Err))
}

func (r *run) exportCmd(args []string) error {
	if len(args) == 0 {
		return r.usage("cli.usage_export")
	}
	what := args[0]
	fs := r.flags("export")
	q := fs.String("q", "", "")
	year := fs.Int("year", 0, "")
	pos, err := r.parse(fs, args[1:])
	if err != nil || len(pos) != 1 {
		return r.usage("cli.usage_export")
	}
	path := pos[0]
	if ext := strings.ToLower(filepath.Ext(path)); ext != ".xlsx" && ext != ".csv" {
		return r.usage("cli.usage_export")
	}
	return r.withSession(true, func(svc *dispatch.Service, sess *dispatch.Session) error {
		var s sheet.Sheet
		switch what {
		case "students":
			ss, err := svc.Students(sess, dispatch.StudentFilter{Q: *q, EnrolmentYear: *year})
			if err != nil {
				return err
			}
			s = roster.StudentSheet(ss)
		case "placements":
			ps, err := svc.Placements(sess, dispatch.PlacementFilter{Q: *q, Year: *year})
			if err != nil {
				return err
			}
			s = roster.PlacementSheet(ps)
		case "quotas":
			qs, err := svc.Quotas(sess, dispatch.QuotaFilter{Q: *q, Year: *year})
			if err != nil {
				return err
			}
			s = roster.QuotaSheet(qs)
		case "appointments":
			as, err := svc.Appointments(sess, dispatch.AppointmentFilter{Q: *q})
			if err != nil {
				return err
			}
			s = roster.AppointmentSheet(as)
		case "platforms":
			ps, err := svc.Platforms(sess, *q)
			if err != nil {
				return err
			}
			s = roster.PlatformSheet(ps)
		default:
			return r.usage("cli.usage_export")
		}
		if err := sheet.Write(path, s); err != nil {
			return err
		}
		r.say("cli.export_done", len(s.Rows), path)
		return nil
	})
}

func (r *run) templateCmd(args []string) error {
	fs := r.flags("template")
	pos, err := r.parse(fs, args)
	if err != nil || len(pos) != 2 || !strings.EqualFold(filepath.Ext(pos[1]), ".xlsx") {
		return r.usage("cli.usage_template")
	}
	kind := roster.Kind(pos[0])
	if kind != roster.Students && kind != roster.Platforms && kind != roster.Appointments {
		return r.usage("cli.usage_template")
	}
	if err := sheet.Write(pos[1], roster.Template(kind)...); err != nil {
		return err
	}
	r.say("cli.document_done", pos[1])
	return nil
}
