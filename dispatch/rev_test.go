package dispatch

import (
	"testing"

	"secondment/model"
)

// TestStaleViewCannotWrite: two clerks open the same placement; the first
// one's step goes through, the second one's, made from the view before it, is
// refused and changes nothing. A step that names no revision (a script) is
// not checked.
func TestStaleViewCannotWrite(t *testing.T) {
	f := newFixture(t)
	p := f.place(wzu, "WZU2025001", platA, model.Draft)
	seen, err := f.s.Placement(f.admin, p.No) // both clerks' view
	if err != nil {
		t.Fatal(err)
	}
	if seen.Rev == 0 {
		t.Fatal("a new placement has no revision")
	}
	edited := PlacementDraft{Platform: seen.Platform, Start: seen.Start, End: seen.End, Task: "调整后的任务", Rev: seen.Rev}
	if _, _, err := f.s.UpdateDraft(f.admin, p.No, edited); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.s.Step(f.admin, p.No, model.Approved, model.StepInput{Rev: seen.Rev})
	wantKey(t, err, "record.stale.placement")
	now, err := f.s.Placement(f.admin, p.No)
	if err != nil {
		t.Fatal(err)
	}
	if now.Status != model.Draft || now.Task != "调整后的任务" || now.Rev != seen.Rev+1 {
		t.Fatalf("after the refused step: %+v", now)
	}
	edited.Task, edited.Rev = "又一次", seen.Rev
	_, _, err = f.s.UpdateDraft(f.admin, p.No, edited)
	wantKey(t, err, "record.stale.placement")
	if _, _, err := f.s.Step(f.admin, p.No, model.Approved, model.StepInput{Rev: now.Rev}); err != nil {
		t.Fatalf("a step from the current view: %v", err)
	}
	if _, _, err := f.s.Step(f.admin, p.No, model.Withdrawn, model.StepInput{Reason: "脚本"}); err != nil && model.ErrorCode(err) == model.EConflict {
		t.Fatalf("an unchecked step was refused as stale: %v", err)
	}
}
