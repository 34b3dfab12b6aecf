package chat

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/alerts"
)

// Kinds of event on the notify channel. Events carry ids only, never content: each process
// reads what it delivers from the database, filtered for each reader.
const (
	kindMessage  = "m" // a message was stored
	kindUpdate   = "u" // a message was edited or deleted
	kindRead     = "r" // a user read up to a message
	kindRevoke   = "x" // a user lost a basis to see a case
	kindTyping   = "t" // a user is typing (never stored)
	kindPresence = "p" // who is in a case's chat changed
	kindSessions = "s" // sessions ended (logout, deactivation): close their connections everywhere
)

// event is what one server process tells every other (and itself) through NOTIFY.
type event struct {
	Kind   string `json:"k"`
	CaseID string `json:"c"`
	ID     string `json:"id,omitempty"`
	Seq    int64  `json:"s,omitempty"`
	UserID string `json:"u,omitempty"`
	// Sessions are the ids of ended sessions (kindSessions); ids, not tokens.
	Sessions []string `json:"ss,omitempty"`
}

// notify sends e on the channel; inside a transaction it is delivered at commit, in commit
// order, and not at all on rollback.
func notify(db *gorm.DB, e event) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return db.Exec(`SELECT pg_notify(?, ?)`, NotifyChannel, string(b)).Error
}

// listen holds one connection that LISTENs on the chat's channel and the alerts' channel and
// hands each notification to handle or alerted, in the order PostgreSQL delivers them. After a
// lost connection it reconnects with backoff and calls resync, since events may have been
// missed meanwhile.
func listen(ctx context.Context, log *slog.Logger, url string, ready chan<- struct{}, handle func(event), alerted func(userIDs []string), resync func()) {
	backoff := 100 * time.Millisecond
	first := true
	for ctx.Err() == nil {
		conn, err := pgx.Connect(ctx, url)
		if err == nil {
			_, err = conn.Exec(ctx, "LISTEN "+NotifyChannel+"; LISTEN "+alerts.NotifyChannel)
		}
		if err != nil {
			if conn != nil {
				_ = conn.Close(context.Background())
			}
			log.WarnContext(ctx, "chat listener cannot reach the database; retrying", "error", err.Error(), "in", backoff.String())
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			backoff = min(backoff*2, 10*time.Second)
			continue
		}
		backoff = 100 * time.Millisecond
		if first {
			close(ready)
			first = false
		} else {
			log.InfoContext(ctx, "chat listener reconnected")
			resync()
		}
		for {
			n, err := conn.WaitForNotification(ctx)
			if err != nil {
				break
			}
			if n.Channel == alerts.NotifyChannel {
				var users []string
				if json.Unmarshal([]byte(n.Payload), &users) == nil {
					alerted(users)
				}
				continue
			}
			var e event
			if json.Unmarshal([]byte(n.Payload), &e) == nil {
				handle(e)
			}
		}
		_ = conn.Close(context.Background())
	}
}
