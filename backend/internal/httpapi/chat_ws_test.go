package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/zajedno/zajedno/backend/internal/chat"
	"github.com/zajedno/zajedno/backend/internal/config"
	"github.com/zajedno/zajedno/backend/internal/platform"
	"github.com/zajedno/zajedno/backend/internal/realtime"
	"github.com/zajedno/zajedno/seeds"
)

// chatFrame is any server frame of the chat protocol.
type chatFrame struct {
	Type     string `json:"type"`
	CaseID   string `json:"case_id"`
	ClientID string `json:"client_id"`
	Status   int    `json:"status"`
	Code     string `json:"code"`
	Detail   string `json:"detail"`
	Errors   []struct{ Field string }
	Message  *chat.Message `json:"message"`
	UserID   string        `json:"user_id"`
	UserIDs  []string      `json:"user_ids"`
	Seq      int64         `json:"seq"`
}

// wsClient is a test client: it reads frames in the background.
type wsClient struct {
	t      *testing.T
	c      *websocket.Conn
	frames chan chatFrame
	closed chan error
}

func (h *harness) wsConnect(addr, token string) *wsClient {
	h.t.Helper()
	c, _, err := dial(h.t, addr, token, "")
	if err != nil {
		h.t.Fatal(err)
	}
	w := &wsClient{t: h.t, c: c, frames: make(chan chatFrame, 10000), closed: make(chan error, 1)}
	go func() {
		for {
			_, b, err := c.ReadMessage()
			if err != nil {
				w.closed <- err
				close(w.frames)
				return
			}
			var f chatFrame
			if json.Unmarshal(b, &f) == nil {
				w.frames <- f
			}
		}
	}()
	h.t.Cleanup(func() { c.Close() })
	if f := w.next(); f.Type != "hello" {
		h.t.Fatalf("first frame %+v", f)
	}
	return w
}

func (w *wsClient) send(v any) {
	w.t.Helper()
	b, _ := json.Marshal(v)
	if err := w.c.WriteMessage(websocket.TextMessage, b); err != nil {
		w.t.Fatal(err)
	}
}

// next returns the next frame that is not presence or typing news.
func (w *wsClient) next() chatFrame {
	w.t.Helper()
	for {
		select {
		case f, ok := <-w.frames:
			if !ok {
				w.t.Fatalf("the connection closed: %v", <-w.closed)
			}
			if f.Type == "presence" || f.Type == "typing" || f.Type == "read" {
				continue
			}
			return f
		case <-time.After(5 * time.Second):
			w.t.Fatal("no frame within 5 s")
		}
	}
}

// nextOf skips frames until one of the type.
func (w *wsClient) nextOf(typ string) chatFrame {
	w.t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case f, ok := <-w.frames:
			if !ok {
				w.t.Fatalf("the connection closed waiting for %s: %v", typ, <-w.closed)
			}
			if f.Type == typ {
				return f
			}
		case <-deadline:
			w.t.Fatalf("no %s frame within 5 s", typ)
		}
	}
}

// quiet checks that no message frame arrives for a moment.
func (w *wsClient) quiet(d time.Duration) {
	w.t.Helper()
	deadline := time.After(d)
	for {
		select {
		case f, ok := <-w.frames:
			if ok && (f.Type == "message" || f.Type == "update") {
				w.t.Fatalf("unexpected %s frame: %+v", f.Type, f.Message)
			}
		case <-deadline:
			return
		}
	}
}

// sent reads the ack of a send and the message's own delivery to the sender (which may come
// first), and returns the ack.
func (w *wsClient) sent() chatFrame {
	w.t.Helper()
	var ack chatFrame
	echoed := false
	for ack.Type == "" || !echoed {
		f := w.next()
		switch f.Type {
		case "ack":
			ack = f
		case "message":
			echoed = true
		default:
			w.t.Fatalf("waiting for an ack: %+v", f)
		}
	}
	return ack
}

func (w *wsClient) subscribe(caseID, after string) {
	w.t.Helper()
	w.send(map[string]string{"type": "subscribe", "case_id": caseID, "after": after})
	if f := w.next(); f.Type != "subscribed" || f.CaseID != caseID {
		w.t.Fatalf("subscribe answered %+v", f)
	}
}

func TestChatWebsocket(t *testing.T) {
	h := newHarness(t)
	addr := h.listen()
	social, nurse, police := h.demo("demo.social"), h.demo("demo.nurse"), h.demo("demo.police")
	c := h.chatCase(social)
	old := h.post(social, c.ID, map[string]any{"body": "Od juče"})

	ws, wn, wp := h.wsConnect(addr, social), h.wsConnect(addr, nurse), h.wsConnect(addr, police)
	ws.subscribe(c.ID, "")
	if f := ws.next(); f.Type != "message" || f.Message.ID != old.ID {
		t.Fatalf("the backlog: %+v", f)
	}
	wn.subscribe(c.ID, old.ID) // resumes after the old one: no backlog
	wp.subscribe(c.ID, old.ID)

	t.Run("SendAckDeliver", func(t *testing.T) {
		ws.send(map[string]any{"type": "send", "case_id": c.ID, "body": "Idem kod njih", "client_id": "ws-1"})
		ack := ws.sent()
		if ack.Type != "ack" || ack.ClientID != "ws-1" || ack.Message == nil || ack.Message.Body != "Idem kod njih" {
			t.Fatalf("ack %+v", ack)
		}
		for _, w := range []*wsClient{wn, wp} {
			if f := w.next(); f.Type != "message" || f.Message.ID != ack.Message.ID || f.Message.Seq != 2 {
				t.Fatalf("delivered %+v", f)
			}
		}
		// Stored before acknowledged.
		var n int64
		h.db.Raw(`SELECT count(*) FROM messages WHERE id = ?`, ack.Message.ID).Scan(&n)
		if n != 1 {
			t.Fatal("acknowledged but not stored")
		}
		// A retried send with the same client_id is acknowledged with the first message, once.
		ws.send(map[string]any{"type": "send", "case_id": c.ID, "body": "Idem kod njih", "client_id": "ws-1"})
		if again := ws.next(); again.Type != "ack" || again.Message.ID != ack.Message.ID {
			t.Fatalf("retried send %+v", again)
		}
		wn.quiet(200 * time.Millisecond)
	})
	t.Run("SensitivityWithheldLive", func(t *testing.T) {
		wn.send(map[string]any{"type": "send", "case_id": c.ID, "body": "Pritisak 180/110", "client_id": "n-1", "sensitivity": "health"})
		wn.sent()
		ws.send(map[string]any{"type": "send", "case_id": c.ID, "body": "Sutra u 9", "client_id": "ws-2"})
		ws.sent()
		// The police liaison gets the next general message, never the health one.
		if f := wp.next(); f.Type != "message" || f.Message.Body != "Sutra u 9" {
			t.Fatalf("police got %+v", f.Message)
		}
		if f := wn.next(); f.Message.Body != "Sutra u 9" {
			t.Fatalf("nurse got %+v", f.Message)
		}
	})
	t.Run("UpdatesLive", func(t *testing.T) {
		r := h.req("PATCH", "/api/v1/messages/"+old.ID, social, map[string]any{"body": "Od juče (ispravka)"})
		expectStatus(t, r, 200)
		if f := wp.nextOf("update"); f.Message.ID != old.ID || f.Message.Body != "Od juče (ispravka)" {
			t.Fatalf("update %+v", f.Message)
		}
	})
	t.Run("TypingAndPresence", func(t *testing.T) {
		wn.send(map[string]any{"type": "typing", "case_id": c.ID})
		if f := wp.nextOf("typing"); f.UserID != seeds.ID("user/demo.nurse") {
			t.Fatalf("typing %+v", f)
		}
		extra := h.wsConnect(addr, h.demo("demo.police"))
		extra.subscribe(c.ID, "")
		f := extra.nextOf("presence")
		for len(f.UserIDs) < 3 {
			f = extra.nextOf("presence")
		}
		for _, u := range []string{"demo.social", "demo.nurse", "demo.police"} {
			if !strings.Contains(strings.Join(f.UserIDs, ","), seeds.ID("user/"+u)) {
				t.Fatalf("presence %v lacks %s", f.UserIDs, u)
			}
		}
	})
	t.Run("ReadFrames", func(t *testing.T) {
		wn.send(map[string]any{"type": "read", "case_id": c.ID, "message_id": old.ID})
		if f := ws.nextOf("read"); f.UserID != seeds.ID("user/demo.nurse") || f.Seq != old.Seq {
			t.Fatalf("read %+v", f)
		}
	})
	t.Run("ErrFrames", func(t *testing.T) {
		other := h.createCase(h.demo("demo.social2"), map[string]any{"title": "Tuđi", "category": "general",
			"team_id": seeds.ID("team/novi-becej"), "subject": map[string]any{"first_name": "A", "last_name": "B"}})
		before := h.count("messages")
		for name, tc := range map[string]struct {
			frame       string
			status      int
			code, field string
		}{
			"Malformed":       {`{"type":`, 400, "bad_request", ""},
			"UnknownType":     {`{"type":"teleport","case_id":"` + c.ID + `"}`, 400, "bad_request", ""},
			"BadCaseID":       {`{"type":"subscribe","case_id":"nope"}`, 422, "validation", "case_id"},
			"ForbiddenCase":   {`{"type":"subscribe","case_id":"` + other.ID + `"}`, 404, "not_found", ""},
			"UnknownCase":     {`{"type":"subscribe","case_id":"` + seeds.ID("no-such") + `"}`, 404, "not_found", ""},
			"NoSubscription":  {`{"type":"send","case_id":"` + other.ID + `","body":"x","client_id":"z"}`, 409, "conflict", ""},
			"NoClientID":      {`{"type":"send","case_id":"` + c.ID + `","body":"x"}`, 422, "validation", "client_id"},
			"EmptyBody":       {`{"type":"send","case_id":"` + c.ID + `","body":"  ","client_id":"z"}`, 422, "validation", "body"},
			"OversizeBody":    {`{"type":"send","case_id":"` + c.ID + `","body":"` + strings.Repeat("a", chat.MaxBodyChars+1) + `","client_id":"z"}`, 422, "validation", "body"},
			"UnreadableSens":  {`{"type":"send","case_id":"` + c.ID + `","body":"x","client_id":"z","sensitivity":"health"}`, 422, "validation", "sensitivity"},
			"ReadBadMessage":  {`{"type":"read","case_id":"` + c.ID + `","message_id":"x"}`, 422, "validation", "message_id"},
			"SubscribeBadAft": {`{"type":"subscribe","case_id":"` + c.ID + `","after":"` + seeds.ID("no-such") + `"}`, 422, "validation", "after"},
		} {
			t.Run(name, func(t *testing.T) {
				if err := ws.c.WriteMessage(websocket.TextMessage, []byte(tc.frame)); err != nil {
					t.Fatal(err)
				}
				f := ws.nextOf("error")
				if strings.Contains(tc.frame, `"client_id":"z"`) && f.ClientID != "z" {
					t.Fatalf("the error frame does not name the send: %+v", f)
				}
				if f.Status != tc.status || f.Code != tc.code || f.Detail == "" || (tc.field != "" && (len(f.Errors) == 0 || f.Errors[0].Field != tc.field)) {
					t.Fatalf("error frame %+v, want %d %s %s", f, tc.status, tc.code, tc.field)
				}
			})
		}
		if h.count("messages") != before {
			t.Fatal("a refused frame stored a message")
		}
		// The connection stayed open, and the subscription too.
		ws.send(map[string]any{"type": "send", "case_id": c.ID, "body": "Još sam tu", "client_id": "ws-3"})
		if f := ws.nextOf("ack"); f.Message.Body != "Još sam tu" {
			t.Fatalf("after errors: %+v", f)
		}
	})
	t.Run("MemberRemovalClosesTheStream", func(t *testing.T) {
		expectStatus(t, h.req("DELETE", "/api/v1/cases/"+c.ID+"/members/"+seeds.ID("user/demo.police"), social, nil), 204)
		f := wp.nextOf("error")
		if f.CaseID != c.ID || f.Code != "access_ended" || f.Status != 404 {
			t.Fatalf("removal frame %+v", f)
		}
		h.post(social, c.ID, map[string]any{"body": "Posle uklanjanja"})
		wp.quiet(300 * time.Millisecond)
		// The connection is still open for other cases.
		wp.send(map[string]any{"type": "subscribe", "case_id": c.ID})
		if f := wp.nextOf("error"); f.Status != 404 {
			t.Fatalf("resubscribe after removal: %+v", f)
		}
	})
}

// TestChatLongBacklog: a subscriber that was away for longer than its queue holds gets every
// stored message, paced by how fast it reads, not a "too slow" close.
func TestChatLongBacklog(t *testing.T) {
	h := newHarness(t)
	addr := h.listen()
	social := h.demo("demo.social")
	c := h.chatCase(social)
	var rows []string
	for i := 0; i < 3*realtime.SendQueue; i++ {
		rows = append(rows, fmt.Sprintf("('%s', '%s', %d, '%s', 'poruka %d', now())", platform.NewID(), c.ID, i+1, seeds.ID("user/demo.social"), i+1))
	}
	if err := h.db.Exec(`INSERT INTO messages (id, case_id, seq, author_id, body, created_at) VALUES ` + strings.Join(rows, ",")).Error; err != nil {
		t.Fatal(err)
	}
	w := h.wsConnect(addr, h.demo("demo.nurse"))
	w.subscribe(c.ID, "")
	for i := 1; i <= 3*realtime.SendQueue; i++ {
		if f := w.next(); f.Type != "message" || f.Message.Seq != int64(i) {
			t.Fatalf("message %d: %+v", i, f)
		}
	}
}

// TestChatSweepNarrowsToNewRoles: when a user's roles change, the next sweep applies them to
// the live stream as REST applies them at once.
func TestChatSweepNarrowsToNewRoles(t *testing.T) {
	h := newHarness(t)
	addr := h.listen()
	social, nurse := h.demo("demo.social"), h.demo("demo.nurse")
	c := h.chatCase(social)
	w := h.wsConnect(addr, nurse)
	w.subscribe(c.ID, "")
	admin := h.demo("demo.admin")
	expectStatus(t, h.req("PATCH", "/api/v1/users/"+seeds.ID("user/demo.nurse"), admin, map[string]any{"roles": []string{"care_worker"}}), 200)
	h.gateway.Sweep(context.Background())
	h.post(social, c.ID, map[string]any{"body": "Socijalna procena", "sensitivity": "social"})
	if f := w.next(); f.Message == nil || f.Message.Body != "Socijalna procena" {
		t.Fatalf("after becoming a care worker: %+v", f)
	}
	expectStatus(t, h.req("PATCH", "/api/v1/users/"+seeds.ID("user/demo.nurse"), admin, map[string]any{"roles": []string{"nurse"}}), 200)
	h.gateway.Sweep(context.Background())
	h.post(social, c.ID, map[string]any{"body": "Još jedna socijalna", "sensitivity": "social"})
	h.post(social, c.ID, map[string]any{"body": "Opšta"})
	if f := w.next(); f.Message == nil || f.Message.Body != "Opšta" {
		t.Fatalf("a nurse again got %+v", f.Message)
	}
}

// TestChatResumeUnderConcurrentSends: a client reconnects with `after` while others send; it
// receives every message after that point exactly once and in order, then the live ones.
func TestChatResumeUnderConcurrentSends(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.ChatSendBurst, c.ChatSendsPerMinute = 10000, 600000 })
	addr := h.listen()
	social, nurse := h.demo("demo.social"), h.demo("demo.nurse")
	c := h.chatCase(social)
	const senders, each = 4, 30
	for round := 0; round < 3; round++ {
		w := h.wsConnect(addr, nurse)
		var after string
		if round > 0 {
			ms := h.history(nurse, c.ID, "?limit=500")
			after = ms[len(ms)/2].ID // somewhere in the middle
		}
		start := h.history(nurse, c.ID, "?limit=500")
		var wg sync.WaitGroup
		for s := 0; s < senders; s++ {
			wg.Add(1)
			go func(s int) {
				defer wg.Done()
				tok := []string{social, nurse}[s%2]
				for i := 0; i < each; i++ {
					r := h.req("POST", "/api/v1/cases/"+c.ID+"/messages", tok, map[string]any{"body": fmt.Sprintf("r%d s%d m%d", round, s, i)})
					if r.status != 201 {
						t.Errorf("send: %d %s", r.status, r.body)
						return
					}
				}
			}(s)
		}
		time.Sleep(5 * time.Millisecond) // subscribe while the sends are under way
		w.subscribe(c.ID, after)
		wg.Wait()
		all := h.history(nurse, c.ID, "?limit=500")
		var want []chat.Message
		afterSeq := int64(0)
		for _, m := range start {
			if m.ID == after {
				afterSeq = m.Seq
			}
		}
		for _, m := range all {
			if m.Seq > afterSeq {
				want = append(want, m)
			}
		}
		for i, m := range want {
			f := w.next()
			if f.Type != "message" || f.Message.ID != m.ID {
				t.Fatalf("round %d: frame %d is %+v, want seq %d", round, i, f.Message, m.Seq)
			}
		}
		w.quiet(200 * time.Millisecond) // and no duplicate after the last
		w.c.Close()
	}
}

// TestChatAcrossInstances: two server instances over one database deliver each other's
// messages (through LISTEN/NOTIFY).
func TestChatAcrossInstances(t *testing.T) {
	h := newHarness(t)
	second := h.instance()
	addr1, addr2 := h.listen(), h.listenOn(second.Server)
	social, nurse := h.demo("demo.social"), h.demo("demo.nurse")
	c := h.chatCase(social)
	w1, w2 := h.wsConnect(addr1, social), h.wsConnect(addr2, nurse)
	w1.subscribe(c.ID, "")
	w2.subscribe(c.ID, "")
	w1.send(map[string]any{"type": "send", "case_id": c.ID, "body": "Sa prvog", "client_id": "a"})
	w1.sent()
	if f := w2.next(); f.Type != "message" || f.Message.Body != "Sa prvog" {
		t.Fatalf("instance 2 got %+v", f)
	}
	w2.send(map[string]any{"type": "send", "case_id": c.ID, "body": "Sa drugog", "client_id": "b"})
	w2.sent()
	if f := w1.next(); f.Type != "message" || f.Message.Body != "Sa drugog" {
		t.Fatalf("instance 1 got %+v", f)
	}
	// An alert raised through one instance (a mention) reaches the user's socket on the other.
	h.post(social, c.ID, map[string]any{"body": "@Jelena vidi ovo", "mentions": []string{seeds.ID("user/demo.nurse")}})
	w2.nextOf("alert")
	// A logout through one instance closes that session's socket on the other at once.
	lb := h.login("demo.police", seeds.DemoPassword)
	w3 := h.wsConnect(addr2, lb.Token)
	expectStatus(t, h.req("POST", "/api/v1/auth/logout", lb.Token, nil), 204)
	if f := w3.nextOf("error"); f.Status != 401 || f.Code != "unauthenticated" {
		t.Fatalf("instance 2 after a logout on instance 1: %+v", f)
	}
	// A removal made through one instance closes the stream on the other.
	expectStatus(t, h.req("DELETE", "/api/v1/cases/"+c.ID+"/members/"+seeds.ID("user/demo.nurse"), social, nil), 204)
	if f := w2.nextOf("error"); f.Code != "access_ended" {
		t.Fatalf("instance 2 after removal: %+v", f)
	}
}

// TestChatEmergencyAccessEnds: a subscription held by emergency access ends when it runs out.
func TestChatEmergencyAccessEnds(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.EmergencyAccessFor = time.Second })
	addr := h.listen()
	social, glass := h.demo("demo.social"), h.demo("demo.lead")
	c := h.chatCase(social)
	expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/emergency-access", glass, map[string]string{"reason": "Noćni poziv"}), 201)
	w := h.wsConnect(addr, glass)
	w.subscribe(c.ID, "")
	h.post(social, c.ID, map[string]any{"body": "Vidiš li ovo?"})
	if f := w.next(); f.Type != "message" {
		t.Fatalf("under emergency access: %+v", f)
	}
	w.send(map[string]any{"type": "send", "case_id": c.ID, "body": "x", "client_id": "g"})
	if f := w.nextOf("error"); f.Status != 403 {
		t.Fatalf("emergency send: %+v", f)
	}
	h.clock.Advance(2 * time.Second)
	f := w.nextOf("error")
	if f.Code != "access_ended" || f.CaseID != c.ID {
		t.Fatalf("at the end of emergency access: %+v", f)
	}
}
