package model

import (
	"testing"
	"time"
)

var allStates = []string{Draft, Approved, Dispatched, Arrived, Completed, Terminated}

func TestCanTransitionMatrix(t *testing.T) {
	legal := map[[2]string]bool{
		{Draft, Approved}: true, {Approved, Dispatched}: true, {Dispatched, Arrived}: true, {Arrived, Completed}: true,
		{Draft, Terminated}: true, {Approved, Terminated}: true, {Dispatched, Terminated}: true, {Arrived, Terminated}: true,
	}
	for _, from := range allStates {
		for _, to := range allStates {
			if got := CanTransition(from, to); got != legal[[2]string{from, to}] {
				t.Errorf("CanTransition(%s, %s) = %v", from, to, got)
			}
		}
	}
}

func samplePlacement() Placement {
	return Placement{No: "XP2026-00001", Status: Draft, Start: MustDate("2026-03-01"), End: MustDate("2026-12-31")}
}

func TestTransitionRecordsSteps(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	p := samplePlacement()
	steps := []struct {
		to string
		in StepInput
	}{
		{Approved, StepInput{}},
		{Dispatched, StepInput{}},
		{Arrived, StepInput{Date: MustDate("2026-03-02")}},
		{Completed, StepInput{Date: MustDate("2026-11-20"), Assessment: "优秀"}},
	}
	for _, s := range steps {
		if err := p.Transition(s.to, s.in, "admin", now); err != nil {
			t.Fatalf("to %s: %v", s.to, err)
		}
	}
	if len(p.History) != 4 || p.History[2].From != Dispatched || p.History[2].To != Arrived || p.History[2].By != "admin" {
		t.Fatalf("history = %+v", p.History)
	}
	if p.ArrivedOn.String() != "2026-03-02" || p.EndedOn.String() != "2026-11-20" || p.Assessment != "excellent" {
		t.Fatalf("placement = %+v", p)
	}
	if err := p.Transition(Terminated, StepInput{Reason: "x"}, "admin", now); ErrorCode(err) != ERule {
		t.Fatalf("terminating a completed placement: %v", err)
	}
}

func TestTransitionRefusals(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		from string
		to   string
		in   StepInput
		key  string
	}{
		{"skip approval", Draft, Dispatched, StepInput{}, "placement.transition"},
		{"back to draft", Approved, Draft, StepInput{}, "placement.transition"},
		{"terminate without reason", Approved, Terminated, StepInput{Reason: "  "}, "step.reason_required"},
		{"arrival before start", Dispatched, Arrived, StepInput{Date: MustDate("2026-02-01")}, "step.arrival_outside"},
		{"arrival in the future", Dispatched, Arrived, StepInput{Date: MustDate("2026-12-01")}, "step.future"},
		{"bad assessment", Arrived, Completed, StepInput{Assessment: "很好"}, "field.choice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := samplePlacement()
			p.Status = tt.from
			p.ArrivedOn = MustDate("2026-03-05")
			before := len(p.History)
			err := p.Transition(tt.to, tt.in, "admin", now)
			e, ok := err.(*Error)
			if !ok || e.Key != tt.key {
				t.Fatalf("err = %v; want %s", err, tt.key)
			}
			if p.Status != tt.from || len(p.History) != before {
				t.Fatalf("refused step changed the placement: %+v", p)
			}
		})
	}
}

func TestValidatePeriod(t *testing.T) {
	master := Student{Degree: "master", EnrolmentYear: 2025}
	doctor := Student{Degree: "doctor", EnrolmentYear: 2022}
	tests := []struct {
		name       string
		s          Student
		start, end string
		key        string
	}{
		{"fine", master, "2026-03-01", "2026-12-31", ""},
		{"end before start", master, "2026-03-01", "2026-02-01", "period.order"},
		{"same day", master, "2026-03-01", "2026-03-01", "period.order"},
		{"before enrolment", master, "2025-06-01", "2025-12-31", "period.study_years"},
		{"after master graduation", master, "2027-09-01", "2028-09-30", "period.study_years"},
		{"doctor may stay longer", doctor, "2025-09-01", "2027-08-31", ""},
		{"more than three years", doctor, "2022-09-01", "2025-09-02", "period.too_long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidatePeriod(MustDate(tt.start), MustDate(tt.end), tt.s)
			if tt.key == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if e, ok := err.(*Error); !ok || e.Key != tt.key {
				t.Fatalf("err = %v; want %s", err, tt.key)
			}
		})
	}
}

func TestStudentNormalize(t *testing.T) {
	today := MustDate("2026-11-25")
	s := Student{
		Number: "２０２５１０１", Name: " 张三 ", Gender: "男", University: "温州大学", School: "化学与材料工程学院",
		Major: "材料科学", Degree: "硕士", DegreeType: "专业学位", EnrolmentYear: 2025, Supervisor: "李四",
		Mobile: "+86 138-1234-5678", Email: "ZS@WZU.EDU.CN", IDNumber: withCheck("33030220010101123"),
	}
	if err := s.Normalize(today); err != nil {
		t.Fatal(err)
	}
	if s.Number != "2025101" || s.Name != "张三" || s.Gender != "male" || s.Degree != "master" ||
		s.DegreeType != "professional" || s.Mobile != "13812345678" || s.Email != "ZS@wzu.edu.cn" {
		t.Fatalf("normalised = %+v", s)
	}
	bad := Student{Number: "", Name: "", Gender: "未知", EnrolmentYear: 2030, Mobile: "123", Email: "x", IDNumber: "123"}
	err := bad.Normalize(today)
	p, ok := err.(Problems)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	fields := map[string]bool{}
	for _, e := range p {
		fields[e.Field] = true
	}
	for _, f := range []string{"number", "name", "gender", "enrolment_year", "mobile", "email", "id_number", "degree"} {
		if !fields[f] {
			t.Errorf("no problem reported for %s (got %v)", f, p)
		}
	}
	if ErrorCode(err) != EInvalid {
		t.Errorf("ErrorCode = %s", ErrorCode(err))
	}
}

func TestAuditChain(t *testing.T) {
	a := AuditEntry{Seq: 1, Actor: "admin", Op: "student.create", Record: "student/1"}
	a.Seal("")
	b := AuditEntry{Seq: 2, Actor: "admin", Op: "placement.approve", Record: "placement/XP"}
	b.Seal(a.Hash)
	if b.ComputeHash() != b.Hash || b.Prev != a.Hash {
		t.Fatal("sealed entry does not verify")
	}
	b.Actor = "mallory"
	if b.ComputeHash() == b.Hash {
		t.Fatal("edited entry still verifies")
	}
}

func TestFreeTextKeepsChinesePunctuation(t *testing.T) {
	got := CleanText("　新药筛选平台建设（一期），含数据分析：细胞实验；ＡＩ模型２期 ")
	if want := "新药筛选平台建设（一期），含数据分析：细胞实验；AI模型2期"; got != want {
		t.Fatalf("%q, want %q", got, want)
	}
}

func TestLogPeriods(t *testing.T) {
	for _, c := range []struct {
		cadence, in, canon, first, last string
	}{
		{Weekly, "2026-W48", "2026-W48", "2026-11-23", "2026-11-29"},
		{Weekly, "2026w1", "2026-W01", "2025-12-29", "2026-01-04"},
		{Weekly, "2020-W53", "2020-W53", "2020-12-28", "2021-01-03"},
		{Monthly, "2026年2月", "2026-02", "2026-02-01", "2026-02-28"},
	} {
		canon, first, last, err := ParsePeriod(c.cadence, c.in)
		if err != nil || canon != c.canon || first.String() != c.first || last.String() != c.last {
			t.Errorf("%s: %s %s %s %v", c.in, canon, first, last, err)
		}
		if PeriodOf(c.cadence, first) != canon || PeriodOf(c.cadence, last) != canon || PeriodEnd(c.cadence, first) != last {
			t.Errorf("%s: PeriodOf/PeriodEnd disagree", c.in)
		}
	}
	for _, bad := range []string{"2026-W54", "2026-W00", "2026-11", "W48"} {
		if _, _, _, err := ParsePeriod(Weekly, bad); err == nil {
			t.Errorf("weekly %q accepted", bad)
		}
	}
	got := FullPeriods(Weekly, MustDate("2026-11-04"), MustDate("2026-12-31"), MustDate("2026-11-23"))
	if len(got) != 3 || got[0] != "2026-W45" || got[2] != "2026-W47" {
		t.Errorf("full weeks: %v", got)
	}
}
