package httpapi_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zajedno/zajedno/backend/internal/config"
	"github.com/zajedno/zajedno/backend/internal/inbound"
	"github.com/zajedno/zajedno/seeds"
)

// send signs body as the system does and posts it.
func (h *harness) sendEvent(systemID, secret, key string, body []byte, at time.Time) response {
	h.t.Helper()
	ts := strconv.FormatInt(at.Unix(), 10)
	return h.req("POST", "/api/v1/inbound/events", "", body, "X-Zajedno-System", systemID, "X-Zajedno-Timestamp", ts,
		"X-Zajedno-Signature", inbound.Sign(secret, ts, key, body), "Idempotency-Key", key)
}

func eventBody(t *testing.T, ev map[string]any) []byte {
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestInboundPoliceIntervention: a signed police_intervention at 02:00 for a person of an open
// domestic-violence case alerts the lead and pages the CSR's worker on call at once; without an
// acknowledgement it escalates to the backup; acknowledging stops it; every step is audited.
func TestInboundPoliceIntervention(t *testing.T) {
	h := newHarness(t)
	admin := h.demo("demo.admin")
	r := h.req("POST", "/api/v1/inbound/systems", admin, map[string]any{"name": "PU Kikinda dispečer", "kind": "police_dispatch", "agency_id": seeds.ID("agency/ps-kikinda")})
	expectStatus(t, r, 201)
	var cr inbound.Credentials
	r.json(t, &cr)
	if cr.Secret == "" || r.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("credentials %+v", cr)
	}
	// The domestic-violence case, led by demo.social (CSR Kikinda); a night shift with demo.social on call and demo.lead as backup.
	social := h.demo("demo.social")
	c := h.createCase(social, map[string]any{"title": "Nasilje", "category": "domestic_violence", "team_id": kikinda,
		"subject": map[string]any{"first_name": "Sanja", "last_name": "Savić", "jmbg": "1505005715006"}})
	now := h.clock.Now()
	expectStatus(t, h.req("POST", "/api/v1/agencies/"+seeds.ID("agency/csr-kikinda")+"/shifts", h.demo("demo.lead"), map[string]any{
		"starts_at": now.Add(-time.Hour), "ends_at": now.Add(10 * time.Hour),
		"oncall_user_id": seeds.ID("user/demo.social"), "backup_user_id": seeds.ID("user/demo.lead")}), 201)

	ev := eventBody(t, map[string]any{"type": "police_intervention", "occurred_at": now.Add(-20 * time.Minute).Format(time.RFC3339),
		"municipality": "Kikinda", "urgent_measure": true, "note": "Izrečena hitna mera udaljenja.", "person": map[string]any{"jmbg": "1505005715006"}})
	before := h.count("inbound_messages")
	res := h.sendEvent(cr.System.ID, cr.Secret, "evt-1", ev, now)
	expectStatus(t, res, 202)
	var ans inbound.Answer
	res.json(t, &ans)
	if ans.Status != "accepted" || ans.ID == "" || h.count("inbound_messages") != before+1 {
		t.Fatalf("answer %+v", ans)
	}
	// The partner learns nothing of the case.
	if string(res.body) == "" || containsAny(string(res.body), c.ID, "Nasilje", "Savić") {
		t.Fatalf("the answer says too much: %s", res.body)
	}
	kinds := map[string]int{}
	for _, a := range h.urgentAlerts("demo.social") {
		kinds[a.Kind]++
	}
	var l struct {
		Items []struct {
			Kind   string
			CaseID string `json:"case_id"`
		}
	}
	h.req("GET", "/api/v1/alerts", h.demo("demo.social"), nil).json(t, &l)
	if kinds["inbound_event"] != 1 || len(l.Items) != 2 {
		t.Fatalf("the lead and on-call worker: %v, %+v", kinds, l.Items)
	}
	h.clock.Advance(15 * time.Minute)
	if n, _ := h.srv.OnCall.Escalate(context.Background()); n != 1 {
		t.Fatal("no escalation to the backup")
	}
	backup := h.urgentAlerts("demo.lead")
	if len(backup) != 1 {
		t.Fatal("the backup was not paged")
	}
	expectStatus(t, h.req("POST", "/api/v1/alerts/"+backup[0].ID+"/ack", h.demo("demo.lead"), nil), 200)
	h.clock.Advance(time.Hour)
	if n, _ := h.srv.OnCall.Escalate(context.Background()); n != 0 {
		t.Fatal("escalated after the acknowledgement")
	}
	if h.auditCount("action = 'inbound.receive' AND case_id = ?", c.ID) != 1 {
		t.Fatal("the event is not audited with its case")
	}
	t.Run("TheCaseReadsTheEvent", func(t *testing.T) {
		var l struct{ Items []inbound.CaseEvent }
		h.req("GET", "/api/v1/cases/"+c.ID+"/inbound-events", h.demo("demo.social"), nil).json(t, &l)
		if len(l.Items) != 1 || l.Items[0].Type != "police_intervention" || !l.Items[0].UrgentMeasure || l.Items[0].SystemName != "PU Kikinda dispečer" ||
			l.Items[0].Sensitivity != "police" || !l.Items[0].Withheld || l.Items[0].Note != nil {
			t.Fatalf("the social worker reads %+v", l.Items)
		}
		// A police member of the case reads the police note too.
		expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/members", h.demo("demo.social"), map[string]string{"user_id": seeds.ID("user/demo.police")}), 201)
		h.req("GET", "/api/v1/cases/"+c.ID+"/inbound-events", h.demo("demo.police"), nil).json(t, &l)
		if len(l.Items) != 1 || l.Items[0].Withheld || l.Items[0].Note == nil || *l.Items[0].Note != "Izrečena hitna mera udaljenja." {
			t.Fatalf("the police liaison reads %+v", l.Items)
		}
		if h.auditCount("action = 'inbound.read' AND case_id = ? AND basis = 'membership'", c.ID) != 2 {
			t.Fatal("reading the events is not audited")
		}
		expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID+"/inbound-events", h.demo("demo.nurse"), nil), 404, "not_found")
		expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID+"/inbound-events", h.demo("demo.auditor"), nil), 403, "forbidden")
		expectProblem(t, h.req("GET", "/api/v1/cases/not-a-case/inbound-events", h.demo("demo.social"), nil), 404, "not_found")
	})

	t.Run("ErrRefusedNothingStored", func(t *testing.T) {
		now := h.clock.Now()
		n := h.count("inbound_messages")
		good := eventBody(t, map[string]any{"type": "hospital_admission", "occurred_at": now.Format(time.RFC3339), "municipality": "Kikinda",
			"person": map[string]any{"first_name": "Sanja", "last_name": "Savić", "date_of_birth": "2005-05-15"}})
		ts := strconv.FormatInt(now.Unix(), 10)
		for name, tc := range map[string]struct {
			r      response
			status int
			code   string
			field  string
		}{
			"BadSignature": {h.req("POST", "/api/v1/inbound/events", "", good, "X-Zajedno-System", cr.System.ID, "X-Zajedno-Timestamp", ts,
				"X-Zajedno-Signature", inbound.Sign("wrong", ts, "k-bad", good), "Idempotency-Key", "k-bad"), 401, "unauthenticated", ""},
			// The key is signed: a captured request sent again under a fresh key does not pass.
			"KeySwapped": {h.req("POST", "/api/v1/inbound/events", "", good, "X-Zajedno-System", cr.System.ID, "X-Zajedno-Timestamp", ts,
				"X-Zajedno-Signature", inbound.Sign(cr.Secret, ts, "k-first", good), "Idempotency-Key", "k-second"), 401, "unauthenticated", ""},
			"DotInKey":      {h.sendEvent(cr.System.ID, cr.Secret, "k.dot", good, now), 422, "validation", "Idempotency-Key"},
			"UnknownSystem": {h.sendEvent(seeds.ID("system/none"), cr.Secret, "k-unknown", good, now), 401, "unauthenticated", ""},
			"Stale":         {h.sendEvent(cr.System.ID, cr.Secret, "k-stale", good, now.Add(-6*time.Minute)), 401, "unauthenticated", ""},
			"Replay":        {h.sendEvent(cr.System.ID, cr.Secret, "evt-1", ev, now), 409, "conflict", ""},
			"NoKey":         {h.sendEvent(cr.System.ID, cr.Secret, "", good, now), 422, "validation", "Idempotency-Key"},
			"BadType": {h.sendEvent(cr.System.ID, cr.Secret, "k-type", eventBody(t, map[string]any{"type": "fire", "occurred_at": now.Format(time.RFC3339),
				"municipality": "Kikinda", "person": map[string]any{"jmbg": "1505005715006"}}), now), 422, "validation", "type"},
			"BadJMBG": {h.sendEvent(cr.System.ID, cr.Secret, "k-jmbg", eventBody(t, map[string]any{"type": "hospital_discharge", "occurred_at": now.Format(time.RFC3339),
				"municipality": "Kikinda", "person": map[string]any{"jmbg": "0101990710007"}}), now), 422, "validation", "person.jmbg"},
			// A known person in a municipality without a CSR gets the same answer as an unknown one.
			"NoCSRKnownPerson": {h.sendEvent(cr.System.ID, cr.Secret, "k-csr2", eventBody(t, map[string]any{"type": "hospital_discharge", "occurred_at": now.Format(time.RFC3339),
				"municipality": "Subotica", "person": map[string]any{"jmbg": "1505005715006"}}), now), 422, "validation", "municipality"},
			"NoCSR": {h.sendEvent(cr.System.ID, cr.Secret, "k-csr", eventBody(t, map[string]any{"type": "hospital_discharge", "occurred_at": now.Format(time.RFC3339),
				"municipality": "Subotica", "person": map[string]any{"first_name": "Niko", "last_name": "Nikić", "date_of_birth": "1970-01-01"}}), now), 422, "validation", "municipality"},
		} {
			t.Run(name, func(t *testing.T) {
				if tc.field == "" {
					expectProblem(t, tc.r, tc.status, tc.code)
				} else {
					expectProblem(t, tc.r, tc.status, tc.code, tc.field)
				}
			})
		}
		if h.count("inbound_messages") != n {
			t.Fatal("a refused event was stored")
		}
		if h.auditCount("action LIKE 'inbound.rejected.%'") < 9 {
			t.Fatal("refusals are not audited")
		}
		// The same person found by name and date of birth across scripts.
		cyr := eventBody(t, map[string]any{"type": "hospital_admission", "occurred_at": now.Format(time.RFC3339), "municipality": "Kikinda",
			"person": map[string]any{"first_name": "Сања", "last_name": "Савић", "date_of_birth": "2005-05-15"}})
		expectStatus(t, h.sendEvent(cr.System.ID, cr.Secret, "k-cyr", cyr, now), 202)
		if h.auditCount("action = 'inbound.receive' AND case_id = ?", c.ID) != 2 {
			t.Fatal("the Cyrillic name did not match the case")
		}
	})
	t.Run("NoMatchBecomesIntake", func(t *testing.T) {
		now := h.clock.Now()
		unknown := eventBody(t, map[string]any{"type": "residential_care_incident", "occurred_at": now.Format(time.RFC3339), "municipality": "Kikinda",
			"person": map[string]any{"first_name": "Petar", "last_name": "Perić", "date_of_birth": "1940-02-02"}})
		expectStatus(t, h.sendEvent(cr.System.ID, cr.Secret, "k-intake", unknown, now), 202)
		var q struct {
			Items []struct {
				ID         string
				PersonName string `json:"person_name"`
			}
		}
		social := h.demo("demo.social")
		h.req("GET", "/api/v1/intake", social, nil).json(t, &q)
		if len(q.Items) != 1 || q.Items[0].PersonName != "Petar Perić" {
			t.Fatalf("intake queue %+v", q.Items)
		}
		paged := false
		for _, a := range h.urgentAlerts("demo.social") {
			paged = paged || a.Kind == "intake"
		}
		if !paged {
			t.Fatal("the CSR's worker on call was not paged about the intake")
		}
		expectStatus(t, h.req("POST", "/api/v1/intake/"+q.Items[0].ID+"/take", social, nil), 204)
		expectProblem(t, h.req("POST", "/api/v1/intake/"+q.Items[0].ID+"/take", h.demo("demo.lead"), nil), 409, "conflict")
		expectProblem(t, h.req("POST", "/api/v1/intake/"+q.Items[0].ID+"/take", h.demo("demo.nurse"), nil), 404, "not_found")
	})
	t.Run("RotateKeepsTheOldSecretADay", func(t *testing.T) {
		admin := h.demo("demo.admin")
		r := h.req("POST", "/api/v1/inbound/systems/"+cr.System.ID+"/rotate", admin, nil)
		expectStatus(t, r, 200)
		var fresh inbound.Credentials
		r.json(t, &fresh)
		now := h.clock.Now()
		body := eventBody(t, map[string]any{"type": "hospital_discharge", "occurred_at": now.Format(time.RFC3339), "municipality": "Kikinda",
			"person": map[string]any{"jmbg": "1505005715006"}})
		expectStatus(t, h.sendEvent(cr.System.ID, cr.Secret, "k-old", body, now), 202)
		expectStatus(t, h.sendEvent(cr.System.ID, fresh.Secret, "k-new", body, now), 202)
		h.clock.Advance(25 * time.Hour)
		expectProblem(t, h.sendEvent(cr.System.ID, cr.Secret, "k-old2", body, h.clock.Now()), 401, "unauthenticated")
		expectProblem(t, h.req("POST", "/api/v1/inbound/systems", h.demo("demo.social"), map[string]any{"name": "x"}), 403, "forbidden")
		expectProblem(t, h.req("POST", "/api/v1/inbound/systems", h.demo("demo.admin"), map[string]any{"name": " ", "kind": "x"}), 422, "validation", "name")
	})
}

// TestInboundRateLimit: an address that sends faster than the limit gets 429 with Retry-After,
// before anything is read or written: a flood of refused requests does not fill the audit log.
func TestInboundRateLimit(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.InboundBurst, c.InboundPerMinute = 2, 1 })
	now := h.clock.Now()
	body := eventBody(t, map[string]any{"type": "hospital_discharge", "occurred_at": now.Format(time.RFC3339), "municipality": "Kikinda",
		"person": map[string]any{"jmbg": "1505005715006"}})
	for i := range 2 {
		expectProblem(t, h.sendEvent(seeds.ID("system/none"), "secret", "k-"+strconv.Itoa(i), body, now), 401, "unauthenticated")
	}
	audited := h.auditCount("action LIKE 'inbound.rejected.%'")
	r := h.sendEvent(seeds.ID("system/none"), "secret", "k-3", body, now)
	expectProblem(t, r, 429, "too_many_requests")
	if wait, _ := strconv.Atoi(r.header.Get("Retry-After")); wait < 1 {
		t.Fatalf("Retry-After %q", r.header.Get("Retry-After"))
	}
	if got := h.auditCount("action LIKE 'inbound.rejected.%'"); got != audited || audited != 2 {
		t.Fatalf("audited rejections %d then %d", audited, got)
	}
}

// TestInboundIncidentMakesRepeat: a police intervention within 12 months of the coordination
// group's last review of a domestic-violence case makes the case repeat (domain.md).
func TestInboundIncidentMakesRepeat(t *testing.T) {
	h := newHarness(t)
	r := h.req("POST", "/api/v1/inbound/systems", h.demo("demo.admin"), map[string]any{"name": "PU Kikinda", "kind": "police_dispatch", "agency_id": seeds.ID("agency/ps-kikinda")})
	expectStatus(t, r, 201)
	var cr inbound.Credentials
	r.json(t, &cr)
	c := h.createCase(h.demo("demo.social"), map[string]any{"title": "Nasilje", "category": "domestic_violence", "team_id": kikinda,
		"subject": map[string]any{"first_name": "Sanja", "last_name": "Savić", "jmbg": "1505005715006"}})
	// The group reviewed the case 3 months ago; a new police intervention makes it repeat.
	held := h.clock.Now().AddDate(0, -3, 0)
	meeting := seeds.ID("meeting/test/review")
	if err := h.db.Exec(`INSERT INTO meetings (id, group_id, starts_at, status, minutes, created_by, created_at) VALUES (?, ?, ?, 'closed', 'Zapisnik', ?, ?)`,
		meeting, seeds.ID("group/kikinda"), held, seeds.ID("user/demo.prosecutor"), held).Error; err != nil {
		t.Fatal(err)
	}
	if err := h.db.Exec(`INSERT INTO case_reviews (case_id, meeting_id, reviewed_at) VALUES (?, ?, ?)`, c.ID, meeting, held).Error; err != nil {
		t.Fatal(err)
	}
	var row struct{ RepeatAt *time.Time }
	h.db.Raw(`SELECT repeat_at FROM cases WHERE id = ?`, c.ID).Scan(&row)
	if row.RepeatAt != nil {
		t.Fatal("repeat before the incident")
	}
	now := h.clock.Now()
	again := eventBody(t, map[string]any{"type": "police_intervention", "occurred_at": now.Add(-time.Hour).Format(time.RFC3339),
		"municipality": "Kikinda", "person": map[string]any{"jmbg": "1505005715006"}})
	expectStatus(t, h.sendEvent(cr.System.ID, cr.Secret, "evt-repeat", again, now), 202)
	h.db.Raw(`SELECT repeat_at FROM cases WHERE id = ?`, c.ID).Scan(&row)
	if row.RepeatAt == nil {
		t.Fatal("a new incident within 12 months of the last review did not make the case repeat")
	}
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if x != "" && strings.Contains(s, x) {
			return true
		}
	}
	return false
}
