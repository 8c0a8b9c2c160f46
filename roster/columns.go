// Package roster gives spreadsheet rows their meaning: which column is which
// (Chinese headers in any order, with the variants offices use), how a cell is
// normalised (full-width digits, Excel date serials, 2024级), and the sheets
// exported back. It speaks model types and sheet tables; it reads no files.
package roster

import (
	"strings"

	"secondment/model"
)

// column is one field of an import or export sheet.
type column struct {
	field    string   // the model field it fills (model validation names it)
	title    string   // the title written on export and templates
	variants []string // other headers accepted on import
	required bool
	choices  model.Terms // for drop-downs and normalisation
	date     bool
	width    float64
}

// Kind names what a sheet holds.
type Kind string

const (
	Students     Kind = "students"
	Platforms    Kind = "platforms"
	Appointments Kind = "appointments"
)

var studentColumns = []column{
	{field: "number", title: "学号", variants: []string{"学生学号", "学籍号"}, required: true, width: 16},
	{field: "name", title: "姓名", variants: []string{"学生姓名", "研究生姓名"}, required: true, width: 10},
	{field: "gender", title: "性别", required: true, choices: model.Genders, width: 6},
	{field: "university", title: "高校", variants: []string{"学校", "所在高校", "培养单位", "高校名称"}, required: true, width: 16},
	{field: "school", title: "学院", variants: []string{"院系", "所在学院", "二级学院"}, required: true, width: 20},
	{field: "major", title: "专业", variants: []string{"专业名称", "学科专业"}, required: true, width: 18},
	{field: "degree", title: "学位层次", variants: []string{"层次", "培养层次", "学历层次"}, required: true, choices: model.Degrees, width: 10},
	{field: "degree_type", title: "学位类型", variants: []string{"类型", "学位类别"}, required: true, choices: model.DegreeTypes, width: 10},
	{field: "enrolment_year", title: "入学年份", variants: []string{"年级", "入学年度", "入学时间"}, required: true, width: 10},
	{field: "supervisor", title: "校内导师", variants: []string{"导师", "指导教师", "导师姓名"}, required: true, width: 10},
	// A mobile column wins over a landline one: variants are in order of
	// preference, and offices often keep both 手机号码 and 联系电话.
	{field: "mobile", title: "手机", variants: []string{"手机号", "手机号码", "移动电话", "联系电话", "电话", "联系方式"}, required: true, width: 14},
	{field: "email", title: "邮箱", variants: []string{"电子邮箱", "电子邮件", "Email", "E-mail"}, required: true, width: 26},
	{field: "id_number", title: "身份证号", variants: []string{"身份证号码", "身份证", "证件号码", "公民身份号码"}, width: 21},
}

var platformColumns = []column{
	{field: "name", title: "平台名称", variants: []string{"平台", "科创平台", "名称"}, required: true, width: 30},
	{field: "kind", title: "类别", variants: []string{"平台类别", "类型", "平台类型"}, required: true, choices: model.PlatformKinds, width: 14},
	{field: "level", title: "级别", variants: []string{"平台级别", "层级"}, required: true, choices: model.PlatformLevels, width: 8},
	{field: "host", title: "依托单位", variants: []string{"依托单位名称", "建设单位"}, required: true, width: 26},
	{field: "legal_type", title: "法人类型", variants: []string{"法人性质", "单位性质"}, required: true, choices: model.LegalTypes, width: 12},
	{field: "chain", title: "产业链", variants: []string{"所属产业链", "产业领域"}, choices: model.Chains, width: 16},
	{field: "status", title: "认定状态", variants: []string{"状态"}, choices: model.PlatformStatuses, width: 10},
	{field: "contact", title: "人事联系人", variants: []string{"联系人"}, width: 10},
	{field: "phone", title: "联系电话", variants: []string{"电话", "联系方式"}, width: 16},
}

var appointmentColumns = []column{
	{field: "name", title: "姓名", required: true, width: 10},
	{field: "kind", title: "类型", variants: []string{"聘任类型", "双聘双挂类型"}, required: true, choices: model.AppointmentKinds, width: 8},
	{field: "university", title: "高校", variants: []string{"学校", "所在高校"}, required: true, width: 16},
	{field: "uni_post", title: "高校职务", variants: []string{"高校职称", "学校职务"}, width: 12},
	{field: "platform", title: "平台名称", variants: []string{"平台", "科创平台"}, required: true, width: 26},
	{field: "platform_post", title: "平台职务", variants: []string{"平台岗位"}, width: 12},
	{field: "start", title: "开始日期", variants: []string{"起始日期", "聘期开始", "开始时间"}, required: true, date: true, width: 12},
	{field: "end", title: "结束日期", variants: []string{"截止日期", "聘期结束", "结束时间"}, required: true, date: true, width: 12},
	{field: "share", title: "工作量占比", variants: []string{"工作量", "占比", "时间占比"}, required: true, width: 10},
}

func columnsOf(k Kind) []column {
	switch k {
	case Platforms:
		return platformColumns
	case Appointments:
		return appointmentColumns
	}
	return studentColumns
}

// headerKey folds a header for matching: width, case, spaces, and the marks
// offices add (*必填, （选填）, colons).
func headerKey(s string) string {
	s = model.Fold(s)
	for _, cut := range []string{"(", "（", "*", "＊", ":", "："} {
		if i := strings.Index(s, cut); i > 0 {
			s = s[:i]
		}
	}
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' || r == '*' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, s)
	return s
}

func (c column) matches(header string) bool { return c.rank(header) >= 0 }

// rank is 0 for the title, 1+i for variant i, and -1 for a header that is not
// this column's: the lower, the better the match.
func (c column) rank(header string) int {
	h := headerKey(header)
	if h == "" {
		return -1
	}
	if h == headerKey(c.title) {
		return 0
	}
	for i, v := range c.variants {
		if h == headerKey(v) {
			return i + 1
		}
	}
	return -1
}
