package dispatch

import "secondment/model"

// defaultIndicators are the indicators of the shipped example schemes, named
// as Chinese evaluation rules name them, each with a usual scoring rule. The
// names are data: i18n renders them in English by their codes.
var defaultIndicators = map[string]model.SchemeIndicator{
	// Reported by the platform, reviewed by the bureau.
	"rd_spend":            {Name: "科研投入（研发经费）", Unit: "万元", Rule: linear(1000)},
	"talent_team":         {Name: "人才团队（高层次人才）", Unit: "人", Rule: bands(10, 5, 2)},
	"research_output":     {Name: "科研成果（省级以上项目、论文）", Unit: "项", Rule: bands(10, 5, 2)},
	"invention_patents":   {Name: "发明专利授权", Unit: "件", Rule: linear(10)},
	"transfer_count":      {Name: "成果转化项数", Unit: "项", Rule: bands(5, 3, 1)},
	"transfer_amount":     {Name: "成果转化金额", Unit: "万元", Rule: linear(500)},
	"tech_service_income": {Name: "四技服务收入", Unit: "万元", Rule: linear(300)},
	"firms_served":        {Name: "服务企业", Unit: "家", Rule: linear(50)},
	"incubated_firms":     {Name: "在孵企业", Unit: "家", Rule: linear(30)},
	"graduated_firms":     {Name: "毕业企业", Unit: "家", Rule: bands(5, 3, 1)},
	// Counted by the desk from its own records.
	model.IndStudentsHosted:   {Name: "联合培养研究生", Unit: "人", Rule: bands(10, 5, 2)},
	model.IndStudentMonths:    {Name: "研究生在站人月", Unit: "人月", Rule: linear(60)},
	model.IndOnTimeArrival:    {Name: "按期到岗率", Unit: "%", Rule: linear(100)},
	model.IndGoodAssessments:  {Name: "考核优良率", Unit: "%", Rule: linear(100)},
	model.IndTerminations:     {Name: "提前终止人数", Unit: "人", Rule: model.Rule{Kind: model.RuleBands, Lower: true, Bands: []model.Band{{At: 0, Share: 1}, {At: 1, Share: 0.5}}}},
	model.IndDualAppointments: {Name: "双聘双挂在任人数", Unit: "人", Rule: bands(3, 2, 1)},
	model.IndQuotaUse:         {Name: "员额使用率", Unit: "%", Rule: linear(100)},
}

// defaultWeights are the example weights per kind of platform: what shows
// service to industry (成果转化, 四技服务收入) weighs most where the kind is
// meant for it. Each kind's weights total 100.
var defaultWeights = map[string][]struct {
	code   string
	weight float64
}{
	"key_lab": {{"rd_spend", 10}, {"talent_team", 15}, {"research_output", 20}, {"invention_patents", 10},
		{"transfer_count", 5}, {"tech_service_income", 10}, {model.IndStudentsHosted, 10}, {model.IndStudentMonths, 5},
		{model.IndGoodAssessments, 5}, {model.IndOnTimeArrival, 3}, {model.IndTerminations, 2}, {model.IndDualAppointments, 5}},
	"new_rd": {{"rd_spend", 10}, {"talent_team", 10}, {"research_output", 10}, {"invention_patents", 10},
		{"transfer_count", 10}, {"transfer_amount", 10}, {"tech_service_income", 15}, {"firms_served", 5},
		{model.IndStudentsHosted, 8}, {model.IndStudentMonths, 4}, {model.IndGoodAssessments, 4}, {model.IndTerminations, 2},
		{model.IndDualAppointments, 2}},
	"enterprise_rd": {{"rd_spend", 15}, {"invention_patents", 15}, {"transfer_amount", 15}, {"tech_service_income", 10},
		{"talent_team", 10}, {"firms_served", 5}, {model.IndStudentsHosted, 10}, {model.IndStudentMonths, 5},
		{model.IndGoodAssessments, 5}, {model.IndOnTimeArrival, 3}, {model.IndTerminations, 2}, {model.IndQuotaUse, 5}},
	"incubator": {{"incubated_firms", 20}, {"graduated_firms", 10}, {"firms_served", 15}, {"tech_service_income", 10},
		{"transfer_count", 10}, {"talent_team", 5}, {model.IndStudentsHosted, 10}, {model.IndStudentMonths, 5},
		{model.IndGoodAssessments, 5}, {model.IndOnTimeArrival, 3}, {model.IndTerminations, 2}, {model.IndQuotaUse, 5}},
	"transfer": {{"transfer_count", 20}, {"transfer_amount", 20}, {"tech_service_income", 20}, {"firms_served", 10},
		{"invention_patents", 5}, {"talent_team", 5}, {model.IndStudentsHosted, 8}, {model.IndStudentMonths, 4},
		{model.IndGoodAssessments, 4}, {model.IndTerminations, 2}, {model.IndDualAppointments, 2}},
}

func linear(limit float64) model.Rule { return model.Rule{Kind: model.RuleLinear, Cap: limit} }

// bands gives full marks from the first value, ⅔ from the second, ⅓ from the third.
func bands(full, twoThirds, third float64) model.Rule {
	return model.Rule{Kind: model.RuleBands, Bands: []model.Band{{At: full, Share: 1}, {At: twoThirds, Share: 2.0 / 3}, {At: third, Share: 1.0 / 3}}}
}

// DefaultSchemes returns the example scheme of every kind of platform for a
// year, marked Example: a starting point to adapt, not a rule.
func DefaultSchemes(year int) []model.EvalScheme {
	var out []model.EvalScheme
	for _, k := range model.PlatformKinds {
		out = append(out, defaultScheme(year, k.Code))
	}
	return out
}

func defaultScheme(year int, kind string) model.EvalScheme {
	sc := model.EvalScheme{Year: year, Kind: kind, Example: true}
	for _, w := range defaultWeights[kind] {
		in := defaultIndicators[w.code]
		in.Code, in.Weight = w.code, w.weight
		in.Rule.Bands = append([]model.Band(nil), in.Rule.Bands...)
		sc.Indicators = append(sc.Indicators, in)
	}
	if err := sc.Normalize(); err != nil {
		panic("default scheme " + kind + ": " + err.Error()) // a shipped table that does not add up
	}
	return sc
}

// DefaultIndicatorName returns the Chinese name of a known indicator code, ""
// for another.
func DefaultIndicatorName(code string) string { return defaultIndicators[code].Name }

// IndicatorCode returns the code of a known indicator from its Chinese name
// (as the examples word it, with or without its unit in brackets), "" for
// another.
func IndicatorCode(name string) string {
	name = model.Clean(name)
	for code, in := range defaultIndicators {
		if name == model.Clean(in.Name) || name == model.Clean(in.Name+"（"+in.Unit+"）") {
			return code
		}
	}
	return ""
}

// SchemeFor picks a platform's scheme from a year's: the one for its kind and
// legal type, else the one for its kind; nil if none.
func SchemeFor(schemes []model.EvalScheme, pl model.Platform) *model.EvalScheme {
	return schemeFor(schemes, pl)
}
