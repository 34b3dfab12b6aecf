package httpapi

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/cases"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// registerWork: a case's lifecycle, its plan and its tasks.
func (s *Server) registerWork() {
	s.perm("POST", APIPrefix+"/cases/:id/status", "cases", "write", s.setCaseStatus)
	s.perm("POST", APIPrefix+"/cases/:id/risk", "cases", "write", s.setCaseRisk)
	s.perm("POST", APIPrefix+"/cases/:id/lead", "cases", "write", s.handOverCase)
	s.perm("PATCH", APIPrefix+"/cases/:id/external-refs", "cases", "write", s.setExternalRefs)
	s.perm("GET", APIPrefix+"/cases/:id/history", "cases", "read", s.caseHistory)
	s.perm("GET", APIPrefix+"/cases/:id/access-log", "cases", "read", s.caseAccessLog)
	s.perm("GET", APIPrefix+"/people/:id/access-log", "cases", "read", s.personAccessLog)
	s.perm("GET", APIPrefix+"/cases/:id/plan", "cases", "read", s.getPlan)
	s.perm("GET", APIPrefix+"/cases/:id/plan/versions", "cases", "read", s.planVersions)
	s.perm("POST", APIPrefix+"/cases/:id/plan/goals", "cases", "write", s.addGoal)
	s.perm("PATCH", APIPrefix+"/cases/:id/plan", "cases", "write", s.updatePlan)
	s.perm("GET", APIPrefix+"/cases/:id/plan/compare", "cases", "read", s.comparePlan)
	s.perm("PATCH", APIPrefix+"/plan/goals/:id", "cases", "write", s.updateGoal)
	s.perm("POST", APIPrefix+"/plan/goals/:id/actions", "cases", "write", s.addAction)
	s.perm("PATCH", APIPrefix+"/plan/actions/:id", "cases", "write", s.updateAction)
	s.perm("GET", APIPrefix+"/cases/:id/tasks", "cases", "read", s.caseTasks)
	s.perm("POST", APIPrefix+"/cases/:id/tasks", "cases", "write", s.createTask)
	s.perm("PATCH", APIPrefix+"/tasks/:id", "cases", "write", s.setTaskStatus)
	s.perm("GET", APIPrefix+"/tasks", "cases", "read", s.myTasks)
}

func (s *Server) setCaseStatus(c *fiber.Ctx) error {
	var in struct {
		Status        string  `json:"status"`
		ClosingReason *string `json:"closing_reason"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	out, err := s.Cases.SetStatus(c.UserContext(), principal(c), c.Params("id"), in.Status, deref(in.ClosingReason))
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (s *Server) setCaseRisk(c *fiber.Ctx) error {
	var in struct {
		RiskLevel string `json:"risk_level"`
		Reason    string `json:"reason"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	out, err := s.Cases.SetRisk(c.UserContext(), principal(c), c.Params("id"), in.RiskLevel, in.Reason)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (s *Server) handOverCase(c *fiber.Ctx) error {
	var in struct {
		UserID string `json:"user_id"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	out, err := s.Cases.HandOver(c.UserContext(), principal(c), c.Params("id"), in.UserID)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (s *Server) setExternalRefs(c *fiber.Ctx) error {
	var in struct {
		SozisNumber        *string `json:"sozis_number"`
		PoliceRecordNumber *string `json:"police_record_number"`
		ProsecutorKTNumber *string `json:"prosecutor_kt_number"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	out, err := s.Cases.SetExternalRefs(c.UserContext(), principal(c), c.Params("id"), in.SozisNumber, in.PoliceRecordNumber, in.ProsecutorKTNumber)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (s *Server) caseHistory(c *fiber.Ctx) error {
	items, err := s.Cases.History(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) caseAccessLog(c *fiber.Ctx) error {
	items, err := s.Cases.AccessLog(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) personAccessLog(c *fiber.Ctx) error {
	items, err := s.Cases.PersonAccessLog(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) getPlan(c *fiber.Ctx) error {
	out, err := s.Cases.GetPlan(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (s *Server) planVersions(c *fiber.Ctx) error {
	items, err := s.Cases.PlanVersions(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) addGoal(c *fiber.Ctx) error {
	var in struct {
		Title      string  `json:"title"`
		InOwnWords *string `json:"in_own_words"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	g, err := s.Cases.AddGoal(c.UserContext(), principal(c), c.Params("id"), in.Title, deref(in.InOwnWords))
	if err != nil {
		return err
	}
	return created(c, g)
}

func (s *Server) caseTasks(c *fiber.Ctx) error {
	items, err := s.Cases.CaseTasks(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) createTask(c *fiber.Ctx) error {
	var in struct {
		Title      string  `json:"title"`
		AssigneeID string  `json:"assignee_id"`
		DueAt      *string `json:"due_at"`
		GoalID     *string `json:"goal_id"`
		ActionID   *string `json:"action_id"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	nt := cases.NewTask{Title: in.Title, AssigneeID: in.AssigneeID, GoalID: deref(in.GoalID), ActionID: deref(in.ActionID)}
	if in.DueAt != nil {
		t, err := time.Parse(time.RFC3339, *in.DueAt)
		if err != nil {
			return platform.Invalid(platform.FieldError{Field: "due_at", Message: "Use an RFC 3339 time such as 2026-11-24T14:00:00Z."})
		}
		t = t.UTC()
		nt.DueAt = &t
	}
	out, err := s.Cases.CreateTask(c.UserContext(), principal(c), c.Params("id"), nt)
	if err != nil {
		return err
	}
	return created(c, out)
}

func (s *Server) setTaskStatus(c *fiber.Ctx) error {
	var in struct {
		Status string `json:"status"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	out, err := s.Cases.SetTaskStatus(c.UserContext(), principal(c), c.Params("id"), in.Status)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (s *Server) myTasks(c *fiber.Ctx) error {
	if a := c.Query("assignee", "me"); a != "me" {
		return platform.Invalid(platform.FieldError{Field: "assignee", Message: "Only assignee=me is supported."})
	}
	items, err := s.Cases.MyTasks(c.UserContext(), principal(c), c.Query("status") == "all")
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) updatePlan(c *fiber.Ctx) error {
	var in struct {
		ReviewDate    *string `json:"review_date"`
		Participation *string `json:"participation"`
		Agreement     *string `json:"agreement"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	out, err := s.Cases.UpdatePlan(c.UserContext(), principal(c), c.Params("id"), cases.PlanFields{
		ReviewDate: in.ReviewDate, Participation: in.Participation, Agreement: in.Agreement})
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (s *Server) comparePlan(c *fiber.Ctx) error {
	from, errFrom := strconv.Atoi(c.Query("from"))
	to, errTo := strconv.Atoi(c.Query("to"))
	var v platform.Validator
	v.Check(errFrom == nil, "from", "Give the number of a version.")
	v.Check(errTo == nil, "to", "Give the number of a version.")
	if err := v.Err(); err != nil {
		return err
	}
	out, err := s.Cases.ComparePlan(c.UserContext(), principal(c), c.Params("id"), from, to)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (s *Server) updateGoal(c *fiber.Ctx) error {
	var in struct {
		Title      *string `json:"title"`
		InOwnWords *string `json:"in_own_words"`
		Status     *string `json:"status"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	out, err := s.Cases.UpdateGoal(c.UserContext(), principal(c), c.Params("id"), cases.GoalFields{Title: in.Title, InOwnWords: in.InOwnWords, Status: in.Status})
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (s *Server) addAction(c *fiber.Ctx) error {
	var in struct {
		Title         string  `json:"title"`
		OwnerUserID   *string `json:"owner_user_id"`
		OwnerAgencyID *string `json:"owner_agency_id"`
		DueDate       *string `json:"due_date"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	out, err := s.Cases.AddAction(c.UserContext(), principal(c), c.Params("id"), cases.NewAction{
		Title: in.Title, OwnerUserID: deref(in.OwnerUserID), OwnerAgencyID: deref(in.OwnerAgencyID), DueDate: deref(in.DueDate)})
	if err != nil {
		return err
	}
	return created(c, out)
}

func (s *Server) updateAction(c *fiber.Ctx) error {
	var in struct {
		Status  *string `json:"status"`
		DueDate *string `json:"due_date"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	out, err := s.Cases.UpdateAction(c.UserContext(), principal(c), c.Params("id"), in.Status, in.DueDate)
	if err != nil {
		return err
	}
	return c.JSON(out)
}
