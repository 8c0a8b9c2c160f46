// Command secondment is Secondment Desk (研究生选派工作台): with no command it
// opens the desktop client; with one it runs the command line (see README.md).
package main

import (
	"fmt"
	"os"

	"golang.org/x/term"

	"secondment/cli"
)

func main() {
	os.Exit(cli.Run(cli.Env{
		Args:         os.Args[1:],
		Getenv:       os.Getenv,
		Stdin:        os.Stdin,
		Stdout:       os.Stdout,
		Stderr:       os.Stderr,
		ReadPassword: readPassword(),
		OpenWindow:   openWindow,
	}))
}

// readPassword reads from the terminal without echo, or is nil when standard
// input is not a terminal (scripts must use SECONDMENT_PASSWORD).
func readPassword() func(string) (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return nil
	}
	return func(prompt string) (string, error) {
		fmt.Fprint(os.Stderr, prompt)
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(os.Stderr)
		return string(b), err
	}
}
