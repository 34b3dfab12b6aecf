package meetings

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

// Preparation of a meeting (domain.md guidance): by 10:00 the day before, the police send the
// table of new cases and the CSR the table of ongoing cases; by 15:00 the prosecutor's
// registry checks them.
type prepKind struct {
	Kind string
	// Hour is the time of day, the day before the meeting, by which it is due.
	Hour int
	// AgencyType submits it (the chair submits the registry check).
	AgencyType string
}

var prepKinds = []prepKind{
	{"police_table", 10, "police"},
	{"csr_table", 10, "csr"},
	{"registry_check", 15, ""},
}

// PrepItem is one part of a meeting's preparation, arrived or missing.
type PrepItem struct {
	Kind            string     `json:"kind"`
	DueAt           time.Time  `json:"due_at"`
	SubmittedAt     *time.Time `json:"submitted_at"`
	SubmittedByName *string    `json:"submitted_by_name"`
	Body            *string    `json:"body"`
	// Late: not arrived by its time, or arrived after it.
	Late bool `json:"late"`
}

// prepDue is when a kind of preparation is due for a meeting starting at.
func prepDue(startsAt time.Time, hour int) time.Time {
	d := startsAt.In(Zone).AddDate(0, 0, -1)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, Zone).UTC()
}

func preparation(db *gorm.DB, m Meeting, now time.Time) ([]PrepItem, error) {
	var rows []struct {
		Kind, Body, Name string
		SubmittedAt      time.Time
	}
	if err := db.Raw(`SELECT p.kind, p.body, u.display_name AS name, p.submitted_at FROM meeting_preparation p JOIN users u ON u.id = p.submitted_by
		WHERE p.meeting_id = ?`, m.ID).Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]PrepItem, 0, len(prepKinds))
	for _, k := range prepKinds {
		it := PrepItem{Kind: k.Kind, DueAt: prepDue(m.StartsAt, k.Hour)}
		for _, r := range rows {
			if r.Kind == k.Kind {
				at, body, name := r.SubmittedAt.UTC(), r.Body, r.Name
				it.SubmittedAt, it.Body, it.SubmittedByName = &at, &body, &name
			}
		}
		it.Late = (it.SubmittedAt == nil && now.After(it.DueAt)) || (it.SubmittedAt != nil && it.SubmittedAt.After(it.DueAt))
		out = append(out, it)
	}
	return out, nil
}

// Preparation returns what has arrived for a meeting and what is missing, to its group.
func (s *Service) Preparation(ctx context.Context, p *authz.Principal, id string) ([]PrepItem, error) {
	db := s.db.WithContext(ctx)
	m, _, err := s.meeting(db, id, p.UserID, false)
	if err != nil {
		return nil, err
	}
	return preparation(db, m, s.clock.Now())
}

// Submit sends one part of the preparation of a planned meeting: the police table by a
// permanent member of a police station, the CSR table by one of a CSR, the registry check by
// the chair. A later submission replaces the earlier one. ENOTFOUND (not in the group, or an
// unknown kind); EFORBIDDEN (not whose part it is); ECONFLICT (the meeting has started);
// EINVALID naming body.
func (s *Service) Submit(ctx context.Context, p *authz.Principal, id, kind, body string) ([]PrepItem, error) {
	body = strings.TrimSpace(body)
	idx := slices.IndexFunc(prepKinds, func(k prepKind) bool { return k.Kind == kind })
	if idx < 0 {
		return nil, platform.Errorf(platform.ENOTFOUND, "There is no such part of a meeting's preparation.")
	}
	k := prepKinds[idx]
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		m, r, err := s.meeting(tx, id, p.UserID, true)
		if err != nil {
			return err
		}
		if m.Status != "planned" {
			return platform.Errorf(platform.ECONFLICT, "The meeting has started; the preparation is closed.")
		}
		switch {
		case k.AgencyType == "" && r != "chair":
			return errNotChair
		case k.AgencyType != "":
			var t string
			if err := tx.Raw(`SELECT type FROM agencies WHERE id = ?`, p.AgencyID).Scan(&t).Error; err != nil {
				return err
			}
			if t != k.AgencyType || r != "member" {
				return platform.Errorf(platform.EFORBIDDEN, "This table is sent by the group's permanent members of the %s.", map[string]string{"police": "police", "csr": "Center for Social Work"}[k.AgencyType])
			}
		}
		if body == "" || len([]rune(body)) > 50000 {
			return platform.Invalid(platform.FieldError{Field: "body", Message: "Write the table (at most 50,000 characters)."})
		}
		if err := tx.Exec(`INSERT INTO meeting_preparation (meeting_id, kind, body, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (meeting_id, kind) DO UPDATE SET body = EXCLUDED.body, submitted_by = EXCLUDED.submitted_by, submitted_at = EXCLUDED.submitted_at`,
			id, kind, body, p.UserID, s.clock.Now()).Error; err != nil {
			return err
		}
		// Whoever was told this part was late need not act any more.
		owers, err := owers(tx, m.GroupID, k)
		if err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE alerts SET acknowledged_at = COALESCE(acknowledged_at, @now), resolved_at = @now
			WHERE meeting_id = @m AND kind = @k AND resolved_at IS NULL AND user_id::text IN @u`,
			map[string]any{"now": s.clock.Now(), "m": id, "k": alerts.KindMeetingPreparation, "u": append(owers, "")}).Error; err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "meeting.prepare_" + kind, ResourceType: "meeting", ResourceID: id,
			Basis: audit.BasisCoordinationGroup})
	})
	if err != nil {
		return nil, err
	}
	return s.Preparation(ctx, p, id)
}

// AlertLatePreparation tells, once per part, the members responsible for a part of a planned
// meeting's preparation that has not arrived by its time (the chair for the registry check).
func (s *Service) AlertLatePreparation(ctx context.Context) (int, error) {
	now := s.clock.Now()
	n := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var ms []Meeting
		if err := tx.Raw(selectMeetings+` WHERE status = 'planned' AND starts_at > ? AND starts_at < ?`, now, now.AddDate(0, 0, 2)).Scan(&ms).Error; err != nil {
			return err
		}
		for _, m := range ms {
			items, err := preparation(tx, m, now)
			if err != nil {
				return err
			}
			for i, it := range items {
				if it.SubmittedAt != nil || !now.After(it.DueAt) {
					continue
				}
				r := tx.Exec(`INSERT INTO meeting_preparation_alerts (meeting_id, kind, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, m.ID, it.Kind, now)
				if r.Error != nil {
					return r.Error
				}
				if r.RowsAffected == 0 {
					continue
				}
				to, err := owers(tx, m.GroupID, prepKinds[i])
				if err != nil {
					return err
				}
				if err := alerts.RaiseAbout(tx, now, to, alerts.KindMeetingPreparation, "", alerts.About{MeetingID: m.ID}); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	return n, err
}

// owers are who owe a part of the preparation: the group's permanent members of the agency
// type, or the chair for the registry check.
func owers(tx *gorm.DB, groupID string, k prepKind) ([]string, error) {
	var to []string
	q := `SELECT chair_id::text FROM coordination_groups WHERE id = ?`
	args := []any{groupID}
	if k.AgencyType != "" {
		q = `SELECT gm.user_id::text FROM coordination_group_members gm JOIN users u ON u.id = gm.user_id AND u.active
			JOIN agencies ag ON ag.id = u.agency_id AND ag.type = ? WHERE gm.group_id = ?`
		args = []any{k.AgencyType, groupID}
	}
	err := tx.Raw(q, args...).Scan(&to).Error
	return to, err
}
