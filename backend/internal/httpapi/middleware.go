package httpapi

import (
	"net"
	"regexp"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/zajedno/zajedno/backend/internal/accounts"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

const (
	localRequestID = "zajedno.request_id"
	headerCSRF     = "X-CSRF-Token"
	cookieSession  = "zajedno_session"
	cookieCSRF     = "zajedno_csrf"
)

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

func requestID(c *fiber.Ctx) string { s, _ := c.Locals(localRequestID).(string); return s }

// requestMeta gives every request an id (a well-formed incoming X-Request-ID is kept) and puts
// the request's metadata in its context.
func (s *Server) requestMeta(c *fiber.Ctx) error {
	id := c.Get(fiber.HeaderXRequestID)
	if !requestIDPattern.MatchString(id) {
		id = uuid.NewString()
	}
	c.Locals(localRequestID, id)
	c.Set(fiber.HeaderXRequestID, id)
	c.SetUserContext(platform.WithRequest(c.UserContext(), platform.RequestMeta{
		RequestID: id, ClientIP: s.clientIP(c), UserAgent: strings.Clone(c.Get(fiber.HeaderUserAgent)),
	}))
	return c.Next()
}

// clientIP is the peer's address or, when the peer is a configured trusted proxy, the last
// address in X-Forwarded-For: the one that proxy appended. Addresses further left are
// whatever the client wrote and are never believed.
func (s *Server) clientIP(c *fiber.Ctx) string {
	remote := c.Context().RemoteIP().String()
	if len(s.Config.TrustedProxies) == 0 || !c.IsProxyTrusted() {
		return remote
	}
	if ips := c.IPs(); len(ips) > 0 {
		if ip := net.ParseIP(strings.TrimSpace(ips[len(ips)-1])); ip != nil {
			return ip.String()
		}
	}
	return remote
}

const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
	"form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every answer carries.
func (s *Server) securityHeaders(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentSecurityPolicy, contentSecurityPolicy)
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
	c.Set(fiber.HeaderXFrameOptions, "DENY")
	c.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	c.Set("Cross-Origin-Opener-Policy", "same-origin")
	if s.Config.Production() {
		c.Set(fiber.HeaderStrictTransportSecurity, "max-age=63072000; includeSubDomains")
	}
	if strings.HasPrefix(c.Path(), APIPrefix) {
		c.Set(fiber.HeaderCacheControl, "no-store")
	}
	return c.Next()
}

// observe logs each request (method, route template, status, duration, request id: never a
// query string, body, token or personal data) and records its metrics.
func (s *Server) observe(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	if err != nil {
		if herr := s.App.Config().ErrorHandler(c, err); herr != nil {
			_ = c.SendStatus(fiber.StatusInternalServerError)
		}
	}
	status := c.Response().StatusCode()
	route := c.Route().Path
	elapsed := time.Since(start)
	s.metrics.observe(c.Method(), route, status, elapsed)
	if route != "/healthz" && route != "/readyz" && route != "/metrics" {
		s.Log.InfoContext(c.UserContext(), "request", "method", c.Method(), "route", route, "status", status,
			"duration_ms", float64(elapsed.Microseconds())/1000, "request_id", requestID(c))
	}
	return nil
}

// limitBody answers 413 for a body larger than ZAJEDNO_BODY_LIMIT_BYTES, except a file upload
// to a case (multipart to POST /cases/{id}/attachments), which has its own, larger limit.
func (s *Server) limitBody(c *fiber.Ctx) error {
	if len(c.Request().Body()) > s.Config.BodyLimit && !isUpload(c) {
		return platform.Errorf(platform.ETOOLARGE, "The request body is larger than this server accepts.")
	}
	return c.Next()
}

// token returns the session token of the request and whether it came from the cookie.
func token(c *fiber.Ctx) (string, bool) {
	if h := c.Get(fiber.HeaderAuthorization); h != "" {
		if t, ok := strings.CutPrefix(h, "Bearer "); ok {
			return strings.TrimSpace(t), false
		}
		return "", false
	}
	return c.Cookies(cookieSession), true
}

func safeMethod(m string) bool {
	return m == fiber.MethodGet || m == fiber.MethodHead || m == fiber.MethodOptions
}

// guard enforces a route's declared rule: authentication (Bearer or cookie, with a CSRF token
// on cookie-authenticated writes), what a restricted account may do, and casbin.
func (s *Server) guard(info routeInfo) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if info.Rule.Kind == authz.KindPublic {
			return c.Next()
		}
		tok, viaCookie := token(c)
		id, err := s.Accounts.Authenticate(c.UserContext(), tok)
		if err != nil {
			return err
		}
		if viaCookie && !safeMethod(c.Method()) && !id.CheckCSRF(c.Get(headerCSRF)) {
			return platform.Errorf(platform.EFORBIDDEN, "The request lacks the CSRF token. Reload the page and try again.")
		}
		p := principalOf(id, viaCookie)
		if code := s.Accounts.Restricted(id.User, s.Authz.Can(p, "mfa", "required")); code != "" && !info.AllowRestricted {
			if code == platform.EPASSWORDCHANGE {
				return platform.Errorf(code, "Change your temporary password before you go on.")
			}
			return platform.Errorf(code, "Set up a second factor (an authenticator app) before you go on.")
		}
		if !s.Authz.Allows(p, info.Rule) {
			return platform.Errorf(platform.EFORBIDDEN, "Your role does not allow this.")
		}
		c.Locals(localIdentity, id)
		c.SetUserContext(authz.WithPrincipal(c.UserContext(), p))
		return c.Next()
	}
}

func principalOf(id accounts.Identity, viaCookie bool) *authz.Principal {
	u := id.User
	return &authz.Principal{
		UserID: u.ID, Username: u.Username, DisplayName: u.DisplayName, AgencyID: u.AgencyID, Roles: u.Roles,
		SessionID: id.SessionID, MustChangePassword: u.MustChangePassword, MFAEnabled: u.MFAEnabled,
		Language: u.Language, ViaCookie: viaCookie,
	}
}

// isUpload tells a file upload to a case, the one route that takes more than the body limit.
func isUpload(c *fiber.Ctx) bool {
	p, ok := strings.CutPrefix(c.Path(), APIPrefix+"/cases/")
	return ok && c.Method() == fiber.MethodPost && strings.HasPrefix(c.Get(fiber.HeaderContentType), fiber.MIMEMultipartForm) &&
		strings.Count(p, "/") == 1 && strings.HasSuffix(p, "/attachments")
}
