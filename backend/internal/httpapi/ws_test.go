package httpapi_test

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/zajedno/zajedno/backend/internal/httpapi"
	"github.com/zajedno/zajedno/backend/internal/realtime"
	"github.com/zajedno/zajedno/seeds"
)

// listen serves the harness's app on a real port for websocket clients.
func (h *harness) listen() string { return h.listenOn(h.srv) }

// listenOn serves one server instance's app on a real port.
func (h *harness) listenOn(srv *httpapi.Server) string {
	h.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		h.t.Fatal(err)
	}
	go func() { _ = srv.App.Listener(ln) }()
	h.t.Cleanup(func() { _ = srv.App.ShutdownWithTimeout(2 * time.Second) })
	return ln.Addr().String()
}

func dial(t *testing.T, addr, token, origin string) (*websocket.Conn, *http.Response, error) {
	t.Helper()
	hdr := http.Header{}
	if token != "" {
		hdr.Set("Authorization", "Bearer "+token)
	}
	if origin != "" {
		hdr.Set("Origin", origin)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return websocket.DefaultDialer.DialContext(ctx, "ws://"+addr+"/api/v1/ws", hdr)
}

func readFrame(t *testing.T, c *websocket.Conn) realtime.Frame {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, b, err := c.ReadMessage()
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	var f realtime.Frame
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("frame %s: %v", b, err)
	}
	return f
}

func TestWebsocket(t *testing.T) {
	h := newHarness(t)
	addr := h.listen()
	tok := h.demo("demo.police")
	t.Run("OK", func(t *testing.T) {
		c, _, err := dial(t, addr, tok, "")
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if f := readFrame(t, c); f.Type != "hello" || f.UserID != seeds.ID("user/demo.police") {
			t.Fatalf("first frame %+v", f)
		}
		_ = c.WriteMessage(websocket.TextMessage, []byte(`{"type":"ping"}`))
		if f := readFrame(t, c); f.Type != "pong" {
			t.Fatalf("ping answered %+v", f)
		}
		// Bad frames get an error frame and the connection stays open.
		_ = c.WriteMessage(websocket.TextMessage, []byte(`not json`))
		if f := readFrame(t, c); f.Type != "error" || f.Status != 400 {
			t.Fatalf("malformed frame answered %+v", f)
		}
		_ = c.WriteMessage(websocket.TextMessage, []byte(`{"type":"teleport"}`))
		if f := readFrame(t, c); f.Type != "error" || !strings.Contains(f.Detail, "Unknown") {
			t.Fatalf("unknown type answered %+v", f)
		}
		_ = c.WriteMessage(websocket.TextMessage, []byte(`{"type":"ping"}`))
		if f := readFrame(t, c); f.Type != "pong" {
			t.Fatalf("connection did not stay open: %+v", f)
		}
	})
	t.Run("SameOriginAndAllowlist", func(t *testing.T) {
		c, _, err := dial(t, addr, tok, "http://"+addr)
		if err != nil {
			t.Fatalf("same origin refused: %v", err)
		}
		c.Close()
		_, res, err := dial(t, addr, tok, "https://evil.example")
		if err == nil || res == nil || res.StatusCode != 403 {
			t.Fatalf("foreign origin: %v %v", err, res)
		}
	})
	t.Run("ErrHandshakeIsProblem", func(t *testing.T) {
		_, res, err := dial(t, addr, tok, "https://evil.example")
		if err == nil || res == nil || res.Header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("foreign origin: %v %+v", err, res)
		}
		r := h.req("GET", "/api/v1/ws", tok, nil) // no upgrade headers
		expectProblem(t, r, 400, "bad_request")
	})
	t.Run("LogoutClosesThatSessionsSocketOnly", func(t *testing.T) {
		a, b := h.demo("demo.nurse"), h.demo("demo.nurse")
		ca, _, err := dial(t, addr, a, "")
		if err != nil {
			t.Fatal(err)
		}
		defer ca.Close()
		cb, _, err := dial(t, addr, b, "")
		if err != nil {
			t.Fatal(err)
		}
		defer cb.Close()
		readFrame(t, ca)
		readFrame(t, cb)
		expectStatus(t, h.req("POST", "/api/v1/auth/logout", a, nil), 204)
		if f := readFrame(t, ca); f.Type != "error" || f.Status != 401 {
			t.Fatalf("logged-out socket got %+v", f)
		}
		_ = cb.WriteMessage(websocket.TextMessage, []byte(`{"type":"ping"}`))
		if f := readFrame(t, cb); f.Type != "pong" {
			t.Fatalf("the other session's socket got %+v", f)
		}
	})
	t.Run("ErrNoSession", func(t *testing.T) {
		_, res, err := dial(t, addr, "", "")
		if err == nil || res == nil || res.StatusCode != 401 {
			t.Fatalf("no session: %v %v", err, res)
		}
	})
	t.Run("ErrFrameTooLarge", func(t *testing.T) {
		c, _, err := dial(t, addr, tok, "")
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		readFrame(t, c)
		_ = c.WriteMessage(websocket.TextMessage, []byte(`{"type":"ping","pad":"`+strings.Repeat("x", realtime.MaxFrameBytes)+`"}`))
		for {
			_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
			_, _, err := c.ReadMessage()
			if err != nil {
				if !websocket.IsCloseError(err, websocket.CloseMessageTooBig) {
					t.Fatalf("closed with %v, want 1009", err)
				}
				break
			}
		}
	})
	t.Run("DeactivationClosesTheSocket", func(t *testing.T) {
		care := h.demo("demo.care")
		c, _, err := dial(t, addr, care, "")
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		readFrame(t, c)
		expectStatus(t, h.req("POST", "/api/v1/users/"+seeds.ID("user/demo.care")+"/deactivate", h.demo("demo.admin"), nil), 200)
		if f := readFrame(t, c); f.Type != "error" || f.Status != 401 {
			t.Fatalf("got %+v, want an error frame", f)
		}
		// Frames already queued (an alert count announced meanwhile) may come first; then the close.
		_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
		for err == nil {
			_, _, err = c.ReadMessage()
		}
		if !websocket.IsCloseError(err, realtime.CloseSessionEnded) {
			t.Fatalf("closed with %v, want %d", err, realtime.CloseSessionEnded)
		}
		// The server forgets the connection once its reader sees the close.
		deadline := time.Now().Add(5 * time.Second)
		for h.hub.Connections(seeds.ID("user/demo.care")) != 0 {
			if time.Now().After(deadline) {
				t.Fatal("the hub still holds the connection")
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
	// Last: it moves the clock past every session's idle timeout.
	t.Run("ExpiredSessionIsSwept", func(t *testing.T) {
		lead := h.demo("demo.lead")
		c, _, err := dial(t, addr, lead, "")
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		readFrame(t, c)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go h.hub.Sweep(ctx, 20*time.Millisecond, h.accounts.LiveSessions)
		h.clock.Advance(31 * time.Minute) // idle past the timeout
		if f := readFrame(t, c); f.Type != "error" || f.Status != 401 {
			t.Fatalf("expired socket got %+v", f)
		}
	})
}
