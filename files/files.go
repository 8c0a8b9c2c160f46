// Package files is the work on spreadsheet files, written once for every front
// end (the window, the command line, the portal): check an import (a dry run
// that lists every row's faults at once), commit it, write the problem
// workbook, export a list, write an import template.
//
// It joins package sheet (cells and rows), package roster (what the columns
// mean) and the rules (package dispatch, which speaks model records and field
// codes): a refusal the rules raise names a field, and this package puts back
// the clerk's own column header for it, so the problem workbook marks the very
// cell. Sentences are rendered by package i18n in the language asked for.
package files

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
	"secondment/roster"
	"secondment/sheet"
)

// Kind names what a roster holds: students, platforms or appointments.
type Kind = roster.Kind

const (
	Students     = roster.Students
	Platforms    = roster.Platforms
	Appointments = roster.Appointments
)

// ParseKind returns the kind named by s, or false.
func ParseKind(s string) (Kind, bool) {
	switch k := Kind(s); k {
	case Students, Platforms, Appointments:
		return k, true
	}
	return "", false
}

// ImportOptions steer a check.
type ImportOptions struct {
	// Update lets a row whose record is stored with other values replace it.
	Update bool
	// Sheet names the workbook sheet to read. "" reads the first visible
	// sheet, or, if that has no header, the first sheet that has one.
	Sheet string
	// Progress, if set, is told the share of the work done (0 to 1).
	Progress func(float64)
	// Limits guard against hostile files; the zero value means
	// sheet.DefaultLimits.
	Limits *sheet.Limits
	// Today dates the check (an enrolment year in the future is refused);
	// zero means the computer's date.
	Today model.Date
}

// Check is what reading and checking a roster found. Nothing has been
// written: Commit writes it.
type Check struct {
	Kind  Kind
	Path  string
	Sheet string   // the sheet read ("" for a text file)
	Other []string // the workbook's other visible sheets, to choose from
	// Rows counts the data rows read; Ignored the rows below the header that
	// hold no record (totals, signatures, blank numbered rows).
	Rows, Ignored int
	// Errors lists every fault, by row; none means the import may go ahead.
	Errors []model.RowError
	// Summary is what the import would do.
	Summary dispatch.ImportSummary
	// Backup is the automatic copy of the data file made just before the
	// import was written ("" if none could be made; the import went ahead).
	Backup string

	lim    sheet.Limits
	stamp  stamp // the file as checked
	layout roster.Layout
	run    func(dispatch.ImportOptions) (dispatch.ImportSummary, error)
	update bool
	svc    dispatch.API
}

// OK reports whether the check found no fault.
func (c *Check) OK() bool { return len(c.Errors) == 0 }

// OnlyChanged reports whether every fault is a stored record with other
// values, which importing with Update would replace.
func (c *Check) OnlyChanged() bool {
	for _, e := range c.Errors {
		if e.Err.Key != "import.changed" {
			return false
		}
	}
	return len(c.Errors) > 0
}

// CheckImport reads the roster at path and checks every row, against the file
// and against the data, without writing: the returned Check lists every fault
// at once, or what the import would do. A file that cannot be read as a roster
// at all (no header, a password, a binary workbook) is an error.
func CheckImport(ctx context.Context, svc dispatch.API, sess *dispatch.Session, k Kind, path string, opt ImportOptions) (*Check, error) {
	lim := sheet.DefaultLimits
	if opt.Limits != nil {
		lim = *opt.Limits
	}
	progress := opt.Progress
	if progress == nil {
		progress = func(float64) {}
	}
	if ctx == nil {
		ctx = context.Background()
	}
	// Reading is the first 30 % of the bar, and stops when ctx is cancelled.
	read := func(done, total int64) {
		if total > 0 {
			progress(0.3 * min(float64(done)/float64(total), 1))
		}
	}
	today := opt.Today
	if today.IsZero() {
		today = model.DateOf(time.Now())
	}
	before, _ := stampOf(path)
	info, st, err := locate(ctx, path, k, opt.Sheet, lim, today, read)
	if err != nil {
		return nil, err
	}
	progress(0.3)
	l, rowErrs, _ := st.Finish(info)
	c := &Check{Kind: k, Path: path, Sheet: info.Sheet, lim: lim, stamp: before, update: opt.Update, svc: svc}
	for _, s := range info.Sheets {
		if s != info.Sheet {
			c.Other = append(c.Other, s)
		}
	}
	switch k {
	case Students:
		c.run = func(o dispatch.ImportOptions) (dispatch.ImportSummary, error) {
			return svc.ImportStudents(sess, st.Students, o)
		}
	case Platforms:
		c.run = func(o dispatch.ImportOptions) (dispatch.ImportSummary, error) {
			return svc.ImportPlatforms(sess, st.Platforms, o)
		}
	default:
		c.run = func(o dispatch.ImportOptions) (dispatch.ImportSummary, error) {
			return svc.ImportAppointments(sess, st.Appointments, o)
		}
	}
	c.layout, c.Rows, c.Ignored = l, l.Rows, l.Ignored
	// The rows that read well are checked against the data too, so the clerk
	// sees every problem at once.
	c.Summary, err = c.run(c.options(ctx, true, path, func(f float64) { progress(0.3 + 0.7*f) }))
	var ie *model.ImportError
	if errors.As(err, &ie) {
		rowErrs, err = append(rowErrs, ie.Rows...), nil
	}
	if err != nil {
		return nil, err
	}
	for i := range rowErrs {
		if e := &rowErrs[i]; e.Column == "" {
			e.Column = l.Title(e.Field)
		}
	}
	roster.SortErrors(rowErrs)
	c.Errors = rowErrs
	return c, nil
}

// locate reads the sheet asked for, or the first visible sheet with a header,
// through a roster stream: what it returns holds the records, not the sheet.
func locate(ctx context.Context, path string, k Kind, name string, lim sheet.Limits, today model.Date, progress func(done, total int64)) (*sheet.Info, *roster.Stream, error) {
	read := func(name string) (*sheet.Info, *roster.Stream, error) {
		st := roster.NewStream(k, today)
		info, err := sheet.Scan(ctx, path, name, lim, progress, st.Row)
		if err == nil {
			_, _, err = st.Finish(info)
		}
		return info, st, err
	}
	info, st, err := read(name)
	if err == nil || info == nil || name != "" || info.Text {
		return info, st, sheetError(info, err, false)
	}
	var e *model.Error
	if !errors.As(err, &e) || e.Key != "import.no_header" {
		return info, st, sheetError(info, err, false)
	}
	// The roster is often not on the first sheet (a cover or notes sheet
	// comes first): try the others, in order. A sheet without a header is
	// given up after its first rows.
	for _, s := range info.Sheets {
		if s == info.Sheet {
			continue
		}
		info2, st2, err2 := read(s)
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		if err2 == nil {
			return info2, st2, nil
		}
	}
	return info, st, sheetError(info, err, true)
}

// sheetError names the sheet that was read in a refusal about its header, and
// the other sheets: those that could be chosen, or, when all were tried, those
// that had no header either.
func sheetError(t *sheet.Info, err error, triedAll bool) error {
	var e *model.Error
	if err == nil || t == nil || t.Text || !errors.As(err, &e) {
		return err
	}
	var others []string
	for _, s := range t.Sheets {
		if s != t.Sheet {
			others = append(others, s)
		}
	}
	switch e.Key {
	case "import.no_header":
		switch {
		case len(others) > 0 && triedAll:
			return model.Errorf(e.Code, "import.no_header_sheets", t.Sheet, e.Args[0], others)
		case len(others) > 0:
			return model.Errorf(e.Code, "import.no_header_others", t.Sheet, e.Args[0], others)
		}
		return model.Errorf(e.Code, "import.no_header_sheet", t.Sheet, e.Args[0])
	case "import.missing_columns":
		return model.Errorf(e.Code, "import.missing_columns_sheet", t.Sheet, e.Args[0], e.Args[1])
	}
	return err
}

func (c *Check) options(ctx context.Context, dry bool, path string, progress func(float64)) dispatch.ImportOptions {
	return dispatch.ImportOptions{DryRun: dry, Update: c.update, Source: filepath.Base(path), Ctx: ctx,
		Progress: func(done, total int) { progress(float64(done) / float64(max(total, 1))) }}
}

// Commit writes a checked import, all rows or none. The rules check every row
// again inside the write, so a change made since the check is caught. A check
// with faults is refused without writing.
func (c *Check) Commit(ctx context.Context, progress func(float64)) (dispatch.ImportSummary, error) {
	if progress == nil {
		progress = func(float64) {}
	}
	if !c.OK() {
		return dispatch.ImportSummary{}, model.Errorf(model.EInvalid, "import.rows", len(c.Errors))
	}
	// A copy of the file as it was, kept among the automatic backups, so a
	// wrong import can be undone by restoring it. Not having one does not
	// stop the clerk's import.
	// (A served file's server makes its own before any import.)
	if b, ok := c.svc.(interface{ AutoBackup(string) (string, error) }); ok {
		c.Backup, _ = b.AutoBackup(dispatch.BackupImport)
	}
	sum, err := c.run(c.options(ctx, false, c.Path, progress))
	var ie *model.ImportError
	if errors.As(err, &ie) {
		for i := range ie.Rows {
			if e := &ie.Rows[i]; e.Column == "" {
				e.Column = c.layout.Title(e.Field)
			}
		}
	}
	return sum, err
}

// Reason renders one fault for a clerk, in lang: the sentence of its error.
func Reason(lang i18n.Lang, e model.RowError) string { return i18n.Reason(lang, e.Err) }

// Cell names the cell of a fault as the clerk's file does: the column's own
// header, with the value in quotes.
func Cell(lang i18n.Lang, e model.RowError) string {
	col := e.Column
	if col == "" && e.Field != "" {
		col = i18n.FieldName(lang, e.Field)
	}
	if e.Value != "" {
		return col + i18n.T(lang, "files.quoted", e.Value)
	}
	return col
}

// WriteProblems writes the problem workbook: the clerk's sheet as read, title
// rows and all, every row at its own row number, the bad cells marked and a
// column saying what is wrong, in lang. Fixed, it imports again as it is.
// The check kept no copy of the sheet, so it is read again here; a file
// changed since the check is refused rather than marked at the wrong rows.
func (c *Check) WriteProblems(path string, lang i18n.Lang) error {
	if now, err := stampOf(c.Path); err != nil || now != c.stamp {
		return model.Errorf(model.EConflict, "import.changed_since_check", filepath.Base(c.Path))
	}
	t, err := sheet.ReadSheet(c.Path, c.Sheet, c.lim)
	if err != nil {
		return err
	}
	s := roster.ErrorSheet(t, c.layout, c.Errors, func(e model.RowError) string {
		reason := i18n.Reason(lang, e.Err)
		if e.Column != "" {
			reason = e.Column + i18n.T(lang, "colon") + reason
		}
		return reason
	}, i18n.T(lang, "files.problems_column"))
	s.Name = i18n.T(lang, "files.problems_sheet")
	return sheet.Write(path, s)
}

// stamp tells whether a file has changed: its size and time of change.
type stamp struct {
	size int64
	mod  time.Time
}

func stampOf(path string) (stamp, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return stamp{}, err
	}
	return stamp{fi.Size(), fi.ModTime()}, nil
}

// ExportFilter narrows an export to what a list shows.
type ExportFilter struct {
	Q    string // search text
	Year int    // enrolment year (students) or year (placements, quotas)
}

// Exports names what can be exported.
var Exports = []string{"students", "placements", "quotas", "appointments", "platforms"}

// Export writes what the user may see of a list to path, .xlsx or .csv by its
// extension (anything else gets .xlsx added), whole or not at all, records the
// export in the audit log (what, how many rows, masked or not), and returns
// the path written and the number of rows.
func Export(svc dispatch.API, sess *dispatch.Session, what, path string, f ExportFilter) (string, int, error) {
	if ext := strings.ToLower(filepath.Ext(path)); ext != ".xlsx" && ext != ".csv" {
		path += ".xlsx"
	}
	s, err := exportSheet(svc, sess, what, f)
	if err != nil {
		return path, 0, err
	}
	return writeExport(svc, sess, what, path, s)
}

// ExportRows writes rows a list shows — as the service gave them to this
// session, in the list's order — like Export: a window exports what its list
// shows after search, filters and sorting, without the rules being derived
// again. rows is a []model.Student, []model.Placement, []model.QuotaUse,
// []model.Appointment or []model.Platform.
func ExportRows(svc dispatch.API, sess *dispatch.Session, path string, rows any) (string, int, error) {
	if ext := strings.ToLower(filepath.Ext(path)); ext != ".xlsx" && ext != ".csv" {
		path += ".xlsx"
	}
	var s sheet.Sheet
	var what string
	switch r := rows.(type) {
	case []model.Student:
		what, s = "students", roster.StudentSheet(r)
	case []model.Placement:
		what, s = "placements", roster.PlacementSheet(r)
	case []model.QuotaUse:
		what, s = "quotas", roster.QuotaSheet(r)
	case []model.Appointment:
		what, s = "appointments", roster.AppointmentSheet(r)
	case []model.Platform:
		what, s = "platforms", roster.PlatformSheet(r)
	default:
		return path, 0, model.Errorf(model.EInvalid, "files.unknown_export", fmt.Sprintf("%T", rows))
	}
	return writeExport(svc, sess, what, path, s)
}

// writeExport writes s whole and records the export; if it cannot be
// recorded the file is removed: nothing leaves unrecorded.
func writeExport(svc dispatch.API, sess *dispatch.Session, what, path string, s sheet.Sheet) (string, int, error) {
	if err := sheet.Write(path, s); err != nil {
		return path, 0, err
	}
	if err := svc.RecordExport(sess, what, len(s.Rows), sess.ExportMasked()); err != nil {
		os.Remove(path)
		return path, 0, err
	}
	return path, len(s.Rows), nil
}

// exportSheet is the sheet of a list, filtered as f says.
func exportSheet(svc dispatch.API, sess *dispatch.Session, what string, f ExportFilter) (sheet.Sheet, error) {
	var s sheet.Sheet
	switch what {
	case "students":
		ss, err := svc.Students(sess, dispatch.StudentFilter{Q: f.Q, EnrolmentYear: f.Year})
		if err != nil {
			return s, err
		}
		s = roster.StudentSheet(ss)
	case "placements":
		ps, err := svc.Placements(sess, dispatch.PlacementFilter{Q: f.Q, Year: f.Year})
		if err != nil {
			return s, err
		}
		s = roster.PlacementSheet(ps)
	case "quotas":
		qs, err := svc.Quotas(sess, dispatch.QuotaFilter{Q: f.Q, Year: f.Year})
		if err != nil {
			return s, err
		}
		s = roster.QuotaSheet(qs)
	case "appointments":
		as, err := svc.Appointments(sess, dispatch.AppointmentFilter{Q: f.Q})
		if err != nil {
			return s, err
		}
		s = roster.AppointmentSheet(as)
	case "platforms":
		ps, err := svc.Platforms(sess, f.Q)
		if err != nil {
			return s, err
		}
		s = roster.PlatformSheet(ps)
	default:
		return s, model.Errorf(model.EInvalid, "files.unknown_export", what)
	}
	return s, nil
}

// WriteTemplate writes an empty import workbook for k: headers, drop-downs
// and a sheet of notes.
func WriteTemplate(k Kind, path string) error {
	return sheet.Write(path, roster.Template(k)...)
}
