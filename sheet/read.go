package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
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

func readXLSX(path string, lim Limits) (*Table, error) {
	if err := checkSize(path, lim); err != nil {
		return nil, err
	}
	f, err := excelize.OpenFile(path, excelize.Options{
		UnzipSizeLimit:    lim.MaxUnzipBytes,
		UnzipXMLSizeLimit: min(lim.MaxUnzipBytes, 64<<20),
	})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") || errors.Is(err, excelize.ErrOptionsUnzipSizeLimit) {
			return nil, model.Errorf(model.EInvalid, "import.unzip_too_big", lim.MaxUnzipBytes>>20).WithCause(err)
		}
		return nil, model.Errorf(model.EInvalid, "import.not_xlsx", path).WithCause(err)
	}
	defer f.Close()
	name := firstVisibleSheet(f)
	if name == "" {
		return nil, model.Errorf(model.EInvalid, "import.no_sheet")
	}
	rows, err := f.Rows(name)
	if err != nil {
		return nil, model.Errorf(model.EInvalid, "import.not_xlsx", path).WithCause(err)
	}
	defer rows.Close()
	t := &Table{File: path, Sheet: name}
	for n := 1; rows.Next(); n++ {
		// Raw values: dates arrive as Excel serial numbers whatever their
		// display format, and package roster turns them into dates.
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, model.Errorf(model.EInvalid, "import.not_xlsx", path).WithCause(err)
		}
		if empty(cells) {
			continue
		}
		if len(t.Rows) >= lim.MaxRows {
			return nil, model.Errorf(model.EInvalid, "import.too_many_rows", lim.MaxRows)
		}
		r := Row{Num: n, Cells: cells}
		if err := checkRow(r, lim); err != nil {
			return nil, err
		}
		t.Rows = append(t.Rows, r)
	}
	if err := rows.Error(); err != nil {
		if strings.Contains(err.Error(), "size exceeds") {
			return nil, model.Errorf(model.EInvalid, "import.unzip_too_big", lim.MaxUnzipBytes>>20).WithCause(err)
		}
		return nil, model.Errorf(model.EInvalid, "import.not_xlsx", path).WithCause(err)
	}
	return t, nil
}

// firstVisibleSheet is the sheet a clerk sees on opening the file.
func firstVisibleSheet(f *excelize.File) string {
	for _, s := range f.GetSheetList() {
		if v, err := f.GetSheetVisible(s); err == nil && v {
			return s
		}
	}
	return ""
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func readCSV(path string, lim Limits) (*Table, error) {
	if err := checkSize(path, lim); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, model.Errorf(model.EInvalid, "import.cannot_open", path).WithCause(err)
	}
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	t := &Table{File: path}
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
		if empty(cells) {
			continue
		}
		if len(t.Rows) >= lim.MaxRows {
			return nil, model.Errorf(model.EInvalid, "import.too_many_rows", lim.MaxRows)
		}
		row := Row{Num: line, Cells: cells}
		if err := checkRow(row, lim); err != nil {
			return nil, err
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// decodeText returns a CSV file's text: UTF-8 (with or without BOM) as it is,
// anything else read as GB18030, the superset of GBK that Excel on Chinese
// Windows writes.
func decodeText(data []byte) (string, error) {
	if bytes.HasPrefix(data, utf8BOM) {
		return string(data[len(utf8BOM):]), nil
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", model.Errorf(model.EInvalid, "import.encoding").WithCause(fmt.Errorf("decode gb18030: %v", err))
	}
	return string(out), nil
}
