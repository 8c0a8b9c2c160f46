package model

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// AuditEntry records one change: who did what to which record, when, and the
// record before and after. Entries form a hash chain: each Hash covers the entry
// and the previous entry's Hash, so editing or removing one breaks the chain.
type AuditEntry struct {
	Seq    uint64          `json:"seq"`
	At     time.Time       `json:"at"`
	Actor  string          `json:"actor"`
	Op     string          `json:"op"`     // e.g. placement.approve
	Record string          `json:"record"` // kind/key, e.g. placement/XP2025-00001
	Before json.RawMessage `json:"before,omitempty"`
	After  json.RawMessage `json:"after,omitempty"`
	Prev   string          `json:"prev"`
	Hash   string          `json:"hash"`
	// MAC authenticates Hash (and through it every entry before) under a key
	// only office logins unwrap; empty on entries written by a process that
	// does not hold the key. It is not part of the hash.
	MAC string `json:"mac,omitempty"`
}

// ComputeHash returns the hash the entry should carry.
func (e AuditEntry) ComputeHash() string {
	e.Hash, e.MAC = "", ""
	b, _ := json.Marshal(e) // a struct of plain fields cannot fail to marshal
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Seal sets Prev and Hash to chain the entry after prev ("" for the first entry).
func (e *AuditEntry) Seal(prev string) {
	e.Prev = prev
	e.Hash = e.ComputeHash()
}
