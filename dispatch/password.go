package dispatch

import (
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"secondment/model"
)

// Hasher holds argon2id parameters.
type Hasher struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultHasher follows OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane.
var DefaultHasher = Hasher{Memory: 19 * 1024, Time: 2, Threads: 1}

const saltLen, keyLen = 16, 32

// Hash returns a PHC-style string: $argon2id$v=19$m=19456,t=2,p=1$salt$hash.
// Passwords are UTF-8 of any length, Chinese included.
func (h Hasher) Hash(password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, h.Time, h.Memory, h.Threads, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, h.Memory, h.Time, h.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// Verify reports whether password matches a PHC string made by Hash (with any
// parameters, so old hashes keep working when the defaults change).
func Verify(phc, password string) bool {
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || t == 0 || p == 0 {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	want, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// MinPasswordLen is the shortest password accepted, in characters (not bytes:
// 8 Chinese characters will do); MaxPasswordLen the longest.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 1024
)

//go:embed common_passwords.txt
var commonPasswordList string

// commonPasswords is the set of passwords too common to accept, folded to lower
// case; built on first use.
var commonPasswords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonPasswordList, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[strings.ToLower(line)] = true
		}
	}
	return m
})

// checkPassword applies the password policy (NIST SP 800-63B 5.1.1.2): at least
// MinPasswordLen characters, at most MaxPasswordLen, not the user's name, not
// on the list of common passwords. No rules on character classes.
func checkPassword(name, pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLen:
		return model.Invalid("password", "password.short", MinPasswordLen)
	case n > MaxPasswordLen:
		return model.Invalid("password", "field.too_long", MaxPasswordLen)
	case name != "" && strings.EqualFold(pw, name):
		return model.Invalid("password", "password.is_name")
	case commonPasswords()[strings.ToLower(pw)]:
		return model.Invalid("password", "password.common")
	}
	return nil
}
