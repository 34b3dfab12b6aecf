package inbound

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// System is a registered partner system (never with its secret).
type System struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Kind      string     `json:"kind"`
	AgencyID  string     `json:"agency_id"`
	CreatedAt time.Time  `json:"created_at"`
	RotatedAt *time.Time `json:"rotated_at"`
}

// Credentials are shown once, when a system is registered or its secret rotated.
type Credentials struct {
	System System `json:"system"`
	Secret string `json:"secret"`
}

const selectSystems = `SELECT id, name, kind, agency_id, created_at, rotated_at FROM inbound_systems`

// Systems lists the registered systems.
func (s *Service) Systems(ctx context.Context) ([]System, error) {
	out := []System{}
	return out, s.db.WithContext(ctx).Raw(selectSystems + ` ORDER BY name`).Scan(&out).Error
}

// Register adds a partner system and returns its secret, shown this once. EINVALID names
// name, kind or agency_id; ECONFLICT for a name in use.
func (s *Service) Register(ctx context.Context, p *authz.Principal, name, kind, agencyID string) (Credentials, error) {
	name = strings.TrimSpace(name)
	var v platform.Validator
	v.Check(name != "" && len([]rune(name)) <= 200, "name", "Name the system (at most 200 characters).")
	v.Check(slices.Contains(SystemKinds, kind), "kind", "Choose "+strings.Join(SystemKinds, ", ")+".")
	id, secret := platform.NewID(), platform.RandomToken(32)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n, dup int64
		if platform.ValidID(agencyID) {
			if err := tx.Raw(`SELECT count(*) FROM agencies WHERE id = ? AND type <> 'system'`, agencyID).Scan(&n).Error; err != nil {
				return err
			}
		}
		v.Check(n == 1, "agency_id", "Choose the agency whose system this is.")
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Raw(`SELECT count(*) FROM inbound_systems WHERE lower(name) = lower(?)`, name).Scan(&dup).Error; err != nil {
			return err
		}
		if dup > 0 {
			return platform.Errorf(platform.ECONFLICT, "A system with this name is registered already.")
		}
		if err := tx.Exec(`INSERT INTO inbound_systems (id, name, kind, agency_id, secret, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, name, kind, agencyID, secret, p.UserID, s.clock.Now()).Error; err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "inbound.system_register", ResourceType: "inbound_system", ResourceID: id, Basis: audit.BasisAdmin})
	})
	if err != nil {
		return Credentials{}, err
	}
	return s.credentials(ctx, id, secret)
}

// Rotate gives a system a new secret; the old one stays valid for a day, so that the partner
// can switch over. ENOTFOUND.
func (s *Service) Rotate(ctx context.Context, p *authz.Principal, id string) (Credentials, error) {
	notFound := platform.Errorf(platform.ENOTFOUND, "System not found.")
	if !platform.ValidID(id) {
		return Credentials{}, notFound
	}
	secret, now := platform.RandomToken(32), s.clock.Now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r := tx.Exec(`UPDATE inbound_systems SET previous_secret = secret, previous_valid_until = ?, secret = ?, rotated_at = ? WHERE id = ?`,
			now.Add(24*time.Hour), secret, now, id)
		if r.Error != nil {
			return r.Error
		}
		if r.RowsAffected == 0 {
			return notFound
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "inbound.system_rotate", ResourceType: "inbound_system", ResourceID: id, Basis: audit.BasisAdmin})
	})
	if err != nil {
		return Credentials{}, err
	}
	return s.credentials(ctx, id, secret)
}

func (s *Service) credentials(ctx context.Context, id, secret string) (Credentials, error) {
	var out []System
	if err := s.db.WithContext(ctx).Raw(selectSystems+` WHERE id = ?`, id).Scan(&out).Error; err != nil || len(out) == 0 {
		return Credentials{}, err
	}
	return Credentials{System: out[0], Secret: secret}, nil
}
