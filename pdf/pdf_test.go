package pdf

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"secondment/assets"
	"secondment/model"
)

var keep = flag.String("keep", "", "write the test documents into this folder to look at them")

func testMaker(t testing.TB) *Maker {
	t.Helper()
	m, err := NewMaker(assets.CJKFont)
	if err != nil {
		t.Fatal(err)
	}
	m.Now = func() time.Time { return time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC) }
	return m
}

func sampleAgreement() model.Agreement {
	id17 := "33030220030315123"
	return model.Agreement{
		Placement: model.Placement{No: "XP2026-00042", StudentUniversity: "温州大学", StudentNumber: "WZU2025000123",
			StudentName: "王堃垚", Platform: "瓯江实验室", Task: "高性能锂电池正极材料的制备与表征",
			Supervisor: "陈立新", UniSupervisor: "李华", Start: model.MustDate("2026-03-01"), End: model.MustDate("2026-12-31"),
			Allowance: 2500, Status: model.Arrived, ArrivedOn: model.MustDate("2026-03-02")},
		Student: model.Student{Number: "WZU2025000123", Name: "王堃垚", Gender: "female", University: "温州大学",
			School: "化学与材料工程学院", Major: "材料科学与工程", Degree: "master", DegreeType: "academic", EnrolmentYear: 2025,
			Supervisor: "李华", Mobile: "13812345678", Email: "wzu2025000123@stu.wzu.edu.cn", IDNumber: id17 + string(model.IDCheckChar(id17))},
		Platform: model.Platform{Name: "瓯江实验室", Kind: "key_lab", Level: "provincial", Host: "温州医科大学",
			LegalType: "public", Chain: "life_health", Status: model.Recognised, Contact: "周敏", Phone: "0577-88962031"},
	}
}

// text extracts a PDF's text with pdftotext, as a reader's tools would.
func text(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	cmd := exec.Command("pdftotext", append(append([]string{}, args...), "-", "-")...)
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func save(t *testing.T, name string, b []byte) {
	if *keep != "" {
		os.WriteFile(filepath.Join(*keep, name), b, 0o644)
	}
}

// squeeze removes the white space pdftotext puts between and inside lines, so a
// wrapped sentence can be found whole.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\f' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

func TestAgreementText(t *testing.T) {
	m := testMaker(t)
	a := sampleAgreement()
	b, err := bytesOf(func(w io.Writer) error { return m.Agreement(w, a) })
	if err != nil {
		t.Fatal(err)
	}
	save(t, "agreement.pdf", b)
	got := text(t, b)
	flat := squeeze(got)
	for _, want := range []string{
		"研究生选派三方协议", "XP2026-00042", "甲方（派出高校）：温州大学", "乙方（科创平台）：瓯江实验室", "丙方（研究生）：王堃垚",
		a.Student.IDNumber, "WZU2025000123", "高性能锂电池正极材料的制备与表征", "2026年3月1日", "2026年12月31日",
		"陈立新", "李华", "2500元（大写：贰仟伍佰元整）", "第一条选派任务", "第八条安全", "第九条保密与知识产权", "第十条考核",
		"第十一条协议的变更与终止", "第十二条争议解决", "本协议一式三份", "甲方（盖章）", "乙方（盖章）", "丙方（签字）",
		"验证码" + a.Code(),
	} {
		if !strings.Contains(flat, squeeze(want)) {
			t.Errorf("agreement text lacks %q", want)
		}
	}
	pages := strings.Count(got, "\f")
	if pages < 2 || !strings.Contains(flat, "第1页共"+itoa(pages)+"页") || !strings.Contains(flat, "第"+itoa(pages)+"页共"+itoa(pages)+"页") {
		t.Errorf("page numbers wrong for %d pages:\n%s", pages, got)
	}
	if strings.Count(flat, "验证码"+a.Code()) != pages {
		t.Errorf("verification code not on every one of %d pages", pages)
	}
	// The signature blocks stay on one page.
	last := got[strings.LastIndex(strings.TrimRight(got, "\f"), "\f")+1:]
	for _, party := range []string{"甲方（盖章）", "乙方（盖章）", "丙方（签字）"} {
		if !strings.Contains(squeeze(last), party) {
			t.Errorf("%s is not on the last page with the others", party)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestLongNameAndTaskWrapWithoutLoss(t *testing.T) {
	m := testMaker(t)
	a := sampleAgreement()
	a.Student.Name = "阿卜杜热合曼·买买提依明·艾力江·阿不都克力木·热合曼江·阿" // 30 characters
	a.Placement.Task = strings.Repeat("面向温州“5+5+N”产业链的关键共性技术联合攻关，", 4)
	a.Platform.Name = "浙江省生物材料与再生医学重点实验室暨温州市生命健康科技创新联合体"
	if runeLen(a.Student.Name) != 30 {
		t.Fatalf("name has %d characters", runeLen(a.Student.Name))
	}
	b, err := bytesOf(func(w io.Writer) error { return m.Agreement(w, a) })
	if err != nil {
		t.Fatal(err)
	}
	save(t, "agreement-long.pdf", b)
	flat := squeeze(text(t, b))
	for _, want := range []string{a.Student.Name, squeeze(a.Placement.Task), a.Platform.Name} {
		if !strings.Contains(flat, squeeze(want)) {
			t.Errorf("lost characters: %q not found whole", want)
		}
	}
	// Nothing runs past the right margin but a closing mark, which may hang
	// into it by one character (标点悬挂) rather than begin the next line.
	bbox := text(t, b, "-bbox")
	for _, line := range strings.Split(bbox, "\n") {
		if i := strings.Index(line, `xMax="`); i >= 0 {
			var x float64
			fmt.Sscanf(line[i+6:], "%f", &x)
			if x > 595.3-letterMargins.right*72/25.4+sizeBody+0.5 {
				t.Fatalf("text beyond the right margin: %s", line)
			}
		}
	}
}

func TestMissingCharacterIsReportedBeforePrinting(t *testing.T) {
	m := testMaker(t)
	a := sampleAgreement()
	a.Student.Name = "王𠀀明" // U+20000, beyond the BMP gofpdf can print
	var buf bytes.Buffer
	err := m.Agreement(&buf, a)
	var miss *MissingGlyphsError
	if !errors.As(err, &miss) || string(miss.Runes) != "𠀀" || len(miss.Texts) == 0 || !strings.Contains(miss.Texts[0], "王𠀀明") {
		t.Fatalf("err = %v", err)
	}
	if buf.Len() != 0 {
		t.Fatal("a document was written despite the missing character")
	}
	// Rare characters the font has (beyond GB2312) print.
	a.Student.Name = "王堃垚龑"
	b, err := bytesOf(func(w io.Writer) error { return m.Agreement(w, a) })
	if err != nil || !strings.Contains(text(t, b), "王堃垚龑") {
		t.Fatalf("rare characters: %v", err)
	}
}

func TestBatchNumbersEachAgreement(t *testing.T) {
	m := testMaker(t)
	var as []model.Agreement
	for i := 0; i < 3; i++ {
		a := sampleAgreement()
		a.Placement.No = fmt.Sprintf("XP2026-%05d", i+1)
		as = append(as, a)
	}
	done := 0
	b, err := bytesOf(func(w io.Writer) error { return m.Agreements(w, as, func(n int) { done = n }) })
	if err != nil || done != 3 {
		t.Fatalf("batch: %v, progress %d", err, done)
	}
	got := text(t, b)
	pages := strings.Split(strings.TrimRight(got, "\f"), "\f")
	if len(pages)%3 != 0 {
		t.Fatalf("%d pages for 3 agreements", len(pages))
	}
	per := len(pages) / 3
	for i, pg := range pages {
		want := fmt.Sprintf("第%d页共%d页", i%per+1, per)
		no := fmt.Sprintf("XP2026-%05d", i/per+1)
		if !strings.Contains(squeeze(pg), want) || !strings.Contains(pg, no) {
			t.Errorf("page %d: want %s of %s", i+1, want, no)
		}
	}
}

func TestRosterRepeatsHeaderAndTotals(t *testing.T) {
	m := testMaker(t)
	var rows []model.Agreement
	for i := 0; i < 200; i++ {
		a := sampleAgreement()
		a.Placement.No = fmt.Sprintf("XP2026-%05d", i+1)
		a.Student.Number = fmt.Sprintf("WZU2025%06d", i)
		if i%4 == 0 {
			a.Placement.Status = model.Completed
		}
		rows = append(rows, a)
	}
	b, err := bytesOf(func(w io.Writer) error { return m.Roster(w, "瓯江实验室", rows) })
	if err != nil {
		t.Fatal(err)
	}
	save(t, "roster.pdf", b)
	got := text(t, b)
	pages := strings.Split(strings.TrimRight(got, "\f"), "\f")
	if len(pages) < 5 {
		t.Fatalf("200 rows on %d pages", len(pages))
	}
	for i, pg := range pages {
		if !strings.Contains(pg, "协议编号") || !strings.Contains(pg, "选派期间") {
			t.Errorf("page %d has no header row", i+1)
		}
	}
	last := squeeze(pages[len(pages)-1])
	if !strings.Contains(last, "合计：200人（其中已到岗150人，已结束50人）") {
		t.Errorf("totals: %s", last[max(0, len(last)-200):])
	}
	if strings.Contains(got, sampleAgreement().Student.IDNumber) || strings.Contains(got, "13812345678") {
		t.Error("the roster prints an ID number or mobile")
	}
	for i := 1; i <= 200; i++ {
		if !strings.Contains(got, fmt.Sprintf("WZU2025%06d", i-1)) {
			t.Fatalf("row %d missing", i)
		}
	}
}

func TestArrivalLetterAndQuotaReport(t *testing.T) {
	m := testMaker(t)
	a := sampleAgreement()
	b, err := bytesOf(func(w io.Writer) error { return m.ArrivalLetter(w, a) })
	if err != nil {
		t.Fatal(err)
	}
	save(t, "arrival.pdf", b)
	flat := squeeze(text(t, b))
	for _, want := range []string{"研究生到岗确认函", "温州大学研究生院（处）", "王堃垚", "WZU2025000123", "2026年3月2日", "瓯江实验室（盖章）", "特此确认"} {
		if !strings.Contains(flat, want) {
			t.Errorf("arrival letter lacks %q", want)
		}
	}
	a.Placement.ArrivedOn = model.Date{}
	if err := m.ArrivalLetter(io.Discard, a); err == nil {
		t.Error("an arrival letter for a student who has not arrived")
	}

	platforms := []model.Platform{sampleAgreement().Platform, {Name: "正泰集团研究院", Kind: "enterprise_rd", Level: "national", Status: model.Rectifying}}
	quotas := []model.QuotaUse{
		{Quota: model.Quota{Platform: "瓯江实验室", Year: 2026, Category: model.Graduate, Total: 10}, Used: 10},
		{Quota: model.Quota{Platform: "瓯江实验室", Year: 2026, Category: model.Dual, Total: 5}, Used: 2},
		{Quota: model.Quota{Platform: "正泰集团研究院", Year: 2026, Category: model.Graduate, Total: 8}, Used: 3},
		{Quota: model.Quota{Platform: "正泰集团研究院", Year: 2025, Category: model.Graduate, Total: 8}, Used: 8},
	}
	b, err = bytesOf(func(w io.Writer) error { return m.QuotaReport(w, 2026, platforms, quotas) })
	if err != nil {
		t.Fatal(err)
	}
	save(t, "quota.pdf", b)
	flat = squeeze(text(t, b))
	for _, want := range []string{"2026年度科创平台员额使用情况表", "瓯江实验室", "10/10（已满）", "2/5", "3/8", "整改中", "合计", "13/18", "1项员额已满"} {
		if !strings.Contains(flat, want) {
			t.Errorf("quota report lacks %q", want)
		}
	}
	if strings.Contains(flat, "8/8") {
		t.Error("the 2026 report shows a 2025 quota")
	}
}

func TestWrapRules(t *testing.T) {
	m := testMaker(t)
	var lines []string
	err := m.font.render(io.Discard, "wrap", false, m.Now(), func(d *doc) error {
		if d.pdf == nil {
			d.note("一二三四五六。（甲乙）XP2026-00042")
			return nil
		}
		d.size(sizeBody)
		w := d.pdf.GetStringWidth("一二三四")
		lines = d.wrap("一二三四。五六", w+0.1, 0)
		lines = append(lines, "|")
		lines = append(lines, d.wrap("一二三（甲乙", w+0.1, 0)...)
		lines = append(lines, "|")
		lines = append(lines, d.wrap("一二三四五XP2026-00042", 2*w, 0)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(lines, "/")
	// A full stop hangs rather than begin a line; an opening bracket moves down
	// with what it opens; an agreement number is not split.
	if want := "一二三四。/五六/|/一二三/（甲乙/|/一二三四五/XP2026-00042"; got != want {
		t.Errorf("wrap = %s; want %s", got, want)
	}
}
