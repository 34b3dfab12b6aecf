package cases

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// TaskStatuses, as in the API contract.
var TaskStatuses = []string{"open", "in_progress", "done", "cancelled"}

// Task is a piece of work on a case, with an owner and maybe a deadline.
type Task struct {
	ID           string     `json:"id"`
	CaseID       string     `json:"case_id"`
	CaseTitle    string     `json:"case_title"`
	Title        string     `json:"title"`
	AssigneeID   string     `json:"assignee_id"`
	AssigneeName string     `json:"assignee_name"`
	Status       string     `json:"status"`
	DueAt        *time.Time `json:"due_at"`
	GoalID       *string    `json:"goal_id"`
	ActionID     *string    `json:"action_id"`
	// SourceMessageID is the chat message the task was made from.
	SourceMessageID *string    `json:"source_message_id"`
	Overdue         bool       `json:"overdue"`
	CreatedAt       time.Time  `json:"created_at"`
	CompletedAt     *time.Time `json:"completed_at"`
	CompletedBy     *string    `json:"completed_by"`
}

const selectTasks = `SELECT t.id, t.case_id, c.title AS case_title, t.title, t.assignee_id, u.display_name AS assignee_name,
	t.status, t.due_at, t.goal_id::text AS goal_id, t.action_id::text AS action_id, t.source_message_id::text AS source_message_id, t.created_at, t.completed_at, t.completed_by::text AS completed_by
	FROM tasks t JOIN cases c ON c.id = t.case_id JOIN users u ON u.id = t.assignee_id`

// finish works out what the server decides: overdue, in UTC.
func (s *Service) finish(ts []Task) {
	now := s.clock.Now()
	for i := range ts {
		t := &ts[i]
		t.CreatedAt = t.CreatedAt.UTC()
		if t.DueAt != nil {
			d := t.DueAt.UTC()
			t.DueAt = &d
			t.Overdue = d.Before(now) && (t.Status == "open" || t.Status == "in_progress")
		}
		if t.CompletedAt != nil {
			c := t.CompletedAt.UTC()
			t.CompletedAt = &c
		}
	}
}

// NewTask is what a member enters to give someone work.
type NewTask struct {
	Title      string
	AssigneeID string
	DueAt      *time.Time
	GoalID     string
	ActionID   string
	// SourceMessageID is the chat message the task is made from (checked by the chat).
	SourceMessageID string
}

// CreateTask gives a member of the case a task. EINVALID names title, assignee_id (not a
// member) or goal_id (not a goal of this case); ENOTFOUND when p may not see the case.
func (s *Service) CreateTask(ctx context.Context, p *authz.Principal, caseID string, in NewTask) (Task, error) {
	in.Title = strings.TrimSpace(in.Title)
	id := platform.NewID()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		basis, err := s.writeAccess(tx, caseID, p)
		if err != nil {
			return err
		}
		var v platform.Validator
		v.Check(in.Title != "" && len([]rune(in.Title)) <= 200, "title", "Name the task (at most 200 characters).")
		var member, goal int64
		if platform.ValidID(in.AssigneeID) {
			if err := tx.Raw(`SELECT count(*) FROM case_members WHERE case_id = ? AND user_id = ?`, caseID, in.AssigneeID).Scan(&member).Error; err != nil {
				return err
			}
		}
		v.Check(member == 1, "assignee_id", "Give the task to a member of the case.")
		if in.GoalID != "" {
			if platform.ValidID(in.GoalID) {
				if err := tx.Raw(`SELECT count(*) FROM plan_goals WHERE id = ? AND case_id = ?`, in.GoalID, caseID).Scan(&goal).Error; err != nil {
					return err
				}
			}
			v.Check(goal == 1, "goal_id", "Choose a goal of this case's plan.")
		}
		if in.ActionID != "" {
			var action int64
			if platform.ValidID(in.ActionID) {
				if err := tx.Raw(`SELECT count(*) FROM plan_actions WHERE id = ? AND case_id = ?`, in.ActionID, caseID).Scan(&action).Error; err != nil {
					return err
				}
			}
			v.Check(action == 1, "action_id", "Choose an action of this case's plan.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO tasks (id, case_id, title, assignee_id, status, due_at, goal_id, action_id, source_message_id, created_by, created_at)
			VALUES (?, ?, ?, ?, 'open', ?, NULLIF(?, '')::uuid, NULLIF(?, '')::uuid, NULLIF(?, '')::uuid, ?, ?)`, id, caseID, in.Title, in.AssigneeID, in.DueAt, in.GoalID, in.ActionID, in.SourceMessageID, p.UserID, s.clock.Now()).Error; err != nil {
			return err
		}
		if err := s.history(tx, caseID, p.UserID, "task.create", id); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, caseEvent(p, "task.create", "task", id, caseID, basis))
	})
	if err != nil {
		return Task{}, err
	}
	return s.task(s.db.WithContext(ctx), id)
}

func (s *Service) task(tx *gorm.DB, id string) (Task, error) {
	var out []Task
	if err := tx.Raw(selectTasks+` WHERE t.id = ?`, id).Scan(&out).Error; err != nil {
		return Task{}, err
	}
	if len(out) == 0 {
		return Task{}, platform.Errorf(platform.ENOTFOUND, "Task not found.")
	}
	s.finish(out)
	return out[0], nil
}

// SetTaskStatus moves a task to any status; the assignee or the case lead may. Done records who
// completed it and when. ENOTFOUND when p may not see its case; EFORBIDDEN for other members;
// EINVALID names status.
func (s *Service) SetTaskStatus(ctx context.Context, p *authz.Principal, taskID, status string) (Task, error) {
	if !slices.Contains(TaskStatuses, status) {
		return Task{}, platform.Invalid(platform.FieldError{Field: "status", Message: "Choose open, in_progress, done or cancelled."})
	}
	notFound := platform.Errorf(platform.ENOTFOUND, "Task not found.")
	if !platform.ValidID(taskID) {
		return Task{}, notFound
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var t []struct{ CaseID, AssigneeID, LeadID string }
		if err := tx.Raw(`SELECT t.case_id, t.assignee_id, c.lead_id FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.id = ? FOR UPDATE OF t`, taskID).Scan(&t).Error; err != nil {
			return err
		}
		if len(t) == 0 {
			return notFound
		}
		basis, err := s.writeAccess(tx, t[0].CaseID, p)
		if platform.ErrorCode(err) == platform.ENOTFOUND {
			return notFound
		}
		if err != nil {
			return err
		}
		if p.UserID != t[0].AssigneeID && p.UserID != t[0].LeadID {
			return platform.Errorf(platform.EFORBIDDEN, "Only the assignee or the case lead changes a task.")
		}
		now := s.clock.Now()
		var doneAt, doneBy any
		if status == "done" {
			doneAt, doneBy = now, p.UserID
		}
		if err := tx.Exec(`UPDATE tasks SET status = ?, completed_at = ?, completed_by = ?, updated_at = ? WHERE id = ?`, status, doneAt, doneBy, now, taskID).Error; err != nil {
			return err
		}
		if err := s.history(tx, t[0].CaseID, p.UserID, "task."+status, taskID); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, caseEvent(p, "task.status_change", "task", taskID, t[0].CaseID, basis))
	})
	if err != nil {
		return Task{}, err
	}
	return s.task(s.db.WithContext(ctx), taskID)
}

// MyTasks lists the tasks given to p in cases p is a member of: open and in progress first,
// by deadline.
func (s *Service) MyTasks(ctx context.Context, p *authz.Principal, includeClosed bool) ([]Task, error) {
	q := selectTasks + ` JOIN case_members cm ON cm.case_id = t.case_id AND cm.user_id = t.assignee_id WHERE t.assignee_id = ?`
	if !includeClosed {
		q += ` AND t.status IN ('open', 'in_progress')`
	}
	q += ` ORDER BY (t.status IN ('open', 'in_progress')) DESC, t.due_at NULLS LAST, t.created_at LIMIT 500`
	out := []Task{}
	if err := s.db.WithContext(ctx).Raw(q, p.UserID).Scan(&out).Error; err != nil {
		return nil, err
	}
	s.finish(out)
	return out, nil
}

// CaseTasks lists the tasks of a case to anyone who may see it; audited.
func (s *Service) CaseTasks(ctx context.Context, p *authz.Principal, caseID string) ([]Task, error) {
	db := s.db.WithContext(ctx)
	basis, err := s.access(db, caseID, p)
	if err != nil {
		return nil, err
	}
	out := []Task{}
	if err := db.Raw(selectTasks+` WHERE t.case_id = ? ORDER BY t.created_at, t.id`, caseID).Scan(&out).Error; err != nil {
		return nil, err
	}
	s.finish(out)
	return out, s.audit.Record(ctx, caseEvent(p, "task.list", "case", caseID, caseID, basis))
}
