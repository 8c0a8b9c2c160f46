package i18n

import "secondment/model"

func init() {
	for k, v := range evaluationCatalog {
		catalog[k] = v
	}
}

// Indicator returns an indicator's name in lang: the scheme's own (Chinese)
// name, or in English the catalogue's name for a known code (a scheme's own
// indicators keep their Chinese names).
func Indicator(lang Lang, code, name string) string {
	if lang == En {
		if m, ok := catalog["ind:"+code]; ok && m.en != "" {
			return m.en
		}
	}
	if name == "" {
		return T(lang, "ind:"+code)
	}
	return name
}

// evaluationCatalog holds the sentences of the annual evaluation of platforms.
var evaluationCatalog = map[string]msg{
	// Indicators (the shipped examples'; Chinese names live in the schemes).
	"ind:rd_spend":            {"科研投入（研发经费）", "R&D spending"},
	"ind:talent_team":         {"人才团队（高层次人才）", "Talent team (high-level talent)"},
	"ind:research_output":     {"科研成果（省级以上项目、论文）", "Research output (provincial+ projects, papers)"},
	"ind:invention_patents":   {"发明专利授权", "Invention patents granted"},
	"ind:transfer_count":      {"成果转化项数", "Results transferred (count)"},
	"ind:transfer_amount":     {"成果转化金额", "Results transferred (amount)"},
	"ind:tech_service_income": {"四技服务收入", "Income from technology services"},
	"ind:firms_served":        {"服务企业", "Firms served"},
	"ind:incubated_firms":     {"在孵企业", "Firms in incubation"},
	"ind:graduated_firms":     {"毕业企业", "Firms graduated"},
	"ind:students_hosted":     {"联合培养研究生", "Graduate students hosted"},
	"ind:student_months":      {"研究生在站人月", "Student-months on site"},
	"ind:on_time_arrival":     {"按期到岗率", "On-time arrival rate"},
	"ind:good_assessments":    {"考核优良率", "Share rated excellent or good"},
	"ind:terminations":        {"提前终止人数", "Early terminations"},
	"ind:dual_appointments":   {"双聘双挂在任人数", "Dual appointments in office"},
	"ind:quota_use":           {"员额使用率", "Quota use"},

	"field:code":          {"指标代码", "indicator code"},
	"field:weight":        {"权重", "weight"},
	"field:value":         {"数值", "value"},
	"field:evidence":      {"佐证说明", "evidence"},
	"field:indicators":    {"指标", "indicators"},
	"field:bands":         {"分档", "bands"},
	"field:rule":          {"计分方式", "scoring rule"},
	"field:thresholds":    {"等次分数线", "grade thresholds"},
	"field:excellent_cap": {"优秀比例上限", "cap on excellent"},
	"field:rectify_days":  {"整改期限", "rectification period"},

	"forbidden.evaluation":         {"只有市科技局可以设置、运行和确定年度评价", "only the science bureau sets up, runs and finalises the annual evaluation"},
	"forbidden.evaluation_results": {"您的角色不能查看评价结果", "your role cannot see evaluation results"},
	"forbidden.evaluation_figures": {"只有平台人事（本平台）和市科技局可以填报评价数据", "only platform HR (for its own platform) and the science bureau enter evaluation figures"},

	"evaluation.year":              {"年度“%[1]v”不在 2000–2100 之间", "year %[1]v is not between 2000 and 2100"},
	"evaluation.rule_cap":          {"线性计分须给出大于 0 的满分值（收到 %[1]v）", "a linear rule needs a full-marks value above 0 (got %[1]v)"},
	"evaluation.rule_bands":        {"分档计分须至少有一档", "a banded rule needs at least one band"},
	"evaluation.rule_share":        {"分档“%[1]v:%[2]v”的得分比例须在 0 到 100 之间", "band %[1]v:%[2]v: the share must be between 0 and 100"},
	"evaluation.bands_syntax":      {"分档“%[1]v”无法识别（应写成 数值:得分百分比，如 3:100 2:67 1:33）", "band %[1]q is not understood (write value:percent, such as 3:100 2:67 1:33)"},
	"evaluation.no_indicators":     {"评价方案没有指标", "the scheme has no indicators"},
	"evaluation.no_schemes":        {"没有可导入的评价方案", "there are no schemes to import"},
	"evaluation.code":              {"指标代码“%[1]v”无效（只用小写字母、数字和下划线）", "indicator code %[1]q is not valid (lower-case letters, digits and _ only)"},
	"evaluation.code_twice":        {"指标 %[1]v 在同一方案中出现两次", "indicator %[1]v appears twice in one scheme"},
	"evaluation.not_computed":      {"指标 %[1]v 不是系统能计算的指标，来源应为“填报”", "indicator %[1]v is not one the desk computes: its source is entered"},
	"evaluation.weight":            {"权重 %[1]v 须大于 0 且不超过 100", "weight %[1]v must be above 0 and at most 100"},
	"evaluation.weights_total":     {"%[2]v 方案的权重合计为 %[1]v，须为 100", "the weights of the %[2]v scheme total %[1]v, not 100"},
	"evaluation.scheme_twice":      {"%[1]v（%[2]v）的评价方案出现两次", "the scheme for %[1]v (%[2]v) appears twice"},
	"evaluation.thresholds":        {"等次分数线须为 优秀 > 良好 > 合格 > 0 且不超过 100（收到 %[1]v / %[2]v / %[3]v）", "thresholds must be excellent > good > pass > 0, at most 100 (got %[1]v / %[2]v / %[3]v)"},
	"evaluation.cap":               {"优秀比例上限须在 0 到 100%% 之间（收到 %[1]v%%）", "the cap on excellent must be between 0 and 100%% (got %[1]v%%)"},
	"evaluation.rectify_days":      {"整改期限须为 1 到 730 天（收到 %[1]v）", "the rectification period must be 1 to 730 days (got %[1]v)"},
	"evaluation.computed_figure":   {"指标 %[1]v 由系统根据选派记录计算，不能填报", "indicator %[1]v is computed from the desk's records and cannot be entered"},
	"evaluation.value":             {"数值 %[1]v 无效（须为 0 或正数）", "value %[1]v is not valid (0 or more)"},
	"evaluation.evidence_required": {"请填写佐证说明（如年报页码、合同编号）", "give a note of the evidence (annual report page, contract number …)"},
	"evaluation.finalized":         {"%[1]v 年度评价已确定，结果不能再改动", "the %[1]v evaluation is finalised: its results cannot change"},
	"evaluation.unknown_indicator": {"%[2]v 的评价方案中没有需填报的指标“%[1]v”", "the scheme of %[2]v has no entered indicator %[1]q"},
	"evaluation.figure_not_found":  {"找不到 %[1]v %[3]v 年度的指标“%[2]v”数据", "no %[3]v figure %[2]q for %[1]v"},
	"evaluation.not_final":         {"%[1]v 年度评价尚未确定", "the %[1]v evaluation is not finalised yet"},
	"evaluation.no_result":         {"%[1]v 没有 %[2]v 年度评价结果", "%[1]v has no %[2]v evaluation result"},
	"evaluation.no_notice":         {"%[1]v 在 %[2]v 年度评价中不是确定的“不合格”，没有整改通知书", "%[1]v was not finally rated fail in %[2]v: there is no rectification notice"},
	"evaluation.not_run":           {"%[1]v 年度评价还没有运行", "the %[1]v evaluation has not been run"},
	"evaluation.pending":           {"还有 %[1]v 项平台填报的数据待审核，审核后才能确定结果", "%[1]v reported figures await review: review them before finalising"},
	"evaluation.stale":             {"自上次运行以来数据有变化，请重新运行 %[1]v 年度评价并复核后再确定", "the data changed since the last run: run the %[1]v evaluation again and review it before finalising"},
	"evaluation.no_recheck":        {"%[1]v 在 %[2]v 年度评价中不需要复查（未被评为不合格，或已复查）", "%[1]v needs no re-check for %[2]v (not rated fail, or already re-checked)"},
	"evaluation.not_rectifying":    {"%[1]v 当前为“%[2]v”，不在整改中", "%[1]v is %[2]v, not rectifying"},
	"evaluation.before_deadline":   {"%[1]v 的整改期限到 %[2]v 为止，期满后才能认定复查不合格", "%[1]v has until %[2]v to rectify: it can be failed only after that"},

	"op:evaluation.rules":          {"设置年度评价规则", "set evaluation rules"},
	"op:evaluation.schemes":        {"设置评价方案", "set evaluation schemes"},
	"op:evaluation.figure":         {"填报评价数据", "enter evaluation figure"},
	"op:evaluation.import_figures": {"导入评价数据", "import evaluation figures"},
	"op:evaluation.review":         {"审核评价数据", "review evaluation figure"},
	"op:evaluation.run":            {"运行年度评价", "run evaluation"},
	"op:evaluation.finalize":       {"确定年度评价结果", "finalise evaluation"},
	"op:evaluation.recheck":        {"整改复查", "re-check after rectification"},
	"op:evaluation.print":          {"打印评价文书", "print evaluation document"},
}

func init() {
	// Kinds and legal types of platforms name schemes in refusals.
	termSets = append(termSets, model.PlatformKinds, model.LegalTypes, model.FigureStatuses)
}
