//go:build linux && cgo

package main

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// goLocaleParses is what Fyne does with one entry: go-locale's splitLocale,
// then language.Parse of language-region.
func goLocaleParses(entry string) bool {
	loc, _, _ := strings.Cut(entry, ".")
	loc = strings.ReplaceAll(loc, "-", "_")
	lang, region, _ := strings.Cut(loc, "_")
	if region != "" {
		lang += "-" + region
	}
	_, err := language.Parse(lang)
	return err == nil
}

func TestLocaleCheckAgreesWithFyne(t *testing.T) {
	for _, e := range []string{"C", "C.UTF-8", "C.utf8", "POSIX", "en_US.UTF-8", "zh_CN.UTF-8", "zh_CN.GB18030",
		"zh_TW", "en", "zh", "de_DE@euro", "en_US@euro", "zh-Hans-CN", "zh_Hans_CN", "sr_RS@latin", "ca_ES.UTF-8@valencia",
		"es_419", "x", "", "e", "toolonglanguage", "en_", "en__US", "fil_PH", "ast_ES"} {
		if got, want := localeEntryOK(e), goLocaleParses(e); got != want {
			t.Errorf("%q: C check says %v, Fyne parses: %v", e, got, want)
		}
	}
}
