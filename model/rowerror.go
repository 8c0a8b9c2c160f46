package model

import "fmt"

// RowError is one fault in an imported spreadsheet: the row number as the clerk
// sees it in Excel, the column's title, the cell's value and the reason.
type RowError struct {
	Row    int
	Column string // the column title, or "" for the row as a whole
	Value  string
	Err    *Error
}

func (e RowError) Error() string {
	return fmt.Sprintf("row %d, %s %q: %v", e.Row, e.Column, e.Value, e.Err)
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
