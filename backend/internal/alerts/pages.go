package alerts

import (
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/platform"
)

// A page is an urgent alert for an agency that escalates until someone acknowledges it: the
// on-call domain decides who is next; this file keeps the pages, their alerts and timelines.

// PageStep is one step of a page's timeline.
type PageStep struct {
	Seq      int       `json:"seq"`
	Action   string    `json:"action"` // page, escalate, handover, acknowledge, nobody_on_call, shift_ended
	UserID   *string   `json:"user_id"`
	UserName *string   `json:"user_name"`
	At       time.Time `json:"at"`
}

// Page is what starts a page.
type Page struct {
	AgencyID   string
	ShiftID    string
	Kind       string
	CaseID     string
	ReferralID string
	IntakeID   string
}

// StartPage records a page inside tx and returns its id; the first recipient is paged with
// PageUser.
func StartPage(tx *gorm.DB, now time.Time, p Page) (string, error) {
	id := platform.NewID()
	err := tx.Exec(`INSERT INTO pages (id, agency_id, shift_id, kind, case_id, referral_id, intake_id, created_at)
		VALUES (?, ?, NULLIF(?, '')::uuid, ?, NULLIF(?, '')::uuid, NULLIF(?, '')::uuid, NULLIF(?, '')::uuid, ?)`,
		id, p.AgencyID, p.ShiftID, p.Kind, p.CaseID, p.ReferralID, p.IntakeID, now).Error
	return id, err
}

// PageUser raises the page's urgent alert for one user, records the step (page or escalate)
// and when the next step is due.
func PageUser(tx *gorm.DB, now time.Time, pageID, userID, action string, step int, next time.Time) error {
	if err := tx.Exec(`UPDATE pages SET step = ?, next_at = ? WHERE id = ?`, step, next, pageID).Error; err != nil {
		return err
	}
	return pageUsers(tx, now, pageID, action, []string{userID})
}

// pageUsers raises the page's urgent alert for each user and records each step.
func pageUsers(tx *gorm.DB, now time.Time, pageID, action string, userIDs []string) error {
	for _, u := range userIDs {
		if err := tx.Exec(`INSERT INTO alerts (id, user_id, kind, case_id, referral_id, intake_id, page_id, urgent, created_at)
			SELECT ?, ?, kind, case_id, referral_id, intake_id, id, true, ? FROM pages WHERE id = ?`, platform.NewID(), u, now, pageID).Error; err != nil {
			return err
		}
		if err := AddPageStep(tx, pageID, action, u, now); err != nil {
			return err
		}
	}
	return announce(tx, userIDs)
}

// StopPage stops a page's escalation when nobody on the rota can take it any more (why:
// nobody_on_call, when every person of its shift is deactivated; shift_ended, when its
// shift is over and no other covers now), records why, and pages leads (the agency's team
// leads) instead, so that one acknowledgement still ends it. The alerts already raised stay
// open.
func StopPage(tx *gorm.DB, now time.Time, pageID, why string, leads []string) error {
	if err := tx.Exec(`UPDATE pages SET next_at = NULL WHERE id = ?`, pageID).Error; err != nil {
		return err
	}
	if err := AddPageStep(tx, pageID, why, "", now); err != nil {
		return err
	}
	return pageUsers(tx, now, pageID, "page", leads)
}

// AddPageStep appends a step to a page's timeline.
func AddPageStep(tx *gorm.DB, pageID, action, userID string, at time.Time) error {
	return tx.Exec(`INSERT INTO page_steps (page_id, seq, action, user_id, at)
		SELECT ?, COALESCE(max(seq), 0) + 1, ?, NULLIF(?, '')::uuid, ? FROM page_steps WHERE page_id = ?`, pageID, action, userID, at, pageID).Error
}

// AcknowledgeReferralPages ends, inside tx, the pages about a referral once it has been
// answered (accepted, rejected or cancelled): nobody needs to be woken for it any more.
func AcknowledgeReferralPages(tx *gorm.DB, now time.Time, referralID, userID string) error {
	var ids []string
	if err := tx.Raw(`SELECT id FROM pages WHERE referral_id = ? AND acknowledged_at IS NULL FOR UPDATE`, referralID).Scan(&ids).Error; err != nil {
		return err
	}
	for _, id := range ids {
		if err := endPage(tx, now, id, userID); err != nil {
			return err
		}
	}
	return nil
}

// endPage ends a page acknowledged by userID: its escalation stops, every alert of it is
// acknowledged (and their users' sockets told), and the step is on its timeline. A page that
// has ended already stays as it was.
func endPage(tx *gorm.DB, now time.Time, pageID, userID string) error {
	r := tx.Exec(`UPDATE pages SET acknowledged_at = ?, acknowledged_by = ?, next_at = NULL WHERE id = ? AND acknowledged_at IS NULL`, now, userID, pageID)
	if r.Error != nil || r.RowsAffected == 0 {
		return r.Error
	}
	var others []string
	if err := tx.Raw(`UPDATE alerts SET acknowledged_at = ? WHERE page_id = ? AND acknowledged_at IS NULL RETURNING user_id::text`, now, pageID).Scan(&others).Error; err != nil {
		return err
	}
	if err := AddPageStep(tx, pageID, "acknowledge", userID, now); err != nil {
		return err
	}
	return announce(tx, others)
}

// DuePage is a page whose next step is due.
type DuePage struct {
	ID       string
	AgencyID string
	ShiftID  *string
	Step     int
}

// DuePages locks and returns the unacknowledged pages whose next step is due.
func DuePages(tx *gorm.DB, now time.Time) ([]DuePage, error) {
	var out []DuePage
	err := tx.Raw(`SELECT id, agency_id, shift_id::text AS shift_id, step FROM pages WHERE acknowledged_at IS NULL AND next_at <= ?
		ORDER BY next_at FOR UPDATE SKIP LOCKED`, now).Scan(&out).Error
	return out, err
}
