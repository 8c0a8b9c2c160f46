package model

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Clean folds full-width letters, digits and punctuation to their ASCII forms and
// trims surrounding white space (including the ideographic space U+3000), so that
// what a clerk typed with a Chinese input method compares equal to plain input.
// Chinese characters themselves are left as they are.
func Clean(s string) string {
	return strings.TrimFunc(foldWidth(s), unicode.IsSpace)
}

// foldWidth is width.Fold.String without its cost where it would change
// nothing: width.Fold changes only U+3000 and U+FF01–U+FFEE, whose UTF-8 forms
// begin E3 80 80 and EF BC–EF BF, and it allocates even then. An import cleans
// every cell of every row (1.2 GB of garbage for 100,000 rows before this).
func foldWidth(s string) string {
	for i := 0; i+2 < len(s); i++ {
		switch {
		case s[i] == 0xEF && s[i+1] >= 0xBC && s[i+1] <= 0xBF,
			s[i] == 0xE3 && s[i+1] == 0x80 && s[i+2] == 0x80:
			return width.Fold.String(s)
		}
	}
	return s
}

// CleanText trims a free text — a task, a reason, a note — and folds only
// full-width letters, digits and the ideographic space: Chinese punctuation
// （，：；） is part of what the clerk wrote and stays as typed.
func CleanText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r >= 'Ａ' && r <= 'Ｚ':
			return r - 'Ａ' + 'A'
		case r >= 'ａ' && r <= 'ｚ':
			return r - 'ａ' + 'a'
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
	return strings.TrimFunc(s, unicode.IsSpace)
}

// CleanCode is Clean plus NFKC and removal of all inner white space, for
// identifiers such as ID numbers, student numbers and phone numbers.
func CleanCode(s string) string {
	s = norm.NFKC.String(Clean(s))
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// Fold returns the lower-cased, width-folded form of s used for searching.
func Fold(s string) string {
	return strings.ToLower(foldWidth(s))
}
