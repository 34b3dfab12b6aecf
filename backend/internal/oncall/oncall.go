// Package oncall holds each agency's rota (shifts naming the worker on call, a backup and the
// head of service) and its escalation policy, and moves urgent pages along the rota until
// somebody acknowledges them (domain.md: CSRs must be reachable around the clock).
package oncall

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/alerts"
	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// DefaultStepMinutes is how long a page waits for an acknowledgement before the next step,
// unless the agency's policy says otherwise.
const DefaultStepMinutes = 15

// Shift is one stretch of a rota.
type Shift struct {
	ID           string    `json:"id"`
	AgencyID     string    `json:"agency_id"`
	StartsAt     time.Time `json:"starts_at"`
	EndsAt       time.Time `json:"ends_at"`
	OncallUserID string    `json:"oncall_user_id"`
	OncallName   string    `json:"oncall_name"`
	BackupUserID *string   `json:"backup_user_id"`
	BackupName   *string   `json:"backup_name"`
	HeadUserID   *string   `json:"head_user_id"`
	HeadName     *string   `json:"head_name"`
}

// Service is the on-call domain.
type Service struct {
	db    *gorm.DB
	audit *audit.Log
	clock platform.Clock
	authz *authz.Authorizer
}

// NewService returns the on-call service.
func NewService(db *gorm.DB, log *audit.Log, clock platform.Clock, az *authz.Authorizer) *Service {
	return &Service{db: db, audit: log, clock: clock, authz: az}
}

const selectShifts = `SELECT s.id, s.agency_id, s.starts_at, s.ends_at, s.oncall_user_id, o.display_name AS oncall_name,
	s.backup_user_id::text AS backup_user_id, b.display_name AS backup_name, s.head_user_id::text AS head_user_id, h.display_name AS head_name
	FROM oncall_shifts s JOIN users o ON o.id = s.oncall_user_id LEFT JOIN users b ON b.id = s.backup_user_id LEFT JOIN users h ON h.id = s.head_user_id`

func scanShifts(q *gorm.DB) ([]Shift, error) {
	out := []Shift{}
	if err := q.Scan(&out).Error; err != nil {
		return nil, err
	}
	for i := range out {
		out[i].StartsAt, out[i].EndsAt = out[i].StartsAt.UTC(), out[i].EndsAt.UTC()
	}
	return out, nil
}

// nowTx returns the agency's shift that covers at, or nil.
func nowTx(tx *gorm.DB, agencyID string, at time.Time) (*Shift, error) {
	ss, err := scanShifts(tx.Raw(selectShifts+` WHERE s.agency_id = ? AND s.starts_at <= ? AND s.ends_at > ? ORDER BY s.starts_at DESC LIMIT 1`, agencyID, at, at))
	if err != nil || len(ss) == 0 {
		return nil, err
	}
	return &ss[0], nil
}

// AgencyOnCall is who is on call now for one agency (Shift nil: nobody).
type AgencyOnCall struct {
	AgencyID   string `json:"agency_id"`
	AgencyName string `json:"agency_name"`
	Shift      *Shift `json:"shift" gorm:"-"`
}

// NowAll says who is on call now for every agency.
func (s *Service) NowAll(ctx context.Context) ([]AgencyOnCall, error) {
	db := s.db.WithContext(ctx)
	now := s.clock.Now()
	var out []AgencyOnCall
	if err := db.Raw(`SELECT id AS agency_id, name AS agency_name FROM agencies WHERE type <> 'system' ORDER BY name`).Scan(&out).Error; err != nil {
		return nil, err
	}
	ss, err := scanShifts(db.Raw(selectShifts+` WHERE s.starts_at <= ? AND s.ends_at > ? ORDER BY s.starts_at`, now, now))
	if err != nil {
		return nil, err
	}
	for i := range out {
		for j := range ss {
			if ss[j].AgencyID == out[i].AgencyID {
				out[i].Shift = &ss[j]
			}
		}
	}
	return out, nil
}

// Shifts lists an agency's shifts that overlap [from, to), in order.
func (s *Service) Shifts(ctx context.Context, agencyID string, from, to time.Time) ([]Shift, error) {
	if err := agencyExists(s.db.WithContext(ctx), agencyID); err != nil {
		return nil, err
	}
	return scanShifts(s.db.WithContext(ctx).Raw(selectShifts+` WHERE s.agency_id = ? AND s.ends_at > ? AND s.starts_at < ? ORDER BY s.starts_at`, agencyID, from, to))
}

var errAgencyNotFound = platform.Errorf(platform.ENOTFOUND, "Agency not found.")

// agencyExists answers ENOTFOUND for an agency that does not exist.
func agencyExists(db *gorm.DB, agencyID string) error {
	var n int64
	if platform.ValidID(agencyID) {
		if err := db.Raw(`SELECT count(*) FROM agencies WHERE id = ?`, agencyID).Scan(&n).Error; err != nil {
			return err
		}
	}
	if n == 0 {
		return errAgencyNotFound
	}
	return nil
}

// NewShift is a stretch of the rota as its editor enters it.
type NewShift struct {
	StartsAt     time.Time
	EndsAt       time.Time
	OncallUserID string
	BackupUserID string
	HeadUserID   string
}

// mayEdit: an admin edits any rota; a team lead the rota of their own agency. ENOTFOUND for
// an agency that does not exist, first.
func (s *Service) mayEdit(db *gorm.DB, p *authz.Principal, agencyID string) error {
	if err := agencyExists(db, agencyID); err != nil {
		return err
	}
	if s.authz.Can(p, "oncall", "write") && (p.AgencyID == agencyID || s.authz.Can(p, "users", "write")) {
		return nil
	}
	return platform.Errorf(platform.EFORBIDDEN, "Only a team lead of the agency (or an administrator) can change its rota.")
}

// AddShift adds a shift to an agency's rota. EINVALID names starts_at, ends_at (not after the
// start, longer than a week, or overlapping another shift), oncall_user_id, backup_user_id or
// head_user_id (not an active user of the agency); EFORBIDDEN; ENOTFOUND.
func (s *Service) AddShift(ctx context.Context, p *authz.Principal, agencyID string, in NewShift) (Shift, error) {
	if err := s.mayEdit(s.db.WithContext(ctx), p, agencyID); err != nil {
		return Shift{}, err
	}
	id := platform.NewID()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// One rota edit at a time per agency, so that two editors cannot overlap shifts.
		if err := tx.Exec(`SELECT pg_advisory_xact_lock(hashtextextended(?, 11))`, agencyID).Error; err != nil {
			return err
		}
		var v platform.Validator
		v.Check(!in.StartsAt.IsZero(), "starts_at", "Give the start of the shift.")
		v.Check(in.EndsAt.After(in.StartsAt), "ends_at", "The shift ends after it starts.")
		v.Check(in.EndsAt.Sub(in.StartsAt) <= 7*24*time.Hour, "ends_at", "A shift lasts at most a week.")
		v.Check(in.EndsAt.After(s.clock.Now()), "ends_at", "This shift has ended; the rota as it was stays on record.")
		for _, f := range [][2]string{{"oncall_user_id", in.OncallUserID}, {"backup_user_id", in.BackupUserID}, {"head_user_id", in.HeadUserID}} {
			field, u := f[0], f[1]
			if u == "" && field != "oncall_user_id" {
				continue
			}
			var n int64
			if platform.ValidID(u) {
				if err := tx.Raw(`SELECT count(*) FROM users WHERE id = ? AND agency_id = ? AND active`, u, agencyID).Scan(&n).Error; err != nil {
					return err
				}
			}
			v.Check(n == 1, field, "Choose an active worker of the agency.")
		}
		if in.EndsAt.After(in.StartsAt) {
			var overlaps int64
			if err := tx.Raw(`SELECT count(*) FROM oncall_shifts WHERE agency_id = ? AND starts_at < ? AND ends_at > ?`, agencyID, in.EndsAt, in.StartsAt).Scan(&overlaps).Error; err != nil {
				return err
			}
			v.Check(overlaps == 0, "starts_at", "This shift overlaps another shift of the rota.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO oncall_shifts (id, agency_id, starts_at, ends_at, oncall_user_id, backup_user_id, head_user_id, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, NULLIF(?, '')::uuid, NULLIF(?, '')::uuid, ?, ?)`, id, agencyID, in.StartsAt, in.EndsAt, in.OncallUserID,
			in.BackupUserID, in.HeadUserID, p.UserID, s.clock.Now()).Error; err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "oncall.shift_add", ResourceType: "shift", ResourceID: id, Basis: audit.BasisAdmin})
	})
	if err != nil {
		return Shift{}, err
	}
	ss, err := scanShifts(s.db.WithContext(ctx).Raw(selectShifts+` WHERE s.id = ?`, id))
	if err != nil {
		return Shift{}, err
	}
	return ss[0], nil
}

// DeleteShift removes a shift that has not started yet. EFORBIDDEN; ENOTFOUND; ECONFLICT
// for a shift that has started (the past rota stays as it was).
func (s *Service) DeleteShift(ctx context.Context, p *authz.Principal, id string) error {
	notFound := platform.Errorf(platform.ENOTFOUND, "Shift not found.")
	if !platform.ValidID(id) {
		return notFound
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []struct {
			AgencyID string
			StartsAt time.Time
		}
		if err := tx.Raw(`SELECT agency_id, starts_at FROM oncall_shifts WHERE id = ? FOR UPDATE`, id).Scan(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 {
			return notFound
		}
		if err := s.mayEdit(tx, p, rows[0].AgencyID); err != nil {
			return err
		}
		if !rows[0].StartsAt.After(s.clock.Now()) {
			return platform.Errorf(platform.ECONFLICT, "This shift has started; the rota as it was stays on record.")
		}
		var paged int64
		if err := tx.Raw(`SELECT count(*) FROM pages WHERE shift_id = ?`, id).Scan(&paged).Error; err != nil {
			return err
		}
		if paged > 0 {
			return platform.Errorf(platform.ECONFLICT, "This shift has been paged; it stays on record.")
		}
		if err := tx.Exec(`DELETE FROM oncall_shifts WHERE id = ?`, id).Error; err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "oncall.shift_delete", ResourceType: "shift", ResourceID: id, Basis: audit.BasisAdmin})
	})
}

// StepMinutes is the agency's escalation step (DefaultStepMinutes unless set).
func stepMinutes(tx *gorm.DB, agencyID string) (int, error) {
	var m int
	if err := tx.Raw(`SELECT COALESCE((SELECT step_minutes FROM escalation_policies WHERE agency_id = ?), ?)`, agencyID, DefaultStepMinutes).Scan(&m).Error; err != nil {
		return 0, err
	}
	return m, nil
}

// Policy returns the agency's escalation step in minutes.
func (s *Service) Policy(ctx context.Context, agencyID string) (int, error) {
	if err := agencyExists(s.db.WithContext(ctx), agencyID); err != nil {
		return 0, err
	}
	return stepMinutes(s.db.WithContext(ctx), agencyID)
}

// SetPolicy sets after how many minutes an unacknowledged page moves on. EINVALID
// (step_minutes: 1 to 240); EFORBIDDEN.
func (s *Service) SetPolicy(ctx context.Context, p *authz.Principal, agencyID string, minutes int) (int, error) {
	if err := s.mayEdit(s.db.WithContext(ctx), p, agencyID); err != nil {
		return 0, err
	}
	if minutes < 1 || minutes > 240 {
		return 0, platform.Invalid(platform.FieldError{Field: "step_minutes", Message: "Give 1 to 240 minutes."})
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`INSERT INTO escalation_policies (agency_id, step_minutes, updated_by, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (agency_id) DO UPDATE SET step_minutes = EXCLUDED.step_minutes, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
			agencyID, minutes, p.UserID, s.clock.Now()).Error; err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "oncall.policy_set", ResourceType: "agency", ResourceID: agencyID, Basis: audit.BasisAdmin})
	})
	return minutes, err
}

// line is who a page goes to, in turn: on call, backup, head of service, then round again;
// a deactivated account is passed over.
func line(tx *gorm.DB, sh *Shift) ([]string, error) {
	all := []string{sh.OncallUserID}
	for _, u := range []*string{sh.BackupUserID, sh.HeadUserID} {
		if u != nil {
			all = append(all, *u)
		}
	}
	var active []string
	if err := tx.Raw(`SELECT id::text FROM users WHERE id IN ? AND active`, all).Scan(&active).Error; err != nil {
		return nil, err
	}
	out := make([]string, 0, len(all))
	for _, u := range all {
		if slices.Contains(active, u) {
			out = append(out, u)
		}
	}
	return out, nil
}

// teamLeads are the agency's active team leads: they are paged when nobody on the rota can be.
func teamLeads(tx *gorm.DB, agencyID string) ([]string, error) {
	var out []string
	err := tx.Raw(`SELECT u.id::text FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'team_lead'
		WHERE u.agency_id = ? AND u.active ORDER BY u.id`, agencyID).Scan(&out).Error
	return out, err
}

// pageFirst pages the first active person of sh's line about the page, or, with none, stops
// the page and pages the team leads.
func pageFirst(tx *gorm.DB, now time.Time, pageID, agencyID, action string, sh *Shift) error {
	people, err := line(tx, sh)
	if err != nil {
		return err
	}
	if len(people) == 0 {
		return stop(tx, now, pageID, agencyID, "nobody_on_call")
	}
	minutes, err := stepMinutes(tx, agencyID)
	if err != nil {
		return err
	}
	return alerts.PageUser(tx, now, pageID, people[0], action, 0, now.Add(time.Duration(minutes)*time.Minute))
}

func stop(tx *gorm.DB, now time.Time, pageID, agencyID, why string) error {
	leads, err := teamLeads(tx, agencyID)
	if err != nil {
		return err
	}
	return alerts.StopPage(tx, now, pageID, why, leads)
}

// PageTx pages the agency's worker on call now, inside tx, about a case or a referral. It
// reports false when nobody is on call (the ordinary alerts stand alone then).
func PageTx(tx *gorm.DB, now time.Time, agencyID, kind, caseID, referralID string) (bool, error) {
	return PageAbout(tx, now, alerts.Page{AgencyID: agencyID, Kind: kind, CaseID: caseID, ReferralID: referralID})
}

// PageAbout pages the agency's worker on call now about what p names (a case, a referral or an
// intake item); false when nobody is on call.
func PageAbout(tx *gorm.DB, now time.Time, p alerts.Page) (bool, error) {
	agencyID := p.AgencyID
	sh, err := nowTx(tx, agencyID, now)
	if err != nil || sh == nil {
		return false, err
	}
	p.ShiftID = sh.ID
	id, err := alerts.StartPage(tx, now, p)
	if err != nil {
		return false, err
	}
	return true, pageFirst(tx, now, id, agencyID, "page", sh)
}

// Escalate moves every page not acknowledged in time to the next in line of its shift, and
// returns how many it moved. A page whose shift is over is handed over to the shift on call
// now, from its first person; with no shift on call now, or nobody active left in its line,
// it stops and the agency's team leads are paged instead.
func (s *Service) Escalate(ctx context.Context) (int, error) {
	now := s.clock.Now()
	n := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		due, err := alerts.DuePages(tx, now)
		if err != nil {
			return err
		}
		for _, p := range due {
			var sh *Shift
			if p.ShiftID != nil {
				ss, err := scanShifts(tx.Raw(selectShifts+` WHERE s.id = ?`, *p.ShiftID))
				if err != nil {
					return err
				}
				if len(ss) == 1 {
					sh = &ss[0]
				}
			}
			n++
			if sh == nil || !now.Before(sh.EndsAt) {
				cur, err := nowTx(tx, p.AgencyID, now)
				if err != nil {
					return err
				}
				if cur == nil {
					if err := stop(tx, now, p.ID, p.AgencyID, "shift_ended"); err != nil {
						return err
					}
					continue
				}
				if err := tx.Exec(`UPDATE pages SET shift_id = ? WHERE id = ?`, cur.ID, p.ID).Error; err != nil {
					return err
				}
				if err := pageFirst(tx, now, p.ID, p.AgencyID, "handover", cur); err != nil {
					return err
				}
				continue
			}
			people, err := line(tx, sh)
			if err != nil {
				return err
			}
			if len(people) == 0 {
				if err := stop(tx, now, p.ID, p.AgencyID, "nobody_on_call"); err != nil {
					return err
				}
				continue
			}
			minutes, err := stepMinutes(tx, p.AgencyID)
			if err != nil {
				return err
			}
			step := p.Step + 1
			if err := alerts.PageUser(tx, now, p.ID, people[step%len(people)], "escalate", step, now.Add(time.Duration(minutes)*time.Minute)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}
