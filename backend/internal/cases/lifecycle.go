package cases

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// writeAccess is access for changes: members only. Emergency access reads, it never writes.
func (s *Service) writeAccess(tx *gorm.DB, caseID string, p *authz.Principal) (string, error) {
	basis, err := s.access(tx, caseID, p)
	if err != nil {
		return "", err
	}
	if basis == audit.BasisEmergency {
		return "", platform.Errorf(platform.EFORBIDDEN, "Emergency access lets you read the case, not change it.")
	}
	return basis, nil
}

// ReadAccessTx is the caller's basis for reading the case inside tx (other domains' reads of
// a case's parts). ENOTFOUND when the caller may not see it.
func (s *Service) ReadAccessTx(tx *gorm.DB, caseID string, p *authz.Principal) (string, error) {
	return s.access(tx, caseID, p)
}

// ReadPart runs read as a reader of the case (members, the coordination group, emergency
// access ...) and audits the read (action, the case as resource) with the reader's basis:
// for the other domains' lists of a case's parts. ENOTFOUND for anyone else.
func (s *Service) ReadPart(ctx context.Context, p *authz.Principal, caseID, action string, read func(db *gorm.DB) error) error {
	db := s.db.WithContext(ctx)
	basis, err := s.access(db, caseID, p)
	if err != nil {
		return err
	}
	if err := read(db); err != nil {
		return err
	}
	return s.audit.Record(ctx, caseEvent(p, action, "case", caseID, caseID, basis))
}

// AddresseeOrReader is the caller's basis for something sent from a case to an agency (a
// report, an opinion request): addressee for a user of that agency, who need not see the case;
// otherwise the caller's basis on the case. ENOTFOUND for anyone else.
func (s *Service) AddresseeOrReader(db *gorm.DB, p *authz.Principal, caseID, toAgencyID string) (string, error) {
	if toAgencyID == p.AgencyID {
		return audit.BasisAddressee, nil
	}
	return s.access(db, caseID, p)
}

// WriteAccessTx is the caller's basis for changing the case inside tx. ENOTFOUND; EFORBIDDEN
// under emergency access, which reads and does not write.
func (s *Service) WriteAccessTx(tx *gorm.DB, caseID string, p *authz.Principal) (string, error) {
	return s.writeAccess(tx, caseID, p)
}

// asMember runs change as a member of the case (not under emergency access) and records the
// case history row and the audit event about the case, all in one transaction. It returns the
// caller's basis.
func (s *Service) asMember(ctx context.Context, p *authz.Principal, caseID, historyAction, detail, auditAction string, change func(tx *gorm.DB) error) (string, error) {
	var basis string
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if basis, err = s.writeAccess(tx, caseID, p); err != nil {
			return err
		}
		if err := change(tx); err != nil {
			return err
		}
		if err := s.history(tx, caseID, p.UserID, historyAction, detail); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, caseEvent(p, auditAction, "case", caseID, caseID, basis))
	})
	return basis, err
}

// transitions says which status may follow which.
var transitions = map[string][]string{
	"open":     {"active", "closed"},
	"active":   {"closed"},
	"closed":   {"reopened"},
	"reopened": {"active", "closed"},
}

// SetStatus moves the case along open → active → closed (with a reason) → reopened. Only the
// lead decides. EINVALID names status or closing_reason; ECONFLICT for a transition the
// current status does not allow; EFORBIDDEN for a member who is not the lead.
func (s *Service) SetStatus(ctx context.Context, p *authz.Principal, caseID, status, reason string) (Case, error) {
	reason = strings.TrimSpace(reason)
	var v platform.Validator
	v.Check(slices.Contains(Statuses, status), "status", "Choose active, closed or reopened.")
	v.Check(status != "closed" || reason != "", "closing_reason", "Say why the case is closed (for example: final court decision).")
	v.Check(len([]rune(reason)) <= 500, "closing_reason", "Use at most 500 characters.")
	if err := v.Err(); err != nil {
		return Case{}, err
	}
	var myBasis string
	err := s.asLead(ctx, p, caseID, func(tx *gorm.DB, basis string) error {
		myBasis = basis
		var current string
		if err := tx.Raw(`SELECT status FROM cases WHERE id = ?`, caseID).Scan(&current).Error; err != nil {
			return err
		}
		if !slices.Contains(transitions[current], status) {
			return platform.Errorf(platform.ECONFLICT, "A case that is %s cannot become %s.", current, status)
		}
		var closing any
		if status == "closed" {
			closing = reason
		}
		if err := tx.Exec(`UPDATE cases SET status = ?, closing_reason = ? WHERE id = ?`, status, closing, caseID).Error; err != nil {
			return err
		}
		if err := s.history(tx, caseID, p.UserID, "status."+status, reason); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, caseEvent(p, "case.status_change", "case", caseID, caseID, basis))
	})
	if err != nil {
		return Case{}, err
	}
	return s.load(s.db.WithContext(ctx), caseID, p, myBasis)
}

// SetRisk records the team's judgement of the risk, with its reason, in the case's risk
// history. Any member may. EINVALID names risk_level or reason.
func (s *Service) SetRisk(ctx context.Context, p *authz.Principal, caseID, level, reason string) (Case, error) {
	reason = strings.TrimSpace(reason)
	var v platform.Validator
	v.Check(slices.Contains(RiskLevels, level), "risk_level", "Choose low, medium, high or very_high.")
	v.Check(reason != "" && len([]rune(reason)) <= 1000, "reason", "Say why (at most 1,000 characters).")
	if err := v.Err(); err != nil {
		return Case{}, err
	}
	basis, err := s.asMember(ctx, p, caseID, "risk."+level, reason, "case.risk_change", func(tx *gorm.DB) error {
		if err := tx.Exec(`UPDATE cases SET risk_level = ? WHERE id = ?`, level, caseID).Error; err != nil {
			return err
		}
		return tx.Exec(`INSERT INTO case_risk_history (case_id, risk_level, reason, actor_id, at) VALUES (?, ?, ?, ?, ?)`,
			caseID, level, reason, p.UserID, s.clock.Now()).Error
	})
	if err != nil {
		return Case{}, err
	}
	return s.load(s.db.WithContext(ctx), caseID, p, basis)
}

// HandOver makes another member the lead: one coordinator at a time, the handover recorded.
// EINVALID names user_id when that user is not a member.
func (s *Service) HandOver(ctx context.Context, p *authz.Principal, caseID, userID string) (Case, error) {
	var myBasis string
	err := s.asLead(ctx, p, caseID, func(tx *gorm.DB, basis string) error {
		myBasis = basis
		var n int64
		if platform.ValidID(userID) && userID != p.UserID {
			if err := tx.Raw(`SELECT count(*) FROM case_members cm JOIN users u ON u.id = cm.user_id AND u.active
				WHERE cm.case_id = ? AND cm.user_id = ?`, caseID, userID).Scan(&n).Error; err != nil {
				return err
			}
		}
		if n == 0 {
			return platform.Invalid(platform.FieldError{Field: "user_id", Message: "Choose another active member of the case."})
		}
		if err := tx.Exec(`UPDATE cases SET lead_id = ? WHERE id = ?`, userID, caseID).Error; err != nil {
			return err
		}
		if err := s.history(tx, caseID, p.UserID, "lead.handover", userID); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, caseEvent(p, "case.lead_handover", "user", userID, caseID, basis))
	})
	if err != nil {
		return Case{}, err
	}
	return s.load(s.db.WithContext(ctx), caseID, p, myBasis)
}

// SetExternalRefs records the case's numbers in other systems; nil fields stay. EINVALID when
// one is longer than 50 characters.
func (s *Service) SetExternalRefs(ctx context.Context, p *authz.Principal, caseID string, sozis, police, kt *string) (Case, error) {
	var v platform.Validator
	for field, val := range map[string]*string{"sozis_number": sozis, "police_record_number": police, "prosecutor_kt_number": kt} {
		v.Check(val == nil || len([]rune(strings.TrimSpace(*val))) <= 50, field, "Use at most 50 characters.")
	}
	if err := v.Err(); err != nil {
		return Case{}, err
	}
	basis, err := s.asMember(ctx, p, caseID, "external_refs.change", "", "case.external_refs_change", func(tx *gorm.DB) error {
		for col, val := range map[string]*string{"sozis_number": sozis, "police_record_number": police, "prosecutor_kt_number": kt} {
			if val != nil {
				if err := tx.Exec(`UPDATE cases SET `+col+` = ? WHERE id = ?`, strings.TrimSpace(*val), caseID).Error; err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return Case{}, err
	}
	return s.load(s.db.WithContext(ctx), caseID, p, basis)
}

// HistoryItem is one recorded change of a case.
type HistoryItem struct {
	Action    string    `json:"action"`
	ActorID   *string   `json:"actor_id"`
	ActorName string    `json:"actor_name"`
	Detail    string    `json:"detail"`
	At        time.Time `json:"at"`
}

// History lists every change of the case, oldest first, to anyone who may see it; audited.
func (s *Service) History(ctx context.Context, p *authz.Principal, caseID string) ([]HistoryItem, error) {
	db := s.db.WithContext(ctx)
	basis, err := s.access(db, caseID, p)
	if err != nil {
		return nil, err
	}
	out := []HistoryItem{}
	if err := db.Raw(`SELECT h.action, h.actor_id::text AS actor_id, COALESCE(u.display_name, '') AS actor_name, h.detail, h.at
		FROM case_history h LEFT JOIN users u ON u.id = h.actor_id WHERE h.case_id = ? ORDER BY h.at, h.id`, caseID).Scan(&out).Error; err != nil {
		return nil, err
	}
	for i := range out {
		out[i].At = out[i].At.UTC()
	}
	return out, s.audit.Record(ctx, caseEvent(p, "case.history_read", "case", caseID, caseID, basis))
}

// AccessLogItem says who looked at or changed the case, when and on what basis.
type AccessLogItem struct {
	At        time.Time `json:"at"`
	ActorID   *string   `json:"actor_id"`
	ActorName string    `json:"actor_name"`
	Action    string    `json:"action"`
	Basis     string    `json:"basis"`
}

// AccessLog lists, newest first, everyone who read or changed the case: for the lead (auditors
// use the audit log). EFORBIDDEN for members who do not lead the case.
func (s *Service) AccessLog(ctx context.Context, p *authz.Principal, caseID string) ([]AccessLogItem, error) {
	out := []AccessLogItem{}
	err := s.asLead(ctx, p, caseID, func(tx *gorm.DB, basis string) error {
		return tx.Raw(`SELECT a.at, a.actor_id::text AS actor_id, COALESCE(u.display_name, '') AS actor_name, a.action, a.basis
			FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id WHERE a.case_id = ? ORDER BY a.at DESC, a.id DESC LIMIT 1000`, caseID).Scan(&out).Error
	})
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].At = out[i].At.UTC()
	}
	return out, s.audit.Record(ctx, caseEvent(p, "case.access_log_read", "case", caseID, caseID, audit.BasisMembership))
}

// PersonAccessLog lists, newest first, everyone who read or changed the person or any case the
// person is in: for a lead of one of those cases. ENOTFOUND when p sees no case of the
// person; EFORBIDDEN when p leads none of them.
func (s *Service) PersonAccessLog(ctx context.Context, p *authz.Principal, personID string) ([]AccessLogItem, error) {
	db := s.db.WithContext(ctx)
	caseID, basis, err := s.personCase(db, p, personID, false)
	if err != nil {
		return nil, err
	}
	var leads int64
	if err := db.Raw(`SELECT count(*) FROM case_people cp JOIN cases c ON c.id = cp.case_id WHERE cp.person_id = ? AND c.lead_id = ?`, personID, p.UserID).Scan(&leads).Error; err != nil {
		return nil, err
	}
	if leads == 0 {
		return nil, platform.Errorf(platform.EFORBIDDEN, "Only a lead of one of this person's cases may do this.")
	}
	out := []AccessLogItem{}
	if err := db.Raw(`SELECT a.at, a.actor_id::text AS actor_id, COALESCE(u.display_name, '') AS actor_name, a.action, a.basis
		FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
		WHERE (a.resource_type = 'person' AND a.resource_id = ?) OR a.case_id IN (SELECT case_id FROM case_people WHERE person_id = ?)
		ORDER BY a.at DESC, a.id DESC LIMIT 1000`, personID, personID).Scan(&out).Error; err != nil {
		return nil, err
	}
	for i := range out {
		out[i].At = out[i].At.UTC()
	}
	return out, s.audit.Record(ctx, caseEvent(p, "person.access_log_read", "person", personID, caseID, basis))
}
