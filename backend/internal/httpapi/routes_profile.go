package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
)

func permRule(resource, action string) authz.Rule { return authz.Perm(resource, action) }

func (s *Server) registerProfile() {
	read := routeInfo{Rule: permRule("profile", "read"), AllowRestricted: true}
	write := routeInfo{Rule: permRule("profile", "write"), AllowRestricted: true}
	s.handle("GET", APIPrefix+"/me", read, s.me)
	s.handle("PATCH", APIPrefix+"/me", write, s.updateMe)
	s.handle("POST", APIPrefix+"/me/password", write, s.changePassword)
	s.handle("POST", APIPrefix+"/me/mfa/enroll", write, s.enrollMFA)
	s.handle("POST", APIPrefix+"/me/mfa/confirm", write, s.confirmMFA)
	s.perm("POST", APIPrefix+"/me/mfa/disable", "profile", "write", s.disableMFA)
	s.perm("GET", APIPrefix+"/me/sessions", "profile", "read", s.sessions)
	s.perm("DELETE", APIPrefix+"/me/sessions/:id", "profile", "write", s.endSession)
}

func (s *Server) me(c *fiber.Ctx) error {
	u := identity(c).User
	if err := s.recordRead(c, "user.read", "user", u.ID, audit.BasisSelf); err != nil {
		return err
	}
	return c.JSON(u)
}

func (s *Server) updateMe(c *fiber.Ctx) error {
	var in struct {
		Language *string `json:"language"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	u := identity(c).User
	if in.Language == nil {
		return c.JSON(u)
	}
	u, err := s.Accounts.SetLanguage(c.UserContext(), u.ID, *in.Language)
	if err != nil {
		return err
	}
	return c.JSON(u)
}

func (s *Server) changePassword(c *fiber.Ctx) error {
	var in struct {
		CurrentPassword string `json:"current_password"`
		NewPassword     string `json:"new_password"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	if err := s.Accounts.ChangePassword(c.UserContext(), identity(c), in.CurrentPassword, in.NewPassword); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) enrollMFA(c *fiber.Ctx) error {
	e, err := s.Accounts.EnrollMFA(c.UserContext(), identity(c).User)
	if err != nil {
		return err
	}
	return c.JSON(e)
}

func (s *Server) confirmMFA(c *fiber.Ctx) error {
	var in struct {
		Code string `json:"code"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	codes, err := s.Accounts.ConfirmMFA(c.UserContext(), identity(c).User, in.Code)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"recovery_codes": codes})
}

func (s *Server) disableMFA(c *fiber.Ctx) error {
	var in struct {
		Password string `json:"password"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	p := principal(c)
	if err := s.Accounts.DisableMFA(c.UserContext(), identity(c).User, in.Password, s.Authz.Can(p, "mfa", "required")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) sessions(c *fiber.Ctx) error {
	id := identity(c)
	items, err := s.Accounts.Sessions(c.UserContext(), id.User.ID, id.SessionID)
	if err != nil {
		return err
	}
	l, err := pageOf(c, items)
	if err != nil {
		return err
	}
	if err := s.recordRead(c, "session.list", "user", id.User.ID, audit.BasisSelf); err != nil {
		return err
	}
	return c.JSON(l)
}

func (s *Server) endSession(c *fiber.Ctx) error {
	if err := s.Accounts.EndSession(c.UserContext(), identity(c).User.ID, c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
