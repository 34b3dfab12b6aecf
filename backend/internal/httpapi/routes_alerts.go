package httpapi

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/platform"
)

func (s *Server) registerAlerts() {
	s.perm("GET", APIPrefix+"/alerts", "alerts", "read", s.listAlerts)
	s.perm("GET", APIPrefix+"/alerts/:id", "alerts", "read", s.getAlert)
	s.perm("POST", APIPrefix+"/alerts/:id/ack", "alerts", "write", s.ackAlert)
	s.perm("POST", APIPrefix+"/alerts/:id/resolve", "alerts", "write", s.resolveAlert)
	s.perm("GET", APIPrefix+"/agencies/:id/acknowledgement-times", "oncall", "read", s.ackTimes)
}

func (s *Server) resolveAlert(c *fiber.Ctx) error {
	a, err := s.Alerts.Resolve(c.UserContext(), principal(c).UserID, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(a)
}

// ackTimes answers ?days= (1 to 366, default 30) and ?tz= (default Europe/Belgrade).
func (s *Server) ackTimes(c *fiber.Ctx) error {
	var v platform.Validator
	days, err := strconv.Atoi(c.Query("days", "30"))
	v.Check(err == nil && days >= 1 && days <= 366, "days", "Give 1 to 366 days.")
	tz := c.Query("tz", "Europe/Belgrade")
	_, tzErr := time.LoadLocation(tz)
	v.Check(tzErr == nil && tz != "Local", "tz", "Give a time zone such as Europe/Belgrade.")
	if !platform.ValidID(c.Params("id")) {
		return platform.Errorf(platform.ENOTFOUND, "Agency not found.")
	}
	if err := v.Err(); err != nil {
		return err
	}
	now := s.Clock.Now()
	items, err := s.Alerts.AckTimes(c.UserContext(), c.Params("id"), tz, now.Add(-time.Duration(days)*24*time.Hour), now)
	if err != nil {
		return err
	}
	return c.JSON(listOf(items, ""))
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
