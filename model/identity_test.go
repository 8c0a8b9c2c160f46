package model

import "testing"

// withCheck completes 17 digits with their check character.
func withCheck(first17 string) string { return first17 + string(IDCheckChar(first17)) }

func TestNormalizeIDNumber(t *testing.T) {
	today := MustDate("2026-11-25")
	valid := withCheck("33030220000101123")
	// A checksum-valid number whose birth date (2000-02-30) does not exist.
	feb30 := withCheck("33030220000230123")
	// 11010519491231002X is the textbook example with an X check character.
	tests := []struct {
		name, in, want, code string
	}{
		{"valid", valid, valid, ""},
		{"x check lower case stored upper", "11010519491231002x", "11010519491231002X", ""},
		{"full-width digits", toFullWidth(valid), valid, ""},
		{"stray spaces", " " + valid[:6] + " " + valid[6:] + "\u3000", valid, ""},
		{"wrong check character", valid[:17] + string("0123456789X"[(indexOf(valid[17])+1)%11]), "", "id.checksum"},
		{"feb 30 with valid checksum", feb30, "", "id.birth"},
		{"born in the future", withCheck("33030220300101123"), "", "id.birth"},
		{"unknown province", withCheck("99030220000101123"), "", "id.province"},
		{"17 characters", valid[:17], "", "id.length"},
		{"19 characters", valid + "1", "", "id.length"},
		{"letter inside", "3303022000010112A" + "3", "", "id.digits"},
		{"empty", "", "", "id.length"},
		// GB/T 2260: the whole six-digit code, retired ones included.
		{"retired county 洞头县 (330322, merged 2015)", withCheck("33032219800101123"), withCheck("33032219800101123"), ""},
		{"prefecture 市辖区 (330301)", withCheck("33030119800101123"), withCheck("33030119800101123"), ""},
		{"Hong Kong residence permit", withCheck("81000019900101123"), withCheck("81000019900101123"), ""},
		{"Taiwan residence permit", withCheck("83000019900101123"), withCheck("83000019900101123"), ""},
		{"no such county 330399", withCheck("33039920000101123"), "", "id.region"},
		{"no such district 110199", withCheck("11019920000101123"), "", "id.region"},
		// 外国人永久居留身份证 (2023): 9, the province (33 浙江), nationality 840.
		{"foreign permanent residence", withCheck("93384019900101123"), withCheck("93384019900101123"), ""},
		{"foreign, no such province", withCheck("99984019900101123"), "", "id.province"},
		{"foreign, bad checksum", withCheck("93384019900101123")[:17] + "Y", "", "id.digits"},
		{"15-digit old number", "330302800101123", "", "id.fifteen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeIDNumber(tt.in, today)
			if tt.code == "" {
				if err != nil || got != tt.want {
					t.Fatalf("NormalizeIDNumber(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
				}
				return
			}
			e, ok := err.(*Error)
			if !ok || e.Key != tt.code || e.Code != EInvalid {
				t.Fatalf("NormalizeIDNumber(%q) error = %v; want key %s", tt.in, err, tt.code)
			}
		})
	}
}

func TestIDGender(t *testing.T) {
	male, female := withCheck("33030220000101123"), withCheck("33030220000101124")
	if IDGender(male) != "male" || IDGender(female) != "female" {
		t.Fatalf("IDGender: %s %s", IDGender(male), IDGender(female))
	}
	for _, c := range []struct {
		id, gender string
		ok         bool
	}{{male, "male", true}, {female, "female", true}, {male, "female", false}, {female, "male", false}, {"", "male", true}, {male, "", true}} {
		err := CheckIDGender(c.id, c.gender)
		if (err == nil) != c.ok {
			t.Errorf("CheckIDGender(%s, %s) = %v", c.id, c.gender, err)
		}
		if e, _ := err.(*Error); err != nil && (e.Key != "id.gender" || e.Field != "id_number") {
			t.Errorf("error %+v", e)
		}
	}
}

func indexOf(c byte) int {
	for i := range "0123456789X" {
		if "0123456789X"[i] == c {
			return i
		}
	}
	return -1
}

func toFullWidth(s string) string {
	out := []rune{}
	for _, r := range s {
		if r >= '!' && r <= '~' {
			r += 0xFEE0
		}
		out = append(out, r)
	}
	return string(out)
}

func TestNormalizeMobile(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "13812345678", "13812345678"},
		{"+86 prefix", "+86 138 1234 5678", "13812345678"},
		{"0086 prefix", "0086-138-1234-5678", "13812345678"},
		{"full width", "１３８１２３４５６７８", "13812345678"},
		{"second digit 9", "19912345678", "19912345678"},
		{"second digit 2", "12812345678", ""},
		{"ten digits", "1381234567", ""},
		{"landline", "0577-88962031", ""},
		{"letters", "1381234567a", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeMobile(tt.in)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("NormalizeMobile(%q) = %q; want error", tt.in, got)
				}
				if ErrorCode(err) != EInvalid {
					t.Fatalf("code = %s", ErrorCode(err))
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("NormalizeMobile(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestNormalizeEmail(t *testing.T) {
	tests := []struct{ in, want string }{
		{"zhang.san@wzu.edu.cn", "zhang.san@wzu.edu.cn"},
		{"Li@WMU.EDU.CN", "Li@wmu.edu.cn"},
		{"ｗａｎｇ＠ｗｚｕ．ｅｄｕ．ｃｎ", "wang@wzu.edu.cn"},
		{"no-at-sign", ""},
		{"a@localhost", ""},
		{"张三 <a@b.cn>", ""},
		{"a@b.", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := NormalizeEmail(tt.in)
		if tt.want == "" && err == nil {
			t.Errorf("NormalizeEmail(%q) = %q; want error", tt.in, got)
		}
		if tt.want != "" && (err != nil || got != tt.want) {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestMasks(t *testing.T) {
	if got := MaskIDNumber("330302200001011234"); got != "330302********1234" {
		t.Errorf("MaskIDNumber = %q", got)
	}
	if got := MaskMobile("13812345678"); got != "138****5678" {
		t.Errorf("MaskMobile = %q", got)
	}
	if got := MaskIDNumber(""); got != "" {
		t.Errorf("MaskIDNumber(empty) = %q", got)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-09-01", "2024-09-01"},
		{"2024/9/1", "2024-09-01"},
		{"2024.9.1", "2024-09-01"},
		{"2024年9月1日", "2024-09-01"},
		{"２０２４－０９－０１", "2024-09-01"},
		{"2024-02-29", "2024-02-29"},
		{"2023-02-29", ""},
		{"2024-02-30", ""},
		{"2024-13-01", ""},
		{"yesterday", ""},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("ParseDate(%q) = %v; want error", tt.in, d)
			}
			continue
		}
		if err != nil || d.String() != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, d, err, tt.want)
		}
	}
}

// FuzzNormalizeIDNumber: whatever is typed, a number accepted is 18 characters
// whose check character verifies, and normalising it again changes nothing.
func FuzzNormalizeIDNumber(f *testing.F) {
	for _, s := range []string{"11010519491231002x", "330302200002301234", "３３０３０２２０００１０１１１２３", "", "X"} {
		f.Add(s)
	}
	today := MustDate("2026-11-25")
	f.Fuzz(func(t *testing.T, s string) {
		id, err := NormalizeIDNumber(s, today)
		if err != nil {
			return
		}
		if len(id) != 18 || IDCheckChar(id) != id[17] {
			t.Fatalf("accepted %q as %q", s, id)
		}
		if again, err := NormalizeIDNumber(id, today); err != nil || again != id {
			t.Fatalf("not stable: %q → %q, %v", id, again, err)
		}
	})
}
