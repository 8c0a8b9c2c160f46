package model

import (
	"errors"
	"regexp"
	"unicode"
	"unicode/utf8"
)

// Student is a graduate student of one university. Number is unique within the
// university, so a student's key is the pair (University, Number).
type Student struct {
	Number        string `json:"number"`
	Name          string `json:"name"`
	Gender        string `json:"gender"`
	University    string `json:"university"`
	School        string `json:"school"`
	Major         string `json:"major"`
	Degree        string `json:"degree"`      // master | doctor
	DegreeType    string `json:"degree_type"` // academic | professional
	EnrolmentYear int    `json:"enrolment_year"`
	Supervisor    string `json:"supervisor"` // 校内导师
	Mobile        string `json:"mobile"`
	Email         string `json:"email"`
	IDNumber      string `json:"id_number,omitempty"` // optional, sensitive
	// Sealed holds the ID number and mobile encrypted, as the data file keeps
	// them (IDNumber and Mobile then hold their masked forms). The service
	// opens it when it reads a record: callers never see it set.
	Sealed *Sealed `json:"sealed,omitempty"`
}

// Sealed is a student's personal data at rest: each field encrypted with the
// file's data key (AES-256-GCM, base64 of nonce and ciphertext), and the blind
// index of the ID number (a keyed hash, to find a student by it).
type Sealed struct {
	IDNumber string `json:"id_number,omitempty"`
	Mobile   string `json:"mobile,omitempty"`
	IDTag    string `json:"id_tag,omitempty"`
}

// StudentKey is the storage key of a student: university and number.
func StudentKey(university, number string) string { return university + "\x00" + number }

// Key returns the student's StudentKey.
func (s Student) Key() string { return StudentKey(s.University, s.Number) }

// Masked returns a copy with the ID number and mobile masked, as every role but
// the graduate office sees it.
func (s Student) Masked() Student {
	s.IDNumber = MaskIDNumber(s.IDNumber)
	s.Mobile = MaskMobile(s.Mobile)
	return s
}

// StudyEnd is the last day a student may be on placement: 31 August of the year
// the longest study period ends (硕士 3 years, 博士 6 years, the usual maximum
// study periods of Chinese graduate schools).
func (s Student) StudyEnd() Date {
	years := 3
	if s.Degree == "doctor" {
		years = 6
	}
	return NewDate(s.EnrolmentYear+years, 8, 31)
}

// StudyStart is 1 September of the enrolment year.
func (s Student) StudyStart() Date { return NewDate(s.EnrolmentYear, 9, 1) }

var studentNumberRE = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z_-]{0,31}$`)

// Problems is the list of everything wrong with one record. It unwraps to its
// members, so ErrorCode and errors.As see the first one.
type Problems []*Error

func (p Problems) Error() string {
	s := ""
	for i, e := range p {
		if i > 0 {
			s += "; "
		}
		s += e.Error()
	}
	return s
}

func (p Problems) Unwrap() []error {
	out := make([]error, len(p))
	for i, e := range p {
		out[i] = e
	}
	return out
}

// add appends err's *Error (or wraps a plain error) to p.
func (p *Problems) add(err error) {
	if err == nil {
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{Code: EInvalid, Key: "invalid", Err: err}
	}
	*p = append(*p, e)
}

func (p Problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return p
}

// cleanName trims and folds a person's or organisation's name and checks it is
// present, printable and at most max characters.
func cleanName(field, s string, max int, p *Problems) string {
	return checkText(field, Clean(s), max, p)
}

// cleanFreeText is cleanName for free text, whose punctuation stays as typed.
func cleanFreeText(field, s string, max int, p *Problems) string {
	return checkText(field, CleanText(s), max, p)
}

func checkText(field, s string, max int, p *Problems) string {
	switch {
	case s == "":
		p.add(Invalid(field, "field.required"))
	case utf8.RuneCountInString(s) > max:
		p.add(Invalid(field, "field.too_long", max))
	default:
		for _, r := range s {
			if !unicode.IsPrint(r) && r != ' ' {
				p.add(Invalid(field, "field.unprintable"))
				break
			}
		}
	}
	return s
}

// optional trims an optional free-text field and bounds its length.
func optional(field, s string, max int, p *Problems) string {
	s = Clean(s)
	if s != "" {
		return cleanName(field, s, max, p)
	}
	return s
}

// parseTerm turns a code or name of ts into its code, reporting an unknown value.
func parseTerm(field string, ts Terms, s string, required bool, p *Problems) string {
	if Clean(s) == "" {
		if required {
			p.add(Invalid(field, "field.required"))
		}
		return ""
	}
	code, ok := ts.Parse(s)
	if !ok {
		p.add(Invalid(field, "field.choice", Clean(s), ts))
	}
	return code
}

// Normalize cleans every field in place (width folding, trimming, canonical codes)
// and validates the record; it returns Problems listing every fault. today bounds
// the enrolment year and the birth date.
func (s *Student) Normalize(today Date) error {
	var p Problems
	s.Number = CleanCode(s.Number)
	if !studentNumberRE.MatchString(s.Number) {
		if s.Number == "" {
			p.add(Invalid("number", "field.required"))
		} else {
			p.add(Invalid("number", "student.number", s.Number))
		}
	}
	s.Name = cleanName("name", s.Name, 50, &p)
	s.Gender = parseTerm("gender", Genders, s.Gender, true, &p)
	s.University = cleanName("university", s.University, 60, &p)
	s.School = cleanName("school", s.School, 60, &p)
	s.Major = cleanName("major", s.Major, 60, &p)
	s.Degree = parseTerm("degree", Degrees, s.Degree, true, &p)
	s.DegreeType = parseTerm("degree_type", DegreeTypes, s.DegreeType, true, &p)
	if s.EnrolmentYear == 0 {
		p.add(Invalid("enrolment_year", "field.required"))
	} else if s.EnrolmentYear < 1990 || s.EnrolmentYear > today.Year() {
		p.add(Invalid("enrolment_year", "student.enrolment_year", s.EnrolmentYear, today.Year()))
	}
	s.Supervisor = cleanName("supervisor", s.Supervisor, 30, &p)
	var err error
	if s.Mobile, err = NormalizeMobile(s.Mobile); err != nil {
		p.add(err)
	}
	if s.Email, err = NormalizeEmail(s.Email); err != nil {
		p.add(err)
	}
	if CleanCode(s.IDNumber) != "" {
		if s.IDNumber, err = NormalizeIDNumber(s.IDNumber, today); err != nil {
			p.add(err)
		}
	} else {
		s.IDNumber = ""
	}
	return p.err()
}
