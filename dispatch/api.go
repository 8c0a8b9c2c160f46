package dispatch

import (
	"context"

	"secondment/model"
)

// API is the service contract: everything a front end (the window, the command
// line, the browser portal) may ask of the rules. *Service implements it on a
// data file this process holds; package remote implements it over HTTP for a
// file that `secondment serve` (or another window) holds, so that a front end
// does not care where the file is. Every operation but signing in takes the
// session Login returned, and the service, local or served, decides from it
// what the user may see and do.
type API interface {
	// Signing in and accounts
	NeedsSetup() (bool, error)
	Bootstrap(name, password, university string) (*Session, error)
	Login(name, password string) (*Session, error)
	LoginFrom(name, password, addr string) (*Session, error)
	Logout(sess *Session) error
	ChangePassword(sess *Session, current, next string) error
	AddUser(sess *Session, in NewUser) (model.User, error)
	Users(sess *Session) ([]model.User, error)
	ResetPassword(sess *Session, name, newPassword string) error
	SetUserDisabled(sess *Session, name string, disabled bool) error
	Unlock(sess *Session, name string) error

	// Students
	Student(sess *Session, university, number string) (model.Student, error)
	AddStudent(sess *Session, st model.Student) (model.Student, error)
	UpdateStudent(sess *Session, st model.Student) (model.Student, error)
	Students(sess *Session, f StudentFilter) ([]model.Student, error)
	StudentView(sess *Session, f StudentFilter, by string, desc bool) (StudentRows, error)
	CountStudents(sess *Session) (int, error)
	UniversityCounts(sess *Session) ([]UniversityCount, error)

	// Universities, platforms and quotas
	AddUniversity(sess *Session, name string) (model.University, error)
	Universities(sess *Session) ([]model.University, error)
	AddPlatform(sess *Session, p model.Platform) (model.Platform, error)
	UpdatePlatform(sess *Session, p model.Platform) (model.Platform, error)
	Platforms(sess *Session, q string) ([]model.Platform, error)
	SetPlatformStatus(sess *Session, name, status, reason string) (StatusResult, error)
	NeedsReassignment(sess *Session) ([]model.Placement, error)
	SetQuota(sess *Session, in QuotaInput) (model.QuotaUse, error)
	Quotas(sess *Session, f QuotaFilter) ([]model.QuotaUse, error)
	Stats(sess *Session, year int) ([]PlatformStats, error)
	QuotaReport(sess *Session, year int) ([]model.Platform, []model.QuotaUse, error)

	// Placements and their departure
	NewPlacement(sess *Session, d PlacementDraft) (model.Placement, []model.Warning, error)
	UpdateDraft(sess *Session, no string, d PlacementDraft) (model.Placement, []model.Warning, error)
	Withdraw(sess *Session, no, reason string) (model.Placement, error)
	Placement(sess *Session, no string) (model.Placement, error)
	Placements(sess *Session, f PlacementFilter) ([]model.Placement, error)
	Step(sess *Session, no, to string, in model.StepInput) (model.Placement, []model.Warning, error)
	SetSupervisor(sess *Session, no, name string) (model.Placement, []model.Warning, error)
	SetInsurance(sess *Session, no string, ins model.Insurance) (model.Placement, error)
	RecordPledge(sess *Session, no string, on model.Date) (model.Placement, error)
	RecordAcceptance(sess *Session, no string, on model.Date) (model.Placement, error)

	// The placement on site and its end (onsite.go, logs.go, assessment.go)
	SetAttendance(sess *Session, no string, in AttendanceInput) (model.Placement, error)
	RequestLeave(sess *Session, no string, in LeaveInput) (model.Placement, error)
	DecideLeave(sess *Session, no string, d LeaveDecision) (model.Placement, error)
	OverrideAbsence(sess *Session, no, reason string, rev int) (model.Placement, error)
	AddLog(sess *Session, no string, in LogInput) (model.Placement, error)
	ReadLog(sess *Session, no string, in LogReadInput) (model.Placement, error)
	LogStats(sess *Session, platform string) (LogReport, error)
	RecordMidterm(sess *Session, no string, m model.Midterm, rev int) (model.Placement, error)
	RecordMarks(sess *Session, no string, in MarksInput) (model.Placement, error)
	Assess(sess *Session, no string, in AssessInput) (model.Placement, error)
	RecordReturn(sess *Session, no string, r model.AgreementReturn, rev int) (model.Placement, error)
	SetAssessmentWeights(sess *Session, university string, w model.Weights) (model.University, error)
	SetLogCadence(sess *Session, university, cadence string) (model.University, error)
	Reminders(sess *Session) ([]Reminder, error)
	AllowanceList(sess *Session, month, platform, university string) (model.AllowanceList, error)

	// Dual appointments
	AddAppointment(sess *Session, a model.Appointment) (model.Appointment, error)
	SetAppointmentStatus(sess *Session, id uint64, status, note string) (model.Appointment, error)
	Appointments(sess *Session, f AppointmentFilter) ([]model.Appointment, error)

	// Documents
	Agreement(sess *Session, no string) (model.Agreement, error)
	Agreements(sess *Session, platform string) ([]model.Agreement, error)
	PrintAgreement(sess *Session, no string) (model.Agreement, error)
	PrintAgreements(sess *Session, platform string) ([]model.Agreement, error)
	PrintDocument(sess *Session, no, doc string) (model.Agreement, error)
	RecordPrint(sess *Session, as []model.Agreement) error
	RecordExport(sess *Session, what string, rows int, masked bool) error
	Verify(sess *Session, code string) (Verification, error)
	Roster(sess *Session, platform, university string) ([]model.Agreement, error)

	// Imports, loading and the file
	ImportStudents(sess *Session, rows []model.StudentRow, opt ImportOptions) (ImportSummary, error)
	ImportPlatforms(sess *Session, rows []model.PlatformRow, opt ImportOptions) (ImportSummary, error)
	ImportAppointments(sess *Session, rows []model.AppointmentRow, opt ImportOptions) (ImportSummary, error)
	LoadDataset(sess *Session, ds Dataset, label string) (LoadSummary, error)
	BackupProgress(ctx context.Context, sess *Session, path string, progress func(done, total int)) error
	CheckFile(sess *Session) (CheckReport, error)
	Audit(sess *Session, f AuditFilter) ([]model.AuditEntry, error)
	AuditLog(sess *Session, q string, limit int) ([]model.AuditEntry, error)

	// Annual evaluation
	EvaluationYear(sess *Session, year int) (model.EvalYear, error)
	SetEvaluationYear(sess *Session, in model.EvalYear) (model.EvalYear, error)
	EvaluationSchemes(sess *Session, year int) ([]model.EvalScheme, error)
	SetEvaluationSchemes(sess *Session, year int, set []model.EvalScheme) ([]model.EvalScheme, error)
	Figures(sess *Session, f FigureFilter) ([]model.EvalFigure, error)
	SetFigure(sess *Session, f model.EvalFigure) (model.EvalFigure, error)
	ImportFigures(sess *Session, rows []FigureRow) (int, error)
	ReviewFigure(sess *Session, year int, platform, code string, accept bool, note string) (model.EvalFigure, error)
	RunEvaluation(sess *Session, year int) (EvaluationRun, error)
	EvaluationResults(sess *Session, year int) ([]model.EvalResult, error)
	EvaluationResult(sess *Session, year int, platform string) (EvaluationDoc, error)
	RectificationNotice(sess *Session, year int, platform string) (EvaluationDoc, error)
	FinalizeEvaluation(sess *Session, year int) (Finalized, error)
	Recheck(sess *Session, year int, platform string, passed bool, reason string) (RecheckResult, error)
	Rechecks(sess *Session) ([]RecheckDue, error)
	RewardList(sess *Session, year int) ([]model.EvalResult, error)
	EvaluationCharts(sess *Session, year int) (EvaluationCharts, error)
	PlatformScores(sess *Session, platform string) ([]model.EvalResult, error)
	RecordEvaluationPrint(sess *Session, doc string, year int, platform string) error
}

// StudentRows is a student search's result, read a row at a time (a list
// window shows 20 rows of 100,000 matches without copying the rest).
type StudentRows interface {
	Len() int
	// At is the i-th student found, masked for the user.
	At(i int) model.Student
	// Find is the position of the student with this key, or -1.
	Find(key string) int
}

var (
	_ API         = (*Service)(nil)
	_ StudentRows = (*StudentView)(nil)
)
