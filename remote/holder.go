package remote

import (
	"encoding/json"
	"net"
	"net/url"
	"os"
	"time"
)

// Holder tells the commands of the same OS user how to reach the process
// that holds a data file (a window, or `secondment serve`): a loopback
// address and a secret. It is kept beside the data file, readable by its
// owner only, for as long as the process holds the file.
type Holder struct {
	URL    string `json:"url"`
	Secret string `json:"secret"`
	PID    int    `json:"pid"`
}

// HolderPath is where the holder of dbPath is described.
func HolderPath(dbPath string) string { return dbPath + ".holder" }

// WriteHolder describes h beside dbPath; the returned function removes the
// description (call it before letting the file go).
func WriteHolder(dbPath string, h Holder) (func(), error) {
	b, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	path := HolderPath(dbPath)
	tmp := path + ".tmp"
	os.Remove(tmp)
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return nil, err
	}
	return func() { os.Remove(path) }, nil
}

// ReadHolder returns the live holder of dbPath: ok is false when there is
// none, or the one described no longer answers (a process that was killed
// leaves its description behind).
func ReadHolder(dbPath string) (h Holder, ok bool) {
	b, err := os.ReadFile(HolderPath(dbPath))
	if err != nil || json.Unmarshal(b, &h) != nil || h.URL == "" {
		return Holder{}, false
	}
	u, err := url.Parse(h.URL)
	if err != nil {
		return Holder{}, false
	}
	conn, err := net.DialTimeout("tcp", u.Host, time.Second)
	if err != nil {
		return Holder{}, false
	}
	conn.Close()
	return h, true
}

// RemoveStaleHolder removes the description left by a holder that ended
// without removing it; the caller holds the file now, so it is stale.
func RemoveStaleHolder(dbPath string) { os.Remove(HolderPath(dbPath)) }

// NewSecret returns a fresh secret for a holder.
func NewSecret() (string, error) { return newToken() }
