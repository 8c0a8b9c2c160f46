package model

// University is a higher-education institution that dispatches students.
type University struct {
	Name string `json:"name"`
	// Weights of the final assessment's three marks (DefaultWeights when nil)
	// and the cadence of its students' work logs (Weekly when empty).
	Weights    *Weights `json:"weights,omitempty"`
	LogCadence string   `json:"log_cadence,omitempty"`
}

// Platform is a sci-tech innovation platform (科创平台) that receives students.
type Platform struct {
	Name      string `json:"name"`
	Kind      string `json:"kind"`       // PlatformKinds
	Level     string `json:"level"`      // PlatformLevels
	Host      string `json:"host"`       // 依托单位
	LegalType string `json:"legal_type"` // LegalTypes
	Chain     string `json:"chain"`      // Chains ("5+5+N")
	Status    string `json:"status"`     // PlatformStatuses
	Contact   string `json:"contact"`    // HR contact person
	Phone     string `json:"phone"`
	// StatusHistory records every change of recognition status.
	StatusHistory []StatusChange `json:"status_history,omitempty"`
}

// Platform recognition statuses.
const (
	Recognised = "recognised"
	Rectifying = "rectifying"
	Revoked    = "revoked"
)

// Normalize cleans and validates the platform in place.
func (pl *Platform) Normalize() error {
	var p Problems
	pl.Name = cleanName("name", pl.Name, 60, &p)
	pl.Kind = parseTerm("kind", PlatformKinds, pl.Kind, true, &p)
	pl.Level = parseTerm("level", PlatformLevels, pl.Level, true, &p)
	pl.Host = cleanName("host", pl.Host, 60, &p)
	pl.LegalType = parseTerm("legal_type", LegalTypes, pl.LegalType, true, &p)
	pl.Chain = parseTerm("chain", Chains, pl.Chain, false, &p)
	if Clean(pl.Status) == "" {
		pl.Status = Recognised
	}
	pl.Status = parseTerm("status", PlatformStatuses, pl.Status, true, &p)
	pl.Contact = optional("contact", pl.Contact, 30, &p)
	pl.Phone = CleanCode(pl.Phone)
	if len(pl.Phone) > 20 {
		p.add(Invalid("phone", "field.too_long", 20))
	}
	return p.err()
}

// AcceptsDraft reports whether new placements may be drafted for the platform:
// not once its recognition is revoked.
func (pl Platform) AcceptsDraft() bool { return pl.Status != Revoked }

// AcceptsApproval reports whether placements may be approved or dispatched to the
// platform: only while its recognition is valid (not during rectification).
func (pl Platform) AcceptsApproval() bool { return pl.Status == Recognised }
