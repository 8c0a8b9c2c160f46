package i18n

func init() {
	for k, v := range onsitePortalCatalog {
		catalog[k] = v
	}
}

// onsitePortalCatalog holds the portal's words for the placement on site
// (issue 12): reminders, attendance, leave, work logs, the platform
// supervisor's mark and the safety pledge.
var onsitePortalCatalog = map[string]msg{
	"portal.reminders":      {"提醒", "Reminders"},
	"portal.reminders_more": {"其余 %[1]v 条", "%[1]v more"},
	"portal.days_left":      {"还有 %[1]v 天", "in %[1]v days"},
	"portal.days_overdue":   {"已逾期 %[1]v 天", "%[1]v days overdue"},
	"portal.due_today":      {"今天到期", "due today"},

	"portal.student_placement_title": {"选派在岗", "My placement on site"},
	"portal.open_onsite":             {"日志、请假与考勤", "Logs, leave and attendance"},
	"portal.back_mine":               {"← 返回我的选派", "← Back to my placements"},

	"portal.pledge":          {"安全承诺书", "Safety pledge"},
	"portal.pledge_unsigned": {"尚未登记签署", "not yet recorded as signed"},
	"portal.pledge_signed":   {"已于 %[1]v 签署", "signed on %[1]v"},
	"portal.download_pledge": {"下载安全承诺书", "Download the safety pledge"},
	"portal.pledge_hint":     {"安全承诺书请打印、签名后交研究生院。", "Print the safety pledge, sign it and hand it to the graduate office."},

	"portal.attendance":      {"考勤", "Attendance"},
	"portal.month":           {"月份", "Month"},
	"portal.present":         {"出勤", "Present"},
	"portal.absent":          {"缺勤", "Absent"},
	"portal.on_leave":        {"请假", "Leave"},
	"portal.deduction":       {"核减", "Cut"},
	"portal.amount":          {"实发", "Paid"},
	"portal.attendance_hint": {"天数；核减与实发单位为元。每月 2 天请假不核减，其余未出勤天数按日核减（协议第四条）。", "Days; cut and paid in yuan. Two days of leave a month are paid; every other day away is cut at the daily rate (agreement, clause 4)."},
	"portal.record_month":    {"登记月度考勤", "Record a month"},
	"portal.away_over":       {"缺勤和请假共 %[1]v 天，超过登记天数 %[2]v 天的三分之一：考核结果将为不合格。", "Away %[1]v of %[2]v recorded days, over a third: the result will be Fail."},
	"portal.away_overridden": {"缺勤和请假共 %[1]v 天，超过登记天数 %[2]v 天的三分之一，研究生院已认定：%[3]v", "Away %[1]v of %[2]v recorded days, over a third; the graduate office allowed it: %[3]v"},
	"portal.done_attendance": {"已登记考勤。", "Attendance recorded."},

	"portal.leaves":        {"请假", "Leave"},
	"portal.days":          {"%[1]v 天", "%[1]v days"},
	"portal.decision_note": {"意见（可不填）", "Note (optional)"},
	"field:decision":       {"审批", "Decision"},
	"portal.approve":       {"批准", "Approve"},
	"portal.refuse":        {"不批准", "Refuse"},
	"portal.ask_leave":     {"申请请假", "Ask for leave"},
	"portal.leave_from":    {"开始日期", "From"},
	"portal.leave_to":      {"结束日期", "To"},
	"portal.leave_reason":  {"事由", "Reason"},
	"portal.submit_leave":  {"提交请假申请", "Send the request"},
	"portal.done_decide":   {"已处理请假申请。", "Leave request decided."},
	"portal.done_leave":    {"请假申请已提交，待平台审批。", "Leave request sent; the platform will decide."},

	"portal.logs":          {"工作日志", "Work logs"},
	"portal.logs_unread":   {"%[1]v 篇待平台导师阅", "%[1]v waiting for the platform supervisor"},
	"portal.logs_read":     {"已阅日志（共 %[1]v 篇，未阅 %[2]v 篇）", "Logs already read (%[1]v in all, %[2]v unread)"},
	"portal.log_summary":   {"已写 %[1]v 篇；应交 %[2]v 篇，缺 %[3]v 篇", "%[1]v written; %[2]v owed so far, %[3]v missing"},
	"portal.log_missing":   {"未交", "missing"},
	"portal.read_on":       {"%[1]v 已阅（%[2]v）", "read %[1]v (%[2]v)"},
	"portal.log_unread":    {"未阅", "not read"},
	"portal.uni_read":      {"校内导师", "University supervisor"},
	"portal.platform_read": {"平台导师", "Platform supervisor"},
	"portal.comment":       {"评语（可不填）", "Comment (optional)"},
	"portal.mark_read":     {"标记已阅", "Mark read"},
	"portal.write_log":     {"写日志", "Write a log"},
	"portal.log_period":    {"周期", "Period"},
	"portal.log_text":      {"本期工作", "Work done"},
	"portal.submit_log":    {"提交日志", "Submit the log"},
	"portal.done_logread":  {"已标记为平台导师已阅。", "Marked read for the platform supervisor."},
	"portal.done_log":      {"日志已提交。", "Log submitted."},

	"portal.platform_mark":      {"平台导师评分", "Platform supervisor's mark"},
	"portal.mark_0_100":         {"评分（0–100）", "Mark (0–100)"},
	"portal.platform_mark_hint": {"研究生院将其与校内导师评分、答辩评分按学校权重合成考核结果。", "The graduate office combines it with the university supervisor's and the defence marks, by the university's weights."},
	"portal.done_mark":          {"已登记平台导师评分。", "Platform supervisor's mark recorded."},
}
