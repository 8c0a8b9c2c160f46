package model

// AllowanceRow is one student's line of a month's allowance list
// (研究生科研补助发放表). Recorded is false when the host has not recorded the
// month's attendance yet: the line is listed, unpaid, so the gap shows.
type AllowanceRow struct {
	No            string `json:"agreement_no"`
	StudentNumber string `json:"student_number"`
	StudentName   string `json:"student_name"`
	University    string `json:"university"`
	Platform      string `json:"platform"`
	Recorded      bool   `json:"recorded"`
	Present       int    `json:"present"`
	Absent        int    `json:"absent"`
	Leave         int    `json:"leave"`
	MonthPay
}

// AllowanceList is a month's allowance list for a platform, a university or
// everything the user may see, with totals over the recorded lines.
type AllowanceList struct {
	Month      string         `json:"month"` // YYYY-MM
	Platform   string         `json:"platform,omitempty"`
	University string         `json:"university,omitempty"`
	Rows       []AllowanceRow `json:"rows"`
	Allowance  int            `json:"allowance"` // totals
	Deduction  int            `json:"deduction"`
	Amount     int            `json:"amount"`
	Unrecorded int            `json:"unrecorded"`
}

// Reminder kinds.
const (
	RemindPlacementEnd    = "placement_end"
	RemindInsuranceEnd    = "insurance_end"
	RemindMidtermDue      = "midterm_due"
	RemindLogsOverdue     = "logs_overdue"
	RemindAppointmentEnd  = "appointment_end"
	RemindAgreementReturn = "agreement_return"
)

// ReminderKinds name what a reminder is about.
var ReminderKinds = Terms{
	{RemindPlacementEnd, "选派期满", "Placement ending"},
	{RemindInsuranceEnd, "保险到期", "Insurance ending"},
	{RemindMidtermDue, "中期检查", "Mid-term check due"},
	{RemindLogsOverdue, "日志逾期", "Work log overdue"},
	{RemindAppointmentEnd, "双聘双挂期满", "Dual appointment ending"},
	{RemindAgreementReturn, "协议未交回", "Agreement not returned"},
}

// ReminderBands are the days before a due date at which reminders appear
// (RemindBand).
var ReminderBands = []int{30, 15, 7}

// RemindBand returns the band a due date days away is in: 7, 15 or 30, 0 when
// it is due or past, and -1 when it is further than 30 days.
func RemindBand(days int) int {
	switch {
	case days <= 0:
		return 0
	case days <= 7:
		return 7
	case days <= 15:
		return 15
	case days <= 30:
		return 30
	}
	return -1
}
