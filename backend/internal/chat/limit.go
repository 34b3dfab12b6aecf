package chat

import (
	"math"
	"sync"

	"golang.org/x/time/rate"
)

// limiter is a token bucket per user (golang.org/x/time/rate), shared by the REST and the
// websocket sends of all the user's connections in this process.
type limiter struct {
	every rate.Limit
	burst int

	mu    sync.Mutex
	users map[string]*rate.Limiter
}

func newLimiter(every rate.Limit, burst int) *limiter {
	return &limiter{every: every, burst: burst, users: map[string]*rate.Limiter{}}
}

// allow takes a token for the user, or says how many seconds to wait for one.
func (l *limiter) allow(userID string) (waitSeconds int, ok bool) {
	l.mu.Lock()
	lim := l.users[userID]
	if lim == nil {
		if len(l.users) > 10000 {
			l.users = map[string]*rate.Limiter{} // forget idle buckets; they refill anyway
		}
		lim = rate.NewLimiter(l.every, l.burst)
		l.users[userID] = lim
	}
	l.mu.Unlock()
	r := lim.Reserve()
	if d := r.Delay(); d > 0 {
		r.Cancel()
		return int(math.Ceil(d.Seconds())), false
	}
	return 0, true
}
