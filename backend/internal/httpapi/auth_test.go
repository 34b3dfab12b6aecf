package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/zajedno/zajedno/backend/internal/config"
	"github.com/zajedno/zajedno/seeds"
)

func TestLogin(t *testing.T) {
	h := newHarness(t)
	t.Run("OK", func(t *testing.T) {
		r := h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": "demo.nurse", "password": seeds.DemoPassword})
		expectStatus(t, r, 200)
		var lb loginBody
		r.json(t, &lb)
		if lb.Token == "" || lb.CSRFToken == "" || lb.User.Username != "demo.nurse" || lb.User.Roles[0] != "nurse" {
			t.Fatalf("login body %+v", lb)
		}
		cookies := strings.Join(r.header.Values("Set-Cookie"), "\n")
		if !strings.Contains(cookies, "zajedno_session="+lb.Token) || !strings.Contains(cookies, "HttpOnly") || !strings.Contains(cookies, "SameSite=Lax") {
			t.Fatalf("session cookie: %s", cookies)
		}
		// The token is stored only as a hash.
		var n int64
		h.db.Raw(`SELECT count(*) FROM sessions WHERE token_hash = convert_to(?, 'UTF8')`, lb.Token).Scan(&n)
		if n != 0 {
			t.Fatal("the raw token is stored")
		}
		if h.auditCount("action = 'auth.login' AND actor_id = ?", lb.User.ID) != 1 {
			t.Fatal("the login is not audited")
		}
		// A new token at every login.
		if again := h.login("demo.nurse", seeds.DemoPassword); again.Token == lb.Token {
			t.Fatal("the same token twice")
		}
	})
	t.Run("ErrWrongPasswordAndUnknownUserAlike", func(t *testing.T) {
		wrong := h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": "demo.nurse", "password": "nope"})
		unknown := h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": "no.such.user", "password": "nope"})
		pw, pu := expectProblem(t, wrong, 401, "unauthenticated"), expectProblem(t, unknown, 401, "unauthenticated")
		if pw.Detail != pu.Detail || pw.Title != pu.Title {
			t.Fatalf("the answers differ: %q vs %q", pw.Detail, pu.Detail)
		}
		if h.auditCount("action = 'auth.login_failed'") < 2 {
			t.Fatal("failed logins are not audited")
		}
	})
	t.Run("ErrBlankFields", func(t *testing.T) {
		r := h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": " ", "password": ""})
		expectProblem(t, r, 422, "validation", "username", "password")
	})
	t.Run("ErrMalformed", func(t *testing.T) {
		expectProblem(t, h.req("POST", "/api/v1/auth/login", "", `{"username":`), 400, "bad_request")
		expectProblem(t, h.req("POST", "/api/v1/auth/login", "", `{"username":"a","password":"b","admin":true}`), 400, "bad_request")
		expectProblem(t, h.req("POST", "/api/v1/auth/login", "", `{"username":1,"password":"b"}`), 422, "validation", "username")
		expectProblem(t, h.req("POST", "/api/v1/auth/login", "", ``), 400, "bad_request")
	})
	t.Run("ErrDeactivatedUser", func(t *testing.T) {
		h.db.Exec(`UPDATE users SET active = false WHERE username = 'demo.care'`)
		expectProblem(t, h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": "demo.care", "password": seeds.DemoPassword}), 401, "unauthenticated")
	})
}

func TestLoginThrottle(t *testing.T) {
	t.Run("PerUsername", func(t *testing.T) {
		h := newHarness(t)
		for i := 0; i < 10; i++ {
			expectStatus(t, h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": "demo.police", "password": "wrong"}), 401)
		}
		// Locked now, even with the right password; an unknown name locks the same way.
		r := h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": "demo.police", "password": seeds.DemoPassword})
		expectProblem(t, r, 429, "too_many_requests")
		if ra := r.header.Get("Retry-After"); ra == "" || ra == "0" {
			t.Fatalf("Retry-After = %q", ra)
		}
		// Other users are not affected.
		h.demo("demo.nurse")
		// After 15 minutes the lockout ends.
		h.clock.Advance(15*time.Minute + time.Second)
		h.demo("demo.police")
	})
	t.Run("UnknownUsername", func(t *testing.T) {
		h := newHarness(t)
		for i := 0; i < 10; i++ {
			h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": "ghost", "password": "x"})
		}
		expectProblem(t, h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": "ghost", "password": "x"}), 429, "too_many_requests")
	})
	t.Run("PerAddress", func(t *testing.T) {
		h := newHarness(t, func(c *config.Config) { c.LoginIPMaxFailures = 5 })
		for i := 0; i < 5; i++ {
			h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": "someone" + string(rune('a'+i)), "password": "x"})
		}
		// Every username from this address is refused now.
		expectProblem(t, h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": "demo.nurse", "password": seeds.DemoPassword}), 429, "too_many_requests")
	})
}

func TestSessions(t *testing.T) {
	t.Run("LogoutEndsOnlyThisSession", func(t *testing.T) {
		h := newHarness(t)
		a, b := h.demo("demo.social"), h.demo("demo.social")
		expectStatus(t, h.req("POST", "/api/v1/auth/logout", a, nil), 204)
		expectProblem(t, h.req("GET", "/api/v1/me", a, nil), 401, "unauthenticated")
		expectStatus(t, h.req("GET", "/api/v1/me", b, nil), 200)
	})
	t.Run("LogoutAllEndsEverySession", func(t *testing.T) {
		h := newHarness(t)
		a, b := h.demo("demo.social"), h.demo("demo.social")
		other := h.demo("demo.nurse")
		expectStatus(t, h.req("POST", "/api/v1/auth/logout-all", a, nil), 204)
		expectStatus(t, h.req("GET", "/api/v1/me", a, nil), 401)
		expectStatus(t, h.req("GET", "/api/v1/me", b, nil), 401)
		expectStatus(t, h.req("GET", "/api/v1/me", other, nil), 200)
	})
	t.Run("IdleTimeout", func(t *testing.T) {
		h := newHarness(t)
		tok := h.demo("demo.social")
		h.clock.Advance(29 * time.Minute)
		expectStatus(t, h.req("GET", "/api/v1/me", tok, nil), 200)
		h.clock.Advance(29 * time.Minute) // active 29 minutes ago: still alive
		expectStatus(t, h.req("GET", "/api/v1/me", tok, nil), 200)
		h.clock.Advance(31 * time.Minute)
		expectProblem(t, h.req("GET", "/api/v1/me", tok, nil), 401, "unauthenticated")
	})
	t.Run("AbsoluteAge", func(t *testing.T) {
		h := newHarness(t)
		tok := h.demo("demo.social")
		for elapsed := time.Duration(0); elapsed < 11*time.Hour+40*time.Minute; elapsed += 20 * time.Minute {
			h.clock.Advance(20 * time.Minute)
			expectStatus(t, h.req("GET", "/api/v1/me", tok, nil), 200)
		}
		h.clock.Advance(21 * time.Minute) // 12 h 01 min after login, never idle
		expectProblem(t, h.req("GET", "/api/v1/me", tok, nil), 401, "unauthenticated")
	})
	t.Run("ListAndEnd", func(t *testing.T) {
		h := newHarness(t)
		a, b := h.demo("demo.social"), h.demo("demo.social")
		var l struct {
			Items []struct {
				ID      string `json:"id"`
				Current bool   `json:"current"`
			} `json:"items"`
		}
		r := h.req("GET", "/api/v1/me/sessions", a, nil)
		expectStatus(t, r, 200)
		r.json(t, &l)
		if len(l.Items) != 2 {
			t.Fatalf("%d sessions, want 2", len(l.Items))
		}
		var other string
		for _, s := range l.Items {
			if !s.Current {
				other = s.ID
			}
		}
		expectStatus(t, h.req("DELETE", "/api/v1/me/sessions/"+other, a, nil), 204)
		expectStatus(t, h.req("GET", "/api/v1/me", b, nil), 401)
		// Somebody else's session, or a malformed id, is not found.
		nurse := h.demo("demo.nurse")
		expectProblem(t, h.req("DELETE", "/api/v1/me/sessions/"+other, nurse, nil), 404, "not_found")
		expectProblem(t, h.req("DELETE", "/api/v1/me/sessions/not-an-id", nurse, nil), 404, "not_found")
	})
}

func cookieHeader(r response) string {
	var parts []string
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return strings.Join(parts, "; ")
}

func TestCookieSessionNeedsCSRFTokenOnWrites(t *testing.T) {
	h := newHarness(t)
	r := h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": "demo.social", "password": seeds.DemoPassword})
	var lb loginBody
	r.json(t, &lb)
	cookie := cookieHeader(r)
	// Reads work with the cookie alone.
	expectStatus(t, h.req("GET", "/api/v1/me", "", nil, "Cookie", cookie), 200)
	// Writes without the token, or with a wrong one, are refused and change nothing.
	expectProblem(t, h.req("PATCH", "/api/v1/me", "", map[string]string{"language": "en"}, "Cookie", cookie), 403, "forbidden")
	expectProblem(t, h.req("PATCH", "/api/v1/me", "", map[string]string{"language": "en"}, "Cookie", cookie, "X-CSRF-Token", "wrong"), 403, "forbidden")
	var lang string
	h.db.Raw(`SELECT language FROM users WHERE username = 'demo.social'`).Scan(&lang)
	if lang != "sr-Latn" {
		t.Fatalf("language changed to %s without a CSRF token", lang)
	}
	ok := h.req("PATCH", "/api/v1/me", "", map[string]string{"language": "sr-Cyrl"}, "Cookie", cookie, "X-CSRF-Token", lb.CSRFToken)
	expectStatus(t, ok, 200)
	// Bearer clients need no CSRF token.
	expectStatus(t, h.req("PATCH", "/api/v1/me", lb.Token, map[string]string{"language": "en"}), 200)
	expectProblem(t, h.req("PATCH", "/api/v1/me", lb.Token, map[string]string{"language": "de"}), 422, "validation", "language")
}

func totpCode(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	code, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func TestSecondFactor(t *testing.T) {
	h := newHarness(t)
	tok := h.demo("demo.lead")
	var enr struct {
		Secret string `json:"secret"`
		URL    string `json:"otpauth_url"`
		QR     string `json:"qr_png"`
	}
	r := h.req("POST", "/api/v1/me/mfa/enroll", tok, nil)
	expectStatus(t, r, 200)
	r.json(t, &enr)
	if enr.Secret == "" || !strings.HasPrefix(enr.URL, "otpauth://totp/Zajedno:demo.lead") || !strings.HasPrefix(enr.QR, "data:image/png;base64,") {
		t.Fatalf("enrolment %+v", enr)
	}
	expectProblem(t, h.req("POST", "/api/v1/me/mfa/confirm", tok, map[string]string{"code": "000000"}), 422, "validation", "code")
	var conf struct {
		Codes []string `json:"recovery_codes"`
	}
	r = h.req("POST", "/api/v1/me/mfa/confirm", tok, map[string]string{"code": totpCode(t, enr.Secret, h.clock.Now())})
	expectStatus(t, r, 200)
	r.json(t, &conf)
	if len(conf.Codes) != 10 {
		t.Fatalf("%d recovery codes, want 10", len(conf.Codes))
	}
	login := func(extra map[string]string) response {
		body := map[string]string{"username": "demo.lead", "password": seeds.DemoPassword}
		for k, v := range extra {
			body[k] = v
		}
		return h.req("POST", "/api/v1/auth/login", "", body)
	}
	if p := expectProblem(t, login(nil), 401, "mfa_required"); !p.MFARequired {
		t.Fatal("mfa_required is not true")
	}
	expectProblem(t, login(map[string]string{"totp_code": "123456"}), 401, "mfa_required")
	h.clock.Advance(30 * time.Second)
	code := totpCode(t, enr.Secret, h.clock.Now())
	expectStatus(t, login(map[string]string{"totp_code": code}), 200)
	// The same code does not work twice.
	expectProblem(t, login(map[string]string{"totp_code": code}), 401, "mfa_required")
	// A recovery code works once.
	expectStatus(t, login(map[string]string{"recovery_code": conf.Codes[0]}), 200)
	expectProblem(t, login(map[string]string{"recovery_code": conf.Codes[0]}), 401, "mfa_required")
	// Turning it off needs the password.
	expectProblem(t, h.req("POST", "/api/v1/me/mfa/disable", tok, map[string]string{"password": "wrong"}), 422, "validation", "password")
	expectStatus(t, h.req("POST", "/api/v1/me/mfa/disable", tok, map[string]string{"password": seeds.DemoPassword}), 204)
	expectStatus(t, login(nil), 200)
}

func TestProductionAdminMustEnrolSecondFactor(t *testing.T) {
	h := newHarness(t, production)
	tok := h.demo("demo.admin")
	expectProblem(t, h.req("GET", "/api/v1/users", tok, nil), 403, "mfa_enrollment_required")
	expectStatus(t, h.req("GET", "/api/v1/me", tok, nil), 200)
	var enr struct {
		Secret string `json:"secret"`
	}
	r := h.req("POST", "/api/v1/me/mfa/enroll", tok, nil)
	r.json(t, &enr)
	expectStatus(t, h.req("POST", "/api/v1/me/mfa/confirm", tok, map[string]string{"code": totpCode(t, enr.Secret, h.clock.Now())}), 200)
	expectStatus(t, h.req("GET", "/api/v1/users", tok, nil), 200)
	expectProblem(t, h.req("POST", "/api/v1/me/mfa/disable", tok, map[string]string{"password": seeds.DemoPassword}), 403, "forbidden")
	// Cookies are Secure in production.
	r = h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": "demo.social", "password": seeds.DemoPassword})
	if !strings.Contains(strings.Join(r.header.Values("Set-Cookie"), "\n"), "secure") {
		t.Fatalf("cookies are not Secure in production: %v", r.header.Values("Set-Cookie"))
	}
	if r.header.Get("Strict-Transport-Security") == "" {
		t.Fatal("no HSTS in production")
	}
}

func TestChangePassword(t *testing.T) {
	h := newHarness(t)
	tok := h.demo("demo.care")
	other := h.demo("demo.care")
	expectProblem(t, h.req("POST", "/api/v1/me/password", tok, map[string]string{"current_password": "wrong", "new_password": "a-long-new-password"}), 422, "validation", "current_password")
	expectProblem(t, h.req("POST", "/api/v1/me/password", tok, map[string]string{"current_password": seeds.DemoPassword, "new_password": "short"}), 422, "validation", "new_password")
	expectProblem(t, h.req("POST", "/api/v1/me/password", tok, map[string]string{"current_password": seeds.DemoPassword, "new_password": "demo.care"}), 422, "validation", "new_password")
	expectStatus(t, h.req("POST", "/api/v1/me/password", tok, map[string]string{"current_password": seeds.DemoPassword, "new_password": "a-long-new-password"}), 204)
	// This session goes on; the others end; the old password no longer works.
	expectStatus(t, h.req("GET", "/api/v1/me", tok, nil), 200)
	expectStatus(t, h.req("GET", "/api/v1/me", other, nil), 401)
	expectStatus(t, h.req("POST", "/api/v1/auth/login", "", map[string]string{"username": "demo.care", "password": seeds.DemoPassword}), 401)
	h.login("demo.care", "a-long-new-password")
	var hash string
	h.db.Raw(`SELECT password_hash FROM users WHERE username = 'demo.care'`).Scan(&hash)
	if !strings.HasPrefix(hash, "$argon2id$") {
		t.Fatalf("password hash %q is not argon2id", hash[:10])
	}
}
