// Package alerts holds what needs a person's attention. An alert carries no personal data:
// the app words it from its kind and links to the case.
package alerts

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Kinds of alert.
const (
	KindEmergencyAccess  = "emergency_access"  // someone broke the glass on a case you lead, lead a team of, or audit
	KindMention          = "mention"           // someone mentioned you in a case's chat
	KindReferralReceived = "referral_received" // another agency referred a case to yours
	KindReferralAnswered = "referral_answered" // the agency you referred to accepted or rejected
	KindReferralBreached = "referral_breached" // a referral to your agency is past its response time
	KindInboundEvent     = "inbound_event"     // another agency's system reported an event about a person of your case
	KindIntake           = "intake"            // an event about a person no open case holds waits to be taken in
)

// Alert is one thing a user must see.
type Alert struct {
	ID         string  `json:"id"`
	Kind       string  `json:"kind"`
	CaseID     *string `json:"case_id"`
	ReferralID *string `json:"referral_id"`
	ActorID    *string `json:"actor_id"`
	// PageID is set on the alerts of an escalating page; acknowledging one acknowledges all.
	PageID         *string    `json:"page_id"`
	Urgent         bool       `json:"urgent"`
	CreatedAt      time.Time  `json:"created_at"`
	AcknowledgedAt *time.Time `json:"acknowledged_at"`
	// Steps is the page's timeline (GET /alerts/{id} only).
	Steps []PageStep `json:"steps,omitempty" gorm:"-"`
}

// Service is the alerts domain.
type Service struct {
	db    *gorm.DB
	clock platform.Clock
}

// NewService returns the alerts service.
func NewService(db *gorm.DB, clock platform.Clock) *Service { return &Service{db: db, clock: clock} }

// NotifyChannel is the PostgreSQL channel on which new alerts are announced, at commit, with
// the ids of the users who have one (never the alert's content); every server process pushes
// an "alert" frame to those users' websockets.
const NotifyChannel = "zajedno_alerts"

// Raise creates one alert for each user inside tx, so it commits with the change behind it,
// and announces it to the users' open websockets.
func Raise(tx *gorm.DB, now time.Time, userIDs []string, kind, caseID, actorID string) error {
	for _, u := range userIDs {
		if err := tx.Exec(`INSERT INTO alerts (id, user_id, kind, case_id, actor_id, created_at) VALUES (?, ?, ?, NULLIF(?, '')::uuid, NULLIF(?, '')::uuid, ?)`,
			platform.NewID(), u, kind, caseID, actorID, now).Error; err != nil {
			return err
		}
	}
	return announce(tx, userIDs)
}

// announce tells every process, at commit, which users have a new alert (100 ids at a time).
func announce(tx *gorm.DB, userIDs []string) error {
	for len(userIDs) > 0 {
		n := min(len(userIDs), 100)
		b, err := json.Marshal(userIDs[:n])
		if err != nil {
			return err
		}
		if err := tx.Exec(`SELECT pg_notify(?, ?)`, NotifyChannel, string(b)).Error; err != nil {
			return err
		}
		userIDs = userIDs[n:]
	}
	return nil
}

// RaiseIntake creates one alert about an intake item for each user inside tx.
func RaiseIntake(tx *gorm.DB, now time.Time, userIDs []string, intakeID string) error {
	for _, u := range userIDs {
		if err := tx.Exec(`INSERT INTO alerts (id, user_id, kind, intake_id, created_at) VALUES (?, ?, ?, ?, ?)`,
			platform.NewID(), u, KindIntake, intakeID, now).Error; err != nil {
			return err
		}
	}
	return announce(tx, userIDs)
}

// RaiseReferral creates one alert about a referral for each user inside tx. It names the
// referral, not the case: the receiving side may not see the case until it accepts.
func RaiseReferral(tx *gorm.DB, now time.Time, userIDs []string, kind, referralID, actorID string) error {
	for _, u := range userIDs {
		if err := tx.Exec(`INSERT INTO alerts (id, user_id, kind, referral_id, actor_id, created_at) VALUES (?, ?, ?, ?, NULLIF(?, '')::uuid, ?)`,
			platform.NewID(), u, kind, referralID, actorID, now).Error; err != nil {
			return err
		}
	}
	return announce(tx, userIDs)
}

const selectAlerts = `SELECT id, kind, case_id::text AS case_id, referral_id::text AS referral_id, intake_id::text AS intake_id, actor_id::text AS actor_id,
	page_id::text AS page_id, urgent, created_at, acknowledged_at FROM alerts`

// List returns the user's alerts, newest first; open only unless all.
func (s *Service) List(ctx context.Context, userID string, all bool, limit int, cursor string) ([]Alert, string, error) {
	q := selectAlerts + ` WHERE user_id = ?`
	args := []any{userID}
	if !all {
		q += ` AND acknowledged_at IS NULL`
	}
	if cursor != "" {
		t, id, err := platform.DecodeCursor("cursor", cursor)
		if err != nil {
			return nil, "", err
		}
		q += ` AND (created_at, id) < (?, ?)`
		args = append(args, t, id)
	}
	q += ` ORDER BY created_at DESC, id DESC LIMIT ?`
	args = append(args, limit+1)
	var out []Alert
	if err := s.db.WithContext(ctx).Raw(q, args...).Scan(&out).Error; err != nil {
		return nil, "", err
	}
	out, next := platform.PageOf(out, limit, func(a Alert) (time.Time, string) { return a.CreatedAt, a.ID })
	if out == nil {
		out = []Alert{}
	}
	return out, next, nil
}

// Acknowledge marks the user's alert seen. ENOTFOUND for somebody else's alert.
// An alert of a page acknowledges the page: its escalation stops, every alert of it is
// acknowledged, and the step is on its timeline.
func (s *Service) Acknowledge(ctx context.Context, userID, id string) (Alert, error) {
	if !platform.ValidID(id) {
		return Alert{}, errAlertNotFound
	}
	now := s.clock.Now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var pageID *string
		if err := tx.Raw(`UPDATE alerts SET acknowledged_at = COALESCE(acknowledged_at, ?) WHERE id = ? AND user_id = ? RETURNING page_id::text`,
			now, id, userID).Scan(&pageID).Error; err != nil {
			return err
		}
		if pageID == nil {
			return nil
		}
		r := tx.Exec(`UPDATE pages SET acknowledged_at = ?, acknowledged_by = ?, next_at = NULL WHERE id = ? AND acknowledged_at IS NULL`, now, userID, *pageID)
		if r.Error != nil || r.RowsAffected == 0 {
			return r.Error
		}
		if err := tx.Exec(`UPDATE alerts SET acknowledged_at = ? WHERE page_id = ? AND acknowledged_at IS NULL`, now, *pageID).Error; err != nil {
			return err
		}
		return AddPageStep(tx, *pageID, "acknowledge", userID, now)
	})
	if err != nil {
		return Alert{}, err
	}
	return s.Get(ctx, userID, id)
}

var errAlertNotFound = platform.Errorf(platform.ENOTFOUND, "Alert not found.")

// Get returns one of the user's alerts, with its page's timeline. ENOTFOUND.
func (s *Service) Get(ctx context.Context, userID, id string) (Alert, error) {
	if !platform.ValidID(id) {
		return Alert{}, errAlertNotFound
	}
	db := s.db.WithContext(ctx)
	var out []Alert
	if err := db.Raw(selectAlerts+` WHERE id = ? AND user_id = ?`, id, userID).Scan(&out).Error; err != nil {
		return Alert{}, err
	}
	if len(out) == 0 {
		return Alert{}, errAlertNotFound
	}
	a := out[0]
	if a.PageID != nil {
		a.Steps = []PageStep{}
		if err := db.Raw(`SELECT s.seq, s.action, s.user_id::text AS user_id, u.display_name AS user_name, s.at FROM page_steps s
			LEFT JOIN users u ON u.id = s.user_id WHERE s.page_id = ? ORDER BY s.seq`, *a.PageID).Scan(&a.Steps).Error; err != nil {
			return Alert{}, err
		}
		for i := range a.Steps {
			a.Steps[i].At = a.Steps[i].At.UTC()
		}
	}
	return a, nil
}
