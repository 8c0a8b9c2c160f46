package model

import "fmt"

// RowError is one fault in an imported spreadsheet: the row number as the clerk
// sees it in Excel, the field at fault, the column's title as written in the
// clerk's file, the cell's value and the reason.
//
// The rules (package dispatch) set Field, a code such as "university" or
// "number"; the sheet layer fills Column with the clerk's own header for that
// field (学校, say), so the bad cell can be marked. Both are "" for a fault of
// the row as a whole.
type RowError struct {
	Row    int
	Field  string
	Column string
	Value  string
	Err    *Error
}

func (e RowError) Error() string {
	return fmt.Sprintf("row %d, %s %q: %v", e.Row, e.Field, e.Value, e.Err)
}

// ImportError is a refused import: every fault found, nothing written.
type ImportError struct {
	Rows []RowError
}

func (e *ImportError) Error() string {
	return fmt.Sprintf("%d rows refused, first: %v", len(e.Rows), e.Rows[0])
}

// ImportErrorCode lets ErrorCode see an import refusal as bad input.
func (e *ImportError) Unwrap() error {
	return &Error{Code: EInvalid, Key: "import.rows", Args: []any{len(e.Rows)}}
}

// StudentRow is one student to import and the row of the sheet it came from.
type StudentRow struct {
	Row     int
	Student Student
}

// PlatformRow is one platform to import and its row.
type PlatformRow struct {
	Row      int
	Platform Platform
}

// AppointmentRow is one dual appointment to import and its row.
type AppointmentRow struct {
	Row         int
	Appointment Appointment
}
