package i18n

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"secondment/model"
)

// keyUse finds the catalogue keys the code passes to the functions that end up
// in front of a user.
var keyUse = regexp.MustCompile(`(?:Errorf\((?:model\.)?E\w+, |Invalid\("[a-z_]+", |Invalid\(field, |forbidden\(|r\.say\(|r\.note\(|r\.usage\(|T\(r\.lang, |u\.t\(|title: |Key: )"([a-z_.:]+)"(?:[^+ ]| [^+]|$)`)
var fieldUse = regexp.MustCompile(`Invalid\("([a-z_]+)", `)

// TestEveryKeyHasBothLanguages reads the source of every package and checks that
// each sentence key it uses has a Chinese and an English text, so no user ever
// reads a bare key.
func TestEveryKeyHasBothLanguages(t *testing.T) {
	files, _ := filepath.Glob("../*/*.go")
	// Keys built from a prefix and a code: check every code.
	for _, p := range []struct {
		prefix string
		codes  []string
	}{
		{"ui.import_", []string{"students", "platforms", "appointments"}},
		{"ui.template_", []string{"students", "platforms", "appointments"}},
		{"ui.export_", []string{"students", "placements", "quotas", "appointments", "platforms"}},
		{"ui.step_", []string{"approved", "dispatched", "arrived", "completed", "terminated", "withdrawn"}},
	} {
		for _, c := range p.codes {
			if m, ok := catalog[p.prefix+c]; !ok || m.zh == "" || m.en == "" {
				t.Errorf("key %q lacks a text", p.prefix+c)
			}
		}
	}
	more, _ := filepath.Glob("../cmd/*/*.go")
	seen := 0
	for _, f := range append(files, more...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		check := func(key string) {
			seen++
			m, ok := catalog[key]
			if !ok || m.zh == "" || m.en == "" {
				t.Errorf("%s: key %q lacks a Chinese or English text", f, key)
			}
		}
		for _, m := range keyUse.FindAllStringSubmatch(string(src), -1) {
			if strings.HasPrefix(m[0], "forbidden(") {
				check("forbidden." + m[1])
			} else {
				check(m[1])
			}
		}
		for _, m := range fieldUse.FindAllStringSubmatch(string(src), -1) {
			check("field:" + m[1])
		}
	}
	if seen < 100 {
		t.Fatalf("found only %d key uses: the pattern no longer matches the code", seen)
	}
}

func TestMessage(t *testing.T) {
	err := model.Errorf(model.ERule, "quota.full", "瓯江实验室", 2025, model.Graduate, 10, 10)
	if got := Message(Zh, err); got != "瓯江实验室 2025 年研究生选派员额已满（10/10），无法审批" {
		t.Errorf("zh = %q", got)
	}
	if got := Message(En, err); !strings.Contains(got, "瓯江实验室: the 2025 Graduate placements quota is full (10/10)") {
		t.Errorf("en = %q", got)
	}
	inv := model.Invalid("id_number", "id.checksum")
	if got := Message(Zh, inv); got != "身份证号：校验位不正确，请核对号码" {
		t.Errorf("field message = %q", got)
	}
	probs := model.Problems{model.Invalid("mobile", "mobile.format", "123"), model.Invalid("name", "field.required")}
	if got := Message(Zh, probs); strings.Count(got, "\n") != 1 || !strings.Contains(got, "手机") {
		t.Errorf("problems = %q", got)
	}
	if got := Message(Zh, errors.New("disk on fire")); strings.Contains(got, "fire") {
		t.Errorf("an internal error leaked its details: %q", got)
	}
}

// A sentence that begins with its field's name is not given the name again.
func TestMessageNamesTheFieldOnce(t *testing.T) {
	short := model.Invalid("password", "password.short", 8)
	if got := Message(Zh, short); got != "密码至少 8 个字符" {
		t.Errorf("zh: %q", got)
	}
	if got := Message(En, short); got != "the password needs at least 8 characters" {
		t.Errorf("en: %q", got)
	}
	if got := Message(Zh, model.Invalid("mobile", "mobile.format", "1234")); !strings.HasPrefix(got, "手机：") {
		t.Errorf("a sentence without the name keeps it in front: %q", got)
	}
}
