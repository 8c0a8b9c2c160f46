package sheet

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner is a small pull parser for the two parts of a workbook that grow
// with the roster: the worksheet and the shared strings. encoding/xml makes a
// token, a name and a copy of every attribute for each element; a 100,000-row
// sheet has about five million elements, and reading it that way took 6–7 s
// and a gigabyte of garbage. This scanner reports tags only, reuses its
// buffers, and gathers character data only where asked (inside <v> and <t>).
//
// It reads what encoding/xml reads in its non-strict mode, as the reader used
// it: a tag's local name without its prefix, attributes quoted or not, the five
// named entities and character references decoded and other entities left as
// written, CDATA sections, comments, processing instructions and a DOCTYPE
// skipped, "\r\n" and "\r" read as "\n"; text that is not UTF-8 or holds
// control characters is refused. xmlref_test.go checks it against the
// encoding/xml reader it replaced.
type xmlScanner struct {
	r *bufio.Reader

	name  []byte // the local name of the tag just read
	end   bool   // the tag is an end tag (</c>)
	empty bool   // the start tag closes itself (<c/>)
	attrs []xmlAttr
	abuf  []byte // attribute values, back to back

	keep bool   // gather character data into text
	text []byte // character data gathered, decoded
	raw  []byte // character data read since the last tag, not yet decoded
}

type xmlAttr struct {
	name       string // the local name, one of the few the reader asks for, or ""
	start, end int    // the value in abuf
}

var errXML = errors.New("malformed XML")

// maxXMLText bounds a text, an attribute value and a tag's name: Excel holds
// at most 32,767 characters in a cell, so a longer run is no workbook's (a zip
// bomb's single cell would otherwise be gathered whole).
const maxXMLText = 32767 * 4

var errXMLTooLong = errors.New("XML text longer than any cell")

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: bufio.NewReaderSize(r, 64<<10)}
}

// attr returns the value of the attribute with the local name given (one of
// r, s, t), or nil.
func (x *xmlScanner) attr(local string) []byte {
	for _, a := range x.attrs {
		if a.name == local {
			return x.abuf[a.start:a.end]
		}
	}
	return nil
}

// tags calls fn after each tag is read, to the end of the part.
func (x *xmlScanner) tags(fn func() error) error {
	for {
		switch err := x.next(); {
		case err == io.EOF:
			return nil
		case err != nil:
			return err
		}
		if err := fn(); err != nil {
			return err
		}
	}
}

// next reads up to and including the next start or end tag. At the end of
// the part it returns io.EOF.
func (x *xmlScanner) next() error {
	for {
		if err := x.charData(); err != nil {
			return err
		}
		c, err := x.r.ReadByte()
		if err != nil {
			return unexpected(err)
		}
		switch c {
		case '/':
			x.end, x.empty = true, false
			if err := x.readName(); err != nil {
				return err
			}
			if err := x.skipTo('>'); err != nil {
				return err
			}
			return nil
		case '?':
			if err := x.skipPast("?>"); err != nil {
				return err
			}
		case '!':
			if err := x.bang(); err != nil {
				return err
			}
		default:
			x.r.UnreadByte()
			x.end = false
			if err := x.readName(); err != nil {
				return err
			}
			return x.readAttrs()
		}
	}
}

// charData reads the text up to the next '<', keeping it if asked.
func (x *xmlScanner) charData() error {
	x.raw = x.raw[:0]
	for {
		chunk, err := x.r.ReadSlice('<')
		if x.keep {
			if x.raw = append(x.raw, chunk...); len(x.raw)+len(x.text) > maxXMLText {
				return errXMLTooLong
			}
		}
		switch {
		case err == nil:
			if x.keep {
				x.text, err = appendDecoded(x.text, x.raw[:len(x.raw)-1])
			}
			return err
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF:
			return io.EOF
		default:
			return err
		}
	}
}

// appendDecoded appends character data or an attribute's value to dst:
// entities and character references decoded (an unknown or malformed one is
// kept as written), line ends made "\n".
func appendDecoded(dst, raw []byte) ([]byte, error) {
	if err := checkText(raw); err != nil {
		return dst, err
	}
	for len(raw) > 0 {
		i := bytes.IndexAny(raw, "&\r")
		if i < 0 {
			return append(dst, raw...), nil
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		if raw[0] == '\r' {
			dst = append(dst, '\n')
			raw = raw[1:]
			if len(raw) > 0 && raw[0] == '\n' {
				raw = raw[1:]
			}
			continue
		}
		r, n, err := entity(raw)
		if err != nil {
			return dst, err
		}
		if n == 0 {
			dst = append(dst, '&')
			raw = raw[1:]
			continue
		}
		dst = utf8.AppendRune(dst, r)
		raw = raw[n:]
	}
	return dst, nil
}

// entity reads the entity or character reference at the start of b (which
// begins with '&'): its rune and length, or 0 if it is none that XML defines.
// A reference to a character XML forbids (&#0;) is an error.
func entity(b []byte) (rune, int, error) {
	end := bytes.IndexByte(b[:min(len(b), 12)], ';')
	if end < 2 {
		return 0, 0, nil
	}
	name := b[1:end]
	switch string(name) {
	case "lt":
		return '<', end + 1, nil
	case "gt":
		return '>', end + 1, nil
	case "amp":
		return '&', end + 1, nil
	case "apos":
		return '\'', end + 1, nil
	case "quot":
		return '"', end + 1, nil
	}
	if name[0] != '#' || len(name) < 2 {
		return 0, 0, nil
	}
	var n uint64
	var err error
	if name[1] == 'x' {
		n, err = strconv.ParseUint(string(name[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(name[1:]), 10, 32)
	}
	switch {
	case err != nil:
		return 0, 0, nil
	case !xmlChar(rune(n)):
		return 0, 0, errXML
	}
	return rune(n), end + 1, nil
}

// xmlChar reports whether r may appear in an XML document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// checkText refuses text that is not UTF-8 or holds characters XML forbids.
func checkText(b []byte) error {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return errXML
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 || !xmlChar(r) {
			return errXML
		}
		i += n
	}
	return nil
}

// readName reads a tag's name and keeps its local part.
func (x *xmlScanner) readName() error {
	x.name = x.name[:0]
	for {
		c, err := x.r.ReadByte()
		if err != nil {
			return unexpected(err)
		}
		switch c {
		case ' ', '\t', '\n', '\r', '/', '>':
			x.r.UnreadByte()
			if len(x.name) == 0 {
				return errXML
			}
			return nil
		case ':':
			x.name = x.name[:0]
		default:
			if x.name = append(x.name, c); len(x.name) > maxXMLText {
				return errXMLTooLong
			}
		}
	}
}

// readAttrs reads a start tag's attributes and its end, > or />.
func (x *xmlScanner) readAttrs() error {
	x.attrs, x.abuf, x.empty = x.attrs[:0], x.abuf[:0], false
	for {
		c, err := x.skipSpace()
		if err != nil {
			return err
		}
		switch c {
		case '>':
			return nil
		case '/':
			if c, err = x.r.ReadByte(); err != nil || c != '>' {
				return errXML
			}
			x.empty = true
			return nil
		}
		x.r.UnreadByte()
		if err := x.readAttr(); err != nil {
			return err
		}
	}
}

// readAttr reads name="value", name='value', name=value or a bare name.
func (x *xmlScanner) readAttr() error {
	var local [16]byte
	name := local[:0]
	for {
		c, err := x.r.ReadByte()
		if err != nil {
			return unexpected(err)
		}
		if c == '=' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '>' || c == '/' {
			x.r.UnreadByte()
			break
		}
		if c == ':' {
			name = local[:0]
			continue
		}
		if len(name) < len(local) { // no name the reader asks for is longer
			name = append(name, c)
		}
	}
	a := xmlAttr{name: knownAttr(name), start: len(x.abuf)}
	c, err := x.skipSpace()
	if err != nil {
		return err
	}
	if c != '=' {
		x.r.UnreadByte() // a bare name: its value is its name
		x.abuf = append(x.abuf, name...)
		a.end = len(x.abuf)
		x.attrs = append(x.attrs, a)
		return nil
	}
	if c, err = x.skipSpace(); err != nil {
		return err
	}
	x.raw = x.raw[:0]
	if c == '"' || c == '\'' {
		chunk, err := x.r.ReadSlice(c)
		for errors.Is(err, bufio.ErrBufferFull) {
			if x.raw = append(x.raw, chunk...); len(x.raw)+len(x.abuf) > maxXMLText {
				return errXMLTooLong
			}
			chunk, err = x.r.ReadSlice(c)
		}
		if err != nil {
			return unexpected(err)
		}
		x.raw = append(x.raw, chunk[:len(chunk)-1]...)
	} else {
		x.r.UnreadByte()
		for {
			c, err := x.r.ReadByte()
			if err != nil {
				return unexpected(err)
			}
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '>' || c == '/' {
				x.r.UnreadByte()
				break
			}
			if x.raw = append(x.raw, c); len(x.raw) > maxXMLText {
				return errXMLTooLong
			}
		}
	}
	if x.abuf, err = appendDecoded(x.abuf, x.raw); err != nil {
		return err
	}
	if len(x.abuf) > maxXMLText {
		return errXMLTooLong
	}
	a.end = len(x.abuf)
	x.attrs = append(x.attrs, a)
	return nil
}

// knownAttr returns the attribute names the reader asks for as constants, so
// that keeping them allocates nothing.
func knownAttr(name []byte) string {
	switch string(name) {
	case "r":
		return "r"
	case "s":
		return "s"
	case "t":
		return "t"
	}
	return ""
}

func (x *xmlScanner) skipSpace() (byte, error) {
	for {
		c, err := x.r.ReadByte()
		if err != nil {
			return 0, unexpected(err)
		}
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return c, nil
		}
	}
}

func (x *xmlScanner) skipTo(end byte) error {
	for {
		c, err := x.r.ReadByte()
		if err != nil {
			return unexpected(err)
		}
		if c == end {
			return nil
		}
	}
}

// skipPast reads up to and including end (at most 3 bytes long).
func (x *xmlScanner) skipPast(end string) error {
	var last [3]byte
	for n := 0; ; n++ {
		c, err := x.r.ReadByte()
		if err != nil {
			return unexpected(err)
		}
		last[0], last[1], last[2] = last[1], last[2], c
		if n+1 >= len(end) && string(last[3-len(end):]) == end {
			return nil
		}
	}
}

// bang reads what follows "<!": a comment, a CDATA section (kept as text if
// text is being gathered) or a DOCTYPE.
func (x *xmlScanner) bang() error {
	head, err := x.r.Peek(2)
	if err != nil {
		return unexpected(err)
	}
	if string(head) == "--" {
		x.r.Discard(2)
		return x.skipPast("-->")
	}
	if head[0] == '[' {
		if h, err := x.r.Peek(7); err != nil || string(h) != "[CDATA[" {
			return errXML
		}
		x.r.Discard(7)
		x.raw = x.raw[:0]
		for !bytes.HasSuffix(x.raw, []byte("]]>")) {
			c, err := x.r.ReadByte()
			if err != nil {
				return unexpected(err)
			}
			if x.raw = append(x.raw, c); len(x.raw) > maxXMLText {
				return errXMLTooLong
			}
		}
		if !x.keep {
			return nil
		}
		data := x.raw[:len(x.raw)-3]
		if err := checkText(data); err != nil {
			return err
		}
		for i := 0; i < len(data); i++ { // line ends as in text, no entities
			switch {
			case data[i] == '\r':
				x.text = append(x.text, '\n')
				if i+1 < len(data) && data[i+1] == '\n' {
					i++
				}
			default:
				x.text = append(x.text, data[i])
			}
		}
		return nil
	}
	// A DOCTYPE or other declaration, with an internal subset in [ ].
	depth := 0
	for {
		c, err := x.r.ReadByte()
		if err != nil {
			return unexpected(err)
		}
		switch {
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			return nil
		}
	}
}

// unexpected turns the end of input inside a tag into a syntax error.
func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
