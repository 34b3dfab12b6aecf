// Command zajedno is the whole server: `serve`, `migrate` and `seed demo`.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/zajedno/zajedno/backend/internal/accounts"
	"github.com/zajedno/zajedno/backend/internal/app"
	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/cases"
	"github.com/zajedno/zajedno/backend/internal/config"
	"github.com/zajedno/zajedno/backend/internal/database"
	"github.com/zajedno/zajedno/backend/internal/platform"
	"github.com/zajedno/zajedno/frontend"
	"github.com/zajedno/zajedno/seeds"
)

const usage = `usage: zajedno <command>
  serve       serve the API, the websocket and the web app on ZAJEDNO_ADDR
  migrate     apply the database migrations to DATABASE_URL
  seed demo   load the demo data set (refused when ZAJEDNO_ENV=production)
  admin create <username> <display name>
              create the first administrator of a new installation and print a
              temporary password (refused once an active administrator exists)
  send-event -system <id> [-url URL] [-file event.json] [-key K]
              sign an event as a partner system does (secret in ZAJEDNO_SYSTEM_SECRET)
              and send it to POST /api/v1/inbound/events
Configuration comes from the environment; see README.md.`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "zajedno:", err)
		os.Exit(1)
	}
}

// run is main without the process: tests call it with their own environment. listening, when
// not nil, receives the address the server listens on.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, listening chan<- string) error {
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return errors.New("no command given")
	}
	switch args[0] {
	case "serve":
		return serve(ctx, cfg, log, stdout, listening)
	case "migrate":
		return migrate(ctx, cfg, log)
	case "seed":
		if len(args) != 2 || args[1] != "demo" {
			return errors.New("the only data set is 'demo': zajedno seed demo")
		}
		return seedDemo(ctx, cfg, stdout)
	case "admin":
		if len(args) < 4 || args[1] != "create" {
			return errors.New("usage: zajedno admin create <username> <display name>")
		}
		return createAdmin(ctx, cfg, log, stdout, args[2], strings.Join(args[3:], " "))
	case "send-event":
		return sendEvent(ctx, args[1:], getenv, stdout)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	fmt.Fprintln(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}))
}

func migrate(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	if err := cfg.RequireDatabase(); err != nil {
		return err
	}
	db, err := database.Open(ctx, cfg.DatabaseURL, 2)
	if err != nil {
		return err
	}
	if err := database.Migrate(ctx, db, log); err != nil {
		return err
	}
	log.Info("database is up to date")
	return nil
}

func seedDemo(ctx context.Context, cfg config.Config, stdout io.Writer) error {
	if cfg.Production() {
		return errors.New("the demo data set is refused when ZAJEDNO_ENV=production: it has known passwords")
	}
	if err := cfg.RequireDatabase(); err != nil {
		return err
	}
	db, err := database.Open(ctx, cfg.DatabaseURL, 2)
	if err != nil {
		return err
	}
	if err := seeds.Demo(ctx, db, accounts.HashPassword, cases.SnapshotPlanTx); err != nil {
		return err
	}
	names := make([]string, len(seeds.Users))
	for i, u := range seeds.Users {
		names[i] = u.Username()
	}
	fmt.Fprintf(stdout, "Demo data loaded. Demo logins (password %q): %s\n", seeds.DemoPassword, strings.Join(names, ", "))
	return nil
}

func createAdmin(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer, username, displayName string) error {
	if err := cfg.RequireDatabase(); err != nil {
		return err
	}
	db, err := database.Open(ctx, cfg.DatabaseURL, 2)
	if err != nil {
		return err
	}
	al, err := audit.Open(ctx, db, platform.SystemClock{}, "console", 1)
	if err != nil {
		return err
	}
	defer al.Close()
	acc := accounts.NewService(db, al, platform.SystemClock{}, accounts.Settings{Production: cfg.Production()})
	u, temp, err := acc.Bootstrap(ctx, username, displayName)
	if err != nil {
		return err
	}
	log.Info("first administrator created", "user_id", u.ID)
	fmt.Fprintf(stdout, "Administrator %s created. Temporary password (shown once, changed at the first login): %s\n", u.Username, temp)
	return nil
}

func serve(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer, listening chan<- string) error {
	if err := cfg.RequireDatabase(); err != nil {
		return err
	}
	db, err := database.Open(ctx, cfg.DatabaseURL, cfg.DBMaxConns)
	if err != nil {
		return err
	}
	if n, err := database.Pending(ctx, db); err != nil {
		return err
	} else if n > 0 {
		log.Warn("migrations are pending: /readyz answers 503 until 'zajedno migrate' runs", "pending", n)
	}
	clock := platform.SystemClock{}
	host, _ := os.Hostname()
	auditLog, err := audit.Open(ctx, db, clock, fmt.Sprintf("%s/%d", host, os.Getpid()), cfg.AuditBatchMax)
	if err != nil {
		return err
	}
	defer auditLog.Close()
	proc, err := app.Start(ctx, cfg, log, db, clock, auditLog, frontend.FS())
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	srv := proc.Server

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s (is another server running there? set ZAJEDNO_ADDR): %w", cfg.Addr, err)
	}
	url := "http://" + ln.Addr().String()
	log.Info("listening", "url", url, "env", cfg.Env)
	fmt.Fprintf(stdout, "Zajedno is serving at %s (Ctrl-C stops it)\n", url)
	if listening != nil {
		listening <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.App.Listener(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	if err := srv.App.ShutdownWithTimeout(cfg.ShutdownGracePeriod); err != nil {
		log.Warn("shutdown", "error", err.Error())
	}
	return nil
}
