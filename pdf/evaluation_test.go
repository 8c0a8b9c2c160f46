package pdf

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"secondment/model"
)

func sampleEvaluation() (model.EvalYear, model.Platform, model.EvalResult, []model.EvalResult) {
	y := model.DefaultEvalYear(2026)
	y.ExcellentCap = 0.2
	y.State = model.EvalFinalized
	y.FinalizedAt = time.Date(2027, 3, 15, 9, 0, 0, 0, time.UTC)
	pl := model.Platform{Name: "瓯海眼镜产业创新服务综合体", Kind: "new_rd", Level: "municipal", Host: "瓯海区经济和信息化局",
		LegalType: "private_nonprofit", Status: model.Rectifying}
	fail := model.EvalResult{Year: 2026, Platform: pl.Name, Kind: pl.Kind, Level: pl.Level, LegalType: pl.LegalType,
		Score: 48.5, Grade: model.GradeFail, Rank: 6, Of: 6, Deadline: model.MustDate("2027-09-11"),
		Items: []model.ItemScore{
			{Code: "tech_service_income", Name: "四技服务收入", Unit: "万元", Source: model.SourceEntered, Value: 45, Known: true, Weight: 15, Points: 2.25},
			{Code: "transfer_count", Name: "成果转化项数", Unit: "项", Source: model.SourceEntered, Weight: 10},
			{Code: "rd_spend", Name: "科研投入（研发经费）", Unit: "万元", Source: model.SourceEntered, Value: 900, Known: true, Weight: 25, Points: 22.5},
			{Code: "students_hosted", Name: "联合培养研究生", Unit: "人", Source: model.SourceComputed, Value: 6, Known: true, Weight: 30, Points: 20},
			{Code: "on_time_arrival", Name: "按期到岗率", Unit: "%", Source: model.SourceComputed, Value: 75, Known: true, Weight: 20, Points: 3.75},
		}}
	var rs []model.EvalResult
	for i, k := range []string{"key_lab", "key_lab", "key_lab", "new_rd", "new_rd", "incubator"} {
		r := model.EvalResult{Year: 2026, Platform: fmt.Sprintf("示例平台%d", i+1), Kind: k, Level: "provincial", LegalType: "public",
			Score: float64(95 - 9*i), Rank: i%3 + 1, Of: 3}
		r.Grade = y.Grade(r.Score)
		rs = append(rs, r)
	}
	rs[1].Grade, rs[1].Capped = model.GradeGood, false
	rs = append(rs, fail)
	return y, pl, fail, rs
}

func TestRectificationNoticeText(t *testing.T) {
	m := testMaker(t)
	y, pl, r, _ := sampleEvaluation()
	b, err := bytesOf(func(w io.Writer) error { return m.RectificationNotice(w, y, pl, r) })
	if err != nil {
		t.Fatal(err)
	}
	save(t, "notice.pdf", b)
	got := squeeze(text(t, b))
	for _, want := range []string{"整改通知书", pl.Name + "：", "2026年度绩效评价", "综合得分48.5分", "评价等次为“不合格”",
		"四技服务收入", "成果转化项数", "未填报或未审核", "按期到岗率", "2027年9月11日", "温州市科学技术局", "取消科创平台认定资格",
		"补报“成果转化项数”数据", "2027年3月15日"} {
		if !strings.Contains(got, squeeze(want)) {
			t.Errorf("notice lacks %q:\n%s", want, got)
		}
	}
	// Indicators that did not fall short are not listed.
	if strings.Contains(got, "科研投入") || strings.Contains(got, "联合培养研究生") {
		t.Errorf("notice lists an indicator that met its mark:\n%s", got)
	}
}

func TestEvaluationResultsAndSheetText(t *testing.T) {
	m := testMaker(t)
	y, pl, r, rs := sampleEvaluation()
	b, err := bytesOf(func(w io.Writer) error { return m.EvaluationResults(w, y, rs) })
	if err != nil {
		t.Fatal(err)
	}
	save(t, "results.pdf", b)
	got := squeeze(text(t, b, "-layout"))
	for _, want := range []string{"2026年度科创平台绩效评价结果表", "重点实验室", "新型研发机构", "示例平台1", "1/3", "优秀", "不合格",
		"整改期限2027-09-11", "共评价7个平台", "优秀平台（奖励名单）：示例平台1"} {
		if !strings.Contains(got, squeeze(want)) {
			t.Errorf("results table lacks %q:\n%s", want, got)
		}
	}
	b, err = bytesOf(func(w io.Writer) error { return m.EvaluationSheet(w, y, pl, r) })
	if err != nil {
		t.Fatal(err)
	}
	save(t, "sheet.pdf", b)
	got = squeeze(text(t, b))
	for _, want := range []string{"2026年度科创平台绩效评价表", pl.Name, "综合得分", "48.5分", "不合格", "第6名（共6个）",
		"四技服务收入", "45万元", "系统计算", "平台填报", "合计", "2027年9月11日前完成整改"} {
		if !strings.Contains(got, squeeze(want)) {
			t.Errorf("sheet lacks %q:\n%s", want, got)
		}
	}
}
