// Package remote carries the service contract (dispatch.API) over HTTP: a
// Handler that serves a *dispatch.Service to clients, and a Client that
// implements dispatch.API by asking such a server, so the window and the
// command line work the same on a served file as on a local one. It follows
// benbjohnson/wtf's http package: one server, one client, one contract.
//
// The protocol is JSON over POST: /api/v1/call/<Method> carries the
// arguments after the session as an array and answers the results before
// the error as an array, or a refusal. A refusal keeps everything a front end
// words it by (code, catalogue key, field, typed arguments, rows), so that a
// command through a server prints what it prints locally.
package remote

import (
	"encoding/json"
	"errors"
	"fmt"

	"secondment/model"
)

// wireArg is one argument of a sentence with its Go kind kept: JSON alone
// would turn the int 3 into 3.0 and a list of terms into a list of maps,
// and the sentence would print differently.
type wireArg struct {
	S     *string     `json:"s,omitempty"`
	I     *int64      `json:"i,omitempty"`
	F     *float64    `json:"f,omitempty"`
	B     *bool       `json:"b,omitempty"`
	SS    []string    `json:"ss,omitempty"`
	Terms model.Terms `json:"terms,omitempty"`
	Date  *model.Date `json:"date,omitempty"`
	Kind  string      `json:"k,omitempty"` // the integer's Go type when not int
}

func toWireArgs(args []any) []wireArg {
	out := make([]wireArg, len(args))
	for i, a := range args {
		out[i] = toWireArg(a)
	}
	return out
}

func toWireArg(a any) wireArg {
	switch v := a.(type) {
	case string:
		return wireArg{S: &v}
	case int:
		n := int64(v)
		return wireArg{I: &n}
	case int64:
		return wireArg{I: &v, Kind: "int64"}
	case int32:
		n := int64(v)
		return wireArg{I: &n, Kind: "int32"}
	case uint64:
		n := int64(v)
		return wireArg{I: &n, Kind: "uint64"}
	case float64:
		return wireArg{F: &v}
	case bool:
		return wireArg{B: &v}
	case []string:
		if v == nil {
			v = []string{}
		}
		return wireArg{SS: v}
	case model.Terms:
		if v == nil {
			v = model.Terms{}
		}
		return wireArg{Terms: v}
	case model.Date:
		return wireArg{Date: &v}
	}
	s := fmt.Sprint(a) // anything else is printed as %v would print it
	return wireArg{S: &s}
}

func fromWireArgs(ws []wireArg) []any {
	if len(ws) == 0 {
		return nil
	}
	out := make([]any, len(ws))
	for i, w := range ws {
		out[i] = w.value()
	}
	return out
}

func (w wireArg) value() any {
	switch {
	case w.S != nil:
		return *w.S
	case w.I != nil:
		switch w.Kind {
		case "int64":
			return *w.I
		case "int32":
			return int32(*w.I)
		case "uint64":
			return uint64(*w.I)
		}
		return int(*w.I)
	case w.F != nil:
		return *w.F
	case w.B != nil:
		return *w.B
	case w.SS != nil:
		return w.SS
	case w.Terms != nil:
		return w.Terms
	case w.Date != nil:
		return *w.Date
	}
	return nil
}

// wireWarning is a model.Warning with typed arguments.
type wireWarning struct {
	Key  string    `json:"key"`
	Args []wireArg `json:"args,omitempty"`
}

func toWireWarnings(ws []model.Warning) []wireWarning {
	if ws == nil {
		return nil
	}
	out := make([]wireWarning, len(ws))
	for i, w := range ws {
		out[i] = wireWarning{Key: w.Key, Args: toWireArgs(w.Args)}
	}
	return out
}

func fromWireWarnings(ws []wireWarning) []model.Warning {
	if ws == nil {
		return nil
	}
	out := make([]model.Warning, len(ws))
	for i, w := range ws {
		out[i] = model.Warning{Key: w.Key, Args: fromWireArgs(w.Args)}
	}
	return out
}

// wireError is a refusal: a *model.Error, model.Problems (one per field) or
// a *model.ImportError (one per row). Anything else is sent as an internal
// error without its text, which stays in the server's log: it may name paths
// and records the client's user may not see.
type wireError struct {
	Code     string         `json:"code"`
	Key      string         `json:"key,omitempty"`
	Field    string         `json:"field,omitempty"`
	Args     []wireArg      `json:"args,omitempty"`
	Problems []wireError    `json:"problems,omitempty"`
	Rows     []wireRowError `json:"rows,omitempty"`
}

type wireRowError struct {
	Row    int       `json:"row"`
	Field  string    `json:"field,omitempty"`
	Column string    `json:"column,omitempty"`
	Value  string    `json:"value,omitempty"`
	Err    wireError `json:"err"`
}

func toWireError(err error) wireError {
	var ie *model.ImportError
	if errors.As(err, &ie) {
		rows := make([]wireRowError, len(ie.Rows))
		for i, r := range ie.Rows {
			rows[i] = wireRowError{Row: r.Row, Field: r.Field, Column: r.Column, Value: r.Value, Err: toWireError(r.Err)}
		}
		return wireError{Code: model.EInvalid, Rows: rows}
	}
	var ps model.Problems
	if errors.As(err, &ps) {
		list := make([]wireError, len(ps))
		for i, p := range ps {
			list[i] = toWireError(p)
		}
		return wireError{Code: model.EInvalid, Problems: list}
	}
	var e *model.Error
	if errors.As(err, &e) && e != nil {
		return wireError{Code: e.Code, Key: e.Key, Field: e.Field, Args: toWireArgs(e.Args)}
	}
	return wireError{Code: model.EInternal, Key: "internal"}
}

func (w wireError) err() error {
	switch {
	case w.Rows != nil:
		rows := make([]model.RowError, len(w.Rows))
		for i, r := range w.Rows {
			e, _ := r.Err.err().(*model.Error)
			rows[i] = model.RowError{Row: r.Row, Field: r.Field, Column: r.Column, Value: r.Value, Err: e}
		}
		return &model.ImportError{Rows: rows}
	case w.Problems != nil:
		ps := make(model.Problems, len(w.Problems))
		for i, p := range w.Problems {
			ps[i], _ = p.err().(*model.Error)
		}
		return ps
	}
	return &model.Error{Code: w.Code, Key: w.Key, Field: w.Field, Args: fromWireArgs(w.Args)}
}

// encodeResult turns a result the JSON encoder would garble into its wire
// form (warnings keep their argument kinds).
func encodeResult(v any) any {
	if ws, ok := v.([]model.Warning); ok {
		return toWireWarnings(ws)
	}
	return v
}

// decodeResult reads one result into dst, a pointer to the result's type.
func decodeResult(raw json.RawMessage, dst any) error {
	if ws, ok := dst.(*[]model.Warning); ok {
		var wire []wireWarning
		if err := json.Unmarshal(raw, &wire); err != nil {
			return err
		}
		*ws = fromWireWarnings(wire)
		return nil
	}
	return json.Unmarshal(raw, dst)
}
