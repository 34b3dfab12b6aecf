package httpapi_test

import (
	"context"
	"testing"
	"time"

	"github.com/zajedno/zajedno/backend/internal/config"
	"github.com/zajedno/zajedno/backend/internal/measures"
	"github.com/zajedno/zajedno/seeds"
)

// dvCase opens a domestic-violence case of team Kikinda Centar, led by demo.social.
func (h *harness) dvCase(title, first, last string) caseBody {
	h.t.Helper()
	b := newCaseBody(title, first, last, "")
	b["category"] = "domestic_violence"
	return h.createCase(h.demo("demo.social"), b)
}

func (h *harness) measure(token, caseID string, body map[string]any) measures.Measure {
	h.t.Helper()
	r := h.req("POST", "/api/v1/cases/"+caseID+"/urgent-measures", token, body)
	expectStatus(h.t, r, 201)
	var m measures.Measure
	r.json(h.t, &m)
	return m
}

func (h *harness) measureStep(token, id, path string, body map[string]any) measures.Measure {
	h.t.Helper()
	method := "POST"
	if path == "" {
		method = "PATCH"
	}
	r := h.req(method, "/api/v1/urgent-measures/"+id+path, token, body)
	expectStatus(h.t, r, 200)
	var m measures.Measure
	r.json(h.t, &m)
	return m
}

func (h *harness) sweep() (int, int) {
	h.t.Helper()
	e, r, err := h.srv.Measures.Sweep(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return e, r
}

func (h *harness) alertsOf(username, kind string) int {
	h.t.Helper()
	return int(h.count("alerts WHERE kind = '" + kind + "' AND user_id = '" + seeds.ID("user/"+username) + "'"))
}

// TestUrgentMeasureDeadlines: the deadlines are elapsed time from the reported service, across
// both changes of daylight saving time in Europe/Belgrade.
func TestUrgentMeasureDeadlines(t *testing.T) {
	h := newHarness(t)
	c := h.dvCase("Nasilje u porodici", "Sanja", "Savić")
	police := h.demo("demo.police")
	for name, served := range map[string]string{
		"AutumnChange": "2026-10-24T02:40:00+02:00", // the clocks go back at 03:00 on 25 October
		"SpringChange": "2026-03-28T02:40:00+01:00", // and forward at 02:00 on 29 March
		"Ordinary":     "2026-11-20T02:40:00+01:00",
	} {
		t.Run(name, func(t *testing.T) {
			s, _ := time.Parse(time.RFC3339, served)
			m := h.measure(police, c.ID, map[string]any{"kind": "removal_from_home", "order_number": "PU-123/26",
				"issued_at": s.Add(-20 * time.Minute).Format(time.RFC3339), "served_at": served})
			if m.ServedAt == nil || !m.ServedAt.Equal(s) || m.ExpiresAt.Sub(s) != 172800*time.Second || m.ProposalDueAt.Sub(s) != 86400*time.Second {
				t.Fatalf("served %v expires %v proposal due %v", m.ServedAt, m.ExpiresAt, m.ProposalDueAt)
			}
			if m.ExpiresAt.Location() != time.UTC || m.Status != "active" {
				t.Fatalf("%+v", m)
			}
		})
	}
	// 02:40 on 24 October (CEST) plus 48 h is 01:40 on 26 October (CET): one wall-clock hour less.
	loc, _ := time.LoadLocation("Europe/Belgrade")
	s, _ := time.Parse(time.RFC3339, "2026-10-24T02:40:00+02:00")
	if got := s.Add(measures.Duration).In(loc).Format("2006-01-02 15:04"); got != "2026-10-26 01:40" {
		t.Fatalf("local expiry %s", got)
	}
}

// TestUrgentMeasureLifecycle walks a measure from the police order to the extension, with
// reminders before each deadline to whoever must act, a late proposal's warning, an appeal, a
// breach, and automatic expiry when nobody proposes an extension.
func TestUrgentMeasureLifecycle(t *testing.T) {
	h := newHarness(t)
	c := h.dvCase("Nasilje", "Sanja", "Savić")
	police := h.demo("demo.police")
	now := h.clock.Now()
	ts := func(d time.Duration) string { return now.Add(d).Format(time.RFC3339) }

	// The chair (prosecutor) and the police liaison see the case through the coordination group.
	expectStatus(t, h.req("GET", "/api/v1/cases/"+c.ID, h.demo("demo.prosecutor"), nil), 200)
	if h.auditCount("action = 'case.read' AND case_id = ? AND basis = 'coordination_group'", c.ID) != 1 {
		t.Fatal("the chair's read is not audited with the basis coordination_group")
	}
	var list struct{ Items []caseBody }
	h.req("GET", "/api/v1/cases", h.demo("demo.prosecutor"), nil).json(t, &list)
	if len(list.Items) != 1 || list.Items[0].ID != c.ID {
		t.Fatalf("the chair's case list %+v", list.Items)
	}
	other := h.createCase(h.demo("demo.social"), newCaseBody("Stara osoba", "Mara", "Marić", ""))
	expectProblem(t, h.req("GET", "/api/v1/cases/"+other.ID, h.demo("demo.prosecutor"), nil), 404, "not_found")
	expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID, h.demo("demo.social2"), nil), 404, "not_found")

	t.Run("ErrBadInput", func(t *testing.T) {
		n := h.count("urgent_measures")
		for name, tc := range map[string]struct {
			body  map[string]any
			field string
		}{
			"Kind":          {map[string]any{"kind": "exile", "issued_at": ts(-time.Hour)}, "kind"},
			"NoIssued":      {map[string]any{"kind": "contact_ban"}, "issued_at"},
			"FutureIssued":  {map[string]any{"kind": "contact_ban", "issued_at": ts(time.Hour)}, "issued_at"},
			"MalformedTime": {map[string]any{"kind": "contact_ban", "issued_at": "yesterday"}, "issued_at"},
			"ServedBefore":  {map[string]any{"kind": "contact_ban", "issued_at": ts(-time.Hour), "served_at": ts(-2 * time.Hour)}, "served_at"},
			"Perpetrator":   {map[string]any{"kind": "contact_ban", "issued_at": ts(-time.Hour), "perpetrator_id": seeds.ID("person/none")}, "perpetrator_id"},
		} {
			t.Run(name, func(t *testing.T) {
				expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/urgent-measures", police, tc.body), 422, "validation", tc.field)
			})
		}
		expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/urgent-measures", police, map[string]any{"kind": "contact_ban", "bogus": 1}), 400, "bad_request")
		// A perpetrator under 18: no urgent measure; the child-protection pathway instead.
		r := h.req("POST", "/api/v1/cases/"+c.ID+"/people", h.demo("demo.social"), map[string]any{"relation": "perpetrator",
			"person": map[string]any{"first_name": "Luka", "last_name": "Savić", "date_of_birth": now.AddDate(-16, 0, 0).Format(time.DateOnly)}})
		expectStatus(t, r, 201)
		var person struct{ Person struct{ ID string } }
		r.json(t, &person)
		pid := person.Person.ID
		p := expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/urgent-measures", police, map[string]any{"kind": "removal_from_home",
			"issued_at": ts(-time.Hour), "perpetrator_id": pid}), 422, "validation", "perpetrator_id")
		if len(p.Errors) != 1 || !containsAny(p.Errors[0].Message, "child-protection") {
			t.Fatalf("under-18 refusal %+v", p.Errors)
		}
		if h.count("urgent_measures") != n {
			t.Fatal("a refused measure was stored")
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		body := map[string]any{"kind": "contact_ban", "issued_at": ts(-time.Hour)}
		expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/urgent-measures", h.demo("demo.social"), body), 403, "forbidden")
		expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/urgent-measures", h.demo("demo.nurse"), body), 403, "forbidden")
		// The chair may see the case but does not issue police orders.
		expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/urgent-measures", h.demo("demo.prosecutor"), body), 403, "forbidden")
		expectProblem(t, h.req("POST", "/api/v1/cases/"+other.ID+"/urgent-measures", police, body), 404, "not_found")
		expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID+"/urgent-measures", h.demo("demo.auditor"), nil), 403, "forbidden")
	})

	// Issued at 01:00, served at 02:40 (20 minutes ago).
	m := h.measure(police, c.ID, map[string]any{"kind": "removal_from_home", "issued_at": ts(-2 * time.Hour), "order_number": "PU-7/26"})
	if m.Status != "issued" || m.ExpiresAt != nil || m.ProposalDueAt != nil {
		t.Fatalf("issued %+v", m)
	}
	expectProblem(t, h.req("PATCH", "/api/v1/urgent-measures/"+m.ID, police, map[string]any{"served_at": ts(time.Minute)}), 422, "validation", "served_at")
	expectProblem(t, h.req("PATCH", "/api/v1/urgent-measures/"+m.ID, h.demo("demo.prosecutor"), map[string]any{"served_at": ts(-20 * time.Minute)}), 403, "forbidden")
	m = h.measureStep(police, m.ID, "", map[string]any{"served_at": ts(-20 * time.Minute)})
	served := now.Add(-20 * time.Minute).Truncate(time.Second)
	if m.Status != "active" || !m.ExpiresAt.Equal(served.Add(48*time.Hour)) || !m.ProposalDueAt.Equal(served.Add(24*time.Hour)) {
		t.Fatalf("served %+v", m)
	}
	expectProblem(t, h.req("PATCH", "/api/v1/urgent-measures/"+m.ID, police, map[string]any{"served_at": ts(-10 * time.Minute)}), 409, "conflict")
	// Every reader of the case sees it; the nurse is not one.
	expectStatus(t, h.req("GET", "/api/v1/urgent-measures/"+m.ID, h.demo("demo.prosecutor"), nil), 200)
	expectProblem(t, h.req("GET", "/api/v1/urgent-measures/"+m.ID, h.demo("demo.nurse"), nil), 404, "not_found")

	// Reminders: 6 h and 1 h before the proposal's deadline, to the chair, once each.
	if _, r := h.sweep(); r != 0 {
		t.Fatalf("%d reminders before their time", r)
	}
	h.clock.Advance(served.Add(18*time.Hour + time.Minute).Sub(h.clock.Now()))
	if _, r := h.sweep(); r != 1 || h.alertsOf("demo.prosecutor", "measure_deadline") != 1 {
		t.Fatalf("the 6-hour reminder: %d sent, chair has %d", r, h.alertsOf("demo.prosecutor", "measure_deadline"))
	}
	if _, r := h.sweep(); r != 0 {
		t.Fatal("a reminder went twice")
	}
	// A late proposal (after 24 h, before 48 h) is recorded; the court's deadline then falls after the expiry.
	h.clock.Advance(served.Add(30 * time.Hour).Sub(h.clock.Now()))
	expectProblem(t, h.req("POST", "/api/v1/urgent-measures/"+m.ID+"/proposal", h.demo("demo.police"), map[string]any{"proposed_at": h.clock.Now().Format(time.RFC3339)}), 403, "forbidden")
	expectProblem(t, h.req("POST", "/api/v1/urgent-measures/"+m.ID+"/decision", h.demo("demo.prosecutor"), map[string]any{"outcome": "extended", "decided_at": h.clock.Now().Format(time.RFC3339)}), 409, "conflict")
	m = h.measureStep(h.demo("demo.prosecutor"), m.ID, "/proposal", map[string]any{"proposed_at": h.clock.Now().Add(-time.Hour).Format(time.RFC3339)})
	if m.Status != "proposal_pending" || !m.DecisionDueAt.Equal(served.Add(53*time.Hour)) || !m.CourtAfterExpiry {
		t.Fatalf("proposed %+v", m)
	}
	// The court extends it: 30 days (720 h) from the decision.
	h.clock.Advance(2 * time.Hour)
	decided := h.clock.Now().Add(-10 * time.Minute).Truncate(time.Second)
	expectProblem(t, h.req("POST", "/api/v1/urgent-measures/"+m.ID+"/decision", h.demo("demo.prosecutor"), map[string]any{"outcome": "maybe", "decided_at": decided.Format(time.RFC3339)}), 422, "validation", "outcome")
	m = h.measureStep(h.demo("demo.prosecutor"), m.ID, "/decision", map[string]any{"outcome": "extended", "decided_at": decided.Format(time.RFC3339)})
	if m.Status != "extended" || !m.ExtendedUntil.Equal(decided.Add(720*time.Hour)) || m.CourtAfterExpiry {
		t.Fatalf("extended %+v", m)
	}
	h.clock.Advance(48 * time.Hour)
	if e, _ := h.sweep(); e != 0 {
		t.Fatal("an extended measure expired at its 48 hours")
	}
	// A breach: the case becomes repeat, and the chair and the lead are told.
	m = h.measureStep(h.demo("demo.police"), m.ID, "/breaches", map[string]any{"occurred_at": h.clock.Now().Add(-time.Hour).Format(time.RFC3339), "note": "Prišao žrtvi ispred škole."})
	expectProblem(t, h.req("POST", "/api/v1/urgent-measures/"+m.ID+"/breaches", h.demo("demo.police"), map[string]any{"occurred_at": h.clock.Now().Format(time.RFC3339)}), 422, "validation", "note")
	var row struct{ RepeatAt *time.Time }
	h.db.Raw(`SELECT repeat_at FROM cases WHERE id = ?`, c.ID).Scan(&row)
	if row.RepeatAt == nil || h.alertsOf("demo.prosecutor", "measure_breached") != 1 || h.alertsOf("demo.social", "measure_breached") != 1 {
		t.Fatal("the breach did not mark the case repeat or tell the chair and the lead")
	}
	// An appeal against the extension: filed within 3 days, forwarded, and overturned: the measure ends.
	expectProblem(t, h.req("POST", "/api/v1/urgent-measures/"+m.ID+"/appeal-forward", h.demo("demo.prosecutor"), map[string]any{"forwarded_at": h.clock.Now().Format(time.RFC3339)}), 409, "conflict")
	expectProblem(t, h.req("POST", "/api/v1/urgent-measures/"+m.ID+"/appeals", h.demo("demo.prosecutor"), map[string]any{"filed_at": decided.Add(73 * time.Hour).Format(time.RFC3339)}), 422, "validation", "filed_at")
	m = h.measureStep(h.demo("demo.prosecutor"), m.ID, "/appeals", map[string]any{"filed_at": decided.Add(47 * time.Hour).Format(time.RFC3339)})
	if len(m.Appeals) != 1 || !m.Appeals[0].ForwardDueAt.Equal(decided.Add(59*time.Hour)) || m.Status != "extended" {
		t.Fatalf("appeal %+v", m.Appeals)
	}
	m = h.measureStep(h.demo("demo.prosecutor"), m.ID, "/appeal-forward", map[string]any{"forwarded_at": decided.Add(48 * time.Hour).Format(time.RFC3339)})
	m = h.measureStep(h.demo("demo.prosecutor"), m.ID, "/appeal-decision", map[string]any{"outcome": "overturned", "decided_at": h.clock.Now().Format(time.RFC3339)})
	if m.Status != "expired" || m.EndedAt == nil || m.Appeals[0].Outcome == nil || *m.Appeals[0].Outcome != "overturned" {
		t.Fatalf("overturned %+v", m)
	}
	want := []string{"issue", "serve", "propose", "decide", "breach", "appeal", "appeal_forward", "appeal_decide"}
	if len(m.Events) != len(want) {
		t.Fatalf("timeline %+v", m.Events)
	}
	for i, e := range m.Events {
		if e.Action != want[i] {
			t.Fatalf("timeline step %d %s, want %s", i, e.Action, want[i])
		}
	}
	if h.auditCount("resource_type = 'urgent_measure' AND resource_id = ? AND action LIKE 'urgent_measure.%'", m.ID) < 8 {
		t.Fatal("the steps are not audited")
	}

	t.Run("MissedProposalEndsInExpiry", func(t *testing.T) {
		now := h.clock.Now()
		m := h.measure(h.demo("demo.police"), c.ID, map[string]any{"kind": "contact_ban", "issued_at": now.Add(-time.Hour).Format(time.RFC3339),
			"served_at": now.Add(-30 * time.Minute).Format(time.RFC3339)})
		h.clock.Advance(47 * time.Hour)
		if e, _ := h.sweep(); e != 0 {
			t.Fatal("expired early")
		}
		h.clock.Advance(time.Hour)
		if e, _ := h.sweep(); e != 1 {
			t.Fatal("not expired at 48 hours")
		}
		var got measures.Measure
		h.req("GET", "/api/v1/urgent-measures/"+m.ID, h.demo("demo.police"), nil).json(t, &got)
		if got.Status != "expired" || got.EndedAt == nil || !got.EndedAt.Equal(*got.ExpiresAt) || h.alertsOf("demo.police", "measure_expired") != 1 ||
			h.alertsOf("demo.social", "measure_expired") != 1 {
			t.Fatalf("expired %+v", got)
		}
		expectProblem(t, h.req("POST", "/api/v1/urgent-measures/"+m.ID+"/proposal", h.demo("demo.prosecutor"),
			map[string]any{"proposed_at": h.clock.Now().Format(time.RFC3339)}), 409, "conflict")
	})
}

// TestUrgentMeasureExtensionFromExpiry: with ZAJEDNO_EXTENSION_FROM=expiry the 30 days of an
// extension count from the 48-hour expiry, not from the court's decision.
func TestUrgentMeasureExtensionFromExpiry(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.ExtensionFrom = "expiry" })
	c := h.dvCase("Nasilje", "Sanja", "Savić")
	now := h.clock.Now()
	served := now.Add(-2 * time.Hour).Truncate(time.Second)
	m := h.measure(h.demo("demo.police"), c.ID, map[string]any{"kind": "contact_ban", "issued_at": served.Add(-time.Hour).Format(time.RFC3339),
		"served_at": served.Format(time.RFC3339)})
	chair := h.demo("demo.prosecutor")
	h.measureStep(chair, m.ID, "/proposal", map[string]any{"proposed_at": served.Add(time.Hour).Format(time.RFC3339)})
	m = h.measureStep(chair, m.ID, "/decision", map[string]any{"outcome": "extended", "decided_at": now.Add(-time.Minute).Format(time.RFC3339)})
	if !m.ExtendedUntil.Equal(served.Add(48*time.Hour + 720*time.Hour)) {
		t.Fatalf("extended until %v, want 720 h after the expiry %v", m.ExtendedUntil, m.ExpiresAt)
	}
}
