package httpapi_test

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/zajedno/zajedno/backend/internal/authz"
)

// TestEveryRouteDeclaresARule walks Fiber's own route table: a route registered without a
// declared rule (bypassing Server.handle) fails here.
func TestEveryRouteDeclaresARule(t *testing.T) {
	h := newHarness(t)
	seen := 0
	for _, r := range h.srv.App.GetRoutes(true) {
		if _, ok := h.srv.Rule(r.Method, r.Path); !ok {
			t.Errorf("%s %s has no declared authorization rule", r.Method, r.Path)
		}
		seen++
	}
	if seen < 30 {
		t.Fatalf("only %d routes seen; the walk is broken", seen)
	}
}

// everyone lists the roles of the demo users; each route below says which of them may call it.
var everyone = []string{"admin", "social_worker", "nurse", "police_liaison", "care_worker", "coordination_chair", "team_lead", "auditor"}

// caseRoles work on cases; admin and auditor read no case content.
var caseRoles = []string{"social_worker", "nurse", "police_liaison", "care_worker", "coordination_chair", "team_lead"}

// breakGlass may ask for emergency access (domain.md): not care workers, admins or auditors.
var breakGlass = []string{"social_worker", "nurse", "police_liaison", "team_lead", "coordination_chair"}

// measureRoles record urgent measures: the police issue and serve them, the chair (the
// prosecutor) proposes extensions and records the court's decisions (domain.md).
var measureRoles = []string{"police_liaison", "coordination_chair"}

// chairOnly runs the coordination group's meetings.
var chairOnly = []string{"coordination_chair"}

// policeOnly assesses the risk and asks the CSR for its opinion (the competent police officer).
var policeOnly = []string{"police_liaison"}

// expectedAccess is the authorization matrix, written out by hand from domain.md: a route
// missing here, or a rule that drifts from it, fails TestAuthorizationMatrix.
var expectedAccess = map[string][]string{
	"GET /api/v1/me":                                                everyone,
	"PATCH /api/v1/me":                                              everyone,
	"POST /api/v1/me/password":                                      everyone,
	"POST /api/v1/me/mfa/enroll":                                    everyone,
	"POST /api/v1/me/mfa/confirm":                                   everyone,
	"POST /api/v1/me/mfa/disable":                                   everyone,
	"GET /api/v1/me/sessions":                                       everyone,
	"DELETE /api/v1/me/sessions/:id":                                everyone,
	"POST /api/v1/auth/logout":                                      everyone,
	"POST /api/v1/auth/logout-all":                                  everyone,
	"GET /api/v1/agencies":                                          everyone,
	"GET /api/v1/teams":                                             everyone,
	"GET /api/v1/coordination-groups":                               everyone,
	"GET /api/v1/admin/coordination-groups":                         {"admin"},
	"POST /api/v1/admin/coordination-groups":                        {"admin"},
	"PATCH /api/v1/admin/coordination-groups/:id":                   {"admin"},
	"POST /api/v1/admin/coordination-groups/:id/members":            {"admin"},
	"DELETE /api/v1/admin/coordination-groups/:id/members/:user_id": {"admin"},
	"GET /api/v1/ws":                                                everyone,
	"GET /api/v1/cases/:id/messages":                                caseRoles,
	"POST /api/v1/cases/:id/messages":                               caseRoles,
	"POST /api/v1/cases/:id/messages/read":                          caseRoles,
	"GET /api/v1/cases/:id/messages/reads":                          caseRoles,
	"GET /api/v1/cases/:id/messages/unread":                         caseRoles,
	"PATCH /api/v1/messages/:id":                                    caseRoles,
	"DELETE /api/v1/messages/:id":                                   caseRoles,
	"POST /api/v1/messages/:id/promote":                             caseRoles,
	"GET /api/v1/messages/:id/versions":                             {"auditor"},
	"POST /api/v1/referrals":                                        caseRoles,
	"GET /api/v1/referrals":                                         caseRoles,
	"GET /api/v1/referrals/:id":                                     caseRoles,
	"POST /api/v1/referrals/:id/accept":                             caseRoles,
	"POST /api/v1/referrals/:id/reject":                             caseRoles,
	"POST /api/v1/referrals/:id/start":                              caseRoles,
	"POST /api/v1/referrals/:id/complete":                           caseRoles,
	"POST /api/v1/referrals/:id/cancel":                             caseRoles,
	"GET /api/v1/cases/:id/referrals":                               caseRoles,
	"GET /api/v1/on-call":                                           append([]string{"admin"}, caseRoles...),
	"GET /api/v1/agencies/:id/shifts":                               append([]string{"admin"}, caseRoles...),
	"POST /api/v1/agencies/:id/shifts":                              {"team_lead", "admin"},
	"DELETE /api/v1/shifts/:id":                                     {"team_lead", "admin"},
	"GET /api/v1/agencies/:id/escalation":                           append([]string{"admin"}, caseRoles...),
	"PUT /api/v1/agencies/:id/escalation":                           {"team_lead", "admin"},
	"GET /api/v1/alerts/:id":                                        everyone,
	"GET /api/v1/me/notifications":                                  everyone,
	"PUT /api/v1/me/notifications":                                  everyone,
	"GET /api/v1/push/public-key":                                   everyone,
	"POST /api/v1/me/push-subscriptions":                            everyone,
	"DELETE /api/v1/me/push-subscriptions/:id":                      everyone,
	"GET /api/v1/me/mailbox":                                        everyone,
	"POST /api/v1/alerts/:id/resolve":                               everyone,
	"GET /api/v1/agencies/:id/acknowledgement-times":                append([]string{"admin"}, caseRoles...),
	"GET /api/v1/inbound/systems":                                   {"admin"},
	"POST /api/v1/inbound/systems":                                  {"admin"},
	"POST /api/v1/inbound/systems/:id/rotate":                       {"admin"},
	"GET /api/v1/intake":                                            caseRoles,
	"POST /api/v1/intake/:id/take":                                  caseRoles,
	"POST /api/v1/agencies":                                         {"admin"},
	"PATCH /api/v1/agencies/:id":                                    {"admin"},
	"POST /api/v1/teams":                                            {"admin"},
	"PATCH /api/v1/teams/:id":                                       {"admin"},
	"POST /api/v1/teams/:id/members":                                {"admin"},
	"DELETE /api/v1/teams/:id/members/:user_id":                     {"admin"},
	"GET /api/v1/users":                                             {"admin"},
	"GET /api/v1/users/:id":                                         {"admin"},
	"POST /api/v1/users":                                            {"admin"},
	"PATCH /api/v1/users/:id":                                       {"admin"},
	"POST /api/v1/users/:id/deactivate":                             {"admin"},
	"POST /api/v1/users/:id/reactivate":                             {"admin"},
	"POST /api/v1/users/:id/reset-password":                         {"admin"},
	"POST /api/v1/users/:id/reset-mfa":                              {"admin"},
	"GET /api/v1/audit":                                             {"auditor"},
	"GET /api/v1/audit/verify":                                      {"auditor"},
	"GET /api/v1/alerts":                                            everyone,
	"POST /api/v1/alerts/:id/ack":                                   everyone,
	"GET /api/v1/cases":                                             caseRoles,
	"POST /api/v1/cases":                                            caseRoles,
	"GET /api/v1/cases/:id":                                         caseRoles,
	"POST /api/v1/cases/:id/members":                                caseRoles,
	"DELETE /api/v1/cases/:id/members/:user_id":                     caseRoles,
	"GET /api/v1/cases/:id/entries":                                 caseRoles,
	"POST /api/v1/cases/:id/entries":                                caseRoles,
	"POST /api/v1/people/:id/reveal-jmbg":                           caseRoles,
	"GET /api/v1/cases/lookup":                                      breakGlass,
	"POST /api/v1/cases/:id/emergency-access":                       breakGlass,
	"GET /api/v1/emergency-access":                                  {"team_lead", "auditor"},
	"POST /api/v1/emergency-access/:id/review":                      {"team_lead", "auditor"},
	"POST /api/v1/cases/:id/status":                                 caseRoles,
	"POST /api/v1/cases/:id/risk":                                   caseRoles,
	"POST /api/v1/cases/:id/lead":                                   caseRoles,
	"PATCH /api/v1/cases/:id/external-refs":                         caseRoles,
	"GET /api/v1/cases/:id/history":                                 caseRoles,
	"GET /api/v1/cases/:id/access-log":                              caseRoles,
	"GET /api/v1/cases/:id/plan":                                    caseRoles,
	"GET /api/v1/cases/:id/plan/versions":                           caseRoles,
	"POST /api/v1/cases/:id/plan/goals":                             caseRoles,
	"GET /api/v1/cases/:id/tasks":                                   caseRoles,
	"GET /api/v1/cases/:id/inbound-events":                          caseRoles,
	"GET /api/v1/cases/:id/urgent-measures":                         caseRoles,
	"POST /api/v1/cases/:id/urgent-measures":                        measureRoles,
	"GET /api/v1/urgent-measures/:id":                               caseRoles,
	"PATCH /api/v1/urgent-measures/:id":                             measureRoles,
	"POST /api/v1/urgent-measures/:id/proposal":                     measureRoles,
	"POST /api/v1/urgent-measures/:id/decision":                     measureRoles,
	"POST /api/v1/urgent-measures/:id/appeals":                      measureRoles,
	"POST /api/v1/urgent-measures/:id/appeal-forward":               measureRoles,
	"POST /api/v1/urgent-measures/:id/appeal-decision":              measureRoles,
	"POST /api/v1/urgent-measures/:id/breaches":                     measureRoles,
	"GET /api/v1/coordination-groups/:id/meetings":                  caseRoles,
	"POST /api/v1/coordination-groups/:id/meetings":                 chairOnly,
	"GET /api/v1/coordination-groups/:id/cadence":                   caseRoles,
	"GET /api/v1/coordination-groups/:id/candidates":                chairOnly,
	"GET /api/v1/meetings/:id":                                      caseRoles,
	"GET /api/v1/meetings/:id/agenda":                               caseRoles,
	"POST /api/v1/meetings/:id/agenda/refresh":                      chairOnly,
	"PUT /api/v1/meetings/:id/agenda/order":                         chairOnly,
	"POST /api/v1/meetings/:id/items":                               chairOnly,
	"POST /api/v1/meetings/:id/items/:item_id/invitations":          chairOnly,
	"POST /api/v1/meetings/:id/items/:item_id/records":              chairOnly,
	"POST /api/v1/meetings/:id/items/:item_id/actions":              chairOnly,
	"POST /api/v1/meetings/:id/actions/:action_id/review":           chairOnly,
	"POST /api/v1/meetings/:id/start":                               chairOnly,
	"POST /api/v1/meetings/:id/cancel":                              chairOnly,
	"PUT /api/v1/meetings/:id/attendance":                           chairOnly,
	"POST /api/v1/meetings/:id/confidentiality":                     caseRoles,
	"POST /api/v1/meetings/:id/close":                               chairOnly,
	"POST /api/v1/meetings/:id/addenda":                             chairOnly,
	"GET /api/v1/meetings/:id/minutes.pdf":                          caseRoles,
	"GET /api/v1/meetings/:id/meeting.ics":                          caseRoles,
	"GET /api/v1/meeting-items/:id":                                 caseRoles,
	"GET /api/v1/me/invitations":                                    caseRoles,
	"POST /api/v1/me/calendar-feed":                                 caseRoles,
	"DELETE /api/v1/me/calendar-feed":                               caseRoles,
	"GET /api/v1/cases/:id/protection-plans":                        caseRoles,
	"POST /api/v1/cases/:id/protection-plans":                       caseRoles,
	"GET /api/v1/protection-plans/:id":                              caseRoles,
	"PATCH /api/v1/protection-plans/:id":                            caseRoles,
	"GET /api/v1/protection-plans/:id/versions":                     caseRoles,
	"POST /api/v1/protection-plans/:id/measures":                    caseRoles,
	"PUT /api/v1/protection-plans/:id/measures/:measure_id":         caseRoles,
	"POST /api/v1/protection-plans/:id/adopt":                       chairOnly,
	"GET /api/v1/cases/:id/risk-assessments":                        caseRoles,
	"POST /api/v1/cases/:id/risk-assessments":                       policeOnly,
	"GET /api/v1/cases/:id/opinion-requests":                        caseRoles,
	"POST /api/v1/cases/:id/opinion-requests":                       policeOnly,
	"GET /api/v1/opinion-requests/:id":                              caseRoles,
	"POST /api/v1/opinion-requests/:id/answer":                      caseRoles,
	"GET /api/v1/cases/:id/violence-reports":                        caseRoles,
	"POST /api/v1/cases/:id/violence-reports":                       caseRoles,
	"GET /api/v1/violence-reports":                                  caseRoles,
	"GET /api/v1/risk-assessments":                                  caseRoles,
	"GET /api/v1/violence-reports/:id":                              caseRoles,
	"POST /api/v1/violence-reports/:id/acknowledge":                 caseRoles,
	"GET /api/v1/coordination-groups/:id/unacknowledged-reports":    chairOnly,
	"GET /api/v1/meetings/:id/preparation":                          caseRoles,
	"PUT /api/v1/meetings/:id/preparation/:kind":                    caseRoles,
	"GET /api/v1/coordination-groups/:id/statistics":                caseRoles,
	"POST /api/v1/cases/:id/tasks":                                  caseRoles,
	"PATCH /api/v1/tasks/:id":                                       caseRoles,
	"GET /api/v1/tasks":                                             caseRoles,
	"GET /api/v1/people/:id/consents":                               caseRoles,
	"POST /api/v1/people/:id/consents":                              caseRoles,
	"POST /api/v1/consents/:id/withdraw":                            caseRoles,
	"GET /api/v1/cases/:id/attachments":                             caseRoles,
	"POST /api/v1/cases/:id/attachments":                            caseRoles,
	"GET /api/v1/attachments/:id":                                   caseRoles,
	"GET /api/v1/cases/:id/people":                                  caseRoles,
	"POST /api/v1/cases/:id/people":                                 caseRoles,
	"PATCH /api/v1/people/:id":                                      caseRoles,
	"GET /api/v1/people/matches":                                    caseRoles,
	"PATCH /api/v1/cases/:id/plan":                                  caseRoles,
	"GET /api/v1/cases/:id/plan/compare":                            caseRoles,
	"PATCH /api/v1/plan/goals/:id":                                  caseRoles,
	"POST /api/v1/plan/goals/:id/actions":                           caseRoles,
	"PATCH /api/v1/plan/actions/:id":                                caseRoles,
	"GET /api/v1/people/:id/access-log":                             caseRoles,
}

var publicRoutes = []string{"GET /healthz", "GET /readyz", "GET /metrics", "POST /api/v1/auth/login", "POST /api/v1/inbound/events", "GET /api/v1/calendar-feeds/:token", "GET /*"}

func fillParams(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, ":") {
			parts[i] = "00000000-0000-4000-8000-000000000000"
		}
	}
	return strings.Join(parts, "/")
}

// TestAuthorizationMatrix runs every route as every demo user: a role outside the route's
// row gets 403, a role inside it never does, and nobody gets in without a session.
func TestAuthorizationMatrix(t *testing.T) {
	h := newHarness(t)
	var routes []string
	for _, r := range h.srv.Routes() {
		key := r.Method + " " + r.Path
		if r.Rule.Kind == authz.KindPublic {
			if !slices.Contains(publicRoutes, key) {
				t.Errorf("%s is public but not listed as such", key)
			}
			continue
		}
		if _, ok := expectedAccess[key]; !ok {
			t.Errorf("%s (%s) is missing from the expected matrix", key, r.Rule)
			continue
		}
		routes = append(routes, key)
	}
	for key := range expectedAccess {
		if !slices.Contains(routes, key) {
			t.Errorf("%s is in the matrix but not registered", key)
		}
	}
	sort.Strings(routes)
	users := make([]string, 0, len(demoRoles))
	for u := range demoRoles {
		users = append(users, u)
	}
	sort.Strings(users)
	for _, user := range users {
		token := h.demo(user)
		for _, key := range routes {
			method, path, _ := strings.Cut(key, " ")
			allowed := false
			for _, role := range demoRoles[user] {
				allowed = allowed || slices.Contains(expectedAccess[key], role)
			}
			tok := token
			if strings.Contains(path, "logout") {
				tok = h.demo(user) // a session of its own, so that logging out ends only it
			}
			var body any
			if method != "GET" && method != "DELETE" {
				body = map[string]any{}
			}
			r := h.req(method, fillParams(path), tok, body)
			denied := r.status == 403 && strings.Contains(string(r.body), `"code":"forbidden"`)
			if allowed && (denied || r.status == 401) {
				t.Errorf("%s as %s: %d %s, want access", key, user, r.status, r.body)
			}
			if !allowed && !denied {
				t.Errorf("%s as %s: %d %s, want 403 forbidden", key, user, r.status, r.body)
			}
			if unauth := h.req(method, fillParams(path), "", body); unauth.status != 401 {
				t.Errorf("%s without a session: %d, want 401", key, unauth.status)
			}
			if strings.HasSuffix(path, "logout-all") {
				token = h.demo(user) // logging out everywhere ended the shared session too
			}
		}
	}
}
