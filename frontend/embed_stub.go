//go:build !embedspa

// Package frontend embeds the built SPA into the binary. This file is the Go-only build
// (no -tags embedspa): there is no SPA and the server says how to build one.
package frontend

import "io/fs"

// FS returns nil: this build has no SPA.
func FS() fs.FS { return nil }
