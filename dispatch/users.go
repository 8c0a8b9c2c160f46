package dispatch

import (
	"errors"
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

// Bootstrap creates the first graduate-office account of a new data file and
// returns its session. It is refused once any account exists.
func (s *Service) Bootstrap(name, password string) (*Session, error) {
	if err := checkPassword(password); err != nil {
		return nil, err
	}
	u := model.User{Name: name, Role: model.Office, Created: s.Now().UTC()}
	if err := u.Normalize(); err != nil {
		return nil, err
	}
	hash, err := s.hasher.Hash(password)
	if err != nil {
		return nil, err
	}
	u.PasswordHash = hash
	sess := &Session{user: u}
	err = s.store.Update(func(tx model.Tx) error {
		if tx.UserCount() > 0 {
			return model.Errorf(model.EConflict, "setup.done")
		}
		if err := tx.PutUser(u); err != nil {
			return err
		}
		return s.audit(tx, sess, "user.create", "user/"+u.Name, nil, sess.User())
	})
	if err != nil {
		return nil, err
	}
	return sess, nil
}

// Login checks a user name and password and returns a session. A wrong name and a
// wrong password get the same refusal, so names cannot be probed. After three
// failures for a name, each further attempt must wait longer (2, 4, 8 … up to
// 60 seconds); the count lives in memory, so a refused login writes nothing.
func (s *Service) Login(name, password string) (*Session, error) {
	name = model.Clean(name)
	if wait := s.logins.wait(name, s.Now()); wait > 0 {
		return nil, model.Errorf(model.EUnauthorized, "login.wait", int(wait.Seconds()+0.999))
	}
	var u model.User
	err := s.store.View(func(tx model.Tx) (err error) {
		u, err = tx.User(name)
		return err
	})
	if errors.Is(err, model.ErrNotFound) {
		// Spend the same time as a real check so timing does not tell names apart.
		Verify(dummyHash, password)
		s.logins.fail(name, s.Now())
		return nil, model.Errorf(model.EUnauthorized, "login.failed")
	}
	if err != nil {
		return nil, err
	}
	if !Verify(u.PasswordHash, password) {
		s.logins.fail(name, s.Now())
		return nil, model.Errorf(model.EUnauthorized, "login.failed")
	}
	s.logins.succeed(name)
	return &Session{user: u}, nil
}

// loginGuard counts failed logins per user name.
type loginGuard struct {
	mu       sync.Mutex
	failures map[string]int
	until    map[string]time.Time
}

func (g *loginGuard) wait(name string, now time.Time) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	if t, ok := g.until[name]; ok && now.Before(t) {
		return t.Sub(now)
	}
	return 0
}

func (g *loginGuard) fail(name string, now time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.failures == nil {
		g.failures, g.until = map[string]int{}, map[string]time.Time{}
	}
	g.failures[name]++
	if n := g.failures[name]; n >= 3 {
		g.until[name] = now.Add(min(time.Duration(1<<(n-2))*time.Second, time.Minute))
	}
}

func (g *loginGuard) succeed(name string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.failures, name)
	delete(g.until, name)
}

var dummyHash, _ = DefaultHasher.Hash("dummy password")

// NewUser is an account to add.
type NewUser struct {
	Name, Password, Role string
	Platform             string // for platform HR
	University           string // for a student (optional if the number is unique), or to limit an office account
	StudentNumber        string // for a student
}

// AddUser adds an account. Only the graduate office may, and an office account
// limited to one university adds accounts within it only.
func (s *Service) AddUser(sess *Session, in NewUser) (model.User, error) {
	if !sess.user.IsOffice() {
		return model.User{}, forbidden("users")
	}
	if err := checkPassword(in.Password); err != nil {
		return model.User{}, err
	}
	u := model.User{Name: in.Name, Role: in.Role, Platform: in.Platform, University: in.University,
		StudentNumber: in.StudentNumber, Created: s.Now().UTC()}
	if u.Role == model.StudentRole && model.Clean(u.University) == "" {
		u.University = "?" // resolved below from the student number
	}
	if err := u.Normalize(); err != nil {
		return model.User{}, err
	}
	hash, err := s.hasher.Hash(in.Password)
	if err != nil {
		return model.User{}, err
	}
	u.PasswordHash = hash
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
		after := u
		after.PasswordHash = ""
		return s.audit(tx, sess, "user.create", "user/"+u.Name, nil, after)
	})
	u.PasswordHash = ""
	return u, err
}

// Users lists the accounts (office only), without password hashes.
func (s *Service) Users(sess *Session) ([]model.User, error) {
	if !sess.user.IsOffice() {
		return nil, forbidden("users")
	}
	var out []model.User
	err := s.store.View(func(tx model.Tx) error {
		return tx.EachUser(func(u model.User) error {
			u.PasswordHash = ""
			if sess.user.University == "" || u.University == sess.user.University || u.Role == model.PlatformHR {
				out = append(out, u)
			}
			return nil
		})
	})
	return out, err
}

// ChangePassword sets a new password for the session's own account, after
// checking the current one.
func (s *Service) ChangePassword(sess *Session, current, next string) error {
	if err := checkPassword(next); err != nil {
		return err
	}
	hash, err := s.hasher.Hash(next)
	if err != nil {
		return err
	}
	return s.store.Update(func(tx model.Tx) error {
		u, err := tx.User(sess.user.Name)
		if err != nil {
			return notFound(err, "login.failed")
		}
		if !Verify(u.PasswordHash, current) {
			return model.Invalid("password", "password.current_wrong")
		}
		u.PasswordHash = hash
		if err := tx.PutUser(u); err != nil {
			return err
		}
		return s.audit(tx, sess, "user.password", "user/"+u.Name, nil, nil)
	})
}
