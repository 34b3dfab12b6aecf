package cases

import (
	"context"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// asLead runs change in a transaction when p may see the case and is its lead. ENOTFOUND when
// p may not see it, EFORBIDDEN when p sees it but does not lead it.
func (s *Service) asLead(ctx context.Context, p *authz.Principal, caseID string, change func(tx *gorm.DB, basis string) error) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		basis, err := s.writeAccess(tx, caseID, p)
		if err != nil {
			return err
		}
		var lead string
		if err := tx.Raw(`SELECT lead_id FROM cases WHERE id = ? FOR UPDATE`, caseID).Scan(&lead).Error; err != nil {
			return err
		}
		if lead != p.UserID {
			return platform.Errorf(platform.EFORBIDDEN, "Only the case lead may do this.")
		}
		return change(tx, basis)
	})
}

// AddMember adds a user of one of the case team's agencies. EINVALID names user_id for anyone
// else; ECONFLICT when already a member.
func (s *Service) AddMember(ctx context.Context, p *authz.Principal, caseID, userID string) (Case, error) {
	var myBasis string
	err := s.asLead(ctx, p, caseID, func(tx *gorm.DB, basis string) error {
		myBasis = basis
		var ok int64
		if platform.ValidID(userID) {
			if err := tx.Raw(`SELECT count(*) FROM users u WHERE u.id = ? AND u.active AND u.agency_id IN (
				SELECT m.agency_id FROM team_members tm JOIN users m ON m.id = tm.user_id
				JOIN cases c ON c.team_id = tm.team_id WHERE c.id = ?)`, userID, caseID).Scan(&ok).Error; err != nil {
				return err
			}
		}
		if ok == 0 {
			return platform.Invalid(platform.FieldError{Field: "user_id", Message: "Choose an active colleague from one of the team's agencies."})
		}
		if walled, err := crossesWall(tx, caseID, userID); err != nil || walled {
			if err != nil {
				return err
			}
			return errWall
		}
		r := tx.Exec(`INSERT INTO case_members (case_id, user_id, basis, added_by, added_at) VALUES (?, ?, 'membership', ?, ?) ON CONFLICT DO NOTHING`,
			caseID, userID, p.UserID, s.clock.Now())
		if r.Error != nil {
			return r.Error
		}
		if r.RowsAffected == 0 {
			return platform.Errorf(platform.ECONFLICT, "That person is already a member of the case.")
		}
		if err := s.history(tx, caseID, p.UserID, "member.add", userID); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, caseEvent(p, "case.member_add", "user", userID, caseID, basis))
	})
	if err != nil {
		return Case{}, err
	}
	return s.load(s.db.WithContext(ctx), caseID, p, myBasis)
}

// RemoveMember takes a member off the case. ECONFLICT for the lead (hand the lead over first);
// ENOTFOUND for someone who is not a member.
func (s *Service) RemoveMember(ctx context.Context, p *authz.Principal, caseID, userID string) error {
	err := s.asLead(ctx, p, caseID, func(tx *gorm.DB, basis string) error {
		if userID == p.UserID {
			return platform.Errorf(platform.ECONFLICT, "The lead cannot leave the case: hand the lead over first.")
		}
		if !platform.ValidID(userID) {
			return platform.Errorf(platform.ENOTFOUND, "Member not found.")
		}
		r := tx.Exec(`DELETE FROM case_members WHERE case_id = ? AND user_id = ?`, caseID, userID)
		if r.Error != nil {
			return r.Error
		}
		if r.RowsAffected == 0 {
			return platform.Errorf(platform.ENOTFOUND, "Member not found.")
		}
		if err := s.history(tx, caseID, p.UserID, "member.remove", userID); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, caseEvent(p, "case.member_remove", "user", userID, caseID, basis))
	})
	if err == nil && s.accessEnded != nil {
		s.accessEnded(ctx, caseID, userID)
	}
	return err
}
