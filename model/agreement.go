package model

import (
	"crypto/sha256"
	"encoding/base32"
	"strconv"
	"strings"
)

// Agreement is everything a placement agreement (研究生选派三方协议) prints: the
// placement and the full records of the student and the platform.
type Agreement struct {
	Placement Placement
	Student   Student
	Platform  Platform
}

// crockford is base32 without I, L, O and U, which clerks misread when typing a
// code off paper.
var crockford = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// Code returns the agreement's verification code (验证码), e.g. 7KQ2-9XMD-3FPA:
// a digest of every term the agreement prints, so a printed agreement whose
// record has since changed no longer verifies. The ID number enters in its
// masked form (330302********1234): a copy printed by someone who sees it
// masked carries the same code as the office's, and any copy verifies for
// anyone.
func (a Agreement) Code() string { return a.code(MaskIDNumber(a.Student.IDNumber)) }

// LegacyCode is the code agreements printed before 2026-11-25 carry: the full
// ID number entered the digest. Verify still accepts it where the ID number
// can be read.
func (a Agreement) LegacyCode() string { return a.code(a.Student.IDNumber) }

func (a Agreement) code(id string) string {
	p, s, pl := a.Placement, a.Student, a.Platform
	fields := []string{p.No, s.University, s.Number, s.Name, id, s.School, s.Major, s.Degree, s.DegreeType,
		p.Platform, pl.Host, p.Task, p.Supervisor, p.UniSupervisor, p.Start.String(), p.End.String(),
		strconv.Itoa(p.Allowance)}
	sum := sha256.Sum256([]byte(strings.Join(fields, "\x1f")))
	c := crockford.EncodeToString(sum[:8])[:12]
	return c[:4] + "-" + c[4:8] + "-" + c[8:]
}

// NormalizeCode folds a typed verification code: case, spaces, hyphens, full
// width, and the letters people type for the digits they look like.
func NormalizeCode(s string) string {
	s = strings.ToUpper(CleanCode(s))
	s = strings.NewReplacer("-", "", "O", "0", "I", "1", "L", "1").Replace(s)
	if len(s) != 12 {
		return s
	}
	return s[:4] + "-" + s[4:8] + "-" + s[8:]
}
