package model

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Indicator sources: computed by the desk from its own records for the year, or
// entered (reported by the platform, reviewed by the bureau).
const (
	SourceComputed = "computed"
	SourceEntered  = "entered"
)

// Computed indicators: the desk counts them from placements, appointments and
// quotas (see package dispatch).
const (
	IndStudentsHosted   = "students_hosted"   // distinct students present at the platform in the year
	IndStudentMonths    = "student_months"    // months of presence in the year, summed
	IndOnTimeArrival    = "on_time_arrival"   // % of the year's arrivals within 7 days of the start
	IndGoodAssessments  = "good_assessments"  // % of the year's assessed departures rated 优秀 or 良好
	IndTerminations     = "terminations"      // placements terminated in the year after approval
	IndDualAppointments = "dual_appointments" // dual appointments in office during the year
	IndQuotaUse         = "quota_use"         // % of the year's graduate quota used
)

// ComputedIndicators lists the computed indicator codes.
var ComputedIndicators = []string{IndStudentsHosted, IndStudentMonths, IndOnTimeArrival, IndGoodAssessments,
	IndTerminations, IndDualAppointments, IndQuotaUse}

// IsComputed reports whether code names a computed indicator.
func IsComputed(code string) bool {
	for _, c := range ComputedIndicators {
		if c == code {
			return true
		}
	}
	return false
}

// Rule kinds.
const (
	RuleBands  = "bands"  // the best band reached earns its share of the weight
	RuleLinear = "linear" // value / Cap of the weight, at most all of it
)

// RuleKinds names the scoring rules.
var RuleKinds = Terms{{RuleBands, "分档", "Bands"}, {RuleLinear, "线性", "Linear"}}

// Band is one step of a banded rule: a value reaching At (at least At, or at
// most At when lower is better) earns Share (0–1) of the indicator's weight.
type Band struct {
	At    float64 `json:"at"`
	Share float64 `json:"share"`
}

// Rule turns an indicator's value into points.
type Rule struct {
	Kind  string  `json:"kind"`
	Bands []Band  `json:"bands,omitempty"`
	Cap   float64 `json:"cap,omitempty"` // linear: the value that earns the full weight
	// Lower is better (terminations): a band is reached at or below At; a
	// linear rule gives the full weight at 0 and nothing from Cap on.
	Lower bool `json:"lower,omitempty"`
}

// Share returns the share (0–1) of the weight that value earns.
func (r Rule) Share(value float64) float64 {
	switch r.Kind {
	case RuleLinear:
		if r.Cap <= 0 {
			return 0
		}
		s := value / r.Cap
		if r.Lower {
			s = 1 - s
		}
		return math.Max(0, math.Min(1, s))
	case RuleBands:
		best := 0.0
		for _, b := range r.Bands {
			if (!r.Lower && value >= b.At) || (r.Lower && value <= b.At) {
				best = math.Max(best, b.Share)
			}
		}
		return best
	}
	return 0
}

// validate checks the rule for indicator field of a scheme.
func (r *Rule) validate(field string) error {
	switch r.Kind {
	case RuleLinear:
		if !(r.Cap > 0) || math.IsInf(r.Cap, 0) {
			return Invalid(field, "evaluation.rule_cap", r.Cap)
		}
		r.Bands = nil
	case RuleBands:
		if len(r.Bands) == 0 {
			return Invalid(field, "evaluation.rule_bands")
		}
		for _, b := range r.Bands {
			if b.Share < 0 || b.Share > 1 || math.IsNaN(b.At) || math.IsInf(b.At, 0) {
				return Invalid(field, "evaluation.rule_share", b.At, b.Share*100)
			}
		}
		sort.Slice(r.Bands, func(i, j int) bool { return r.Bands[i].At > r.Bands[j].At })
		r.Cap = 0
	default:
		return Invalid(field, "field.choice", r.Kind, RuleKinds)
	}
	return nil
}

// BandsText writes a banded rule's bands as the scheme sheet shows them:
// "3:100 2:67 1:33" (value: percent of the weight).
func (r Rule) BandsText() string {
	var parts []string
	for _, b := range r.Bands {
		parts = append(parts, fmt.Sprintf("%s:%s", Num(b.At), Num(b.Share*100)))
	}
	return strings.Join(parts, " ")
}

// ParseBands reads "3:100 2:67 1:33" (separators: space, comma, semicolon, in
// either width; ：or : between value and percent).
func ParseBands(s string) ([]Band, error) {
	s = Clean(s)
	f := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" ,;，；、", r) })
	var out []Band
	for _, part := range f {
		part = strings.ReplaceAll(part, "：", ":")
		at, share, ok := strings.Cut(part, ":")
		var b Band
		_, e1 := fmt.Sscan(strings.TrimLeft(at, "≥>=≤<"), &b.At)
		_, e2 := fmt.Sscan(strings.TrimSuffix(share, "%"), &b.Share)
		if !ok || e1 != nil || e2 != nil {
			return nil, Invalid("bands", "evaluation.bands_syntax", part)
		}
		b.Share /= 100
		out = append(out, b)
	}
	return out, nil
}

// Num writes a number without trailing zeros: 3, 2.5, 66.67.
func Num(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// SchemeIndicator is one indicator of a scheme.
type SchemeIndicator struct {
	Code   string  `json:"code"`
	Name   string  `json:"name"` // Chinese name, as evaluation rules word it
	Unit   string  `json:"unit"`
	Source string  `json:"source"` // SourceComputed or SourceEntered
	Weight float64 `json:"weight"` // points out of 100
	Rule   Rule    `json:"rule"`
}

// EvalScheme is how platforms of one kind (optionally of one legal-entity type)
// are scored in one year. A year's results keep the scheme they were computed
// with: schemes are stored per year.
type EvalScheme struct {
	Year       int               `json:"year"`
	Kind       string            `json:"kind"`       // PlatformKinds
	LegalType  string            `json:"legal_type"` // LegalTypes, "" for every type
	Example    bool              `json:"example"`    // a shipped default, to adapt
	Indicators []SchemeIndicator `json:"indicators"`
	By         string            `json:"by,omitempty"`
	At         time.Time         `json:"at,omitzero"`
}

// Key is the storage key of a scheme.
func (s EvalScheme) Key() string { return SchemeKey(s.Year, s.Kind, s.LegalType) }

// SchemeKey is the storage key of the scheme for a year, kind and legal type.
func SchemeKey(year int, kind, legalType string) string {
	return fmt.Sprintf("%04d\x00%s\x00%s", year, kind, legalType)
}

var indicatorCodeOK = func(c string) bool {
	if c == "" || len(c) > 40 {
		return false
	}
	for _, r := range c {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// Normalize cleans and checks the scheme: a known kind and legal type, named
// indicators with unique codes, sane rules, and weights totalling 100.
func (s *EvalScheme) Normalize() error {
	if !ValidQuotaYear(s.Year) {
		return Invalid("year", "evaluation.year", s.Year)
	}
	var ok bool
	if s.Kind, ok = PlatformKinds.Parse(s.Kind); !ok {
		return Invalid("kind", "field.choice", s.Kind, PlatformKinds)
	}
	if Clean(s.LegalType) != "" {
		if s.LegalType, ok = LegalTypes.Parse(s.LegalType); !ok {
			return Invalid("legal_type", "field.choice", s.LegalType, LegalTypes)
		}
	} else {
		s.LegalType = ""
	}
	if len(s.Indicators) == 0 {
		return Invalid("indicators", "evaluation.no_indicators")
	}
	seen := map[string]bool{}
	total := 0.0
	for i := range s.Indicators {
		in := &s.Indicators[i]
		in.Code = strings.ToLower(CleanCode(in.Code))
		in.Name, in.Unit = Clean(in.Name), Clean(in.Unit)
		if !indicatorCodeOK(in.Code) {
			return Invalid("code", "evaluation.code", in.Code)
		}
		if seen[in.Code] {
			return Invalid("code", "evaluation.code_twice", in.Code)
		}
		seen[in.Code] = true
		if in.Name == "" {
			return Invalid("name", "field.required")
		}
		if IsComputed(in.Code) {
			in.Source = SourceComputed
		} else if in.Source == SourceComputed {
			return Invalid("code", "evaluation.not_computed", in.Code)
		} else {
			in.Source = SourceEntered
		}
		if !(in.Weight > 0) || in.Weight > 100 {
			return Invalid("weight", "evaluation.weight", in.Weight)
		}
		if err := in.Rule.validate("rule"); err != nil {
			return err
		}
		total += in.Weight
	}
	if math.Abs(total-100) > 1e-6 {
		return Invalid("weight", "evaluation.weights_total", Num(total), s.Kind)
	}
	return nil
}

// Grades of an evaluation: the codes of Assessments (优秀/良好/合格/不合格).
const (
	GradeExcellent = "excellent"
	GradeGood      = "good"
	GradePass      = "pass"
	GradeFail      = "fail"
)

// Grades names the grades of an evaluation.
var Grades = Assessments

// Evaluation states of a year.
const (
	EvalOpen      = "open"      // figures and schemes may change; runs replace the results
	EvalFinalized = "finalized" // results fixed
)

// EvalYear is one year's evaluation: its grading thresholds, the cap on the
// share of 优秀 within a kind, the rectification terms and its state.
type EvalYear struct {
	Year      int     `json:"year"`
	Excellent float64 `json:"excellent"` // score from which a platform is 优秀 (90)
	Good      float64 `json:"good"`      // 良好 (70)
	Pass      float64 `json:"pass"`      // 合格 (60); below it 不合格
	// ExcellentCap is the largest share (0–1) of a kind's platforms rated 优秀;
	// 0 for no cap.
	ExcellentCap float64 `json:"excellent_cap"`
	// RectifyDays is how long a failing platform has to rectify, from finalising.
	RectifyDays int `json:"rectify_days"`
	// Supervisor is the department supervising rectification, named in notices.
	Supervisor  string    `json:"supervisor"`
	State       string    `json:"state"`
	RunAt       time.Time `json:"run_at,omitzero"`
	RunBy       string    `json:"run_by,omitempty"`
	FinalizedAt time.Time `json:"finalized_at,omitzero"`
	FinalizedBy string    `json:"finalized_by,omitempty"`
}

// DefaultEvalYear is a year's evaluation with the usual thresholds (90, 70,
// 60), no cap on 优秀 and six months to rectify.
func DefaultEvalYear(year int) EvalYear {
	return EvalYear{Year: year, Excellent: 90, Good: 70, Pass: 60, RectifyDays: 180, Supervisor: "温州市科学技术局",
		State: EvalOpen}
}

// Normalize checks the thresholds and terms.
func (y *EvalYear) Normalize() error {
	if !ValidQuotaYear(y.Year) {
		return Invalid("year", "evaluation.year", y.Year)
	}
	if !(y.Pass > 0 && y.Pass < y.Good && y.Good < y.Excellent && y.Excellent <= 100) {
		return Invalid("thresholds", "evaluation.thresholds", Num(y.Excellent), Num(y.Good), Num(y.Pass))
	}
	if y.ExcellentCap < 0 || y.ExcellentCap > 1 {
		return Invalid("excellent_cap", "evaluation.cap", Num(y.ExcellentCap*100))
	}
	if y.RectifyDays < 1 || y.RectifyDays > 730 {
		return Invalid("rectify_days", "evaluation.rectify_days", y.RectifyDays)
	}
	y.Supervisor = Clean(y.Supervisor)
	if y.Supervisor == "" {
		return Invalid("supervisor", "field.required")
	}
	if y.State == "" {
		y.State = EvalOpen
	}
	return nil
}

// Grade returns the grade of a score by the year's thresholds (before any cap).
func (y EvalYear) Grade(score float64) string {
	switch {
	case score >= y.Excellent:
		return GradeExcellent
	case score >= y.Good:
		return GradeGood
	case score >= y.Pass:
		return GradePass
	}
	return GradeFail
}

// Figure review states.
const (
	FigureSubmitted = "submitted"
	FigureAccepted  = "accepted"
	FigureRejected  = "rejected"
)

// FigureStatuses names the review states of an entered figure.
var FigureStatuses = Terms{{FigureSubmitted, "待审核", "Submitted"}, {FigureAccepted, "已采纳", "Accepted"},
	{FigureRejected, "已退回", "Rejected"}}

// EvalFigure is one entered indicator value of a platform for a year, with a
// note of its evidence; it counts once the bureau has accepted it.
type EvalFigure struct {
	Year       int       `json:"year"`
	Platform   string    `json:"platform"`
	Code       string    `json:"code"`
	Value      float64   `json:"value"`
	Evidence   string    `json:"evidence"`
	Status     string    `json:"status"`
	By         string    `json:"by"`
	At         time.Time `json:"at"`
	ReviewedBy string    `json:"reviewed_by,omitempty"`
	ReviewedAt time.Time `json:"reviewed_at,omitzero"`
	ReviewNote string    `json:"review_note,omitempty"`
}

// FigureKey is the storage key of a figure.
func FigureKey(year int, platform, code string) string {
	return fmt.Sprintf("%04d\x00%s\x00%s", year, platform, code)
}

// Normalize checks the figure's value and evidence.
func (f *EvalFigure) Normalize() error {
	f.Code = strings.ToLower(CleanCode(f.Code))
	f.Platform = Clean(f.Platform)
	f.Evidence = Clean(f.Evidence)
	switch {
	case !ValidQuotaYear(f.Year):
		return Invalid("year", "evaluation.year", f.Year)
	case !indicatorCodeOK(f.Code):
		return Invalid("code", "evaluation.code", f.Code)
	case IsComputed(f.Code):
		return Invalid("code", "evaluation.computed_figure", f.Code)
	case math.IsNaN(f.Value) || math.IsInf(f.Value, 0) || f.Value < 0 || f.Value > 1e9:
		return Invalid("value", "evaluation.value", f.Value)
	case f.Evidence == "":
		return Invalid("evidence", "evaluation.evidence_required")
	case len([]rune(f.Evidence)) > 500:
		return Invalid("evidence", "field.too_long", 500)
	}
	return nil
}

// ItemScore is one indicator's part of a platform's score.
type ItemScore struct {
	Code   string  `json:"code"`
	Name   string  `json:"name"`
	Unit   string  `json:"unit"`
	Source string  `json:"source"`
	Value  float64 `json:"value"`
	// Known is false for a figure not entered or not yet accepted, and for a
	// rate with nothing to count: it earns nothing.
	Known  bool    `json:"known"`
	Weight float64 `json:"weight"`
	Points float64 `json:"points"`
	// Lower is better for this indicator (terminations).
	Lower bool `json:"lower,omitempty"`
}

// Short reports whether the indicator fell short: under 60 % of its weight.
func (it ItemScore) Short() bool { return it.Points < 0.6*it.Weight-1e-9 }

// EvalResult is one platform's evaluation for a year.
type EvalResult struct {
	Year      int         `json:"year"`
	Platform  string      `json:"platform"`
	Kind      string      `json:"kind"`
	LegalType string      `json:"legal_type"`
	Level     string      `json:"level"`
	Score     float64     `json:"score"`
	Grade     string      `json:"grade"`
	Rank      int         `json:"rank"`   // within the kind, 1 the best; equal scores share a rank
	Of        int         `json:"of"`     // platforms of the kind evaluated
	Capped    bool        `json:"capped"` // scored 优秀 but over the kind's cap: 良好
	Items     []ItemScore `json:"items"`
	// Deadline is set on finalising a failing platform: it must rectify by then.
	Deadline Date `json:"deadline,omitzero"`
	// Recheck is the outcome of the re-check after rectification: "", passed or failed.
	Recheck       string    `json:"recheck,omitempty"`
	RecheckReason string    `json:"recheck_reason,omitempty"`
	RecheckBy     string    `json:"recheck_by,omitempty"`
	RecheckAt     time.Time `json:"recheck_at,omitzero"`
}

// Re-check outcomes.
const (
	RecheckPassed = "passed"
	RecheckFailed = "failed"
)

// ResultKey is the storage key of a result.
func ResultKey(year int, platform string) string { return fmt.Sprintf("%04d\x00%s", year, platform) }

// ShortItems returns the indicators that fell short.
func (r EvalResult) ShortItems() []ItemScore {
	var out []ItemScore
	for _, it := range r.Items {
		if it.Short() {
			out = append(out, it)
		}
	}
	return out
}
