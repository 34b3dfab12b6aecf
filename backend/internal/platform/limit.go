package platform

import (
	"math"
	"sync"

	"golang.org/x/time/rate"
)

// Limiter is a token bucket per key (golang.org/x/time/rate): per user for chat sends, per
// address for the public inbound route. It is kept in this process only.
type Limiter struct {
	every rate.Limit
	burst int

	mu   sync.Mutex
	keys map[string]*rate.Limiter
}

// NewLimiter allows perMinute requests a minute per key, with bursts of burst.
func NewLimiter(perMinute float64, burst int) *Limiter {
	return &Limiter{every: rate.Limit(perMinute / 60), burst: burst, keys: map[string]*rate.Limiter{}}
}

// Allow takes a token for key, or says how many seconds to wait for one.
func (l *Limiter) Allow(key string) (waitSeconds int, ok bool) {
	l.mu.Lock()
	lim := l.keys[key]
	if lim == nil {
		if len(l.keys) > 10000 {
			l.keys = map[string]*rate.Limiter{} // forget idle buckets; they refill anyway
		}
		lim = rate.NewLimiter(l.every, l.burst)
		l.keys[key] = lim
	}
	l.mu.Unlock()
	r := lim.Reserve()
	if d := r.Delay(); d > 0 {
		r.Cancel()
		return int(math.Ceil(d.Seconds())), false
	}
	return 0, true
}

// TooMany is the ETOOMANY error for a refused request.
func TooMany(waitSeconds int, format string, args ...any) *Error {
	e := Errorf(ETOOMANY, format, args...)
	e.RetryAfterSeconds = waitSeconds
	return e
}
