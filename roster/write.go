package roster

import (
	"fmt"
	"sort"
	"strings"

	"secondment/model"
	"secondment/sheet"
)

// sheetColumns describes the columns for writing; drop-downs go into templates
// only (exports of 100,000 rows are streamed, which drop-downs would prevent).
func sheetColumns(cols []column, choices bool) []sheet.Column {
	out := make([]sheet.Column, len(cols))
	for i, c := range cols {
		out[i] = sheet.Column{Title: c.title, Width: c.width, Date: c.date}
		if choices && len(c.choices) > 0 {
			out[i].Choices = c.choices.Names("zh")
		}
	}
	return out
}

func dateCell(d model.Date) any {
	if d.IsZero() {
		return ""
	}
	return d.Time()
}

// StudentSheet is the student roster as exported: the import columns, so what
// is exported imports back unchanged.
func StudentSheet(ss []model.Student) sheet.Sheet {
	s := sheet.Sheet{Name: "学生名册", Columns: sheetColumns(studentColumns, false), Rows: make([][]any, len(ss))}
	for i, st := range ss {
		s.Rows[i] = []any{st.Number, st.Name, model.Genders.Name(st.Gender, "zh"), st.University, st.School, st.Major,
			model.Degrees.Name(st.Degree, "zh"), model.DegreeTypes.Name(st.DegreeType, "zh"), st.EnrolmentYear,
			st.Supervisor, st.Mobile, st.Email, st.IDNumber}
	}
	return s
}

// PlatformSheet is the platform list as exported (the import columns).
func PlatformSheet(ps []model.Platform) sheet.Sheet {
	s := sheet.Sheet{Name: "科创平台", Columns: sheetColumns(platformColumns, false), Rows: make([][]any, len(ps))}
	for i, p := range ps {
		s.Rows[i] = []any{p.Name, model.PlatformKinds.Name(p.Kind, "zh"), model.PlatformLevels.Name(p.Level, "zh"), p.Host,
			model.LegalTypes.Name(p.LegalType, "zh"), model.Chains.Name(p.Chain, "zh"),
			model.PlatformStatuses.Name(p.Status, "zh"), p.Contact, p.Phone}
	}
	return s
}

// AppointmentSheet is the dual-appointment list as exported (the import columns
// and the status).
func AppointmentSheet(as []model.Appointment) sheet.Sheet {
	cols := append(sheetColumns(appointmentColumns, false), sheet.Column{Title: "状态", Width: 8})
	s := sheet.Sheet{Name: "双聘双挂", Columns: cols, Rows: make([][]any, len(as))}
	for i, a := range as {
		s.Rows[i] = []any{a.Name, model.AppointmentKinds.Name(a.Kind, "zh"), a.University, a.UniPost, a.Platform,
			a.PlatformPost, dateCell(a.Start), dateCell(a.End), fmt.Sprintf("%d%%", a.Share),
			model.AppointmentStatuses.Name(a.Status, "zh")}
	}
	return s
}

// PlacementSheet lists placements.
func PlacementSheet(ps []model.Placement) sheet.Sheet {
	cols := []sheet.Column{
		{Title: "协议编号", Width: 14}, {Title: "学号", Width: 16}, {Title: "姓名", Width: 10}, {Title: "高校", Width: 16},
		{Title: "科创平台", Width: 26}, {Title: "攻关任务", Width: 36}, {Title: "校内导师", Width: 10}, {Title: "平台导师", Width: 10},
		{Title: "开始日期", Width: 12, Date: true}, {Title: "结束日期", Width: 12, Date: true}, {Title: "月补贴（元）", Width: 12},
		{Title: "状态", Width: 10}, {Title: "到岗日期", Width: 12, Date: true}, {Title: "结束/终止日期", Width: 14, Date: true},
		{Title: "终止原因", Width: 20}, {Title: "考核结果", Width: 10},
	}
	s := sheet.Sheet{Name: "选派名单", Columns: cols, Rows: make([][]any, len(ps))}
	for i, p := range ps {
		s.Rows[i] = []any{p.No, p.StudentNumber, p.StudentName, p.StudentUniversity, p.Platform, p.Task, p.UniSupervisor,
			p.Supervisor, dateCell(p.Start), dateCell(p.End), p.Allowance, model.PlacementStatuses.Name(p.Status, "zh"),
			dateCell(p.ArrivedOn), dateCell(p.EndedOn), p.Reason, model.Assessments.Name(p.Assessment, "zh")}
	}
	return s
}

// QuotaSheet lists quotas with their use.
func QuotaSheet(qs []model.QuotaUse) sheet.Sheet {
	cols := []sheet.Column{{Title: "科创平台", Width: 28}, {Title: "年度", Width: 8}, {Title: "类别", Width: 12},
		{Title: "已用", Width: 8}, {Title: "总数", Width: 8}, {Title: "剩余", Width: 8}}
	s := sheet.Sheet{Name: "员额", Columns: cols, Rows: make([][]any, len(qs)), Marks: map[[2]int]bool{}}
	for i, q := range qs {
		s.Rows[i] = []any{q.Platform, q.Year, model.QuotaCategories.Name(q.Category, "zh"), q.Used, q.Total, q.Total - q.Used}
		if q.Full() {
			s.Marks[[2]int{i, 3}] = true
		}
	}
	return s
}

// Template is an empty import sheet for kind: the headers, drop-downs for the
// enumerated columns, and a sheet of notes on filling it in.
func Template(k Kind) []sheet.Sheet {
	cols := columnsOf(k)
	name := map[Kind]string{Students: "学生名册", Platforms: "科创平台", Appointments: "双聘双挂"}[k]
	main := sheet.Sheet{Name: name, Columns: sheetColumns(cols, true), Blank: 5000}
	notes := sheet.Sheet{Name: "填写说明", Columns: []sheet.Column{{Title: "列", Width: 14}, {Title: "是否必填", Width: 10}, {Title: "说明", Width: 70}}}
	for _, c := range cols {
		req := "选填"
		if c.required {
			req = "必填"
		}
		notes.Rows = append(notes.Rows, []any{c.title, req, note(c)})
	}
	notes.Rows = append(notes.Rows,
		[]any{"", "", ""},
		[]any{"导入规则", "", "表头可以在任意列顺序，也可以在表格标题行之下；常见的列名写法（如 手机号、联系电话）都能识别。"},
		[]any{"", "", "全角数字、多余空格会自动整理；日期可写成 2024-09-01、2024/9/1、2024年9月1日 或 Excel 日期。"},
		[]any{"", "", "导入前逐行检查，只要有一行有误就全部不导入，并列出每行的问题；修改后重新导入即可。"},
	)
	return []sheet.Sheet{main, notes}
}

func note(c column) string {
	var parts []string
	if len(c.choices) > 0 {
		parts = append(parts, "从下拉列表选择："+strings.Join(c.choices.Names("zh"), "、"))
	}
	switch c.field {
	case "number":
		parts = append(parts, "同一高校内不得重复；字母和数字，最多 32 位")
	case "enrolment_year":
		parts = append(parts, "如 2024、2024级、2024年9月、2024-09 或入学日期")
	case "mobile":
		parts = append(parts, "11 位手机号，可带 +86")
	case "id_number":
		parts = append(parts, "18 位，末位可为 X；第 17 位须与性别相符（奇数为男）；请把该列设为“文本”格式，以免电子表格只保留 15 位、把后几位变成 0")
	case "share":
		parts = append(parts, "在平台工作的时间占比，如 30% 或 0.3")
	case "start", "end":
		parts = append(parts, "日期，如 2024-09-01")
	case "university":
		parts = append(parts, "须为系统中已有的高校全称")
	case "platform":
		parts = append(parts, "须为系统中已有的平台全称")
	}
	if len(c.variants) > 0 {
		parts = append(parts, "也可写作："+strings.Join(c.variants, "、"))
	}
	return strings.Join(parts, "；")
}

// ErrorSheet is a copy of an imported sheet for the clerk to fix and import
// again: the title rows above the header kept, every row at its own row
// number (so 与第 3 行重复 points at the right row), dates shown as dates, a
// reason column (titled reasonTitle) and the bad cells highlighted. reason
// renders one fault in the clerk's language.
func ErrorSheet(t *sheet.Table, l Layout, errs []model.RowError, reason func(model.RowError) string, reasonTitle string) sheet.Sheet {
	width := len(l.Header)
	for _, r := range t.Rows {
		width = max(width, len(r.Cells))
	}
	cols := make([]sheet.Column, width+1)
	for i := range cols[:width] {
		title := ""
		if i < len(l.Header) {
			title = model.Clean(l.Header[i])
		}
		if title == "" {
			title = sheet.ColumnName(i)
		}
		cols[i] = sheet.Column{Title: title, Width: 14}
	}
	cols[width] = sheet.Column{Title: reasonTitle, Width: 60}
	byRow := map[int][]model.RowError{}
	for _, e := range errs {
		byRow[e.Row] = append(byRow[e.Row], e)
	}
	colOf := map[string]int{}
	for i, h := range l.Header {
		colOf[model.Clean(h)] = i
	}
	cells := func(row sheet.Row, n int) []any {
		out := make([]any, n)
		for i := range out {
			out[i] = row.Cell(i)
			if row.Kind(i) == sheet.Date {
				if d, err := model.ParseDate(row.Cell(i)); err == nil {
					out[i] = d.Time()
				}
			}
		}
		return out
	}
	s := sheet.Sheet{Name: "待修改", Columns: cols, Marks: map[[2]int]bool{}}
	s.Top = make([][]any, max(l.HeaderRow-1, 0))
	for _, row := range t.Rows {
		switch {
		case row.Num < l.HeaderRow:
			s.Top[row.Num-1] = cells(row, len(row.Cells))
			continue
		case row.Num == l.HeaderRow:
			continue
		}
		at := row.Num - l.HeaderRow - 1 // index into s.Rows
		for len(s.Rows) < at {
			s.Rows = append(s.Rows, nil) // a blank row of the clerk's sheet
		}
		line := cells(row, width+1)
		var reasons []string
		for _, e := range byRow[row.Num] {
			i, ok := l.Col[e.Field]
			if !ok {
				i, ok = colOf[e.Column]
			}
			if ok {
				s.Marks[[2]int{at, i}] = true
			}
			reasons = append(reasons, reason(e))
		}
		if len(reasons) > 0 {
			s.Marks[[2]int{at, width}] = true
		}
		line[width] = strings.Join(reasons, "；")
		s.Rows = append(s.Rows, line)
	}
	// The footer (合计, 制表人, a date line under it) goes below the table:
	// from the first row with a footer mark after the last row with a fault.
	after := lastFault(s.Rows, width)
	for i, row := range s.Rows {
		if i > after && footerRow(row) {
			for i > after+1 && s.Rows[i-1] == nil { // and the blank lines above it
				i--
			}
			s.Rows, s.Bottom = s.Rows[:i], s.Rows[i:]
			break
		}
	}
	return s
}

// lastFault is the index of the last row with a reason, -1 if none.
func lastFault(rows [][]any, reason int) int {
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i] != nil && rows[i][reason] != "" {
			return i
		}
	}
	return -1
}

// footerRow reports whether a row of the clerk's sheet is a footer row.
func footerRow(row []any) bool {
	for _, v := range row {
		if s, ok := v.(string); ok && hasFooterMark(s) {
			return true
		}
	}
	return false
}

// SortErrors orders row errors by row, keeping each row's in the order found.
func SortErrors(errs []model.RowError) {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Row < errs[j].Row })
}
