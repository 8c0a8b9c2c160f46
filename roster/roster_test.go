package roster

import (
	"strconv"
	"testing"

	"secondment/model"
	"secondment/sheet"
)

func table(rows ...[]string) *sheet.Table {
	t := &sheet.Table{}
	for i, r := range rows {
		t.Rows = append(t.Rows, sheet.Row{Num: i + 1, Cells: r})
	}
	return t
}

func TestLocate(t *testing.T) {
	full := []string{"学号", "姓名", "性别", "高校", "学院", "专业", "学位层次", "学位类型", "入学年份", "校内导师", "手机", "邮箱"}
	tests := []struct {
		name string
		t    *sheet.Table
		key  string
		row  int
	}{
		{"plain", table(full), "", 1},
		{"title rows above", table([]string{"温州大学研究生名单"}, []string{""}, []string{"导出日期：2025-09-01"}, full), "", 4},
		{"variants, marks and spaces", table([]string{"学生学号*", "姓 名", "性别（必填）", "培养单位", "院系", "学科专业", "培养层次", "学位类别", "年级", "导师姓名", "联系电话", "Ｅｍａｉｌ", "身份证号码"}), "", 1},
		{"missing columns", table([]string{"学号", "姓名", "性别"}), "import.missing_columns", 0},
		{"no header at all", table([]string{"1", "2"}, []string{"a", "b"}), "import.no_header", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Locate(tt.t, Students)
			if tt.key != "" {
				if e, ok := err.(*model.Error); !ok || e.Key != tt.key {
					t.Fatalf("err = %v; want %s", err, tt.key)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if l.HeaderRow != tt.row || len(l.Col) < 12 {
				t.Fatalf("header row %d, %d columns: %v", l.HeaderRow, len(l.Col), l.Col)
			}
		})
	}
}

func TestCellNormalisation(t *testing.T) {
	today := model.MustDate("2026-11-25")
	id := "33030220030315123"
	id += string(model.IDCheckChar(id))
	tab := table(
		[]string{"手机", "姓名", "学号", "性别", "高校", "学院", "专业", "学位层次", "学位类型", "入学年份", "校内导师", "邮箱", "身份证号"},
		[]string{"1.3812345678E10", "张三", "2025101.0", "男", "温州大学", "商学院", "工商管理", "硕士", "专业学位", "2025级", "王老师", "a@b.cn", id},
		[]string{"13812345679", "李四", "2025102", "女", "温州大学", "商学院", "工商管理", "博士", "学术学位", "45901", "王老师", "c@b.cn", "3.30302200303151E17"},
	)
	rows, _, errs, err := ReadStudents(tab, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Student.Mobile != "13812345678" || rows[0].Student.Number != "2025101" || rows[0].Student.EnrolmentYear != 2025 {
		t.Fatalf("rows = %+v", rows)
	}
	// Row 3: the year is an Excel date serial (2025-09-01), the ID number was
	// mangled into scientific notation by Excel.
	if len(errs) != 1 || errs[0].Row != 3 || errs[0].Column != "身份证号" || errs[0].Err.Key != "import.id_as_number" {
		t.Fatalf("errs = %+v", errs)
	}
}

func TestAppointmentCells(t *testing.T) {
	tab := table(
		[]string{"姓名", "类型", "高校", "平台名称", "开始日期", "结束日期", "工作量占比"},
		[]string{"陈教授", "双聘", "温州大学", "瓯江实验室", "45658", "2027/12/31", "30%"},
		[]string{"林研究员", "双挂", "温州大学", "瓯江实验室", "2025年1月1日", "2026-12-31", "0.5"},
		[]string{"坏日期", "双挂", "温州大学", "瓯江实验室", "2025-02-30", "2026-12-31", "50"},
	)
	rows, _, errs, err := ReadAppointments(tab)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Appointment.Start.String() != "2025-01-01" || rows[0].Appointment.Share != 30 || rows[1].Appointment.Share != 50 {
		t.Fatalf("rows = %+v", rows)
	}
	if len(errs) != 1 || errs[0].Row != 4 || errs[0].Column != "开始日期" {
		t.Fatalf("errs = %+v", errs)
	}
}

// FuzzReadStudents feeds arbitrary cells to the student reader: it must never
// panic, and every row is either read or refused with a reason.
func FuzzReadStudents(f *testing.F) {
	id := "33030220030315123"
	id += string(model.IDCheckChar(id))
	for _, seed := range [][]string{
		{"2025101", "张三", "男", "温州大学", "商学院", "工商管理", "硕士", "专业学位", "2025级", "王老师", "13812345678", "a@b.cn", id},
		{"２０２５１０２", " 李四 ", "女", "温州大学", "商学院", "工商管理", "博士", "学术学位", "45901", "王老师", "+86 138-1234-5678", "A@B.CN", ""},
		{"1.3812345678E10", "", "?", "", "", "", "", "", "二〇二五", "", "1380013", "no-at", "3.3E17"},
	} {
		f.Add(seed[0], seed[1], seed[2], seed[8], seed[10], seed[12])
	}
	today := model.MustDate("2026-11-25")
	f.Fuzz(func(t *testing.T, number, name, gender, year, mobile, idNo string) {
		tab := table(
			[]string{"学号", "姓名", "性别", "高校", "学院", "专业", "学位层次", "学位类型", "入学年份", "校内导师", "手机", "邮箱", "身份证号"},
			[]string{number, name, gender, "温州大学", "商学院", "工商管理", "硕士", "学术学位", year, "王老师", mobile, "a@b.cn", idNo},
		)
		rows, _, errs, err := ReadStudents(tab, today)
		if err != nil {
			t.Fatalf("layout refused: %v", err)
		}
		if len(rows)+btoi(len(errs) > 0) != 1 {
			t.Fatalf("row neither read nor refused: %d rows, %d errors", len(rows), len(errs))
		}
		for _, e := range errs {
			if e.Row != 2 || e.Err == nil {
				t.Fatalf("bad row error %+v", e)
			}
		}
		if len(rows) == 1 {
			st := rows[0].Student
			if st.Normalize(today) != nil {
				t.Fatalf("a read row fails validation: %+v", st)
			}
		}
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// A stream looks for the header in the first ten rows and, finding none, ends
// the scan there: a notes sheet of 100,000 lines is not read to its end.
func TestStreamGivesUpWithoutAHeader(t *testing.T) {
	s := NewStream(Students, model.MustDate("2026-11-25"))
	info := &sheet.Info{Sheet: "说明"}
	for i := 1; i <= 100; i++ {
		err := s.Row(info, sheet.Row{Num: i, Cells: []string{"第" + strconv.Itoa(i) + "条说明"}})
		if (err != nil) != (i == 10) {
			t.Fatalf("row %d: %v", i, err)
		}
		if err != nil {
			break
		}
	}
	if _, _, err := s.Finish(info); err == nil {
		t.Fatal("a sheet without a header was accepted")
	}
}
