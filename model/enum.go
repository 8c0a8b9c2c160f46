package model

import "strings"

// Term is one value of an enumerated field: a stable English code (stored and
// printed by --json) and its Chinese and English names.
type Term struct{ Code, Zh, En string }

// Terms is the set of values an enumerated field may take.
type Terms []Term

// Parse accepts a code, a Chinese or an English name (any case, full-width too) and
// returns the code.
func (ts Terms) Parse(s string) (string, bool) {
	s = Clean(s)
	for _, t := range ts {
		if s == t.Code || s == t.Zh || strings.EqualFold(s, t.En) {
			return t.Code, true
		}
	}
	return "", false
}

// Has reports whether code is one of the set.
func (ts Terms) Has(code string) bool {
	for _, t := range ts {
		if t.Code == code {
			return true
		}
	}
	return false
}

// Name returns the name of code in lang ("zh" or "en"), or code itself if unknown.
func (ts Terms) Name(code, lang string) string {
	for _, t := range ts {
		if t.Code == code {
			if lang == "en" {
				return t.En
			}
			return t.Zh
		}
	}
	return code
}

// Names returns the names of all values in lang, in order.
func (ts Terms) Names(lang string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = ts.Name(t.Code, lang)
	}
	return out
}

var (
	Genders     = Terms{{"male", "男", "Male"}, {"female", "女", "Female"}}
	Degrees     = Terms{{"master", "硕士", "Master"}, {"doctor", "博士", "Doctorate"}}
	DegreeTypes = Terms{{"academic", "学术学位", "Academic"}, {"professional", "专业学位", "Professional"}}

	PlatformKinds = Terms{
		{"key_lab", "重点实验室", "Key laboratory"},
		{"new_rd", "新型研发机构", "New-type R&D institution"},
		{"enterprise_rd", "企业研发机构", "Enterprise R&D centre"},
		{"incubator", "孵化器/众创空间", "Incubator / maker space"},
		{"transfer", "成果转化机构", "Technology transfer office"},
	}
	PlatformLevels = Terms{{"national", "国家级", "National"}, {"provincial", "省级", "Provincial"}, {"municipal", "市级", "Municipal"}}
	LegalTypes     = Terms{{"public", "事业单位", "Public institution"}, {"enterprise", "企业", "Enterprise"}, {"private_nonprofit", "民办非企业", "Private non-profit"}}
	// PlatformStatuses: a platform's recognition (认定) status.
	PlatformStatuses = Terms{{"recognised", "认定有效", "Recognised"}, {"rectifying", "整改中", "Rectifying"}, {"revoked", "已取消", "Revoked"}}

	// Chains are Wenzhou's "5+5+N" industry chains (five emerging, five
	// traditional, N others).
	Chains = Terms{
		{"digital_economy", "数字经济", "Digital economy"},
		{"intelligent_equipment", "智能装备", "Intelligent equipment"},
		{"life_health", "生命健康", "Life and health"},
		{"new_energy_vehicle", "新能源智能网联汽车", "New-energy connected vehicles"},
		{"new_materials", "新材料", "New materials"},
		{"electrical", "电气", "Electrical equipment"},
		{"footwear", "鞋业", "Footwear"},
		{"apparel", "服装", "Apparel"},
		{"auto_parts", "汽车零部件", "Auto parts"},
		{"pumps_valves", "泵阀", "Pumps and valves"},
		{"other", "其他", "Other"},
	}

	PlacementStatuses = Terms{
		{Draft, "草稿", "Draft"},
		{Approved, "已审批", "Approved"},
		{Dispatched, "已派出", "Dispatched"},
		{Arrived, "已到岗", "Arrived"},
		{Completed, "已结束", "Completed"},
		{Terminated, "提前终止", "Terminated"},
		{Withdrawn, "已作废", "Withdrawn"},
	}

	AppointmentKinds    = Terms{{"dual_hire", "双聘", "Dual hire"}, {"dual_post", "双挂", "Dual post"}}
	AppointmentStatuses = Terms{{"pending", "待生效", "Pending"}, {"active", "在任", "Active"}, {"ended", "已期满", "Ended"}, {"revoked", "已解除", "Revoked"}}

	// QuotaCategories: graduate placements, dual-appointment posts, filed posts (报备员额).
	QuotaCategories = Terms{{Graduate, "研究生选派", "Graduate placements"}, {Dual, "双聘双挂", "Dual appointments"}, {Filed, "报备员额", "Filed posts"}}

	Roles = Terms{
		{Office, "研究生院管理员", "Graduate office"},
		{PlatformHR, "平台人事", "Platform HR"},
		{StudentRole, "研究生", "Student"},
		{Bureau, "市科技局", "Science bureau"},
	}

	Assessments = Terms{{"excellent", "优秀", "Excellent"}, {"good", "良好", "Good"}, {"pass", "合格", "Pass"}, {"fail", "不合格", "Fail"}}
)
