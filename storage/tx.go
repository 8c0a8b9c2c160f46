package storage

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"secondment/model"
)

// tx implements model.Tx on a bbolt transaction.
type tx struct {
	btx  *bolt.Tx
	fill float64 // bucket fill percent for bulk loads; 0 keeps bbolt's default
	// counts are the record counts as changed by this transaction, nil until
	// its first new record (see countInsert).
	counts counts
}

var _ model.Tx = (*tx)(nil)

func (t *tx) bucket(name []byte) *bolt.Bucket {
	b := t.btx.Bucket(name)
	if b == nil {
		// Every bucket is created by Open; a missing one means a damaged file.
		panic(fmt.Sprintf("bucket %s missing", name))
	}
	if t.fill > 0 {
		b.FillPercent = t.fill
	}
	return b
}

// get decodes the value at key into v, or returns model.ErrNotFound. The value is
// decoded before the transaction ends, so no bbolt memory escapes.
func (t *tx) get(bucket []byte, key string, v any) error {
	b := t.bucket(bucket).Get([]byte(key))
	if b == nil {
		return model.ErrNotFound
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%w: %s %q: %v", ErrCorrupt, bucket, key, err)
	}
	return nil
}

func (t *tx) put(bucket []byte, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s %q: %w", bucket, key, err)
	}
	return t.bucket(bucket).Put([]byte(key), b)
}

// each decodes every value of a bucket (or of the keys under prefix) in key order.
func each[T any](t *tx, bucket []byte, prefix string, fn func(T) error) error {
	c := t.bucket(bucket).Cursor()
	p := []byte(prefix)
	for k, v := c.Seek(p); k != nil && hasPrefix(k, p); k, v = c.Next() {
		var rec T
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("%w: %s %q: %v", ErrCorrupt, bucket, k, err)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	return nil
}

func collect[T any](t *tx, bucket []byte, prefix string) ([]T, error) {
	var out []T
	err := each(t, bucket, prefix, func(r T) error { out = append(out, r); return nil })
	return out, err
}

func hasPrefix(k, p []byte) bool { return len(k) >= len(p) && string(k[:len(p)]) == string(p) }

func itob(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func (t *tx) University(name string) (u model.University, err error) {
	return u, t.get(bUniversities, name, &u)
}
func (t *tx) Universities() ([]model.University, error) {
	return collect[model.University](t, bUniversities, "")
}
func (t *tx) PutUniversity(u model.University) error { return t.putCounted(bUniversities, u.Name, u) }

func (t *tx) Platform(name string) (p model.Platform, err error) {
	return p, t.get(bPlatforms, name, &p)
}
func (t *tx) Platforms() ([]model.Platform, error) { return collect[model.Platform](t, bPlatforms, "") }
func (t *tx) PutPlatform(p model.Platform) error   { return t.putCounted(bPlatforms, p.Name, p) }

func (t *tx) Student(university, number string) (s model.Student, err error) {
	return s, t.get(bStudents, model.StudentKey(university, number), &s)
}
func (t *tx) EachStudent(fn func(model.Student) error) error {
	return each(t, bStudents, "", fn)
}
func (t *tx) PutStudent(s model.Student) error { return t.putCounted(bStudents, s.Key(), s) }
func (t *tx) StudentCount() int                { return t.bucket(bStudents).Stats().KeyN }

func (t *tx) Placement(no string) (p model.Placement, err error) {
	return p, t.get(bPlacements, no, &p)
}

// Index keys are value + NUL + agreement number, with empty values, so a prefix
// scan lists one value's placements in agreement order.
func (t *tx) indexBucket(index model.PlacementIndex) []byte {
	switch index {
	case model.ByStudent:
		return bPlcStudent
	case model.ByPlatform:
		return bPlcPlatform
	default:
		return bPlcStatus
	}
}

func placementIndexValue(p model.Placement, index model.PlacementIndex) string {
	switch index {
	case model.ByStudent:
		return p.StudentKey()
	case model.ByPlatform:
		return p.Platform
	default:
		return p.Status
	}
}

func (t *tx) PlacementsBy(index model.PlacementIndex, value string) ([]model.Placement, error) {
	c := t.bucket(t.indexBucket(index)).Cursor()
	prefix := []byte(value + "\x00")
	var out []model.Placement
	for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
		p, err := t.Placement(string(k[len(prefix):]))
		if err != nil {
			return nil, fmt.Errorf("%w: index %s points to missing placement %q", ErrCorrupt, t.indexBucket(index), k[len(prefix):])
		}
		out = append(out, p)
	}
	return out, nil
}

// quotaKeys are the idx_placement_quota keys of a placement: platform, year and
// agreement number for every year it holds a place in.
func quotaKeys(p model.Placement) map[string]bool {
	keys := map[string]bool{}
	if model.HoldsQuota(p.Status) {
		for _, y := range model.Years(p.Start, p.End) {
			keys[fmt.Sprintf("%s\x00%04d\x00%s", p.Platform, y, p.No)] = true
		}
	}
	return keys
}

func (t *tx) PlacementsHolding(platform string, year int) ([]string, error) {
	c := t.bucket(bPlcQuota).Cursor()
	prefix := []byte(fmt.Sprintf("%s\x00%04d\x00", platform, year))
	var out []string
	for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
		out = append(out, string(k[len(prefix):]))
	}
	return out, nil
}

func (t *tx) EachPlacement(fn func(model.Placement) error) error {
	return each(t, bPlacements, "", fn)
}

func (t *tx) PutPlacement(p model.Placement) error {
	old, err := t.Placement(p.No)
	exists := err == nil
	if err != nil && err != model.ErrNotFound {
		return err
	}
	if !exists {
		t.countInsert(bPlacements)
	}
	if err := t.updateQuotaIndex(old, p, exists); err != nil {
		return err
	}
	for _, idx := range []model.PlacementIndex{model.ByStudent, model.ByPlatform, model.ByStatus} {
		b := t.bucket(t.indexBucket(idx))
		nv := placementIndexValue(p, idx)
		if exists {
			ov := placementIndexValue(old, idx)
			if ov == nv {
				continue
			}
			if err := b.Delete([]byte(ov + "\x00" + p.No)); err != nil {
				return err
			}
		}
		if err := b.Put([]byte(nv+"\x00"+p.No), nil); err != nil {
			return err
		}
	}
	return t.put(bPlacements, p.No, p)
}

func (t *tx) updateQuotaIndex(old, p model.Placement, exists bool) error {
	b := t.bucket(bPlcQuota)
	newKeys := quotaKeys(p)
	if exists {
		for k := range quotaKeys(old) {
			if !newKeys[k] {
				if err := b.Delete([]byte(k)); err != nil {
					return err
				}
			}
		}
	}
	for k := range newKeys {
		if err := b.Put([]byte(k), nil); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) NextAgreementSeq(year int) (uint64, error) {
	b := t.bucket(bAgreementSeq)
	key := []byte(strconv.Itoa(year))
	var n uint64
	if v := b.Get(key); len(v) == 8 {
		n = binary.BigEndian.Uint64(v)
	}
	n++
	return n, b.Put(key, itob(n))
}

func (t *tx) Appointment(id uint64) (a model.Appointment, err error) {
	return a, t.get(bAppointments, string(itob(id)), &a)
}

func (t *tx) AppointmentsAt(platform string) ([]model.Appointment, error) {
	c := t.bucket(bApptPlatform).Cursor()
	prefix := []byte(platform + "\x00")
	var out []model.Appointment
	for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
		a, err := t.Appointment(binary.BigEndian.Uint64(k[len(prefix):]))
		if err != nil {
			return nil, fmt.Errorf("%w: appointment index: %v", ErrCorrupt, err)
		}
		out = append(out, a)
	}
	return out, nil
}

func (t *tx) EachAppointment(fn func(model.Appointment) error) error {
	return each(t, bAppointments, "", fn)
}

func (t *tx) PutAppointment(a model.Appointment) (uint64, error) {
	b := t.bucket(bAppointments)
	idx := t.bucket(bApptPlatform)
	if a.ID == 0 {
		id, err := b.NextSequence()
		if err != nil {
			return 0, err
		}
		a.ID = id
		t.countInsert(bAppointments)
	} else if old, err := t.Appointment(a.ID); err == nil && old.Platform != a.Platform {
		if err := idx.Delete(append([]byte(old.Platform+"\x00"), itob(a.ID)...)); err != nil {
			return 0, err
		}
	} else if err != nil {
		t.countInsert(bAppointments)
	}
	if err := idx.Put(append([]byte(a.Platform+"\x00"), itob(a.ID)...), nil); err != nil {
		return 0, err
	}
	return a.ID, t.put(bAppointments, string(itob(a.ID)), a)
}

func (t *tx) Quota(platform string, year int, category string) (q model.Quota, err error) {
	return q, t.get(bQuotas, model.QuotaKey(platform, year, category), &q)
}
func (t *tx) EachQuota(fn func(model.Quota) error) error { return each(t, bQuotas, "", fn) }
func (t *tx) PutQuota(q model.Quota) error {
	return t.putCounted(bQuotas, model.QuotaKey(q.Platform, q.Year, q.Category), q)
}

func (t *tx) User(name string) (u model.User, err error) { return u, t.get(bUsers, name, &u) }
func (t *tx) EachUser(fn func(model.User) error) error   { return each(t, bUsers, "", fn) }
func (t *tx) PutUser(u model.User) error                 { return t.putCounted(bUsers, u.Name, u) }
func (t *tx) UserCount() int                             { return t.bucket(bUsers).Stats().KeyN }

var headKey = []byte("audit_head")

// scrubKey marks a file whose free pages must be overwritten (see scrub.go).
var scrubKey = []byte("scrub_free_pages")

func (t *tx) ScrubFreed() error { return t.bucket(bMeta).Put(scrubKey, []byte("1")) }

func (t *tx) AuditHead() (uint64, string) {
	v := t.bucket(bMeta).Get(headKey)
	if len(v) < 8 {
		return 0, ""
	}
	return binary.BigEndian.Uint64(v[:8]), string(v[8:])
}

func (t *tx) AppendAudit(e *model.AuditEntry) error {
	seq, prev := t.AuditHead()
	e.Seq = seq + 1
	e.Seal(prev)
	if err := t.put(bAudit, string(itob(e.Seq)), e); err != nil {
		return err
	}
	return t.bucket(bMeta).Put(headKey, append(itob(e.Seq), e.Hash...))
}

func (t *tx) AuditEntry(seq uint64) (e model.AuditEntry, err error) {
	return e, t.get(bAudit, string(itob(seq)), &e)
}

func (t *tx) ReplaceAudit(e model.AuditEntry) error {
	if _, err := t.AuditEntry(e.Seq); err != nil {
		return err
	}
	if err := t.put(bAudit, string(itob(e.Seq)), e); err != nil {
		return err
	}
	if seq, _ := t.AuditHead(); seq == e.Seq {
		return t.bucket(bMeta).Put(headKey, append(itob(e.Seq), e.Hash...))
	}
	return nil
}

func (t *tx) EachAudit(fn func(model.AuditEntry) error) error {
	return each(t, bAudit, "", fn)
}
