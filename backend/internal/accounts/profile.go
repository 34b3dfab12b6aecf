package accounts

import (
	"bytes"
	"context"
	"encoding/base64"
	"image/png"
	"slices"
	"strings"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// SetLanguage remembers the user's language and script. EINVALID for an unknown one.
func (s *Service) SetLanguage(ctx context.Context, userID, language string) (User, error) {
	if !slices.Contains(Languages, language) {
		return User{}, platform.Invalid(platform.FieldError{Field: "language", Message: "Choose sr-Latn, sr-Cyrl or en."})
	}
	var u User
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`UPDATE users SET language = ? WHERE id = ?`, language, userID).Error; err != nil {
			return err
		}
		if err := s.audit.RecordTx(ctx, tx, audit.Event{ActorID: userID, Action: "user.language_change",
			ResourceType: "user", ResourceID: userID, Basis: audit.BasisSelf}); err != nil {
			return err
		}
		var err error
		u, err = getUser(tx, userID)
		return err
	})
	return u, err
}

// checkNewPassword names what is wrong with a new password.
func (s *Service) checkNewPassword(v *platform.Validator, username, password string) {
	n := len([]rune(password))
	v.Check(n >= s.settings.MinPasswordChars, "new_password", "Use at least 12 characters.")
	v.Check(n <= 256, "new_password", "Use at most 256 characters.")
	v.Check(!strings.EqualFold(password, username), "new_password", "The password may not be your username.")
}

// ChangePassword sets a new password after checking the current one, ends the user's other
// sessions and lifts a forced change. EINVALID names the wrong field.
func (s *Service) ChangePassword(ctx context.Context, id Identity, current, next string) error {
	var v platform.Validator
	v.Check(current != "", "current_password", "Enter your current password.")
	s.checkNewPassword(&v, id.User.Username, next)
	v.Check(next == "" || next != current, "new_password", "Choose a password different from the current one.")
	if err := v.Err(); err != nil {
		return err
	}
	if err := s.verifyPassword(ctx, id.User.ID, current, "current_password"); err != nil {
		return err
	}
	hash, err := HashPassword(next)
	if err != nil {
		return err
	}
	var ended []string
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`UPDATE users SET password_hash = ?, must_change_password = false WHERE id = ?`, hash, id.User.ID).Error; err != nil {
			return err
		}
		var err error
		if ended, err = s.endSessions(tx, id.User.ID, id.SessionID); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: id.User.ID, Action: "user.password_change",
			ResourceType: "user", ResourceID: id.User.ID, Basis: audit.BasisSelf})
	})
	if err == nil {
		s.ended(ended)
	}
	return err
}

func (s *Service) verifyPassword(ctx context.Context, userID, password, field string) error {
	var hash string
	if err := s.db.WithContext(ctx).Raw(`SELECT password_hash FROM users WHERE id = ?`, userID).Scan(&hash).Error; err != nil {
		return err
	}
	ok, err := argon2id.ComparePasswordAndHash(password, hash)
	if err != nil {
		return err
	}
	if !ok {
		return platform.Invalid(platform.FieldError{Field: field, Message: "The password is not right."})
	}
	return nil
}

// Enrollment is a second factor waiting for its first code.
type Enrollment struct {
	Secret     string `json:"secret"`
	OTPAuthURL string `json:"otpauth_url"`
	QRPNG      string `json:"qr_png"`
}

const totpIssuer = "Zajedno"

// EnrollMFA starts TOTP enrolment: a new secret, kept pending until ConfirmMFA. ECONFLICT when
// a second factor is already on.
func (s *Service) EnrollMFA(ctx context.Context, u User) (Enrollment, error) {
	if u.MFAEnabled {
		return Enrollment{}, platform.Errorf(platform.ECONFLICT, "A second factor is already on. Turn it off first to enrol a new phone.")
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: totpIssuer, AccountName: u.Username, Algorithm: otp.AlgorithmSHA1, Digits: otp.DigitsSix, Period: 30})
	if err != nil {
		return Enrollment{}, err
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return Enrollment{}, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return Enrollment{}, err
	}
	if err := s.db.WithContext(ctx).Exec(`UPDATE users SET totp_pending_secret = ? WHERE id = ?`, key.Secret(), u.ID).Error; err != nil {
		return Enrollment{}, err
	}
	return Enrollment{Secret: key.Secret(), OTPAuthURL: key.URL(),
		QRPNG: "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())}, nil
}

// ConfirmMFA turns the pending second factor on when code matches it, and returns ten new
// one-time recovery codes (shown once). EINVALID names "code" when it does not match;
// ECONFLICT when no enrolment is pending.
func (s *Service) ConfirmMFA(ctx context.Context, u User, code string) ([]string, error) {
	var codes []string
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var pending *string
		if err := tx.Raw(`SELECT totp_pending_secret FROM users WHERE id = ? FOR UPDATE`, u.ID).Scan(&pending).Error; err != nil {
			return err
		}
		if pending == nil {
			return platform.Errorf(platform.ECONFLICT, "Start the enrolment first.")
		}
		step, ok := matchTOTP(*pending, strings.TrimSpace(code), s.clock.Now())
		if !ok {
			return platform.Invalid(platform.FieldError{Field: "code", Message: "The code is not right. Enter the 6 digits your app shows now."})
		}
		if err := tx.Exec(`UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_last_step = ? WHERE id = ?`, step, u.ID).Error; err != nil {
			return err
		}
		var err error
		if codes, err = s.replaceRecoveryCodes(tx, u.ID); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: u.ID, Action: "user.mfa_enable", ResourceType: "user",
			ResourceID: u.ID, Basis: audit.BasisSelf})
	})
	return codes, err
}

// DisableMFA turns the second factor off after checking the password. EFORBIDDEN in
// production when policy requires the user to keep one (mfaRequired, decided by authz).
func (s *Service) DisableMFA(ctx context.Context, u User, password string, mfaRequired bool) error {
	if s.settings.Production && mfaRequired {
		return platform.Errorf(platform.EFORBIDDEN, "Administrators must keep a second factor.")
	}
	if password == "" {
		return platform.Invalid(platform.FieldError{Field: "password", Message: "Enter your password."})
	}
	if err := s.verifyPassword(ctx, u.ID, password, "password"); err != nil {
		return err
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := clearMFA(tx, u.ID); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: u.ID, Action: "user.mfa_disable", ResourceType: "user",
			ResourceID: u.ID, Basis: audit.BasisSelf})
	})
}

func clearMFA(tx *gorm.DB, userID string) error {
	if err := tx.Exec(`UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_last_step = 0 WHERE id = ?`, userID).Error; err != nil {
		return err
	}
	return tx.Exec(`DELETE FROM recovery_codes WHERE user_id = ?`, userID).Error
}

const recoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

func (s *Service) replaceRecoveryCodes(tx *gorm.DB, userID string) ([]string, error) {
	if err := tx.Exec(`DELETE FROM recovery_codes WHERE user_id = ?`, userID).Error; err != nil {
		return nil, err
	}
	codes := make([]string, 10)
	for i := range codes {
		c := randomString(recoveryAlphabet, 10)
		codes[i] = c[:5] + "-" + c[5:]
		if err := tx.Exec(`INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)`, userID, hashSecret(normalizeRecoveryCode(codes[i]))).Error; err != nil {
			return nil, err
		}
	}
	return codes, nil
}

func normalizeRecoveryCode(c string) string {
	return strings.ToLower(strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(c)))
}

// matchTOTP checks code against the steps around now (one step of clock drift either way)
// and returns the matching time step, so that a code is accepted only once.
func matchTOTP(secret, code string, now time.Time) (int64, bool) {
	if len(code) != 6 {
		return 0, false
	}
	opts := totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}
	for _, skew := range []int64{0, -1, 1} {
		t := now.Add(time.Duration(skew*30) * time.Second)
		want, err := totp.GenerateCodeCustom(secret, t, opts)
		if err == nil && constantTimeEqual([]byte(want), []byte(code)) {
			return t.Unix() / 30, true
		}
	}
	return 0, false
}
