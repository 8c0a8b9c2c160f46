package sheet

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"secondment/model"
)

// TestWriteIsAtomic: a write that fails part-way leaves an existing file as it
// was and no temporary file beside it; one that succeeds replaces it whole.
func TestWriteIsAtomic(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"名单.xlsx", "名单.csv"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			old := []byte("the clerk's earlier export")
			os.WriteFile(path, old, 0o644)
			// A sheet name Excel refuses (over 31 characters) fails the
			// .xlsx writer part-way.
			bad := Sheet{Name: strings.Repeat("长", 40), Columns: []Column{{Title: "学号"}}, Rows: [][]any{{"1"}}}
			if strings.HasSuffix(name, ".csv") {
				// The CSV writer does not fail on content: fail the rename
				// instead, onto a folder of that name.
				path = filepath.Join(dir, "folder-"+name)
				os.Mkdir(path, 0o755)
				os.WriteFile(filepath.Join(path, "inside"), old, 0o644)
				path2 := path
				defer func() { os.RemoveAll(path2) }()
				bad = Sheet{Columns: []Column{{Title: "学号"}}, Rows: [][]any{{"1"}}}
			}
			if err := Write(path, bad); err == nil {
				t.Fatal("a bad sheet was written")
			}
			if strings.HasSuffix(name, ".csv") {
				if got, _ := os.ReadFile(filepath.Join(path, "inside")); !bytes.Equal(got, old) {
					t.Fatal("a failed write changed the folder")
				}
				path = filepath.Join(dir, name)
				os.WriteFile(path, old, 0o644)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, old) {
				t.Fatalf("a failed write changed the file: %q", got)
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".secondment-*")); len(left) > 0 {
				t.Fatalf("temporary files left: %v", left)
			}
			good := Sheet{Name: "学生名册", Columns: []Column{{Title: "学号"}}, Rows: [][]any{{"2025101"}}}
			if err := Write(path, good); err != nil {
				t.Fatal(err)
			}
			tab, err := Read(path, DefaultLimits)
			if err != nil || len(tab.Rows) != 2 || tab.Rows[1].Cells[0] != "2025101" {
				t.Fatalf("rewritten file: %v %+v", err, tab)
			}
		})
	}
}

func TestUnneutralizeUndoesNeutralize(t *testing.T) {
	for _, s := range []string{"=SUM(A1:A9)", "+86 138", "-cmd", "@x", "\tx", "＝1", "-12", "+7", "张三", "", "'quoted",
		"'=already", "''", "a=b", "'"} {
		if got := Unneutralize(Neutralize(s)); got != s {
			t.Errorf("Unneutralize(Neutralize(%q)) = %q", s, got)
		}
	}
	// A clerk's own apostrophe before ordinary text stays.
	if got := Unneutralize("'O'Brien"); got != "'O'Brien" {
		t.Errorf("Unneutralize(%q) = %q", "'O'Brien", got)
	}
	path := filepath.Join(t.TempDir(), "p.csv")
	s := Sheet{Columns: []Column{{Title: "攻关任务"}, {Title: "备注"}},
		Rows: [][]any{{`=HYPERLINK("http://x.invalid")`, "-1"}, {"+创新", "'自己加的"}}}
	if err := Write(path, s); err != nil {
		t.Fatal(err)
	}
	tab, err := Read(path, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range s.Rows {
		for j, v := range row {
			if got := tab.Rows[i+1].Cell(j); got != v {
				t.Errorf("row %d col %d: %q; want %q", i+1, j, got, v)
			}
		}
	}
}

func TestWorkbooksThatCannotBeRead(t *testing.T) {
	dir := t.TempDir()
	// A password-protected workbook is an OLE compound file holding an
	// EncryptedPackage stream (names are UTF-16). LibreOffice 7.4 cannot save
	// one from the command line, so the fixture is the minimal shape.
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	ole = append(ole, utf16le("EncryptedPackage")...)
	var xlsb bytes.Buffer
	z := zip.NewWriter(&xlsb)
	w, _ := z.Create("xl/workbook.bin")
	w.Write([]byte{0x83, 0x01, 0x00})
	z.Close()
	for _, c := range []struct {
		file string
		data []byte
		key  string
	}{
		{"加密.xlsx", ole, "import.encrypted"},
		{"旧格式改名.xlsx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), "import.old_format"},
		{"二进制.xlsb", xlsb.Bytes(), "import.xlsb"},
		{"二进制改名.xlsx", xlsb.Bytes(), "import.xlsb"},
	} {
		t.Run(c.file, func(t *testing.T) {
			path := filepath.Join(dir, c.file)
			os.WriteFile(path, c.data, 0o644)
			_, err := Read(path, DefaultLimits)
			if e, ok := err.(*model.Error); !ok || e.Key != c.key {
				t.Fatalf("err = %v; want %s", err, c.key)
			}
		})
	}
}

func TestUTF16Text(t *testing.T) {
	text := "学号\t姓名\r\n2025001\t张三\r\n"
	le := []byte{0xFF, 0xFE}
	be := []byte{0xFE, 0xFF}
	for _, r := range text {
		le = append(le, byte(r), byte(r>>8))
		be = append(be, byte(r>>8), byte(r))
	}
	dir := t.TempDir()
	for name, data := range map[string][]byte{"le.txt": le, "be.txt": be} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, data, 0o644)
		tab, err := Read(path, DefaultLimits)
		if err != nil || len(tab.Rows) != 2 || tab.Rows[1].Cell(1) != "张三" {
			t.Errorf("%s: %v %+v", name, err, tab)
		}
	}
}

func TestUnescapeOOXML(t *testing.T) {
	for in, want := range map[string]string{"张三_x000D_": "张三\r", "a_x0009_b": "a\tb", "_x_": "_x_", "plain": "plain"} {
		if got := unescapeOOXML(in); got != want {
			t.Errorf("unescapeOOXML(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestDateFormats(t *testing.T) {
	for code, want := range map[string]bool{
		"yyyy\\-mm\\-dd": true, "yyyy/m/d": true, `yyyy"年"m"月"`: true, "m/d": true, "[$-804]yyyy年m月d日": true,
		"h:mm": false, "h:mm:ss": false, "0": false, "General": false, `0.00"元"`: false, "[Red]0": false, "@": false,
	} {
		if got := isDateFormat(code); got != want {
			t.Errorf("isDateFormat(%q) = %v; want %v", code, got, want)
		}
	}
	for id, want := range map[int]bool{14: true, 22: true, 31: true, 57: true, 18: false, 20: false, 32: false, 46: false, 49: false} {
		if got := builtinDate(id); got != want {
			t.Errorf("builtinDate(%d) = %v; want %v", id, got, want)
		}
	}
}
