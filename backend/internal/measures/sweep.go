package measures

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/alerts"
	"github.com/zajedno/zajedno/backend/internal/audit"
)

// Sweep ends the measures whose time is over (48 hours after service without an extension,
// or at the end of the extension) and sends, once each, the reminders before every open
// deadline. It returns how many measures expired and how many reminders went out.
func (s *Service) Sweep(ctx context.Context) (expired, reminded int, err error) {
	now := s.clock.Now()
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var ended []Measure
		if err := tx.Raw(`UPDATE urgent_measures SET status = 'expired', updated_at = @now,
				ended_at = CASE WHEN status = 'extended' THEN extended_until ELSE expires_at END
			WHERE (status IN ('active', 'proposal_pending', 'rejected') AND expires_at <= @now) OR (status = 'extended' AND extended_until <= @now)
			RETURNING id, case_id, created_by, ended_at`, map[string]any{"now": now}).Scan(&ended).Error; err != nil {
			return err
		}
		for _, m := range ended {
			if err := addEvent(tx, m.ID, "expire", m.EndedAt, "", "", now); err != nil {
				return err
			}
			to, err := s.caseActors(tx, m)
			if err != nil {
				return err
			}
			if err := alerts.RaiseAbout(tx, now, to, alerts.KindMeasureExpired, "", alerts.About{CaseID: m.CaseID, MeasureID: m.ID}); err != nil {
				return err
			}
			if err := s.audit.RecordTx(ctx, tx, audit.Event{Action: "urgent_measure.expire", ResourceType: "urgent_measure", ResourceID: m.ID,
				CaseID: m.CaseID, Basis: audit.BasisNone}); err != nil {
				return err
			}
		}
		expired = len(ended)
		n, err := s.remind(tx, now)
		reminded = n
		return err
	})
	return expired, reminded, err
}

// deadline is one open deadline of a measure and who must act before it.
type deadline struct {
	name   string
	due    time.Time
	chairs bool // the coordination group's chair (the prosecutor) must act
	actors bool // the case's lead and the police liaison who issued the measure
}

// deadlines are a measure's open deadlines.
func deadlines(m Measure, appeals []Appeal) []deadline {
	var out []deadline
	switch m.Status {
	case "active":
		out = append(out, deadline{"proposal", *m.ProposalDueAt, true, false}, deadline{"expiry", *m.ExpiresAt, false, true})
	case "proposal_pending":
		out = append(out, deadline{"decision", *m.DecisionDueAt, true, false}, deadline{"expiry", *m.ExpiresAt, false, true})
	case "rejected":
		out = append(out, deadline{"expiry", *m.ExpiresAt, false, true})
	case "extended":
		out = append(out, deadline{"extension_end", *m.ExtendedUntil, true, true})
	}
	for _, a := range appeals {
		switch {
		case a.DecidedAt != nil:
		case a.ForwardedAt == nil:
			out = append(out, deadline{"appeal_forward", a.ForwardDueAt, true, false})
		case a.DecisionDueAt != nil:
			out = append(out, deadline{"appeal_decision", *a.DecisionDueAt, true, false})
		}
	}
	return out
}

// remind sends each reminder whose time has come and has not been sent.
func (s *Service) remind(tx *gorm.DB, now time.Time) (int, error) {
	if len(s.settings.Reminders) == 0 {
		return 0, nil
	}
	var open []Measure
	if err := tx.Raw(selectMeasures + ` WHERE status IN ('active', 'proposal_pending', 'rejected', 'extended') OR EXISTS (
		SELECT 1 FROM urgent_measure_appeals a WHERE a.measure_id = urgent_measures.id AND a.decided_at IS NULL)`).Scan(&open).Error; err != nil {
		return 0, err
	}
	sent := 0
	for _, m := range open {
		var appeals []Appeal
		if err := tx.Raw(`SELECT id, filed_at, forward_due_at, forwarded_at, decision_due_at, decided_at, outcome FROM urgent_measure_appeals
			WHERE measure_id = ? AND decided_at IS NULL`, m.ID).Scan(&appeals).Error; err != nil {
			return sent, err
		}
		for _, d := range deadlines(m, appeals) {
			for _, before := range s.settings.Reminders {
				if now.Before(d.due.Add(-before)) || !now.Before(d.due) {
					continue
				}
				r := tx.Exec(`INSERT INTO deadline_reminders (measure_id, deadline, offset_seconds, sent_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
					m.ID, d.name, int(before.Seconds()), now)
				if r.Error != nil {
					return sent, r.Error
				}
				if r.RowsAffected == 0 {
					continue
				}
				to, err := s.recipients(tx, m, d)
				if err != nil {
					return sent, err
				}
				if err := alerts.RaiseAbout(tx, now, to, alerts.KindMeasureDeadline, "", alerts.About{CaseID: m.CaseID, MeasureID: m.ID}); err != nil {
					return sent, err
				}
				sent++
			}
		}
	}
	return sent, nil
}

// recipients are who must act before d.
func (s *Service) recipients(tx *gorm.DB, m Measure, d deadline) ([]string, error) {
	var out []string
	if d.chairs {
		var chairs []string
		if err := tx.Raw(`SELECT DISTINCT g.chair_id::text FROM cases c JOIN coordination_group_teams gt ON gt.team_id = c.team_id
			JOIN coordination_groups g ON g.id = gt.group_id JOIN users ch ON ch.id = g.chair_id AND ch.active
			WHERE c.id = ?`, m.CaseID).Scan(&chairs).Error; err != nil {
			return nil, err
		}
		out = append(out, chairs...)
	}
	if d.actors {
		actors, err := s.caseActors(tx, m)
		if err != nil {
			return nil, err
		}
		for _, a := range actors {
			if !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
	}
	return out, nil
}
