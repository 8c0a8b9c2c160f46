package demo

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"secondment/dispatch"
	"secondment/model"
)

var reasons = []string{"学生因课题调整返校", "平台研究方向变更", "学生身体原因申请终止", "平台被取消认定，需重新选派"}

// placements places up to target students, spreading them over the platforms and
// every lifecycle state, never beyond a quota.
func (g *gen) placements(ds dispatch.Dataset, target int) []model.Placement {
	total := map[string]int{}
	for _, q := range ds.Quotas {
		if q.Category == model.Graduate {
			total[model.QuotaKey(q.Platform, q.Year, q.Category)] = q.Total
		}
	}
	used := map[string]int{}
	fits := func(p model.Placement) bool {
		for _, y := range model.Years(p.Start, p.End) {
			k := model.QuotaKey(p.Platform, y, model.Graduate)
			if used[k]+1 > total[k] {
				return false
			}
		}
		return true
	}
	supervisors := map[string][]string{}
	for _, a := range ds.Appointments {
		supervisors[a.Platform] = append(supervisors[a.Platform], a.Name)
	}
	order := g.r.Perm(len(ds.Students))
	type made struct {
		p       model.Placement
		created time.Time
	}
	var out []made
	for k, i := 0, 0; k < len(order) && len(out) < target; k++ {
		st := ds.Students[order[k]]
		pl := ds.Platforms[i%len(ds.Platforms)]
		p, created, ok := g.placement(st, pl, supervisors[pl.Name])
		if !ok || (model.HoldsQuota(p.Status) && !fits(p)) {
			continue
		}
		if model.HoldsQuota(p.Status) {
			for _, y := range model.Years(p.Start, p.End) {
				used[model.QuotaKey(p.Platform, y, model.Graduate)]++
			}
		}
		out = append(out, made{p, created})
		i++
	}
	// Agreement numbers follow creation order within each year.
	sort.Slice(out, func(i, j int) bool { return out[i].created.Before(out[j].created) })
	seq := map[int]int{}
	ps := make([]model.Placement, len(out))
	for i, m := range out {
		y := m.created.Year()
		seq[y]++
		m.p.No = fmt.Sprintf("XP%d-%05d", y, seq[y])
		ps[i] = m.p
	}
	return ps
}

// placement makes one placement in a random state, with a history whose steps
// all happened by today, or reports that the student's study years do not fit.
func (g *gen) placement(st model.Student, pl model.Platform, sups []string) (model.Placement, time.Time, bool) {
	today := g.today
	days := func(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }
	var start, end model.Date
	var steps []string
	roll := g.r.IntN(100)
	switch {
	case roll < 8: // draft
		start = today.AddDate(0, 0, days(30, 90))
		end = start.AddDate(0, days(6, 12), 0)
	case roll < 10: // a draft withdrawn (作废) before approval
		start = today.AddDate(0, 0, days(30, 90))
		end = start.AddDate(0, days(6, 12), 0)
		steps = []string{model.Withdrawn}
	case roll < 20: // approved
		start = today.AddDate(0, 0, days(10, 60))
		end = start.AddDate(0, days(6, 12), 0)
		steps = []string{model.Approved}
	case roll < 30: // dispatched, not yet arrived
		start = today.AddDate(0, 0, -days(0, 10))
		end = start.AddDate(0, days(6, 12), 0)
		steps = []string{model.Approved, model.Dispatched}
	case roll < 65: // on site
		start = today.AddDate(0, -days(1, 8), 0)
		end = start.AddDate(0, days(9, 14), 0)
		steps = []string{model.Approved, model.Dispatched, model.Arrived}
	case roll < 90: // completed
		start = today.AddDate(0, -days(13, 24), 0)
		end = start.AddDate(0, days(6, 12), 0)
		steps = []string{model.Approved, model.Dispatched, model.Arrived, model.Completed}
	default: // terminated early
		start = today.AddDate(0, -days(3, 12), 0)
		end = start.AddDate(1, 0, 0)
		steps = []string{model.Approved, model.Dispatched, model.Arrived, model.Terminated}
	}
	if model.ValidatePeriod(start, end, st) != nil {
		return model.Placement{}, time.Time{}, false
	}
	created := start.AddDate(0, 0, -40).Time()
	if created.After(today.Time()) || start.After(today) {
		created = today.AddDate(0, 0, -days(1, 20)).Time()
	}
	p := model.Placement{
		StudentUniversity: st.University, StudentNumber: st.Number, StudentName: st.Name, Platform: pl.Name,
		Task: g.pick(tasks), UniSupervisor: st.Supervisor, Start: start, End: end,
		Allowance: 1500 + 500*g.r.IntN(5), Status: model.Draft,
		History: []model.Step{{To: model.Draft, By: "demo", At: created}},
	}
	if len(sups) > 0 && g.r.IntN(3) > 0 {
		p.Supervisor = sups[g.r.IntN(len(sups))]
	} else {
		p.Supervisor = g.name()
	}
	// The conditions of leaving: in hand for every placement that left, for
	// some of those approved and waiting (so each state shows).
	leaves := slices.Contains(steps, model.Dispatched)
	if leaves || (len(steps) > 0 && steps[0] == model.Approved && g.r.IntN(2) == 0) {
		p.Insurance = &model.Insurance{Insurer: g.pick(insurers), Policy: fmt.Sprintf("PA%d%06d", start.Year(), g.r.IntN(1000000)),
			From: start.AddDate(0, 0, -3), To: end}
		p.AcceptedOn = start.AddDate(0, 0, -days(15, 30))
		if leaves || g.r.IntN(2) == 0 {
			p.PledgeOn = start.AddDate(0, 0, -days(5, 12))
		}
	}
	at := created
	for _, to := range steps {
		in := model.StepInput{}
		switch to {
		case model.Approved:
			at = at.AddDate(0, 0, 5)
		case model.Dispatched:
			at = maxTime(at, start.AddDate(0, 0, -3).Time())
		case model.Arrived:
			at = maxTime(at, start.Time())
			in.Date = model.DateOf(at)
		case model.Completed:
			at = end.Time()
			in.Date = end
			in.Assessment = model.Assessments[g.r.IntN(3)].Code
		case model.Terminated:
			at = start.AddDate(0, days(1, 2), 0).Time()
			in.Date = model.DateOf(at)
			in.Reason = g.pick(reasons)
		case model.Withdrawn:
			at = at.AddDate(0, 0, 2)
			in.Reason = "学生另有安排，草稿作废"
		}
		if at.After(today.Time()) {
			at = today.Time()
		}
		if err := p.Transition(to, in, "demo", at); err != nil {
			return model.Placement{}, time.Time{}, false
		}
	}
	return p, created, true
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

var insurers = []string{"中国人寿", "中国平安", "中国太平洋保险", "中国人民保险"}
