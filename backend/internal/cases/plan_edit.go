package cases

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Plan vocabularies.
var (
	Participations = []string{"took_part", "declined", "unable"}
	GoalStatuses   = []string{"open", "achieved", "dropped"}
	ActionStatuses = []string{"planned", "in_progress", "done", "dropped"}
)

// planChange runs change on the case's plan as a member and keeps the plan as it then is as a
// new version, all in one transaction. ENOTFOUND, EFORBIDDEN (emergency access).
func (s *Service) planChange(ctx context.Context, p *authz.Principal, caseID, action, resourceID string, change func(tx *gorm.DB) error) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		basis, err := s.writeAccess(tx, caseID, p)
		if err != nil {
			return err
		}
		if err := tx.Exec(`SELECT 1 FROM cases WHERE id = ? FOR UPDATE`, caseID).Error; err != nil {
			return err // one version at a time per plan
		}
		if err := change(tx); err != nil {
			return err
		}
		if err := s.snapshotPlan(tx, caseID, p.UserID); err != nil {
			return err
		}
		if err := s.history(tx, caseID, p.UserID, action, resourceID); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, caseEvent(p, action, "plan", resourceID, caseID, basis))
	})
}

// unchanged answers a change that changes nothing: the plan as it is, to a member (write
// access, like any change), without a new version.
func (s *Service) unchanged(ctx context.Context, p *authz.Principal, caseID string) (Plan, error) {
	db := s.db.WithContext(ctx)
	if _, err := s.writeAccess(db, caseID, p); err != nil {
		return Plan{}, err
	}
	return loadPlan(db, caseID)
}

// errPlanItemNotFound answers a goal or action that does not exist and one in a case the caller
// may not see alike.
var errPlanItemNotFound = platform.Errorf(platform.ENOTFOUND, "Not found.")

// hideCase turns "case not found" into the plan item's own not-found, so that both read alike.
func hideCase(err error) error {
	if platform.ErrorCode(err) == platform.ENOTFOUND {
		return errPlanItemNotFound
	}
	return err
}

// goalCase finds the case of a goal (or, with actions, of an action). ENOTFOUND.
func goalCase(tx *gorm.DB, table, id string) (string, error) {
	notFound := errPlanItemNotFound
	if !platform.ValidID(id) {
		return "", notFound
	}
	var caseID string
	if err := tx.Raw(`SELECT case_id FROM `+table+` WHERE id = ?`, id).Scan(&caseID).Error; err != nil {
		return "", err
	}
	if caseID == "" {
		return "", notFound
	}
	return caseID, nil
}

func checkDate(v *platform.Validator, field string, val *string) {
	if val != nil && *val != "" {
		if _, err := time.Parse("2006-01-02", *val); err != nil {
			v.Add(field, "Use the form YYYY-MM-DD.")
		}
	}
}

// PlanFields change the plan as a whole; nil fields stay, "" clears a date.
type PlanFields struct {
	ReviewDate    *string
	Participation *string
	Agreement     *string
}

// UpdatePlan sets the review date, the person's participation and agreement. EINVALID names
// the field.
func (s *Service) UpdatePlan(ctx context.Context, p *authz.Principal, caseID string, f PlanFields) (Plan, error) {
	var v platform.Validator
	checkDate(&v, "review_date", f.ReviewDate)
	v.Check(f.Participation == nil || *f.Participation == "" || slices.Contains(Participations, *f.Participation), "participation", "Choose took_part, declined or unable (or empty to clear).")
	v.Check(f.Agreement == nil || len([]rune(*f.Agreement)) <= 2000, "agreement", "Use at most 2,000 characters.")
	if err := v.Err(); err != nil {
		return Plan{}, err
	}
	if f.ReviewDate == nil && f.Participation == nil && f.Agreement == nil {
		return s.unchanged(ctx, p, caseID)
	}
	err := s.planChange(ctx, p, caseID, "plan.update", caseID, func(tx *gorm.DB) error {
		if err := tx.Exec(`INSERT INTO plans (case_id) VALUES (?) ON CONFLICT DO NOTHING`, caseID).Error; err != nil {
			return err
		}
		if f.ReviewDate != nil {
			if err := tx.Exec(`UPDATE plans SET review_date = NULLIF(?, '')::date WHERE case_id = ?`, *f.ReviewDate, caseID).Error; err != nil {
				return err
			}
		}
		if f.Participation != nil {
			if err := tx.Exec(`UPDATE plans SET participation = NULLIF(?, '') WHERE case_id = ?`, *f.Participation, caseID).Error; err != nil {
				return err
			}
		}
		if f.Agreement != nil {
			if err := tx.Exec(`UPDATE plans SET agreement = ? WHERE case_id = ?`, strings.TrimSpace(*f.Agreement), caseID).Error; err != nil {
				return err
			}
		}
		return tx.Exec(`UPDATE plans SET updated_by = ?, updated_at = ? WHERE case_id = ?`, p.UserID, s.clock.Now(), caseID).Error
	})
	if err != nil {
		return Plan{}, err
	}
	return loadPlan(s.db.WithContext(ctx), caseID)
}

// GoalFields change a goal; nil fields stay.
type GoalFields struct {
	Title      *string
	InOwnWords *string
	Status     *string
}

// UpdateGoal changes a goal's words or status. EINVALID names the field; ENOTFOUND.
func (s *Service) UpdateGoal(ctx context.Context, p *authz.Principal, goalID string, f GoalFields) (Plan, error) {
	var v platform.Validator
	v.Check(f.Title == nil || (strings.TrimSpace(*f.Title) != "" && len([]rune(*f.Title)) <= 200), "title", "Name the goal (at most 200 characters).")
	v.Check(f.InOwnWords == nil || len([]rune(*f.InOwnWords)) <= 2000, "in_own_words", "Use at most 2,000 characters.")
	v.Check(f.Status == nil || slices.Contains(GoalStatuses, *f.Status), "status", "Choose open, achieved or dropped.")
	if err := v.Err(); err != nil {
		return Plan{}, err
	}
	caseID, err := goalCase(s.db.WithContext(ctx), "plan_goals", goalID)
	if err != nil {
		return Plan{}, err
	}
	if f.Title == nil && f.InOwnWords == nil && f.Status == nil {
		plan, err := s.unchanged(ctx, p, caseID)
		return plan, hideCase(err)
	}
	err = s.planChange(ctx, p, caseID, "plan.goal_update", goalID, func(tx *gorm.DB) error {
		set := map[string]any{}
		if f.Title != nil {
			set["title"] = strings.TrimSpace(*f.Title)
		}
		if f.InOwnWords != nil {
			set["in_own_words"] = strings.TrimSpace(*f.InOwnWords)
		}
		if f.Status != nil {
			set["status"] = *f.Status
		}
		if len(set) == 0 {
			return nil
		}
		return tx.Table("plan_goals").Where("id = ?", goalID).Updates(set).Error
	})
	if err != nil {
		return Plan{}, hideCase(err)
	}
	return loadPlan(s.db.WithContext(ctx), caseID)
}

// NewAction is a step towards a goal.
type NewAction struct {
	Title         string
	OwnerUserID   string
	OwnerAgencyID string
	DueDate       string
	// SourceMessageID is the chat message the action is made from (checked by the chat).
	SourceMessageID string
}

// AddAction adds an action under a goal, owned by a member of the case or by an agency.
// EINVALID names title, owner (owner_user_id or owner_agency_id) or due_date; ENOTFOUND.
func (s *Service) AddAction(ctx context.Context, p *authz.Principal, goalID string, in NewAction) (Plan, error) {
	in.Title = strings.TrimSpace(in.Title)
	caseID, err := goalCase(s.db.WithContext(ctx), "plan_goals", goalID)
	if err != nil {
		return Plan{}, err
	}
	id := platform.NewID()
	err = s.planChange(ctx, p, caseID, "plan.action_add", id, func(tx *gorm.DB) error {
		var v platform.Validator
		v.Check(in.Title != "" && len([]rune(in.Title)) <= 200, "title", "Name the action (at most 200 characters).")
		checkDate(&v, "due_date", &in.DueDate)
		var n int64
		switch {
		case in.OwnerUserID != "" && in.OwnerAgencyID != "":
			v.Add("owner_user_id", "Give the action to a person or to an agency, not both.")
		case in.OwnerUserID != "":
			if platform.ValidID(in.OwnerUserID) {
				if err := tx.Raw(`SELECT count(*) FROM case_members WHERE case_id = ? AND user_id = ?`, caseID, in.OwnerUserID).Scan(&n).Error; err != nil {
					return err
				}
			}
			v.Check(n == 1, "owner_user_id", "Choose a member of the case.")
		case in.OwnerAgencyID != "":
			if platform.ValidID(in.OwnerAgencyID) {
				if err := tx.Raw(`SELECT count(*) FROM agencies WHERE id = ?`, in.OwnerAgencyID).Scan(&n).Error; err != nil {
					return err
				}
			}
			v.Check(n == 1, "owner_agency_id", "Choose an agency.")
		default:
			v.Add("owner_user_id", "Say who carries the action out: a member of the case or an agency.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		return tx.Exec(`INSERT INTO plan_actions (id, goal_id, case_id, title, owner_user_id, owner_agency_id, due_date, source_message_id, created_by, created_at)
			VALUES (?, ?, ?, ?, NULLIF(?, '')::uuid, NULLIF(?, '')::uuid, NULLIF(?, '')::date, NULLIF(?, '')::uuid, ?, ?)`,
			id, goalID, caseID, in.Title, in.OwnerUserID, in.OwnerAgencyID, in.DueDate, in.SourceMessageID, p.UserID, s.clock.Now()).Error
	})
	if err != nil {
		return Plan{}, hideCase(err)
	}
	return loadPlan(s.db.WithContext(ctx), caseID)
}

// UpdateAction changes an action's status or deadline. EINVALID names the field; ENOTFOUND.
func (s *Service) UpdateAction(ctx context.Context, p *authz.Principal, actionID string, status, dueDate *string) (Plan, error) {
	var v platform.Validator
	v.Check(status == nil || slices.Contains(ActionStatuses, *status), "status", "Choose planned, in_progress, done or dropped.")
	checkDate(&v, "due_date", dueDate)
	if err := v.Err(); err != nil {
		return Plan{}, err
	}
	caseID, err := goalCase(s.db.WithContext(ctx), "plan_actions", actionID)
	if err != nil {
		return Plan{}, err
	}
	if status == nil && dueDate == nil {
		plan, err := s.unchanged(ctx, p, caseID)
		return plan, hideCase(err)
	}
	err = s.planChange(ctx, p, caseID, "plan.action_update", actionID, func(tx *gorm.DB) error {
		if status != nil {
			if err := tx.Exec(`UPDATE plan_actions SET status = ? WHERE id = ?`, *status, actionID).Error; err != nil {
				return err
			}
		}
		if dueDate != nil {
			return tx.Exec(`UPDATE plan_actions SET due_date = NULLIF(?, '')::date WHERE id = ?`, *dueDate, actionID).Error
		}
		return nil
	})
	if err != nil {
		return Plan{}, hideCase(err)
	}
	return loadPlan(s.db.WithContext(ctx), caseID)
}

// PlanDiff says what changed between two versions of a plan.
type PlanDiff struct {
	From          int      `json:"from"`
	To            int      `json:"to"`
	AddedGoals    []string `json:"added_goals"`
	RemovedGoals  []string `json:"removed_goals"`
	ChangedGoals  []string `json:"changed_goals"`
	PlanFieldsSet []string `json:"changed_fields"`
}

// ComparePlan compares two versions of the plan: goals added, removed and changed (by id),
// and which plan fields differ. EINVALID names from or to when there is no such version.
func (s *Service) ComparePlan(ctx context.Context, p *authz.Principal, caseID string, from, to int) (PlanDiff, error) {
	versions, err := s.PlanVersions(ctx, p, caseID)
	if err != nil {
		return PlanDiff{}, err
	}
	find := func(n int) (Plan, bool) {
		for _, v := range versions {
			if v.Version == n {
				var pl Plan
				return pl, json.Unmarshal(v.Snapshot, &pl) == nil
			}
		}
		return Plan{}, false
	}
	a, okA := find(from)
	b, okB := find(to)
	var v platform.Validator
	v.Check(okA, "from", "No such version of the plan.")
	v.Check(okB, "to", "No such version of the plan.")
	if err := v.Err(); err != nil {
		return PlanDiff{}, err
	}
	d := PlanDiff{From: from, To: to, AddedGoals: []string{}, RemovedGoals: []string{}, ChangedGoals: []string{}, PlanFieldsSet: []string{}}
	for _, pl := range []*Plan{&a, &b} { // versions kept before actions existed have none
		for i := range pl.Goals {
			if pl.Goals[i].Actions == nil {
				pl.Goals[i].Actions = []Action{}
			}
		}
	}
	old := map[string]Goal{}
	for _, g := range a.Goals {
		old[g.ID] = g
	}
	seen := map[string]bool{}
	for _, g := range b.Goals {
		seen[g.ID] = true
		prev, ok := old[g.ID]
		if !ok {
			d.AddedGoals = append(d.AddedGoals, g.ID)
			continue
		}
		pj, _ := json.Marshal(prev)
		gj, _ := json.Marshal(g)
		if string(pj) != string(gj) {
			d.ChangedGoals = append(d.ChangedGoals, g.ID)
		}
	}
	for _, g := range a.Goals {
		if !seen[g.ID] {
			d.RemovedGoals = append(d.RemovedGoals, g.ID)
		}
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	if str(a.ReviewDate) != str(b.ReviewDate) {
		d.PlanFieldsSet = append(d.PlanFieldsSet, "review_date")
	}
	if str(a.Participation) != str(b.Participation) {
		d.PlanFieldsSet = append(d.PlanFieldsSet, "participation")
	}
	if a.Agreement != b.Agreement {
		d.PlanFieldsSet = append(d.PlanFieldsSet, "agreement")
	}
	return d, nil
}
