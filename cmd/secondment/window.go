package main

import (
	"errors"
	"os/exec"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"secondment/cli"
	"secondment/demo"
	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
	"secondment/storage"
	"secondment/ui"
)

// openWindow runs the desktop client on the data file, made on first start. A
// file that cannot be opened (in use, damaged, foreign) gets a screen that
// says why and offers to retry or to restore a backup.
func openWindow(dbPath string, lang i18n.Lang) error {
	hideOwnConsole()
	a := app.NewWithID("cn.wenzhou.secondment-desk")
	if a.Preferences().String("lang") == "" {
		a.Preferences().SetString("lang", string(lang))
	}
	w := a.NewWindow("研究生选派工作台 Secondment Desk")
	var db *storage.DB
	var start func()
	start = func() {
		var err error
		if db, err = storage.Open(dbPath, storage.Options{}); err != nil {
			l := i18n.Parse(a.Preferences().String("lang"))
			ui.ShowProblem(a, w, ui.Problem{
				Text:    cli.Explain(l, dbPath, err),
				Damaged: errors.Is(err, storage.ErrCorrupt) || errors.Is(err, storage.ErrNewerSchema),
				Restore: func(backup, user, password string) error {
					_, err := cli.Restore(dbPath, backup, user, password, time.Now())
					return err
				},
				Explain: func(err error) string { return cli.Explain(l, dbPath, err) },
				Retry:   start,
			})
			return
		}
		svc := dispatch.New(db)
		u := ui.New(a, w, svc, ui.Config{
			DBPath: dbPath,
			Open:   openWithSystem,
			LoadDemo: func(sess *dispatch.Session) error {
				_, err := svc.LoadDataset(sess, demo.Generate(500, uint64(time.Now().UnixNano()), model.DateOf(time.Now())), "demo")
				return err
			},
		})
		u.Start()
	}
	start()
	w.Resize(fyne.NewSize(1280, 760))
	w.ShowAndRun()
	if db != nil {
		db.Close()
	}
	return nil
}

// openWithSystem hands a file to the platform's opener with its plain path
// (file:// URLs with Chinese percent-encoded break on Chinese Windows).
func openWithSystem(path string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", path)
	case "darwin":
		cmd = exec.Command("open", path)
	default:
		cmd = exec.Command("xdg-open", path)
	}
	return cmd.Start()
}
