package remote

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"os"
	"strings"
	"time"

	"secondment/model"
)

// Fingerprint is the SHA-256 of a certificate (DER), as hex pairs joined by
// colons, the way browsers show it.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = strings.ToUpper(hex.EncodeToString([]byte{b}))
	}
	return strings.Join(parts, ":")
}

// NormalizeFingerprint accepts a fingerprint typed with or without colons or
// spaces, in either case.
func NormalizeFingerprint(s string) string {
	clean := strings.ToUpper(strings.NewReplacer(":", "", " ", "", "-", "").Replace(strings.TrimSpace(s)))
	if len(clean) != 64 {
		return clean
	}
	parts := make([]string, 32)
	for i := range parts {
		parts[i] = clean[2*i : 2*i+2]
	}
	return strings.Join(parts, ":")
}

// UnknownServerError is a server whose certificate nothing vouches for yet:
// the user compares Fingerprint with the one the server printed and trusts
// it (or not).
type UnknownServerError struct{ Fingerprint string }

func (e *UnknownServerError) Error() string { return "unknown server certificate " + e.Fingerprint }

// Unwrap words it for a front end that does not ask.
func (e *UnknownServerError) Unwrap() error {
	return model.Errorf(model.EUnauthorized, "remote.unknown_server", e.Fingerprint)
}

// ChangedServerError is a server whose certificate differs from the one
// trusted before: someone may be in between. Always refused.
type ChangedServerError struct{ Want, Got string }

func (e *ChangedServerError) Error() string { return "server certificate changed: " + e.Got }

func (e *ChangedServerError) Unwrap() error {
	return model.Errorf(model.EUnauthorized, "remote.changed_server", e.Want, e.Got)
}

// MismatchError is a fingerprint the user gave (--fingerprint) that is not
// the server's: a typing error, or the wrong server.
type MismatchError struct{ Given, Got string }

func (e *MismatchError) Error() string { return "server certificate is not " + e.Given }

func (e *MismatchError) Unwrap() error {
	return model.Errorf(model.EUnauthorized, "remote.fingerprint_mismatch", e.Given, e.Got)
}

// ValidFingerprint reports whether s reads as a SHA-256 fingerprint (32
// bytes in hex, with or without colons or spaces).
func ValidFingerprint(s string) bool {
	n := NormalizeFingerprint(s)
	if len(n) != 95 {
		return false
	}
	_, err := hex.DecodeString(strings.ReplaceAll(n, ":", ""))
	return err == nil
}

// pinnedTLS checks the server's certificate against the fingerprint given
// or pinned, or, with none, against the system's trusted roots.
func pinnedTLS(host, given, pinned string) *tls.Config {
	want := NormalizeFingerprint(given)
	byUser := want != ""
	if want == "" {
		want = NormalizeFingerprint(pinned)
	}
	return &tls.Config{
		MinVersion: tls.VersionTLS12,
		// The chain is checked below, where a pinned fingerprint may stand
		// in for a certificate authority.
		InsecureSkipVerify: true,
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errors.New("no server certificate")
			}
			leaf := cs.PeerCertificates[0]
			got := Fingerprint(leaf.Raw)
			if want != "" {
				switch {
				case got == want:
					return nil
				case byUser:
					return &MismatchError{Given: want, Got: got}
				}
				return &ChangedServerError{Want: want, Got: got}
			}
			inter := x509.NewCertPool()
			for _, c := range cs.PeerCertificates[1:] {
				inter.AddCert(c)
			}
			if _, err := leaf.Verify(x509.VerifyOptions{DNSName: host, Intermediates: inter}); err != nil {
				return &UnknownServerError{Fingerprint: got}
			}
			return nil
		},
	}
}

// SelfSigned returns the certificate kept at certPath and keyPath, making a
// self-signed one for the given hosts first if there is none. The key is
// written readable by its owner only.
func SelfSigned(certPath, keyPath string, hosts []string, now time.Time) (tls.Certificate, error) {
	if cert, err := tls.LoadX509KeyPair(certPath, keyPath); err == nil {
		return cert, nil
	} else if _, statErr := os.Stat(certPath); statErr == nil {
		return tls.Certificate{}, err // there is one, and it does not load: say so, do not replace it
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "Secondment Desk", Organization: []string{"研究生选派工作台"}},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.AddDate(10, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil && ip.IsUnspecified() {
			continue // 0.0.0.0 names no computer
		} else if ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else if h != "" {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, &tmpl, &tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return tls.Certificate{}, err
	}
	if err := os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		return tls.Certificate{}, err
	}
	if err := os.WriteFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return tls.Certificate{}, err
	}
	return tls.LoadX509KeyPair(certPath, keyPath)
}

// CertFingerprint is the fingerprint of a loaded certificate's leaf.
func CertFingerprint(c tls.Certificate) string {
	if len(c.Certificate) == 0 {
		return ""
	}
	return Fingerprint(c.Certificate[0])
}
