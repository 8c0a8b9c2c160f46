package dispatch

import (
	"encoding/json"
	"strings"
	"sync"
	"time"

	"secondment/model"
)

// AddressLimit is how many failed logins from one network address within
// model.LockFor make that address wait until the oldest of them is LockFor
// old, whatever names were tried. It is higher than an account's limit because
// an office or a campus shares one address among many people.
const AddressLimit = 30

// addressGuard throttles logins per network address. It keeps the failures
// of the last LockFor in memory, read once from the audit log (whose failure
// entries carry the address), so the throttle survives a restart without a
// store of its own.
type addressGuard struct {
	mu     sync.Mutex
	loaded bool
	fails  map[string][]time.Time
}

func withAddress(m map[string]any, addr string) map[string]any {
	if addr != "" {
		m["address"] = addr
	}
	return m
}

// blockedUntil returns when addr may next try (the zero time when it may now).
func (g *addressGuard) blockedUntil(s *Service, addr string, now time.Time) time.Time {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.loaded {
		g.load(s, now)
	}
	recent := g.prune(addr, now)
	if len(recent) < AddressLimit {
		return time.Time{}
	}
	return recent[len(recent)-AddressLimit].Add(model.LockFor)
}

func (g *addressGuard) fail(addr string, now time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.fails == nil {
		g.fails = map[string][]time.Time{}
	}
	g.fails[addr] = append(g.fails[addr], now)
}

// prune drops failures older than LockFor and returns the rest, oldest first.
func (g *addressGuard) prune(addr string, now time.Time) []time.Time {
	list := g.fails[addr]
	i := 0
	for i < len(list) && now.Sub(list[i]) >= model.LockFor {
		i++
	}
	list = list[i:]
	if len(list) == 0 {
		delete(g.fails, addr)
	} else {
		g.fails[addr] = list
	}
	return list
}

// load reads the failures of the last LockFor from the audit log. A log that
// cannot be read leaves the guard empty: accounts stay throttled regardless.
func (g *addressGuard) load(s *Service, now time.Time) {
	g.loaded = true
	if g.fails == nil {
		g.fails = map[string][]time.Time{}
	}
	since := now.Add(-model.LockFor)
	_ = s.store.View(func(tx model.Tx) error {
		return tx.EachAudit(func(e model.AuditEntry) error {
			if e.Op != "user.login_failed" || e.At.Before(since) || !strings.Contains(string(e.After), `"address"`) {
				return nil
			}
			var after struct{ Address string }
			if json.Unmarshal(e.After, &after) == nil && after.Address != "" {
				g.fails[after.Address] = append(g.fails[after.Address], e.At)
			}
			return nil
		})
	})
}
