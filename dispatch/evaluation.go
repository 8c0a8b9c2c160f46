package dispatch

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"secondment/model"
)

// The annual evaluation of platforms (绩效评价). The bureau sets each year's
// schemes and grading rules, reviews the figures platforms report, runs the
// evaluation, and finalises it, which turns failing platforms 整改中 with a
// deadline; a re-check after rectification restores or revokes their
// recognition. It is the bureau's only write access. The office and platform
// HR see finalised results (HR only its own platform's); HR reports its own
// platform's figures.

// mayEvaluate refuses everyone but the bureau.
func mayEvaluate(sess *Session) error {
	if sess.user.Role != model.Bureau {
		return forbidden("evaluation")
	}
	return nil
}

// seesResult reports whether the user may see a platform's result for a year
// in state: the bureau always; once finalised, the office (platforms serve
// every university) and the platform's own HR.
func seesResult(u model.User, platform, state string) bool {
	switch u.Role {
	case model.Bureau:
		return true
	case model.Office:
		return state == model.EvalFinalized
	case model.PlatformHR:
		return state == model.EvalFinalized && u.Platform == platform
	}
	return false
}

// evalYear returns the stored year, or the defaults for a year never set up.
func evalYear(tx model.Tx, year int) (model.EvalYear, error) {
	y, err := tx.EvalYear(year)
	if errors.Is(err, model.ErrNotFound) {
		return model.DefaultEvalYear(year), nil
	}
	return y, err
}

func checkYear(year int) error {
	if !model.ValidQuotaYear(year) {
		return model.Invalid("year", "evaluation.year", year)
	}
	return nil
}

// EvaluationYear returns a year's grading rules and state (the defaults for a
// year not yet set up). Everyone but students may read it.
func (s *Service) EvaluationYear(sess *Session, year int) (model.EvalYear, error) {
	var y model.EvalYear
	if sess.user.Role == model.StudentRole {
		return y, forbidden("evaluation_results")
	}
	if err := checkYear(year); err != nil {
		return y, err
	}
	err := s.store.View(func(tx model.Tx) (err error) {
		y, err = evalYear(tx, year)
		return err
	})
	return y, err
}

// SetEvaluationYear sets a year's thresholds, cap on 优秀, rectification days
// and supervising department (bureau), before the year is finalised. Returns
// EInvalid for thresholds out of order (优秀 > 良好 > 合格 > 0), a cap outside
// 0–100 %, and ERule once the year is finalised.
func (s *Service) SetEvaluationYear(sess *Session, in model.EvalYear) (model.EvalYear, error) {
	if err := mayEvaluate(sess); err != nil {
		return in, err
	}
	if err := in.Normalize(); err != nil {
		return in, err
	}
	var y model.EvalYear
	err := s.store.Update(func(tx model.Tx) (err error) {
		old, err := evalYear(tx, in.Year)
		if err != nil {
			return err
		}
		if old.State == model.EvalFinalized {
			return model.Errorf(model.ERule, "evaluation.finalized", in.Year)
		}
		y = old
		y.Excellent, y.Good, y.Pass, y.ExcellentCap, y.RectifyDays, y.Supervisor =
			in.Excellent, in.Good, in.Pass, in.ExcellentCap, in.RectifyDays, in.Supervisor
		if err := tx.PutEvalYear(y); err != nil {
			return err
		}
		return s.audit(tx, sess, "evaluation.rules", fmt.Sprintf("evaluation/%d", y.Year), old, y)
	})
	return y, err
}

// EvaluationSchemes returns a year's schemes: those stored, or, for a year
// with none, the shipped examples (marked Example). The bureau and the office
// may read them; HR too, to see how its platform is scored.
func (s *Service) EvaluationSchemes(sess *Session, year int) ([]model.EvalScheme, error) {
	if sess.user.Role == model.StudentRole {
		return nil, forbidden("evaluation_results")
	}
	if err := checkYear(year); err != nil {
		return nil, err
	}
	var out []model.EvalScheme
	err := s.store.View(func(tx model.Tx) (err error) {
		out, err = schemesOf(tx, year)
		return err
	})
	return out, err
}

func schemesOf(tx model.Tx, year int) ([]model.EvalScheme, error) {
	out, err := tx.EvalSchemes(year)
	if err == nil && len(out) == 0 {
		out = DefaultSchemes(year)
	}
	return out, err
}

// SchemeError is a refused scheme of a set: which one (its index in the set
// given) and why.
type SchemeError struct {
	Index int
	Err   *model.Error
}

func (e *SchemeError) Error() string { return fmt.Sprintf("scheme %d: %v", e.Index, e.Err) }
func (e *SchemeError) Unwrap() error { return e.Err }

// SetEvaluationSchemes replaces a year's schemes with the set given, whole or
// not at all (bureau, before the year is finalised). Each scheme is checked:
// a known kind and legal type, unique indicator codes, sane rules, weights
// totalling 100. A refusal is a *SchemeError naming the scheme.
func (s *Service) SetEvaluationSchemes(sess *Session, year int, set []model.EvalScheme) ([]model.EvalScheme, error) {
	if err := mayEvaluate(sess); err != nil {
		return nil, err
	}
	if err := checkYear(year); err != nil {
		return nil, err
	}
	if len(set) == 0 {
		return nil, model.Invalid("indicators", "evaluation.no_schemes")
	}
	seen := map[string]bool{}
	now := s.Now().UTC()
	out := make([]model.EvalScheme, len(set))
	for i, sc := range set {
		sc.Year = year
		sc.Indicators = append([]model.SchemeIndicator(nil), sc.Indicators...)
		if err := sc.Normalize(); err != nil {
			var e *model.Error
			errors.As(err, &e)
			return nil, &SchemeError{Index: i, Err: e}
		}
		if seen[sc.Key()] {
			return nil, &SchemeError{Index: i, Err: model.Invalid("kind", "evaluation.scheme_twice", sc.Kind, sc.LegalType)}
		}
		seen[sc.Key()] = true
		sc.By, sc.At = sess.user.Name, now
		out[i] = sc
	}
	err := s.store.Update(func(tx model.Tx) error {
		y, err := evalYear(tx, year)
		if err != nil {
			return err
		}
		if y.State == model.EvalFinalized {
			return model.Errorf(model.ERule, "evaluation.finalized", year)
		}
		before, err := tx.EvalSchemes(year)
		if err != nil {
			return err
		}
		if err := tx.DeleteEvalSchemes(year); err != nil {
			return err
		}
		for _, sc := range out {
			if err := tx.PutEvalScheme(sc); err != nil {
				return err
			}
		}
		return s.audit(tx, sess, "evaluation.schemes", fmt.Sprintf("evaluation/%d", year), before, out)
	})
	return out, err
}

// schemeFor picks a platform's scheme: the one for its kind and legal type,
// else the one for its kind.
func schemeFor(schemes []model.EvalScheme, pl model.Platform) *model.EvalScheme {
	var general *model.EvalScheme
	for i := range schemes {
		sc := &schemes[i]
		if sc.Kind != pl.Kind {
			continue
		}
		if sc.LegalType == pl.LegalType && sc.LegalType != "" {
			return sc
		}
		if sc.LegalType == "" {
			general = sc
		}
	}
	return general
}

// FigureFilter narrows a list of entered figures.
type FigureFilter struct {
	Year     int
	Platform string
	Status   string // FigureStatuses
}

// Figures lists a year's entered figures: the bureau sees all, HR its own
// platform's, the office all once the year is finalised.
func (s *Service) Figures(sess *Session, f FigureFilter) ([]model.EvalFigure, error) {
	u := sess.user
	if u.Role == model.StudentRole {
		return nil, forbidden("evaluation_results")
	}
	if err := checkYear(f.Year); err != nil {
		return nil, err
	}
	if err := checkFilterScope(u, f.Platform, ""); err != nil {
		return nil, err
	}
	var out []model.EvalFigure
	err := s.store.View(func(tx model.Tx) error {
		y, err := evalYear(tx, f.Year)
		if err != nil {
			return err
		}
		all, err := tx.EvalFigures(f.Year)
		for _, fg := range all {
			visible := u.Role == model.Bureau || (u.Role == model.PlatformHR && u.Platform == fg.Platform) ||
				(u.Role == model.Office && y.State == model.EvalFinalized)
			if visible && (f.Platform == "" || fg.Platform == model.Clean(f.Platform)) && (f.Status == "" || fg.Status == f.Status) {
				out = append(out, fg)
			}
		}
		return err
	})
	return out, err
}

// SetFigure records one entered figure of a platform for a year, with a note
// of its evidence: the platform's HR for its own platform (the figure then
// awaits the bureau's review), or the bureau (accepted at once: it is the
// reviewer). The code must be an entered indicator of the platform's scheme.
// Refused once the year is finalised.
func (s *Service) SetFigure(sess *Session, f model.EvalFigure) (model.EvalFigure, error) {
	var out model.EvalFigure
	err := s.store.Update(func(tx model.Tx) (err error) {
		out, err = s.putFigure(tx, sess, f)
		if err != nil {
			return err
		}
		return s.audit(tx, sess, "evaluation.figure", fmt.Sprintf("evaluation/%d/%s/%s", out.Year, out.Platform, out.Code), nil, out)
	})
	return out, err
}

// putFigure checks and stores one figure inside tx.
func (s *Service) putFigure(tx model.Tx, sess *Session, f model.EvalFigure) (model.EvalFigure, error) {
	u := sess.user
	if u.Role != model.Bureau && u.Role != model.PlatformHR {
		return f, forbidden("evaluation_figures")
	}
	if err := f.Normalize(); err != nil {
		return f, err
	}
	if u.Role == model.PlatformHR && f.Platform != u.Platform {
		return f, forbidden("platform_scope")
	}
	pl, err := tx.Platform(f.Platform)
	if err != nil {
		return f, withFieldErr(notFound(err, "platform.not_found", f.Platform), "platform")
	}
	y, err := evalYear(tx, f.Year)
	if err != nil {
		return f, err
	}
	if y.State == model.EvalFinalized {
		return f, model.Errorf(model.ERule, "evaluation.finalized", f.Year)
	}
	schemes, err := schemesOf(tx, f.Year)
	if err != nil {
		return f, err
	}
	sc := schemeFor(schemes, pl)
	known := false
	if sc != nil {
		for _, in := range sc.Indicators {
			known = known || (in.Code == f.Code && in.Source == model.SourceEntered)
		}
	}
	if !known {
		return f, model.Invalid("code", "evaluation.unknown_indicator", f.Code, pl.Name)
	}
	now := s.Now().UTC()
	f.By, f.At = u.Name, now
	f.Status, f.ReviewedBy, f.ReviewedAt, f.ReviewNote = model.FigureSubmitted, "", time.Time{}, ""
	if u.Role == model.Bureau {
		f.Status, f.ReviewedBy, f.ReviewedAt = model.FigureAccepted, u.Name, now
	}
	return f, tx.PutEvalFigure(f)
}

func withFieldErr(err error, field string) error {
	var e *model.Error
	if errors.As(err, &e) && e.Field == "" {
		e.Field = field
	}
	return err
}

// FigureRow is one figure of an indicator sheet and the row it came from.
type FigureRow struct {
	Row    int
	Figure model.EvalFigure
}

// ImportFigures records the figures of an indicator sheet, all or none: every
// row is checked as SetFigure checks one, and a refusal is a
// *model.ImportError listing each bad row (its Column holds the field code).
// The bureau's figures are accepted at once; HR's await review, and may only
// be its own platform's. One audit entry records the import.
func (s *Service) ImportFigures(sess *Session, rows []FigureRow) (int, error) {
	if sess.user.Role != model.Bureau && sess.user.Role != model.PlatformHR {
		return 0, forbidden("evaluation_figures")
	}
	err := s.store.Update(func(tx model.Tx) error {
		var bad []model.RowError
		seen := map[string]int{}
		for _, r := range rows {
			f, err := s.putFigure(tx, sess, r.Figure)
			if err == nil {
				key := model.FigureKey(f.Year, f.Platform, f.Code)
				if first, dup := seen[key]; dup {
					err = model.Invalid("code", "import.duplicate", first)
				}
				seen[key] = r.Row
			}
			if err != nil {
				var e *model.Error
				if !errors.As(err, &e) {
					return err
				}
				bad = append(bad, model.RowError{Row: r.Row, Column: e.Field, Value: fieldValue(r.Figure, e.Field), Err: e})
			}
		}
		if len(bad) > 0 {
			return &model.ImportError{Rows: bad}
		}
		return s.audit(tx, sess, "evaluation.import_figures", "evaluation/figures", nil, map[string]int{"rows": len(rows)})
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

func fieldValue(f model.EvalFigure, field string) string {
	switch field {
	case "platform":
		return f.Platform
	case "code":
		return f.Code
	case "value":
		return model.Num(f.Value)
	case "year":
		return fmt.Sprint(f.Year)
	case "evidence":
		return f.Evidence
	}
	return ""
}

// ReviewFigure accepts or rejects (with a note) a figure a platform reported
// (bureau). Only accepted figures count in the scores.
func (s *Service) ReviewFigure(sess *Session, year int, platform, code string, accept bool, note string) (model.EvalFigure, error) {
	var f model.EvalFigure
	if err := mayEvaluate(sess); err != nil {
		return f, err
	}
	note = model.Clean(note)
	if !accept && note == "" {
		return f, model.Invalid("reason", "step.reason_required")
	}
	err := s.store.Update(func(tx model.Tx) (err error) {
		y, err := evalYear(tx, year)
		if err != nil {
			return err
		}
		if y.State == model.EvalFinalized {
			return model.Errorf(model.ERule, "evaluation.finalized", year)
		}
		f, err = tx.EvalFigure(year, model.Clean(platform), model.CleanCode(code))
		if err != nil {
			return notFound(err, "evaluation.figure_not_found", platform, code, year)
		}
		before := f
		f.Status = model.FigureRejected
		if accept {
			f.Status = model.FigureAccepted
		}
		f.ReviewedBy, f.ReviewedAt, f.ReviewNote = sess.user.Name, s.Now().UTC(), note
		if err := tx.PutEvalFigure(f); err != nil {
			return err
		}
		return s.audit(tx, sess, "evaluation.review", fmt.Sprintf("evaluation/%d/%s/%s", year, f.Platform, f.Code), before, f)
	})
	return f, err
}

// EvaluationRun is what running a year's evaluation gives: the results ranked
// within each kind, the platforms left out for want of a scheme for their
// kind, and the figures still awaiting review (they do not count).
type EvaluationRun struct {
	Year     model.EvalYear
	Results  []model.EvalResult
	Unscored []string
	Pending  int
}

// compute evaluates every platform whose recognition is not revoked, from the
// year's schemes, accepted figures and the desk's records.
func (s *Service) compute(tx model.Tx, year int) (EvaluationRun, error) {
	var run EvaluationRun
	y, err := evalYear(tx, year)
	if err != nil {
		return run, err
	}
	run.Year = y
	schemes, err := schemesOf(tx, year)
	if err != nil {
		return run, err
	}
	figures, err := tx.EvalFigures(year)
	if err != nil {
		return run, err
	}
	entered := map[string]IndicatorValues{}
	for _, f := range figures {
		switch f.Status {
		case model.FigureAccepted:
			if entered[f.Platform] == nil {
				entered[f.Platform] = IndicatorValues{}
			}
			entered[f.Platform][f.Code] = f.Value
		case model.FigureSubmitted:
			run.Pending++
		}
	}
	pls, err := tx.Platforms()
	if err != nil {
		return run, err
	}
	today := s.today()
	var inputs []evalInput
	for _, pl := range pls {
		if pl.Status == model.Revoked {
			continue
		}
		sc := schemeFor(schemes, pl)
		if sc == nil {
			run.Unscored = append(run.Unscored, pl.Name)
			continue
		}
		ps, err := tx.PlacementsBy(model.ByPlatform, pl.Name)
		if err != nil {
			return run, err
		}
		as, err := tx.AppointmentsAt(pl.Name)
		if err != nil {
			return run, err
		}
		var quota *model.QuotaUse
		if q, err := tx.Quota(pl.Name, year, model.Graduate); err == nil {
			qu, err := quotaUse(tx, q)
			if err != nil {
				return run, err
			}
			quota = &qu
		} else if !errors.Is(err, model.ErrNotFound) {
			return run, err
		}
		vals := ComputeIndicators(year, today, ps, as, quota)
		for code, v := range entered[pl.Name] {
			vals[code] = v
		}
		inputs = append(inputs, evalInput{platform: pl, scheme: sc, values: vals})
	}
	run.Results = evaluate(y, inputs)
	return run, nil
}

// RunEvaluation computes a year's scores, grades and ranks and stores them in
// place of the last run's (bureau; refused with ERule once the year is
// finalised). A year with no schemes of its own is run with the shipped
// examples, which are stored with it so its results keep their scheme.
func (s *Service) RunEvaluation(sess *Session, year int) (EvaluationRun, error) {
	var run EvaluationRun
	if err := mayEvaluate(sess); err != nil {
		return run, err
	}
	if err := checkYear(year); err != nil {
		return run, err
	}
	err := s.store.Update(func(tx model.Tx) (err error) {
		y, err := evalYear(tx, year)
		if err != nil {
			return err
		}
		if y.State == model.EvalFinalized {
			return model.Errorf(model.ERule, "evaluation.finalized", year)
		}
		if stored, err := tx.EvalSchemes(year); err != nil {
			return err
		} else if len(stored) == 0 {
			for _, sc := range DefaultSchemes(year) {
				if err := tx.PutEvalScheme(sc); err != nil {
					return err
				}
			}
		}
		if run, err = s.compute(tx, year); err != nil {
			return err
		}
		if err := tx.DeleteEvalResults(year); err != nil {
			return err
		}
		for _, r := range run.Results {
			if err := tx.PutEvalResult(r); err != nil {
				return err
			}
		}
		y.RunAt, y.RunBy = s.Now().UTC(), sess.user.Name
		if err := tx.PutEvalYear(y); err != nil {
			return err
		}
		run.Year = y
		return s.audit(tx, sess, "evaluation.run", fmt.Sprintf("evaluation/%d", year), nil,
			map[string]any{"platforms": len(run.Results), "pending": run.Pending, "unscored": run.Unscored})
	})
	return run, err
}

// EvaluationResults returns a year's stored results the user may see, ranked
// within each kind: the bureau's after any run; the office's and HR's (its own
// platform only) once finalised.
func (s *Service) EvaluationResults(sess *Session, year int) ([]model.EvalResult, error) {
	if sess.user.Role == model.StudentRole {
		return nil, forbidden("evaluation_results")
	}
	if err := checkYear(year); err != nil {
		return nil, err
	}
	var out []model.EvalResult
	err := s.store.View(func(tx model.Tx) error {
		y, err := evalYear(tx, year)
		if err != nil {
			return err
		}
		all, err := tx.EvalResults(year)
		for _, r := range all {
			if seesResult(sess.user, r.Platform, y.State) {
				out = append(out, r)
			}
		}
		return err
	})
	sortResults(out)
	return out, err
}

func sortResults(rs []model.EvalResult) {
	kindOrder := map[string]int{}
	for i, k := range model.PlatformKinds {
		kindOrder[k.Code] = i
	}
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.Kind != b.Kind {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		if a.Rank != b.Rank {
			return a.Rank < b.Rank
		}
		return a.Platform < b.Platform
	})
}

// EvaluationDoc is what a platform's evaluation sheet and rectification
// notice print: the year's rules, the platform and its result.
type EvaluationDoc struct {
	Year     model.EvalYear
	Platform model.Platform
	Result   model.EvalResult
}

// EvaluationResult returns one platform's result for a year with what its
// documents need, if the user may see it (ENotFound when there is none).
func (s *Service) EvaluationResult(sess *Session, year int, platform string) (EvaluationDoc, error) {
	var d EvaluationDoc
	if sess.user.Role == model.StudentRole {
		return d, forbidden("evaluation_results")
	}
	platform = model.Clean(platform)
	if err := checkFilterScope(sess.user, platform, ""); err != nil {
		return d, err
	}
	err := s.store.View(func(tx model.Tx) (err error) {
		if d.Year, err = evalYear(tx, year); err != nil {
			return err
		}
		if d.Platform, err = tx.Platform(platform); err != nil {
			return notFound(err, "platform.not_found", platform)
		}
		if !seesResult(sess.user, platform, d.Year.State) {
			if sess.user.Role == model.Bureau || d.Year.State == model.EvalFinalized {
				return forbidden("evaluation_results")
			}
			return model.Errorf(model.ENotFound, "evaluation.not_final", year)
		}
		if d.Result, err = tx.EvalResult(year, platform); err != nil {
			return notFound(err, "evaluation.no_result", platform, year)
		}
		return nil
	})
	return d, err
}

// RectificationNotice returns what the rectification notice (整改通知书) of a
// platform rated 不合格 in a finalised year prints. Refused (ERule) for a
// platform that did not fail or a year not finalised.
func (s *Service) RectificationNotice(sess *Session, year int, platform string) (EvaluationDoc, error) {
	d, err := s.EvaluationResult(sess, year, platform)
	if err != nil {
		return d, err
	}
	if d.Year.State != model.EvalFinalized || d.Result.Grade != model.GradeFail {
		return d, model.Errorf(model.ERule, "evaluation.no_notice", d.Platform.Name, year)
	}
	return d, nil
}

// Finalized is what finalising a year did: the platforms told to rectify (with
// their deadlines) and the reward list (优秀).
type Finalized struct {
	Year       model.EvalYear
	Rectifying []model.EvalResult
	Rewarded   []model.EvalResult
}

// FinalizeEvaluation fixes a year's results (bureau): the evaluation is run
// once more and must give what the last run stored (else ERule: run it again
// and review), no reported figure may await review, and then every platform
// rated 不合格 turns 整改中 (by the rules of SetPlatformStatus, so no approval
// or dispatch reaches it) with a deadline RectifyDays ahead. Audited.
func (s *Service) FinalizeEvaluation(sess *Session, year int) (Finalized, error) {
	var fin Finalized
	if err := mayEvaluate(sess); err != nil {
		return fin, err
	}
	if err := checkYear(year); err != nil {
		return fin, err
	}
	err := s.store.Update(func(tx model.Tx) error {
		y, err := evalYear(tx, year)
		if err != nil {
			return err
		}
		if y.State == model.EvalFinalized {
			return model.Errorf(model.ERule, "evaluation.finalized", year)
		}
		stored, err := tx.EvalResults(year)
		if err != nil {
			return err
		}
		if len(stored) == 0 {
			return model.Errorf(model.ERule, "evaluation.not_run", year)
		}
		run, err := s.compute(tx, year)
		if err != nil {
			return err
		}
		if run.Pending > 0 {
			return model.Errorf(model.ERule, "evaluation.pending", run.Pending)
		}
		if !sameResults(stored, run.Results) {
			return model.Errorf(model.ERule, "evaluation.stale", year)
		}
		deadline := s.today().AddDate(0, 0, y.RectifyDays)
		reason := fmt.Sprintf("evaluation %d: fail", year)
		for _, r := range run.Results {
			switch r.Grade {
			case model.GradeFail:
				r.Deadline = deadline
				pl, err := tx.Platform(r.Platform)
				if err != nil {
					return err
				}
				if pl.Status == model.Recognised {
					if _, err := s.changePlatformStatus(tx, sess, pl.Name, model.Rectifying, reason); err != nil {
						return err
					}
				}
				fin.Rectifying = append(fin.Rectifying, r)
			case model.GradeExcellent:
				fin.Rewarded = append(fin.Rewarded, r)
			}
			if err := tx.PutEvalResult(r); err != nil {
				return err
			}
		}
		before := y
		y.State, y.FinalizedAt, y.FinalizedBy = model.EvalFinalized, s.Now().UTC(), sess.user.Name
		if err := tx.PutEvalYear(y); err != nil {
			return err
		}
		fin.Year = y
		return s.audit(tx, sess, "evaluation.finalize", fmt.Sprintf("evaluation/%d", year), before,
			map[string]any{"state": y.State, "rectifying": names(fin.Rectifying), "rewarded": names(fin.Rewarded)})
	})
	return fin, err
}

func names(rs []model.EvalResult) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Platform
	}
	return out
}

// sameResults reports whether two runs gave every platform the same score,
// grade and rank.
func sameResults(a, b []model.EvalResult) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]model.EvalResult{}
	for _, r := range a {
		m[r.Platform] = r
	}
	for _, r := range b {
		o, ok := m[r.Platform]
		if !ok || o.Score != r.Score || o.Grade != r.Grade || o.Rank != r.Rank {
			return false
		}
	}
	return true
}

// RecheckResult is what a re-check did: the platform's result with the outcome,
// and the status change (on failure, the open placements to reassign: listed
// for an office, counted for the bureau, which sees no names).
type RecheckResult struct {
	Result model.EvalResult
	Status StatusResult
}

// Recheck records the re-check of a platform told to rectify after a finalised
// year (bureau), with a reason: passed → 认定有效; failed → 已取消 (only once
// the deadline has passed), after which the platform takes no new placements
// and its open ones are listed for reassignment. Refused (ERule) for a
// platform that did not fail, is not rectifying, or was already re-checked.
func (s *Service) Recheck(sess *Session, year int, platform string, passed bool, reason string) (RecheckResult, error) {
	var res RecheckResult
	if err := mayEvaluate(sess); err != nil {
		return res, err
	}
	reason = model.CleanText(reason)
	if reason == "" {
		return res, model.Invalid("reason", "step.reason_required")
	}
	err := s.store.Update(func(tx model.Tx) error {
		y, err := evalYear(tx, year)
		if err != nil {
			return err
		}
		if y.State != model.EvalFinalized {
			return model.Errorf(model.ERule, "evaluation.not_final", year)
		}
		r, err := tx.EvalResult(year, model.Clean(platform))
		if err != nil {
			return notFound(err, "evaluation.no_result", platform, year)
		}
		if r.Grade != model.GradeFail || r.Recheck != "" {
			return model.Errorf(model.ERule, "evaluation.no_recheck", r.Platform, year)
		}
		pl, err := tx.Platform(r.Platform)
		if err != nil {
			return err
		}
		if pl.Status != model.Rectifying {
			return model.Errorf(model.ERule, "evaluation.not_rectifying", pl.Name, pl.Status)
		}
		to := model.Recognised
		r.Recheck = model.RecheckPassed
		if !passed {
			if s.today().Before(r.Deadline) {
				return model.Errorf(model.ERule, "evaluation.before_deadline", pl.Name, r.Deadline)
			}
			to, r.Recheck = model.Revoked, model.RecheckFailed
		}
		before := r
		r.RecheckReason, r.RecheckBy, r.RecheckAt = reason, sess.user.Name, s.Now().UTC()
		if res.Status, err = s.changePlatformStatus(tx, sess, pl.Name, to, reason); err != nil {
			return err
		}
		if err := tx.PutEvalResult(r); err != nil {
			return err
		}
		res.Result = r
		return s.audit(tx, sess, "evaluation.recheck", fmt.Sprintf("evaluation/%d/%s", year, r.Platform), before, r)
	})
	return res, err
}

// RewardList returns the platforms rated 优秀 in a finalised year, ranked
// within each kind (whoever may see the results).
func (s *Service) RewardList(sess *Session, year int) ([]model.EvalResult, error) {
	rs, err := s.EvaluationResults(sess, year)
	var out []model.EvalResult
	for _, r := range rs {
		if r.Grade == model.GradeExcellent {
			out = append(out, r)
		}
	}
	return out, err
}

// KindGrades counts one kind's platforms by grade.
type KindGrades struct {
	Kind   string         `json:"kind"`
	Grades map[string]int `json:"grades"` // grade code → platforms
}

// EvaluationCharts is the data of the bureau's charts for a year: grades by
// kind and the distribution of scores in bands of ten (0–9 … 90–100).
type EvaluationCharts struct {
	Year    int          `json:"year"`
	ByKind  []KindGrades `json:"by_kind"`
	Buckets [10]int      `json:"score_buckets"`
}

// EvaluationCharts returns a year's chart data from the results the user may
// see (no names).
func (s *Service) EvaluationCharts(sess *Session, year int) (EvaluationCharts, error) {
	c := EvaluationCharts{Year: year}
	rs, err := s.EvaluationResults(sess, year)
	if err != nil {
		return c, err
	}
	idx := map[string]int{}
	for _, k := range model.PlatformKinds {
		idx[k.Code] = len(c.ByKind)
		c.ByKind = append(c.ByKind, KindGrades{Kind: k.Code, Grades: map[string]int{}})
	}
	for _, r := range rs {
		if i, ok := idx[r.Kind]; ok {
			c.ByKind[i].Grades[r.Grade]++
		}
		c.Buckets[min(9, max(0, int(r.Score/10)))]++
	}
	return c, nil
}

// PlatformScores returns a platform's results across the years the user may
// see them, oldest first (a platform's scores across years).
func (s *Service) PlatformScores(sess *Session, platform string) ([]model.EvalResult, error) {
	if sess.user.Role == model.StudentRole {
		return nil, forbidden("evaluation_results")
	}
	platform = model.Clean(platform)
	if err := checkFilterScope(sess.user, platform, ""); err != nil {
		return nil, err
	}
	var out []model.EvalResult
	err := s.store.View(func(tx model.Tx) error {
		for year := 2000; year <= s.today().Year(); year++ {
			r, err := tx.EvalResult(year, platform)
			if errors.Is(err, model.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			y, err := evalYear(tx, year)
			if err != nil {
				return err
			}
			if seesResult(sess.user, platform, y.State) {
				out = append(out, r)
			}
		}
		return nil
	})
	return out, err
}

// Evaluation documents, as RecordEvaluationPrint names them.
const (
	DocEvaluationSheet   = "sheet"   // a platform's evaluation sheet
	DocEvaluationResults = "results" // the year's results table
	DocRectification     = "notice"  // a rectification notice
)

// RecordEvaluationPrint records in the audit log that the user is printing
// (or exporting) an evaluation document: which, for which year and platform
// ("" for the results table). Front ends call it once the document's data has
// been given to them, before making the file.
func (s *Service) RecordEvaluationPrint(sess *Session, doc string, year int, platform string) error {
	if sess.user.Role == model.StudentRole {
		return forbidden("evaluation_results")
	}
	record := fmt.Sprintf("evaluation/%d", year)
	if platform != "" {
		record += "/" + model.Clean(platform)
	}
	return s.store.Update(func(tx model.Tx) error {
		return s.audit(tx, sess, "evaluation.print", record, nil, map[string]string{"document": doc})
	})
}

// Rechecks lists the failing platforms of finalised years still awaiting their
// re-check, soonest deadline first, for the user's scope (the bureau all; the
// office all; HR its own); Due is set on those whose deadline has passed (a
// to-do for the home screen).
func (s *Service) Rechecks(sess *Session) ([]RecheckDue, error) {
	if sess.user.Role == model.StudentRole {
		return nil, forbidden("evaluation_results")
	}
	var out []RecheckDue
	today := s.today()
	err := s.store.View(func(tx model.Tx) error {
		for year := 2000; year <= today.Year(); year++ {
			y, err := tx.EvalYear(year)
			if errors.Is(err, model.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			if y.State != model.EvalFinalized {
				continue
			}
			rs, err := tx.EvalResults(year)
			if err != nil {
				return err
			}
			for _, r := range rs {
				if r.Grade == model.GradeFail && r.Recheck == "" && seesResult(sess.user, r.Platform, y.State) {
					out = append(out, RecheckDue{Result: r, Due: !today.Before(r.Deadline)})
				}
			}
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Result.Deadline.Before(out[j].Result.Deadline) })
	return out, err
}

// RecheckDue is a failing platform awaiting its re-check; Due once its
// rectification deadline has passed.
type RecheckDue struct {
	Result model.EvalResult
	Due    bool
}
