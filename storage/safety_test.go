package storage_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"secondment/model"
	"secondment/storage"
)

// filled is a data file with some records in every counted bucket, closed,
// and its path.
func filled(t *testing.T, students int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "desk.db")
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx model.Tx) error {
		tx.PutUniversity(model.University{Name: "温州大学"})
		tx.PutPlatform(model.Platform{Name: "瓯江实验室"})
		tx.PutUser(model.User{Name: "admin", Role: model.Office})
		for i := 0; i < students; i++ {
			if err := tx.PutStudent(model.Student{University: "温州大学", Number: fmt.Sprint(1000 + i), Name: "学生"}); err != nil {
				return err
			}
		}
		p := model.Placement{No: "XP2026-00001", StudentUniversity: "温州大学", StudentNumber: "1000", Platform: "瓯江实验室",
			Status: model.Approved, Start: model.MustDate("2026-09-01"), End: model.MustDate("2027-06-30")}
		if err := tx.PutPlacement(p); err != nil {
			return err
		}
		return tx.AppendAudit(&model.AuditEntry{Actor: "admin", Op: "test"})
	})
	if err != nil {
		t.Fatal(err)
	}
	// A second commit, so that the two meta pages hold different states.
	db.Update(func(tx model.Tx) error {
		tx.PutStudent(model.Student{University: "温州大学", Number: "9999", Name: "最后"})
		return tx.AppendAudit(&model.AuditEntry{Actor: "admin", Op: "test"})
	})
	db.Close()
	return path
}

// newestMetaPage returns the index (0 or 1) of the meta page of the last commit.
func newestMetaPage(t *testing.T, path string) int {
	t.Helper()
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var txid int
	b.View(func(tx *bolt.Tx) error { txid = tx.ID(); return nil })
	return txid % 2
}

func TestDamagedMetaPageRefusesWrites(t *testing.T) {
	path := filled(t, 30)
	page := newestMetaPage(t, path)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Garble the newest meta page's body (its checksum no longer matches):
	// bbolt alone would fall back to the previous commit and write over it.
	if _, err := f.WriteAt([]byte("damaged by a test"), int64(page*os.Getpagesize()+16+16)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before, _ := os.ReadFile(path)

	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatalf("a file with one good meta page should open for reading: %v", err)
	}
	if code := model.ErrorCode(db.Damage()); code != storage.EDamaged {
		t.Fatalf("Damage() code = %q; want %q (%v)", code, storage.EDamaged, db.Damage())
	}
	err = db.Update(func(tx model.Tx) error { return tx.PutUser(model.User{Name: "x", Role: model.Office}) })
	if !errors.Is(err, storage.ErrDamaged) {
		t.Fatalf("Update on a damaged file: %v", err)
	}
	if err := db.Bulk(func(model.Tx) error { return nil }); !errors.Is(err, storage.ErrDamaged) {
		t.Fatalf("Bulk on a damaged file: %v", err)
	}
	rep, err := db.Verify(nil)
	if err != nil || rep.OK() || !strings.Contains(strings.Join(rep.Pages, "\n"), "meta page") {
		t.Fatalf("Verify of a damaged file: %+v %v", rep, err)
	}
	if err := db.BackupFile(context.Background(), filepath.Join(t.TempDir(), "copy.db")); !errors.Is(err, storage.ErrDamaged) {
		t.Fatalf("a damaged file was backed up (the copy would hide the damage): %v", err)
	}
	db.Close()
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("the damaged file was written to")
	}
	// Read-only opening (check, lists) reports it too.
	ro, err := storage.Open(path, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if ro.Damage() == nil {
		t.Fatal("read-only open missed the damage")
	}
}

func TestDamageFoundOnOpening(t *testing.T) {
	edits := []struct {
		name string
		edit func(tx *bolt.Tx)
	}{
		{"last audit entry removed", func(tx *bolt.Tx) {
			k, _ := tx.Bucket([]byte("audit")).Cursor().Last()
			tx.Bucket([]byte("audit")).Delete(k)
		}},
		{"students lost", func(tx *bolt.Tx) {
			c := tx.Bucket([]byte("students")).Cursor()
			k, _ := c.First()
			tx.Bucket([]byte("students")).Delete(k)
		}},
		{"audit head rewritten", func(tx *bolt.Tx) {
			v := tx.Bucket([]byte("meta")).Get([]byte("audit_head"))
			w := append([]byte(nil), v...)
			w[len(w)-1] ^= 1
			tx.Bucket([]byte("meta")).Put([]byte("audit_head"), w)
		}},
	}
	for _, c := range edits {
		t.Run(c.name, func(t *testing.T) {
			path := filled(t, 20)
			b, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			b.Update(func(tx *bolt.Tx) error { c.edit(tx); return nil })
			b.Close()
			db, err := storage.Open(path, storage.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if model.ErrorCode(db.Damage()) != storage.EDamaged {
				t.Fatalf("not found on opening: %v", db.Damage())
			}
		})
	}
	// A sound file opens without damage.
	db, err := storage.Open(filled(t, 20), storage.Options{})
	if err != nil || db.Damage() != nil {
		t.Fatalf("sound file: %v %v", err, db.Damage())
	}
	db.Close()
}

func TestEmptyFileIsNeverMadeNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	os.WriteFile(path, nil, 0o600)
	for _, opt := range []storage.Options{{}, {ReadOnly: true}} {
		if _, err := storage.Open(path, opt); model.ErrorCode(err) != storage.EEmpty || !errors.Is(err, storage.ErrEmpty) {
			t.Fatalf("Open(%+v) of a 0-byte file: %v", opt, err)
		}
	}
	if fi, _ := os.Stat(path); fi.Size() != 0 {
		t.Fatal("the empty file was written")
	}
	// Only an explicit create makes it a data file.
	db, err := storage.Open(path, storage.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}

func TestCheckTarget(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "desk.db")
	db, err := storage.Open(dbPath, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	link := filepath.Join(dir, "link.db")
	os.Symlink(dbPath, link)
	hard := filepath.Join(dir, "hard.db")
	os.Link(dbPath, hard)
	wd, _ := os.Getwd()
	rel, _ := filepath.Rel(wd, dbPath)
	refused := []string{dbPath, filepath.Join(dir, "sub", "..", "desk.db"), rel, link, hard,
		filepath.Join(dir, ".backup-123"), filepath.Join(dir, ".restore-9")}
	for _, p := range refused {
		if err := storage.CheckTarget(dbPath, p); model.ErrorCode(err) != model.EInvalid || !errors.Is(err, storage.ErrTarget) {
			t.Errorf("CheckTarget(%q) = %v; want a refusal", p, err)
		}
		if err := db.BackupFile(context.Background(), p); !errors.Is(err, storage.ErrTarget) {
			t.Errorf("BackupFile(%q) = %v; want a refusal", p, err)
		}
	}
	if err := storage.CheckTarget(dbPath, filepath.Join(dir, "backup.db")); err != nil {
		t.Errorf("an ordinary target was refused: %v", err)
	}
	if fi, _ := os.Stat(dbPath); fi.Size() == 0 {
		t.Fatal("the data file was emptied")
	}
	// A folder that does not exist is named.
	err = db.BackupFile(context.Background(), filepath.Join(dir, "no", "such", "b.db"))
	if model.ErrorCode(err) != model.ENotFound {
		t.Errorf("backup into a missing folder: %v", err)
	}
}

func TestVerifyFindsIndexAndCountFaults(t *testing.T) {
	path := filled(t, 10)
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Update(func(tx *bolt.Tx) error {
		st := tx.Bucket([]byte("idx_placement_status"))
		c := st.Cursor()
		k, _ := c.First()
		st.Delete(k)
		st.Put([]byte("draft\x00XP2026-09999"), nil)
		return nil
	})
	b.Close()
	db, err := storage.Open(path, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var calls int
	rep, err := db.Verify(func(done, total int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(rep.Records, "\n")
	if !strings.Contains(all, "misses") || !strings.Contains(all, "stray") {
		t.Fatalf("index faults not reported: %v", rep.Records)
	}
	if calls < 2 || rep.Students != 11 || rep.Placements != 1 || rep.AuditEntries != 2 {
		t.Fatalf("progress calls %d, report %+v", calls, rep)
	}
}

func TestAutoBackupGenerations(t *testing.T) {
	path := filled(t, 5)
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	day := time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local)
	for i := 0; i < storage.KeepDaily+3; i++ {
		now := day.AddDate(0, 0, i)
		if p, err := db.AutoBackup(storage.DailyBackup, now); err != nil || p == "" {
			t.Fatalf("daily %d: %q %v", i, p, err)
		}
		if p, err := db.AutoBackup(storage.DailyBackup, now.Add(time.Hour)); err != nil || p != "" {
			t.Fatalf("a second daily backup on the same day: %q %v", p, err)
		}
		if _, err := db.AutoBackup("import", now.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	list, err := db.AutoBackups()
	if err != nil {
		t.Fatal(err)
	}
	daily, events := 0, 0
	for _, p := range list {
		if strings.Contains(p, "-daily-") {
			daily++
		} else {
			events++
		}
		if err := storage.VerifyFile(p, nil); err != nil {
			t.Errorf("generation %s does not verify: %v", p, err)
		}
	}
	if daily != storage.KeepDaily || events != storage.KeepEvents {
		t.Fatalf("kept %d daily and %d event backups; want %d and %d", daily, events, storage.KeepDaily, storage.KeepEvents)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "backups", "desk-daily-2026-11-01.db")); err == nil {
		t.Error("the oldest daily backup was not removed")
	}
}

func TestCountsKeptAcrossUpdates(t *testing.T) {
	path := filled(t, 3)
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Replacing a record does not count it twice; a new one counts.
	db.Update(func(tx model.Tx) error {
		tx.PutStudent(model.Student{University: "温州大学", Number: "1000", Name: "改名"})
		return tx.PutStudent(model.Student{University: "温州大学", Number: "5000", Name: "新"})
	})
	db.Close()
	db, err = storage.Open(path, storage.Options{})
	if err != nil || db.Damage() != nil {
		t.Fatalf("%v %v", err, db.Damage())
	}
	defer db.Close()
	if rep, _ := db.Verify(nil); !rep.OK() || rep.Students != 5 {
		t.Fatalf("%+v", rep)
	}
}

// TestOlderFileWithoutNewBucketsVerifies: a backup made before a bucket was
// added is not damaged.
func TestOlderFileWithoutNewBucketsVerifies(t *testing.T) {
	path := filled(t, 3)
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Update(func(tx *bolt.Tx) error {
		var extra [][]byte
		tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			if strings.HasPrefix(string(name), "eval") {
				extra = append(extra, append([]byte(nil), name...))
			}
			return nil
		})
		for _, name := range extra {
			tx.DeleteBucket(name)
		}
		return nil
	})
	b.Close()
	if err := storage.VerifyFile(path, nil); err != nil {
		t.Fatal(err)
	}
}
