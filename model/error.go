// Package model holds the records of graduate-student dispatch (students, platforms,
// placements, dual appointments, quotas, users, audit entries), their validation and
// the rules that need nothing but the records themselves. It knows nothing of storage,
// windows or file formats.
package model

import (
	"errors"
	"fmt"
)

// Error codes. Front ends map a code to an exit status or a dialog; the Key and Args
// of an Error give the sentence shown to the user in the chosen language.
const (
	EInvalid      = "invalid"      // bad input: a field fails validation
	EConflict     = "conflict"     // the input is fine but clashes with what is stored
	ENotFound     = "not_found"    // the record does not exist (or is outside the user's scope)
	EForbidden    = "forbidden"    // the user's role or scope does not allow the operation
	EUnauthorized = "unauthorized" // wrong user name or password
	ERule         = "rule"         // a business rule refuses the operation (quota, platform status, lifecycle)
	ELocked       = "locked"       // the data file is in use by another program
	ECorrupt      = "corrupt"      // the data file is damaged or not ours
	EInternal     = "internal"     // a bug or an I/O failure
)

// Error is a refusal the user can read. Key names a sentence in the message
// catalogue (package i18n); Args fill its placeholders; Field, when set, names the
// input field at fault so a form can show the message beside it.
type Error struct {
	Code  string
	Key   string
	Field string
	Args  []any
	Err   error // an underlying cause, for logs; never shown to users
}

func (e *Error) Error() string {
	s := e.Key
	if len(e.Args) > 0 {
		s += fmt.Sprint(e.Args)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code, catalogue key and arguments.
func Errorf(code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// Invalid returns an EInvalid error for one input field.
func Invalid(field, key string, args ...any) *Error {
	return &Error{Code: EInvalid, Key: key, Field: field, Args: args}
}

// ErrorCode returns the code of the first *Error in err's chain, "" for nil, and
// EInternal for any other error.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// Warning is advice attached to a successful operation (for example, a platform
// supervisor whose dual appointment does not cover the whole placement).
type Warning struct {
	Key  string
	Args []any
}

// WithCause returns e with its underlying cause set (for logs).
func (e *Error) WithCause(err error) *Error {
	e.Err = err
	return e
}
