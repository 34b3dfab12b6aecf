package cases

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Goal is one goal of the person-centred plan, in the person's own words where they gave them.
type Goal struct {
	ID         string    `json:"id"`
	Title      string    `json:"title"`
	InOwnWords string    `json:"in_own_words"`
	Status     string    `json:"status"`
	CreatedBy  string    `json:"created_by"`
	CreatedAt  time.Time `json:"created_at"`
	Actions    []Action  `json:"actions" gorm:"-"`
}

// Action is a step towards a goal, owned by a person or an agency.
type Action struct {
	ID            string    `json:"id"`
	GoalID        string    `json:"goal_id"`
	Title         string    `json:"title"`
	OwnerUserID   *string   `json:"owner_user_id"`
	OwnerAgencyID *string   `json:"owner_agency_id"`
	DueDate       *string   `json:"due_date"`
	Status        string    `json:"status"`
	CreatedBy     string    `json:"created_by"`
	CreatedAt     time.Time `json:"created_at"`
	// SourceMessageID is the chat message the action was made from.
	SourceMessageID *string `json:"source_message_id"`
}

// Plan is the case's one plan. Every change makes a new version.
type Plan struct {
	CaseID        string  `json:"case_id"`
	Version       int     `json:"version"`
	ReviewDate    *string `json:"review_date"`
	Participation *string `json:"participation"`
	Agreement     string  `json:"agreement"`
	Goals         []Goal  `json:"goals"`
}

// PlanVersion is the plan as it was after one change.
type PlanVersion struct {
	Version  int             `json:"version"`
	ActorID  string          `json:"actor_id"`
	At       time.Time       `json:"at"`
	Snapshot json.RawMessage `json:"snapshot,omitempty"`
}

func loadPlan(tx *gorm.DB, caseID string) (Plan, error) {
	p := Plan{CaseID: caseID, Goals: []Goal{}}
	if err := tx.Raw(`SELECT COALESCE(max(version), 0) FROM plan_versions WHERE case_id = ?`, caseID).Scan(&p.Version).Error; err != nil {
		return Plan{}, err
	}
	var head []struct {
		ReviewDate    *string
		Participation *string
		Agreement     string
	}
	if err := tx.Raw(`SELECT to_char(review_date, 'YYYY-MM-DD') AS review_date, participation, agreement FROM plans WHERE case_id = ?`, caseID).Scan(&head).Error; err != nil {
		return Plan{}, err
	}
	if len(head) == 1 {
		p.ReviewDate, p.Participation, p.Agreement = head[0].ReviewDate, head[0].Participation, head[0].Agreement
	}
	if err := tx.Raw(`SELECT id, title, in_own_words, status, created_by, created_at FROM plan_goals WHERE case_id = ? ORDER BY created_at, id`, caseID).Scan(&p.Goals).Error; err != nil {
		return Plan{}, err
	}
	var actions []Action
	if err := tx.Raw(`SELECT id, goal_id, title, owner_user_id::text AS owner_user_id, owner_agency_id::text AS owner_agency_id,
		to_char(due_date, 'YYYY-MM-DD') AS due_date, status, created_by, created_at, source_message_id::text AS source_message_id FROM plan_actions WHERE case_id = ? ORDER BY created_at, id`, caseID).Scan(&actions).Error; err != nil {
		return Plan{}, err
	}
	for i := range p.Goals {
		g := &p.Goals[i]
		g.CreatedAt = g.CreatedAt.UTC()
		g.Actions = []Action{}
		for _, a := range actions {
			if a.GoalID == g.ID {
				a.CreatedAt = a.CreatedAt.UTC()
				g.Actions = append(g.Actions, a)
			}
		}
	}
	return p, nil
}

// LoadPlan reads a case's plan without an access check or audit: for a caller that has
// checked access on its own basis (a meeting invitation's plan extract) and audits the read.
func LoadPlan(db *gorm.DB, caseID string) (Plan, error) { return loadPlan(db, caseID) }

// GetPlan returns the case's plan to anyone who may see the case; audited. ENOTFOUND.
func (s *Service) GetPlan(ctx context.Context, p *authz.Principal, caseID string) (Plan, error) {
	db := s.db.WithContext(ctx)
	basis, err := s.access(db, caseID, p)
	if err != nil {
		return Plan{}, err
	}
	plan, err := loadPlan(db, caseID)
	if err != nil {
		return Plan{}, err
	}
	return plan, s.audit.Record(ctx, caseEvent(p, "plan.read", "plan", caseID, caseID, basis))
}

// AddGoal adds a goal to the plan and keeps the new version. EINVALID names title or
// in_own_words.
func (s *Service) AddGoal(ctx context.Context, p *authz.Principal, caseID, title, inOwnWords string) (Goal, error) {
	title, inOwnWords = strings.TrimSpace(title), strings.TrimSpace(inOwnWords)
	var v platform.Validator
	v.Check(title != "" && len([]rune(title)) <= 200, "title", "Name the goal (at most 200 characters).")
	v.Check(len([]rune(inOwnWords)) <= 2000, "in_own_words", "Use at most 2,000 characters.")
	if err := v.Err(); err != nil {
		return Goal{}, err
	}
	g := Goal{ID: platform.NewID(), Title: title, InOwnWords: inOwnWords, Status: "open", CreatedBy: p.UserID, CreatedAt: s.clock.Now(), Actions: []Action{}}
	err := s.planChange(ctx, p, caseID, "plan.goal_add", g.ID, func(tx *gorm.DB) error {
		return tx.Exec(`INSERT INTO plan_goals (id, case_id, title, in_own_words, status, created_by, created_at) VALUES (?, ?, ?, ?, 'open', ?, ?)`,
			g.ID, caseID, g.Title, g.InOwnWords, p.UserID, g.CreatedAt).Error
	})
	return g, err
}

// snapshotPlan keeps the plan as it now is as its next version.
func (s *Service) snapshotPlan(tx *gorm.DB, caseID, actorID string) error {
	return SnapshotPlanTx(tx, caseID, actorID, s.clock.Now())
}

// SnapshotPlanTx keeps the plan of caseID as it now is as its next version, made by actorID
// at at. The demo seed uses it to give its plans their first version.
func SnapshotPlanTx(tx *gorm.DB, caseID, actorID string, at time.Time) error {
	plan, err := loadPlan(tx, caseID)
	if err != nil {
		return err
	}
	plan.Version++
	b, err := json.Marshal(plan)
	if err != nil {
		return err
	}
	return tx.Exec(`INSERT INTO plan_versions (case_id, version, snapshot, actor_id, at) VALUES (?, ?, ?, ?, ?)`,
		caseID, plan.Version, string(b), actorID, at).Error
}

// PlanVersions lists the plan's versions, newest first, each with its snapshot, so that any two
// can be compared. ENOTFOUND when p may not see the case.
func (s *Service) PlanVersions(ctx context.Context, p *authz.Principal, caseID string) ([]PlanVersion, error) {
	db := s.db.WithContext(ctx)
	basis, err := s.access(db, caseID, p)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Version  int
		ActorID  string
		At       time.Time
		Snapshot string
	}
	if err := db.Raw(`SELECT version, actor_id, at, snapshot::text AS snapshot FROM plan_versions WHERE case_id = ? ORDER BY version DESC`, caseID).Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]PlanVersion, len(rows))
	for i, r := range rows {
		out[i] = PlanVersion{Version: r.Version, ActorID: r.ActorID, At: r.At.UTC(), Snapshot: json.RawMessage(r.Snapshot)}
	}
	return out, s.audit.Record(ctx, caseEvent(p, "plan.versions_read", "plan", caseID, caseID, basis))
}
