package accounts

import (
	"context"
	"crypto/subtle"
	"encoding/hex"
	"strings"
	"sync"
	"time"

	"github.com/alexedwards/argon2id"
	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// LoginInput is what a user types to log in.
type LoginInput struct {
	Username     string
	Password     string
	TOTPCode     string
	RecoveryCode string
	UserAgent    string
}

// LoginResult is a new session. Token and CSRFToken are shown once and stored only as hashes.
type LoginResult struct {
	Token     string
	CSRFToken string
	ExpiresAt time.Time
	User      User
}

// passwordParams are the argon2id parameters (RFC 9106's second recommendation, 64 MiB).
var passwordParams = &argon2id.Params{Memory: 64 * 1024, Iterations: 3, Parallelism: 2, SaltLength: 16, KeyLength: 32}

// HashPassword returns the argon2id hash of password.
func HashPassword(password string) (string, error) {
	return argon2id.CreateHash(password, passwordParams)
}

// dummyHash is compared against when the username is unknown, so that both answers take as
// long. It is made at the first login, not at start: hashing takes 64 MiB for a moment.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("zajedno-no-such-user-" + platform.RandomToken(8))
	return h
})

type credentials struct {
	ID           string
	PasswordHash string
	TOTPSecret   *string
	TOTPLastStep int64
}

// ErrMFARequired carries the 401 that tells the client to ask for the second factor.
func errMFARequired(msg string) error { return platform.Errorf(platform.EMFAREQUIRED, "%s", msg) }

// Login checks the credentials and starts a session. It returns EINVALID for blank fields,
// ETOOMANY while the username or the address is locked out, EUNAUTHORIZED for a wrong
// username or password alike, and EMFAREQUIRED when the second factor is missing or wrong.
func (s *Service) Login(ctx context.Context, in LoginInput) (LoginResult, error) {
	var v platform.Validator
	username := strings.ToLower(strings.TrimSpace(in.Username))
	v.Check(username != "", "username", "Enter your username.")
	v.Check(in.Password != "", "password", "Enter your password.")
	v.Check(len(in.Password) <= 1024, "password", "The password is too long.")
	if err := v.Err(); err != nil {
		return LoginResult{}, err
	}
	meta := platform.RequestFrom(ctx)
	now := s.clock.Now()
	userKey := "u:" + hex.EncodeToString(hashSecret(username))
	ipKey := "ip:" + meta.ClientIP
	db := s.db.WithContext(ctx)

	if wait, err := s.lockedFor(db, now, userKey, ipKey); err != nil {
		return LoginResult{}, err
	} else if wait > 0 {
		e := platform.Errorf(platform.ETOOMANY, "Too many failed logins. Wait %d minutes and try again.", int(wait.Minutes()+0.999))
		e.RetryAfterSeconds = int(wait.Seconds() + 0.999)
		return LoginResult{}, e
	}

	var found []credentials
	if err := db.Raw(`SELECT id, password_hash, totp_secret, totp_last_step FROM users WHERE username = ? AND active`, username).Scan(&found).Error; err != nil {
		return LoginResult{}, err
	}
	hash := dummyHash()
	if len(found) == 1 {
		hash = found[0].PasswordHash
	}
	match, err := argon2id.ComparePasswordAndHash(in.Password, hash)
	if err != nil {
		return LoginResult{}, err
	}
	if len(found) != 1 || !match {
		actor := ""
		if len(found) == 1 {
			actor = found[0].ID
		}
		if err := s.recordFailure(ctx, now, actor, "auth.login_failed", userKey, ipKey); err != nil {
			return LoginResult{}, err
		}
		return LoginResult{}, platform.Errorf(platform.EUNAUTHORIZED, "The username or password is not right.")
	}
	cred := found[0]

	var res LoginResult
	err = db.Transaction(func(tx *gorm.DB) error {
		if cred.TOTPSecret != nil {
			ok, err := s.checkSecondFactor(tx, now, cred, in)
			if err != nil || !ok {
				return err
			}
		}
		var err error
		res, err = s.startSession(ctx, tx, now, cred.ID, in.UserAgent)
		return err
	})
	if err != nil {
		return LoginResult{}, err
	}
	if cred.TOTPSecret != nil && res.Token == "" {
		if in.TOTPCode == "" && in.RecoveryCode == "" {
			return LoginResult{}, errMFARequired("Enter the code from your authenticator app.")
		}
		if err := s.recordFailure(ctx, now, cred.ID, "auth.mfa_failed", userKey, ipKey); err != nil {
			return LoginResult{}, err
		}
		return LoginResult{}, errMFARequired("The code is not right. Enter the current code, or a recovery code.")
	}
	return res, nil
}

// checkSecondFactor verifies a TOTP code (each code once) or consumes a recovery code.
func (s *Service) checkSecondFactor(tx *gorm.DB, now time.Time, cred credentials, in LoginInput) (bool, error) {
	if code := strings.TrimSpace(in.TOTPCode); code != "" {
		step, ok := matchTOTP(*cred.TOTPSecret, code, now)
		if !ok || step <= cred.TOTPLastStep {
			return false, nil
		}
		return true, tx.Exec(`UPDATE users SET totp_last_step = ? WHERE id = ?`, step, cred.ID).Error
	}
	if code := normalizeRecoveryCode(in.RecoveryCode); code != "" {
		r := tx.Exec(`UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL`,
			now, cred.ID, hashSecret(code))
		return r.RowsAffected == 1, r.Error
	}
	return false, nil
}

func (s *Service) startSession(ctx context.Context, tx *gorm.DB, now time.Time, userID, userAgent string) (LoginResult, error) {
	meta := platform.RequestFrom(ctx)
	token, csrf := platform.RandomToken(32), platform.RandomToken(32)
	sessionID := platform.NewID()
	expires := now.Add(s.settings.MaxAge)
	if len(userAgent) > 300 {
		userAgent = userAgent[:300]
	}
	err := tx.Exec(`INSERT INTO sessions (id, user_id, token_hash, csrf_hash, created_at, last_seen_at, expires_at, user_agent, client_ip)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, sessionID, userID, hashSecret(token), hashSecret(csrf), now, now, expires, userAgent, meta.ClientIP).Error
	if err != nil {
		return LoginResult{}, err
	}
	if err := s.audit.RecordTx(ctx, tx, audit.Event{ActorID: userID, Action: "auth.login", ResourceType: "session",
		ResourceID: sessionID, Basis: audit.BasisSelf}); err != nil {
		return LoginResult{}, err
	}
	u, err := getUser(tx, userID)
	if err != nil {
		return LoginResult{}, err
	}
	return LoginResult{Token: token, CSRFToken: csrf, ExpiresAt: expires, User: u}, nil
}

// lockedFor returns how long the longest lockout of keys still lasts.
func (s *Service) lockedFor(db *gorm.DB, now time.Time, keys ...string) (time.Duration, error) {
	var until []time.Time
	if err := db.Raw(`SELECT until FROM login_lockouts WHERE key IN ? AND until > ?`, keys, now).Scan(&until).Error; err != nil {
		return 0, err
	}
	var wait time.Duration
	for _, u := range until {
		if d := u.Sub(now); d > wait {
			wait = d
		}
	}
	return wait, nil
}

// recordFailure counts a failed login against the username and the address, locks a key out
// once it reaches its limit within the window, and audits the failure.
func (s *Service) recordFailure(ctx context.Context, now time.Time, actorID, action, userKey, ipKey string) error {
	limits := map[string]int{userKey: s.settings.MaxFailures, ipKey: s.settings.IPMaxFailures}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		since := now.Add(-s.settings.LoginWindow)
		for key, limit := range limits {
			if err := tx.Exec(`INSERT INTO login_failures (key, at) VALUES (?, ?)`, key, now).Error; err != nil {
				return err
			}
			var n int64
			if err := tx.Raw(`SELECT count(*) FROM login_failures WHERE key = ? AND at > ?`, key, since).Scan(&n).Error; err != nil {
				return err
			}
			if n >= int64(limit) {
				if err := tx.Exec(`INSERT INTO login_lockouts (key, until) VALUES (?, ?)
					ON CONFLICT (key) DO UPDATE SET until = EXCLUDED.until`, key, now.Add(s.settings.LoginWindow)).Error; err != nil {
					return err
				}
			}
		}
		if err := tx.Exec(`DELETE FROM login_failures WHERE at < ?`, since).Error; err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: actorID, Action: action, ResourceType: "user",
			ResourceID: actorID, Basis: audit.BasisNone})
	})
}

// constantTimeEqual compares two hashes without leaking where they differ.
func constantTimeEqual(a, b []byte) bool { return subtle.ConstantTimeCompare(a, b) == 1 }
