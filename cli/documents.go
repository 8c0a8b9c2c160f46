package cli

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"

	"secondment/assets"
	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
	"secondment/pdf"
)

func (r *run) maker() (*pdf.Maker, error) {
	m, err := pdf.NewMaker(assets.CJKFont)
	if err != nil {
		return nil, err
	}
	m.Now = r.env.Now
	return m, nil
}

func (r *run) agreementCmd(args []string) error {
	fs := r.flags("agreement")
	out := fs.String("o", "", "")
	all := fs.Bool("all", false, "")
	platform := fs.String("platform", "", "")
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || (*all && len(pos) != 0) || (!*all && len(pos) != 1) {
		return r.usage("cli.usage_agreement")
	}
	if err := r.writable(*out); err != nil {
		return err
	}
	return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
		m, err := r.maker()
		if err != nil {
			return err
		}
		if !*all {
			a, err := svc.Agreement(sess, pos[0])
			if err != nil {
				return err
			}
			if err := checkPrintable(m, []model.Agreement{a}); err != nil {
				return err
			}
			if err := svc.RecordPrint(sess, []model.Agreement{a}); err != nil {
				return err
			}
			if err := pdf.WriteFile(*out, func(w io.Writer) error { return m.Agreement(w, a) }); err != nil {
				return err
			}
			r.say("cli.document_done", *out)
			return nil
		}
		as, err := svc.Agreements(sess, *platform)
		if err != nil {
			return err
		}
		if len(as) == 0 {
			return model.Errorf(model.ENotFound, "cli.no_agreements")
		}
		if err := checkPrintable(m, as); err != nil {
			return err
		}
		if err := svc.RecordPrint(sess, as); err != nil {
			return err
		}
		progress := r.progress(len(as))
		if strings.EqualFold(filepath.Ext(*out), ".pdf") {
			if err := pdf.WriteFile(*out, func(w io.Writer) error { return m.Agreements(w, as, progress) }); err != nil {
				return err
			}
			r.say("cli.batch_file_done", len(as), *out)
			return nil
		}
		if err := m.WriteEach(context.Background(), as, *out, func(done, _ int) { progress(done) }); err != nil {
			return err
		}
		r.say("cli.batch_dir_done", len(as), *out)
		return nil
	})
}

// checkPrintable refuses a batch before writing anything if any agreement holds
// a character the font lacks, naming every such agreement.
func checkPrintable(m *pdf.Maker, as []model.Agreement) error {
	if nos, chars := m.Unprintable(as); len(nos) > 0 {
		return model.Errorf(model.EInvalid, "cli.batch_unprintable", len(nos), strings.Join(nos, "、"), chars)
	}
	return nil
}

// progress reports a count on the terminal about every tenth of the way.
func (r *run) progress(total int) func(done int) {
	step := max(1, total/10)
	return func(done int) {
		if done%step == 0 || done == total {
			r.note("cli.progress", done, total)
		}
	}
}

func (r *run) arrivalCmd(args []string) error {
	arrived := func(a model.Agreement) error {
		if a.Placement.ArrivedOn.IsZero() {
			return model.Errorf(model.ERule, "cli.not_arrived", a.Placement.No)
		}
		return nil
	}
	return r.placementDoc("arrival", dispatch.DocArrival, "cli.usage_arrival", args, arrived, (*pdf.Maker).ArrivalLetter)
}

func (r *run) rosterCmd(args []string) error {
	fs := r.flags("roster")
	out := fs.String("o", "", "")
	platform := fs.String("platform", "", "")
	uni := fs.String("university", "", "")
	pos, err := r.parse(fs, args)
	if err != nil || len(pos) != 0 || *out == "" || (*platform == "") == (*uni == "") {
		return r.usage("cli.usage_roster")
	}
	if err := r.writable(*out); err != nil {
		return err
	}
	return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
		rows, err := svc.Roster(sess, *platform, *uni)
		if err != nil {
			return err
		}
		m, err := r.maker()
		if err != nil {
			return err
		}
		scope := *platform + *uni
		if err := pdf.WriteFile(*out, func(w io.Writer) error { return m.Roster(w, scope, rows) }); err != nil {
			return err
		}
		r.say("cli.roster_done", len(rows), *out)
		return nil
	})
}

func (r *run) quotaReportCmd(args []string) error {
	fs := r.flags("quota-report")
	out := fs.String("o", "", "")
	year := fs.Int("year", 0, "")
	pos, err := r.parse(fs, args)
	if err != nil || len(pos) != 0 || *out == "" || *year == 0 {
		return r.usage("cli.usage_quota_report")
	}
	if err := r.writable(*out); err != nil {
		return err
	}
	return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
		pls, qs, err := svc.QuotaReport(sess, *year)
		if err != nil {
			return err
		}
		m, err := r.maker()
		if err != nil {
			return err
		}
		if err := pdf.WriteFile(*out, func(w io.Writer) error { return m.QuotaReport(w, *year, pls, qs) }); err != nil {
			return err
		}
		r.say("cli.document_done", *out)
		return nil
	})
}

func (r *run) verifyCmd(args []string) error {
	fs := r.flags("verify")
	pos, err := r.parse(fs, args)
	if err != nil || len(pos) != 1 {
		return r.usage("cli.usage_verify")
	}
	return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
		v, err := svc.Verify(sess, pos[0])
		if err != nil {
			return err
		}
		r.say("cli.verified", model.NormalizeCode(pos[0]), v.No, v.Platform, i18n.Term(r.lang, model.PlacementStatuses, v.Status))
		return nil
	})
}

// missingMessage explains a document that cannot be printed.
func (r *run) missingMessage(err error) (string, bool) {
	var miss *pdf.MissingGlyphsError
	if !errors.As(err, &miss) {
		return "", false
	}
	return i18n.T(r.lang, "cli.unprintable", string(miss.Runes), strings.Join(miss.Texts, "、")), true
}
