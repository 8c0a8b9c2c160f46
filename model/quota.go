package model

import (
	"fmt"
	"time"
)

// Quota categories.
const (
	Graduate = "graduate" // graduate placements
	Dual     = "dual"     // dual-appointment posts
	Filed    = "filed"    // filed posts (报备员额)
)

// Quota is how many places a platform may fill in one year in one category.
type Quota struct {
	Platform string `json:"platform"`
	Year     int    `json:"year"`
	Category string `json:"category"`
	Total    int    `json:"total"`
	// Filled counts filed posts (报备员额), which no other record tracks; the office
	// enters it. Graduate and dual use is computed from placements and appointments.
	Filled  int           `json:"filled,omitempty"`
	History []QuotaChange `json:"history"`
}

// QuotaChange records one setting or raising of a quota.
type QuotaChange struct {
	From   int       `json:"from"`
	To     int       `json:"to"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason"`
}

// QuotaKey is the storage key of a quota.
func QuotaKey(platform string, year int, category string) string {
	return fmt.Sprintf("%s\x00%04d\x00%s", platform, year, category)
}

// QuotaUse is a quota with its current use.
type QuotaUse struct {
	Quota
	Used int `json:"used"`
}

// Full reports whether no place is left.
func (q QuotaUse) Full() bool { return q.Used >= q.Total }

// ValidQuotaYear bounds the years a quota may be set for.
func ValidQuotaYear(y int) bool { return y >= 2000 && y <= 2100 }

// StatusChange records a change of a platform's recognition status.
type StatusChange struct {
	From   string    `json:"from"`
	To     string    `json:"to"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason"`
}
