// Package app assembles one server process: the domain services, the websocket hub and the
// chat gateway, wired to one another behind the HTTP edge. The command and the tests build
// the same process with it.
package app

import (
	"context"
	"io/fs"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/accounts"
	"github.com/zajedno/zajedno/backend/internal/alerts"
	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/cases"
	"github.com/zajedno/zajedno/backend/internal/chat"
	"github.com/zajedno/zajedno/backend/internal/config"
	"github.com/zajedno/zajedno/backend/internal/directory"
	"github.com/zajedno/zajedno/backend/internal/dutyreport"
	"github.com/zajedno/zajedno/backend/internal/httpapi"
	"github.com/zajedno/zajedno/backend/internal/inbound"
	"github.com/zajedno/zajedno/backend/internal/measures"
	"github.com/zajedno/zajedno/backend/internal/meetings"
	"github.com/zajedno/zajedno/backend/internal/notify"
	"github.com/zajedno/zajedno/backend/internal/oncall"
	"github.com/zajedno/zajedno/backend/internal/platform"
	"github.com/zajedno/zajedno/backend/internal/protection"
	"github.com/zajedno/zajedno/backend/internal/realtime"
	"github.com/zajedno/zajedno/backend/internal/referrals"
	"github.com/zajedno/zajedno/backend/internal/risk"
)

// Process is one server process's worth of services.
type Process struct {
	Server   *httpapi.Server
	Hub      *realtime.Hub
	Accounts *accounts.Service
	Gateway  *chat.Gateway
	// Done is closed when the background work has stopped, after ctx ended.
	Done <-chan struct{}
}

// Start builds the process over db and runs its background work (the chat listener, the
// sweep of expired sessions) until ctx ends. It returns once the chat listener is up, so
// that nothing sent before is missed. spa is the built web app, or nil.
func Start(ctx context.Context, cfg config.Config, log *slog.Logger, db *gorm.DB, clock platform.Clock, al *audit.Log, spa fs.FS) (Process, error) {
	authorizer, err := authz.New(ctx, db)
	if err != nil {
		return Process{}, err
	}
	hub := realtime.NewHub(log, cfg.WSAllowedOrigins)
	acc := accounts.NewService(db, al, clock, accounts.Settings{
		IdleTimeout: cfg.SessionIdleTimeout, MaxAge: cfg.SessionMaxAge, LoginWindow: cfg.LoginWindow,
		MaxFailures: cfg.LoginMaxFailures, IPMaxFailures: cfg.LoginIPMaxFailures, Production: cfg.Production(),
	})
	caseService := cases.NewService(db, al, clock, authorizer, cases.Settings{EmergencyAccessFor: cfg.EmergencyAccessFor})
	chatService := chat.NewService(db, al, clock, caseService, chat.Settings{SendsPerMinute: cfg.ChatSendsPerMinute, SendBurst: cfg.ChatSendBurst})
	gateway := chat.NewGateway(chatService, log, cfg.DatabaseURL, httpapi.StatusOf)
	hub.Handle(gateway)
	gateway.OnSessionsEnded(hub.DisconnectSessions)
	gateway.OnAlert(hub.SendToUser)
	acc.OnSessionsEnded(gateway.SessionsEnded)
	caseService.OnAccessEnded(gateway.AccessEnded)

	ready, done := make(chan struct{}), make(chan struct{})
	referralService := referrals.NewService(db, al, clock, caseService)
	onCall := oncall.NewService(db, al, clock, authorizer)
	go platform.Every(ctx, 30*time.Second, func(ctx context.Context) error { _, err := onCall.Escalate(ctx); return err }, func(err error) {
		log.WarnContext(ctx, "on-call escalations not checked", "error", err.Error())
	})
	go hub.Sweep(ctx, time.Minute, acc.LiveSessions)
	alertService := alerts.NewService(db, clock)
	notifier := notify.NewService(db, al, clock, notify.Settings{PublicURL: cfg.PublicURL, SMTPAddr: cfg.SMTPAddr, SMTPFrom: cfg.SMTPFrom,
		SMTPUser: cfg.SMTPUser, SMTPPassword: cfg.SMTPPassword, DevMailbox: !cfg.Production(), VAPIDSubject: cfg.VAPIDSubject, AllowHTTPPush: !cfg.Production()})
	go platform.Every(ctx, 10*time.Second, func(ctx context.Context) error { _, err := notifier.Deliver(ctx); return err }, func(err error) {
		log.WarnContext(ctx, "alerts not delivered by email or push", "error", err.Error())
	})
	go platform.Every(ctx, time.Minute, func(ctx context.Context) error { _, err := alertService.AlertTasks(ctx); return err }, func(err error) {
		log.WarnContext(ctx, "task due times not checked", "error", err.Error())
	})
	go platform.Every(ctx, time.Minute, func(ctx context.Context) error { _, err := referralService.AlertBreaches(ctx); return err }, func(err error) {
		log.WarnContext(ctx, "referral response times not checked", "error", err.Error())
	})
	measureService := measures.NewService(db, al, clock, authorizer, caseService,
		measures.Settings{ExtensionFromExpiry: cfg.ExtensionFrom == "expiry", Reminders: cfg.DeadlineReminders})
	go platform.Every(ctx, 30*time.Second, func(ctx context.Context) error { _, _, err := measureService.Sweep(ctx); return err }, func(err error) {
		log.WarnContext(ctx, "urgent-measure deadlines not checked", "error", err.Error())
	})
	meetingService := meetings.NewService(db, al, clock, caseService)
	go platform.Every(ctx, time.Minute, func(ctx context.Context) error { _, err := meetingService.AlertCadence(ctx); return err }, func(err error) {
		log.WarnContext(ctx, "coordination-group meeting cadence not checked", "error", err.Error())
	})
	go platform.Every(ctx, time.Minute, func(ctx context.Context) error { _, err := meetingService.AlertLatePreparation(ctx); return err }, func(err error) {
		log.WarnContext(ctx, "meeting preparation not checked", "error", err.Error())
	})
	riskService := risk.NewService(db, al, clock, authorizer, caseService)
	go platform.Every(ctx, time.Minute, func(ctx context.Context) error { _, err := riskService.AlertOverdueOpinions(ctx); return err }, func(err error) {
		log.WarnContext(ctx, "CSR opinion deadlines not checked", "error", err.Error())
	})
	go func() { gateway.Run(ctx, ready); close(done) }()
	select {
	case <-ready:
	case <-ctx.Done():
		return Process{}, ctx.Err()
	}
	srv := httpapi.New(httpapi.Deps{
		Config: cfg, Log: log, DB: db, Clock: clock, Audit: al, Authz: authorizer, Accounts: acc,
		Directory: directory.NewService(db, al), Realtime: hub.Serve, SPA: spa,
		Cases: caseService, Chat: chatService, Referrals: referralService, OnCall: onCall, Inbound: inbound.NewService(db, al, clock, platform.NewLimiter(float64(cfg.InboundPerMinute), cfg.InboundBurst), caseService), Notify: notifier, Alerts: alertService, Measures: measureService, Meetings: meetingService, Protection: protection.NewService(db, al, clock, caseService),
		Risk: riskService, DutyReports: dutyreport.NewService(db, al, clock, caseService),
	})
	return Process{Server: srv, Hub: hub, Accounts: acc, Gateway: gateway, Done: done}, nil
}
