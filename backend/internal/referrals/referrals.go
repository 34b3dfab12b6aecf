// Package referrals holds referrals between agencies: a case's worker asks another agency to
// take part; the receiving agency answers within the CSR response time of the urgency. Who
// may do what follows FHIR Task referral management: the requesting side creates and cancels;
// the receiving side accepts, rejects, starts and completes.
package referrals

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
	"github.com/zajedno/zajedno/backend/internal/oncall"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Urgencies and their response times (domain.md: CSR priorities, calendar time).
var ResponseTimes = map[string]time.Duration{
	"immediate": 24 * time.Hour,
	"urgent":    3 * 24 * time.Hour,
	"regular":   7 * 24 * time.Hour,
}

// Urgencies lists the urgencies in order.
var Urgencies = []string{"immediate", "urgent", "regular"}

// Actions a side may take, and the states each leaves from and goes to.
var transitions = map[string]struct {
	side string
	from []string
	to   string
}{
	"accept":   {sideReceiving, []string{"requested"}, "accepted"},
	"reject":   {sideReceiving, []string{"requested"}, "rejected"},
	"start":    {sideReceiving, []string{"accepted"}, "in_progress"},
	"complete": {sideReceiving, []string{"in_progress"}, "completed"},
	"cancel":   {sideRequesting, []string{"requested", "accepted", "in_progress"}, "cancelled"},
}

// Actions lists what can be done to a referral.
var Actions = []string{"accept", "reject", "start", "complete", "cancel"}

const (
	sideRequesting = "requesting"
	sideReceiving  = "receiving"
)

// sideOf is the side of a referral from fromAgency to toAgency that agencyID is on, or "".
func sideOf(agencyID, fromAgency, toAgency string) string {
	switch agencyID {
	case fromAgency:
		return sideRequesting
	case toAgency:
		return sideReceiving
	}
	return ""
}

// Referral is a referral as either side sees it. CaseTitle is set only for a caller who may
// see the case; the receiving side sees the reason and the summary the sender chose to share.
type Referral struct {
	ID             string    `json:"id"`
	CaseID         string    `json:"case_id"`
	CaseTitle      *string   `json:"case_title"`
	FromAgencyID   string    `json:"from_agency_id"`
	FromAgencyName string    `json:"from_agency_name"`
	ToAgencyID     string    `json:"to_agency_id"`
	ToAgencyName   string    `json:"to_agency_name"`
	RequestedBy    string    `json:"requested_by"`
	RequesterName  string    `json:"requester_name"`
	Reason         string    `json:"reason"`
	Summary        string    `json:"summary"`
	Urgency        string    `json:"urgency"`
	Status         string    `json:"status"`
	RespondBy      time.Time `json:"respond_by"`
	Overdue        bool      `json:"overdue" gorm:"-"`
	AcceptedBy     *string   `json:"accepted_by"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
	Side           *string   `json:"side" gorm:"-"`
	basis          string
	Events         []Event `json:"events,omitempty" gorm:"-"`
}

// Event is one step of a referral's history.
type Event struct {
	Seq        int       `json:"seq"`
	Action     string    `json:"action"`
	FromStatus *string   `json:"from_status"`
	ToStatus   string    `json:"to_status"`
	ActorID    *string   `json:"actor_id"`
	ActorName  *string   `json:"actor_name"`
	Note       string    `json:"note"`
	At         time.Time `json:"at"`
}

// Service is the referrals domain.
type Service struct {
	db    *gorm.DB
	audit *audit.Log
	clock platform.Clock
	cases *cases.Service
}

// NewService returns the referrals service.
func NewService(db *gorm.DB, log *audit.Log, clock platform.Clock, cs *cases.Service) *Service {
	return &Service{db: db, audit: log, clock: clock, cases: cs}
}

var errNotFound = platform.Errorf(platform.ENOTFOUND, "Referral not found.")

const selectReferrals = `SELECT r.id, r.case_id, r.from_agency_id, fa.name AS from_agency_name, r.to_agency_id, ta.name AS to_agency_name,
	r.requested_by, u.display_name AS requester_name, r.reason, r.summary, r.urgency, r.status, r.respond_by,
	r.accepted_by::text AS accepted_by, r.created_at, r.updated_at,
	CASE WHEN EXISTS (SELECT 1 FROM case_members cm WHERE cm.case_id = r.case_id AND cm.user_id = ?) THEN c.title END AS case_title
	FROM referrals r JOIN agencies fa ON fa.id = r.from_agency_id JOIN agencies ta ON ta.id = r.to_agency_id
	JOIN users u ON u.id = r.requested_by JOIN cases c ON c.id = r.case_id`

// finish works out what the server decides for the caller: their side, and overdue.
func (s *Service) finish(p *authz.Principal, rs []Referral) {
	now := s.clock.Now()
	for i := range rs {
		r := &rs[i]
		if side := sideOf(p.AgencyID, r.FromAgencyID, r.ToAgencyID); side != "" {
			r.Side = &side
		}
		r.Overdue = r.Status == "requested" && now.After(r.RespondBy)
		r.RespondBy, r.CreatedAt, r.UpdatedAt = r.RespondBy.UTC(), r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	}
}

// NewReferral is what a case's member sends to another agency.
type NewReferral struct {
	CaseID     string
	ToAgencyID string
	Reason     string
	Summary    string
	Urgency    string
}

// Create asks another agency to take part in a case; the receiving agency's users are
// alerted. EINVALID names reason, urgency, to_agency_id or summary; ENOTFOUND when p may not
// see the case; EFORBIDDEN under emergency access.
func (s *Service) Create(ctx context.Context, p *authz.Principal, in NewReferral) (Referral, error) {
	in.Reason, in.Summary = strings.TrimSpace(in.Reason), strings.TrimSpace(in.Summary)
	if !platform.ValidID(in.CaseID) {
		return Referral{}, platform.Invalid(platform.FieldError{Field: "case_id", Message: "Give the id of a case you work on."})
	}
	basis, _, err := s.cases.Access(ctx, p, in.CaseID)
	if err != nil {
		return Referral{}, err
	}
	if basis == audit.BasisEmergency {
		return Referral{}, platform.Errorf(platform.EFORBIDDEN, "Emergency access lets you read the case, not refer it.")
	}
	var v platform.Validator
	v.Check(in.Reason != "" && len([]rune(in.Reason)) <= 2000, "reason", "Say why you refer (at most 2,000 characters).")
	v.Check(len([]rune(in.Summary)) <= 4000, "summary", "The summary holds at most 4,000 characters.")
	v.Check(slices.Contains(Urgencies, in.Urgency), "urgency", "Choose immediate, urgent or regular.")
	id := platform.NewID()
	now := s.clock.Now()
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if platform.ValidID(in.ToAgencyID) {
			if err := tx.Raw(`SELECT count(*) FROM agencies WHERE id = ? AND type <> 'system'`, in.ToAgencyID).Scan(&n).Error; err != nil {
				return err
			}
		}
		switch {
		case n == 0:
			v.Add("to_agency_id", "Choose an agency.")
		case in.ToAgencyID == p.AgencyID:
			v.Add("to_agency_id", "Refer to another agency than your own.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO referrals (id, case_id, from_agency_id, to_agency_id, requested_by, reason, summary, urgency, respond_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, in.CaseID, p.AgencyID, in.ToAgencyID, p.UserID, in.Reason, in.Summary, in.Urgency,
			now.Add(ResponseTimes[in.Urgency]), now, now).Error; err != nil {
			return err
		}
		if err := addEvent(tx, id, "request", "", "requested", p.UserID, "", now); err != nil {
			return err
		}
		if err := alerts.RaiseToAgency(tx, now, in.ToAgencyID, alerts.KindReferralReceived, p.UserID, alerts.About{ReferralID: id}); err != nil {
			return err
		}
		if in.Urgency == "immediate" { // and the worker on call, if any, is paged until someone answers
			if _, err := oncall.PageTx(tx, now, in.ToAgencyID, alerts.KindReferralReceived, "", id); err != nil {
				return err
			}
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "referral.create", ResourceType: "referral",
			ResourceID: id, CaseID: in.CaseID, Basis: basis})
	})
	if err != nil {
		return Referral{}, err
	}
	return s.load(ctx, p, id)
}

func addEvent(tx *gorm.DB, id, action, from, to, actorID, note string, at time.Time) error {
	return tx.Exec(`INSERT INTO referral_events (referral_id, seq, action, from_status, to_status, actor_id, note, at)
		SELECT ?, COALESCE(max(seq), 0) + 1, ?, NULLIF(?, ''), ?, NULLIF(?, '')::uuid, ?, ? FROM referral_events WHERE referral_id = ?`,
		id, action, from, to, actorID, note, at, id).Error
}

// Get returns a referral to either side, or to someone who may see its case, with its
// history; the read is audited. ENOTFOUND for anyone else.
func (s *Service) Get(ctx context.Context, p *authz.Principal, id string) (Referral, error) {
	r, err := s.load(ctx, p, id)
	if err != nil {
		return Referral{}, err
	}
	return r, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "referral.read", ResourceType: "referral",
		ResourceID: id, CaseID: r.CaseID, Basis: r.basis})
}

// load reads a referral as p may see it, without auditing (the writes audit themselves).
func (s *Service) load(ctx context.Context, p *authz.Principal, id string) (Referral, error) {
	if !platform.ValidID(id) {
		return Referral{}, errNotFound
	}
	db := s.db.WithContext(ctx)
	var rs []Referral
	if err := db.Raw(selectReferrals+` WHERE r.id = ?`, p.UserID, id).Scan(&rs).Error; err != nil {
		return Referral{}, err
	}
	if len(rs) == 0 {
		return Referral{}, errNotFound
	}
	s.finish(p, rs)
	r := rs[0]
	if r.Side != nil {
		r.basis = audit.BasisReferral
	} else {
		basis, _, err := s.cases.Access(ctx, p, r.CaseID)
		if err != nil {
			return Referral{}, errNotFound
		}
		r.basis = basis
	}
	r.Events = []Event{}
	if err := db.Raw(`SELECT e.seq, e.action, e.from_status, e.to_status, e.actor_id::text AS actor_id, u.display_name AS actor_name, e.note, e.at
		FROM referral_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.referral_id = ? ORDER BY e.seq`, id).Scan(&r.Events).Error; err != nil {
		return Referral{}, err
	}
	for i := range r.Events {
		r.Events[i].At = r.Events[i].At.UTC()
	}
	return r, nil
}

// Filter selects referrals in an agency's inbox.
type Filter struct {
	Direction string // incoming (to the caller's agency) or outgoing (from it)
	Status    string
	CaseID    string // only this case's referrals (then Direction is not needed)
	Limit     int
	Cursor    string
}

// List returns the caller's agency's incoming or outgoing referrals, newest first, or the
// referrals of a case the caller may see. EINVALID names direction, status or cursor.
func (s *Service) List(ctx context.Context, p *authz.Principal, f Filter) ([]Referral, string, error) {
	var v platform.Validator
	q := selectReferrals + ` WHERE true`
	args := []any{p.UserID}
	basis := audit.BasisReferral
	switch {
	case f.CaseID != "":
		var err error
		if basis, _, err = s.cases.Access(ctx, p, f.CaseID); err != nil {
			return nil, "", err
		}
		q += ` AND r.case_id = ?`
		args = append(args, f.CaseID)
	case f.Direction == "incoming":
		q += ` AND r.to_agency_id = ?`
		args = append(args, p.AgencyID)
	case f.Direction == "outgoing":
		q += ` AND r.from_agency_id = ?`
		args = append(args, p.AgencyID)
	default:
		v.Add("direction", "Choose incoming or outgoing.")
	}
	if f.Status != "" {
		v.Check(slices.Contains([]string{"requested", "accepted", "rejected", "in_progress", "completed", "cancelled"}, f.Status), "status",
			"Choose requested, accepted, rejected, in_progress, completed or cancelled.")
		q += ` AND r.status = ?`
		args = append(args, f.Status)
	}
	if f.Cursor != "" {
		t, id := v.Cursor("cursor", f.Cursor)
		q += ` AND (r.created_at, r.id) < (?, ?)`
		args = append(args, t, id)
	}
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	q += ` ORDER BY r.created_at DESC, r.id DESC LIMIT ?`
	args = append(args, f.Limit+1)
	var rs []Referral
	if err := s.db.WithContext(ctx).Raw(q, args...).Scan(&rs).Error; err != nil {
		return nil, "", err
	}
	rs, next := platform.PageOf(rs, f.Limit, func(r Referral) (time.Time, string) { return r.CreatedAt, r.ID })
	s.finish(p, rs)
	if rs == nil {
		rs = []Referral{}
	}
	return rs, next, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "referral.list", ResourceType: "referral",
		CaseID: f.CaseID, Basis: basis})
}

// Act takes a step: accept, reject (note is the reason, required), start, complete or
// cancel. Accepting makes the accepting user a member of the case (basis "referral"). The
// requester is alerted when the receiving side accepts or rejects; the receiving side when the
// requester cancels (the worker who accepted it, or, before that, the agency's active users,
// whose open alerts of its arrival are resolved). ENOTFOUND when p is on
// neither side; EFORBIDDEN for the other side's action; ECONFLICT from a state that does not
// allow it; EINVALID (reason, note).
func (s *Service) Act(ctx context.Context, p *authz.Principal, id, action, note string) (Referral, error) {
	step, ok := transitions[action]
	if !ok || !platform.ValidID(id) {
		return Referral{}, errNotFound
	}
	note = strings.TrimSpace(note)
	var v platform.Validator
	field := "note"
	if action == "reject" {
		field = "reason"
		v.Check(note != "", field, "Say why the referral is rejected.")
	}
	v.Check(len([]rune(note)) <= 2000, field, "At most 2,000 characters.")
	now := s.clock.Now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []struct {
			CaseID, FromAgencyID, ToAgencyID, Status, RequestedBy string
			AcceptedBy                                            *string
		}
		if err := tx.Raw(`SELECT case_id, from_agency_id, to_agency_id, status, requested_by, accepted_by::text AS accepted_by FROM referrals WHERE id = ? FOR UPDATE`, id).Scan(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 {
			return errNotFound
		}
		r := rows[0]
		side := sideOf(p.AgencyID, r.FromAgencyID, r.ToAgencyID)
		if side == "" {
			if _, _, err := s.cases.Access(ctx, p, r.CaseID); err != nil {
				return errNotFound
			}
		}
		switch {
		case side == "":
			return platform.Errorf(platform.EFORBIDDEN, "Only the agencies on the two sides of a referral can act on it.")
		case side != step.side:
			return platform.Errorf(platform.EFORBIDDEN, "Only the %s agency can %s this referral.", step.side, action)
		case !slices.Contains(step.from, r.Status):
			return platform.Errorf(platform.ECONFLICT, "A referral that is %s cannot be %s.", strings.ReplaceAll(r.Status, "_", " "), pastTense[action])
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE referrals SET status = ?, updated_at = ?, accepted_by = CASE WHEN ? = 'accept' THEN ?::uuid ELSE accepted_by END WHERE id = ?`,
			step.to, now, action, p.UserID, id).Error; err != nil {
			return err
		}
		if err := addEvent(tx, id, action, r.Status, step.to, p.UserID, note, now); err != nil {
			return err
		}
		if action == "accept" {
			if walled, err := cases.CrossesWall(tx, r.CaseID, p.UserID); err != nil || walled {
				if err != nil {
					return err
				}
				return cases.ErrWall
			}
			added := tx.Exec(`INSERT INTO case_members (case_id, user_id, basis, added_by, added_at) VALUES (?, ?, 'referral', ?, ?) ON CONFLICT DO NOTHING`,
				r.CaseID, p.UserID, p.UserID, now)
			if added.Error != nil {
				return added.Error
			}
			if added.RowsAffected == 1 {
				if err := tx.Exec(`INSERT INTO case_history (case_id, actor_id, action, detail, at) VALUES (?, ?, 'member.add.referral', ?, ?)`,
					r.CaseID, p.UserID, id, now).Error; err != nil {
					return err
				}
			}
		}
		if action == "accept" || action == "reject" || action == "cancel" {
			if err := alerts.AcknowledgeReferralPages(tx, now, id, p.UserID); err != nil {
				return err
			}
		}
		if action == "accept" || action == "reject" {
			if err := alerts.RaiseReferral(tx, now, []string{r.RequestedBy}, alerts.KindReferralAnswered, id, p.UserID); err != nil {
				return err
			}
		}
		if action == "cancel" {
			if err := s.tellCancelled(tx, now, p.UserID, id, r.ToAgencyID, r.AcceptedBy); err != nil {
				return err
			}
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "referral." + action, ResourceType: "referral",
			ResourceID: id, CaseID: r.CaseID, Basis: audit.BasisReferral})
	})
	if err != nil {
		return Referral{}, err
	}
	return s.load(ctx, p, id)
}

// tellCancelled alerts the receiving side that the requester cancelled a referral: the worker
// who accepted it or, before anyone did, the agency's active users, whose open alerts of its
// arrival are resolved (there is nothing left to answer).
func (s *Service) tellCancelled(tx *gorm.DB, now time.Time, actorID, id, toAgencyID string, acceptedBy *string) error {
	if acceptedBy != nil {
		return alerts.RaiseReferral(tx, now, []string{*acceptedBy}, alerts.KindReferralCancelled, id, actorID)
	}
	if err := tx.Exec(`UPDATE alerts SET acknowledged_at = COALESCE(acknowledged_at, ?), resolved_at = ?
		WHERE referral_id = ? AND kind = ? AND resolved_at IS NULL`, now, now, id, alerts.KindReferralReceived).Error; err != nil {
		return err
	}
	return alerts.RaiseToAgency(tx, now, toAgencyID, alerts.KindReferralCancelled, actorID, alerts.About{ReferralID: id})
}

var pastTense = map[string]string{"accept": "accepted", "reject": "rejected", "start": "started", "complete": "completed", "cancel": "cancelled"}

// AlertBreaches alerts the team leads of each receiving agency whose referrals have gone
// unanswered past their response time, once per referral, and records the breach in its
// history. It returns how many referrals it alerted about.
func (s *Service) AlertBreaches(ctx context.Context) (int, error) {
	now := s.clock.Now()
	n := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var due []struct{ ID, CaseID, ToAgencyID string }
		if err := tx.Raw(`SELECT id, case_id, to_agency_id FROM referrals WHERE status = 'requested' AND breach_alerted_at IS NULL AND respond_by < ?
			ORDER BY respond_by FOR UPDATE SKIP LOCKED`, now).Scan(&due).Error; err != nil {
			return err
		}
		for _, r := range due {
			// The agency's team leads; an agency without one: everyone in it.
			var leads []string
			if err := tx.Raw(`SELECT u.id FROM users u WHERE u.agency_id = ? AND u.active AND (
				EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id AND ur.role = 'team_lead')
				OR NOT EXISTS (SELECT 1 FROM users l JOIN user_roles lr ON lr.user_id = l.id AND lr.role = 'team_lead' WHERE l.agency_id = ? AND l.active))`,
				r.ToAgencyID, r.ToAgencyID).Scan(&leads).Error; err != nil {
				return err
			}
			if err := alerts.RaiseReferral(tx, now, leads, alerts.KindReferralBreached, r.ID, ""); err != nil {
				return err
			}
			if err := tx.Exec(`UPDATE referrals SET breach_alerted_at = ? WHERE id = ?`, now, r.ID).Error; err != nil {
				return err
			}
			if err := addEvent(tx, r.ID, "breach", "requested", "requested", "", "", now); err != nil {
				return err
			}
			if err := s.audit.RecordTx(ctx, tx, audit.Event{Action: "referral.breach", ResourceType: "referral", ResourceID: r.ID,
				CaseID: r.CaseID, Basis: audit.BasisNone}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}
