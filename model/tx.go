package model

import "errors"

// ErrNotFound is returned by a Tx when a record does not exist.
var ErrNotFound = errors.New("record not found")

// PlacementIndex names a secondary index of placements.
type PlacementIndex int

const (
	ByStudent  PlacementIndex = iota // value: StudentKey
	ByPlatform                       // value: platform name
	ByStatus                         // value: status code
)

// Tx is one transaction on the data file: everything a single user action reads
// and writes. The rules (package dispatch) run inside it; storage implements it.
// Getters return ErrNotFound for a missing record. Records returned are copies:
// changing them changes nothing until they are put back.
type Tx interface {
	University(name string) (University, error)
	Universities() ([]University, error)
	PutUniversity(University) error

	Platform(name string) (Platform, error)
	Platforms() ([]Platform, error)
	PutPlatform(Platform) error

	Student(university, number string) (Student, error)
	// EachStudent calls fn for every student in key order, stopping at its first error.
	EachStudent(fn func(Student) error) error
	PutStudent(Student) error
	StudentCount() int

	Placement(no string) (Placement, error)
	PlacementsBy(index PlacementIndex, value string) ([]Placement, error)
	// PlacementsHolding returns the agreement numbers of the placements at a
	// platform that hold a graduate quota place in a year (see HoldsQuota), from
	// an index, without reading the placements.
	PlacementsHolding(platform string, year int) ([]string, error)
	EachPlacement(fn func(Placement) error) error
	// PutPlacement stores the placement and keeps its indexes current.
	PutPlacement(Placement) error
	// NextAgreementSeq returns the next agreement sequence number for a year.
	NextAgreementSeq(year int) (uint64, error)

	Appointment(id uint64) (Appointment, error)
	AppointmentsAt(platform string) ([]Appointment, error)
	EachAppointment(fn func(Appointment) error) error
	// PutAppointment stores the appointment, giving it an ID if it has none.
	PutAppointment(Appointment) (uint64, error)

	Quota(platform string, year int, category string) (Quota, error)
	EachQuota(fn func(Quota) error) error
	PutQuota(Quota) error

	User(name string) (User, error)
	EachUser(fn func(User) error) error
	PutUser(User) error
	UserCount() int

	// The annual evaluation. Getters return ErrNotFound for a missing record;
	// lists are in key order (kind and legal type; platform; platform and code).
	EvalYear(year int) (EvalYear, error)
	PutEvalYear(EvalYear) error
	EvalSchemes(year int) ([]EvalScheme, error)
	PutEvalScheme(EvalScheme) error
	// DeleteEvalSchemes removes every scheme of a year (before a new set is put).
	DeleteEvalSchemes(year int) error
	EvalFigure(year int, platform, code string) (EvalFigure, error)
	EvalFigures(year int) ([]EvalFigure, error)
	PutEvalFigure(EvalFigure) error
	EvalResult(year int, platform string) (EvalResult, error)
	EvalResults(year int) ([]EvalResult, error)
	PutEvalResult(EvalResult) error
	// DeleteEvalResults removes every result of a year (before a new run is put).
	DeleteEvalResults(year int) error

	// AppendAudit numbers the entry, chains it to the last one and stores it.
	AppendAudit(*AuditEntry) error
	EachAudit(fn func(AuditEntry) error) error
	// AuditEntry returns the entry numbered seq.
	AuditEntry(seq uint64) (AuditEntry, error)
	// ReplaceAudit stores an entry over the one with its number (and as the
	// head if it is the last): only for re-sealing the log, see dispatch.
	ReplaceAudit(AuditEntry) error
	// AuditHead returns the sequence and hash of the last entry, as recorded
	// separately from the entries, so that removing the last entry is detected.
	AuditHead() (uint64, string)
	// ScrubFreed asks that the space this transaction frees be overwritten
	// before the file is next used: the old values it held (a migration's
	// personal data in clear) must not stay readable in the file.
	ScrubFreed() error
}
