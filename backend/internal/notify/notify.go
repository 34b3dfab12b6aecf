// Package notify delivers alerts beyond the app: by email (SMTP, or in development a mailbox
// kept in the database and shown in the app) and by Web Push (VAPID). Neither carries
// personal data: an email names the kind of alert and links to it; a push message carries
// only the alert's id, so nothing about a person passes through mail or push services. Each
// user chooses the channels and quiet hours; urgent alerts (pages) ignore quiet hours.
package notify

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/smtp"
	"net/textproto"
	"regexp"
	"strings"
	"sync"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"
	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Settings are where mail goes and how push services know us.
type Settings struct {
	PublicURL    string
	SMTPAddr     string // empty: the dev mailbox (outside production) or no email
	SMTPFrom     string
	SMTPUser     string
	SMTPPassword string
	DevMailbox   bool
	VAPIDSubject string
	// AllowHTTPPush accepts push endpoints without TLS (development and tests only); in
	// production a push endpoint must be https, as every browser's push service is.
	AllowHTTPPush bool
}

// Service is the notify domain.
type Service struct {
	db       *gorm.DB
	audit    *audit.Log
	clock    platform.Clock
	settings Settings
	client   *http.Client

	keyMu            sync.Mutex
	vapidPub, vapidK string // the VAPID pair once read (it never changes)
}

// NewService returns the notify service.
func NewService(db *gorm.DB, log *audit.Log, clock platform.Clock, s Settings) *Service {
	return &Service{db: db, audit: log, clock: clock, settings: s, client: &http.Client{Timeout: 10 * time.Second}}
}

// self is the audit event of a user reading or changing their own notification settings (the
// email address is personal data).
func self(userID, action, resourceType, resourceID string) audit.Event {
	return audit.Event{ActorID: userID, Action: action, ResourceType: resourceType, ResourceID: resourceID, Basis: audit.BasisSelf}
}

// DevMailbox reports whether emails go to the in-app mailbox.
func (s *Service) DevMailbox() bool { return s.settings.DevMailbox && s.settings.SMTPAddr == "" }

// Prefs are a user's choices.
type Prefs struct {
	Email        string  `json:"email"`
	EmailEnabled bool    `json:"email_enabled"`
	PushEnabled  bool    `json:"push_enabled"`
	QuietFrom    *string `json:"quiet_from"` // HH:MM, in TimeZone
	QuietTo      *string `json:"quiet_to"`
	TimeZone     string  `json:"time_zone"`
}

var defaultPrefs = Prefs{EmailEnabled: true, PushEnabled: true, TimeZone: "Europe/Belgrade"}

// GetPrefs returns the user's choices (the defaults when none were made); the read is audited.
func (s *Service) GetPrefs(ctx context.Context, userID string) (Prefs, error) {
	p, err := s.prefs(s.db.WithContext(ctx), userID)
	if err != nil {
		return Prefs{}, err
	}
	return p, s.audit.Record(ctx, self(userID, "notify.prefs_read", "user", userID))
}

func (s *Service) prefs(db *gorm.DB, userID string) (Prefs, error) {
	var rows []Prefs
	if err := db.Raw(`SELECT email, email_enabled, push_enabled, to_char(quiet_from, 'HH24:MI') AS quiet_from,
		to_char(quiet_to, 'HH24:MI') AS quiet_to, time_zone FROM notification_prefs WHERE user_id = ?`, userID).Scan(&rows).Error; err != nil {
		return Prefs{}, err
	}
	if len(rows) == 0 {
		return defaultPrefs, nil
	}
	return rows[0], nil
}

var (
	emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	hhmm         = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
)

// SetPrefs saves the user's choices, audited in the same transaction. EINVALID names email,
// quiet_from, quiet_to or time_zone.
func (s *Service) SetPrefs(ctx context.Context, userID string, p Prefs) (Prefs, error) {
	p.Email = strings.TrimSpace(p.Email)
	var v platform.Validator
	v.Check(p.Email == "" || (len(p.Email) <= 254 && emailPattern.MatchString(p.Email)), "email", "Give an email address such as ime@primer.rs, or none.")
	v.Check((p.QuietFrom == nil) == (p.QuietTo == nil), "quiet_to", "Give both ends of the quiet hours, or neither.")
	v.Check(p.QuietFrom == nil || hhmm.MatchString(*p.QuietFrom), "quiet_from", "Give a time such as 22:00.")
	v.Check(p.QuietTo == nil || hhmm.MatchString(*p.QuietTo), "quiet_to", "Give a time such as 07:00.")
	if p.TimeZone == "" {
		p.TimeZone = defaultPrefs.TimeZone
	}
	_, err := time.LoadLocation(p.TimeZone)
	v.Check(err == nil && p.TimeZone != "Local", "time_zone", "Give a time zone such as Europe/Belgrade.")
	if err := v.Err(); err != nil {
		return Prefs{}, err
	}
	var out Prefs
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`INSERT INTO notification_prefs (user_id, email, email_enabled, push_enabled, quiet_from, quiet_to, time_zone, updated_at)
		VALUES (?, ?, ?, ?, ?::time, ?::time, ?, ?) ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, email_enabled = EXCLUDED.email_enabled,
		push_enabled = EXCLUDED.push_enabled, quiet_from = EXCLUDED.quiet_from, quiet_to = EXCLUDED.quiet_to, time_zone = EXCLUDED.time_zone,
		updated_at = EXCLUDED.updated_at`, userID, p.Email, p.EmailEnabled, p.PushEnabled, p.QuietFrom, p.QuietTo, p.TimeZone, s.clock.Now()).Error; err != nil {
			return err
		}
		if err := s.audit.RecordTx(ctx, tx, self(userID, "notify.prefs_change", "user", userID)); err != nil {
			return err
		}
		out, err = s.prefs(tx, userID)
		return err
	})
	return out, err
}

// quiet reports whether at falls in the user's quiet hours (which may run over midnight).
func quiet(p Prefs, at time.Time) bool {
	if p.QuietFrom == nil || p.QuietTo == nil {
		return false
	}
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	now := at.In(loc).Format("15:04")
	from, to := *p.QuietFrom, *p.QuietTo
	if from <= to {
		return now >= from && now < to
	}
	return now >= from || now < to
}

// Subscription is a browser's push subscription.
type Subscription struct {
	ID        string    `json:"id"`
	Endpoint  string    `json:"endpoint"`
	CreatedAt time.Time `json:"created_at"`
}

// Subscribe records a browser's push subscription for the user (the same endpoint again
// replaces it). EINVALID names endpoint, keys.p256dh or keys.auth.
func (s *Service) Subscribe(ctx context.Context, userID, endpoint, p256dh, auth string) (Subscription, error) {
	var v platform.Validator
	v.Check((strings.HasPrefix(endpoint, "https://") || (s.settings.AllowHTTPPush && strings.HasPrefix(endpoint, "http://"))) && len(endpoint) <= 2000,
		"endpoint", "Give the subscription's https endpoint URL, as the browser's push service gave it.")
	v.Check(p256dh != "" && len(p256dh) <= 200, "keys.p256dh", "Give the subscription's p256dh key.")
	v.Check(auth != "" && len(auth) <= 100, "keys.auth", "Give the subscription's auth secret.")
	if err := v.Err(); err != nil {
		return Subscription{}, err
	}
	out := Subscription{ID: platform.NewID(), Endpoint: endpoint, CreatedAt: s.clock.Now()}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Raw(`INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, created_at = EXCLUDED.created_at
		RETURNING id`, out.ID, userID, endpoint, p256dh, auth, out.CreatedAt).Scan(&out.ID).Error; err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, self(userID, "notify.push_subscribe", "push_subscription", out.ID))
	})
	return out, err
}

// Unsubscribe forgets one of the user's subscriptions. ENOTFOUND.
func (s *Service) Unsubscribe(ctx context.Context, userID, id string) error {
	if !platform.ValidID(id) {
		return platform.Errorf(platform.ENOTFOUND, "Subscription not found.")
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r := tx.Exec(`DELETE FROM push_subscriptions WHERE id = ? AND user_id = ?`, id, userID)
		if r.Error != nil {
			return r.Error
		}
		if r.RowsAffected == 0 {
			return platform.Errorf(platform.ENOTFOUND, "Subscription not found.")
		}
		return s.audit.RecordTx(ctx, tx, self(userID, "notify.push_unsubscribe", "push_subscription", id))
	})
}

// VAPIDPublicKey is the key browsers subscribe with; the pair is made once and kept.
func (s *Service) VAPIDPublicKey(ctx context.Context) (string, error) {
	pub, _, err := s.vapid(ctx)
	return pub, err
}

func (s *Service) vapid(ctx context.Context) (string, string, error) {
	s.keyMu.Lock()
	defer s.keyMu.Unlock()
	if s.vapidPub == "" {
		pub, priv, err := s.loadVAPID(ctx)
		if err != nil {
			return "", "", err
		}
		s.vapidPub, s.vapidK = pub, priv
	}
	return s.vapidPub, s.vapidK, nil
}

// loadVAPID reads the pair, making and keeping it the first time (the first process wins).
func (s *Service) loadVAPID(ctx context.Context) (string, string, error) {
	db := s.db.WithContext(ctx)
	var rows []struct{ PublicKey, PrivateKey string }
	if err := db.Raw(`SELECT public_key, private_key FROM vapid_keys WHERE id = 1`).Scan(&rows).Error; err != nil {
		return "", "", err
	}
	if len(rows) == 1 {
		return rows[0].PublicKey, rows[0].PrivateKey, nil
	}
	priv, pub, err := webpush.GenerateVAPIDKeys()
	if err != nil {
		return "", "", err
	}
	if err := db.Exec(`INSERT INTO vapid_keys (id, public_key, private_key, created_at) VALUES (1, ?, ?, ?) ON CONFLICT DO NOTHING`, pub, priv, s.clock.Now()).Error; err != nil {
		return "", "", err
	}
	return s.loadVAPID(ctx)
}

// Mail is an email in the development mailbox.
type Mail struct {
	ID      string    `json:"id"`
	To      string    `json:"to"`
	Subject string    `json:"subject"`
	Body    string    `json:"body"`
	At      time.Time `json:"at"`
}

// Mailbox lists the user's emails in the development mailbox, newest first. ENOTFOUND when
// emails go out by SMTP.
func (s *Service) Mailbox(ctx context.Context, userID string) ([]Mail, error) {
	if !s.DevMailbox() {
		return nil, platform.Errorf(platform.ENOTFOUND, "This server sends email by SMTP; it keeps no mailbox.")
	}
	out := []Mail{}
	if err := s.db.WithContext(ctx).Raw(`SELECT id, to_addr AS "to", subject, body, at FROM dev_mailbox WHERE user_id = ? ORDER BY at DESC LIMIT 100`, userID).Scan(&out).Error; err != nil {
		return nil, err
	}
	return out, s.audit.Record(ctx, self(userID, "notify.mailbox_read", "user", userID))
}

// words are the email texts per language; an alert's kind is named, never its content.
var words = map[string]struct{ subject, body, urgent string }{
	"sr-Latn": {"Zajedno: novo upozorenje", "Imate novo upozorenje u Zajedno (%s). Otvorite ga: %s", "HITNO — "},
	"sr-Cyrl": {"Заједно: ново упозорење", "Имате ново упозорење у Заједно (%s). Отворите га: %s", "ХИТНО — "},
	"en":      {"Zajedno: a new alert", "You have a new alert in Zajedno (%s). Open it: %s", "URGENT — "},
}

// pending is an alert to deliver, with its user's choices.
type pending struct {
	ID, UserID, Kind, Language string
	Urgent, Active             bool
	Prefs
}

// senders is how many alerts are delivered at once: a slow mail or push server holds up one
// of them, not the whole batch.
const senders = 8

// Deliver sends every alert not yet delivered, by the channels its user chose, and logs each
// delivery. Each alert is claimed once (at most once, even with several server processes).
// An alert of a deactivated account is logged as off and not sent. It returns how many alerts
// it handled.
func (s *Service) Deliver(ctx context.Context) (int, error) {
	now := s.clock.Now()
	db := s.db.WithContext(ctx)
	var due []pending
	err := db.Raw(`WITH claimed AS (
			UPDATE alerts SET delivered_at = ? WHERE id IN (
				SELECT id FROM alerts WHERE delivered_at IS NULL ORDER BY created_at LIMIT 200 FOR UPDATE SKIP LOCKED)
			RETURNING id, user_id, kind, urgent)
		SELECT c.id, c.user_id, c.kind, c.urgent, u.language, u.active,
			COALESCE(p.email, '') AS email, COALESCE(p.email_enabled, true) AS email_enabled, COALESCE(p.push_enabled, true) AS push_enabled,
			to_char(p.quiet_from, 'HH24:MI') AS quiet_from, to_char(p.quiet_to, 'HH24:MI') AS quiet_to, COALESCE(p.time_zone, 'Europe/Belgrade') AS time_zone
		FROM claimed c JOIN users u ON u.id = c.user_id LEFT JOIN notification_prefs p ON p.user_id = c.user_id`, now).Scan(&due).Error
	if err != nil {
		return 0, err
	}
	var wg sync.WaitGroup
	slots := make(chan struct{}, senders)
	for _, a := range due {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			if !a.Active {
				s.log(ctx, a.ID, "email", outcome{"off", "account deactivated"})
				s.log(ctx, a.ID, "push", outcome{"off", "account deactivated"})
				return
			}
			hushed := !a.Urgent && quiet(a.Prefs, now)
			s.log(ctx, a.ID, "email", s.email(ctx, a, hushed))
			s.log(ctx, a.ID, "push", s.push(ctx, a, hushed))
		})
	}
	wg.Wait()
	return len(due), nil
}

type outcome struct{ what, detail string }

func (s *Service) log(ctx context.Context, alertID, channel string, o outcome) {
	_ = s.db.WithContext(ctx).Exec(`INSERT INTO notification_deliveries (alert_id, channel, outcome, detail, at) VALUES (?, ?, ?, ?, ?)`,
		alertID, channel, o.what, o.detail, s.clock.Now()).Error
}

func (s *Service) email(ctx context.Context, a pending, hushed bool) outcome {
	switch {
	case !a.EmailEnabled:
		return outcome{"off", ""}
	case hushed:
		return outcome{"quiet_hours", ""}
	case a.Email == "":
		return outcome{"no_address", ""}
	}
	w, ok := words[a.Language]
	if !ok {
		w = words["en"]
	}
	subject := w.subject
	if a.Urgent {
		subject = w.urgent + subject
	}
	body := fmt.Sprintf(w.body, a.Kind, strings.TrimRight(s.settings.PublicURL, "/")+"/alerts/"+a.ID)
	if s.DevMailbox() {
		if err := s.db.WithContext(ctx).Exec(`INSERT INTO dev_mailbox (id, user_id, to_addr, subject, body, at) VALUES (?, ?, ?, ?, ?, ?)`,
			platform.NewID(), a.UserID, a.Email, subject, body, s.clock.Now()).Error; err != nil {
			return outcome{"failed", "dev mailbox"}
		}
		return outcome{"sent", "dev mailbox"}
	}
	if s.settings.SMTPAddr == "" {
		return outcome{"off", "no SMTP server configured"}
	}
	msg := "From: " + s.settings.SMTPFrom + "\r\nTo: " + a.Email + "\r\nSubject: " + mimeWord(subject) +
		"\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n"
	var auth smtp.Auth
	if s.settings.SMTPUser != "" {
		host, _, _ := strings.Cut(s.settings.SMTPAddr, ":")
		auth = smtp.PlainAuth("", s.settings.SMTPUser, s.settings.SMTPPassword, host)
	}
	if err := smtp.SendMail(s.settings.SMTPAddr, auth, s.settings.SMTPFrom, []string{a.Email}, []byte(msg)); err != nil {
		return outcome{"failed", smtpFailure(err)}
	}
	return outcome{"sent", "smtp"}
}

// smtpFailure says why a send failed without the server's text, which may quote the address.
func smtpFailure(err error) string {
	var te *textproto.Error
	var ne net.Error
	switch {
	case errors.As(err, &te):
		return fmt.Sprintf("smtp: the server answered %d", te.Code)
	case errors.As(err, &ne):
		return "smtp: the server could not be reached"
	default:
		return "smtp: the conversation failed"
	}
}

// mimeWord encodes a header that is not plain ASCII (RFC 2047).
func mimeWord(s string) string {
	for _, r := range s {
		if r > 127 {
			return "=?utf-8?b?" + base64.StdEncoding.EncodeToString([]byte(s)) + "?="
		}
	}
	return s
}

// PushPayload is all a push message carries.
type PushPayload struct {
	AlertID string `json:"alert_id"`
}

func (s *Service) push(ctx context.Context, a pending, hushed bool) outcome {
	if !a.PushEnabled {
		return outcome{"off", ""}
	}
	if hushed {
		return outcome{"quiet_hours", ""}
	}
	var subs []struct{ ID, Endpoint, P256dh, Auth string }
	if err := s.db.WithContext(ctx).Raw(`SELECT id, endpoint, p256dh, auth FROM push_subscriptions WHERE user_id = ?`, a.UserID).Scan(&subs).Error; err != nil {
		return outcome{"failed", "database"}
	}
	if len(subs) == 0 {
		return outcome{"no_address", ""}
	}
	pub, priv, err := s.vapid(ctx)
	if err != nil {
		return outcome{"failed", "vapid keys"}
	}
	payload, _ := json.Marshal(PushPayload{AlertID: a.ID})
	urgency := webpush.UrgencyNormal
	if a.Urgent {
		urgency = webpush.UrgencyHigh
	}
	sent := 0
	var failures []string
	for _, sub := range subs {
		res, err := webpush.SendNotificationWithContext(ctx, payload, &webpush.Subscription{Endpoint: sub.Endpoint,
			Keys: webpush.Keys{P256dh: sub.P256dh, Auth: sub.Auth}}, &webpush.Options{HTTPClient: s.client, Subscriber: s.settings.VAPIDSubject,
			VAPIDPublicKey: pub, VAPIDPrivateKey: priv, TTL: 3600, Urgency: urgency})
		if err != nil {
			failures = append(failures, "not reached")
			continue
		}
		res.Body.Close()
		switch {
		case res.StatusCode == http.StatusNotFound || res.StatusCode == http.StatusGone:
			_ = s.db.WithContext(ctx).Exec(`DELETE FROM push_subscriptions WHERE id = ?`, sub.ID).Error // the browser unsubscribed
			failures = append(failures, fmt.Sprintf("HTTP %d, subscription removed", res.StatusCode))
		case res.StatusCode < 300:
			sent++
		default:
			failures = append(failures, fmt.Sprintf("HTTP %d", res.StatusCode))
		}
	}
	detail := fmt.Sprintf("%d of %d subscriptions", sent, len(subs))
	if len(failures) > 0 {
		detail += "; push service: " + strings.Join(failures, ", ")
	}
	if sent == 0 {
		return outcome{"failed", detail}
	}
	return outcome{"sent", detail}
}
