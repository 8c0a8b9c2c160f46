package storage

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"strings"

	bolt "go.etcd.io/bbolt"

	"secondment/model"
)

// bbolt's file layout, as far as the damage checks read it: two meta pages at
// the start of the file, each a 16-byte page header followed by the meta.
const (
	pageHeaderSize = 16
	metaMagic      = 0xED0CDAED
	metaVersion    = 2
	metaPageFlag   = 0x04
	metaSumEnd     = 56 // the checksum covers the meta up to its own field
)

type metaPage struct {
	pageSize uint32
	pgid     uint64 // high-water mark: pages in use
	txid     uint64
	problem  string
}

// readMeta decodes meta page i of the file and says what is wrong with it.
func readMeta(f io.ReaderAt, i int, pageSize int) metaPage {
	buf := make([]byte, pageHeaderSize+64)
	if _, err := f.ReadAt(buf, int64(i*pageSize)); err != nil {
		return metaPage{problem: fmt.Sprintf("meta page %d cannot be read: %v", i, err)}
	}
	hdr, m := buf[:pageHeaderSize], buf[pageHeaderSize:]
	le := binary.LittleEndian
	mp := metaPage{pageSize: le.Uint32(m[8:]), pgid: le.Uint64(m[40:]), txid: le.Uint64(m[48:])}
	h := fnv.New64a()
	h.Write(m[:metaSumEnd])
	switch {
	case le.Uint32(m[0:]) != metaMagic:
		mp.problem = fmt.Sprintf("meta page %d: bad magic", i)
	case le.Uint32(m[4:]) != metaVersion:
		mp.problem = fmt.Sprintf("meta page %d: unknown version %d", i, le.Uint32(m[4:]))
	case le.Uint64(m[metaSumEnd:]) != h.Sum64():
		mp.problem = fmt.Sprintf("meta page %d: checksum mismatch", i)
	case le.Uint64(hdr[0:]) != uint64(i) || le.Uint16(hdr[8:])&metaPageFlag == 0:
		mp.problem = fmt.Sprintf("meta page %d: wrong page header", i)
	case int(mp.pageSize) != pageSize:
		mp.problem = fmt.Sprintf("meta page %d: page size %d, file uses %d", i, mp.pageSize, pageSize)
	}
	return mp
}

// inspectMeta checks both meta pages: each valid (magic, version, checksum,
// page header, page size), two different commits, and neither pointing past
// the end of the file. bbolt itself silently falls back to the older page when
// the newer one is damaged, and so to an older state of the records. (The two
// commits are not always one apart: bbolt's copy, WriteTo, writes T and T-1,
// and the next commit then overwrites T-1 or T by its own parity.)
func inspectMeta(path string, pageSize int) []string {
	f, err := os.Open(path)
	if err != nil {
		return []string{"data file cannot be read: " + err.Error()}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return []string{"data file cannot be read: " + err.Error()}
	}
	m0, m1 := readMeta(f, 0, pageSize), readMeta(f, 1, pageSize)
	var problems []string
	for _, m := range []metaPage{m0, m1} {
		if m.problem != "" {
			problems = append(problems, m.problem)
		}
	}
	if len(problems) > 0 {
		return problems
	}
	if m0.txid == m1.txid {
		problems = append(problems, fmt.Sprintf("meta pages disagree: both hold transaction %d", m0.txid))
	}
	for i, m := range []metaPage{m0, m1} {
		if need := int64(m.pgid) * int64(pageSize); need > fi.Size() {
			problems = append(problems, fmt.Sprintf("data file is truncated: %d bytes, meta page %d uses %d", fi.Size(), i, need))
		}
	}
	return problems
}

// counted are the buckets whose record counts are kept in the meta bucket, so
// that a lost or grafted part of the tree shows as a disagreement on opening.
var counted = [][]byte{bUniversities, bPlatforms, bStudents, bPlacements, bAppointments, bQuotas, bUsers}

var countsKey = []byte("counts")

// counts are the number of records of each counted bucket.
type counts map[string]int

func readCounts(meta *bolt.Bucket) (counts, bool) {
	v := meta.Get(countsKey)
	if v == nil {
		return nil, false
	}
	c := counts{}
	if err := json.Unmarshal(v, &c); err != nil {
		return nil, true // present but unreadable: compared as empty, so reported
	}
	return c, true
}

// inspectTree checks, in one read transaction, what the tree must agree on: the
// audit head against the last audit entry, the number of audit entries against
// the head's sequence, and the kept record counts against the buckets.
func inspectTree(btx *bolt.Tx) (problems []string) {
	meta := btx.Bucket(bMeta)
	if meta == nil {
		return nil // a new file, or not ours: initialize decides
	}
	if audit := btx.Bucket(bAudit); audit != nil {
		var seq uint64
		var hash string
		if v := meta.Get(headKey); len(v) >= 8 {
			seq, hash = binary.BigEndian.Uint64(v[:8]), string(v[8:])
		}
		k, v := audit.Cursor().Last()
		switch {
		case k == nil && seq != 0:
			problems = append(problems, fmt.Sprintf("audit log is empty but #%d was recorded last", seq))
		case k != nil && (len(k) != 8 || binary.BigEndian.Uint64(k) != seq):
			problems = append(problems, fmt.Sprintf("audit log ends at %x but #%d was recorded last", k, seq))
		case k != nil:
			var e struct {
				Hash string `json:"hash"`
			}
			if json.Unmarshal(v, &e) != nil || e.Hash != hash {
				problems = append(problems, fmt.Sprintf("last audit entry #%d does not match the recorded head", seq))
			}
		}
		if n := audit.Stats().KeyN; uint64(n) != seq {
			problems = append(problems, fmt.Sprintf("audit log holds %d entries; %d were recorded", n, seq))
		}
	}
	kept, ok := readCounts(meta)
	if !ok {
		return problems // a file from before counts were kept
	}
	for _, name := range counted {
		b := btx.Bucket(name)
		if b == nil {
			problems = append(problems, fmt.Sprintf("bucket %s is missing", name))
			continue
		}
		if n := b.Stats().KeyN; n != kept[string(name)] {
			problems = append(problems, fmt.Sprintf("%s: %d records, %d recorded", name, n, kept[string(name)]))
		}
	}
	return problems
}

// inspect looks for damage cheaply (two pages and one read transaction) when a
// file is opened, and returns what it found.
func (db *DB) inspect() (problems []string, err error) {
	defer unguard(guard(), &err)
	problems = inspectMeta(db.path, db.bolt.Info().PageSize)
	err = db.bolt.View(func(btx *bolt.Tx) error {
		problems = append(problems, inspectTree(btx)...)
		return nil
	})
	return problems, err
}

// Damage returns nil for a sound file, or the EDamaged error describing the
// damage found when the file was opened: the file then refuses writes (Update
// and Bulk return ErrDamaged) until it is restored from a backup.
func (db *DB) Damage() error {
	if len(db.damage) == 0 {
		return nil
	}
	return &model.Error{Code: EDamaged, Key: "storage.damaged", Args: []any{db.path, db.damage[0]},
		Err: fmt.Errorf("%w: %s", ErrDamaged, strings.Join(db.damage, "; "))}
}

// countInsert notes a new record in a counted bucket; the counts are written
// when the transaction's function returns. A file without counts gets them
// from the committed buckets the first time (before this transaction's first
// change to a counted bucket).
func (t *tx) countInsert(bucket []byte) {
	if t.counts == nil {
		c, ok := readCounts(t.bucket(bMeta))
		if !ok {
			c = counts{}
			for _, name := range counted {
				c[string(name)] = t.bucket(name).Stats().KeyN
			}
		}
		t.counts = c
	}
	t.counts[string(bucket)]++
}

// flushCounts writes the counts changed by the transaction.
func (t *tx) flushCounts() error {
	if t.counts == nil {
		return nil
	}
	b, err := json.Marshal(t.counts)
	if err != nil {
		return err
	}
	return t.bucket(bMeta).Put(countsKey, b)
}

// putCounted stores a record of a counted bucket, counting it if it is new.
func (t *tx) putCounted(bucket []byte, key string, v any) error {
	if t.bucket(bucket).Get([]byte(key)) == nil {
		t.countInsert(bucket)
	}
	return t.put(bucket, key, v)
}
