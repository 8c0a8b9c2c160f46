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

	"evaluation.other_year":   {"年度“%[1]v”与所导入的年度 %[2]v 不符", "year %[1]v differs from the year imported, %[2]v"},
	"evaluation.unknown_name": {"无法识别的指标“%[1]v”：请填写指标代码", "indicator %[1]q is not known: give its code"},

	"evaluation.no_results": {"%[1]v 年度没有可见的评价结果", "there are no %[1]v evaluation results you may see"},
	"eval.state_open":       {"待确定", "open"},
	"eval.state_finalized":  {"已确定", "finalised"},

	"col.indicator": {"指标", "Indicator"},
	"col.value":     {"数值", "Value"},
	"col.evidence":  {"佐证说明", "Evidence"},
	"col.rank":      {"类别内排名", "Rank in kind"},
	"col.score":     {"得分", "Score"},
	"col.grade":     {"等次", "Grade"},
	"col.deadline":  {"整改期限（* 已到期）", "Deadline (* passed)"},

	"cli.scheme_exported":  {"已导出 %[2]v 年度评价方案 %[1]v 个到 %[3]v", "Exported %[1]v evaluation schemes of %[2]v to %[3]v"},
	"cli.scheme_example":   {"提示：这是系统附带的示例方案，请按本年度评价办法修改后导入", "Note: these are the shipped example schemes; adapt them to this year's rules and import them"},
	"cli.scheme_imported":  {"已导入 %[2]v 年度评价方案 %[1]v 个", "Imported %[1]v evaluation schemes for %[2]v"},
	"cli.eval_rules":       {"%[1]v 年度评价：优秀 ≥ %[2]v，良好 ≥ %[3]v，合格 ≥ %[4]v；优秀比例上限 %[5]v%%（0 为不限）；整改期限 %[6]v 天；监督部门 %[7]v；%[8]v", "%[1]v evaluation: excellent ≥ %[2]v, good ≥ %[3]v, pass ≥ %[4]v; cap on excellent %[5]v%% (0: none); %[6]v days to rectify; supervised by %[7]v; %[8]v"},
	"cli.figure_set":       {"已记录 %[1]v 的指标 %[2]v = %[3]v（%[4]v）", "Recorded %[1]v's %[2]v = %[3]v (%[4]v)"},
	"cli.figures_imported": {"已从 %[2]v 导入 %[1]v 项评价数据", "Imported %[1]v evaluation figures from %[2]v"},
	"cli.figure_reviewed":  {"%[1]v 的指标 %[2]v：%[3]v", "%[1]v's %[2]v: %[3]v"},
	"cli.eval_pending":     {"提示：还有 %[1]v 项平台填报的数据待审核，未计入得分", "Note: %[1]v reported figures await review and do not count"},
	"cli.eval_unscored":    {"提示：以下平台所属类别没有评价方案，未参评：%[1]v", "Note: no scheme for the kind of these platforms, left out: %[1]v"},
	"cli.eval_finalized":   {"%[1]v 年度评价结果已确定：%[2]v 个平台须整改，%[3]v 个平台评为优秀", "The %[1]v evaluation is final: %[2]v platforms must rectify, %[3]v rated excellent"},
	"cli.eval_rectify":     {"  整改：%[1]v（%[2]v 分），期限至 %[3]v", "  rectify: %[1]v (%[2]v points) by %[3]v"},
	"cli.eval_reward":      {"优秀（奖励名单）：%[1]v", "Excellent (reward list): %[1]v"},
	"cli.eval_reassign":    {"该平台有 %[1]v 项未结束的选派须改派（研究生院用 list placements --reassign 查看）", "%[1]v open placements at the platform must be reassigned (the graduate office lists them with list placements --reassign)"},
	"cli.usage_evaluation": {`用法：
  secondment evaluation scheme export|import 文件.xlsx [--year 年度]
  secondment evaluation rules --year 年度 [--excellent 90] [--good 70] [--pass 60] [--excellent-cap 百分比] [--rectify-days 天数] [--supervisor 部门]
  secondment evaluation figures set --year 年度 --platform 平台 --code 指标代码 --value 数值 --evidence 佐证说明
  secondment evaluation figures list|template --year 年度 [--platform 平台] [--status submitted|accepted|rejected] [--json] [-o 文件.xlsx]
  secondment evaluation accept|reject --year 年度 (--platform 平台 --code 指标代码 | --all) [--reason 原因]
  secondment evaluation run|results --year 年度 [--json]
  secondment evaluation finalize --year 年度
  secondment evaluation recheck --platform 平台 --year 年度 --passed|--failed --reason 原因
  secondment evaluation rechecks [--json]
  secondment evaluation report --year 年度 -o 文件.pdf|文件.xlsx
  secondment evaluation sheet --platform 平台 --year 年度 -o 文件.pdf
  secondment notice --platform 平台 --year 年度 -o 文件.pdf
  secondment import indicators 文件.xlsx [--year 年度]`, `usage:
  secondment evaluation scheme export|import FILE.xlsx [--year Y]
  secondment evaluation rules --year Y [--excellent 90] [--good 70] [--pass 60] [--excellent-cap PERCENT] [--rectify-days DAYS] [--supervisor DEPT]
  secondment evaluation figures set --year Y --platform P --code CODE --value V --evidence E
  secondment evaluation figures list|template --year Y [--platform P] [--status submitted|accepted|rejected] [--json] [-o FILE.xlsx]
  secondment evaluation accept|reject --year Y (--platform P --code CODE | --all) [--reason R]
  secondment evaluation run|results --year Y [--json]
  secondment evaluation finalize --year Y
  secondment evaluation recheck --platform P --year Y --passed|--failed --reason R
  secondment evaluation rechecks [--json]
  secondment evaluation report --year Y -o FILE.pdf|FILE.xlsx
  secondment evaluation sheet --platform P --year Y -o FILE.pdf
  secondment notice --platform P --year Y -o FILE.pdf
  secondment import indicators FILE.xlsx [--year Y]`},

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
