package chat

import (
	"context"
	"time"

	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Read is how far a member has read a case's chat.
type Read struct {
	UserID      string    `json:"user_id"`
	DisplayName string    `json:"display_name"`
	LastSeq     int64     `json:"last_seq"`
	At          time.Time `json:"at"`
}

// MarkRead records that p has read the case's messages up to messageID (never backwards) and
// tells the other readers. ENOTFOUND; EINVALID (message_id).
func (s *Service) MarkRead(ctx context.Context, p *authz.Principal, caseID, messageID string) (Read, error) {
	if _, err := s.Access(ctx, p, caseID); err != nil {
		return Read{}, err
	}
	db := s.db.WithContext(ctx)
	seq, err := s.seqOf(db, caseID, messageID)
	if err != nil || messageID == "" {
		if err == nil || platform.ErrorCode(err) == platform.EINVALID {
			err = platform.Invalid(platform.FieldError{Field: "message_id", Message: "Give the id of a message of this case."})
		}
		return Read{}, err
	}
	now := s.clock.Now()
	var r Read
	err = db.Raw(`INSERT INTO message_reads (case_id, user_id, last_seq, at) VALUES (?, ?, ?, ?)
		ON CONFLICT (case_id, user_id) DO UPDATE SET last_seq = GREATEST(message_reads.last_seq, EXCLUDED.last_seq),
			at = CASE WHEN EXCLUDED.last_seq > message_reads.last_seq THEN EXCLUDED.at ELSE message_reads.at END
		RETURNING user_id, last_seq, at`, caseID, p.UserID, seq, now).Scan(&r).Error
	if err != nil {
		return Read{}, err
	}
	r.DisplayName = p.DisplayName
	r.At = r.At.UTC()
	return r, notify(db, event{Kind: kindRead, CaseID: caseID, UserID: p.UserID, Seq: r.LastSeq})
}

// Reads lists how far each reader has read the case's chat ("seen by"). ENOTFOUND.
func (s *Service) Reads(ctx context.Context, p *authz.Principal, caseID string) ([]Read, error) {
	if _, err := s.Access(ctx, p, caseID); err != nil {
		return nil, err
	}
	out := []Read{}
	err := s.db.WithContext(ctx).Raw(`SELECT r.user_id, u.display_name, r.last_seq, r.at FROM message_reads r
		JOIN users u ON u.id = r.user_id WHERE r.case_id = ? ORDER BY r.last_seq DESC, u.display_name`, caseID).Scan(&out).Error
	for i := range out {
		out[i].At = out[i].At.UTC()
	}
	return out, err
}

// Unread counts, per case, the messages p may read that others wrote after p's read marker.
func (s *Service) Unread(ctx context.Context, p *authz.Principal, caseIDs []string) (map[string]int, error) {
	out := map[string]int{}
	if len(caseIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		CaseID string
		N      int
	}
	err := s.db.WithContext(ctx).Raw(`SELECT m.case_id, count(*) AS n FROM messages m
		LEFT JOIN message_reads r ON r.case_id = m.case_id AND r.user_id = ?
		WHERE m.case_id IN ? AND m.seq > COALESCE(r.last_seq, 0) AND m.author_id <> ? AND m.deleted_at IS NULL
			AND m.sensitivity IN ?
		GROUP BY m.case_id`, p.UserID, caseIDs, p.UserID, s.cases.Readable(p)).Scan(&rows).Error
	for _, r := range rows {
		out[r.CaseID] = r.N
	}
	return out, err
}

// activeRoles returns the roles of each active user among ids (none for a deactivated one).
func (s *Service) activeRoles(ctx context.Context, ids []string) (map[string][]string, error) {
	var rows []struct{ UserID, Role string }
	err := s.db.WithContext(ctx).Raw(`SELECT r.user_id, r.role FROM user_roles r JOIN users u ON u.id = r.user_id AND u.active
		WHERE r.user_id IN ?`, ids).Scan(&rows).Error
	out := map[string][]string{}
	for _, r := range rows {
		out[r.UserID] = append(out[r.UserID], r.Role)
	}
	return out, err
}

// UnreadIn counts the unread messages of one case for p. ENOTFOUND.
func (s *Service) UnreadIn(ctx context.Context, p *authz.Principal, caseID string) (int, error) {
	if _, err := s.Access(ctx, p, caseID); err != nil {
		return 0, err
	}
	m, err := s.Unread(ctx, p, []string{caseID})
	return m[caseID], err
}

// setPresence records whether the user has the case's chat open in this process.
func (s *Service) setPresence(ctx context.Context, instance, caseID, userID string, here bool) error {
	db := s.db.WithContext(ctx)
	var err error
	if !here {
		err = db.Exec(`DELETE FROM chat_presence WHERE instance_id = ? AND case_id = ? AND user_id = ?`, instance, caseID, userID).Error
	} else {
		err = db.Exec(`INSERT INTO chat_presence (instance_id, case_id, user_id, seen_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (instance_id, case_id, user_id) DO UPDATE SET seen_at = EXCLUDED.seen_at`,
			instance, caseID, userID, s.clock.Now()).Error
	}
	if err != nil {
		return err
	}
	return notify(db, event{Kind: kindPresence, CaseID: caseID})
}

// presenceTTL is how long a process's presence rows count without a refresh.
const presenceTTL = 150 * time.Second

// presence lists the users who have the case's chat open in any live process.
func (s *Service) presence(ctx context.Context, caseID string) ([]string, error) {
	out := []string{}
	err := s.db.WithContext(ctx).Raw(`SELECT DISTINCT user_id FROM chat_presence WHERE case_id = ? AND seen_at > ? ORDER BY user_id`,
		caseID, s.clock.Now().Add(-presenceTTL)).Scan(&out).Error
	return out, err
}

func (s *Service) touchPresence(ctx context.Context, instance string) error {
	return s.db.WithContext(ctx).Exec(`UPDATE chat_presence SET seen_at = ? WHERE instance_id = ?`, s.clock.Now(), instance).Error
}

func (s *Service) clearPresence(ctx context.Context, instance string) error {
	return s.db.WithContext(ctx).Exec(`DELETE FROM chat_presence WHERE instance_id = ? OR seen_at < ?`, instance, s.clock.Now().Add(-presenceTTL)).Error
}
