package httpapi_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/zajedno/zajedno/backend/internal/accounts"
	"github.com/zajedno/zajedno/seeds"
)

type createdUser struct {
	User         accounts.User `json:"user"`
	TempPassword string        `json:"temporary_password"`
}

func (h *harness) createUser(admin, username string, roles ...string) createdUser {
	h.t.Helper()
	r := h.req("POST", "/api/v1/users", admin, map[string]any{
		"username": username, "display_name": "Nova Radnica", "agency_id": seeds.ID("agency/csr-kikinda"), "roles": roles,
	})
	expectStatus(h.t, r, 201)
	var cu createdUser
	r.json(h.t, &cu)
	return cu
}

func TestCreateUser(t *testing.T) {
	h := newHarness(t)
	admin := h.demo("demo.admin")
	t.Run("OK", func(t *testing.T) {
		cu := h.createUser(admin, "nova.radnica", "social_worker")
		if cu.TempPassword == "" || !cu.User.MustChangePassword || cu.User.Roles[0] != "social_worker" || !cu.User.Active {
			t.Fatalf("created %+v", cu)
		}
		if h.auditCount("action = 'user.create' AND resource_id = ? AND basis = 'admin'", cu.User.ID) != 1 {
			t.Fatal("creation not audited")
		}
		// The new user must change the temporary password before anything else.
		tok := h.login("nova.radnica", cu.TempPassword).Token
		expectProblem(t, h.req("GET", "/api/v1/teams", tok, nil), 403, "password_change_required")
		me := h.req("GET", "/api/v1/me", tok, nil)
		expectStatus(t, me, 200)
		expectStatus(t, h.req("POST", "/api/v1/me/password", tok, map[string]string{"current_password": cu.TempPassword, "new_password": "my-own-long-password"}), 204)
		expectStatus(t, h.req("GET", "/api/v1/teams", tok, nil), 200)
	})
	t.Run("ErrFields", func(t *testing.T) {
		r := h.req("POST", "/api/v1/users", admin, map[string]any{"username": "Bad Name!", "display_name": " ", "agency_id": "x", "roles": []string{"wizard"}})
		expectProblem(t, r, 422, "validation", "username", "display_name", "agency_id", "roles")
		r = h.req("POST", "/api/v1/users", admin, map[string]any{"username": "demo.social", "display_name": "X", "agency_id": seeds.ID("agency/csr-kikinda"), "roles": []string{"nurse"}})
		expectProblem(t, r, 422, "validation", "username")
		r = h.req("POST", "/api/v1/users", admin, map[string]any{"username": "x.y", "display_name": "X", "agency_id": seeds.ID("agency/csr-kikinda"), "roles": []string{}})
		expectProblem(t, r, 422, "validation", "roles")
		var n int64
		h.db.Raw(`SELECT count(*) FROM users WHERE username IN ('x.y', 'bad name!')`).Scan(&n)
		if n != 0 {
			t.Fatal("a refused user was stored")
		}
	})
	t.Run("ErrForbiddenRole", func(t *testing.T) {
		expectProblem(t, h.req("POST", "/api/v1/users", h.demo("demo.lead"), map[string]any{"username": "x.z"}), 403, "forbidden")
	})
}

func TestRoleChangeTakesEffectOnNextRequest(t *testing.T) {
	h := newHarness(t)
	admin, social := h.demo("demo.admin"), h.demo("demo.social")
	expectProblem(t, h.req("GET", "/api/v1/audit", social, nil), 403, "forbidden")
	id := seeds.ID("user/demo.social")
	r := h.req("PATCH", "/api/v1/users/"+id, admin, map[string]any{"roles": []string{"social_worker", "auditor"}})
	expectStatus(t, r, 200)
	expectStatus(t, h.req("GET", "/api/v1/audit", social, nil), 200)
	if h.auditCount("action = 'user.roles_change' AND resource_id = ?", id) != 1 {
		t.Fatal("role change not audited")
	}
	h.req("PATCH", "/api/v1/users/"+id, admin, map[string]any{"roles": []string{"social_worker"}})
	expectProblem(t, h.req("GET", "/api/v1/audit", social, nil), 403, "forbidden")
	expectProblem(t, h.req("PATCH", "/api/v1/users/"+id, admin, map[string]any{"roles": []string{"king"}}), 422, "validation", "roles")
	expectProblem(t, h.req("PATCH", "/api/v1/users/"+seeds.ID("user/demo.admin"), admin, map[string]any{"roles": []string{"auditor"}}), 422, "validation", "roles")
	expectProblem(t, h.req("PATCH", "/api/v1/users/"+seeds.ID("nobody"), admin, map[string]any{"display_name": "X"}), 404, "not_found")
}

func TestDeactivateEndsSessionsAndListsWork(t *testing.T) {
	h := newHarness(t)
	admin := h.demo("demo.admin")
	social := h.demo("demo.social")
	id := seeds.ID("user/demo.social")
	caseID := "11111111-1111-4111-8111-111111111111"
	h.db.Exec(`INSERT INTO cases (id, title, category, team_id, lead_id) VALUES (?, 'Porodica M.', 'child_protection', ?, ?)`, caseID, seeds.ID("team/kikinda-centar"), id)
	h.db.Exec(`INSERT INTO tasks (case_id, title, assignee_id) VALUES (?, 'Kućna poseta', ?)`, caseID, id)
	h.db.Exec(`INSERT INTO tasks (case_id, title, assignee_id, status) VALUES (?, 'Završeno', ?, 'done')`, caseID, id)

	expectProblem(t, h.req("POST", "/api/v1/users/"+seeds.ID("user/demo.admin")+"/deactivate", admin, nil), 403, "forbidden")
	r := h.req("POST", "/api/v1/users/"+id+"/deactivate", admin, nil)
	expectStatus(t, r, 200)
	var out struct {
		User       accounts.User         `json:"user"`
		ToReassign accounts.Reassignment `json:"to_reassign"`
	}
	r.json(t, &out)
	if out.User.Active || out.User.DeactivatedAt == nil {
		t.Fatalf("user still active: %+v", out.User)
	}
	if len(out.ToReassign.Cases) != 1 || out.ToReassign.Cases[0].Title != "Porodica M." || len(out.ToReassign.Tasks) != 1 || out.ToReassign.Tasks[0].Title != "Kućna poseta" {
		t.Fatalf("to reassign: %+v", out.ToReassign)
	}
	expectProblem(t, h.req("GET", "/api/v1/me", social, nil), 401, "unauthenticated")
	expectStatus(t, h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": "demo.social", "password": seeds.DemoPassword}), 401)
	expectStatus(t, h.req("POST", "/api/v1/users/"+id+"/reactivate", admin, nil), 200)
	h.demo("demo.social")
}

func TestResetPasswordAndSecondFactor(t *testing.T) {
	h := newHarness(t)
	admin := h.demo("demo.admin")
	nurse := h.demo("demo.nurse")
	id := seeds.ID("user/demo.nurse")
	r := h.req("POST", "/api/v1/users/"+id+"/reset-password", admin, nil)
	expectStatus(t, r, 200)
	var out struct {
		Temp string `json:"temporary_password"`
	}
	r.json(t, &out)
	expectStatus(t, h.req("GET", "/api/v1/me", nurse, nil), 401)
	tok := h.login("demo.nurse", out.Temp).Token
	expectProblem(t, h.req("GET", "/api/v1/agencies", tok, nil), 403, "password_change_required")

	// A lost phone: the admin removes the second factor.
	h.db.Exec(`UPDATE users SET totp_secret = 'JBSWY3DPEHPK3PXP' WHERE id = ?`, id)
	r = h.req("POST", "/api/v1/users/"+id+"/reset-mfa", admin, nil)
	expectStatus(t, r, 200)
	var u accounts.User
	r.json(t, &u)
	if u.MFAEnabled {
		t.Fatal("second factor still on")
	}
	expectProblem(t, h.req("POST", "/api/v1/users/"+seeds.ID("nobody")+"/reset-mfa", admin, nil), 404, "not_found")
}

func TestListUsers(t *testing.T) {
	h := newHarness(t)
	admin := h.demo("demo.admin")
	var l struct {
		Items      []accounts.User `json:"items"`
		NextCursor *string         `json:"next_cursor"`
	}
	r := h.req("GET", "/api/v1/users?limit=4", admin, nil)
	expectStatus(t, r, 200)
	r.json(t, &l)
	if len(l.Items) != 4 || l.NextCursor == nil {
		t.Fatalf("page 1: %d items, cursor %v", len(l.Items), l.NextCursor)
	}
	first := l.Items[0].Username
	r = h.req("GET", "/api/v1/users?limit=4&cursor="+*l.NextCursor, admin, nil)
	r.json(t, &l)
	if len(l.Items) != 4 || l.Items[0].Username <= first {
		t.Fatalf("page 2 does not follow page 1: %+v", l.Items)
	}
	for q, want := range map[string]string{
		"petrovi": "demo.social", "Петровић": "demo.social", "PETROVIC": "demo.social", "Petrović": "demo.social",
		"Djordjevic": "demo.nurse", "Ђорђевић": "demo.nurse", "đorđ": "demo.nurse", "Snežana": "demo.lead", "snezana": "demo.lead",
		"Ковачевић": "demo.social2", "demo.admin": "demo.admin",
	} {
		r = h.req("GET", "/api/v1/users?q="+url.QueryEscape(q), admin, nil)
		l.Items = nil
		r.json(t, &l)
		if len(l.Items) != 1 || l.Items[0].Username != want {
			t.Errorf("search %q: %+v, want %s", q, l.Items, want)
		}
	}
	r = h.req("GET", "/api/v1/users?q="+url.QueryEscape("50%_"), admin, nil)
	l.Items = nil
	r.json(t, &l)
	if len(l.Items) != 0 {
		t.Fatalf("LIKE wildcards in q matched %d users", len(l.Items))
	}
	expectProblem(t, h.req("GET", "/api/v1/users?limit=500", admin, nil), 422, "validation", "limit")
	expectProblem(t, h.req("GET", "/api/v1/users?cursor=***", admin, nil), 422, "validation", "cursor")
	if h.auditCount("action = 'user.list' AND basis = 'admin'") < 3 {
		t.Fatal("user lists are not audited")
	}
}

func TestAgenciesAndTeams(t *testing.T) {
	h := newHarness(t)
	admin := h.demo("demo.admin")
	t.Run("Agencies", func(t *testing.T) {
		r := h.req("POST", "/api/v1/agencies", admin, map[string]string{"name": "OŠ Jovan Popović", "type": "school", "municipality": "Kikinda"})
		expectStatus(t, r, 201)
		var a struct{ ID, Name, Type string }
		r.json(t, &a)
		expectProblem(t, h.req("POST", "/api/v1/agencies", admin, map[string]string{"name": "OŠ Jovan Popović", "type": "school"}), 422, "validation", "name")
		expectProblem(t, h.req("POST", "/api/v1/agencies", admin, map[string]string{"name": "X", "type": "bank"}), 422, "validation", "type")
		expectProblem(t, h.req("PATCH", "/api/v1/agencies/"+a.ID, admin, map[string]string{"type": "bank"}), 422, "validation", "type")
		r = h.req("PATCH", "/api/v1/agencies/"+a.ID, admin, map[string]string{"municipality": "Novi Bečej"})
		expectStatus(t, r, 200)
		var list struct {
			Items []struct{ Name, Municipality string }
		}
		h.req("GET", "/api/v1/agencies", h.demo("demo.police"), nil).json(t, &list)
		found := false
		for _, it := range list.Items {
			found = found || (it.Name == "OŠ Jovan Popović" && it.Municipality == "Novi Bečej")
		}
		if !found {
			t.Fatalf("the change is not visible to another user: %+v", list.Items)
		}
		expectProblem(t, h.req("PATCH", "/api/v1/agencies/"+seeds.ID("none"), admin, map[string]string{"name": "Y"}), 404, "not_found")
	})
	t.Run("Teams", func(t *testing.T) {
		r := h.req("POST", "/api/v1/teams", admin, map[string]string{"name": "Kikinda Sever"})
		expectStatus(t, r, 201)
		var team struct {
			ID      string
			Members []struct{ ID string }
		}
		r.json(t, &team)
		expectProblem(t, h.req("POST", "/api/v1/teams", admin, map[string]string{"name": "kikinda sever"}), 422, "validation", "name")
		expectProblem(t, h.req("POST", "/api/v1/teams", admin, map[string]string{"name": ""}), 422, "validation", "name")
		nurseID := seeds.ID("user/demo.nurse")
		expectStatus(t, h.req("POST", "/api/v1/teams/"+team.ID+"/members", admin, map[string]string{"user_id": nurseID}), 201)
		expectProblem(t, h.req("POST", "/api/v1/teams/"+team.ID+"/members", admin, map[string]string{"user_id": nurseID}), 409, "conflict")
		expectProblem(t, h.req("POST", "/api/v1/teams/"+team.ID+"/members", admin, map[string]string{"user_id": "nope"}), 422, "validation", "user_id")
		// The nurse now sees two teams; social2 still sees only its own.
		var tl struct{ Items []struct{ Name string } }
		h.req("GET", "/api/v1/teams", h.demo("demo.nurse"), nil).json(t, &tl)
		if len(tl.Items) != 2 {
			t.Fatalf("nurse sees %d teams, want 2", len(tl.Items))
		}
		h.req("GET", "/api/v1/teams", h.demo("demo.social2"), nil).json(t, &tl)
		if len(tl.Items) != 1 || tl.Items[0].Name != "Novi Bečej" {
			t.Fatalf("social2 sees %+v", tl.Items)
		}
		expectStatus(t, h.req("PATCH", "/api/v1/teams/"+team.ID, admin, map[string]string{"name": "Kikinda Jug"}), 200)
		expectStatus(t, h.req("DELETE", "/api/v1/teams/"+team.ID+"/members/"+nurseID, admin, nil), 204)
		expectProblem(t, h.req("DELETE", "/api/v1/teams/"+team.ID+"/members/"+nurseID, admin, nil), 404, "not_found")
		if h.auditCount("action IN ('team.member_add','team.member_remove') AND resource_id = ?", nurseID) != 2 {
			t.Fatal("membership changes are not audited")
		}
	})
	t.Run("CoordinationGroups", func(t *testing.T) {
		var gl struct {
			Items []struct{ Name, ChairID string }
		}
		for user, want := range map[string]int{"demo.prosecutor": 1, "demo.police": 1, "demo.social": 1, "demo.nurse": 0, "demo.social2": 0} {
			h.req("GET", "/api/v1/coordination-groups", h.demo(user), nil).json(t, &gl)
			if len(gl.Items) != want {
				t.Errorf("%s sees %d groups, want %d", user, len(gl.Items), want)
			}
		}
	})
}

func TestAuditAPI(t *testing.T) {
	h := newHarness(t)
	auditor := h.demo("demo.auditor")
	nurseID := seeds.ID("user/demo.nurse")
	nurse := h.demo("demo.nurse")
	h.clock.Advance(time.Second)
	h.req("GET", "/api/v1/me", nurse, nil)
	var l struct {
		Items []struct {
			ActorID string `json:"actor_id"`
			Action  string `json:"action"`
			Basis   string `json:"basis"`
			Hash    string `json:"hash"`
			At      string `json:"at"`
		} `json:"items"`
	}
	r := h.req("GET", "/api/v1/audit?actor_id="+nurseID, auditor, nil)
	expectStatus(t, r, 200)
	r.json(t, &l)
	if len(l.Items) != 2 || l.Items[0].Action != "user.read" || l.Items[1].Action != "auth.login" || l.Items[0].Hash == "" {
		t.Fatalf("nurse's events: %+v", l.Items)
	}
	expectProblem(t, h.req("GET", "/api/v1/audit?actor_id=bad", auditor, nil), 422, "validation", "actor_id")
	var v struct {
		OK      bool  `json:"ok"`
		Checked int64 `json:"checked"`
	}
	h.req("GET", "/api/v1/audit/verify", auditor, nil).json(t, &v)
	if !v.OK || v.Checked < 4 {
		t.Fatalf("verify %+v", v)
	}
	expectProblem(t, h.req("GET", "/api/v1/audit/verify", h.demo("demo.admin"), nil), 403, "forbidden")
}
