package pdf

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"secondment/model"
)

// Unprintable lists the agreements holding characters the font lacks, and those
// characters, so a batch is refused before any file is written.
func (m *Maker) Unprintable(as []model.Agreement) (nos []string, chars string) {
	seen := map[rune]bool{}
	for _, a := range as {
		text := a.Student.Name + a.Student.School + a.Student.Major + a.Student.Email + a.Student.Supervisor +
			a.Placement.Task + a.Placement.Supervisor + a.Placement.UniSupervisor +
			a.Platform.Name + a.Platform.Host + a.Platform.Contact + a.Student.University
		if miss := m.font.Missing(text); len(miss) > 0 {
			nos = append(nos, a.Placement.No)
			for _, r := range miss {
				if !seen[r] {
					seen[r] = true
					chars += string(r)
				}
			}
		}
	}
	return nos, chars
}

// WriteFile writes a document to path whole or not at all: into a temporary
// file beside it, renamed into place when complete.
func WriteFile(path string, fn func(w io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".secondment-*.pdf")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := fn(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// WriteEach writes one file per agreement into dir (named by agreement number),
// on every core, calling progress after each; it stops early when ctx is
// cancelled. Files already written stay: each is whole.
func (m *Maker) WriteEach(ctx context.Context, as []model.Agreement, dir string, progress func(done, total int)) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Each document allocates about 12 MB of short-lived buffers inside gofpdf
	// while the live heap stays small: collecting less often saves a third of
	// the time for some 70 MB of peak heap.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	jobs := make(chan model.Agreement)
	var mu sync.Mutex
	var firstErr error
	done := 0
	var wg sync.WaitGroup
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range jobs {
				path := filepath.Join(dir, safeName(a.Placement.No)+".pdf")
				err := WriteFile(path, func(w io.Writer) error { return m.Agreement(w, a) })
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = fmt.Errorf("%s: %w", a.Placement.No, err)
				}
				done++
				if progress != nil {
					progress(done, len(as))
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for _, a := range as {
		select {
		case jobs <- a:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return firstErr
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, s)
}
