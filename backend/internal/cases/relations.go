package cases

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/people"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Relations a person can have inside a case.
var Relations = []string{"household_member", "child", "victim", "perpetrator", "carer"}

// CasePerson is a person in a case, with their relation to it.
type CasePerson struct {
	Person   people.Person `json:"person"`
	Relation string        `json:"relation"`
	AddedAt  time.Time     `json:"added_at"`
}

// CrossesWall reports, inside tx, whether making userID a member of caseID would cross the
// perpetrator wall (referrals check it before an accepting worker joins the case).
func CrossesWall(tx *gorm.DB, caseID, userID string) (bool, error) {
	return crossesWall(tx, caseID, userID)
}

// ErrWall is the answer when the perpetrator wall keeps a user off a case.
var ErrWall = errWall

// crossesWall reports whether user is a member of a case walled off from caseID: a person who
// is the perpetrator in one of the two cases is the subject of the other.
func crossesWall(tx *gorm.DB, caseID, userID string) (bool, error) {
	var n int64
	err := tx.Raw(`SELECT count(*) FROM case_members m WHERE m.user_id = ? AND m.case_id <> ? AND EXISTS (
		SELECT 1 FROM case_people a JOIN case_people b ON a.person_id = b.person_id
		WHERE ((a.case_id = ? AND b.case_id = m.case_id) OR (a.case_id = m.case_id AND b.case_id = ?))
		  AND a.relation = 'perpetrator' AND b.relation = 'subject')`, userID, caseID, caseID, caseID).Scan(&n).Error
	return n > 0, err
}

var errWall = platform.Errorf(platform.EWALL,
	"A wall separates this case from another that this person works on (a perpetrator who is also a client). Ask the team lead to assign someone else.")

// AddPerson adds a related person to a case. EINVALID names relation or the person's fields;
// ECONFLICT when a JMBG is known only to another agency, when the person is already in the
// case, or when a perpetrator's own case shares a member with this one (the wall).
func (s *Service) AddPerson(ctx context.Context, p *authz.Principal, caseID, relation string, in people.NewPerson) (CasePerson, error) {
	now := s.clock.Now()
	var v platform.Validator
	v.Check(slices.Contains(Relations, relation), "relation", "Choose "+strings.Join(Relations, ", ")+".")
	people.Check(&v, "person.", &in, now)
	if err := v.Err(); err != nil {
		return CasePerson{}, err
	}
	var personID string
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		basis, err := s.writeAccess(tx, caseID, p)
		if err != nil {
			return err
		}
		if personID, err = s.subject(tx, p, in, now, true); err != nil {
			return err
		}
		r := tx.Exec(`INSERT INTO case_people (case_id, person_id, relation, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`, caseID, personID, relation, now)
		if r.Error != nil {
			return r.Error
		}
		if r.RowsAffected == 0 {
			return platform.Errorf(platform.ECONFLICT, "This person is in the case already.")
		}
		if relation == "perpetrator" {
			var shared int64
			if err := tx.Raw(`SELECT count(*) FROM case_members a JOIN case_members b ON a.user_id = b.user_id
				JOIN case_people cp ON cp.case_id = b.case_id AND cp.person_id = ? AND cp.relation = 'subject'
				WHERE a.case_id = ? AND b.case_id <> ?`, personID, caseID, caseID).Scan(&shared).Error; err != nil {
				return err
			}
			if shared > 0 {
				return errWall
			}
		}
		if err := s.history(tx, caseID, p.UserID, "person.add."+relation, personID); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, caseEvent(p, "case.person_add", "person", personID, caseID, basis))
	})
	if err != nil {
		return CasePerson{}, err
	}
	person, err := getPerson(s.db.WithContext(ctx), personID)
	return CasePerson{Person: person, Relation: relation, AddedAt: now}, err
}

// People lists the persons of a case with their relations; audited. ENOTFOUND.
func (s *Service) People(ctx context.Context, p *authz.Principal, caseID string) ([]CasePerson, error) {
	db := s.db.WithContext(ctx)
	basis, err := s.access(db, caseID, p)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		PersonID string
		Relation string
		AddedAt  time.Time
	}
	if err := db.Raw(`SELECT person_id, relation, added_at FROM case_people WHERE case_id = ? ORDER BY (relation = 'subject') DESC, added_at, person_id`, caseID).Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]CasePerson, 0, len(rows))
	for _, r := range rows {
		person, err := getPerson(db, r.PersonID)
		if err != nil {
			return nil, err
		}
		out = append(out, CasePerson{Person: person, Relation: r.Relation, AddedAt: r.AddedAt.UTC()})
	}
	return out, s.audit.Record(ctx, caseEvent(p, "person.list", "case", caseID, caseID, basis))
}

// PersonDetails are the fields of a person that change over time; nil fields stay.
type PersonDetails struct {
	Address           *string
	Phone             *string
	PreferredLanguage *string
	InterpreterNeeded *bool
	SafeToContact     *bool
	SafeChannel       *string
}

// Languages a person may prefer.
var Languages = []string{"sr-Latn", "sr-Cyrl", "en", "hu", "ro", "sk", "rom", "other"}

// UpdatePerson changes a person's contact details, safe-contact instructions and language.
// EINVALID names the field; ENOTFOUND when p may not change a case of the person.
func (s *Service) UpdatePerson(ctx context.Context, p *authz.Principal, personID string, d PersonDetails) (people.Person, error) {
	var v platform.Validator
	for field, val := range map[string]*string{"address": d.Address, "phone": d.Phone, "safe_channel": d.SafeChannel} {
		v.Check(val == nil || len([]rune(*val)) <= 300, field, "Use at most 300 characters.")
	}
	v.Check(d.PreferredLanguage == nil || slices.Contains(Languages, *d.PreferredLanguage), "preferred_language", "Choose one of: "+strings.Join(Languages, ", ")+".")
	if err := v.Err(); err != nil {
		return people.Person{}, err
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		caseID, basis, err := s.personCase(tx, p, personID, true)
		if err != nil {
			return err
		}
		set := map[string]any{}
		for col, val := range map[string]*string{"address": d.Address, "phone": d.Phone, "preferred_language": d.PreferredLanguage, "safe_channel": d.SafeChannel} {
			if val != nil {
				set[col] = strings.TrimSpace(*val)
			}
		}
		if d.InterpreterNeeded != nil {
			set["interpreter_needed"] = *d.InterpreterNeeded
		}
		if d.SafeToContact != nil {
			set["safe_to_contact"] = *d.SafeToContact
		}
		if len(set) == 0 {
			return nil
		}
		if err := tx.Table("people").Where("id = ?", personID).Updates(set).Error; err != nil {
			return err
		}
		if err := s.history(tx, caseID, p.UserID, "person.update", personID); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, caseEvent(p, "person.update", "person", personID, caseID, basis))
	})
	if err != nil {
		return people.Person{}, err
	}
	return getPerson(s.db.WithContext(ctx), personID)
}
