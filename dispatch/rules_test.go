package dispatch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"secondment/model"
)

func TestQuotaRefusalAndRaise(t *testing.T) {
	f := newFixture(t)
	f.place(wzu, "WZU2025001", platA, model.Approved)
	f.place(wzu, "WZU2025002", platA, model.Arrived)
	p := f.place(wmu, "WMU2025001", platA, model.Draft)

	_, _, err := f.s.Step(f.admin, p.No, model.Approved, model.StepInput{})
	e := wantKey(t, err, "quota.full")
	if e.Code != model.ERule || e.Args[0] != platA || e.Args[1] != 2026 || e.Args[3] != 2 || e.Args[4] != 2 {
		t.Fatalf("refusal args = %v", e.Args)
	}
	if got, _ := f.s.Placement(f.admin, p.No); got.Status != model.Draft || len(got.History) != 1 {
		t.Fatalf("refused approval changed the placement: %+v", got)
	}

	// Raising needs a reason, may not go below use, and is recorded.
	_, err = f.s.SetQuota(f.admin, QuotaInput{Platform: platA, Year: 2026, Category: "graduate", Total: 3})
	wantKey(t, err, "quota.reason_required")
	_, err = f.s.SetQuota(f.admin, QuotaInput{Platform: platA, Year: 2026, Category: "graduate", Total: 1, Reason: "压缩"})
	wantKey(t, err, "quota.below_used")
	q, err := f.s.SetQuota(f.admin, QuotaInput{Platform: platA, Year: 2026, Category: "研究生选派", Total: 3, Reason: "承担揭榜挂帅项目"})
	if err != nil || q.Total != 3 || q.Used != 2 {
		t.Fatalf("raise: %+v %v", q, err)
	}
	last := q.History[len(q.History)-1]
	if last.From != 2 || last.To != 3 || last.By != "admin" || last.Reason != "承担揭榜挂帅项目" {
		t.Fatalf("history = %+v", q.History)
	}
	if _, _, err := f.s.Step(f.admin, p.No, model.Approved, model.StepInput{}); err != nil {
		t.Fatalf("approve after raise: %v", err)
	}
	qs, _ := f.s.Quotas(f.bureau, QuotaFilter{Platform: platA, Year: 2026, Category: model.Graduate})
	if len(qs) != 1 || qs[0].Used != 3 || qs[0].Total != 3 || !qs[0].Full() {
		t.Fatalf("use after approval = %+v", qs)
	}
	// HR cannot change quotas; HR sees only its own platform's.
	_, err = f.s.SetQuota(f.hrA, QuotaInput{Platform: platA, Year: 2026, Category: "graduate", Total: 9, Reason: "x"})
	wantCode(t, err, model.EForbidden)
	qs, _ = f.s.Quotas(f.hrB, QuotaFilter{})
	for _, q := range qs {
		if q.Platform != platB {
			t.Fatalf("HR of B sees quota of %s", q.Platform)
		}
	}
}

func TestTerminatedPlacementFreesItsPlace(t *testing.T) {
	f := newFixture(t)
	f.place(wzu, "WZU2025001", platA, model.Approved)
	p := f.place(wzu, "WZU2025002", platA, model.Approved)
	if _, _, err := f.s.Step(f.admin, p.No, model.Terminated, model.StepInput{Reason: "课题调整"}); err != nil {
		t.Fatal(err)
	}
	q := f.place(wmu, "WMU2025001", platA, model.Draft)
	if _, _, err := f.s.Step(f.admin, q.No, model.Approved, model.StepInput{}); err != nil {
		t.Fatalf("a terminated placement still holds its place: %v", err)
	}
}

func TestQuotaUnsetRefuses(t *testing.T) {
	f := newFixture(t)
	p, _, err := f.s.NewPlacement(f.admin, PlacementDraft{University: wzu, StudentNumber: "WZU2025001", Platform: platA,
		Start: model.MustDate("2027-09-01"), End: model.MustDate("2028-06-30"), Task: "攻关"})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = f.s.Step(f.admin, p.No, model.Approved, model.StepInput{})
	e := wantKey(t, err, "quota.unset")
	if e.Args[1] != 2028 {
		t.Fatalf("args = %v", e.Args)
	}
}

func TestPlatformStatusBlocks(t *testing.T) {
	f := newFixture(t)
	draft := f.place(wzu, "WZU2025001", platB, model.Draft)
	approved := f.place(wzu, "WZU2025002", platB, model.Approved)
	arrived := f.place(wmu, "WMU2025001", platB, model.Dispatched)

	if _, err := f.s.SetPlatformStatus(f.admin, platB, "整改中", ""); model.ErrorCode(err) != model.EInvalid {
		t.Fatalf("status change without reason: %v", err)
	}
	if _, err := f.s.SetPlatformStatus(f.admin, platB, "整改中", "年度评价不合格"); err != nil {
		t.Fatal(err)
	}
	_, _, err := f.s.Step(f.admin, draft.No, model.Approved, model.StepInput{})
	wantKey(t, err, "platform.rectifying")
	_, _, err = f.s.Step(f.admin, approved.No, model.Dispatched, model.StepInput{})
	wantKey(t, err, "platform.rectifying")
	// A student already on the way may still arrive while the platform rectifies.
	if _, _, err := f.s.Step(f.hrB, arrived.No, model.Arrived, model.StepInput{Date: model.MustDate("2026-03-05")}); err != nil {
		t.Fatalf("arrival during rectification: %v", err)
	}

	res, err := f.s.SetPlatformStatus(f.admin, platB, "revoked", "整改仍不到位，取消认定")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.NeedsReassignment) != 3 {
		t.Fatalf("needs reassignment = %d placements; want 3", len(res.NeedsReassignment))
	}
	_, _, err = f.s.NewPlacement(f.admin, PlacementDraft{University: wmu, StudentNumber: "WMU2025002", Platform: platB,
		Start: model.MustDate("2026-12-01"), End: model.MustDate("2027-05-31"), Task: "x"})
	wantKey(t, err, "platform.revoked")
	list, err := f.s.NeedsReassignment(f.wzuOff)
	if err != nil || len(list) != 2 {
		t.Fatalf("WZU office sees %d placements needing reassignment (%v); want its own 2", len(list), err)
	}
	// Ending a placement stays possible.
	if _, _, err := f.s.Step(f.admin, draft.No, model.Terminated, model.StepInput{Reason: "平台被取消认定"}); err != nil {
		t.Fatal(err)
	}
}

func TestOneOpenPlacementPerStudent(t *testing.T) {
	f := newFixture(t)
	first := f.place(wzu, "WZU2025001", platA, model.Draft)
	_, _, err := f.s.NewPlacement(f.admin, PlacementDraft{University: wzu, StudentNumber: "WZU2025001", Platform: platB,
		Start: model.MustDate("2026-05-01"), End: model.MustDate("2026-10-31"), Task: "x"})
	wantKey(t, err, "placement.student_busy")
	f.s.Step(f.admin, first.No, model.Terminated, model.StepInput{Reason: "改派"})
	if _, _, err := f.s.NewPlacement(f.admin, PlacementDraft{University: wzu, StudentNumber: "WZU2025001", Platform: platB,
		Start: model.MustDate("2026-05-01"), End: model.MustDate("2026-10-31"), Task: "x"}); err != nil {
		t.Fatalf("new placement after termination: %v", err)
	}
}

func TestPeriodChecks(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct{ start, end, key string }{
		{"2026-06-01", "2026-05-01", "period.order"},
		{"2025-01-01", "2025-06-30", "period.study_years"},
		{"2026-01-01", "2029-06-30", "period.too_long"},
	} {
		_, _, err := f.s.NewPlacement(f.admin, PlacementDraft{University: wzu, StudentNumber: "WZU2025001", Platform: platA,
			Start: model.MustDate(c.start), End: model.MustDate(c.end), Task: "x"})
		wantKey(t, err, c.key)
	}
}

func TestSupervisorWarning(t *testing.T) {
	f := newFixture(t)
	_, err := f.s.AddAppointment(f.admin, model.Appointment{Name: "陈教授", Kind: "双聘", University: wzu, UniPost: "教授",
		Platform: platA, PlatformPost: "首席科学家", Start: model.MustDate("2024-01-01"), End: model.MustDate("2026-06-30"),
		Share: 50, Status: "active"})
	if err != nil {
		t.Fatal(err)
	}
	_, warns, err := f.s.NewPlacement(f.admin, PlacementDraft{University: wzu, StudentNumber: "WZU2025001", Platform: platA,
		Start: model.MustDate("2026-03-01"), End: model.MustDate("2026-12-31"), Task: "x", Supervisor: "陈教授"})
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 1 || warns[0].Key != "warn.supervisor_term" {
		t.Fatalf("warnings = %+v", warns)
	}
	_, warns, _ = f.s.NewPlacement(f.admin, PlacementDraft{University: wzu, StudentNumber: "WZU2025002", Platform: platA,
		Start: model.MustDate("2026-03-01"), End: model.MustDate("2026-06-30"), Task: "x", Supervisor: "陈教授"})
	if len(warns) != 0 {
		t.Fatalf("covered term warned: %+v", warns)
	}
}

func TestDualQuotaOnActivation(t *testing.T) {
	f := newFixture(t)
	add := func(name, status string) (model.Appointment, error) {
		return f.s.AddAppointment(f.admin, model.Appointment{Name: name, Kind: "双挂", University: wmu, Platform: platC,
			Start: model.MustDate("2026-01-01"), End: model.MustDate("2026-12-31"), Share: 30, Status: status})
	}
	if _, err := add("甲", "active"); err != nil {
		t.Fatal(err)
	}
	b, err := add("乙", "")
	if err != nil || b.Status != model.AppointmentPending {
		t.Fatalf("pending appointment: %+v %v", b, err)
	}
	_, err = f.s.SetAppointmentStatus(f.admin, b.ID, "active", "")
	e := wantKey(t, err, "quota.full")
	if e.Args[2] != model.Dual {
		t.Fatalf("args = %v", e.Args)
	}
	if _, err := add("丙", "active"); model.ErrorCode(err) != model.ERule {
		t.Fatalf("adding an active appointment over quota: %v", err)
	}
}

func TestUnknownRecordsAndBadInput(t *testing.T) {
	f := newFixture(t)
	_, _, err := f.s.Step(f.admin, "XP2026-99999", model.Approved, model.StepInput{})
	wantCode(t, err, model.ENotFound)
	_, _, err = f.s.NewPlacement(f.admin, PlacementDraft{StudentNumber: "NOPE", Platform: platA, Task: "x",
		Start: model.MustDate("2026-03-01"), End: model.MustDate("2026-04-01")})
	wantKey(t, err, "student.not_found")
	_, err = f.s.AddStudent(f.admin, model.Student{Number: "WZU2025001", Name: "重复", Gender: "男", University: wzu,
		School: "a", Major: "b", Degree: "硕士", DegreeType: "专业学位", EnrolmentYear: 2025, Supervisor: "c",
		Mobile: "13800000000", Email: "a@b.cn"})
	wantKey(t, err, "student.exists")
	_, err = f.s.AddStudent(f.admin, model.Student{Number: "X1", Name: "坏号", Gender: "男", University: wzu,
		School: "a", Major: "b", Degree: "硕士", DegreeType: "专业学位", EnrolmentYear: 2025, Supervisor: "c",
		Mobile: "13800000000", Email: "a@b.cn", IDNumber: "330302200002301234"})
	wantCode(t, err, model.EInvalid)
}

func TestStudentSearch(t *testing.T) {
	f := newFixture(t)
	got, err := f.s.Students(f.admin, StudentFilter{Q: "张"})
	if err != nil || len(got) != 1 || got[0].Name != "张三" {
		t.Fatalf("search 张 = %+v %v", got, err)
	}
	if got, _ := f.s.Students(f.admin, StudentFilter{Q: "ｗｍｕ２０２５"}); len(got) != 2 {
		t.Fatalf("full-width search found %d", len(got))
	}
	if got, _ := f.s.Students(f.admin, StudentFilter{Q: "1381234"}); len(got) != 1 {
		t.Fatalf("office search by mobile found %d", len(got))
	}
	if got, _ := f.s.Students(f.admin, StudentFilter{Q: "wmu 王"}); len(got) != 1 || got[0].Name != "王五" {
		t.Fatalf("two-word search = %+v", got)
	}
	// A student added after the index was built is found at once.
	f.addStudent(wzu, "WZU2025003", "钱七", "13512345678")
	if got, _ := f.s.Students(f.admin, StudentFilter{Q: "钱七"}); len(got) != 1 {
		t.Fatalf("new student not found: %+v", got)
	}
	if got, _ := f.s.Students(f.admin, StudentFilter{University: wmu}); len(got) != 2 {
		t.Fatalf("university filter found %d", len(got))
	}
}

func TestPasswords(t *testing.T) {
	long := strings.Repeat("研究生选派工作台密码", 20)
	for _, pw := range []string{"简单密码也行", long, "ascii-password"} {
		h, err := DefaultHasher.Hash(pw)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
			t.Fatalf("hash %q is not PHC argon2id with the required parameters", h)
		}
		if !Verify(h, pw) || Verify(h, pw+"x") {
			t.Fatalf("verify failed for %q", pw)
		}
	}
	h1, _ := DefaultHasher.Hash("same")
	h2, _ := DefaultHasher.Hash("same")
	if h1 == h2 {
		t.Fatal("two hashes of one password are equal: salt missing")
	}
	f := newFixture(t)
	if _, err := f.s.Login("admin", "wrong"); model.ErrorCode(err) != model.EUnauthorized {
		t.Fatalf("wrong password: %v", err)
	}
	if _, err := f.s.Login("nobody", "管理员密码123"); model.ErrorCode(err) != model.EUnauthorized {
		t.Fatalf("unknown user: %v", err)
	}
	// Throttling is tested in accounts_test.go.
	if _, err := f.s.Bootstrap("second", "good-pass-2", ""); model.ErrorCode(err) != model.EConflict {
		t.Fatalf("second bootstrap: %v", err)
	}
}

func TestCancelledBackupLeavesNoFile(t *testing.T) {
	f := newFixture(t)
	path := t.TempDir() + "/b.db"
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := f.s.BackupContext(ctx, f.admin, path); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled backup: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 0 {
		t.Fatalf("a cancelled backup left %v", entries)
	}
	if err := f.s.Backup(f.admin, path); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal("backup missing")
	}
}

func TestUpdateStudentAndPlatform(t *testing.T) {
	f := newFixture(t)
	p := f.place(wzu, "WZU2025001", platA, model.Approved)
	st, _ := f.s.Student(f.admin, wzu, "WZU2025001")
	st.Name, st.Mobile = "张叁", "13999990000"
	if _, err := f.s.UpdateStudent(f.admin, st); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.Students(f.admin, StudentFilter{Q: "张叁"}); len(got) != 1 || got[0].Mobile != "13999990000" {
		t.Fatalf("after update: %+v", got)
	}
	if got, _ := f.s.Placement(f.admin, p.No); got.StudentName != "张叁" {
		t.Fatalf("open placement keeps the old name: %s", got.StudentName)
	}
	st.Mobile = "123"
	_, err := f.s.UpdateStudent(f.admin, st)
	wantCode(t, err, model.EInvalid)
	_, err = f.s.UpdateStudent(f.hrA, st)
	wantCode(t, err, model.EForbidden)
	st.Number = "NOPE"
	st.Mobile = "13999990000"
	_, err = f.s.UpdateStudent(f.admin, st)
	wantCode(t, err, model.ENotFound)

	pl := model.Platform{Name: platB, Kind: "企业研发机构", Level: "国家级", Host: "正泰集团", LegalType: "企业", Contact: "新联系人", Status: "revoked"}
	got, err := f.s.UpdatePlatform(f.admin, pl)
	if err != nil || got.Contact != "新联系人" || got.Status != model.Recognised {
		t.Fatalf("update platform: %+v %v (status must not change here)", got, err)
	}
}

func TestChangePassword(t *testing.T) {
	f := newFixture(t)
	err := f.s.ChangePassword(f.hrA, "wrong", "新的密码12345")
	if e, ok := err.(*model.Error); !ok || e.Key != "password.current_wrong" {
		t.Fatalf("wrong current password: %v", err)
	}
	if err := f.s.ChangePassword(f.hrA, "good-pass-1", "短"); model.ErrorCode(err) != model.EInvalid {
		t.Fatalf("short password: %v", err)
	}
	if err := f.s.ChangePassword(f.hrA, "good-pass-1", "新的密码12345"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Login("hr_a", "good-pass-1"); err == nil {
		t.Fatal("the old password still works")
	}
	if _, err := f.s.Login("hr_a", "新的密码12345"); err != nil {
		t.Fatal(err)
	}
}

// TestListsFollowChanges: the in-memory placement list and student index see
// every committed change and no refused one.
func TestListsFollowChanges(t *testing.T) {
	f := newFixture(t)
	p := f.place(wzu, "WZU2025001", platA, model.Draft)
	before, _ := f.s.Placements(f.admin, PlacementFilter{}) // loads the cache
	if len(before) != 1 {
		t.Fatalf("%d placements", len(before))
	}
	f.s.Step(f.admin, p.No, model.Approved, model.StepInput{})
	f.s.Step(f.hrB, p.No, model.Dispatched, model.StepInput{}) // refused
	q, _, _ := f.s.NewPlacement(f.admin, PlacementDraft{University: wmu, StudentNumber: "WMU2025001", Platform: platB,
		Start: model.MustDate("2026-03-01"), End: model.MustDate("2026-06-30"), Task: "x"})
	st, _ := f.s.Student(f.admin, wzu, "WZU2025001")
	st.Name = "张三丰"
	f.s.UpdateStudent(f.admin, st)
	after, _ := f.s.Placements(f.admin, PlacementFilter{})
	byNo := map[string]model.Placement{}
	for _, x := range after {
		byNo[x.No] = x
	}
	if len(after) != 2 || byNo[p.No].Status != model.Approved || byNo[p.No].StudentName != "张三丰" || byNo[q.No].Status != model.Draft {
		t.Fatalf("list after changes: %+v", after)
	}
	if got, _ := f.s.Placements(f.admin, PlacementFilter{Q: "张三丰"}); len(got) != 1 {
		t.Fatalf("search by the new name: %d", len(got))
	}
}
