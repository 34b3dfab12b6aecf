// Package cases holds the shared case workspace: cases, their members (need-to-know), the
// entry timeline with its sensitivities, and emergency access.
package cases

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/people"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Categories, statuses and risk levels, as in the API contract.
var (
	Categories = []string{"general", "child_protection", "elderly", "disability", "domestic_violence"}
	Statuses   = []string{"open", "active", "closed", "reopened"}
	RiskLevels = []string{"low", "medium", "high", "very_high"}
)

// ExternalRefs are the case's numbers in other agencies' systems.
type ExternalRefs struct {
	SOZISNumber        string `json:"sozis_number"`
	PoliceRecordNumber string `json:"police_record_number"`
	ProsecutorKTNumber string `json:"prosecutor_kt_number"`
}

// Member is a user who works on the case.
type Member struct {
	UserID      string    `json:"user_id"`
	DisplayName string    `json:"display_name"`
	AgencyID    string    `json:"agency_id"`
	Roles       []string  `json:"roles" gorm:"-"`
	RoleList    string    `json:"-"`
	Basis       string    `json:"basis"`
	AddedAt     time.Time `json:"added_at"`
}

// Case is one shared workspace: one plan, one coordinator (the lead).
type Case struct {
	ID              string         `json:"id"`
	Title           string         `json:"title"`
	Category        string         `json:"category"`
	Status          string         `json:"status"`
	RiskLevel       string         `json:"risk_level"`
	TeamID          string         `json:"team_id"`
	LeadID          string         `json:"lead_id"`
	Subject         *people.Person `json:"subject" gorm:"-"`
	CreatedAt       time.Time      `json:"created_at"`
	ClosingReason   *string        `json:"closing_reason"`
	ExternalRefs    ExternalRefs   `json:"external_refs" gorm:"-"`
	MyBasis         string         `json:"my_basis"`
	Members         []Member       `json:"members" gorm:"-"`
	EmergencyAccess *struct {
		ExpiresAt time.Time `json:"expires_at"`
	} `json:"emergency_access" gorm:"-"`
}

// Settings are the case rules taken from the configuration.
type Settings struct {
	EmergencyAccessFor time.Duration
}

// Service is the cases domain.
type Service struct {
	db       *gorm.DB
	audit    *audit.Log
	clock    platform.Clock
	authz    *authz.Authorizer
	settings Settings

	accessEnded func(ctx context.Context, caseID, userID string)
}

// OnAccessEnded sets what happens after a user loses a basis to see a case (a member is
// removed): the chat closes that user's subscriptions to the case at once.
func (s *Service) OnAccessEnded(f func(ctx context.Context, caseID, userID string)) {
	s.accessEnded = f
}

// Access is p's basis to see the case (membership, referral, ..., or emergency) and, under
// emergency access, when it ends. ENOTFOUND when p may not see the case.
func (s *Service) Access(ctx context.Context, p *authz.Principal, caseID string) (basis string, until *time.Time, err error) {
	db := s.db.WithContext(ctx)
	if basis, err = s.access(db, caseID, p); err != nil || basis != audit.BasisEmergency {
		return basis, nil, err
	}
	var t time.Time
	if err := db.Raw(`SELECT max(expires_at) FROM emergency_access WHERE case_id = ? AND user_id = ?`, caseID, p.UserID).Scan(&t).Error; err != nil {
		return "", nil, err
	}
	return basis, &t, nil
}

// RolesRead reports whether a user with these roles may read the sensitivity.
func (s *Service) RolesRead(roles []string, sensitivity string) bool {
	return s.authz.CanReadSensitivity(&authz.Principal{Roles: roles}, sensitivity)
}

// Readable lists the sensitivities p's roles may read.
func (s *Service) Readable(p *authz.Principal) []string { return s.readable(p) }

// NewService returns the cases service.
func NewService(db *gorm.DB, log *audit.Log, clock platform.Clock, az *authz.Authorizer, s Settings) *Service {
	if s.EmergencyAccessFor == 0 {
		s.EmergencyAccessFor = 4 * time.Hour
	}
	return &Service{db: db, audit: log, clock: clock, authz: az, settings: s}
}

var errCaseNotFound = platform.Errorf(platform.ENOTFOUND, "Case not found.")

// access returns on what basis p may see the case: "membership", "referral" or "emergency".
// groupSees is the condition (on cases c, with the user's id as its one argument) that the
// user sees the case through a coordination group: a domestic-violence case of a team in the
// area of a group the user chairs or is a permanent member of.
const groupSees = `(c.category = 'domestic_violence' AND EXISTS (SELECT 1 FROM coordination_visibility v WHERE v.team_id = c.team_id AND v.user_id = ?))`

// ENOTFOUND, exactly as for a case that does not exist, when p has no basis.
func (s *Service) access(tx *gorm.DB, caseID string, p *authz.Principal) (string, error) {
	if !platform.ValidID(caseID) {
		return "", errCaseNotFound
	}
	var basis string
	err := tx.Raw(`SELECT COALESCE(
		(SELECT basis FROM case_members WHERE case_id = ? AND user_id = ?),
		(SELECT 'coordination_group' FROM cases c WHERE c.id = ? AND `+groupSees+`),
		(SELECT 'emergency' FROM emergency_access WHERE case_id = ? AND user_id = ? AND expires_at > ? LIMIT 1),
		'')`, caseID, p.UserID, caseID, p.UserID, caseID, p.UserID, s.clock.Now()).Scan(&basis).Error
	if err != nil {
		return "", err
	}
	if basis == "" {
		return "", errCaseNotFound
	}
	return basis, nil
}

func (s *Service) history(tx *gorm.DB, caseID, actorID, action, detail string) error {
	return tx.Exec(`INSERT INTO case_history (case_id, actor_id, action, detail, at) VALUES (?, ?, ?, ?, ?)`,
		caseID, actorID, action, detail, s.clock.Now()).Error
}

func caseEvent(p *authz.Principal, action, resourceType, resourceID, caseID, basis string) audit.Event {
	return audit.Event{ActorID: p.UserID, Action: action, ResourceType: resourceType, ResourceID: resourceID, CaseID: caseID, Basis: basis}
}

// NewCase is what a user enters to open a case: a new subject, or (SubjectID) a person the
// user already sees, as offered by FindMatches.
type NewCase struct {
	Title     string
	Category  string
	TeamID    string
	Subject   people.NewPerson
	SubjectID string
}

// Create opens a case about its subject; the creator becomes member and lead. EINVALID names
// every wrong field (subject.jmbg for a bad or disagreeing JMBG, team_id when the creator is
// not in the team); ECONFLICT when the person is known (same JMBG) only through cases the
// creator cannot see.
func (s *Service) Create(ctx context.Context, p *authz.Principal, in NewCase) (Case, error) {
	now := s.clock.Now()
	in.Title = strings.TrimSpace(in.Title)
	var v platform.Validator
	v.Check(in.Title != "" && len([]rune(in.Title)) <= 200, "title", "Enter a title (at most 200 characters).")
	v.Check(slices.Contains(Categories, in.Category), "category", "Choose one of: "+strings.Join(Categories, ", ")+".")
	if in.SubjectID == "" {
		people.Check(&v, "subject.", &in.Subject, now)
	}
	caseID := platform.NewID()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var inTeam int64
		if platform.ValidID(in.TeamID) {
			if err := tx.Raw(`SELECT count(*) FROM team_members WHERE team_id = ? AND user_id = ?`, in.TeamID, p.UserID).Scan(&inTeam).Error; err != nil {
				return err
			}
		}
		v.Check(inTeam == 1, "team_id", "Choose one of your teams.")
		if err := v.Err(); err != nil {
			return err
		}
		personID := in.SubjectID
		var err error
		if personID != "" {
			// An existing person: only one the creator sees in a case they may change.
			if _, _, err := s.personCase(tx, p, personID, true); err != nil {
				if platform.ErrorCode(err) == platform.ENOTFOUND {
					return platform.Invalid(platform.FieldError{Field: "subject.person_id", Message: "Choose a person you already work with, or enter a new one."})
				}
				return err
			}
		} else if personID, err = s.subject(tx, p, in.Subject, now, false); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO cases (id, title, category, team_id, lead_id, subject_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			caseID, in.Title, in.Category, in.TeamID, p.UserID, personID, now).Error; err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO case_members (case_id, user_id, basis, added_by, added_at) VALUES (?, ?, 'membership', ?, ?)`,
			caseID, p.UserID, p.UserID, now).Error; err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO case_people (case_id, person_id, relation, added_at) VALUES (?, ?, 'subject', ?)`, caseID, personID, now).Error; err != nil {
			return err
		}
		if err := s.history(tx, caseID, p.UserID, "case.create", ""); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx,
			caseEvent(p, "case.create", "case", caseID, caseID, audit.BasisMembership),
			caseEvent(p, "person.create", "person", personID, caseID, audit.BasisMembership))
	})
	if err != nil {
		return Case{}, err
	}
	return s.load(s.db.WithContext(ctx), caseID, p, audit.BasisMembership)
}

// subject finds or makes a person. A JMBG already on record belongs to one person: when the
// caller sees a case of that person, it is reused (reuse) or answered with EPERSONEXISTS naming
// the person, so that the caller chooses them knowingly; otherwise the caller learns only that
// the person may be known to another agency.
func (s *Service) subject(tx *gorm.DB, p *authz.Principal, in people.NewPerson, now time.Time, reuse bool) (string, error) {
	if in.JMBG != "" {
		var existing string
		if err := tx.Raw(`SELECT id FROM people WHERE jmbg = ?`, in.JMBG).Scan(&existing).Error; err != nil {
			return "", err
		}
		if existing != "" {
			var seen int64
			if err := tx.Raw(`SELECT count(*) FROM case_people cp JOIN case_members cm ON cm.case_id = cp.case_id
				WHERE cp.person_id = ? AND cm.user_id = ?`, existing, p.UserID).Scan(&seen).Error; err != nil {
				return "", err
			}
			if seen == 0 {
				return "", platform.Errorf(platform.ECONFLICT, "This person may already be known to another agency. Ask your team lead how to work together on it.")
			}
			if !reuse {
				return "", &platform.Error{Code: platform.EPERSONEXISTS, Existing: existing,
					Message: "A person with this JMBG is already in your cases. Choose them, or correct the JMBG."}
			}
			return existing, nil
		}
	}
	id := platform.NewID()
	err := tx.Exec(`INSERT INTO people (id, first_name, last_name, jmbg, date_of_birth, sex, created_by, created_at)
		VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, '')::date, NULLIF(?, ''), ?, ?)`,
		id, in.FirstName, in.LastName, in.JMBG, in.DateOfBirth, in.Sex, p.UserID, now).Error
	return id, err
}

// Get returns the case when p may see it, and audits the read with its basis. ENOTFOUND.
// The need-to-know check, the case and its subject are one query, the members a second.
func (s *Service) Get(ctx context.Context, p *authz.Principal, id string) (Case, error) {
	if !platform.ValidID(id) {
		return Case{}, errCaseNotFound
	}
	db := s.db.WithContext(ctx)
	now := s.clock.Now()
	var rows []struct {
		Case
		SozisNumber, PoliceRecordNumber, ProsecutorKtNumber string
		Basis                                               string
		EmergencyUntil                                      *time.Time
		Subj                                                people.Person `gorm:"embedded;embeddedPrefix:p_"`
	}
	err := db.Raw(`SELECT c.id, c.title, c.category, c.status, c.risk_level, c.team_id, c.lead_id, c.created_at, c.closing_reason,
		c.sozis_number, c.police_record_number, c.prosecutor_kt_number,
		COALESCE((SELECT cm.basis FROM case_members cm WHERE cm.case_id = c.id AND cm.user_id = ?),
			CASE WHEN `+groupSees+` THEN 'coordination_group' END,
			(SELECT 'emergency' FROM emergency_access e WHERE e.case_id = c.id AND e.user_id = ? AND e.expires_at > ? LIMIT 1), '') AS basis,
		(SELECT max(e.expires_at) FROM emergency_access e WHERE e.case_id = c.id AND e.user_id = ?) AS emergency_until,
		pe.id AS p_id, pe.first_name AS p_first_name, pe.last_name AS p_last_name, COALESCE(pe.jmbg, '') AS p_jmbg,
		to_char(pe.date_of_birth, 'YYYY-MM-DD') AS p_date_of_birth, pe.sex AS p_sex, pe.address AS p_address, pe.phone AS p_phone,
		pe.preferred_language AS p_preferred_language, pe.interpreter_needed AS p_interpreter_needed,
		pe.safe_to_contact AS p_safe_to_contact, pe.safe_channel AS p_safe_channel, pe.created_at AS p_created_at
		FROM cases c LEFT JOIN people pe ON pe.id = c.subject_id WHERE c.id = ?`,
		p.UserID, p.UserID, p.UserID, now, p.UserID, id).Scan(&rows).Error
	if err != nil {
		return Case{}, err
	}
	if len(rows) == 0 || rows[0].Basis == "" {
		return Case{}, errCaseNotFound
	}
	r := rows[0]
	c := r.Case
	c.CreatedAt, c.MyBasis = c.CreatedAt.UTC(), r.Basis
	c.ExternalRefs = ExternalRefs{r.SozisNumber, r.PoliceRecordNumber, r.ProsecutorKtNumber}
	if r.Subj.ID != "" {
		person := r.Subj
		person.Finish()
		c.Subject = &person
	}
	if r.Basis == audit.BasisEmergency && r.EmergencyUntil != nil {
		c.EmergencyAccess = &struct {
			ExpiresAt time.Time `json:"expires_at"`
		}{r.EmergencyUntil.UTC()}
	}
	if c.Members, err = members(db, id); err != nil {
		return Case{}, err
	}
	if err := s.audit.Record(ctx, caseEvent(p, "case.read", "case", id, id, r.Basis)); err != nil {
		return Case{}, err
	}
	return c, nil
}

func members(tx *gorm.DB, caseID string) ([]Member, error) {
	out := []Member{}
	if err := tx.Raw(`SELECT cm.user_id, u.display_name, u.agency_id, cm.basis, cm.added_at,
		COALESCE((SELECT string_agg(r.role, ',' ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '') AS role_list
		FROM case_members cm JOIN users u ON u.id = cm.user_id WHERE cm.case_id = ? ORDER BY cm.added_at`, caseID).Scan(&out).Error; err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Roles = splitList(out[i].RoleList)
		out[i].AddedAt = out[i].AddedAt.UTC()
	}
	return out, nil
}

func (s *Service) load(tx *gorm.DB, id string, p *authz.Principal, basis string) (Case, error) {
	var rows []struct {
		Case
		SubjectID                                           *string
		SozisNumber, PoliceRecordNumber, ProsecutorKtNumber string
	}
	if err := tx.Raw(`SELECT id, title, category, status, risk_level, team_id, lead_id, created_at, closing_reason,
		subject_id, sozis_number, police_record_number, prosecutor_kt_number FROM cases WHERE id = ?`, id).Scan(&rows).Error; err != nil {
		return Case{}, err
	}
	if len(rows) == 0 {
		return Case{}, errCaseNotFound
	}
	c := rows[0].Case
	c.CreatedAt = c.CreatedAt.UTC()
	c.ExternalRefs = ExternalRefs{rows[0].SozisNumber, rows[0].PoliceRecordNumber, rows[0].ProsecutorKtNumber}
	c.MyBasis = basis
	if rows[0].SubjectID != nil {
		person, err := getPerson(tx, *rows[0].SubjectID)
		if err != nil {
			return Case{}, err
		}
		c.Subject = &person
	}
	var err error
	if c.Members, err = members(tx, id); err != nil {
		return Case{}, err
	}
	if basis == audit.BasisEmergency {
		var until time.Time
		if err := tx.Raw(`SELECT max(expires_at) FROM emergency_access WHERE case_id = ? AND user_id = ?`, id, p.UserID).Scan(&until).Error; err != nil {
			return Case{}, err
		}
		c.EmergencyAccess = &struct {
			ExpiresAt time.Time `json:"expires_at"`
		}{until.UTC()}
	}
	return c, nil
}

func getPerson(tx *gorm.DB, id string) (people.Person, error) {
	var out []people.Person
	if err := tx.Raw(`SELECT id, first_name, last_name, COALESCE(jmbg, '') AS jmbg, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth,
		sex, address, phone, preferred_language, interpreter_needed, safe_to_contact, safe_channel, created_at
		FROM people WHERE id = ?`, id).Scan(&out).Error; err != nil {
		return people.Person{}, err
	}
	if len(out) == 0 {
		return people.Person{}, platform.Errorf(platform.ENOTFOUND, "Person not found.")
	}
	out[0].Finish()
	return out[0], nil
}

func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}
