package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"secondment/cli"
)

// binary builds the program into a temporary folder once per test.
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the program")
	}
	bin := filepath.Join(t.TempDir(), "secondment")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// runIn runs the binary with env (nothing inherited but PATH and HOME) and
// returns its exit status, standard output and standard error.
func runIn(t *testing.T, bin string, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

// inProcess runs the same command through cli.Run: its standard error is the
// command's own words.
func inProcess(env map[string]string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := cli.Run(cli.Env{Args: args, Getenv: func(k string) string { return env[k] }, Stdout: &out, Stderr: &errb,
		Now: time.Now})
	return code, out.String(), errb.String()
}

// TestCommandsPrintOnlyTheirOwnWords runs the real program in the locales that
// made Fyne log "Error parsing user locale C" on every command: standard
// error must hold nothing but what the command itself says.
func TestCommandsPrintOnlyTheirOwnWords(t *testing.T) {
	bin := binary(t)
	db := filepath.Join(t.TempDir(), "desk.db")
	vars := map[string]string{"SECONDMENT_PASSWORD": "测试-password-2026", "SECONDMENT_USER": "admin"}
	if code, _, errs := inProcess(vars, "--db", db, "init", "--admin", "admin"); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	env := []string{"SECONDMENT_PASSWORD=" + vars["SECONDMENT_PASSWORD"], "SECONDMENT_USER=admin"}
	locales := map[string][]string{
		"LANG=C":             {"LANG=C"},
		"LANG=C.UTF-8":       {"LANG=C.UTF-8"},
		"LANG=":              {"LANG="},
		"unset":              nil,
		"LC_ALL=C.UTF-8":     {"LC_ALL=C.UTF-8", "LANG=zh_CN.UTF-8"},
		"LANGUAGE=C:zh_CN":   {"LANG=zh_CN.UTF-8", "LANGUAGE=C:zh_CN"},
		"LANG=zh_CN.UTF-8":   {"LANG=zh_CN.UTF-8"},
		"LANG=en_US@euro":    {"LANG=en_US@euro"},
		"LANG=POSIX":         {"LANG=POSIX"},
		"LC_MESSAGES=C.utf8": {"LC_MESSAGES=C.utf8"},
	}
	commands := [][]string{
		{"--help"},
		{"--db", db, "list", "students"},
		{"--db", db, "list", "students", "--bogus"},
		{"--db", db, "check"},
	}
	for name, loc := range locales {
		for _, args := range commands {
			code, out, errs := runIn(t, bin, append(append([]string{}, env...), loc...), args...)
			wantCode, wantOut, wantErr := inProcess(vars, args...)
			if code != wantCode || errs != wantErr {
				t.Errorf("%s %v: exit %d, stderr %q; want exit %d, stderr %q", name, args, code, errs, wantCode, wantErr)
			}
			if args[0] == "--help" && out != wantOut {
				t.Errorf("%s %v: stdout differs", name, args)
			}
		}
	}
}

// TestWindowWithoutDisplay starts the window where there is no display: one
// sentence, exit status 1, no stack trace.
func TestWindowWithoutDisplay(t *testing.T) {
	bin := binary(t)
	db := filepath.Join(t.TempDir(), "desk.db")
	// A display number no X server listens on here.
	free := 190
	for ; free < 300; free++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", free)); os.IsNotExist(err) {
			break
		}
	}
	for _, env := range [][]string{{"LANG=C.UTF-8"}, {fmt.Sprintf("DISPLAY=:%d", free), "LANG=zh_CN.UTF-8"}} {
		code, out, errs := runIn(t, bin, env, "--db", db)
		lines := strings.Split(strings.TrimSpace(errs), "\n")
		if code != 1 || out != "" || len(lines) != 1 || !strings.Contains(errs, "无法打开桌面窗口") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", env, code, out, errs)
		}
	}
	code, _, errs := runIn(t, bin, []string{"LANG=C.UTF-8"}, "--lang", "en", "--db", db)
	if code != 1 || !strings.HasPrefix(errs, "Cannot open the desktop window") {
		t.Errorf("English: exit %d, %q", code, errs)
	}
}

// BenchmarkStartInBadLocale measures what the locale fix costs: a command in a
// locale Fyne cannot parse (one extra exec) beside one in a locale it can.
func BenchmarkStartInBadLocale(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "secondment")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	for _, loc := range []string{"LANG=en_US.UTF-8", "LANG=C.UTF-8"} {
		b.Run(loc, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				cmd := exec.Command(bin, "--help")
				cmd.Env = []string{loc, "HOME=" + b.TempDir()}
				if err := cmd.Run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// A window goes back where it was left when that is still on a screen, moved
// in as far as it must to be whole but never with its title bar off the top;
// a place on an unplugged screen is forgotten. X11 names the client area's
// place (the title bar is above it), Windows the frame's.
func TestPlaceWindow(t *testing.T) {
	laptop := rect{0, 0, 1366, 728}        // 1366×768 less the taskbar
	second := rect{1366, -200, 1920, 1040} // a monitor to its right, higher up
	x11 := func(w, h int) frame { return frame{width: w, above: titleBar, below: h} }
	win := func(w, h int) frame { return frame{width: w, below: h + titleBar} }
	for _, c := range []struct {
		x, y         int
		f            frame
		areas        []rect
		wantX, wantY int
		ok           bool
	}{
		{100, 50, x11(800, 500), []rect{laptop}, 100, 50, true},
		{200, 100, win(1000, 600), []rect{laptop}, 200, 88, true}, // moved up to fit, title bar on screen
		{600, 300, x11(1280, 688), []rect{laptop}, 86, 40, true},  // moved in, title bar kept on screen
		{120, 40, x11(1280, 728), []rect{laptop}, 86, 40, true},   // too tall to fit: the title bar wins
		{0, 19, x11(1366, 749), []rect{laptop}, 0, 40, true},      // left maximised
		{1500, -100, x11(1280, 700), []rect{laptop, second}, 1500, -100, true},
		{1500, -100, x11(1280, 700), []rect{laptop}, 0, 0, false}, // the second screen is gone
		{1300, 700, x11(800, 500), []rect{laptop}, 0, 0, false},   // no room for the title bar
		{-5, 50, x11(800, 500), []rect{laptop}, 0, 0, false},
		{100, 10, x11(800, 500), []rect{laptop}, 100, 40, true}, // moved down: the title bar was off the top
	} {
		x, y, ok := place(c.x, c.y, c.f, c.areas)
		if ok != c.ok || ok && (x != c.wantX || y != c.wantY) {
			t.Errorf("place(%d, %d, %+v) = %d, %d, %v; want %d, %d, %v", c.x, c.y, c.f, x, y, ok, c.wantX, c.wantY, c.ok)
		}
	}
}
