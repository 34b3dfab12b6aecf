package realtime

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/zajedno/zajedno/backend/internal/authz"
)

// flood answers a "flood" frame with many large frames, as a busy case would.
type flood struct{ closed chan *Conn }

func (f flood) HandleFrame(c *Conn, typ string, _ []byte) {
	if typ == "flood" {
		big := []byte(`{"type":"message","body":"` + strings.Repeat("x", 60<<10) + `"}`)
		for i := 0; i < 2000; i++ {
			c.SendRaw(big)
		}
	}
}
func (f flood) Closed(c *Conn) { f.closed <- c }

func serveHub(t *testing.T, h *Hub) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.Serve(w, r, &authz.Principal{UserID: "u1", SessionID: "s1"})
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

// TestSlowConsumerIsDisconnected: a client that does not read while its queue overflows is
// closed with 4008 and a reason, and the hub forgets it.
func TestSlowConsumerIsDisconnected(t *testing.T) {
	h := NewHub(slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	f := flood{closed: make(chan *Conn, 1)}
	h.Handle(f)
	c, _, err := websocket.DefaultDialer.Dial(serveHub(t, h), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.WriteMessage(websocket.TextMessage, []byte(`{"type":"flood"}`)); err != nil {
		t.Fatal(err)
	}
	select { // the server gives up on the client while the client reads nothing
	case <-f.closed:
	case <-time.After(20 * time.Second):
		t.Fatal("the slow client was not disconnected")
	}
	if h.Connections("u1") != 0 {
		t.Fatal("the hub still counts the slow client")
	}
	var ce *websocket.CloseError
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	for {
		if _, _, err = c.ReadMessage(); err != nil {
			break
		}
	}
	if errors.As(err, &ce) && (ce.Code != CloseTooSlow || !strings.Contains(ce.Text, "resume")) {
		t.Fatalf("closed with %d %q, want %d", ce.Code, ce.Text, CloseTooSlow)
	}
}

// TestFrameHandling: ping is answered by the hub, other frames go to the handler, and frames
// that are not JSON objects with a type get an error frame on an open connection.
func TestFrameHandling(t *testing.T) {
	h := NewHub(slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	c, _, err := websocket.DefaultDialer.Dial(serveHub(t, h), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	read := func() string {
		_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
		_, b, err := c.ReadMessage()
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if got := read(); !strings.Contains(got, `"hello"`) {
		t.Fatalf("first frame %s", got)
	}
	for in, want := range map[string]string{`{"type":"ping"}`: `"pong"`, `{}`: `"bad_request"`, `{"type":"x"}`: `Unknown frame type`} {
		_ = c.WriteMessage(websocket.TextMessage, []byte(in))
		if got := read(); !strings.Contains(got, want) {
			t.Fatalf("%s answered %s", in, got)
		}
	}
	_ = c.WriteMessage(websocket.BinaryMessage, []byte{1, 2})
	if got := read(); !strings.Contains(got, "JSON text") {
		t.Fatalf("binary answered %s", got)
	}
}
