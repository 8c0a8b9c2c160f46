package dispatch

import (
	"errors"

	"secondment/model"
)

// The final assessment: three marks (0–100) — the university supervisor's, the
// platform supervisor's and a defence panel's — weighted by the student's
// university (model.DefaultWeights 30/30/40 unless the office set others),
// give the score and the grade (优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else 不合格).
// The platform's HR gives the platform supervisor's mark (what used to be
// their single assessment); the office gives any mark, and assesses: with all
// three marks in hand it computes the result, applies the one-third absence
// rule and completes the placement. `placement complete --assessment` (Step)
// still completes with a grade given directly, under the same absence rule.

// MarksInput gives some of the three marks; nil leaves a mark as it is.
type MarksInput struct {
	University *int
	Platform   *int
	Defence    *int
	Rev        int // the revision the user saw (0: not checked)
}

// AssessInput is the office's final assessment: any marks still to give, the
// day the placement ends (today when zero) and a note.
type AssessInput struct {
	MarksInput
	Date model.Date
	Note string
}

func (in MarksInput) check() error {
	var ps model.Problems
	for _, f := range []struct {
		name string
		m    *int
	}{{"university_mark", in.University}, {"platform_mark", in.Platform}, {"defence_mark", in.Defence}} {
		if err := model.CheckMark(f.name, f.m); err != nil {
			ps = append(ps, err.(*model.Error))
		}
	}
	if len(ps) > 0 {
		return ps
	}
	return nil
}

// apply merges the marks given into p's.
func (in MarksInput) apply(p *model.Placement) {
	if p.Marks == nil {
		p.Marks = &model.FinalMarks{}
	}
	if in.University != nil {
		p.Marks.University = ptr(*in.University)
	}
	if in.Platform != nil {
		p.Marks.Platform = ptr(*in.Platform)
	}
	if in.Defence != nil {
		p.Marks.Defence = ptr(*in.Defence)
	}
}

func ptr[T any](v T) *T { return &v }

// RecordMarks records marks of a placement on site: the platform's HR the
// platform supervisor's mark only (EForbidden for another), the office any.
func (s *Service) RecordMarks(sess *Session, no string, in MarksInput) (model.Placement, error) {
	u := sess.user
	switch {
	case !isHost(u):
		return model.Placement{}, forbidden("marks")
	case u.Role == model.PlatformHR && (in.University != nil || in.Defence != nil):
		return model.Placement{}, forbidden("marks_platform_only")
	case in.University == nil && in.Platform == nil && in.Defence == nil:
		return model.Placement{}, model.Invalid("platform_mark", "field.required")
	}
	if err := in.check(); err != nil {
		return model.Placement{}, err
	}
	return s.onPlacement(sess, no, in.Rev, "placement.marks", func(_ model.Tx, p *model.Placement) (any, any, error) {
		if err := onSite(*p); err != nil {
			return nil, nil, err
		}
		var before any
		if p.Marks != nil {
			before = *p.Marks
		}
		in.apply(p)
		return before, *p.Marks, nil
	})
}

// Assess gives the final result and completes the placement (office): the
// marks given are recorded, all three must then be in hand (ERule naming the
// missing ones otherwise), the score is weighted by the university's weights,
// and a student away more than a third of the recorded days fails unless the
// office overrode the rule.
func (s *Service) Assess(sess *Session, no string, in AssessInput) (model.Placement, error) {
	if !sess.user.IsOffice() {
		return model.Placement{}, forbidden("assess")
	}
	if err := in.check(); err != nil {
		return model.Placement{}, err
	}
	return s.onPlacement(sess, no, in.Rev, "placement.assess", func(tx model.Tx, p *model.Placement) (any, any, error) {
		if err := onSite(*p); err != nil {
			return nil, nil, err
		}
		before := map[string]any{"status": p.Status, "marks": p.Marks}
		in.apply(p)
		m := p.Marks
		if !m.Complete() {
			var missing model.Terms
			for i, v := range []*int{m.University, m.Platform, m.Defence} {
				if v == nil {
					missing = append(missing, model.MarkParts[i])
				}
			}
			return nil, nil, model.Errorf(model.ERule, "assessment.marks_missing", p.No, missing)
		}
		w := model.DefaultWeights
		if uni, err := tx.University(p.StudentUniversity); err == nil {
			w = uni.AssessWeights()
		} else if !errors.Is(err, model.ErrNotFound) {
			return nil, nil, err
		}
		score := w.Score(*m.University, *m.Platform, *m.Defence)
		m.Weights, m.Score, m.Grade = &w, float64(score)/100, model.GradeOf(score)
		result := m.Grade
		if m.AbsenceFail = p.FailsOnAbsence(); m.AbsenceFail {
			result = "fail"
		}
		step := model.StepInput{Date: in.Date, Assessment: result, Note: in.Note}
		if err := p.Transition(model.Completed, step, sess.user.Name, s.Now().UTC()); err != nil {
			return nil, nil, err
		}
		return before, map[string]any{"status": p.Status, "marks": p.Marks, "assessment": p.Assessment, "ended_on": p.EndedOn}, nil
	})
}

// SetAssessmentWeights sets a university's weights of the three marks
// (office covering the university); they must sum to 100. Placements already
// assessed keep the weights they were assessed with.
func (s *Service) SetAssessmentWeights(sess *Session, university string, w model.Weights) (model.University, error) {
	if err := w.Validate(); err != nil {
		return model.University{}, err
	}
	return s.changeUniversity(sess, university, "university.weights", func(u *model.University) { u.Weights = &w })
}

// SetLogCadence sets whether a university's students write weekly or monthly
// work logs (office covering the university).
func (s *Service) SetLogCadence(sess *Session, university, cadence string) (model.University, error) {
	code, ok := model.LogCadences.Parse(cadence)
	if !ok {
		return model.University{}, model.Invalid("cadence", "field.choice", cadence, model.LogCadences)
	}
	return s.changeUniversity(sess, university, "university.log_cadence", func(u *model.University) { u.LogCadence = code })
}

func (s *Service) changeUniversity(sess *Session, name, op string, change func(*model.University)) (model.University, error) {
	name = model.Clean(name)
	if !sess.user.CoversUniversity(name) {
		return model.University{}, forbidden("university")
	}
	var u model.University
	err := s.store.Update(func(tx model.Tx) (err error) {
		if u, err = tx.University(name); err != nil {
			return notFound(err, "university.not_found", name)
		}
		before := u
		if u.Weights != nil {
			w := *u.Weights
			before.Weights = &w
		}
		change(&u)
		if err := tx.PutUniversity(u); err != nil {
			return err
		}
		return s.audit(tx, sess, op, "university/"+u.Name, before, u)
	})
	return u, err
}
