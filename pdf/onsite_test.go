package pdf

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"secondment/model"
)

// TestPledgeAndMidtermForm: the pledge names the student and the placement
// and leaves the signature to sign; the mid-term form prints the recorded
// check, its result ticked, or blank boxes to fill in.
func TestPledgeAndMidtermForm(t *testing.T) {
	m := testMaker(t)
	a := sampleAgreement()
	a.Placement.Insurance = &model.Insurance{Insurer: "中国人寿", Policy: "PA2026-0042", From: a.Placement.Start, To: a.Placement.End}
	b, err := bytesOf(func(w io.Writer) error { return m.Pledge(w, a) })
	if err != nil {
		t.Fatal(err)
	}
	save(t, "pledge.pdf", b)
	got := squeeze(text(t, b))
	for _, want := range []string{"研究生校外科研安全承诺书", "王堃垚", "WZU2025000123", "瓯江实验室", "PA2026-0042", "承诺人（签字）",
		"八、本人已知悉并同意", "第1页共1页", a.Code()} {
		if !strings.Contains(got, squeeze(want)) {
			t.Errorf("pledge lacks %q", want)
		}
	}

	blank, err := bytesOf(func(w io.Writer) error { return m.MidtermForm(w, a) })
	if err != nil {
		t.Fatal(err)
	}
	save(t, "midterm-blank.pdf", blank)
	if got := squeeze(text(t, blank)); !strings.Contains(got, "□合格□需改进□不合格") || !strings.Contains(got, "2026-07-31") {
		t.Errorf("blank mid-term form: %s", got)
	}
	a.Placement.Midterm = &model.Midterm{On: model.MustDate("2026-08-03"), Progress: strings.Repeat("完成了正极材料的第一轮合成与表征，", 12),
		Problems: "设备排期紧张，拟调整实验顺序。", UniOpinion: "进展符合预期，同意继续。", PlatformOpinion: "工作认真，需加强文献阅读。", Result: "improve"}
	filled, err := bytesOf(func(w io.Writer) error { return m.MidtermForm(w, a) })
	if err != nil {
		t.Fatal(err)
	}
	save(t, "midterm.pdf", filled)
	got = squeeze(text(t, filled))
	for _, want := range []string{"■需改进", "□合格", "设备排期紧张", "进展符合预期", "工作认真", "2026年8月3日", "第1页共1页"} {
		if !strings.Contains(got, squeeze(want)) {
			t.Errorf("filled mid-term form lacks %q", want)
		}
	}
}

// TestAllowanceListPDF: one line per student, deductions and unrecorded months
// shown, the totals (in words too) and the signature lines on the last page.
func TestAllowanceListPDF(t *testing.T) {
	m := testMaker(t)
	l := model.AllowanceList{Month: "2026-11", Platform: "瓯江实验室"}
	for i := range 40 {
		r := model.AllowanceRow{No: fmt.Sprintf("XP2026-%05d", i+1), StudentNumber: fmt.Sprintf("WZU20250%05d", i),
			StudentName: "学生" + itoa(i+1), University: "温州大学", Platform: "瓯江实验室"}
		if i == 39 {
			r.MonthPay = model.MonthPay{Allowance: 2000}
			l.Unrecorded++
		} else {
			a := model.MonthAttendance{Present: 20, Absent: i % 3, Leave: i % 4}
			r.Recorded, r.Present, r.Absent, r.Leave = true, a.Present, a.Absent, a.Leave
			r.MonthPay = a.Pay(2000)
			l.Allowance += r.Allowance
			l.Deduction += r.Deduction
			l.Amount += r.Amount
		}
		l.Rows = append(l.Rows, r)
	}
	b, err := bytesOf(func(w io.Writer) error { return m.AllowanceList(w, l) })
	if err != nil {
		t.Fatal(err)
	}
	save(t, "allowance.pdf", b)
	got := squeeze(text(t, b))
	for _, want := range []string{"瓯江实验室研究生科研补助发放表（2026年11月）", "学生40", "未登记", "合计", "40人",
		fmt.Sprint(l.Amount), rmbUpper(l.Amount), "领取人签字", "负责人（签字）", "另有1人当月考勤未登记"} {
		if !strings.Contains(got, squeeze(want)) {
			t.Errorf("allowance list lacks %q", want)
		}
	}
	if pages := strings.Count(got, "共3页"); pages < 2 {
		t.Errorf("40 lines on %d pages?", pages)
	}
}
