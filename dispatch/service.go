// Package dispatch holds the rules of graduate-student dispatch and the limits of
// each role. Every front end (the window, the command line) calls it; it runs each
// user action in one transaction of the Store and appends an audit entry for every
// change.
package dispatch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"secondment/model"
)

// Store is what the rules need from storage: transactions, a consistent copy and a
// structural check.
type Store interface {
	View(func(model.Tx) error) error
	Update(func(model.Tx) error) error
	// Bulk is Update tuned for loading many records at once.
	Bulk(func(model.Tx) error) error
	// BackupFile writes a consistent, synced and verified copy to path; a
	// cancelled ctx leaves no file.
	BackupFile(ctx context.Context, path string) error
	// Check returns structural problems of the file.
	Check() ([]string, error)
}

// Service enforces the rules and roles over a Store.
type Service struct {
	// store is raw wrapped by the vault: what every rule uses.
	store Store
	raw   Store
	vault *vault
	// Now is the clock; tests set it.
	Now        func() time.Time
	students   *studentIndex
	placements *placementCache
	hasher     Hasher
	logins     loginGuard
	addresses  addressGuard
}

// New returns a Service over store.
func New(store Store) *Service {
	v := &vault{}
	return &Service{store: sealedStore{store, v}, raw: store, vault: v, Now: time.Now, students: &studentIndex{}, placements: &placementCache{}, hasher: DefaultHasher}
}

// Session is a logged-in user. Only Login makes one, so a front end cannot act as
// a user whose password it does not know.
type Session struct {
	user       model.User
	mustChange bool
	// addr is the network address the user logged in from ("" at this
	// computer); token names the session on a server (see ClientSession).
	addr, token string
}

// ClientSession is a session held by a server, as its client knows it: the
// account it was given and the token that names it there. Only a client of a
// served file makes one; a Service on a local file refuses it (see Token).
func ClientSession(u model.User, mustChange bool, token string) *Session {
	return &Session{user: u, mustChange: mustChange, token: token}
}

// Token is the name a server gave this session ("" for a local one).
func (s *Session) Token() string { return s.token }

// MustChangePassword reports whether the user should choose a new password now:
// the one they logged in with no longer meets the policy, or the office reset
// it. Front ends ask for a new one (the command line prints a notice).
func (s *Session) MustChangePassword() bool { return s.mustChange }

// User returns the session's account (without its password hash, key wrap and seal).
func (s *Session) User() model.User {
	return publicUser(s.user)
}

func (s *Service) today() model.Date { return model.DateOf(s.Now()) }

// forbidden is the refusal for an operation outside the user's role or scope.
func forbidden(what string) error { return model.Errorf(model.EForbidden, "forbidden."+what) }

// notFound wraps a storage miss into a refusal naming what was looked for.
func notFound(err error, key string, args ...any) error {
	if errors.Is(err, model.ErrNotFound) {
		return model.Errorf(model.ENotFound, key, args...)
	}
	return err
}

// audit appends an entry for one change made by sess in tx. Every change
// passes here, so here a session whose account the office has disabled since
// it logged in is stopped: the change is refused and rolled back.
func (s *Service) audit(tx model.Tx, sess *Session, op, record string, before, after any) error {
	if !strings.HasPrefix(op, "user.log") { // signing in and out is recorded for any account
		if u, err := tx.User(sess.user.Name); err == nil && u.Disabled {
			return model.Errorf(model.EUnauthorized, "session.disabled")
		}
	}
	e := model.AuditEntry{At: s.Now().UTC(), Actor: sess.user.Name, Op: op, Record: record}
	var err error
	if e.Before, err = rawJSON(s.atRest(before)); err != nil {
		return err
	}
	if e.After, err = rawJSON(s.atRest(after)); err != nil {
		return err
	}
	return tx.AppendAudit(&e)
}

// atRest is what the audit log keeps of a record: a student as the data file
// keeps it (personal data encrypted), or masked when the key is not held.
func (s *Service) atRest(v any) any {
	if p, ok := v.(model.Placement); ok {
		// A placement's logs and attendance have audit entries of their own
		// when they change; copying them into every other change of the
		// placement would grow the log by the whole diary at each step.
		p.Logs, p.Attendance = nil, nil
		return p
	}
	if st, ok := v.(model.Student); ok {
		if err := s.vault.seal(&st); err != nil {
			return st.Masked()
		}
		return st
	}
	return v
}

func rawJSON(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit encode: %w", err)
	}
	return b, nil
}
