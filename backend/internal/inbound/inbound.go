// Package inbound takes signed events from other agencies' systems (police dispatch,
// hospitals, residential care): it checks the signature, the timestamp window and the
// idempotency key, matches the person to open cases, and alerts who must act — the case's
// lead and, when someone is on call, the on-call worker; an event about a person no open case
// holds becomes an intake item for the CSR of the municipality. Each message and our answer
// are stored and audited; a refused one leaves only its audit event.
package inbound

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/alerts"
	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/cases"
	"github.com/zajedno/zajedno/backend/internal/oncall"
	"github.com/zajedno/zajedno/backend/internal/people"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Window is how far a request's timestamp may be from the server's clock.
const Window = 5 * time.Minute

// EventTypes are the events partner systems send.
var EventTypes = []string{"police_intervention", "hospital_admission", "hospital_discharge", "residential_care_incident"}

// keyPattern is what an Idempotency-Key may hold: no dot, since the key is part of the signed
// message between dots.
var keyPattern = regexp.MustCompile(`^[A-Za-z0-9_:-]{1,200}$`)

// SystemKinds are the kinds of partner system.
var SystemKinds = []string{"police_dispatch", "hospital", "residential_care"}

// Sign is the signature of a request: hex HMAC-SHA256 with the system's secret over the
// timestamp (Unix seconds), a dot, the Idempotency-Key, a dot and the body. Partner systems
// compute the same. The key is signed so that a captured request cannot be sent again under a
// fresh key; keys hold no dot (keyPattern), so the parts cannot be shifted.
func Sign(secret, timestamp, key string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(timestamp + "." + key + "."))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Service is the inbound domain.
type Service struct {
	db     *gorm.DB
	audit  *audit.Log
	clock  platform.Clock
	limits *platform.Limiter
	cases  *cases.Service
}

// NewService returns the inbound service; limits is the request rate allowed per address.
func NewService(db *gorm.DB, log *audit.Log, clock platform.Clock, limits *platform.Limiter, cs *cases.Service) *Service {
	return &Service{db: db, audit: log, clock: clock, limits: limits, cases: cs}
}

// Request is a signed request as it arrived.
type Request struct {
	SystemID       string
	Timestamp      string
	Signature      string
	IdempotencyKey string
	Body           []byte
	// Address is where the request came from: the rate limit is per address.
	Address string
}

// Answer is what the partner system is told: that the event was received, never what we know.
type Answer struct {
	ID         string    `json:"id"`
	Status     string    `json:"status"`
	ReceivedAt time.Time `json:"received_at"`
}

// Event is the body of a request.
type Event struct {
	Type          string    `json:"type"`
	OccurredAt    time.Time `json:"occurred_at"`
	Municipality  string    `json:"municipality"`
	UrgentMeasure bool      `json:"urgent_measure"`
	Note          string    `json:"note"`
	Person        struct {
		JMBG        string `json:"jmbg"`
		FirstName   string `json:"first_name"`
		LastName    string `json:"last_name"`
		DateOfBirth string `json:"date_of_birth"`
	} `json:"person"`
}

var errUnauthorized = platform.Errorf(platform.EUNAUTHORIZED, "The request is not signed by a registered system, or its timestamp is outside the five-minute window.")

// reject audits a refused request (no body is kept) and returns err.
func (s *Service) reject(ctx context.Context, systemID, reason string, err error) error {
	id := ""
	if platform.ValidID(systemID) {
		id = systemID
	}
	if aerr := s.audit.Record(ctx, audit.Event{Action: "inbound.rejected." + reason, ResourceType: "inbound_system", ResourceID: id, Basis: audit.BasisNone}); aerr != nil {
		return aerr
	}
	return err
}

// Receive checks and takes one request. ETOOMANY (the address sends faster than the limit;
// answered before anything is read or written, so a flood cannot fill the audit log);
// EUNAUTHORIZED (unknown system, bad signature, stale
// timestamp); ECONFLICT (an idempotency key used before: a replay); EINVALID naming the
// header or field; nothing is stored but the audited rejection.
func (s *Service) Receive(ctx context.Context, r Request) (Answer, error) {
	if wait, ok := s.limits.Allow(r.Address); !ok {
		return Answer{}, platform.TooMany(wait, "This address sends more requests than Zajedno accepts. Wait and send again with the same Idempotency-Key.")
	}
	now := s.clock.Now()
	db := s.db.WithContext(ctx)
	var sys []struct {
		ID, Kind, AgencyID, Secret string
		PreviousSecret             *string
		PreviousValidUntil         *time.Time
	}
	if platform.ValidID(r.SystemID) {
		if err := db.Raw(`SELECT id, kind, agency_id, secret, previous_secret, previous_valid_until FROM inbound_systems WHERE id = ?`, r.SystemID).Scan(&sys).Error; err != nil {
			return Answer{}, err
		}
	}
	if len(sys) == 0 {
		return Answer{}, s.reject(ctx, "", "unknown_system", errUnauthorized)
	}
	secs, err := strconv.ParseInt(r.Timestamp, 10, 64)
	if err != nil || now.Sub(time.Unix(secs, 0)).Abs() > Window {
		return Answer{}, s.reject(ctx, r.SystemID, "stale", errUnauthorized)
	}
	ok := hmac.Equal([]byte(Sign(sys[0].Secret, r.Timestamp, r.IdempotencyKey, r.Body)), []byte(r.Signature))
	if !ok && sys[0].PreviousSecret != nil && sys[0].PreviousValidUntil != nil && now.Before(*sys[0].PreviousValidUntil) {
		ok = hmac.Equal([]byte(Sign(*sys[0].PreviousSecret, r.Timestamp, r.IdempotencyKey, r.Body)), []byte(r.Signature))
	}
	if !ok {
		return Answer{}, s.reject(ctx, r.SystemID, "signature", errUnauthorized)
	}
	ev, err := decodeEvent(r)
	if err != nil {
		return Answer{}, s.reject(ctx, r.SystemID, "malformed", err)
	}
	sum := sha256.Sum256(r.Body)
	ans := Answer{ID: platform.NewID(), Status: "accepted", ReceivedAt: now.UTC()}
	err = db.Transaction(func(tx *gorm.DB) error {
		var seen int64
		if err := tx.Raw(`SELECT count(*) FROM inbound_messages WHERE system_id = ? AND idempotency_key = ?`, r.SystemID, r.IdempotencyKey).Scan(&seen).Error; err != nil {
			return err
		}
		if seen > 0 {
			return platform.Errorf(platform.ECONFLICT, "This Idempotency-Key was received before; the event is not taken twice.")
		}
		answer, _ := json.Marshal(ans)
		if err := tx.Exec(`INSERT INTO inbound_messages (id, system_id, idempotency_key, event_type, body, body_sha256, received_at, answer)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, ans.ID, r.SystemID, r.IdempotencyKey, ev.Type, string(r.Body), hex.EncodeToString(sum[:]), now, string(answer)).Error; err != nil {
			return err
		}
		return s.route(ctx, tx, now, ans.ID, ev)
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) { // the same key twice at once: the first one won
		err = platform.Errorf(platform.ECONFLICT, "This Idempotency-Key was received before; the event is not taken twice.")
	}
	if err != nil {
		if platform.ErrorCode(err) == platform.ECONFLICT || platform.ErrorCode(err) == platform.EINVALID {
			return Answer{}, s.reject(ctx, r.SystemID, "replay_or_unroutable", err)
		}
		return Answer{}, err
	}
	return ans, nil
}

func decodeEvent(r Request) (Event, error) {
	var v platform.Validator
	v.Check(keyPattern.MatchString(r.IdempotencyKey), "Idempotency-Key", "Send an Idempotency-Key header of 1 to 200 letters, digits, '-', '_' or ':'.")
	var ev Event
	if err := json.Unmarshal(r.Body, &ev); err != nil {
		v.Add("body", "Send the event as a JSON object.")
		return Event{}, v.Err()
	}
	v.Check(slices.Contains(EventTypes, ev.Type), "type", "Use one of: "+strings.Join(EventTypes, ", ")+".")
	v.Check(!ev.OccurredAt.IsZero(), "occurred_at", "Give when it happened (RFC 3339).")
	v.Check(strings.TrimSpace(ev.Municipality) != "", "municipality", "Name the municipality.")
	v.Check(len([]rune(ev.Note)) <= 2000, "note", "At most 2,000 characters.")
	if ev.Person.JMBG != "" {
		if _, err := people.ParseJMBG(ev.Person.JMBG); err != nil {
			v.Add("person.jmbg", "This JMBG is not valid.")
		}
	} else {
		v.Check(strings.TrimSpace(ev.Person.FirstName) != "" && strings.TrimSpace(ev.Person.LastName) != "", "person.last_name",
			"Without a JMBG, give the first and last name and the date of birth.")
		_, err := time.Parse(time.DateOnly, ev.Person.DateOfBirth)
		v.Check(err == nil, "person.date_of_birth", "Without a JMBG, give the date of birth (YYYY-MM-DD).")
	}
	return ev, v.Err()
}

// route matches the person to open cases and alerts: each case's lead, and the on-call worker
// of the lead's agency when someone is on call. No match: an intake item for the CSR of the
// municipality, paged to its on-call worker or, with nobody on call, alerted to its team leads.
func (s *Service) route(ctx context.Context, tx *gorm.DB, now time.Time, messageID string, ev Event) error {
	// The municipality's CSR is checked first, whatever the match, so that the answer never
	// tells whether the person is known.
	var csr string
	if err := tx.Raw(`SELECT id FROM agencies WHERE type = 'csr' AND zajedno_fold(municipality) = zajedno_fold(?) ORDER BY name LIMIT 1`,
		strings.TrimSpace(ev.Municipality)).Scan(&csr).Error; err != nil {
		return err
	}
	if csr == "" {
		return platform.Invalid(platform.FieldError{Field: "municipality", Message: "No Center for Social Work of this municipality uses Zajedno."})
	}
	var matches []struct{ CaseID, LeadID, LeadAgency string }
	q := `SELECT DISTINCT c.id AS case_id, c.lead_id, u.agency_id AS lead_agency FROM cases c
		JOIN case_people cp ON cp.case_id = c.id JOIN people pe ON pe.id = cp.person_id JOIN users u ON u.id = c.lead_id
		WHERE c.status <> 'closed' AND `
	var err error
	if ev.Person.JMBG != "" {
		err = tx.Raw(q+`pe.jmbg = ?`, ev.Person.JMBG).Scan(&matches).Error
	} else {
		err = tx.Raw(q+`pe.name_folded = zajedno_fold(?) AND pe.date_of_birth = ?::date`,
			strings.TrimSpace(ev.Person.FirstName)+" "+strings.TrimSpace(ev.Person.LastName), ev.Person.DateOfBirth).Scan(&matches).Error
	}
	if err != nil {
		return err
	}
	for _, m := range matches {
		if err := alerts.Raise(tx, now, []string{m.LeadID}, alerts.KindInboundEvent, m.CaseID, ""); err != nil {
			return err
		}
		if _, err := oncall.PageAbout(tx, now, alerts.Page{AgencyID: m.LeadAgency, Kind: alerts.KindInboundEvent, CaseID: m.CaseID}); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO inbound_message_cases (message_id, case_id) VALUES (?, ?)`, messageID, m.CaseID).Error; err != nil {
			return err
		}
		// A police intervention is a new incident: within 12 months of the coordination
		// group's last review of a domestic-violence case, the case becomes repeat and goes
		// on the next agenda whatever its risk (domain.md).
		if ev.Type == "police_intervention" {
			if err := tx.Exec(`UPDATE cases c SET repeat_at = ? WHERE c.id = ? AND c.category = 'domestic_violence'
				AND EXISTS (SELECT 1 FROM case_reviews r WHERE r.case_id = c.id AND r.reviewed_at > ?)`, now, m.CaseID, now.AddDate(-1, 0, 0)).Error; err != nil {
				return err
			}
		}
		if err := s.audit.RecordTx(ctx, tx, audit.Event{Action: "inbound.receive", ResourceType: "inbound_message", ResourceID: messageID,
			CaseID: m.CaseID, Basis: audit.BasisNone}); err != nil {
			return err
		}
	}
	if len(matches) > 0 {
		return nil
	}
	intake := platform.NewID()
	name := strings.TrimSpace(ev.Person.FirstName + " " + ev.Person.LastName)
	if err := tx.Exec(`INSERT INTO intake_items (id, message_id, agency_id, event_type, person_name, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		intake, messageID, csr, ev.Type, name, now).Error; err != nil {
		return err
	}
	paged, err := oncall.PageAbout(tx, now, alerts.Page{AgencyID: csr, Kind: alerts.KindIntake, IntakeID: intake})
	if err != nil {
		return err
	}
	if !paged {
		var leads []string
		if err := tx.Raw(`SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'team_lead' WHERE u.agency_id = ? AND u.active`, csr).Scan(&leads).Error; err != nil {
			return err
		}
		if err := alerts.RaiseIntake(tx, now, leads, intake); err != nil {
			return err
		}
	}
	return s.audit.RecordTx(ctx, tx, audit.Event{Action: "inbound.receive", ResourceType: "inbound_message", ResourceID: messageID, Basis: audit.BasisNone})
}

// Intake is an event waiting to be taken in by the CSR.
type Intake struct {
	ID         string     `json:"id"`
	EventType  string     `json:"event_type"`
	PersonName string     `json:"person_name"`
	CreatedAt  time.Time  `json:"created_at"`
	TakenBy    *string    `json:"taken_by"`
	TakenAt    *time.Time `json:"taken_at"`
	Event      string     `json:"event"`
}

// IntakeQueue lists the caller's agency's intake items, open ones first; the read is audited.
func (s *Service) IntakeQueue(ctx context.Context, p *authz.Principal) ([]Intake, error) {
	out := []Intake{}
	err := s.db.WithContext(ctx).Raw(`SELECT i.id, i.event_type, i.person_name, i.created_at, i.taken_by::text AS taken_by, i.taken_at, m.body AS event
		FROM intake_items i JOIN inbound_messages m ON m.id = i.message_id WHERE i.agency_id = ?
		ORDER BY (i.taken_at IS NULL) DESC, i.created_at DESC LIMIT 200`, p.AgencyID).Scan(&out).Error
	if err != nil {
		return nil, err
	}
	for i := range out { // the JMBG is masked here as in every list
		var ev map[string]any
		if json.Unmarshal([]byte(out[i].Event), &ev) == nil {
			if person, ok := ev["person"].(map[string]any); ok {
				if j, ok := person["jmbg"].(string); ok && j != "" {
					person["jmbg"] = people.MaskJMBG(j)
				}
			}
			b, _ := json.Marshal(ev)
			out[i].Event = string(b)
		}
	}
	return out, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "intake.list", ResourceType: "intake", Basis: audit.BasisReferral})
}

// Take marks an intake item taken by the caller. ENOTFOUND (another agency's); ECONFLICT
// when somebody took it already.
func (s *Service) Take(ctx context.Context, p *authz.Principal, id string) error {
	if !platform.ValidID(id) {
		return platform.Errorf(platform.ENOTFOUND, "Intake item not found.")
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []struct{ TakenAt *time.Time }
		if err := tx.Raw(`SELECT taken_at FROM intake_items WHERE id = ? AND agency_id = ? FOR UPDATE`, id, p.AgencyID).Scan(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 {
			return platform.Errorf(platform.ENOTFOUND, "Intake item not found.")
		}
		if rows[0].TakenAt != nil {
			return platform.Errorf(platform.ECONFLICT, "A colleague has taken this in already.")
		}
		if err := tx.Exec(`UPDATE intake_items SET taken_by = ?, taken_at = ? WHERE id = ?`, p.UserID, s.clock.Now(), id).Error; err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "intake.take", ResourceType: "intake", ResourceID: id, Basis: audit.BasisReferral})
	})
}
