package remote

import (
	"os"
	"testing"

	"secondment/remote/internal/clientgen/gen"
)

// TestGeneratedClientIsCurrent: client_gen.go is what `go generate` makes
// from dispatch.API now; a changed contract must be regenerated.
func TestGeneratedClientIsCurrent(t *testing.T) {
	have, err := os.ReadFile("client_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(have) != string(gen.Source()) {
		t.Fatal("client_gen.go is out of date: run go generate ./remote")
	}
}
