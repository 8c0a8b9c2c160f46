package pdf

import (
	"fmt"
	"io"
	"strings"

	"secondment/model"
)

// gradeZh is a grade's Chinese name.
func gradeZh(code string) string { return model.Grades.Name(code, "zh") }

// valueText writes an indicator's value with its unit, or 无数据.
func valueText(it model.ItemScore) string {
	if !it.Known {
		if it.Source == model.SourceEntered {
			return "未填报或未审核"
		}
		return "无数据"
	}
	if it.Unit == "%" {
		return model.Num(it.Value) + "%"
	}
	return model.Num(it.Value) + " " + it.Unit
}

func sourceZh(s string) string {
	if s == model.SourceComputed {
		return "系统计算"
	}
	return "平台填报"
}

// itemsTable prints a result's indicators: name, source, value, weight, points.
func (d *doc) itemsTable(items []model.ItemScore, total float64, withTotal bool) {
	cols := []column{{"序号", 10, "C"}, {"评价指标", 52, "L"}, {"数据来源", 20, "C"}, {"指标值", 30, "C"},
		{"权重", 14, "C"}, {"得分", 14, "C"}}
	scale(cols, d.width)
	var rows [][]cell
	for i, it := range items {
		rows = append(rows, []cell{{text: fmt.Sprint(i + 1)}, {text: it.Name}, {text: sourceZh(it.Source)},
			{text: valueText(it)}, {text: model.Num(it.Weight)}, {text: model.Num(it.Points), fill: it.Short()}})
	}
	if withTotal {
		w := 0.0
		for _, it := range items {
			w += it.Weight
		}
		rows = append(rows, []cell{{}, {text: "合计"}, {}, {}, {text: model.Num(w)}, {text: model.Num(total)}})
	}
	d.table(cols, rows)
}

// EvaluationSheet writes a platform's evaluation sheet (绩效评价表) for a year:
// the platform, its score, grade and rank within its kind, and each
// indicator's value, weight and points (those short of 60 % of their weight
// shaded).
func (m *Maker) EvaluationSheet(w io.Writer, y model.EvalYear, pl model.Platform, r model.EvalResult) error {
	title := fmt.Sprintf("%d 年度科创平台绩效评价表", r.Year)
	return m.font.render(w, title+" "+pl.Name, false, m.Now(), func(d *doc) error {
		d.section(fmt.Sprintf("%s　%s", title, pl.Name), 0)
		defer d.endSection()
		d.bold(true)
		d.centered(title, sizeTitle-4)
		d.bold(false)
		d.gap()
		d.pair("平台名称", pl.Name, "平台类别", model.PlatformKinds.Name(pl.Kind, "zh"))
		d.pair("平台级别", model.PlatformLevels.Name(pl.Level, "zh"), "法人类型", model.LegalTypes.Name(pl.LegalType, "zh"))
		d.pair("依托单位", pl.Host, "认定状态", model.PlatformStatuses.Name(pl.Status, "zh"))
		d.pair("综合得分", model.Num(r.Score)+" 分", "评价等次", gradeZh(r.Grade))
		d.pair("类别内排名", fmt.Sprintf("第 %d 名（共 %d 个）", r.Rank, r.Of), "结果状态", stateZh(y.State))
		d.gap()
		d.itemsTable(r.Items, r.Score, true)
		d.gap()
		var notes []string
		notes = append(notes, fmt.Sprintf("等次分数线：优秀 %s 分及以上，良好 %s 分及以上，合格 %s 分及以上，其余为不合格。",
			model.Num(y.Excellent), model.Num(y.Good), model.Num(y.Pass)))
		if y.ExcellentCap > 0 {
			notes = append(notes, fmt.Sprintf("同类平台评为优秀的不超过 %s%%（同分不拆分）。", model.Num(y.ExcellentCap*100)))
		}
		if r.Capped {
			notes = append(notes, "本平台得分达到优秀分数线，因超出同类平台优秀比例上限，评为良好。")
		}
		notes = append(notes, "得分栏底色标出的指标得分不足该项权重的 60%。平台填报的数据经市科技局审核采纳后计分，未填报或未审核的不得分。")
		if !r.Deadline.IsZero() {
			notes = append(notes, fmt.Sprintf("本平台须于%s前完成整改，整改期间暂停研究生选派审批。", dateCN(r.Deadline)))
		}
		if r.Recheck != "" {
			outcome := "复查合格，恢复认定有效"
			if r.Recheck == model.RecheckFailed {
				outcome = "复查不合格，取消认定资格"
			}
			notes = append(notes, fmt.Sprintf("整改复查：%s（%s）。", outcome, r.RecheckReason))
		}
		for _, n := range notes {
			d.para(n, sizeBody-1, 0, 0)
		}
		return nil
	})
}

func stateZh(state string) string {
	if state == model.EvalFinalized {
		return "已确定"
	}
	return "待确定（复核中）"
}

// EvaluationResults writes the year's results table (绩效评价结果表): every
// platform evaluated, ranked within its kind, with its score, grade and notes,
// failing platforms shaded; then the count of each grade and the reward list
// (优秀).
func (m *Maker) EvaluationResults(w io.Writer, y model.EvalYear, rs []model.EvalResult) error {
	title := fmt.Sprintf("%d 年度科创平台绩效评价结果表", y.Year)
	return m.font.render(w, title, true, m.Now(), func(d *doc) error {
		d.tableHead(title, model.DateOf(m.Now()))
		defer d.endSection()
		cols := []column{{"平台类别", 34, "C"}, {"类别内排名", 23, "C"}, {"科创平台", 70, "L"}, {"级别", 16, "C"},
			{"法人类型", 22, "C"}, {"得分", 16, "C"}, {"等次", 16, "C"}, {"备注", 60, "L"}}
		scale(cols, d.width)
		var rows [][]cell
		count := map[string]int{}
		var reward []string
		for _, r := range rs {
			count[r.Grade]++
			var note []string
			if r.Capped {
				note = append(note, "超出优秀比例上限")
			}
			if !r.Deadline.IsZero() {
				note = append(note, "整改期限 "+r.Deadline.String())
			}
			switch r.Recheck {
			case model.RecheckPassed:
				note = append(note, "复查合格")
			case model.RecheckFailed:
				note = append(note, "复查不合格，已取消认定")
			}
			if r.Grade == model.GradeExcellent {
				reward = append(reward, r.Platform)
			}
			fail := r.Grade == model.GradeFail
			rows = append(rows, []cell{{text: model.PlatformKinds.Name(r.Kind, "zh")}, {text: fmt.Sprintf("%d / %d", r.Rank, r.Of)},
				{text: r.Platform, fill: fail}, {text: model.PlatformLevels.Name(r.Level, "zh")},
				{text: model.LegalTypes.Name(r.LegalType, "zh")}, {text: model.Num(r.Score)}, {text: gradeZh(r.Grade), fill: fail},
				{text: strings.Join(note, "；")}})
		}
		d.table(cols, rows)
		d.ln(3)
		d.para(fmt.Sprintf("共评价 %d 个平台：优秀 %d 个，良好 %d 个，合格 %d 个，不合格 %d 个（红色标出）。结果状态：%s。",
			len(rs), count[model.GradeExcellent], count[model.GradeGood], count[model.GradePass], count[model.GradeFail],
			stateZh(y.State)), sizeSmall+1, 0, 0)
		if len(reward) > 0 {
			d.para("优秀平台（奖励名单）："+strings.Join(reward, "、"), sizeSmall+1, 0, 0)
		}
		return nil
	})
}

// RectificationNotice writes the rectification notice (整改通知书) sent to a
// platform rated 不合格: its score and grade, the indicators that fell short,
// what to rectify, the deadline and the department supervising.
func (m *Maker) RectificationNotice(w io.Writer, y model.EvalYear, pl model.Platform, r model.EvalResult) error {
	title := "科创平台绩效评价整改通知书"
	no := fmt.Sprintf("评价整改〔%d〕%s", r.Year, pl.Name)
	issued := model.DateOf(m.Now())
	if !y.FinalizedAt.IsZero() {
		issued = model.DateOf(y.FinalizedAt.Local())
	}
	return m.font.render(w, title+" "+pl.Name, false, m.Now(), func(d *doc) error {
		d.section(no, 0)
		defer d.endSection()
		d.bold(true)
		d.centered("整改通知书", sizeTitle)
		d.bold(false)
		d.gap()
		d.rightLine(no)
		d.gap()
		d.para(pl.Name+"：", sizeBody+2, 0, 0)
		d.para(fmt.Sprintf("根据科创平台年度绩效评价工作安排，经 %d 年度绩效评价，贵平台（%s，%s）综合得分 %s 分，"+
			"在同类平台中排名第 %d 名（共 %d 个），评价等次为“不合格”。现将有关事项通知如下：",
			r.Year, model.PlatformKinds.Name(pl.Kind, "zh"), model.PlatformLevels.Name(pl.Level, "zh"), model.Num(r.Score), r.Rank, r.Of),
			sizeBody+1, 0, 2)
		d.heading("一、未达要求的指标")
		short := r.ShortItems()
		if len(short) == 0 {
			d.para("各项指标得分均达到权重的 60%，但综合得分低于合格分数线（"+model.Num(y.Pass)+" 分）。", sizeBody, 0, 2)
		} else {
			d.itemsTable(short, 0, false)
		}
		d.heading("二、整改要求")
		var asks []string
		for _, it := range short {
			if it.Source == model.SourceEntered && !it.Known {
				asks = append(asks, fmt.Sprintf("补报“%s”数据及佐证材料", it.Name))
			} else if it.Lower {
				asks = append(asks, fmt.Sprintf("减少“%s”", it.Name))
			} else {
				asks = append(asks, fmt.Sprintf("提升“%s”", it.Name))
			}
		}
		items := []string{
			"对照上表逐项分析原因，制定整改方案，明确责任人和时间节点" + listSuffix(asks) + "。",
			"整改期间，本平台暂停新的研究生选派审批和派出；已派出的研究生按协议继续管理，确保其安全和科研指导。",
			fmt.Sprintf("于%s前向%s报送整改报告及佐证材料。", dateCN(r.Deadline), y.Supervisor),
		}
		for i, t := range items {
			d.para(fmt.Sprintf("%d. %s", i+1, t), sizeBody, 0, 2)
		}
		last := fmt.Sprintf("整改期限至%s。整改工作由%s监督。期满后进行复查：复查合格的，恢复认定有效；"+
			"逾期未整改或复查仍不合格的，取消科创平台认定资格，在站研究生另行安排。", dateCN(r.Deadline), y.Supervisor)
		// The last section, the closing line, the seal and the date stay
		// together on one page: a seal never stands on a page without the
		// text it closes (GB/T 9704).
		closing := 3*lineHeight(sizeBody) + 16
		d.ensure(lineHeight(sizeHeading) + 1.5 + float64(d.lines(last, sizeBody, d.width, 2))*lineHeight(sizeBody) + closing)
		d.heading("三、整改期限与监督")
		d.para(last, sizeBody, 0, 2)
		d.para("特此通知。", sizeBody, 0, 2)
		d.ln(16)
		d.rightLine(y.Supervisor + "（盖章）")
		d.rightLine(dateCN(issued))
		return nil
	})
}

// listSuffix writes "：a；b" for a list of tasks, "" for none.
func listSuffix(asks []string) string {
	if len(asks) == 0 {
		return ""
	}
	return "，重点" + strings.Join(asks, "、")
}
