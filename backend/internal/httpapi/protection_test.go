package httpapi_test

import (
	"strings"
	"testing"
	"time"

	"github.com/zajedno/zajedno/backend/internal/protection"
	"github.com/zajedno/zajedno/seeds"
)

// TestProtectionPlan: a victim's plan is drafted by the case's workers, versioned, and adopted
// by the chair at a running meeting only when complete (a 422 names each missing executor,
// deadline, the monitoring part and the participation); its measures then become tasks of
// their executors.
func TestProtectionPlan(t *testing.T) {
	h := newHarness(t)
	c := h.dvCase("Nasilje Savić", "Sanja", "Savić")
	var people struct {
		Items []struct{ Person struct{ ID string } }
	}
	h.req("GET", "/api/v1/cases/"+c.ID+"/people", h.demo("demo.social"), nil).json(t, &people)
	victim := people.Items[0].Person.ID
	social := h.demo("demo.social")

	t.Run("ErrCreate", func(t *testing.T) {
		expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/protection-plans", social, map[string]any{"victim_id": seeds.ID("person/none")}), 422, "validation", "victim_id")
		expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/protection-plans", h.demo("demo.nurse"), map[string]any{"victim_id": victim}), 404, "not_found")
		expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/protection-plans", h.demo("demo.auditor"), map[string]any{"victim_id": victim}), 403, "forbidden")
		other := h.createCase(social, newCaseBody("Stara osoba", "Mara", "Marić", ""))
		expectProblem(t, h.req("POST", "/api/v1/cases/"+other.ID+"/protection-plans", social, map[string]any{"victim_id": victim}), 409, "conflict")
		if h.count("protection_plans") != 0 {
			t.Fatal("a refused plan was stored")
		}
	})
	r := h.req("POST", "/api/v1/cases/"+c.ID+"/protection-plans", social, map[string]any{"victim_id": victim})
	expectStatus(t, r, 201)
	var pl protection.Plan
	r.json(t, &pl)
	if pl.Status != "draft" || pl.Version != 1 || pl.VictimName != "Sanja Savić" {
		t.Fatalf("created %+v", pl)
	}
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/protection-plans", social, map[string]any{"victim_id": victim}), 409, "conflict")
	due := h.clock.Now().Add(10 * 24 * time.Hour).Format(time.RFC3339)
	// The police liaison (a permanent member of the group) adds a measure with everything; the social worker one without executor and deadline.
	r = h.req("POST", "/api/v1/protection-plans/"+pl.ID+"/measures", h.demo("demo.police"), map[string]any{"kind": "protection",
		"description": "Obilazak adrese žrtve dva puta nedeljno", "executor_agency_id": seeds.ID("agency/ps-kikinda"),
		"executor_user_id": seeds.ID("user/demo.police"), "due_at": due})
	expectStatus(t, r, 201)
	r = h.req("POST", "/api/v1/protection-plans/"+pl.ID+"/measures", social, map[string]any{"kind": "support", "description": "Psihološka podrška"})
	expectStatus(t, r, 201)
	r.json(t, &pl)
	expectProblem(t, h.req("POST", "/api/v1/protection-plans/"+pl.ID+"/measures", social, map[string]any{"kind": "prayer", "description": " "}), 422, "validation", "kind")
	expectProblem(t, h.req("POST", "/api/v1/protection-plans/"+pl.ID+"/measures", social, map[string]any{"kind": "support", "description": "x",
		"executor_agency_id": seeds.ID("agency/csr-kikinda"), "executor_user_id": seeds.ID("user/demo.police")}), 422, "validation", "executor_user_id")
	if len(pl.Measures) != 2 || pl.Version != 3 {
		t.Fatalf("measures %+v version %d", pl.Measures, pl.Version)
	}

	// A meeting with the case on its agenda, running.
	chair := h.demo("demo.prosecutor")
	m := h.schedule(chair, map[string]any{"starts_at": h.clock.Now().Add(time.Hour).Format(time.RFC3339)})
	adopt := func(tok string) response {
		return h.req("POST", "/api/v1/protection-plans/"+pl.ID+"/adopt", tok, map[string]any{"meeting_id": m.ID})
	}
	expectProblem(t, adopt(chair), 409, "conflict") // the meeting is not running
	expectStatus(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/start", chair, nil), 200)
	expectProblem(t, adopt(h.demo("demo.police")), 403, "forbidden")
	// Incomplete: the support measure lacks its executor and deadline; no monitoring; no participation.
	p := expectProblem(t, adopt(chair), 422, "validation")
	var fields []string
	for _, e := range p.Errors {
		fields = append(fields, e.Field)
	}
	want := "measures[1].executor_agency_id measures[1].executor_user_id measures[1].due_at monitoring participation"
	if strings.Join(fields, " ") != want {
		t.Fatalf("missing fields %v, want %s", fields, want)
	}
	if h.count("tasks") != 0 {
		t.Fatal("a refused adoption made tasks")
	}
	expectStatus(t, h.req("PUT", "/api/v1/protection-plans/"+pl.ID+"/measures/"+pl.Measures[1].ID, social, map[string]any{"kind": "support",
		"description": "Psihološka podrška", "executor_agency_id": seeds.ID("agency/dz-kikinda"), "executor_user_id": seeds.ID("user/demo.nurse"), "due_at": due}), 200)
	expectProblem(t, h.req("PATCH", "/api/v1/protection-plans/"+pl.ID, social, map[string]any{"participation": "maybe"}), 422, "validation", "participation")
	expectStatus(t, h.req("PATCH", "/api/v1/protection-plans/"+pl.ID, social, map[string]any{"participation": "took_part",
		"monitoring": "Grupa razmatra plan na svakom sastanku; CSR izveštava o psihološkoj podršci."}), 200)
	r = adopt(h.demo("demo.prosecutor"))
	expectStatus(t, r, 200)
	r.json(t, &pl)
	if pl.Status != "adopted" || pl.AdoptedIn == nil || *pl.AdoptedIn != m.ID || pl.AdoptedVersion == nil || *pl.AdoptedVersion != pl.Version {
		t.Fatalf("adopted %+v", pl)
	}
	for _, ms := range pl.Measures {
		if ms.TaskID == nil || ms.Status != "planned" {
			t.Fatalf("measure not tracked: %+v", ms)
		}
	}
	// The nurse executes the support measure: she is now a member of the case with the task.
	var tasks struct {
		Items []struct{ Title string }
	}
	h.req("GET", "/api/v1/tasks?assignee=me", h.demo("demo.nurse"), nil).json(t, &tasks)
	if len(tasks.Items) != 1 || tasks.Items[0].Title != "Psihološka podrška" {
		t.Fatalf("the nurse's tasks %+v", tasks.Items)
	}
	var versions struct{ Items []protection.Version }
	h.req("GET", "/api/v1/protection-plans/"+pl.ID+"/versions", h.demo("demo.social"), nil).json(t, &versions)
	if len(versions.Items) != pl.Version || versions.Items[0].Version != pl.Version {
		t.Fatalf("%d versions for version %d", len(versions.Items), pl.Version)
	}
	if h.auditCount("action = 'protection_plan.adopt' AND resource_id = ?", pl.ID) != 1 {
		t.Fatal("the adoption is not audited")
	}
	expectProblem(t, adopt(h.demo("demo.prosecutor")), 409, "conflict") // this version is adopted already
	// Changing a tracked measure changes its task: a later deadline (its alerts start again) and another executor.
	later := h.clock.Now().Add(20 * 24 * time.Hour).Format(time.RFC3339)
	expectStatus(t, h.req("PUT", "/api/v1/protection-plans/"+pl.ID+"/measures/"+pl.Measures[1].ID, h.demo("demo.social"), map[string]any{"kind": "support",
		"description": "Psihološka podrška", "executor_agency_id": seeds.ID("agency/csr-kikinda"), "executor_user_id": seeds.ID("user/demo.lead"), "due_at": later}), 200)
	var task struct {
		AssigneeID string
		DueAt      time.Time
	}
	h.db.Raw(`SELECT assignee_id::text AS assignee_id, due_at FROM tasks WHERE id = ?`, *pl.Measures[1].TaskID).Scan(&task)
	if task.AssigneeID != seeds.ID("user/demo.lead") || task.DueAt.Format(time.RFC3339) != later {
		t.Fatalf("the task did not follow the measure: %+v", task)
	}
	if h.count("case_members WHERE case_id = '"+c.ID+"' AND user_id = '"+seeds.ID("user/demo.lead")+"'") != 1 {
		t.Fatal("the new executor is not a member of the case")
	}
}
