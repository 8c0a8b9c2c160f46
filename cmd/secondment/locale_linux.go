//go:build linux && cgo

package main

// Fyne's lang package reads the locale while the program starts (its package
// init, before main) through go-locale, and logs three "Fyne error: Error
// parsing user locale C" lines on standard error for LANG=C.UTF-8 and other
// locales it cannot parse — on every command. No Go code of ours can run
// before that init, so this C constructor, which runs before the Go runtime
// starts, checks the locale the way go-locale will read it and, only when
// go-locale would fail, starts the program again (execve, same arguments)
// with LANGUAGE set to what Fyne would have fallen back to anyway ("en", or
// the parsable entries of LANGUAGE). LANG and LC_* are left as they are, so C
// libraries keep their character set. Cost: one exec, only in such a locale
// (measured in locale_test.go).

/*
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

// subtag_ok accepts a BCP 47-like subtag: 2 to 8 ASCII letters or digits.
static int subtag_ok(const char *s, size_t n, int letters_only) {
	if (n < 2 || n > 8) return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		int digit = c >= '0' && c <= '9';
		if (!letter && !(digit && !letters_only)) return 0;
	}
	return 1;
}

// entry_ok mirrors go-locale's splitLocale and Fyne's language.Parse of one
// entry: the part before '.', a language of 2 or 3 letters, then
// subtags of 2 to 8 letters or digits separated by '_' or '-'.
static int entry_ok(const char *e, size_t n) {
	const char *dot = memchr(e, '.', n);
	if (dot) n = dot - e;
	size_t start = 0;
	for (int first = 1; ; first = 0) {
		size_t i = start;
		while (i < n && e[i] != '_' && e[i] != '-') i++;
		if (!first && start == n) return 1; // "en_": go-locale drops the empty region
		if (!subtag_ok(e + start, i - start, first) || (first && i - start > 3)) return 0;
		if (i == n) return 1;
		start = i + 1;
	}
}

static const char *env(const char *name) {
	const char *v = getenv(name);
	return v ? v : "";
}

__attribute__((constructor)) static void secondment_fix_locale(int argc, char **argv, char **envp) {
	if (argv == NULL || getenv("SECONDMENT_LOCALE_FIXED") != NULL) return;
	const char *loc = env("LC_ALL");
	if (!*loc) loc = env("LC_MESSAGES");
	if (!*loc) loc = env("LANG");
	if (strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0) return;
	const char *langs = env("LANGUAGE");
	const char *list = *langs ? langs : loc;
	if (!*list) return;

	// Keep the entries go-locale can parse; note whether any cannot be.
	static char good[512];
	size_t g = 0;
	int bad = 0;
	for (const char *p = list; ; ) {
		const char *end = strchr(p, ':');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (entry_ok(p, n)) {
			if (g + n + 2 < sizeof good) {
				if (g) good[g++] = ':';
				memcpy(good + g, p, n);
				g += n;
			}
		} else {
			bad = 1;
		}
		if (!end) break;
		p = end + 1;
	}
	if (!bad) return;
	good[g] = 0;
	if (g == 0) strcpy(good, "en");

	size_t count = 0;
	while (environ[count]) count++;
	char **nenv = calloc(count + 3, sizeof(char *));
	if (!nenv) return;
	size_t j = 0;
	for (size_t i = 0; i < count; i++) {
		if (strncmp(environ[i], "LANGUAGE=", 9) != 0) nenv[j++] = environ[i];
	}
	static char language[530];
	strcpy(language, "LANGUAGE=");
	strcat(language, good);
	nenv[j++] = language;
	nenv[j++] = "SECONDMENT_LOCALE_FIXED=1";
	nenv[j] = NULL;
	execve("/proc/self/exe", argv, nenv);
	free(nenv); // exec failed: go on as before
}
*/
import "C"

import "unsafe"

// localeEntryOK reports whether the C check accepts one locale entry (for tests).
func localeEntryOK(s string) bool {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return C.entry_ok(cs, C.size_t(len(s))) != 0
}
