package dispatch

import (
	"strconv"
	"strings"

	"secondment/model"
)

// AuditLog lists audit entries whose actor, operation or record contains q,
// newest first, at most limit (0: all). Graduate office only: entries hold
// personal data.
func (s *Service) AuditLog(sess *Session, q string, limit int) ([]model.AuditEntry, error) {
	return s.Audit(sess, AuditFilter{Q: q, Limit: limit})
}

// AuditFilter narrows the audit log: Q is a fragment of actor, operation,
// record or content; NoSignIns leaves out logins, failed logins and logouts
// (every command signs in, so they outnumber the changes).
type AuditFilter struct {
	Q         string
	Limit     int
	NoSignIns bool
}

// Audit lists the audit log's entries that match f, newest first.
func (s *Service) Audit(sess *Session, f AuditFilter) ([]model.AuditEntry, error) {
	if !sess.user.IsOffice() || sess.user.University != "" {
		return nil, forbidden("audit")
	}
	q, limit := f.Q, f.Limit
	terms := splitTerms(q)
	var out []model.AuditEntry
	err := s.store.View(func(tx model.Tx) error {
		return tx.EachAudit(func(e model.AuditEntry) error {
			if f.NoSignIns && strings.HasPrefix(e.Op, "user.log") {
				return nil
			}
			s.openAudit(&e)
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
	Pages   []string // damage found on opening and structural problems found by bbolt
	Records []string // records that fail to decode, or broken indexes
	Audit   []string // breaks in the audit chain, entries whose seal does not match
	// Notes are findings that are not damage: personal data kept in clear (a
	// file not yet encrypted), seals left unverified for want of the key.
	Notes        []string
	Students     int
	Placements   int
	AuditEntries int
}

// OK reports whether nothing was found wrong.
func (r CheckReport) OK() bool { return len(r.Pages)+len(r.Records)+len(r.Audit) == 0 }

// verifier is the full check a Store may offer (storage.DB does): linear in
// the size of the file, reporting each problem with its part ("pages",
// "records", "audit").
type verifier interface {
	VerifyTo(progress func(done, total int), report func(part, problem string)) (students, placements, entries int, err error)
}

// maxCheckProblems bounds each part of a report.
const maxCheckProblems = 50

// Check verifies the file's structure, that every record decodes, every
// placement's indexes and the audit chain. It needs no login: it reveals counts only, and must work on a file
// whose accounts may be the damaged part.
func (s *Service) Check() (CheckReport, error) { return s.CheckProgress(nil) }

// CheckFile is Check for a graduate office account: what a served file
// answers to a remote `check`, where no one else may ask about the file.
func (s *Service) CheckFile(sess *Session) (CheckReport, error) {
	if sess.user.Role != model.Office {
		return CheckReport{}, forbidden("check")
	}
	return s.Check()
}

// CheckProgress is Check calling progress, if not nil, now and then with the
// records checked so far and their total. Its time is linear in the size of the
// file.
func (s *Service) CheckProgress(progress func(done, total int)) (CheckReport, error) {
	var r CheckReport
	if v, ok := s.raw.(verifier); ok {
		parts := map[string]*[]string{"pages": &r.Pages, "records": &r.Records, "audit": &r.Audit, "notes": &r.Notes}
		var err error
		r.Students, r.Placements, r.AuditEntries, err = v.VerifyTo(progress, func(part, problem string) {
			p, ok := parts[part]
			if !ok {
				p = &r.Records
			}
			if len(*p) < maxCheckProblems {
				*p = append(*p, problem)
			}
		})
		if err == nil && len(r.Pages) == 0 {
			err = s.checkSeals(&r)
		}
		return r, err
	}
	// A store without a full check of its own: its structure, the records and
	// the audit chain through model.Tx.
	var err error
	if r.Pages, err = s.store.Check(); err != nil || len(r.Pages) > 0 {
		return r, err
	}
	err = s.store.View(func(tx model.Tx) error {
		if err := tx.EachStudent(func(model.Student) error { r.Students++; return nil }); err != nil {
			r.Records = append(r.Records, err.Error())
		}
		if err := tx.EachPlacement(func(model.Placement) error { r.Placements++; return nil }); err != nil {
			r.Records = append(r.Records, err.Error())
		}
		r.Audit, r.AuditEntries = checkChain(tx)
		return nil
	})
	if err == nil {
		err = s.checkSeals(&r)
	}
	return r, err
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
