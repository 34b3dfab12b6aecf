package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/platform"
	"github.com/zajedno/zajedno/backend/internal/protection"
)

func (s *Server) registerProtection() {
	s.perm("GET", APIPrefix+"/cases/:id/protection-plans", "cases", "read", s.listProtectionPlans)
	s.perm("POST", APIPrefix+"/cases/:id/protection-plans", "cases", "write", s.createProtectionPlan)
	s.perm("GET", APIPrefix+"/protection-plans/:id", "cases", "read", s.getProtectionPlan)
	s.perm("PATCH", APIPrefix+"/protection-plans/:id", "cases", "write", s.updateProtectionPlan)
	s.perm("GET", APIPrefix+"/protection-plans/:id/versions", "cases", "read", s.protectionPlanVersions)
	s.perm("POST", APIPrefix+"/protection-plans/:id/measures", "cases", "write", s.addProtectionMeasure)
	s.perm("PUT", APIPrefix+"/protection-plans/:id/measures/:measure_id", "cases", "write", s.updateProtectionMeasure)
	s.perm("POST", APIPrefix+"/protection-plans/:id/adopt", "meetings", "chair", s.adoptProtectionPlan)
}

func (s *Server) listProtectionPlans(c *fiber.Ctx) error {
	items, err := s.Protection.List(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) createProtectionPlan(c *fiber.Ctx) error {
	var in struct {
		VictimID string `json:"victim_id"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	pl, err := s.Protection.Create(c.UserContext(), principal(c), c.Params("id"), in.VictimID)
	if err != nil {
		return err
	}
	return created(c, pl)
}

func (s *Server) getProtectionPlan(c *fiber.Ctx) error {
	pl, err := s.Protection.Get(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(pl)
}

func (s *Server) updateProtectionPlan(c *fiber.Ctx) error {
	var in struct {
		Monitoring    *string `json:"monitoring"`
		Participation *string `json:"participation"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	pl, err := s.Protection.Update(c.UserContext(), principal(c), c.Params("id"), in.Monitoring, in.Participation)
	if err != nil {
		return err
	}
	return c.JSON(pl)
}

func (s *Server) protectionPlanVersions(c *fiber.Ctx) error {
	items, err := s.Protection.Versions(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

// measureInput reads a protection or support measure.
func measureInput(c *fiber.Ctx) (protection.MeasureInput, error) {
	var in struct {
		Kind             string  `json:"kind"`
		Description      string  `json:"description"`
		ExecutorAgencyID *string `json:"executor_agency_id"`
		ExecutorUserID   *string `json:"executor_user_id"`
		DueAt            *string `json:"due_at"`
		Status           *string `json:"status"`
	}
	if err := decode(c, &in); err != nil {
		return protection.MeasureInput{}, err
	}
	var v platform.Validator
	t := eventTimes(&v, map[string]*string{"due_at": in.DueAt})
	if err := v.Err(); err != nil {
		return protection.MeasureInput{}, err
	}
	return protection.MeasureInput{Kind: in.Kind, Description: in.Description, ExecutorAgencyID: deref(in.ExecutorAgencyID),
		ExecutorUserID: deref(in.ExecutorUserID), DueAt: t["due_at"], Status: deref(in.Status)}, nil
}

func (s *Server) addProtectionMeasure(c *fiber.Ctx) error {
	in, err := measureInput(c)
	if err != nil {
		return err
	}
	pl, err := s.Protection.AddMeasure(c.UserContext(), principal(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return created(c, pl)
}

func (s *Server) updateProtectionMeasure(c *fiber.Ctx) error {
	in, err := measureInput(c)
	if err != nil {
		return err
	}
	pl, err := s.Protection.UpdateMeasure(c.UserContext(), principal(c), c.Params("id"), c.Params("measure_id"), in)
	if err != nil {
		return err
	}
	return c.JSON(pl)
}

func (s *Server) adoptProtectionPlan(c *fiber.Ctx) error {
	var in struct {
		MeetingID string `json:"meeting_id"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	pl, err := s.Protection.Adopt(c.UserContext(), principal(c), c.Params("id"), in.MeetingID)
	if err != nil {
		return err
	}
	return c.JSON(pl)
}
