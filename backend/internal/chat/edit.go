package chat

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/cases"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Version is one state of a message: as written, as each edit left it, and the deletion.
type Version struct {
	Version int       `json:"version"`
	Body    string    `json:"body"`
	ActorID string    `json:"actor_id"`
	Action  string    `json:"action"`
	At      time.Time `json:"at"`
}

// visibleMessage returns the message when p may read it (its case and its sensitivity), with
// p's access to the case. ENOTFOUND otherwise.
func (s *Service) visibleMessage(ctx context.Context, p *authz.Principal, id string) (Message, Access, error) {
	if !platform.ValidID(id) {
		return Message{}, Access{}, errNotFound
	}
	m, err := s.load(s.db.WithContext(ctx), id)
	if err != nil {
		return Message{}, Access{}, err
	}
	acc, err := s.Access(ctx, p, m.CaseID)
	if err != nil {
		return Message{}, Access{}, errNotFound
	}
	if !slices.Contains(acc.Readable, m.Sensitivity) {
		return Message{}, Access{}, errNotFound
	}
	return m, acc, nil
}

// change writes a new version of a message (an edit, or the deletion) in one transaction with
// its audit event, and tells every process.
func (s *Service) change(ctx context.Context, p *authz.Principal, m Message, acc Access, action, body string) (Message, error) {
	now := s.clock.Now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var version int
		if err := tx.Raw(`SELECT version FROM messages WHERE id = ? AND deleted_at IS NULL FOR UPDATE`, m.ID).Scan(&version).Error; err != nil {
			return err
		}
		if version == 0 {
			return platform.Errorf(platform.ECONFLICT, "This message has been deleted.")
		}
		version++
		if err := tx.Exec(`INSERT INTO message_versions (message_id, version, body, actor_id, action, at) VALUES (?, ?, ?, ?, ?, ?)`,
			m.ID, version, body, p.UserID, action, now).Error; err != nil {
			return err
		}
		var err error
		if action == "delete" {
			err = tx.Exec(`UPDATE messages SET body = '', version = ?, deleted_at = ?, deleted_by = ? WHERE id = ?`, version, now, p.UserID, m.ID).Error
		} else {
			err = tx.Exec(`UPDATE messages SET body = ?, version = ?, edited_at = ? WHERE id = ?`, body, version, now, m.ID).Error
		}
		if err != nil {
			return err
		}
		if err := notify(tx, event{Kind: kindUpdate, CaseID: m.CaseID, ID: m.ID}); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "message." + action, ResourceType: "message",
			ResourceID: m.ID, CaseID: m.CaseID, Basis: acc.Basis})
	})
	if err != nil {
		return Message{}, err
	}
	return s.load(s.db.WithContext(ctx), m.ID)
}

// Edit changes the text of the author's own message; the earlier text stays as a version.
// EINVALID (body); ENOTFOUND; EFORBIDDEN for someone else's message; ECONFLICT when deleted.
func (s *Service) Edit(ctx context.Context, p *authz.Principal, id, body string) (Message, error) {
	body = strings.TrimSpace(body)
	var v platform.Validator
	v.Check(body != "", "body", "Write the message.")
	v.Check(len([]rune(body)) <= MaxBodyChars, "body", "A message holds at most 4,000 characters.")
	if err := v.Err(); err != nil {
		return Message{}, err
	}
	m, acc, err := s.visibleMessage(ctx, p, id)
	if err != nil {
		return Message{}, err
	}
	if m.AuthorID != p.UserID {
		return Message{}, platform.Errorf(platform.EFORBIDDEN, "Only the author can edit a message.")
	}
	if acc.Basis == audit.BasisEmergency {
		return Message{}, platform.Errorf(platform.EFORBIDDEN, "Emergency access lets you read the case, not change it.")
	}
	return s.change(ctx, p, m, acc, "edit", body)
}

// Delete leaves a tombstone of a message; what it said stays in its versions for auditors.
// The author or the case's lead may delete. ENOTFOUND; EFORBIDDEN; ECONFLICT when deleted.
func (s *Service) Delete(ctx context.Context, p *authz.Principal, id string) (Message, error) {
	m, acc, err := s.visibleMessage(ctx, p, id)
	if err != nil {
		return Message{}, err
	}
	if m.AuthorID != p.UserID {
		var lead int64
		if err := s.db.WithContext(ctx).Raw(`SELECT count(*) FROM cases WHERE id = ? AND lead_id = ?`, m.CaseID, p.UserID).Scan(&lead).Error; err != nil {
			return Message{}, err
		}
		if lead == 0 {
			return Message{}, platform.Errorf(platform.EFORBIDDEN, "Only the author or the case's lead can delete a message.")
		}
	}
	if acc.Basis == audit.BasisEmergency {
		return Message{}, platform.Errorf(platform.EFORBIDDEN, "Emergency access lets you read the case, not change it.")
	}
	return s.change(ctx, p, m, acc, "delete", "")
}

// Versions lists every version of a message, the original first, for an auditor; the read is
// audited. ENOTFOUND.
func (s *Service) Versions(ctx context.Context, p *authz.Principal, id string) ([]Version, error) {
	if !platform.ValidID(id) {
		return nil, errNotFound
	}
	db := s.db.WithContext(ctx)
	var caseID string
	if err := db.Raw(`SELECT case_id FROM messages WHERE id = ?`, id).Scan(&caseID).Error; err != nil {
		return nil, err
	}
	if caseID == "" {
		return nil, errNotFound
	}
	out := []Version{}
	if err := db.Raw(`SELECT version, body, actor_id, action, at FROM message_versions WHERE message_id = ? ORDER BY version`, id).Scan(&out).Error; err != nil {
		return nil, err
	}
	for i := range out {
		out[i].At = out[i].At.UTC()
	}
	return out, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "message.versions_read", ResourceType: "message",
		ResourceID: id, CaseID: caseID, Basis: audit.BasisAuditor})
}

// Promotion is what a message becomes: a task, a timeline entry or a plan action.
type Promotion struct {
	Kind        string
	Title       string // task, action: defaults to the message's text
	AssigneeID  string // task
	DueAt       *time.Time
	Sensitivity string // entry: defaults to the message's
	GoalID      string // action
	OwnerUserID string // action
	OwnerAgency string // action
	DueDate     string // action
}

// Promoted names the item made from a message.
type Promoted struct {
	Kind            string `json:"kind"`
	ID              string `json:"id"`
	CaseID          string `json:"case_id"`
	SourceMessageID string `json:"source_message_id"`
}

// PromotionKinds are what a message can become.
var PromotionKinds = []string{"task", "entry", "action"}

// Promote makes a task, a timeline entry or a plan action from a message the caller may read;
// the new item links back to the message. The cases domain checks and audits the item.
// EINVALID (kind and the item's fields); ENOTFOUND; ECONFLICT for a deleted message.
func (s *Service) Promote(ctx context.Context, p *authz.Principal, id string, in Promotion) (Promoted, error) {
	if !slices.Contains(PromotionKinds, in.Kind) {
		return Promoted{}, platform.Invalid(platform.FieldError{Field: "kind", Message: "Choose task, entry or action."})
	}
	m, _, err := s.visibleMessage(ctx, p, id)
	if err != nil {
		return Promoted{}, err
	}
	if m.DeletedAt != nil {
		return Promoted{}, platform.Errorf(platform.ECONFLICT, "This message has been deleted.")
	}
	title := strings.TrimSpace(in.Title)
	var v platform.Validator
	switch {
	case in.Kind == "entry":
		// An entry keeps at least the message's protection.
		v.Check(in.Sensitivity == "" || in.Sensitivity == m.Sensitivity || m.Sensitivity == "general", "sensitivity",
			"An entry from a "+m.Sensitivity+" message keeps that sensitivity.")
	case title == "" && m.Sensitivity != "general":
		// Tasks and actions are read by every member: their title must not carry what the
		// message's sensitivity protects.
		v.Add("title", "This message is marked "+m.Sensitivity+": write a title that every member of the case may read.")
	case title == "":
		title = firstLine(m.Body, 200)
	}
	if in.Kind == "action" {
		var n int64
		if platform.ValidID(in.GoalID) {
			if err := s.db.WithContext(ctx).Raw(`SELECT count(*) FROM plan_goals WHERE id = ? AND case_id = ?`, in.GoalID, m.CaseID).Scan(&n).Error; err != nil {
				return Promoted{}, err
			}
		}
		v.Check(n == 1, "goal_id", "Choose a goal of this case's plan.")
	}
	if err := v.Err(); err != nil {
		return Promoted{}, err
	}
	out := Promoted{Kind: in.Kind, CaseID: m.CaseID, SourceMessageID: m.ID}
	switch in.Kind {
	case "task":
		t, err := s.cases.CreateTask(ctx, p, m.CaseID, cases.NewTask{Title: title, AssigneeID: in.AssigneeID, DueAt: in.DueAt, SourceMessageID: m.ID})
		if err != nil {
			return Promoted{}, err
		}
		out.ID = t.ID
	case "entry":
		sens := in.Sensitivity
		if sens == "" {
			sens = m.Sensitivity
		}
		e, err := s.cases.AddEntry(ctx, p, m.CaseID, cases.NewEntry{Body: m.Body, Sensitivity: sens, SourceMessageID: m.ID})
		if err != nil {
			return Promoted{}, err
		}
		out.ID = e.ID
	case "action":
		plan, err := s.cases.AddAction(ctx, p, in.GoalID, cases.NewAction{Title: title, OwnerUserID: in.OwnerUserID,
			OwnerAgencyID: in.OwnerAgency, DueDate: in.DueDate, SourceMessageID: m.ID})
		if err != nil {
			if platform.ErrorCode(err) == platform.ENOTFOUND {
				return Promoted{}, platform.Invalid(platform.FieldError{Field: "goal_id", Message: "Choose a goal of this case's plan."})
			}
			return Promoted{}, err
		}
		for _, g := range plan.Goals {
			for _, a := range g.Actions {
				if a.SourceMessageID != nil && *a.SourceMessageID == m.ID && a.CreatedBy == p.UserID {
					out.ID = a.ID
				}
			}
		}
	}
	return out, nil
}

// firstLine is the message's first line, cut at n characters on a word where it can be.
func firstLine(s string, n int) string {
	s = strings.TrimSpace(strings.SplitN(s, "\n", 2)[0])
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-1])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
