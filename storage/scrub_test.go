package storage_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"secondment/model"
	"secondment/storage"
)

// A transaction that frees values it asks to be scrubbed; ScrubNow overwrites
// the free pages at once when no reader is open, and leaves the work to the
// next Open when one is (it may still read those pages).
func TestFreedValuesAreScrubbed(t *testing.T) {
	const secret = "13811112222"
	for _, reader := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "desk.db")
		db, err := storage.Open(path, storage.Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		st := model.Student{Number: "WZU2020001", Name: "旧生", University: "温州大学", Mobile: secret}
		if err := db.Update(func(tx model.Tx) error { return tx.PutStudent(st) }); err != nil {
			t.Fatal(err)
		}
		st.Mobile = "138****2222"
		if err := db.Update(func(tx model.Tx) error {
			if err := tx.PutStudent(st); err != nil {
				return err
			}
			return tx.ScrubFreed()
		}); err != nil {
			t.Fatal(err)
		}
		var n int
		if reader {
			err = db.View(func(model.Tx) error { n, err = db.ScrubNow(); return err })
		} else {
			n, err = db.ScrubNow()
		}
		if err != nil || (n > 0) == reader {
			t.Fatalf("reader open %v: scrubbed %d pages, %v", reader, n, err)
		}
		db.Close()
		raw, _ := os.ReadFile(path)
		if bytes.Contains(raw, []byte(secret)) != reader {
			t.Fatalf("reader open %v: the freed value is in the file: %v", reader, !reader)
		}
		if !reader {
			continue
		}
		db, err = storage.Open(path, storage.Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		if db.Scrubbed() == 0 {
			t.Error("opening did not scrub what was asked")
		}
		if problems, err := db.Check(); err != nil || len(problems) > 0 {
			t.Errorf("after the scrub: %v %v", problems, err)
		}
		got, err := func() (s model.Student, err error) {
			err = db.View(func(tx model.Tx) error { s, err = tx.Student("温州大学", "WZU2020001"); return err })
			return
		}()
		if err != nil || got.Mobile != st.Mobile {
			t.Errorf("after the scrub the record reads %+v, %v", got, err)
		}
		db.Close()
		if raw, _ := os.ReadFile(path); bytes.Contains(raw, []byte(secret)) {
			t.Error("opening left the freed value in the file")
		}
	}
}
