package model

import (
	"time"
	"unicode/utf8"
)

// The end of a placement in depth: the mid-term check at the halfway point,
// the final assessment combining three marks, and the signed agreement's
// return to the office.

// Weights are the shares (percent, summing to 100) of the university
// supervisor's, the platform supervisor's and the defence panel's marks in the
// final score. Each university chooses its own; DefaultWeights otherwise.
type Weights struct {
	University int `json:"university"`
	Platform   int `json:"platform"`
	Defence    int `json:"defence"`
}

// DefaultWeights are 30 / 30 / 40.
var DefaultWeights = Weights{University: 30, Platform: 30, Defence: 40}

// Validate checks that each weight is 0–100 and that they sum to 100.
func (w Weights) Validate() error {
	for _, f := range []struct {
		name string
		v    int
	}{{"university_weight", w.University}, {"platform_weight", w.Platform}, {"defence_weight", w.Defence}} {
		if f.v < 0 || f.v > 100 {
			return Invalid(f.name, "weights.range", f.v)
		}
	}
	if sum := w.University + w.Platform + w.Defence; sum != 100 {
		return Invalid("university_weight", "weights.total", sum)
	}
	return nil
}

// AssessWeights returns the university's weights, or DefaultWeights.
func (u University) AssessWeights() Weights {
	if u.Weights != nil {
		return *u.Weights
	}
	return DefaultWeights
}

// FinalMarks are the three marks (0–100) of the final assessment and, once the
// office has assessed the placement, the weights used, the score and the grade
// the score earns. Marks not yet given are nil.
type FinalMarks struct {
	University *int `json:"university,omitempty"` // 校内导师
	Platform   *int `json:"platform,omitempty"`   // 平台导师
	Defence    *int `json:"defence,omitempty"`    // 答辩小组
	// Set by the assessment.
	Weights *Weights `json:"weights,omitempty"`
	Score   float64  `json:"score,omitempty"`
	Grade   string   `json:"grade,omitempty"` // Assessments, by the score alone
	// AbsenceFail records that the one-third rule made the result 不合格
	// whatever the score.
	AbsenceFail bool `json:"absence_fail,omitempty"`
}

// MarkParts name the three marks.
var MarkParts = Terms{
	{"university_mark", "校内导师评分", "university supervisor's mark"},
	{"platform_mark", "平台导师评分", "platform supervisor's mark"},
	{"defence_mark", "答辩评分", "defence mark"},
}

// Complete reports whether all three marks are given.
func (m *FinalMarks) Complete() bool {
	return m != nil && m.University != nil && m.Platform != nil && m.Defence != nil
}

// CheckMark refuses a mark outside 0–100.
func CheckMark(field string, m *int) error {
	if m != nil && (*m < 0 || *m > 100) {
		return Invalid(field, "mark.range", *m)
	}
	return nil
}

// Score returns the weighted score Σ w·m / 100 in hundredths (exact: the grade
// boundaries are compared without rounding).
func (w Weights) Score(university, platform, defence int) int {
	return w.University*university + w.Platform*platform + w.Defence*defence
}

// GradeOf returns the grade of a score given in hundredths: 优秀 from 90, 良好
// from 80, 合格 from 60, else 不合格.
func GradeOf(hundredths int) string {
	switch {
	case hundredths >= 9000:
		return "excellent"
	case hundredths >= 8000:
		return "good"
	case hundredths >= 6000:
		return "pass"
	}
	return "fail"
}

// Mid-term results.
var MidtermResults = Terms{{"pass", "合格", "Pass"}, {"improve", "需改进", "Needs improvement"}, {"fail", "不合格", "Fail"}}

// Midterm is the mid-term check (中期检查), held at or after the halfway point.
type Midterm struct {
	On              Date      `json:"on"`
	Progress        string    `json:"progress"`
	Problems        string    `json:"problems"`
	UniOpinion      string    `json:"uni_opinion"`
	PlatformOpinion string    `json:"platform_opinion"`
	Result          string    `json:"result"` // MidtermResults
	By              string    `json:"by,omitempty"`
	At              time.Time `json:"at,omitzero"`
}

// Normalize cleans and checks the mid-term record.
func (m *Midterm) Normalize() error {
	var ps Problems
	m.Progress = cleanFreeText("progress", m.Progress, 1000, &ps)
	m.Problems = cleanFreeText("problems", m.Problems, 1000, &ps)
	m.UniOpinion = cleanFreeText("uni_opinion", m.UniOpinion, 500, &ps)
	m.PlatformOpinion = cleanFreeText("platform_opinion", m.PlatformOpinion, 500, &ps)
	m.Result = parseTerm("result", MidtermResults, m.Result, true, &ps)
	return ps.err()
}

// Halfway returns the placement's halfway day, when the mid-term check is due.
func (p Placement) Halfway() Date {
	days := int(p.End.Time().Sub(p.Start.Time()).Hours() / 24)
	return p.Start.AddDate(0, 0, days/2)
}

// AgreementReturn records that the signed agreement came back to the office.
type AgreementReturn struct {
	On         Date      `json:"on"`
	Copies     int       `json:"copies"`
	ReceivedBy string    `json:"received_by"`
	By         string    `json:"by,omitempty"`
	At         time.Time `json:"at,omitzero"`
}

// ReturnDays is how long after approval the signed agreement should be back.
const ReturnDays = 15

// Normalize checks the return: a date, 1–10 copies (one when not given) and
// who received it.
func (r *AgreementReturn) Normalize() error {
	if r.On.IsZero() {
		return Invalid("date", "field.required")
	}
	if r.Copies == 0 {
		r.Copies = 1
	}
	if r.Copies < 0 || r.Copies > 10 {
		return Invalid("copies", "return.copies", r.Copies)
	}
	r.ReceivedBy = Clean(r.ReceivedBy)
	if utf8.RuneCountInString(r.ReceivedBy) > 30 {
		return Invalid("received_by", "field.too_long", 30)
	}
	return nil
}

// ApprovedOn returns the day the placement was approved (zero if never).
func (p Placement) ApprovedOn() Date {
	for _, s := range p.History {
		if s.To == Approved {
			if !s.Date.IsZero() {
				return s.Date
			}
			return DateOf(s.At)
		}
	}
	return Date{}
}
