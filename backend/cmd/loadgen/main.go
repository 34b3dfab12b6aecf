// Command loadgen measures Zajedno for `make bench`. The default mode, http, measures an HTTP
// endpoint: a closed loop of -c workers for the highest throughput, or an open loop at -rate
// requests per second for latency at a load; it prints one JSON line: {"requests", "errors",
// "seconds", "rps", "p50_ms", "p90_ms", "p99_ms"}. The chat modes use gorilla/websocket
// clients: fanout (one case, -subs subscribers) and idle (-conns idle connections held).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"sync"
	"time"
)

type result struct {
	Mode     string  `json:"mode"`
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	Seconds  float64 `json:"seconds"`
	RPS      float64 `json:"rps"`
	P50      float64 `json:"p50_ms"`
	P90      float64 `json:"p90_ms"`
	P99      float64 `json:"p99_ms"`
}

func main() {
	url := flag.String("url", "", "the URL to GET")
	token := flag.String("token", "", "Bearer token")
	workers := flag.Int("c", 32, "concurrent workers (closed loop) or the most requests in flight (open loop)")
	duration := flag.Duration("d", 15*time.Second, "how long to run")
	rate := flag.Float64("rate", 0, "requests per second (open loop); 0 runs a closed loop; fanout: messages per second while measuring latency")
	mode := flag.String("mode", "http", "http, fanout or idle")
	var o chatOptions
	flag.StringVar(&o.ws, "ws", "", "fanout, idle: the websocket URL (ws://host/api/v1/ws)")
	flag.StringVar(&o.caseID, "case", "", "fanout: the case everyone subscribes to")
	flag.IntVar(&o.subs, "subs", 1000, "fanout: subscribers")
	flag.IntVar(&o.conns, "conns", 1000, "idle: connections to hold")
	flag.Float64Var(&o.burstRate, "burst-rate", 30, "fanout: messages per second while measuring sustained deliveries")
	flag.DurationVar(&o.hold, "hold", time.Minute, "idle: how long to hold the connections")
	flag.Parse()
	o.token, o.duration = *token, *duration
	switch *mode {
	case "fanout":
		o.rate = max(*rate, 1)
		fanout(o)
		return
	case "idle":
		idle(o)
		return
	}
	if *url == "" {
		fmt.Fprintln(os.Stderr, "loadgen: -url is required")
		os.Exit(2)
	}
	tr := &http.Transport{MaxIdleConnsPerHost: *workers * 2, MaxConnsPerHost: *workers * 2}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	one := func() (time.Duration, bool) {
		req, _ := http.NewRequest("GET", *url, nil)
		req.Header.Set("Authorization", "Bearer "+*token)
		start := time.Now()
		res, err := client.Do(req)
		if err != nil {
			return time.Since(start), false
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return time.Since(start), res.StatusCode == 200
	}

	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	defer cancel()
	var mu sync.Mutex
	var lat []time.Duration
	errs := 0
	record := func(d time.Duration, ok bool) {
		mu.Lock()
		lat = append(lat, d)
		if !ok {
			errs++
		}
		mu.Unlock()
	}
	start := time.Now()
	var wg sync.WaitGroup
	loop := "closed"
	if *rate <= 0 {
		for i := 0; i < *workers; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for ctx.Err() == nil {
					record(one())
				}
			}()
		}
	} else {
		loop = "open"
		sem := make(chan struct{}, *workers)
		interval := time.Duration(float64(time.Second) / *rate)
		next := time.Now()
	loop:
		for {
			next = next.Add(interval)
			if d := time.Until(next); d > 0 {
				select {
				case <-time.After(d):
				case <-ctx.Done():
					break loop
				}
			}
			if ctx.Err() != nil {
				break
			}
			select {
			case sem <- struct{}{}:
			default:
				record(0, false) // more in flight than allowed: count as an error, never wait
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				record(one())
			}()
		}
	}
	wg.Wait()
	elapsed := time.Since(start).Seconds()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000
	}
	r := result{Mode: loop, Requests: len(lat), Errors: errs, Seconds: elapsed, RPS: float64(len(lat)-errs) / elapsed,
		P50: pct(0.50), P90: pct(0.90), P99: pct(0.99)}
	_ = json.NewEncoder(os.Stdout).Encode(r)
}
