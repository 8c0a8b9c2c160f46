// Package pdf makes the printed documents (placement agreements, arrival
// letters, rosters, quota reports) with gofpdf, in Chinese, on A4, with the CJK
// font embedded. It speaks model types and knows nothing of storage or roles.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
)

// margins of a page, in millimetres.
type margins struct{ top, bottom, left, right float64 }

// letterMargins follow GB/T 9704 (党政机关公文格式): A4 with 37 mm top, 35 mm
// bottom, 28 mm left and 26 mm right. Tables use narrower ones to fit columns.
var (
	letterMargins = margins{37, 35, 28, 26}
	tableMargins  = margins{20, 20, 15, 15}
)

// Sizes in points: 二号 for titles, 三号 for headings, 小四 for body text.
const (
	sizeTitle   = 22.0
	sizeHeading = 14.0
	sizeBody    = 12.0
	sizeSmall   = 9.0
)

// MissingGlyphsError reports characters the font cannot print, found before any
// page is drawn, with the text they occur in.
type MissingGlyphsError struct {
	Runes []rune
	Texts []string
}

func (e *MissingGlyphsError) Error() string {
	return fmt.Sprintf("the font lacks %q (in %q)", string(e.Runes), e.Texts)
}

// doc draws one document. It runs twice: first with pdf == nil to collect every
// character the document will print (so the font can be cut to them and gaps
// reported before drawing), then for real.
type doc struct {
	pdf       *gofpdf.Fpdf
	font      *Font
	runes     map[rune]bool
	texts     []string // every text drawn, in collect mode
	width     float64  // printable width
	landscape bool
	m         margins
	// closeSection records the page count of the section being drawn.
	closeSection func()
	// collected is what the collect pass noted, so the draw pass can catch text
	// drawn without being noted (it would print as boxes): unnoted.
	collected map[rune]bool
	unnoted   []rune
	// sections counts sections in the collect pass; counts records each
	// section's pages as laid out; known gives them to the final pass.
	sections int
	counts   []int
	known    []int
}

// always holds what page furniture prints whatever the content: digits and
// ASCII for numbers and codes, and the punctuation the templates use.
const always = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~" +
	"，。、；：？！（）《》“”‘’—…·「」【】第页共年月日元整零壹贰叁肆伍陆柒捌玖拾佰仟万亿至验证码协议编号"

// render makes a document: build draws it through d.
func (f *Font) render(w io.Writer, title string, landscape bool, created time.Time, build func(d *doc) error) error {
	m := letterMargins
	if landscape {
		m = tableMargins
	}
	c := &doc{font: f, runes: map[rune]bool{}, landscape: landscape, m: m}
	c.note(always + title)
	if err := build(c); err != nil {
		return err
	}
	if err := c.missing(); err != nil {
		return err
	}
	runes := make([]rune, 0, len(c.runes))
	for r := range c.runes {
		runes = append(runes, r)
	}
	font := f.Subset(runes)
	var counts []int
	if c.sections > 1 {
		// Several sections number their pages on their own. gofpdf's page-count
		// aliases cost a pass over every page per alias (quadratic in a batch),
		// so lay the document out once to count each section's pages instead.
		measure, err := f.draw(title, landscape, created, m, font, c.runes, nil, build)
		if err != nil {
			return err
		}
		counts = measure.counts
	}
	d, err := f.draw(title, landscape, created, m, font, c.runes, counts, build)
	if err != nil {
		return err
	}
	return d.pdf.Output(w)
}

// draw lays the document out with the cut font. counts, if given, are the page
// counts of its sections.
func (f *Font) draw(title string, landscape bool, created time.Time, m margins, font []byte, collected map[rune]bool,
	counts []int, build func(d *doc) error) (*doc, error) {
	orient := "P"
	if landscape {
		orient = "L"
	}
	p := gofpdf.New(orient, "mm", "A4", "")
	p.SetCatalogSort(true)
	p.SetCreationDate(created)
	p.SetModificationDate(created)
	p.SetTitle(title, true)
	p.SetCreator("Secondment Desk 研究生选派工作台", true)
	p.SetProducer("gofpdf", false)
	p.AddUTF8FontFromBytes("cjk", "", font)
	p.SetMargins(m.left, m.top, m.right)
	p.SetAutoPageBreak(true, m.bottom)
	if p.Err() {
		return nil, fmt.Errorf("pdf font: %w", p.Error())
	}
	pw, _ := p.GetPageSize()
	d := &doc{pdf: p, font: f, width: pw - m.left - m.right, landscape: landscape, m: m, collected: collected, known: counts}
	if err := build(d); err != nil {
		return nil, err
	}
	if len(d.unnoted) > 0 {
		return nil, fmt.Errorf("pdf: drew %q without collecting it first", string(d.unnoted))
	}
	if p.Err() {
		return nil, fmt.Errorf("pdf: %w", p.Error())
	}
	return d, nil
}

// missing returns a MissingGlyphsError for the characters the font lacks.
func (d *doc) missing() error {
	var miss []rune
	for r := range d.runes {
		if !d.font.Has(r) {
			miss = append(miss, r)
		}
	}
	if len(miss) == 0 {
		return nil
	}
	e := &MissingGlyphsError{Runes: miss}
	for _, t := range d.texts {
		if strings.ContainsAny(t, string(miss)) {
			e.Texts = append(e.Texts, t)
		}
	}
	return e
}

// note records text in collect mode; it reports whether to draw.
func (d *doc) note(text string) bool {
	if d.pdf != nil {
		return true
	}
	for _, r := range text {
		d.runes[r] = true
	}
	d.texts = append(d.texts, text)
	return false
}

// cell prints one line of text in a box w wide, like gofpdf's CellFormat.
func (d *doc) cell(w, h float64, text string, ln int, align string) {
	if d.pdf == nil {
		d.note(text)
		return
	}
	for _, r := range text {
		if !d.collected[r] {
			d.unnoted = append(d.unnoted, r)
		}
	}
	d.pdf.CellFormat(w, h, text, "", ln, align, false, 0, "")
}

// ln moves down h millimetres.
func (d *doc) ln(h float64) {
	if d.pdf != nil {
		d.pdf.Ln(h)
	}
}

func (d *doc) size(pt float64) {
	if d.pdf != nil {
		d.pdf.SetFont("cjk", "", pt)
	}
}

// lineHeight is the spacing of lines of text at pt points: 1.5 lines.
func lineHeight(pt float64) float64 { return pt * 0.3528 * 1.5 }

// centered prints one line centred across the page.
func (d *doc) centered(text string, pt float64) {
	if !d.note(text) {
		return
	}
	d.size(pt)
	d.cell(d.width, lineHeight(pt), text, 1, "C")
}

// bold prints with a thin outline, which thickens the strokes of a font that
// has no bold face.
func (d *doc) bold(on bool) {
	if d.pdf == nil {
		return
	}
	if on {
		d.pdf.SetTextRenderingMode(2)
		d.pdf.SetLineWidth(0.15)
	} else {
		d.pdf.SetTextRenderingMode(0)
		d.pdf.SetLineWidth(0.2)
	}
}

// para prints text wrapped to width w (0: the whole line) starting at the current
// x, with the first line indented by indent characters. It wraps rune by rune,
// since gofpdf's own wrapping drops the Chinese character at each break.
func (d *doc) para(text string, pt float64, w float64, indent int) {
	if !d.note(text) {
		return
	}
	d.size(pt)
	if w == 0 {
		w = d.width
	}
	x := d.pdf.GetX()
	lh := lineHeight(pt)
	for i, line := range d.wrap(text, w, d.pdf.GetStringWidth("中")*float64(indent)) {
		if i == 0 && indent > 0 {
			d.pdf.SetX(x + d.pdf.GetStringWidth("中")*float64(indent))
		} else {
			d.pdf.SetX(x)
		}
		d.cell(w, lh, line, 1, "L")
	}
	d.pdf.SetX(x)
}

// noLineStart are characters that must not begin a line (避头); noLineEnd must
// not end one (避尾).
const (
	noLineStart = "，。、；：？！）》」』】”’％,.;:?!)]}"
	noLineEnd   = "（《「『【“‘([{"
)

// wrap breaks text into lines no wider than w, the first narrower by first.
// Chinese breaks between any two characters; a run of Latin letters, digits and
// symbols (an agreement number, an e-mail) stays whole unless it is wider than
// a line. A closing mark that would begin a line hangs at the end of the
// previous one (标点悬挂); an opening mark that would end a line moves down.
func (d *doc) wrap(text string, w, first float64) []string {
	var lines []string
	width := d.pdf.GetStringWidth
	for _, para := range strings.Split(text, "\n") {
		line := ""
		avail := w - first
		flush := func() {
			lines = append(lines, line)
			line, avail = "", w
		}
		for _, tok := range tokens(para) {
			if line != "" && width(line+tok) > avail && !strings.Contains(noLineStart, tok) {
				carry := ""
				if r, size := utf8.DecodeLastRuneInString(line); strings.ContainsRune(noLineEnd, r) && len(line) > size {
					line, carry = line[:len(line)-size], string(r)
				}
				flush()
				line = carry
				if tok == " " {
					continue
				}
			}
			if width(line+tok) > avail && utf8.RuneCountInString(tok) > 1 {
				// A word wider than a line is broken where it must be.
				for _, r := range tok {
					if line != "" && width(line+string(r)) > avail {
						flush()
					}
					line += string(r)
				}
				continue
			}
			line += tok
		}
		flush()
		first = 0
	}
	return lines
}

// tokens splits text into unbreakable pieces: single characters, and runs of
// printable ASCII other than space.
func tokens(s string) []string {
	var out []string
	word := -1
	for i, r := range s {
		ascii := r > ' ' && r < 0x7f
		if ascii && word < 0 {
			word = i
		}
		if !ascii {
			if word >= 0 {
				out = append(out, s[word:i])
				word = -1
			}
			out = append(out, string(r))
		}
	}
	if word >= 0 {
		out = append(out, s[word:])
	}
	return out
}

// lines returns how many lines para would take at width w.
func (d *doc) lines(text string, pt, w float64, indent int) int {
	if d.pdf == nil {
		return 1
	}
	d.size(pt)
	return len(d.wrap(text, w, d.pdf.GetStringWidth("中")*float64(indent)))
}

// ensure starts a new page unless h millimetres fit above the bottom margin.
func (d *doc) ensure(h float64) {
	if d.pdf == nil {
		return
	}
	_, ph := d.pdf.GetPageSize()
	if d.pdf.GetY()+h > ph-d.m.bottom {
		d.pdf.AddPage()
	}
}

// footerFunc prints, at the foot of every page, left text and, from a fixed x,
// pages(): "第 X 页 共 Y 页". The page count is an alias replaced once the section
// is laid out, so right alignment would leave it off by the alias's width.
func (d *doc) footerFunc(pages func() string, left string) {
	p := d.pdf
	p.SetFooterFunc(func() {
		pw, ph := p.GetPageSize()
		p.SetFont("cjk", "", sizeSmall)
		p.SetTextColor(90, 90, 90)
		y := ph - d.m.bottom + min(10, d.m.bottom-8)
		p.SetXY(d.m.left, y)
		d.cell(pw-d.m.left-d.m.right, 5, left, 0, "L")
		p.SetXY(pw-d.m.right-p.GetStringWidth("第 999 页 共 999 页"), y)
		d.cell(0, 5, pages(), 0, "L")
		p.SetTextColor(0, 0, 0)
	})
}

// rmbUpper writes an amount of whole yuan in capital numerals (大写), as
// contracts state money: 2500 → 贰仟伍佰元整.
func rmbUpper(n int) string {
	if n == 0 {
		return "零元整"
	}
	digits := []rune("零壹贰叁肆伍陆柒捌玖")
	units := []string{"", "拾", "佰", "仟"}
	var group func(g int) string
	group = func(g int) string {
		s, zero := "", false
		for i := 3; i >= 0; i-- {
			p := 1
			for k := 0; k < i; k++ {
				p *= 10
			}
			dgt := g / p % 10
			if dgt == 0 {
				zero = s != ""
				continue
			}
			if zero {
				s += "零"
				zero = false
			}
			s += string(digits[dgt]) + units[i]
		}
		return s
	}
	var s string
	if hi := n / 10000; hi > 0 {
		s = group(hi) + "万"
		if lo := n % 10000; lo > 0 && lo < 1000 {
			s += "零"
		}
	}
	if lo := n % 10000; lo > 0 {
		s += group(lo)
	}
	return s + "元整"
}

// dateCN writes a date as 2026年3月1日.
func dateCN(t interface {
	Year() int
	Month() time.Month
	Day() int
}) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// runeLen counts characters.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

// Bytes renders into memory.
func bytesOf(fn func(w io.Writer) error) ([]byte, error) {
	var b bytes.Buffer
	err := fn(&b)
	return b.Bytes(), err
}
