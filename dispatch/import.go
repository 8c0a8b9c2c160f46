package dispatch

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"secondment/model"
)

// ImportOptions steer an import.
type ImportOptions struct {
	DryRun bool   // check and count, write nothing
	Update bool   // rows whose key exists with other values replace the stored record
	Source string // the file name, for the audit log
	// Progress, if set, is told how many rows have been checked (the window
	// shows a bar). It stays in the process that calls: a served import
	// reports no progress.
	Progress func(done, total int) `json:"-"`
	// Ctx, if set, cancels the import: nothing is written.
	Ctx context.Context `json:"-"`
}

// ImportSummary counts what an import did (or, dry, would do).
type ImportSummary struct {
	New, Updated, Unchanged int
	// Changes describes each updated record: its key and the fields that changed.
	Changes []string
}

// rowErr is a refusal of one row. field is a field code ("university",
// "number"); the sheet layer names the clerk's own column for it.
func rowErr(row int, field, value string, code, key string, args ...any) model.RowError {
	return model.RowError{Row: row, Field: field, Value: value, Err: model.Errorf(code, key, args...)}
}

// changedErrs refuses a stored record's row whose fields differ: one fault per
// field, so each differing cell is marked.
func changedErrs(row int, fields []string, value func(field string) string) []model.RowError {
	out := make([]model.RowError, len(fields))
	for i, f := range fields {
		out[i] = rowErr(row, f, value(f), model.EConflict, "import.changed")
	}
	return out
}

// sortRowErrors orders row errors by row, keeping each row's in order found.
func sortRowErrors(errs []model.RowError) {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Row < errs[j].Row })
}

// runImport runs check (and, unless dry, its writes) in one transaction, so an
// import is all or nothing: any row error rolls everything back.
func (s *Service) runImport(sess *Session, opt ImportOptions, kind string, check func(tx model.Tx, write bool) (ImportSummary, []model.RowError, error)) (ImportSummary, error) {
	var sum ImportSummary
	if !sess.user.IsOffice() {
		return sum, forbidden("import")
	}
	body := func(tx model.Tx) error {
		var errs []model.RowError
		var err error
		sum, errs, err = check(tx, !opt.DryRun)
		if err != nil {
			return err
		}
		if len(errs) > 0 {
			sortRowErrors(errs)
			return &model.ImportError{Rows: errs}
		}
		if opt.DryRun {
			return nil
		}
		return s.audit(tx, sess, "import."+kind, "file", nil, map[string]any{
			"source": opt.Source, "new": sum.New, "updated": sum.Updated, "unchanged": sum.Unchanged, "changes": sum.Changes})
	}
	var err error
	if opt.DryRun {
		err = s.store.View(body)
	} else {
		err = s.store.Bulk(body)
	}
	return sum, err
}

// progress reports every thousand rows, and says whether to stop.
func progress(opt ImportOptions, i, total int) error {
	if i%1000 != 0 && i != total {
		return nil
	}
	if opt.Progress != nil {
		opt.Progress(i, total)
	}
	if opt.Ctx != nil {
		return opt.Ctx.Err()
	}
	return nil
}

// ImportStudents adds the rows' students, all or none. A student whose
// university and number exist is skipped when nothing differs, and refused
// unless opt.Update when something does.
func (s *Service) ImportStudents(sess *Session, rows []model.StudentRow, opt ImportOptions) (ImportSummary, error) {
	sum, err := s.runImport(sess, opt, "students", func(tx model.Tx, write bool) (ImportSummary, []model.RowError, error) {
		var sum ImportSummary
		var errs []model.RowError
		unis := map[string]bool{}
		us, err := tx.Universities()
		if err != nil {
			return sum, nil, err
		}
		for _, u := range us {
			unis[u.Name] = true
		}
		seen := make(map[string]int, len(rows))
		seenID := map[string]int{}
		holders, err := s.idHolders(tx)
		if err != nil {
			return sum, nil, err
		}
		for i, r := range rows {
			if err := progress(opt, i+1, len(rows)); err != nil {
				return sum, nil, err
			}
			st := r.Student
			switch {
			case !unis[st.University]:
				errs = append(errs, rowErr(r.Row, "university", st.University, model.ENotFound, "import.university_unknown", st.University))
				continue
			case !sess.user.CoversUniversity(st.University):
				errs = append(errs, rowErr(r.Row, "university", st.University, model.EForbidden, "forbidden.university"))
				continue
			}
			if first, dup := seen[st.Key()]; dup {
				errs = append(errs, rowErr(r.Row, "number", st.Number, model.EConflict, "import.duplicate", first))
				continue
			}
			seen[st.Key()] = r.Row
			// Two rows of the file with one ID number: say which row, as
			// for a repeated student number (the other is not on file yet).
			if st.IDNumber != "" {
				k := s.idKey(st.IDNumber)
				if first, dup := seenID[k]; dup {
					errs = append(errs, rowErr(r.Row, "id_number", model.MaskIDNumber(st.IDNumber), model.EConflict, "import.duplicate", first))
					continue
				}
				seenID[k] = r.Row
			}
			if e := s.duplicateID(sess.user, holders, st); e != nil {
				errs = append(errs, model.RowError{Row: r.Row, Field: "id_number", Value: model.MaskIDNumber(st.IDNumber), Err: e})
				continue
			}
			old, err := tx.Student(st.University, st.Number)
			switch {
			case errors.Is(err, model.ErrNotFound):
				sum.New++
			case err != nil:
				return sum, nil, err
			case old == st:
				sum.Unchanged++
				continue
			default:
				changed := diffStudent(old, st)
				if !opt.Update {
					errs = append(errs, changedErrs(r.Row, changed, func(f string) string { return studentField(st, f) })...)
					continue
				}
				sum.Updated++
				sum.Changes = append(sum.Changes, fmt.Sprintf("%s/%s: %v", st.University, st.Number, changed))
			}
			if write && len(errs) == 0 {
				if err := tx.PutStudent(st); err != nil {
					return sum, nil, err
				}
			}
		}
		return sum, errs, nil
	})
	if err == nil && !opt.DryRun {
		s.students.invalidate()
	}
	return sum, err
}

// diffStudent names the fields that differ.
func diffStudent(a, b model.Student) []string {
	var out []string
	add := func(name string, differ bool) {
		if differ {
			out = append(out, name)
		}
	}
	add("name", a.Name != b.Name)
	add("gender", a.Gender != b.Gender)
	add("school", a.School != b.School)
	add("major", a.Major != b.Major)
	add("degree", a.Degree != b.Degree)
	add("degree_type", a.DegreeType != b.DegreeType)
	add("enrolment_year", a.EnrolmentYear != b.EnrolmentYear)
	add("supervisor", a.Supervisor != b.Supervisor)
	add("mobile", a.Mobile != b.Mobile)
	add("email", a.Email != b.Email)
	add("id_number", a.IDNumber != b.IDNumber)
	return out
}

// studentField is the value of one field as imported, for a row error.
func studentField(s model.Student, field string) string {
	switch field {
	case "name":
		return s.Name
	case "school":
		return s.School
	case "major":
		return s.Major
	case "supervisor":
		return s.Supervisor
	case "mobile":
		return s.Mobile
	case "email":
		return s.Email
	case "enrolment_year":
		return strconv.Itoa(s.EnrolmentYear)
	case "id_number":
		return model.MaskIDNumber(s.IDNumber)
	}
	return ""
}

// ImportPlatforms adds or (with opt.Update) changes platforms, all or none.
func (s *Service) ImportPlatforms(sess *Session, rows []model.PlatformRow, opt ImportOptions) (ImportSummary, error) {
	return s.runImport(sess, opt, "platforms", func(tx model.Tx, write bool) (ImportSummary, []model.RowError, error) {
		var sum ImportSummary
		var errs []model.RowError
		seen := map[string]int{}
		for i, r := range rows {
			if err := progress(opt, i+1, len(rows)); err != nil {
				return sum, nil, err
			}
			p := r.Platform
			if first, dup := seen[p.Name]; dup {
				errs = append(errs, rowErr(r.Row, "name", p.Name, model.EConflict, "import.duplicate", first))
				continue
			}
			seen[p.Name] = r.Row
			old, err := tx.Platform(p.Name)
			switch {
			case errors.Is(err, model.ErrNotFound):
				sum.New++
			case err != nil:
				return sum, nil, err
			default:
				p.StatusHistory = old.StatusHistory
				changed := diffPlatform(old, p)
				if len(changed) == 0 {
					sum.Unchanged++
					continue
				}
				if !opt.Update {
					errs = append(errs, changedErrs(r.Row, changed, func(string) string { return "" })...)
					continue
				}
				if old.Status != p.Status {
					p.StatusHistory = append(p.StatusHistory, model.StatusChange{From: old.Status, To: p.Status,
						By: sess.user.Name, At: s.Now().UTC(), Reason: "导入 " + opt.Source})
				}
				sum.Updated++
				sum.Changes = append(sum.Changes, p.Name)
			}
			if write && len(errs) == 0 {
				if err := tx.PutPlatform(p); err != nil {
					return sum, nil, err
				}
			}
		}
		return sum, errs, nil
	})
}

// diffPlatform names the fields that differ.
func diffPlatform(a, b model.Platform) []string {
	var out []string
	for _, d := range []struct {
		field  string
		differ bool
	}{{"kind", a.Kind != b.Kind}, {"level", a.Level != b.Level}, {"host", a.Host != b.Host},
		{"legal_type", a.LegalType != b.LegalType}, {"chain", a.Chain != b.Chain}, {"status", a.Status != b.Status},
		{"contact", a.Contact != b.Contact}, {"phone", a.Phone != b.Phone}} {
		if d.differ {
			out = append(out, d.field)
		}
	}
	return out
}

// ImportAppointments adds dual appointments, all or none. Each takes its
// status from its term (pending before it starts, ended after it ends, active
// otherwise); active ones count against the platform's dual quota. A row equal
// in person, platform, university and start to a stored appointment is
// skipped when nothing else differs.
func (s *Service) ImportAppointments(sess *Session, rows []model.AppointmentRow, opt ImportOptions) (ImportSummary, error) {
	today := s.today()
	return s.runImport(sess, opt, "appointments", func(tx model.Tx, write bool) (ImportSummary, []model.RowError, error) {
		var sum ImportSummary
		var errs []model.RowError
		type key struct{ name, platform, uni, start string }
		stored := map[key]model.Appointment{}
		existing := map[string][]model.Appointment{}
		seen := map[key]int{}
		added := map[string]int{} // platform/year → active appointments added by this file
		for i, r := range rows {
			if err := progress(opt, i+1, len(rows)); err != nil {
				return sum, nil, err
			}
			a := r.Appointment
			if _, err := tx.University(a.University); err != nil {
				errs = append(errs, rowErr(r.Row, "university", a.University, model.ENotFound, "import.university_unknown", a.University))
				continue
			}
			pl, err := tx.Platform(a.Platform)
			if err != nil {
				errs = append(errs, rowErr(r.Row, "platform", a.Platform, model.ENotFound, "platform.not_found", a.Platform))
				continue
			}
			if !sess.user.CoversUniversity(a.University) {
				errs = append(errs, rowErr(r.Row, "university", a.University, model.EForbidden, "forbidden.university"))
				continue
			}
			if _, ok := existing[a.Platform]; !ok {
				as, err := tx.AppointmentsAt(a.Platform)
				if err != nil {
					return sum, nil, err
				}
				existing[a.Platform] = as
				for _, x := range as {
					stored[key{x.Name, x.Platform, x.University, x.Start.String()}] = x
				}
			}
			k := key{a.Name, a.Platform, a.University, a.Start.String()}
			if first, dup := seen[k]; dup {
				errs = append(errs, rowErr(r.Row, "name", a.Name, model.EConflict, "import.duplicate", first))
				continue
			}
			seen[k] = r.Row
			switch {
			case a.Start.After(today):
				a.Status = model.AppointmentPending
			case a.End.Before(today):
				a.Status = model.AppointmentEnded
			default:
				a.Status = model.AppointmentActive
			}
			if old, ok := stored[k]; ok {
				var changed []string
				for _, d := range []struct {
					field  string
					differ bool
				}{{"kind", old.Kind != a.Kind}, {"end", old.End != a.End}, {"share", old.Share != a.Share},
					{"uni_post", old.UniPost != a.UniPost}, {"platform_post", old.PlatformPost != a.PlatformPost}} {
					if d.differ {
						changed = append(changed, d.field)
					}
				}
				if len(changed) == 0 {
					sum.Unchanged++
					continue
				}
				if !opt.Update {
					errs = append(errs, changedErrs(r.Row, changed, func(string) string { return "" })...)
					continue
				}
				a.ID, a.History, a.Status = old.ID, old.History, old.Status
				sum.Updated++
				sum.Changes = append(sum.Changes, a.Name+"@"+a.Platform)
			} else {
				if a.Status == model.AppointmentActive {
					if !pl.AcceptsApproval() {
						errs = append(errs, rowErr(r.Row, "platform", a.Platform, model.ERule, "platform.rectifying", pl.Name))
						continue
					}
					if e := s.importDualQuota(tx, a, added); e != nil {
						errs = append(errs, model.RowError{Row: r.Row, Field: "platform", Value: a.Platform, Err: e})
						continue
					}
				}
				a.History = []model.Step{{To: a.Status, By: sess.user.Name, At: s.Now().UTC(), Note: "导入 " + opt.Source}}
				sum.New++
			}
			if write && len(errs) == 0 {
				if _, err := tx.PutAppointment(a); err != nil {
					return sum, nil, err
				}
			}
		}
		return sum, errs, nil
	})
}

// importDualQuota checks one more active appointment against the dual quota of
// every current year of its term, counting those already added by the file.
func (s *Service) importDualQuota(tx model.Tx, a model.Appointment, added map[string]int) *model.Error {
	err := checkQuota(tx, s.today(), a.Platform, model.Dual, a.Start, a.End, func(y int) (int, error) {
		n, err := dualUse(tx, a.Platform, y, 0)
		return n + added[a.Platform+"/"+strconv.Itoa(y)], err
	})
	if err != nil {
		var e *model.Error
		if errors.As(err, &e) {
			return e
		}
		return &model.Error{Code: model.EInternal, Key: "internal", Err: err}
	}
	for y := max(a.Start.Year(), s.today().Year()); y <= a.End.Year(); y++ {
		added[a.Platform+"/"+strconv.Itoa(y)]++
	}
	return nil
}
