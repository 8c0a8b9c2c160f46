package model

import (
	_ "embed"
	"net/mail"
	"regexp"
	"strings"
	"sync"
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

// adminCodesText lists every GB/T 2260 code in use since 1981, current or
// retired: an ID number keeps the code of the county that issued it, however
// the county has since been renamed or merged. See the file's head for its
// source.
//
//go:embed admincodes.txt
var adminCodesText string

// adminCodes is the set of those codes, parsed on first use.
var adminCodes = sync.OnceValue(func() map[string]bool {
	set := make(map[string]bool, 7000)
	for _, line := range strings.Split(adminCodesText, "\n") {
		prefix, list, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		for _, s := range strings.Split(list, ",") {
			set[prefix+s] = true
		}
	}
	// Residence permits of Taiwan residents (830000), Hong Kong (810000) and
	// Macao (820000) residents use a province-level code.
	set["830000"] = true
	return set
})

// KnownAdminCode reports whether code is a six-digit GB/T 2260 code in use at
// any time since 1981, or the 市辖区 code (xxxx01) of a prefecture, which the
// older lists carried and older ID numbers keep.
func KnownAdminCode(code string) bool {
	set := adminCodes()
	if set[code] {
		return true
	}
	return len(code) == 6 && strings.HasSuffix(code, "01") && set[code[:4]+"00"]
}

// NormalizeIDNumber validates an 18-character resident ID number (身份证号) and
// returns it with a lower-case x turned into X. today bounds the birth date.
// It checks the address code against GB/T 2260 (retired codes included), the
// birth date and the check character; a foreign permanent-residence ID of the
// 2023 design (first digit 9, then the issuing province) is accepted the same
// way. A 15-digit number of the pre-1999 design is refused with its own reason.
func NormalizeIDNumber(s string, today Date) (string, error) {
	id := strings.ToUpper(CleanCode(s))
	if len(id) == 15 && allDigits(id) {
		return "", Invalid("id_number", "id.fifteen")
	}
	if len(id) != 18 {
		return "", Invalid("id_number", "id.length", len([]rune(id)))
	}
	if !allDigits(id[:17]) {
		return "", Invalid("id_number", "id.digits")
	}
	if c := id[17]; (c < '0' || c > '9') && c != 'X' {
		return "", Invalid("id_number", "id.digits")
	}
	if id[0] == '9' {
		// 外国人永久居留身份证 (2023): 9, the province that accepted the
		// application, three digits of nationality, then as a resident ID.
		if !provinceCodes[id[1:3]] || id[1] >= '7' {
			return "", Invalid("id_number", "id.province", id[1:3])
		}
	} else {
		if !provinceCodes[id[:2]] {
			return "", Invalid("id_number", "id.province", id[:2])
		}
		if !KnownAdminCode(id[:6]) {
			return "", Invalid("id_number", "id.region", id[:6])
		}
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

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// IDGender returns the gender code ("male" or "female") held in the 17th
// digit of a valid ID number: odd for men, even for women.
func IDGender(id string) string {
	if len(id) != 18 {
		return ""
	}
	if (id[16]-'0')%2 == 1 {
		return "male"
	}
	return "female"
}

// CheckIDGender refuses an ID number whose gender digit disagrees with the
// gender given (a code of Genders). An empty ID or gender passes.
func CheckIDGender(id, gender string) error {
	if id == "" || gender == "" || IDGender(id) == "" || IDGender(id) == gender {
		return nil
	}
	return Invalid("id_number", "id.gender")
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
