package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/platform"
)

func (s *Server) registerAlerts() {
	s.perm("GET", APIPrefix+"/alerts", "alerts", "read", s.listAlerts)
	s.perm("GET", APIPrefix+"/alerts/:id", "alerts", "read", s.getAlert)
	s.perm("POST", APIPrefix+"/alerts/:id/ack", "alerts", "write", s.ackAlert)
}

func (s *Server) getAlert(c *fiber.Ctx) error {
	a, err := s.Alerts.Get(c.UserContext(), principal(c).UserID, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(a)
}

func (s *Server) listAlerts(c *fiber.Ctx) error {
	limit, cursor, err := page(c)
	if err != nil {
		return err
	}
	status := c.Query("status", "open")
	if status != "open" && status != "all" {
		return platform.Invalid(platform.FieldError{Field: "status", Message: "Use open or all."})
	}
	items, next, err := s.Alerts.List(c.UserContext(), principal(c).UserID, status == "all", limit, cursor)
	if err != nil {
		return err
	}
	return c.JSON(listOf(items, next))
}

func (s *Server) ackAlert(c *fiber.Ctx) error {
	a, err := s.Alerts.Acknowledge(c.UserContext(), principal(c).UserID, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(a)
}
