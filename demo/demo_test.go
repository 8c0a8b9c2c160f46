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
