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
	KindEmergencyAccess            = "emergency_access"             // someone broke the glass on a case you lead, lead a team of, or audit
	KindMention                    = "mention"                      // someone mentioned you in a case's chat
	KindReferralReceived           = "referral_received"            // another agency referred a case to yours
	KindReferralAnswered           = "referral_answered"            // the agency you referred to accepted or rejected
	KindReferralBreached           = "referral_breached"            // a referral to your agency is past its response time
	KindReferralCancelled          = "referral_cancelled"           // the agency that referred a case to yours cancelled the referral
	KindInboundEvent               = "inbound_event"                // another agency's system reported an event about a person of your case
	KindIntake                     = "intake"                       // an event about a person no open case holds waits to be taken in
	KindTaskDue                    = "task_due"                     // a task of yours falls due within a day
	KindTaskOverdue                = "task_overdue"                 // a task of yours is past its due time
	KindMeasureDeadline            = "measure_deadline"             // a deadline of an urgent measure you must act on is near
	KindMeasureExpired             = "measure_expired"              // an urgent measure of your case has expired
	KindMeasureBreached            = "measure_breached"             // an urgent measure of your case was breached
	KindMeetingNotPlanned          = "meeting_not_planned"          // your coordination group has no next meeting planned, 10 days after the last
	KindMeetingPreparation         = "meeting_preparation"          // a table for your group's next meeting is late
	KindRiskAssessment             = "risk_assessment"              // a police risk assessment was sent to your agency
	KindOpinionRequested           = "opinion_requested"            // the police ask your CSR for an opinion
	KindOpinionAnswered            = "opinion_answered"             // the CSR answered your request for an opinion
	KindOpinionOverdue             = "opinion_overdue"              // an opinion is past its 8-hour or 24-hour deadline
	KindViolenceReport             = "violence_report"              // an institution reported domestic violence to your agency
	KindViolenceReportAcknowledged = "violence_report_acknowledged" // the police or the prosecutor acknowledged your report
)

// Alert is one thing a user must see.
type Alert struct {
	ID         string  `json:"id"`
	Kind       string  `json:"kind"`
	CaseID     *string `json:"case_id"`
	ReferralID *string `json:"referral_id"`
	IntakeID   *string `json:"intake_id"`
	TaskID     *string `json:"task_id"`
	MeasureID  *string `json:"measure_id"`
	MeetingID  *string `json:"meeting_id"`
	ReportID   *string `json:"report_id"`
	OpinionID  *string `json:"opinion_id"`
	ActorID    *string `json:"actor_id"`
	// PageID is set on the alerts of an escalating page; acknowledging one acknowledges all.
	PageID         *string    `json:"page_id"`
	Urgent         bool       `json:"urgent"`
	CreatedAt      time.Time  `json:"created_at"`
	AcknowledgedAt *time.Time `json:"acknowledged_at"`
	ResolvedAt     *time.Time `json:"resolved_at"`
	// State is open, acknowledged or resolved.
	State string `json:"state"`
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

// About is what an alert points at; the app links to it and words the alert from its kind.
type About struct{ CaseID, ReferralID, IntakeID, TaskID, MeasureID, MeetingID, ReportID, OpinionID string }

// Raise creates one alert about a case for each user inside tx, so it commits with the change
// behind it, and announces it to the users' open websockets.
func Raise(tx *gorm.DB, now time.Time, userIDs []string, kind, caseID, actorID string) error {
	return raise(tx, now, userIDs, kind, actorID, About{CaseID: caseID})
}

// raise is the one insert of ordinary (not paged) alerts.
func raise(tx *gorm.DB, now time.Time, userIDs []string, kind, actorID string, a About) error {
	for _, u := range userIDs {
		if err := tx.Exec(`INSERT INTO alerts (id, user_id, kind, case_id, referral_id, intake_id, task_id, measure_id, meeting_id, report_id, opinion_id, actor_id, created_at)
			VALUES (?, ?, ?, NULLIF(?, '')::uuid, NULLIF(?, '')::uuid, NULLIF(?, '')::uuid, NULLIF(?, '')::uuid, NULLIF(?, '')::uuid, NULLIF(?, '')::uuid,
			NULLIF(?, '')::uuid, NULLIF(?, '')::uuid, NULLIF(?, '')::uuid, ?)`,
			platform.NewID(), u, kind, a.CaseID, a.ReferralID, a.IntakeID, a.TaskID, a.MeasureID, a.MeetingID, a.ReportID, a.OpinionID, actorID, now).Error; err != nil {
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

// RaiseAbout creates one alert of kind about a for each user inside tx.
func RaiseAbout(tx *gorm.DB, now time.Time, userIDs []string, kind, actorID string, a About) error {
	return raise(tx, now, userIDs, kind, actorID, a)
}

// RaiseToAgency raises, inside tx, one alert of kind about a for every active user of an agency.
func RaiseToAgency(tx *gorm.DB, now time.Time, agencyID, kind, actorID string, a About) error {
	var to []string
	if err := tx.Raw(`SELECT id FROM users WHERE agency_id = ? AND active`, agencyID).Scan(&to).Error; err != nil {
		return err
	}
	return raise(tx, now, to, kind, actorID, a)
}

// RaiseIntake creates one alert about an intake item for each user inside tx.
func RaiseIntake(tx *gorm.DB, now time.Time, userIDs []string, intakeID string) error {
	return raise(tx, now, userIDs, KindIntake, "", About{IntakeID: intakeID})
}

// RaiseReferral creates one alert about a referral for each user inside tx. It names the
// referral, not the case: the receiving side may not see the case until it accepts.
func RaiseReferral(tx *gorm.DB, now time.Time, userIDs []string, kind, referralID, actorID string) error {
	return raise(tx, now, userIDs, kind, actorID, About{ReferralID: referralID})
}

const selectAlerts = `SELECT id, kind, case_id::text AS case_id, referral_id::text AS referral_id, intake_id::text AS intake_id, task_id::text AS task_id, measure_id::text AS measure_id, meeting_id::text AS meeting_id, report_id::text AS report_id, opinion_id::text AS opinion_id, actor_id::text AS actor_id,
	page_id::text AS page_id, urgent, created_at, acknowledged_at, resolved_at,
	CASE WHEN resolved_at IS NOT NULL THEN 'resolved' WHEN acknowledged_at IS NOT NULL THEN 'acknowledged' ELSE 'open' END AS state FROM alerts`

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
	return s.settle(ctx, userID, id, false)
}

// settle acknowledges the user's alert and, with resolve, resolves it too, in one transaction.
func (s *Service) settle(ctx context.Context, userID, id string, resolve bool) (Alert, error) {
	if !platform.ValidID(id) {
		return Alert{}, errAlertNotFound
	}
	now := s.clock.Now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var pageID *string
		if err := tx.Raw(`UPDATE alerts SET acknowledged_at = COALESCE(acknowledged_at, @now),
			resolved_at = CASE WHEN @resolve THEN COALESCE(resolved_at, @now) ELSE resolved_at END
			WHERE id = @id AND user_id = @user RETURNING page_id::text`,
			map[string]any{"now": now, "resolve": resolve, "id": id, "user": userID}).Scan(&pageID).Error; err != nil {
			return err
		}
		if pageID == nil {
			return nil
		}
		return endPage(tx, now, *pageID, userID)
	})
	if err != nil {
		return Alert{}, err
	}
	return s.Get(ctx, userID, id)
}

var errAlertNotFound = platform.Errorf(platform.ENOTFOUND, "Alert not found.")

// Resolve marks the user's alert dealt with (acknowledging it too, when it was not). A page's
// alert resolves only for its user; the page itself ends by acknowledgement. ENOTFOUND.
func (s *Service) Resolve(ctx context.Context, userID, id string) (Alert, error) {
	return s.settle(ctx, userID, id, true)
}

// AlertTasks raises, once each, a task_due alert to the assignee of an open task due within a
// day and a task_overdue alert when it is past due. It returns how many alerts it raised.
func (s *Service) AlertTasks(ctx context.Context) (int, error) {
	now := s.clock.Now()
	n := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, k := range []struct{ kind, column, when string }{
			{KindTaskOverdue, "overdue_alerted_at", "due_at <= @now"},
			{KindTaskDue, "due_alerted_at", "due_at > @now AND due_at <= @soon AND overdue_alerted_at IS NULL"},
		} {
			var due []struct{ ID, CaseID, AssigneeID string }
			if err := tx.Raw(`SELECT id, case_id, assignee_id FROM tasks WHERE status IN ('open','in_progress') AND due_at IS NOT NULL
				AND `+k.column+` IS NULL AND `+k.when+` FOR UPDATE SKIP LOCKED`,
				map[string]any{"now": now, "soon": now.Add(24 * time.Hour)}).Scan(&due).Error; err != nil {
				return err
			}
			for _, t := range due {
				if err := raise(tx, now, []string{t.AssigneeID}, k.kind, "", About{CaseID: t.CaseID, TaskID: t.ID}); err != nil {
					return err
				}
				if err := tx.Exec(`UPDATE tasks SET `+k.column+` = ? WHERE id = ?`, now, t.ID).Error; err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	return n, err
}

// AckTime is how long pages of an agency waited for an acknowledgement, by hour of day.
type AckTime struct {
	Hour          int     `json:"hour"`
	Pages         int     `json:"pages"`
	Acknowledged  int     `json:"acknowledged"`
	MedianSeconds float64 `json:"median_seconds"`
	MaxSeconds    float64 `json:"max_seconds"`
}

// AckTimes reports, per hour of the day (in tz) the pages of an agency started in, how many
// were acknowledged and how long they took, over [from, to).
func (s *Service) AckTimes(ctx context.Context, agencyID, tz string, from, to time.Time) ([]AckTime, error) {
	out := []AckTime{}
	err := s.db.WithContext(ctx).Raw(`SELECT extract(hour FROM created_at AT TIME ZONE ?)::int AS hour, count(*) AS pages,
		count(acknowledged_at) AS acknowledged,
		COALESCE(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - created_at)), 0) AS median_seconds,
		COALESCE(max(extract(epoch FROM acknowledged_at - created_at)), 0) AS max_seconds
		FROM pages WHERE agency_id = ? AND created_at >= ? AND created_at < ? GROUP BY 1 ORDER BY 1`, tz, agencyID, from, to).Scan(&out).Error
	return out, err
}

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
