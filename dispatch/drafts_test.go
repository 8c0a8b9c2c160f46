package dispatch

import (
	"testing"

	"secondment/model"
)

func TestUpdateDraft(t *testing.T) {
	f := newFixture(t)
	p := f.place(wzu, "WZU2025001", platA, model.Draft)
	d := PlacementDraft{Platform: platB, Start: model.MustDate("2026-04-01"), End: model.MustDate("2026-10-31"),
		Task: "低压电器可靠性", Supervisor: "陈工", Allowance: 2500}
	got, _, err := f.s.UpdateDraft(f.admin, p.No, d)
	if err != nil {
		t.Fatal(err)
	}
	if got.No != p.No || got.Platform != platB || got.Task != d.Task || got.Allowance != 2500 || got.Start != d.Start ||
		got.StudentNumber != "WZU2025001" || got.Status != model.Draft {
		t.Fatalf("after edit: %+v", got)
	}
	stored, _ := f.s.Placement(f.admin, p.No)
	if stored.Platform != platB {
		t.Fatalf("stored: %+v", stored)
	}
	for _, tc := range []struct {
		name string
		sess *Session
		d    PlacementDraft
		code string
	}{
		{"end before start", f.admin, PlacementDraft{Platform: platB, Start: model.MustDate("2026-10-01"), End: model.MustDate("2026-04-01"), Task: "x"}, model.EInvalid},
		{"beyond study years", f.admin, PlacementDraft{Platform: platB, Start: model.MustDate("2026-10-01"), End: model.MustDate("2028-10-01"), Task: "x"}, model.EInvalid},
		{"no task", f.admin, PlacementDraft{Platform: platB, Start: d.Start, End: d.End}, model.EInvalid},
		{"unknown platform", f.admin, PlacementDraft{Platform: "没有的平台", Start: d.Start, End: d.End, Task: "x"}, model.ENotFound},
		{"platform HR", f.hrB, d, model.EForbidden},
		{"student", f.stu, d, model.EForbidden},
		{"other university's office", f.wzuOff, d, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := f.s.UpdateDraft(tc.sess, p.No, tc.d)
			wantCode(t, err, tc.code)
		})
	}
	// A revoked platform takes no drafts, edited ones included.
	if _, err := f.s.SetPlatformStatus(f.admin, platC, "revoked", "年度评价不合格"); err != nil {
		t.Fatal(err)
	}
	d.Platform = platC
	_, _, err = f.s.UpdateDraft(f.admin, p.No, d)
	wantKey(t, err, "platform.revoked")
	// Only drafts.
	q := f.place(wmu, "WMU2025001", platA, model.Approved)
	_, _, err = f.s.UpdateDraft(f.admin, q.No, PlacementDraft{Platform: platA, Start: q.Start, End: q.End, Task: "x"})
	wantKey(t, err, "placement.not_draft")
}

func TestWithdrawDraft(t *testing.T) {
	f := newFixture(t)
	p := f.place(wzu, "WZU2025001", platA, model.Draft)
	_, err := f.s.Withdraw(f.admin, p.No, " ")
	wantKey(t, err, "step.reason_required")
	_, err = f.s.Withdraw(f.hrA, p.No, "学生放弃")
	wantCode(t, err, model.EForbidden)
	w, err := f.s.Withdraw(f.admin, p.No, "学生放弃")
	if err != nil {
		t.Fatal(err)
	}
	if w.Status != model.Withdrawn || w.Reason != "学生放弃" || !w.EndedOn.IsZero() {
		t.Fatalf("withdrawn: %+v", w)
	}
	// Kept, no longer open: the student gets a new placement with a new number.
	q := f.place(wzu, "WZU2025001", platB, model.Draft)
	if q.No == p.No {
		t.Fatalf("number %s reused", p.No)
	}
	if _, err := f.s.Placement(f.admin, p.No); err != nil {
		t.Fatal(err)
	}
	list, _ := f.s.Placements(f.admin, PlacementFilter{Status: "已作废"})
	if len(list) != 1 || list[0].No != p.No {
		t.Fatalf("withdrawn list: %v", list)
	}
	// Nothing follows a withdrawal; an approved placement cannot be withdrawn.
	_, _, err = f.s.Step(f.admin, p.No, model.Approved, model.StepInput{})
	wantKey(t, err, "placement.transition")
	r := f.place(wmu, "WMU2025001", platA, model.Approved)
	_, err = f.s.Withdraw(f.admin, r.No, "x")
	wantKey(t, err, "placement.transition")
	// Not printed as an agreement, not in batches.
	_, err = f.s.PrintAgreement(f.admin, p.No)
	wantKey(t, err, "agreement.withdrawn")
	as, _ := f.s.Agreements(f.admin, platA)
	for _, a := range as {
		if a.Placement.No == p.No {
			t.Fatal("withdrawn draft in the batch")
		}
	}
	rows, _ := f.s.Roster(f.admin, platA, "")
	for _, a := range rows {
		if a.Placement.No == p.No {
			t.Fatal("withdrawn draft on the roster")
		}
	}
	// Audited.
	log, _ := f.s.AuditLog(f.admin, p.No, 0)
	found := false
	for _, e := range log {
		found = found || e.Op == "placement.withdrawn"
	}
	if !found {
		t.Fatal("withdrawal not audited")
	}
}
