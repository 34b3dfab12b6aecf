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
}

// Plan is the case's one plan. Every change makes a new version.
type Plan struct {
	CaseID  string `json:"case_id"`
	Version int    `json:"version"`
	Goals   []Goal `json:"goals"`
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
	if err := tx.Raw(`SELECT id, title, in_own_words, status, created_by, created_at FROM plan_goals WHERE case_id = ? ORDER BY created_at, id`, caseID).Scan(&p.Goals).Error; err != nil {
		return Plan{}, err
	}
	for i := range p.Goals {
		p.Goals[i].CreatedAt = p.Goals[i].CreatedAt.UTC()
	}
	return p, nil
}

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
	g := Goal{ID: platform.NewID(), Title: title, InOwnWords: inOwnWords, Status: "open", CreatedBy: p.UserID, CreatedAt: s.clock.Now()}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		basis, err := s.writeAccess(tx, caseID, p)
		if err != nil {
			return err
		}
		if err := tx.Exec(`SELECT 1 FROM cases WHERE id = ? FOR UPDATE`, caseID).Error; err != nil {
			return err // versions of one plan are numbered one at a time
		}
		if err := tx.Exec(`INSERT INTO plan_goals (id, case_id, title, in_own_words, status, created_by, created_at) VALUES (?, ?, ?, ?, 'open', ?, ?)`,
			g.ID, caseID, g.Title, g.InOwnWords, p.UserID, g.CreatedAt).Error; err != nil {
			return err
		}
		if err := s.snapshotPlan(tx, caseID, p.UserID); err != nil {
			return err
		}
		if err := s.history(tx, caseID, p.UserID, "plan.goal_add", g.ID); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, caseEvent(p, "plan.goal_add", "plan_goal", g.ID, caseID, basis))
	})
	return g, err
}

// snapshotPlan keeps the plan as it now is as its next version.
func (s *Service) snapshotPlan(tx *gorm.DB, caseID, actorID string) error {
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
		caseID, plan.Version, string(b), actorID, s.clock.Now()).Error
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
