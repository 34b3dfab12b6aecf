// Package migrations holds the numbered SQL files that define Zajedno's schema; the binary
// applies them with goose (see backend/internal/database).
package migrations

import "embed"

// FS holds every migration file.
//
//go:embed *.sql
var FS embed.FS
