package dispatch

import (
	"strings"
	"testing"

	"secondment/i18n"
	"secondment/model"
)

// TestDepartureGate: dispatch waits for insurance over the whole period, the
// pledge and the acceptance, and the refusal names what is missing.
func TestDepartureGate(t *testing.T) {
	f := newFixture(t)
	p := f.place(wzu, "WZU2025001", platA, model.Approved)
	dispatch := func() error {
		_, _, err := f.s.Step(f.admin, p.No, model.Dispatched, model.StepInput{})
		return err
	}
	err := dispatch()
	wantCode(t, err, model.ERule)
	msg := i18n.Message(i18n.Zh, err)
	for _, want := range []string{"意外伤害保险", "学生安全承诺书", "平台接收函"} {
		if !strings.Contains(msg, want) {
			t.Errorf("refusal %q does not name %s", msg, want)
		}
	}

	// Insurance that ends before the period does is not enough.
	short := model.Insurance{Insurer: "中国人寿", Policy: "PA-1", From: p.Start, To: p.End.AddDate(0, 0, -1)}
	if _, err := f.s.SetInsurance(f.admin, p.No, short); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.RecordPledge(f.stu, p.No, p.Start.AddDate(0, 0, -7)); err != nil {
		t.Fatalf("the student records their own pledge: %v", err)
	}
	if _, err := f.s.RecordAcceptance(f.hrA, p.No, p.Start.AddDate(0, 0, -14)); err != nil {
		t.Fatalf("the platform's HR records its acceptance: %v", err)
	}
	err = dispatch()
	wantCode(t, err, model.ERule)
	if msg := i18n.Message(i18n.Zh, err); !strings.Contains(msg, "未覆盖") || strings.Contains(msg, "承诺书") {
		t.Fatalf("with short cover: %q", msg)
	}
	full := short
	full.To = p.End
	if _, err := f.s.SetInsurance(f.admin, p.No, full); err != nil {
		t.Fatal(err)
	}
	if err := dispatch(); err != nil {
		t.Fatalf("ready, still refused: %v", err)
	}
	got, _ := f.s.Placement(f.admin, p.No)
	if got.Status != model.Dispatched || got.Insurance.Policy != "PA-1" || got.PledgeOn.IsZero() || got.AcceptedOn.IsZero() {
		t.Fatalf("after dispatch: %+v", got)
	}
}

// TestDepartureRoles: each party records its own part only.
func TestDepartureRoles(t *testing.T) {
	f := newFixture(t)
	p := f.place(wzu, "WZU2025001", platA, model.Approved)
	other := f.place(wmu, "WMU2025001", platB, model.Approved)
	day := p.Start.AddDate(0, 0, -5)
	ins := model.Insurance{Insurer: "平安", Policy: "X1", From: p.Start, To: p.End}
	for name, err := range map[string]error{
		"HR records insurance":               second(f.s.SetInsurance(f.hrA, p.No, ins)),
		"a student records insurance":        second(f.s.SetInsurance(f.stu, p.No, ins)),
		"HR records a pledge":                second(f.s.RecordPledge(f.hrA, p.No, day)),
		"a student records acceptance":       second(f.s.RecordAcceptance(f.stu, p.No, day)),
		"the bureau records acceptance":      second(f.s.RecordAcceptance(f.bureau, p.No, day)),
		"HR accepts at another platform":     second(f.s.RecordAcceptance(f.hrA, other.No, day)),
		"a student pledges for someone else": second(f.s.RecordPledge(f.stu, other.No, day)),
	} {
		if c := model.ErrorCode(err); c != model.EForbidden && c != model.ENotFound {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Refused input: no policy, cover ending before it starts.
	bad := model.Insurance{Insurer: "平安", From: p.End, To: p.Start}
	_, err := f.s.SetInsurance(f.admin, p.No, bad)
	wantCode(t, err, model.EInvalid)
	if es, _ := f.s.AuditLog(f.admin, "placement.insurance", 10); len(es) != 0 {
		t.Fatal("a refused insurance was recorded")
	}
}
