package people

import (
	"slices"
	"strings"
	"time"

	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Person is someone a case is about. The JMBG is never in JSON: lists show it masked, and the
// whole number is revealed on demand (audited).
type Person struct {
	ID                string    `json:"id"`
	FirstName         string    `json:"first_name"`
	LastName          string    `json:"last_name"`
	JMBG              string    `json:"-"`
	JMBGMasked        *string   `json:"jmbg_masked"`
	HasJMBG           bool      `json:"has_jmbg"`
	DateOfBirth       *string   `json:"date_of_birth"`
	Sex               *string   `json:"sex"`
	Address           string    `json:"address"`
	Phone             string    `json:"phone"`
	PreferredLanguage string    `json:"preferred_language"`
	InterpreterNeeded bool      `json:"interpreter_needed"`
	SafeToContact     bool      `json:"safe_to_contact"`
	SafeChannel       string    `json:"safe_channel"`
	CreatedAt         time.Time `json:"created_at"`
}

// Finish fills the fields derived from the stored ones.
func (p *Person) Finish() {
	p.HasJMBG = p.JMBG != ""
	p.JMBGMasked = nil
	if p.HasJMBG {
		m := MaskJMBG(p.JMBG)
		p.JMBGMasked = &m
	}
	p.CreatedAt = p.CreatedAt.UTC()
}

// NewPerson is what a user enters about a person.
type NewPerson struct {
	FirstName   string
	LastName    string
	JMBG        string
	DateOfBirth string // YYYY-MM-DD, or empty
	Sex         string // female, male, other, or empty
}

// Sexes a person may be recorded with.
var Sexes = []string{"female", "male", "other"}

// Check normalises in and names every wrong field under prefix (e.g. "subject."). now is the
// server's time: a date of birth may not lie in the future.
func Check(v *platform.Validator, prefix string, in *NewPerson, now time.Time) {
	in.FirstName, in.LastName = strings.TrimSpace(in.FirstName), strings.TrimSpace(in.LastName)
	in.JMBG, in.DateOfBirth = strings.TrimSpace(in.JMBG), strings.TrimSpace(in.DateOfBirth)
	v.Check(in.FirstName != "" && len([]rune(in.FirstName)) <= 100, prefix+"first_name", "Enter the first name (at most 100 characters).")
	v.Check(in.LastName != "" && len([]rune(in.LastName)) <= 100, prefix+"last_name", "Enter the last name (at most 100 characters).")
	v.Check(in.Sex == "" || slices.Contains(Sexes, in.Sex), prefix+"sex", "Choose female, male or other.")
	var dob time.Time
	if in.DateOfBirth != "" {
		var err error
		dob, err = time.Parse("2006-01-02", in.DateOfBirth)
		switch {
		case err != nil:
			v.Add(prefix+"date_of_birth", "Use the form YYYY-MM-DD.")
		case dob.After(now):
			v.Add(prefix+"date_of_birth", "A date of birth cannot lie in the future.")
		}
	}
	if in.JMBG != "" {
		born, err := ParseJMBG(in.JMBG)
		switch {
		case err != nil:
			v.Add(prefix+"jmbg", err.Error())
		case in.DateOfBirth != "" && !dob.IsZero() && !born.Equal(dob):
			v.Add(prefix+"jmbg", "The JMBG and the date of birth do not agree. Check both.")
		case in.DateOfBirth == "":
			in.DateOfBirth = born.Format("2006-01-02")
		}
	}
}
