package pdf

import (
	"fmt"
	"io"

	"secondment/model"
)

// The documents of a placement on site (issue 12): the safety pledge the
// student signs before leaving, the monthly allowance list the office pays
// from, and the mid-term check form.

// Pledge writes the student's safety pledge (研究生校外科研安全承诺书) for a
// placement, to be signed: the student's and the placement's particulars and
// the undertakings, with the signature and date lines.
func (m *Maker) Pledge(w io.Writer, a model.Agreement) error {
	p, s := a.Placement, a.Student
	title := "研究生校外科研安全承诺书"
	return m.font.render(w, title+" "+p.No, false, m.Now(), func(d *doc) error {
		d.section("协议编号 "+p.No+"　验证码 "+a.Code(), 0)
		defer d.endSection()
		d.bold(true)
		d.centered(title, sizeTitle)
		d.bold(false)
		d.gap()
		d.pair("姓名", s.Name, "学号", s.Number)
		d.pair("高校", s.University, "学院", s.School)
		d.pair("专业", s.Major, "校内导师", orDash(p.UniSupervisor))
		d.pair("科创平台", p.Platform, "平台导师", orDash(p.Supervisor))
		d.pair("选派期间", p.Start.String()+" 至 "+p.End.String(), "联系电话", orDash(s.Mobile))
		ins := "（待办理）"
		if p.Insurance != nil {
			ins = p.Insurance.Insurer + " " + p.Insurance.Policy + "（" + p.Insurance.From.String() + " 至 " + p.Insurance.To.String() + "）"
		}
		if d.pdf != nil {
			d.pdf.SetX(d.m.left)
		}
		d.labelled("意外伤害保险", ins, d.m.left, d.width)
		d.gap()
		d.gap()
		d.para("本人经学校选派，赴上述科创平台开展科研工作。为保障本人人身和财产安全，维护学校和平台的正常秩序，本人郑重承诺：", sizeBody, 0, 2)
		items := []string{
			"遵守国家法律法规、学校和平台的各项规章制度，服从平台的管理和安排。",
			"认真参加学校和平台组织的安全教育与培训，严格遵守实验室安全、消防安全、危险化学品和仪器设备的操作规程，不违规操作。",
			"遵守平台的考勤制度，按时到岗；因故不能到岗的，事先履行请假手续，经平台导师或平台人事批准后方可离岗，不擅自离开工作地点。",
			"注意交通、住宿、饮食和财物安全，不参加有安全隐患的活动；外出时告知同伴或导师去向，保持通讯畅通。",
			"保守平台的技术秘密和商业秘密，遵守知识产权约定，不擅自对外发布或带走科研资料和成果。",
			"按要求撰写工作日志，按时参加中期检查和期满考核，如实反映工作情况。",
			"遇有突发事件或身体不适，及时向平台导师、校内导师和研究生院（处）报告，并配合处置。",
			"本人已知悉并同意：因违反上述承诺或有关规定造成的后果，由本人承担相应责任。",
		}
		for i, it := range items {
			d.para(fmt.Sprintf("%s、%s", chineseNumber(i+1), it), sizeBody, 0, 2)
		}
		d.ensure(lineHeight(sizeBody)*4 + sealSpace)
		d.ln(8)
		lh := lineHeight(sizeBody)
		half := d.width / 2
		if d.pdf != nil {
			d.pdf.SetX(d.m.left + half)
		}
		d.size(sizeBody)
		d.cell(half, lh, "承诺人（签字）：", 1, "L")
		d.ln(sealSpace / 2)
		if d.pdf != nil {
			d.pdf.SetX(d.m.left + half)
		}
		signed := "日期：　　　　年　　月　　日"
		if !p.PledgeOn.IsZero() {
			signed = "日期：" + dateCN(p.PledgeOn)
		}
		d.cell(half, lh, signed, 1, "L")
		return nil
	})
}

// AllowanceList writes a month's allowance list (研究生科研补助发放表): one line
// per student with the days present, absent and on leave, the daily rate, the
// deduction and the amount, a column to sign on receipt, the totals, how the
// deduction is reckoned and the signature lines.
func (m *Maker) AllowanceList(w io.Writer, l model.AllowanceList) error {
	_, _, _, err := model.ParseMonth(l.Month)
	if err != nil {
		return fmt.Errorf("allowance list: month %q", l.Month)
	}
	scope := l.Platform
	if scope == "" {
		scope = l.University
	}
	var y, mo int
	fmt.Sscanf(l.Month, "%d-%d", &y, &mo)
	title := fmt.Sprintf("研究生科研补助发放表（%d年%d月）", y, mo)
	if scope != "" {
		title = scope + " " + title
	}
	return m.font.render(w, title, true, m.Now(), func(d *doc) error {
		d.tableHead(title, model.DateOf(m.Now()))
		defer d.endSection()
		cols := []column{
			{"序号", 9, "C"}, {"学号", 29, "C"}, {"姓名", 15, "C"}, {"高校", 24, "L"}, {"科创平台", 42, "L"},
			{"出勤（天）", 12, "C"}, {"缺勤（天）", 12, "C"}, {"请假（天）", 12, "C"}, {"月补助（元）", 15, "R"},
			{"日补助（元）", 15, "R"}, {"扣减（元）", 13, "R"}, {"实发（元）", 15, "R"}, {"领取人签字", 28, "C"},
		}
		scale(cols, d.width)
		var rows [][]cell
		for i, r := range l.Rows {
			row := []cell{{text: fmt.Sprint(i + 1)}, {text: r.StudentNumber}, {text: r.StudentName}, {text: r.University},
				{text: r.Platform}}
			if r.Recorded {
				row = append(row, cell{text: fmt.Sprint(r.Present)}, cell{text: fmt.Sprint(r.Absent)},
					cell{text: fmt.Sprint(r.Leave)}, cell{text: fmt.Sprint(r.Allowance)},
					cell{text: fmt.Sprintf("%.2f", r.DailyRate)}, cell{text: fmt.Sprint(r.Deduction), fill: r.Deduction > 0},
					cell{text: fmt.Sprint(r.Amount)}, cell{})
			} else {
				row = append(row, cell{text: "未登记", fill: true}, cell{}, cell{}, cell{text: fmt.Sprint(r.Allowance)},
					cell{}, cell{}, cell{}, cell{})
			}
			rows = append(rows, row)
		}
		rows = append(rows, []cell{{}, {text: "合计"}, {text: fmt.Sprintf("%d 人", len(l.Rows))}, {}, {}, {}, {}, {},
			{text: fmt.Sprint(l.Allowance)}, {}, {text: fmt.Sprint(l.Deduction)}, {text: fmt.Sprint(l.Amount)}, {}})
		d.table(cols, rows)
		if d.pdf != nil {
			d.pdf.Ln(2)
		}
		note := fmt.Sprintf("说明：依《研究生选派三方协议》第四条，日补助 = 月补助 ÷ 当月登记天数（出勤 + 缺勤 + 请假）；"+
			"每月请假 %d 天以内不扣减，缺勤及超出部分的请假按日补助核减，扣减额取整到元。实发合计 %s 元（大写：%s）。",
			model.LeaveAllowedPerMonth, fmt.Sprint(l.Amount), rmbUpper(l.Amount))
		if l.Unrecorded > 0 {
			note += fmt.Sprintf("另有 %d 人当月考勤未登记，未计入合计。", l.Unrecorded)
		}
		// The note and the signature lines stay together, on the last page.
		d.ensure(float64(d.lines(note, sizeSmall+1, d.width, 0))*lineHeight(sizeSmall+1) + 10 + 3*lineHeight(sizeBody))
		d.para(note, sizeSmall+1, 0, 0)
		d.ln(6)
		d.size(sizeBody)
		third := d.width / 3
		lh := lineHeight(sizeBody)
		d.cell(third, lh, "制表人（签字）：", 0, "L")
		d.cell(third, lh, "审核人（签字）：", 0, "L")
		d.cell(third, lh, "负责人（签字）：", 1, "L")
		d.ln(4)
		d.cell(third, lh, "日期：　　年　　月　　日", 0, "L")
		d.cell(third, lh, "日期：　　年　　月　　日", 0, "L")
		d.cell(third, lh, "日期：　　年　　月　　日", 1, "L")
		return nil
	})
}

// MidtermForm writes the mid-term check form (研究生选派中期检查表) of a
// placement: its particulars, then boxes for the progress, the problems, the
// two supervisors' opinions and the result, filled in from the record when
// the check is recorded and left blank to write in otherwise.
func (m *Maker) MidtermForm(w io.Writer, a model.Agreement) error {
	p, s := a.Placement, a.Student
	title := "研究生选派中期检查表"
	mt := model.Midterm{}
	if p.Midterm != nil {
		mt = *p.Midterm
	}
	return m.font.render(w, title+" "+p.No, false, m.Now(), func(d *doc) error {
		d.section("协议编号 "+p.No+"　验证码 "+a.Code(), 0)
		defer d.endSection()
		d.bold(true)
		d.centered(title, sizeTitle-2)
		d.bold(false)
		d.gap()
		d.pair("姓名", s.Name, "学号", s.Number)
		d.pair("高校", s.University, "专业", s.Major)
		d.pair("科创平台", p.Platform, "协议编号", p.No)
		d.pair("校内导师", orDash(p.UniSupervisor), "平台导师", orDash(p.Supervisor))
		d.pair("选派期间", p.Start.String()+" 至 "+p.End.String(), "中期时点", p.Halfway().String())
		if d.pdf != nil {
			d.pdf.SetX(d.m.left)
		}
		d.labelled("攻关任务", p.Task, d.m.left, d.width)
		d.gap()
		d.box("一、工作进展", mt.Progress, 48, "")
		d.box("二、存在问题及下一步计划", mt.Problems, 34, "")
		d.box("三、校内导师意见", mt.UniOpinion, 30, "校内导师（签字）：　　　　　　　日期：　　年　　月　　日")
		d.box("四、平台导师意见", mt.PlatformOpinion, 30, "平台导师（签字）：　　　　　　　日期：　　年　　月　　日")
		result := "□ 合格　　□ 需改进　　□ 不合格"
		if mt.Result != "" {
			result = ""
			for i, r := range model.MidtermResults {
				mark := "□"
				if r.Code == mt.Result {
					mark = "■"
				}
				if i > 0 {
					result += "　　"
				}
				result += mark + " " + r.Zh
			}
		}
		on := "日期：　　年　　月　　日"
		if !mt.On.IsZero() {
			on = "日期：" + dateCN(mt.On)
		}
		d.box("五、检查结论", result, 12, "研究生院（处）（盖章）：　　　　　　"+on)
		return nil
	})
}

// box draws a framed block: a bold label, the text (or blank space) at least
// minH millimetres high, and an optional signature line at its foot.
func (d *doc) box(label, text string, minH float64, foot string) {
	d.note(label + text + foot)
	if d.pdf == nil {
		return
	}
	p := d.pdf
	lh := lineHeight(sizeBody)
	pad := 2.0
	textH := 0.0
	if text != "" {
		textH = float64(d.lines(text, sizeBody, d.width-2*pad, 2)) * lh
	}
	footH := 0.0
	if foot != "" {
		footH = lh + 2
	}
	h := max(minH, lh+textH+footH+2*pad)
	d.ensure(h)
	x, y := d.m.left, p.GetY()
	p.Rect(x, y, d.width, h, "D")
	p.SetXY(x+pad, y+pad)
	d.bold(true)
	d.size(sizeBody)
	d.cell(d.width-2*pad, lh, label, 1, "L")
	d.bold(false)
	if text != "" {
		p.SetX(x + pad)
		d.para(text, sizeBody, d.width-2*pad, 2)
	}
	if foot != "" {
		p.SetXY(x+pad, y+h-pad-lh)
		d.cell(d.width-2*pad, lh, foot, 0, "R")
	}
	p.SetXY(x, y+h)
}
