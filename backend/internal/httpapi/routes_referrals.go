package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/referrals"
)

func (s *Server) registerReferrals() {
	s.perm("POST", APIPrefix+"/referrals", "referrals", "write", s.createReferral)
	s.perm("GET", APIPrefix+"/referrals", "referrals", "read", s.listReferrals)
	s.perm("GET", APIPrefix+"/referrals/:id", "referrals", "read", s.getReferral)
	for _, action := range referrals.Actions {
		s.perm("POST", APIPrefix+"/referrals/:id/"+action, "referrals", "write", s.actOnReferral(action))
	}
	s.perm("GET", APIPrefix+"/cases/:id/referrals", "cases", "read", s.caseReferrals)
}

func (s *Server) createReferral(c *fiber.Ctx) error {
	var in struct {
		CaseID     string  `json:"case_id"`
		ToAgencyID string  `json:"to_agency_id"`
		Reason     string  `json:"reason"`
		Summary    *string `json:"summary"`
		Urgency    string  `json:"urgency"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	r, err := s.Referrals.Create(c.UserContext(), principal(c), referrals.NewReferral{CaseID: in.CaseID, ToAgencyID: in.ToAgencyID,
		Reason: in.Reason, Summary: deref(in.Summary), Urgency: in.Urgency})
	if err != nil {
		return err
	}
	return created(c, r)
}

func (s *Server) listReferrals(c *fiber.Ctx) error {
	return s.referralPage(c, referrals.Filter{Direction: c.Query("direction"), Status: c.Query("status")})
}

func (s *Server) caseReferrals(c *fiber.Ctx) error {
	return s.referralPage(c, referrals.Filter{CaseID: c.Params("id")})
}

func (s *Server) referralPage(c *fiber.Ctx, f referrals.Filter) error {
	limit, cursor, err := page(c)
	if err != nil {
		return err
	}
	f.Limit, f.Cursor = limit, cursor
	items, next, err := s.Referrals.List(c.UserContext(), principal(c), f)
	if err != nil {
		return err
	}
	return c.JSON(listOf(items, next))
}

func (s *Server) getReferral(c *fiber.Ctx) error {
	r, err := s.Referrals.Get(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(r)
}

// actOnReferral takes {note?}, or {reason} for reject.
func (s *Server) actOnReferral(action string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var in struct {
			Note   *string `json:"note"`
			Reason *string `json:"reason"`
		}
		if len(c.Body()) > 0 {
			if err := decode(c, &in); err != nil {
				return err
			}
		}
		note := deref(in.Note)
		if action == "reject" {
			note = deref(in.Reason)
		}
		r, err := s.Referrals.Act(c.UserContext(), principal(c), c.Params("id"), action, note)
		if err != nil {
			return err
		}
		return c.JSON(r)
	}
}
