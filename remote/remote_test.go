package remote

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
	"secondment/storage"
)

var today = time.Date(2026, 11, 25, 9, 30, 0, 0, time.Local)

// pair is one service reached two ways: directly and through a server.
type pair struct {
	local  *dispatch.Service
	client *Client
}

func newPair(t *testing.T) *pair {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "d.db"), storage.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := dispatch.New(db)
	svc.Now = func() time.Time { return today }
	admin, err := svc.Bootstrap("admin", "admin-密码-123", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.LoadDataset(admin, demo.Generate(200, 7, model.DateOf(today)), "test"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(NewHandler(svc, Options{Now: svc.Now, Logf: t.Logf}))
	t.Cleanup(srv.Close)
	c, err := Dial(srv.URL, DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return &pair{local: svc, client: c}
}

// TestRolesOverHTTP runs operations as every role, against records inside
// and outside the role's scope (guessed numbers included), on the service
// and through the server: the answers — results or refusals, word for word —
// must be the same.
func TestRolesOverHTTP(t *testing.T) {
	p := newPair(t)
	admin, _ := p.local.Login("admin", "admin-密码-123")
	all, err := p.local.Placements(admin, dispatch.PlacementFilter{})
	if err != nil || len(all) < 2 {
		t.Fatalf("placements: %d %v", len(all), err)
	}
	hr1, _ := p.local.Login("hr1", demo.Password)
	var own, foreign model.Placement
	for _, pl := range all {
		if pl.Platform == hr1.User().Platform && own.No == "" {
			own = pl
		}
		if pl.Platform != hr1.User().Platform && foreign.No == "" {
			foreign = pl
		}
	}
	ops := map[string]func(dispatch.API, *dispatch.Session) (any, error){
		"own placement":     func(a dispatch.API, s *dispatch.Session) (any, error) { return a.Placement(s, own.No) },
		"foreign placement": func(a dispatch.API, s *dispatch.Session) (any, error) { return a.Placement(s, foreign.No) },
		"guessed placement": func(a dispatch.API, s *dispatch.Session) (any, error) { return a.Placement(s, "XP2026-99999") },
		"foreign agreement": func(a dispatch.API, s *dispatch.Session) (any, error) { return a.Agreement(s, foreign.No) },
		"foreign student": func(a dispatch.API, s *dispatch.Session) (any, error) {
			return a.Student(s, foreign.StudentUniversity, foreign.StudentNumber)
		},
		"placements": func(a dispatch.API, s *dispatch.Session) (any, error) {
			return a.Placements(s, dispatch.PlacementFilter{})
		},
		"students": func(a dispatch.API, s *dispatch.Session) (any, error) {
			return a.Students(s, dispatch.StudentFilter{Limit: 50})
		},
		"users":  func(a dispatch.API, s *dispatch.Session) (any, error) { return a.Users(s) },
		"stats":  func(a dispatch.API, s *dispatch.Session) (any, error) { return a.Stats(s, 2026) },
		"quotas": func(a dispatch.API, s *dispatch.Session) (any, error) { return a.Quotas(s, dispatch.QuotaFilter{}) },
		"appointments": func(a dispatch.API, s *dispatch.Session) (any, error) {
			return a.Appointments(s, dispatch.AppointmentFilter{})
		},
		"audit": func(a dispatch.API, s *dispatch.Session) (any, error) {
			return a.Audit(s, dispatch.AuditFilter{Limit: 20, NoSignIns: true})
		},
		"check":  func(a dispatch.API, s *dispatch.Session) (any, error) { return a.CheckFile(s) },
		"verify": func(a dispatch.API, s *dispatch.Session) (any, error) { return a.Verify(s, "ABCD-EFGH") },
		"arrive foreign": func(a dispatch.API, s *dispatch.Session) (any, error) {
			p, _, err := a.Step(s, foreign.No, model.Arrived, model.StepInput{})
			return p, err
		},
		"terminate guessed": func(a dispatch.API, s *dispatch.Session) (any, error) {
			p, _, err := a.Step(s, "XP2026-99999", model.Terminated, model.StepInput{Reason: "x"})
			return p, err
		},
		"add user": func(a dispatch.API, s *dispatch.Session) (any, error) {
			return a.AddUser(s, dispatch.NewUser{Name: "", Role: "bureau"})
		},
		"quota below zero": func(a dispatch.API, s *dispatch.Session) (any, error) {
			return a.SetQuota(s, dispatch.QuotaInput{Platform: own.Platform, Year: 2026, Category: "graduate", Total: -1, Reason: "x"})
		},
		"evaluation charts":  func(a dispatch.API, s *dispatch.Session) (any, error) { return a.EvaluationCharts(s, 2026) },
		"university counts":  func(a dispatch.API, s *dispatch.Session) (any, error) { return a.UniversityCounts(s) },
		"needs reassignment": func(a dispatch.API, s *dispatch.Session) (any, error) { return a.NeedsReassignment(s) },
		"platforms":          func(a dispatch.API, s *dispatch.Session) (any, error) { return a.Platforms(s, "") },
	}
	for _, name := range []string{"admin", "hr1", "student1", "bureau"} {
		pw := demo.Password
		if name == "admin" {
			pw = "admin-密码-123"
		}
		ls, err := p.local.Login(name, pw)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := p.client.Login(name, pw)
		if err != nil {
			t.Fatalf("login %s through the server: %v", name, err)
		}
		if rs.User() != ls.User() {
			t.Errorf("%s: the server's session is %+v; locally %+v", name, rs.User(), ls.User())
		}
		for op, fn := range ops {
			lv, lerr := fn(p.local, ls)
			rv, rerr := fn(p.client, rs)
			lj, _ := json.Marshal(lv)
			rj, _ := json.Marshal(rv)
			if model.ErrorCode(lerr) != model.ErrorCode(rerr) || i18n.Message(i18n.Zh, lerr) != i18n.Message(i18n.Zh, rerr) {
				t.Errorf("%s %s: local %v, served %v", name, op, lerr, rerr)
			} else if lerr == nil && string(lj) != string(rj) {
				t.Errorf("%s %s: results differ\nlocal  %.300s\nserved %.300s", name, op, lj, rj)
			}
		}
		if err := p.client.Logout(rs); err != nil {
			t.Errorf("logout %s: %v", name, err)
		}
		if _, err := p.client.Placements(rs, dispatch.PlacementFilter{}); model.ErrorCode(err) != model.EUnauthorized {
			t.Errorf("%s: a call after logout: %v", name, err)
		}
	}
}

// TestWarningsAndRowErrorsKeepTheirKinds: a warning's and an import row's
// arguments come back with their Go kinds, so they print as they do locally.
func TestWarningsAndRowErrorsKeepTheirKinds(t *testing.T) {
	in := []any{"温州大学", 3, int64(7), 2.5, []string{"a", "b"}, model.MustDate("2026-03-04"), model.Terms{{Code: "x", Zh: "甲", En: "A"}}, true}
	out := fromWireArgs(toWireArgs(in))
	for i := range in {
		a, _ := json.Marshal(in[i])
		b, _ := json.Marshal(out[i])
		if string(a) != string(b) || fmt.Sprintf("%T", in[i]) != fmt.Sprintf("%T", out[i]) {
			t.Errorf("argument %d: %T %v came back as %T %v", i, in[i], in[i], out[i], out[i])
		}
	}
	ie := &model.ImportError{Rows: []model.RowError{{Row: 4, Field: "number", Value: "x", Err: model.Invalid("number", "field.required")}}}
	back := toWireError(ie).err()
	if i18n.Message(i18n.En, back) != i18n.Message(i18n.En, ie) {
		t.Errorf("an import refusal reads %q served, %q locally", i18n.Message(i18n.En, back), i18n.Message(i18n.En, ie))
	}
}
