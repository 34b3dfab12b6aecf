package cases

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/alerts"
	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Grant is one use of emergency access ("break the glass").
type Grant struct {
	ID        string    `json:"id"`
	CaseID    string    `json:"case_id"`
	CaseTitle string    `json:"case_title"`
	UserID    string    `json:"user_id"`
	UserName  string    `json:"user_name"`
	Reason    string    `json:"reason"`
	GrantedAt time.Time `json:"granted_at"`
	ExpiresAt time.Time `json:"expires_at"`
	Review    *Review   `json:"review" gorm:"-"`

	ReviewOutcome *string    `json:"-"`
	ReviewNote    string     `json:"-"`
	ReviewedBy    *string    `json:"-"`
	ReviewedAt    *time.Time `json:"-"`
}

// Review is a team lead's or an auditor's judgement of a grant.
type Review struct {
	Outcome    string    `json:"outcome"`
	Note       string    `json:"note"`
	ReviewerID string    `json:"reviewer_id"`
	ReviewedAt time.Time `json:"reviewed_at"`
}

func (g *Grant) finish() {
	g.GrantedAt, g.ExpiresAt = g.GrantedAt.UTC(), g.ExpiresAt.UTC()
	if g.ReviewOutcome != nil && g.ReviewedBy != nil && g.ReviewedAt != nil {
		g.Review = &Review{Outcome: *g.ReviewOutcome, Note: g.ReviewNote, ReviewerID: *g.ReviewedBy, ReviewedAt: g.ReviewedAt.UTC()}
	}
}

// BreakGlass gives p read access to a case p is not a member of, for a limited time, and
// alerts the case lead, the team's team leads and the auditors at once. The route's rule
// (emergency_access:request) decides who may ask. EINVALID names a blank reason; ENOTFOUND
// when the case does not exist; ECONFLICT for a member.
func (s *Service) BreakGlass(ctx context.Context, p *authz.Principal, caseID, reason string) (Grant, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || len([]rune(reason)) > 2000 {
		return Grant{}, platform.Invalid(platform.FieldError{Field: "reason", Message: "Say why you need access now (at most 2,000 characters)."})
	}
	now := s.clock.Now()
	g := Grant{ID: platform.NewID(), CaseID: caseID, UserID: p.UserID, Reason: reason, GrantedAt: now, ExpiresAt: now.Add(s.settings.EmergencyAccessFor)}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var c []struct{ Title, LeadID, TeamID string }
		if platform.ValidID(caseID) {
			if err := tx.Raw(`SELECT title, lead_id, team_id FROM cases WHERE id = ?`, caseID).Scan(&c).Error; err != nil {
				return err
			}
		}
		if len(c) == 0 {
			return errCaseNotFound
		}
		var member int64
		if err := tx.Raw(`SELECT count(*) FROM case_members WHERE case_id = ? AND user_id = ?`, caseID, p.UserID).Scan(&member).Error; err != nil {
			return err
		}
		if member > 0 {
			return platform.Errorf(platform.ECONFLICT, "You are a member of this case: open it directly.")
		}
		if walled, err := crossesWall(tx, caseID, p.UserID); err != nil || walled {
			if err != nil {
				return err
			}
			return errWall
		}
		g.CaseTitle = c[0].Title
		if err := tx.Exec(`INSERT INTO emergency_access (id, case_id, user_id, reason, granted_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			g.ID, caseID, p.UserID, reason, now, g.ExpiresAt).Error; err != nil {
			return err
		}
		var notify []string
		if err := tx.Raw(`SELECT ? UNION
			SELECT tm.user_id::text FROM team_members tm JOIN user_roles r ON r.user_id = tm.user_id AND r.role = 'team_lead'
				JOIN users u ON u.id = tm.user_id AND u.active WHERE tm.team_id = ?
			UNION SELECT r.user_id::text FROM user_roles r JOIN users u ON u.id = r.user_id AND u.active WHERE r.role = 'auditor'`,
			c[0].LeadID, c[0].TeamID).Scan(&notify).Error; err != nil {
			return err
		}
		notify = slices.DeleteFunc(notify, func(id string) bool { return id == p.UserID })
		slices.Sort(notify)
		if err := alerts.Raise(tx, now, notify, alerts.KindEmergencyAccess, caseID, p.UserID); err != nil {
			return err
		}
		if err := s.history(tx, caseID, p.UserID, "emergency_access.grant", g.ID); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, caseEvent(p, "case.emergency_access", "emergency_access", g.ID, caseID, audit.BasisEmergency))
	})
	if err != nil {
		return Grant{}, err
	}
	g.UserName = p.DisplayName
	return g, nil
}

// LookupHit is a bare search hit on a case the caller cannot see: enough to ask for emergency
// access, nothing about the person or the case's content.
type LookupHit struct {
	CaseID         string `json:"case_id"`
	TeamID         string `json:"team_id"`
	TeamName       string `json:"team_name"`
	LeadAgencyID   string `json:"lead_agency_id"`
	LeadAgencyName string `json:"lead_agency_name"`
}

// Lookup finds cases p cannot see by the subject's name (across scripts) or exact JMBG, and
// audits the search. EINVALID when q is shorter than 3 characters.
func (s *Service) Lookup(ctx context.Context, p *authz.Principal, q string) ([]LookupHit, error) {
	q = strings.TrimSpace(q)
	if len([]rune(q)) < 3 || len(q) > 200 {
		return nil, platform.Invalid(platform.FieldError{Field: "q", Message: "Type at least 3 characters of the name, or the whole JMBG."})
	}
	out := []LookupHit{}
	err := s.db.WithContext(ctx).Raw(`SELECT c.id AS case_id, c.team_id, t.name AS team_name, a.id AS lead_agency_id, a.name AS lead_agency_name
		FROM cases c JOIN people pe ON pe.id = c.subject_id JOIN teams t ON t.id = c.team_id
		JOIN users l ON l.id = c.lead_id JOIN agencies a ON a.id = l.agency_id
		WHERE (pe.jmbg = ? OR pe.name_folded LIKE '%' || zajedno_fold(?) || '%')
		  AND NOT EXISTS (SELECT 1 FROM case_members cm WHERE cm.case_id = c.id AND cm.user_id = ?)
		  AND c.status <> 'closed'
		ORDER BY c.created_at DESC LIMIT 20`, q, platform.EscapeLike(q), p.UserID).Scan(&out).Error
	if err != nil {
		return nil, err
	}
	return out, s.audit.Record(ctx, caseEvent(p, "case.lookup", "case", "", "", audit.BasisNone))
}

const selectGrants = `SELECT g.id, g.case_id, c.title AS case_title, g.user_id, u.display_name AS user_name, g.reason,
	g.granted_at, g.expires_at, g.review_outcome, g.review_note, g.reviewed_by::text AS reviewed_by, g.reviewed_at
	FROM emergency_access g JOIN cases c ON c.id = g.case_id JOIN users u ON u.id = g.user_id`

// Grants lists emergency accesses for review, newest first: every grant when all is true (an
// auditor; authz decides), otherwise the grants on cases of p's teams. status: pending,
// reviewed or all.
func (s *Service) Grants(ctx context.Context, p *authz.Principal, all bool, status string) ([]Grant, error) {
	q := selectGrants + ` WHERE true`
	var args []any
	switch status {
	case "", "pending":
		q += ` AND g.review_outcome IS NULL`
	case "reviewed":
		q += ` AND g.review_outcome IS NOT NULL`
	case "all":
	default:
		return nil, platform.Invalid(platform.FieldError{Field: "status", Message: "Use pending, reviewed or all."})
	}
	if !all {
		q += ` AND c.team_id IN (SELECT team_id FROM team_members WHERE user_id = ?)`
		args = append(args, p.UserID)
	}
	q += ` ORDER BY g.granted_at DESC LIMIT 500`
	out := []Grant{}
	if err := s.db.WithContext(ctx).Raw(q, args...).Scan(&out).Error; err != nil {
		return nil, err
	}
	for i := range out {
		out[i].finish()
	}
	return out, nil
}

// ReviewGrant records whether an emergency access was justified. ENOTFOUND outside p's scope;
// EINVALID names outcome; ECONFLICT when already reviewed; EFORBIDDEN for one's own access.
func (s *Service) ReviewGrant(ctx context.Context, p *authz.Principal, all bool, id, outcome, note string) (Grant, error) {
	if outcome != "justified" && outcome != "unjustified" {
		return Grant{}, platform.Invalid(platform.FieldError{Field: "outcome", Message: "Choose justified or unjustified."})
	}
	note = strings.TrimSpace(note)
	if len([]rune(note)) > 2000 {
		return Grant{}, platform.Invalid(platform.FieldError{Field: "note", Message: "Use at most 2,000 characters."})
	}
	var g Grant
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var found []Grant
		q := selectGrants + ` WHERE g.id = ?`
		args := []any{id}
		if !all {
			q += ` AND c.team_id IN (SELECT team_id FROM team_members WHERE user_id = ?)`
			args = append(args, p.UserID)
		}
		if platform.ValidID(id) {
			if err := tx.Raw(q+` FOR UPDATE OF g`, args...).Scan(&found).Error; err != nil {
				return err
			}
		}
		if len(found) == 0 {
			return platform.Errorf(platform.ENOTFOUND, "Emergency access not found.")
		}
		g = found[0]
		switch {
		case g.UserID == p.UserID:
			return platform.Errorf(platform.EFORBIDDEN, "Someone else reviews your own emergency access.")
		case g.ReviewOutcome != nil:
			return platform.Errorf(platform.ECONFLICT, "This emergency access has been reviewed already.")
		}
		now := s.clock.Now()
		if err := tx.Exec(`UPDATE emergency_access SET review_outcome = ?, review_note = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?`,
			outcome, note, p.UserID, now, id).Error; err != nil {
			return err
		}
		g.ReviewOutcome, g.ReviewNote, g.ReviewedBy, g.ReviewedAt = &outcome, note, &p.UserID, &now
		return s.audit.RecordTx(ctx, tx, caseEvent(p, "emergency_access.review", "emergency_access", id, g.CaseID, audit.BasisReview))
	})
	g.finish()
	return g, err
}

// RevealJMBG returns a person's whole JMBG to a user who sees a case of that person, and audits
// it. ENOTFOUND otherwise, or when the person has none.
func (s *Service) RevealJMBG(ctx context.Context, p *authz.Principal, personID string) (string, error) {
	notFound := platform.Errorf(platform.ENOTFOUND, "Person not found.")
	if !platform.ValidID(personID) {
		return "", notFound
	}
	db := s.db.WithContext(ctx)
	var caseIDs []string
	if err := db.Raw(`SELECT case_id FROM case_people WHERE person_id = ?`, personID).Scan(&caseIDs).Error; err != nil {
		return "", err
	}
	for _, caseID := range caseIDs {
		basis, err := s.access(db, caseID, p)
		if platform.ErrorCode(err) == platform.ENOTFOUND {
			continue
		}
		if err != nil {
			return "", err
		}
		var jmbg string
		if err := db.Raw(`SELECT COALESCE(jmbg, '') FROM people WHERE id = ?`, personID).Scan(&jmbg).Error; err != nil {
			return "", err
		}
		if jmbg == "" {
			return "", notFound
		}
		return jmbg, s.audit.Record(ctx, caseEvent(p, "person.jmbg_reveal", "person", personID, caseID, basis))
	}
	return "", notFound
}
