// Package directory holds the structure people work in: agencies, neighbourhood teams and
// domestic-violence coordination groups.
package directory

import (
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/database"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// AgencyTypes lists the kinds of agency, as in domain.md.
var AgencyTypes = []string{"csr", "health", "police", "prosecutor", "residential_care", "school", "ngo", "municipality", "system"}

// Agency is an institution users belong to.
type Agency struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Type         string `json:"type"`
	Municipality string `json:"municipality"`
}

// Member is a team member as lists show them.
type Member struct {
	ID          string   `json:"id"`
	Username    string   `json:"username"`
	DisplayName string   `json:"display_name"`
	AgencyID    string   `json:"agency_id"`
	Roles       []string `json:"roles" gorm:"-"`
}

// Team is a neighbourhood team with members from several agencies.
type Team struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Members []Member `json:"members" gorm:"-"`
}

// CoordinationGroup is a domestic-violence coordination and cooperation group.
type CoordinationGroup struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Area    string `json:"area"`
	ChairID string `json:"chair_id"`
}

// Service is the directory domain.
type Service struct {
	db    *gorm.DB
	audit *audit.Log
}

// NewService returns the directory service.
func NewService(db *gorm.DB, log *audit.Log) *Service { return &Service{db: db, audit: log} }

func structureEvent(actor *authz.Principal, action, resourceType, id string) audit.Event {
	return audit.Event{ActorID: actor.UserID, Action: action, ResourceType: resourceType, ResourceID: id, Basis: audit.BasisAdmin}
}

// Agencies lists every agency by name.
func (s *Service) Agencies(ctx context.Context) ([]Agency, error) {
	out := []Agency{}
	err := s.db.WithContext(ctx).Raw(`SELECT id, name, type, municipality FROM agencies ORDER BY name`).Scan(&out).Error
	return out, err
}

// AgencyInput is a new agency or a change to one; nil fields stay as they are.
type AgencyInput struct {
	Name         *string
	Type         *string
	Municipality *string
}

func checkAgency(in AgencyInput, creating bool) error {
	var v platform.Validator
	if in.Name != nil || creating {
		v.Check(in.Name != nil && strings.TrimSpace(*in.Name) != "" && len(*in.Name) <= 200, "name", "Enter the agency's name (at most 200 characters).")
	}
	if in.Type != nil || creating {
		v.Check(in.Type != nil && slices.Contains(AgencyTypes, *in.Type), "type", "Choose one of: "+strings.Join(AgencyTypes, ", ")+".")
	}
	if in.Municipality != nil {
		v.Check(len(*in.Municipality) <= 200, "municipality", "Use at most 200 characters.")
	}
	return v.Err()
}

// CreateAgency adds an agency. EINVALID names the wrong field; a taken name is EINVALID on name.
func (s *Service) CreateAgency(ctx context.Context, actor *authz.Principal, in AgencyInput) (Agency, error) {
	if err := checkAgency(in, true); err != nil {
		return Agency{}, err
	}
	a := Agency{ID: platform.NewID(), Name: strings.TrimSpace(*in.Name), Type: *in.Type}
	if in.Municipality != nil {
		a.Municipality = strings.TrimSpace(*in.Municipality)
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		err := tx.Exec(`INSERT INTO agencies (id, name, type, municipality) VALUES (?, ?, ?, ?)`, a.ID, a.Name, a.Type, a.Municipality).Error
		if err != nil {
			return nameTaken(err, "name", "An agency with that name exists.")
		}
		return s.audit.RecordTx(ctx, tx, structureEvent(actor, "agency.create", "agency", a.ID))
	})
	return a, err
}

// UpdateAgency changes an agency. ENOTFOUND, EINVALID.
func (s *Service) UpdateAgency(ctx context.Context, actor *authz.Principal, id string, in AgencyInput) (Agency, error) {
	if err := checkAgency(in, false); err != nil {
		return Agency{}, err
	}
	var a Agency
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if a, err = getAgency(tx, id); err != nil {
			return err
		}
		if in.Name != nil {
			a.Name = strings.TrimSpace(*in.Name)
		}
		if in.Type != nil {
			a.Type = *in.Type
		}
		if in.Municipality != nil {
			a.Municipality = strings.TrimSpace(*in.Municipality)
		}
		if err := tx.Exec(`UPDATE agencies SET name = ?, type = ?, municipality = ? WHERE id = ?`, a.Name, a.Type, a.Municipality, id).Error; err != nil {
			return nameTaken(err, "name", "An agency with that name exists.")
		}
		return s.audit.RecordTx(ctx, tx, structureEvent(actor, "agency.update", "agency", id))
	})
	return a, err
}

func getAgency(tx *gorm.DB, id string) (Agency, error) {
	var out []Agency
	if platform.ValidID(id) {
		if err := tx.Raw(`SELECT id, name, type, municipality FROM agencies WHERE id = ?`, id).Scan(&out).Error; err != nil {
			return Agency{}, err
		}
	}
	if len(out) == 0 {
		return Agency{}, platform.Errorf(platform.ENOTFOUND, "Agency not found.")
	}
	return out[0], nil
}

// nameTaken turns a unique-name violation into a field error.
func nameTaken(err error, field, msg string) error {
	if platform.ErrorCode(database.Translate(err, "")) == platform.ECONFLICT {
		return platform.Invalid(platform.FieldError{Field: field, Message: msg})
	}
	return err
}
