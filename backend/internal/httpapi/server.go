// Package httpapi is Zajedno's HTTP edge: Fiber routes per domain, middleware, the one table
// that maps error codes to HTTP status codes, and the embedded SPA.
package httpapi

import (
	"io/fs"
	"log/slog"
	"net/http"
	"sort"
	"time"

	"github.com/gofiber/fiber/v2"
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
	"github.com/zajedno/zajedno/backend/internal/inbound"
	"github.com/zajedno/zajedno/backend/internal/measures"
	"github.com/zajedno/zajedno/backend/internal/meetings"
	"github.com/zajedno/zajedno/backend/internal/notify"
	"github.com/zajedno/zajedno/backend/internal/oncall"
	"github.com/zajedno/zajedno/backend/internal/platform"
	"github.com/zajedno/zajedno/backend/internal/protection"
	"github.com/zajedno/zajedno/backend/internal/referrals"
	"github.com/zajedno/zajedno/backend/internal/risk"
)

// APIPrefix is the base path of the API.
const APIPrefix = "/api/v1"

// Deps are what the HTTP layer needs.
type Deps struct {
	Config      config.Config
	Log         *slog.Logger
	DB          *gorm.DB
	Clock       platform.Clock
	Audit       *audit.Log
	Authz       *authz.Authorizer
	Accounts    *accounts.Service
	Directory   *directory.Service
	Cases       *cases.Service
	Alerts      *alerts.Service
	Chat        *chat.Service
	Referrals   *referrals.Service
	OnCall      *oncall.Service
	Inbound     *inbound.Service
	Notify      *notify.Service
	Measures    *measures.Service
	Meetings    *meetings.Service
	Protection  *protection.Service
	Risk        *risk.Service
	DutyReports *dutyreport.Service
	// Realtime serves the websocket of an authenticated user's session.
	Realtime func(w http.ResponseWriter, r *http.Request, p *authz.Principal)
	// SPA is the built single-page app, or nil in Go-only builds.
	SPA fs.FS
}

// Server is the Fiber app with its route table.
type Server struct {
	Deps
	App     *fiber.App
	routes  map[string]routeInfo
	metrics *metrics
}

// routeInfo is what a route declares about its protection.
type routeInfo struct {
	Rule authz.Rule
	// AllowRestricted lets a user who must first change the password or enrol a second
	// factor call the route (the profile routes that do exactly that).
	AllowRestricted bool
}

// RouteRule is a registered route and its declared rule, for tests and documentation.
type RouteRule struct {
	Method, Path string
	Rule         authz.Rule
}

// New builds the server and registers every route.
func New(d Deps) *Server {
	s := &Server{Deps: d, routes: map[string]routeInfo{}}
	cfg := fiber.Config{
		AppName:               "zajedno",
		ErrorHandler:          s.handleError,
		BodyLimit:             max(d.Config.BodyLimit, d.Config.AttachmentMaxBytes+64<<10), // uploads; limitBody keeps JSON small
		DisableStartupMessage: true,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           120 * time.Second,
	}
	if len(d.Config.TrustedProxies) > 0 {
		cfg.ProxyHeader = fiber.HeaderXForwardedFor
		cfg.EnableTrustedProxyCheck = true
		cfg.TrustedProxies = d.Config.TrustedProxies
	}
	s.App = fiber.New(cfg)
	s.metrics = newMetrics(d.DB)
	s.App.Use(s.requestMeta, s.securityHeaders, s.observe, s.limitBody)
	s.registerHealth()
	s.registerAuth()
	s.registerProfile()
	s.registerDirectory()
	s.registerUsers()
	s.registerAudit()
	s.registerCases()
	s.registerAlerts()
	s.registerWork()
	s.registerConsent()
	s.registerAttachments()
	s.registerPeople()
	s.registerChat()
	s.registerMeasures()
	s.registerMeetings()
	s.registerProtection()
	s.registerRisk()
	s.registerReferrals()
	s.registerOnCall()
	s.registerInbound()
	s.registerNotify()
	s.registerRealtime()
	s.registerSPA() // last: it answers every other GET
	return s
}

// handle registers a route with its declared authorization rule. No route is registered any
// other way, so every route has a rule (a test walks App.GetRoutes to prove it).
func (s *Server) handle(method, path string, info routeInfo, h fiber.Handler) {
	s.routes[method+" "+path] = info
	s.App.Add(method, path, s.guard(info), h)
	if method == fiber.MethodGet { // load balancers probe with HEAD
		s.App.Add(fiber.MethodHead, path, s.guard(info), h)
	}
}

func (s *Server) public(method, path string, h fiber.Handler) {
	s.handle(method, path, routeInfo{Rule: authz.Public}, h)
}

func (s *Server) perm(method, path, resource, action string, h fiber.Handler) {
	s.handle(method, path, routeInfo{Rule: authz.Perm(resource, action)}, h)
}

// Rule returns the declared rule of a registered route.
func (s *Server) Rule(method, path string) (authz.Rule, bool) {
	if method == fiber.MethodHead {
		method = fiber.MethodGet
	}
	info, ok := s.routes[method+" "+path]
	return info.Rule, ok
}

// Routes lists every declared route, sorted.
func (s *Server) Routes() []RouteRule {
	out := make([]RouteRule, 0, len(s.routes))
	for k, info := range s.routes {
		var m, p string
		for i := range k {
			if k[i] == ' ' {
				m, p = k[:i], k[i+1:]
				break
			}
		}
		out = append(out, RouteRule{Method: m, Path: p, Rule: info.Rule})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}
