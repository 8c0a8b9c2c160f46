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
}
