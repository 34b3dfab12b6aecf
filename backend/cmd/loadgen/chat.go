package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// chatOptions are the flags of the chat modes.
type chatOptions struct {
	ws, token, caseID string
	subs, conns       int
	rate, burstRate   float64
	duration, hold    time.Duration
}

func dialWS(ctx context.Context, url, token string) (*websocket.Conn, error) {
	d := websocket.Dialer{HandshakeTimeout: 30 * time.Second, ReadBufferSize: 1024, WriteBufferSize: 1024}
	c, _, err := d.DialContext(ctx, url, http.Header{"Authorization": {"Bearer " + token}})
	if err != nil {
		return nil, err
	}
	if _, _, err := c.ReadMessage(); err != nil { // hello
		c.Close()
		return nil, err
	}
	return c, nil
}

// dialMany opens n connections, at most 64 handshakes at a time.
func dialMany(ctx context.Context, n int, url, token string) ([]*websocket.Conn, error) {
	conns := make([]*websocket.Conn, n)
	sem := make(chan struct{}, 64)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	for i := 0; i < n; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			c, err := dialWS(ctx, url, token)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && firstErr == nil {
				firstErr = fmt.Errorf("connection %d: %w", i, err)
			}
			conns[i] = c
		}(i)
	}
	wg.Wait()
	return conns, firstErr
}

type fanoutResult struct {
	Mode            string  `json:"mode"`
	Subscribers     int     `json:"subscribers"`
	Messages        int     `json:"messages"`
	Deliveries      int64   `json:"deliveries"`
	Missing         int64   `json:"missing"`
	Disconnects     int64   `json:"disconnects"`
	StoreP50        float64 `json:"store_p50_ms"`
	DeliveryP50     float64 `json:"delivery_p50_ms"`
	DeliveryP99     float64 `json:"delivery_p99_ms"`
	LastP50         float64 `json:"last_delivery_p50_ms"`
	LastP99         float64 `json:"last_delivery_p99_ms"`
	SustainedRate   float64 `json:"sustained_messages_per_s"`
	SustainedPerSec float64 `json:"sustained_deliveries_per_s"`
}

// fanout subscribes -subs connections to one case, then sends messages from one more
// connection: first at -rate per second for the latency from send to each delivery, then at
// -burst-rate for the deliveries per second sustained. Latency is from the moment the sender
// writes the frame, so it includes storing the message (store_p50_ms is the send-to-ack part).
func fanout(o chatOptions) {
	ctx := context.Background()
	subs, err := dialMany(ctx, o.subs, o.ws, o.token)
	fail(err)
	sender, err := dialWS(ctx, o.ws, o.token)
	fail(err)
	sub := []byte(`{"type":"subscribe","case_id":"` + o.caseID + `"}`)
	for _, c := range append(subs, sender) {
		fail(c.WriteMessage(websocket.TextMessage, sub))
	}
	// Each subscriber records when each bench message reaches it.
	type arrival struct {
		id int
		at time.Time
	}
	var deliveries, disconnects atomic.Int64
	arrivals := make(chan arrival, 1<<16)
	var ready sync.WaitGroup
	ready.Add(len(subs))
	marker := []byte(`"body":"bench `)
	for _, c := range subs {
		go func(c *websocket.Conn) {
			subscribed := false
			for {
				_, b, err := c.ReadMessage()
				if err != nil {
					disconnects.Add(1)
					if !subscribed {
						ready.Done()
					}
					return
				}
				if !subscribed && bytes.Contains(b, []byte(`"subscribed"`)) {
					subscribed = true
					ready.Done()
					continue
				}
				if !bytes.HasPrefix(b, []byte(`{"type":"message"`)) {
					continue
				}
				i := bytes.Index(b, marker)
				if i < 0 {
					continue
				}
				rest := b[i+len(marker):]
				j := bytes.IndexByte(rest, '"')
				n, err := strconv.Atoi(string(rest[:j]))
				if err == nil && n >= 0 {
					deliveries.Add(1)
					arrivals <- arrival{n, time.Now()}
				}
			}
		}(c)
	}
	ready.Wait()
	// The sender's acks.
	acks := make(chan time.Time, 1<<16)
	go func() {
		for {
			_, b, err := sender.ReadMessage()
			if err != nil {
				return
			}
			if bytes.HasPrefix(b, []byte(`{"type":"ack"`)) {
				acks <- time.Now()
			}
		}
	}()
	sent := map[int]time.Time{}
	var mu sync.Mutex
	send := func(n int) {
		f, _ := json.Marshal(map[string]string{"type": "send", "case_id": o.caseID, "client_id": fmt.Sprintf("bench-%d-%d", os.Getpid(), n),
			"body": fmt.Sprintf("bench %d", n)})
		mu.Lock()
		sent[n] = time.Now()
		mu.Unlock()
		fail(sender.WriteMessage(websocket.TextMessage, f))
	}
	var perDelivery []time.Duration
	last := map[int]time.Time{}
	var store []time.Duration
	collect := func(until time.Time) {
		for {
			select {
			case a := <-arrivals:
				mu.Lock()
				t0 := sent[a.id]
				mu.Unlock()
				perDelivery = append(perDelivery, a.at.Sub(t0))
				if a.at.After(last[a.id]) {
					last[a.id] = a.at
				}
			case <-time.After(time.Until(until)):
				return
			}
		}
	}
	// Warm up (connections, prepared statements), then forget what arrived.
	for i := 0; i < 5; i++ {
		send(-1 - i)
		<-acks
	}
	time.Sleep(time.Second)
	for len(arrivals) > 0 {
		<-arrivals
	}
	// Phase 1: latency at a modest rate.
	n := 0
	interval := time.Duration(float64(time.Second) / o.rate)
	end := time.Now().Add(o.duration)
	go func() {
		for time.Now().Before(end) {
			send(n)
			t := sent[n]
			select {
			case a := <-acks:
				store = append(store, a.Sub(t))
			case <-time.After(5 * time.Second):
			}
			n++
			time.Sleep(interval)
		}
	}()
	collect(end.Add(2 * time.Second))
	latencyMessages := len(last)
	var lasts []time.Duration
	mu.Lock()
	for id, at := range last {
		lasts = append(lasts, at.Sub(sent[id]))
	}
	mu.Unlock()
	// Phase 2: sustained deliveries per second.
	before := deliveries.Load()
	start := time.Now()
	end2 := start.Add(o.duration)
	m := 1 << 20
	burstInterval := time.Duration(float64(time.Second) / o.burstRate)
	go func() {
		next := time.Now()
		for time.Now().Before(end2) {
			send(m)
			m++
			next = next.Add(burstInterval)
			time.Sleep(time.Until(next))
		}
	}()
	go func() {
		for range acks {
		}
	}()
	drain := time.Now().Add(o.duration + 3*time.Second)
	lastArrival := start
	for time.Now().Before(drain) {
		select {
		case a := <-arrivals:
			lastArrival = a.at
		case <-time.After(100 * time.Millisecond):
		}
	}
	elapsed := lastArrival.Sub(start).Seconds()
	got := deliveries.Load() - before
	sentBurst := m - (1 << 20)
	r := fanoutResult{Mode: "fanout", Subscribers: len(subs), Messages: latencyMessages, Deliveries: got,
		Missing: int64(sentBurst*len(subs)) - got, Disconnects: disconnects.Load(),
		StoreP50: pctOf(store, 0.5), DeliveryP50: pctOf(perDelivery, 0.5), DeliveryP99: pctOf(perDelivery, 0.99),
		LastP50: pctOf(lasts, 0.5), LastP99: pctOf(lasts, 0.99),
		SustainedRate: float64(sentBurst) / o.duration.Seconds(), SustainedPerSec: float64(got) / elapsed}
	_ = json.NewEncoder(os.Stdout).Encode(r)
}

// idle opens -conns authenticated connections, says how many are open, and holds them for
// -hold (the bench reads the server's memory meanwhile).
func idle(o chatOptions) {
	ctx := context.Background()
	conns, err := dialMany(ctx, o.conns, o.ws, o.token)
	fail(err)
	open := 0
	var closed atomic.Int64
	for _, c := range conns {
		if c != nil {
			open++
			go func(c *websocket.Conn) {
				for {
					if _, _, err := c.ReadMessage(); err != nil {
						closed.Add(1)
						return
					}
				}
			}(c)
		}
	}
	fmt.Printf("{\"mode\":\"idle\",\"open\":%d}\n", open)
	time.Sleep(o.hold)
	fmt.Printf("{\"mode\":\"idle\",\"closed_while_held\":%d}\n", closed.Load())
}

func pctOf(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return float64(s[int(p*float64(len(s)-1))].Microseconds()) / 1000
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}
