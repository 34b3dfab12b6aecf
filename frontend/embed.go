//go:build embedspa

// Package frontend embeds the built SPA (frontend/dist) into the binary. Build with
// `-tags embedspa` after `npm run build`; `make build` does both.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// FS returns the built SPA.
func FS() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err)
	}
	return sub
}
