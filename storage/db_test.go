package storage_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"secondment/model"
	"secondment/storage"
)

// MustOpen opens a new data file in a temporary folder.
func MustOpen(tb testing.TB) *storage.DB {
	tb.Helper()
	db, err := storage.Open(filepath.Join(tb.TempDir(), "test.db"), storage.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestPlacementIndexesFollowChanges(t *testing.T) {
	db := MustOpen(t)
	p := model.Placement{No: "XP2026-00001", StudentUniversity: "温州大学", StudentNumber: "1", Platform: "瓯江实验室", Status: model.Draft}
	q := p
	q.No, q.Platform = "XP2026-00002", "浙南科技城孵化器"
	err := db.Update(func(tx model.Tx) error {
		if err := tx.PutPlacement(p); err != nil {
			return err
		}
		if err := tx.PutPlacement(q); err != nil {
			return err
		}
		p.Status = model.Approved
		return tx.PutPlacement(p)
	})
	if err != nil {
		t.Fatal(err)
	}
	db.View(func(tx model.Tx) error {
		check := func(idx model.PlacementIndex, value string, want ...string) {
			t.Helper()
			got, err := tx.PlacementsBy(idx, value)
			if err != nil {
				t.Fatal(err)
			}
			var nos []string
			for _, p := range got {
				nos = append(nos, p.No)
			}
			if len(nos) != len(want) || (len(want) > 0 && nos[0] != want[0]) {
				t.Errorf("PlacementsBy(%d, %q) = %v; want %v", idx, value, nos, want)
			}
		}
		check(model.ByStatus, model.Draft, "XP2026-00002")
		check(model.ByStatus, model.Approved, "XP2026-00001")
		check(model.ByPlatform, "瓯江实验室", "XP2026-00001")
		check(model.ByStudent, model.StudentKey("温州大学", "1"), "XP2026-00001", "XP2026-00002")
		return nil
	})
}

func TestRolledBackUpdateWritesNothing(t *testing.T) {
	db := MustOpen(t)
	before, _ := os.ReadFile(db.Path())
	boom := errors.New("refused")
	err := db.Update(func(tx model.Tx) error {
		tx.PutUser(model.User{Name: "someone", Role: model.Office})
		return boom
	})
	if err != boom {
		t.Fatalf("err = %v", err)
	}
	after, _ := os.ReadFile(db.Path())
	if !bytes.Equal(before, after) {
		t.Fatal("a rolled-back update changed the file")
	}
	db.View(func(tx model.Tx) error {
		if _, err := tx.User("someone"); err != model.ErrNotFound {
			t.Fatalf("user after rollback: %v", err)
		}
		return nil
	})
}

func TestAuditAppendChains(t *testing.T) {
	db := MustOpen(t)
	db.Update(func(tx model.Tx) error {
		for i := 0; i < 3; i++ {
			if err := tx.AppendAudit(&model.AuditEntry{Actor: "admin", Op: "test"}); err != nil {
				t.Fatal(err)
			}
		}
		return nil
	})
	db.View(func(tx model.Tx) error {
		prev := ""
		n := 0
		tx.EachAudit(func(e model.AuditEntry) error {
			n++
			if e.Seq != uint64(n) || e.Prev != prev || e.ComputeHash() != e.Hash {
				t.Errorf("entry %d does not chain: %+v", n, e)
			}
			prev = e.Hash
			return nil
		})
		if seq, head := tx.AuditHead(); seq != 3 || head != prev {
			t.Errorf("head = %d %s", seq, head)
		}
		return nil
	})
}

// TestHelperHoldFile is not a test: TestSecondInstance runs it in another process
// to hold the data file open.
func TestHelperHoldFile(t *testing.T) {
	path := os.Getenv("SECONDMENT_HOLD")
	if path == "" {
		t.Skip("helper process only")
	}
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	os.WriteFile(path+".ready", nil, 0o600)
	time.Sleep(20 * time.Second)
}

func TestSecondInstanceIsRefusedQuickly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "held.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldFile$")
	cmd.Env = append(os.Environ(), "SECONDMENT_HOLD="+path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	for i := 0; ; i++ {
		if _, err := os.Stat(path + ".ready"); err == nil {
			break
		}
		if i > 200 {
			t.Fatal("helper process did not open the file")
		}
		time.Sleep(50 * time.Millisecond)
	}
	start := time.Now()
	_, err := storage.Open(path, storage.Options{})
	if !errors.Is(err, storage.ErrLocked) {
		t.Fatalf("second open: %v; want ErrLocked", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("second open took %v", d)
	}
	if _, err := storage.Open(path, storage.Options{ReadOnly: true}); !errors.Is(err, storage.ErrLocked) {
		t.Fatalf("second read-only open: %v; want ErrLocked", err)
	}
}

func TestForeignAndDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	cases := map[string][]byte{
		"text file":  []byte("这不是数据文件\n"),
		"zeros":      make([]byte, 64*1024),
		"pdf header": append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0xff}, 8192)...),
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name+".db")
			os.WriteFile(path, content, 0o600)
			db, err := storage.Open(path, storage.Options{})
			if err == nil {
				db.Close()
				t.Fatal("opened a foreign file")
			}
			if !errors.Is(err, storage.ErrCorrupt) {
				t.Fatalf("err = %v; want ErrCorrupt", err)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(after, content) {
				t.Fatal("opening a foreign file changed it")
			}
		})
	}
}

func TestDamagedPagesNeverPanic(t *testing.T) {
	db := MustOpen(t)
	db.Update(func(tx model.Tx) error {
		for i := 0; i < 2000; i++ {
			tx.PutUser(model.User{Name: "user" + string(rune('a'+i%26)) + time.Duration(i).String(), Role: model.Office})
		}
		return nil
	})
	path := db.Path()
	db.Close()
	data, _ := os.ReadFile(path)
	// Scribble over the data pages, leaving the two meta pages intact.
	for i := 4 * 4096; i < len(data); i += 97 {
		data[i] ^= 0x5a
	}
	os.WriteFile(path, data, 0o600)
	db2, err := storage.Open(path, storage.Options{})
	if err != nil {
		if !errors.Is(err, storage.ErrCorrupt) {
			t.Fatalf("open: %v", err)
		}
		return
	}
	defer db2.Close()
	problems, err := db2.Check()
	if err == nil && len(problems) == 0 {
		err = db2.View(func(tx model.Tx) error { return tx.EachUser(func(model.User) error { return nil }) })
	}
	if err == nil && len(problems) == 0 {
		t.Fatal("damage went unnoticed")
	}
}
