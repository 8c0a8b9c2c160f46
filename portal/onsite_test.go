package portal

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"secondment/dispatch"
	"secondment/model"
)

// onsite is a site with a placement on site that has a pending leave request
// and a log the platform supervisor has not read, its platform's HR and its
// student signed in, and a placement at another platform.
type onsite struct {
	*site
	pl, other model.Placement
	hr, st    *browser
}

const stPassword = "学生-密码-2026"

func newOnsite(t *testing.T) *onsite {
	t.Helper()
	s := newSite(t)
	all, err := s.svc.Placements(s.admin, dispatch.PlacementFilter{})
	if err != nil {
		t.Fatal(err)
	}
	o := &onsite{site: s}
	for _, p := range all {
		if p.Status != model.Arrived || o.pl.No != "" {
			continue
		}
		var pending, unread bool
		for _, l := range p.Leaves {
			pending = pending || l.Status == model.LeavePending
		}
		for _, l := range p.Logs {
			unread = unread || l.PlatformRead == nil
		}
		if pending && unread && !p.OverOneThird() {
			o.pl = p
		}
	}
	if o.pl.No == "" {
		t.Fatal("no placement on site with a pending leave and an unread log in the demo data")
	}
	for _, p := range all {
		if p.Status == model.Arrived && p.Platform != o.pl.Platform && p.StudentNumber != o.pl.StudentNumber {
			o.other = p
			break
		}
	}
	if o.other.No == "" {
		t.Fatal("no placement on site at another platform")
	}
	for _, u := range []dispatch.NewUser{
		{Name: "hr-onsite", Password: hrPassword, Role: model.PlatformHR, Platform: o.pl.Platform},
		{Name: "stu-onsite", Password: stPassword, Role: model.StudentRole, University: o.pl.StudentUniversity, StudentNumber: o.pl.StudentNumber},
		{Name: "stu-other", Password: stPassword, Role: model.StudentRole, University: o.other.StudentUniversity, StudentNumber: o.other.StudentNumber},
	} {
		if _, err := s.svc.AddUser(s.admin, u); err != nil {
			t.Fatal(err)
		}
	}
	o.hr, o.st = s.browser(), s.browser()
	o.hr.mustLogin("hr-onsite", hrPassword)
	o.st.mustLogin("stu-onsite", stPassword)
	return o
}

// fresh reads the placement as the office sees it now.
func (o *onsite) fresh() model.Placement {
	o.t.Helper()
	p, err := o.svc.Placement(o.admin, o.pl.No)
	if err != nil {
		o.t.Fatal(err)
	}
	return p
}

var revRE = regexp.MustCompile(`name="rev" value="(\d+)"`)

// form returns the CSRF token and the revision of the page at path.
func (b *browser) form(path string) (token, rev string) {
	b.s.t.Helper()
	p := b.get(path)
	c, r := csrfRE.FindStringSubmatch(p.body), revRE.FindStringSubmatch(p.body)
	if c == nil || r == nil {
		b.s.t.Fatalf("GET %s: no form with a revision (status %d)", path, p.status)
	}
	return c[1], r[1]
}

// refusedWith checks a refused form: 422 or 409, the refusal shown, and what
// was typed shown again.
func refusedWith(t *testing.T, p page, typed ...string) {
	t.Helper()
	if p.status != http.StatusUnprocessableEntity && p.status != http.StatusConflict {
		t.Fatalf("status %d, want a refusal\n%s", p.status, p.body)
	}
	if !strings.Contains(p.body, `class="error"`) {
		t.Error("no refusal shown")
	}
	for _, s := range typed {
		if !strings.Contains(p.body, s) {
			t.Errorf("the page does not show %q again", s)
		}
	}
}

func seeOther(t *testing.T, p page, want string) {
	t.Helper()
	if p.status != http.StatusSeeOther || p.header.Get("Location") != want {
		t.Fatalf("status %d to %q, want 303 to %q\n%s", p.status, p.header.Get("Location"), want, p.body)
	}
}

func TestRemindersOnHome(t *testing.T) {
	o := newOnsite(t)
	// A student with something due: the first reminder the office has about
	// a placement.
	all, err := o.svc.Reminders(o.admin)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range all {
		if m.Kind == model.RemindAppointmentEnd {
			continue
		}
		p, err := o.svc.Placement(o.admin, m.Key)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.svc.AddUser(o.admin, dispatch.NewUser{Name: "stu-reminded", Password: stPassword, Role: model.StudentRole,
			University: p.StudentUniversity, StudentNumber: p.StudentNumber}); err != nil {
			t.Fatal(err)
		}
		break
	}
	for _, c := range []struct {
		name, user, password, home, base string
	}{{"HR", "hr-onsite", hrPassword, "/hr", "/hr/p/"}, {"student", "stu-reminded", stPassword, "/student", "/student/p/"}} {
		t.Run(c.name, func(t *testing.T) {
			sess, err := o.svc.Login(c.user, c.password)
			if err != nil {
				t.Fatal(err)
			}
			rs, err := o.svc.Reminders(sess)
			if err != nil || len(rs) == 0 {
				t.Fatalf("no reminders for %s in the demo data (%v)", c.user, err)
			}
			b := o.s(c.user, c.password)
			p := b.get(c.home)
			if p.status != http.StatusOK || !strings.Contains(p.body, `class="card reminders"`) {
				t.Fatalf("%s: %d, no reminders\n%s", c.home, p.status, p.body)
			}
			for _, m := range rs {
				if m.Kind == model.RemindAppointmentEnd {
					continue
				}
				if !strings.Contains(p.body, `href="`+c.base+m.Key+`"`) {
					t.Errorf("the reminder %s of %s does not link to its placement", m.Kind, m.Key)
				}
				if o := b.get(c.base + m.Key); o.status != http.StatusOK {
					t.Errorf("the reminder's link %s%s: %d", c.base, m.Key, o.status)
				}
			}
		})
	}
}

// s signs a new browser in.
func (o *onsite) s(user, password string) *browser {
	b := o.browser()
	b.mustLogin(user, password)
	return b
}

func TestHRRecordsAttendance(t *testing.T) {
	o := newOnsite(t)
	path := "/hr/p/" + o.pl.No
	month := model.DateOf(today).String()[:7]
	token, rev := o.hr.form(path)
	post := func(present, absent, leave, rev string) page {
		return o.hr.post(path+"/attendance", url.Values{"csrf": {token}, "rev": {rev}, "month": {month},
			"present": {present}, "absent": {absent}, "leave": {leave}})
	}
	t.Run("too many days refused", func(t *testing.T) {
		refusedWith(t, post("40", "1", "0", rev), `value="40"`)
		if _, ok := o.fresh().AttendanceOf(month); ok && o.pl.Rev != o.fresh().Rev {
			t.Error("the refused month was recorded")
		}
	})
	t.Run("not a number refused", func(t *testing.T) {
		refusedWith(t, post("十八", "0", "0", rev), `value="十八"`)
	})
	seeOther(t, post("16", "1", "1", rev), path+"?done=attendance#attendance")
	a, ok := o.fresh().AttendanceOf(month)
	if !ok || a.Present != 16 || a.Absent != 1 || a.Leave != 1 || a.By != "hr-onsite" {
		t.Fatalf("recorded %+v (%v)", a, ok)
	}
	pg := o.hr.get(path + "?done=attendance")
	if !strings.Contains(pg.body, "已登记考勤") || !strings.Contains(pg.body, "<td>"+month+"</td>") {
		t.Error("the page neither confirms nor lists the month")
	}
	t.Run("a stale page is refused", func(t *testing.T) {
		refusedWith(t, post("15", "2", "1", rev), "刚被其他人修改过", `value="15"`)
		if a, _ := o.fresh().AttendanceOf(month); a.Present != 16 {
			t.Errorf("the stale form changed the month: %+v", a)
		}
	})
}

func TestHRDecidesLeave(t *testing.T) {
	o := newOnsite(t)
	path := "/hr/p/" + o.pl.No
	var id int
	for _, l := range o.pl.Leaves {
		if l.Status == model.LeavePending {
			id = l.ID
		}
	}
	token, rev := o.hr.form(path)
	if !strings.Contains(o.hr.get(path).body, `name="id" value="`+strconv.Itoa(id)+`"`) {
		t.Fatal("no form for the pending leave request")
	}
	decide := func(decision, note, rev string) page {
		return o.hr.post(path+"/leave", url.Values{"csrf": {token}, "rev": {rev}, "id": {strconv.Itoa(id)},
			"decision": {decision}, "note": {note}})
	}
	t.Run("a note too long is refused", func(t *testing.T) {
		long := strings.Repeat("长", 201)
		refusedWith(t, decide("approve", long, rev), long)
	})
	seeOther(t, decide("approve", "同意，注意安全", rev), path+"?done=decide#leaves")
	l := o.fresh().Leaves[o.fresh().LeaveByID(id)]
	if l.Status != model.LeaveApproved || l.Note != "同意，注意安全" || l.DecidedBy != "hr-onsite" {
		t.Fatalf("after approval: %+v", l)
	}
	t.Run("a decided request is refused", func(t *testing.T) {
		_, rev := o.hr.form(path)
		refusedWith(t, decide("refuse", "改主意了", rev), "已处理过")
	})
}

func TestHRMarksLogRead(t *testing.T) {
	o := newOnsite(t)
	path := "/hr/p/" + o.pl.No
	var id int
	for _, l := range o.pl.Logs {
		if l.PlatformRead == nil {
			id = l.ID
		}
	}
	token, rev := o.hr.form(path)
	read := func(comment, rev string) page {
		return o.hr.post(path+"/logread", url.Values{"csrf": {token}, "rev": {rev}, "id": {strconv.Itoa(id)}, "comment": {comment}})
	}
	t.Run("a comment too long is refused", func(t *testing.T) {
		long := strings.Repeat("评", 501)
		refusedWith(t, read(long, rev), long)
	})
	t.Run("a log that does not exist", func(t *testing.T) {
		p := o.hr.post(path+"/logread", url.Values{"csrf": {token}, "rev": {rev}, "id": {"9999"}})
		if p.status == http.StatusSeeOther {
			t.Errorf("marking log 9999 read: %d", p.status)
		}
	})
	seeOther(t, read("进展扎实，继续保持", rev), path+"?done=logread#logs")
	l := o.fresh().Logs[o.fresh().LogByID(id)]
	if l.PlatformRead == nil || l.PlatformRead.By != "hr-onsite" || l.PlatformRead.Comment != "进展扎实，继续保持" {
		t.Fatalf("after reading: %+v", l.PlatformRead)
	}
	// The student sees the reading.
	if p := o.st.get("/student/p/" + o.pl.No); !strings.Contains(p.body, "进展扎实，继续保持") {
		t.Error("the student does not see the platform supervisor's comment")
	}
	t.Run("a stale page is refused", func(t *testing.T) {
		refusedWith(t, read("再看一遍", rev), "刚被其他人修改过", "再看一遍")
	})
}

func TestHRRecordsPlatformMark(t *testing.T) {
	o := newOnsite(t)
	path := "/hr/p/" + o.pl.No
	token, rev := o.hr.form(path)
	mark := func(m, rev string) page {
		return o.hr.post(path+"/mark", url.Values{"csrf": {token}, "rev": {rev}, "mark": {m}})
	}
	for _, bad := range []string{"101", "良好", ""} {
		t.Run("refused "+bad, func(t *testing.T) {
			refusedWith(t, mark(bad, rev), `value="`+bad+`"`)
		})
	}
	seeOther(t, mark("88", rev), path+"?done=mark#mark")
	if m := o.fresh().Marks; m == nil || m.Platform == nil || *m.Platform != 88 {
		t.Fatalf("marks %+v", m)
	}
	if p := o.hr.get(path + "?done=mark"); !strings.Contains(p.body, `name="mark" min="0" max="100" inputmode="numeric" value="88"`) {
		t.Error("the form does not show the mark given")
	}
}

func TestStudentAsksLeave(t *testing.T) {
	o := newOnsite(t)
	path := "/student/p/" + o.pl.No
	token, rev := o.st.form(path)
	// A day after every leave the demo gave, inside the period.
	day := model.DateOf(today).AddDate(0, 0, 3)
	for _, l := range o.pl.Leaves {
		if !l.To.Before(day) {
			day = l.To.AddDate(0, 0, 1)
		}
	}
	if day.After(o.pl.End) {
		t.Skip("no free day left in the period")
	}
	ask := func(from, to, reason, rev string) page {
		return o.st.post(path+"/leave", url.Values{"csrf": {token}, "rev": {rev}, "from": {from}, "to": {to}, "reason": {reason}})
	}
	t.Run("dates in the wrong order refused", func(t *testing.T) {
		refusedWith(t, ask(day.String(), day.AddDate(0, 0, -2).String(), "返校参加组会", rev), "返校参加组会", day.String())
	})
	t.Run("no reason refused", func(t *testing.T) {
		refusedWith(t, ask(day.String(), day.String(), "", rev), day.String())
	})
	n := len(o.pl.Leaves)
	seeOther(t, ask(day.String(), day.String(), "返校参加组会", rev), path+"?done=leave#leaves")
	p := o.fresh()
	if len(p.Leaves) != n+1 || p.Leaves[n].Status != model.LeavePending || p.Leaves[n].RequestedBy != "stu-onsite" {
		t.Fatalf("leaves after the request: %+v", p.Leaves)
	}
	t.Run("a stale page is refused", func(t *testing.T) {
		refusedWith(t, ask(day.AddDate(0, 0, 1).String(), day.AddDate(0, 0, 1).String(), "再请一天", rev), "刚被其他人修改过", "再请一天")
	})
	// HR sees the request to decide.
	if hp := o.hr.get("/hr/p/" + o.pl.No); !strings.Contains(hp.body, "返校参加组会") {
		t.Error("HR does not see the new request")
	}
}

var periodRE = regexp.MustCompile(`<option value="([^"]+)"`)

func TestStudentWritesLog(t *testing.T) {
	o := newOnsite(t)
	path := "/student/p/" + o.pl.No
	pg := o.st.get(path)
	m := periodRE.FindStringSubmatch(pg.body)
	if m == nil {
		t.Fatalf("no period to write a log for\n%s", pg.body)
	}
	period := m[1]
	token, rev := o.st.form(path)
	write := func(period, text, rev string) page {
		return o.st.post(path+"/log", url.Values{"csrf": {token}, "rev": {rev}, "period": {period}, "text": {text}})
	}
	t.Run("no text refused", func(t *testing.T) {
		refusedWith(t, write(period, "  ", rev))
	})
	t.Run("a period in the future refused", func(t *testing.T) {
		refusedWith(t, write("2099-W01", "提前写好的日志", rev), "提前写好的日志")
	})
	seeOther(t, write(period, "完成第三组对照实验，整理数据", rev), path+"?done=log#logs")
	p := o.fresh()
	i := p.LogOf(period)
	if i < 0 || p.Logs[i].Text != "完成第三组对照实验，整理数据" || p.Logs[i].By != "stu-onsite" {
		t.Fatalf("logs after writing: %+v", p.Logs)
	}
	after := o.st.get(path + "?done=log")
	if !strings.Contains(after.body, "日志已提交") || !strings.Contains(after.body, "完成第三组对照实验") {
		t.Error("the page neither confirms nor shows the log")
	}
	t.Run("a second log for the period refused", func(t *testing.T) {
		_, rev := o.st.form(path)
		refusedWith(t, write(period, "再写一篇", rev), "再写一篇")
	})
}

func TestStudentPledge(t *testing.T) {
	o := newOnsite(t)
	pg := o.st.get("/student/p/" + o.pl.No)
	if !strings.Contains(pg.body, `href="/p/`+o.pl.No+`/pledge.pdf"`) {
		t.Fatal("no pledge to download")
	}
	p := o.st.get("/p/" + o.pl.No + "/pledge.pdf")
	if p.status != http.StatusOK || !strings.HasPrefix(p.body, "%PDF") || !strings.Contains(p.header.Get("Content-Disposition"), "pledge-") {
		t.Fatalf("pledge: %d %q %.10q", p.status, p.header.Get("Content-Disposition"), p.body)
	}
}

// TestOnsiteRoleLimits: a student acts for themself only, HR on its platform
// only, and anything else gets the page of a placement that does not exist.
func TestOnsiteRoleLimits(t *testing.T) {
	o := newOnsite(t)
	stranger := o.s("stu-other", stPassword)
	missing := "XP2099-99999"
	same := func(t *testing.T, b *browser, path string, got page) {
		t.Helper()
		var want page
		if strings.HasSuffix(path, ".pdf") || !strings.Contains(path, "/p/"+o.pl.No+"/") {
			want = b.get(strings.Replace(path, o.pl.No, missing, 1))
		} else {
			want = b.post(strings.Replace(path, o.pl.No, missing, 1), url.Values{"csrf": {b.csrf("/password")}})
		}
		if got.status != http.StatusNotFound || strings.ReplaceAll(got.body, o.pl.No, "NO") != strings.ReplaceAll(want.body, missing, "NO") {
			t.Errorf("%s: %d, not the missing record's page", path, got.status)
		}
	}
	before := o.fresh()
	forms := map[string]url.Values{
		"/hr/p/NO/attendance": {"month": {"2026-11"}, "present": {"20"}},
		"/hr/p/NO/leave":      {"id": {"1"}, "decision": {"approve"}},
		"/hr/p/NO/logread":    {"id": {"1"}},
		"/hr/p/NO/mark":       {"mark": {"90"}},
		"/student/p/NO/leave": {"from": {"2026-12-01"}, "to": {"2026-12-01"}, "reason": {"事假"}},
		"/student/p/NO/log":   {"period": {"2026-W48"}, "text": {"日志"}},
	}
	for _, c := range []struct {
		who   string
		b     *browser
		paths []string
	}{
		{"HR of another platform", o.s(o.hrName, hrPassword), []string{"/hr/p/NO/attendance", "/hr/p/NO/leave", "/hr/p/NO/logread", "/hr/p/NO/mark", "/student/p/NO/leave", "/student/p/NO/log"}},
		{"HR on a student's form", o.hr, []string{"/student/p/NO/leave", "/student/p/NO/log"}},
		{"the student on HR's forms", o.st, []string{"/hr/p/NO/attendance", "/hr/p/NO/leave", "/hr/p/NO/logread", "/hr/p/NO/mark"}},
		{"another student", stranger, []string{"/hr/p/NO/attendance", "/student/p/NO/leave", "/student/p/NO/log"}},
	} {
		t.Run(c.who, func(t *testing.T) {
			token := c.b.csrf("/password")
			for _, p := range c.paths {
				path := strings.Replace(p, "NO", o.pl.No, 1)
				form := url.Values{"csrf": {token}}
				for k, v := range forms[p] {
					form[k] = v
				}
				same(t, c.b, path, c.b.post(path, form))
			}
		})
	}
	t.Run("pages and the pledge", func(t *testing.T) {
		for _, c := range []struct {
			b    *browser
			path string
		}{
			{stranger, "/student/p/" + o.pl.No}, {stranger, "/p/" + o.pl.No + "/pledge.pdf"},
			{o.s(o.hrName, hrPassword), "/p/" + o.pl.No + "/pledge.pdf"}, {o.s(o.hrName, hrPassword), "/hr/p/" + o.pl.No},
			{o.hr, "/student/p/" + o.pl.No}, {o.st, "/hr/p/" + o.pl.No},
		} {
			same(t, c.b, c.path, c.b.get(c.path))
		}
	})
	if after := o.fresh(); after.Rev != before.Rev {
		t.Errorf("refused forms changed the placement: rev %d → %d", before.Rev, after.Rev)
	}
	t.Run("no CSRF token", func(t *testing.T) {
		if p := o.st.post("/student/p/"+o.pl.No+"/log", url.Values{"period": {"2026-W48"}, "text": {"x"}}); p.status != http.StatusForbidden {
			t.Errorf("status %d, want 403", p.status)
		}
	})
}
