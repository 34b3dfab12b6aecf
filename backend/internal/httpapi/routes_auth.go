package httpapi

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/accounts"
	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/database"
)

func (s *Server) registerAuth() {
	s.public("POST", APIPrefix+"/auth/login", s.login)
	profileWrite := routeInfo{Rule: permRule("profile", "write"), AllowRestricted: true}
	s.handle("POST", APIPrefix+"/auth/logout", profileWrite, s.logout)
	s.handle("POST", APIPrefix+"/auth/logout-all", profileWrite, s.logoutAll)
}

type loginRequest struct {
	Username     string `json:"username"`
	Password     string `json:"password"`
	TOTPCode     string `json:"totp_code"`
	RecoveryCode string `json:"recovery_code"`
}

type loginResponse struct {
	Token     string        `json:"token"`
	CSRFToken string        `json:"csrf_token"`
	ExpiresAt time.Time     `json:"expires_at"`
	User      accounts.User `json:"user"`
}

func (s *Server) login(c *fiber.Ctx) error {
	var in loginRequest
	if err := decode(c, &in); err != nil {
		return err
	}
	res, err := s.Accounts.Login(c.UserContext(), accounts.LoginInput{
		Username: in.Username, Password: in.Password, TOTPCode: in.TOTPCode, RecoveryCode: in.RecoveryCode,
		UserAgent: c.Get(fiber.HeaderUserAgent),
	})
	if err != nil {
		return err
	}
	s.setSessionCookies(c, res.Token, res.CSRFToken, res.ExpiresAt)
	return c.JSON(loginResponse{Token: res.Token, CSRFToken: res.CSRFToken, ExpiresAt: res.ExpiresAt, User: res.User})
}

func (s *Server) setSessionCookies(c *fiber.Ctx, token, csrf string, expires time.Time) {
	secure := s.Config.Env != "development" && s.Config.Env != "test"
	c.Cookie(&fiber.Cookie{Name: cookieSession, Value: token, Path: "/", Expires: expires, HTTPOnly: true, Secure: secure, SameSite: fiber.CookieSameSiteLaxMode})
	c.Cookie(&fiber.Cookie{Name: cookieCSRF, Value: csrf, Path: "/", Expires: expires, HTTPOnly: false, Secure: secure, SameSite: fiber.CookieSameSiteLaxMode})
}

func (s *Server) clearSessionCookies(c *fiber.Ctx) {
	s.setSessionCookies(c, "", "", time.Unix(0, 0))
}

func (s *Server) logout(c *fiber.Ctx) error {
	id := identity(c)
	if err := s.Accounts.Logout(c.UserContext(), id.User.ID, id.SessionID); err != nil {
		return err
	}
	s.clearSessionCookies(c)
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) logoutAll(c *fiber.Ctx) error {
	if err := s.Accounts.LogoutAll(c.UserContext(), identity(c).User.ID); err != nil {
		return err
	}
	s.clearSessionCookies(c)
	return c.SendStatus(fiber.StatusNoContent)
}

// ready is 200 only while the database answers and no migration is pending.
func (s *Server) ready(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 3*time.Second)
	defer cancel()
	pending, err := database.Pending(ctx, s.DB)
	switch {
	case err != nil:
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "unavailable", "reason": "the database does not answer"})
	case pending > 0:
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "unavailable", "reason": "migrations are pending: run 'zajedno migrate'", "pending": pending})
	}
	return c.JSON(fiber.Map{"status": "ready"})
}

// recordRead audits a read of personal data and returns only once it is committed.
func (s *Server) recordRead(c *fiber.Ctx, action, resourceType, resourceID, basis string) error {
	return s.Audit.Record(c.UserContext(), audit.Event{ActorID: principal(c).UserID, Action: action,
		ResourceType: resourceType, ResourceID: resourceID, Basis: basis})
}
