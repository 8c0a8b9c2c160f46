package cli

import (
	"errors"

	"secondment/model"
)

// fieldFlags maps the field code of a refusal (model.Error.Field) to the flag
// that gives it, where the two differ; a field not listed is given by the flag
// of its own name, if the command has one.
var fieldFlags = map[string]string{
	"excellent_cap": "excellent-cap",
	"rectify_days":  "rectify-days",
	// issue 12
	"leave_from":        "from",
	"leave_to":          "to",
	"uni_opinion":       "university-opinion",
	"platform_opinion":  "platform-opinion",
	"university_mark":   "university-mark",
	"platform_mark":     "platform-mark",
	"defence_mark":      "defence-mark",
	"university_weight": "university",
	"platform_weight":   "platform",
	"defence_weight":    "defence",
	"received_by":       "received-by",
}

// flagHint appends to msg the flag of the command that gives the field at
// fault, as （--reason） or (--reason): the service's sentences never name
// flags, since the window has none.
func (r *run) flagHint(err error, msg string) string {
	var e *model.Error
	if r.cmdFlags == nil || !errors.As(err, &e) || e.Field == "" {
		return msg
	}
	name := e.Field
	if f, ok := fieldFlags[name]; ok {
		name = f
	}
	if r.cmdFlags.Lookup(name) == nil {
		return msg
	}
	if r.lang == "en" {
		return msg + " (--" + name + ")"
	}
	return msg + "（--" + name + "）"
}
