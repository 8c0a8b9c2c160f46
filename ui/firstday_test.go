package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/model"
)

// TestFirstDayInTheWindow is a graduate office's first day, driven through the
// window from an empty data file: setup, the university, a roster, a platform,
// its quota, a placement drafted, approved, dispatched, and its agreement
// printed — each step through its own form and buttons.
func TestFirstDayInTheWindow(t *testing.T) {
	dir := t.TempDir()
	d := newEmptyDesk(t)
	svc, u, w := d.svc, d.u, d.w

	// Setup: the office's account.
	var setup []*entry
	d.walk(w.Content(), func(o fyne.CanvasObject) {
		if e, ok := o.(*entry); ok {
			setup = append(setup, e)
		}
	})
	test.Type(setup[0], "yjsy")
	test.Type(setup[1], "first-day-pass")
	test.Type(setup[2], "first-day-pass")
	test.Type(setup[3], "温州大学")
	setup[3].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.Screen() != "main" {
		t.Fatalf("after setup: screen %q", u.Screen())
	}
	if !strings.Contains(d.texts(), "添加本校") {
		t.Fatal("a new file's home shows no getting-started steps")
	}

	// 1. The university came with setup; a partner university from the card.
	if !strings.Contains(d.texts(), "✓ 1.") {
		t.Fatal("the university given at setup is not counted")
	}
	test.Tap(d.mainButton("添加高校"))
	es, _ := formFields(u.lastForm)
	test.Type(es[0], "温州医科大学")
	d.tap("保存")
	d.closed("after adding the university")
	if us, _ := svc.Universities(u.sess); len(us) != 2 {
		t.Fatalf("universities: %+v", us)
	}

	// 2. The office's own roster, as LibreOffice saved it (title rows, 学校,
	// 2022年9月, a landline beside the mobile, 郑 浩 with a space, footer rows),
	// through the import wizard.
	u.screens.data.importFile("students", filepath.Join("..", "cli", "testdata", "first-day", "温州大学2025年研究生选派名单.xlsx"))
	d.tap("确认导入")
	if !strings.Contains(overlayText(d), "新增 30") {
		t.Fatalf("the import's summary: %q", overlayText(d))
	}
	d.tap("确定")
	d.closed("after the import")
	if n, _ := svc.CountStudents(u.sess); n != 30 {
		t.Fatalf("%d students after the import", n)
	}
	if !strings.Contains(d.texts(), "✓ 2.") {
		t.Fatal("the getting-started card still counts no students after the import")
	}

	// 3. A platform, by its form.
	u.screens.platforms.platformForm(nil, nil)
	es, ss := formFields(u.lastForm)
	test.Type(es[0], "温州新材料研究院")
	ss[0].SetSelectedIndex(1)
	ss[1].SetSelectedIndex(1)
	test.Type(es[1], "温州大学")
	ss[2].SetSelectedIndex(0)
	ss[3].SetSelectedIndex(0)
	test.Type(es[2], "王主任")
	test.Type(es[3], "13957700000")
	d.tap("保存")
	d.closed("after adding the platform")

	// 4. Its quota for the years the placement touches.
	for _, y := range []string{"2026", "2027"} {
		u.screens.quotas.quotaDialog(nil, func() {})
		es, ss = formFields(u.lastForm)
		ss[0].SetSelected("温州新材料研究院")
		es[0].SetText(y)
		ss[1].SetSelectedIndex(0)
		test.Type(es[1], "5")
		test.Type(es[2], "年度计划")
		d.tap("保存")
		d.closed("after setting the quota")
	}

	// 5. The placement: the student found by name (郑 浩 was typed with a
	// space in the roster; the search finds 郑浩), drafted, approved, dispatched.
	u.screens.placements.placementForm(nil)
	f := u.lastForm
	es, ss = formFields(f)
	test.Type(es[0], "郑浩")
	if !strings.Contains(f.hint.Text, "郑浩") {
		t.Fatalf("郑浩 not found by name: %q", f.hint.Text)
	}
	f.close()
	// A student whose study years cover the period: enrolled 2025.
	recent, _ := svc.Students(u.sess, dispatch.StudentFilter{EnrolmentYear: 2025, Degree: "硕士"})
	if len(recent) == 0 {
		t.Fatal("no 2025 master's student in the roster")
	}
	st := recent[0]
	u.screens.placements.placementForm(nil)
	f = u.lastForm
	es, ss = formFields(f)
	test.Type(es[0], st.Number)
	ss[1].SetSelected("温州新材料研究院")
	test.Type(es[1], "2026-12-01")
	test.Type(es[2], "2027-06-30")
	test.Type(es[3], "高性能电池材料攻关")
	d.tap("保存")
	why := f.top.Text
	for k, e := range f.errs {
		if e.Text != "" && k != "number" {
			why += k + ": " + e.Text + "; "
		}
	}
	d.closed("after drafting: " + why)
	ps, _ := svc.Placements(u.sess, dispatch.PlacementFilter{})
	if len(ps) != 1 || ps[0].StudentName != st.Name {
		t.Fatalf("placements: %+v", ps)
	}
	for _, step := range []string{model.Approved, model.Dispatched} {
		p, _ := svc.Placement(u.sess, ps[0].No)
		if step == model.Dispatched {
			// Before leaving: the insurance, the pledge, the acceptance,
			// each through its form.
			u.screens.placements.insuranceForm(p, nil)
			es, _ := formFields(u.lastForm)
			test.Type(es[0], "中国人寿")
			test.Type(es[1], "PA2026-0001")
			d.tap("保存")
			d.closed("after the insurance")
			u.screens.placements.departureDateForm(p, "op:placement.pledge", svc.RecordPledge, nil)
			d.tap("保存")
			u.screens.placements.departureDateForm(p, "op:placement.acceptance", svc.RecordAcceptance, nil)
			d.tap("保存")
			d.closed("after the pledge and the acceptance")
			p, _ = svc.Placement(u.sess, ps[0].No)
		}
		u.screens.placements.stepDialog(p, step, func() {})
		d.tap("保存")
		d.closed("after " + step)
	}
	if p, _ := svc.Placement(u.sess, ps[0].No); p.Status != model.Dispatched {
		t.Fatalf("status %s", p.Status)
	}

	// The agreement, through the save dialog.
	u.lastDir = dir
	u.screens.placements.printAgreement(ps[0].No)
	d.saveAs(dir, "协议.pdf")
	d.closed("after printing")
	pdfPath := filepath.Join(dir, "协议.pdf")
	if _, err := os.Stat(pdfPath); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", pdfPath, "-").Output()
		if err != nil || !strings.Contains(string(out), st.Name) || !strings.Contains(string(out), ps[0].No) {
			t.Fatalf("the agreement reads %q (%v)", out, err)
		}
	}
	// The getting-started card is gone once every step is done.
	u.showMain()
	if strings.Contains(d.texts(), "添加本校") {
		t.Fatal("the getting-started card stays after the first agreement")
	}
}

// mainButton finds a button on the working screen (not in a dialog).
func (d *desk) mainButton(text string) *widget.Button {
	d.t.Helper()
	var found *widget.Button
	d.walk(d.w.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		d.t.Fatalf("no button %q on the screen", text)
	}
	return found
}
