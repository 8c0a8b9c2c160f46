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
	// Disabled accounts cannot log in; the office disables and re-enables them.
	Disabled  bool      `json:"disabled"`
	LastLogin time.Time `json:"last_login,omitzero"`
	// FailedLogins counts wrong passwords since the last successful login (or
	// the office's unlock); LastFailure is when the latest came. Kept in the data
	// file, so throttling survives a restart (see LoginDelay).
	FailedLogins int       `json:"failed_logins,omitempty"`
	LastFailure  time.Time `json:"last_failure,omitzero"`
	// MustChangePassword is set when the office resets the password: the user
	// chooses their own at the next login.
	MustChangePassword bool `json:"must_change_password,omitempty"`
	// KeyWrap is the file's data key wrapped under a key derived from this
	// office account's password (see package dispatch, vault.go); empty for
	// every other role.
	KeyWrap string `json:"key_wrap,omitempty"`
	// Seal is a MAC, under a key only office logins unwrap, over what decides
	// what the account may do (name, role, scope, disabled, created): an edit
	// made outside the program shows.
	Seal string `json:"seal,omitempty"`
}

// Login throttling (NIST SP 800-63B 5.2.2): the first SlowAfter-1 wrong
// passwords cost nothing; from the SlowAfter-th on, the next try must wait
// FirstDelay, doubling with each further failure; from the LockAfter-th on, the
// account is locked for LockFor after each failure, until a correct password
// after the lock, or the office's unlock.
const (
	SlowAfter  = 5
	LockAfter  = 10
	FirstDelay = 15 * time.Second
	LockFor    = 15 * time.Minute
)

// LoginDelay returns how long after the latest failure the next login attempt
// must wait for an account (or name) that has failed n times in a row.
func LoginDelay(n int) time.Duration {
	switch {
	case n >= LockAfter:
		return LockFor
	case n >= SlowAfter:
		return FirstDelay << (n - SlowAfter)
	}
	return 0
}

// LoginBlockedUntil returns when the account may next try to log in (the zero
// time when it may now).
func (u User) LoginBlockedUntil() time.Time {
	d := LoginDelay(u.FailedLogins)
	if d == 0 || u.LastFailure.IsZero() {
		return time.Time{}
	}
	return u.LastFailure.Add(d)
}

// Locked reports whether the account is locked out (not merely slowed down) at now.
func (u User) Locked(now time.Time) bool {
	return u.FailedLogins >= LockAfter && now.Before(u.LoginBlockedUntil())
}

// Scope returns the account's scope as one code-free string: the university of
// an office or student account, the platform of an HR account ("" for none).
func (u User) Scope() string {
	switch u.Role {
	case PlatformHR:
		return u.Platform
	case StudentRole:
		return u.University + "/" + u.StudentNumber
	}
	return u.University
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

// IsChiefOffice reports whether the user is a graduate-office account without a
// university limit: only it changes what all universities share (universities,
// platforms, quotas).
func (u User) IsChiefOffice() bool { return u.Role == Office && u.University == "" }

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
