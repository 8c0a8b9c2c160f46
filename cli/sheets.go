package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"secondment/dispatch"
	"secondment/files"
	"secondment/i18n"
	"secondment/model"
)

func (r *run) importCmd(args []string) error {
	if len(args) == 0 {
		return r.usage("cli.usage_import")
	}
	kind, ok := files.ParseKind(args[0])
	if !ok {
		return r.usage("cli.usage_import")
	}
	fs := r.flags("import")
	dry := fs.Bool("dry-run", false, "")
	update := fs.Bool("update", false, "")
	errFile := fs.String("errors", "", "")
	sheetName := fs.String("sheet", "", "")
	pos, err := r.parse(fs, args[1:])
	if err != nil || len(pos) != 1 {
		return r.usage("cli.usage_import")
	}
	if *errFile != "" && !strings.EqualFold(filepath.Ext(*errFile), ".xlsx") {
		return r.usage("cli.errors_xlsx")
	}
	if err := r.writable(*errFile); err != nil {
		return err
	}
	if *errFile != "" && sameFile(*errFile, pos[0]) {
		return model.Errorf(model.EInvalid, "cli.errors_is_roster", *errFile)
	}
	return r.withSession(*dry, func(svc dispatch.API, sess *dispatch.Session) error {
		start := time.Now()
		c, err := files.CheckImport(context.Background(), svc, sess, kind, pos[0], files.ImportOptions{Update: *update, Sheet: *sheetName, Today: model.DateOf(r.env.Now())})
		if err != nil {
			return err
		}
		if len(c.Other) > 0 {
			r.note("cli.import_sheet", c.Sheet, c.Other)
		}
		if c.Ignored > 0 {
			r.note("cli.import_ignored", c.Ignored)
		}
		if !c.OK() {
			return r.reportRowErrors(c, *errFile)
		}
		sum := c.Summary
		key := "cli.import_dry"
		if !*dry {
			key = "cli.import_done"
			if sum, err = c.Commit(context.Background(), nil); err != nil {
				return err
			}
		}
		r.say(key, sum.New, sum.Updated, sum.Unchanged, c.Rows, time.Since(start).Round(time.Millisecond))
		for _, ch := range sum.Changes {
			r.note("cli.import_change", ch)
		}
		return nil
	})
}

// reportRowErrors lists every fault row by row (the first 200 lines on the
// terminal) and, if asked, writes the problem workbook; the import is refused.
// A fault that more than three rows share (one university not yet added, on
// 80,000 rows) is one line naming its first rows and how many there are.
func (r *run) reportRowErrors(c *files.Check, errFile string) error {
	same := func(e model.RowError) string { return e.Field + "\x00" + e.Err.Key + "\x00" + e.Value }
	rowsOf := map[string][]string{}
	for _, e := range c.Errors {
		k := same(e)
		rowsOf[k] = append(rowsOf[k], strconv.Itoa(e.Row))
	}
	lines, shown := 0, 0
	for _, e := range c.Errors {
		k := same(e)
		rows, done := rowsOf[k]
		if !done {
			continue // its group's line is out
		}
		if lines == 200 {
			more := "cli.import_more"
			if errFile != "" {
				more = "cli.import_more_file"
			}
			r.note(more, len(c.Errors)-shown, errFile)
			break
		}
		lines++
		if len(rows) > 3 {
			delete(rowsOf, k)
			shown += len(rows)
			fmt.Fprintln(r.env.Stderr, i18n.T(r.lang, "cli.row_error_many", rows[:3], len(rows),
				files.Cell(r.lang, e), files.Reason(r.lang, e)))
			continue
		}
		shown++
		fmt.Fprintln(r.env.Stderr, i18n.T(r.lang, "cli.row_error", e.Row, files.Cell(r.lang, e), files.Reason(r.lang, e)))
	}
	if c.OnlyChanged() {
		r.note("cli.import_update_hint")
	}
	if errFile != "" {
		if err := c.WriteProblems(errFile, r.lang); err != nil {
			return err
		}
		r.note("cli.import_errors_file", errFile)
	}
	return model.Errorf(model.EInvalid, "import.rows", len(c.Errors))
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
	if err != nil || len(pos) != 1 || !slices.Contains(files.Exports, what) {
		return r.usage("cli.usage_export")
	}
	path := pos[0]
	if ext := strings.ToLower(filepath.Ext(path)); ext != ".xlsx" && ext != ".csv" {
		return r.usage("cli.usage_export")
	}
	if err := r.writable(path); err != nil {
		return err
	}
	return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
		path, n, err := files.Export(svc, sess, what, path, files.ExportFilter{Q: *q, Year: *year})
		if err != nil {
			return err
		}
		r.say("cli.export_done", n, path)
		return nil
	})
}

func (r *run) templateCmd(args []string) error {
	fs := r.flags("template")
	pos, err := r.parse(fs, args)
	if err != nil || len(pos) != 2 || !strings.EqualFold(filepath.Ext(pos[1]), ".xlsx") {
		return r.usage("cli.usage_template")
	}
	kind, ok := files.ParseKind(pos[0])
	if !ok {
		return r.usage("cli.usage_template")
	}
	if err := r.writable(pos[1]); err != nil {
		return err
	}
	if err := files.WriteTemplate(kind, pos[1]); err != nil {
		return err
	}
	r.say("cli.document_done", pos[1])
	return nil
}

// sameFile reports whether a and b name one existing file.
func sameFile(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}
