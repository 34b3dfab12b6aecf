// Package dutyreport holds institutions' reports of known or suspected domestic violence to
// the police or the public prosecutor (the duty to report, domain.md): a health, school, social
// or other professional makes one from a case in one step; the platform stamps when and to
// whom it was sent, alerts the receiving agency, and the coordination group's chair sees the
// reports of the group's area that nobody has acknowledged.
package dutyreport

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/alerts"
	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/cases"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Service is the duty-to-report domain.
type Service struct {
	db    *gorm.DB
	audit *audit.Log
	clock platform.Clock
	cases *cases.Service
}

// NewService returns the duty-to-report service.
func NewService(db *gorm.DB, log *audit.Log, clock platform.Clock, cs *cases.Service) *Service {
	return &Service{db: db, audit: log, clock: clock, cases: cs}
}

// Report is a report of domestic violence to the police or the prosecutor.
type Report struct {
	ID                 string     `json:"id"`
	CaseID             string     `json:"case_id"`
	ReporterID         string     `json:"reporter_id"`
	ReporterName       string     `json:"reporter_name"`
	ReporterAgencyName string     `json:"reporter_agency_name"`
	ToAgencyID         string     `json:"to_agency_id"`
	ToAgencyName       string     `json:"to_agency_name"`
	Body               string     `json:"body"`
	SentAt             time.Time  `json:"sent_at"`
	AcknowledgedBy     *string    `json:"acknowledged_by"`
	AcknowledgedAt     *time.Time `json:"acknowledged_at"`
}

const selectReports = `SELECT r.id, r.case_id, r.reporter_id, u.display_name AS reporter_name, ra.name AS reporter_agency_name, r.to_agency_id,
	ta.name AS to_agency_name, r.body, r.sent_at, r.acknowledged_by::text AS acknowledged_by, r.acknowledged_at
	FROM violence_reports r JOIN users u ON u.id = r.reporter_id JOIN agencies ra ON ra.id = r.reporter_agency_id JOIN agencies ta ON ta.id = r.to_agency_id`

func finish(rs []Report) {
	for i := range rs {
		rs[i].SentAt = rs[i].SentAt.UTC()
		if rs[i].AcknowledgedAt != nil {
			*rs[i].AcknowledgedAt = rs[i].AcknowledgedAt.UTC()
		}
	}
}

var errNotFound = platform.Errorf(platform.ENOTFOUND, "Report not found.")

func (s *Service) get(db *gorm.DB, id string) (Report, error) {
	var out []Report
	if err := db.Raw(selectReports+` WHERE r.id = ?`, id).Scan(&out).Error; err != nil {
		return Report{}, err
	}
	if len(out) == 0 {
		return Report{}, errNotFound
	}
	finish(out)
	return out[0], nil
}

// Send reports suspected domestic violence from a case to a police station or a public
// prosecutor's office; the time is the server's. The receiving agency's users are alerted.
// ENOTFOUND (the case); EFORBIDDEN (emergency access); EINVALID naming to_agency_id or body.
func (s *Service) Send(ctx context.Context, p *authz.Principal, caseID, toAgencyID, body string) (Report, error) {
	body = strings.TrimSpace(body)
	id, now := platform.NewID(), s.clock.Now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		basis, err := s.cases.WriteAccessTx(tx, caseID, p)
		if err != nil {
			return err
		}
		var v platform.Validator
		var n int64
		if platform.ValidID(toAgencyID) {
			if err := tx.Raw(`SELECT count(*) FROM agencies WHERE id = ? AND type IN ('police', 'prosecutor')`, toAgencyID).Scan(&n).Error; err != nil {
				return err
			}
		}
		v.Check(n == 1, "to_agency_id", "Choose a police station or a public prosecutor's office.")
		v.Check(body != "" && len([]rune(body)) <= 20000, "body", "Describe what you know or suspect (at most 20,000 characters).")
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO violence_reports (id, case_id, reporter_id, reporter_agency_id, to_agency_id, body, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, caseID, p.UserID, p.AgencyID, toAgencyID, body, now).Error; err != nil {
			return err
		}
		if err := alerts.RaiseToAgency(tx, now, toAgencyID, alerts.KindViolenceReport, p.UserID, alerts.About{ReportID: id}); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO case_history (case_id, actor_id, action, detail, at) VALUES (?, ?, 'violence_report.send', ?, ?)`, caseID, p.UserID, id, now).Error; err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "violence_report.send", ResourceType: "violence_report", ResourceID: id,
			CaseID: caseID, Basis: basis})
	})
	if err != nil {
		return Report{}, err
	}
	return s.get(s.db.WithContext(ctx), id)
}

// ForCase lists the reports made from a case, for its readers; audited.
func (s *Service) ForCase(ctx context.Context, p *authz.Principal, caseID string) ([]Report, error) {
	out := []Report{}
	err := s.cases.ReadPart(ctx, p, caseID, "violence_report.list", func(db *gorm.DB) error {
		return db.Raw(selectReports+` WHERE r.case_id = ? ORDER BY r.sent_at DESC`, caseID).Scan(&out).Error
	})
	finish(out)
	return out, err
}

// Incoming lists the reports sent to the caller's agency, unacknowledged first; audited.
func (s *Service) Incoming(ctx context.Context, p *authz.Principal) ([]Report, error) {
	out := []Report{}
	db := s.db.WithContext(ctx)
	if err := db.Raw(selectReports+` WHERE r.to_agency_id = ? ORDER BY (r.acknowledged_at IS NULL) DESC, r.sent_at DESC LIMIT 500`, p.AgencyID).Scan(&out).Error; err != nil {
		return nil, err
	}
	finish(out)
	return out, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "violence_report.incoming", ResourceType: "agency", ResourceID: p.AgencyID,
		Basis: audit.BasisAddressee})
}

// Get returns one report to a user of the receiving agency or a reader of its case; audited.
func (s *Service) Get(ctx context.Context, p *authz.Principal, id string) (Report, error) {
	if !platform.ValidID(id) {
		return Report{}, errNotFound
	}
	db := s.db.WithContext(ctx)
	r, err := s.get(db, id)
	if err != nil {
		return Report{}, err
	}
	basis, err := s.cases.AddresseeOrReader(db, p, r.CaseID, r.ToAgencyID)
	if err != nil {
		return Report{}, errNotFound
	}
	return r, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "violence_report.read", ResourceType: "violence_report", ResourceID: id,
		CaseID: r.CaseID, Basis: basis})
}

// Acknowledge records that the receiving agency has taken the report, by one of its users; the
// reporter is told. ENOTFOUND for anyone else; ECONFLICT when acknowledged already.
func (s *Service) Acknowledge(ctx context.Context, p *authz.Principal, id string) (Report, error) {
	if !platform.ValidID(id) {
		return Report{}, errNotFound
	}
	now := s.clock.Now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []struct {
			CaseID, ToAgencyID, ReporterID string
			AcknowledgedAt                 *time.Time
		}
		if err := tx.Raw(`SELECT case_id, to_agency_id, reporter_id, acknowledged_at FROM violence_reports WHERE id = ? FOR UPDATE`, id).Scan(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 || rows[0].ToAgencyID != p.AgencyID {
			return errNotFound
		}
		if rows[0].AcknowledgedAt != nil {
			return platform.Errorf(platform.ECONFLICT, "This report was acknowledged already.")
		}
		if err := tx.Exec(`UPDATE violence_reports SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ?`, p.UserID, now, id).Error; err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE alerts SET acknowledged_at = COALESCE(acknowledged_at, ?), resolved_at = ? WHERE report_id = ? AND resolved_at IS NULL`, now, now, id).Error; err != nil {
			return err
		}
		if err := alerts.RaiseAbout(tx, now, []string{rows[0].ReporterID}, alerts.KindViolenceReportAcknowledged, p.UserID,
			alerts.About{CaseID: rows[0].CaseID, ReportID: id}); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "violence_report.acknowledge", ResourceType: "violence_report", ResourceID: id,
			CaseID: rows[0].CaseID, Basis: audit.BasisAddressee})
	})
	if err != nil {
		return Report{}, err
	}
	return s.get(s.db.WithContext(ctx), id)
}

// Unacknowledged lists, for a coordination group's chair, the reports on cases of the group's
// area that the receiving agency has not acknowledged; audited. ENOTFOUND for anyone but the
// chair.
func (s *Service) Unacknowledged(ctx context.Context, p *authz.Principal, groupID string) ([]Report, error) {
	db := s.db.WithContext(ctx)
	var n int64
	if platform.ValidID(groupID) {
		if err := db.Raw(`SELECT count(*) FROM coordination_groups WHERE id = ? AND chair_id = ?`, groupID, p.UserID).Scan(&n).Error; err != nil {
			return nil, err
		}
	}
	if n == 0 {
		return nil, platform.Errorf(platform.ENOTFOUND, "Coordination group not found.")
	}
	out := []Report{}
	if err := db.Raw(selectReports+` JOIN cases c ON c.id = r.case_id WHERE r.acknowledged_at IS NULL
		AND c.team_id IN (SELECT team_id FROM coordination_group_teams WHERE group_id = ?) ORDER BY r.sent_at`, groupID).Scan(&out).Error; err != nil {
		return nil, err
	}
	finish(out)
	return out, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "violence_report.unacknowledged", ResourceType: "coordination_group",
		ResourceID: groupID, Basis: audit.BasisCoordinationGroup})
}
