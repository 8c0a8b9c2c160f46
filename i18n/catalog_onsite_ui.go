package i18n

func init() {
	for k, v := range onsiteUICatalog {
		catalog[k] = v
	}
}

// onsiteUICatalog holds the window's words for the placement on site (issue
// 12): reminders on the home screens, the placement's on-site section and its
// forms, the allowance list and the universities' settings.
var onsiteUICatalog = map[string]msg{
	// Reminders.
	"ui.reminders":      {"提醒", "Reminders"},
	"ui.reminders_none": {"30 天内没有需要提醒的事项", "Nothing due within 30 days"},
	"ui.reminders_more": {"……另有 %[1]v 条", "… and %[1]v more"},
	"ui.band_due":       {"已到期", "due"},
	"ui.band_days":      {"%[1]v 天内", "within %[1]v days"},
	"ui.days_left":      {"还有 %[1]v 天", "%[1]v days left"},
	"ui.reminder_due":   {"%[1]v（%[2]v）", "%[1]v (%[2]v)"},

	// A placement's on-site section.
	"ui.onsite":             {"在岗管理", "On site"},
	"ui.returned":           {"协议回收", "Agreement returned"},
	"ui.returned_not":       {"签署的协议尚未交回", "the signed agreement has not come back"},
	"ui.returned_line":      {"%[1]v 交回 %[2]v 份，接收人 %[3]v", "returned %[1]v, %[2]v copies, received by %[3]v"},
	"ui.record_return":      {"登记协议回收…", "Agreement returned…"},
	"ui.returned_on":        {"交回日期", "Returned on"},
	"ui.attendance":         {"考勤", "Attendance"},
	"ui.attendance_none":    {"尚未登记考勤", "no attendance recorded yet"},
	"ui.attendance_intro":   {"%[1]v，月补助 %[2]v 元：每月 %[3]v 天请假照发，其余未出勤天数按日补助（月补助 ÷ 当月登记天数）扣减。", "%[1]v, monthly allowance %[2]v yuan: %[3]v days of leave a month are paid; every other day not present is deducted at the daily rate (allowance ÷ days recorded)."},
	"ui.set_attendance":     {"登记考勤…", "Attendance…"},
	"ui.absence_share":      {"缺勤和请假共 %[1]v 天，登记 %[2]v 天", "away %[1]v of %[2]v recorded days"},
	"ui.absence_over":       {"超过三分之一：考核结果将为不合格，除非研究生院作出情况说明认定", "over a third: the result will be Fail unless the graduate office overrides it with a reason"},
	"ui.absence_overridden": {"超过三分之一，已认定：%[1]v", "over a third, overridden: %[1]v"},
	"ui.absence_failed":     {"缺勤和请假超过三分之一，结果为不合格", "away more than a third of the days: the result is Fail"},
	"ui.override_absence":   {"情况说明…", "Override…"},
	"ui.override_intro":     {"说明理由后，缺勤和请假超过三分之一的学生仍按评分评定结果。", "With a reason given, a student away more than a third of the days is assessed on the marks."},
	"ui.override_reason":    {"情况说明", "Reason"},
	"ui.leaves":             {"请假", "Leave"},
	"ui.leaves_none":        {"没有请假申请", "no leave requested"},
	"ui.leave_line":         {"#%[1]v  %[2]v 至 %[3]v（%[4]v 天）%[5]v · %[6]v", "#%[1]v  %[2]v to %[3]v (%[4]v days) %[5]v · %[6]v"},
	"ui.request_leave":      {"请假…", "Ask for leave…"},
	"ui.leave_approve":      {"批准", "Approve"},
	"ui.leave_refuse":       {"不批准", "Refuse"},
	"ui.logs":               {"工作日志", "Work logs"},
	"ui.log_stats":          {"应写 %[1]v 篇，已写 %[2]v 篇，缺漏 %[3]v 篇，批阅率 %[4]v", "%[1]v owed, %[2]v written, %[3]v missing, review rate %[4]v"},
	"ui.log_gaps":           {"缺漏：%[1]v", "missing: %[1]v"},
	"ui.logs_latest":        {"最近 %[1]v 篇（共 %[2]v 篇）", "the latest %[1]v of %[2]v"},
	"ui.logs_older_unread":  {"另列出较早的待阅日志 %[1]v 篇", "and %[1]v older ones still to be read"},
	"ui.log_read_by":        {"%[1]v已阅", "%[1]v: read"},
	"ui.log_unread_by":      {"%[1]v未阅", "%[1]v: not read"},
	"ui.read_log":           {"标记已阅…", "Mark read…"},
	"ui.add_log":            {"写日志…", "Write a log…"},
	"ui.log_intro":          {"%[1]v填写一篇；周期写作 2026-W48（周）或 2026-11（月）。", "One log %[1]v; write the period as 2026-W48 (week) or 2026-11 (month)."},
	"ui.midterm":            {"中期检查", "Mid-term check"},
	"ui.midterm_none":       {"尚未检查（选派期过半日 %[1]v）", "not yet held (halfway day %[1]v)"},
	"ui.midterm_intro":      {"中期检查在选派期过半（%[1]v）之后进行。", "The mid-term check comes at or after the halfway day (%[1]v)."},
	"ui.record_midterm":     {"记录中期检查…", "Mid-term check…"},
	"ui.print_midterm":      {"打印中期检查表", "Print mid-term form"},
	"ui.print_pledge":       {"打印安全承诺书", "Print safety pledge"},
	"ui.assessment":         {"考核评定", "Final assessment"},
	"ui.marks_line":         {"校内导师 %[1]v · 平台导师 %[2]v · 答辩 %[3]v（权重 %[4]v/%[5]v/%[6]v）", "university %[1]v · platform %[2]v · defence %[3]v (weights %[4]v/%[5]v/%[6]v)"},
	"ui.score_line":         {"总分 %[1]v，按分数为%[2]v", "score %[1]v: %[2]v by the score"},
	"ui.record_marks":       {"登记评分…", "Marks…"},
	"ui.assess":             {"评定…", "Assess…"},
	"ui.assess_intro":       {"三项评分按本校权重（校内导师 %[1]v、平台导师 %[2]v、答辩 %[3]v）合成总分：优秀 ≥ 90，良好 ≥ 80，合格 ≥ 60。评定后选派结束。", "The three marks are weighted by the university (university %[1]v, platform %[2]v, defence %[3]v): excellent ≥ 90, good ≥ 80, pass ≥ 60. Assessing completes the placement."},

	// The data tab.
	"ui.section_onsite":      {"补助与考核设置", "Allowances and assessment"},
	"ui.allowance_list":      {"补助发放表…", "Allowance list…"},
	"ui.allowance_intro":     {"按月列出学生的出勤、扣减和实发补助；可按平台或高校分别制表，或列出全部。", "A month's attendance, deductions and allowances paid, per student; for one platform, one university, or everything."},
	"ui.allowance_one_scope": {"平台和高校只能选其一", "choose a platform or a university, not both"},
	"ui.allowance_ready":     {"补助发放表共 %[1]v 人", "Allowance list of %[1]v students"},
	"ui.format":              {"格式", "Format"},
	"ui.set_weights":         {"评定权重…", "Assessment weights…"},
	"ui.weights_intro":       {"三项评分的权重合计为 100；未设定的高校按 %[1]v/%[2]v/%[3]v。已评定的选派保留评定时的权重。", "The three weights total 100; a university not set uses %[1]v/%[2]v/%[3]v. Placements already assessed keep the weights they were assessed with."},
	"ui.set_cadence":         {"日志周期…", "Log cadence…"},
}
