package model

// What must be in hand before a student leaves for a platform (universities'
// rules for off-campus placements): accident insurance covering the whole
// period, the student's signed safety pledge (安全承诺书) and the host's
// acceptance letter (接收函). Dispatch is refused until all three are recorded.

// Insurance is a placement's accident insurance.
type Insurance struct {
	Insurer string `json:"insurer"`
	Policy  string `json:"policy"`
	From    Date   `json:"from"`
	To      Date   `json:"to"`
}

// Normalize cleans and checks the insurance: insurer and policy given, the
// cover ending after it starts.
func (i *Insurance) Normalize() error {
	var ps Problems
	i.Insurer = cleanName("insurer", i.Insurer, 100, &ps)
	i.Policy = CleanCode(i.Policy)
	if i.Policy == "" {
		ps.add(Invalid("policy", "field.required"))
	} else if len([]rune(i.Policy)) > 60 {
		ps.add(Invalid("policy", "field.too_long", 60))
	}
	switch {
	case i.From.IsZero():
		ps.add(Invalid("from", "field.required"))
	case i.To.IsZero():
		ps.add(Invalid("to", "field.required"))
	case i.To.Before(i.From):
		ps.add(Invalid("to", "period.order", i.From, i.To))
	}
	return ps.err()
}

// Covers reports whether the insurance covers every day from start to end.
func (i *Insurance) Covers(start, end Date) bool {
	return i != nil && !i.From.After(start) && !i.To.Before(end)
}

// DepartureItems name what the departure gate asks for.
var DepartureItems = Terms{
	{"insurance", "意外伤害保险", "accident insurance"},
	{"insurance_short", "覆盖整个选派期间的保险（现有保险未覆盖）", "insurance covering the whole period (the cover recorded falls short)"},
	{"pledge", "学生安全承诺书", "the student's safety pledge"},
	{"acceptance", "平台接收函", "the platform's acceptance letter"},
}

// DepartureMissing lists, by DepartureItems code, what the placement still
// lacks before the student may be dispatched; nil when ready.
func (p Placement) DepartureMissing() Terms {
	var out Terms
	add := func(code string) {
		for _, t := range DepartureItems {
			if t.Code == code {
				out = append(out, t)
			}
		}
	}
	switch {
	case p.Insurance == nil:
		add("insurance")
	case !p.Insurance.Covers(p.Start, p.End):
		add("insurance_short")
	}
	if p.PledgeOn.IsZero() {
		add("pledge")
	}
	if p.AcceptedOn.IsZero() {
		add("acceptance")
	}
	return out
}
