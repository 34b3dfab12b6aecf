package httpapi_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zajedno/zajedno/backend/internal/alerts"
	"github.com/zajedno/zajedno/backend/internal/oncall"
	"github.com/zajedno/zajedno/seeds"
)

// urgentAlerts returns the user's open urgent alerts.
func (h *harness) urgentAlerts(username string) []alerts.Alert {
	h.t.Helper()
	var l struct{ Items []alerts.Alert }
	h.req("GET", "/api/v1/alerts", h.demo(username), nil).json(h.t, &l)
	var out []alerts.Alert
	for _, a := range l.Items {
		if a.Urgent {
			out = append(out, a)
		}
	}
	return out
}

func TestOnCallRota(t *testing.T) {
	h := newHarness(t)
	lead := h.demo("demo.lead")
	csr := seeds.ID("agency/csr-kikinda")
	now := h.clock.Now()
	shift := map[string]any{"starts_at": now.Add(-time.Hour), "ends_at": now.Add(15 * time.Hour),
		"oncall_user_id": seeds.ID("user/demo.social"), "backup_user_id": seeds.ID("user/demo.lead")}
	r := h.req("POST", "/api/v1/agencies/"+csr+"/shifts", lead, shift)
	expectStatus(t, r, 201)
	var sh oncall.Shift
	r.json(t, &sh)
	if sh.OncallName != "Marija Petrović" || sh.BackupName == nil || sh.HeadUserID != nil {
		t.Fatalf("shift %+v", sh)
	}
	t.Run("WhoIsOnCallNow", func(t *testing.T) {
		var l struct{ Items []oncall.AgencyOnCall }
		h.req("GET", "/api/v1/on-call", h.demo("demo.police"), nil).json(t, &l)
		found := false
		for _, a := range l.Items {
			if a.AgencyID == csr {
				found = a.Shift != nil && a.Shift.ID == sh.ID
			} else if a.Shift != nil {
				t.Errorf("%s has someone on call", a.AgencyName)
			}
		}
		if !found {
			t.Fatalf("CSR Kikinda's shift is not on call now: %+v", l.Items)
		}
	})
	t.Run("ErrBadInput", func(t *testing.T) {
		n := h.count("oncall_shifts")
		later := now.Add(48 * time.Hour)
		for name, tc := range map[string]struct {
			body  map[string]any
			field string
		}{
			"EndsFirst":    {map[string]any{"starts_at": later, "ends_at": later.Add(-time.Hour), "oncall_user_id": seeds.ID("user/demo.social")}, "ends_at"},
			"TooLong":      {map[string]any{"starts_at": later, "ends_at": later.Add(8 * 24 * time.Hour), "oncall_user_id": seeds.ID("user/demo.social")}, "ends_at"},
			"OtherAgency":  {map[string]any{"starts_at": later, "ends_at": later.Add(time.Hour), "oncall_user_id": seeds.ID("user/demo.nurse")}, "oncall_user_id"},
			"BadBackup":    {map[string]any{"starts_at": later, "ends_at": later.Add(time.Hour), "oncall_user_id": seeds.ID("user/demo.social"), "backup_user_id": "x"}, "backup_user_id"},
			"Overlap":      {map[string]any{"starts_at": now, "ends_at": now.Add(time.Hour), "oncall_user_id": seeds.ID("user/demo.lead")}, "starts_at"},
			"Ended":        {map[string]any{"starts_at": now.Add(-48 * time.Hour), "ends_at": now.Add(-40 * time.Hour), "oncall_user_id": seeds.ID("user/demo.social")}, "ends_at"},
			"NobodyOnCall": {map[string]any{"starts_at": later, "ends_at": later.Add(time.Hour)}, "oncall_user_id"},
		} {
			t.Run(name, func(t *testing.T) {
				expectProblem(t, h.req("POST", "/api/v1/agencies/"+csr+"/shifts", lead, tc.body), 422, "validation", tc.field)
			})
		}
		expectProblem(t, h.req("POST", "/api/v1/agencies/"+csr+"/shifts", lead, map[string]any{"starts_at": "yesterday"}), 400, "bad_request")
		// A social worker (not a team lead) may read the rota, not change it; a team lead only their own agency's.
		expectProblem(t, h.req("POST", "/api/v1/agencies/"+csr+"/shifts", h.demo("demo.social"), shift), 403, "forbidden")
		expectProblem(t, h.req("POST", "/api/v1/agencies/"+seeds.ID("agency/dz-kikinda")+"/shifts", lead, shift), 403, "forbidden")
		expectProblem(t, h.req("GET", "/api/v1/on-call", h.demo("demo.auditor"), nil), 403, "forbidden")
		expectProblem(t, h.req("GET", "/api/v1/agencies/"+csr+"/shifts?from=nope", lead, nil), 422, "validation", "from")
		if h.count("oncall_shifts") != n {
			t.Fatal("a refused shift was stored")
		}
	})
	t.Run("AdminEditsAnyRota", func(t *testing.T) {
		start := now.Add(72 * time.Hour)
		r := h.req("POST", "/api/v1/agencies/"+seeds.ID("agency/dz-kikinda")+"/shifts", h.demo("demo.admin"),
			map[string]any{"starts_at": start, "ends_at": start.Add(12 * time.Hour), "oncall_user_id": seeds.ID("user/demo.nurse")})
		expectStatus(t, r, 201)
		var future oncall.Shift
		r.json(t, &future)
		var l struct{ Items []oncall.Shift }
		h.req("GET", "/api/v1/agencies/"+seeds.ID("agency/dz-kikinda")+"/shifts", h.demo("demo.nurse"), nil).json(t, &l)
		if len(l.Items) != 1 || l.Items[0].ID != future.ID {
			t.Fatalf("the health centre's rota %+v", l.Items)
		}
		expectProblem(t, h.req("DELETE", "/api/v1/shifts/"+sh.ID, lead, nil), 409, "conflict") // started
		expectStatus(t, h.req("DELETE", "/api/v1/shifts/"+future.ID, h.demo("demo.admin"), nil), 204)
		expectProblem(t, h.req("DELETE", "/api/v1/shifts/"+future.ID, h.demo("demo.admin"), nil), 404, "not_found")
	})
}

// TestOnCallEscalation: an immediate referral at night pages the worker on call at once; with
// no acknowledgement it goes after the policy's minutes to the backup, then round again; one
// acknowledgement stops it, and every step is on the page's timeline.
func TestOnCallEscalation(t *testing.T) {
	h := newHarness(t)
	csr := seeds.ID("agency/csr-kikinda")
	now := h.clock.Now()
	expectStatus(t, h.req("POST", "/api/v1/agencies/"+csr+"/shifts", h.demo("demo.lead"), map[string]any{
		"starts_at": now.Add(-time.Hour), "ends_at": now.Add(12 * time.Hour),
		"oncall_user_id": seeds.ID("user/demo.social"), "backup_user_id": seeds.ID("user/demo.lead")}), 201)
	expectProblem(t, h.req("PUT", "/api/v1/agencies/"+csr+"/escalation", h.demo("demo.lead"), map[string]any{"step_minutes": 0}), 422, "validation", "step_minutes")
	expectProblem(t, h.req("PUT", "/api/v1/agencies/"+csr+"/escalation", h.demo("demo.nurse"), map[string]any{"step_minutes": 5}), 403, "forbidden")
	expectStatus(t, h.req("PUT", "/api/v1/agencies/"+csr+"/escalation", h.demo("demo.lead"), map[string]any{"step_minutes": 10}), 200)

	// The police liaison refers a child at risk to the CSR, immediately.
	police := h.demo("demo.police")
	c := h.createCase(police, newCaseBody("Noćna intervencija", "Luka", "Lukić", ""))
	h.refer(police, map[string]any{"case_id": c.ID, "to_agency_id": csr, "reason": "Dete samo kod kuće", "urgency": "immediate"})
	ctx := context.Background()
	if got := h.urgentAlerts("demo.social"); len(got) != 1 || got[0].PageID == nil {
		t.Fatalf("the worker on call was not paged at once: %+v", got)
	}
	if len(h.urgentAlerts("demo.lead")) != 0 {
		t.Fatal("the backup was paged before the step")
	}
	h.clock.Advance(9 * time.Minute)
	if n, _ := h.srv.OnCall.Escalate(ctx); n != 0 {
		t.Fatal("escalated before the policy's 10 minutes")
	}
	h.clock.Advance(time.Minute)
	if n, err := h.srv.OnCall.Escalate(ctx); n != 1 || err != nil {
		t.Fatalf("escalation to the backup: %d %v", n, err)
	}
	backup := h.urgentAlerts("demo.lead")
	if len(backup) != 1 {
		t.Fatalf("the backup: %+v", backup)
	}
	h.clock.Advance(10 * time.Minute)
	if n, _ := h.srv.OnCall.Escalate(ctx); n != 1 {
		t.Fatal("no second escalation")
	}
	if len(h.urgentAlerts("demo.social")) != 2 {
		t.Fatal("the page did not come round to the worker on call again")
	}
	// One tap by the backup stops it for everyone.
	r := h.req("POST", "/api/v1/alerts/"+backup[0].ID+"/ack", h.demo("demo.lead"), nil)
	expectStatus(t, r, 200)
	var acked alerts.Alert
	r.json(t, &acked)
	if acked.AcknowledgedAt == nil || len(acked.Steps) != 4 {
		t.Fatalf("acknowledged %+v", acked)
	}
	want := []string{"page:demo.social", "escalate:demo.lead", "escalate:demo.social", "acknowledge:demo.lead"}
	for i, s := range acked.Steps {
		if s.UserID == nil || s.Action+":"+userOf(*s.UserID) != want[i] {
			t.Fatalf("timeline step %d: %+v, want %s", i, s, want[i])
		}
	}
	if len(h.urgentAlerts("demo.social")) != 0 || len(h.urgentAlerts("demo.lead")) != 0 {
		t.Fatal("alerts of an acknowledged page are still open")
	}
	h.clock.Advance(time.Hour)
	if n, _ := h.srv.OnCall.Escalate(ctx); n != 0 {
		t.Fatal("an acknowledged page escalated")
	}
	// Time to acknowledge, by hour of the day: one page, acknowledged after 20 minutes.
	var times struct {
		Items []alerts.AckTime
	}
	h.req("GET", "/api/v1/agencies/"+csr+"/acknowledgement-times?tz=UTC", h.demo("demo.lead"), nil).json(t, &times)
	if len(times.Items) != 1 || times.Items[0].Pages != 1 || times.Items[0].Acknowledged != 1 || times.Items[0].MedianSeconds != 1200 {
		t.Fatalf("acknowledgement times %+v", times.Items)
	}
	expectProblem(t, h.req("GET", "/api/v1/agencies/"+csr+"/acknowledgement-times?days=0", h.demo("demo.lead"), nil), 422, "validation", "days")
	expectProblem(t, h.req("GET", "/api/v1/agencies/"+csr+"/acknowledgement-times?tz=Mars/Base", h.demo("demo.lead"), nil), 422, "validation", "tz")
	// Someone else's alert is not found.
	expectProblem(t, h.req("GET", "/api/v1/alerts/"+backup[0].ID, h.demo("demo.social"), nil), 404, "not_found")
	expectProblem(t, h.req("GET", "/api/v1/alerts/"+backup[0].ID, h.demo("demo.admin"), nil), 404, "not_found")

	// Answering the referral ends its page too: nobody is woken for an answered referral.
	lead := h.demo("demo.lead")
	r2 := h.refer(h.demo("demo.police"), map[string]any{"case_id": c.ID, "to_agency_id": csr, "reason": "Opet", "urgency": "immediate"})
	if len(h.urgentAlerts("demo.social")) != 1 {
		t.Fatal("the second referral did not page")
	}
	expectStatus(t, h.req("POST", "/api/v1/referrals/"+r2.ID+"/accept", lead, nil), 200)
	if len(h.urgentAlerts("demo.social")) != 0 {
		t.Fatal("the page of an accepted referral is still open")
	}
	h.clock.Advance(time.Hour)
	if n, _ := h.srv.OnCall.Escalate(ctx); n != 0 {
		t.Fatal("the page of an accepted referral escalated")
	}
	expectProblem(t, h.req("GET", "/api/v1/agencies/"+seeds.ID("agency/none")+"/shifts", h.demo("demo.lead"), nil), 404, "not_found")
	var l struct{ Items []oncall.Shift }
	h.req("GET", "/api/v1/agencies/"+csr+"/shifts?from="+h.clock.Now().Add(-2*time.Hour).Format(time.RFC3339), h.demo("demo.lead"), nil).json(t, &l)
	if len(l.Items) != 1 {
		t.Fatalf("shifts from a time with an offset: %+v", l.Items)
	}
}

func userOf(id string) string {
	for _, u := range []string{"demo.social", "demo.lead", "demo.nurse", "demo.police"} {
		if seeds.ID("user/"+u) == id {
			return u
		}
	}
	return strings.ToLower(id)
}

// pageSteps returns an alert's page timeline as "action:user" (user "-" for none).
func (h *harness) pageSteps(username, alertID string) []string {
	h.t.Helper()
	var a alerts.Alert
	h.req("GET", "/api/v1/alerts/"+alertID, h.demo(username), nil).json(h.t, &a)
	var out []string
	for _, s := range a.Steps {
		who := "-"
		if s.UserID != nil {
			who = userOf(*s.UserID)
		}
		out = append(out, s.Action+":"+who)
	}
	return out
}

// TestOnCallHandoverAndGaps: a page outlives its shift by being handed over to the next one; with
// no shift on call any more it stops and the team leads are paged; a deactivated account on the
// rota is passed over, and a rota of deactivated accounts only is recorded as nobody on call.
func TestOnCallHandoverAndGaps(t *testing.T) {
	h := newHarness(t)
	csr := seeds.ID("agency/csr-kikinda")
	admin := h.demo("demo.admin")
	gone := h.createUser(admin, "bivsa.radnica", "social_worker")
	now := h.clock.Now()
	shift := func(from, to time.Duration, oncall, backup string) {
		t.Helper()
		body := map[string]any{"starts_at": now.Add(from), "ends_at": now.Add(to), "oncall_user_id": oncall}
		if backup != "" {
			body["backup_user_id"] = backup
		}
		expectStatus(t, h.req("POST", "/api/v1/agencies/"+csr+"/shifts", h.demo("demo.lead"), body), 201)
	}
	// Tonight: the deactivated worker is on call with demo.social as backup, until 20 minutes from now;
	// then demo.lead alone for twenty minutes; then nobody.
	shift(-time.Hour, 20*time.Minute, gone.User.ID, seeds.ID("user/demo.social"))
	shift(20*time.Minute, 40*time.Minute, seeds.ID("user/demo.lead"), "")
	shift(2*time.Hour, 3*time.Hour, gone.User.ID, "")
	// She leaves after the rota was made.
	expectStatus(t, h.req("POST", "/api/v1/users/"+gone.User.ID+"/deactivate", admin, nil), 200)
	police := h.demo("demo.police")
	c := h.createCase(police, newCaseBody("Noćna intervencija", "Luka", "Lukić", ""))
	h.refer(police, map[string]any{"case_id": c.ID, "to_agency_id": csr, "reason": "Dete samo kod kuće", "urgency": "immediate"})
	first := h.urgentAlerts("demo.social")
	if len(first) != 1 {
		t.Fatalf("the deactivated worker was not passed over: %+v", first)
	}
	if n := h.count("alerts WHERE user_id = '" + gone.User.ID + "'"); n != 0 {
		t.Fatalf("%d alerts for a deactivated account", n)
	}
	ctx := context.Background()
	h.clock.Advance(15 * time.Minute)
	if n, err := h.srv.OnCall.Escalate(ctx); n != 1 || err != nil {
		t.Fatalf("escalate: %d %v", n, err)
	}
	if got := len(h.urgentAlerts("demo.social")); got != 2 {
		t.Fatalf("the line of one active person pages them again: %d", got)
	}
	// The shift ends at +20 min: the next step goes to the shift on call then, from its first person.
	h.clock.Advance(15 * time.Minute)
	if n, err := h.srv.OnCall.Escalate(ctx); n != 1 || err != nil {
		t.Fatalf("no handover: %v", err)
	}
	lead := h.urgentAlerts("demo.lead")
	if len(lead) != 1 {
		t.Fatalf("handed over to: %+v; %v", lead, h.pageSteps("demo.social", first[0].ID))
	}
	// That shift ends at +40 min with nobody after it: the page stops and the team leads (demo.lead) are paged.
	h.clock.Advance(15 * time.Minute)
	if n, err := h.srv.OnCall.Escalate(ctx); n != 1 || err != nil {
		t.Fatalf("the page did not stop at the end of the rota: %v", err)
	}
	want := []string{"page:demo.social", "escalate:demo.social", "handover:demo.lead", "shift_ended:-", "page:demo.lead"}
	if got := h.pageSteps("demo.lead", lead[0].ID); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("timeline %v, want %v", got, want)
	}
	h.clock.Advance(time.Hour)
	if n, _ := h.srv.OnCall.Escalate(ctx); n != 0 {
		t.Fatal("a stopped page escalated again")
	}
	// Still open until someone acknowledges; one acknowledgement ends it.
	all := h.urgentAlerts("demo.lead")
	if len(all) != 2 {
		t.Fatalf("the team lead's open pages: %d", len(all))
	}
	expectStatus(t, h.req("POST", "/api/v1/alerts/"+all[0].ID+"/ack", h.demo("demo.lead"), nil), 200)
	if len(h.urgentAlerts("demo.social")) != 0 || len(h.urgentAlerts("demo.lead")) != 0 {
		t.Fatal("the acknowledgement did not end the page")
	}

	// A shift whose every person is deactivated: nobody_on_call, and the team leads are paged at once.
	h.clock.Advance(now.Add(2*time.Hour + time.Minute).Sub(h.clock.Now()))
	h.refer(h.demo("demo.police"), map[string]any{"case_id": c.ID, "to_agency_id": csr, "reason": "Opet", "urgency": "immediate"})
	got := h.urgentAlerts("demo.lead")
	if len(got) != 1 {
		t.Fatalf("the team lead was not paged: %+v", got)
	}
	if steps := h.pageSteps("demo.lead", got[0].ID); strings.Join(steps, " ") != "nobody_on_call:- page:demo.lead" {
		t.Fatalf("timeline %v", steps)
	}
}
