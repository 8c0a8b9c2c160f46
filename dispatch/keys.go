package dispatch

import (
	"encoding/json"
	"strings"

	"secondment/model"
)

// officeUnlock is what an office login does to the data key: wrap it anew for
// the account (wrap, when the account had none), or make it and encrypt the
// file (migrate, on a file written before encryption).
type officeUnlock struct {
	wrap    string
	migrate bool
}

// officeKey unlocks the data key for an office account whose password was
// verified. The account's own wrap opens it; an account without a wrap gets
// one when the key is already held in this process; on a file that has no key
// yet the key is made (the caller stores the wrap and encrypts the file in the
// login's transaction). Any other office account without a wrap is refused:
// another office account must reset its password (which wraps the key for it).
func (s *Service) officeKey(u model.User, password string) (officeUnlock, error) {
	var out officeUnlock
	if u.KeyWrap != "" {
		key, err := unwrapKey(u.KeyWrap, u.Name, password)
		if err != nil {
			// The password verified, so the wrap was altered or the hash replaced.
			return out, model.Errorf(model.ECorrupt, "key.unwrap", u.Name)
		}
		if s.vault.unlocked() {
			if !s.vault.same(key) {
				return out, model.Errorf(model.ECorrupt, "key.unwrap", u.Name)
			}
			return out, nil
		}
		return out, s.vault.set(key)
	}
	if s.vault.unlocked() {
		var err error
		out.wrap, err = s.hasher.wrapKey(s.vault.dataKey(), u.Name, password)
		return out, err
	}
	has, err := s.fileHasKey()
	if err != nil {
		return out, err
	}
	if has {
		return out, model.Errorf(model.EUnauthorized, "login.no_key", u.Name)
	}
	key, err := newDataKey()
	if err != nil {
		return out, err
	}
	if out.wrap, err = s.hasher.wrapKey(key, u.Name, password); err != nil {
		return out, err
	}
	out.migrate = true
	return out, s.vault.set(key)
}

// fileHasKey reports whether the file has a data key: an account holds a wrap
// or a seal.
func (s *Service) fileHasKey() (bool, error) {
	has := false
	err := s.raw.View(func(tx model.Tx) error {
		return tx.EachUser(func(u model.User) error {
			has = has || u.KeyWrap != "" || u.Seal != ""
			return nil
		})
	})
	return has, err
}

// wrapFor wraps the held data key for an office account's new password.
func (s *Service) wrapFor(name, password string) (string, error) {
	if !s.vault.unlocked() {
		return "", errKeyLocked
	}
	return s.hasher.wrapKey(s.vault.dataKey(), name, password)
}

// checkUserSeal refuses an account whose record was changed outside the
// program (its seal does not match), when the key is held to tell.
func (s *Service) checkUserSeal(u model.User, migrating bool) error {
	if migrating || !s.vault.unlocked() {
		return nil
	}
	if !s.vault.sealOK(u) {
		return model.Errorf(model.ECorrupt, "key.account_altered", u.Name)
	}
	return nil
}

// renewSeals seals again, under the current scheme, every account still
// carrying a legacy seal (one that did not cover the password hash), in the
// transaction of the office login that finds its own seal legacy, with one
// audit entry naming them. An account whose legacy seal does not match is left
// as it is: its own login refuses it.
func (s *Service) renewSeals(tx model.Tx, actor *Session) error {
	var renew []model.User
	err := raw(tx).EachUser(func(u model.User) error {
		if !strings.HasPrefix(u.Seal, sealV2) && u.Name != actor.user.Name && s.vault.sealOK(u) {
			renew = append(renew, u)
		}
		return nil
	})
	if err != nil {
		return err
	}
	names := []string{actor.user.Name}
	for _, u := range renew {
		if err := tx.PutUser(u); err != nil {
			return err
		}
		names = append(names, u.Name)
	}
	return s.audit(tx, actor, "key.reseal", "file", nil, map[string]any{"accounts": names})
}

// encryptFile encrypts a file written before encryption, in the transaction
// of the first office login after the upgrade: every student's ID number and
// mobile, a seal on every account, and one audit entry with the counts.
func (s *Service) encryptFile(tx model.Tx, actor *Session) error {
	var plain []model.Student
	err := raw(tx).EachStudent(func(st model.Student) error {
		if st.Sealed == nil && (st.IDNumber != "" || st.Mobile != "") {
			plain = append(plain, st)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, st := range plain {
		if err := tx.PutStudent(st); err != nil {
			return err
		}
	}
	var users []model.User
	if err := raw(tx).EachUser(func(u model.User) error { users = append(users, u); return nil }); err != nil {
		return err
	}
	for _, u := range users {
		if u.Name == actor.user.Name {
			continue // stored with its new wrap by the login
		}
		if err := tx.PutUser(u); err != nil {
			return err
		}
	}
	_, oldHead := tx.AuditHead()
	resealed, err := s.resealAudit(tx)
	if err != nil {
		return err
	}
	// The pages the clear records used keep them until overwritten.
	if err := tx.ScrubFreed(); err != nil {
		return err
	}
	return s.audit(tx, actor, "file.encrypt", "file", nil, map[string]any{"students": len(plain), "accounts": len(users),
		"audit_entries_resealed": resealed, "previous_head": oldHead})
}

// resealAudit rewrites the audit log of a file written before encryption: the
// students its entries hold get their personal data encrypted as the records
// do, and every entry from the first one changed is chained again and sealed
// (the file.encrypt entry records the head it replaced). It returns how many
// entries were rewritten.
func (s *Service) resealAudit(tx model.Tx) (int, error) {
	var entries []model.AuditEntry
	if err := raw(tx).EachAudit(func(e model.AuditEntry) error { entries = append(entries, e); return nil }); err != nil {
		return 0, err
	}
	first := -1
	for i := range entries {
		if s.sealAuditPayload(&entries[i]) && first < 0 {
			first = i
		}
	}
	if first < 0 {
		return 0, nil
	}
	prev := ""
	if first > 0 {
		prev = entries[first-1].Hash
	}
	for _, e := range entries[first:] {
		e.Seal(prev)
		e.MAC = s.vault.auditSeal(e.Seq, e.Hash)
		if err := raw(tx).ReplaceAudit(e); err != nil {
			return 0, err
		}
		prev = e.Hash
	}
	return len(entries) - first, nil
}

// sealAuditPayload encrypts the personal data of a student an entry holds in
// clear, and reports whether it changed anything.
func (s *Service) sealAuditPayload(e *model.AuditEntry) bool {
	if !strings.HasPrefix(e.Record, "student/") {
		return false
	}
	changed := false
	for _, m := range []*json.RawMessage{&e.Before, &e.After} {
		if len(*m) == 0 {
			continue
		}
		var st model.Student
		if json.Unmarshal(*m, &st) != nil || st.Sealed != nil || (st.IDNumber == "" && st.Mobile == "") {
			continue
		}
		if s.vault.seal(&st) != nil {
			continue
		}
		if b, err := json.Marshal(st); err == nil {
			*m, changed = b, true
		}
	}
	return changed
}

// clear forgets the data key.
func (v *vault) clear() {
	v.mu.Lock()
	v.key, v.aead, v.tagKey, v.macKey = nil, nil, nil, nil
	v.mu.Unlock()
}

// Unlocked reports whether this process holds the file's data key: an office
// account has logged in. Without it, personal data reads masked (see README,
// "Personal data at rest").
func (s *Service) Unlocked() bool { return s.vault.unlocked() }

// openAudit shows an audit entry's student records with their personal data
// decrypted, when the key is held (the log keeps them as the file does).
func (s *Service) openAudit(e *model.AuditEntry) {
	if !strings.HasPrefix(e.Record, "student/") || !s.vault.unlocked() {
		return
	}
	for _, m := range []*json.RawMessage{&e.Before, &e.After} {
		if len(*m) == 0 {
			continue
		}
		var st model.Student
		if json.Unmarshal(*m, &st) != nil || st.Sealed == nil {
			continue
		}
		if s.vault.open(&st) != nil {
			continue
		}
		if b, err := json.Marshal(st); err == nil {
			*m = b
		}
	}
}

// checkSeals verifies, when the key is held, every account's seal and every
// audit entry's MAC, and that the newest sealed entry is followed only by
// entries a process without the key could have made (not an office
// account's). Problems go to r.Records (accounts) and r.Audit.
func (s *Service) checkSeals(r *CheckReport) error {
	if !s.vault.unlocked() {
		r.Notes = append(r.Notes, "cli.seals_unverified") // a key: the front end words it
		return nil
	}
	return s.raw.View(func(tx model.Tx) error {
		office := map[string]bool{}
		err := tx.EachUser(func(u model.User) error {
			if u.IsOffice() {
				office[u.Name] = true
			}
			if !s.vault.sealOK(u) {
				r.Records = appendMax(r.Records, "account "+u.Name+" was changed outside the program (its seal does not match)")
			}
			return nil
		})
		if err != nil {
			return err
		}
		sealed := 0
		var unsealedOffice []uint64
		err = tx.EachAudit(func(e model.AuditEntry) error {
			switch {
			case e.MAC != "":
				sealed++
				unsealedOffice = unsealedOffice[:0]
				if !macEqual(e.MAC, s.vault.auditSeal(e.Seq, e.Hash)) {
					r.Audit = appendMax(r.Audit, "audit entry #"+u64(e.Seq)+" does not carry the program's seal (changed or rechained outside it)")
				}
			case office[e.Actor] && sealed > 0 && !withoutKey(e.Op):
				unsealedOffice = append(unsealedOffice, e.Seq)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if sealed == 0 && r.AuditEntries > 0 {
			r.Audit = appendMax(r.Audit, "no audit entry carries the program's seal")
		}
		for _, seq := range unsealedOffice {
			r.Audit = appendMax(r.Audit, "audit entry #"+u64(seq)+" by an office account lacks its seal")
		}
		return nil
	})
}

// withoutKey reports whether an operation may be recorded by a process that
// holds no key although its actor is an office account: a failed or refused
// login, and a restore (recorded by the restoring program into the restored
// file).
func withoutKey(op string) bool {
	return strings.HasPrefix(op, "user.login_") || op == "file.restore"
}

func appendMax(list []string, p string) []string {
	if len(list) < maxCheckProblems {
		list = append(list, p)
	}
	return list
}

// scrub overwrites the space the migration freed at once, where the store can
// and no reader is in the way; otherwise the file is scrubbed when it is next
// opened (storage.DB.ScrubNow). A failure leaves the request for then.
func (s *Service) scrub() {
	if st, ok := s.raw.(interface{ ScrubNow() (int, error) }); ok {
		st.ScrubNow()
	}
}
