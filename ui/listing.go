package ui

import (
	"context"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"secondment/files"
)

// column of a list: its heading key, width and how to show and order a row.
type column[T any] struct {
	title string
	width float32
	text  func(T) string
	// less orders rows for sorting; nil compares text.
	less func(a, b T) bool
	// code names the column to a service that sorts (see listing.lazy).
	code string
}

// rows is what a list shows, read a row at a time: a slice for lists of
// thousands, or a service's view of 100,000 students that copies only the
// rows drawn.
type rows[T any] interface {
	Len() int
	At(i int) T
}

type sliceRows[T any] []T

func (s sliceRows[T]) Len() int   { return len(s) }
func (s sliceRows[T]) At(i int) T { return s[i] }

// table is a list's table: a row picked gives it the keyboard, and F5 then
// still reloads (the window handles it, as from any field).
type table struct{ widget.Table }

func newTable(length func() (int, int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *table {
	t := &table{widget.Table{Length: length, CreateCell: create, UpdateCell: update, ShowHeaderRow: true}}
	t.ExtendBaseWidget(t)
	return t
}

func (t *table) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyF5 && forwardKey(t, k) {
		return
	}
	t.Table.TypedKey(k)
}

// forwardKey gives a key a focused widget does not use to the window.
func forwardKey(o fyne.CanvasObject, k *fyne.KeyEvent) bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	if c == nil || c.OnTypedKey() == nil {
		return false
	}
	c.OnTypedKey()(k)
	return true
}

// finder is a view that can find a record by key without reading every row.
type finder interface{ Find(key string) int }

// listing is a searchable, sortable, virtualised list: a search box that
// filters as the clerk types, filters, a count, and a table whose header sorts
// (tap again to reverse). Only the visible rows have widgets, so 100,000 rows
// cost no more than twenty.
type listing[T any] struct {
	u    *UI
	cols []column[T]
	load func(q string) ([]T, error)
	// lazy, if set, is used instead of load: the service filters and sorts
	// (by a column's code) and the list reads only the rows it draws.
	lazy   func(q, by string, desc bool) (rows[T], error)
	rows   rows[T]
	sortBy int // -1: the service's order
	desc   bool
	search *entry
	count  *widget.Label
	table  *table
	onPick func(T)
	picked int
	// reselecting is set while a refresh picks the kept row again: the
	// window's timed reload must not count as the clerk's use, or a window
	// with a row picked would never lock nor let its server session end.
	reselecting bool
	// key identifies a row, so a refresh keeps the same record selected (and
	// its detail pane current).
	key     func(T) string
	filters []fyne.CanvasObject
	err     error
	// slow is how long the last refresh took; a slow list waits for the clerk
	// to pause typing instead of searching on every keystroke.
	slow    time.Duration
	timer   *time.Timer
	loading bool
}

func newListing[T any](u *UI, hint string, cols []column[T], load func(q string) ([]T, error)) *listing[T] {
	l := &listing[T]{u: u, cols: cols, load: load, sortBy: -1, picked: -1, rows: sliceRows[T](nil)}
	l.search = newEntry(u.t(hint), false)
	l.search.onUse = u.touch
	l.search.OnChanged = func(string) { l.typed() }
	// Enter searches at once, without waiting for a pause.
	l.search.OnSubmitted = func(string) { l.flush() }
	l.count = widget.NewLabel("")
	l.table = newTable(
		func() (int, int) { return l.rows.Len(), len(l.cols) },
		func() fyne.CanvasObject {
			lb := widget.NewLabel("")
			lb.Truncation = fyne.TextTruncateClip
			return lb
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < l.rows.Len() && id.Col < len(l.cols) {
				o.(*widget.Label).SetText(l.cols[id.Col].text(l.rows.At(id.Row)))
			}
		})
	l.table.ShowHeaderColumn = false
	l.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	l.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 || id.Col >= len(l.cols) {
			b.SetText("")
			return
		}
		text := u.t(l.cols[id.Col].title)
		if id.Col == l.sortBy {
			if l.desc {
				text += " ▼"
			} else {
				text += " ▲"
			}
		}
		b.SetText(text)
		col := id.Col
		b.OnTapped = func() { l.sortOn(col) }
	}
	for i, c := range cols {
		l.table.SetColumnWidth(i, c.width)
	}
	l.table.OnSelected = func(id widget.TableCellID) {
		if !l.reselecting {
			l.u.touch() // the clerk's pick; a reload's own is not use
		}
		if id.Row >= 0 && id.Row < l.rows.Len() {
			l.picked = id.Row
			if l.onPick != nil {
				l.onPick(l.rows.At(id.Row))
			}
		}
	}
	return l
}

// sortOn sorts by column i, or reverses the order if already sorted by it.
func (l *listing[T]) sortOn(i int) {
	if l.sortBy == i {
		l.desc = !l.desc
	} else {
		l.sortBy, l.desc = i, false
	}
	if l.lazy != nil {
		l.refresh()
		return
	}
	l.sortRows()
	l.table.Refresh()
}

func (l *listing[T]) sortRows() {
	rs, ok := l.rows.(sliceRows[T])
	if l.sortBy < 0 || !ok {
		return
	}
	c := l.cols[l.sortBy]
	less := c.less
	if less == nil {
		less = func(a, b T) bool { return c.text(a) < c.text(b) }
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if l.desc {
			return less(rs[j], rs[i])
		}
		return less(rs[i], rs[j])
	})
}

// typed searches at once when searching is quick, and otherwise once the
// clerk pauses for 200 ms, so a slow list never holds up typing.
func (l *listing[T]) typed() {
	if l.loading {
		return // the refresh after loading reads the search box
	}
	if l.slow < 30*time.Millisecond {
		l.refresh()
		return
	}
	if l.timer != nil {
		l.timer.Stop()
	}
	l.timer = time.AfterFunc(200*time.Millisecond, func() { fyne.Do(l.refresh) })
}

// flush runs a search that is waiting for a pause in typing, now.
func (l *listing[T]) flush() {
	if l.timer != nil && l.timer.Stop() {
		l.timer = nil
		l.refresh()
	}
}

// refresh asks the service again with the search text and filters.
func (l *listing[T]) refresh() {
	start := time.Now()
	defer func() { l.slow = time.Since(start) }()
	kept := ""
	if l.key != nil && l.picked >= 0 && l.picked < l.rows.Len() {
		kept = l.key(l.rows.At(l.picked))
	}
	q := strings.TrimSpace(l.search.Text)
	var err error
	if l.lazy != nil {
		by := ""
		if l.sortBy >= 0 {
			by = l.cols[l.sortBy].code
		}
		var v rows[T]
		if v, err = l.lazy(q, by, l.desc); err == nil {
			l.rows = v
		}
	} else {
		var rs []T
		if rs, err = l.load(q); err == nil {
			l.rows = sliceRows[T](rs)
			l.sortRows()
		}
	}
	l.err = err
	if err != nil {
		l.rows = sliceRows[T](nil)
		l.count.SetText(l.u.message(err))
	} else {
		l.count.SetText(l.u.t("ui.count", l.rows.Len()))
	}
	l.picked = -1
	l.table.UnselectAll()
	l.table.Refresh()
	if kept == "" {
		return
	}
	at := -1
	if f, ok := l.rows.(finder); ok {
		at = f.Find(kept)
	} else {
		for i := 0; i < l.rows.Len(); i++ {
			if l.key(l.rows.At(i)) == kept {
				at = i
				break
			}
		}
	}
	if at >= 0 {
		l.reselecting = true
		l.table.Select(widget.TableCellID{Row: at, Col: 0})
		l.reselecting = false
	}
}

// refreshInBackground is the first refresh of a list that may take a second
// (the first search of 100,000 students): the count says it is loading and the
// window stays responsive.
func (l *listing[T]) refreshInBackground() {
	l.count.SetText(l.u.t("ui.loading"))
	l.loading = true
	l.u.async(func() {
		// Reading the service here warms it; the refresh on the UI thread
		// then finds the index loaded.
		if l.lazy != nil {
			l.lazy("", "", false)
		}
		fyne.Do(func() {
			l.loading = false
			l.refresh()
		})
	})
}

// Rows returns the rows shown, in order (for tests).
func (l *listing[T]) Rows() []T {
	out := make([]T, l.rows.Len())
	for i := range out {
		out[i] = l.rows.At(i)
	}
	return out
}

// Len is the number of rows shown.
func (l *listing[T]) Len() int { return l.rows.Len() }

// view is the list with its search box and count above it, and the filters
// and actions on the line below.
func (l *listing[T]) view(actions ...fyne.CanvasObject) fyne.CanvasObject {
	top := container.NewVBox(container.NewBorder(nil, nil, nil, l.count, l.search))
	var row []fyne.CanvasObject
	for _, f := range l.filters {
		if s, ok := f.(*widget.Select); ok {
			f = wideEnough(s)
		}
		row = append(row, f)
	}
	if row = append(row, actions...); len(row) > 0 {
		top.Add(container.NewHBox(row...))
	}
	return container.NewBorder(top, nil, nil, nil, l.table)
}

// selectFilter is a drop-down filter whose first choice means "all".
func (l *listing[T]) selectFilter(all string, options []string) *widget.Select {
	s := widget.NewSelect(append([]string{all}, options...), nil)
	s.SetSelected(all)
	s.OnChanged = func(string) { l.refresh() }
	l.filters = append(l.filters, s)
	return s
}

// chosen returns a filter's value, "" for "all".
func chosen(s *widget.Select) string {
	if s == nil || s.SelectedIndex() <= 0 {
		return ""
	}
	return s.Selected
}

// wideEnough gives a drop-down filter the width of its "all" choice, so that
// "All universities" is not cut to "All universi…" in English.
func wideEnough(s *widget.Select) fyne.CanvasObject {
	text := s.Selected
	if len(s.Options) > 0 {
		text = s.Options[0]
	}
	w := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + 6*theme.Padding() + 2*theme.IconInlineSize()
	w = max(s.MinSize().Width, min(w, 280))
	return container.NewGridWrap(fyne.NewSize(w, s.MinSize().Height), s)
}

// exportShown is a list's 导出… button: it writes what the list shows — after
// its search, filters and sorting, as the service gave it to this user — to
// an .xlsx or .csv file (recorded in the audit log like every export).
func exportShown[T any](u *UI, l *listing[T], what string) *widget.Button {
	return widget.NewButton(u.t("ui.export_shown"), func() {
		rows := l.Rows()
		u.saveFile(u.t("ui.export_"+what)+".xlsx", func(path string) {
			var out string
			var n int
			u.task(u.t("ui.exporting"), func(_ context.Context, progress func(float64)) (err error) {
				out, n, err = files.ExportRows(u.svc, u.sess, path, rows)
				progress(1)
				return err
			}, func(err error) {
				if err != nil {
					u.showError(err)
					return
				}
				u.opened(out)
				u.notice(u.t("ui.exported", n, out))
			})
		})
	})
}
