package meetings

import (
	"context"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/alerts"
)

// AlertCadence tells each group's chair, once per meeting, when 10 days have passed since
// the group's last meeting and no next meeting is planned. It returns how many it told.
func (s *Service) AlertCadence(ctx context.Context) (int, error) {
	now := s.clock.Now()
	n := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var groups []struct{ ID, ChairID string }
		if err := tx.Raw(`SELECT g.id, g.chair_id FROM coordination_groups g JOIN users u ON u.id = g.chair_id AND u.active`).Scan(&groups).Error; err != nil {
			return err
		}
		for _, g := range groups {
			c, err := cadence(tx, g.ID, now)
			if err != nil {
				return err
			}
			if !c.Warning {
				continue
			}
			var last string
			if err := tx.Raw(`SELECT id FROM meetings WHERE group_id = ? AND status <> 'cancelled' AND starts_at = ? LIMIT 1`, g.ID, *c.LastMeetingAt).Scan(&last).Error; err != nil {
				return err
			}
			r := tx.Exec(`INSERT INTO meeting_cadence_alerts (group_id, after_meeting_id, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, g.ID, last, now)
			if r.Error != nil {
				return r.Error
			}
			if r.RowsAffected == 0 {
				continue
			}
			if err := alerts.RaiseAbout(tx, now, []string{g.ChairID}, alerts.KindMeetingNotPlanned, "", alerts.About{MeetingID: last}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}
