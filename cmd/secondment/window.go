package main

import (
	"os/exec"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
	"secondment/storage"
	"secondment/ui"
)

// openWindow runs the desktop client on the data file, made on first start.
func openWindow(dbPath string, lang i18n.Lang) error {
	db, err := storage.Open(dbPath, storage.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	svc := dispatch.New(db)
	a := app.NewWithID("cn.wenzhou.secondment-desk")
	if a.Preferences().String("lang") == "" {
		a.Preferences().SetString("lang", string(lang))
	}
	w := a.NewWindow("研究生选派工作台 Secondment Desk")
	u := ui.New(a, w, svc, ui.Config{
		DBPath: dbPath,
		Open:   openWithSystem,
		LoadDemo: func(sess *dispatch.Session) error {
			_, err := svc.LoadDataset(sess, demo.Generate(500, uint64(time.Now().UnixNano()), model.DateOf(time.Now())), "demo")
			return err
		},
	})
	u.Start()
	w.Resize(fyne.NewSize(1280, 760))
	w.ShowAndRun()
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
