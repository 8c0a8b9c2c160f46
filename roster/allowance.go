package roster

import (
	"fmt"
	"math"
	"strings"

	"secondment/model"
	"secondment/sheet"
)

// AllowanceSheet is a month's allowance list (研究生科研补助发放表) as a
// workbook: the title above the header, one line per student (a line whose
// attendance is not recorded says so and pays nothing yet), the totals, and
// an empty column to sign on receipt. Lines whose allowance is cut are marked.
func AllowanceSheet(l model.AllowanceList) sheet.Sheet {
	scope := l.Platform
	if scope == "" {
		scope = l.University
	}
	title := strings.TrimSpace(fmt.Sprintf("%s 研究生科研补助发放表（%s）", scope, l.Month))
	s := sheet.Sheet{Name: "科研补助发放表 " + l.Month, Top: [][]any{{title}},
		Columns: []sheet.Column{{Title: "序号", Width: 6}, {Title: "协议编号", Width: 14}, {Title: "学号", Width: 14},
			{Title: "姓名", Width: 10}, {Title: "高校", Width: 16}, {Title: "科创平台", Width: 28},
			{Title: "出勤（天）"}, {Title: "缺勤（天）"}, {Title: "请假（天）"}, {Title: "月补助（元）", Width: 12},
			{Title: "日补助（元）", Width: 12}, {Title: "扣减（元）"}, {Title: "实发（元）"}, {Title: "领取人签字", Width: 14}},
		Marks: map[[2]int]bool{}}
	for i, r := range l.Rows {
		row := []any{i + 1, r.No, r.StudentNumber, r.StudentName, r.University, r.Platform}
		if r.Recorded {
			row = append(row, r.Present, r.Absent, r.Leave, r.Allowance, math.Round(r.DailyRate*100)/100, r.Deduction,
				r.Amount, "")
			if r.Deduction > 0 {
				s.Marks[[2]int{i, 11}] = true
			}
		} else {
			row = append(row, "未登记", "", "", r.Allowance, "", "", "", "")
			s.Marks[[2]int{i, 6}] = true
		}
		s.Rows = append(s.Rows, row)
	}
	s.Rows = append(s.Rows, []any{"", "合计", "", fmt.Sprintf("%d 人", len(l.Rows)), "", "", "", "", "", l.Allowance,
		"", l.Deduction, l.Amount, ""})
	return s
}
