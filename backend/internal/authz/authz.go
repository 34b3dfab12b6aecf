// Package authz is the one place that decides access: casbin says what each role may do per
// resource type and per entry sensitivity; routes declare the rule they need.
package authz

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"slices"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	"github.com/casbin/casbin/v2/persist"
	"gorm.io/gorm"
)

//go:embed model.conf
var modelText string

// Roles, as in domain.md.
const (
	RoleSocialWorker      = "social_worker"
	RoleNurse             = "nurse"
	RolePoliceLiaison     = "police_liaison"
	RoleCareWorker        = "care_worker"
	RoleCoordinationChair = "coordination_chair"
	RoleTeamLead          = "team_lead"
	RoleAuditor           = "auditor"
	RoleAdmin             = "admin"
)

// AllRoles lists every role.
var AllRoles = []string{RoleSocialWorker, RoleNurse, RolePoliceLiaison, RoleCareWorker,
	RoleCoordinationChair, RoleTeamLead, RoleAuditor, RoleAdmin}

// ValidRole reports whether r is a known role.
func ValidRole(r string) bool { return slices.Contains(AllRoles, r) }

// Principal is the authenticated caller of a request, read fresh from the database on every
// request so that a role change takes effect at once.
type Principal struct {
	UserID             string
	Username           string
	DisplayName        string
	AgencyID           string
	Roles              []string
	SessionID          string
	MustChangePassword bool
	MFAEnabled         bool
	Language           string
	ViaCookie          bool
}

type principalKey struct{}

// WithPrincipal returns a context carrying p.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the caller, or nil outside an authenticated request.
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}

// Kind says how a route is protected.
type Kind int

const (
	// KindPermission needs an authenticated caller whose roles allow Resource/Action.
	KindPermission Kind = iota + 1
	// KindPublic needs nothing (login, health checks, the SPA's files).
	KindPublic
)

// Rule is the authorization a route declares.
type Rule struct {
	Kind     Kind
	Resource string
	Action   string
}

// Public is the rule of routes anyone may call.
var Public = Rule{Kind: KindPublic}

// Perm is the rule of routes that need resource/action.
func Perm(resource, action string) Rule {
	return Rule{Kind: KindPermission, Resource: resource, Action: action}
}

func (r Rule) String() string {
	if r.Kind == KindPublic {
		return "public"
	}
	return r.Resource + ":" + r.Action
}

// Authorizer answers "may this principal do that". Decisions are cached: the policy changes
// only through migrations (a restart), and roles are an input of each decision, read per
// request, so a role change still applies at once.
type Authorizer struct{ e *casbin.SyncedCachedEnforcer }

// New loads the model and the policy stored in the casbin_rule table.
func New(ctx context.Context, db *gorm.DB) (*Authorizer, error) {
	m, err := model.NewModelFromString(modelText)
	if err != nil {
		return nil, fmt.Errorf("casbin model: %w", err)
	}
	e, err := casbin.NewSyncedCachedEnforcer(m, &policyAdapter{db: db.WithContext(ctx)})
	if err != nil {
		return nil, fmt.Errorf("casbin policy: %w", err)
	}
	return &Authorizer{e: e}, nil
}

// Can reports whether any role of p allows action on resource.
func (a *Authorizer) Can(p *Principal, resource, action string) bool {
	if p == nil {
		return false
	}
	for _, role := range p.Roles {
		if ok, err := a.e.Enforce(role, resource, action); err == nil && ok {
			return true
		}
	}
	return false
}

// Allows reports whether rule lets p through.
func (a *Authorizer) Allows(p *Principal, rule Rule) bool {
	switch rule.Kind {
	case KindPublic:
		return true
	case KindPermission:
		return a.Can(p, rule.Resource, rule.Action)
	}
	return false
}

// CanReadSensitivity reports whether p's roles may read entries of the given sensitivity.
func (a *Authorizer) CanReadSensitivity(p *Principal, sensitivity string) bool {
	return a.Can(p, "entry:"+sensitivity, "read")
}

// policyAdapter reads the policy from the casbin_rule table. The policy changes only through
// migrations, so the adapter is read-only.
type policyAdapter struct{ db *gorm.DB }

var errReadOnly = errors.New("the casbin policy is changed by migrations, not at run time")

func (a *policyAdapter) LoadPolicy(m model.Model) error {
	var rows []struct{ Ptype, V0, V1, V2, V3, V4, V5 string }
	if err := a.db.Raw(`SELECT ptype, v0, v1, v2, v3, v4, v5 FROM casbin_rule ORDER BY id`).Scan(&rows).Error; err != nil {
		return err
	}
	for _, r := range rows {
		line := []string{r.Ptype}
		for _, v := range []string{r.V0, r.V1, r.V2, r.V3, r.V4, r.V5} {
			if v == "" {
				break
			}
			line = append(line, v)
		}
		if err := persist.LoadPolicyArray(line, m); err != nil {
			return err
		}
	}
	return nil
}

func (a *policyAdapter) SavePolicy(model.Model) error                { return errReadOnly }
func (a *policyAdapter) AddPolicy(string, string, []string) error    { return errReadOnly }
func (a *policyAdapter) RemovePolicy(string, string, []string) error { return errReadOnly }
func (a *policyAdapter) RemoveFilteredPolicy(string, string, int, ...string) error {
	return errReadOnly
}
