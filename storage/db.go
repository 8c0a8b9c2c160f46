// Package storage keeps the records in one bbolt file. It is the only package that
// knows bbolt: it hands out transactions that implement model.Tx, stores records as
// JSON and maintains the secondary indexes the rules look records up by.
package storage

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterr "go.etcd.io/bbolt/errors"

	"secondment/model"
)

// SchemaVersion is written into every data file; a file with a newer version is
// refused rather than misread.
const SchemaVersion = 1

// magic marks a bbolt file as a Secondment Desk data file.
const magic = "secondment-desk"

var (
	// ErrLocked means another program has the data file open.
	ErrLocked = errors.New("data file is in use by another program")
	// ErrCorrupt means the file is damaged or is not a Secondment Desk data file.
	ErrCorrupt = errors.New("data file is damaged or not a secondment data file")
	// ErrNewerSchema means the file was written by a newer version of the program.
	ErrNewerSchema = errors.New("data file was written by a newer version")
)

var (
	bMeta         = []byte("meta")
	bUniversities = []byte("universities")
	bPlatforms    = []byte("platforms")
	bStudents     = []byte("students")
	bPlacements   = []byte("placements")
	bPlcStudent   = []byte("idx_placement_student")
	bPlcPlatform  = []byte("idx_placement_platform")
	bPlcStatus    = []byte("idx_placement_status")
	bPlcQuota     = []byte("idx_placement_quota")
	bAgreementSeq = []byte("agreement_seq")
	bAppointments = []byte("appointments")
	bApptPlatform = []byte("idx_appointment_platform")
	bQuotas       = []byte("quotas")
	bUsers        = []byte("users")
	bAudit        = []byte("audit")
)

var allBuckets = [][]byte{bMeta, bUniversities, bPlatforms, bStudents, bPlacements, bPlcStudent, bPlcPlatform,
	bPlcStatus, bPlcQuota, bAgreementSeq, bAppointments, bApptPlatform, bQuotas, bUsers, bAudit,
	bEvalYears, bEvalSchemes, bEvalFigures, bEvalResults}

// DB is an open data file.
type DB struct {
	bolt     *bolt.DB
	path     string
	readOnly bool
	// damage lists what inspect found wrong when the file was opened; a file
	// with damage refuses writes until it is restored.
	damage []string
	scrubbed int          // free pages overwritten (see ScrubNow)
	readers  atomic.Int64 // read transactions open (see ScrubNow)
}

// Options tune Open.
type Options struct {
	// ReadOnly opens the file with a shared lock and refuses writes.
	ReadOnly bool
	// Create allows an existing empty (0-byte) file to be made into a new data
	// file: only for an explicit "make a new file" (init, or the window's first
	// start once the user agreed). A missing file is always created unless
	// ReadOnly.
	Create bool
	// Timeout bounds the wait for another program to release the file (default 1 s).
	Timeout time.Duration
	// NoSync skips fsync: only for generating throw-away data in tests.
	NoSync bool
}

// Open opens the data file at path, creating it (and its folder) if it does not
// exist, unless ReadOnly. It returns ErrLocked if another program holds the
// file, ErrCorrupt if the file is damaged beyond opening or foreign,
// ErrNewerSchema if a newer program wrote it, an EEmpty error for a 0-byte file
// (unless Options.Create), an EUnreadable error when the system refuses access
// and an EDiskFull error when a new file cannot be made for lack of space.
//
// A file that opens but shows damage (a bad meta page, an audit head that does
// not match the last entry, record counts that disagree) is returned with
// Damage set: it can be read and checked, but Update and Bulk refuse to write.
func Open(path string, opt Options) (db *DB, err error) {
	if opt.Timeout == 0 {
		opt.Timeout = time.Second
	}
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return nil, fmt.Errorf("%w: %q is a folder", ErrCorrupt, path)
	case err == nil && fi.Size() == 0 && (opt.ReadOnly || !opt.Create):
		return nil, emptyError(path)
	case errors.Is(err, fs.ErrNotExist) && !opt.ReadOnly:
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, mapIO(fmt.Errorf("create folder for %q: %w", path, err), path)
		}
	case err != nil:
		return nil, mapIO(fmt.Errorf("open %q: %w", path, err), path)
	}
	defer unguard(guard(), &err)
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opt.Timeout, ReadOnly: opt.ReadOnly, NoSync: opt.NoSync,
		InitialMmapSize: initialMmap(opt.ReadOnly)})
	switch {
	case errors.Is(err, bolterr.ErrTimeout):
		return nil, ErrLocked
	case errors.Is(err, bolterr.ErrInvalid), errors.Is(err, bolterr.ErrChecksum), errors.Is(err, bolterr.ErrVersionMismatch):
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	case err != nil && (errors.Is(err, fs.ErrPermission) || isDiskFull(err)):
		return nil, mapIO(fmt.Errorf("open %q: %w", path, err), path)
	case err != nil:
		// bbolt reports short or garbled files with plain errors.
		if fi, serr := os.Stat(path); serr == nil && fi.Size() > 0 {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		return nil, fmt.Errorf("open %q: %w", path, err)
	}
	db = &DB{bolt: b, path: path, readOnly: opt.ReadOnly}
	if db.damage, err = db.inspect(); err != nil {
		b.Close()
		return nil, err
	}
	if err := db.initialize(); err != nil {
		b.Close()
		return nil, mapIO(err, path)
	}
	if _, err := db.ScrubNow(); err != nil {
		b.Close()
		return nil, err
	}
	return db, nil
}

// Scrubbed returns how many free pages this process overwrote (see ScrubNow).
func (db *DB) Scrubbed() int { return db.scrubbed }

// initialize creates the buckets of a new file and checks the marks of an old one.
func (db *DB) initialize() error {
	check := func(tx *bolt.Tx) error {
		meta := tx.Bucket(bMeta)
		if meta == nil {
			return nil
		}
		if string(meta.Get([]byte("magic"))) != magic {
			return ErrCorrupt
		}
		var v int
		fmt.Sscan(string(meta.Get([]byte("schema"))), &v)
		if v > SchemaVersion {
			return ErrNewerSchema
		}
		return nil
	}
	if db.readOnly {
		return db.bolt.View(func(tx *bolt.Tx) error {
			if tx.Bucket(bMeta) == nil {
				return ErrCorrupt
			}
			return check(tx)
		})
	}
	// A file with buckets but no meta bucket belongs to another program.
	empty := true
	db.bolt.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
	})
	if err := db.bolt.View(check); err != nil {
		return err
	}
	hasMeta := false
	db.bolt.View(func(tx *bolt.Tx) error { hasMeta = tx.Bucket(bMeta) != nil; return nil })
	if !empty && !hasMeta {
		return ErrCorrupt
	}
	if hasMeta && db.allBucketsExist() {
		return nil // nothing to write: opening an existing file leaves it byte-identical
	}
	if len(db.damage) > 0 {
		return nil // never write to a damaged file; its reads fail where buckets lack
	}
	return db.bolt.Update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bMeta)
		if meta.Get([]byte("magic")) == nil {
			meta.Put([]byte("magic"), []byte(magic))
			meta.Put([]byte("schema"), []byte(fmt.Sprint(SchemaVersion)))
		}
		return nil
	})
}

func (db *DB) allBucketsExist() bool {
	ok := true
	db.bolt.View(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if tx.Bucket(name) == nil {
				ok = false
			}
		}
		return nil
	})
	return ok
}

// Path returns the file's path.
func (db *DB) Path() string { return db.path }

// Close releases the file.
func (db *DB) Close() error { return db.bolt.Close() }

// View runs fn in a read-only transaction.
func (db *DB) View(fn func(model.Tx) error) (err error) {
	defer unguard(guard(), &err)
	return db.read(func(btx *bolt.Tx) error { return fn(&tx{btx: btx}) })
}

// Update runs fn in a read-write transaction, committed (and synced) if fn returns
// nil and rolled back otherwise: a refused operation writes nothing. On a file
// opened read-only it returns bbolt's read-only error; on a damaged file (see
// Damage) that error wrapped with ErrDamaged; when the disk is full, an
// EDiskFull error (nothing is written).
func (db *DB) Update(fn func(model.Tx) error) (err error) {
	return db.update(fn, 0)
}

func (db *DB) update(fn func(model.Tx) error, fill float64) (err error) {
	switch {
	case len(db.damage) > 0:
		return fmt.Errorf("update: %w (%w)", bolterr.ErrDatabaseReadOnly, ErrDamaged)
	case db.readOnly:
		return fmt.Errorf("update: %w", bolterr.ErrDatabaseReadOnly)
	}
	defer unguard(guard(), &err)
	err = db.bolt.Update(func(btx *bolt.Tx) error {
		t := &tx{btx: btx, fill: fill}
		if err := fn(t); err != nil {
			return err
		}
		return t.flushCounts()
	})
	return mapIO(err, db.path)
}

// guard makes a memory fault in the mapped file recoverable for the calling
// goroutine; bbolt follows page pointers blindly, so a damaged page can send it
// outside the mapping. Use as: defer unguard(guard(), &err).
func guard() bool { return debug.SetPanicOnFault(true) }

// unguard restores the fault setting and turns a panic inside bbolt (raised on
// damaged pages, or a fault made recoverable by guard) into ErrCorrupt, so a
// damaged file never crashes the program.
func unguard(old bool, err *error) {
	debug.SetPanicOnFault(old)
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w: %v", ErrCorrupt, r)
	}
}

// Backup writes a consistent copy of the file to w while it stays in use.
func (db *DB) Backup(w io.Writer) (n int64, err error) {
	defer unguard(guard(), &err)
	err = db.read(func(btx *bolt.Tx) error {
		n, err = btx.WriteTo(w)
		return err
	})
	return n, err
}

// Check verifies the file's page structure (bbolt's consistency check). It
// returns the problems found, at most 20.
func (db *DB) Check() (problems []string, err error) {
	defer unguard(guard(), &err)
	err = db.read(func(btx *bolt.Tx) error {
		for e := range btx.Check() {
			if len(problems) < 20 {
				problems = append(problems, e.Error())
			}
		}
		return nil
	})
	return problems, err
}

// Bulk runs fn in a read-write transaction tuned for loading many records in key
// order (sample data, imports): pages are filled fuller before they split.
func (db *DB) Bulk(fn func(model.Tx) error) error {
	return db.update(fn, 0.9)
}

// initialMmap reserves address space for the file to grow into. bbolt maps
// the file at 32 KiB and doubles the mapping as it grows; each remapping during
// a write copies every page that write has touched onto the heap and waits for
// every reader to finish. A 100,000-row import remapped a dozen times and
// allocated 1.2 GB doing so. Reserving 1 GiB of address space costs no memory
// on Linux and macOS; on Windows bbolt would grow the file itself to the
// mapping's size, so there the file keeps bbolt's default.
func initialMmap(readOnly bool) int {
	if readOnly || runtime.GOOS == "windows" || strconv.IntSize < 64 {
		return 0
	}
	return 1 << 30
}
