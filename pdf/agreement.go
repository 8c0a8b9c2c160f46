package pdf

import (
	"fmt"
	"io"
	"time"

	"secondment/model"
)

// Maker makes documents with one font parsed once.
type Maker struct {
	font *Font
	// Now stamps documents; tests fix it so output is reproducible.
	Now func() time.Time
}

// NewMaker parses the TrueType font documents are set in.
func NewMaker(ttf []byte) (*Maker, error) {
	f, err := ParseFont(ttf)
	if err != nil {
		return nil, err
	}
	return &Maker{font: f, Now: time.Now}, nil
}

// Missing returns the characters of text the documents' font cannot print.
func (m *Maker) Missing(text string) []rune { return m.font.Missing(text) }

// Agreement writes one placement agreement.
func (m *Maker) Agreement(w io.Writer, a model.Agreement) error {
	return m.Agreements(w, []model.Agreement{a}, nil)
}

// Agreements writes several agreements into one file, each starting on a new
// page and numbered on its own (第 X 页 共 Y 页); progress, if set, is called
// after each.
func (m *Maker) Agreements(w io.Writer, as []model.Agreement, progress func(done int)) error {
	title := "研究生选派三方协议"
	if len(as) == 1 {
		title += " " + as[0].Placement.No
	}
	return m.font.render(w, title, false, m.Now(), func(d *doc) error {
		for i, a := range as {
			d.agreement(a, i)
			if progress != nil && d.pdf != nil {
				progress(i + 1)
			}
		}
		return nil
	})
}

// section starts a run of pages with its own footer and page count.
func (d *doc) section(left string, id int) {
	d.note(left)
	if d.pdf == nil {
		d.sections++
		return
	}
	p := d.pdf
	total := fmt.Sprintf("{s%d}", id)
	if id < len(d.known) {
		total = fmt.Sprint(d.known[id])
	}
	// The new page first: adding it draws the previous page's footer, which
	// must still be the previous section's.
	p.AddPage()
	start := p.PageNo()
	d.footerFunc(func() string {
		return fmt.Sprintf("第 %d 页 共 %s 页", p.PageNo()-start+1, total)
	}, left)
	d.closeSection = func() {
		n := p.PageNo() - start + 1
		d.counts = append(d.counts, n)
		if id >= len(d.known) {
			p.RegisterAlias(total, fmt.Sprint(n))
		}
	}
}

func (d *doc) endSection() {
	if d.closeSection != nil {
		d.closeSection()
		d.closeSection = nil
	}
}

// labelled prints "label：value", wrapping the value under itself.
func (d *doc) labelled(label, value string, x, w float64) {
	if !d.note(label + value) {
		return
	}
	d.size(sizeBody)
	p := d.pdf
	p.SetX(x)
	lw := p.GetStringWidth(label + "：")
	y := p.GetY()
	d.cell(lw, lineHeight(sizeBody), label+"：", 0, "L")
	p.SetXY(x+lw, y)
	d.para(value, sizeBody, w-lw, 0)
}

// pair prints two labelled values side by side.
func (d *doc) pair(l1, v1, l2, v2 string) {
	if d.pdf == nil {
		d.note(l1 + v1 + l2 + v2)
		return
	}
	x := d.m.left
	half := d.width / 2
	y := d.pdf.GetY()
	d.labelled(l1, v1, x, half-4)
	y1 := d.pdf.GetY()
	d.pdf.SetXY(x+half, y)
	d.labelled(l2, v2, x+half, half)
	d.pdf.SetXY(x, max(y1, d.pdf.GetY()))
}

func (d *doc) heading(text string) {
	if !d.note(text) {
		return
	}
	d.ensure(lineHeight(sizeHeading) + 2*lineHeight(sizeBody))
	d.pdf.Ln(1.5)
	d.bold(true)
	d.para(text, sizeHeading, 0, 0)
	d.bold(false)
}

func (d *doc) clause(n int, heading string, paras ...string) {
	d.heading(fmt.Sprintf("第%s条　%s", chineseNumber(n), heading))
	for _, p := range paras {
		d.para(p, sizeBody, 0, 2)
	}
}

func chineseNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n-10]
	}
	return fmt.Sprint(n)
}

// length words a period, both days included: 共 10 个月, 共 2 个月 20 天,
// 共 20 天. A month is whole when the period reaches the day before the same
// date (9月1日 to 11月30日 is 3 months; to 11月20日, 2 months and 20 days).
func length(start, end model.Date) string {
	m := 0
	for !start.AddDate(0, m+1, -1).After(end) {
		m++
	}
	days := 0
	for d := start.AddDate(0, m, 0); !d.After(end); d = d.AddDate(0, 0, 1) {
		days++
	}
	switch {
	case m == 0:
		return fmt.Sprintf("共 %d 天", days)
	case days == 0:
		return fmt.Sprintf("共 %d 个月", m)
	}
	return fmt.Sprintf("共 %d 个月 %d 天", m, days)
}

// agreement draws one agreement as section id.
func (d *doc) agreement(a model.Agreement, id int) {
	p, s, pl := a.Placement, a.Student, a.Platform
	code := a.Code()
	d.section("协议编号 "+p.No+"　验证码 "+code, id)
	defer d.endSection()

	d.bold(true)
	d.centered("研究生选派三方协议", sizeTitle)
	d.bold(false)
	if d.pdf != nil {
		d.pdf.Ln(2)
	}
	d.rightLine("协议编号：" + p.No)
	if p.Status == model.Draft {
		d.rightLine("（草稿：审批后方可签署）")
	}
	if d.pdf != nil {
		d.pdf.Ln(3)
	}

	degree := model.Degrees.Name(s.Degree, "zh") + "（" + model.DegreeTypes.Name(s.DegreeType, "zh") + "）"
	d.labelled("甲方（派出高校）", s.University, d.m.left, d.width)
	d.pair("学院", s.School, "校内导师", p.UniSupervisor)
	d.gap()
	d.labelled("乙方（科创平台）", pl.Name, d.m.left, d.width)
	d.labelled("依托单位", pl.Host, d.m.left, d.width)
	d.pair("平台类别", model.PlatformKinds.Name(pl.Kind, "zh")+"（"+model.PlatformLevels.Name(pl.Level, "zh")+"）",
		"人事联系人", joinNonEmpty(pl.Contact, pl.Phone))
	d.gap()
	d.labelled("丙方（研究生）", s.Name, d.m.left, d.width)
	d.pair("性别", model.Genders.Name(s.Gender, "zh"), "学号", s.Number)
	d.pair("身份证号", s.IDNumber, "学位层次", degree)
	d.pair("专业", s.Major, "入学年份", fmt.Sprintf("%d年", s.EnrolmentYear))
	d.pair("手机", s.Mobile, "邮箱", s.Email)
	d.gap()

	d.para("为落实在温科创平台与在温高校深度融合发展、定期选派研究生到科创平台开展科研攻关、在攻关一线培养研究生的要求，"+
		"甲、乙、丙三方本着平等自愿、协同育人的原则，经协商一致，订立本协议。", sizeBody, 0, 2)

	allowance := "乙方不向丙方发放科研补贴，丙方的生活待遇按甲方规定执行。"
	if p.Allowance > 0 {
		allowance = fmt.Sprintf("乙方按月向丙方发放科研补贴人民币 %d 元（大写：%s），于次月 15 日前发放至丙方本人账户；"+
			"丙方请假、缺勤超过规定时限的，乙方可按比例核减。", p.Allowance, rmbUpper(p.Allowance))
	}
	supervisor := p.Supervisor
	if supervisor == "" {
		supervisor = "（由乙方另行书面指定）"
	}
	d.clause(1, "选派任务", "甲方选派丙方到乙方，参与“"+p.Task+"”的科研攻关工作。丙方在乙方从事的科研工作应与其学位论文研究相结合。")
	d.clause(2, "选派期限", fmt.Sprintf("选派期限自%s起至%s止，%s。丙方应于期限开始之日到乙方报到，乙方人事部门在丙方报到当日确认到岗并告知甲方。",
		dateCN(p.Start), dateCN(p.End), length(p.Start, p.End)))
	d.clause(3, "双导师指导", "实行校内导师与平台导师共同指导。甲方指定校内导师："+p.UniSupervisor+"；乙方指定平台导师："+supervisor+
		"。双方导师共同制定丙方在乙方期间的研究计划，定期沟通丙方的科研进展和思想、生活情况。")
	d.clause(4, "科研补贴", allowance)
	d.clause(5, "甲方的权利和义务",
		"（一）负责选派工作的组织和丙方的学籍管理，按规定为丙方办理选派手续；",
		"（二）督促校内导师履行指导职责，保障丙方在选派期间的培养质量和学位论文工作；",
		"（三）为丙方在选派期间办理或确认意外伤害保险，协助处理丙方在乙方期间的有关事务；",
		"（四）有权了解丙方在乙方的科研工作、考勤和安全情况，对乙方的培养条件提出意见。")
	d.clause(6, "乙方的权利和义务",
		"（一）为丙方提供开展科研攻关所需的场地、设备、数据和必要的生活条件；",
		"（二）指定平台导师，并将丙方纳入平台科研团队管理，按本协议第四条发放科研补贴；",
		"（三）负责丙方在乙方期间的安全教育、实验室安全准入培训和日常管理，如实记录考勤；",
		"（四）选派期满或提前终止时，出具考核意见并书面告知甲方。")
	d.clause(7, "丙方的权利和义务",
		"（一）遵守国家法律法规和甲、乙两方的规章制度，服从双导师的指导和乙方的工作安排；",
		"（二）按研究计划完成科研任务，如实记录和报告科研数据，恪守科研诚信和学术规范；",
		"（三）按规定请销假，不得擅自离岗；未经乙方同意，不得将乙方的设备、材料、数据用于与本协议无关的工作；",
		"（四）享有在乙方期间取得成果的署名权，有权就选派期间的培养和生活问题向甲方或乙方反映。")
	d.clause(8, "安全", "乙方应对丙方进行岗前安全教育和培训，丙方未经培训不得独立从事有危险性的实验或操作。"+
		"丙方在选派期间发生安全事故的，乙方应立即处置并在 24 小时内告知甲方，三方按有关法律法规和保险约定处理。")
	d.clause(9, "保密与知识产权", "丙方对在乙方期间知悉的技术秘密、商业秘密和未公开的科研数据负有保密义务，保密期限不因本协议终止而终止。"+
		"丙方在选派期间主要利用乙方物质技术条件完成的科研成果，其知识产权归属按乙方与甲方的合作约定执行；没有约定的，归乙方所有，"+
		"丙方依法享有署名权和获得奖励、报酬的权利。发表论文、申请专利应事先征得双导师同意，并按约定署明单位。")
	d.clause(10, "考核", "选派期满，乙方会同平台导师对丙方的科研工作、工作态度和纪律情况进行考核，考核结果分为优秀、良好、合格、不合格，"+
		"书面送交甲方，作为丙方学业评价和评奖评优的依据。")
	d.clause(11, "协议的变更与终止", "经三方协商一致，可以书面变更本协议。有下列情形之一的，可提前终止本协议：（一）乙方被取消科创平台认定或不再具备培养条件；"+
		"（二）丙方严重违反纪律或科研诚信要求；（三）丙方因健康等原因不宜继续在乙方工作；（四）因不可抗力致使本协议无法履行。"+
		"提前终止的，提出方应书面说明原因，乙方出具考核意见，甲方办理返校手续。")
	d.clause(12, "争议解决", "因履行本协议发生争议的，三方应协商解决；协商不成的，可提请温州市科学技术局协调，或依法向乙方所在地人民法院提起诉讼。")
	last := "本协议未尽事宜，由三方另行协商并签订补充协议，补充协议与本协议具有同等效力。" +
		"本协议一式三份，甲、乙、丙三方各执一份，自三方签字（盖章）之日起生效。"
	// The last clause goes with the signatures, so no page holds signatures alone.
	d.ensure(d.clauseHeight(last) + d.signaturesHeight(s.University, pl.Name))
	d.clause(13, "其他", last)
	d.signatures(s.University, pl.Name)
}

func joinNonEmpty(parts ...string) string {
	out := ""
	for _, p := range parts {
		if p != "" {
			if out != "" {
				out += "　"
			}
			out += p
		}
	}
	return out
}

func (d *doc) gap() {
	if d.pdf != nil {
		d.pdf.Ln(2)
	}
}

func (d *doc) rightLine(text string) {
	if !d.note(text) {
		return
	}
	d.size(sizeBody)
	d.cell(d.width, lineHeight(sizeBody), text, 1, "R")
}

func (d *doc) clauseHeight(paras ...string) float64 {
	h := lineHeight(sizeHeading) + 1.5
	for _, p := range paras {
		h += float64(d.lines(p, sizeBody, d.width, 2)) * lineHeight(sizeBody)
	}
	return h
}

// sealSpace leaves room for a round seal (about 42 mm across) to overlap the
// name and the date.
const sealSpace = 16.0

func (d *doc) signaturesHeight(university, platform string) float64 {
	if d.pdf == nil {
		return 0
	}
	lh := lineHeight(sizeBody)
	half := d.width/2 - 4
	rows := max(d.lines("甲方（盖章）："+university, sizeBody, half, 0), d.lines("乙方（盖章）："+platform, sizeBody, half, 0))
	return 6 + float64(rows+2)*lh + sealSpace + 6 + 2*lh + sealSpace/2
}

// signatures draws the parties' signature, seal and date blocks: the two
// institutions side by side, the student below. The caller keeps them on one
// page (signaturesHeight).
func (d *doc) signatures(university, platform string) {
	d.note("甲方（盖章）：" + university + "乙方（盖章）：" + platform + "代表人（签字）：丙方（签字）：日期：年月日")
	if d.pdf == nil {
		return
	}
	p := d.pdf
	lh := lineHeight(sizeBody)
	half := d.width / 2
	date := "日期：　　　　年　　月　　日"
	p.Ln(6)
	y := p.GetY()
	d.para("甲方（盖章）："+university, sizeBody, half-4, 0)
	y1 := p.GetY()
	p.SetXY(d.m.left+half, y)
	d.para("乙方（盖章）："+platform, sizeBody, half-4, 0)
	p.SetXY(d.m.left, max(y1, p.GetY()))
	d.cell(half, lh, "代表人（签字）：", 0, "L")
	d.cell(half, lh, "代表人（签字）：", 1, "L")
	p.Ln(sealSpace)
	d.cell(half, lh, date, 0, "L")
	d.cell(half, lh, date, 1, "L")
	p.Ln(6)
	d.cell(half, lh, "丙方（签字）：", 0, "L")
	p.Ln(lh + sealSpace/2)
	d.cell(half, lh, date, 1, "L")
}
