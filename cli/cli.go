// Package cli is the command-line front end: the public contract of PRODUCT.md
// (commands, flags, exit codes, --json keys). It parses arguments, logs the user
// in and calls package dispatch, which enforces every rule and role.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
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
	// OpenWindow runs the desktop client on the data file; nil where it is not
	// built in.
	OpenWindow func(dbPath string, lang i18n.Lang) error
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

// globals takes --db, --lang and --user from anywhere on the line, so that
// `secondment --db f list students` and `secondment list students --db f` agree.
func (r *run) globals(args []string) ([]string, error) {
	var rest []string
	if v := r.env.Getenv("SECONDMENT_LANG"); v != "" {
		r.lang = i18n.Parse(v)
	}
	r.user = r.env.Getenv("SECONDMENT_USER")
	for i := 0; i < len(args); i++ {
		name, val, hasVal := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if !strings.HasPrefix(args[i], "-") || (name != "db" && name != "lang" && name != "user") {
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
		}
	}
	if r.dbPath == "" {
		p, err := DefaultDBPath()
		if err != nil {
			return nil, err
		}
		r.dbPath = p
	}
	return rest, nil
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
		fmt.Fprintln(r.env.Stderr, ue.msg)
		fmt.Fprintln(r.env.Stderr, i18n.T(r.lang, "cli.see_help"))
		return ExitUsage
	}
	fmt.Fprintln(r.env.Stderr, r.message(err))
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
	switch {
	case errors.Is(err, storage.ErrLocked):
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
	return i18n.Message(r.lang, err)
}

var errNoFile = errors.New("data file does not exist")

// open opens the data file; read-only commands take a shared lock and never
// create or change the file.
func (r *run) open(readOnly bool) (*storage.DB, *dispatch.Service, error) {
	if _, err := os.Stat(r.dbPath); errors.Is(err, os.ErrNotExist) {
		return nil, nil, errNoFile
	}
	db, err := storage.Open(r.dbPath, storage.Options{ReadOnly: readOnly})
	if err != nil {
		return nil, nil, err
	}
	svc := dispatch.New(db)
	svc.Now = r.env.Now
	return db, svc, nil
}

// login asks for the acting user's password and logs in.
func (r *run) login(svc *dispatch.Service) (*dispatch.Session, error) {
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
func (r *run) withSession(readOnly bool, fn func(*dispatch.Service, *dispatch.Session) error) error {
	// Every login writes (the failure count, the last login, the audit entry),
	// so even a read-only command opens the file for writing. A file that
	// cannot be written (damaged, not writable) is still read by a read-only
	// command; the login then goes unrecorded.
	db, svc, err := r.open(false)
	if err != nil && readOnly && !errors.Is(err, storage.ErrLocked) {
		db, svc, err = r.open(true)
	}
	if err != nil {
		return err
	}
	defer db.Close()
	sess, err := r.login(svc)
	if err != nil {
		return err
	}
	return fn(svc, sess)
}

// flags returns a FlagSet for a command that reports errors as usage errors.
func (r *run) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses flags and positional arguments in any order.
func (r *run) parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, r.usage("cli.bad_flag", fs.Name(), err.Error())
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
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
