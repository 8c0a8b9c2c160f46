package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/model"
	"secondment/remote"
	"secondment/storage"
	"secondment/ui"
)

// TestCommandsGoThroughTheWindowHoldingTheFile opens the window on a data
// file as openWindow does (file, holder endpoint, window), then runs the
// command line on the same file with --db, as a scheduled backup would: the
// commands are carried out by the window's process instead of being refused
// as 数据文件正被其他程序使用. Closing the window removes the description.
func TestCommandsGoThroughTheWindowHoldingTheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "held.db")
	db, err := storage.Open(path, storage.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := dispatch.New(db)
	sess, err := svc.Bootstrap("admin", "admin-密码-123", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.LoadDataset(sess, demo.Generate(30, 7, model.DateOf(time.Now())), "test"); err != nil {
		t.Fatal(err)
	}
	stop, err := hold(path, svc)
	if err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	u := ui.New(a, w, svc, ui.Config{DBPath: path, Go: func(f func()) { f() }})
	u.Start()
	if u.Screen() != "login" {
		t.Fatalf("screen %q", u.Screen())
	}

	env := map[string]string{"SECONDMENT_USER": "admin", "SECONDMENT_PASSWORD": "admin-密码-123"}
	backup := filepath.Join(dir, "nightly.db")
	if code, out, errs := inProcess(env, "--db", path, "backup", backup); code != 0 {
		t.Fatalf("backup while the window holds the file: exit %d\n%s%s", code, out, errs)
	}
	copyDB, err := storage.Open(backup, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("the backup does not open: %v", err)
	}
	copyDB.Close()
	code, out, errs := inProcess(env, "--db", path, "list", "students", "--json")
	if code != 0 || strings.Count(out, `"number"`) != 30 {
		t.Fatalf("list students: exit %d, %d students\n%s", code, strings.Count(out, `"number"`), errs)
	}
	// A change made by a script is the window's file changed: the window
	// sees it on its next reload.
	if code, _, errs := inProcess(env, "--db", path, "university", "add", "温州职业技术学院"); code != 0 {
		t.Fatalf("university add: exit %d %s", code, errs)
	}
	us, _ := svc.Universities(sess)
	found := false
	for _, x := range us {
		found = found || x.Name == "温州职业技术学院"
	}
	if !found {
		t.Error("the script's university is not in the window's service")
	}
	// A secret from elsewhere is refused.
	h, ok := remote.ReadHolder(path)
	if !ok {
		t.Fatal("no holder described")
	}
	if fi, err := os.Stat(remote.HolderPath(path)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("holder description: %v, mode %v", err, fi.Mode())
	}
	c, _ := remote.Dial(h.URL, remote.DialOptions{Secret: "guessed"})
	if _, err := c.Login("admin", "admin-密码-123"); err == nil {
		t.Error("a wrong secret was let in")
	}

	stop()
	if _, err := os.Stat(remote.HolderPath(path)); !os.IsNotExist(err) {
		t.Errorf("the holder description is left after the window closed: %v", err)
	}
}
