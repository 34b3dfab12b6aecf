package cases

import (
	"context"

	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/people"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Matches is what is known of a person about to be created: the records the user may see,
// and only whether others exist.
type Matches struct {
	Visible        []people.Person `json:"visible"`
	KnownElsewhere bool            `json:"known_elsewhere"`
}

// FindMatches looks for a person who may already exist: the same JMBG, or the same name (across
// scripts and diacritics) and date of birth. Records in cases p may see are offered; of the
// others p learns only that they exist. EINVALID names a bad jmbg or date_of_birth, or asks
// for a name or a JMBG.
func (s *Service) FindMatches(ctx context.Context, p *authz.Principal, firstName, lastName, jmbg, dob string) (Matches, error) {
	in := people.NewPerson{FirstName: firstName, LastName: lastName, JMBG: jmbg, DateOfBirth: dob}
	var v platform.Validator
	people.Check(&v, "", &in, s.clock.Now())
	err := v.Err()
	if in.JMBG != "" && (in.FirstName == "" || in.LastName == "") {
		// a JMBG alone is enough to look for; names are not needed then
		var only platform.Validator
		if _, jerr := people.ParseJMBG(in.JMBG); jerr != nil {
			only.Add("jmbg", jerr.Error())
		}
		err = only.Err()
	}
	if err != nil {
		return Matches{}, err
	}
	if in.JMBG == "" && in.DateOfBirth == "" {
		return Matches{}, platform.Invalid(platform.FieldError{Field: "date_of_birth", Message: "Give the date of birth or the JMBG to look for the same person."})
	}
	db := s.db.WithContext(ctx)
	var ids []string
	err = db.Raw(`SELECT id FROM people WHERE (jmbg = NULLIF(?, '')) OR
		(name_folded = zajedno_fold(? || ' ' || ?) AND date_of_birth = NULLIF(?, '')::date) ORDER BY created_at LIMIT 20`,
		in.JMBG, in.FirstName, in.LastName, in.DateOfBirth).Scan(&ids).Error
	if err != nil {
		return Matches{}, err
	}
	out := Matches{Visible: []people.Person{}}
	for _, id := range ids {
		caseID, basis, err := s.personCase(db, p, id, false)
		if platform.ErrorCode(err) == platform.ENOTFOUND {
			out.KnownElsewhere = true
			continue
		}
		if err != nil {
			return Matches{}, err
		}
		person, err := getPerson(db, id)
		if err != nil {
			return Matches{}, err
		}
		out.Visible = append(out.Visible, person)
		if err := s.audit.Record(ctx, caseEvent(p, "person.match", "person", id, caseID, basis)); err != nil {
			return Matches{}, err
		}
	}
	return out, nil
}
