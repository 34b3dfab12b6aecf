package httpapi

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/chat"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

func (s *Server) registerChat() {
	s.perm("GET", APIPrefix+"/cases/:id/messages", "cases", "read", s.listMessages)
	s.perm("POST", APIPrefix+"/cases/:id/messages", "cases", "write", s.postMessage)
	s.perm("POST", APIPrefix+"/cases/:id/messages/read", "cases", "read", s.markRead)
	s.perm("GET", APIPrefix+"/cases/:id/messages/reads", "cases", "read", s.listReads)
	s.perm("GET", APIPrefix+"/cases/:id/messages/unread", "cases", "read", s.unreadCount)
	s.perm("PATCH", APIPrefix+"/messages/:id", "cases", "write", s.editMessage)
	s.perm("DELETE", APIPrefix+"/messages/:id", "cases", "write", s.deleteMessage)
	s.perm("GET", APIPrefix+"/messages/:id/versions", "audit", "read", s.messageVersions)
	s.perm("POST", APIPrefix+"/messages/:id/promote", "cases", "write", s.promoteMessage)
}

// listMessages answers ?after=&limit=&q= with {items, next_cursor}; next_cursor is the last
// message's id, to pass as after.
func (s *Server) listMessages(c *fiber.Ctx) error {
	limit := 100
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			return platform.Invalid(platform.FieldError{Field: "limit", Message: "must be a whole number from 1 to 500"})
		}
		limit = n
	}
	items, more, err := s.Chat.History(c.UserContext(), principal(c), c.Params("id"), chat.HistoryQuery{After: c.Query("after"), Limit: limit, Q: c.Query("q")})
	if err != nil {
		return err
	}
	next := ""
	if more {
		next = items[len(items)-1].ID
	}
	return c.JSON(listOf(items, next))
}

func (s *Server) postMessage(c *fiber.Ctx) error {
	var in struct {
		Body         string   `json:"body"`
		ClientID     *string  `json:"client_id"`
		ReplyTo      *string  `json:"reply_to"`
		Sensitivity  *string  `json:"sensitivity"`
		AttachmentID *string  `json:"attachment_id"`
		Mentions     []string `json:"mentions"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	m, replayed, err := s.Chat.Post(c.UserContext(), principal(c), c.Params("id"), chat.NewMessage{Body: in.Body, ClientID: deref(in.ClientID),
		ReplyTo: deref(in.ReplyTo), Sensitivity: deref(in.Sensitivity), AttachmentID: deref(in.AttachmentID), Mentions: in.Mentions})
	if err != nil {
		return err
	}
	if replayed {
		c.Set("Idempotent-Replayed", "true")
	}
	return created(c, m)
}

func (s *Server) markRead(c *fiber.Ctx) error {
	var in struct {
		MessageID string `json:"message_id"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	r, err := s.Chat.MarkRead(c.UserContext(), principal(c), c.Params("id"), in.MessageID)
	if err != nil {
		return err
	}
	return c.JSON(r)
}

func (s *Server) listReads(c *fiber.Ctx) error {
	reads, err := s.Chat.Reads(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, reads)
}

// unreadCount answers {unread}: the messages of the case the caller may read and has not.
func (s *Server) unreadCount(c *fiber.Ctx) error {
	n, err := s.Chat.UnreadIn(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"unread": n})
}

func (s *Server) editMessage(c *fiber.Ctx) error {
	var in struct {
		Body string `json:"body"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	m, err := s.Chat.Edit(c.UserContext(), principal(c), c.Params("id"), in.Body)
	if err != nil {
		return err
	}
	return c.JSON(m)
}

func (s *Server) deleteMessage(c *fiber.Ctx) error {
	m, err := s.Chat.Delete(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(m)
}

func (s *Server) messageVersions(c *fiber.Ctx) error {
	vs, err := s.Chat.Versions(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, vs)
}

func (s *Server) promoteMessage(c *fiber.Ctx) error {
	var in struct {
		Kind          string     `json:"kind"`
		Title         *string    `json:"title"`
		AssigneeID    *string    `json:"assignee_id"`
		DueAt         *time.Time `json:"due_at"`
		Sensitivity   *string    `json:"sensitivity"`
		GoalID        *string    `json:"goal_id"`
		OwnerUserID   *string    `json:"owner_user_id"`
		OwnerAgencyID *string    `json:"owner_agency_id"`
		DueDate       *string    `json:"due_date"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	out, err := s.Chat.Promote(c.UserContext(), principal(c), c.Params("id"), chat.Promotion{Kind: in.Kind, Title: deref(in.Title),
		AssigneeID: deref(in.AssigneeID), DueAt: in.DueAt, Sensitivity: deref(in.Sensitivity), GoalID: deref(in.GoalID),
		OwnerUserID: deref(in.OwnerUserID), OwnerAgency: deref(in.OwnerAgencyID), DueDate: deref(in.DueDate)})
	if err != nil {
		return err
	}
	return created(c, out)
}
