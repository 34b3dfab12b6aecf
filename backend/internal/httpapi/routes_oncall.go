package httpapi

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/oncall"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

func (s *Server) registerOnCall() {
	s.perm("GET", APIPrefix+"/on-call", "oncall", "read", s.onCallNow)
	s.perm("GET", APIPrefix+"/agencies/:id/shifts", "oncall", "read", s.listShifts)
	s.perm("POST", APIPrefix+"/agencies/:id/shifts", "oncall", "write", s.addShift)
	s.perm("DELETE", APIPrefix+"/shifts/:id", "oncall", "write", s.deleteShift)
	s.perm("GET", APIPrefix+"/agencies/:id/escalation", "oncall", "read", s.getEscalation)
	s.perm("PUT", APIPrefix+"/agencies/:id/escalation", "oncall", "write", s.setEscalation)
}

func (s *Server) onCallNow(c *fiber.Ctx) error {
	items, err := s.OnCall.NowAll(c.UserContext())
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

// listShifts answers ?from=&to= (RFC 3339; default: from now for 14 days).
func (s *Server) listShifts(c *fiber.Ctx) error {
	var v platform.Validator
	when := func(field string, def time.Time) time.Time {
		raw := c.Query(field)
		if raw == "" {
			return def
		}
		// A "+" of an offset arrives as a space when the client did not escape it.
		t, err := time.Parse(time.RFC3339, strings.ReplaceAll(raw, " ", "+"))
		v.Check(err == nil, field, "Give a time such as 2026-11-23T15:00:00+01:00.")
		return t
	}
	from := when("from", s.Clock.Now())
	to := when("to", from.Add(14*24*time.Hour))
	if err := v.Err(); err != nil {
		return err
	}
	v.Check(to.After(from), "to", "Give an end after the start.")
	v.Check(to.Sub(from) <= 93*24*time.Hour, "to", "Ask for at most three months.")
	if err := v.Err(); err != nil {
		return err
	}
	items, err := s.OnCall.Shifts(c.UserContext(), c.Params("id"), from, to)
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) addShift(c *fiber.Ctx) error {
	var in struct {
		StartsAt     time.Time `json:"starts_at"`
		EndsAt       time.Time `json:"ends_at"`
		OncallUserID string    `json:"oncall_user_id"`
		BackupUserID *string   `json:"backup_user_id"`
		HeadUserID   *string   `json:"head_user_id"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	sh, err := s.OnCall.AddShift(c.UserContext(), principal(c), c.Params("id"), oncall.NewShift{StartsAt: in.StartsAt, EndsAt: in.EndsAt,
		OncallUserID: in.OncallUserID, BackupUserID: deref(in.BackupUserID), HeadUserID: deref(in.HeadUserID)})
	if err != nil {
		return err
	}
	return created(c, sh)
}

func (s *Server) deleteShift(c *fiber.Ctx) error {
	if err := s.OnCall.DeleteShift(c.UserContext(), principal(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) getEscalation(c *fiber.Ctx) error {
	m, err := s.OnCall.Policy(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"step_minutes": m})
}

func (s *Server) setEscalation(c *fiber.Ctx) error {
	var in struct {
		StepMinutes int `json:"step_minutes"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	m, err := s.OnCall.SetPolicy(c.UserContext(), principal(c), c.Params("id"), in.StepMinutes)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"step_minutes": m})
}
