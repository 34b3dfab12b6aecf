package platform

import (
	"context"
	"sync"
	"time"
)

// Clock tells the server's time. Record times come only from here, never from clients.
type Clock interface{ Now() time.Time }

// SystemClock is the real clock, in UTC with the database's microsecond precision.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// FakeClock is a settable clock for tests.
type FakeClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewFakeClock returns a clock standing at t.
func NewFakeClock(t time.Time) *FakeClock { return &FakeClock{t: t.UTC().Truncate(time.Microsecond)} }

// Now returns the clock's time.
func (c *FakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Advance moves the clock forward by d.
func (c *FakeClock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// Every runs run every interval until ctx ends, handing its errors to onError (background
// checks: referral response times, on-call escalations).
func Every(ctx context.Context, interval time.Duration, run func(context.Context) error, onError func(error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := run(ctx); err != nil {
				onError(err)
			}
		}
	}
}
