// Package config reads Zajedno's typed configuration from the environment.
package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Config is the whole configuration. Every field is documented in README.md.
type Config struct {
	Env                 string          // ZAJEDNO_ENV: development | test | production
	Addr                string          // ZAJEDNO_ADDR
	DatabaseURL         string          // DATABASE_URL
	DBMaxConns          int             // ZAJEDNO_DB_MAX_CONNS
	SessionIdleTimeout  time.Duration   // ZAJEDNO_SESSION_IDLE_TIMEOUT
	SessionMaxAge       time.Duration   // ZAJEDNO_SESSION_MAX_AGE
	LoginMaxFailures    int             // ZAJEDNO_LOGIN_MAX_FAILURES (per username in the window)
	LoginIPMaxFailures  int             // ZAJEDNO_LOGIN_IP_MAX_FAILURES (per client address in the window)
	LoginWindow         time.Duration   // ZAJEDNO_LOGIN_WINDOW (also the lockout length)
	BodyLimit           int             // ZAJEDNO_BODY_LIMIT_BYTES
	WSAllowedOrigins    []string        // ZAJEDNO_WS_ALLOWED_ORIGINS (comma-separated)
	TrustedProxies      []string        // ZAJEDNO_TRUSTED_PROXIES (comma-separated addresses or CIDRs)
	LogLevel            string          // ZAJEDNO_LOG_LEVEL: debug | info | warn | error
	AuditBatchMax       int             // ZAJEDNO_AUDIT_BATCH_MAX
	ShutdownGracePeriod time.Duration   // ZAJEDNO_SHUTDOWN_GRACE
	EmergencyAccessFor  time.Duration   // ZAJEDNO_EMERGENCY_ACCESS_DURATION
	AttachmentMaxBytes  int             // ZAJEDNO_ATTACHMENT_MAX_BYTES
	ChatSendsPerMinute  int             // ZAJEDNO_CHAT_SENDS_PER_MINUTE (per user, after the burst)
	ChatSendBurst       int             // ZAJEDNO_CHAT_SEND_BURST (messages a user may send at once)
	ExtensionFrom       string          // ZAJEDNO_EXTENSION_FROM: decision | expiry (what an urgent measure's 30-day extension counts from)
	DeadlineReminders   []time.Duration // ZAJEDNO_DEADLINE_REMINDERS: how long before each urgent-measure deadline a reminder goes out (e.g. 6h,1h)
	InboundPerMinute    int             // ZAJEDNO_INBOUND_REQUESTS_PER_MINUTE (per address on the public inbound route, after the burst)
	InboundBurst        int             // ZAJEDNO_INBOUND_BURST (requests an address may send at once)
	PublicURL           string          // ZAJEDNO_PUBLIC_URL: the address users open, for links in emails
	SMTPAddr            string          // ZAJEDNO_SMTP_ADDR (host:port); unset outside production: the in-app dev mailbox
	SMTPFrom            string          // ZAJEDNO_SMTP_FROM
	SMTPUser            string          // ZAJEDNO_SMTP_USER
	SMTPPassword        string          // ZAJEDNO_SMTP_PASSWORD
	VAPIDSubject        string          // ZAJEDNO_VAPID_SUBJECT: a mailto: or https: contact for push services
}

// Production reports whether the server runs in production mode.
func (c Config) Production() bool { return c.Env == "production" }

// Load reads the configuration with getenv (os.Getenv in main), applying defaults.
func Load(getenv func(string) string) (Config, error) {
	c := Config{
		Env:                 "development",
		Addr:                "127.0.0.1:8080",
		DBMaxConns:          20,
		SessionIdleTimeout:  30 * time.Minute,
		SessionMaxAge:       12 * time.Hour,
		LoginMaxFailures:    10,
		LoginIPMaxFailures:  500,
		LoginWindow:         15 * time.Minute,
		BodyLimit:           1 << 20,
		LogLevel:            "info",
		AuditBatchMax:       512,
		ShutdownGracePeriod: 10 * time.Second,
		EmergencyAccessFor:  4 * time.Hour,
		AttachmentMaxBytes:  10 << 20,
		ChatSendsPerMinute:  120,
		ChatSendBurst:       20,
		ExtensionFrom:       "decision",
		DeadlineReminders:   []time.Duration{6 * time.Hour, time.Hour},
		InboundPerMinute:    600,
		InboundBurst:        100,
		PublicURL:           "http://127.0.0.1:8080",
		SMTPFrom:            "zajedno@localhost",
		VAPIDSubject:        "zajedno@localhost",
	}
	var errs []string
	str := func(name string, dst *string) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			*dst = v
		}
	}
	num := func(name string, dst *int) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				errs = append(errs, fmt.Sprintf("%s must be a positive whole number, got %q", name, v))
				return
			}
			*dst = n
		}
	}
	dur := func(name string, dst *time.Duration) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				errs = append(errs, fmt.Sprintf("%s must be a positive duration such as 30m or 12h, got %q", name, v))
				return
			}
			*dst = d
		}
	}
	list := func(name string, dst *[]string) {
		for _, p := range strings.Split(getenv(name), ",") {
			if p = strings.TrimSpace(p); p != "" {
				*dst = append(*dst, p)
			}
		}
	}
	str("ZAJEDNO_ENV", &c.Env)
	str("ZAJEDNO_ADDR", &c.Addr)
	str("DATABASE_URL", &c.DatabaseURL)
	num("ZAJEDNO_DB_MAX_CONNS", &c.DBMaxConns)
	dur("ZAJEDNO_SESSION_IDLE_TIMEOUT", &c.SessionIdleTimeout)
	dur("ZAJEDNO_SESSION_MAX_AGE", &c.SessionMaxAge)
	num("ZAJEDNO_LOGIN_MAX_FAILURES", &c.LoginMaxFailures)
	num("ZAJEDNO_LOGIN_IP_MAX_FAILURES", &c.LoginIPMaxFailures)
	dur("ZAJEDNO_LOGIN_WINDOW", &c.LoginWindow)
	num("ZAJEDNO_BODY_LIMIT_BYTES", &c.BodyLimit)
	list("ZAJEDNO_WS_ALLOWED_ORIGINS", &c.WSAllowedOrigins)
	list("ZAJEDNO_TRUSTED_PROXIES", &c.TrustedProxies)
	str("ZAJEDNO_LOG_LEVEL", &c.LogLevel)
	num("ZAJEDNO_AUDIT_BATCH_MAX", &c.AuditBatchMax)
	dur("ZAJEDNO_SHUTDOWN_GRACE", &c.ShutdownGracePeriod)
	dur("ZAJEDNO_EMERGENCY_ACCESS_DURATION", &c.EmergencyAccessFor)
	num("ZAJEDNO_ATTACHMENT_MAX_BYTES", &c.AttachmentMaxBytes)
	num("ZAJEDNO_CHAT_SENDS_PER_MINUTE", &c.ChatSendsPerMinute)
	num("ZAJEDNO_CHAT_SEND_BURST", &c.ChatSendBurst)
	num("ZAJEDNO_INBOUND_REQUESTS_PER_MINUTE", &c.InboundPerMinute)
	num("ZAJEDNO_INBOUND_BURST", &c.InboundBurst)
	str("ZAJEDNO_EXTENSION_FROM", &c.ExtensionFrom)
	if v := getenv("ZAJEDNO_DEADLINE_REMINDERS"); v != "" {
		c.DeadlineReminders = nil
		for _, part := range strings.Split(v, ",") {
			d, err := time.ParseDuration(strings.TrimSpace(part))
			if err != nil || d <= 0 {
				errs = append(errs, fmt.Sprintf("ZAJEDNO_DEADLINE_REMINDERS must be durations such as 6h,1h, got %q", v))
				break
			}
			c.DeadlineReminders = append(c.DeadlineReminders, d)
		}
	}
	str("ZAJEDNO_PUBLIC_URL", &c.PublicURL)
	str("ZAJEDNO_SMTP_ADDR", &c.SMTPAddr)
	str("ZAJEDNO_SMTP_FROM", &c.SMTPFrom)
	str("ZAJEDNO_SMTP_USER", &c.SMTPUser)
	str("ZAJEDNO_SMTP_PASSWORD", &c.SMTPPassword)
	str("ZAJEDNO_VAPID_SUBJECT", &c.VAPIDSubject)

	switch c.Env {
	case "development", "test", "production":
	default:
		errs = append(errs, fmt.Sprintf("ZAJEDNO_ENV must be development, test or production, got %q", c.Env))
	}
	if c.ExtensionFrom != "decision" && c.ExtensionFrom != "expiry" {
		errs = append(errs, fmt.Sprintf("ZAJEDNO_EXTENSION_FROM must be decision or expiry, got %q", c.ExtensionFrom))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Sprintf("ZAJEDNO_LOG_LEVEL must be debug, info, warn or error, got %q", c.LogLevel))
	}
	if len(errs) > 0 {
		return c, fmt.Errorf("configuration: %s", strings.Join(errs, "; "))
	}
	return c, nil
}

// RequireDatabase returns an error that says what to do when DATABASE_URL is missing.
func (c Config) RequireDatabase() error {
	if c.DatabaseURL == "" {
		return fmt.Errorf("DATABASE_URL is not set: set it to a PostgreSQL URL such as postgres://user@127.0.0.1:5432/zajedno, or use 'make run', which starts a local database")
	}
	return nil
}
