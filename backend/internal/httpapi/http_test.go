package httpapi_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/zajedno/zajedno/backend/internal/config"
	"github.com/zajedno/zajedno/seeds"
)

func TestProblemsAndHeaders(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.BodyLimit = 2048 })
	tok := h.demo("demo.social")
	t.Run("UnknownRouteIsProblem", func(t *testing.T) {
		expectProblem(t, h.req("GET", "/api/v1/nothing-here", tok, nil), 404, "not_found")
	})
	t.Run("BodyLimit", func(t *testing.T) {
		// Through a real socket: fasthttp refuses the body while reading it.
		addr := h.listen()
		big := `{"language":"` + strings.Repeat("x", 4096) + `"}`
		req, _ := http.NewRequest("PATCH", "http://"+addr+"/api/v1/me", strings.NewReader(big))
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		expectProblem(t, response{status: res.StatusCode, header: res.Header, body: b}, 413, "payload_too_large")
	})
	t.Run("RequestID", func(t *testing.T) {
		r := h.req("GET", "/api/v1/me", tok, nil)
		if len(r.header.Get("X-Request-Id")) < 8 {
			t.Fatalf("no request id: %q", r.header.Get("X-Request-Id"))
		}
		r = h.req("GET", "/api/v1/me", tok, nil, "X-Request-ID", "client-chosen-id-1")
		if r.header.Get("X-Request-Id") != "client-chosen-id-1" {
			t.Fatalf("request id %q", r.header.Get("X-Request-Id"))
		}
		r = h.req("GET", "/api/v1/me", tok, nil, "X-Request-ID", "bad id with spaces")
		if r.header.Get("X-Request-Id") == "bad id with spaces" {
			t.Fatal("a malformed request id was kept")
		}
		p := expectProblem(t, h.req("GET", "/api/v1/users", tok, nil, "X-Request-ID", "client-chosen-id-2"), 403, "forbidden")
		if p.RequestID != "client-chosen-id-2" {
			t.Fatalf("problem request id %q", p.RequestID)
		}
	})
	t.Run("SecurityHeaders", func(t *testing.T) {
		for _, path := range []string{"/api/v1/me", "/"} {
			r := h.req("GET", path, tok, nil)
			csp := r.header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-eval") {
				t.Fatalf("%s CSP %q", path, csp)
			}
			if r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("Referrer-Policy") == "" {
				t.Fatalf("%s headers %v", path, r.header)
			}
			if r.header.Get("Strict-Transport-Security") != "" {
				t.Fatal("HSTS outside production")
			}
		}
		if cc := h.req("GET", "/api/v1/me", tok, nil).header.Get("Cache-Control"); cc != "no-store" {
			t.Fatalf("API Cache-Control %q", cc)
		}
		if cc := h.req("GET", "/api/v1/users", tok, nil).header.Get("Cache-Control"); cc != "no-store" {
			t.Fatalf("problem Cache-Control %q", cc)
		}
	})
	t.Run("SPAFallbackIsNotAPI", func(t *testing.T) {
		r := h.req("GET", "/admin/users", "", nil)
		expectStatus(t, r, 200)
		if !strings.Contains(string(r.body), "<html") {
			t.Fatalf("SPA route: %s", r.body)
		}
	})
}

func TestHealthAndReadiness(t *testing.T) {
	h := newHarness(t)
	expectStatus(t, h.req("GET", "/healthz", "", nil), 200)
	expectStatus(t, h.req("GET", "/readyz", "", nil), 200)
	// A pending migration (as after deploying a newer binary) makes the server not ready.
	if err := h.db.Exec(`DELETE FROM goose_db_version WHERE version_id = (SELECT max(version_id) FROM goose_db_version)`).Error; err != nil {
		t.Fatal(err)
	}
	r := h.req("GET", "/readyz", "", nil)
	expectStatus(t, r, 503)
	if !strings.Contains(string(r.body), "migrations are pending") {
		t.Fatalf("readyz body %s", r.body)
	}
	expectStatus(t, h.req("GET", "/healthz", "", nil), 200)
}

func TestMetrics(t *testing.T) {
	h := newHarness(t)
	h.req("GET", "/api/v1/me", h.demo("demo.social"), nil)
	r := h.req("GET", "/metrics", "", nil)
	expectStatus(t, r, 200)
	body := string(r.body)
	for _, want := range []string{
		`zajedno_http_requests_total{method="GET",route="/api/v1/me",status="200"} 1`,
		`zajedno_http_request_duration_seconds_bucket{method="GET",route="/api/v1/me"`,
		`go_sql_open_connections{db_name="zajedno"}`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestLogsHoldNoSecrets proves that passwords, tokens and a JMBG never reach the log.
func TestLogsHoldNoSecrets(t *testing.T) {
	h := newHarness(t)
	const jmbg = "0101990710008"
	lb := h.login("demo.admin", seeds.DemoPassword)
	h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": "demo.admin", "password": "wrong-" + jmbg})
	h.req("GET", "/api/v1/users?q="+jmbg, lb.Token, nil)
	h.req("POST", "/api/v1/users", lb.Token, map[string]any{"username": "x" + jmbg, "display_name": "JMBG " + jmbg, "agency_id": "bad", "roles": []string{"nurse"}})
	h.req("POST", "/api/v1/users", lb.Token, `{"display_name": "`+jmbg+`", "bogus": 1}`)
	h.req("PATCH", "/api/v1/me", lb.Token, `{"language": `+jmbg+`}`)
	logs := h.logs.String()
	if !strings.Contains(logs, `"route":"/api/v1/users"`) {
		t.Fatalf("requests were not logged at all: %s", logs)
	}
	for _, secret := range []string{seeds.DemoPassword, lb.Token, lb.CSRFToken, jmbg} {
		if strings.Contains(logs, secret) {
			t.Errorf("the log holds %q", secret)
		}
	}
}

// TestAuditFailureFailsTheRequest: when the audit row cannot be written, a read is not
// answered and a write is not stored.
func TestAuditFailureFailsTheRequest(t *testing.T) {
	h := newHarness(t)
	tok := h.demo("demo.social")
	if err := h.db.Exec(`CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'audit storage is full'; END; $$`).Error; err != nil {
		t.Fatal(err)
	}
	if err := h.db.Exec(`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit()`).Error; err != nil {
		t.Fatal(err)
	}
	r := h.req("GET", "/api/v1/me", tok, nil)
	p := expectProblem(t, r, 500, "internal")
	if strings.Contains(string(r.body), "demo.social") || p.RequestID == "" {
		t.Fatalf("a failed read leaked data or lacks a request id: %s", r.body)
	}
	expectProblem(t, h.req("PATCH", "/api/v1/me", tok, map[string]string{"language": "en"}), 500, "internal")
	var lang string
	h.db.Raw(`SELECT language FROM users WHERE username = 'demo.social'`).Scan(&lang)
	if lang != "sr-Latn" {
		t.Fatalf("the change was stored without its audit row: %s", lang)
	}
	if !strings.Contains(h.logs.String(), `"msg":"internal error"`) {
		t.Fatal("the failure was not logged")
	}
}

func TestHeadAnswersLikeGet(t *testing.T) {
	h := newHarness(t)
	expectStatus(t, h.req("HEAD", "/healthz", "", nil), 200)
	expectStatus(t, h.req("HEAD", "/readyz", "", nil), 200)
	expectStatus(t, h.req("HEAD", "/api/v1/me", h.demo("demo.nurse"), nil), 200)
	expectStatus(t, h.req("HEAD", "/api/v1/me", "", nil), 401)
}

func TestBodyMustBeDeclaredJSON(t *testing.T) {
	h := newHarness(t)
	// A cross-site form can post text/plain; login refuses it (login CSRF).
	body := `{"username":"demo.nurse","password":"zajedno-demo"}`
	r := h.req("POST", "/api/v1/auth/login", "", body, "Content-Type", "text/plain")
	expectProblem(t, r, 415, "unsupported_media_type")
	if len(r.header.Values("Set-Cookie")) != 0 {
		t.Fatal("a text/plain login set cookies")
	}
	expectStatus(t, h.req("POST", "/api/v1/auth/login", "", body, "Content-Type", "application/json; charset=utf-8"), 200)
	expectProblem(t, h.req("PATCH", "/api/v1/me", h.demo("demo.nurse"), `{"language":"en"}`, "Content-Type", "application/x-www-form-urlencoded"), 415, "unsupported_media_type")
}

func TestClientAddressBehindTrustedProxy(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.TrustedProxies = []string{"0.0.0.0", "127.0.0.1"} })
	// The client wrote 6.6.6.6; the trusted proxy appended the address it saw.
	lb := h.login("demo.nurse", seeds.DemoPassword)
	h.req("GET", "/api/v1/me", lb.Token, nil, "X-Forwarded-For", "6.6.6.6, 203.0.113.7")
	var ips []string
	h.db.Raw(`SELECT client_ip FROM audit_events WHERE action = 'user.read'`).Scan(&ips)
	if len(ips) != 1 || ips[0] != "203.0.113.7" {
		t.Fatalf("audited address %v, want the proxy-appended 203.0.113.7", ips)
	}
	// Without configured proxies the header is ignored.
	h2 := newHarness(t)
	tok := h2.demo("demo.nurse")
	h2.req("GET", "/api/v1/me", tok, nil, "X-Forwarded-For", "6.6.6.6")
	h2.db.Raw(`SELECT client_ip FROM audit_events WHERE action = 'user.read'`).Scan(&ips)
	if len(ips) != 1 || ips[0] == "6.6.6.6" {
		t.Fatalf("audited address %v: a client-written header was believed", ips)
	}
}

func TestShortListsPage(t *testing.T) {
	h := newHarness(t)
	tok := h.demo("demo.police")
	var l struct {
		Items      []struct{ Name string } `json:"items"`
		NextCursor *string                 `json:"next_cursor"`
	}
	h.req("GET", "/api/v1/agencies?limit=3", tok, nil).json(t, &l)
	if len(l.Items) != 3 || l.NextCursor == nil {
		t.Fatalf("page 1: %+v", l)
	}
	seen := map[string]bool{}
	for _, it := range l.Items {
		seen[it.Name] = true
	}
	total := 3
	for l.NextCursor != nil {
		h.req("GET", "/api/v1/agencies?limit=3&cursor="+*l.NextCursor, tok, nil).json(t, &l)
		for _, it := range l.Items {
			if seen[it.Name] {
				t.Fatalf("%s on two pages", it.Name)
			}
			seen[it.Name] = true
		}
		total += len(l.Items)
	}
	if total != 7 {
		t.Fatalf("%d agencies over all pages, want the 7 demo agencies", total)
	}
	expectProblem(t, h.req("GET", "/api/v1/agencies?cursor=bm9wZQ", tok, nil), 422, "validation", "cursor")
	expectProblem(t, h.req("GET", "/api/v1/teams?limit=0", tok, nil), 422, "validation", "limit")
}

func TestAuditEventNulls(t *testing.T) {
	h := newHarness(t)
	h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": "nobody.here", "password": "x"})
	r := h.req("GET", "/api/v1/audit?action=auth.login_failed", h.demo("demo.auditor"), nil)
	expectStatus(t, r, 200)
	if !strings.Contains(string(r.body), `"actor_id":null`) || !strings.Contains(string(r.body), `"case_id":null`) {
		t.Fatalf("absent actor and case are not null: %s", r.body)
	}
}
