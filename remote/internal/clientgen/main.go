// Command clientgen writes remote/client_gen.go: a method of remote.Client
// for each operation of dispatch.API that travels as a plain call (the
// others are written by hand in client.go). Run by `go generate ./remote`;
// a test in package remote fails when the file is out of date.
package main

import (
	"fmt"
	"os"

	"secondment/remote/internal/clientgen/gen"
)

func main() {
	if err := os.WriteFile("client_gen.go", gen.Source(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
