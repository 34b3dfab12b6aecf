package chat

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
	"github.com/zajedno/zajedno/backend/internal/realtime"
)

// Gateway carries the chat over the websocket hub: it authorizes every subscribe and send,
// sends each subscriber the stored messages it missed and then the live ones with no gap and
// no duplicate, and hears every server process's events through LISTEN/NOTIFY.
type Gateway struct {
	svc      *Service
	log      *slog.Logger
	url      string
	status   func(code string) int
	instance string

	mu     sync.Mutex
	byCase map[string]map[*realtime.Conn]*sub
	byConn map[*realtime.Conn]map[string]*sub
	// present holds "case/user" for the users with a subscription in this process.
	present map[string]bool

	typingMu   sync.Mutex
	lastTyping map[*sub]time.Time

	disconnect func(sessionIDs []string)
	alert      func(userID string, frame any)
}

// OnAlert sets how this process tells a user's connections that they have a new alert (the
// hub's SendToUser).
func (g *Gateway) OnAlert(f func(userID string, frame any)) { g.alert = f }

// alertFrame says that the user has a new alert; the app reads it from GET /alerts.
type alertFrame struct {
	Type string `json:"type"`
}

func (g *Gateway) alerted(userIDs []string) {
	if g.alert == nil {
		return
	}
	for _, u := range userIDs {
		g.alert(u, alertFrame{Type: "alert"})
	}
}

// OnSessionsEnded sets how this process closes the connections of ended sessions (the hub's
// DisconnectSessions); SessionsEnded tells every process to do so.
func (g *Gateway) OnSessionsEnded(f func(sessionIDs []string)) { g.disconnect = f }

// SessionsEnded closes the connections of the sessions here at once, and tells every other
// process to close theirs.
func (g *Gateway) SessionsEnded(sessionIDs []string) {
	if g.disconnect != nil {
		g.disconnect(sessionIDs)
	}
	for len(sessionIDs) > 0 { // NOTIFY payloads are small: 100 ids at a time
		n := min(len(sessionIDs), 100)
		if err := notify(g.svc.db, event{Kind: kindSessions, Sessions: sessionIDs[:n]}); err != nil {
			g.log.Error("ended sessions not announced; other processes close them within a minute", "error", err.Error())
			return
		}
		sessionIDs = sessionIDs[n:]
	}
}

// sub is one connection's subscription to one case.
type sub struct {
	conn     *realtime.Conn
	caseID   string
	readable []string
	timer    *time.Timer // ends emergency access on time

	mu      sync.Mutex
	ready   bool  // the backlog is sent; live messages go straight out
	last    int64 // the last seq this subscriber has been brought up to (sent, or not theirs to read)
	pending []live
	closed  bool
}

// reads reports whether the subscriber's roles read the sensitivity.
func (s *sub) reads(sensitivity string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Contains(s.readable, sensitivity)
}

// live is a message event waiting for, or going to, a subscriber.
type live struct {
	seq     int64
	visible bool
	frame   []byte
}

// NewGateway returns the gateway; Run must be started before it delivers anything. url is
// the database the listener connects to; status maps error codes to HTTP status codes.
func NewGateway(svc *Service, log *slog.Logger, url string, status func(code string) int) *Gateway {
	return &Gateway{
		svc: svc, log: log, url: url, status: status, instance: platform.NewID(),
		byCase: map[string]map[*realtime.Conn]*sub{}, byConn: map[*realtime.Conn]map[string]*sub{}, present: map[string]bool{},
		lastTyping: map[*sub]time.Time{},
	}
}

// Run listens for events until ctx ends; ready is closed once the listener is up. It also
// refreshes this process's presence rows.
func (g *Gateway) Run(ctx context.Context, ready chan<- struct{}) {
	if err := g.svc.clearPresence(ctx, g.instance); err != nil {
		g.log.WarnContext(ctx, "chat presence not cleared", "error", err.Error())
	}
	go func() {
		presence, sweep := time.NewTicker(time.Minute), time.NewTicker(sweepEvery)
		defer presence.Stop()
		defer sweep.Stop()
		for {
			select {
			case <-ctx.Done():
				_ = g.svc.clearPresence(context.Background(), g.instance)
				return
			case <-presence.C:
				if err := g.svc.touchPresence(ctx, g.instance); err != nil {
					g.log.WarnContext(ctx, "chat presence not refreshed", "error", err.Error())
				}
			case <-sweep.C:
				g.Sweep(ctx)
			}
		}
	}()
	listen(ctx, g.log, g.url, ready, g.handleEvent, g.alerted, g.resync)
}

// AccessEnded tells every process that a user lost a basis to see a case; each closes the
// user's subscriptions to it that no other basis holds up.
func (g *Gateway) AccessEnded(ctx context.Context, caseID, userID string) {
	if err := notify(g.svc.db.WithContext(ctx), event{Kind: kindRevoke, CaseID: caseID, UserID: userID}); err != nil {
		g.log.ErrorContext(ctx, "chat access end not announced", "error", err.Error())
	}
}

// HandleFrame is the hub's handler for chat frames.
func (g *Gateway) HandleFrame(c *realtime.Conn, typ string, data []byte) {
	f, err := DecodeClientFrame(data)
	if err != nil {
		g.sendError(c, f.CaseID, f.ClientID, err)
		return
	}
	ctx := context.Background()
	switch f.Type {
	case "subscribe":
		g.subscribe(ctx, c, f)
	case "unsubscribe":
		g.unsubscribe(c, f.CaseID)
		c.Send(subscribedFrame{Type: "unsubscribed", CaseID: f.CaseID})
	case "send":
		if g.subOf(c, f.CaseID) == nil {
			g.sendError(c, f.CaseID, f.ClientID, platform.Errorf(platform.ECONFLICT, "Subscribe to the case before sending to it."))
			return
		}
		m, _, err := g.svc.Post(ctx, c.Principal, f.CaseID, NewMessage{Body: f.Body, ClientID: f.ClientID, ReplyTo: f.ReplyTo,
			Sensitivity: f.Sensitivity, AttachmentID: f.AttachmentID, Mentions: f.Mentions})
		if err != nil {
			g.sendError(c, f.CaseID, f.ClientID, err)
			return
		}
		c.Send(messageFrame{Type: "ack", ClientID: f.ClientID, Message: &m})
	case "typing":
		s := g.subOf(c, f.CaseID)
		if s == nil {
			g.sendError(c, f.CaseID, "", platform.Errorf(platform.ECONFLICT, "Subscribe to the case first."))
			return
		}
		g.typingMu.Lock()
		quiet := time.Since(g.lastTyping[s]) >= 2*time.Second
		if quiet {
			g.lastTyping[s] = time.Now()
		}
		g.typingMu.Unlock()
		if quiet {
			_ = notify(g.svc.db.WithContext(ctx), event{Kind: kindTyping, CaseID: f.CaseID, UserID: c.Principal.UserID})
		}
	case "read":
		if g.subOf(c, f.CaseID) == nil {
			g.sendError(c, f.CaseID, "", platform.Errorf(platform.ECONFLICT, "Subscribe to the case first."))
			return
		}
		if _, err := g.svc.MarkRead(ctx, c.Principal, f.CaseID, f.MessageID); err != nil {
			g.sendError(c, f.CaseID, "", err)
		}
	}
}

// Closed forgets every subscription of a closed connection.
func (g *Gateway) Closed(c *realtime.Conn) {
	g.mu.Lock()
	subs := g.byConn[c]
	delete(g.byConn, c)
	for caseID := range subs {
		delete(g.byCase[caseID], c)
		if len(g.byCase[caseID]) == 0 {
			delete(g.byCase, caseID)
		}
	}
	g.mu.Unlock()
	for caseID, s := range subs {
		g.stop(s)
		g.presenceChanged(caseID, c.Principal.UserID)
	}
}

func (g *Gateway) sendError(c *realtime.Conn, caseID, clientID string, err error) {
	var pe *platform.Error
	if !errors.As(err, &pe) {
		g.log.Error("chat frame failed", "error", err.Error())
		pe = &platform.Error{Code: platform.EINTERNAL, Message: "Internal error. Try again."}
	}
	c.Send(errorFrame{Type: "error", CaseID: caseID, ClientID: clientID, Status: g.status(pe.Code), Code: pe.Code,
		Detail: pe.Message, Errors: pe.Fields, RetryAfter: pe.RetryAfterSeconds})
}

func (g *Gateway) subOf(c *realtime.Conn, caseID string) *sub {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.byConn[c][caseID]
}

func (g *Gateway) subscribe(ctx context.Context, c *realtime.Conn, f ClientFrame) {
	acc, err := g.svc.Access(ctx, c.Principal, f.CaseID)
	if err != nil {
		g.sendError(c, f.CaseID, "", err)
		return
	}
	after, err := g.svc.seqOf(g.svc.db.WithContext(ctx), f.CaseID, f.After)
	if err != nil {
		g.sendError(c, f.CaseID, "", err)
		return
	}
	s := &sub{conn: c, caseID: f.CaseID, readable: acc.Readable, last: after}
	g.mu.Lock()
	if old := g.byConn[c][f.CaseID]; old != nil {
		g.stop(old) // a new subscribe replaces the old one (a client resuming on the same socket)
	}
	if g.byCase[f.CaseID] == nil {
		g.byCase[f.CaseID] = map[*realtime.Conn]*sub{}
	}
	if g.byConn[c] == nil {
		g.byConn[c] = map[string]*sub{}
	}
	g.byCase[f.CaseID][c] = s
	g.byConn[c][f.CaseID] = s
	g.mu.Unlock()
	g.expireAt(s, acc.Until)
	c.Send(subscribedFrame{Type: "subscribed", CaseID: f.CaseID})
	if err := g.svc.audit.Record(ctx, chatEvent(c.Principal, "message.subscribe", f.CaseID, acc.Basis)); err != nil {
		g.log.ErrorContext(ctx, "chat subscribe not audited", "error", err.Error())
	}
	g.catchUp(s)
	g.presenceChanged(f.CaseID, c.Principal.UserID)
	if ids, err := g.svc.presence(ctx, f.CaseID); err == nil {
		c.Send(presenceFrame{Type: "presence", CaseID: f.CaseID, UserIDs: ids})
	}
}

func (g *Gateway) unsubscribe(c *realtime.Conn, caseID string) {
	g.mu.Lock()
	s := g.byConn[c][caseID]
	if s != nil {
		delete(g.byConn[c], caseID)
		delete(g.byCase[caseID], c)
		if len(g.byCase[caseID]) == 0 {
			delete(g.byCase, caseID)
		}
	}
	g.mu.Unlock()
	if s != nil {
		g.stop(s)
		g.presenceChanged(caseID, c.Principal.UserID)
	}
}

// expireAt rechecks the subscription's access when emergency access runs out (until), and
// again each time it is found extended.
func (g *Gateway) expireAt(s *sub, until *time.Time) {
	if until == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(max(time.Until(*until), 500*time.Millisecond), func() { g.recheck(s.caseID, s.conn.Principal.UserID) })
}

func (g *Gateway) stop(s *sub) {
	s.mu.Lock()
	s.closed = true
	s.pending = nil
	if s.timer != nil {
		s.timer.Stop()
	}
	s.mu.Unlock()
	g.typingMu.Lock()
	delete(g.lastTyping, s)
	g.typingMu.Unlock()
}

// catchUp sends the subscriber the stored messages after s.last, then the live ones that
// arrived meanwhile, and marks it ready. Run again when a live message shows a gap.
func (g *Gateway) catchUp(s *sub) {
	for {
		s.mu.Lock()
		after, closed := s.last, s.closed
		s.mu.Unlock()
		if closed {
			return
		}
		s.mu.Lock()
		readable := s.readable
		s.mu.Unlock()
		msgs, last, err := g.svc.backlog(context.Background(), s.caseID, after, readable)
		if err != nil {
			g.log.Error("chat backlog not read", "error", err.Error())
			s.conn.CloseWith(1011, "internal error: reconnect and resume")
			return
		}
		s.mu.Lock()
		for i := range msgs {
			if msgs[i].Seq > s.last {
				b, _ := json.Marshal(messageFrame{Type: "message", Message: &msgs[i]})
				s.conn.SendRaw(b)
			}
			if (i+1)%backlogChunk == 0 && i+1 < len(msgs) {
				// A long backlog goes out as fast as the client reads it, not faster: the
				// bounded queue is for slow clients, not for long absences.
				s.mu.Unlock()
				waitDrained(s.conn)
				s.mu.Lock()
				if s.closed {
					s.mu.Unlock()
					return
				}
			}
		}
		s.last = max(s.last, last)
		gap := false
		for _, l := range s.pending {
			if l.seq <= s.last {
				continue
			}
			if l.seq > s.last+1 {
				gap = true
				break
			}
			s.last = l.seq
			if l.visible {
				s.conn.SendRaw(l.frame)
			}
		}
		s.pending = nil
		if !gap {
			s.ready = true
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
	}
}

// backlogChunk is how many stored messages go into a subscriber's queue at once.
const backlogChunk = realtime.SendQueue / 4

// waitDrained waits until the connection's queue is mostly written out, or it closes.
func waitDrained(c *realtime.Conn) {
	deadline := time.Now().Add(time.Minute)
	for c.Pending() > backlogChunk/2 && time.Now().Before(deadline) {
		select {
		case <-c.Done():
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// deliver hands one live message event to a subscriber, in seq order.
func (g *Gateway) deliver(s *sub, l live) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed || l.seq <= s.last && s.ready:
	case !s.ready:
		s.pending = append(s.pending, l)
	case l.seq > s.last+1:
		// An event we never heard (the listener reconnected): read the gap from the database.
		s.ready = false
		s.pending = append(s.pending, l)
		go g.catchUp(s)
	default:
		s.last = l.seq
		if l.visible {
			s.conn.SendRaw(l.frame)
		}
	}
}

// subsOf returns the local subscriptions of a case.
func (g *Gateway) subsOf(caseID string) []*sub {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make([]*sub, 0, len(g.byCase[caseID]))
	for _, s := range g.byCase[caseID] {
		out = append(out, s)
	}
	return out
}

// handleEvent acts on one event from any process, in the order PostgreSQL delivers them.
func (g *Gateway) handleEvent(e event) {
	if e.Kind == kindSessions {
		if g.disconnect != nil {
			g.disconnect(e.Sessions)
		}
		return
	}
	subs := g.subsOf(e.CaseID)
	if len(subs) == 0 {
		return
	}
	ctx := context.Background()
	switch e.Kind {
	case kindMessage, kindUpdate:
		m, err := g.svc.load(g.svc.db.WithContext(ctx), e.ID)
		if err != nil {
			g.log.Error("chat message not read for delivery", "error", err.Error())
			if e.Kind == kindMessage {
				for _, s := range subs { // each subscriber reads it again from the database
					s.mu.Lock()
					s.ready = false
					s.mu.Unlock()
					go g.catchUp(s)
				}
			}
			return
		}
		typ := "message"
		if e.Kind == kindUpdate {
			typ = "update"
		}
		b, _ := json.Marshal(messageFrame{Type: typ, Message: &m})
		for _, s := range subs {
			visible := s.reads(m.Sensitivity)
			if e.Kind == kindMessage {
				g.deliver(s, live{seq: e.Seq, visible: visible, frame: b})
			} else if visible {
				s.conn.SendRaw(b)
			}
		}
	case kindRead:
		b, _ := json.Marshal(readFrame{Type: "read", CaseID: e.CaseID, UserID: e.UserID, Seq: e.Seq})
		for _, s := range subs {
			s.conn.SendRaw(b)
		}
	case kindTyping:
		b, _ := json.Marshal(typingFrame{Type: "typing", CaseID: e.CaseID, UserID: e.UserID})
		for _, s := range subs {
			if s.conn.Principal.UserID != e.UserID {
				s.conn.SendRaw(b)
			}
		}
	case kindRevoke:
		go g.recheck(e.CaseID, e.UserID)
	case kindPresence:
		ids, err := g.svc.presence(ctx, e.CaseID)
		if err != nil {
			g.log.Error("chat presence not read", "error", err.Error())
			return
		}
		b, _ := json.Marshal(presenceFrame{Type: "presence", CaseID: e.CaseID, UserIDs: ids})
		for _, s := range subs {
			s.conn.SendRaw(b)
		}
	}
}

// recheck ends the user's subscriptions to the case that no basis holds up any more, each
// with an error frame; the connection stays open.
func (g *Gateway) recheck(caseID, userID string) {
	for _, s := range g.subsOf(caseID) {
		if s.conn.Principal.UserID != userID {
			continue
		}
		acc, err := g.svc.Access(context.Background(), s.conn.Principal, caseID)
		if err == nil {
			g.expireAt(s, acc.Until)
			continue
		}
		if platform.ErrorCode(err) != platform.ENOTFOUND {
			g.log.Error("chat access not rechecked", "error", err.Error())
			continue
		}
		g.end(s)
	}
}

// end closes a subscription whose access has ended, with an error frame; the connection stays.
func (g *Gateway) end(s *sub) {
	g.unsubscribe(s.conn, s.caseID)
	s.conn.Send(errorFrame{Type: "error", CaseID: s.caseID, Status: http.StatusNotFound, Code: "access_ended",
		Detail: "You no longer have access to this case, so its chat has closed for you."})
}

// resync brings every subscriber up to date after the listener lost events.
func (g *Gateway) resync() {
	g.mu.Lock()
	var all []*sub
	for _, subs := range g.byCase {
		for _, s := range subs {
			all = append(all, s)
		}
	}
	g.mu.Unlock()
	for _, s := range all {
		s.mu.Lock()
		s.ready = false
		s.mu.Unlock()
		go g.catchUp(s)
	}
	go g.Sweep(context.Background()) // a removal may have been among the events missed
}

// Sweep rechecks every subscription against the database as it is now: the user's roles
// (what they may read) and their basis to see the case. It is the safety net behind the
// events, run every sweepEvery and after the listener reconnects.
func (g *Gateway) Sweep(ctx context.Context) {
	g.mu.Lock()
	var all []*sub
	users := map[string]bool{}
	for _, subs := range g.byCase {
		for _, s := range subs {
			all = append(all, s)
			users[s.conn.Principal.UserID] = true
		}
	}
	g.mu.Unlock()
	if len(all) == 0 {
		return
	}
	ids := make([]string, 0, len(users))
	for u := range users {
		ids = append(ids, u)
	}
	roles, err := g.svc.activeRoles(ctx, ids)
	if err != nil {
		g.log.WarnContext(ctx, "chat sweep failed", "error", err.Error())
		return
	}
	for _, s := range all {
		p := *s.conn.Principal
		p.Roles = roles[p.UserID]
		acc, err := g.svc.Access(ctx, &p, s.caseID)
		switch {
		case err == nil && len(p.Roles) > 0:
			s.mu.Lock()
			s.readable = acc.Readable
			s.mu.Unlock()
		case err == nil || platform.ErrorCode(err) == platform.ENOTFOUND:
			g.end(s)
		default:
			g.log.WarnContext(ctx, "chat sweep failed", "error", err.Error())
		}
	}
}

// sweepEvery is how often every subscription is rechecked.
const sweepEvery = 30 * time.Second

// presenceChanged records, when the user's first subscription to the case in this process
// opens or the last one closes, whether the user is here, and tells every process.
func (g *Gateway) presenceChanged(caseID, userID string) {
	g.mu.Lock()
	n := 0
	for c := range g.byCase[caseID] {
		if c.Principal.UserID == userID {
			n++
		}
	}
	key := caseID + "/" + userID
	was := g.present[key]
	if n > 0 {
		g.present[key] = true
	} else {
		delete(g.present, key)
	}
	g.mu.Unlock()
	if was == (n > 0) {
		return
	}
	if err := g.svc.setPresence(context.Background(), g.instance, caseID, userID, n > 0); err != nil {
		g.log.Error("chat presence not recorded", "error", err.Error())
	}
}

// Subscribers counts the local subscriptions of a case (for tests and benchmarks).
func (g *Gateway) Subscribers(caseID string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.byCase[caseID])
}

func chatEvent(p *authz.Principal, action, caseID, basis string) audit.Event {
	return audit.Event{ActorID: p.UserID, Action: action, ResourceType: "case", ResourceID: caseID, CaseID: caseID, Basis: basis}
}
