// Package realtime is the websocket hub: one reader and one writer goroutine per connection, a
// bounded send queue, ping/pong deadlines and a read limit. It knows nothing about Fiber.
package realtime

import (
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

// Hub tracks every live connection by user.
type Hub struct {
	log      *slog.Logger
	upgrader websocket.Upgrader
	origins  []string

	mu    sync.Mutex
	conns map[string]map[*conn]struct{}
}

// NewHub returns a hub that accepts same-origin browsers, clients that send no Origin (API
// clients with a Bearer token), and the extra origins listed.
func NewHub(log *slog.Logger, allowedOrigins []string) *Hub {
	h := &Hub{log: log, origins: allowedOrigins, conns: map[string]map[*conn]struct{}{}}
	h.upgrader = websocket.Upgrader{
		ReadBufferSize: 4096, WriteBufferSize: 4096, CheckOrigin: h.checkOrigin,
	}
	return h
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
func (h *Hub) Serve(w http.ResponseWriter, r *http.Request, userID string) {
	ws, err := h.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered the client with the reason
	}
	c := &conn{hub: h, ws: ws, userID: userID, send: make(chan []byte, SendQueue), done: make(chan struct{})}
	h.add(c)
	go c.writeLoop()
	c.enqueue(Frame{Type: "hello", UserID: userID})
	c.readLoop()
}

// Connections returns how many connections the user has open.
func (h *Hub) Connections(userID string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.conns[userID])
}

// DisconnectUser closes every connection of the user with an error frame and a close reason.
func (h *Hub) DisconnectUser(userID string) {
	h.mu.Lock()
	var list []*conn
	for c := range h.conns[userID] {
		list = append(list, c)
	}
	h.mu.Unlock()
	for _, c := range list {
		c.enqueue(Frame{Type: "error", Status: http.StatusUnauthorized, Detail: "Your session has ended. Log in again."})
		c.closeWith(CloseSessionEnded, "session ended")
	}
}

func (h *Hub) add(c *conn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.conns[c.userID] == nil {
		h.conns[c.userID] = map[*conn]struct{}{}
	}
	h.conns[c.userID][c] = struct{}{}
}

func (h *Hub) remove(c *conn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.conns[c.userID], c)
	if len(h.conns[c.userID]) == 0 {
		delete(h.conns, c.userID)
	}
}

type conn struct {
	hub    *Hub
	ws     *websocket.Conn
	userID string
	send   chan []byte

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
