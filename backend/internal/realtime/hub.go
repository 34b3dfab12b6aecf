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

	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
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

// Frame is the envelope of the hub's own frames (hello, pong, error).
type Frame struct {
	Type     string `json:"type"`
	CaseID   string `json:"case_id,omitempty"`
	ClientID string `json:"client_id,omitempty"`
	Status   int    `json:"status,omitempty"`
	Code     string `json:"code,omitempty"`
	Detail   string `json:"detail,omitempty"`
	UserID   string `json:"user_id,omitempty"`
	// RetryAfter is set, in seconds, with status 429.
	RetryAfter int `json:"retry_after,omitempty"`
}

// Handler handles the frames the hub does not answer itself (everything but ping), and
// hears when a connection ends. The chat gateway is the handler.
type Handler interface {
	HandleFrame(c *Conn, typ string, data []byte)
	Closed(c *Conn)
}

// Hub tracks every live connection by the session it was opened with.
type Hub struct {
	log      *slog.Logger
	upgrader websocket.Upgrader
	origins  []string

	handler Handler

	mu       sync.Mutex
	sessions map[string]map[*Conn]struct{} // by session id
	users    map[string]map[*Conn]struct{} // by user id
}

// NewHub returns a hub that accepts same-origin browsers, clients that send no Origin (API
// clients with a Bearer token), and the extra origins listed.
func NewHub(log *slog.Logger, allowedOrigins []string) *Hub {
	h := &Hub{log: log, origins: allowedOrigins, sessions: map[string]map[*Conn]struct{}{}, users: map[string]map[*Conn]struct{}{}}
	// Small buffers, and write buffers only while writing: an idle connection costs little.
	h.upgrader = websocket.Upgrader{
		ReadBufferSize: 1024, WriteBufferSize: 1024, WriteBufferPool: &sync.Pool{},
		CheckOrigin: h.checkOrigin, Error: handshakeError,
	}
	return h
}

// Handle sets the handler of the frames the hub does not answer itself. Call it before serving.
func (h *Hub) Handle(handler Handler) { h.handler = handler }

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

// Serve upgrades an authenticated request and runs the connection until it closes. p is the
// user as authenticated when the connection opened.
func (h *Hub) Serve(w http.ResponseWriter, r *http.Request, p *authz.Principal) {
	ws, err := h.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered the client with the reason
	}
	c := &Conn{hub: h, ws: ws, Principal: p, wake: make(chan struct{}, 1), done: make(chan struct{})}
	h.add(c)
	go c.writeLoop()
	c.Send(Frame{Type: "hello", UserID: p.UserID})
	c.readLoop()
}

// Connections returns how many connections the user has open.
func (h *Hub) Connections(userID string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.users[userID])
}

// SendToUser sends a frame to every connection the user has open in this process.
func (h *Hub) SendToUser(userID string, frame any) {
	h.mu.Lock()
	list := make([]*Conn, 0, len(h.users[userID]))
	for c := range h.users[userID] {
		list = append(list, c)
	}
	h.mu.Unlock()
	for _, c := range list {
		c.Send(frame)
	}
}

// DisconnectSessions closes every connection opened with one of the sessions, with an error
// frame and close code 4001, as soon as the sessions end.
func (h *Hub) DisconnectSessions(sessionIDs []string) {
	h.mu.Lock()
	var list []*Conn
	for _, id := range sessionIDs {
		for c := range h.sessions[id] {
			list = append(list, c)
		}
	}
	h.mu.Unlock()
	for _, c := range list {
		c.Send(Frame{Type: "error", Status: http.StatusUnauthorized, Code: "unauthenticated", Detail: "Your session has ended. Log in again."})
		c.CloseWith(CloseSessionEnded, "session ended")
	}
}

// Sweep closes, every interval until ctx ends, the connections whose session has run out by
// time (idle or absolute timeout) rather than by an action the hub is told of.
func (h *Hub) Sweep(ctx context.Context, interval time.Duration, live func(context.Context, []string) (map[string]bool, error)) {
	platform.Every(ctx, interval, func(ctx context.Context) error { return h.sweepOnce(ctx, live) }, func(err error) {
		h.log.WarnContext(ctx, "websocket session sweep failed", "error", err.Error())
	})
}

func (h *Hub) sweepOnce(ctx context.Context, live func(context.Context, []string) (map[string]bool, error)) error {
	h.mu.Lock()
	ids := make([]string, 0, len(h.sessions))
	for id := range h.sessions {
		ids = append(ids, id)
	}
	h.mu.Unlock()
	if len(ids) == 0 {
		return nil
	}
	ok, err := live(ctx, ids)
	if err != nil {
		return err
	}
	var dead []string
	for _, id := range ids {
		if !ok[id] {
			dead = append(dead, id)
		}
	}
	h.DisconnectSessions(dead)
	return nil
}

func (h *Hub) add(c *Conn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	index(h.sessions, c.Principal.SessionID, c)
	index(h.users, c.Principal.UserID, c)
}

func (h *Hub) remove(c *Conn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	unindex(h.sessions, c.Principal.SessionID, c)
	unindex(h.users, c.Principal.UserID, c)
}

func index(m map[string]map[*Conn]struct{}, key string, c *Conn) {
	if m[key] == nil {
		m[key] = map[*Conn]struct{}{}
	}
	m[key][c] = struct{}{}
}

func unindex(m map[string]map[*Conn]struct{}, key string, c *Conn) {
	delete(m[key], c)
	if len(m[key]) == 0 {
		delete(m, key)
	}
}

// Conn is one client connection. Its frames go through a bounded queue that one writer
// goroutine drains; a client whose queue is full is disconnected as too slow.
type Conn struct {
	hub       *Hub
	ws        *websocket.Conn
	Principal *authz.Principal

	qmu   sync.Mutex
	queue [][]byte
	wake  chan struct{}

	once      sync.Once
	done      chan struct{}
	closeCode int
	closeText string
}

// Send queues a frame, marshalled as JSON.
func (c *Conn) Send(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		c.hub.log.Error("websocket frame not marshalled", "error", err.Error())
		return
	}
	c.SendRaw(b)
}

// SendRaw queues a frame already marshalled (one message fanned out to many connections is
// marshalled once). A full queue disconnects the client as too slow (it can resume).
func (c *Conn) SendRaw(b []byte) {
	c.qmu.Lock()
	full := len(c.queue) >= SendQueue
	if !full {
		c.queue = append(c.queue, b)
	}
	c.qmu.Unlock()
	if full {
		c.CloseWith(CloseTooSlow, "too slow: reconnect and resume")
		return
	}
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// Pending is how many frames wait in the queue.
func (c *Conn) Pending() int {
	c.qmu.Lock()
	defer c.qmu.Unlock()
	return len(c.queue)
}

// Done is closed when the connection is closing.
func (c *Conn) Done() <-chan struct{} { return c.done }

// CloseWith closes the connection with a close code and reason, after the frames queued.
func (c *Conn) CloseWith(code int, text string) {
	c.once.Do(func() {
		c.closeCode, c.closeText = code, text
		close(c.done)
	})
}

// tooSlow reports whether the connection is closing because the client did not keep up.
func (c *Conn) tooSlow() bool {
	select {
	case <-c.done:
		return c.closeCode == CloseTooSlow
	default:
		return false
	}
}

// take empties the queue.
func (c *Conn) take() [][]byte {
	c.qmu.Lock()
	defer c.qmu.Unlock()
	q := c.queue
	c.queue = nil
	return q
}

func (c *Conn) readLoop() {
	defer func() {
		c.CloseWith(websocket.CloseNormalClosure, "")
		c.hub.remove(c)
		if c.hub.handler != nil {
			c.hub.handler.Closed(c)
		}
	}()
	c.ws.SetReadLimit(MaxFrameBytes)
	_ = c.ws.SetReadDeadline(time.Now().Add(pongWait))
	c.ws.SetPongHandler(func(string) error { return c.ws.SetReadDeadline(time.Now().Add(pongWait)) })
	for {
		kind, data, err := c.ws.ReadMessage()
		if err != nil {
			if err == websocket.ErrReadLimit {
				c.Send(Frame{Type: "error", Status: http.StatusRequestEntityTooLarge, Code: "payload_too_large", Detail: "The frame is larger than 64 KiB."})
				c.CloseWith(websocket.CloseMessageTooBig, "frame too large")
			}
			return
		}
		_ = c.ws.SetReadDeadline(time.Now().Add(pongWait))
		c.handle(kind, data)
	}
}

func (c *Conn) handle(kind int, data []byte) {
	if kind != websocket.TextMessage {
		c.Send(Frame{Type: "error", Status: http.StatusBadRequest, Code: "bad_request", Detail: "Frames are JSON text."})
		return
	}
	var f struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(data, &f); err != nil || f.Type == "" {
		c.Send(Frame{Type: "error", Status: http.StatusBadRequest, Code: "bad_request", Detail: "The frame is not a JSON object with a type."})
		return
	}
	switch {
	case f.Type == "ping":
		c.Send(Frame{Type: "pong"})
	case c.hub.handler != nil:
		c.hub.handler.HandleFrame(c, f.Type, data)
	default:
		c.Send(Frame{Type: "error", Status: http.StatusBadRequest, Code: "bad_request", Detail: "Unknown frame type."})
	}
}

func (c *Conn) write(b []byte) error {
	_ = c.ws.SetWriteDeadline(time.Now().Add(writeWait))
	return c.ws.WriteMessage(websocket.TextMessage, b)
}

func (c *Conn) writeLoop() {
	ticker := time.NewTicker(pingPeriod)
	defer func() {
		ticker.Stop()
		_ = c.ws.Close()
	}()
	for {
		select {
		case <-c.wake:
			for _, b := range c.take() {
				if c.tooSlow() {
					break // drop the rest: the client resumes from what it has
				}
				if err := c.write(b); err != nil {
					c.CloseWith(websocket.CloseAbnormalClosure, "")
					return
				}
			}
		case <-ticker.C:
			_ = c.ws.SetWriteDeadline(time.Now().Add(writeWait))
			if err := c.ws.WriteMessage(websocket.PingMessage, nil); err != nil {
				c.CloseWith(websocket.CloseAbnormalClosure, "")
				return
			}
		case <-c.done:
			// flush what is queued (an error frame before a close), then say why we close; a
			// client too slow to read gets only the close
			for _, b := range c.take() {
				if c.tooSlow() || c.write(b) != nil {
					break
				}
			}
			if c.closeCode != websocket.CloseAbnormalClosure {
				msg := websocket.FormatCloseMessage(c.closeCode, c.closeText)
				_ = c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(writeWait))
			}
			return
		}
	}
}
