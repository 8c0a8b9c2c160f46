package i18n

import (
	"regexp"
	"strings"
	"testing"
)

// TestSentencesNameNoFlags: a sentence the window may show never names a
// command-line flag (the command line adds the flag of the field at fault
// itself); only the command line's own sentences (cli.*) do.
func TestSentencesNameNoFlags(t *testing.T) {
	flagRE := regexp.MustCompile(`(^|[\s（(，,])--[a-z]`)
	for key, m := range catalog {
		if strings.HasPrefix(key, "cli.") {
			continue
		}
		for _, s := range []string{m.zh, m.en} {
			if flagRE.MatchString(s) {
				t.Errorf("%s names a flag: %s", key, s)
			}
		}
	}
}
