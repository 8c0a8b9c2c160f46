package dispatch

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"secondment/model"
	"secondment/storage"
)

// tamper edits the closed data file behind the program's back, as someone with
// a bbolt tool would, then reopens it.
func tamper(t *testing.T, f *fixture, edit func(audit *bolt.Bucket)) *Service {
	t.Helper()
	path := f.db.Path()
	f.db.Close()
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Update(func(tx *bolt.Tx) error { edit(tx.Bucket([]byte("audit"))); return nil }); err != nil {
		t.Fatal(err)
	}
	b.Close()
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return New(db)
}

func key(seq uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, seq)
	return k
}

func TestAuditChainTamperDetection(t *testing.T) {
	f := newFixture(t)
	f.place(wzu, "WZU2025001", platA, model.Approved)
	r, err := f.s.Check()
	if err != nil || !r.OK() || r.AuditEntries < 10 {
		t.Fatalf("healthy file: %+v %v", r, err)
	}
	n := uint64(r.AuditEntries)
	cases := []struct {
		name, want string
		edit       func(*bolt.Bucket)
	}{
		{"entry edited", "was altered", func(b *bolt.Bucket) {
			v := b.Get(key(3))
			b.Put(key(3), bytes.Replace(v, []byte(`"actor":"admin"`), []byte(`"actor":"hr_a"`), 1))
		}},
		{"entry deleted", "missing before #5", func(b *bolt.Bucket) { b.Delete(key(4)) }},
		{"last entry deleted", "was recorded last", func(b *bolt.Bucket) { b.Delete(key(n)) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			f.place(wzu, "WZU2025001", platA, model.Approved)
			s := tamper(t, f, c.edit)
			r, err := s.Check()
			if err != nil {
				t.Fatal(err)
			}
			if r.OK() || !strings.Contains(strings.Join(r.Audit, "\n"), c.want) {
				t.Fatalf("tampering not reported: %+v", r.Audit)
			}
		})
	}
}

func TestEveryChangeIsAudited(t *testing.T) {
	f := newFixture(t)
	p := f.place(wzu, "WZU2025001", platA, model.Approved)
	log, err := f.s.AuditLog(f.admin, p.No, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 || log[0].Op != "placement.approved" || log[1].Op != "placement.create" {
		t.Fatalf("audit for %s = %+v", p.No, log)
	}
	if !bytes.Contains(log[0].Before, []byte(`"status":"draft"`)) || !bytes.Contains(log[0].After, []byte(`"status":"approved"`)) {
		t.Fatalf("before/after not recorded: %s → %s", log[0].Before, log[0].After)
	}
	// A refused operation adds no entry.
	before, _ := f.s.AuditLog(f.admin, "", 0)
	f.s.Step(f.hrA, p.No, model.Dispatched, model.StepInput{})
	after, _ := f.s.AuditLog(f.admin, "", 0)
	if len(after) != len(before) {
		t.Fatal("a refused step was audited")
	}
}
