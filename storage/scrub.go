package storage

import (
	"os"

	bolt "go.etcd.io/bbolt"
)

// Scrubbing: bbolt frees a page by listing it, and leaves what it held. After
// the migration that encrypted a file's personal data, every ID number and
// mobile was still readable in the pages the clear records had used. A
// transaction that frees such values asks for a scrub (model.Tx.ScrubFreed);
// ScrubNow, or the next Open, then writes zeros over every free page.
//
// A free page may still be read by a read transaction that began before the
// page was freed. At opening there is none; ScrubNow goes ahead only when no
// read transaction at all is open, and leaves the scrub to the next Open
// otherwise. A reader that begins meanwhile reads the newest commit, which
// uses no free page. The zeros go through a second handle, as bbolt's own
// writes do, inside a write transaction, which holds bbolt's writer lock.

// ScrubNow scrubs the file if a transaction asked for it and no read
// transaction is open; it reports how many pages it overwrote.
func (db *DB) ScrubNow() (int, error) {
	if db.readOnly || len(db.damage) > 0 {
		return 0, nil
	}
	tx, err := db.bolt.Begin(true)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if tx.Bucket(bMeta).Get(scrubKey) == nil || db.readers.Load() > 0 {
		return 0, nil
	}
	n, err := db.zeroFreePages(tx)
	if err != nil {
		return n, mapIO(err, db.path)
	}
	if err := tx.Bucket(bMeta).Delete(scrubKey); err != nil {
		return n, err
	}
	db.scrubbed += n
	return n, mapIO(tx.Commit(), db.path)
}

// zeroFreePages writes zeros over every page free in tx and returns their
// count.
func (db *DB) zeroFreePages(tx *bolt.Tx) (int, error) {
	f, err := os.OpenFile(db.path, os.O_WRONLY, 0)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	size := db.bolt.Info().PageSize
	zero := make([]byte, size)
	n := 0
	for id := 2; ; id++ {
		p, err := tx.Page(id)
		if err != nil {
			return n, err
		}
		if p == nil {
			break // past the last page
		}
		if p.Type != "free" {
			continue
		}
		if _, err := f.WriteAt(zero, int64(id)*int64(size)); err != nil {
			return n, err
		}
		n++
	}
	return n, f.Sync()
}

// read runs fn in a read transaction, counted for ScrubNow.
func (db *DB) read(fn func(*bolt.Tx) error) error {
	db.readers.Add(1)
	defer db.readers.Add(-1)
	return db.bolt.View(fn)
}
