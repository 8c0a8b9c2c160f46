package dispatch

import (
	"errors"
	"sort"

	"secondment/model"
)

// agreementOf gathers what a placement's agreement prints. The agreement is the
// signed contract between the university, the platform and the student, and
// carries what the contract needs, unmasked, for every role that may print it
// (the office within its scope, the platform's HR, the student: the parties who
// sign it): the student's name, number, school, major, degree, ID number (it
// identifies the signing party) and mobile (the contact the platform uses),
// the platform's details, task, period, supervisors and allowance. The
// verification code is computed over these very terms, so every copy of one
// agreement carries the same code. Because it is unmasked, every printing is an
// audit entry (PrintAgreement, PrintAgreements).
func agreementOf(tx model.Tx, p model.Placement) (model.Agreement, error) {
	st, err := tx.Student(p.StudentUniversity, p.StudentNumber)
	if err != nil {
		return model.Agreement{}, notFound(err, "student.not_found", p.StudentNumber)
	}
	pl, err := tx.Platform(p.Platform)
	if err != nil {
		return model.Agreement{}, notFound(err, "platform.not_found", p.Platform)
	}
	return model.Agreement{Placement: p, Student: st, Platform: pl}, nil
}

// Agreement returns one placement's agreement, for the office within its scope,
// the platform's HR, or the student themself.
func (s *Service) Agreement(sess *Session, no string) (model.Agreement, error) {
	var a model.Agreement
	err := s.store.View(func(tx model.Tx) error {
		p, err := s.visiblePlacement(tx, sess, no)
		if err != nil {
			return err
		}
		a, err = agreementOf(tx, p)
		return err
	})
	return a, err
}

// Agreements returns the agreements of every placement the user may see, at one
// platform if given, leaving out drafts (not yet agreed) and withdrawn drafts,
// in agreement order.
func (s *Service) Agreements(sess *Session, platform string) ([]model.Agreement, error) {
	return s.agreementsFor(sess, PlacementFilter{Platform: platform}, func(p model.Placement) bool {
		return p.Status != model.Draft && p.Status != model.Withdrawn
	})
}

// PrintAgreement is Agreement for printing: it also records the printing in the
// audit log (who printed which agreement, when). Front ends call it, not
// Agreement, whenever an agreement is made into a document; the entry is
// written when the agreement leaves the service, before the document is made.
func (s *Service) PrintAgreement(sess *Session, no string) (model.Agreement, error) {
	a, err := s.Agreement(sess, no)
	if err != nil {
		return a, err
	}
	if a.Placement.Status == model.Withdrawn {
		return model.Agreement{}, model.Errorf(model.ERule, "agreement.withdrawn", a.Placement.No)
	}
	return a, s.RecordPrint(sess, []model.Agreement{a})
}

// Placement documents other than the agreement, for PrintDocument.
const (
	DocArrival = "arrival" // 到岗确认函
	DocPledge  = "pledge"  // 安全承诺书, with the student's mobile
	DocMidterm = "midterm" // 中期检查表
)

// PrintDocument is Agreement for making one of a placement's other documents
// (DocArrival, DocPledge, DocMidterm): it records in the audit log who made
// which, as PrintAgreement does, since they carry personal data too.
func (s *Service) PrintDocument(sess *Session, no, doc string) (model.Agreement, error) {
	switch doc {
	case DocArrival, DocPledge, DocMidterm:
	default:
		return model.Agreement{}, model.Errorf(model.EInvalid, "document.unknown", doc)
	}
	a, err := s.Agreement(sess, no)
	if err != nil {
		return a, err
	}
	err = s.store.Update(func(tx model.Tx) error {
		return s.audit(tx, sess, "document.print", "placement/"+a.Placement.No, nil, map[string]any{"document": doc})
	})
	return a, err
}

// PrintAgreements is Agreements for printing a batch: one audit entry lists
// every agreement handed out.
func (s *Service) PrintAgreements(sess *Session, platform string) ([]model.Agreement, error) {
	as, err := s.Agreements(sess, platform)
	if err != nil || len(as) == 0 {
		return as, err
	}
	return as, s.RecordPrint(sess, as)
}

// RecordPrint records in the audit log that the user is printing the
// agreements (one entry for a batch), for a front end that checks a batch
// (Agreements) before printing it; PrintAgreement and PrintAgreements do it
// themselves.
func (s *Service) RecordPrint(sess *Session, as []model.Agreement) error {
	if len(as) == 0 {
		return nil
	}
	nos := make([]string, len(as))
	for i, a := range as {
		nos[i] = a.Placement.No
	}
	record := "placement/" + nos[0]
	if len(as) > 1 {
		record = "agreements"
	}
	return s.store.Update(func(tx model.Tx) error {
		return s.audit(tx, sess, "agreement.print", record, nil, map[string]any{"agreements": nos, "count": len(nos)})
	})
}

// RecordExport records in the audit log that the user exported data: what
// (students, placements, quotas, appointments, platforms …), how many rows,
// and whether personal data in it was masked. Front ends call it once the
// export is written.
func (s *Service) RecordExport(sess *Session, what string, rows int, masked bool) error {
	return s.store.Update(func(tx model.Tx) error {
		return s.audit(tx, sess, "export", "export/"+what, nil, map[string]any{"what": what, "rows": rows, "masked": masked})
	})
}

// ExportMasked reports whether the session's exports of students mask personal
// data (see present): every role but the graduate office's.
func (s *Session) ExportMasked() bool { return !s.user.SeesUnmasked() }

// agreementsFor loads the agreement records of the placements f selects that
// keep accepts, in agreement order.
func (s *Service) agreementsFor(sess *Session, f PlacementFilter, keep func(model.Placement) bool) ([]model.Agreement, error) {
	ps, err := s.Placements(sess, f)
	if err != nil {
		return nil, err
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].No < ps[j].No })
	var out []model.Agreement
	err = s.store.View(func(tx model.Tx) error {
		for _, p := range ps {
			if !keep(p) {
				continue
			}
			a, err := agreementOf(tx, p)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return nil
	})
	return out, err
}

// Verification is the answer to a verification code: which agreement it
// belongs to and where that placement stands, with no personal data.
type Verification struct {
	No       string
	Platform string
	Status   string
}

// Verify finds the agreement whose current record yields code. A code printed
// before the record changed no longer matches anything: ENotFound. Any
// logged-in user may verify.
func (s *Service) Verify(sess *Session, code string) (Verification, error) {
	code = model.NormalizeCode(code)
	var v Verification
	errFound := errors.New("found")
	err := s.store.View(func(tx model.Tx) error {
		return tx.EachPlacement(func(p model.Placement) error {
			a, err := agreementOf(tx, p)
			if err != nil {
				return nil // a dangling placement verifies nothing
			}
			if a.Code() == code || a.LegacyCode() == code {
				v = Verification{No: p.No, Platform: p.Platform, Status: p.Status}
				return errFound
			}
			return nil
		})
	})
	switch {
	case errors.Is(err, errFound):
		return v, nil
	case err != nil:
		return v, err
	}
	return v, model.Errorf(model.ENotFound, "verify.unknown", code)
}

// Roster returns the rows of a placement roster for a platform or a university
// (one of them), as the user may see them: the office within its scope, HR for
// its own platform; withdrawn drafts are left out. The rows' ID numbers and
// mobiles are masked for everyone but the office, though a roster prints
// neither.
func (s *Service) Roster(sess *Session, platform, university string) ([]model.Agreement, error) {
	if sess.user.Role != model.Office && sess.user.Role != model.PlatformHR {
		return nil, forbidden("roster")
	}
	if err := checkFilterScope(sess.user, platform, university); err != nil {
		return nil, err
	}
	rows, err := s.agreementsFor(sess, PlacementFilter{Platform: platform, University: university},
		func(p model.Placement) bool { return p.Status != model.Withdrawn })
	for i := range rows {
		rows[i].Student = present(sess.user, rows[i].Student)
	}
	return rows, err
}

// QuotaReport returns the platforms and the year's quota use for the quota use
// table: office and bureau see every platform, HR its own.
func (s *Service) QuotaReport(sess *Session, year int) ([]model.Platform, []model.QuotaUse, error) {
	qs, err := s.Quotas(sess, QuotaFilter{Year: year})
	if err != nil {
		return nil, nil, err
	}
	var pls []model.Platform
	err = s.store.View(func(tx model.Tx) (err error) { pls, err = tx.Platforms(); return err })
	if sess.user.Role == model.PlatformHR {
		var own []model.Platform
		for _, p := range pls {
			if p.Name == sess.user.Platform {
				own = append(own, p)
			}
		}
		pls = own
	}
	return pls, qs, err
}
