package cases

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/people"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Summary is a case as lists show it: the JMBG masked.
type Summary struct {
	ID                string    `json:"id"`
	Title             string    `json:"title"`
	Category          string    `json:"category"`
	Status            string    `json:"status"`
	RiskLevel         string    `json:"risk_level"`
	TeamID            string    `json:"team_id"`
	LeadID            string    `json:"lead_id"`
	SubjectName       string    `json:"subject_name"`
	SubjectJMBGMasked *string   `json:"subject_jmbg_masked"`
	JMBG              string    `json:"-"`
	CreatedAt         time.Time `json:"created_at"`
	MyBasis           string    `json:"my_basis"`
	// Unread counts the chat messages the caller has not read (the chat fills it in).
	Unread int `json:"unread"`
}

// Filter selects cases in a list.
type Filter struct {
	Scope    string // mine (default) or team
	Category string
	Status   string
	Risk     string
	Query    string // the subject's name, across scripts and diacritics
	Lead     string // "me" or a user id
	Overdue  bool   // only cases with overdue open tasks
	Limit    int
	Cursor   string
}

// List returns the cases p may see, newest first, and the cursor of the next page. EINVALID
// names a bad filter or cursor.
func (s *Service) List(ctx context.Context, p *authz.Principal, f Filter) ([]Summary, string, error) {
	var v platform.Validator
	v.Check(f.Scope == "" || f.Scope == "mine" || f.Scope == "team", "scope", "Use mine or team.")
	v.Check(f.Category == "" || slices.Contains(Categories, f.Category), "category", "Unknown category.")
	v.Check(f.Status == "" || slices.Contains(Statuses, f.Status), "status", "Unknown status.")
	v.Check(f.Risk == "" || slices.Contains(RiskLevels, f.Risk), "risk", "Unknown risk level.")
	v.Check(f.Lead == "" || f.Lead == "me" || platform.ValidID(f.Lead), "lead", "Use me or a user id.")
	if f.Lead == "me" {
		f.Lead = p.UserID
	}
	curAt, curID := v.Cursor("cursor", f.Cursor)
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	now := s.clock.Now()
	// Newest first through cases_created, membership checked per row: the query stops at the
	// page size however many cases the caller has (docs/benchmarks.md).
	q := `SELECT c.id, c.title, c.category, c.status, c.risk_level, c.team_id, c.lead_id, c.created_at,
		COALESCE(pe.first_name || ' ' || pe.last_name, '') AS subject_name, COALESCE(pe.jmbg, '') AS jmbg,
		COALESCE((SELECT cm.basis FROM case_members cm WHERE cm.case_id = c.id AND cm.user_id = ?),
			CASE WHEN ` + groupSees + ` THEN 'coordination_group' END, 'emergency') AS my_basis
		FROM cases c LEFT JOIN people pe ON pe.id = c.subject_id WHERE `
	args := []any{p.UserID, p.UserID}
	// Members, and the coordination group's members for domestic-violence cases of its area.
	member := `(EXISTS (SELECT 1 FROM case_members cm WHERE cm.case_id = c.id AND cm.user_id = ?) OR ` + groupSees + `)`
	if f.Scope == "team" {
		q += `(` + member + ` OR EXISTS (SELECT 1 FROM emergency_access e WHERE e.case_id = c.id AND e.user_id = ? AND e.expires_at > ?))
			AND c.team_id IN (SELECT team_id FROM team_members WHERE user_id = ?)`
		args = append(args, p.UserID, p.UserID, p.UserID, now, p.UserID)
	} else {
		q += member
		args = append(args, p.UserID, p.UserID)
	}
	add := func(cond string, a ...any) { q += " AND " + cond; args = append(args, a...) }
	if f.Category != "" {
		add(`c.category = ?`, f.Category)
	}
	if f.Status != "" {
		add(`c.status = ?`, f.Status)
	}
	if f.Risk != "" {
		add(`c.risk_level = ?`, f.Risk)
	}
	if f.Lead != "" {
		add(`c.lead_id = ?`, f.Lead)
	}
	if f.Overdue {
		add(`EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.status IN ('open', 'in_progress') AND t.due_at < ?)`, now)
	}
	if f.Query = strings.TrimSpace(f.Query); f.Query != "" {
		add(`pe.name_folded LIKE '%' || zajedno_fold(?) || '%'`, platform.EscapeLike(f.Query))
	}
	if f.Cursor != "" {
		add(`(c.created_at, c.id) < (?, ?)`, curAt, curID)
	}
	q += ` ORDER BY c.created_at DESC, c.id DESC LIMIT ?`
	args = append(args, f.Limit+1)
	var out []Summary
	if err := s.db.WithContext(ctx).Raw(q, args...).Scan(&out).Error; err != nil {
		return nil, "", err
	}
	out, next := platform.PageOf(out, f.Limit, func(c Summary) (time.Time, string) { return c.CreatedAt, c.ID })
	for i := range out {
		out[i].CreatedAt = out[i].CreatedAt.UTC()
		if out[i].JMBG != "" {
			m := people.MaskJMBG(out[i].JMBG)
			out[i].SubjectJMBGMasked = &m
		}
	}
	if out == nil {
		out = []Summary{}
	}
	if err := s.audit.Record(ctx, caseEvent(p, "case.list", "case", "", "", audit.BasisMembership)); err != nil {
		return nil, "", err
	}
	return out, next, nil
}
