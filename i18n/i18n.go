// Package i18n turns the program's refusals, warnings and labels into Chinese
// (the default) or English sentences. The rules speak in keys and arguments
// (model.Error); only front ends call this package.
package i18n

import (
	"errors"
	"fmt"
	"strings"

	"secondment/model"
)

// Lang is a language of the interface.
type Lang string

const (
	Zh Lang = "zh"
	En Lang = "en"
)

// Parse returns the language for a --lang value or a locale such as en_US.UTF-8;
// anything else is Chinese.
func Parse(s string) Lang {
	if strings.HasPrefix(strings.ToLower(s), "en") {
		return En
	}
	return Zh
}

// T returns the sentence for key in lang, filled with args. A key missing from
// the catalogue is returned as it is, so a gap shows rather than hides.
func T(lang Lang, key string, args ...any) string {
	m := catalog[key]
	tmpl := m.zh
	if lang == En && m.en != "" {
		tmpl = m.en
	}
	if tmpl == "" {
		if len(args) == 0 {
			return key
		}
		return key + fmt.Sprint(args...)
	}
	if len(args) == 0 {
		return tmpl
	}
	local := make([]any, len(args))
	for i, a := range args {
		local[i] = localizeArg(lang, a)
	}
	return fmt.Sprintf(tmpl, local...)
}

// Has reports whether the catalogue has key.
func Has(key string) bool { _, ok := catalog[key]; return ok }

// termSets are the enumerations whose codes are shown by name.
var termSets = []model.Terms{model.QuotaCategories, model.PlacementStatuses, model.AppointmentStatuses,
	model.PlatformStatuses, model.Roles}

func localizeArg(lang Lang, a any) any {
	switch v := a.(type) {
	case string:
		for _, ts := range termSets {
			if ts.Has(v) {
				return ts.Name(v, string(lang))
			}
		}
	case model.Terms:
		sep := "、"
		if lang == En {
			sep = ", "
		}
		return strings.Join(v.Names(string(lang)), sep)
	case []string:
		sep := "、"
		if lang == En {
			sep = ", "
		}
		return strings.Join(v, sep)
	}
	return a
}

// Message returns what a user should read for err: the catalogue sentence of a
// model.Error (with the field's name in front), each problem of a
// model.Problems on its own line, and a generic sentence for anything else
// (the details belong in a log, not in front of a clerk).
func Message(lang Lang, err error) string {
	var ps model.Problems
	if errors.As(err, &ps) {
		lines := make([]string, len(ps))
		for i, p := range ps {
			lines[i] = Message(lang, p)
		}
		return strings.Join(lines, "\n")
	}
	var e *model.Error
	if !errors.As(err, &e) {
		return T(lang, "internal")
	}
	s := T(lang, e.Key, e.Args...)
	// The field's name in front, unless the sentence begins with it (密码至少
	// 8 个字符 is not 密码：密码至少 8 个字符).
	if name := FieldName(lang, e.Field); e.Field != "" && e.Code == model.EInvalid &&
		!strings.HasPrefix(strings.TrimPrefix(strings.ToLower(s), "the "), strings.ToLower(name)) {
		s = name + T(lang, "colon") + s
	}
	return s
}

// Reason is Message without the field's name in front, for where the field is
// already shown (a column of a row-error table).
func Reason(lang Lang, e *model.Error) string { return T(lang, e.Key, e.Args...) }

// FieldName returns the name of an input field.
func FieldName(lang Lang, field string) string { return T(lang, "field:"+field) }

// Warning renders a warning.
func Warning(lang Lang, w model.Warning) string { return T(lang, w.Key, w.Args...) }

// Term returns the name of an enumerated value.
func Term(lang Lang, ts model.Terms, code string) string { return ts.Name(code, string(lang)) }
