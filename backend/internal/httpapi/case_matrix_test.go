package httpapi_test

import (
	"strings"
	"testing"

	"github.com/zajedno/zajedno/seeds"
)

// TestCaseAccessMatrix runs every route under /cases/:id as a member, as a non-member of the
// same team, as a member of another team, and as a holder of emergency access: non-members and
// other teams get 404 everywhere; emergency access reads but never writes (403).
func TestCaseAccessMatrix(t *testing.T) {
	h := newHarness(t)
	social := h.demo("demo.social")
	c := h.createCase(social, newCaseBody("Matrica", "Mina", "Minić", "0101990710008"))
	h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.nurse")})
	var e struct{ ID string }
	h.req("POST", "/api/v1/cases/"+c.ID+"/entries", social, map[string]string{"body": "x", "sensitivity": "general"}).json(t, &e)
	emergency := h.demo("demo.social2")
	expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/emergency-access", emergency, map[string]string{"reason": "Hitno"}), 201)
	callers := map[string]string{
		"member":          h.demo("demo.nurse"),
		"non-member":      h.demo("demo.care"), // same team, not on the case
		"other team":      h.demo("demo.lead"), // team lead of the team, not on the case
		"emergency":       emergency,
		"other team only": h.demo("demo.prosecutor"),
	}
	checked := 0
	for _, r := range h.srv.Routes() {
		if !strings.HasPrefix(r.Path, "/api/v1/cases/:id") || strings.HasSuffix(r.Path, "/emergency-access") {
			continue
		}
		path := strings.ReplaceAll(strings.ReplaceAll(r.Path, ":id", c.ID), ":user_id", seeds.ID("user/demo.nurse"))
		if strings.HasSuffix(path, "/plan/compare") {
			path += "?from=1&to=1"
		}
		write := r.Method != "GET"
		var body any
		if write {
			body = map[string]any{}
		}
		outcome := func(tok, p string) (int, string) {
			resp := h.req(r.Method, p, tok, body)
			if resp.status >= 400 {
				return resp.status, resp.problem(t).Code
			}
			return resp.status, ""
		}
		missingPath := strings.ReplaceAll(path, c.ID, seeds.ID("no-such-case"))
		memberStatus, memberCode := outcome(callers["member"], path)
		if memberStatus == 404 {
			t.Errorf("%s %s as a member: 404", r.Method, r.Path)
		}
		for who, tok := range callers {
			status, code := outcome(tok, path)
			switch who {
			case "non-member", "other team", "other team only":
				// exactly as if the case did not exist, for this caller and this body (a role
				// that may never call the route gets the same 403 either way)
				ms, mc := outcome(tok, missingPath)
				if status != ms || code != mc || (status != 404 && status != 422 && status != 403) {
					t.Errorf("%s %s as %s: %d %s; a missing case: %d %s", r.Method, r.Path, who, status, code, ms, mc)
				}
			case "emergency":
				if write && status != 403 && !(status == 422 && memberStatus == 422 && code == memberCode) {
					t.Errorf("%s %s as emergency: %d %s, want 403 (read only)", r.Method, r.Path, status, code)
				}
				if !write && status == 404 {
					t.Errorf("%s %s as emergency: 404, want a read", r.Method, r.Path)
				}
			}
		}
		checked++
	}
	if checked < 20 {
		t.Fatalf("only %d case routes walked", checked)
	}
}
