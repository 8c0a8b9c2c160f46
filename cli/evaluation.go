package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"secondment/dispatch"
	"secondment/evaluation"
	"secondment/i18n"
	"secondment/model"
	"secondment/pdf"
)

// resultJSON is one platform's result as evaluation run|results --json print it.
type resultJSON struct {
	Platform string  `json:"platform"`
	Kind     string  `json:"kind"`
	Year     int     `json:"year"`
	Score    float64 `json:"score"`
	Grade    string  `json:"grade"`
	Rank     int     `json:"rank"`
	Of       int     `json:"of"`
	Capped   bool    `json:"capped"`
	Deadline string  `json:"deadline,omitempty"`
	Recheck  string  `json:"recheck,omitempty"`
}

// figureJSON is one entered figure as evaluation figures list --json prints it.
type figureJSON struct {
	Year     int     `json:"year"`
	Platform string  `json:"platform"`
	Code     string  `json:"code"`
	Value    float64 `json:"value"`
	Evidence string  `json:"evidence"`
	Status   string  `json:"status"`
	By       string  `json:"by"`
	Reviewed string  `json:"reviewed_by,omitempty"`
	Note     string  `json:"review_note,omitempty"`
}

// evaluationCmd runs `evaluation scheme|rules|figures|accept|reject|run|results|finalize|recheck|report|sheet`.
func (r *run) evaluationCmd(args []string) error {
	if len(args) == 0 {
		return r.usage("cli.usage_evaluation")
	}
	rest := args[1:]
	switch args[0] {
	case "scheme":
		return r.evalScheme(rest)
	case "rules":
		return r.evalRules(rest)
	case "figures":
		return r.evalFigures(rest)
	case "accept", "reject":
		return r.evalReview(args[0] == "accept", rest)
	case "run", "results":
		return r.evalRun(args[0] == "run", rest)
	case "finalize", "finalise":
		return r.evalFinalize(rest)
	case "recheck":
		return r.evalRecheck(rest)
	case "report":
		return r.evalReport(rest)
	case "sheet":
		return r.evalDoc("evaluation sheet", false, rest)
	case "rechecks":
		return r.evalRechecks(rest)
	}
	return r.usage("cli.usage_evaluation")
}

// noticeCmd writes a rectification notice: `notice --platform P --year Y -o FILE.pdf`.
func (r *run) noticeCmd(args []string) error { return r.evalDoc("notice", true, args) }

func (r *run) evalScheme(args []string) error {
	if len(args) == 0 || (args[0] != "export" && args[0] != "import") {
		return r.usage("cli.usage_evaluation")
	}
	fs := r.flags("evaluation scheme " + args[0])
	year := fs.Int("year", r.env.Now().Year(), "")
	pos, err := r.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return r.usage("cli.usage_evaluation")
	}
	path := pos[0]
	if args[0] == "export" {
		return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
			schemes, err := svc.EvaluationSchemes(sess, *year)
			if err != nil {
				return err
			}
			if err := evaluation.WriteSchemes(path, schemes); err != nil {
				return err
			}
			r.say("cli.scheme_exported", len(schemes), *year, path)
			if len(schemes) > 0 && schemes[0].Example {
				r.note("cli.scheme_example")
			}
			return nil
		})
	}
	set, err := evaluation.ReadSchemes(path, *year)
	if err != nil {
		return r.rowErrors(err)
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		out, err := svc.SetEvaluationSchemes(sess, *year, set.Schemes)
		if err != nil {
			return r.rowErrors(set.SchemeRowError(err))
		}
		r.say("cli.scheme_imported", len(out), *year)
		return nil
	})
}

// rowErrors prints each fault of a refused sheet on standard error, then
// returns the refusal.
func (r *run) rowErrors(err error) error {
	var ie *model.ImportError
	if !errors.As(err, &ie) {
		return err
	}
	for i, e := range ie.Rows {
		if i == 20 {
			r.note("cli.import_more", len(ie.Rows)-i)
			break
		}
		col := e.Column
		if col != "" && !strings.ContainsFunc(col, func(c rune) bool { return c > 0x7f }) {
			col = i18n.FieldName(r.lang, col)
		}
		fmt.Fprintln(r.env.Stderr, i18n.T(r.lang, "cli.row_error", e.Row, col, i18n.Reason(r.lang, e.Err)))
	}
	return err
}

func (r *run) evalRules(args []string) error {
	fs := r.flags("evaluation rules")
	year := fs.Int("year", 0, "")
	excellent := fs.Float64("excellent", -1, "")
	good := fs.Float64("good", -1, "")
	pass := fs.Float64("pass", -1, "")
	capPct := fs.Float64("excellent-cap", -1, "")
	days := fs.Int("rectify-days", -1, "")
	supervisor := fs.String("supervisor", "", "")
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *year == 0 {
		return r.usage("cli.usage_evaluation")
	}
	set := fs.NFlag() > 1
	return r.withSession(!set, func(svc dispatch.API, sess *dispatch.Session) error {
		y, err := svc.EvaluationYear(sess, *year)
		if err != nil {
			return err
		}
		if set {
			if *excellent >= 0 {
				y.Excellent = *excellent
			}
			if *good >= 0 {
				y.Good = *good
			}
			if *pass >= 0 {
				y.Pass = *pass
			}
			if *capPct >= 0 {
				y.ExcellentCap = *capPct / 100
			}
			if *days >= 0 {
				y.RectifyDays = *days
			}
			if *supervisor != "" {
				y.Supervisor = *supervisor
			}
			if y, err = svc.SetEvaluationYear(sess, y); err != nil {
				return err
			}
		}
		r.say("cli.eval_rules", y.Year, model.Num(y.Excellent), model.Num(y.Good), model.Num(y.Pass),
			model.Num(y.ExcellentCap*100), y.RectifyDays, y.Supervisor, i18n.T(r.lang, "eval.state_"+y.State))
		return nil
	})
}

func (r *run) evalFigures(args []string) error {
	if len(args) == 0 {
		return r.usage("cli.usage_evaluation")
	}
	fs := r.flags("evaluation figures " + args[0])
	year := fs.Int("year", 0, "")
	platform := fs.String("platform", "", "")
	code := fs.String("code", "", "")
	value := fs.Float64("value", -1, "")
	evidence := fs.String("evidence", "", "")
	status := fs.String("status", "", "")
	asJSON := fs.Bool("json", false, "")
	out := fs.String("o", "", "")
	pos, err := r.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 0 || *year == 0 {
		return r.usage("cli.usage_evaluation")
	}
	switch args[0] {
	case "set":
		if *platform == "" || *code == "" || *value < 0 {
			return r.usage("cli.usage_evaluation")
		}
		return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
			f, err := svc.SetFigure(sess, model.EvalFigure{Year: *year, Platform: *platform, Code: *code, Value: *value, Evidence: *evidence})
			if err != nil {
				return err
			}
			r.say("cli.figure_set", f.Platform, f.Code, model.Num(f.Value), i18n.Term(r.lang, model.FigureStatuses, f.Status))
			return nil
		})
	case "list":
		st := ""
		if *status != "" {
			var ok bool
			if st, ok = model.FigureStatuses.Parse(*status); !ok {
				return model.Invalid("status", "field.choice", *status, model.FigureStatuses)
			}
		}
		return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
			fs, err := svc.Figures(sess, dispatch.FigureFilter{Year: *year, Platform: *platform, Status: st})
			if err != nil {
				return err
			}
			if *asJSON {
				rows := make([]figureJSON, len(fs))
				for i, f := range fs {
					rows[i] = figureJSON{f.Year, f.Platform, f.Code, f.Value, f.Evidence, f.Status, f.By, f.ReviewedBy, f.ReviewNote}
				}
				return printJSON(r, rows)
			}
			t := r.table("col.platform", "col.indicator", "col.value", "col.evidence", "col.status")
			for _, f := range fs {
				t.row(f.Platform, i18n.Indicator(r.lang, f.Code, dispatch.DefaultIndicatorName(f.Code)), model.Num(f.Value), f.Evidence,
					r.term(model.FigureStatuses, f.Status))
			}
			return t.print(len(fs))
		})
	case "template":
		if *out == "" {
			return r.usage("cli.usage_evaluation")
		}
		if err := r.writable(*out); err != nil {
			return err
		}
		return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
			schemes, err := svc.EvaluationSchemes(sess, *year)
			if err != nil {
				return err
			}
			pls, err := svc.Platforms(sess, "")
			if err != nil {
				return err
			}
			var mine []model.Platform
			for _, pl := range pls {
				if pl.Status != model.Revoked && (*platform == "" || pl.Name == model.Clean(*platform)) {
					mine = append(mine, pl)
				}
			}
			if err := evaluation.WriteFigureTemplate(*out, *year, mine, schemes); err != nil {
				return err
			}
			r.say("cli.document_done", *out)
			return nil
		})
	}
	return r.usage("cli.usage_evaluation")
}

// importIndicators is `import indicators FILE [--year Y]`: an indicator sheet,
// all rows or none.
func (r *run) importIndicators(args []string) error {
	fs := r.flags("import indicators")
	year := fs.Int("year", 0, "")
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return r.usage("cli.usage_evaluation")
	}
	rows, err := evaluation.ReadFigures(pos[0], *year)
	if err != nil {
		return r.rowErrors(err)
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		n, err := svc.ImportFigures(sess, rows)
		if err != nil {
			return r.rowErrors(evaluation.FigureRowError(err))
		}
		r.say("cli.figures_imported", n, pos[0])
		return nil
	})
}

func (r *run) evalReview(accept bool, args []string) error {
	fs := r.flags("evaluation review")
	year := fs.Int("year", 0, "")
	platform := fs.String("platform", "", "")
	code := fs.String("code", "", "")
	reason := fs.String("reason", "", "")
	all := fs.Bool("all", false, "")
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *year == 0 || (!*all && (*platform == "" || *code == "")) {
		return r.usage("cli.usage_evaluation")
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		var todo []model.EvalFigure
		if *all {
			fs, err := svc.Figures(sess, dispatch.FigureFilter{Year: *year, Platform: *platform, Status: model.FigureSubmitted})
			if err != nil {
				return err
			}
			todo = fs
		} else {
			todo = []model.EvalFigure{{Platform: *platform, Code: *code}}
		}
		for _, f := range todo {
			got, err := svc.ReviewFigure(sess, *year, f.Platform, f.Code, accept, *reason)
			if err != nil {
				return err
			}
			r.say("cli.figure_reviewed", got.Platform, got.Code, i18n.Term(r.lang, model.FigureStatuses, got.Status))
		}
		return nil
	})
}

func (r *run) evalRun(compute bool, args []string) error {
	name := "evaluation results"
	if compute {
		name = "evaluation run"
	}
	fs := r.flags(name)
	year := fs.Int("year", 0, "")
	asJSON := fs.Bool("json", false, "")
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *year == 0 {
		return r.usage("cli.usage_evaluation")
	}
	return r.withSession(!compute, func(svc dispatch.API, sess *dispatch.Session) error {
		var rs []model.EvalResult
		if compute {
			run, err := svc.RunEvaluation(sess, *year)
			if err != nil {
				return err
			}
			rs = run.Results
			if run.Pending > 0 {
				r.note("cli.eval_pending", run.Pending)
			}
			if len(run.Unscored) > 0 {
				r.note("cli.eval_unscored", strings.Join(run.Unscored, "、"))
			}
		} else if rs, err = svc.EvaluationResults(sess, *year); err != nil {
			return err
		}
		return r.printResults(rs, *asJSON)
	})
}

func (r *run) printResults(rs []model.EvalResult, asJSON bool) error {
	if asJSON {
		rows := make([]resultJSON, len(rs))
		for i, x := range rs {
			rows[i] = resultJSON{Platform: x.Platform, Kind: x.Kind, Year: x.Year, Score: x.Score, Grade: x.Grade, Rank: x.Rank,
				Of: x.Of, Capped: x.Capped, Recheck: x.Recheck}
			if !x.Deadline.IsZero() {
				rows[i].Deadline = x.Deadline.String()
			}
		}
		return printJSON(r, rows)
	}
	t := r.table("col.kind", "col.rank", "col.platform", "col.score", "col.grade")
	for _, x := range rs {
		t.row(r.term(model.PlatformKinds, x.Kind), fmt.Sprintf("%d/%d", x.Rank, x.Of), x.Platform, model.Num(x.Score),
			r.term(model.Grades, x.Grade))
	}
	return t.print(len(rs))
}

func (r *run) evalFinalize(args []string) error {
	fs := r.flags("evaluation finalize")
	year := fs.Int("year", 0, "")
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *year == 0 {
		return r.usage("cli.usage_evaluation")
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		fin, err := svc.FinalizeEvaluation(sess, *year)
		if err != nil {
			return err
		}
		r.say("cli.eval_finalized", *year, len(fin.Rectifying), len(fin.Rewarded))
		for _, x := range fin.Rectifying {
			r.say("cli.eval_rectify", x.Platform, model.Num(x.Score), x.Deadline)
		}
		if len(fin.Rewarded) > 0 {
			r.say("cli.eval_reward", strings.Join(names(fin.Rewarded), "、"))
		}
		return nil
	})
}

func names(rs []model.EvalResult) []string {
	out := make([]string, len(rs))
	for i, x := range rs {
		out[i] = x.Platform
	}
	return out
}

func (r *run) evalRecheck(args []string) error {
	fs := r.flags("evaluation recheck")
	year := fs.Int("year", 0, "")
	platform := fs.String("platform", "", "")
	passed := fs.Bool("passed", false, "")
	failed := fs.Bool("failed", false, "")
	reason := fs.String("reason", "", "")
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *year == 0 || *platform == "" || *passed == *failed {
		return r.usage("cli.usage_evaluation")
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		res, err := svc.Recheck(sess, *year, *platform, *passed, *reason)
		if err != nil {
			return err
		}
		pl := res.Status.Platform
		r.say("cli.platform_status", pl.Name, i18n.Term(r.lang, model.PlatformStatuses, pl.Status))
		if res.Status.Open > 0 {
			r.say("cli.eval_reassign", res.Status.Open)
			if len(res.Status.NeedsReassignment) > 0 {
				return r.printPlacements(res.Status.NeedsReassignment, false)
			}
		}
		return nil
	})
}

func (r *run) evalReport(args []string) error {
	fs := r.flags("evaluation report")
	year := fs.Int("year", 0, "")
	out := fs.String("o", "", "")
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if len(pos) != 0 || *year == 0 || (ext != ".pdf" && ext != ".xlsx" && ext != ".csv") {
		return r.usage("cli.usage_evaluation")
	}
	if err := r.writable(*out); err != nil {
		return err
	}
	return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
		y, err := svc.EvaluationYear(sess, *year)
		if err != nil {
			return err
		}
		rs, err := svc.EvaluationResults(sess, *year)
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return model.Errorf(model.ENotFound, "evaluation.no_results", *year)
		}
		if err := svc.RecordEvaluationPrint(sess, dispatch.DocEvaluationResults, *year, ""); err != nil {
			return err
		}
		if ext == ".pdf" {
			m, err := r.maker()
			if err != nil {
				return err
			}
			err = pdf.WriteFile(*out, func(w io.Writer) error { return m.EvaluationResults(w, y, rs) })
			if err != nil {
				return err
			}
		} else if err := evaluation.WriteResults(*out, y, rs); err != nil {
			return err
		}
		r.say("cli.document_done", *out)
		return nil
	})
}

// evalDoc writes a platform's evaluation sheet, or its rectification notice.
func (r *run) evalDoc(name string, notice bool, args []string) error {
	fs := r.flags(name)
	year := fs.Int("year", 0, "")
	platform := fs.String("platform", "", "")
	out := fs.String("o", "", "")
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *year == 0 || *platform == "" || !strings.EqualFold(filepath.Ext(*out), ".pdf") {
		return r.usage("cli.usage_evaluation")
	}
	if err := r.writable(*out); err != nil {
		return err
	}
	return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
		var d dispatch.EvaluationDoc
		if notice {
			d, err = svc.RectificationNotice(sess, *year, *platform)
		} else {
			d, err = svc.EvaluationResult(sess, *year, *platform)
		}
		if err != nil {
			return err
		}
		doc := dispatch.DocEvaluationSheet
		if notice {
			doc = dispatch.DocRectification
		}
		if err := svc.RecordEvaluationPrint(sess, doc, *year, d.Platform.Name); err != nil {
			return err
		}
		m, err := r.maker()
		if err != nil {
			return err
		}
		err = pdf.WriteFile(*out, func(w io.Writer) error {
			if notice {
				return m.RectificationNotice(w, d.Year, d.Platform, d.Result)
			}
			return m.EvaluationSheet(w, d.Year, d.Platform, d.Result)
		})
		if err != nil {
			return err
		}
		r.say("cli.document_done", *out)
		return nil
	})
}

// evalRechecks lists the failing platforms awaiting their re-check.
func (r *run) evalRechecks(args []string) error {
	fs := r.flags("evaluation rechecks")
	asJSON := fs.Bool("json", false, "")
	if pos, err := r.parse(fs, args); err != nil {
		return err
	} else if len(pos) != 0 {
		return r.usage("cli.usage_evaluation")
	}
	return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
		due, err := svc.Rechecks(sess)
		if err != nil {
			return err
		}
		rs := make([]model.EvalResult, len(due))
		for i, d := range due {
			rs[i] = d.Result
		}
		if *asJSON {
			return r.printResults(rs, true)
		}
		t := r.table("col.year", "col.platform", "col.score", "col.deadline")
		for _, d := range due {
			mark := d.Result.Deadline.String()
			if d.Due {
				mark += " *"
			}
			t.row(fmt.Sprint(d.Result.Year), d.Result.Platform, model.Num(d.Result.Score), mark)
		}
		return t.print(len(due))
	})
}
