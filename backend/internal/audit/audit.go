// Package audit keeps the append-only, hash-chained record of every read and write of
// personal data, and of every security event (logins, role and membership changes).
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"
)

// Bases: on what ground an actor touched the data.
const (
	BasisSelf              = "self"               // the user's own account
	BasisAdmin             = "admin"              // account and structure administration
	BasisAuditor           = "auditor"            // reading the audit log
	BasisMembership        = "membership"         // a member of the case
	BasisReferral          = "referral"           // added by accepting a referral
	BasisAddressee         = "addressee"          // the agency a report, an opinion request or a risk assessment was sent to
	BasisCoordinationGroup = "coordination_group" // permanent member of the DV coordination group
	BasisInvitation        = "invitation"         // invited to one meeting item
	BasisEmergency         = "emergency"          // break-the-glass access
	BasisConsent           = "consent"            // widened by the person's consent
	BasisNone              = "none"               // no basis (failed logins, refused access)
	BasisConsole           = "console"            // an operator at the server's command line
	BasisReview            = "review"             // reviewing emergency access (team lead or auditor)
)

// Event is one audit record. ID, ChainID, Seq, At, PrevHash and Hash are set by the log.
type Event struct {
	ID           string    `json:"id"`
	ChainID      string    `json:"chain_id"`
	Seq          int64     `json:"seq"`
	At           time.Time `json:"at"`
	ActorID      string    `json:"actor_id"`
	Action       string    `json:"action"`
	ResourceType string    `json:"resource_type"`
	ResourceID   string    `json:"resource_id"`
	CaseID       string    `json:"case_id"`
	Basis        string    `json:"basis"`
	RequestID    string    `json:"request_id"`
	ClientIP     string    `json:"client_ip"`
	PrevHash     string    `json:"-"`
	Hash         string    `json:"hash"`
}

// MarshalJSON writes an absent actor or case as null, as the API promises for absent values.
func (e Event) MarshalJSON() ([]byte, error) {
	type plain Event
	return json.Marshal(struct {
		plain
		ActorID *string `json:"actor_id"`
		CaseID  *string `json:"case_id"`
	}{plain(e), nullable(e.ActorID), nullable(e.CaseID)})
}

// computeHash is SHA-256 over a canonical encoding of the row and the previous hash: a JSON
// array of strings in a fixed order, times in RFC 3339 UTC with microseconds.
func computeHash(e *Event) string {
	fields := []string{
		e.ID, e.ChainID, strconv.FormatInt(e.Seq, 10),
		e.At.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano),
		e.ActorID, e.Action, e.ResourceType, e.ResourceID, e.CaseID, e.Basis,
		e.RequestID, e.ClientIP, e.PrevHash,
	}
	b, _ := json.Marshal(fields) // a []string always marshals
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
