package httpapi

import (
	"context"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/meetings"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

func (s *Server) registerMeetings() {
	read := func(method, path string, h fiber.Handler) { s.perm(method, APIPrefix+path, "meetings", "read", h) }
	chair := func(method, path string, h fiber.Handler) { s.perm(method, APIPrefix+path, "meetings", "chair", h) }
	read("GET", "/coordination-groups/:id/meetings", s.listMeetings)
	chair("POST", "/coordination-groups/:id/meetings", s.scheduleMeeting)
	read("GET", "/coordination-groups/:id/cadence", s.groupCadence)
	chair("GET", "/coordination-groups/:id/candidates", s.inviteCandidates)
	read("GET", "/meetings/:id", s.getMeeting)
	read("GET", "/meetings/:id/agenda", s.meetingAgenda)
	chair("POST", "/meetings/:id/agenda/refresh", s.refreshAgenda)
	chair("PUT", "/meetings/:id/agenda/order", s.reorderAgenda)
	chair("POST", "/meetings/:id/items", s.addMeetingItem)
	chair("POST", "/meetings/:id/items/:item_id/invitations", s.inviteToItem)
	chair("POST", "/meetings/:id/items/:item_id/records", s.addMeetingRecord)
	chair("POST", "/meetings/:id/items/:item_id/actions", s.addMeetingAction)
	chair("POST", "/meetings/:id/actions/:action_id/review", s.reviewMeetingAction)
	chair("POST", "/meetings/:id/start", s.meetingStep((*meetings.Service).Start))
	chair("POST", "/meetings/:id/cancel", s.meetingStep((*meetings.Service).Cancel))
	chair("PUT", "/meetings/:id/attendance", s.setAttendance)
	read("POST", "/meetings/:id/confidentiality", s.acknowledgeConfidentiality)
	chair("POST", "/meetings/:id/close", s.closeMeeting)
	chair("POST", "/meetings/:id/addenda", s.addAddendum)
	read("GET", "/meetings/:id/minutes.pdf", s.minutesPDF)
	read("GET", "/meetings/:id/meeting.ics", s.meetingICS)
	read("GET", "/meetings/:id/preparation", s.meetingPreparation)
	read("PUT", "/meetings/:id/preparation/:kind", s.submitPreparation)
	read("GET", "/coordination-groups/:id/statistics", s.groupStatistics)
	read("GET", "/meeting-items/:id", s.invitedItem)
	read("GET", "/me/invitations", s.myInvitations)
	read("POST", "/me/calendar-feed", s.newCalendarFeed)
	read("DELETE", "/me/calendar-feed", s.revokeCalendarFeed)
	s.public("GET", APIPrefix+"/calendar-feeds/:token", s.calendarFeed)
}

func (s *Server) listMeetings(c *fiber.Ctx) error {
	items, err := s.Meetings.List(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) scheduleMeeting(c *fiber.Ctx) error {
	var in struct {
		StartsAt *string `json:"starts_at"`
		Location *string `json:"location"`
		Reason   *string `json:"reason"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	var v platform.Validator
	t := eventTimes(&v, map[string]*string{"starts_at": in.StartsAt})
	if err := v.Err(); err != nil {
		return err
	}
	m, err := s.Meetings.Schedule(c.UserContext(), principal(c), c.Params("id"),
		meetings.NewMeeting{StartsAt: t["starts_at"], Location: deref(in.Location), Reason: deref(in.Reason)})
	if err != nil {
		return err
	}
	return created(c, m)
}

func (s *Server) inviteCandidates(c *fiber.Ctx) error {
	items, err := s.Meetings.Candidates(c.UserContext(), principal(c), c.Params("id"), c.Query("q"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) groupCadence(c *fiber.Ctx) error {
	out, err := s.Meetings.Cadence(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (s *Server) getMeeting(c *fiber.Ctx) error {
	d, err := s.Meetings.Detail(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(d)
}

func (s *Server) meetingAgenda(c *fiber.Ctx) error {
	items, err := s.Meetings.Agenda(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) refreshAgenda(c *fiber.Ctx) error {
	n, err := s.Meetings.Refresh(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	items, err := s.Meetings.Agenda(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"added": n, "items": items})
}

func (s *Server) reorderAgenda(c *fiber.Ctx) error {
	var in struct {
		ItemIDs []string `json:"item_ids"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	items, err := s.Meetings.Reorder(c.UserContext(), principal(c), c.Params("id"), in.ItemIDs)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

func (s *Server) addMeetingItem(c *fiber.Ctx) error {
	var in struct {
		CaseID  *string `json:"case_id"`
		Title   *string `json:"title"`
		Section *string `json:"section"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	it, err := s.Meetings.AddItem(c.UserContext(), principal(c), c.Params("id"),
		meetings.NewItem{CaseID: deref(in.CaseID), Title: deref(in.Title), Section: deref(in.Section)})
	if err != nil {
		return err
	}
	return created(c, it)
}

func (s *Server) inviteToItem(c *fiber.Ctx) error {
	var in struct {
		UserID string `json:"user_id"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	out, err := s.Meetings.Invite(c.UserContext(), principal(c), c.Params("id"), c.Params("item_id"), in.UserID)
	if err != nil {
		return err
	}
	return created(c, fiber.Map{"items": out})
}

func (s *Server) addMeetingRecord(c *fiber.Ctx) error {
	var in struct {
		Kind string `json:"kind"`
		Body string `json:"body"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	r, err := s.Meetings.AddRecord(c.UserContext(), principal(c), c.Params("id"), c.Params("item_id"), in.Kind, in.Body)
	if err != nil {
		return err
	}
	return created(c, r)
}

func (s *Server) addMeetingAction(c *fiber.Ctx) error {
	var in struct {
		Title      string  `json:"title"`
		AgencyID   string  `json:"agency_id"`
		AssigneeID string  `json:"assignee_id"`
		DueAt      *string `json:"due_at"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	var v platform.Validator
	t := eventTimes(&v, map[string]*string{"due_at": in.DueAt})
	if err := v.Err(); err != nil {
		return err
	}
	a, err := s.Meetings.AddAction(c.UserContext(), principal(c), c.Params("id"), c.Params("item_id"),
		meetings.NewAction{Title: in.Title, AgencyID: in.AgencyID, AssigneeID: in.AssigneeID, DueAt: t["due_at"]})
	if err != nil {
		return err
	}
	return created(c, a)
}

func (s *Server) reviewMeetingAction(c *fiber.Ctx) error {
	var in struct {
		Outcome string `json:"outcome"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	a, err := s.Meetings.ReviewAction(c.UserContext(), principal(c), c.Params("id"), c.Params("action_id"), in.Outcome)
	if err != nil {
		return err
	}
	return c.JSON(a)
}

// meetingStep is a body-less step of the meeting (start, cancel).
func (s *Server) meetingStep(step func(*meetings.Service, context.Context, *authz.Principal, string) (meetings.Detail, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		d, err := step(s.Meetings, c.UserContext(), principal(c), c.Params("id"))
		if err != nil {
			return err
		}
		return c.JSON(d)
	}
}

func (s *Server) setAttendance(c *fiber.Ctx) error {
	var in struct {
		UserID   string `json:"user_id"`
		Presence string `json:"presence"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	d, err := s.Meetings.SetAttendance(c.UserContext(), principal(c), c.Params("id"), in.UserID, in.Presence)
	if err != nil {
		return err
	}
	return c.JSON(d)
}

func (s *Server) acknowledgeConfidentiality(c *fiber.Ctx) error {
	a, err := s.Meetings.AcknowledgeConfidentiality(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(a)
}

func (s *Server) closeMeeting(c *fiber.Ctx) error {
	var in struct {
		Minutes string `json:"minutes"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	d, err := s.Meetings.Close(c.UserContext(), principal(c), c.Params("id"), in.Minutes)
	if err != nil {
		return err
	}
	return c.JSON(d)
}

func (s *Server) addAddendum(c *fiber.Ctx) error {
	var in struct {
		Body string `json:"body"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	d, err := s.Meetings.AddAddendum(c.UserContext(), principal(c), c.Params("id"), in.Body)
	if err != nil {
		return err
	}
	return created(c, d)
}

func (s *Server) minutesPDF(c *fiber.Ctx) error {
	b, name, err := s.Meetings.MinutesPDF(c.UserContext(), principal(c), c.Params("id"), c.Query("script"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(b)
}

func (s *Server) meetingICS(c *fiber.Ctx) error {
	cal, err := s.Meetings.ICS(c.UserContext(), principal(c), c.Params("id"), s.Config.PublicURL)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/calendar; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="sastanak.ics"`)
	return c.SendString(cal)
}

func (s *Server) invitedItem(c *fiber.Ctx) error {
	it, err := s.Meetings.InvitedItem(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(it)
}

func (s *Server) myInvitations(c *fiber.Ctx) error {
	items, err := s.Meetings.Invitations(c.UserContext(), principal(c))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) newCalendarFeed(c *fiber.Ctx) error {
	token, err := s.Meetings.NewFeed(c.UserContext(), principal(c))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return created(c, fiber.Map{"url": strings.TrimRight(s.Config.PublicURL, "/") + APIPrefix + "/calendar-feeds/" + token})
}

func (s *Server) revokeCalendarFeed(c *fiber.Ctx) error {
	if err := s.Meetings.RevokeFeed(c.UserContext(), principal(c)); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// calendarFeed is public: the secret in the address is the credential (calendar apps send no
// login). It names groups, times and places, never a case.
func (s *Server) calendarFeed(c *fiber.Ctx) error {
	cal, err := s.Meetings.Feed(c.UserContext(), strings.TrimSuffix(c.Params("token"), ".ics"), s.Config.PublicURL)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/calendar; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.SendString(cal)
}

func (s *Server) meetingPreparation(c *fiber.Ctx) error {
	items, err := s.Meetings.Preparation(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(listOf(items, ""))
}

func (s *Server) submitPreparation(c *fiber.Ctx) error {
	var in struct {
		Body string `json:"body"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	items, err := s.Meetings.Submit(c.UserContext(), principal(c), c.Params("id"), c.Params("kind"), in.Body)
	if err != nil {
		return err
	}
	return c.JSON(listOf(items, ""))
}

// groupStatistics answers JSON, or with ?format=csv a CSV file.
func (s *Server) groupStatistics(c *fiber.Ctx) error {
	// The format is checked first, so that a refused request leaves no audited read.
	format := c.Query("format", "json")
	if format != "json" && format != "csv" {
		return platform.Invalid(platform.FieldError{Field: "format", Message: "Choose json or csv."})
	}
	st, err := s.Meetings.Statistics(c.UserContext(), principal(c), c.Params("id"), c.Query("from"), c.Query("to"))
	if err != nil {
		return err
	}
	if format == "json" {
		return c.JSON(st)
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="grupa-`+st.From+`-`+st.To+`.csv"`)
	return c.Send(st.CSV())
}
