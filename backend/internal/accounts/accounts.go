// Package accounts holds users, their sessions, passwords and second factors, and the
// administration of accounts.
package accounts

import (
	"context"
	"crypto/sha256"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// User is an account as the API shows it. It never holds secrets.
type User struct {
	ID                 string     `json:"id"`
	Username           string     `json:"username"`
	DisplayName        string     `json:"display_name"`
	AgencyID           string     `json:"agency_id"`
	Roles              []string   `json:"roles"`
	TeamIDs            []string   `json:"team_ids"`
	Active             bool       `json:"active"`
	MFAEnabled         bool       `json:"mfa_enabled"`
	MustChangePassword bool       `json:"must_change_password"`
	Language           string     `json:"language"`
	CreatedAt          time.Time  `json:"created_at"`
	DeactivatedAt      *time.Time `json:"deactivated_at"`
}

// Languages a user may choose.
var Languages = []string{"sr-Latn", "sr-Cyrl", "en"}

// Settings are the account rules taken from the configuration.
type Settings struct {
	IdleTimeout      time.Duration
	MaxAge           time.Duration
	LoginWindow      time.Duration
	MaxFailures      int
	IPMaxFailures    int
	Production       bool
	MinPasswordChars int
}

// Service is the accounts domain.
type Service struct {
	db       *gorm.DB
	audit    *audit.Log
	clock    platform.Clock
	settings Settings
	// sessionsEnded is called after sessions ended (logout, logout everywhere, deactivation,
	// password change or reset) so that their live connections are closed at once.
	sessionsEnded func(sessionIDs []string)
}

// NewService returns the accounts service.
func NewService(db *gorm.DB, log *audit.Log, clock platform.Clock, s Settings) *Service {
	if s.MinPasswordChars == 0 {
		s.MinPasswordChars = 12
	}
	return &Service{db: db, audit: log, clock: clock, settings: s, sessionsEnded: func([]string) {}}
}

// OnSessionsEnded registers f to be called with the ids of sessions that just ended.
func (s *Service) OnSessionsEnded(f func(sessionIDs []string)) { s.sessionsEnded = f }

// ended reports ended sessions after their transaction committed.
func (s *Service) ended(ids []string) {
	if len(ids) > 0 {
		s.sessionsEnded(ids)
	}
}

func hashSecret(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

// userColumns selects a User; the caller adds FROM users u and a WHERE clause.
const userColumns = `SELECT u.id, u.username, u.display_name, u.agency_id, u.active,
	(u.totp_secret IS NOT NULL) AS mfa_enabled, u.must_change_password, u.language, u.created_at, u.deactivated_at,
	COALESCE((SELECT string_agg(r.role, ',' ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '') AS roles,
	COALESCE((SELECT string_agg(t.team_id::text, ',' ORDER BY t.team_id) FROM team_members t WHERE t.user_id = u.id), '') AS team_ids`

// UserRecord is a users row as userColumns selects it (exported so that GORM fills it when embedded).
type UserRecord struct {
	ID                 string
	Username           string
	DisplayName        string
	AgencyID           string
	Active             bool
	MFAEnabled         bool
	MustChangePassword bool
	Language           string
	CreatedAt          time.Time
	DeactivatedAt      *time.Time
	Roles              string // comma-separated: roles and ids never hold commas
	TeamIDs            string
}

func (r UserRecord) user() User {
	var deact *time.Time
	if r.DeactivatedAt != nil {
		t := r.DeactivatedAt.UTC()
		deact = &t
	}
	return User{
		ID: r.ID, Username: r.Username, DisplayName: r.DisplayName, AgencyID: r.AgencyID,
		Roles: splitList(r.Roles), TeamIDs: splitList(r.TeamIDs), Active: r.Active, MFAEnabled: r.MFAEnabled,
		MustChangePassword: r.MustChangePassword, Language: r.Language, CreatedAt: r.CreatedAt.UTC(),
		DeactivatedAt: deact,
	}
}

func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// Get returns the user with id. ENOTFOUND when there is none.
func (s *Service) Get(ctx context.Context, id string) (User, error) {
	return getUser(s.db.WithContext(ctx), id)
}

func getUser(tx *gorm.DB, id string) (User, error) {
	if !platform.ValidID(id) {
		return User{}, platform.Errorf(platform.ENOTFOUND, "User not found.")
	}
	var rows []UserRecord
	if err := tx.Raw(userColumns+` FROM users u WHERE u.id = ?`, id).Scan(&rows).Error; err != nil {
		return User{}, err
	}
	if len(rows) == 0 {
		return User{}, platform.Errorf(platform.ENOTFOUND, "User not found.")
	}
	return rows[0].user(), nil
}
