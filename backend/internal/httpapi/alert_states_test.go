package httpapi_test

import (
	"context"
	"testing"
	"time"

	"github.com/zajedno/zajedno/backend/internal/alerts"
	"github.com/zajedno/zajedno/seeds"
)

// TestTaskAlertsAndStates: a task falling due alerts its assignee a day ahead and again when
// overdue, once each; an alert goes open → acknowledged → resolved, for its user only.
func TestTaskAlertsAndStates(t *testing.T) {
	h := newHarness(t)
	social := h.demo("demo.social")
	c := h.createCase(social, newCaseBody("Rokovi", "Ema", "Emić", ""))
	due := h.clock.Now().Add(12 * time.Hour)
	expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/tasks", social, map[string]any{"title": "Poseta", "assignee_id": seeds.ID("user/demo.social"), "due_at": due}), 201)
	expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/tasks", social, map[string]any{"title": "Kasnije", "assignee_id": seeds.ID("user/demo.social"), "due_at": due.Add(72 * time.Hour)}), 201)
	ctx := context.Background()
	count := func(want int) {
		t.Helper()
		if n, err := h.srv.Alerts.AlertTasks(ctx); n != want || err != nil {
			t.Fatalf("task alerts raised: %d %v, want %d", n, err, want)
		}
	}
	count(1)
	count(0)
	h.clock.Advance(13 * time.Hour)
	count(1)
	count(0)
	social = h.demo("demo.social")
	var l struct{ Items []alerts.Alert }
	h.req("GET", "/api/v1/alerts", social, nil).json(t, &l)
	kinds := map[string]int{}
	for _, a := range l.Items {
		kinds[a.Kind]++
		if a.State != "open" || a.TaskID == nil || a.CaseID == nil || *a.CaseID != c.ID {
			t.Fatalf("task alert %+v", a)
		}
	}
	if kinds["task_due"] != 1 || kinds["task_overdue"] != 1 {
		t.Fatalf("alerts %v", kinds)
	}
	id := l.Items[0].ID
	expectProblem(t, h.req("POST", "/api/v1/alerts/"+id+"/resolve", h.demo("demo.nurse"), nil), 404, "not_found")
	var a alerts.Alert
	r := h.req("POST", "/api/v1/alerts/"+id+"/ack", social, nil)
	expectStatus(t, r, 200)
	r.json(t, &a)
	if a.State != "acknowledged" {
		t.Fatalf("after ack %+v", a)
	}
	r = h.req("POST", "/api/v1/alerts/"+id+"/resolve", social, nil)
	expectStatus(t, r, 200)
	r.json(t, &a)
	if a.State != "resolved" || a.ResolvedAt == nil || a.AcknowledgedAt == nil {
		t.Fatalf("after resolve %+v", a)
	}
	expectProblem(t, h.req("POST", "/api/v1/alerts/not-an-id/resolve", social, nil), 404, "not_found")
}
