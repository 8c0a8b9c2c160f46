//go:build !windows

package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"secondment/model"
)

func TestFullDiskIsSaidPlainly(t *testing.T) {
	for _, cause := range []error{
		&os.PathError{Op: "write", Path: "/x/desk.db", Err: syscall.ENOSPC},
		fmt.Errorf("commit: %w", &os.PathError{Op: "truncate", Path: "/x/desk.db", Err: syscall.EDQUOT}),
	} {
		err := mapIO(cause, "/x/desk.db")
		if model.ErrorCode(err) != EDiskFull || !errors.Is(err, ErrDiskFull) || !errors.Is(err, syscall.ENOSPC) && !errors.Is(err, syscall.EDQUOT) {
			t.Errorf("mapIO(%v) = %v", cause, err)
		}
	}
	refusal := model.Errorf(model.ERule, "quota.full")
	if mapIO(refusal, "") != refusal {
		t.Error("a refusal the rules made was rewritten")
	}
	if model.ErrorCode(mapIO(&os.PathError{Op: "open", Err: os.ErrPermission}, "p")) != EUnreadable {
		t.Error("permission denied not mapped")
	}
}

// TestFullDiskOnARealFileSystem fills a small tmpfs (where the test may mount
// one: root on Linux) and checks that a commit and a backup that cannot be
// written say the disk is full and leave the data file as it was.
func TestFullDiskOnARealFileSystem(t *testing.T) {
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root on Linux")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	path := filepath.Join(dir, "desk.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx model.Tx) error { return tx.PutUser(model.User{Name: "admin", Role: model.Office}) }); err != nil {
		t.Fatal(err)
	}
	filler, _ := os.Create(filepath.Join(dir, "filler"))
	filler.Write(make([]byte, 1<<20)) // fills the rest, stops at ENOSPC
	filler.Close()
	before, _ := os.ReadFile(path)

	err = db.Update(func(tx model.Tx) error {
		for i := 0; i < 2000; i++ {
			if err := tx.PutStudent(model.Student{University: "温州大学", Number: fmt.Sprint(i), Name: strings.Repeat("名", 100)}); err != nil {
				return err
			}
		}
		return nil
	})
	if model.ErrorCode(err) != EDiskFull {
		t.Fatalf("commit on a full disk: %v", err)
	}
	// bbolt may have grown the file (sparse) before the write failed: what
	// counts is that the records are as they were.
	if after, _ := os.ReadFile(path); !bytes.Equal(before[:2*os.Getpagesize()], after[:2*os.Getpagesize()]) {
		t.Error("a failed commit changed the meta pages")
	}
	if rep, err := db.Verify(nil); err != nil || !rep.OK() || rep.Students != 0 {
		t.Errorf("after a failed commit: %+v %v", rep, err)
	}
	os.Remove(filepath.Join(dir, "filler"))
	filler, _ = os.Create(filepath.Join(dir, "filler"))
	filler.Write(make([]byte, 1<<20))
	filler.Close()
	if err := db.BackupFile(context.Background(), filepath.Join(dir, "b.db")); model.ErrorCode(err) != EDiskFull {
		t.Fatalf("backup on a full disk: %v", err)
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, ".backup-*")); len(matches) > 0 {
		t.Errorf("a failed backup left %v", matches)
	}
}
