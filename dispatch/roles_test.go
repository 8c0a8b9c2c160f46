package dispatch

import (
	"encoding/json"
	"strings"
	"testing"

	"secondment/model"
)

// TestRoleMatrix runs every operation as every role against records inside and
// outside the role's scope. "ok" means allowed; a code means refused with it.
// A record outside the scope is refused as not found, as a number no one has.
func TestRoleMatrix(t *testing.T) {
	f := newFixture(t)
	pA := f.place(wzu, "WZU2025001", platA, model.Dispatched) // 温州大学 student at platform A
	pB := f.place(wmu, "WMU2025001", platB, model.Dispatched) // 温医大 student at platform B
	arrive := func(no string) func(*Session) error {
		return func(s *Session) error {
			_, _, err := f.s.Step(s, no, model.Arrived, model.StepInput{Date: model.MustDate("2026-03-03")})
			return err
		}
	}
	view := func(no string) func(*Session) error {
		return func(s *Session) error { _, err := f.s.Placement(s, no); return err }
	}
	student := func(uni, no string) func(*Session) error {
		return func(s *Session) error { _, err := f.s.Student(s, uni, no); return err }
	}
	ops := []struct {
		name string
		op   func(*Session) error
		// results for admin, wzuOff, hrA, hrB, stu, bureau
		want [6]string
	}{
		{"view placement A", view(pA.No), [6]string{"ok", "ok", "ok", model.ENotFound, "ok", model.EForbidden}},
		{"view placement B", view(pB.No), [6]string{"ok", model.ENotFound, model.ENotFound, "ok", model.ENotFound, model.EForbidden}},
		{"view student of A", student(wzu, "WZU2025001"), [6]string{"ok", "ok", "ok", model.ENotFound, "ok", model.EForbidden}},
		{"view other student", student(wzu, "WZU2025002"), [6]string{"ok", "ok", model.ENotFound, model.ENotFound, model.ENotFound, model.EForbidden}},
		{"terminate", func(s *Session) error {
			_, _, err := f.s.Step(s, pA.No, model.Terminated, model.StepInput{Reason: "test"})
			if model.ErrorCode(err) == "" {
				t.Fatalf("terminate went through as %s", s.user.Name)
			}
			return err
		}, [6]string{"", "", model.EForbidden, model.ENotFound, model.EForbidden, model.EForbidden}},
		{"draft a placement for a WMU student", func(s *Session) error {
			_, _, err := f.s.NewPlacement(s, PlacementDraft{University: wmu, StudentNumber: "WMU2025002", Platform: platC,
				Start: model.MustDate("2026-12-01"), End: model.MustDate("2027-03-31"), Task: "x"})
			return err
		}, [6]string{"", model.EForbidden, model.EForbidden, model.EForbidden, model.EForbidden, model.EForbidden}},
		{"add a user", func(s *Session) error {
			_, err := f.s.AddUser(s, NewUser{Name: "x_" + s.user.Name, Password: "good-pass-9", Role: "bureau"})
			return err
		}, [6]string{"ok", "ok", model.EForbidden, model.EForbidden, model.EForbidden, model.EForbidden}},
		{"list appointments", func(s *Session) error { _, err := f.s.Appointments(s, AppointmentFilter{}); return err },
			[6]string{"ok", "ok", "ok", "ok", model.EForbidden, model.EForbidden}},
		{"list quotas", func(s *Session) error { _, err := f.s.Quotas(s, QuotaFilter{}); return err },
			[6]string{"ok", "ok", "ok", "ok", model.EForbidden, "ok"}},
		{"figures", func(s *Session) error { _, err := f.s.Stats(s, 2026); return err },
			[6]string{"ok", "ok", model.EForbidden, model.EForbidden, model.EForbidden, "ok"}},
		{"audit log", func(s *Session) error { _, err := f.s.AuditLog(s, "", 0); return err },
			[6]string{"ok", model.EForbidden, model.EForbidden, model.EForbidden, model.EForbidden, model.EForbidden}},
		{"set platform status", func(s *Session) error {
			_, err := f.s.SetPlatformStatus(s, platC, "rectifying", "评价不合格")
			if err == nil {
				f.s.SetPlatformStatus(s, platC, "recognised", "整改完成")
			}
			return err
		}, [6]string{"ok", model.EForbidden, model.EForbidden, model.EForbidden, model.EForbidden, model.EForbidden}},
		{"set a quota", func(s *Session) error {
			_, err := f.s.SetQuota(s, QuotaInput{Platform: platC, Year: 2026, Category: "graduate", Total: 3, Reason: "追加"})
			return err
		}, [6]string{"ok", model.EForbidden, model.EForbidden, model.EForbidden, model.EForbidden, model.EForbidden}},
		{"add a platform", func(s *Session) error {
			_, err := f.s.AddPlatform(s, model.Platform{Name: "新平台" + s.user.Name, Kind: "重点实验室", Level: "市级", Host: "某单位", LegalType: "企业"})
			return err
		}, [6]string{"ok", model.EForbidden, model.EForbidden, model.EForbidden, model.EForbidden, model.EForbidden}},
		{"edit a platform", func(s *Session) error {
			_, err := f.s.UpdatePlatform(s, model.Platform{Name: platC, Kind: "孵化器/众创空间", Level: "国家级", Host: "科技园公司", LegalType: "企业"})
			return err
		}, [6]string{"ok", model.EForbidden, model.EForbidden, model.EForbidden, model.EForbidden, model.EForbidden}},
		{"list placements to reassign", func(s *Session) error { _, err := f.s.NeedsReassignment(s); return err },
			[6]string{"ok", "ok", model.EForbidden, model.EForbidden, model.EForbidden, model.EForbidden}},
		{"backup", func(s *Session) error { return f.s.Backup(s, t.TempDir()+"/b.db") },
			[6]string{"ok", model.EForbidden, model.EForbidden, model.EForbidden, model.EForbidden, model.EForbidden}},
		// Arrival last: it changes the placements the rows above look at.
		{"confirm arrival at A", arrive(pA.No), [6]string{"", "", "ok", model.ENotFound, model.EForbidden, model.EForbidden}},
		{"confirm arrival at B", arrive(pB.No), [6]string{"", model.ENotFound, model.ENotFound, "ok", model.ENotFound, model.EForbidden}},
	}
	sessions := []*Session{f.admin, f.wzuOff, f.hrA, f.hrB, f.stu, f.bureau}
	for _, op := range ops {
		for i, sess := range sessions {
			want := op.want[i]
			if want == "" {
				continue // not run for this role: it would change the state the others need
			}
			err := op.op(sess)
			got := model.ErrorCode(err)
			if got == "" {
				got = "ok"
			}
			if got != want {
				t.Errorf("%s as %s: %s (%v); want %s", op.name, sess.user.Name, got, err, want)
			}
		}
	}
}

func TestListsStayInScope(t *testing.T) {
	f := newFixture(t)
	f.place(wzu, "WZU2025001", platA, model.Arrived)
	f.place(wmu, "WMU2025001", platB, model.Arrived)
	f.place(wmu, "WMU2025002", platA, model.Draft)

	count := func(s *Session) (int, int, error) {
		ps, err := f.s.Placements(s, PlacementFilter{})
		if err != nil {
			return 0, 0, err
		}
		ss, err := f.s.Students(s, StudentFilter{})
		return len(ps), len(ss), err
	}
	for _, c := range []struct {
		name          string
		sess          *Session
		pls, students int
		platform      string
	}{
		{"admin", f.admin, 3, 4, ""},
		{"WZU office", f.wzuOff, 1, 2, ""},
		{"HR of A", f.hrA, 2, 2, platA},
		{"HR of B", f.hrB, 1, 1, platB},
		{"student", f.stu, 1, 1, ""},
	} {
		p, s, err := count(c.sess)
		if err != nil || p != c.pls || s != c.students {
			t.Errorf("%s sees %d placements, %d students (%v); want %d, %d", c.name, p, s, err, c.pls, c.students)
		}
		if c.platform != "" {
			ps, _ := f.s.Placements(c.sess, PlacementFilter{Platform: platB + platA})
			for _, p := range ps {
				if p.Platform != c.platform {
					t.Errorf("%s sees a placement at %s", c.name, p.Platform)
				}
			}
		}
	}
	// A filter outside the scope is refused, not answered with nothing.
	for _, c := range []struct {
		name string
		err  error
	}{
		{"HR of A asks for placements at B", second(f.s.Placements(f.hrA, PlacementFilter{Platform: platB}))},
		{"HR of A asks for quotas of B", second(f.s.Quotas(f.hrA, QuotaFilter{Platform: platB}))},
		{"HR of A asks for the roster of B", second(f.s.Roster(f.hrA, platB, ""))},
		{"HR of A asks for B's agreements", second(f.s.Agreements(f.hrA, platB))},
		{"WZU office asks for WMU students", second(f.s.Students(f.wzuOff, StudentFilter{University: wmu}))},
		{"WZU office asks for WMU placements", second(f.s.Placements(f.wzuOff, PlacementFilter{University: wmu}))},
		{"WZU office asks for the WMU roster", second(f.s.Roster(f.wzuOff, "", wmu))},
	} {
		wantCode(t, c.err, model.EForbidden)
	}
	// The masking policy: HR sees the mobiles of the students it hosts but not
	// their ID numbers; a student sees their own record in full.
	for _, c := range []struct {
		sess               *Session
		maskID, maskMobile bool
	}{
		{f.hrA, true, false},
		{f.stu, true, false}, // their own ID number masked too (PRODUCT.md)
		{f.admin, false, false},
	} {
		ss, _ := f.s.Students(c.sess, StudentFilter{})
		if len(ss) == 0 {
			t.Fatalf("%s sees no students", c.sess.user.Name)
		}
		for _, st := range ss {
			if strings.Contains(st.IDNumber, "********") != c.maskID || strings.Contains(st.Mobile, "****") != c.maskMobile {
				t.Errorf("%s sees %s as %s %s", c.sess.user.Name, st.Name, st.IDNumber, st.Mobile)
			}
		}
	}
	// Searching by hidden digits finds nothing.
	if ss, _ := f.s.Students(f.hrA, StudentFilter{Q: "0315001"}); len(ss) != 0 {
		t.Errorf("HR found students by masked ID digits")
	}
	ss, _ := f.s.Students(f.admin, StudentFilter{Q: "张三"})
	if len(ss) != 1 || strings.Contains(ss[0].IDNumber, "*") {
		t.Errorf("office sees masked data: %+v", ss)
	}
	// The bureau's figures carry no names or ID numbers.
	for _, fn := range []func() error{
		func() error { _, err := f.s.Students(f.bureau, StudentFilter{}); return err },
		func() error { _, err := f.s.Placements(f.bureau, PlacementFilter{}); return err },
	} {
		wantCode(t, fn(), model.EForbidden)
	}
	stats, err := f.s.Stats(f.bureau, 2026)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(stats)
	for _, secret := range []string{"张三", "王五", "WZU2025001", "330302", "13812345678", "导师甲"} {
		if strings.Contains(string(b), secret) {
			t.Errorf("bureau figures contain %q", secret)
		}
	}
	var a int
	for _, st := range stats {
		if st.Platform == platA {
			a = st.ByStatus[model.Arrived]
		}
	}
	if a != 1 {
		t.Errorf("bureau figures: %d arrived at A; want 1", a)
	}
}
