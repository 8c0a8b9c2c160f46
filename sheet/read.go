package sheet

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"secondment/model"
)

func checkSize(path string, lim Limits) error {
	fi, err := os.Stat(path)
	if err != nil {
		return model.Errorf(model.EInvalid, "import.cannot_open", path).WithCause(err)
	}
	if fi.Size() > lim.MaxFileBytes {
		return model.Errorf(model.EInvalid, "import.file_too_big", fi.Size()>>20, lim.MaxFileBytes>>20)
	}
	return nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// scanCSV reads a text file: comma-separated, or tab-separated as Excel's
// "Unicode text" (UTF-16) and "Text (tab delimited)" save it. A leading
// apostrophe that Neutralize would have added is taken off again, so that an
// export imports back unchanged.
func scanCSV(ctx context.Context, path string, lim Limits, progress func(done, total int64), fn func(*Info, Row) error) (*Info, error) {
	if err := checkSize(path, lim); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, model.Errorf(model.EInvalid, "import.cannot_open", path).WithCause(err)
	}
	text, err := decodeText(data)
	data = nil // the text is a copy; let the bytes go while the rows are read
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delimiter(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	info := &Info{File: path, Text: true}
	n, rows := 0, 0
	for {
		cells, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, model.Errorf(model.EInvalid, "import.csv_broken", line).WithCause(err)
		}
		line, _ := r.FieldPos(0)
		if n++; n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			progress(r.InputOffset(), int64(len(text)))
		}
		if empty(cells) {
			continue
		}
		if rows++; rows > lim.MaxRows {
			return info, model.Errorf(model.EInvalid, "import.too_many_rows", lim.MaxRows)
		}
		for i, c := range cells {
			cells[i] = Unneutralize(c)
		}
		row := Row{Num: line, Cells: cells}
		if err := checkRow(row, lim); err != nil {
			return info, err
		}
		if err := fn(info, row); err != nil {
			return info, err
		}
	}
	progress(int64(len(text)), int64(len(text)))
	return info, nil
}

// delimiter picks tab or comma by the first line: tab when it has more tabs.
func delimiter(text string) rune {
	line, _, _ := strings.Cut(text, "\n")
	if strings.Count(line, "\t") > strings.Count(line, ",") {
		return '\t'
	}
	return ','
}

// decodeText returns a text file's text: UTF-16 with its byte-order mark (what
// Excel's "Unicode text" writes), UTF-8 with or without BOM, and anything else
// read as GB18030, the superset of GBK that Excel on Chinese Windows writes.
func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data[2:], true)
	case bytes.HasPrefix(data, utf8BOM):
		return string(data[len(utf8BOM):]), nil
	case utf8.Valid(data):
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", model.Errorf(model.EInvalid, "import.encoding").WithCause(fmt.Errorf("decode gb18030: %v", err))
	}
	return string(out), nil
}

func decodeUTF16(b []byte, bigEndian bool) (string, error) {
	if len(b)%2 != 0 {
		return "", model.Errorf(model.EInvalid, "import.encoding").WithCause(errors.New("odd UTF-16 length"))
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(u)), nil
}
