// Package protection holds the individual protection and support plans of domestic-violence
// victims (domain.md): protection and support measures, each carried out by a named agency and
// person by a deadline, a monitoring and evaluation part, and whether the victim took part,
// declined, or could not. Every change is kept as a version. The coordination group adopts a
// plan at a meeting, and only a complete one: its measures then become tracked tasks of the
// case, with the task alerts, and their executors members of the case.
package protection

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/cases"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Service is the protection-plan domain.
type Service struct {
	db    *gorm.DB
	audit *audit.Log
	clock platform.Clock
	cases *cases.Service
}

// NewService returns the protection-plan service.
func NewService(db *gorm.DB, log *audit.Log, clock platform.Clock, cs *cases.Service) *Service {
	return &Service{db: db, audit: log, clock: clock, cases: cs}
}

// Plan is a victim's individual protection and support plan.
type Plan struct {
	ID             string     `json:"id"`
	CaseID         string     `json:"case_id"`
	VictimID       string     `json:"victim_id"`
	VictimName     string     `json:"victim_name"`
	Status         string     `json:"status"`
	Participation  *string    `json:"participation"`
	Monitoring     string     `json:"monitoring"`
	Version        int        `json:"version"`
	AdoptedAt      *time.Time `json:"adopted_at"`
	AdoptedIn      *string    `json:"adopted_in"`
	AdoptedVersion *int       `json:"adopted_version"`
	CreatedBy      string     `json:"created_by"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
	Measures       []Measure  `json:"measures" gorm:"-"`
}

// Measure is one protection or support measure of a plan.
type Measure struct {
	ID                 string     `json:"id"`
	Kind               string     `json:"kind"`
	Description        string     `json:"description"`
	ExecutorAgencyID   *string    `json:"executor_agency_id"`
	ExecutorAgencyName *string    `json:"executor_agency_name"`
	ExecutorUserID     *string    `json:"executor_user_id"`
	ExecutorName       *string    `json:"executor_name"`
	DueAt              *time.Time `json:"due_at"`
	// Status follows the measure's task once the plan is adopted.
	Status   string  `json:"status"`
	TaskID   *string `json:"task_id"`
	Position int     `json:"position"`
}

// Participations say whether the victim took part in making the plan.
var Participations = []string{"took_part", "declined", "unable"}

var errNotFound = platform.Errorf(platform.ENOTFOUND, "Protection plan not found.")

const selectPlans = `SELECT pl.id, pl.case_id, pl.victim_id, pe.first_name || ' ' || pe.last_name AS victim_name, pl.status, pl.participation,
	pl.monitoring, pl.version, pl.adopted_at, pl.adopted_in::text AS adopted_in, pl.adopted_version, pl.created_by, pl.created_at, pl.updated_at
	FROM protection_plans pl JOIN people pe ON pe.id = pl.victim_id`

// The measure's status is its task's once it has one.
const selectMeasures = `SELECT m.id, m.kind, m.description, m.executor_agency_id::text AS executor_agency_id, ag.name AS executor_agency_name,
	m.executor_user_id::text AS executor_user_id, u.display_name AS executor_name, m.due_at,
	CASE t.status WHEN 'open' THEN 'planned' WHEN 'in_progress' THEN 'in_progress' WHEN 'done' THEN 'done' WHEN 'cancelled' THEN 'not_done' ELSE m.status END AS status,
	m.task_id::text AS task_id, m.position
	FROM protection_plan_measures m LEFT JOIN agencies ag ON ag.id = m.executor_agency_id LEFT JOIN users u ON u.id = m.executor_user_id
	LEFT JOIN tasks t ON t.id = m.task_id`

func load(db *gorm.DB, id string) (Plan, error) {
	var ps []Plan
	if err := db.Raw(selectPlans+` WHERE pl.id = ?`, id).Scan(&ps).Error; err != nil {
		return Plan{}, err
	}
	if len(ps) == 0 {
		return Plan{}, errNotFound
	}
	return ps[0], fill(db, ps)
}

func fill(db *gorm.DB, ps []Plan) error {
	for i := range ps {
		p := &ps[i]
		p.Measures = []Measure{}
		if err := db.Raw(selectMeasures+` WHERE m.plan_id = ? ORDER BY m.position`, p.ID).Scan(&p.Measures).Error; err != nil {
			return err
		}
		p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
		if p.AdoptedAt != nil {
			*p.AdoptedAt = p.AdoptedAt.UTC()
		}
		for j := range p.Measures {
			if d := p.Measures[j].DueAt; d != nil {
				*d = d.UTC()
			}
		}
	}
	return nil
}

// snapshot keeps the plan as its current version.
func (s *Service) snapshot(tx *gorm.DB, id, actorID string, now time.Time) error {
	if err := tx.Exec(`UPDATE protection_plans SET version = version + 1, updated_at = ? WHERE id = ?`, now, id).Error; err != nil {
		return err
	}
	p, err := load(tx, id)
	if err != nil {
		return err
	}
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return tx.Exec(`INSERT INTO protection_plan_versions (plan_id, version, snapshot, actor_id, at) VALUES (?, ?, ?, ?, ?)`, id, p.Version, string(b), actorID, now).Error
}

// change runs a change of a plan as someone who may change its case (members, the
// coordination group), then keeps the new version and audits it.
func (s *Service) change(ctx context.Context, p *authz.Principal, id, action string, f func(tx *gorm.DB, pl Plan, now time.Time) error) (Plan, error) {
	if !platform.ValidID(id) {
		return Plan{}, errNotFound
	}
	now := s.clock.Now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var ps []Plan
		if err := tx.Raw(selectPlans+` WHERE pl.id = ? FOR UPDATE OF pl`, id).Scan(&ps).Error; err != nil {
			return err
		}
		if len(ps) == 0 {
			return errNotFound
		}
		basis, err := s.cases.WriteAccessTx(tx, ps[0].CaseID, p)
		if err != nil {
			if platform.ErrorCode(err) == platform.ENOTFOUND {
				return errNotFound
			}
			return err
		}
		if err := f(tx, ps[0], now); err != nil {
			return err
		}
		if err := s.snapshot(tx, id, p.UserID, now); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "protection_plan." + action, ResourceType: "protection_plan",
			ResourceID: id, CaseID: ps[0].CaseID, Basis: basis})
	})
	if err != nil {
		return Plan{}, err
	}
	return load(s.db.WithContext(ctx), id)
}

// Create starts a victim's plan on a domestic-violence case. ENOTFOUND (the case);
// EFORBIDDEN (emergency access); EINVALID naming victim_id (not a person of the case, or the
// perpetrator); ECONFLICT (the victim has a plan already: change it).
func (s *Service) Create(ctx context.Context, p *authz.Principal, caseID, victimID string) (Plan, error) {
	id, now := platform.NewID(), s.clock.Now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		basis, err := s.cases.WriteAccessTx(tx, caseID, p)
		if err != nil {
			return err
		}
		var category string
		if err := tx.Raw(`SELECT category FROM cases WHERE id = ?`, caseID).Scan(&category).Error; err != nil {
			return err
		}
		if category != "domestic_violence" {
			return platform.Errorf(platform.ECONFLICT, "Individual protection and support plans are made for domestic-violence cases.")
		}
		var n int64
		if platform.ValidID(victimID) {
			if err := tx.Raw(`SELECT count(*) FROM case_people WHERE case_id = ? AND person_id = ? AND relation <> 'perpetrator'`, caseID, victimID).Scan(&n).Error; err != nil {
				return err
			}
		}
		if n == 0 {
			return platform.Invalid(platform.FieldError{Field: "victim_id", Message: "Choose the victim among the people of this case."})
		}
		if err := tx.Raw(`SELECT count(*) FROM protection_plans WHERE case_id = ? AND victim_id = ?`, caseID, victimID).Scan(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return platform.Errorf(platform.ECONFLICT, "This victim has a plan already; change that plan.")
		}
		if err := tx.Exec(`INSERT INTO protection_plans (id, case_id, victim_id, version, created_by, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?, ?)`,
			id, caseID, victimID, p.UserID, now, now).Error; err != nil {
			return err
		}
		if err := s.snapshot(tx, id, p.UserID, now); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "protection_plan.create", ResourceType: "protection_plan",
			ResourceID: id, CaseID: caseID, Basis: basis})
	})
	if err != nil {
		return Plan{}, err
	}
	return load(s.db.WithContext(ctx), id)
}

// List returns the case's plans to anyone who may see the case; audited. ENOTFOUND.
func (s *Service) List(ctx context.Context, p *authz.Principal, caseID string) ([]Plan, error) {
	out := []Plan{}
	err := s.cases.ReadPart(ctx, p, caseID, "protection_plan.list", func(db *gorm.DB) error {
		if err := db.Raw(selectPlans+` WHERE pl.case_id = ? ORDER BY pl.created_at`, caseID).Scan(&out).Error; err != nil {
			return err
		}
		return fill(db, out)
	})
	return out, err
}

// Get returns one plan to anyone who may see its case; audited. ENOTFOUND.
func (s *Service) Get(ctx context.Context, p *authz.Principal, id string) (Plan, error) {
	if !platform.ValidID(id) {
		return Plan{}, errNotFound
	}
	db := s.db.WithContext(ctx)
	pl, err := load(db, id)
	if err != nil {
		return Plan{}, err
	}
	basis, err := s.cases.ReadAccessTx(db, pl.CaseID, p)
	if err != nil {
		return Plan{}, errNotFound
	}
	return pl, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "protection_plan.read", ResourceType: "protection_plan", ResourceID: id,
		CaseID: pl.CaseID, Basis: basis})
}

// Version is a plan as it was after one change.
type Version struct {
	Version  int             `json:"version"`
	ActorID  string          `json:"actor_id"`
	At       time.Time       `json:"at"`
	Snapshot json.RawMessage `json:"snapshot"`
}

// Versions returns every version of a plan, newest first; audited. ENOTFOUND.
func (s *Service) Versions(ctx context.Context, p *authz.Principal, id string) ([]Version, error) {
	if _, err := s.Get(ctx, p, id); err != nil {
		return nil, err
	}
	var rows []struct {
		Version  int
		ActorID  string
		At       time.Time
		Snapshot string
	}
	if err := s.db.WithContext(ctx).Raw(`SELECT version, actor_id, at, snapshot::text AS snapshot FROM protection_plan_versions WHERE plan_id = ? ORDER BY version DESC`, id).Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Version, len(rows))
	for i, r := range rows {
		out[i] = Version{Version: r.Version, ActorID: r.ActorID, At: r.At.UTC(), Snapshot: json.RawMessage(r.Snapshot)}
	}
	return out, nil
}

// Update sets the monitoring and evaluation part and the victim's participation (nil: left as
// it is). EINVALID naming monitoring or participation.
func (s *Service) Update(ctx context.Context, p *authz.Principal, id string, monitoring, participation *string) (Plan, error) {
	return s.change(ctx, p, id, "update", func(tx *gorm.DB, pl Plan, now time.Time) error {
		var v platform.Validator
		if monitoring != nil {
			*monitoring = strings.TrimSpace(*monitoring)
			v.Check(len([]rune(*monitoring)) <= 20000, "monitoring", "At most 20,000 characters.")
		}
		if participation != nil {
			v.Check(slices.Contains(Participations, *participation), "participation", "Choose took_part, declined or unable.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		return tx.Exec(`UPDATE protection_plans SET monitoring = COALESCE(?, monitoring), participation = COALESCE(?, participation) WHERE id = ?`,
			monitoring, participation, id).Error
	})
}

// MeasureInput is a measure as entered; empty executors and deadline are allowed while the
// plan is a draft (adoption needs them).
type MeasureInput struct {
	Kind, Description, ExecutorAgencyID, ExecutorUserID string
	DueAt                                               *time.Time
	Status                                              string
}

// checkMeasure validates a measure's fields (field names prefixed).
func checkMeasure(tx *gorm.DB, v *platform.Validator, in *MeasureInput, now time.Time) error {
	in.Description = strings.TrimSpace(in.Description)
	v.Check(in.Kind == "protection" || in.Kind == "support", "kind", "Choose protection or support.")
	v.Check(in.Description != "" && len([]rune(in.Description)) <= 2000, "description", "Describe the measure (at most 2,000 characters).")
	if in.ExecutorAgencyID != "" {
		var n int64
		if platform.ValidID(in.ExecutorAgencyID) {
			if err := tx.Raw(`SELECT count(*) FROM agencies WHERE id = ? AND type <> 'system'`, in.ExecutorAgencyID).Scan(&n).Error; err != nil {
				return err
			}
		}
		v.Check(n == 1, "executor_agency_id", "Choose the agency that carries it out.")
	}
	if in.ExecutorUserID != "" {
		var n int64
		if platform.ValidID(in.ExecutorUserID) && platform.ValidID(in.ExecutorAgencyID) {
			if err := tx.Raw(`SELECT count(*) FROM users WHERE id = ? AND agency_id = ? AND active`, in.ExecutorUserID, in.ExecutorAgencyID).Scan(&n).Error; err != nil {
				return err
			}
		}
		v.Check(n == 1, "executor_user_id", "Choose an active worker of the executing agency.")
	}
	v.Check(in.DueAt == nil || in.DueAt.After(now), "due_at", "Give a deadline still to come.")
	v.Check(in.Status == "" || slices.Contains([]string{"planned", "in_progress", "done", "not_done"}, in.Status), "status", "Choose planned, in_progress, done or not_done.")
	return nil
}

// AddMeasure adds a measure to the plan. EINVALID naming kind, description,
// executor_agency_id, executor_user_id or due_at.
func (s *Service) AddMeasure(ctx context.Context, p *authz.Principal, id string, in MeasureInput) (Plan, error) {
	return s.change(ctx, p, id, "measure_add", func(tx *gorm.DB, pl Plan, now time.Time) error {
		var v platform.Validator
		if err := checkMeasure(tx, &v, &in, now); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if in.Status == "" {
			in.Status = "planned"
		}
		return tx.Exec(`INSERT INTO protection_plan_measures (id, plan_id, kind, description, executor_agency_id, executor_user_id, due_at, status, position, created_at)
			SELECT ?, ?, ?, ?, NULLIF(?, '')::uuid, NULLIF(?, '')::uuid, ?, ?, COALESCE(max(position), 0) + 1, ? FROM protection_plan_measures WHERE plan_id = ?`,
			platform.NewID(), id, in.Kind, in.Description, in.ExecutorAgencyID, in.ExecutorUserID, in.DueAt, in.Status, now, id).Error
	})
}

// UpdateMeasure replaces a measure's fields. A measure already tracked as a task (an adopted
// plan) changes its task too: the title, the executor (who becomes a member of the case, as at
// adoption; EINVALID naming executor_user_id when the executor is missing or behind the
// perpetrator wall) and the deadline, whose alerts start again; its status follows the task.
// ENOTFOUND for a measure of another plan.
func (s *Service) UpdateMeasure(ctx context.Context, p *authz.Principal, id, measureID string, in MeasureInput) (Plan, error) {
	return s.change(ctx, p, id, "measure_update", func(tx *gorm.DB, pl Plan, now time.Time) error {
		var n int64
		if platform.ValidID(measureID) {
			if err := tx.Raw(`SELECT count(*) FROM protection_plan_measures WHERE id = ? AND plan_id = ?`, measureID, id).Scan(&n).Error; err != nil {
				return err
			}
		}
		if n == 0 {
			return platform.Errorf(platform.ENOTFOUND, "Measure not found.")
		}
		var v platform.Validator
		if err := checkMeasure(tx, &v, &in, now); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if in.Status == "" {
			in.Status = "planned"
		}
		if err := tx.Exec(`UPDATE protection_plan_measures SET kind = ?, description = ?, executor_agency_id = NULLIF(?, '')::uuid,
			executor_user_id = NULLIF(?, '')::uuid, due_at = ?, status = ? WHERE id = ?`,
			in.Kind, in.Description, in.ExecutorAgencyID, in.ExecutorUserID, in.DueAt, in.Status, measureID).Error; err != nil {
			return err
		}
		var task struct{ TaskID *string }
		if err := tx.Raw(`SELECT task_id::text AS task_id FROM protection_plan_measures WHERE id = ?`, measureID).Scan(&task).Error; err != nil {
			return err
		}
		if task.TaskID == nil {
			return nil
		}
		if in.ExecutorUserID == "" || in.DueAt == nil {
			return platform.Invalid(platform.FieldError{Field: "executor_user_id", Message: "A measure of an adopted plan keeps its executor and its deadline."})
		}
		if err := s.makeExecutor(tx, pl.CaseID, in.ExecutorUserID, p.UserID, now); err != nil {
			return err
		}
		return tx.Exec(`UPDATE tasks SET title = ?, assignee_id = ?, due_at = ?, due_alerted_at = NULL, overdue_alerted_at = NULL WHERE id = ?`,
			in.Description, in.ExecutorUserID, *in.DueAt, *task.TaskID).Error
	})
}

// Adopt adopts the plan at a running meeting of the coordination group whose agenda holds the
// case, by that group's chair. Only a complete plan is adopted: at least one measure, each
// with its executing agency, person and deadline, the monitoring part and the victim's
// participation; otherwise EINVALID names every missing field (measures[i].executor_user_id,
// ...). Each measure becomes a task of its executor (with the task alerts), and the
// executors become members of the case. EFORBIDDEN (not the chair of that meeting);
// ECONFLICT (the meeting is not running, or the case is not on its agenda).
func (s *Service) Adopt(ctx context.Context, p *authz.Principal, id, meetingID string) (Plan, error) {
	return s.change(ctx, p, id, "adopt", func(tx *gorm.DB, pl Plan, now time.Time) error {
		var ms []struct {
			Status, ChairID string
			OnAgenda        bool
		}
		if platform.ValidID(meetingID) {
			if err := tx.Raw(`SELECT m.status, g.chair_id, EXISTS (SELECT 1 FROM meeting_items i WHERE i.meeting_id = m.id AND i.case_id = ?) AS on_agenda
				FROM meetings m JOIN coordination_groups g ON g.id = m.group_id WHERE m.id = ?`, pl.CaseID, meetingID).Scan(&ms).Error; err != nil {
				return err
			}
		}
		switch {
		case len(ms) == 0:
			return platform.Invalid(platform.FieldError{Field: "meeting_id", Message: "Choose the meeting at which the group adopts the plan."})
		case ms[0].ChairID != p.UserID:
			return platform.Errorf(platform.EFORBIDDEN, "Only the chair of that meeting's group adopts a plan.")
		case ms[0].Status != "in_progress":
			return platform.Errorf(platform.ECONFLICT, "A plan is adopted while the meeting runs.")
		case !ms[0].OnAgenda:
			return platform.Errorf(platform.ECONFLICT, "This case is not on that meeting's agenda.")
		}
		full, err := load(tx, id)
		if err != nil {
			return err
		}
		if full.Status == "adopted" && full.AdoptedVersion != nil && *full.AdoptedVersion == full.Version {
			return platform.Errorf(platform.ECONFLICT, "This version of the plan is adopted already; change the plan first.")
		}
		var v platform.Validator
		v.Check(len(full.Measures) > 0, "measures", "Add at least one protection or support measure.")
		for i, m := range full.Measures {
			f := fmt.Sprintf("measures[%d].", i)
			v.Check(m.ExecutorAgencyID != nil, f+"executor_agency_id", "Name the agency that carries out \""+m.Description+"\".")
			v.Check(m.ExecutorUserID != nil, f+"executor_user_id", "Name the person who carries out \""+m.Description+"\".")
			v.Check(m.DueAt != nil, f+"due_at", "Give the deadline of \""+m.Description+"\".")
		}
		v.Check(strings.TrimSpace(full.Monitoring) != "", "monitoring", "Write how the plan is monitored and evaluated.")
		v.Check(full.Participation != nil, "participation", "Record whether the victim took part, declined, or could not.")
		if err := v.Err(); err != nil {
			return err
		}
		for _, m := range full.Measures {
			if m.TaskID != nil {
				continue
			}
			if err := s.makeExecutor(tx, pl.CaseID, *m.ExecutorUserID, p.UserID, now); err != nil {
				return err
			}
			task := platform.NewID()
			if err := tx.Exec(`INSERT INTO tasks (id, case_id, title, assignee_id, due_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				task, pl.CaseID, m.Description, *m.ExecutorUserID, *m.DueAt, p.UserID, now).Error; err != nil {
				return err
			}
			if err := tx.Exec(`UPDATE protection_plan_measures SET task_id = ? WHERE id = ?`, task, m.ID).Error; err != nil {
				return err
			}
		}
		if err := tx.Exec(`INSERT INTO case_history (case_id, actor_id, action, detail, at) VALUES (?, ?, 'protection_plan.adopt', ?, ?)`,
			pl.CaseID, p.UserID, id, now).Error; err != nil {
			return err
		}
		return tx.Exec(`UPDATE protection_plans SET status = 'adopted', adopted_at = ?, adopted_in = ?, adopted_version = version + 1 WHERE id = ?`,
			now, meetingID, id).Error
	})
}

// makeExecutor makes the executor of a tracked measure a member of the case (the task is
// theirs). EINVALID when they are on another case of the perpetrator (the wall).
func (s *Service) makeExecutor(tx *gorm.DB, caseID, userID, actorID string, now time.Time) error {
	walled, err := cases.CrossesWall(tx, caseID, userID)
	if err != nil {
		return err
	}
	if walled {
		return platform.Invalid(platform.FieldError{Field: "executor_user_id", Message: "This worker is on another case of the perpetrator; choose someone else."})
	}
	return tx.Exec(`INSERT INTO case_members (case_id, user_id, basis, added_by, added_at) VALUES (?, ?, 'membership', ?, ?) ON CONFLICT DO NOTHING`,
		caseID, userID, actorID, now).Error
}
