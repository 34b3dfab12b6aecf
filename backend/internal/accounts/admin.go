package accounts

import (
	"context"
	"encoding/base64"
	"regexp"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,62}$`)

// NewUser is what an administrator enters to create an account.
type NewUser struct {
	Username    string
	DisplayName string
	AgencyID    string
	Roles       []string
}

// UserPatch changes some fields of an account; nil fields stay as they are.
type UserPatch struct {
	DisplayName *string
	AgencyID    *string
	Roles       *[]string
}

// Reassignment lists what a deactivated user leaves behind.
type Reassignment struct {
	Cases []CaseRef `json:"cases"`
	Tasks []TaskRef `json:"tasks"`
}

// CaseRef names a case to hand over.
type CaseRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// TaskRef names a task to hand over.
type TaskRef struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	CaseID string `json:"case_id"`
}

func checkRoles(v *platform.Validator, roles []string) {
	v.Check(len(roles) > 0, "roles", "Give the user at least one role.")
	for _, r := range roles {
		if !authz.ValidRole(r) {
			v.Add("roles", "Unknown role: "+r+".")
			return
		}
	}
}

func (s *Service) checkAgency(tx *gorm.DB, v *platform.Validator, agencyID string) error {
	if !platform.ValidID(agencyID) {
		v.Add("agency_id", "Choose an agency.")
		return nil
	}
	var n int64
	if err := tx.Raw(`SELECT count(*) FROM agencies WHERE id = ?`, agencyID).Scan(&n).Error; err != nil {
		return err
	}
	v.Check(n == 1, "agency_id", "That agency does not exist.")
	return nil
}

func uniqueSorted(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return slices.Compact(out)
}

// CreateUser creates an account with a temporary password that must be changed at the first
// login. EINVALID names the wrong fields (a taken username included).
func (s *Service) CreateUser(ctx context.Context, actor *authz.Principal, in NewUser) (User, string, error) {
	in.Username = strings.ToLower(strings.TrimSpace(in.Username))
	in.DisplayName = strings.TrimSpace(in.DisplayName)
	in.Roles = uniqueSorted(in.Roles)
	tempPassword := temporaryPassword()
	hash, err := HashPassword(tempPassword)
	if err != nil {
		return User{}, "", err
	}
	var u User
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var v platform.Validator
		v.Check(usernamePattern.MatchString(in.Username), "username", "Use 2 to 63 lower-case letters, digits, dots, dashes or underscores.")
		v.Check(in.DisplayName != "" && len(in.DisplayName) <= 200, "display_name", "Enter the name to show (at most 200 characters).")
		checkRoles(&v, in.Roles)
		if err := s.checkAgency(tx, &v, in.AgencyID); err != nil {
			return err
		}
		var taken int64
		if err := tx.Raw(`SELECT count(*) FROM users WHERE username = ?`, in.Username).Scan(&taken).Error; err != nil {
			return err
		}
		v.Check(taken == 0, "username", "That username is taken.")
		if err := v.Err(); err != nil {
			return err
		}
		id := platform.NewID()
		if err := tx.Exec(`INSERT INTO users (id, username, display_name, agency_id, password_hash, must_change_password, created_at)
			VALUES (?, ?, ?, ?, ?, true, ?)`, id, in.Username, in.DisplayName, in.AgencyID, hash, s.clock.Now()).Error; err != nil {
			return err
		}
		if err := setRoles(tx, id, in.Roles); err != nil {
			return err
		}
		if err := s.audit.RecordTx(ctx, tx, adminEvent(actor, "user.create", id)); err != nil {
			return err
		}
		u, err = getUser(tx, id)
		return err
	})
	if err != nil {
		return User{}, "", err
	}
	return u, tempPassword, nil
}

func setRoles(tx *gorm.DB, userID string, roles []string) error {
	if err := tx.Exec(`DELETE FROM user_roles WHERE user_id = ?`, userID).Error; err != nil {
		return err
	}
	for _, r := range roles {
		if err := tx.Exec(`INSERT INTO user_roles (user_id, role) VALUES (?, ?)`, userID, r).Error; err != nil {
			return err
		}
	}
	return nil
}

func adminEvent(actor *authz.Principal, action, userID string) audit.Event {
	basis := audit.BasisAdmin
	if actor.UserID == "" {
		basis = audit.BasisConsole // the first administrator, made from the command line
	}
	return audit.Event{ActorID: actor.UserID, Action: action, ResourceType: "user", ResourceID: userID, Basis: basis}
}

// UpdateUser changes the display name, agency or roles of an account. A role change takes
// effect on the user's next request. ENOTFOUND, EINVALID.
func (s *Service) UpdateUser(ctx context.Context, actor *authz.Principal, id string, p UserPatch) (User, error) {
	var u User
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := getUser(tx, id); err != nil {
			return err
		}
		var v platform.Validator
		if p.DisplayName != nil {
			name := strings.TrimSpace(*p.DisplayName)
			p.DisplayName = &name
			v.Check(name != "" && len(name) <= 200, "display_name", "Enter the name to show (at most 200 characters).")
		}
		if p.AgencyID != nil {
			if err := s.checkAgency(tx, &v, *p.AgencyID); err != nil {
				return err
			}
		}
		if p.Roles != nil {
			roles := uniqueSorted(*p.Roles)
			p.Roles = &roles
			checkRoles(&v, roles)
			v.Check(id != actor.UserID || slices.Contains(roles, authz.RoleAdmin), "roles", "You cannot take the admin role from yourself.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		if p.DisplayName != nil {
			if err := tx.Exec(`UPDATE users SET display_name = ? WHERE id = ?`, *p.DisplayName, id).Error; err != nil {
				return err
			}
		}
		if p.AgencyID != nil {
			if err := tx.Exec(`UPDATE users SET agency_id = ? WHERE id = ?`, *p.AgencyID, id).Error; err != nil {
				return err
			}
		}
		events := []audit.Event{adminEvent(actor, "user.update", id)}
		if p.Roles != nil {
			if err := setRoles(tx, id, *p.Roles); err != nil {
				return err
			}
			events = append(events, adminEvent(actor, "user.roles_change", id))
		}
		if err := s.audit.RecordTx(ctx, tx, events...); err != nil {
			return err
		}
		var err error
		u, err = getUser(tx, id)
		return err
	})
	return u, err
}

// Deactivate ends every session of the user at once and lists the open cases they lead and
// the open tasks they hold, to be handed over. EFORBIDDEN for one's own account.
func (s *Service) Deactivate(ctx context.Context, actor *authz.Principal, id string) (User, Reassignment, error) {
	if id == actor.UserID {
		return User{}, Reassignment{}, platform.Errorf(platform.EFORBIDDEN, "You cannot deactivate your own account.")
	}
	var u User
	var ended []string
	re := Reassignment{Cases: []CaseRef{}, Tasks: []TaskRef{}}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := getUser(tx, id); err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE users SET active = false, deactivated_at = COALESCE(deactivated_at, ?) WHERE id = ?`, s.clock.Now(), id).Error; err != nil {
			return err
		}
		var err error
		if ended, err = s.endSessions(tx, id, ""); err != nil {
			return err
		}
		if err := tx.Raw(`SELECT id, title FROM cases WHERE lead_id = ? AND status <> 'closed' ORDER BY created_at`, id).Scan(&re.Cases).Error; err != nil {
			return err
		}
		if err := tx.Raw(`SELECT id, title, case_id FROM tasks WHERE assignee_id = ? AND status IN ('open','in_progress') ORDER BY due_at NULLS LAST, created_at`, id).Scan(&re.Tasks).Error; err != nil {
			return err
		}
		if err := s.audit.RecordTx(ctx, tx, adminEvent(actor, "user.deactivate", id)); err != nil {
			return err
		}
		u, err = getUser(tx, id)
		return err
	})
	if err != nil {
		return User{}, Reassignment{}, err
	}
	s.ended(ended)
	return u, re, nil
}

// Reactivate lets a deactivated user log in again.
func (s *Service) Reactivate(ctx context.Context, actor *authz.Principal, id string) (User, error) {
	return s.adminChange(ctx, actor, id, "user.reactivate", false, func(tx *gorm.DB) error {
		return tx.Exec(`UPDATE users SET active = true, deactivated_at = NULL WHERE id = ?`, id).Error
	})
}

// ResetPassword gives the user a new temporary password, forces a change at the next login
// and ends their sessions.
func (s *Service) ResetPassword(ctx context.Context, actor *authz.Principal, id string) (string, error) {
	temp := temporaryPassword()
	hash, err := HashPassword(temp)
	if err != nil {
		return "", err
	}
	_, err = s.adminChange(ctx, actor, id, "user.password_reset", true, func(tx *gorm.DB) error {
		return tx.Exec(`UPDATE users SET password_hash = ?, must_change_password = true WHERE id = ?`, hash, id).Error
	})
	if err != nil {
		return "", err
	}
	return temp, nil
}

// ResetMFA removes the user's second factor and recovery codes (a lost phone) and ends their
// sessions.
func (s *Service) ResetMFA(ctx context.Context, actor *authz.Principal, id string) (User, error) {
	return s.adminChange(ctx, actor, id, "user.mfa_reset", true, func(tx *gorm.DB) error { return clearMFA(tx, id) })
}

// adminChange runs change on an existing user with its audit event in one transaction.
func (s *Service) adminChange(ctx context.Context, actor *authz.Principal, id, action string, endSessions bool, change func(tx *gorm.DB) error) (User, error) {
	var u User
	var ended []string
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := getUser(tx, id); err != nil {
			return err
		}
		if err := change(tx); err != nil {
			return err
		}
		if endSessions {
			var err error
			if ended, err = s.endSessions(tx, id, ""); err != nil {
				return err
			}
		}
		if err := s.audit.RecordTx(ctx, tx, adminEvent(actor, action, id)); err != nil {
			return err
		}
		var err error
		u, err = getUser(tx, id)
		return err
	})
	if err == nil {
		s.ended(ended)
	}
	return u, err
}

// ListUsers returns accounts ordered by username, matching q in the username or display
// name, and the cursor of the next page.
func (s *Service) ListUsers(ctx context.Context, q string, limit int, cursor string) ([]User, string, error) {
	after := ""
	if cursor != "" {
		b, err := base64.RawURLEncoding.DecodeString(cursor)
		if err != nil {
			return nil, "", platform.Invalid(platform.FieldError{Field: "cursor", Message: "is not a cursor this server gave"})
		}
		after = string(b)
	}
	sql := userColumns + ` FROM users u WHERE u.username > ?`
	args := []any{after}
	if q = strings.TrimSpace(q); q != "" {
		// Names match across scripts and diacritics (Петровић = Petrović = Petrovic).
		sql += ` AND (zajedno_fold(u.username) LIKE '%' || zajedno_fold(?) || '%' OR zajedno_fold(u.display_name) LIKE '%' || zajedno_fold(?) || '%')`
		like := platform.EscapeLike(q)
		args = append(args, like, like)
	}
	sql += ` ORDER BY u.username LIMIT ?`
	args = append(args, limit+1)
	var rows []UserRecord
	if err := s.db.WithContext(ctx).Raw(sql, args...).Scan(&rows).Error; err != nil {
		return nil, "", err
	}
	next := ""
	if len(rows) > limit {
		rows = rows[:limit]
		next = base64.RawURLEncoding.EncodeToString([]byte(rows[len(rows)-1].Username))
	}
	out := make([]User, len(rows))
	for i, r := range rows {
		out[i] = r.user()
	}
	return out, next, nil
}

// Bootstrap creates the first administrator of a new installation, in the agency of type
// "system" (made, and audited, when there is none), and returns the temporary password (changed
// at the first login; in production a second factor is required before anything else).
// ECONFLICT once an active administrator exists: later accounts are made in the app.
func (s *Service) Bootstrap(ctx context.Context, username, displayName string) (User, string, error) {
	console := &authz.Principal{} // the operator at the console: no account yet
	var agencyID string
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var admins int64
		if err := tx.Raw(`SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id
			WHERE r.role = 'admin' AND u.active`).Scan(&admins).Error; err != nil {
			return err
		}
		if admins > 0 {
			return platform.Errorf(platform.ECONFLICT, "An active administrator exists: create further accounts in the app.")
		}
		if err := tx.Raw(`SELECT id FROM agencies WHERE type = 'system' ORDER BY created_at LIMIT 1`).Scan(&agencyID).Error; err != nil || agencyID != "" {
			return err
		}
		agencyID = platform.NewID()
		if err := tx.Exec(`INSERT INTO agencies (id, name, type) VALUES (?, 'Zajedno (sistem)', 'system')`, agencyID).Error; err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{Action: "agency.create", ResourceType: "agency", ResourceID: agencyID, Basis: audit.BasisConsole})
	})
	if err != nil {
		return User{}, "", err
	}
	return s.CreateUser(ctx, console, NewUser{Username: username, DisplayName: displayName, AgencyID: agencyID, Roles: []string{authz.RoleAdmin}})
}
