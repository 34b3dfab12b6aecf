package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/zajedno/zajedno/backend/internal/testdb"
	"github.com/zajedno/zajedno/seeds"
)

// TestMain lets this test binary be a `zajedno serve` process of its own (for the test of two
// processes on one database), or run the tests.
func TestMain(m *testing.M) {
	if os.Getenv("ZAJEDNO_TEST_BE_SERVER") == "1" {
		ctx, stop := context.WithCancel(context.Background())
		go func() { _, _ = io.Copy(io.Discard, os.Stdin); stop() }() // the parent closes stdin to stop us
		if err := run(ctx, []string{"serve"}, os.Getenv, os.Stdout, os.Stderr, nil); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

var servingAt = regexp.MustCompile(`serving at (http://\S+)`)

// startProcess runs `zajedno serve` as a child process and returns its base URL.
func startProcess(t *testing.T, dbURL string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "ZAJEDNO_TEST_BE_SERVER=1", "DATABASE_URL="+dbURL, "ZAJEDNO_ADDR=127.0.0.1:0",
		"ZAJEDNO_ENV=test", "ZAJEDNO_LOG_LEVEL=warn")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = cmd.Process.Kill()
		}
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := servingAt.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case u := <-found:
		return u
	case <-time.After(30 * time.Second):
		t.Fatal("the server process did not start")
		return ""
	}
}

func loginAt(t *testing.T, base, username string) string {
	t.Helper()
	res, err := http.Post(base+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"username":"`+username+`","password":"`+seeds.DemoPassword+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var lb struct{ Token string }
	if err := json.NewDecoder(res.Body).Decode(&lb); err != nil || lb.Token == "" {
		t.Fatalf("login %s: %d %v", username, res.StatusCode, err)
	}
	return lb.Token
}

type frame struct {
	Type    string
	Message *struct{ Body string }
}

func subscribeAt(t *testing.T, base, token, caseID string) *websocket.Conn {
	t.Helper()
	ws := "ws" + strings.TrimPrefix(base, "http") + "/api/v1/ws"
	c, _, err := websocket.DefaultDialer.Dial(ws, http.Header{"Authorization": {"Bearer " + token}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	// after the demo chat's last message: only what is said from now on
	_ = c.WriteJSON(map[string]string{"type": "subscribe", "case_id": caseID, "after": seeds.ID("message/markovic/4")})
	readUntil(t, c, "subscribed")
	return c
}

func readUntil(t *testing.T, c *websocket.Conn, typ string) frame {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	for {
		var f frame
		if err := c.ReadJSON(&f); err != nil {
			t.Fatalf("waiting for %s: %v", typ, err)
		}
		if f.Type == typ {
			return f
		}
	}
}

// TestTwoProcessesShareTheChat runs two `zajedno serve` processes on one database: a message
// sent through either reaches the subscribers of the other (LISTEN/NOTIFY).
func TestTwoProcessesShareTheChat(t *testing.T) {
	_, dbURL := testdb.MustEmptyDB(t)
	vars := map[string]string{"DATABASE_URL": dbURL, "ZAJEDNO_ENV": "test"}
	ctx := context.Background()
	if err := run(ctx, []string{"migrate"}, env(vars), io.Discard, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	if err := run(ctx, []string{"seed", "demo"}, env(vars), io.Discard, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	a, b := startProcess(t, dbURL), startProcess(t, dbURL)
	caseID := seeds.ID("case/markovic")
	social, nurse := subscribeAt(t, a, loginAt(t, a, "demo.social"), caseID), subscribeAt(t, b, loginAt(t, b, "demo.nurse"), caseID)

	_ = social.WriteJSON(map[string]string{"type": "send", "case_id": caseID, "body": "Iz prvog procesa", "client_id": "p1"})
	if f := readUntil(t, nurse, "message"); f.Message.Body != "Iz prvog procesa" {
		t.Fatalf("process b delivered %+v", f.Message)
	}
	_ = nurse.WriteJSON(map[string]string{"type": "send", "case_id": caseID, "body": "Iz drugog procesa", "client_id": "p2"})
	for {
		f := readUntil(t, social, "message")
		if f.Message.Body == "Iz drugog procesa" {
			break
		}
	}
}

// TestSendEvent: the command a partner system tests its side with signs a sample event that
// the server accepts, and says so when the secret is wrong.
func TestSendEvent(t *testing.T) {
	_, dbURL := testdb.MustEmptyDB(t)
	vars := map[string]string{"DATABASE_URL": dbURL, "ZAJEDNO_ENV": "test"}
	ctx := context.Background()
	for _, args := range [][]string{{"migrate"}, {"seed", "demo"}} {
		if err := run(ctx, args, env(vars), io.Discard, io.Discard, nil); err != nil {
			t.Fatal(err)
		}
	}
	base := startProcess(t, dbURL)
	admin := loginAt(t, base, "demo.admin")
	req, _ := http.NewRequest("POST", base+"/api/v1/inbound/systems", strings.NewReader(`{"name":"Dispečer","kind":"police_dispatch","agency_id":"`+seeds.ID("agency/ps-kikinda")+`"}`))
	req.Header.Set("Authorization", "Bearer "+admin)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var cr struct {
		System struct{ ID string }
		Secret string
	}
	_ = json.NewDecoder(res.Body).Decode(&cr)
	res.Body.Close()
	var out strings.Builder
	secret := func(s string) func(string) string {
		return func(k string) string { return map[string]string{"ZAJEDNO_SYSTEM_SECRET": s}[k] }
	}
	if err := sendEvent(ctx, []string{"-url", base, "-system", cr.System.ID}, secret(cr.Secret), &out); err != nil {
		t.Fatalf("send-event: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "202") || !strings.Contains(out.String(), `"accepted"`) {
		t.Fatalf("send-event printed %s", out.String())
	}
	out.Reset()
	if err := sendEvent(ctx, []string{"-url", base, "-system", cr.System.ID}, secret("wrong"), &out); err == nil || !strings.Contains(out.String(), "401") {
		t.Fatalf("a wrong secret: %v %s", err, out.String())
	}
	if err := sendEvent(ctx, []string{"-url", base}, secret(""), &out); err == nil {
		t.Fatal("no system and no secret was accepted")
	}
}
