package model

import (
	"testing"

	"golang.org/x/text/width"
)

// foldWidth skips width.Fold only where it would change nothing: every rune,
// alone and between other text, folds as width.Fold folds it.
func TestFoldWidthIsWidthFold(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		for _, s := range []string{string(r), "张" + string(r) + "a"} {
			if got, want := foldWidth(s), width.Fold.String(s); got != want {
				t.Fatalf("foldWidth(%q) = %q; width.Fold gives %q", s, got, want)
			}
		}
	}
}
