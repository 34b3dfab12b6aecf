package httpapi_test

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/zajedno/zajedno/seeds"
)

func TestConsentWidensAndWithdrawalNarrows(t *testing.T) {
	h := newHarness(t)
	social, nurse := h.demo("demo.social"), h.demo("demo.nurse")
	c := h.createCase(social, newCaseBody("Saglasnost", "Nada", "Nadić", ""))
	h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.nurse")})
	h.req("POST", "/api/v1/cases/"+c.ID+"/entries", social, map[string]string{"body": "Socijalna anamneza", "sensitivity": "social"})
	h.req("POST", "/api/v1/cases/"+c.ID+"/entries", nurse, map[string]string{"body": "Dijagnoza", "sensitivity": "health"})
	sees := func(tok string) string {
		var l struct {
			Items []struct{ Sensitivity string } `json:"items"`
		}
		h.req("GET", "/api/v1/cases/"+c.ID+"/entries", tok, nil).json(t, &l)
		var out []string
		for _, e := range l.Items {
			out = append(out, e.Sensitivity)
		}
		sort.Strings(out)
		return strings.Join(out, ",")
	}
	if got := sees(nurse); got != "health" {
		t.Fatalf("before consent the nurse sees %s", got)
	}
	now := h.clock.Now()
	body := map[string]any{
		"sensitivities": []string{"social"}, "agency_ids": []string{seeds.ID("agency/dz-kikinda")},
		"purpose": "Koordinacija nege", "legal_basis": "consent",
		"valid_from": now.Add(-time.Hour).Format(time.RFC3339), "valid_until": now.Add(30 * 24 * time.Hour).Format(time.RFC3339),
	}
	url := "/api/v1/people/" + c.Subject.ID + "/consents"
	// Bad input names the field and stores nothing.
	for field, change := range map[string]func(m map[string]any){
		"sensitivities":       func(m map[string]any) { m["sensitivities"] = []string{"secret"} },
		"agency_ids":          func(m map[string]any) { m["agency_ids"] = []string{seeds.ID("nope")} },
		"purpose":             func(m map[string]any) { m["purpose"] = " " },
		"legal_basis":         func(m map[string]any) { m["legal_basis"] = "whim" },
		"statutory_reference": func(m map[string]any) { m["legal_basis"] = "statutory_duty" },
		"valid_until":         func(m map[string]any) { m["valid_until"] = now.Add(-2 * time.Hour).Format(time.RFC3339) },
		"valid_from":          func(m map[string]any) { m["valid_from"] = "yesterday" },
	} {
		bad := map[string]any{}
		for k, v := range body {
			bad[k] = v
		}
		change(bad)
		expectProblem(t, h.req("POST", url, social, bad), 422, "validation", field)
	}
	if h.count("consents") != 0 {
		t.Fatal("a refused consent was stored")
	}
	expectProblem(t, h.req("POST", url, h.demo("demo.police"), body), 404, "not_found")
	r := h.req("POST", url, social, body)
	expectStatus(t, r, 201)
	var consent struct {
		ID     string `json:"id"`
		Active bool   `json:"active"`
	}
	r.json(t, &consent)
	if !consent.Active {
		t.Fatalf("consent not active: %s", r.body)
	}
	// The nurse's agency now reads the social entry too, audited with the basis consent.
	if got := sees(nurse); got != "health,social" {
		t.Fatalf("with consent the nurse sees %s", got)
	}
	if h.auditCount("action = 'entry.read' AND basis = 'consent' AND actor_id = ?", seeds.ID("user/demo.nurse")) != 1 {
		t.Fatal("a read through consent is not audited as such")
	}
	// Another agency gains nothing.
	h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.police")})
	if got := sees(h.demo("demo.police")); got != "" {
		t.Fatalf("police sees %s", got)
	}
	// Withdrawal takes effect on the next request.
	expectStatus(t, h.req("POST", "/api/v1/consents/"+consent.ID+"/withdraw", social, map[string]string{"note": "Povukla saglasnost"}), 200)
	expectProblem(t, h.req("POST", "/api/v1/consents/"+consent.ID+"/withdraw", social, nil), 409, "conflict")
	if got := sees(nurse); got != "health" {
		t.Fatalf("after withdrawal the nurse sees %s", got)
	}
	// A statutory duty needs its basis named.
	body["legal_basis"], body["statutory_reference"] = "statutory_duty", "Zakon o sprečavanju nasilja u porodici, čl. 24"
	expectStatus(t, h.req("POST", url, social, body), 201)
	var list struct {
		Items []struct {
			LegalBasis, StatutoryReference string
			Active                         bool
		} `json:"items"`
	}
	h.req("GET", url, nurse, nil).json(t, &list)
	if len(list.Items) != 2 {
		t.Fatalf("consents %+v", list.Items)
	}
}
