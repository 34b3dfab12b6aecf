package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/zajedno/zajedno/backend/internal/database"
	"github.com/zajedno/zajedno/backend/internal/testdb"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// TestMainEndToEnd runs the real command: migrate an empty database, seed it twice, serve on
// port 0, log in, and stop cleanly when the context ends (as on SIGTERM).
func TestMainEndToEnd(t *testing.T) {
	_, url := testdb.MustEmptyDB(t)
	vars := map[string]string{"DATABASE_URL": url, "ZAJEDNO_ADDR": "127.0.0.1:0", "ZAJEDNO_ENV": "test"}
	ctx := context.Background()
	var out, errs bytes.Buffer
	if err := run(ctx, []string{"migrate"}, env(vars), &out, &errs, nil); err != nil {
		t.Fatalf("migrate: %v\n%s", err, errs.String())
	}
	for i := 0; i < 2; i++ {
		if err := run(ctx, []string{"seed", "demo"}, env(vars), &out, &errs, nil); err != nil {
			t.Fatalf("seed %d: %v", i, err)
		}
	}
	if !strings.Contains(out.String(), "demo.admin") {
		t.Fatalf("seed output %q lacks the demo logins", out.String())
	}
	// The demo cases are there once, whatever how often the seed ran.
	db, err := database.Open(ctx, url, 2)
	if err != nil {
		t.Fatal(err)
	}
	var cases, members, entries int64
	db.Raw(`SELECT count(*) FROM cases`).Scan(&cases)
	db.Raw(`SELECT count(*) FROM case_members`).Scan(&members)
	db.Raw(`SELECT count(DISTINCT sensitivity) FROM entries`).Scan(&entries)
	var categories, teams int64
	db.Raw(`SELECT count(DISTINCT category) FROM cases`).Scan(&categories)
	db.Raw(`SELECT count(DISTINCT team_id) FROM cases`).Scan(&teams)
	if cases != 8 || categories != 5 || teams != 2 || entries != 4 || members < 12 {
		t.Fatalf("demo cases: %d cases, %d categories, %d teams, %d sensitivities, %d members", cases, categories, teams, entries, members)
	}
	// The Kikinda coordination group: a meeting 10 days ago (closed, with minutes) and one in 4
	// days (planned, with its agenda), as the contract says; an urgent measure in force.
	var held, planned, measures int64
	db.Raw(`SELECT count(*) FROM meetings WHERE status = 'closed' AND minutes <> '' AND starts_at BETWEEN now() - interval '11 days' AND now() - interval '9 days'`).Scan(&held)
	db.Raw(`SELECT count(*) FROM meetings m WHERE status = 'planned' AND starts_at BETWEEN now() + interval '3 days' AND now() + interval '5 days'
		AND EXISTS (SELECT 1 FROM meeting_items i WHERE i.meeting_id = m.id)`).Scan(&planned)
	db.Raw(`SELECT count(*) FROM urgent_measures WHERE status = 'active' AND expires_at > now()`).Scan(&measures)
	if held != 1 || planned != 1 || measures != 1 {
		t.Fatalf("demo coordination: %d held, %d planned meetings, %d measures in force", held, planned, measures)
	}
	// Every seeded plan with goals has exactly its first version, holding those goals.
	var plans, firstVersions int64
	db.Raw(`SELECT count(DISTINCT case_id) FROM plan_goals`).Scan(&plans)
	db.Raw(`SELECT count(*) FROM plan_versions v WHERE v.version = 1 AND jsonb_array_length(v.snapshot->'goals') =
		(SELECT count(*) FROM plan_goals g WHERE g.case_id = v.case_id)`).Scan(&firstVersions)
	var versions int64
	db.Raw(`SELECT count(*) FROM plan_versions`).Scan(&versions)
	if plans == 0 || firstVersions != plans || versions != plans {
		t.Fatalf("seeded plans: %d with goals, %d first versions holding them, %d versions", plans, firstVersions, versions)
	}
	var messages, originals int64
	db.Raw(`SELECT count(*) FROM messages`).Scan(&messages)
	db.Raw(`SELECT count(*) FROM message_versions WHERE version = 1`).Scan(&originals)
	var refs int64
	db.Raw(`SELECT count(*) FROM referrals r JOIN referral_events e ON e.referral_id = r.id WHERE r.status = 'requested'`).Scan(&refs)
	if refs != 1 {
		t.Fatalf("seeded referrals: %d", refs)
	}
	if messages != 5 || originals != 5 {
		t.Fatalf("seeded chat: %d messages, %d originals", messages, originals)
	}

	serveCtx, stop := context.WithCancel(ctx)
	listening := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- run(serveCtx, []string{"serve"}, env(vars), io.Discard, io.Discard, listening) }()
	var addr string
	select {
	case addr = <-listening:
	case err := <-done:
		t.Fatalf("serve ended: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not start")
	}
	base := "http://" + addr
	for _, p := range []string{"/healthz", "/readyz"} {
		res, err := http.Get(base + p)
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("%s: %v %v", p, err, res)
		}
		res.Body.Close()
	}
	res, err := http.Post(base+"/api/v1/auth/login", "application/json", strings.NewReader(`{"username":"demo.social","password":"zajedno-demo"}`))
	if err != nil {
		t.Fatal(err)
	}
	var lb struct{ Token string }
	_ = json.NewDecoder(res.Body).Decode(&lb)
	res.Body.Close()
	if res.StatusCode != 200 || lb.Token == "" {
		t.Fatalf("login: %d", res.StatusCode)
	}
	req, _ := http.NewRequest("GET", base+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+lb.Token)
	res, err = http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("me: %v %v", err, res)
	}
	res.Body.Close()

	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v on shutdown", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestSeedRefusedInProduction(t *testing.T) {
	err := run(context.Background(), []string{"seed", "demo"}, env(map[string]string{"ZAJEDNO_ENV": "production", "DATABASE_URL": "postgres://unused"}), io.Discard, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "refused") {
		t.Fatalf("err = %v, want a refusal", err)
	}
}

func TestCommandErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		args []string
		vars map[string]string
		want string
	}{
		"ErrNoCommand":      {nil, nil, "no command"},
		"ErrUnknownCommand": {[]string{"fly"}, nil, "unknown command"},
		"ErrNoDatabaseURL":  {[]string{"migrate"}, nil, "DATABASE_URL is not set"},
		"ErrBadConfig":      {[]string{"serve"}, map[string]string{"ZAJEDNO_ENV": "staging"}, "ZAJEDNO_ENV"},
		"ErrUnknownDataSet": {[]string{"seed", "prod"}, nil, "only data set"},
	} {
		t.Run(name, func(t *testing.T) {
			err := run(context.Background(), tc.args, env(tc.vars), io.Discard, io.Discard, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestAdminCreate(t *testing.T) {
	_, url := testdb.MustDBWithURL(t)
	vars := map[string]string{"DATABASE_URL": url, "ZAJEDNO_ENV": "production"}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"admin", "create", "ana.admin", "Ana", "Anić"}, env(vars), &out, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Temporary password") {
		t.Fatalf("output %q", out.String())
	}
	err := run(context.Background(), []string{"admin", "create", "other.admin", "Other"}, env(vars), io.Discard, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "administrator exists") {
		t.Fatalf("second admin: %v, want a refusal", err)
	}
	if err := run(context.Background(), []string{"admin", "create", "BAD NAME", "X"}, env(map[string]string{"DATABASE_URL": testdbURL(t)}), io.Discard, io.Discard, nil); err == nil {
		t.Fatal("a bad username was accepted")
	}
}

func testdbURL(t *testing.T) string { _, u := testdb.MustDBWithURL(t); return u }
