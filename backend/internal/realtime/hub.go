// Package realtime is the websocket hub: one reader and one writer goroutine per connection, a
// bounded send queue, ping/pong deadlines and a read limit. It knows nothing about Fiber.
package realtime

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Limits of a connection.
const (
	MaxFrameBytes = 64 << 10 // the largest frame a client may send
	SendQueue     = 256      // frames queued for a client before it counts as too slow
	writeWait     = 10 * time.Second
	pongWait      = 60 * time.Second
	pingPeriod    = pongWait * 9 / 10
)

// Close codes and reasons sent to clients.
const (
	CloseSessionEnded = 4001 // the user's sessions ended (logout everywhere, deactivation)
	CloseTooSlow      = 4008 // the client did not keep up with its send queue
)

// Frame is the envelope of every message on the socket.
type Frame struct {
	Type   string `json:"type"`
	Status int    `json:"status,omitempty"`
	Detail string `json:"detail,omitempty"`
	UserID string `json:"user_id,omitempty"`
}

// Hub tracks every live connection by the session it was opened with.
type Hub struct {
	log      *slog.Logger
	upgrader websocket.Upgrader
	origins  []string

	mu       sync.Mutex
	sessions map[string]map[*conn]struct{}
}

// NewHub returns a hub that accepts same-origin browsers, clients that send no Origin (API
// clients with a Bearer token), and the extra origins listed.
func NewHub(log *slog.Logger, allowedOrigins []string) *Hub {
	h := &Hub{log: log, origins: allowedOrigins, sessions: map[string]map[*conn]struct{}{}}
	h.upgrader = websocket.Upgrader{
		ReadBufferSize: 4096, WriteBufferSize: 4096, CheckOrigin: h.checkOrigin, Error: handshakeError,
	}
	return h
}

// handshakeError answers a refused upgrade with problem+json, like every other error.
func handshakeError(w http.ResponseWriter, _ *http.Request, status int, reason error) {
	code, detail := "bad_request", "Open this address as a websocket."
	if status == http.StatusForbidden {
		code, detail = "forbidden", "This origin may not open the websocket."
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Sec-Websocket-Version", "13")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"type": "urn:zajedno:problem:" + code, "title": http.StatusText(status),
		"status": status, "detail": detail, "code": code})
}

func (h *Hub) checkOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil {
		return false
	}
	if strings.EqualFold(u.Host, r.Host) {
		return true
	}
	return slices.Contains(h.origins, origin)
}

// Serve upgrades an authenticated request and runs the connection until it closes.
func (h *Hub) Serve(w http.ResponseWriter, r *http.Request, userID, sessionID string) {
	ws, err := h.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered the client with the reason
	}
	c := &conn{hub: h, ws: ws, userID: userID, sessionID: sessionID, send: make(chan []byte, SendQueue), done: make(chan struct{})}
	h.add(c)
	go c.writeLoop()
	c.enqueue(Frame{Type: "hello", UserID: userID})
	c.readLoop()
}

// Connections returns how many connections the user has open.
func (h *Hub) Connections(userID string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, conns := range h.sessions {
		for c := range conns {
			if c.userID == userID {
				n++
			}
		}
	}
	return n
}

// DisconnectSessions closes every connection opened with one of the sessions, with an error
// frame and close code 4001, as soon as the sessions end.
func (h *Hub) DisconnectSessions(sessionIDs []string) {
	h.mu.Lock()
	var list []*conn
	for _, id := range sessionIDs {
		for c := range h.sessions[id] {
			list = append(list, c)
		}
	}
	h.mu.Unlock()
	for _, c := range list {
		c.enqueue(Frame{Type: "error", Status: http.StatusUnauthorized, Detail: "Your session has ended. Log in again."})
		c.closeWith(CloseSessionEnded, "session ended")
	}
}

// Sweep closes, every interval until ctx ends, the connections whose session has run out by
// time (idle or absolute timeout) rather than by an action the hub is told of.
func (h *Hub) Sweep(ctx context.Context, interval time.Duration, live func(context.Context, []string) (map[string]bool, error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		h.mu.Lock()
		ids := make([]string, 0, len(h.sessions))
		for id := range h.sessions {
			ids = append(ids, id)
		}
		h.mu.Unlock()
		if len(ids) == 0 {
			continue
		}
		ok, err := live(ctx, ids)
		if err != nil {
			h.log.WarnContext(ctx, "websocket session sweep failed", "error", err.Error())
			continue
		}
		var dead []string
		for _, id := range ids {
			if !ok[id] {
				dead = append(dead, id)
			}
		}
		h.DisconnectSessions(dead)
	}
}

func (h *Hub) add(c *conn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.sessions[c.sessionID] == nil {
		h.sessions[c.sessionID] = map[*conn]struct{}{}
	}
	h.sessions[c.sessionID][c] = struct{}{}
}

func (h *Hub) remove(c *conn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.sessions[c.sessionID], c)
	if len(h.sessions[c.sessionID]) == 0 {
		delete(h.sessions, c.sessionID)
	}
}

type conn struct {
	hub       *Hub
	ws        *websocket.Conn
	userID    string
	sessionID string
	send      chan []byte

	once      sync.Once
	done      chan struct{}
	closeCode int
	closeText string
}

// enqueue queues a frame; a client whose queue is full is disconnected as too slow (it can
// reconnect and resume).
func (c *conn) enqueue(f Frame) {
	b, _ := json.Marshal(f)
	select {
	case <-c.done:
	case c.send <- b:
	default:
		c.closeWith(CloseTooSlow, "too slow: reconnect and resume")
	}
}

func (c *conn) closeWith(code int, text string) {
	c.once.Do(func() {
		c.closeCode, c.closeText = code, text
		close(c.done)
	})
}

func (c *conn) readLoop() {
	defer func() {
		c.closeWith(websocket.CloseNormalClosure, "")
		c.hub.remove(c)
	}()
	c.ws.SetReadLimit(MaxFrameBytes)
	_ = c.ws.SetReadDeadline(time.Now().Add(pongWait))
	c.ws.SetPongHandler(func(string) error { return c.ws.SetReadDeadline(time.Now().Add(pongWait)) })
	for {
		kind, data, err := c.ws.ReadMessage()
		if err != nil {
			if err == websocket.ErrReadLimit {
				c.enqueue(Frame{Type: "error", Status: http.StatusRequestEntityTooLarge, Detail: "The frame is larger than 64 KiB."})
				c.closeWith(websocket.CloseMessageTooBig, "frame too large")
			}
			return
		}
		_ = c.ws.SetReadDeadline(time.Now().Add(pongWait))
		c.handle(kind, data)
	}
}

func (c *conn) handle(kind int, data []byte) {
	if kind != websocket.TextMessage {
		c.enqueue(Frame{Type: "error", Status: http.StatusBadRequest, Detail: "Frames are JSON text."})
		return
	}
	var f struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		c.enqueue(Frame{Type: "error", Status: http.StatusBadRequest, Detail: "The frame is not a JSON object."})
		return
	}
	switch f.Type {
	case "ping":
		c.enqueue(Frame{Type: "pong"})
	default:
		c.enqueue(Frame{Type: "error", Status: http.StatusBadRequest, Detail: "Unknown frame type."})
	}
}

func (c *conn) writeLoop() {
	ticker := time.NewTicker(pingPeriod)
	defer func() {
		ticker.Stop()
		_ = c.ws.Close()
	}()
	for {
		select {
		case b := <-c.send:
			_ = c.ws.SetWriteDeadline(time.Now().Add(writeWait))
			if err := c.ws.WriteMessage(websocket.TextMessage, b); err != nil {
				c.closeWith(websocket.CloseAbnormalClosure, "")
				return
			}
		case <-ticker.C:
			_ = c.ws.SetWriteDeadline(time.Now().Add(writeWait))
			if err := c.ws.WriteMessage(websocket.PingMessage, nil); err != nil {
				c.closeWith(websocket.CloseAbnormalClosure, "")
				return
			}
		case <-c.done:
			// flush what is queued (an error frame before a close), then say why we close
			for {
				select {
				case b := <-c.send:
					_ = c.ws.SetWriteDeadline(time.Now().Add(writeWait))
					_ = c.ws.WriteMessage(websocket.TextMessage, b)
					continue
				default:
				}
				break
			}
			if c.closeCode != websocket.CloseAbnormalClosure {
				msg := websocket.FormatCloseMessage(c.closeCode, c.closeText)
				_ = c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(writeWait))
			}
			return
		}
	}
}
