package directory

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Teams lists the caller's teams, or every team when all is true (authz decides who may).
func (s *Service) Teams(ctx context.Context, p *authz.Principal, all bool) ([]Team, error) {
	db := s.db.WithContext(ctx)
	var teams []Team
	var err error
	if all {
		err = db.Raw(`SELECT id, name FROM teams ORDER BY name`).Scan(&teams).Error
	} else {
		err = db.Raw(`SELECT t.id, t.name FROM teams t JOIN team_members m ON m.team_id = t.id WHERE m.user_id = ? ORDER BY t.name`, p.UserID).Scan(&teams).Error
	}
	if err != nil {
		return nil, err
	}
	if teams == nil {
		teams = []Team{}
	}
	for i := range teams {
		if teams[i].Members, err = members(db, teams[i].ID); err != nil {
			return nil, err
		}
	}
	return teams, nil
}

func members(tx *gorm.DB, teamID string) ([]Member, error) {
	return memberList(tx, `team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = ?`, teamID)
}

// memberList reads the active users of a membership table (from: its FROM and WHERE, with
// the group or team id as the one argument), with their roles.
func memberList(tx *gorm.DB, from, id string) ([]Member, error) {
	var rows []struct {
		Member
		RoleList string
	}
	err := tx.Raw(`SELECT u.id, u.username, u.display_name, u.agency_id,
		COALESCE((SELECT string_agg(r.role, ',' ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '') AS role_list
		FROM `+from+` AND u.active ORDER BY u.display_name`, id).Scan(&rows).Error
	out := make([]Member, len(rows))
	for i, r := range rows {
		out[i] = r.Member
		out[i].Roles = []string{}
		if r.RoleList != "" {
			out[i].Roles = strings.Split(r.RoleList, ",")
		}
	}
	return out, err
}

func getTeam(tx *gorm.DB, id string) (Team, error) {
	var out []Team
	if platform.ValidID(id) {
		if err := tx.Raw(`SELECT id, name FROM teams WHERE id = ?`, id).Scan(&out).Error; err != nil {
			return Team{}, err
		}
	}
	if len(out) == 0 {
		return Team{}, platform.Errorf(platform.ENOTFOUND, "Team not found.")
	}
	t := out[0]
	var err error
	t.Members, err = members(tx, id)
	return t, err
}

func checkTeamName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 200 {
		return "", platform.Invalid(platform.FieldError{Field: "name", Message: "Enter the team's name (at most 200 characters)."})
	}
	return name, nil
}

// CreateTeam adds a team. EINVALID when the name is blank or taken.
func (s *Service) CreateTeam(ctx context.Context, actor *authz.Principal, name string) (Team, error) {
	name, err := checkTeamName(name)
	if err != nil {
		return Team{}, err
	}
	t := Team{ID: platform.NewID(), Name: name, Members: []Member{}}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`INSERT INTO teams (id, name) VALUES (?, ?)`, t.ID, t.Name).Error; err != nil {
			return nameTaken(err, "name", "A team with that name exists.")
		}
		return s.audit.RecordTx(ctx, tx, structureEvent(actor, "team.create", "team", t.ID))
	})
	return t, err
}

// RenameTeam changes a team's name. ENOTFOUND, EINVALID.
func (s *Service) RenameTeam(ctx context.Context, actor *authz.Principal, id, name string) (Team, error) {
	name, err := checkTeamName(name)
	if err != nil {
		return Team{}, err
	}
	return s.teamChange(ctx, actor, id, "team.rename", func(tx *gorm.DB) error {
		if err := tx.Exec(`UPDATE teams SET name = ? WHERE id = ?`, name, id).Error; err != nil {
			return nameTaken(err, "name", "A team with that name exists.")
		}
		return nil
	})
}

// AddMember puts a user in a team. ENOTFOUND for the team; EINVALID names user_id when the
// user does not exist or is deactivated; ECONFLICT when already a member.
func (s *Service) AddMember(ctx context.Context, actor *authz.Principal, teamID, userID string) (Team, error) {
	return s.teamChange(ctx, actor, teamID, "team.member_add", func(tx *gorm.DB) error {
		var n int64
		if platform.ValidID(userID) {
			if err := tx.Raw(`SELECT count(*) FROM users WHERE id = ? AND active`, userID).Scan(&n).Error; err != nil {
				return err
			}
		}
		if n == 0 {
			return platform.Invalid(platform.FieldError{Field: "user_id", Message: "Choose an active user."})
		}
		r := tx.Exec(`INSERT INTO team_members (team_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, teamID, userID)
		if r.Error != nil {
			return r.Error
		}
		if r.RowsAffected == 0 {
			return platform.Errorf(platform.ECONFLICT, "The user is already a member of this team.")
		}
		return nil
	}, userID)
}

// RemoveMember takes a user out of a team. ENOTFOUND when the team or the membership is absent.
func (s *Service) RemoveMember(ctx context.Context, actor *authz.Principal, teamID, userID string) error {
	_, err := s.teamChange(ctx, actor, teamID, "team.member_remove", func(tx *gorm.DB) error {
		if !platform.ValidID(userID) {
			return platform.Errorf(platform.ENOTFOUND, "Member not found.")
		}
		r := tx.Exec(`DELETE FROM team_members WHERE team_id = ? AND user_id = ?`, teamID, userID)
		if r.Error == nil && r.RowsAffected == 0 {
			return platform.Errorf(platform.ENOTFOUND, "Member not found.")
		}
		return r.Error
	}, userID)
	return err
}

// teamChange runs change on an existing team and audits it in one transaction. The audit
// event names the team, and the user when the change is about one.
func (s *Service) teamChange(ctx context.Context, actor *authz.Principal, teamID, action string, change func(tx *gorm.DB) error, userIDs ...string) (Team, error) {
	var t Team
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := getTeam(tx, teamID); err != nil {
			return err
		}
		if err := change(tx); err != nil {
			return err
		}
		events := []audit.Event{structureEvent(actor, action, "team", teamID)}
		for _, u := range userIDs {
			events = append(events, structureEvent(actor, action, "user", u))
		}
		if err := s.audit.RecordTx(ctx, tx, events...); err != nil {
			return err
		}
		var err error
		t, err = getTeam(tx, teamID)
		return err
	})
	return t, err
}

// CoordinationGroups lists the groups the caller chairs or belongs to.
func (s *Service) CoordinationGroups(ctx context.Context, p *authz.Principal) ([]CoordinationGroup, error) {
	out := []CoordinationGroup{}
	err := s.db.WithContext(ctx).Raw(`SELECT g.id, g.name, g.area, g.chair_id FROM coordination_groups g
		WHERE g.chair_id = ? OR EXISTS (SELECT 1 FROM coordination_group_members m WHERE m.group_id = g.id AND m.user_id = ?)
		ORDER BY g.name`, p.UserID, p.UserID).Scan(&out).Error
	return out, err
}
