package roster

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"secondment/model"
	"secondment/sheet"
)

// The workbooks under testdata were saved by LibreOffice Calc (see
// testdata/README.md and make-fixtures.py): these tests read what a real
// spreadsheet program writes, not what excelize writes.

var today = model.MustDate("2026-11-25")

func readFixture(t *testing.T, path, sheetName string) *sheet.Table {
	t.Helper()
	tab, err := sheet.ReadSheet(path, sheetName, sheet.DefaultLimits)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return tab
}

func TestDate1904Workbook(t *testing.T) {
	tab := readFixture(t, "testdata/date1904.xlsx", "")
	if !tab.Date1904 || tab.Sheet != "学生" {
		t.Fatalf("1904 system not seen: %+v", tab)
	}
	rows, _, errs, err := ReadStudents(tab, today)
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	var years []int
	for _, r := range rows {
		years = append(years, r.Student.EnrolmentYear)
	}
	if len(years) != 3 || years[0] != 2022 || years[1] != 2023 || years[2] != 2024 {
		t.Errorf("enrolment years %v; want 2022 2023 2024 (not four years early)", years)
	}
	as, _, errs, err := ReadAppointments(readFixture(t, "testdata/date1904.xlsx", "双聘双挂"))
	if err != nil || len(errs) > 0 || len(as) != 1 {
		t.Fatal(err, errs)
	}
	if a := as[0].Appointment; a.Start.String() != "2025-01-01" || a.End.String() != "2027-12-31" {
		t.Errorf("appointment %v to %v; want 2025-01-01 to 2027-12-31", a.Start, a.End)
	}
}

func TestIDNumberStoredAsNumber(t *testing.T) {
	for _, c := range []struct{ file, key string }{
		{"testdata/id-number.xlsx", "import.id_as_number"},  // a Number cell: 3.30302200303151E+17
		{"testdata/id-number.csv", "import.id_lost_digits"}, // written out: 330302200303151000
	} {
		t.Run(c.file, func(t *testing.T) {
			rows, _, errs, err := ReadStudents(readFixture(t, c.file, ""), today)
			if err != nil {
				t.Fatal(err)
			}
			if len(errs) != 2 || len(rows) != 1 || rows[0].Row != 4 {
				t.Fatalf("rows %+v errs %+v", rows, errs)
			}
			for i, e := range errs {
				if e.Row != i+2 || e.Field != "id_number" || e.Column != "身份证号" || e.Err.Key != c.key {
					t.Errorf("row error %+v; want row %d refused with %s", e, i+2, c.key)
				}
			}
		})
	}
}

func TestUnicodeText(t *testing.T) {
	tab := readFixture(t, "testdata/unicode-text.txt", "")
	rows, _, errs, err := ReadStudents(tab, today)
	if err != nil || len(errs) > 0 || len(rows) != 3 {
		t.Fatal(err, errs, rows)
	}
	if st := rows[0].Student; st.Name != "学生乙" || st.University != "温州大学" || st.EnrolmentYear != 2024 {
		t.Errorf("first row %+v", st)
	}
}

func TestSecondSheet(t *testing.T) {
	tab := readFixture(t, "testdata/second-sheet.xlsx", "")
	if tab.Sheet != "填表说明" || strings.Join(tab.Sheets, ",") != "填表说明,2025级名单" {
		t.Fatalf("sheet %q of %v", tab.Sheet, tab.Sheets)
	}
	if _, err := Locate(tab, Students); err == nil {
		t.Fatal("a sheet of notes has a header")
	}
	rows, _, errs, err := ReadStudents(readFixture(t, "testdata/second-sheet.xlsx", "2025级名单"), today)
	if err != nil || len(errs) > 0 || len(rows) != 3 {
		t.Fatal(err, errs)
	}
}

const firstDay = "../cli/testdata/first-day/温州大学2025年研究生选派名单.xlsx"

// TestFirstDayRoster reads an office's own roster as it keeps it: every
// student read, footer rows ignored, the mobile column chosen over the
// landline, names and degree words as offices write them.
func TestFirstDayRoster(t *testing.T) {
	tab := readFixture(t, firstDay, "")
	rows, l, errs, err := ReadStudents(tab, today)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("row %d %s %q: %s %v", e.Row, e.Column, e.Value, e.Err.Key, e.Err.Args)
	}
	if len(rows) != 30 || l.Rows != 30 || l.Ignored != 3 || l.HeaderRow != 3 {
		t.Fatalf("%d rows read, layout %+v", len(rows), l)
	}
	if l.Title("university") != "学校" || l.Title("mobile") != "手机号码" {
		t.Errorf("columns: university %q, mobile %q", l.Title("university"), l.Title("mobile"))
	}
	byName := map[string]model.Student{}
	for _, r := range rows {
		st := r.Student
		byName[st.Name] = st
		if !strings.HasPrefix(st.Mobile, "1395770") {
			t.Errorf("%s: mobile %q read from the landline column", st.Name, st.Mobile)
		}
		if st.EnrolmentYear < 2023 || st.EnrolmentYear > 2025 {
			t.Errorf("%s: enrolment year %d", st.Name, st.EnrolmentYear)
		}
	}
	for _, name := range []string{"郑浩", "欧阳欣然"} {
		if _, ok := byName[name]; !ok {
			t.Errorf("no student named %s (spaces kept?)", name)
		}
	}
	if st := byName["郑浩"]; st.Degree != "master" || st.DegreeType != "professional" || st.Supervisor != "李明" {
		t.Errorf("郑浩 (硕士研究生, 专业型, 导师 李 明): %+v", st)
	}
	if st := rows[2].Student; st.Degree != "master" || st.DegreeType != "professional" { // 专硕, type left blank
		t.Errorf("专硕: %+v", st)
	}
	if st := rows[3].Student; st.Degree != "master" || st.DegreeType != "academic" || st.Number != "23451100104" { // 学硕; number typed as a number
		t.Errorf("学硕: %+v", st)
	}
	if st := rows[5].Student; st.Degree != "doctor" || st.DegreeType != "academic" {
		t.Errorf("博士研究生: %+v", st)
	}
}

// TestProblemWorkbook writes the problem workbook of the first-day roster
// with a fault the rules raise (a field code) and one of the sheet: the title
// rows are kept so row numbers match, the clerk's 学校 cell is marked, and the
// dates stay dates.
func TestProblemWorkbook(t *testing.T) {
	tab := readFixture(t, firstDay, "")
	_, l, _, err := ReadStudents(tab, today)
	if err != nil {
		t.Fatal(err)
	}
	errs := []model.RowError{
		{Row: 10, Field: "university", Value: "温州大学", Err: model.Errorf(model.ENotFound, "import.university_unknown", "温州大学")},
		{Row: 12, Field: "number", Column: "学号", Value: "x", Err: model.Errorf(model.EConflict, "import.duplicate", 4)},
	}
	s := ErrorSheet(tab, l, errs, func(e model.RowError) string { return e.Err.Key }, "错误说明")
	path := filepath.Join(t.TempDir(), "问题.xlsx")
	if err := sheet.Write(path, s); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	name := f.GetSheetList()[0]
	cell := func(ref string) string { v, _ := f.GetCellValue(name, ref); return v }
	if cell("A1") != "温州大学2025年研究生赴科创平台选派名单" || cell("B3") != "学号" || cell("P3") != "错误说明" {
		t.Errorf("title and header: A1 %q, B3 %q, P3 %q", cell("A1"), cell("B3"), cell("P3"))
	}
	if cell("C4") != "郑 浩" || cell("P10") != "import.university_unknown" || cell("P12") != "import.duplicate" {
		t.Errorf("rows moved: C4 %q, P10 %q, P12 %q", cell("C4"), cell("P10"), cell("P12"))
	}
	for ref, want := range map[string]bool{"E10": true, "B12": true, "E11": false} {
		style, _ := f.GetCellStyle(name, ref)
		st, _ := f.GetStyle(style)
		marked := st != nil && len(st.Fill.Color) > 0 && st.Fill.Color[0] == "FECACA"
		if marked != want {
			t.Errorf("%s marked %v; want %v", ref, marked, want)
		}
	}
	// Row 5's 入学年份 was a date shown as 2024年9月: still a date.
	if v := cell("J5"); v != "2024-09-01" {
		t.Errorf("J5 = %q; want the date 2024-09-01", v)
	}
}

func TestEnrolmentYearForms(t *testing.T) {
	head := []string{"学号", "姓名", "性别", "高校", "学院", "专业", "学位层次", "学位类型", "入学年份", "校内导师", "手机", "邮箱"}
	row := func(year string) []string {
		return []string{"2025101", "张三", "男", "温州大学", "商学院", "工商管理", "硕士", "专业学位", year, "王老师", "13812345678", "a@b.cn"}
	}
	for _, y := range []string{"2022", "2022级", "2022年", "2022届", "2022年9月", "2022-09", "2022/9", "2022.9", "2022.09", "2022-09-01", "2022年9月1日", "44805"} {
		t.Run(y, func(t *testing.T) {
			rows, _, errs, err := ReadStudents(table(head, row(y)), today)
			if err != nil || len(errs) > 0 || len(rows) != 1 || rows[0].Student.EnrolmentYear != 2022 {
				t.Fatalf("%q: %v %+v %+v", y, err, errs, rows)
			}
		})
	}
}

func TestDegreeWordsAndNames(t *testing.T) {
	tests := []struct {
		level, kind, name     string
		degree, dtype, stored string
	}{
		{"硕士研究生", "学术型", "郑 浩", "master", "academic", "郑浩"},
		{"博士研究生", "专业型", "欧阳　娜娜", "doctor", "professional", "欧阳娜娜"},
		{"全日制硕士", "学术学位", "Anna  Maria Lee", "master", "academic", "Anna Maria Lee"},
		{"学硕", "", "王 小 明", "master", "academic", "王小明"},
		{"专硕", "", "阿依古丽·买买提", "master", "professional", "阿依古丽·买买提"},
		{"硕士", "专业学位", "John Smith", "master", "professional", "John Smith"},
	}
	head := []string{"学号", "姓名", "性别", "高校", "学院", "专业", "学位层次", "学位类型", "入学年份", "校内导师", "手机", "邮箱"}
	for _, tt := range tests {
		t.Run(tt.level+tt.kind, func(t *testing.T) {
			tab := table(head, []string{"2025101", tt.name, "男", "温州大学", "商学院", "工商管理", tt.level, tt.kind, "2024", "王老师", "13812345678", "a@b.cn"})
			rows, _, errs, err := ReadStudents(tab, today)
			if err != nil || len(errs) > 0 {
				t.Fatal(err, errs)
			}
			if st := rows[0].Student; st.Degree != tt.degree || st.DegreeType != tt.dtype || st.Name != tt.stored {
				t.Errorf("got %s %s %q; want %s %s %q", st.Degree, st.DegreeType, st.Name, tt.degree, tt.dtype, tt.stored)
			}
		})
	}
}

func TestFooterAndBlankRows(t *testing.T) {
	head := []string{"序号", "学号", "姓名", "性别", "高校", "学院", "专业", "学位层次", "学位类型", "入学年份", "校内导师", "手机", "邮箱"}
	good := []string{"1", "2025101", "张三", "男", "温州大学", "商学院", "工商管理", "硕士", "专业学位", "2024", "王老师", "13812345678", "a@b.cn"}
	tab := table(head, good,
		[]string{"2"},            // a numbered row with nothing else
		[]string{"合计", "", "1人"}, // totals
		[]string{"制表人：王丽", "", "", "", "审核人：陈建国"},
		[]string{"", "", "", "", "", "", "", "", "", "", "", "（签字）"},
		[]string{"", "2025年9月10日"}, // below the footer, no key: the date line
	)
	rows, l, errs, err := ReadStudents(tab, today)
	if err != nil || len(errs) > 0 || len(rows) != 1 {
		t.Fatal(err, errs, rows)
	}
	if l.Rows != 1 || l.Ignored != 5 {
		t.Errorf("rows %d ignored %d; want 1 and 5", l.Rows, l.Ignored)
	}
	// A student row that only lacks its number is no footer, whatever its
	// notes say: it is refused for the number.
	noNumber := append([]string(nil), good...)
	noNumber[1], noNumber[2] = "", "审核中的学生"
	_, l, errs, _ = ReadStudents(table(head, noNumber), today)
	if l.Rows != 1 || len(errs) != 1 || errs[0].Field != "number" || errs[0].Err.Key != "field.required" {
		t.Errorf("row without a number: rows %d, errs %+v", l.Rows, errs)
	}
}

func TestMobileColumnWinsOverLandline(t *testing.T) {
	for _, head := range [][]string{
		{"学号", "姓名", "性别", "高校", "学院", "专业", "学位层次", "学位类型", "入学年份", "校内导师", "联系电话", "手机号码", "邮箱"},
		{"学号", "姓名", "性别", "高校", "学院", "专业", "学位层次", "学位类型", "入学年份", "校内导师", "手机号码", "联系电话", "邮箱"},
	} {
		l, err := Locate(table(head), Students)
		if err != nil {
			t.Fatal(err)
		}
		if l.Title("mobile") != "手机号码" {
			t.Errorf("%v: mobile read from %q", head, l.Title("mobile"))
		}
	}
}

func TestIDGenderDigit(t *testing.T) {
	head := []string{"学号", "姓名", "性别", "高校", "学院", "专业", "学位层次", "学位类型", "入学年份", "校内导师", "手机", "邮箱", "身份证号"}
	male := "33030220030315123"
	male += string(model.IDCheckChar(male))
	_, _, errs, _ := ReadStudents(table(head,
		[]string{"2025101", "张三", "女", "温州大学", "商学院", "工商管理", "硕士", "专业学位", "2024", "王老师", "13812345678", "a@b.cn", male}), today)
	if len(errs) != 1 || errs[0].Err.Key != "id.gender" || errs[0].Column != "身份证号" {
		t.Fatalf("errs %+v", errs)
	}
}
