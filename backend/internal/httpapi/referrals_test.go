package httpapi_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/zajedno/zajedno/backend/internal/referrals"
	"github.com/zajedno/zajedno/seeds"
)

type referralBody = referrals.Referral

func (h *harness) refer(token string, body map[string]any) referralBody {
	h.t.Helper()
	r := h.req("POST", "/api/v1/referrals", token, body)
	expectStatus(h.t, r, 201)
	var out referralBody
	r.json(h.t, &out)
	return out
}

func (h *harness) alertKinds(token string) string {
	h.t.Helper()
	var l struct {
		Items []struct {
			Kind       string
			ReferralID *string `json:"referral_id"`
		}
	}
	h.req("GET", "/api/v1/alerts", token, nil).json(h.t, &l)
	var kinds []string
	for _, a := range l.Items {
		if a.ReferralID != nil {
			kinds = append(kinds, a.Kind)
		}
	}
	return strings.Join(kinds, ",")
}

func TestReferrals(t *testing.T) {
	h := newHarness(t)
	social, nurse, police := h.demo("demo.social"), h.demo("demo.nurse"), h.demo("demo.police")
	c := h.createCase(social, newCaseBody("Uputnica", "Mara", "Marić", ""))
	health := seeds.ID("agency/dz-kikinda")
	body := map[string]any{"case_id": c.ID, "to_agency_id": health, "reason": "Procena zdravstvenog stanja",
		"summary": "Starija osoba, živi sama.", "urgency": "immediate"}
	before := h.clock.Now()
	r := h.refer(social, body)
	if r.Status != "requested" || r.Side == nil || *r.Side != "requesting" || r.CaseTitle == nil || !r.RespondBy.Equal(before.Add(24*time.Hour).UTC().Truncate(time.Microsecond)) ||
		len(r.Events) != 1 || r.Events[0].Action != "request" {
		t.Fatalf("created %+v", r)
	}

	t.Run("ReceivingSideSeesOnlyTheSummary", func(t *testing.T) {
		var l struct{ Items []referralBody }
		h.req("GET", "/api/v1/referrals?direction=incoming", nurse, nil).json(t, &l)
		if len(l.Items) != 1 || l.Items[0].ID != r.ID || l.Items[0].CaseTitle != nil || l.Items[0].Summary != "Starija osoba, živi sama." || *l.Items[0].Side != "receiving" {
			t.Fatalf("incoming %+v", l.Items)
		}
		expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID, nurse, nil), 404, "not_found")
		h.req("GET", "/api/v1/referrals?direction=outgoing", social, nil).json(t, &l)
		if len(l.Items) != 1 || l.Items[0].CaseTitle == nil {
			t.Fatalf("outgoing %+v", l.Items)
		}
		h.req("GET", "/api/v1/referrals?direction=incoming", social, nil).json(t, &l)
		if len(l.Items) != 0 {
			t.Fatal("the sender's agency sees its referral as incoming")
		}
		if h.alertKinds(nurse) != "referral_received" {
			t.Fatalf("the receiving agency was not alerted: %q", h.alertKinds(nurse))
		}
		expectProblem(t, h.req("GET", "/api/v1/referrals/"+r.ID, police, nil), 404, "not_found")
		if h.auditCount("action = 'referral.list' AND actor_id = ?", seeds.ID("user/demo.nurse")) == 0 {
			t.Fatal("reading an inbox is not audited")
		}
	})
	t.Run("ThirdAgencyMemberReadsButCannotAct", func(t *testing.T) {
		expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.police")}), 201)
		var got referralBody
		res := h.req("GET", "/api/v1/referrals/"+r.ID, police, nil)
		expectStatus(t, res, 200)
		res.json(t, &got)
		if got.Side != nil || got.CaseTitle == nil {
			t.Fatalf("a case member of a third agency sees %+v", got)
		}
		expectProblem(t, h.req("POST", "/api/v1/referrals/"+r.ID+"/cancel", police, nil), 403, "forbidden")
		expectStatus(t, h.req("DELETE", "/api/v1/cases/"+c.ID+"/members/"+seeds.ID("user/demo.police"), social, nil), 204)
	})
	t.Run("ErrBadInput", func(t *testing.T) {
		n := h.count("referrals")
		for name, tc := range map[string]struct {
			change map[string]any
			field  string
		}{
			"BlankReason":   {map[string]any{"reason": "  "}, "reason"},
			"Urgency":       {map[string]any{"urgency": "yesterday"}, "urgency"},
			"OwnAgency":     {map[string]any{"to_agency_id": seeds.ID("agency/csr-kikinda")}, "to_agency_id"},
			"UnknownAgency": {map[string]any{"to_agency_id": seeds.ID("agency/none")}, "to_agency_id"},
			"LongSummary":   {map[string]any{"summary": strings.Repeat("a", 4001)}, "summary"},
		} {
			t.Run(name, func(t *testing.T) {
				b := map[string]any{}
				for k, v := range body {
					b[k] = v
				}
				for k, v := range tc.change {
					b[k] = v
				}
				expectProblem(t, h.req("POST", "/api/v1/referrals", social, b), 422, "validation", tc.field)
			})
		}
		expectProblem(t, h.req("POST", "/api/v1/referrals", social, map[string]any{"case_id": c.ID, "bogus": 1}), 400, "bad_request")
		expectProblem(t, h.req("POST", "/api/v1/referrals", police, body), 404, "not_found")
		expectProblem(t, h.req("POST", "/api/v1/referrals", h.demo("demo.admin"), body), 403, "forbidden")
		expectProblem(t, h.req("GET", "/api/v1/referrals?direction=incoming", h.demo("demo.auditor"), nil), 403, "forbidden")
		expectProblem(t, h.req("GET", "/api/v1/referrals", social, nil), 422, "validation", "direction")
		expectProblem(t, h.req("GET", "/api/v1/referrals?direction=incoming&status=lost", social, nil), 422, "validation", "status")
		glass := h.demo("demo.lead")
		expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/emergency-access", glass, map[string]string{"reason": "Hitno"}), 201)
		expectProblem(t, h.req("POST", "/api/v1/referrals", glass, body), 403, "forbidden")
		if h.count("referrals") != n {
			t.Fatal("a refused referral was stored")
		}
	})
	t.Run("RejectNeedsAReason", func(t *testing.T) {
		expectProblem(t, h.req("POST", "/api/v1/referrals/"+r.ID+"/reject", nurse, map[string]any{"reason": " "}), 422, "validation", "reason")
	})
	t.Run("AcceptMakesAMember", func(t *testing.T) {
		res := h.req("POST", "/api/v1/referrals/"+r.ID+"/accept", nurse, map[string]any{"note": "Preuzimam"})
		expectStatus(t, res, 200)
		var got referralBody
		res.json(t, &got)
		if got.Status != "accepted" || got.AcceptedBy == nil || *got.AcceptedBy != seeds.ID("user/demo.nurse") || len(got.Events) != 2 ||
			got.Events[1].Note != "Preuzimam" || got.CaseTitle == nil {
			t.Fatalf("accepted %+v", got)
		}
		expectStatus(t, h.req("GET", "/api/v1/cases/"+c.ID, nurse, nil), 200)
		if h.count(fmt.Sprintf("case_members WHERE case_id = '%s' AND user_id = '%s' AND basis = 'referral'", c.ID, seeds.ID("user/demo.nurse"))) != 1 {
			t.Fatal("the accepting worker is not a member by referral")
		}
		if !strings.Contains(h.alertKinds(social), "referral_answered") {
			t.Fatal("the requester was not told")
		}
		if h.auditCount("action = 'referral.accept' AND resource_id = ?", r.ID) != 1 {
			t.Fatal("not audited")
		}
	})
	t.Run("CancelTellsTheReceivingSide", func(t *testing.T) {
		// Accepted: the worker who took it is told.
		expectStatus(t, h.req("POST", "/api/v1/referrals/"+r.ID+"/cancel", social, map[string]any{"note": "Rešeno"}), 200)
		if !strings.Contains(h.alertKinds(nurse), "referral_cancelled") {
			t.Fatalf("the accepting worker was not told: %q", h.alertKinds(nurse))
		}
		// Not yet accepted: the agency's users are told, and the alert of its arrival is resolved.
		r2 := h.refer(social, map[string]any{"case_id": c.ID, "to_agency_id": seeds.ID("agency/ps-kikinda"), "reason": "Prijava", "urgency": "regular"})
		if h.alertKinds(police) != "referral_received" {
			t.Fatalf("police alerts %q", h.alertKinds(police))
		}
		expectStatus(t, h.req("POST", "/api/v1/referrals/"+r2.ID+"/cancel", social, nil), 200)
		if got := h.alertKinds(police); got != "referral_cancelled" {
			t.Fatalf("police open alerts after the cancel: %q", got)
		}
	})
}

// TestReferralStateMachine tries every action from every state by each side: the other side
// gets 403, someone on neither side 404, a state that does not allow it 409.
func TestReferralStateMachine(t *testing.T) {
	h := newHarness(t)
	social, nurse, police := h.demo("demo.social"), h.demo("demo.nurse"), h.demo("demo.police")
	c := h.createCase(social, newCaseBody("Mašina", "Lena", "Lenić", ""))
	r := h.refer(social, map[string]any{"case_id": c.ID, "to_agency_id": seeds.ID("agency/dz-kikinda"), "reason": "x", "urgency": "regular"})
	allowed := map[string]map[string]string{ // action -> from -> to
		"accept":   {"requested": "accepted"},
		"reject":   {"requested": "rejected"},
		"start":    {"accepted": "in_progress"},
		"complete": {"in_progress": "completed"},
		"cancel":   {"requested": "cancelled", "accepted": "cancelled", "in_progress": "cancelled"},
	}
	side := map[string]string{"accept": "receiving", "reject": "receiving", "start": "receiving", "complete": "receiving", "cancel": "requesting"}
	callers := map[string]string{"requesting": social, "receiving": nurse, "neither": police}
	for _, from := range []string{"requested", "accepted", "rejected", "in_progress", "completed", "cancelled"} {
		for _, action := range referrals.Actions {
			for who, tok := range callers {
				if err := h.db.Exec(`UPDATE referrals SET status = ? WHERE id = ?`, from, r.ID).Error; err != nil {
					t.Fatal(err)
				}
				res := h.req("POST", "/api/v1/referrals/"+r.ID+"/"+action, tok, map[string]any{"reason": "razlog"})
				to, ok := allowed[action][from]
				var want int
				switch {
				case who == "neither":
					want = 404
				case who != side[action]:
					want = 403
				case !ok:
					want = 409
				default:
					want = 200
				}
				if res.status != want {
					t.Errorf("%s by %s from %s: %d, want %d (%s)", action, who, from, res.status, want, res.body)
					continue
				}
				var status string
				h.db.Raw(`SELECT status FROM referrals WHERE id = ?`, r.ID).Scan(&status)
				if (want == 200 && status != to) || (want != 200 && status != from) {
					t.Errorf("%s by %s from %s left %s", action, who, from, status)
				}
			}
		}
	}
}

// TestReferralBreach: a referral unanswered past its response time alerts the receiving
// agency's team leads, once.
func TestReferralBreach(t *testing.T) {
	h := newHarness(t)
	social, police := h.demo("demo.social"), h.demo("demo.police")
	c := h.createCase(social, newCaseBody("Rok", "Nina", "Ninić", ""))
	expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.police")}), 201)
	r := h.refer(police, map[string]any{"case_id": c.ID, "to_agency_id": seeds.ID("agency/csr-kikinda"), "reason": "Dete bez nadzora", "urgency": "urgent"})
	ctx := context.Background()
	h.clock.Advance(3*24*time.Hour - time.Minute)
	if n, err := h.srv.Referrals.AlertBreaches(ctx); err != nil || n != 0 {
		t.Fatalf("before the response time: %d %v", n, err)
	}
	h.clock.Advance(2 * time.Minute)
	if n, err := h.srv.Referrals.AlertBreaches(ctx); err != nil || n != 1 {
		t.Fatalf("after the response time: %d %v", n, err)
	}
	if n, _ := h.srv.Referrals.AlertBreaches(ctx); n != 0 {
		t.Fatal("a breach alerted twice")
	}
	lead := h.demo("demo.lead")
	if !strings.Contains(h.alertKinds(lead), "referral_breached") {
		t.Fatalf("the receiving team lead: %q", h.alertKinds(lead))
	}
	if strings.Contains(h.alertKinds(social), "referral_breached") {
		t.Fatal("a worker who is not a team lead got the breach alert")
	}
	var got referralBody
	h.req("GET", "/api/v1/referrals/"+r.ID, lead, nil).json(t, &got)
	if !got.Overdue || got.Events[len(got.Events)-1].Action != "breach" {
		t.Fatalf("after the breach %+v", got)
	}
	// An agency with no team lead: everyone in it hears of the breach.
	h.refer(h.demo("demo.social"), map[string]any{"case_id": c.ID, "to_agency_id": seeds.ID("agency/dz-kikinda"), "reason": "Pregled", "urgency": "immediate"})
	h.clock.Advance(25 * time.Hour)
	if n, _ := h.srv.Referrals.AlertBreaches(ctx); n != 1 {
		t.Fatal("the second breach was not found")
	}
	if !strings.Contains(h.alertKinds(h.demo("demo.nurse")), "referral_breached") {
		t.Fatal("an agency without a team lead was not told of the breach")
	}
}
