package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/platform"
	"github.com/zajedno/zajedno/backend/internal/risk"
)

func (s *Server) registerRisk() {
	s.perm("GET", APIPrefix+"/cases/:id/risk-assessments", "cases", "read", s.listAssessments)
	s.perm("POST", APIPrefix+"/cases/:id/risk-assessments", "risk", "assess", s.assessRisk)
	s.perm("GET", APIPrefix+"/risk-assessments", "cases", "read", s.incomingAssessments)
	s.perm("GET", APIPrefix+"/cases/:id/opinion-requests", "cases", "read", s.listOpinions)
	s.perm("POST", APIPrefix+"/cases/:id/opinion-requests", "risk", "assess", s.requestOpinion)
	s.perm("GET", APIPrefix+"/opinion-requests/:id", "cases", "read", s.getOpinion)
	s.perm("POST", APIPrefix+"/opinion-requests/:id/answer", "cases", "write", s.answerOpinion)
	s.perm("GET", APIPrefix+"/cases/:id/violence-reports", "cases", "read", s.caseViolenceReports)
	s.perm("POST", APIPrefix+"/cases/:id/violence-reports", "cases", "write", s.sendViolenceReport)
	s.perm("GET", APIPrefix+"/violence-reports", "cases", "read", s.incomingViolenceReports)
	s.perm("GET", APIPrefix+"/violence-reports/:id", "cases", "read", s.getViolenceReport)
	s.perm("POST", APIPrefix+"/violence-reports/:id/acknowledge", "cases", "write", s.acknowledgeViolenceReport)
	s.perm("GET", APIPrefix+"/coordination-groups/:id/unacknowledged-reports", "meetings", "chair", s.unacknowledgedReports)
}

func (s *Server) listAssessments(c *fiber.Ctx) error {
	items, err := s.Risk.Assessments(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) incomingAssessments(c *fiber.Ctx) error {
	items, err := s.Risk.Incoming(c.UserContext(), principal(c))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) assessRisk(c *fiber.Ctx) error {
	var in struct {
		AssessedAt      *string           `json:"assessed_at"`
		Factors         map[string]string `json:"factors"`
		ImmediateDanger *bool             `json:"immediate_danger"`
		Notes           *string           `json:"notes"`
		SentTo          *string           `json:"sent_to"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	var v platform.Validator
	t := eventTimes(&v, map[string]*string{"assessed_at": in.AssessedAt})
	if err := v.Err(); err != nil {
		return err
	}
	a, err := s.Risk.Assess(c.UserContext(), principal(c), c.Params("id"), risk.NewAssessment{AssessedAt: t["assessed_at"], Factors: in.Factors,
		ImmediateDanger: in.ImmediateDanger, Notes: deref(in.Notes), SentTo: deref(in.SentTo)})
	if err != nil {
		return err
	}
	return created(c, a)
}

func (s *Server) listOpinions(c *fiber.Ctx) error {
	items, err := s.Risk.Opinions(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) requestOpinion(c *fiber.Ctx) error {
	var in struct {
		ToAgencyID   string  `json:"to_agency_id"`
		Question     string  `json:"question"`
		AssessmentID *string `json:"assessment_id"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	o, err := s.Risk.RequestOpinion(c.UserContext(), principal(c), c.Params("id"), in.ToAgencyID, in.Question, deref(in.AssessmentID))
	if err != nil {
		return err
	}
	return created(c, o)
}

func (s *Server) getOpinion(c *fiber.Ctx) error {
	o, err := s.Risk.GetOpinion(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(o)
}

func (s *Server) answerOpinion(c *fiber.Ctx) error {
	var in struct {
		Answer string `json:"answer"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	o, err := s.Risk.AnswerOpinion(c.UserContext(), principal(c), c.Params("id"), in.Answer)
	if err != nil {
		return err
	}
	return c.JSON(o)
}

func (s *Server) caseViolenceReports(c *fiber.Ctx) error {
	items, err := s.DutyReports.ForCase(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) sendViolenceReport(c *fiber.Ctx) error {
	var in struct {
		ToAgencyID string `json:"to_agency_id"`
		Body       string `json:"body"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	r, err := s.DutyReports.Send(c.UserContext(), principal(c), c.Params("id"), in.ToAgencyID, in.Body)
	if err != nil {
		return err
	}
	return created(c, r)
}

func (s *Server) incomingViolenceReports(c *fiber.Ctx) error {
	items, err := s.DutyReports.Incoming(c.UserContext(), principal(c))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) getViolenceReport(c *fiber.Ctx) error {
	r, err := s.DutyReports.Get(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(r)
}

func (s *Server) acknowledgeViolenceReport(c *fiber.Ctx) error {
	r, err := s.DutyReports.Acknowledge(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(r)
}

func (s *Server) unacknowledgedReports(c *fiber.Ctx) error {
	items, err := s.DutyReports.Unacknowledged(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}
