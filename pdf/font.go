package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// Font is a TrueType font parsed once. gofpdf re-parses a font for every
// document and its cost grows with the glyph count (49,531 glyphs: about 40 ms),
// so each document gets a small font holding only the glyphs it prints, cut
// from this one (Subset), which gofpdf parses in well under a millisecond.
type Font struct {
	data    []byte
	tables  map[string][]byte
	cmap    map[rune]uint16 // rune → glyph ID
	offsets []uint32        // glyph i is glyf[offsets[i]:offsets[i+1]]
	hmetric []uint32        // per glyph: advance width << 16 | left side bearing
}

var errFont = errors.New("not a usable TrueType font")

// ParseFont reads a TrueType (glyf-outline) font.
func ParseFont(data []byte) (*Font, error) {
	f := &Font{data: data, tables: map[string][]byte{}, cmap: map[rune]uint16{}}
	if len(data) < 12 || binary.BigEndian.Uint32(data) != 0x00010000 {
		return nil, fmt.Errorf("%w: not a TrueType outline font", errFont)
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		off, ln := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(ln) > uint64(len(data)) {
			return nil, fmt.Errorf("%w: table %q outside the file", errFont, rec[:4])
		}
		f.tables[string(rec[:4])] = data[off : off+ln]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "post"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("%w: no %s table", errFont, t)
		}
	}
	if err := f.parseGlyphs(); err != nil {
		return nil, err
	}
	if err := f.parseCmap(); err != nil {
		return nil, err
	}
	return f, nil
}

func u16(b []byte, i int) uint16 { return binary.BigEndian.Uint16(b[i:]) }
func u32(b []byte, i int) uint32 { return binary.BigEndian.Uint32(b[i:]) }

func (f *Font) parseGlyphs() error {
	numGlyphs := int(u16(f.tables["maxp"], 4))
	long := u16(f.tables["head"], 50) == 1
	loca := f.tables["loca"]
	f.offsets = make([]uint32, numGlyphs+1)
	for i := range f.offsets {
		if long {
			if 4*i+4 > len(loca) {
				return fmt.Errorf("%w: short loca", errFont)
			}
			f.offsets[i] = u32(loca, 4*i)
		} else {
			if 2*i+2 > len(loca) {
				return fmt.Errorf("%w: short loca", errFont)
			}
			f.offsets[i] = uint32(u16(loca, 2*i)) * 2
		}
	}
	if int(f.offsets[numGlyphs]) > len(f.tables["glyf"]) {
		return fmt.Errorf("%w: loca points outside glyf", errFont)
	}
	nhm := int(u16(f.tables["hhea"], 34))
	hmtx := f.tables["hmtx"]
	if nhm == 0 || len(hmtx) < 4*nhm+2*(numGlyphs-nhm) {
		return fmt.Errorf("%w: short hmtx", errFont)
	}
	f.hmetric = make([]uint32, numGlyphs)
	var adv uint16
	for i := 0; i < numGlyphs; i++ {
		var lsb uint16
		if i < nhm {
			adv, lsb = u16(hmtx, 4*i), u16(hmtx, 4*i+2)
		} else {
			lsb = u16(hmtx, 4*nhm+2*(i-nhm))
		}
		f.hmetric[i] = uint32(adv)<<16 | uint32(lsb)
	}
	return nil
}

// parseCmap reads the Unicode subtables: format 4 (BMP) and 12 (all planes).
func (f *Font) parseCmap() error {
	cm := f.tables["cmap"]
	n := int(u16(cm, 2))
	for i := 0; i < n; i++ {
		pid, eid, off := u16(cm, 4+8*i), u16(cm, 6+8*i), int(u32(cm, 8+8*i))
		if !(pid == 0 || (pid == 3 && (eid == 1 || eid == 10))) || off+4 > len(cm) {
			continue
		}
		sub := cm[off:]
		switch u16(sub, 0) {
		case 4:
			segs := int(u16(sub, 6)) / 2
			for s := 0; s < segs; s++ {
				end, start := u16(sub, 14+2*s), u16(sub, 16+2*segs+2*s)
				delta, roPos := u16(sub, 16+4*segs+2*s), 16+6*segs+2*s
				ro := int(u16(sub, roPos))
				for c := uint32(start); c <= uint32(end) && c != 0xFFFF; c++ {
					var g uint16
					if ro == 0 {
						g = uint16(c) + delta
					} else {
						p := roPos + ro + 2*int(c-uint32(start))
						if p+2 > len(sub) {
							continue
						}
						if g = u16(sub, p); g != 0 {
							g += delta
						}
					}
					if g != 0 {
						f.cmap[rune(c)] = g
					}
				}
			}
		case 12:
			groups := int(u32(sub, 12))
			for k := 0; k < groups && 16+12*k+12 <= len(sub); k++ {
				start, end, g := u32(sub, 16+12*k), u32(sub, 20+12*k), u32(sub, 24+12*k)
				for c := start; c <= end && c <= 0x10FFFF; c++ {
					f.cmap[rune(c)] = uint16(g + c - start)
				}
			}
		}
	}
	if len(f.cmap) == 0 {
		return fmt.Errorf("%w: no Unicode cmap", errFont)
	}
	return nil
}

// Has reports whether the font has a glyph for r that gofpdf can print: gofpdf
// reads only the BMP (cmap format 4), so characters beyond U+FFFF cannot be
// printed even where the font has them.
func (f *Font) Has(r rune) bool {
	if r < 0x20 {
		return r == '\n' || r == '\t'
	}
	_, ok := f.cmap[r]
	return ok && r <= 0xFFFF
}

// Missing returns the distinct characters of text the font cannot print, in order.
func (f *Font) Missing(text string) []rune {
	var out []rune
	seen := map[rune]bool{}
	for _, r := range text {
		if !f.Has(r) && !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

func (f *Font) glyph(g uint16) []byte {
	return f.tables["glyf"][f.offsets[g]:f.offsets[g+1]]
}

// components returns the glyph IDs a composite glyph is built from.
func components(gl []byte) []uint16 {
	if len(gl) < 10 || int16(u16(gl, 0)) >= 0 {
		return nil
	}
	var out []uint16
	for p := 10; p+4 <= len(gl); {
		flags := u16(gl, p)
		out = append(out, u16(gl, p+2))
		p += 4 + componentArgSize(flags)
		if flags&0x0020 == 0 { // MORE_COMPONENTS
			break
		}
	}
	return out
}

func componentArgSize(flags uint16) int {
	n := 2
	if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
		n = 4
	}
	switch {
	case flags&0x0008 != 0: // WE_HAVE_A_SCALE
		n += 2
	case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
		n += 4
	case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
		n += 8
	}
	return n
}

// Subset returns a TrueType font holding only the glyphs for runes (and the
// glyphs their composites are built from), renumbered, with a format-4 cmap.
// Runes the font lacks are left out; check with Missing first.
func (f *Font) Subset(runes []rune) []byte {
	// Collect glyphs: .notdef first, then the rest in their original order.
	keep := map[uint16]bool{0: true}
	var stack []uint16
	for _, r := range runes {
		if g, ok := f.cmap[r]; ok && r <= 0xFFFF && !keep[g] {
			keep[g] = true
			stack = append(stack, g)
		}
	}
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, c := range components(f.glyph(g)) {
			if int(c) < len(f.hmetric) && !keep[c] {
				keep[c] = true
				stack = append(stack, c)
			}
		}
	}
	old := make([]uint16, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	sort.Slice(old, func(i, j int) bool { return old[i] < old[j] })
	newID := make(map[uint16]uint16, len(old))
	for i, g := range old {
		newID[g] = uint16(i)
	}

	var glyf, loca, hmtx []byte
	for _, g := range old {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		gl := append([]byte(nil), f.glyph(g)...)
		if len(gl) >= 10 && int16(u16(gl, 0)) < 0 {
			for p := 10; p+4 <= len(gl); {
				flags := u16(gl, p)
				binary.BigEndian.PutUint16(gl[p+2:], newID[u16(gl, p+2)])
				p += 4 + componentArgSize(flags)
				if flags&0x0020 == 0 {
					break
				}
			}
		}
		glyf = append(glyf, gl...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		hmtx = binary.BigEndian.AppendUint32(hmtx, f.hmetric[g])
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))

	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, recomputed by readers that care
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := append([]byte(nil), f.tables["hhea"]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(old)))
	maxp := append([]byte(nil), f.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(old)))
	post := append([]byte(nil), f.tables["post"][:32]...)
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names

	tables := map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca, "glyf": glyf,
		"cmap": f.subsetCmap(runes, newID), "name": f.tables["name"], "post": post,
	}
	if os2 := f.tables["OS/2"]; os2 != nil {
		tables["OS/2"] = os2
	}
	return writeFont(tables)
}

// subsetCmap builds a format-4 cmap with one segment per character.
func (f *Font) subsetCmap(runes []rune, newID map[uint16]uint16) []byte {
	var chars []rune
	seen := map[rune]bool{}
	for _, r := range runes {
		if _, ok := f.cmap[r]; ok && r <= 0xFFFF && !seen[r] {
			seen[r] = true
			chars = append(chars, r)
		}
	}
	sort.Slice(chars, func(i, j int) bool { return chars[i] < chars[j] })
	segs := len(chars) + 1
	sub := make([]byte, 16+8*segs)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*segs))
	sr := 2
	es := 0
	for sr*2 <= 2*segs {
		sr *= 2
		es++
	}
	be.PutUint16(sub[8:], uint16(sr))
	be.PutUint16(sub[10:], uint16(es))
	be.PutUint16(sub[12:], uint16(2*segs-sr))
	for i := 0; i < segs; i++ {
		c, g := uint16(0xFFFF), uint16(0) // the closing segment maps 0xFFFF to .notdef
		if i < len(chars) {
			c, g = uint16(chars[i]), newID[f.cmap[chars[i]]]
		}
		be.PutUint16(sub[14+2*i:], c)        // endCode
		be.PutUint16(sub[16+2*segs+2*i:], c) // startCode
		be.PutUint16(sub[16+4*segs+2*i:], g-c)
		// idRangeOffset stays 0: glyph = char + delta.
	}
	out := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(out, sub...)
}

// writeFont lays out an sfnt file with its table directory and checksums.
func writeFont(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	be := binary.BigEndian
	out := make([]byte, 12+16*n)
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	be.PutUint16(out[6:], uint16(sr*16))
	be.PutUint16(out[8:], uint16(es))
	be.PutUint16(out[10:], uint16(n*16-sr*16))
	for i, t := range tags {
		data := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		be.PutUint32(rec[4:], checksum(data))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(data)))
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
