package httpapi

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/cases"
	"github.com/zajedno/zajedno/backend/internal/people"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

func (s *Server) registerConsent() {
	s.perm("GET", APIPrefix+"/people/:id/consents", "cases", "read", s.listConsents)
	s.perm("POST", APIPrefix+"/people/:id/consents", "cases", "write", s.recordConsent)
	s.perm("POST", APIPrefix+"/consents/:id/withdraw", "cases", "write", s.withdrawConsent)
}

func (s *Server) listConsents(c *fiber.Ctx) error {
	items, err := s.Cases.Consents(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

// parseTimes reads RFC 3339 times, naming each malformed one.
func parseTimes(v *platform.Validator, fields map[string]string) map[string]time.Time {
	out := map[string]time.Time{}
	for field, val := range fields {
		t, err := time.Parse(time.RFC3339, val)
		if err != nil {
			v.Add(field, "Use an RFC 3339 time such as 2026-11-24T14:00:00Z.")
			continue
		}
		out[field] = t.UTC()
	}
	return out
}

func (s *Server) recordConsent(c *fiber.Ctx) error {
	var in struct {
		Sensitivities      []string `json:"sensitivities"`
		AgencyIDs          []string `json:"agency_ids"`
		Purpose            string   `json:"purpose"`
		LegalBasis         string   `json:"legal_basis"`
		StatutoryReference *string  `json:"statutory_reference"`
		ValidFrom          string   `json:"valid_from"`
		ValidUntil         string   `json:"valid_until"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	var v platform.Validator
	times := parseTimes(&v, map[string]string{"valid_from": in.ValidFrom, "valid_until": in.ValidUntil})
	if err := v.Err(); err != nil {
		return err
	}
	out, err := s.Cases.RecordConsent(c.UserContext(), principal(c), c.Params("id"), cases.NewConsent{
		Sensitivities: in.Sensitivities, AgencyIDs: in.AgencyIDs, Purpose: in.Purpose, LegalBasis: in.LegalBasis,
		StatutoryReference: deref(in.StatutoryReference), ValidFrom: times["valid_from"], ValidUntil: times["valid_until"],
	})
	if err != nil {
		return err
	}
	return created(c, out)
}

func (s *Server) withdrawConsent(c *fiber.Ctx) error {
	var in struct {
		Note *string `json:"note"`
	}
	if len(c.Body()) > 0 {
		if err := decode(c, &in); err != nil {
			return err
		}
	}
	out, err := s.Cases.WithdrawConsent(c.UserContext(), principal(c), c.Params("id"), deref(in.Note))
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (s *Server) registerPeople() {
	s.perm("GET", APIPrefix+"/cases/:id/people", "cases", "read", s.casePeople)
	s.perm("POST", APIPrefix+"/cases/:id/people", "cases", "write", s.addCasePerson)
	s.perm("PATCH", APIPrefix+"/people/:id", "cases", "write", s.updatePerson)
}

func (s *Server) casePeople(c *fiber.Ctx) error {
	items, err := s.Cases.People(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) addCasePerson(c *fiber.Ctx) error {
	var in struct {
		Relation string `json:"relation"`
		Person   struct {
			FirstName   string  `json:"first_name"`
			LastName    string  `json:"last_name"`
			JMBG        *string `json:"jmbg"`
			DateOfBirth *string `json:"date_of_birth"`
			Sex         *string `json:"sex"`
		} `json:"person"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	out, err := s.Cases.AddPerson(c.UserContext(), principal(c), c.Params("id"), in.Relation, people.NewPerson{
		FirstName: in.Person.FirstName, LastName: in.Person.LastName, JMBG: deref(in.Person.JMBG),
		DateOfBirth: deref(in.Person.DateOfBirth), Sex: deref(in.Person.Sex)})
	if err != nil {
		return err
	}
	return created(c, out)
}

func (s *Server) updatePerson(c *fiber.Ctx) error {
	var in struct {
		Address           *string `json:"address"`
		Phone             *string `json:"phone"`
		PreferredLanguage *string `json:"preferred_language"`
		InterpreterNeeded *bool   `json:"interpreter_needed"`
		SafeToContact     *bool   `json:"safe_to_contact"`
		SafeChannel       *string `json:"safe_channel"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	out, err := s.Cases.UpdatePerson(c.UserContext(), principal(c), c.Params("id"), cases.PersonDetails{
		Address: in.Address, Phone: in.Phone, PreferredLanguage: in.PreferredLanguage,
		InterpreterNeeded: in.InterpreterNeeded, SafeToContact: in.SafeToContact, SafeChannel: in.SafeChannel})
	if err != nil {
		return err
	}
	return c.JSON(out)
}
