package cases

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Consent is one share of a person's record: which sensitivities, to which agencies, for what
// purpose and period, on what legal basis.
type Consent struct {
	ID                 string     `json:"id"`
	PersonID           string     `json:"person_id"`
	Sensitivities      []string   `json:"sensitivities" gorm:"-"`
	AgencyIDs          []string   `json:"agency_ids" gorm:"-"`
	Purpose            string     `json:"purpose"`
	LegalBasis         string     `json:"legal_basis"`
	StatutoryReference string     `json:"statutory_reference"`
	ValidFrom          time.Time  `json:"valid_from"`
	ValidUntil         time.Time  `json:"valid_until"`
	RecordedBy         string     `json:"recorded_by"`
	RecordedAt         time.Time  `json:"recorded_at"`
	WithdrawnAt        *time.Time `json:"withdrawn_at"`
	WithdrawalNote     string     `json:"withdrawal_note"`
	Active             bool       `json:"active" gorm:"-"`

	SensitivityList string `json:"-"`
	AgencyList      string `json:"-"`
}

// NewConsent is what a member records from the person, or from the law.
type NewConsent struct {
	Sensitivities      []string
	AgencyIDs          []string
	Purpose            string
	LegalBasis         string
	StatutoryReference string
	ValidFrom          time.Time
	ValidUntil         time.Time
}

const selectConsents = `SELECT id, person_id, array_to_string(sensitivities, ',') AS sensitivity_list,
	array_to_string(agency_ids, ',') AS agency_list, purpose, legal_basis, statutory_reference, valid_from, valid_until,
	recorded_by, recorded_at, withdrawn_at, withdrawal_note FROM consents`

func (s *Service) finishConsents(cs []Consent) {
	now := s.clock.Now()
	for i := range cs {
		c := &cs[i]
		c.Sensitivities, c.AgencyIDs = splitList(c.SensitivityList), splitList(c.AgencyList)
		c.ValidFrom, c.ValidUntil, c.RecordedAt = c.ValidFrom.UTC(), c.ValidUntil.UTC(), c.RecordedAt.UTC()
		if c.WithdrawnAt != nil {
			w := c.WithdrawnAt.UTC()
			c.WithdrawnAt = &w
		}
		c.Active = c.WithdrawnAt == nil && !now.Before(c.ValidFrom) && now.Before(c.ValidUntil)
	}
}

// personCase returns a case of the person that p may change, and p's basis there. ENOTFOUND
// when p sees no case of the person (or it does not exist).
func (s *Service) personCase(tx *gorm.DB, p *authz.Principal, personID string, write bool) (string, string, error) {
	notFound := platform.Errorf(platform.ENOTFOUND, "Person not found.")
	if !platform.ValidID(personID) {
		return "", "", notFound
	}
	var caseIDs []string
	if err := tx.Raw(`SELECT case_id FROM case_people WHERE person_id = ? ORDER BY added_at`, personID).Scan(&caseIDs).Error; err != nil {
		return "", "", err
	}
	var firstErr error
	for _, id := range caseIDs {
		check := s.access
		if write {
			check = s.writeAccess
		}
		basis, err := check(tx, id, p)
		if err == nil {
			return id, basis, nil
		}
		if platform.ErrorCode(err) != platform.ENOTFOUND && firstErr == nil {
			firstErr = err
		}
	}
	if firstErr != nil {
		return "", "", firstErr
	}
	return "", "", notFound
}

// RecordConsent records a share of the person's record. EINVALID names sensitivities,
// agency_ids, purpose, legal_basis, statutory_reference (required for a statutory duty),
// valid_from or valid_until; ENOTFOUND when p may not change a case of the person.
func (s *Service) RecordConsent(ctx context.Context, p *authz.Principal, personID string, in NewConsent) (Consent, error) {
	in.Purpose, in.StatutoryReference = strings.TrimSpace(in.Purpose), strings.TrimSpace(in.StatutoryReference)
	in.Sensitivities, in.AgencyIDs = uniqueSorted(in.Sensitivities), uniqueSorted(in.AgencyIDs)
	var v platform.Validator
	v.Check(len(in.Sensitivities) > 0, "sensitivities", "Choose what may be shared.")
	for _, sens := range in.Sensitivities {
		if !slices.Contains(Sensitivities, sens) {
			v.Add("sensitivities", "Unknown sensitivity: "+sens+".")
			break
		}
	}
	v.Check(in.Purpose != "" && len([]rune(in.Purpose)) <= 500, "purpose", "Say for what purpose (at most 500 characters).")
	v.Check(in.LegalBasis == "consent" || in.LegalBasis == "statutory_duty", "legal_basis", "Choose consent or statutory_duty.")
	v.Check(in.LegalBasis != "statutory_duty" || in.StatutoryReference != "", "statutory_reference", "Name the law and article that require the share.")
	v.Check(!in.ValidFrom.IsZero(), "valid_from", "Give the start of the period.")
	v.Check(in.ValidUntil.After(in.ValidFrom), "valid_until", "The end must come after the start.")
	c := Consent{ID: platform.NewID(), PersonID: personID}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		caseID, basis, err := s.personCase(tx, p, personID, true)
		if err != nil {
			return err
		}
		var known int64
		ok := len(in.AgencyIDs) > 0
		for _, a := range in.AgencyIDs {
			ok = ok && platform.ValidID(a)
		}
		if ok {
			if err := tx.Raw(`SELECT count(*) FROM agencies WHERE id IN ?`, in.AgencyIDs).Scan(&known).Error; err != nil {
				return err
			}
		}
		v.Check(ok && known == int64(len(in.AgencyIDs)), "agency_ids", "Choose the agencies that may see it.")
		if err := v.Err(); err != nil {
			return err
		}
		now := s.clock.Now()
		if err := tx.Exec(`INSERT INTO consents (id, person_id, sensitivities, agency_ids, purpose, legal_basis, statutory_reference,
			valid_from, valid_until, recorded_by, recorded_at)
			VALUES (?, ?, string_to_array(?, ',')::text[], string_to_array(?, ',')::uuid[], ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, personID, strings.Join(in.Sensitivities, ","), strings.Join(in.AgencyIDs, ","), in.Purpose, in.LegalBasis,
			in.StatutoryReference, in.ValidFrom, in.ValidUntil, p.UserID, now).Error; err != nil {
			return err
		}
		if err := s.history(tx, caseID, p.UserID, "consent.record", c.ID); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, caseEvent(p, "consent.record", "consent", c.ID, caseID, basis))
	})
	if err != nil {
		return Consent{}, err
	}
	return s.consent(ctx, c.ID)
}

func (s *Service) consent(ctx context.Context, id string) (Consent, error) {
	var out []Consent
	if err := s.db.WithContext(ctx).Raw(selectConsents+` WHERE id = ?`, id).Scan(&out).Error; err != nil {
		return Consent{}, err
	}
	if len(out) == 0 {
		return Consent{}, platform.Errorf(platform.ENOTFOUND, "Consent not found.")
	}
	s.finishConsents(out)
	return out[0], nil
}

// Consents lists the person's consents, newest first; audited. ENOTFOUND.
func (s *Service) Consents(ctx context.Context, p *authz.Principal, personID string) ([]Consent, error) {
	db := s.db.WithContext(ctx)
	caseID, basis, err := s.personCase(db, p, personID, false)
	if err != nil {
		return nil, err
	}
	out := []Consent{}
	if err := db.Raw(selectConsents+` WHERE person_id = ? ORDER BY recorded_at DESC, id`, personID).Scan(&out).Error; err != nil {
		return nil, err
	}
	s.finishConsents(out)
	return out, s.audit.Record(ctx, caseEvent(p, "consent.list", "person", personID, caseID, basis))
}

// WithdrawConsent ends a consent now; it stops widening access on the next request.
// ENOTFOUND; ECONFLICT when already withdrawn.
func (s *Service) WithdrawConsent(ctx context.Context, p *authz.Principal, consentID, note string) (Consent, error) {
	note = strings.TrimSpace(note)
	if len([]rune(note)) > 1000 {
		return Consent{}, platform.Invalid(platform.FieldError{Field: "note", Message: "Use at most 1,000 characters."})
	}
	notFound := platform.Errorf(platform.ENOTFOUND, "Consent not found.")
	if !platform.ValidID(consentID) {
		return Consent{}, notFound
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row []struct {
			PersonID    string
			WithdrawnAt *time.Time
		}
		if err := tx.Raw(`SELECT person_id, withdrawn_at FROM consents WHERE id = ? FOR UPDATE`, consentID).Scan(&row).Error; err != nil {
			return err
		}
		if len(row) == 0 {
			return notFound
		}
		caseID, basis, err := s.personCase(tx, p, row[0].PersonID, true)
		if platform.ErrorCode(err) == platform.ENOTFOUND {
			return notFound
		}
		if err != nil {
			return err
		}
		if row[0].WithdrawnAt != nil {
			return platform.Errorf(platform.ECONFLICT, "This consent was withdrawn already.")
		}
		if err := tx.Exec(`UPDATE consents SET withdrawn_at = ?, withdrawn_by = ?, withdrawal_note = ? WHERE id = ?`,
			s.clock.Now(), p.UserID, note, consentID).Error; err != nil {
			return err
		}
		if err := s.history(tx, caseID, p.UserID, "consent.withdraw", consentID); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, caseEvent(p, "consent.withdraw", "consent", consentID, caseID, basis))
	})
	if err != nil {
		return Consent{}, err
	}
	return s.consent(ctx, consentID)
}

// consented lists the sensitivities that valid consents for the case's subject add for p's
// agency now.
func (s *Service) consented(tx *gorm.DB, caseID string, p *authz.Principal) ([]string, error) {
	var out []string
	err := tx.Raw(`SELECT DISTINCT unnest(co.sensitivities) FROM consents co JOIN cases c ON c.subject_id = co.person_id
		WHERE c.id = ? AND ?::uuid = ANY(co.agency_ids) AND co.withdrawn_at IS NULL AND co.valid_from <= ? AND co.valid_until > ?`,
		caseID, p.AgencyID, s.clock.Now(), s.clock.Now()).Scan(&out).Error
	return out, err
}

// visibleSensitivities is what p reads in the case: what the role allows (casbin) and what a
// valid consent adds. viaConsent lists the ones only consent gives.
func (s *Service) visibleSensitivities(tx *gorm.DB, caseID string, p *authz.Principal) (all, viaConsent []string, err error) {
	all = s.readable(p)
	extra, err := s.consented(tx, caseID, p)
	if err != nil {
		return nil, nil, err
	}
	for _, sens := range extra {
		if !slices.Contains(all, sens) {
			all = append(all, sens)
			viaConsent = append(viaConsent, sens)
		}
	}
	return all, viaConsent, nil
}

func uniqueSorted(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return slices.Compact(out)
}
