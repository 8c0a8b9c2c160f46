package model

import (
	"regexp"
	"time"
)

// Roles.
const (
	Office      = "office"      // 研究生院（处）管理员
	PlatformHR  = "platform-hr" // 平台人事
	StudentRole = "student"     // 研究生
	Bureau      = "bureau"      // 市科技局 (read-only, aggregates)
)

// User is an account. Its scope narrows what its role may reach: an office account
// may be limited to one University; a platform-HR account belongs to one Platform;
// a student account is one student (University, StudentNumber).
type User struct {
	Name          string    `json:"name"`
	Role          string    `json:"role"`
	University    string    `json:"university,omitempty"`
	Platform      string    `json:"platform,omitempty"`
	StudentNumber string    `json:"student_number,omitempty"`
	PasswordHash  string    `json:"password_hash"`
	Created       time.Time `json:"created"`
}

var userNameRE = regexp.MustCompile(`^[\p{Han}\p{L}\p{N}_.@-]{2,32}$`)

// Normalize cleans and validates the account's name, role and scope.
func (u *User) Normalize() error {
	u.Name = Clean(u.Name)
	if !userNameRE.MatchString(u.Name) {
		return Invalid("name", "user.name", u.Name)
	}
	role, ok := Roles.Parse(u.Role)
	if !ok {
		return Invalid("role", "field.choice", u.Role, []string{Office, PlatformHR, StudentRole, Bureau})
	}
	u.Role = role
	u.University, u.Platform, u.StudentNumber = Clean(u.University), Clean(u.Platform), CleanCode(u.StudentNumber)
	switch u.Role {
	case PlatformHR:
		if u.Platform == "" {
			return Invalid("platform", "user.needs_platform")
		}
		u.University, u.StudentNumber = "", ""
	case StudentRole:
		if u.StudentNumber == "" || u.University == "" {
			return Invalid("student", "user.needs_student")
		}
		u.Platform = ""
	case Bureau:
		u.University, u.Platform, u.StudentNumber = "", "", ""
	case Office:
		u.Platform, u.StudentNumber = "", ""
	}
	return nil
}

// IsOffice reports whether the user is a graduate-office account.
func (u User) IsOffice() bool { return u.Role == Office }

// SeesUnmasked reports whether the user sees ID numbers and mobiles in full: only
// the graduate office does.
func (u User) SeesUnmasked() bool { return u.Role == Office }

// SeesPersonalData reports whether the user may see named people at all: the
// bureau sees aggregates only.
func (u User) SeesPersonalData() bool { return u.Role != Bureau }

// CoversUniversity reports whether an office account's scope includes the
// university (an office account without a university covers all).
func (u User) CoversUniversity(university string) bool {
	return u.Role == Office && (u.University == "" || u.University == university)
}

// MayStep reports whether the user's role may take a placement to state to:
// the office takes every step; platform HR confirms arrival and departure.
func (u User) MayStep(to string) bool {
	switch u.Role {
	case Office:
		return true
	case PlatformHR:
		return to == Arrived || to == Completed
	}
	return false
}

// IsStudent reports whether the account is the given student's own.
func (u User) IsStudent(university, number string) bool {
	return u.Role == StudentRole && u.University == university && u.StudentNumber == number
}
