// Package seeds loads the demo data set (`zajedno seed demo`). It is never applied by migrate
// and is refused in production. Every row has a fixed id, so loading it twice changes nothing.
package seeds

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// DemoPassword is the password of every demo user.
const DemoPassword = "zajedno-demo"

var namespace = uuid.MustParse("6f1c2a52-8d4e-4b8e-9a57-2f0e6f3d9a10")

// ID returns the fixed id of a demo row.
func ID(name string) string { return uuid.NewSHA1(namespace, []byte(name)).String() }

type agency struct{ key, name, typ, municipality string }

type user struct {
	username, display, agency string
	roles                     []string
	team                      string
}

var agencies = []agency{
	{"system", "Zajedno", "system", ""},
	{"csr-kikinda", "CSR Kikinda", "csr", "Kikinda"},
	{"dz-kikinda", "Dom zdravlja Kikinda", "health", "Kikinda"},
	{"ps-kikinda", "PS Kikinda", "police", "Kikinda"},
	{"dom-kikinda", "Dom za stare Kikinda", "residential_care", "Kikinda"},
	{"ojt-kikinda", "OJT Kikinda", "prosecutor", "Kikinda"},
	{"csr-novi-becej", "CSR Novi Bečej", "csr", "Novi Bečej"},
}

// Users are the demo logins, as in the API contract.
var Users = []user{
	{"demo.admin", "Ana Administratorka", "system", []string{"admin"}, ""},
	{"demo.social", "Marija Petrović", "csr-kikinda", []string{"social_worker"}, "kikinda-centar"},
	{"demo.nurse", "Jelena Đorđević", "dz-kikinda", []string{"nurse"}, "kikinda-centar"},
	{"demo.police", "Milan Jovanović", "ps-kikinda", []string{"police_liaison"}, "kikinda-centar"},
	{"demo.care", "Vesna Nikolić", "dom-kikinda", []string{"care_worker"}, "kikinda-centar"},
	{"demo.prosecutor", "Dragan Stojanović", "ojt-kikinda", []string{"coordination_chair"}, ""},
	{"demo.lead", "Snežana Ilić", "csr-kikinda", []string{"social_worker", "team_lead"}, "kikinda-centar"},
	{"demo.auditor", "Goran Pavlović", "system", []string{"auditor"}, ""},
	{"demo.social2", "Ivana Kovačević", "csr-novi-becej", []string{"social_worker"}, "novi-becej"},
}

// Username is the login name of a demo user.
func (u user) Username() string { return u.username }

var teams = map[string]string{"kikinda-centar": "Kikinda Centar", "novi-becej": "Novi Bečej"}

// PlanSnapshot keeps a case's plan as its next version (the cases domain's SnapshotPlanTx).
type PlanSnapshot func(tx *gorm.DB, caseID, actorID string, at time.Time) error

// Demo loads the whole demo data set in one transaction: the accounts and structure, and the
// fictitious cases with the first version of their plans. hashPassword is the accounts
// domain's password hash (argon2id) and snapshot the cases domain's plan version, passed in
// because seeds sit outside the backend.
func Demo(ctx context.Context, db *gorm.DB, hashPassword func(string) (string, error), snapshot PlanSnapshot) error {
	return load(ctx, db, hashPassword, snapshot)
}

// Accounts loads only the agencies, users, teams and the coordination group (tests start
// from these and make their own cases).
func Accounts(ctx context.Context, db *gorm.DB, hashPassword func(string) (string, error)) error {
	return load(ctx, db, hashPassword, nil)
}

// load loads the accounts and structure, and the cases when snapshot is given.
func load(ctx context.Context, db *gorm.DB, hashPassword func(string) (string, error), snapshot PlanSnapshot) error {
	hash, err := hashPassword(DemoPassword)
	if err != nil {
		return err
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		exec := func(sql string, args ...any) {
			if err == nil {
				err = tx.Exec(sql, args...).Error
			}
		}
		for _, a := range agencies {
			exec(`INSERT INTO agencies (id, name, type, municipality) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
				ID("agency/"+a.key), a.name, a.typ, a.municipality)
		}
		for key, name := range teams {
			exec(`INSERT INTO teams (id, name) VALUES (?, ?) ON CONFLICT DO NOTHING`, ID("team/"+key), name)
		}
		for _, u := range Users {
			id := ID("user/" + u.username)
			exec(`INSERT INTO users (id, username, display_name, agency_id, password_hash) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
				id, u.username, u.display, ID("agency/"+u.agency), hash)
			for _, r := range u.roles {
				exec(`INSERT INTO user_roles (user_id, role) VALUES (?, ?) ON CONFLICT DO NOTHING`, id, r)
			}
			if u.team != "" {
				exec(`INSERT INTO team_members (team_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, ID("team/"+u.team), id)
			}
		}
		group := ID("group/kikinda")
		exec(`INSERT INTO coordination_groups (id, name, area, chair_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			group, "Grupa za koordinaciju i saradnju OJT Kikinda", "Kikinda", ID("user/demo.prosecutor"))
		exec(`INSERT INTO coordination_group_areas (group_id, municipality) VALUES (?, 'Kikinda') ON CONFLICT DO NOTHING`, group)
		for _, m := range []string{"demo.police", "demo.social"} {
			exec(`INSERT INTO coordination_group_members (group_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, group, ID("user/"+m))
		}
		if err == nil && snapshot != nil {
			err = demoCasesTx(tx, time.Now().UTC().Truncate(time.Microsecond), snapshot)
		}
		if err != nil {
			return fmt.Errorf("load demo data: %w", err)
		}
		return nil
	})
}
