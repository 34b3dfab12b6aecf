package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/cases"
	"github.com/zajedno/zajedno/backend/internal/people"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

func (s *Server) registerCases() {
	s.perm("GET", APIPrefix+"/cases", "cases", "read", s.listCases)
	s.perm("POST", APIPrefix+"/cases", "cases", "write", s.createCase)
	s.perm("GET", APIPrefix+"/cases/lookup", "emergency_access", "request", s.lookupCases)
	s.perm("GET", APIPrefix+"/cases/:id", "cases", "read", s.getCase)
	s.perm("POST", APIPrefix+"/cases/:id/members", "cases", "write", s.addCaseMember)
	s.perm("DELETE", APIPrefix+"/cases/:id/members/:user_id", "cases", "write", s.removeCaseMember)
	s.perm("GET", APIPrefix+"/cases/:id/entries", "cases", "read", s.listEntries)
	s.perm("POST", APIPrefix+"/cases/:id/entries", "cases", "write", s.addEntry)
	s.perm("POST", APIPrefix+"/cases/:id/emergency-access", "emergency_access", "request", s.breakGlass)
	s.perm("GET", APIPrefix+"/emergency-access", "emergency_access", "review", s.listGrants)
	s.perm("POST", APIPrefix+"/emergency-access/:id/review", "emergency_access", "review", s.reviewGrant)
	s.perm("POST", APIPrefix+"/people/:id/reveal-jmbg", "cases", "read", s.revealJMBG)
	s.perm("GET", APIPrefix+"/people/matches", "cases", "write", s.personMatches)
}

func (s *Server) personMatches(c *fiber.Ctx) error {
	m, err := s.Cases.FindMatches(c.UserContext(), principal(c), c.Query("first_name"), c.Query("last_name"), c.Query("jmbg"), c.Query("date_of_birth"))
	if err != nil {
		return err
	}
	return c.JSON(m)
}

func (s *Server) listCases(c *fiber.Ctx) error {
	limit, cursor, err := page(c)
	if err != nil {
		return err
	}
	items, next, err := s.Cases.List(c.UserContext(), principal(c), cases.Filter{
		Scope: c.Query("scope"), Category: c.Query("category"), Status: c.Query("status"), Risk: c.Query("risk"),
		Query: c.Query("q"), Lead: c.Query("lead"), Overdue: c.QueryBool("overdue"), Limit: limit, Cursor: cursor,
	})
	if err != nil {
		return err
	}
	if s.Chat != nil {
		ids := make([]string, len(items))
		for i, it := range items {
			ids[i] = it.ID
		}
		unread, err := s.Chat.Unread(c.UserContext(), principal(c), ids)
		if err != nil {
			return err
		}
		for i := range items {
			items[i].Unread = unread[items[i].ID]
		}
	}
	return c.JSON(listOf(items, next))
}

func (s *Server) createCase(c *fiber.Ctx) error {
	var in struct {
		Title    string `json:"title"`
		Category string `json:"category"`
		TeamID   string `json:"team_id"`
		Subject  *struct {
			PersonID    *string `json:"person_id"`
			FirstName   string  `json:"first_name"`
			LastName    string  `json:"last_name"`
			JMBG        *string `json:"jmbg"`
			DateOfBirth *string `json:"date_of_birth"`
			Sex         *string `json:"sex"`
		} `json:"subject"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	nc := cases.NewCase{Title: in.Title, Category: in.Category, TeamID: in.TeamID}
	if in.Subject != nil {
		nc.SubjectID = deref(in.Subject.PersonID)
		nc.Subject = people.NewPerson{FirstName: in.Subject.FirstName, LastName: in.Subject.LastName,
			JMBG: deref(in.Subject.JMBG), DateOfBirth: deref(in.Subject.DateOfBirth), Sex: deref(in.Subject.Sex)}
	}
	out, err := s.Cases.Create(c.UserContext(), principal(c), nc)
	if err != nil {
		return err
	}
	return created(c, out)
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func (s *Server) getCase(c *fiber.Ctx) error {
	out, err := s.Cases.Get(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (s *Server) addCaseMember(c *fiber.Ctx) error {
	var in struct {
		UserID string `json:"user_id"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	out, err := s.Cases.AddMember(c.UserContext(), principal(c), c.Params("id"), in.UserID)
	if err != nil {
		return err
	}
	return created(c, out)
}

func (s *Server) removeCaseMember(c *fiber.Ctx) error {
	if err := s.Cases.RemoveMember(c.UserContext(), principal(c), c.Params("id"), c.Params("user_id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) listEntries(c *fiber.Ctx) error {
	limit, cursor, err := page(c)
	if err != nil {
		return err
	}
	items, next, err := s.Cases.Entries(c.UserContext(), principal(c), c.Params("id"), limit, cursor)
	if err != nil {
		return err
	}
	return c.JSON(listOf(items, next))
}

func (s *Server) addEntry(c *fiber.Ctx) error {
	var in struct {
		Body        string  `json:"body"`
		Sensitivity string  `json:"sensitivity"`
		CorrectsID  *string `json:"corrects_id"`
		IncidentAt  *string `json:"incident_at"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	var v platform.Validator
	t := eventTimes(&v, map[string]*string{"incident_at": in.IncidentAt})
	if err := v.Err(); err != nil {
		return err
	}
	out, err := s.Cases.AddEntry(c.UserContext(), principal(c), c.Params("id"), cases.NewEntry{
		Body: in.Body, Sensitivity: in.Sensitivity, CorrectsID: deref(in.CorrectsID), IncidentAt: t["incident_at"]})
	if err != nil {
		return err
	}
	return created(c, out)
}

func (s *Server) breakGlass(c *fiber.Ctx) error {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	g, err := s.Cases.BreakGlass(c.UserContext(), principal(c), c.Params("id"), in.Reason)
	if err != nil {
		return err
	}
	return created(c, fiber.Map{"id": g.ID, "expires_at": g.ExpiresAt})
}

func (s *Server) lookupCases(c *fiber.Ctx) error {
	items, err := s.Cases.Lookup(c.UserContext(), principal(c), c.Query("q"))
	if err != nil {
		return err
	}
	return c.JSON(listOf(items, ""))
}

func (s *Server) listGrants(c *fiber.Ctx) error {
	p := principal(c)
	items, err := s.Cases.Grants(c.UserContext(), p, s.Authz.Can(p, "emergency_access", "review_all"), c.Query("status"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) reviewGrant(c *fiber.Ctx) error {
	var in struct {
		Outcome string  `json:"outcome"`
		Note    *string `json:"note"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	p := principal(c)
	g, err := s.Cases.ReviewGrant(c.UserContext(), p, s.Authz.Can(p, "emergency_access", "review_all"), c.Params("id"), in.Outcome, deref(in.Note))
	if err != nil {
		return err
	}
	return c.JSON(g)
}

func (s *Server) revealJMBG(c *fiber.Ctx) error {
	jmbg, err := s.Cases.RevealJMBG(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"jmbg": jmbg})
}
