package storage

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"

	bolt "go.etcd.io/bbolt"

	"secondment/model"
)

// Report is the result of a full check of a data file.
type Report struct {
	Pages   []string // damage found on opening and bbolt's structural problems
	Records []string // records that fail to decode, indexes that disagree, wrong counts
	Audit   []string // breaks in the audit chain
	// Notes are findings that are not damage (personal data kept in clear).
	Notes        []string
	Students     int
	Placements   int
	AuditEntries int
}

// OK reports whether nothing was found wrong.
func (r Report) OK() bool { return len(r.Pages)+len(r.Records)+len(r.Audit) == 0 }

// Problem parts, as passed to VerifyTo's report function.
const (
	PartPages   = "pages"
	PartRecords = "records"
	PartAudit   = "audit"
	PartNotes   = "notes"
)

// maxProblems bounds each part of a report: a badly damaged file would
// otherwise list every record.
const maxProblems = 50

// Verify checks the whole file: the damage checks made on opening, bbolt's page
// structure, that every record decodes, that every index entry and every
// placement agree both ways, the kept record counts, and the audit hash chain.
// It reads each record once: linear in the size of the file. progress, if not
// nil, is called now and then with the records checked so far and the total.
// Backups are verified by this check before they are kept, and restore applies
// it to the backup before replacing anything.
func (db *DB) Verify(progress func(done, total int)) (Report, error) {
	var r Report
	n := map[string]*[]string{PartPages: &r.Pages, PartRecords: &r.Records, PartAudit: &r.Audit, PartNotes: &r.Notes}
	var err error
	r.Students, r.Placements, r.AuditEntries, err = db.VerifyTo(progress, func(part, problem string) {
		if p := n[part]; len(*p) < maxProblems {
			*p = append(*p, problem)
		}
	})
	return r, err
}

// VerifyTo is Verify reporting each problem to report, with the part of the
// check it belongs to (PartPages, PartRecords or PartAudit); it returns the
// numbers of students, placements and audit entries read.
func (db *DB) VerifyTo(progress func(done, total int), report func(part, problem string)) (students, placements, entries int, err error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	defer unguard(guard(), &err)
	for _, p := range db.damage {
		report(PartPages, p)
	}
	structural := false
	err = db.read(func(btx *bolt.Tx) error {
		for e := range btx.Check() {
			structural = true
			report(PartPages, e.Error())
		}
		if structural {
			return nil // reading records off broken pages would only add noise
		}
		if btx.Bucket(bMeta) == nil {
			report(PartPages, "not a secondment data file: no meta bucket")
			return nil
		}
		for _, name := range checkedBuckets {
			if btx.Bucket(name) == nil {
				report(PartPages, fmt.Sprintf("bucket %s is missing", name))
				structural = true
			}
		}
		if structural {
			return nil
		}
		c := &checker{btx: btx, report: report, progress: progress}
		c.total = btx.Bucket(bStudents).Stats().KeyN + btx.Bucket(bPlacements).Stats().KeyN +
			btx.Bucket(bAppointments).Stats().KeyN + btx.Bucket(bAudit).Stats().KeyN
		progress(0, c.total)
		students, placements = c.records()
		entries = c.audit()
		progress(c.total, c.total)
		return nil
	})
	return students, placements, entries, err
}

// checkedBuckets are the buckets every data file has had since its first
// version, which the check reads; buckets added later are made when a file is
// next opened for writing, so an older backup lacking them is not damaged.
var checkedBuckets = [][]byte{bMeta, bUniversities, bPlatforms, bStudents, bPlacements, bPlcStudent, bPlcPlatform,
	bPlcStatus, bPlcQuota, bAgreementSeq, bAppointments, bApptPlatform, bQuotas, bUsers, bAudit}

// checker walks one read transaction for Verify.
type checker struct {
	btx         *bolt.Tx
	report      func(part, problem string)
	progress    func(done, total int)
	done, total int
}

func (c *checker) step() {
	c.done++
	if c.done%4096 == 0 {
		c.progress(c.done, c.total)
	}
}

func (c *checker) recordf(format string, args ...any) {
	c.report(PartRecords, fmt.Sprintf(format, args...))
}

// decodeAll decodes every value of a bucket into a fresh T, reporting those
// that fail, and calls fn with each that decodes.
func decodeAll[T any](c *checker, bucket []byte, fn func(k []byte, v T)) int {
	n := 0
	cur := c.btx.Bucket(bucket).Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		n++
		var rec T
		if err := json.Unmarshal(v, &rec); err != nil {
			c.recordf("%s %q does not decode: %v", bucket, k, err)
			continue
		}
		if fn != nil {
			fn(k, rec)
		}
	}
	return n
}

// decodeParallel is decodeAll on every core: decoding is nearly all of a
// check's time on a large roster. The values are read in place (the read
// transaction stays open until every worker is done); fn runs under a lock,
// in no particular order.
func decodeParallel[T any](c *checker, bucket []byte, fn func(k []byte, v T)) int {
	const batch = 512
	work := make(chan []keyValue)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < max(1, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for kvs := range work {
				if err := decodeBatch(c, bucket, kvs, &mu, fn); err != nil {
					mu.Lock()
					c.recordf("%s: %v", bucket, err)
					mu.Unlock()
				}
			}
		}()
	}
	n := 0
	cur := c.btx.Bucket(bucket).Cursor()
	buf := make([]keyValue, 0, batch)
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		n++
		buf = append(buf, keyValue{k, v})
		if len(buf) == batch {
			work <- buf
			buf = make([]keyValue, 0, batch)
			mu.Lock()
			c.done += batch
			if c.done%4096 < batch {
				c.progress(c.done, c.total)
			}
			mu.Unlock()
		}
	}
	work <- buf
	close(work)
	wg.Wait()
	c.done += len(buf)
	return n
}

type keyValue struct{ k, v []byte }

// decodeBatch decodes one batch for decodeParallel, reporting each value that
// fails. A fault on a damaged page is returned as an error, not a crash.
func decodeBatch[T any](c *checker, bucket []byte, kvs []keyValue, mu *sync.Mutex, fn func(k []byte, v T)) (err error) {
	defer unguard(guard(), &err)
	for _, e := range kvs {
		var rec T
		err := json.Unmarshal(e.v, &rec)
		mu.Lock()
		if err != nil {
			c.recordf("%s %q does not decode: %v", bucket, e.k, err)
		} else {
			fn(e.k, rec)
		}
		mu.Unlock()
	}
	return nil
}

// records checks every record and index, and the kept counts.
func (c *checker) records() (students, placements int) {
	actual := map[string]int{}
	actual[string(bUniversities)] = decodeAll[model.University](c, bUniversities, nil)
	actual[string(bPlatforms)] = decodeAll[model.Platform](c, bPlatforms, nil)
	actual[string(bQuotas)] = decodeAll[model.Quota](c, bQuotas, nil)
	actual[string(bUsers)] = decodeAll[model.User](c, bUsers, nil)
	plain := 0
	students = decodeParallel(c, bStudents, func(k []byte, s model.Student) {
		if s.Key() != string(k) {
			c.recordf("student stored under %q is %q", k, s.Key())
		}
		if s.Sealed == nil && (s.IDNumber != "" || s.Mobile != "") {
			plain++
		}
	})
	actual[string(bStudents)] = students
	if plain > 0 {
		c.report(PartNotes, fmt.Sprintf("%d students keep their ID number or mobile in clear (the next office login encrypts them)", plain))
	}

	// Every placement's index entries must exist, and every index entry must
	// be one of them: a set of expected keys per index, built in one pass.
	want := map[string]map[string]bool{}
	for _, b := range [][]byte{bPlcStudent, bPlcPlatform, bPlcStatus, bPlcQuota} {
		want[string(b)] = map[string]bool{}
	}
	placements = decodeParallel(c, bPlacements, func(k []byte, p model.Placement) {
		if p.No != string(k) {
			c.recordf("placement stored under %q is %q", k, p.No)
		}
		for _, idx := range []model.PlacementIndex{model.ByStudent, model.ByPlatform, model.ByStatus} {
			b := (&tx{}).indexBucket(idx)
			want[string(b)][placementIndexValue(p, idx)+"\x00"+p.No] = true
		}
		for key := range quotaKeys(p) {
			want[string(bPlcQuota)][key] = true
		}
	})
	actual[string(bPlacements)] = placements
	for _, b := range [][]byte{bPlcStudent, bPlcPlatform, bPlcStatus, bPlcQuota} {
		c.compareIndex(b, want[string(b)])
	}

	wantAppt := map[string]bool{}
	actual[string(bAppointments)] = decodeAll(c, bAppointments, func(k []byte, a model.Appointment) {
		c.step()
		if len(k) != 8 || binary.BigEndian.Uint64(k) != a.ID {
			c.recordf("appointment stored under %x has ID %d", k, a.ID)
		}
		wantAppt[a.Platform+"\x00"+string(itob(a.ID))] = true
	})
	c.compareIndex(bApptPlatform, wantAppt)

	if kept, ok := readCounts(c.btx.Bucket(bMeta)); ok {
		for _, name := range counted {
			if kept[string(name)] != actual[string(name)] {
				c.recordf("%s: %d records, %d recorded", name, actual[string(name)], kept[string(name)])
			}
		}
	}
	return students, placements
}

// compareIndex reports index entries that point nowhere and expected entries
// that are missing.
func (c *checker) compareIndex(bucket []byte, want map[string]bool) {
	seen := 0
	cur := c.btx.Bucket(bucket).Cursor()
	for k, _ := cur.First(); k != nil; k, _ = cur.Next() {
		if want[string(k)] {
			seen++
		} else {
			c.recordf("index %s has a stray entry %q", bucket, k)
		}
	}
	if seen == len(want) {
		return
	}
	for k := range want {
		if c.btx.Bucket(bucket).Get([]byte(k)) == nil {
			c.recordf("index %s misses %q", bucket, k)
		}
	}
}

// audit walks the audit entries: each must follow the previous one in
// sequence, carry its hash as Prev and hash to its own Hash; the last must match
// the head recorded apart from the entries.
func (c *checker) audit() (n int) {
	plain := 0
	prev := ""
	var seq uint64
	cur := c.btx.Bucket(bAudit).Cursor()
	auditf := func(format string, args ...any) { c.report(PartAudit, fmt.Sprintf(format, args...)) }
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		n++
		c.step()
		var e model.AuditEntry
		if err := json.Unmarshal(v, &e); err != nil {
			auditf("audit entry %x does not decode: %v", k, err)
			continue
		}
		switch {
		case e.Seq != seq+1:
			auditf("audit entry missing before #%s", u64(e.Seq))
		case e.Prev != prev:
			auditf("audit entry #%s does not follow its predecessor", u64(e.Seq))
		}
		if e.ComputeHash() != e.Hash {
			auditf("audit entry #%s was altered", u64(e.Seq))
		}
		if plainStudentEntry(e) {
			plain++
		}
		prev, seq = e.Hash, e.Seq
	}
	if plain > 0 {
		c.report(PartNotes, fmt.Sprintf("%d audit entries keep a student's ID number or mobile in clear (the next office login encrypts them)", plain))
	}
	var hs uint64
	var hh string
	if v := c.btx.Bucket(bMeta).Get(headKey); len(v) >= 8 {
		hs, hh = binary.BigEndian.Uint64(v[:8]), string(v[8:])
	}
	if hs != seq || hh != prev {
		auditf("audit log ends at #%s but #%s was recorded last", u64(seq), u64(hs))
	}
	return n
}

// plainStudentEntry reports whether an audit entry holds a student whose ID
// number or mobile is in clear (written before encryption).
func plainStudentEntry(e model.AuditEntry) bool {
	if !strings.HasPrefix(e.Record, "student/") {
		return false
	}
	for _, m := range []json.RawMessage{e.Before, e.After} {
		var st model.Student
		if len(m) > 0 && json.Unmarshal(m, &st) == nil && st.Sealed == nil && (st.IDNumber != "" || st.Mobile != "") {
			return true
		}
	}
	return false
}

func u64(n uint64) string { return strconv.FormatUint(n, 10) }
