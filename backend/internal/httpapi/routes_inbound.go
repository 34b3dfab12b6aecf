package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/inbound"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

func (s *Server) registerInbound() {
	// Authenticated by the request's signature, not by a session.
	s.public("POST", APIPrefix+"/inbound/events", s.receiveEvent)
	s.perm("GET", APIPrefix+"/inbound/systems", "structure", "write", s.listSystems)
	s.perm("POST", APIPrefix+"/inbound/systems", "structure", "write", s.registerSystem)
	s.perm("POST", APIPrefix+"/inbound/systems/:id/rotate", "structure", "write", s.rotateSystem)
	s.perm("GET", APIPrefix+"/cases/:id/inbound-events", "cases", "read", s.caseInboundEvents)
	s.perm("GET", APIPrefix+"/intake", "referrals", "read", s.intakeQueue)
	s.perm("POST", APIPrefix+"/intake/:id/take", "referrals", "write", s.takeIntake)
}

// receiveEvent takes X-Zajedno-System, X-Zajedno-Timestamp, X-Zajedno-Signature and
// Idempotency-Key with the event as the body.
func (s *Server) receiveEvent(c *fiber.Ctx) error {
	ans, err := s.Inbound.Receive(c.UserContext(), inboundRequest(c))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(ans)
}

func (s *Server) caseInboundEvents(c *fiber.Ctx) error {
	items, err := s.Inbound.CaseEvents(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) listSystems(c *fiber.Ctx) error {
	items, err := s.Inbound.Systems(c.UserContext())
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) registerSystem(c *fiber.Ctx) error {
	var in struct {
		Name     string `json:"name"`
		Kind     string `json:"kind"`
		AgencyID string `json:"agency_id"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	cr, err := s.Inbound.Register(c.UserContext(), principal(c), in.Name, in.Kind, in.AgencyID)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return created(c, cr)
}

func (s *Server) rotateSystem(c *fiber.Ctx) error {
	cr, err := s.Inbound.Rotate(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(cr)
}

func (s *Server) intakeQueue(c *fiber.Ctx) error {
	items, err := s.Inbound.IntakeQueue(c.UserContext(), principal(c))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) takeIntake(c *fiber.Ctx) error {
	if err := s.Inbound.Take(c.UserContext(), principal(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func inboundRequest(c *fiber.Ctx) inbound.Request {
	return inbound.Request{SystemID: c.Get("X-Zajedno-System"), Timestamp: c.Get("X-Zajedno-Timestamp"),
		Signature: c.Get("X-Zajedno-Signature"), IdempotencyKey: c.Get("Idempotency-Key"), Body: append([]byte(nil), c.Body()...),
		Address: platform.RequestFrom(c.UserContext()).ClientIP}
}
