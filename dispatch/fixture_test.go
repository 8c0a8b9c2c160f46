package dispatch

import (
	"path/filepath"
	"testing"
	"time"

	"secondment/model"
	"secondment/storage"
)

// fixture is a data file with two universities, three platforms, quotas, students
// and one account of every role, on a fixed clock.
type fixture struct {
	t      *testing.T
	s      *Service
	db     *storage.DB
	admin  *Session // office, all universities
	wzuOff *Session // office limited to 温州大学
	hrA    *Session // HR of 瓯江实验室
	hrB    *Session // HR of 正泰集团研究院
	stu    *Session // student WZU2025001
	bureau *Session
	now    time.Time
}

const (
	platA = "瓯江实验室"
	platB = "正泰集团研究院"
	platC = "温州国家大学科技园孵化器"
	wzu   = "温州大学"
	wmu   = "温州医科大学"
)

// testHasher is cheap so tests stay fast; production parameters are tested apart.
var testHasher = Hasher{Memory: 64, Time: 1, Threads: 1}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "t.db"), storage.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{t: t, db: db, now: time.Date(2026, 11, 25, 10, 0, 0, 0, time.Local)}
	f.s = New(db)
	f.s.hasher = testHasher
	f.s.Now = func() time.Time { return f.now }
	f.admin = f.must1(f.s.Bootstrap("admin", "管理员密码123", ""))
	for _, u := range []string{wzu, wmu} {
		f.must1(f.s.AddUniversity(f.admin, u))
	}
	for _, p := range []model.Platform{
		{Name: platA, Kind: "重点实验室", Level: "省级", Host: "温州医科大学", LegalType: "事业单位", Chain: "生命健康"},
		{Name: platB, Kind: "企业研发机构", Level: "国家级", Host: "正泰集团股份有限公司", LegalType: "企业", Chain: "电气"},
		{Name: platC, Kind: "孵化器/众创空间", Level: "国家级", Host: "科技园公司", LegalType: "企业"},
	} {
		f.must1(f.s.AddPlatform(f.admin, p))
		for _, y := range []int{2026, 2027} {
			f.must1(f.s.SetQuota(f.admin, QuotaInput{Platform: p.Name, Year: y, Category: "graduate", Total: 2, Reason: "年度核定"}))
			f.must1(f.s.SetQuota(f.admin, QuotaInput{Platform: p.Name, Year: y, Category: "dual", Total: 1, Reason: "年度核定"}))
		}
	}
	f.addStudent(wzu, "WZU2025001", "张三", "13812345678")
	f.addStudent(wzu, "WZU2025002", "李四", "13912345678")
	f.addStudent(wmu, "WMU2025001", "王五", "13712345678")
	f.addStudent(wmu, "WMU2025002", "赵六", "13612345678")
	f.wzuOff = f.user("wzu_office", model.Office, "", wzu, "")
	f.hrA = f.user("hr_a", model.PlatformHR, platA, "", "")
	f.hrB = f.user("hr_b", model.PlatformHR, platB, "", "")
	f.stu = f.user("stu_zs", model.StudentRole, "", wzu, "WZU2025001")
	f.bureau = f.user("bureau", model.Bureau, "", "", "")
	return f
}

func must1[T any](t *testing.T, v T, err error) T {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (f *fixture) must1(v any, err error) *Session {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
	s, _ := v.(*Session)
	return s
}

func (f *fixture) addStudent(uni, number, name, mobile string) {
	f.t.Helper()
	day := map[string]string{wzu: "15", wmu: "16"}[uni] // distinct ID numbers
	first17 := "330302200203" + day + number[len(number)-3:]
	_, err := f.s.AddStudent(f.admin, model.Student{Number: number, Name: name, Gender: "女", University: uni,
		School: "化学与材料工程学院", Major: "材料科学与工程", Degree: "硕士", DegreeType: "学术学位", EnrolmentYear: 2025,
		Supervisor: "导师甲", Mobile: mobile, Email: number + "@stu.example.edu.cn",
		IDNumber: first17 + string(model.IDCheckChar(first17))})
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) user(name, role, platform, uni, number string) *Session {
	f.t.Helper()
	if _, err := f.s.AddUser(f.admin, NewUser{Name: name, Password: "good-pass-1", Role: role, Platform: platform,
		University: uni, StudentNumber: number}); err != nil {
		f.t.Fatal(err)
	}
	sess, err := f.s.Login(name, "good-pass-1")
	if err != nil {
		f.t.Fatal(err)
	}
	return sess
}

// place drafts a placement for a student at a platform in 2026 and moves it to state.
func (f *fixture) place(uni, number, platform, state string) model.Placement {
	f.t.Helper()
	p, _, err := f.s.NewPlacement(f.admin, PlacementDraft{University: uni, StudentNumber: number, Platform: platform,
		Start: model.MustDate("2026-03-01"), End: model.MustDate("2026-12-31"), Task: "新材料攻关", Allowance: 2000})
	if err != nil {
		f.t.Fatal(err)
	}
	path := map[string][]string{
		model.Draft: nil, model.Approved: {model.Approved}, model.Dispatched: {model.Approved, model.Dispatched},
		model.Arrived:   {model.Approved, model.Dispatched, model.Arrived},
		model.Completed: {model.Approved, model.Dispatched, model.Arrived, model.Completed},
	}[state]
	for _, to := range path {
		in := model.StepInput{}
		if to == model.Arrived {
			in.Date = model.MustDate("2026-03-02")
		}
		if to == model.Dispatched {
			f.ready(p.No)
		}
		if p, _, err = f.s.Step(f.admin, p.No, to, in); err != nil {
			f.t.Fatalf("step %s: %v", to, err)
		}
	}
	return p
}

// ready records what a placement needs before dispatch: insurance over its
// period, the pledge and the acceptance.
func (f *fixture) ready(no string) {
	f.t.Helper()
	p, err := f.s.Placement(f.admin, no)
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.s.SetInsurance(f.admin, no, model.Insurance{Insurer: "中国人寿", Policy: "PA-" + no, From: p.Start, To: p.End}); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.s.RecordPledge(f.admin, no, p.Start.AddDate(0, 0, -10)); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.s.RecordAcceptance(f.admin, no, p.Start.AddDate(0, 0, -20)); err != nil {
		f.t.Fatal(err)
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := model.ErrorCode(err); got != code {
		t.Fatalf("error %v has code %q; want %q", err, got, code)
	}
}

func wantKey(t *testing.T, err error, key string) *model.Error {
	t.Helper()
	e, ok := err.(*model.Error)
	if !ok || e.Key != key {
		t.Fatalf("error %v; want key %s", err, key)
	}
	return e
}

// second returns the error of a two-valued call.
func second[T any](_ T, err error) error { return err }
