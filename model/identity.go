package model

import (
	"net/mail"
	"regexp"
	"strings"
	"time"
)

// provinceCodes are the first two digits of a resident ID number: the
// province-level divisions of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macao, 83 for
// residence permits of Taiwan residents).
var provinceCodes = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true, "83": true,
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// IDCheckChar returns the ISO 7064 MOD 11-2 check character for the first 17
// digits of a resident ID number.
func IDCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}

// NormalizeIDNumber validates an 18-character resident ID number (身份证号) and
// returns it with a lower-case x turned into X. today bounds the birth date.
func NormalizeIDNumber(s string, today Date) (string, error) {
	id := strings.ToUpper(CleanCode(s))
	if len(id) != 18 {
		return "", Invalid("id_number", "id.length", len([]rune(id)))
	}
	for i := 0; i < 17; i++ {
		if id[i] < '0' || id[i] > '9' {
			return "", Invalid("id_number", "id.digits")
		}
	}
	if c := id[17]; (c < '0' || c > '9') && c != 'X' {
		return "", Invalid("id_number", "id.digits")
	}
	if !provinceCodes[id[:2]] {
		return "", Invalid("id_number", "id.province", id[:2])
	}
	birth, err := ParseDate(id[6:10] + "-" + id[10:12] + "-" + id[12:14])
	if err != nil || birth.After(today) || birth.Year() < 1900 {
		return "", Invalid("id_number", "id.birth", id[6:14])
	}
	if IDCheckChar(id) != id[17] {
		return "", Invalid("id_number", "id.checksum")
	}
	return id, nil
}

// IDBirthDate returns the birth date held in a valid ID number.
func IDBirthDate(id string) Date {
	d, _ := ParseDate(id[6:10] + "-" + id[10:12] + "-" + id[12:14])
	return d
}

var mobileRE = regexp.MustCompile(`^1[3-9]\d{9}$`)

// NormalizeMobile validates a mainland mobile number, removing a +86 or 0086
// prefix, spaces and hyphens, and returns the 11 digits.
func NormalizeMobile(s string) (string, error) {
	m := strings.ReplaceAll(CleanCode(s), "-", "")
	switch {
	case strings.HasPrefix(m, "+86"):
		m = m[3:]
	case strings.HasPrefix(m, "0086"):
		m = m[4:]
	}
	if !mobileRE.MatchString(m) {
		return "", Invalid("mobile", "mobile.format", Clean(s))
	}
	return m, nil
}

// NormalizeEmail validates a plain e-mail address (no display name) and returns it
// with the domain in lower case.
func NormalizeEmail(s string) (string, error) {
	e := CleanCode(s)
	a, err := mail.ParseAddress(e)
	at := strings.LastIndexByte(e, '@')
	if err != nil || a.Address != e || at < 1 || !strings.Contains(e[at+1:], ".") || strings.HasSuffix(e, ".") {
		return "", Invalid("email", "email.format", Clean(s))
	}
	return e[:at] + "@" + strings.ToLower(e[at+1:]), nil
}

// MaskIDNumber shows the first 6 and last 4 characters: 330302********1234.
func MaskIDNumber(id string) string {
	if len(id) != 18 {
		return strings.Repeat("*", len(id))
	}
	return id[:6] + strings.Repeat("*", 8) + id[14:]
}

// MaskMobile shows the first 3 and last 4 digits: 138****5678.
func MaskMobile(m string) string {
	if len(m) != 11 {
		return strings.Repeat("*", len(m))
	}
	return m[:3] + "****" + m[7:]
}

// Today is a helper for callers that hold a clock.
func Today(now func() time.Time) Date { return DateOf(now()) }
