package cli

import (
	"io"
	"path/filepath"
	"strings"

	"secondment/dispatch"
	"secondment/model"
	"secondment/pdf"
	"secondment/roster"
	"secondment/sheet"
)

// allowanceListCmd writes a month's allowance list:
// allowance-list --month YYYY-MM [--platform P | --university U] -o FILE.pdf|FILE.xlsx.
// The list names students and what they are paid, so it is recorded in the
// audit log like an export.
func (r *run) allowanceListCmd(args []string) error {
	fs := r.flags("allowance-list")
	month := fs.String("month", "", "")
	platform := fs.String("platform", "", "")
	uni := fs.String("university", "", "")
	out := fs.String("o", "", "")
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if len(pos) != 0 || *month == "" || (*platform != "" && *uni != "") || (ext != ".pdf" && ext != ".xlsx") {
		return r.usage("cli.usage_allowance_list")
	}
	if err := r.writable(*out); err != nil {
		return err
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		l, err := svc.AllowanceList(sess, *month, *platform, *uni)
		if err != nil {
			return err
		}
		if len(l.Rows) == 0 {
			return model.Errorf(model.ENotFound, "cli.allowance_empty", l.Month)
		}
		if ext == ".pdf" {
			m, err := r.maker()
			if err != nil {
				return err
			}
			if err := pdf.WriteFile(*out, func(w io.Writer) error { return m.AllowanceList(w, l) }); err != nil {
				return err
			}
		} else if err := sheet.Write(*out, roster.AllowanceSheet(l)); err != nil {
			return err
		}
		if err := svc.RecordExport(sess, "allowance_list", len(l.Rows), false); err != nil {
			return err
		}
		r.say("cli.allowance_done", l.Month, len(l.Rows), l.Amount, l.Deduction, *out)
		if l.Unrecorded > 0 {
			r.note("cli.allowance_unrecorded", l.Unrecorded)
		}
		return nil
	})
}

// pledgeCmd writes a placement's safety pledge to sign: pledge NO -o FILE.pdf.
func (r *run) pledgeCmd(args []string) error {
	return r.placementDoc("pledge", dispatch.DocPledge, "cli.usage_placement_doc", args, nil, (*pdf.Maker).Pledge)
}

// midtermFormCmd writes a placement's mid-term check form: midterm-form NO -o FILE.pdf.
func (r *run) midtermFormCmd(args []string) error {
	return r.placementDoc("midterm-form", dispatch.DocMidterm, "cli.usage_placement_doc", args, nil, (*pdf.Maker).MidtermForm)
}

// placementDoc writes one placement's document, NAME NO -o FILE.pdf, from its
// agreement as the user may read it; ready, if set, refuses a placement the
// document does not fit yet. The service records the printing.
func (r *run) placementDoc(name, doc, usage string, args []string, ready func(model.Agreement) error,
	write func(*pdf.Maker, io.Writer, model.Agreement) error) error {
	fs := r.flags(name)
	out := fs.String("o", "", "")
	pos, err := r.parse(fs, args)
	if err != nil || len(pos) != 1 || *out == "" {
		return r.usage(usage)
	}
	if err := r.writable(*out); err != nil {
		return err
	}
	return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
		a, err := svc.Agreement(sess, pos[0])
		if err != nil {
			return err
		}
		if ready != nil {
			if err := ready(a); err != nil {
				return err
			}
		}
		if a, err = svc.PrintDocument(sess, a.Placement.No, doc); err != nil { // the printing is audited
			return err
		}
		m, err := r.maker()
		if err != nil {
			return err
		}
		if err := pdf.WriteFile(*out, func(w io.Writer) error { return write(m, w, a) }); err != nil {
			return err
		}
		r.say("cli.document_done", *out)
		return nil
	})
}
