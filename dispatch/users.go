package dispatch

import (
	"errors"
	"runtime"
	"strings"
	"sync"
	"time"

	"secondment/model"
)

// NeedsSetup reports whether the data file has no account yet (first start).
func (s *Service) NeedsSetup() (bool, error) {
	var n int
	err := s.store.View(func(tx model.Tx) error { n = tx.UserCount(); return nil })
	return n == 0, err
}

// Bootstrap creates the first graduate-office account of a new data file (with
// no university limit) and, when university is not empty, records the office's
// own university, in one transaction; it returns the account's session. It is
// refused once any account exists.
func (s *Service) Bootstrap(name, password, university string) (*Session, error) {
	u := model.User{Name: name, Role: model.Office, Created: s.Now().UTC()}
	if err := u.Normalize(); err != nil {
		return nil, err
	}
	if err := checkPassword(u.Name, password); err != nil {
		return nil, err
	}
	uni := model.University{Name: model.Clean(university)}
	hash, err := s.hasher.Hash(password)
	if err != nil {
		return nil, err
	}
	u.PasswordHash = hash
	u.LastLogin = s.Now().UTC()
	key, err := newDataKey()
	if err != nil {
		return nil, err
	}
	if u.KeyWrap, err = s.hasher.wrapKey(key, u.Name, password); err != nil {
		return nil, err
	}
	sess := &Session{user: u}
	wasLocked := !s.vault.unlocked()
	err = s.store.Update(func(tx model.Tx) error {
		if tx.UserCount() > 0 {
			return model.Errorf(model.EConflict, "setup.done")
		}
		if wasLocked {
			if err := s.vault.set(key); err != nil {
				return err
			}
		}
		if err := tx.PutUser(u); err != nil {
			return err
		}
		if err := s.audit(tx, sess, "user.create", "user/"+u.Name, nil, sess.User()); err != nil {
			return err
		}
		if uni.Name != "" {
			if err := tx.PutUniversity(uni); err != nil {
				return err
			}
			if err := s.audit(tx, sess, "university.create", "university/"+uni.Name, nil, uni); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		if wasLocked {
			s.vault.clear()
		}
		return nil, err
	}
	return sess, nil
}

// Login checks a user name and password and returns a session. A wrong name and a
// wrong password get the same refusal, so names cannot be probed; a disabled
// account is named as such only to someone who knows its password.
//
// Failures are counted per account in the data file, so throttling survives a
// restart (see model.LoginDelay): from the fifth failure in a row the next try
// must wait 15 seconds, doubling each time; from the tenth the account is
// locked for 15 minutes after each failure, until the office unlocks it or a
// correct password is given after the lock. A try made while waiting is refused
// without checking the password and is not counted. Every login and every
// failure is an audit entry. Names that have no account are throttled the same
// way, from their failures in the audit log, so answers do not tell names apart.
//
// A password that no longer meets the policy still logs in, but the session
// reports MustChangePassword.
func (s *Service) Login(name, password string) (*Session, error) {
	return s.LoginFrom(name, password, "")
}

// LoginFrom is Login for a user at a network address (a served file's portal
// or command line): the address goes into the audit entries of the login, its
// failures and the logout, and an address that has failed AddressLimit times
// within LockFor, whatever the names it tried, must wait (see addressGuard).
func (s *Service) LoginFrom(name, password, addr string) (*Session, error) {
	name = model.Clean(name)
	now := s.Now()
	if addr != "" {
		if until := s.addresses.blockedUntil(s, addr, now); now.Before(until) {
			return nil, s.throttled(name, addr, model.Errorf(model.EUnauthorized, "login.address_wait", int((until.Sub(now)+time.Minute-1)/time.Minute)))
		}
	}
	var u model.User
	err := s.store.View(func(tx model.Tx) (err error) {
		u, err = tx.User(name)
		return err
	})
	if errors.Is(err, model.ErrNotFound) {
		// A name with no account is throttled like an account, from its failures
		// in the audit log, so that the answers do not tell names apart.
		ghost, err := s.ghost(name)
		if err != nil {
			return nil, err
		}
		if until := ghost.LoginBlockedUntil(); now.Before(until) {
			return nil, s.throttled(name, addr, blockedError(ghost.FailedLogins, until, now))
		}
		if until := s.logins.blockedUntil(name); now.Before(until) {
			return nil, s.throttled(name, addr, blockedError(s.logins.count(name), until, now))
		}
		// Spend the same time as a real check so timing does not tell names apart.
		verifyBounded(dummyHash(), password)
		if err := s.recordFailure(name, addr, now); isReadOnly(err) {
			s.logins.fail(name, now)
		} else if err != nil {
			return nil, err
		}
		return nil, model.Errorf(model.EUnauthorized, "login.failed")
	}
	if err != nil {
		return nil, err
	}
	if until := u.LoginBlockedUntil(); now.Before(until) {
		return nil, s.throttled(name, addr, blockedError(u.FailedLogins, until, now))
	}
	if until := s.logins.blockedUntil(name); now.Before(until) {
		return nil, s.throttled(name, addr, blockedError(s.logins.count(name), until, now))
	}
	if !verifyBounded(u.PasswordHash, password) {
		if err := s.recordFailure(name, addr, now); isReadOnly(err) {
			s.logins.fail(name, now) // nowhere to keep it but memory
		} else if err != nil {
			return nil, err
		}
		return nil, model.Errorf(model.EUnauthorized, "login.failed")
	}
	var unlock officeUnlock
	wasLocked := !s.vault.unlocked()
	if u.IsOffice() && !u.Disabled {
		if unlock, err = s.officeKey(u, password); err != nil {
			return nil, err
		}
	}
	if !s.vault.unlocked() {
		// A file without the key (written by an older version) refuses to
		// open the records it keeps plain as sealed: nothing to verify.
	} else if err := s.checkUserSeal(u, unlock.migrate); err != nil {
		if wasLocked {
			s.vault.clear()
		}
		return nil, err
	}
	var sess *Session
	var refusal error
	err = s.store.Update(func(tx model.Tx) error {
		u, err := tx.User(name)
		if err != nil {
			return notFound(err, "login.failed")
		}
		actor := &Session{user: u}
		if u.Disabled {
			refusal = model.Errorf(model.EUnauthorized, "login.disabled")
			return s.audit(tx, actor, "user.login_refused", "user/"+u.Name, nil, withAddress(map[string]any{"reason": "disabled"}, addr))
		}
		legacy := u.IsOffice() && !unlock.migrate && s.vault.unlocked() && !strings.HasPrefix(u.Seal, sealV2)
		u.FailedLogins, u.LastFailure, u.LastLogin = 0, time.Time{}, now.UTC()
		if unlock.wrap != "" {
			u.KeyWrap = unlock.wrap
		}
		if err := tx.PutUser(u); err != nil {
			return err
		}
		if legacy {
			if err := s.renewSeals(tx, actor); err != nil {
				return err
			}
		}
		if unlock.migrate {
			if err := s.encryptFile(tx, actor); err != nil {
				return err
			}
		}
		sess = &Session{user: u, addr: addr, mustChange: u.MustChangePassword || checkPassword(u.Name, password) != nil}
		var after any
		if addr != "" {
			after = withAddress(map[string]any{}, addr)
		}
		return s.audit(tx, actor, "user.login", "user/"+u.Name, nil, after)
	})
	if err != nil && wasLocked && (unlock.migrate || !isReadOnly(err)) {
		s.vault.clear() // a new key was not stored; a refused login unlocks nothing
	}
	if err == nil && wasLocked && s.vault.unlocked() {
		s.students.invalidate() // loaded masked: load it again, decrypted
	}
	if err == nil && unlock.migrate {
		s.scrub()
	}
	if isReadOnly(err) {
		// A file opened read-only (a backup being checked before a restore)
		// cannot record the login: check it as it stands.
		if u.Disabled {
			return nil, model.Errorf(model.EUnauthorized, "login.disabled")
		}
		return &Session{user: u, mustChange: u.MustChangePassword || checkPassword(u.Name, password) != nil}, nil
	}
	if err != nil {
		return nil, err
	}
	if refusal != nil {
		if wasLocked {
			s.vault.clear()
		}
		return nil, refusal
	}
	return sess, nil
}

// throttled records a try refused because its account or address must wait
// (not counted as a failure: the password was not checked) and returns the
// refusal. Guessing during the wait leaves a trace in the audit log, with the
// address. A file opened read-only cannot record it.
func (s *Service) throttled(name, addr string, refusal error) error {
	_ = s.store.Update(func(tx model.Tx) error {
		actor := &Session{user: model.User{Name: name}}
		return s.audit(tx, actor, "user.login_refused", "user/"+name, nil, withAddress(map[string]any{"reason": "throttled"}, addr))
	})
	return refusal
}

// isReadOnly reports whether err is the store's refusal to write to a file
// opened read-only. The store reports it with bbolt's ErrDatabaseReadOnly,
// which only package storage may import, so it is recognised by its text.
func isReadOnly(err error) bool {
	return err != nil && model.ErrorCode(err) == model.EInternal && strings.Contains(err.Error(), "read-only mode")
}

// recordFailure counts a wrong password against the account (if it exists) and
// writes the audit entry, in one transaction.
func (s *Service) recordFailure(name, addr string, now time.Time) error {
	if addr != "" {
		s.addresses.fail(addr, now)
	}
	return s.store.Update(func(tx model.Tx) error {
		var failures int
		u, err := tx.User(name)
		switch {
		case err == nil:
			u.FailedLogins++
			u.LastFailure = now.UTC()
			failures = u.FailedLogins
			if err := tx.PutUser(u); err != nil {
				return err
			}
		case errors.Is(err, model.ErrNotFound):
			g, err := ghostIn(tx, name)
			if err != nil {
				return err
			}
			failures = g.FailedLogins + 1
		default:
			return err
		}
		actor := &Session{user: model.User{Name: name}}
		return s.audit(tx, actor, "user.login_failed", "user/"+name, nil, withAddress(map[string]any{"failures": failures}, addr))
	})
}

// ghost returns the sign-in state of a name that has no account: its failed
// logins as the audit log records them (such a name never logs in, so every
// failure counts).
func (s *Service) ghost(name string) (u model.User, err error) {
	err = s.store.View(func(tx model.Tx) (err error) { u, err = ghostIn(tx, name); return err })
	return u, err
}

func ghostIn(tx model.Tx, name string) (model.User, error) {
	u := model.User{Name: name}
	record := "user/" + name
	err := tx.EachAudit(func(e model.AuditEntry) error {
		if e.Op == "user.login_failed" && e.Record == record {
			u.FailedLogins++
			u.LastFailure = e.At
		}
		return nil
	})
	return u, err
}

// blockedError is the refusal of a try made while an account must wait.
func blockedError(failures int, until, now time.Time) error {
	if failures >= model.LockAfter {
		return model.Errorf(model.EUnauthorized, "login.locked", int((until.Sub(now)+time.Minute-1)/time.Minute))
	}
	return model.Errorf(model.EUnauthorized, "login.wait", int((until.Sub(now)+time.Second-1)/time.Second))
}

// Logout ends a session: an audit entry (the window calls it when the user
// logs out or the program closes; a command-line run ends with its process).
func (s *Service) Logout(sess *Session) error {
	return s.store.Update(func(tx model.Tx) error {
		var after any
		if sess.addr != "" {
			after = withAddress(map[string]any{}, sess.addr)
		}
		return s.audit(tx, sess, "user.logout", "user/"+sess.user.Name, nil, after)
	})
}

// hashSlots bounds the password checks running at once: each takes about 19
// MiB and 45 ms of one core, so 200 portal users signing in together would
// otherwise take gigabytes and starve every other request. They queue instead.
var hashSlots = make(chan struct{}, max(1, runtime.NumCPU()-1))

func verifyBounded(hash, password string) bool {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return Verify(hash, password)
}

// loginGuard counts, in memory, failed logins that could not be recorded (on a
// file opened read-only), under the same policy as accounts.
type loginGuard struct {
	mu   sync.Mutex
	seen map[string]model.User
}

func (g *loginGuard) blockedUntil(name string) time.Time {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.seen[name].LoginBlockedUntil()
}

func (g *loginGuard) count(name string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.seen[name].FailedLogins
}

func (g *loginGuard) fail(name string, now time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.seen == nil {
		g.seen = map[string]model.User{}
	}
	u := g.seen[name]
	u.FailedLogins++
	u.LastFailure = now
	g.seen[name] = u
}

// dummyHash is hashed on first use, not at package start (45 ms and 20 MB that
// a command which never logs in should not pay).
var dummyHash = sync.OnceValue(func() string {
	h, _ := DefaultHasher.Hash("dummy password")
	return h
})

// NewUser is an account to add.
type NewUser struct {
	Name, Password, Role string
	Platform             string // for platform HR
	University           string // for a student (optional if the number is unique), or to limit an office account
	StudentNumber        string // for a student
	// Temporary marks a password the office hands out (one a script generated):
	// its owner chooses their own at the first login.
	Temporary bool
}

// AddUser adds an account. Only the graduate office may, and an office account
// limited to one university adds accounts within it only.
func (s *Service) AddUser(sess *Session, in NewUser) (model.User, error) {
	if !sess.user.IsOffice() {
		return model.User{}, forbidden("users")
	}
	u := model.User{Name: in.Name, Role: in.Role, Platform: in.Platform, University: in.University,
		StudentNumber: in.StudentNumber, Created: s.Now().UTC()}
	if u.Role == model.StudentRole && model.Clean(u.University) == "" {
		u.University = "?" // resolved below from the student number
	}
	if err := u.Normalize(); err != nil {
		return model.User{}, err
	}
	if err := checkPassword(u.Name, in.Password); err != nil {
		return model.User{}, err
	}
	hash, err := s.hasher.Hash(in.Password)
	if err != nil {
		return model.User{}, err
	}
	u.PasswordHash = hash
	u.MustChangePassword = in.Temporary
	if u.IsOffice() {
		if u.KeyWrap, err = s.wrapFor(u.Name, in.Password); err != nil {
			return model.User{}, err
		}
	}
	err = s.store.Update(func(tx model.Tx) error {
		if _, err := tx.User(u.Name); err == nil {
			return model.Errorf(model.EConflict, "user.exists", u.Name)
		}
		switch u.Role {
		case model.PlatformHR:
			if _, err := tx.Platform(u.Platform); err != nil {
				return notFound(err, "platform.not_found", u.Platform)
			}
		case model.StudentRole:
			st, err := s.findStudent(tx, sess, in.University, u.StudentNumber)
			if err != nil {
				return err
			}
			u.University = st.University
		case model.Office:
			if sess.user.University != "" && u.University != sess.user.University {
				return forbidden("university")
			}
			if u.University != "" {
				if _, err := tx.University(u.University); err != nil {
					return notFound(err, "university.not_found", u.University)
				}
			}
		}
		if err := tx.PutUser(u); err != nil {
			return err
		}
		return s.audit(tx, sess, "user.create", "user/"+u.Name, nil, publicUser(u))
	})
	return publicUser(u), err
}

// publicUser is an account as shown and audited: without its password hash.
func publicUser(u model.User) model.User {
	u.PasswordHash, u.KeyWrap, u.Seal = "", "", ""
	return u
}

// managesUser reports whether an office account may manage another account: an
// office account without a university limit manages all; one limited to a
// university manages the office and student accounts of that university only
// (platform-HR and bureau accounts serve every university).
func managesUser(office, u model.User) bool {
	if !office.IsOffice() {
		return false
	}
	if office.University == "" {
		return true
	}
	return (u.Role == model.Office || u.Role == model.StudentRole) && u.University == office.University
}

// Users lists the accounts the office account may see, with role, scope,
// whether disabled, last login and failure count, without password hashes. An
// office account limited to a university sees its university's accounts and
// the platform-HR accounts.
func (s *Service) Users(sess *Session) ([]model.User, error) {
	if !sess.user.IsOffice() {
		return nil, forbidden("users")
	}
	var out []model.User
	err := s.store.View(func(tx model.Tx) error {
		return tx.EachUser(func(u model.User) error {
			if sess.user.University == "" || u.University == sess.user.University || u.Role == model.PlatformHR {
				out = append(out, publicUser(u))
			}
			return nil
		})
	})
	return out, err
}

// changeUser runs one office action on another account in one transaction: it
// checks the role and scope, lets change modify the record (or refuse), and
// stores it with an audit entry for op.
func (s *Service) changeUser(sess *Session, name, op string, change func(tx model.Tx, u *model.User) error) error {
	if !sess.user.IsOffice() {
		return forbidden("users")
	}
	name = model.Clean(name)
	return s.store.Update(func(tx model.Tx) error {
		u, err := tx.User(name)
		if err != nil {
			return notFound(err, "user.not_found", name)
		}
		if !managesUser(sess.user, u) {
			return forbidden("user_scope")
		}
		before := publicUser(u)
		if err := change(tx, &u); err != nil {
			return err
		}
		if err := tx.PutUser(u); err != nil {
			return err
		}
		return s.audit(tx, sess, op, "user/"+u.Name, before, publicUser(u))
	})
}

// ResetPassword sets another account's password (graduate office, within its
// scope; your own changes through ChangePassword). The password must meet the
// policy; the user must choose their own at the next login
// (Session.MustChangePassword), and a lockout is lifted.
func (s *Service) ResetPassword(sess *Session, name, newPassword string) error {
	if !sess.user.IsOffice() {
		return forbidden("users")
	}
	if model.Clean(name) == sess.user.Name {
		return model.Invalid("name", "user.reset_self")
	}
	if err := checkPassword(model.Clean(name), newPassword); err != nil {
		return err
	}
	hash, err := s.hasher.Hash(newPassword)
	if err != nil {
		return err
	}
	return s.changeUser(sess, name, "user.reset_password", func(_ model.Tx, u *model.User) error {
		// An office account's data key is wrapped anew under the new password
		// (its old wrap no longer opens for anyone).
		if u.IsOffice() {
			var err error
			if u.KeyWrap, err = s.wrapFor(u.Name, newPassword); err != nil {
				return err
			}
		}
		u.PasswordHash, u.MustChangePassword = hash, true
		u.FailedLogins, u.LastFailure = 0, time.Time{}
		return nil
	})
}

// SetUserDisabled disables an account (it can no longer log in) or enables it
// again (graduate office, within its scope). Nobody disables their own account,
// and the last enabled office account without a university limit cannot be
// disabled: the file would have no one left to manage it.
func (s *Service) SetUserDisabled(sess *Session, name string, disabled bool) error {
	if disabled && model.Clean(name) == sess.user.Name {
		return model.Errorf(model.ERule, "user.disable_self")
	}
	op := "user.enable"
	if disabled {
		op = "user.disable"
	}
	return s.changeUser(sess, name, op, func(tx model.Tx, u *model.User) error {
		if u.Disabled == disabled {
			if disabled {
				return model.Errorf(model.EConflict, "user.already_disabled", u.Name)
			}
			return model.Errorf(model.EConflict, "user.already_enabled", u.Name)
		}
		if disabled && u.IsChiefOffice() {
			others := 0
			err := tx.EachUser(func(o model.User) error {
				if o.Name != u.Name && o.IsChiefOffice() && !o.Disabled {
					others++
				}
				return nil
			})
			if err != nil {
				return err
			}
			if others == 0 {
				return model.Errorf(model.ERule, "user.last_office", u.Name)
			}
		}
		if disabled && u.KeyWrap != "" {
			holders := 0
			err := tx.EachUser(func(o model.User) error {
				if o.Name != u.Name && o.IsOffice() && !o.Disabled && o.KeyWrap != "" {
					holders++
				}
				return nil
			})
			if err != nil {
				return err
			}
			if holders == 0 {
				return model.Errorf(model.ERule, "user.last_key", u.Name)
			}
		}
		u.Disabled = disabled
		return nil
	})
}

// Unlock clears an account's failed logins, so it may log in at once (graduate
// office, within its scope). Returns EConflict if the account has no failures.
func (s *Service) Unlock(sess *Session, name string) error {
	return s.changeUser(sess, name, "user.unlock", func(_ model.Tx, u *model.User) error {
		if u.FailedLogins == 0 {
			return model.Errorf(model.EConflict, "user.not_locked", u.Name)
		}
		u.FailedLogins, u.LastFailure = 0, time.Time{}
		return nil
	})
}

// ChangePassword sets a new password for the session's own account, after
// checking the current one. The new password must meet the policy and differ
// from the current one.
func (s *Service) ChangePassword(sess *Session, current, next string) error {
	if err := checkPassword(sess.user.Name, next); err != nil {
		return err
	}
	if next == current {
		return model.Invalid("new_password", "password.same")
	}
	hash, err := s.hasher.Hash(next)
	if err != nil {
		return err
	}
	var wrap string
	if sess.user.IsOffice() {
		if wrap, err = s.wrapFor(sess.user.Name, next); err != nil {
			return err
		}
	}
	// The password hash is sealed: without the key its seal cannot be
	// renewed, and the next office login would take the account for altered.
	if has, err := s.fileHasKey(); err != nil {
		return err
	} else if has && !s.vault.unlocked() {
		return model.Errorf(model.EForbidden, "key.password_needs_key")
	}
	err = s.store.Update(func(tx model.Tx) error {
		u, err := tx.User(sess.user.Name)
		if err != nil {
			return notFound(err, "login.failed")
		}
		if !Verify(u.PasswordHash, current) {
			return model.Invalid("password", "password.current_wrong")
		}
		if u.IsOffice() {
			u.KeyWrap = wrap
		}
		u.PasswordHash, u.MustChangePassword = hash, false
		if err := tx.PutUser(u); err != nil {
			return err
		}
		return s.audit(tx, sess, "user.password", "user/"+u.Name, nil, nil)
	})
	if err == nil {
		sess.mustChange = false
	}
	return err
}
