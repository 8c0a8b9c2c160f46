// Package cli is the command-line front end: the public contract of PRODUCT.md
// (commands, flags, exit codes, --json keys). It parses arguments, logs the user
// in and calls package dispatch, which enforces every rule and role.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
	"secondment/remote"
	"secondment/storage"
)

// Exit statuses.
const (
	ExitOK      = 0
	ExitRefused = 1 // bad input, a rule, a role's limit; nothing written
	ExitUsage   = 2
)

// Env is everything the commands touch outside the data file, so tests can run
// them in-process.
type Env struct {
	Args           []string // without the program name
	Getenv         func(string) string
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Now            func() time.Time
	// ReadPassword reads a line without echo from the terminal; nil when there is
	// no terminal.
	ReadPassword func(prompt string) (string, error)
	// Context, when set, stops a long-running command (serve); nil stops it
	// on Ctrl+C or SIGTERM.
	Context context.Context
	// Serving, when set, is told where serve listens once it does.
	Serving func(ServeInfo)
	// OpenWindow runs the desktop client on the data file, or on the server
	// when server is set (fingerprint: --fingerprint); nil where it is not
	// built in.
	OpenWindow func(dbPath string, lang i18n.Lang, server, fingerprint string) error
}

// run is one invocation: the environment, the global flags and the command's
// remaining arguments.
type run struct {
	env    Env
	lang   i18n.Lang
	dbPath string
	user   string
	// typed is the password the user logged in with (passwd needs it again).
	typed string
	// cmdFlags are the flags of the command being run: a refusal naming a
	// field that one of them gives says which (see flagHint).
	cmdFlags *flag.FlagSet
	// flagMsg is the last option error, shown above the usage line a
	// command answers it with.
	flagMsg string
	// server is the served file's address (--server, SECONDMENT_SERVER);
	// fingerprint the certificate the user was told to trust.
	server, fingerprint string
	// holder is the process on this computer that holds the data file, once
	// found (see held).
	holder *remote.Holder
}

// usageError is wrong usage: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func (r *run) usage(key string, args ...any) error { return usageError{i18n.T(r.lang, key, args...)} }

// Run executes one command and returns the exit status.
func Run(env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	r := &run{env: env, lang: i18n.Zh}
	args, err := r.globals(env.Args)
	if err == nil {
		err = r.dispatch(args)
	}
	return r.exit(err)
}

// globalFlags are the options every command takes.
var globalFlags = map[string]bool{"db": true, "lang": true, "user": true, "server": true, "fingerprint": true}

// globals takes the global options from anywhere on the line, so that
// `secondment --db f list students` and `secondment list students --db f` agree.
func (r *run) globals(args []string) ([]string, error) {
	var rest []string
	if v := r.env.Getenv("SECONDMENT_LANG"); v != "" {
		r.lang = i18n.Parse(v)
	}
	r.user = r.env.Getenv("SECONDMENT_USER")
	r.server = r.env.Getenv("SECONDMENT_SERVER")
	r.fingerprint = r.env.Getenv("SECONDMENT_FINGERPRINT")
	for i := 0; i < len(args); i++ {
		name, val, hasVal := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if !strings.HasPrefix(args[i], "-") || !globalFlags[name] {
			rest = append(rest, args[i])
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return nil, r.usage("cli.flag_needs_value", args[i])
			}
			i++
			val = args[i]
		}
		switch name {
		case "db":
			r.dbPath = val
		case "lang":
			if val != "zh" && val != "en" {
				return nil, r.usage("cli.bad_lang", val)
			}
			r.lang = i18n.Lang(val)
		case "user":
			r.user = val
		case "server":
			r.server = val
		case "fingerprint":
			r.fingerprint = val
		}
	}
	if r.dbPath == "" {
		p, err := DefaultDBPath()
		if err != nil && !(len(rest) > 0 && isHelp(rest[0])) {
			return nil, err // help needs no data file, nor a home folder
		}
		r.dbPath = p
	}
	return rest, nil
}

func isHelp(arg string) bool {
	switch arg {
	case "help", "-h", "--help", "-help":
		return true
	}
	return false
}

// DefaultDBPath is secondment.db in the user's config folder.
func DefaultDBPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("config folder: %w", err)
	}
	return filepath.Join(dir, "secondment", "secondment.db"), nil
}

// exit prints err for the user and returns the exit status.
func (r *run) exit(err error) int {
	if err == nil {
		return ExitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		if r.flagMsg != "" && r.flagMsg != ue.msg {
			fmt.Fprintln(r.env.Stderr, r.flagMsg)
		}
		fmt.Fprintln(r.env.Stderr, ue.msg)
		fmt.Fprintln(r.env.Stderr, i18n.T(r.lang, "cli.see_help"))
		return ExitUsage
	}
	fmt.Fprintln(r.env.Stderr, r.message(err))
	var unknown *remote.UnknownServerError
	if errors.As(err, &unknown) {
		r.note("cli.fingerprint_hint") // after the fingerprint it speaks of
	}
	return ExitRefused
}

// message is the sentence for a refusal, including the storage conditions a
// clerk can act on.
func (r *run) message(err error) string {
	if msg, ok := r.missingMessage(err); ok {
		return msg
	}
	if msg, ok := BackupMessage(r.lang, err); ok {
		return msg
	}
	var own interface{ Sentence(i18n.Lang) string }
	if errors.As(err, &own) {
		return own.Sentence(r.lang) // an error that words itself (the window's "no display")
	}
	switch {
	case errors.Is(err, storage.ErrDamaged):
		return i18n.T(r.lang, "storage.damaged", r.dbPath, damageDetail(err))
	case errors.Is(err, storage.ErrLocked):
		if _, held := remote.ReadHolder(r.dbPath); held {
			return i18n.T(r.lang, "cli.locked_held", r.dbPath)
		}
		return i18n.T(r.lang, "cli.locked", r.dbPath)
	case errors.Is(err, storage.ErrCorrupt):
		return i18n.T(r.lang, "cli.corrupt", r.dbPath)
	case errors.Is(err, storage.ErrNewerSchema):
		return i18n.T(r.lang, "cli.newer", r.dbPath)
	case errors.Is(err, errNoFile):
		return i18n.T(r.lang, "cli.no_file", r.dbPath)
	}
	if model.ErrorCode(err) == model.EInternal {
		var e *model.Error
		if !errors.As(err, &e) {
			// Not a refusal the rules made: say what failed in plain words too.
			return i18n.T(r.lang, "internal") + "\n" + err.Error()
		}
	}
	return r.flagHint(err, i18n.Message(r.lang, err))
}

var errNoFile = errors.New("data file does not exist")

// damageDetail is the technical part of an ErrDamaged error, shown in brackets
// under the sentence.
func damageDetail(err error) string {
	var e *model.Error
	if errors.As(err, &e) && e.Code == storage.EDamaged && len(e.Args) > 1 {
		return fmt.Sprint(e.Args[1])
	}
	_, detail, _ := strings.Cut(err.Error(), storage.ErrDamaged.Error())
	return strings.TrimLeft(detail, ": ")
}

// open opens the data file; read-only commands take a shared lock and never
// create or change the file.
// lockWait is how long a command waits for the data file another command or
// the window holds.
const lockWait = 5 * time.Second

func (r *run) open(readOnly bool) (*storage.DB, *dispatch.Service, error) {
	if _, err := os.Stat(r.dbPath); errors.Is(err, os.ErrNotExist) {
		return nil, nil, errNoFile
	}
	// Commands queue behind one another: a script's commands each hold the
	// file for a moment (the password check), so one waits up to 5 s for the
	// previous to finish before saying the file is in use.
	db, err := storage.Open(r.dbPath, storage.Options{ReadOnly: readOnly, Timeout: lockWait})
	if err != nil {
		return nil, nil, err
	}
	if err := db.Damage(); err != nil {
		if !readOnly {
			db.Close()
			return nil, nil, err // refused before anything is asked or written
		}
		r.note("cli.damaged_read_only", r.dbPath)
	}
	if !readOnly {
		remote.RemoveStaleHolder(r.dbPath) // this process holds the file: no one else does
	}
	svc := dispatch.New(db)
	svc.Now = r.env.Now
	return db, svc, nil
}

// login asks for the acting user's password and logs in.
func (r *run) login(svc dispatch.API) (*dispatch.Session, error) {
	if r.user == "" {
		return nil, r.usage("cli.need_user")
	}
	pw, err := r.password("SECONDMENT_PASSWORD", "cli.prompt_password", false)
	if err != nil {
		return nil, err
	}
	r.typed = pw
	sess, err := svc.Login(r.user, pw)
	if err == nil && sess.MustChangePassword() {
		r.note("cli.must_change_password")
	}
	return sess, err
}

// password reads a password from the environment variable, or from the terminal
// (twice when confirm is set).
func (r *run) password(envVar, promptKey string, confirm bool) (string, error) {
	if pw := r.env.Getenv(envVar); pw != "" {
		return pw, nil
	}
	if r.env.ReadPassword == nil {
		return "", model.Errorf(model.EInvalid, "cli.no_password", envVar)
	}
	pw, err := r.env.ReadPassword(i18n.T(r.lang, promptKey))
	if err != nil {
		return "", err
	}
	if confirm {
		again, err := r.env.ReadPassword(i18n.T(r.lang, "cli.prompt_again"))
		if err != nil {
			return "", err
		}
		if again != pw {
			return "", model.Errorf(model.EInvalid, "cli.password_mismatch")
		}
	}
	return pw, nil
}

// withSession opens the file, logs in and runs fn.
func (r *run) withSession(readOnly bool, fn func(dispatch.API, *dispatch.Session) error) error {
	if r.served() || r.held() {
		return r.withServer(fn)
	}
	// Every login writes (the failure count, the last login, the audit entry),
	// so even a read-only command opens the file for writing. A file that
	// cannot be written (damaged, not writable) is still read by a read-only
	// command; the login then goes unrecorded.
	db, svc, err := r.open(false)
	if err != nil && readOnly && !errors.Is(err, storage.ErrLocked) {
		db, svc, err = r.open(true)
	}
	if errors.Is(err, storage.ErrLocked) && r.held() {
		return r.withServer(fn) // the holder started while this command waited
	}
	if err != nil {
		return err
	}
	defer db.Close()
	sess, err := r.login(svc)
	if err != nil {
		return err
	}
	if !readOnly {
		// The day's automatic backup, before the day's first change.
		if _, err := svc.AutoBackup(dispatch.BackupDaily); err != nil {
			r.note("cli.auto_backup_failed", r.message(err))
		}
	}
	return fn(svc, sess)
}

// flags returns a FlagSet for a command that reports errors as usage errors.
func (r *run) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	r.cmdFlags = fs
	return fs
}

// parse parses flags and positional arguments in any order.
func (r *run) parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			err = r.flagError(fs.Name(), err)
			r.flagMsg = err.Error()
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// writable refuses the data file itself (under any name), its lock or a
// backup being written as a file a command writes (an export, a document).
func (r *run) writable(path string) error {
	if path == "" {
		return nil
	}
	return storage.CheckTarget(r.dbPath, path)
}

// flagError words an error of package flag in the user's language: its
// messages are English and fixed ("flag provided but not defined: -x").
func (r *run) flagError(cmd string, err error) error {
	msg := err.Error()
	dashed := func(name string) string { return "--" + strings.TrimLeft(name, "-") }
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return r.usage("cli.flag_unknown", cmd, dashed(name))
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return r.usage("cli.flag_needs_value", dashed(name))
	}
	if rest, ok := strings.CutPrefix(msg, "bad flag syntax: "); ok {
		return r.usage("cli.flag_syntax", cmd, rest)
	}
	if errors.Is(err, flag.ErrHelp) {
		return r.usage("cli.see_help")
	}
	// invalid value "abc" for flag -year: parse error
	// invalid boolean value "x" for -json: parse error
	for _, pre := range []string{"invalid value ", "invalid boolean value "} {
		if rest, ok := strings.CutPrefix(msg, pre); ok {
			if val, after, ok := strings.Cut(rest, " for "); ok {
				name, _, _ := strings.Cut(strings.TrimPrefix(after, "flag "), ":")
				if v, err := strconv.Unquote(val); err == nil {
					val = v
				}
				return r.usage("cli.flag_bad_value", cmd, dashed(name), val)
			}
		}
	}
	return r.usage("cli.bad_flag", cmd, msg)
}

// slowProgress returns a progress function for long work that prints, on standard
// error and only once the work has taken a second, the sentence key with the
// records done and their total, and a function to end the line.
func (r *run) slowProgress(key string) (func(done, total int), func()) {
	start, last, shown := time.Now(), time.Time{}, false
	return func(done, total int) {
			now := time.Now()
			if now.Sub(start) < time.Second || now.Sub(last) < 500*time.Millisecond {
				return
			}
			last, shown = now, true
			fmt.Fprintf(r.env.Stderr, "\r%s", i18n.T(r.lang, key, done, total))
		}, func() {
			if shown {
				fmt.Fprintln(r.env.Stderr)
			}
		}
}

func (r *run) out(format string, args ...any) { fmt.Fprintf(r.env.Stdout, format, args...) }

func (r *run) say(key string, args ...any) { fmt.Fprintln(r.env.Stdout, i18n.T(r.lang, key, args...)) }

func (r *run) note(key string, args ...any) { fmt.Fprintln(r.env.Stderr, i18n.T(r.lang, key, args...)) }

func (r *run) warn(ws []model.Warning) {
	for _, w := range ws {
		fmt.Fprintln(r.env.Stderr, i18n.Warning(r.lang, w))
	}
}

// BackupMessage explains a backup file that cannot be restored.
func BackupMessage(lang i18n.Lang, err error) (string, bool) {
	var be backupError
	if errors.As(err, &be) && !errors.Is(err, storage.ErrLocked) {
		return i18n.T(lang, "cli.backup_bad", be.path), true
	}
	return "", false
}

// Explain is the sentence a user reads for an error opening or using the data
// file at dbPath (the window shows it when the file cannot be opened).
func Explain(lang i18n.Lang, dbPath string, err error) string {
	r := &run{lang: lang, dbPath: dbPath}
	return r.message(err)
}
