package demo

import (
	"reflect"
	"testing"

	"secondment/model"
)

func TestGenerateIsValidAndRepeatable(t *testing.T) {
	today := model.MustDate("2026-11-25")
	a := Generate(600, 7, today)
	b := Generate(600, 7, today)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different data")
	}
	if len(a.Students) != 600 || len(a.Universities) < 3 || len(a.Platforms) < 20 {
		t.Fatalf("sizes: %d students, %d universities, %d platforms", len(a.Students), len(a.Universities), len(a.Platforms))
	}
	ids := 0
	for _, st := range a.Students {
		s := st
		if err := s.Normalize(today); err != nil {
			t.Fatalf("invalid sample student %+v: %v", st, err)
		}
		if st.IDNumber != "" {
			ids++
		}
	}
	if ids < 400 {
		t.Errorf("only %d of 600 students carry an ID number", ids)
	}
	kinds, levels, states := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, p := range a.Platforms {
		kinds[p.Kind], levels[p.Level] = true, true
	}
	open := map[string]bool{}
	for _, p := range a.Placements {
		states[p.Status] = true
		if model.IsOpen(p.Status) {
			if open[p.StudentKey()] {
				t.Fatalf("student %s has two open placements", p.StudentNumber)
			}
			open[p.StudentKey()] = true
		}
		for _, step := range p.History {
			if step.At.After(today.Time().AddDate(0, 0, 1)) {
				t.Fatalf("placement %s has a step in the future: %+v", p.No, step)
			}
		}
	}
	if len(kinds) != len(model.PlatformKinds) || len(levels) != len(model.PlatformLevels) || len(states) != len(model.PlacementStatuses) {
		t.Errorf("coverage: %d kinds, %d levels, %d states", len(kinds), len(levels), len(states))
	}
}

// TestOnSiteStates: the sample data shows every state of the placement on
// site, each valid by the rules.
func TestOnSiteStates(t *testing.T) {
	today := model.MustDate("2026-11-25")
	ds := Generate(600, 7, today)
	seen := map[string]bool{}
	for _, p := range ds.Placements {
		for _, a := range p.Attendance {
			if err := a.Normalize(p, today); err != nil {
				t.Fatalf("%s: attendance %+v: %v", p.No, a, err)
			}
			if a.Pay(p.Allowance).Deduction > 0 {
				seen["deduction"] = true
			}
		}
		for _, l := range p.Leaves {
			seen["leave "+l.Status] = true
		}
		if len(p.Logs) > 0 {
			seen["logs"] = true
		}
		for _, l := range p.Logs {
			if l.UniRead != nil && l.PlatformRead != nil {
				seen["log read by both"] = true
			}
		}
		if p.Midterm != nil {
			seen["midterm"] = true
		}
		if p.Marks.Complete() {
			seen["marks"] = true
			if w := p.Marks.Weights; model.GradeOf(w.Score(*p.Marks.University, *p.Marks.Platform, *p.Marks.Defence)) != p.Assessment {
				t.Errorf("%s: marks %+v do not give %s", p.No, p.Marks, p.Assessment)
			}
		} else if p.Marks != nil {
			seen["platform mark only"] = true
		}
		if p.FailsOnAbsence() {
			seen["over a third"] = true
		} else if p.OverOneThird() {
			seen["overridden"] = true
		}
		if p.Returned != nil {
			seen["returned"] = true
		} else if !p.ApprovedOn().IsZero() && p.Status != model.Withdrawn && model.IsOpen(p.Status) &&
			!p.ApprovedOn().AddDate(0, 0, model.ReturnDays).After(today) {
			seen["return due"] = true
		}
	}
	for _, want := range []string{"deduction", "leave pending", "leave approved", "leave refused", "logs", "log read by both",
		"midterm", "marks", "platform mark only", "over a third", "overridden", "returned", "return due"} {
		if !seen[want] {
			t.Errorf("no sample placement shows %q", want)
		}
	}
	var monthly, weights bool
	for _, u := range ds.Universities {
		monthly = monthly || u.LogCadence == model.Monthly
		weights = weights || u.Weights != nil
	}
	if !monthly || !weights {
		t.Error("no university with monthly logs or its own weights")
	}
}

// TestIDNumbersAreUnique: the rules refuse an ID number twice, so a large
// sample (the benchmarks' 100,000 students) must not repeat one.
func TestIDNumbersAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, st := range Generate(100000, 9, model.MustDate("2026-11-25")).Students {
		if st.IDNumber != "" && seen[st.IDNumber] {
			t.Fatalf("ID number %s given twice", st.IDNumber)
		}
		seen[st.IDNumber] = true
	}
}
