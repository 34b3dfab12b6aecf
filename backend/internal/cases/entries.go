package cases

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"

	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Sensitivities of entries, as in the API contract.
var Sensitivities = []string{"general", "social", "health", "police"}

// Entry is one item of a case's timeline. Entries are never edited: a correction is a new
// entry that points at the one it corrects.
type Entry struct {
	ID          string  `json:"id"`
	CaseID      string  `json:"case_id"`
	AuthorID    string  `json:"author_id"`
	AuthorName  string  `json:"author_name"`
	Body        string  `json:"body"`
	Sensitivity string  `json:"sensitivity"`
	CorrectsID  *string `json:"corrects_id"`
	// SourceMessageID is the chat message the entry was made from.
	SourceMessageID *string `json:"source_message_id"`
	// IncidentAt is set when the entry records an incident of violence: when it happened, as
	// the writer reported it.
	IncidentAt *time.Time `json:"incident_at"`
	CreatedAt  time.Time  `json:"created_at"`
}

// MaxEntryChars is the longest entry body.
const MaxEntryChars = 20000

// readable lists the sensitivities p's roles may read (casbin decides).
func (s *Service) readable(p *authz.Principal) []string {
	var out []string
	for _, sens := range Sensitivities {
		if s.authz.CanReadSensitivity(p, sens) {
			out = append(out, sens)
		}
	}
	return out
}

const selectEntries = `SELECT e.id, e.case_id, e.author_id, u.display_name AS author_name, e.body, e.sensitivity,
	e.corrects_id::text AS corrects_id, e.source_message_id::text AS source_message_id, e.incident_at, e.created_at FROM entries e JOIN users u ON u.id = e.author_id`

// Entries returns the entries of the case that p's roles may read, oldest first, and audits
// the read. ENOTFOUND when p may not see the case.
func (s *Service) Entries(ctx context.Context, p *authz.Principal, caseID string, limit int, cursor string) ([]Entry, string, error) {
	db := s.db.WithContext(ctx)
	basis, err := s.access(db, caseID, p)
	if err != nil {
		return nil, "", err
	}
	allowed, viaConsent, err := s.visibleSensitivities(db, caseID, p)
	if err != nil {
		return nil, "", err
	}
	out := []Entry{}
	if len(allowed) == 0 {
		return out, "", nil
	}
	q := selectEntries + ` WHERE e.case_id = ? AND e.sensitivity IN ?`
	args := []any{caseID, allowed}
	if cursor != "" {
		t, id, err := platform.DecodeCursor("cursor", cursor)
		if err != nil {
			return nil, "", err
		}
		q += ` AND (e.created_at, e.id) > (?, ?)`
		args = append(args, t, id)
	}
	q += ` ORDER BY e.created_at, e.id LIMIT ?`
	args = append(args, limit+1)
	if err := db.Raw(q, args...).Scan(&out).Error; err != nil {
		return nil, "", err
	}
	out, next := platform.PageOf(out, limit, func(e Entry) (time.Time, string) { return e.CreatedAt, e.ID })
	for i := range out {
		out[i].CreatedAt = out[i].CreatedAt.UTC()
		if out[i].IncidentAt != nil {
			*out[i].IncidentAt = out[i].IncidentAt.UTC()
		}
	}
	if err := s.audit.Record(ctx, caseEvent(p, "entry.list", "case", caseID, caseID, basis)); err != nil {
		return nil, "", err
	}
	for _, e := range out {
		if slices.Contains(viaConsent, e.Sensitivity) { // read only because the person agreed
			if err := s.audit.Record(ctx, caseEvent(p, "entry.read", "entry", e.ID, caseID, audit.BasisConsent)); err != nil {
				return nil, "", err
			}
		}
	}
	return out, next, nil
}

// NewEntry is what a member writes on the timeline.
type NewEntry struct {
	Body        string
	Sensitivity string
	CorrectsID  string
	// SourceMessageID is the chat message the entry is made from (checked by the chat).
	SourceMessageID string
	// IncidentAt records the entry as an incident of violence that happened then.
	IncidentAt *time.Time
}

// AddEntry writes an entry. EINVALID names body, sensitivity (unknown, or one the author's
// roles may not read), corrects_id (not an entry of this case the author may read) or
// incident_at (in the future); ENOTFOUND when p may not see the case. An incident on a
// domestic-violence case within 12 months of the coordination group's last review makes the
// case repeat (it goes on the next agenda).
func (s *Service) AddEntry(ctx context.Context, p *authz.Principal, caseID string, in NewEntry) (Entry, error) {
	in.Body = strings.TrimSpace(in.Body)
	allowed := s.readable(p)
	var v platform.Validator
	v.Check(in.Body != "", "body", "Write the entry.")
	v.Check(len([]rune(in.Body)) <= MaxEntryChars, "body", "An entry holds at most 20,000 characters.")
	switch {
	case !slices.Contains(Sensitivities, in.Sensitivity):
		v.Add("sensitivity", "Choose general, social, health or police.")
	case !slices.Contains(allowed, in.Sensitivity):
		v.Add("sensitivity", "You cannot write an entry your own role may not read.")
	}
	id := platform.NewID()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		basis, err := s.writeAccess(tx, caseID, p)
		if err != nil {
			return err
		}
		if in.CorrectsID != "" {
			var n int64
			if platform.ValidID(in.CorrectsID) && len(allowed) > 0 {
				if err := tx.Raw(`SELECT count(*) FROM entries WHERE id = ? AND case_id = ? AND sensitivity IN ?`, in.CorrectsID, caseID, allowed).Scan(&n).Error; err != nil {
					return err
				}
			}
			v.Check(n == 1, "corrects_id", "Choose an entry of this case to correct.")
		}
		v.Check(in.IncidentAt == nil || !in.IncidentAt.After(s.clock.Now()), "incident_at", "An incident is recorded once it has happened: this time lies in the future.")
		if err := v.Err(); err != nil {
			return err
		}
		now := s.clock.Now()
		if err := tx.Exec(`INSERT INTO entries (id, case_id, author_id, body, sensitivity, corrects_id, source_message_id, incident_at, created_at)
			VALUES (?, ?, ?, ?, ?, NULLIF(?, '')::uuid, NULLIF(?, '')::uuid, ?, ?)`,
			id, caseID, p.UserID, in.Body, in.Sensitivity, in.CorrectsID, in.SourceMessageID, in.IncidentAt, now).Error; err != nil {
			return err
		}
		if in.IncidentAt != nil {
			if err := tx.Exec(`UPDATE cases c SET repeat_at = ? WHERE c.id = ? AND c.category = 'domestic_violence'
				AND EXISTS (SELECT 1 FROM case_reviews r WHERE r.case_id = c.id AND r.reviewed_at > ?)`, now, caseID, now.AddDate(-1, 0, 0)).Error; err != nil {
				return err
			}
		}
		if err := s.history(tx, caseID, p.UserID, "entry.create", id); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, caseEvent(p, "entry.create", "entry", id, caseID, basis))
	})
	if err != nil {
		return Entry{}, err
	}
	var out Entry
	err = s.db.WithContext(ctx).Raw(selectEntries+` WHERE e.id = ?`, id).Scan(&out).Error
	out.CreatedAt = out.CreatedAt.UTC()
	if out.IncidentAt != nil {
		*out.IncidentAt = out.IncidentAt.UTC()
	}
	return out, err
}
