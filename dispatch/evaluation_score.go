package dispatch

import (
	"math"
	"sort"

	"secondment/model"
)

// GraceDays is how long after a placement's start an arrival is on time.
const GraceDays = 7

// IndicatorValues are one platform's known indicator values for a year, by
// code. A code that is absent is unknown: a figure not entered or not
// accepted, or a rate with nothing to count. It earns nothing.
type IndicatorValues map[string]float64

// ComputeIndicators counts the computed indicators of one platform for a year
// from its placements, its dual appointments and its graduate quota for the
// year (nil if none is set), as of today (presence after today is not
// counted):
//
//   - students_hosted: distinct students present at the platform on some day
//     of the year (from the arrival to the end or early end);
//   - student_months: their days of presence in the year, as months
//     (12 × days / days in the year), to one decimal;
//   - on_time_arrival: of the placements starting in the year that were
//     dispatched, the share (%) that arrived within GraceDays of the start;
//     those not arrived once the grace has passed count as late;
//   - good_assessments: of the placements completed in the year with an
//     assessment, the share (%) rated 优秀 or 良好;
//   - terminations: placements terminated in the year after approval;
//   - dual_appointments: dual appointments in office (or served out) whose
//     term touches the year;
//   - quota_use: graduate places used of the year's quota (%).
func ComputeIndicators(year int, today model.Date, ps []model.Placement, as []model.Appointment, quota *model.QuotaUse) IndicatorValues {
	v := IndicatorValues{}
	yStart, yEnd := model.NewDate(year, 1, 1), model.NewDate(year, 12, 31)
	cut := yEnd
	if today.Before(cut) {
		cut = today
	}
	daysInYear := float64(yEnd.Time().Sub(yStart.Time()).Hours()/24 + 1)
	hosted := map[string]bool{}
	days := 0
	onTime, arrivals := 0, 0
	good, assessed := 0, 0
	terminated := 0
	for _, p := range ps {
		if !p.ArrivedOn.IsZero() {
			stop := p.End
			if !p.EndedOn.IsZero() {
				stop = p.EndedOn
			}
			from, to := model.Later(p.ArrivedOn, yStart), model.Earlier(stop, cut)
			if !to.Before(from) {
				hosted[p.StudentKey()] = true
				days += int(to.Time().Sub(from.Time()).Hours()/24+0.5) + 1
			}
		}
		if p.Start.Year() == year && reached(p, model.Dispatched) {
			due := p.Start.AddDate(0, 0, GraceDays)
			switch {
			case !p.ArrivedOn.IsZero() && !p.ArrivedOn.After(due):
				onTime++
				arrivals++
			case !p.ArrivedOn.IsZero() || today.After(due):
				arrivals++
			}
		}
		if p.Status == model.Completed && p.EndedOn.Year() == year && p.Assessment != "" {
			assessed++
			if p.Assessment == model.GradeExcellent || p.Assessment == model.GradeGood {
				good++
			}
		}
		if p.Status == model.Terminated && p.EndedOn.Year() == year && reached(p, model.Approved) {
			terminated++
		}
	}
	v[model.IndStudentsHosted] = float64(len(hosted))
	v[model.IndStudentMonths] = round(12*float64(days)/daysInYear, 1)
	if arrivals > 0 {
		v[model.IndOnTimeArrival] = round(100*float64(onTime)/float64(arrivals), 1)
	}
	if assessed > 0 {
		v[model.IndGoodAssessments] = round(100*float64(good)/float64(assessed), 1)
	}
	v[model.IndTerminations] = float64(terminated)
	dual := 0
	for _, a := range as {
		if a.HoldsQuota() && model.Overlaps(a.Start, a.End, year) {
			dual++
		}
	}
	v[model.IndDualAppointments] = float64(dual)
	if quota != nil && quota.Total > 0 {
		v[model.IndQuotaUse] = round(100*float64(quota.Used)/float64(quota.Total), 1)
	}
	return v
}

// reached reports whether the placement ever reached state to.
func reached(p model.Placement, to string) bool {
	for _, st := range p.History {
		if st.To == to {
			return true
		}
	}
	return false
}

// round rounds v to 0, 1 or 2 decimal places.
func round(v float64, places int) float64 {
	p := [...]float64{1, 10, 100}[places]
	return math.Round(v*p) / p
}

// evalInput is one platform to score: the platform, its scheme and its known
// indicator values.
type evalInput struct {
	platform model.Platform
	scheme   *model.EvalScheme
	values   IndicatorValues
}

// scoreOne scores one platform by its scheme (no grade yet): each indicator
// earns its weight times the share its rule gives, to two decimals.
func scoreOne(year int, in evalInput) model.EvalResult {
	r := model.EvalResult{Year: year, Platform: in.platform.Name, Kind: in.platform.Kind, LegalType: in.platform.LegalType,
		Level: in.platform.Level, Items: make([]model.ItemScore, 0, len(in.scheme.Indicators))}
	total := 0.0
	for _, ind := range in.scheme.Indicators {
		it := model.ItemScore{Code: ind.Code, Name: ind.Name, Unit: ind.Unit, Source: ind.Source, Weight: ind.Weight, Lower: ind.Rule.Lower}
		if val, ok := in.values[ind.Code]; ok {
			it.Value, it.Known = val, true
			it.Points = round(ind.Weight*ind.Rule.Share(val), 2)
		}
		total += it.Points
		r.Items = append(r.Items, it)
	}
	r.Score = round(total, 2)
	return r
}

// evaluate scores every platform, grades them by the year's thresholds, applies
// the cap on 优秀 within each kind and ranks each kind. Results come ordered by
// kind (as PlatformKinds lists them), rank and name.
func evaluate(y model.EvalYear, inputs []evalInput) []model.EvalResult {
	scored := make([]model.EvalResult, len(inputs))
	for i, in := range inputs {
		scored[i] = scoreOne(y.Year, in)
		scored[i].Grade = y.Grade(scored[i].Score)
	}
	kindOrder := map[string]int{}
	for i, k := range model.PlatformKinds {
		kindOrder[k.Code] = i
	}
	// Sort indexes, not the results: moving large structs about costs more
	// than scoring them.
	order := make([]int, len(scored))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := &scored[order[i]], &scored[order[j]]
		if a.Kind != b.Kind {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Platform < b.Platform
	})
	out := make([]model.EvalResult, len(scored))
	for i, k := range order {
		out[i] = scored[k]
	}
	for start := 0; start < len(out); {
		end := start
		for end < len(out) && out[end].Kind == out[start].Kind {
			end++
		}
		gradeKind(y, out[start:end])
		start = end
	}
	return out
}

// gradeKind ranks one kind's results (sorted by score, best first) and applies
// the cap on 优秀: at most ⌊cap × n⌋ platforms of the kind are 优秀. Equal
// scores share a rank (1, 2, 2, 4), and a tie is never split by the cap: when
// platforms with equal scores straddle it, all of them drop to 良好, so the
// cap is never exceeded.
func gradeKind(y model.EvalYear, rs []model.EvalResult) {
	for i := range rs {
		rs[i].Of = len(rs)
		if i > 0 && rs[i].Score == rs[i-1].Score {
			rs[i].Rank = rs[i-1].Rank
		} else {
			rs[i].Rank = i + 1
		}
	}
	if y.ExcellentCap <= 0 {
		return
	}
	allowed := int(math.Floor(y.ExcellentCap*float64(len(rs)) + 1e-9))
	excellent := 0
	for excellent < len(rs) && rs[excellent].Grade == model.GradeExcellent {
		excellent++
	}
	if excellent <= allowed {
		return
	}
	keep := allowed
	for keep > 0 && rs[keep].Score == rs[keep-1].Score {
		keep--
	}
	for i := keep; i < excellent; i++ {
		rs[i].Grade, rs[i].Capped = model.GradeGood, true
	}
}
