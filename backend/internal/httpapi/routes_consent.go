package httpapi

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/cases"
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
