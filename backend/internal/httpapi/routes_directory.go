package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/directory"
)

func (s *Server) registerDirectory() {
	s.perm("GET", APIPrefix+"/agencies", "directory", "read", s.agencies)
	s.perm("POST", APIPrefix+"/agencies", "structure", "write", s.createAgency)
	s.perm("PATCH", APIPrefix+"/agencies/:id", "structure", "write", s.updateAgency)
	s.perm("GET", APIPrefix+"/teams", "directory", "read", s.teams)
	s.perm("POST", APIPrefix+"/teams", "structure", "write", s.createTeam)
	s.perm("PATCH", APIPrefix+"/teams/:id", "structure", "write", s.renameTeam)
	s.perm("POST", APIPrefix+"/teams/:id/members", "structure", "write", s.addTeamMember)
	s.perm("DELETE", APIPrefix+"/teams/:id/members/:user_id", "structure", "write", s.removeTeamMember)
	s.perm("GET", APIPrefix+"/coordination-groups", "directory", "read", s.coordinationGroups)
	s.perm("GET", APIPrefix+"/admin/coordination-groups", "structure", "write", s.allGroups)
	s.perm("POST", APIPrefix+"/admin/coordination-groups", "structure", "write", s.createGroup)
	s.perm("PATCH", APIPrefix+"/admin/coordination-groups/:id", "structure", "write", s.updateGroup)
	s.perm("POST", APIPrefix+"/admin/coordination-groups/:id/members", "structure", "write", s.addGroupMember)
	s.perm("DELETE", APIPrefix+"/admin/coordination-groups/:id/members/:user_id", "structure", "write", s.removeGroupMember)
}

func (s *Server) allGroups(c *fiber.Ctx) error {
	items, err := s.Directory.AllGroups(c.UserContext())
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

type groupRequest struct {
	Name    *string  `json:"name"`
	ChairID *string  `json:"chair_id"`
	Areas   []string `json:"areas"`
}

func (s *Server) createGroup(c *fiber.Ctx) error {
	var in groupRequest
	if err := decode(c, &in); err != nil {
		return err
	}
	g, err := s.Directory.CreateGroup(c.UserContext(), principal(c), directory.GroupInput(in))
	if err != nil {
		return err
	}
	return created(c, g)
}

func (s *Server) updateGroup(c *fiber.Ctx) error {
	var in groupRequest
	if err := decode(c, &in); err != nil {
		return err
	}
	g, err := s.Directory.UpdateGroup(c.UserContext(), principal(c), c.Params("id"), directory.GroupInput(in))
	if err != nil {
		return err
	}
	return c.JSON(g)
}

func (s *Server) addGroupMember(c *fiber.Ctx) error {
	var in struct {
		UserID string `json:"user_id"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	g, err := s.Directory.AddGroupMember(c.UserContext(), principal(c), c.Params("id"), in.UserID)
	if err != nil {
		return err
	}
	return created(c, g)
}

func (s *Server) removeGroupMember(c *fiber.Ctx) error {
	if err := s.Directory.RemoveGroupMember(c.UserContext(), principal(c), c.Params("id"), c.Params("user_id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) agencies(c *fiber.Ctx) error {
	items, err := s.Directory.Agencies(c.UserContext())
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

type agencyRequest struct {
	Name         *string `json:"name"`
	Type         *string `json:"type"`
	Municipality *string `json:"municipality"`
}

func (r agencyRequest) input() directory.AgencyInput {
	return directory.AgencyInput{Name: r.Name, Type: r.Type, Municipality: r.Municipality}
}

func (s *Server) createAgency(c *fiber.Ctx) error {
	var in agencyRequest
	if err := decode(c, &in); err != nil {
		return err
	}
	a, err := s.Directory.CreateAgency(c.UserContext(), principal(c), in.input())
	if err != nil {
		return err
	}
	return created(c, a)
}

func (s *Server) updateAgency(c *fiber.Ctx) error {
	var in agencyRequest
	if err := decode(c, &in); err != nil {
		return err
	}
	a, err := s.Directory.UpdateAgency(c.UserContext(), principal(c), c.Params("id"), in.input())
	if err != nil {
		return err
	}
	return c.JSON(a)
}

func (s *Server) teams(c *fiber.Ctx) error {
	p := principal(c)
	items, err := s.Directory.Teams(c.UserContext(), p, s.Authz.Can(p, "teams", "list_all"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

type teamRequest struct {
	Name string `json:"name"`
}

func (s *Server) createTeam(c *fiber.Ctx) error {
	var in teamRequest
	if err := decode(c, &in); err != nil {
		return err
	}
	t, err := s.Directory.CreateTeam(c.UserContext(), principal(c), in.Name)
	if err != nil {
		return err
	}
	return created(c, t)
}

func (s *Server) renameTeam(c *fiber.Ctx) error {
	var in teamRequest
	if err := decode(c, &in); err != nil {
		return err
	}
	t, err := s.Directory.RenameTeam(c.UserContext(), principal(c), c.Params("id"), in.Name)
	if err != nil {
		return err
	}
	return c.JSON(t)
}

func (s *Server) addTeamMember(c *fiber.Ctx) error {
	var in struct {
		UserID string `json:"user_id"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	t, err := s.Directory.AddMember(c.UserContext(), principal(c), c.Params("id"), in.UserID)
	if err != nil {
		return err
	}
	return created(c, t)
}

func (s *Server) removeTeamMember(c *fiber.Ctx) error {
	if err := s.Directory.RemoveMember(c.UserContext(), principal(c), c.Params("id"), c.Params("user_id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) coordinationGroups(c *fiber.Ctx) error {
	items, err := s.Directory.CoordinationGroups(c.UserContext(), principal(c))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}
