package httpapi_test

import (
	"strings"
	"testing"
	"time"

	"github.com/zajedno/zajedno/seeds"
)

func TestCaseLifecycle(t *testing.T) {
	h := newHarness(t)
	social, nurse := h.demo("demo.social"), h.demo("demo.nurse")
	c := h.createCase(social, newCaseBody("Životni tok", "Mira", "Mirić", ""))
	h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.nurse")})
	status := func(tok, st, reason string) response {
		return h.req("POST", "/api/v1/cases/"+c.ID+"/status", tok, map[string]string{"status": st, "closing_reason": reason})
	}
	expectProblem(t, status(nurse, "active", ""), 403, "forbidden")
	expectProblem(t, status(social, "reopened", ""), 409, "conflict")
	expectProblem(t, status(social, "closed", " "), 422, "validation", "closing_reason")
	expectProblem(t, status(social, "archived", ""), 422, "validation", "status")
	expectStatus(t, status(social, "active", ""), 200)
	var closed struct {
		Status        string  `json:"status"`
		ClosingReason *string `json:"closing_reason"`
	}
	r := status(social, "closed", "Pravosnažna sudska odluka")
	expectStatus(t, r, 200)
	r.json(t, &closed)
	if closed.Status != "closed" || closed.ClosingReason == nil || *closed.ClosingReason != "Pravosnažna sudska odluka" {
		t.Fatalf("closed %+v", closed)
	}
	expectStatus(t, status(social, "reopened", ""), 200)

	// Risk: any member, with a reason, kept in history.
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/risk", nurse, map[string]string{"risk_level": "high", "reason": ""}), 422, "validation", "reason")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/risk", nurse, map[string]string{"risk_level": "extreme", "reason": "x"}), 422, "validation", "risk_level")
	r = h.req("POST", "/api/v1/cases/"+c.ID+"/risk", nurse, map[string]string{"risk_level": "high", "reason": "Pad kod kuće"})
	expectStatus(t, r, 200)
	if !strings.Contains(string(r.body), `"risk_level":"high"`) || h.count("case_risk_history WHERE case_id = '"+c.ID+"' AND risk_level = 'high'") != 1 {
		t.Fatalf("risk not recorded: %s", r.body)
	}
	// Handover: one lead at a time.
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/lead", social, map[string]string{"user_id": seeds.ID("user/demo.police")}), 422, "validation", "user_id")
	expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/lead", social, map[string]string{"user_id": seeds.ID("user/demo.nurse")}), 200)
	expectProblem(t, status(social, "closed", "x"), 403, "forbidden")
	// External references.
	expectProblem(t, h.req("PATCH", "/api/v1/cases/"+c.ID+"/external-refs", social, map[string]string{"sozis_number": strings.Repeat("9", 51)}), 422, "validation", "sozis_number")
	r = h.req("PATCH", "/api/v1/cases/"+c.ID+"/external-refs", social, map[string]string{"sozis_number": "SZ-2026-114", "prosecutor_kt_number": "KT 12/26"})
	expectStatus(t, r, 200)
	if !strings.Contains(string(r.body), `"sozis_number":"SZ-2026-114"`) || !strings.Contains(string(r.body), `"prosecutor_kt_number":"KT 12/26"`) {
		t.Fatalf("refs %s", r.body)
	}
	// History: who, what, when.
	var hist struct {
		Items []struct{ Action, ActorName string } `json:"items"`
	}
	h.req("GET", "/api/v1/cases/"+c.ID+"/history", nurse, nil).json(t, &hist)
	var actions []string
	for _, it := range hist.Items {
		actions = append(actions, it.Action)
	}
	want := "case.create,member.add,status.active,status.closed,status.reopened,risk.high,lead.handover,external_refs.change"
	if strings.Join(actions, ",") != want {
		t.Fatalf("history %v, want %s", actions, want)
	}
	// Access log: the lead (now the nurse) sees who looked; other members may not.
	var log struct {
		Items []struct{ Action, Basis, ActorName string } `json:"items"`
	}
	r = h.req("GET", "/api/v1/cases/"+c.ID+"/access-log", nurse, nil)
	expectStatus(t, r, 200)
	r.json(t, &log)
	if len(log.Items) < 5 || !strings.Contains(string(r.body), "case.history_read") {
		t.Fatalf("access log %s", r.body)
	}
	expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID+"/access-log", social, nil), 403, "forbidden")
}

func TestPlanAndTasks(t *testing.T) {
	h := newHarness(t)
	social, nurse, police := h.demo("demo.social"), h.demo("demo.nurse"), h.demo("demo.police")
	c := h.createCase(social, newCaseBody("Plan", "Lazar", "Lazić", ""))
	h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.nurse")})
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/plan/goals", social, map[string]string{"title": ""}), 422, "validation", "title")
	var g1, g2 struct{ ID string }
	r := h.req("POST", "/api/v1/cases/"+c.ID+"/plan/goals", social, map[string]string{"title": "Živi samostalno", "in_own_words": "Hoću da ostanem kod kuće"})
	expectStatus(t, r, 201)
	r.json(t, &g1)
	h.clock.Advance(time.Minute)
	h.req("POST", "/api/v1/cases/"+c.ID+"/plan/goals", nurse, map[string]string{"title": "Redovna terapija"}).json(t, &g2)
	var plan struct {
		Version int `json:"version"`
		Goals   []struct {
			Title      string `json:"title"`
			InOwnWords string `json:"in_own_words"`
		} `json:"goals"`
	}
	h.req("GET", "/api/v1/cases/"+c.ID+"/plan", nurse, nil).json(t, &plan)
	if plan.Version != 2 || len(plan.Goals) != 2 || plan.Goals[0].InOwnWords != "Hoću da ostanem kod kuće" {
		t.Fatalf("plan %+v", plan)
	}
	var versions struct {
		Items []struct {
			Version  int `json:"version"`
			Snapshot struct {
				Goals []any `json:"goals"`
			} `json:"snapshot"`
		} `json:"items"`
	}
	h.req("GET", "/api/v1/cases/"+c.ID+"/plan/versions", social, nil).json(t, &versions)
	if len(versions.Items) != 2 || versions.Items[0].Version != 2 || len(versions.Items[1].Snapshot.Goals) != 1 || len(versions.Items[0].Snapshot.Goals) != 2 {
		t.Fatalf("versions %+v", versions.Items)
	}
	expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID+"/plan", police, nil), 404, "not_found")

	// Tasks.
	due := h.clock.Now().Add(24 * time.Hour).Format(time.RFC3339)
	body := func(assignee, goal string) map[string]any {
		m := map[string]any{"title": "Kućna poseta", "assignee_id": assignee, "due_at": due}
		if goal != "" {
			m["goal_id"] = goal
		}
		return m
	}
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/tasks", social, body(seeds.ID("user/demo.police"), "")), 422, "validation", "assignee_id")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/tasks", social, body(seeds.ID("user/demo.nurse"), seeds.ID("x"))), 422, "validation", "goal_id")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/tasks", social, map[string]any{"title": "x", "assignee_id": seeds.ID("user/demo.nurse"), "due_at": "sutra"}), 422, "validation", "due_at")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/tasks", police, body(seeds.ID("user/demo.nurse"), "")), 404, "not_found")
	r = h.req("POST", "/api/v1/cases/"+c.ID+"/tasks", social, body(seeds.ID("user/demo.nurse"), g2.ID))
	expectStatus(t, r, 201)
	var task struct {
		ID      string  `json:"id"`
		Status  string  `json:"status"`
		GoalID  *string `json:"goal_id"`
		Overdue bool    `json:"overdue"`
	}
	r.json(t, &task)
	if task.Status != "open" || task.GoalID == nil || *task.GoalID != g2.ID || task.Overdue {
		t.Fatalf("task %+v", task)
	}
	// The assignee sees it in My tasks; overdue is the server's judgement.
	var mine struct {
		Items []struct {
			ID      string `json:"id"`
			Overdue bool   `json:"overdue"`
		} `json:"items"`
	}
	h.req("GET", "/api/v1/tasks?assignee=me", nurse, nil).json(t, &mine)
	if len(mine.Items) != 1 || mine.Items[0].ID != task.ID || mine.Items[0].Overdue {
		t.Fatalf("my tasks %+v", mine.Items)
	}
	h.clock.Advance(25 * time.Hour)
	nurse = h.demo("demo.nurse")
	h.req("GET", "/api/v1/tasks?assignee=me", nurse, nil).json(t, &mine)
	if len(mine.Items) != 1 || !mine.Items[0].Overdue {
		t.Fatalf("not overdue after the deadline: %+v", mine.Items)
	}
	// Only the assignee or the lead changes it; done records who and when.
	social = h.demo("demo.social")
	police = h.demo("demo.police")
	expectProblem(t, h.req("PATCH", "/api/v1/tasks/"+task.ID, nurse, map[string]string{"status": "finished"}), 422, "validation", "status")
	expectProblem(t, h.req("PATCH", "/api/v1/tasks/"+task.ID, police, map[string]string{"status": "done"}), 404, "not_found")
	r = h.req("PATCH", "/api/v1/tasks/"+task.ID, nurse, map[string]string{"status": "done"})
	expectStatus(t, r, 200)
	if !strings.Contains(string(r.body), `"completed_by":"`+seeds.ID("user/demo.nurse")+`"`) || !strings.Contains(string(r.body), `"overdue":false`) {
		t.Fatalf("done %s", r.body)
	}
	expectStatus(t, h.req("PATCH", "/api/v1/tasks/"+task.ID, social, map[string]string{"status": "open"}), 200)
	expectProblem(t, h.req("GET", "/api/v1/tasks?assignee=someone", nurse, nil), 422, "validation", "assignee")
}

func TestEmergencyAccessIsReadOnly(t *testing.T) {
	h := newHarness(t)
	social, social2 := h.demo("demo.social"), h.demo("demo.social2")
	c := h.createCase(social, newCaseBody("Samo čitanje", "Vera", "Verić", ""))
	expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/emergency-access", social2, map[string]string{"reason": "Hitno"}), 201)
	expectStatus(t, h.req("GET", "/api/v1/cases/"+c.ID+"/entries", social2, nil), 200)
	expectStatus(t, h.req("GET", "/api/v1/cases/"+c.ID+"/plan", social2, nil), 200)
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/entries", social2, map[string]string{"body": "x", "sensitivity": "general"}), 403, "forbidden")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/plan/goals", social2, map[string]string{"title": "x"}), 403, "forbidden")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/risk", social2, map[string]string{"risk_level": "high", "reason": "x"}), 403, "forbidden")
	if h.count("entries WHERE case_id = '"+c.ID+"'") != 0 {
		t.Fatal("an emergency reader wrote an entry")
	}
}

func TestPlanActionsParticipationAndCompare(t *testing.T) {
	h := newHarness(t)
	social, nurse, social2 := h.demo("demo.social"), h.demo("demo.nurse"), h.demo("demo.social2")
	c := h.createCase(social, newCaseBody("Plan podrške", "Ljiljana", "Ljubić", ""))
	h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.nurse")})
	var g struct{ ID string }
	h.req("POST", "/api/v1/cases/"+c.ID+"/plan/goals", social, map[string]string{"title": "Bezbedno stanovanje"}).json(t, &g)
	plan := "/api/v1/cases/" + c.ID + "/plan"
	expectProblem(t, h.req("PATCH", plan, social, map[string]string{"participation": "maybe"}), 422, "validation", "participation")
	expectProblem(t, h.req("PATCH", plan, social, map[string]string{"review_date": "15.12.2026"}), 422, "validation", "review_date")
	r := h.req("PATCH", plan, social, map[string]string{"review_date": "2026-12-15", "participation": "took_part", "agreement": "Saglasna sa planom"})
	expectStatus(t, r, 200)
	if !strings.Contains(string(r.body), `"review_date":"2026-12-15"`) || !strings.Contains(string(r.body), `"participation":"took_part"`) {
		t.Fatalf("plan %s", r.body)
	}
	actions := "/api/v1/plan/goals/" + g.ID + "/actions"
	expectProblem(t, h.req("POST", actions, social, map[string]string{"title": "x"}), 422, "validation", "owner_user_id")
	expectProblem(t, h.req("POST", actions, social, map[string]string{"title": "x", "owner_user_id": seeds.ID("user/demo.police")}), 422, "validation", "owner_user_id")
	expectProblem(t, h.req("POST", actions, social, map[string]string{"title": "x", "owner_agency_id": seeds.ID("none")}), 422, "validation", "owner_agency_id")
	expectProblem(t, h.req("POST", actions, social2, map[string]string{"title": "x", "owner_agency_id": seeds.ID("agency/csr-kikinda")}), 404, "not_found")
	expectStatus(t, h.req("POST", actions, nurse, map[string]string{"title": "Kućna nega 2x nedeljno", "owner_user_id": seeds.ID("user/demo.nurse"), "due_date": "2026-12-01"}), 201)
	r = h.req("POST", actions, social, map[string]string{"title": "Procena stanovanja", "owner_agency_id": seeds.ID("agency/csr-kikinda")})
	expectStatus(t, r, 201)
	var full struct {
		Version int `json:"version"`
		Goals   []struct {
			Actions []struct {
				ID            string  `json:"id"`
				OwnerAgencyID *string `json:"owner_agency_id"`
			} `json:"actions"`
		} `json:"goals"`
	}
	r.json(t, &full)
	if len(full.Goals) != 1 || len(full.Goals[0].Actions) != 2 || full.Version != 4 {
		t.Fatalf("plan after actions %s", r.body)
	}
	actionID := full.Goals[0].Actions[1].ID
	expectProblem(t, h.req("PATCH", "/api/v1/plan/actions/"+actionID, social, map[string]string{"status": "late"}), 422, "validation", "status")
	expectStatus(t, h.req("PATCH", "/api/v1/plan/actions/"+actionID, social, map[string]string{"status": "done"}), 200)
	expectStatus(t, h.req("PATCH", "/api/v1/plan/goals/"+g.ID, social, map[string]string{"status": "achieved"}), 200)
	expectProblem(t, h.req("PATCH", "/api/v1/plan/goals/"+g.ID, social, map[string]string{"status": "won"}), 422, "validation", "status")
	expectProblem(t, h.req("PATCH", "/api/v1/plan/goals/"+seeds.ID("x"), social, map[string]string{"status": "open"}), 404, "not_found")
	// A task can serve an action.
	expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/tasks", social, map[string]any{"title": "Poziv", "assignee_id": seeds.ID("user/demo.nurse"), "action_id": actionID}), 201)
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/tasks", social, map[string]any{"title": "Poziv", "assignee_id": seeds.ID("user/demo.nurse"), "action_id": seeds.ID("x")}), 422, "validation", "action_id")
	// Compare the first version with the last.
	var d struct {
		AddedGoals    []string `json:"added_goals"`
		ChangedGoals  []string `json:"changed_goals"`
		ChangedFields []string `json:"changed_fields"`
	}
	r = h.req("GET", plan+"/compare?from=1&to=6", social, nil)
	expectStatus(t, r, 200)
	r.json(t, &d)
	if len(d.ChangedGoals) != 1 || d.ChangedGoals[0] != g.ID || len(d.AddedGoals) != 0 || strings.Join(d.ChangedFields, ",") != "review_date,participation,agreement" {
		t.Fatalf("compare %s", r.body)
	}
	expectProblem(t, h.req("GET", plan+"/compare?from=1&to=99", social, nil), 422, "validation", "to")
	expectProblem(t, h.req("GET", plan+"/compare?from=a&to=2", social, nil), 422, "validation", "from")
}

func TestPlanEdgeCases(t *testing.T) {
	h := newHarness(t)
	social, social2 := h.demo("demo.social"), h.demo("demo.social2")
	c := h.createCase(social, newCaseBody("Rubni slučajevi", "Rade", "Radić", ""))
	var g struct{ ID string }
	h.req("POST", "/api/v1/cases/"+c.ID+"/plan/goals", social, map[string]string{"title": "Cilj"}).json(t, &g)
	// An empty change makes no new version.
	var plan struct{ Version int }
	h.req("PATCH", "/api/v1/plan/goals/"+g.ID, social, map[string]any{}).json(t, &plan)
	h.req("PATCH", "/api/v1/cases/"+c.ID+"/plan", social, map[string]any{}).json(t, &plan)
	if plan.Version != 1 {
		t.Fatalf("an empty change made version %d", plan.Version)
	}
	// A hidden goal answers exactly like a missing one.
	hidden := h.req("PATCH", "/api/v1/plan/goals/"+g.ID, social2, map[string]string{"status": "dropped"})
	missing := h.req("PATCH", "/api/v1/plan/goals/"+seeds.ID("none"), social2, map[string]string{"status": "dropped"})
	if hidden.problem(t).Detail != missing.problem(t).Detail || hidden.status != 404 {
		t.Fatalf("hidden %s vs missing %s", hidden.body, missing.body)
	}
	// Participation can be cleared.
	h.req("PATCH", "/api/v1/cases/"+c.ID+"/plan", social, map[string]string{"participation": "declined"})
	r := h.req("PATCH", "/api/v1/cases/"+c.ID+"/plan", social, map[string]string{"participation": ""})
	expectStatus(t, r, 200)
	if !strings.Contains(string(r.body), `"participation":null`) {
		t.Fatalf("not cleared: %s", r.body)
	}
}
