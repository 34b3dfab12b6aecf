package directory

import (
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// GroupDetail is a coordination group as administrators manage it: its chair, the
// municipalities of its area and its permanent members.
type GroupDetail struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	ChairID   string   `json:"chair_id"`
	ChairName string   `json:"chair_name"`
	Areas     []string `json:"areas" gorm:"-"`
	Members   []Member `json:"members" gorm:"-"`
}

var errGroupNotFound = platform.Errorf(platform.ENOTFOUND, "Coordination group not found.")

func (s *Service) group(db *gorm.DB, id string) (GroupDetail, error) {
	var gs []GroupDetail
	if platform.ValidID(id) {
		if err := db.Raw(`SELECT g.id, g.name, g.chair_id, u.display_name AS chair_name FROM coordination_groups g JOIN users u ON u.id = g.chair_id
			WHERE g.id = ?`, id).Scan(&gs).Error; err != nil {
			return GroupDetail{}, err
		}
	}
	if len(gs) == 0 {
		return GroupDetail{}, errGroupNotFound
	}
	return gs[0], s.groupParts(db, gs)
}

func (s *Service) groupParts(db *gorm.DB, gs []GroupDetail) error {
	for i := range gs {
		gs[i].Areas, gs[i].Members = []string{}, []Member{}
		if err := db.Raw(`SELECT municipality FROM coordination_group_areas WHERE group_id = ? ORDER BY municipality`, gs[i].ID).Scan(&gs[i].Areas).Error; err != nil {
			return err
		}
		ms, err := memberList(db, `coordination_group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = ?`, gs[i].ID)
		if err != nil {
			return err
		}
		gs[i].Members = ms
	}
	return nil
}

// AllGroups lists every coordination group, for administrators.
func (s *Service) AllGroups(ctx context.Context) ([]GroupDetail, error) {
	db := s.db.WithContext(ctx)
	out := []GroupDetail{}
	if err := db.Raw(`SELECT g.id, g.name, g.chair_id, u.display_name AS chair_name FROM coordination_groups g JOIN users u ON u.id = g.chair_id
		ORDER BY g.name`).Scan(&out).Error; err != nil {
		return nil, err
	}
	return out, s.groupParts(db, out)
}

// GroupInput is what an administrator sets on a group (nil: left as it is).
type GroupInput struct {
	Name    *string
	ChairID *string
	Areas   []string
}

// checkGroup validates the fields given; the chair must be an active coordination chair (a
// deputy public prosecutor), the area one or more municipalities.
func checkGroup(tx *gorm.DB, v *platform.Validator, in *GroupInput) error {
	if in.Name != nil {
		*in.Name = strings.TrimSpace(*in.Name)
		v.Check(*in.Name != "" && len([]rune(*in.Name)) <= 200, "name", "Name the group (at most 200 characters).")
	}
	if in.ChairID != nil {
		var n int64
		if platform.ValidID(*in.ChairID) {
			if err := tx.Raw(`SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'coordination_chair' WHERE u.id = ? AND u.active`,
				*in.ChairID).Scan(&n).Error; err != nil {
				return err
			}
		}
		v.Check(n == 1, "chair_id", "Choose an active user with the role coordination chair (a deputy public prosecutor).")
	}
	if in.Areas != nil {
		clean := []string{}
		for _, a := range in.Areas {
			if a = strings.TrimSpace(a); a != "" && !slices.Contains(clean, a) {
				clean = append(clean, a)
			}
		}
		v.Check(len(clean) > 0 && len(clean) <= 50, "areas", "Name the municipalities of the group's area (1 to 50).")
		in.Areas = clean
	}
	return nil
}

func setAreas(tx *gorm.DB, groupID string, areas []string) error {
	if areas == nil {
		return nil
	}
	if err := tx.Exec(`DELETE FROM coordination_group_areas WHERE group_id = ?`, groupID).Error; err != nil {
		return err
	}
	for _, a := range areas {
		if err := tx.Exec(`INSERT INTO coordination_group_areas (group_id, municipality) VALUES (?, ?)`, groupID, a).Error; err != nil {
			return err
		}
	}
	// The first municipality is the group's area as the older field shows it.
	return tx.Exec(`UPDATE coordination_groups SET area = ? WHERE id = ?`, areas[0], groupID).Error
}

// CreateGroup makes a coordination group. EINVALID naming name, chair_id or areas.
func (s *Service) CreateGroup(ctx context.Context, actor *authz.Principal, in GroupInput) (GroupDetail, error) {
	id := platform.NewID()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var v platform.Validator
		if in.Name == nil {
			in.Name = new(string)
		}
		if in.ChairID == nil {
			in.ChairID = new(string)
		}
		if in.Areas == nil {
			in.Areas = []string{}
		}
		if err := checkGroup(tx, &v, &in); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO coordination_groups (id, name, chair_id) VALUES (?, ?, ?)`, id, *in.Name, *in.ChairID).Error; err != nil {
			return err
		}
		if err := setAreas(tx, id, in.Areas); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: actor.UserID, Action: "group.create", ResourceType: "coordination_group", ResourceID: id, Basis: audit.BasisAdmin})
	})
	if err != nil {
		return GroupDetail{}, err
	}
	return s.group(s.db.WithContext(ctx), id)
}

// UpdateGroup renames a group, changes its chair or its area. ENOTFOUND; EINVALID.
func (s *Service) UpdateGroup(ctx context.Context, actor *authz.Principal, id string, in GroupInput) (GroupDetail, error) {
	return s.groupChange(ctx, actor, id, "group.update", func(tx *gorm.DB) error {
		var v platform.Validator
		if err := checkGroup(tx, &v, &in); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE coordination_groups SET name = COALESCE(?, name), chair_id = COALESCE(?::uuid, chair_id) WHERE id = ?`, in.Name, in.ChairID, id).Error; err != nil {
			return err
		}
		return setAreas(tx, id, in.Areas)
	})
}

// AddGroupMember makes a police liaison or a social worker a permanent member. EINVALID naming
// user_id; ECONFLICT when a member already.
func (s *Service) AddGroupMember(ctx context.Context, actor *authz.Principal, id, userID string) (GroupDetail, error) {
	return s.groupChange(ctx, actor, id, "group.member_add", func(tx *gorm.DB) error {
		var n int64
		if platform.ValidID(userID) {
			if err := tx.Raw(`SELECT count(*) FROM users u WHERE u.id = ? AND u.active AND EXISTS (
				SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('police_liaison', 'social_worker', 'team_lead'))`, userID).Scan(&n).Error; err != nil {
				return err
			}
		}
		if n == 0 {
			return platform.Invalid(platform.FieldError{Field: "user_id", Message: "Choose an active police liaison or social worker: permanent members are the police and the CSR."})
		}
		r := tx.Exec(`INSERT INTO coordination_group_members (group_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, id, userID)
		if r.Error != nil {
			return r.Error
		}
		if r.RowsAffected == 0 {
			return platform.Errorf(platform.ECONFLICT, "This user is a permanent member already.")
		}
		return nil
	})
}

// RemoveGroupMember ends a permanent membership. ENOTFOUND when not a member.
func (s *Service) RemoveGroupMember(ctx context.Context, actor *authz.Principal, id, userID string) error {
	_, err := s.groupChange(ctx, actor, id, "group.member_remove", func(tx *gorm.DB) error {
		r := tx.Exec(`DELETE FROM coordination_group_members WHERE group_id = ? AND user_id::text = ?`, id, userID)
		if r.Error != nil {
			return r.Error
		}
		if r.RowsAffected == 0 {
			return platform.Errorf(platform.ENOTFOUND, "Member not found.")
		}
		return nil
	})
	return err
}

func (s *Service) groupChange(ctx context.Context, actor *authz.Principal, id, action string, change func(tx *gorm.DB) error) (GroupDetail, error) {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := s.group(tx, id); err != nil {
			return err
		}
		if err := change(tx); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: actor.UserID, Action: action, ResourceType: "coordination_group", ResourceID: id, Basis: audit.BasisAdmin})
	})
	if err != nil {
		return GroupDetail{}, err
	}
	return s.group(s.db.WithContext(ctx), id)
}
