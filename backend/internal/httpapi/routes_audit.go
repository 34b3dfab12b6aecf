package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/audit"
)

func (s *Server) registerAudit() {
	s.perm("GET", APIPrefix+"/audit", "audit", "read", s.listAudit)
	s.perm("GET", APIPrefix+"/audit/verify", "audit", "read", s.verifyAudit)
}

func (s *Server) listAudit(c *fiber.Ctx) error {
	limit, cursor, err := page(c)
	if err != nil {
		return err
	}
	items, next, err := audit.List(c.UserContext(), s.DB, audit.Filter{
		CaseID: c.Query("case_id"), ActorID: c.Query("actor_id"), Action: c.Query("action"),
		Resource: c.Query("resource_type"), ResourceID: c.Query("resource_id"),
		Limit: limit, Cursor: cursor,
	})
	if err != nil {
		return err
	}
	if err := s.recordRead(c, "audit.read", "audit", "", audit.BasisAuditor); err != nil {
		return err
	}
	return c.JSON(listOf(items, next))
}

func (s *Server) verifyAudit(c *fiber.Ctx) error {
	res, err := audit.Verify(c.UserContext(), s.DB)
	if err != nil {
		return err
	}
	return c.JSON(res)
}
