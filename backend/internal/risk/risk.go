// Package risk holds the police's risk assessment of a domestic-violence case with the
// factors of Art. 16 of the Law on Prevention of Domestic Violence (domain.md), and the
// opinion the officer may ask of the Center for Social Work: due to the police within 8 hours
// and to the prosecutor within 24 (guidance). An assessment finding immediate danger raises
// the case's risk level to at least high.
package risk

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/alerts"
	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/cases"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Factors are the Art. 16 factors the officer weighs.
var Factors = []string{
	"prior_violence",          // prior violence and readiness to repeat it
	"threats",                 // threats of murder or suicide
	"weapons",                 // possession of weapons
	"mental_illness_or_abuse", // mental illness or substance abuse
	"custody_conflict",        // custody or contact conflict over children
	"earlier_measures",        // earlier urgent or protective measures
	"victim_fear",             // the victim's fear and own estimate of the risk
}

// Answers to a factor.
var Answers = []string{"yes", "no", "unknown"}

// The CSR's opinion is due to the police within 8 hours and to the prosecutor within 24.
const (
	PoliceWithin     = 8 * time.Hour
	ProsecutorWithin = 24 * time.Hour
)

// Service is the risk domain.
type Service struct {
	db    *gorm.DB
	audit *audit.Log
	clock platform.Clock
	authz *authz.Authorizer
	cases *cases.Service
}

// NewService returns the risk service.
func NewService(db *gorm.DB, log *audit.Log, clock platform.Clock, az *authz.Authorizer, cs *cases.Service) *Service {
	return &Service{db: db, audit: log, clock: clock, authz: az, cases: cs}
}

// Assessment is a risk assessment.
type Assessment struct {
	ID              string            `json:"id"`
	CaseID          string            `json:"case_id"`
	AssessedBy      string            `json:"assessed_by"`
	AssessedByName  string            `json:"assessed_by_name"`
	AssessedAt      time.Time         `json:"assessed_at"`
	Factors         map[string]string `json:"factors" gorm:"-"`
	FactorsJSON     string            `json:"-" gorm:"column:factors"`
	ImmediateDanger bool              `json:"immediate_danger"`
	Notes           string            `json:"notes"`
	SentTo          *string           `json:"sent_to"`
	SentToName      *string           `json:"sent_to_name"`
	SentAt          *time.Time        `json:"sent_at"`
	CreatedAt       time.Time         `json:"created_at"`
}

// NewAssessment is what the officer records.
type NewAssessment struct {
	AssessedAt      *time.Time
	Factors         map[string]string
	ImmediateDanger *bool
	Notes           string
	SentTo          string
}

const selectAssessments = `SELECT a.id, a.case_id, a.assessed_by, u.display_name AS assessed_by_name, a.assessed_at, a.factors::text AS factors,
	a.immediate_danger, a.notes, a.sent_to::text AS sent_to, ag.name AS sent_to_name, a.sent_at, a.created_at
	FROM risk_assessments a JOIN users u ON u.id = a.assessed_by LEFT JOIN agencies ag ON ag.id = a.sent_to`

func finish(as []Assessment) {
	for i := range as {
		a := &as[i]
		_ = json.Unmarshal([]byte(a.FactorsJSON), &a.Factors)
		a.AssessedAt, a.CreatedAt = a.AssessedAt.UTC(), a.CreatedAt.UTC()
		if a.SentAt != nil {
			*a.SentAt = a.SentAt.UTC()
		}
	}
}

var riskOrder = []string{"low", "medium", "high", "very_high"}

// Assess records a police officer's risk assessment of a domestic-violence case. Every factor
// is answered yes, no or unknown; immediate danger raises the case's risk level to at least
// high; sending it (sent_to: the prosecutor's office or the CSR) stamps the time and alerts
// that agency's users. EFORBIDDEN (not a police liaison; emergency access); ENOTFOUND;
// ECONFLICT (not a domestic-violence case); EINVALID naming assessed_at, factors.<name>,
// immediate_danger, notes or sent_to.
func (s *Service) Assess(ctx context.Context, p *authz.Principal, caseID string, in NewAssessment) (Assessment, error) {
	now, id := s.clock.Now(), platform.NewID()
	in.Notes = strings.TrimSpace(in.Notes)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		basis, err := s.cases.WriteAccessTx(tx, caseID, p)
		if err != nil {
			return err
		}
		if !s.authz.Can(p, "risk", "assess") {
			return platform.Errorf(platform.EFORBIDDEN, "The competent police officer assesses the risk.")
		}
		var c struct{ Category, RiskLevel string }
		if err := tx.Raw(`SELECT category, risk_level FROM cases WHERE id = ? FOR UPDATE`, caseID).Scan(&c).Error; err != nil {
			return err
		}
		if c.Category != "domestic_violence" {
			return platform.Errorf(platform.ECONFLICT, "A risk assessment under the law is made for domestic-violence cases.")
		}
		var v platform.Validator
		switch {
		case in.AssessedAt == nil:
			v.Add("assessed_at", "Give when the assessment was made (RFC 3339).")
		case in.AssessedAt.After(now):
			v.Add("assessed_at", "This time lies in the future.")
		}
		for _, f := range Factors {
			v.Check(slices.Contains(Answers, in.Factors[f]), "factors."+f, "Answer yes, no or unknown.")
		}
		for f := range in.Factors {
			v.Check(slices.Contains(Factors, f), "factors."+f, "This is not a factor of Art. 16.")
		}
		v.Check(in.ImmediateDanger != nil, "immediate_danger", "Say whether there is immediate danger.")
		v.Check(len([]rune(in.Notes)) <= 20000, "notes", "At most 20,000 characters.")
		if in.SentTo != "" {
			var n int64
			if platform.ValidID(in.SentTo) {
				if err := tx.Raw(`SELECT count(*) FROM agencies WHERE id = ? AND type IN ('prosecutor', 'csr')`, in.SentTo).Scan(&n).Error; err != nil {
					return err
				}
			}
			v.Check(n == 1, "sent_to", "Choose a public prosecutor's office or a Center for Social Work.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		factors, _ := json.Marshal(in.Factors)
		var sentAt *time.Time
		if in.SentTo != "" {
			sentAt = &now
		}
		if err := tx.Exec(`INSERT INTO risk_assessments (id, case_id, assessed_by, assessed_at, factors, immediate_danger, notes, sent_to, sent_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, '')::uuid, ?, ?)`, id, caseID, p.UserID, *in.AssessedAt, string(factors), *in.ImmediateDanger,
			in.Notes, in.SentTo, sentAt, now).Error; err != nil {
			return err
		}
		if *in.ImmediateDanger && slices.Index(riskOrder, c.RiskLevel) < slices.Index(riskOrder, "high") {
			if err := tx.Exec(`UPDATE cases SET risk_level = 'high' WHERE id = ?`, caseID).Error; err != nil {
				return err
			}
			if err := tx.Exec(`INSERT INTO case_history (case_id, actor_id, action, detail, at) VALUES (?, ?, 'case.risk_change', ?, ?)`,
				caseID, p.UserID, c.RiskLevel+" → high (immediate danger)", now).Error; err != nil {
				return err
			}
		}
		if in.SentTo != "" {
			// The alert names no case: the receiving agency reads the assessment itself
			// (Incoming), not necessarily the case.
			if err := alerts.RaiseToAgency(tx, now, in.SentTo, alerts.KindRiskAssessment, p.UserID, alerts.About{}); err != nil {
				return err
			}
		}
		if err := tx.Exec(`INSERT INTO case_history (case_id, actor_id, action, detail, at) VALUES (?, ?, 'risk.assess', ?, ?)`, caseID, p.UserID, id, now).Error; err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "risk.assess", ResourceType: "risk_assessment", ResourceID: id,
			CaseID: caseID, Basis: basis})
	})
	if err != nil {
		return Assessment{}, err
	}
	var out []Assessment
	if err := s.db.WithContext(ctx).Raw(selectAssessments+` WHERE a.id = ?`, id).Scan(&out).Error; err != nil {
		return Assessment{}, err
	}
	finish(out)
	return out[0], nil
}

// Incoming lists the risk assessments sent to the caller's agency, newest first; audited with
// the basis addressee (the agency need not see the case).
func (s *Service) Incoming(ctx context.Context, p *authz.Principal) ([]Assessment, error) {
	out := []Assessment{}
	if err := s.db.WithContext(ctx).Raw(selectAssessments+` WHERE a.sent_to = ? ORDER BY a.sent_at DESC LIMIT 500`, p.AgencyID).Scan(&out).Error; err != nil {
		return nil, err
	}
	finish(out)
	return out, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "risk.incoming", ResourceType: "agency", ResourceID: p.AgencyID,
		Basis: audit.BasisAddressee})
}

// Assessments lists a case's risk assessments, newest first, for its readers; audited.
func (s *Service) Assessments(ctx context.Context, p *authz.Principal, caseID string) ([]Assessment, error) {
	out := []Assessment{}
	err := s.cases.ReadPart(ctx, p, caseID, "risk.list", func(db *gorm.DB) error {
		return db.Raw(selectAssessments+` WHERE a.case_id = ? ORDER BY a.assessed_at DESC, a.id`, caseID).Scan(&out).Error
	})
	finish(out)
	return out, err
}

// Opinion is a request for the CSR's opinion and its answer.
type Opinion struct {
	ID              string     `json:"id"`
	CaseID          string     `json:"case_id"`
	AssessmentID    *string    `json:"assessment_id"`
	RequestedBy     string     `json:"requested_by"`
	ToAgencyID      string     `json:"to_agency_id"`
	ToAgencyName    string     `json:"to_agency_name"`
	Question        string     `json:"question"`
	RequestedAt     time.Time  `json:"requested_at"`
	PoliceDueAt     time.Time  `json:"police_due_at"`
	ProsecutorDueAt time.Time  `json:"prosecutor_due_at"`
	Answer          *string    `json:"answer"`
	AnsweredBy      *string    `json:"answered_by"`
	AnsweredAt      *time.Time `json:"answered_at"`
}

const selectOpinions = `SELECT o.id, o.case_id, o.assessment_id::text AS assessment_id, o.requested_by, o.to_agency_id, ag.name AS to_agency_name, o.question,
	o.requested_at, o.police_due_at, o.prosecutor_due_at, o.answer, o.answered_by::text AS answered_by, o.answered_at
	FROM opinion_requests o JOIN agencies ag ON ag.id = o.to_agency_id`

func finishOpinions(os []Opinion) {
	for i := range os {
		o := &os[i]
		o.RequestedAt, o.PoliceDueAt, o.ProsecutorDueAt = o.RequestedAt.UTC(), o.PoliceDueAt.UTC(), o.ProsecutorDueAt.UTC()
		if o.AnsweredAt != nil {
			*o.AnsweredAt = o.AnsweredAt.UTC()
		}
	}
}

func (s *Service) opinion(db *gorm.DB, id string) (Opinion, error) {
	var out []Opinion
	if err := db.Raw(selectOpinions+` WHERE o.id = ?`, id).Scan(&out).Error; err != nil {
		return Opinion{}, err
	}
	if len(out) == 0 {
		return Opinion{}, platform.Errorf(platform.ENOTFOUND, "Opinion request not found.")
	}
	finishOpinions(out)
	return out[0], nil
}

// RequestOpinion asks a Center for Social Work for its opinion on a case the officer assesses:
// due to the police in 8 hours and to the prosecutor in 24. The CSR's users are alerted; one of
// them answers (and may read the request without seeing the case). EINVALID naming
// to_agency_id, question or assessment_id.
func (s *Service) RequestOpinion(ctx context.Context, p *authz.Principal, caseID, toAgencyID, question, assessmentID string) (Opinion, error) {
	now, id := s.clock.Now(), platform.NewID()
	question = strings.TrimSpace(question)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		basis, err := s.cases.WriteAccessTx(tx, caseID, p)
		if err != nil {
			return err
		}
		if !s.authz.Can(p, "risk", "assess") {
			return platform.Errorf(platform.EFORBIDDEN, "The competent police officer asks for the CSR's opinion.")
		}
		var category string
		if err := tx.Raw(`SELECT category FROM cases WHERE id = ?`, caseID).Scan(&category).Error; err != nil {
			return err
		}
		if category != "domestic_violence" {
			return platform.Errorf(platform.ECONFLICT, "The CSR's opinion on a risk assessment is asked for domestic-violence cases.")
		}
		var v platform.Validator
		var n int64
		if platform.ValidID(toAgencyID) {
			if err := tx.Raw(`SELECT count(*) FROM agencies WHERE id = ? AND type = 'csr'`, toAgencyID).Scan(&n).Error; err != nil {
				return err
			}
		}
		v.Check(n == 1, "to_agency_id", "Choose a Center for Social Work.")
		v.Check(question != "" && len([]rune(question)) <= 4000, "question", "Write what you ask (at most 4,000 characters).")
		if assessmentID != "" {
			var a int64
			if platform.ValidID(assessmentID) {
				if err := tx.Raw(`SELECT count(*) FROM risk_assessments WHERE id = ? AND case_id = ?`, assessmentID, caseID).Scan(&a).Error; err != nil {
					return err
				}
			}
			v.Check(a == 1, "assessment_id", "Choose an assessment of this case.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO opinion_requests (id, case_id, assessment_id, requested_by, to_agency_id, question, requested_at, police_due_at, prosecutor_due_at)
			VALUES (?, ?, NULLIF(?, '')::uuid, ?, ?, ?, ?, ?, ?)`, id, caseID, assessmentID, p.UserID, toAgencyID, question, now,
			now.Add(PoliceWithin), now.Add(ProsecutorWithin)).Error; err != nil {
			return err
		}
		if err := alerts.RaiseToAgency(tx, now, toAgencyID, alerts.KindOpinionRequested, p.UserID, alerts.About{OpinionID: id}); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "risk.opinion_request", ResourceType: "opinion_request", ResourceID: id,
			CaseID: caseID, Basis: basis})
	})
	if err != nil {
		return Opinion{}, err
	}
	return s.opinion(s.db.WithContext(ctx), id)
}

// Opinions lists a case's opinion requests for its readers; audited.
func (s *Service) Opinions(ctx context.Context, p *authz.Principal, caseID string) ([]Opinion, error) {
	out := []Opinion{}
	err := s.cases.ReadPart(ctx, p, caseID, "risk.opinion_list", func(db *gorm.DB) error {
		return db.Raw(selectOpinions+` WHERE o.case_id = ? ORDER BY o.requested_at DESC`, caseID).Scan(&out).Error
	})
	finishOpinions(out)
	return out, err
}

// GetOpinion returns a request to a user of the CSR it was sent to, or to a reader of its
// case; audited. ENOTFOUND for anyone else.
func (s *Service) GetOpinion(ctx context.Context, p *authz.Principal, id string) (Opinion, error) {
	if !platform.ValidID(id) {
		return Opinion{}, platform.Errorf(platform.ENOTFOUND, "Opinion request not found.")
	}
	db := s.db.WithContext(ctx)
	o, err := s.opinion(db, id)
	if err != nil {
		return Opinion{}, err
	}
	basis, err := s.cases.AddresseeOrReader(db, p, o.CaseID, o.ToAgencyID)
	if err != nil {
		return Opinion{}, platform.Errorf(platform.ENOTFOUND, "Opinion request not found.")
	}
	return o, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "risk.opinion_read", ResourceType: "opinion_request", ResourceID: id,
		CaseID: o.CaseID, Basis: basis})
}

// AnswerOpinion records the CSR's answer, by a user of that CSR; the officer is alerted.
// ENOTFOUND; ECONFLICT (answered already); EINVALID naming answer.
func (s *Service) AnswerOpinion(ctx context.Context, p *authz.Principal, id, answer string) (Opinion, error) {
	answer = strings.TrimSpace(answer)
	notFound := platform.Errorf(platform.ENOTFOUND, "Opinion request not found.")
	if !platform.ValidID(id) {
		return Opinion{}, notFound
	}
	now := s.clock.Now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []struct {
			CaseID, ToAgencyID, RequestedBy string
			AnsweredAt                      *time.Time
		}
		if err := tx.Raw(`SELECT case_id, to_agency_id, requested_by, answered_at FROM opinion_requests WHERE id = ? FOR UPDATE`, id).Scan(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 || rows[0].ToAgencyID != p.AgencyID {
			return notFound
		}
		if rows[0].AnsweredAt != nil {
			return platform.Errorf(platform.ECONFLICT, "This request was answered already.")
		}
		if answer == "" || len([]rune(answer)) > 20000 {
			return platform.Invalid(platform.FieldError{Field: "answer", Message: "Write the opinion (at most 20,000 characters)."})
		}
		if err := tx.Exec(`UPDATE opinion_requests SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ?`, answer, p.UserID, now, id).Error; err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE alerts SET acknowledged_at = COALESCE(acknowledged_at, ?), resolved_at = ? WHERE opinion_id = ? AND resolved_at IS NULL`, now, now, id).Error; err != nil {
			return err
		}
		if err := alerts.RaiseAbout(tx, now, []string{rows[0].RequestedBy}, alerts.KindOpinionAnswered, p.UserID, alerts.About{CaseID: rows[0].CaseID, OpinionID: id}); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "risk.opinion_answer", ResourceType: "opinion_request", ResourceID: id,
			CaseID: rows[0].CaseID, Basis: audit.BasisAddressee})
	})
	if err != nil {
		return Opinion{}, err
	}
	return s.opinion(s.db.WithContext(ctx), id)
}

// AlertOverdueOpinions tells, once per deadline, the requesting officer and the CSR's team
// leads that an opinion is past its 8-hour (police) or 24-hour (prosecutor) deadline.
func (s *Service) AlertOverdueOpinions(ctx context.Context) (int, error) {
	now := s.clock.Now()
	n := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, d := range []struct{ due, flag string }{{"police_due_at", "police_overdue_alerted"}, {"prosecutor_due_at", "prosecutor_overdue_alerted"}} {
			var due []struct{ ID, ToAgencyID, RequestedBy string }
			if err := tx.Raw(`UPDATE opinion_requests SET `+d.flag+` = true WHERE answered_at IS NULL AND NOT `+d.flag+` AND `+d.due+` <= ?
				RETURNING id, to_agency_id, requested_by`, now).Scan(&due).Error; err != nil {
				return err
			}
			for _, o := range due {
				var to []string
				if err := tx.Raw(`SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'team_lead' WHERE u.agency_id = ? AND u.active`,
					o.ToAgencyID).Scan(&to).Error; err != nil {
					return err
				}
				if err := alerts.RaiseAbout(tx, now, append(to, o.RequestedBy), alerts.KindOpinionOverdue, "", alerts.About{OpinionID: o.ID}); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	return n, err
}
