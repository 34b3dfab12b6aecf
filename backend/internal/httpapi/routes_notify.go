package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/notify"
)

func (s *Server) registerNotify() {
	s.perm("GET", APIPrefix+"/me/notifications", "profile", "read", s.getPrefs)
	s.perm("PUT", APIPrefix+"/me/notifications", "profile", "write", s.setPrefs)
	s.perm("GET", APIPrefix+"/push/public-key", "profile", "read", s.pushKey)
	s.perm("POST", APIPrefix+"/me/push-subscriptions", "profile", "write", s.subscribePush)
	s.perm("DELETE", APIPrefix+"/me/push-subscriptions/:id", "profile", "write", s.unsubscribePush)
	s.perm("GET", APIPrefix+"/me/mailbox", "profile", "read", s.mailbox)
}

func (s *Server) getPrefs(c *fiber.Ctx) error {
	p, err := s.Notify.GetPrefs(c.UserContext(), principal(c).UserID)
	if err != nil {
		return err
	}
	return c.JSON(p)
}

func (s *Server) setPrefs(c *fiber.Ctx) error {
	var in struct {
		Email        string  `json:"email"`
		EmailEnabled bool    `json:"email_enabled"`
		PushEnabled  bool    `json:"push_enabled"`
		QuietFrom    *string `json:"quiet_from"`
		QuietTo      *string `json:"quiet_to"`
		TimeZone     string  `json:"time_zone"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	p, err := s.Notify.SetPrefs(c.UserContext(), principal(c).UserID, notify.Prefs(in))
	if err != nil {
		return err
	}
	return c.JSON(p)
}

func (s *Server) pushKey(c *fiber.Ctx) error {
	k, err := s.Notify.VAPIDPublicKey(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"public_key": k})
}

func (s *Server) subscribePush(c *fiber.Ctx) error {
	var in struct {
		Endpoint string `json:"endpoint"`
		Keys     struct {
			P256dh string `json:"p256dh"`
			Auth   string `json:"auth"`
		} `json:"keys"`
		ExpirationTime *float64 `json:"expirationTime"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	sub, err := s.Notify.Subscribe(c.UserContext(), principal(c).UserID, in.Endpoint, in.Keys.P256dh, in.Keys.Auth)
	if err != nil {
		return err
	}
	return created(c, sub)
}

func (s *Server) unsubscribePush(c *fiber.Ctx) error {
	if err := s.Notify.Unsubscribe(c.UserContext(), principal(c).UserID, c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) mailbox(c *fiber.Ctx) error {
	items, err := s.Notify.Mailbox(c.UserContext(), principal(c).UserID)
	if err != nil {
		return err
	}
	return c.JSON(listOf(items, ""))
}
