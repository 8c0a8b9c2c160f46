package ui

import (
	"os"
	"path/filepath"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/storage/repository"

	"secondment/storage"
)

// Fyne's save dialog opens the chosen file for writing — truncating it — before
// it hands the file over, and only then may the program decide against writing
// (a refused export, the data file itself chosen as a backup target). That
// emptied data files. The window writes every file itself, whole, through a
// temporary file renamed into place, and uses the dialog only to learn the
// path: so the file repository's writers here open nothing until first written
// to, and the dialog's writer is closed unused.

// fileRepo is what Fyne's own file repository implements; the wrapper keeps all
// of it but Writer.
type fileRepo interface {
	repository.Repository
	repository.WritableRepository
	repository.AppendableRepository
	repository.ListableRepository
	repository.HierarchicalRepository
	repository.CopyableRepository
	repository.MovableRepository
}

// deferredFiles is the file repository whose writers open the file lazily.
// While a save dialog is open it also answers that no file exists, so that
// the window, not Fyne, asks whether to replace one — in the clerk's language
// (Fyne's question is in English only).
type deferredFiles struct {
	fileRepo
	saving *atomic.Bool
}

// savingNow is set while one of the window's save dialogs is open.
var savingNow atomic.Bool

func (r deferredFiles) Exists(u fyne.URI) (bool, error) {
	if r.saving.Load() {
		if info, err := os.Stat(u.Path()); err == nil && !info.IsDir() {
			return false, nil
		}
	}
	return r.fileRepo.Exists(u)
}

// Writer returns a writer that creates (truncates) the file only when first
// written to; closed unwritten, it leaves the file as it was.
func (r deferredFiles) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	return &lazyWriter{uri: u}, nil
}

type lazyWriter struct {
	uri fyne.URI
	f   *os.File
}

func (w *lazyWriter) URI() fyne.URI { return w.uri }

func (w *lazyWriter) Write(p []byte) (int, error) {
	if w.f == nil {
		f, err := os.Create(w.uri.Path())
		if err != nil {
			return 0, err
		}
		w.f = f
	}
	return w.f.Write(p)
}

func (w *lazyWriter) Close() error {
	if w.f == nil {
		return nil
	}
	return w.f.Close()
}

// deferFileWrites wraps the registered file repository once. It is global
// because Fyne's repository table is.
func deferFileWrites() {
	cur, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if _, done := cur.(deferredFiles); done {
		return
	}
	if fr, ok := cur.(fileRepo); ok {
		repository.Register("file", deferredFiles{fr, &savingNow})
	}
}

// openFile asks for a file to read.
func (u *UI) openFile(exts []string, then func(path string)) {
	var d *dialog.FileDialog
	d = dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		u.forget(d)
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		u.lastDir = filepath.Dir(path)
		then(path)
	}, u.win)
	d.SetFilter(fynestorage.NewExtensionFileFilter(exts))
	d.SetTitleText(u.t("ui.open_file"))
	u.dress(d, u.t("ui.open"))
}

// saveFile asks where to save a file named name; then gets the path, never an
// opened file. The data file itself (and its lock and backups being written)
// is refused as a target before anything happens.
func (u *UI) saveFile(name string, then func(path string)) {
	var d *dialog.FileDialog
	d = dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		// Fyne may report the dialog closed only after this callback (when
		// it asked to overwrite): take it off the stack now, so closing it
		// later does not close what this opens.
		u.forget(d)
		savingNow.Store(false)
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		u.lastDir = filepath.Dir(path)
		if err := u.checkTarget(path); err != nil {
			u.showError(err)
			return
		}
		info, err := os.Stat(path)
		switch {
		case err != nil:
			then(path)
		case info.IsDir():
			u.info(u.t("ui.save_file"), u.t("ui.is_folder", filepath.Base(path)))
		default:
			c := dialog.NewConfirm(u.t("ui.replace_title"), u.t("ui.replace_text", filepath.Base(path)), func(ok bool) {
				if ok {
					then(path)
				}
			}, u.win)
			c.SetConfirmText(u.t("ui.replace"))
			c.SetDismissText(u.t("ui.cancel"))
			u.show(c)
		}
	}, u.win)
	d.SetFileName(name)
	d.SetTitleText(u.t("ui.save_file"))
	d.SetOnClosed(func() { savingNow.Store(false) })
	savingNow.Store(true)
	u.dress(d, u.t("ui.save"))
}

// dress words a Fyne file dialog in the chosen language, starts it in the
// folder last used, and shows it on the stack.
func (u *UI) dress(d *dialog.FileDialog, confirm string) {
	d.SetConfirmText(confirm)
	d.SetDismissText(u.t("ui.cancel"))
	if u.lastDir != "" {
		if l, err := fynestorage.ListerForURI(fynestorage.NewFileURI(u.lastDir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fileSize)
	u.show(d)
}

// checkTarget refuses the open data file (under any name, its lock, a backup
// being written) as a place to write.
func (u *UI) checkTarget(path string) error {
	if u.cfg.DBPath == "" {
		return nil
	}
	return storage.CheckTarget(u.cfg.DBPath, path)
}

// opened confirms a file written and opens it with the system's viewer.
func (u *UI) opened(path string) {
	u.notice(u.t("cli.document_done", path))
	if u.cfg.Open != nil {
		u.cfg.Open(path)
	}
}
