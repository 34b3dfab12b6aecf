// Package measures holds the police's urgent measures under the Law on Prevention of Domestic
// Violence (domain.md): removal of the perpetrator from the home and a ban on contacting or
// approaching the victim. A measure lasts 48 hours from service; the prosecutor must propose
// an extension within 24 hours of service; the court decides within 24 hours of the proposal
// and may extend it by 30 days; appeals (3 days to file, 12 hours to forward, 3 days to
// decide) do not suspend it. Deadlines are elapsed time from the reported event times, so
// daylight saving never moves them. Reminders go to whoever must act before each deadline,
// and a measure expires on its own.
package measures

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/alerts"
	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/cases"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// The law's times, as elapsed time.
const (
	Duration            = 48 * time.Hour      // a measure lasts 48 h from service
	ProposalWithin      = 24 * time.Hour      // the prosecutor proposes an extension within 24 h of service
	DecisionWithin      = 24 * time.Hour      // the court decides within 24 h of the proposal
	Extension           = 30 * 24 * time.Hour // the court may extend it by 30 days
	AppealFileWithin    = 72 * time.Hour      // an appeal is filed within 3 days of the decision
	AppealForwardWithin = 12 * time.Hour      // and forwarded within 12 h
	AppealDecideWithin  = 72 * time.Hour      // and decided within 3 days of forwarding
	adultAge            = 18
)

// Kinds of urgent measure.
var Kinds = []string{"removal_from_home", "contact_ban"}

// Settings are the configurable rules.
type Settings struct {
	// ExtensionFromExpiry counts the 30 days of an extension from the 48-hour expiry instead
	// of from the court's decision (the default).
	ExtensionFromExpiry bool
	// Reminders are how long before each deadline its reminder goes out (e.g. 6 h and 1 h).
	Reminders []time.Duration
}

// Service is the measures domain.
type Service struct {
	db       *gorm.DB
	audit    *audit.Log
	clock    platform.Clock
	authz    *authz.Authorizer
	cases    *cases.Service
	settings Settings
}

// NewService returns the measures service.
func NewService(db *gorm.DB, log *audit.Log, clock platform.Clock, az *authz.Authorizer, cs *cases.Service, s Settings) *Service {
	return &Service{db: db, audit: log, clock: clock, authz: az, cases: cs, settings: s}
}

// Measure is an urgent measure with its deadlines.
type Measure struct {
	ID            string     `json:"id"`
	CaseID        string     `json:"case_id"`
	Kind          string     `json:"kind"`
	OrderNumber   string     `json:"order_number"`
	PerpetratorID *string    `json:"perpetrator_id"`
	Status        string     `json:"status"`
	IssuedAt      time.Time  `json:"issued_at"`
	ServedAt      *time.Time `json:"served_at"`
	ExpiresAt     *time.Time `json:"expires_at"`
	ProposalDueAt *time.Time `json:"proposal_due_at"`
	ProposedAt    *time.Time `json:"proposed_at"`
	DecisionDueAt *time.Time `json:"decision_due_at"`
	Decision      *string    `json:"decision"`
	DecidedAt     *time.Time `json:"decided_at"`
	ExtendedUntil *time.Time `json:"extended_until"`
	EndedAt       *time.Time `json:"ended_at"`
	// CourtAfterExpiry warns that the court's deadline falls after the 48-hour expiry: the
	// measure may lapse before the court decides.
	CourtAfterExpiry bool      `json:"court_after_expiry"`
	CreatedBy        string    `json:"created_by"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
	Appeals          []Appeal  `json:"appeals" gorm:"-"`
	Events           []Event   `json:"events" gorm:"-"`
}

// Appeal is an appeal against the court's decision.
type Appeal struct {
	ID            string     `json:"id"`
	FiledAt       time.Time  `json:"filed_at"`
	ForwardDueAt  time.Time  `json:"forward_due_at"`
	ForwardedAt   *time.Time `json:"forwarded_at"`
	DecisionDueAt *time.Time `json:"decision_due_at"`
	DecidedAt     *time.Time `json:"decided_at"`
	Outcome       *string    `json:"outcome"`
}

// Event is one step of a measure's timeline: what happened (OccurredAt, as reported) and when
// it was recorded (the server's clock).
type Event struct {
	Seq        int        `json:"seq"`
	Action     string     `json:"action"`
	OccurredAt *time.Time `json:"occurred_at"`
	Note       string     `json:"note"`
	ActorID    *string    `json:"actor_id"`
	ActorName  *string    `json:"actor_name"`
	RecordedAt time.Time  `json:"recorded_at"`
}

// NewMeasure is what the police liaison records.
type NewMeasure struct {
	Kind          string
	OrderNumber   string
	IssuedAt      *time.Time
	ServedAt      *time.Time
	PerpetratorID string
}

var errNotFound = platform.Errorf(platform.ENOTFOUND, "Urgent measure not found.")

// eventTime checks a reported time: given, not in the future, not before an earlier step.
func eventTime(v *platform.Validator, field string, t *time.Time, now time.Time, after *time.Time, afterWhat string) {
	switch {
	case t == nil:
		v.Add(field, "Give the date and time (RFC 3339).")
	case t.After(now):
		v.Add(field, "This time lies in the future; record it once it has happened.")
	case after != nil && t.Before(*after):
		v.Add(field, "This cannot be before "+afterWhat+".")
	}
}

// may checks the role-level permission of an action on measures (casbin).
func (s *Service) may(p *authz.Principal, action, who string) error {
	if !s.authz.Can(p, "urgent_measures", action) {
		return platform.Errorf(platform.EFORBIDDEN, "Only %s may do this.", who)
	}
	return nil
}

// Create records an urgent measure on a case the police liaison can see. EFORBIDDEN (not a
// police liaison; emergency access); ENOTFOUND (the case); EINVALID naming kind, issued_at,
// served_at, order_number or perpetrator_id — a perpetrator under 18 is refused, since no
// urgent measure applies to a child: the case goes to the child-protection pathway.
func (s *Service) Create(ctx context.Context, p *authz.Principal, caseID string, in NewMeasure) (Measure, error) {
	now := s.clock.Now()
	in.OrderNumber = strings.TrimSpace(in.OrderNumber)
	var v platform.Validator
	v.Check(slices.Contains(Kinds, in.Kind), "kind", "Choose removal_from_home or contact_ban.")
	v.Check(len([]rune(in.OrderNumber)) <= 100, "order_number", "At most 100 characters.")
	eventTime(&v, "issued_at", in.IssuedAt, now, nil, "")
	if in.ServedAt != nil {
		eventTime(&v, "served_at", in.ServedAt, now, in.IssuedAt, "the order was issued")
	}
	id := platform.NewID()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		basis, err := s.cases.WriteAccessTx(tx, caseID, p)
		if err != nil {
			return err
		}
		if err := s.may(p, "issue", "a police liaison"); err != nil {
			return err
		}
		if in.PerpetratorID != "" {
			s.checkPerpetrator(tx, &v, caseID, in.PerpetratorID, in.IssuedAt)
		}
		if err := v.Err(); err != nil {
			return err
		}
		status := "issued"
		if in.ServedAt != nil {
			status = "active"
		}
		if err := tx.Exec(`INSERT INTO urgent_measures (id, case_id, kind, order_number, perpetrator_id, status, issued_at, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, NULLIF(?, '')::uuid, ?, ?, ?, ?, ?)`, id, caseID, in.Kind, in.OrderNumber, in.PerpetratorID, "issued", *in.IssuedAt,
			p.UserID, now, now).Error; err != nil {
			return err
		}
		if err := addEvent(tx, id, "issue", in.IssuedAt, "", p.UserID, now); err != nil {
			return err
		}
		if status == "active" {
			if err := serve(tx, id, *in.ServedAt, p.UserID, now); err != nil {
				return err
			}
		}
		if err := tx.Exec(`INSERT INTO case_history (case_id, actor_id, action, detail, at) VALUES (?, ?, 'urgent_measure.issue', ?, ?)`,
			caseID, p.UserID, id, now).Error; err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "urgent_measure.issue", ResourceType: "urgent_measure",
			ResourceID: id, CaseID: caseID, Basis: basis})
	})
	if err != nil {
		return Measure{}, err
	}
	return s.load(s.db.WithContext(ctx), id)
}

// checkPerpetrator names perpetrator_id when it is not a person of the case, or is a child.
func (s *Service) checkPerpetrator(tx *gorm.DB, v *platform.Validator, caseID, personID string, issued *time.Time) {
	var rows []struct{ DateOfBirth *time.Time }
	if platform.ValidID(personID) {
		if err := tx.Raw(`SELECT pe.date_of_birth FROM case_people cp JOIN people pe ON pe.id = cp.person_id WHERE cp.case_id = ? AND cp.person_id = ?`,
			caseID, personID).Scan(&rows).Error; err != nil {
			v.Add("perpetrator_id", "The perpetrator could not be checked; try again.")
			return
		}
	}
	if len(rows) == 0 {
		v.Add("perpetrator_id", "Choose a person of this case.")
		return
	}
	if dob := rows[0].DateOfBirth; dob != nil && issued != nil && dob.AddDate(adultAge, 0, 0).After(*issued) {
		v.Add("perpetrator_id", "The perpetrator is under 18: no urgent measure applies to a child. Refer the case to the child-protection pathway of the Center for Social Work.")
	}
}

// serve records service at servedAt and sets the deadlines that run from it.
func serve(tx *gorm.DB, id string, servedAt time.Time, actorID string, now time.Time) error {
	if err := tx.Exec(`UPDATE urgent_measures SET status = 'active', served_at = ?, expires_at = ?, proposal_due_at = ?, updated_at = ? WHERE id = ?`,
		servedAt, servedAt.Add(Duration), servedAt.Add(ProposalWithin), now, id).Error; err != nil {
		return err
	}
	return addEvent(tx, id, "serve", &servedAt, "", actorID, now)
}

func addEvent(tx *gorm.DB, id, action string, occurred *time.Time, note, actorID string, now time.Time) error {
	return tx.Exec(`INSERT INTO urgent_measure_events (measure_id, seq, action, occurred_at, note, actor_id, recorded_at)
		SELECT ?, COALESCE(max(seq), 0) + 1, ?, ?, ?, NULLIF(?, '')::uuid, ? FROM urgent_measure_events WHERE measure_id = ?`,
		id, action, occurred, note, actorID, now, id).Error
}

// Change is one step recorded on a measure: service, the proposal, the court's decision, an
// appeal's steps, a breach.
type Change struct {
	Action     string // serve, propose, decide, appeal, appeal_forward, appeal_decide, breach
	OccurredAt *time.Time
	Outcome    string // decide: extended | rejected; appeal_decide: upheld | overturned
	Note       string
}

// the actions: who may (casbin action, and who to name in a refusal), from which statuses.
var steps = map[string]struct {
	perm, who string
	from      []string
}{
	"serve":          {"issue", "a police liaison", []string{"issued"}},
	"propose":        {"propose", "the coordination group's chair (the prosecutor)", []string{"active"}},
	"decide":         {"decide", "the coordination group's chair (the prosecutor)", []string{"proposal_pending", "expired"}},
	"appeal":         {"appeal", "a police liaison or the chair", []string{"extended", "rejected", "expired"}},
	"appeal_forward": {"appeal", "a police liaison or the chair", []string{"extended", "rejected", "expired"}},
	"appeal_decide":  {"appeal", "a police liaison or the chair", []string{"extended", "rejected", "expired"}},
	"breach":         {"breach", "a police liaison or the chair", []string{"active", "proposal_pending", "extended", "rejected"}},
}

// Record applies one step to a measure, in one transaction with its event, the case's
// history and the audit event. ENOTFOUND (the measure, or its case not visible); EFORBIDDEN
// (the role; emergency access); ECONFLICT (not from this status); EINVALID naming
// occurred_at (missing, in the future, before the step it follows, or past its deadline),
// outcome or note.
func (s *Service) Record(ctx context.Context, p *authz.Principal, id string, c Change) (Measure, error) {
	step, ok := steps[c.Action]
	if !ok || !platform.ValidID(id) {
		return Measure{}, errNotFound
	}
	now := s.clock.Now()
	c.Note = strings.TrimSpace(c.Note)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		m, err := s.lock(tx, id)
		if err != nil {
			return err
		}
		basis, err := s.cases.WriteAccessTx(tx, m.CaseID, p)
		if err != nil {
			if platform.ErrorCode(err) == platform.ENOTFOUND {
				return errNotFound
			}
			return err
		}
		if err := s.may(p, step.perm, step.who); err != nil {
			return err
		}
		if !slices.Contains(step.from, m.Status) {
			return platform.Errorf(platform.ECONFLICT, "This measure is %s: it cannot be %s.", strings.ReplaceAll(m.Status, "_", " "), pastTense[c.Action])
		}
		var v platform.Validator
		v.Check(len([]rune(c.Note)) <= 2000, "note", "At most 2,000 characters.")
		if err := s.apply(tx, &v, m, c, p.UserID, now); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO case_history (case_id, actor_id, action, detail, at) VALUES (?, ?, ?, ?, ?)`,
			m.CaseID, p.UserID, "urgent_measure."+c.Action, id, now).Error; err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "urgent_measure." + c.Action, ResourceType: "urgent_measure",
			ResourceID: id, CaseID: m.CaseID, Basis: basis})
	})
	if err != nil {
		return Measure{}, err
	}
	return s.load(s.db.WithContext(ctx), id)
}

var pastTense = map[string]string{"serve": "served", "propose": "proposed for extension", "decide": "decided",
	"appeal": "appealed", "appeal_forward": "forwarded", "appeal_decide": "decided on appeal", "breach": "breached"}

// apply checks and writes one step (the measure is locked).
func (s *Service) apply(tx *gorm.DB, v *platform.Validator, m Measure, c Change, actorID string, now time.Time) error {
	switch c.Action {
	case "serve":
		eventTime(v, "occurred_at", c.OccurredAt, now, &m.IssuedAt, "the order was issued")
		if err := v.Err(); err != nil {
			return err
		}
		return serve(tx, m.ID, *c.OccurredAt, actorID, now)
	case "propose":
		eventTime(v, "occurred_at", c.OccurredAt, now, m.ServedAt, "the order was served")
		// A late proposal is still recorded while the measure lasts; the court's deadline may
		// then fall after the expiry, which the measure shows as a warning.
		if c.OccurredAt != nil && m.ExpiresAt != nil && !c.OccurredAt.Before(*m.ExpiresAt) {
			v.Add("occurred_at", "The measure expired at "+m.ExpiresAt.UTC().Format(time.RFC3339)+"; there is nothing left to extend.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE urgent_measures SET status = 'proposal_pending', proposed_at = ?, decision_due_at = ?, updated_at = ? WHERE id = ?`,
			*c.OccurredAt, c.OccurredAt.Add(DecisionWithin), now, m.ID).Error; err != nil {
			return err
		}
	case "decide":
		if m.ProposedAt == nil || m.DecidedAt != nil {
			return platform.Errorf(platform.ECONFLICT, "There is no proposal waiting for the court's decision.")
		}
		v.Check(c.Outcome == "extended" || c.Outcome == "rejected", "outcome", "Choose extended or rejected.")
		eventTime(v, "occurred_at", c.OccurredAt, now, m.ProposedAt, "the proposal")
		if err := v.Err(); err != nil {
			return err
		}
		status, until, ended := "rejected", (*time.Time)(nil), (*time.Time)(nil)
		if c.Outcome == "extended" {
			from := *c.OccurredAt
			if s.settings.ExtensionFromExpiry {
				from = *m.ExpiresAt
			}
			u := from.Add(Extension)
			status, until = "extended", &u
		}
		if m.Status == "expired" && c.Outcome == "rejected" {
			status, ended = "expired", m.EndedAt // it lapsed before the court decided; it stays ended
		}
		if err := tx.Exec(`UPDATE urgent_measures SET status = ?, decision = ?, decided_at = ?, extended_until = ?, ended_at = ?, updated_at = ? WHERE id = ?`,
			status, c.Outcome, *c.OccurredAt, until, ended, now, m.ID).Error; err != nil {
			return err
		}
	case "appeal", "appeal_forward", "appeal_decide":
		return s.applyAppeal(tx, v, m, c, actorID, now)
	case "breach":
		eventTime(v, "occurred_at", c.OccurredAt, now, m.ServedAt, "the order was served")
		v.Check(c.Note != "", "note", "Say what happened.")
		if err := v.Err(); err != nil {
			return err
		}
		// A breach makes the case repeat: it goes on the next agenda whatever its risk.
		if err := tx.Exec(`UPDATE cases SET repeat_at = ? WHERE id = ?`, now, m.CaseID).Error; err != nil {
			return err
		}
		to, err := s.recipients(tx, m, deadline{chairs: true, actors: true})
		if err != nil {
			return err
		}
		if err := alerts.RaiseAbout(tx, now, without(to, actorID), alerts.KindMeasureBreached, actorID, alerts.About{CaseID: m.CaseID, MeasureID: m.ID}); err != nil {
			return err
		}
	}
	return addEvent(tx, m.ID, c.Action, c.OccurredAt, c.Note+outcomeNote(c), actorID, now)
}

func outcomeNote(c Change) string {
	if c.Outcome == "" || c.Note != "" {
		return ""
	}
	return c.Outcome
}

// applyAppeal files, forwards or decides the measure's appeal; an appeal does not suspend the
// measure, and an overturned extension ends it.
func (s *Service) applyAppeal(tx *gorm.DB, v *platform.Validator, m Measure, c Change, actorID string, now time.Time) error {
	var open []Appeal
	if err := tx.Raw(`SELECT id, filed_at, forward_due_at, forwarded_at, decision_due_at, decided_at, outcome FROM urgent_measure_appeals
		WHERE measure_id = ? AND decided_at IS NULL`, m.ID).Scan(&open).Error; err != nil {
		return err
	}
	switch c.Action {
	case "appeal":
		if m.DecidedAt == nil {
			return platform.Errorf(platform.ECONFLICT, "The court has not decided: there is nothing to appeal.")
		}
		if len(open) > 0 {
			return platform.Errorf(platform.ECONFLICT, "An appeal against this decision is already pending.")
		}
		eventTime(v, "occurred_at", c.OccurredAt, now, m.DecidedAt, "the court's decision")
		if c.OccurredAt != nil && c.OccurredAt.After(m.DecidedAt.Add(AppealFileWithin)) {
			v.Add("occurred_at", "The 3 days to appeal ended at "+m.DecidedAt.Add(AppealFileWithin).UTC().Format(time.RFC3339)+".")
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO urgent_measure_appeals (id, measure_id, filed_at, forward_due_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			platform.NewID(), m.ID, *c.OccurredAt, c.OccurredAt.Add(AppealForwardWithin), actorID, now).Error; err != nil {
			return err
		}
	case "appeal_forward":
		if len(open) == 0 || open[0].ForwardedAt != nil {
			return platform.Errorf(platform.ECONFLICT, "There is no appeal waiting to be forwarded.")
		}
		eventTime(v, "occurred_at", c.OccurredAt, now, &open[0].FiledAt, "the appeal was filed")
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE urgent_measure_appeals SET forwarded_at = ?, decision_due_at = ? WHERE id = ?`,
			*c.OccurredAt, c.OccurredAt.Add(AppealDecideWithin), open[0].ID).Error; err != nil {
			return err
		}
	case "appeal_decide":
		if len(open) == 0 || open[0].ForwardedAt == nil {
			return platform.Errorf(platform.ECONFLICT, "There is no forwarded appeal waiting for a decision.")
		}
		v.Check(c.Outcome == "upheld" || c.Outcome == "overturned", "outcome", "Choose upheld or overturned.")
		eventTime(v, "occurred_at", c.OccurredAt, now, open[0].ForwardedAt, "the appeal was forwarded")
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE urgent_measure_appeals SET decided_at = ?, outcome = ? WHERE id = ?`, *c.OccurredAt, c.Outcome, open[0].ID).Error; err != nil {
			return err
		}
		if c.Outcome == "overturned" && m.Status == "extended" {
			if err := tx.Exec(`UPDATE urgent_measures SET status = 'expired', ended_at = ?, updated_at = ? WHERE id = ?`, *c.OccurredAt, now, m.ID).Error; err != nil {
				return err
			}
		}
	}
	return addEvent(tx, m.ID, c.Action, c.OccurredAt, c.Note+outcomeNote(c), actorID, now)
}

// caseActors are who must know about a measure of the case: its lead and who issued it.
func (s *Service) caseActors(tx *gorm.DB, m Measure) ([]string, error) {
	var out []string
	err := tx.Raw(`SELECT DISTINCT u.id::text FROM users u WHERE u.active AND (u.id = (SELECT lead_id FROM cases WHERE id = ?) OR u.id = ?)`,
		m.CaseID, m.CreatedBy).Scan(&out).Error
	return out, err
}

func without(ids []string, id string) []string {
	return slices.DeleteFunc(slices.Clone(ids), func(x string) bool { return x == id })
}

const selectMeasures = `SELECT id, case_id, kind, order_number, perpetrator_id::text AS perpetrator_id, status, issued_at, served_at, expires_at,
	proposal_due_at, proposed_at, decision_due_at, decision, decided_at, extended_until, ended_at, created_by, created_at, updated_at FROM urgent_measures`

func (s *Service) lock(tx *gorm.DB, id string) (Measure, error) {
	var ms []Measure
	if err := tx.Raw(selectMeasures+` WHERE id = ? FOR UPDATE`, id).Scan(&ms).Error; err != nil {
		return Measure{}, err
	}
	if len(ms) == 0 {
		return Measure{}, errNotFound
	}
	return ms[0], nil
}

// load reads a measure with its appeals and timeline (access already checked).
func (s *Service) load(db *gorm.DB, id string) (Measure, error) {
	var ms []Measure
	if err := db.Raw(selectMeasures+` WHERE id = ?`, id).Scan(&ms).Error; err != nil {
		return Measure{}, err
	}
	if len(ms) == 0 {
		return Measure{}, errNotFound
	}
	if err := s.details(db, ms); err != nil {
		return Measure{}, err
	}
	return ms[0], nil
}

// details fills in the appeals and the timeline, and the warning of a court deadline after the
// expiry; all times in UTC.
func (s *Service) details(db *gorm.DB, ms []Measure) error {
	for i := range ms {
		m := &ms[i]
		m.Appeals, m.Events = []Appeal{}, []Event{}
		if err := db.Raw(`SELECT id, filed_at, forward_due_at, forwarded_at, decision_due_at, decided_at, outcome FROM urgent_measure_appeals
			WHERE measure_id = ? ORDER BY filed_at`, m.ID).Scan(&m.Appeals).Error; err != nil {
			return err
		}
		if err := db.Raw(`SELECT e.seq, e.action, e.occurred_at, e.note, e.actor_id::text AS actor_id, u.display_name AS actor_name, e.recorded_at
			FROM urgent_measure_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.measure_id = ? ORDER BY e.seq`, m.ID).Scan(&m.Events).Error; err != nil {
			return err
		}
		m.CourtAfterExpiry = m.DecisionDueAt != nil && m.ExpiresAt != nil && m.DecidedAt == nil && m.DecisionDueAt.After(*m.ExpiresAt)
		utc(&m.IssuedAt, &m.CreatedAt, &m.UpdatedAt)
		utcp(m.ServedAt, m.ExpiresAt, m.ProposalDueAt, m.ProposedAt, m.DecisionDueAt, m.DecidedAt, m.ExtendedUntil, m.EndedAt)
		for j := range m.Appeals {
			a := &m.Appeals[j]
			utc(&a.FiledAt, &a.ForwardDueAt)
			utcp(a.ForwardedAt, a.DecisionDueAt, a.DecidedAt)
		}
		for j := range m.Events {
			utc(&m.Events[j].RecordedAt)
			utcp(m.Events[j].OccurredAt)
		}
	}
	return nil
}

func utc(ts ...*time.Time) {
	for _, t := range ts {
		*t = t.UTC()
	}
}

func utcp(ts ...*time.Time) {
	for _, t := range ts {
		if t != nil {
			*t = t.UTC()
		}
	}
}

// Get returns a measure for a reader of its case; the read is audited. ENOTFOUND.
func (s *Service) Get(ctx context.Context, p *authz.Principal, id string) (Measure, error) {
	if !platform.ValidID(id) {
		return Measure{}, errNotFound
	}
	db := s.db.WithContext(ctx)
	m, err := s.load(db, id)
	if err != nil {
		return Measure{}, err
	}
	basis, err := s.cases.ReadAccessTx(db, m.CaseID, p)
	if err != nil {
		return Measure{}, errNotFound
	}
	return m, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "urgent_measure.read", ResourceType: "urgent_measure",
		ResourceID: id, CaseID: m.CaseID, Basis: basis})
}

// List returns a case's measures, newest first, for a reader of the case; audited. ENOTFOUND.
func (s *Service) List(ctx context.Context, p *authz.Principal, caseID string) ([]Measure, error) {
	out := []Measure{}
	err := s.cases.ReadPart(ctx, p, caseID, "urgent_measure.list", func(db *gorm.DB) error {
		if err := db.Raw(selectMeasures+` WHERE case_id = ? ORDER BY issued_at DESC, id LIMIT 200`, caseID).Scan(&out).Error; err != nil {
			return err
		}
		return s.details(db, out)
	})
	return out, err
}
