package i18n

func init() {
	for k, v := range departureCatalog {
		catalog[k] = v
	}
}

// departureCatalog holds the sentences of the conditions of leaving.
var departureCatalog = map[string]msg{
	"placement.not_ready":            {"选派 %[1]v 尚不能派出：还缺%[2]v", "placement %[1]v cannot be dispatched yet: missing %[2]v"},
	"forbidden.departure_insurance":  {"意外伤害保险由研究生院登记", "the graduate office records the insurance"},
	"forbidden.departure_pledge":     {"安全承诺书由学生本人或研究生院登记", "the student, or the graduate office, records the safety pledge"},
	"forbidden.departure_acceptance": {"接收函由本平台人事或研究生院登记", "the platform's HR, or the graduate office, records the acceptance letter"},
	"op:placement.insurance":         {"登记保险", "record insurance"},
	"op:placement.pledge":            {"登记安全承诺书", "record safety pledge"},
	"op:placement.acceptance":        {"登记接收函", "record acceptance letter"},
	"field:insurer":                  {"保险公司", "Insurer"},
	"field:policy":                   {"保单号", "Policy number"},
	"field:from":                     {"保险起期", "Cover from"},
	"field:to":                       {"保险止期", "Cover to"},
	"cli.usage_departure":            {"用法：secondment placement insurance 协议编号 --insurer 保险公司 --policy 保单号 --from 日期 --to 日期；placement pledge|acceptance 协议编号 --date 日期", "usage: secondment placement insurance NO --insurer I --policy P --from D --to D; placement pledge|acceptance NO --date D"},
	"cli.departure_done":             {"已登记：%[1]v（%[2]v）", "Recorded: %[1]v (%[2]v)"},
	"ui.departure":                   {"派出条件", "Before departure"},
	"ui.departure_ready":             {"保险、安全承诺书、接收函均已登记，可以派出", "insurance, pledge and acceptance recorded: ready to dispatch"},
	"ui.departure_missing":           {"尚缺：%[1]v", "Missing: %[1]v"},
	"ui.set_insurance":               {"登记保险…", "Insurance…"},
	"ui.record_pledge":               {"登记承诺书…", "Safety pledge…"},
	"ui.record_acceptance":           {"登记接收函…", "Acceptance letter…"},
	"ui.insurance_line":              {"%[1]v %[2]v（%[3]v 至 %[4]v）", "%[1]v %[2]v (%[3]v to %[4]v)"},
	"ui.pledge_on":                   {"安全承诺书", "Safety pledge"},
	"ui.accepted_on":                 {"接收函", "Acceptance letter"},
	"ui.insurance":                   {"意外保险", "Insurance"},
	"ui.signed_on":                   {"签署日期", "Signed on"},
}
