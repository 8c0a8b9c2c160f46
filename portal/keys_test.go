package portal

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"secondment/i18n"
)

// TestEveryWordIsTranslated checks that every catalogue key the pages and
// handlers use has a Chinese and an English text (package i18n's own check
// does not read templates).
func TestEveryWordIsTranslated(t *testing.T) {
	key := regexp.MustCompile(`"(portal\.[a-z_]+)"`)
	var srcs []string
	tpls, _ := fs.Glob(templateFS, "templates/*.html")
	for _, n := range tpls {
		b, _ := fs.ReadFile(templateFS, n)
		srcs = append(srcs, string(b))
	}
	gos, _ := filepath.Glob("*.go")
	for _, n := range gos {
		b, _ := os.ReadFile(n)
		srcs = append(srcs, string(b))
	}
	seen := 0
	for _, src := range srcs {
		for _, m := range key.FindAllStringSubmatch(src, -1) {
			seen++
			if m[1] == "portal.db" {
				continue // the test data file
			}
			if zh, en := i18n.T(i18n.Zh, m[1]), i18n.T(i18n.En, m[1]); zh == m[1] || en == m[1] || zh == en {
				t.Errorf("%s: zh %q en %q", m[1], zh, en)
			}
		}
	}
	if seen < 50 {
		t.Fatalf("found only %d keys", seen)
	}
}
