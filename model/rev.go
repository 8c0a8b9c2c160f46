package model

// CheckRev refuses a write made from a view of an earlier revision of a
// record: someone else changed it since it was shown. seen 0 means the
// caller did not look first (a command-line step), and is not checked.
// what and key name the record for the message ("placement", "XP2026-00001").
func CheckRev(what, key string, seen, stored int) error {
	if seen == 0 || seen == stored {
		return nil
	}
	return Errorf(EConflict, "record.stale."+what, key)
}
