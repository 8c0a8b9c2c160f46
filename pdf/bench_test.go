package pdf

import (
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"

	"secondment/model"
)

func benchAgreements(n int) []model.Agreement {
	out := make([]model.Agreement, n)
	for i := range out {
		a := sampleAgreement()
		a.Placement.No = fmt.Sprintf("XP2026-%05d", i+1)
		a.Student.Number = fmt.Sprintf("WZU2025%06d", i)
		a.Student.Name = []string{"王堃垚", "李思远", "陈雨婷", "赵一鸣", "林晓燕"}[i%5]
		out[i] = a
	}
	return out
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkAgreement makes one agreement (font parsed once, in NewMaker).
func BenchmarkAgreement(b *testing.B) {
	m := testMaker(b)
	a := sampleAgreement()
	var w countingWriter
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := m.Agreement(&w, a); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(w.n)/float64(b.N), "bytes/doc")
}

// BenchmarkAgreementBatch1000 makes 1,000 agreements as `agreement --all -o DIR`
// does: one file each, on every core. It reports ms and bytes per document and
// the peak heap.
func BenchmarkAgreementBatch1000(b *testing.B) {
	m := testMaker(b)
	as := benchAgreements(1000)
	var total int64
	var peak uint64
	defer debug.SetGCPercent(debug.SetGCPercent(400)) // as the command line's batch does
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		jobs := make(chan model.Agreement)
		var mu sync.Mutex
		var wg sync.WaitGroup
		for w := 0; w < runtime.NumCPU(); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var cw countingWriter
				for a := range jobs {
					if err := m.Agreement(&cw, a); err != nil {
						b.Error(err)
					}
				}
				mu.Lock()
				total += cw.n
				mu.Unlock()
			}()
		}
		for j, a := range as {
			jobs <- a
			if j%100 == 0 {
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
		close(jobs)
		wg.Wait()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*len(as)), "ms/doc")
	b.ReportMetric(float64(total)/float64(b.N*len(as)), "bytes/doc")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}

// BenchmarkCombinedFile1000 writes 1,000 agreements into one file.
func BenchmarkCombinedFile1000(b *testing.B) {
	m := testMaker(b)
	as := benchAgreements(1000)
	var w countingWriter
	for i := 0; i < b.N; i++ {
		if err := m.Agreements(&w, as, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*len(as)), "ms/doc")
}

// BenchmarkLibreOfficeBatch20 is the peer: LibreOffice converting 20 equivalent
// agreements (the same text, as HTML with headings and paragraphs) to PDF in
// one headless run. Skipped where soffice is not installed.
func BenchmarkLibreOfficeBatch20(b *testing.B) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		b.Skip("soffice not installed (Debian: libreoffice-writer-nogui fonts-noto-cjk)")
	}
	m := testMaker(b)
	dir := b.TempDir()
	var inputs []string
	for i, a := range benchAgreements(20) {
		var sb strings.Builder
		if err := m.Agreement(&sb2{&sb}, a); err != nil {
			b.Fatal(err)
		}
		pdfPath := filepath.Join(dir, "src.pdf")
		os.WriteFile(pdfPath, []byte(sb.String()), 0o644)
		out, err := exec.Command("pdftotext", pdfPath, "-").Output()
		if err != nil {
			b.Skip("pdftotext not installed")
		}
		var h strings.Builder
		h.WriteString("<html><head><meta charset=\"utf-8\"></head><body>")
		for _, para := range strings.Split(string(out), "\n") {
			if strings.TrimSpace(para) == "" || strings.HasPrefix(para, "\f") {
				continue
			}
			tag := "p"
			if strings.HasPrefix(para, "第") && strings.Contains(para, "条") && len([]rune(para)) < 16 {
				tag = "h3"
			}
			fmt.Fprintf(&h, "<%s>%s</%s>", tag, html.EscapeString(para), tag)
		}
		h.WriteString("</body></html>")
		in := filepath.Join(dir, fmt.Sprintf("agreement%02d.html", i))
		os.WriteFile(in, []byte(h.String()), 0o644)
		inputs = append(inputs, in)
	}
	profile := "-env:UserInstallation=file://" + filepath.Join(dir, "profile")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		args := append([]string{profile, "--headless", "--convert-to", "pdf:writer_pdf_Export", "--outdir", filepath.Join(dir, "out")}, inputs...)
		if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
			b.Fatalf("soffice: %v\n%s", err, out)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*len(inputs)), "ms/doc")
	outs, _ := filepath.Glob(filepath.Join(dir, "out", "*.pdf"))
	if len(outs) != len(inputs) {
		b.Fatalf("soffice wrote %d of %d files", len(outs), len(inputs))
	}
}

// sb2 adapts a strings.Builder to io.Writer for binary output.
type sb2 struct{ b *strings.Builder }

func (s *sb2) Write(p []byte) (int, error) { return s.b.Write(p) }

var _ io.Writer = (*sb2)(nil)
