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
	return strings.TrimFunc(width.Fold.String(s), unicode.IsSpace)
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
	return strings.ToLower(width.Fold.String(s))
}
