package dispatch

import (
	"strconv"

	"secondment/model"
)

// AuditLog lists audit entries whose actor, operation or record contains q,
// newest first, at most limit (0: all). Graduate office only: entries hold
// personal data.
func (s *Service) AuditLog(sess *Session, q string, limit int) ([]model.AuditEntry, error) {
	if !sess.user.IsOffice() || sess.user.University != "" {
		return nil, forbidden("audit")
	}
	terms := splitTerms(q)
	var out []model.AuditEntry
	err := s.store.View(func(tx model.Tx) error {
		return tx.EachAudit(func(e model.AuditEntry) error {
			if matchAll(terms, e.Actor, e.Op, e.Record, string(e.After)) {
				out = append(out, e)
			}
			return nil
		})
	})
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, err
}

// CheckReport is the result of an integrity check.
type CheckReport struct {
	Pages        []string // structural problems found by bbolt
	Records      []string // records that fail to decode, or broken indexes
	Audit        []string // breaks in the audit chain
	Students     int
	Placements   int
	AuditEntries int
}

// OK reports whether nothing was found wrong.
func (r CheckReport) OK() bool { return len(r.Pages)+len(r.Records)+len(r.Audit) == 0 }

// Check verifies the file's structure, that every record decodes, every
// placement's indexes and the audit chain. It needs no login: it reveals counts only, and must work on a file
// whose accounts may be the damaged part.
func (s *Service) Check() (CheckReport, error) {
	var r CheckReport
	var err error
	if r.Pages, err = s.store.Check(); err != nil {
		return r, err
	}
	if len(r.Pages) > 0 {
		return r, nil // reading records off broken pages would only add noise
	}
	err = s.store.View(func(tx model.Tx) error {
		if err := tx.EachStudent(func(model.Student) error { r.Students++; return nil }); err != nil {
			r.Records = append(r.Records, err.Error())
		}
		if err := tx.EachPlacement(func(p model.Placement) error {
			r.Placements++
			for _, idx := range []struct {
				i model.PlacementIndex
				v string
			}{{model.ByStudent, p.StudentKey()}, {model.ByPlatform, p.Platform}, {model.ByStatus, p.Status}} {
				if !indexHolds(tx, idx.i, idx.v, p.No) {
					r.Records = append(r.Records, "index misses placement "+p.No)
				}
			}
			if model.HoldsQuota(p.Status) {
				nos, _ := tx.PlacementsHolding(p.Platform, p.Start.Year())
				if !contains(nos, p.No) {
					r.Records = append(r.Records, "quota index misses placement "+p.No)
				}
			}
			return nil
		}); err != nil {
			r.Records = append(r.Records, err.Error())
		}
		r.Audit, r.AuditEntries = checkChain(tx)
		return nil
	})
	return r, err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func indexHolds(tx model.Tx, idx model.PlacementIndex, value, no string) bool {
	ps, err := tx.PlacementsBy(idx, value)
	if err != nil {
		return false
	}
	for _, p := range ps {
		if p.No == no {
			return true
		}
	}
	return false
}

// checkChain walks the audit entries: each must follow the previous one in
// sequence, carry its hash as Prev and hash to its own Hash; the last must match
// the head recorded apart from the entries.
func checkChain(tx model.Tx) (problems []string, n int) {
	prev := ""
	var seq uint64
	err := tx.EachAudit(func(e model.AuditEntry) error {
		n++
		switch {
		case e.Seq != seq+1:
			problems = append(problems, "audit entry missing before #"+u64(e.Seq))
		case e.Prev != prev:
			problems = append(problems, "audit entry #"+u64(e.Seq)+" does not follow its predecessor")
		}
		if e.ComputeHash() != e.Hash {
			problems = append(problems, "audit entry #"+u64(e.Seq)+" was altered")
		}
		prev, seq = e.Hash, e.Seq
		return nil
	})
	if err != nil {
		problems = append(problems, err.Error())
	}
	if hs, hh := tx.AuditHead(); hs != seq || hh != prev {
		problems = append(problems, "audit log ends at #"+u64(seq)+" but #"+u64(hs)+" was recorded last")
	}
	return problems, n
}

func u64(n uint64) string { return strconv.FormatUint(n, 10) }
