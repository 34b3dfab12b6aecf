package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/accounts"
	"github.com/zajedno/zajedno/backend/internal/app"
	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/chat"
	"github.com/zajedno/zajedno/backend/internal/config"
	"github.com/zajedno/zajedno/backend/internal/httpapi"
	"github.com/zajedno/zajedno/backend/internal/platform"
	"github.com/zajedno/zajedno/backend/internal/realtime"
	"github.com/zajedno/zajedno/backend/internal/testdb"
	"github.com/zajedno/zajedno/seeds"
)

// demoRoles maps each demo user to its roles, as the API contract lists them.
var demoRoles = map[string][]string{
	"demo.admin": {"admin"}, "demo.social": {"social_worker"}, "demo.nurse": {"nurse"},
	"demo.police": {"police_liaison"}, "demo.care": {"care_worker"}, "demo.prosecutor": {"coordination_chair"},
	"demo.lead": {"social_worker", "team_lead"}, "demo.auditor": {"auditor"}, "demo.social2": {"social_worker"},
}

// syncBuffer collects log lines from concurrent requests.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

type harness struct {
	t        *testing.T
	db       *gorm.DB
	clock    *platform.FakeClock
	srv      *httpapi.Server
	hub      *realtime.Hub
	logs     *syncBuffer
	audit    *audit.Log
	accounts *accounts.Service
	gateway  *chat.Gateway
	cfg      config.Config
}

type option func(*config.Config)

func production(c *config.Config) { c.Env = "production" }

// newHarness builds the real server on a fresh database loaded with the demo accounts.
func newHarness(t *testing.T, opts ...option) *harness {
	t.Helper()
	db, url := testdb.MustDBWithURL(t)
	ctx := context.Background()
	if err := seeds.Accounts(ctx, db, accounts.HashPassword); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.Env = "test"
	cfg.DatabaseURL = url
	for _, o := range opts {
		o(&cfg)
	}
	h := &harness{t: t, db: db, clock: platform.NewFakeClock(time.Now()), logs: &syncBuffer{}, cfg: cfg}
	al, err := audit.Open(ctx, db, h.clock, "test", 64)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(al.Close)
	h.audit = al
	p := h.instance()
	h.srv, h.hub, h.accounts, h.gateway = p.Server, p.Hub, p.Accounts, p.Gateway
	return h
}

// instance builds a server process over the harness's database, as 'zajedno serve' does; a
// second one is another process, with its own hub and chat listener.
func (h *harness) instance() app.Process {
	t, db, clock, cfg, al := h.t, h.db, h.clock, h.cfg, h.audit
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log := slog.New(slog.NewJSONHandler(h.logs, nil))
	p, err := app.Start(ctx, cfg, log, db, clock, al, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); <-p.Done })
	return p
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

func (r response) problem(t *testing.T) httpapi.Problem {
	t.Helper()
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("content type %q, want application/problem+json (body %s)", ct, r.body)
	}
	var p httpapi.Problem
	r.json(t, &p)
	return p
}

// req is one request: headers are name, value pairs.
func (h *harness) req(method, path, token string, body any, headers ...string) response {
	h.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, _ := json.Marshal(b)
		rd = bytes.NewReader(j)
	}
	r := httptest.NewRequest(method, path, rd)
	if rd != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	res, err := h.srv.App.Test(r, -1)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

type loginBody struct {
	Token     string        `json:"token"`
	CSRFToken string        `json:"csrf_token"`
	User      accounts.User `json:"user"`
}

// login logs a user in and returns the token; it fails the test on anything but 200.
func (h *harness) login(username, password string) loginBody {
	h.t.Helper()
	r := h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": username, "password": password})
	if r.status != 200 {
		h.t.Fatalf("login %s: %d %s", username, r.status, r.body)
	}
	var lb loginBody
	r.json(h.t, &lb)
	return lb
}

func (h *harness) demo(username string) string { return h.login(username, seeds.DemoPassword).Token }

func expectStatus(t *testing.T, r response, want int) {
	t.Helper()
	if r.status != want {
		t.Fatalf("status %d, want %d: %s", r.status, want, r.body)
	}
}

// expectProblem checks the status, the problem code and, when given, the named field.
func expectProblem(t *testing.T, r response, status int, code string, field ...string) httpapi.Problem {
	t.Helper()
	expectStatus(t, r, status)
	p := r.problem(t)
	if p.Code != code || p.Status != status || p.Title == "" || p.Detail == "" || p.Type == "" {
		t.Fatalf("problem %+v, want code %s", p, code)
	}
	for _, f := range field {
		found := false
		for _, e := range p.Errors {
			found = found || e.Field == f
		}
		if !found {
			t.Fatalf("problem %+v does not name field %q", p, f)
		}
	}
	return p
}

func (h *harness) auditCount(where string, args ...any) int64 {
	h.t.Helper()
	var n int64
	if err := h.db.Raw(`SELECT count(*) FROM audit_events WHERE `+where, args...).Scan(&n).Error; err != nil {
		h.t.Fatal(err)
	}
	return n
}
