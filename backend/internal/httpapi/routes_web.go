package httpapi

import (
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"

	"github.com/zajedno/zajedno/backend/internal/platform"
)

func (s *Server) registerRealtime() {
	s.perm("GET", APIPrefix+"/ws", "realtime", "connect", func(c *fiber.Ctx) error {
		p := principal(c)
		return adaptor.HTTPHandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.Realtime(w, r, p)
		})(c)
	})
}

const noSPA = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Zajedno</title></head>
<body><main><h1>Zajedno</h1><p>This build has no web app. Build it with <code>make build</code>.</p></main></body></html>`

// registerSPA serves the built single-page app: files as they are, and index.html for every
// other path that is not the API, so that client-side routes survive a reload.
func (s *Server) registerSPA() {
	s.public("GET", "/*", func(c *fiber.Ctx) error {
		p := c.Path()
		if strings.HasPrefix(p, APIPrefix+"/") || p == APIPrefix {
			return platform.Errorf(platform.ENOTFOUND, "There is nothing at this address.")
		}
		if s.SPA == nil {
			c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
			return c.SendString(noSPA)
		}
		name := strings.TrimPrefix(path.Clean("/"+p), "/")
		if name != "" && name != "index.html" {
			if b, err := fs.ReadFile(s.SPA, name); err == nil {
				if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
					c.Set(fiber.HeaderContentType, ct)
				}
				if strings.HasPrefix(name, "assets/") {
					c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
				}
				return c.Send(b)
			}
			if path.Ext(name) != "" {
				return platform.Errorf(platform.ENOTFOUND, "There is nothing at this address.")
			}
		}
		b, err := fs.ReadFile(s.SPA, "index.html")
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderCacheControl, "no-cache")
		c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
		return c.Send(b)
	})
}
