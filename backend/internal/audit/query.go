package audit

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Filter selects audit events; empty fields match everything.
type Filter struct {
	CaseID     string
	ActorID    string
	Action     string
	Resource   string // resource type, with ResourceID
	ResourceID string
	Limit      int
	Cursor     string
}

const selectEvents = `SELECT id, chain_id, seq, at, COALESCE(actor_id::text, '') AS actor_id, action,
	resource_type, resource_id, COALESCE(case_id::text, '') AS case_id, basis, request_id, client_ip,
	prev_hash, hash FROM audit_events`

// List returns events newest first, and the cursor of the next page ("" when none).
// It returns EINVALID for a malformed id or cursor.
func List(ctx context.Context, db *gorm.DB, f Filter) ([]Event, string, error) {
	var v platform.Validator
	v.Check(f.CaseID == "" || platform.ValidID(f.CaseID), "case_id", "must be an id")
	v.Check(f.ActorID == "" || platform.ValidID(f.ActorID), "actor_id", "must be an id")
	curAt, curID := v.Cursor("cursor", f.Cursor)
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	var where []string
	var args []any
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }
	if f.CaseID != "" {
		add("case_id = ?", f.CaseID)
	}
	if f.ActorID != "" {
		add("actor_id = ?", f.ActorID)
	}
	if f.Action != "" {
		add("action = ?", f.Action)
	}
	if f.Resource != "" {
		add("resource_type = ?", f.Resource)
	}
	if f.ResourceID != "" {
		add("resource_id = ?", f.ResourceID)
	}
	if f.Cursor != "" {
		add("(at, id) < (?, ?)", curAt, curID)
	}
	sql := selectEvents
	if len(where) > 0 {
		sql += " WHERE " + strings.Join(where, " AND ")
	}
	sql += " ORDER BY at DESC, id DESC LIMIT ?"
	args = append(args, f.Limit+1)
	var out []Event
	if err := db.WithContext(ctx).Raw(sql, args...).Scan(&out).Error; err != nil {
		return nil, "", err
	}
	out, next := platform.PageOf(out, f.Limit, func(e Event) (time.Time, string) { return e.At, e.ID })
	return out, next, nil
}
