package remote

import (
	"sync"
	"time"

	"secondment/dispatch"
	"secondment/model"
)

// session is a login held by the server for a client.
type session struct {
	sess          *dispatch.Session
	started, last time.Time

	mu    sync.Mutex
	views map[uint64]dispatch.StudentRows
	next  uint64
}

// maxViews is how many student searches a session keeps for paging: a window
// reads its latest one; older ones are dropped.
const maxViews = 4

type sessions struct {
	mu   sync.Mutex
	opt  Options
	byID map[[32]byte]*session
}

func newSessions(opt Options) *sessions {
	return &sessions{opt: opt, byID: map[[32]byte]*session{}}
}

func (ss *sessions) add(sess *dispatch.Session) (string, error) {
	token, err := newToken()
	if err != nil {
		return "", err
	}
	now := ss.opt.Now()
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.sweep(now)
	ss.byID[tokenKey(token)] = &session{sess: sess, started: now, last: now}
	return token, nil
}

// get returns the live session a token names and marks it used; an idle or
// too old one is ended.
func (ss *sessions) get(token string) (*session, error) {
	now := ss.opt.Now()
	ss.mu.Lock()
	defer ss.mu.Unlock()
	key := tokenKey(token)
	s, ok := ss.byID[key]
	if !ok {
		return nil, model.Errorf(model.EUnauthorized, "session.expired")
	}
	if ss.expired(s, now) {
		delete(ss.byID, key)
		return nil, model.Errorf(model.EUnauthorized, "session.expired")
	}
	s.last = now
	return s, nil
}

func (ss *sessions) expired(s *session, now time.Time) bool {
	return now.Sub(s.last) >= ss.opt.IdleTimeout || now.Sub(s.started) >= ss.opt.MaxAge
}

func (ss *sessions) remove(s *session) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for k, v := range ss.byID {
		if v == s {
			delete(ss.byID, k)
		}
	}
}

// sweep forgets expired sessions (called with mu held, on each login, so
// the table does not grow with sessions nobody logged out of).
func (ss *sessions) sweep(now time.Time) {
	for k, s := range ss.byID {
		if ss.expired(s, now) {
			delete(ss.byID, k)
		}
	}
}

// keep stores a view for paging and returns its number.
func (s *session) keep(v dispatch.StudentRows) uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.views == nil {
		s.views = map[uint64]dispatch.StudentRows{}
	}
	s.next++
	s.views[s.next] = v
	delete(s.views, s.next-maxViews)
	return s.next
}

func (s *session) view(id uint64) (dispatch.StudentRows, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.views[id]
	return v, ok
}
