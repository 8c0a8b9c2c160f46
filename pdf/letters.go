package pdf

import (
	"fmt"
	"io"

	"secondment/model"
)

// ArrivalLetter writes the platform's confirmation that a student has arrived
// (到岗确认函), addressed to the student's graduate school.
func (m *Maker) ArrivalLetter(w io.Writer, a model.Agreement) error {
	p, s, pl := a.Placement, a.Student, a.Platform
	if p.ArrivedOn.IsZero() {
		return fmt.Errorf("placement %s has no arrival date", p.No)
	}
	issued := model.DateOf(m.Now())
	return m.font.render(w, "研究生到岗确认函 "+p.No, false, m.Now(), func(d *doc) error {
		d.section("协议编号 "+p.No+"　验证码 "+a.Code(), 0)
		defer d.endSection()
		d.bold(true)
		d.centered("研究生到岗确认函", sizeTitle)
		d.bold(false)
		d.gap()
		d.gap()
		d.para(s.University+"研究生院（处）：", sizeBody+2, 0, 0)
		d.gap()
		degree := model.Degrees.Name(s.Degree, "zh")
		d.para(fmt.Sprintf("贵校%s%s专业%s研究生%s（学号：%s），根据《研究生选派三方协议》（编号：%s），已于%s到我平台报到，"+
			"参与“%s”的科研攻关工作。选派期限自%s至%s，平台导师为%s。",
			s.School, s.Major, degree, s.Name, s.Number, p.No, dateCN(p.ArrivedOn), p.Task,
			dateCN(p.Start), dateCN(p.End), orDash(p.Supervisor)), sizeBody+2, 0, 2)
		d.para("我平台将按协议约定做好该生在平台期间的安全教育、科研指导和日常管理工作。", sizeBody+2, 0, 2)
		d.para("特此确认。", sizeBody+2, 0, 2)
		d.ln(20)
		d.size(sizeBody + 2)
		lh := lineHeight(sizeBody + 2)
		d.cell(d.width, lh, pl.Name+"（盖章）", 1, "R")
		d.cell(d.width, lh, dateCN(issued), 1, "R")
		d.ln(12)
		d.size(sizeBody)
		if pl.Contact != "" || pl.Phone != "" {
			d.cell(d.width, lineHeight(sizeBody), "联系人："+joinNonEmpty(pl.Contact, pl.Phone), 1, "L")
		}
		return nil
	})
}

func orDash(s string) string {
	if s == "" {
		return "（待定）"
	}
	return s
}
