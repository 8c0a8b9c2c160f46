package cli

import (
	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
)

// placementDeparture records what a student needs before leaving:
// `placement insurance NO --insurer I --policy P --from D --to D`,
// `placement pledge NO --date D`, `placement acceptance NO --date D`.
func (r *run) placementDeparture(what string, args []string) error {
	fs := r.flags("placement " + what)
	insurer := fs.String("insurer", "", "")
	policy := fs.String("policy", "", "")
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	date := fs.String("date", "", "")
	pos, err := r.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return r.usage("cli.usage_departure")
	}
	parse := func(field, s string) (model.Date, error) {
		if s == "" {
			return model.Date{}, model.Invalid(field, "field.required")
		}
		d, err := model.ParseDate(s)
		if e, ok := err.(*model.Error); ok {
			e.Field = field
		}
		return d, err
	}
	return r.withSession(false, func(svc dispatch.API, sess *dispatch.Session) error {
		var p model.Placement
		switch what {
		case "insurance":
			ins := model.Insurance{Insurer: *insurer, Policy: *policy}
			if ins.From, err = parse("from", *from); err != nil {
				return err
			}
			if ins.To, err = parse("to", *to); err != nil {
				return err
			}
			p, err = svc.SetInsurance(sess, pos[0], ins)
		case "pledge", "acceptance":
			d, err := parse("date", *date)
			if err != nil {
				return err
			}
			if what == "pledge" {
				p, err = svc.RecordPledge(sess, pos[0], d)
			} else {
				p, err = svc.RecordAcceptance(sess, pos[0], d)
			}
			if err != nil {
				return err
			}
		}
		if err != nil {
			return err
		}
		r.say("cli.departure_done", i18n.OpName(r.lang, "placement."+what), p.No)
		if missing := p.DepartureMissing(); len(missing) > 0 {
			r.note("ui.departure_missing", missing)
		}
		return nil
	})
}
