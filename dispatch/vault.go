package dispatch

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"

	"secondment/model"
)

// Personal data at rest (PIPL art. 51, GB/T 35273). Each data file has one
// random 32-byte data key. It encrypts every student's ID number and mobile
// (AES-256-GCM, the record key and the field name as associated data, so a
// ciphertext moved to another record or field does not open); the record
// keeps their masked forms beside, which is all that HR, students and the
// bureau see without it. Keys derived from it (HKDF-SHA256) make the blind
// index of ID numbers and the MACs that seal accounts and the audit chain.
//
// The data key is kept only wrapped: once per office account, under a key
// derived from that account's password (argon2id, the parameters of the
// password hash, a salt of its own), in the account's record — so backups
// carry it. An office login unwraps it and the Service keeps it in memory for
// the process; every other role works without it.

// ErrKeyLocked is the refusal of a change that needs the data key in a process
// where no office account has unlocked it.
var errKeyLocked = model.Errorf(model.EForbidden, "key.locked")

// vault holds the data key once an office login has unlocked it.
type vault struct {
	mu     sync.RWMutex
	key    []byte
	aead   cipher.AEAD
	tagKey []byte // blind index of ID numbers
	macKey []byte // seals of accounts and audit entries
}

// set installs the data key (and the keys derived from it).
func (v *vault) set(key []byte) error {
	block, err := aes.NewCipher(key)
	if err != nil {
		return fmt.Errorf("data key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return fmt.Errorf("data key: %w", err)
	}
	tagKey, err := hkdf.Key(sha256.New, key, nil, "secondment blind index v1", 32)
	if err != nil {
		return err
	}
	macKey, err := hkdf.Key(sha256.New, key, nil, "secondment record seal v1", 32)
	if err != nil {
		return err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.key, v.aead, v.tagKey, v.macKey = append([]byte(nil), key...), aead, tagKey, macKey
	return nil
}

// unlocked reports whether the data key is held.
func (v *vault) unlocked() bool {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.key != nil
}

// same reports whether key is the data key held.
func (v *vault) same(key []byte) bool {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return subtle.ConstantTimeCompare(v.key, key) == 1
}

func (v *vault) dataKey() []byte {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.key
}

// newDataKey makes a random data key.
func newDataKey() ([]byte, error) {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		return nil, fmt.Errorf("data key: %w", err)
	}
	return k, nil
}

// wrapAAD binds a wrapped key to its account, so a wrap copied onto another
// account does not open.
func wrapAAD(name string) []byte { return []byte("secondment data key\x00" + name) }

// wrapKey wraps key for the account name under a key derived from password:
// $argon2id$v=19$m=…,t=…,p=…$salt$nonce+ciphertext (base64, no padding).
func (h Hasher) wrapKey(key []byte, name, password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("salt: %w", err)
	}
	kek := argon2.IDKey([]byte(password), salt, h.Time, h.Memory, h.Threads, 32)
	aead, err := newGCM(kek)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("nonce: %w", err)
	}
	ct := aead.Seal(nonce, nonce, key, wrapAAD(name))
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, h.Memory, h.Time, h.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(ct)), nil
}

// errUnwrap means a wrapped key does not open with the password given (or was
// altered, or belongs to another account).
var errUnwrap = errors.New("data key does not unwrap")

// unwrapKey opens a wrap made by wrapKey.
func unwrapKey(wrap, name, password string) ([]byte, error) {
	parts := strings.Split(wrap, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return nil, errUnwrap
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || t == 0 || p == 0 {
		return nil, errUnwrap
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	ct, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return nil, errUnwrap
	}
	aead, err := newGCM(argon2.IDKey([]byte(password), salt, t, m, p, 32))
	if err != nil || len(ct) < aead.NonceSize() {
		return nil, errUnwrap
	}
	key, err := aead.Open(nil, ct[:aead.NonceSize()], ct[aead.NonceSize():], wrapAAD(name))
	if err != nil || len(key) != 32 {
		return nil, errUnwrap
	}
	return key, nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// fieldAAD binds a ciphertext to its record and field.
func fieldAAD(recordKey, field string) []byte {
	return []byte("student\x00" + recordKey + "\x00" + field)
}

func (v *vault) encrypt(recordKey, field, plain string) (string, error) {
	nonce := make([]byte, v.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("nonce: %w", err)
	}
	return base64.RawStdEncoding.EncodeToString(v.aead.Seal(nonce, nonce, []byte(plain), fieldAAD(recordKey, field))), nil
}

func (v *vault) decrypt(recordKey, field, sealed string) (string, error) {
	ct, err := base64.RawStdEncoding.DecodeString(sealed)
	n := v.aead.NonceSize()
	if err != nil || len(ct) < n+v.aead.Overhead() {
		return "", fmt.Errorf("%s of student %q does not decrypt", field, strings.ReplaceAll(recordKey, "\x00", "/"))
	}
	// Opened in place: 100,000 students are opened when the search index loads.
	plain, err := v.aead.Open(ct[n:n], ct[:n], ct[n:], fieldAAD(recordKey, field))
	if err != nil {
		return "", fmt.Errorf("%s of student %q does not decrypt (altered or moved)", field, strings.ReplaceAll(recordKey, "\x00", "/"))
	}
	return string(plain), nil
}

// idTag is the blind index of an ID number: HMAC-SHA256 under a key derived
// from the data key, so equal numbers are found without decrypting, and the
// tag tells nothing to whoever lacks the key.
func (v *vault) idTag(id string) string {
	m := hmac.New(sha256.New, v.tagKey)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// seal turns a student into its form at rest: the ID number and mobile
// encrypted into Sealed, masked in their own fields. A student with neither is
// stored as is. Without the key it refuses (only the office writes students,
// and an office login holds the key).
func (v *vault) seal(st *model.Student) error {
	st.Sealed = nil
	if st.IDNumber == "" && st.Mobile == "" {
		return nil
	}
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.key == nil {
		return errKeyLocked
	}
	key := st.Key()
	sl := &model.Sealed{}
	var err error
	if st.IDNumber != "" {
		if sl.IDNumber, err = v.encrypt(key, "id_number", st.IDNumber); err != nil {
			return err
		}
		sl.IDTag = v.idTag(st.IDNumber)
	}
	if st.Mobile != "" {
		if sl.Mobile, err = v.encrypt(key, "mobile", st.Mobile); err != nil {
			return err
		}
	}
	st.IDNumber, st.Mobile, st.Sealed = model.MaskIDNumber(st.IDNumber), model.MaskMobile(st.Mobile), sl
	return nil
}

// open turns a student at rest back into the record callers see: decrypted
// when the key is held, the masked forms kept otherwise. A record written
// before encryption (no Sealed) is returned as stored.
func (v *vault) open(st *model.Student) error {
	sl := st.Sealed
	if sl == nil {
		return nil
	}
	st.Sealed = nil
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.key == nil {
		return nil
	}
	key := st.Key()
	if sl.IDNumber != "" {
		id, err := v.decrypt(key, "id_number", sl.IDNumber)
		if err != nil {
			return model.Errorf(model.ECorrupt, "key.record_altered", err.Error())
		}
		st.IDNumber = id
	}
	if sl.Mobile != "" {
		m, err := v.decrypt(key, "mobile", sl.Mobile)
		if err != nil {
			return model.Errorf(model.ECorrupt, "key.record_altered", err.Error())
		}
		st.Mobile = m
	}
	return nil
}

// plainFields reports whether a student at rest keeps personal data in clear.
func plainFields(st model.Student) bool {
	if st.Sealed == nil {
		return st.IDNumber != "" || st.Mobile != ""
	}
	return (st.IDNumber != "" && st.Sealed.IDNumber == "") || (st.Mobile != "" && st.Sealed.Mobile == "") ||
		(st.IDNumber != "" && st.IDNumber != model.MaskIDNumber(st.IDNumber)) ||
		(st.Mobile != "" && st.Mobile != model.MaskMobile(st.Mobile))
}

// userSeal is the MAC of what decides an account's powers and who may use it:
// its scope, state and password hash. Login bookkeeping (failures, last
// login) and the account's own wrap, which authenticates itself, are outside
// it: they change in processes without the key. A password therefore changes
// only where the key is held (ChangePassword).
func (v *vault) userSeal(u model.User) string {
	b, _ := json.Marshal([]any{u.Name, u.Role, u.University, u.Platform, u.StudentNumber, u.Disabled, u.Created,
		u.PasswordHash, u.MustChangePassword})
	return sealV2 + v.mac("user2", b)
}

// sealV2 begins the seals that cover the password hash. The seals written
// before (legacySeal) covered the scope and state only: an office login
// renews them all at once (renewSeals).
const sealV2 = "2:"

func (v *vault) legacySeal(u model.User) string {
	b, _ := json.Marshal([]any{u.Name, u.Role, u.University, u.Platform, u.StudentNumber, u.Disabled, u.Created})
	return v.mac("user", b)
}

// sealOK reports whether an account's seal matches it: a current seal, or a
// legacy one, which the office login that finds it renews.
func (v *vault) sealOK(u model.User) bool {
	if strings.HasPrefix(u.Seal, sealV2) {
		return macEqual(u.Seal, v.userSeal(u))
	}
	return u.Seal != "" && macEqual(u.Seal, v.legacySeal(u))
}

// auditSeal is the MAC of an audit entry's hash (which covers the entry and,
// through Prev, every entry before it).
func (v *vault) auditSeal(seq uint64, hash string) string {
	return v.mac("audit", []byte(strconv.FormatUint(seq, 10)+"\x00"+hash))
}

func (v *vault) mac(kind string, b []byte) string {
	v.mu.RLock()
	defer v.mu.RUnlock()
	m := hmac.New(sha256.New, v.macKey)
	m.Write([]byte(kind + "\x00"))
	m.Write(b)
	return hex.EncodeToString(m.Sum(nil))
}

func macEqual(a, b string) bool { return hmac.Equal([]byte(a), []byte(b)) }

// sealedStore is the Store as the rules see it: its transactions encrypt and
// decrypt personal data and seal accounts and audit entries with the vault.
type sealedStore struct {
	Store
	v *vault
}

func (s sealedStore) View(fn func(model.Tx) error) error {
	return s.Store.View(func(tx model.Tx) error { return fn(sealedTx{tx, s.v}) })
}

func (s sealedStore) Update(fn func(model.Tx) error) error {
	return s.Store.Update(func(tx model.Tx) error { return fn(sealedTx{tx, s.v}) })
}

func (s sealedStore) Bulk(fn func(model.Tx) error) error {
	return s.Store.Bulk(func(tx model.Tx) error { return fn(sealedTx{tx, s.v}) })
}

// sealedTx wraps a store's transaction with the vault.
type sealedTx struct {
	model.Tx
	v *vault
}

func (t sealedTx) Student(university, number string) (model.Student, error) {
	st, err := t.Tx.Student(university, number)
	if err == nil {
		err = t.v.open(&st)
	}
	return st, err
}

func (t sealedTx) EachStudent(fn func(model.Student) error) error {
	return t.Tx.EachStudent(func(st model.Student) error {
		if err := t.v.open(&st); err != nil {
			return err
		}
		return fn(st)
	})
}

func (t sealedTx) PutStudent(st model.Student) error {
	if err := t.v.seal(&st); err != nil {
		return err
	}
	return t.Tx.PutStudent(st)
}

// PutUser seals the account when the key is held; without it the seal is
// kept as read (such processes change nothing it covers).
func (t sealedTx) PutUser(u model.User) error {
	if t.v.unlocked() {
		u.Seal = t.v.userSeal(u)
	}
	return t.Tx.PutUser(u)
}

// AppendAudit seals the entry when the key is held.
func (t sealedTx) AppendAudit(e *model.AuditEntry) error {
	if t.v.unlocked() {
		seq, prev := t.AuditHead()
		e.Seq = seq + 1
		e.Seal(prev)
		e.MAC = t.v.auditSeal(e.Seq, e.Hash)
	}
	return t.Tx.AppendAudit(e)
}

// raw is the transaction without the vault: records as stored.
func raw(tx model.Tx) model.Tx {
	if t, ok := tx.(sealedTx); ok {
		return t.Tx
	}
	return tx
}
