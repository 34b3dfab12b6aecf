// Package database opens PostgreSQL through GORM, applies the embedded migrations and
// translates storage errors into platform errors.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/zajedno/zajedno/backend/internal/platform"
	"github.com/zajedno/zajedno/migrations"
)

// Open connects to url and checks that the database answers.
func Open(ctx context.Context, url string, maxConns int) (*gorm.DB, error) {
	db, err := gorm.Open(postgres.Open(url), &gorm.Config{
		TranslateError: true,
		Logger:         logger.Discard, // SQL text and values may hold personal data: never logged
		NowFunc:        func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) },
	})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(maxConns)
	sqlDB.SetMaxIdleConns(maxConns)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		return nil, fmt.Errorf("the database does not answer (is PostgreSQL running and DATABASE_URL right?): %w", err)
	}
	return db, nil
}

func provider(sqlDB *sql.DB) (*goose.Provider, error) {
	// A PostgreSQL advisory lock lets several servers run migrate at once safely.
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectPostgres, sqlDB, migrations.FS, goose.WithSessionLocker(locker))
}

// Migrate applies every pending migration and logs each one.
func Migrate(ctx context.Context, db *gorm.DB, log *slog.Logger) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	p, err := provider(sqlDB)
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	results, err := p.Up(ctx)
	for _, r := range results {
		log.Info("migration applied", "version", r.Source.Version, "file", r.Source.Path, "duration", r.Duration.String())
	}
	if err != nil {
		return fmt.Errorf("apply migrations: %w", err)
	}
	return nil
}

// Pending reports how many embedded migrations are not applied yet.
func Pending(ctx context.Context, db *gorm.DB) (int, error) {
	sqlDB, err := db.DB()
	if err != nil {
		return 0, err
	}
	p, err := provider(sqlDB)
	if err != nil {
		return 0, err
	}
	status, err := p.Status(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range status {
		if s.State == goose.StatePending {
			n++
		}
	}
	return n, nil
}

// Translate turns storage errors into platform errors: not found → ENOTFOUND, duplicate →
// ECONFLICT, foreign key → EINVALID-free ECONFLICT; others pass through unchanged.
func Translate(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return platform.Errorf(platform.ENOTFOUND, "%s not found.", what)
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return platform.Errorf(platform.ECONFLICT, "%s already exists.", what)
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return platform.Errorf(platform.ECONFLICT, "%s refers to something that does not exist or is still in use.", what)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23514" { // check_violation
		return platform.Errorf(platform.EBADREQUEST, "%s has a value the database does not accept.", what)
	}
	return err
}
