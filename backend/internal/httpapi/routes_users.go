package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/accounts"
	"github.com/zajedno/zajedno/backend/internal/audit"
)

func (s *Server) registerUsers() {
	s.perm("GET", APIPrefix+"/users", "users", "read", s.listUsers)
	s.perm("GET", APIPrefix+"/users/:id", "users", "read", s.getUser)
	s.perm("POST", APIPrefix+"/users", "users", "write", s.createUser)
	s.perm("PATCH", APIPrefix+"/users/:id", "users", "write", s.updateUser)
	s.perm("POST", APIPrefix+"/users/:id/deactivate", "users", "write", s.deactivateUser)
	s.perm("POST", APIPrefix+"/users/:id/reactivate", "users", "write", s.reactivateUser)
	s.perm("POST", APIPrefix+"/users/:id/reset-password", "users", "write", s.resetPassword)
	s.perm("POST", APIPrefix+"/users/:id/reset-mfa", "users", "write", s.resetMFA)
}

func (s *Server) listUsers(c *fiber.Ctx) error {
	limit, cursor, err := page(c)
	if err != nil {
		return err
	}
	items, next, err := s.Accounts.ListUsers(c.UserContext(), c.Query("q"), limit, cursor)
	if err != nil {
		return err
	}
	if err := s.recordRead(c, "user.list", "user", "", audit.BasisAdmin); err != nil {
		return err
	}
	return c.JSON(listOf(items, next))
}

func (s *Server) getUser(c *fiber.Ctx) error {
	u, err := s.Accounts.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	if err := s.recordRead(c, "user.read", "user", u.ID, audit.BasisAdmin); err != nil {
		return err
	}
	return c.JSON(u)
}

func (s *Server) createUser(c *fiber.Ctx) error {
	var in struct {
		Username    string   `json:"username"`
		DisplayName string   `json:"display_name"`
		AgencyID    string   `json:"agency_id"`
		Roles       []string `json:"roles"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	u, temp, err := s.Accounts.CreateUser(c.UserContext(), principal(c), accounts.NewUser{
		Username: in.Username, DisplayName: in.DisplayName, AgencyID: in.AgencyID, Roles: in.Roles,
	})
	if err != nil {
		return err
	}
	return created(c, fiber.Map{"user": u, "temporary_password": temp})
}

func (s *Server) updateUser(c *fiber.Ctx) error {
	var in struct {
		DisplayName *string   `json:"display_name"`
		AgencyID    *string   `json:"agency_id"`
		Roles       *[]string `json:"roles"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	u, err := s.Accounts.UpdateUser(c.UserContext(), principal(c), c.Params("id"), accounts.UserPatch{
		DisplayName: in.DisplayName, AgencyID: in.AgencyID, Roles: in.Roles,
	})
	if err != nil {
		return err
	}
	return c.JSON(u)
}

func (s *Server) deactivateUser(c *fiber.Ctx) error {
	u, re, err := s.Accounts.Deactivate(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"user": u, "to_reassign": re})
}

func (s *Server) reactivateUser(c *fiber.Ctx) error {
	u, err := s.Accounts.Reactivate(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(u)
}

func (s *Server) resetPassword(c *fiber.Ctx) error {
	temp, err := s.Accounts.ResetPassword(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"temporary_password": temp})
}

func (s *Server) resetMFA(c *fiber.Ctx) error {
	u, err := s.Accounts.ResetMFA(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(u)
}
