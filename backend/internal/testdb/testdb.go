// Package testdb gives tests a fresh PostgreSQL database each, cloned from a template that has
// every migration applied. Tests never mock the database.
package testdb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/database"
	"github.com/zajedno/zajedno/backend/internal/platform"
	"github.com/zajedno/zajedno/migrations"
)

// EnvAdminURL names the maintenance database tests create their databases from.
const EnvAdminURL = "ZAJEDNO_TEST_DATABASE_URL"

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// AdminURL returns the maintenance database URL, failing the test when it is not set: a
// missing database is a failure, never a skip.
func AdminURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(EnvAdminURL)
	if u == "" {
		tb.Fatalf("%s is not set. Run 'make test' (it starts a local PostgreSQL), or set it to a maintenance database such as postgres://postgres@127.0.0.1:55432/postgres?sslmode=disable", EnvAdminURL)
	}
	return u
}

// URLFor returns the URL of database name on the test server.
func URLFor(tb testing.TB, name string) string {
	tb.Helper()
	u, err := url.Parse(AdminURL(tb))
	if err != nil {
		tb.Fatalf("%s: %v", EnvAdminURL, err)
	}
	u.Path = "/" + name
	return u.String()
}

func migrationsHash() string {
	h := sha256.New()
	_ = fs.WalkDir(migrations.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(migrations.FS, p)
			h.Write([]byte(p))
			h.Write(b)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func ensureTemplate(tb testing.TB, admin *sql.DB) (string, error) {
	templateOnce.Do(func() {
		ctx := context.Background()
		name := "zajedno_tmpl_" + migrationsHash()
		conn, err := admin.Conn(ctx)
		if err != nil {
			templateErr = err
			return
		}
		defer conn.Close()
		// Several test binaries start at once: one builds the template, the others wait.
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(727274)`); err != nil {
			templateErr = err
			return
		}
		defer conn.ExecContext(ctx, `SELECT pg_advisory_unlock(727274)`)
		var exists bool
		if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
			templateErr = err
			return
		}
		if !exists {
			building := name + "_building"
			_, _ = conn.ExecContext(ctx, `DROP DATABASE IF EXISTS `+building)
			if _, err := conn.ExecContext(ctx, `CREATE DATABASE `+building); err != nil {
				templateErr = err
				return
			}
			db, err := database.Open(ctx, URLFor(tb, building), 2)
			if err != nil {
				templateErr = err
				return
			}
			err = database.Migrate(ctx, db, slog.New(slog.DiscardHandler))
			if sqlDB, e := db.DB(); e == nil {
				sqlDB.Close()
			}
			if err != nil {
				templateErr = fmt.Errorf("migrate the template: %w", err)
				return
			}
			if _, err := conn.ExecContext(ctx, `ALTER DATABASE `+building+` RENAME TO `+name); err != nil {
				templateErr = err
				return
			}
		}
		templateName = name
	})
	return templateName, templateErr
}

func openAdmin(tb testing.TB) *sql.DB {
	tb.Helper()
	admin, err := sql.Open("pgx", AdminURL(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return admin
}

// MustDB returns a new, fully migrated database of its own, dropped when the test ends.
func MustDB(tb testing.TB) *gorm.DB {
	tb.Helper()
	db, _ := MustDBWithURL(tb)
	return db
}

// MustDBWithURL is MustDB that also returns the database's URL (for a server process).
func MustDBWithURL(tb testing.TB) (*gorm.DB, string) {
	tb.Helper()
	admin := openAdmin(tb)
	defer admin.Close()
	tmpl, err := ensureTemplate(tb, admin)
	if err != nil {
		tb.Fatalf("test database template: %v", err)
	}
	return create(tb, admin, "TEMPLATE "+tmpl)
}

// MustEmptyDB returns a new database with no migrations applied.
func MustEmptyDB(tb testing.TB) (*gorm.DB, string) {
	tb.Helper()
	admin := openAdmin(tb)
	defer admin.Close()
	return create(tb, admin, "")
}

func create(tb testing.TB, admin *sql.DB, clause string) (*gorm.DB, string) {
	tb.Helper()
	ctx := context.Background()
	name := "zajedno_t_" + strings.ReplaceAll(platform.NewID()[:13], "-", "")
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name+` `+clause); err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	u := URLFor(tb, name)
	db, err := database.Open(ctx, u, 10)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			sqlDB.Close()
		}
		a := openAdmin(tb)
		defer a.Close()
		_, _ = a.ExecContext(context.Background(), `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
	})
	return db, u
}
