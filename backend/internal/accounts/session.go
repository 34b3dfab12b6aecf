package accounts

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Identity is who a session token belongs to, read fresh on every request.
type Identity struct {
	User      User
	SessionID string
	csrfHash  []byte
}

// CheckCSRF reports whether token is the CSRF token issued with this session.
func (i Identity) CheckCSRF(token string) bool {
	return token != "" && constantTimeEqual(hashSecret(token), i.csrfHash)
}

// authenticateQuery finds the live session of a token hash with its user; the columns are
// userColumns' in the same order.
const authenticateQuery = `SELECT u.id, u.username, u.display_name, u.agency_id, u.active,
	(u.totp_secret IS NOT NULL), u.must_change_password, u.language, u.created_at, u.deactivated_at,
	COALESCE((SELECT string_agg(r.role, ',' ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), ''),
	COALESCE((SELECT string_agg(t.team_id::text, ',' ORDER BY t.team_id) FROM team_members t WHERE t.user_id = u.id), ''),
	s.id, s.csrf_hash, s.last_seen_at
	FROM sessions s JOIN users u ON u.id = s.user_id
	WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3 AND u.active`

// touchEvery limits how often a session's last-seen time is written.
const touchEvery = time.Minute

// Authenticate returns the identity behind a session token. EUNAUTHORIZED when the token is
// unknown, revoked, idle for longer than the idle timeout, past its absolute age, or its user
// is deactivated.
func (s *Service) Authenticate(ctx context.Context, token string) (Identity, error) {
	if token == "" || len(token) > 200 {
		return Identity{}, platform.Errorf(platform.EUNAUTHORIZED, "Log in first.")
	}
	now := s.clock.Now()
	// The hottest query of all (every request): plain database/sql, no reflection.
	sqlDB, err := s.db.DB()
	if err != nil {
		return Identity{}, err
	}
	var r UserRecord
	var sessionID string
	var csrfHash []byte
	var lastSeen time.Time
	err = sqlDB.QueryRowContext(ctx, authenticateQuery, hashSecret(token), now, now.Add(-s.settings.IdleTimeout)).Scan(
		&r.ID, &r.Username, &r.DisplayName, &r.AgencyID, &r.Active, &r.MFAEnabled, &r.MustChangePassword, &r.Language,
		&r.CreatedAt, &r.DeactivatedAt, &r.Roles, &r.TeamIDs, &sessionID, &csrfHash, &lastSeen)
	if errors.Is(err, sql.ErrNoRows) {
		return Identity{}, platform.Errorf(platform.EUNAUTHORIZED, "Your session has ended. Log in again.")
	}
	if err != nil {
		return Identity{}, err
	}
	if now.Sub(lastSeen) >= touchEvery {
		if _, err := sqlDB.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1 WHERE id = $2`, now, sessionID); err != nil {
			return Identity{}, err
		}
	}
	return Identity{User: r.user(), SessionID: sessionID, csrfHash: csrfHash}, nil
}

// Restricted says what the user must do before anything else, or "" when nothing: change a
// temporary password, or enrol a second factor when policy requires one of them (mfaRequired,
// decided by authz) and the server runs in production.
func (s *Service) Restricted(u User, mfaRequired bool) string {
	if u.MustChangePassword {
		return platform.EPASSWORDCHANGE
	}
	if s.settings.Production && mfaRequired && !u.MFAEnabled {
		return platform.EMFAENROLL
	}
	return ""
}

// Logout ends one session.
func (s *Service) Logout(ctx context.Context, userID, sessionID string) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`UPDATE sessions SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL`,
			s.clock.Now(), sessionID, userID).Error; err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: userID, Action: "auth.logout", ResourceType: "session",
			ResourceID: sessionID, Basis: audit.BasisSelf})
	})
	if err == nil {
		s.ended([]string{sessionID})
	}
	return err
}

// LogoutAll ends every session of the user.
func (s *Service) LogoutAll(ctx context.Context, userID string) error {
	var ids []string
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if ids, err = s.endSessions(tx, userID, ""); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: userID, Action: "auth.logout_all", ResourceType: "user",
			ResourceID: userID, Basis: audit.BasisSelf})
	})
	if err == nil {
		s.ended(ids)
	}
	return err
}

// endSessions revokes every live session of userID except keep and returns their ids.
func (s *Service) endSessions(tx *gorm.DB, userID, keep string) ([]string, error) {
	q := `UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`
	args := []any{s.clock.Now(), userID}
	if keep != "" {
		q += ` AND id <> ?`
		args = append(args, keep)
	}
	var ids []string
	err := tx.Raw(q+` RETURNING id`, args...).Scan(&ids).Error
	return ids, err
}

// LiveSessions returns which of ids are still live sessions (not revoked, idle or expired).
func (s *Service) LiveSessions(ctx context.Context, ids []string) (map[string]bool, error) {
	now := s.clock.Now()
	var live []string
	err := s.db.WithContext(ctx).Raw(`SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.id IN ? AND s.revoked_at IS NULL AND s.expires_at > ? AND s.last_seen_at > ? AND u.active`,
		ids, now, now.Add(-s.settings.IdleTimeout)).Scan(&live).Error
	out := make(map[string]bool, len(live))
	for _, id := range live {
		out[id] = true
	}
	return out, err
}

// Session is one live login of a user.
type Session struct {
	ID         string    `json:"id"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	ExpiresAt  time.Time `json:"expires_at"`
	UserAgent  string    `json:"user_agent"`
	ClientIP   string    `json:"client_ip"`
	Current    bool      `json:"current"`
}

// Sessions lists the live sessions of the user, newest first.
func (s *Service) Sessions(ctx context.Context, userID, currentID string) ([]Session, error) {
	now := s.clock.Now()
	var out []Session
	err := s.db.WithContext(ctx).Raw(`SELECT id, created_at, last_seen_at, expires_at, user_agent, client_ip FROM sessions
		WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? AND last_seen_at > ? ORDER BY created_at DESC`,
		userID, now, now.Add(-s.settings.IdleTimeout)).Scan(&out).Error
	for i := range out {
		out[i].Current = out[i].ID == currentID
		out[i].CreatedAt, out[i].LastSeenAt, out[i].ExpiresAt = out[i].CreatedAt.UTC(), out[i].LastSeenAt.UTC(), out[i].ExpiresAt.UTC()
	}
	if out == nil {
		out = []Session{}
	}
	return out, err
}

// EndSession ends one of the user's own sessions. ENOTFOUND when it is not theirs or not live.
func (s *Service) EndSession(ctx context.Context, userID, sessionID string) error {
	if !platform.ValidID(sessionID) {
		return platform.Errorf(platform.ENOTFOUND, "Session not found.")
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r := tx.Exec(`UPDATE sessions SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL`, s.clock.Now(), sessionID, userID)
		if r.Error != nil {
			return r.Error
		}
		if r.RowsAffected == 0 {
			return platform.Errorf(platform.ENOTFOUND, "Session not found.")
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: userID, Action: "auth.session_end", ResourceType: "session",
			ResourceID: sessionID, Basis: audit.BasisSelf})
	})
	if err == nil {
		s.ended([]string{sessionID})
	}
	return err
}
