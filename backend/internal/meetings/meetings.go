// Package meetings holds the domestic-violence coordination and cooperation group's meetings
// (domain.md): scheduling at least every 15 days, the agenda built from the cases of the
// group's area, occasional members invited to one item, running the meeting (attendance,
// confidentiality, notes, decisions, actions and the review of earlier actions), and minutes
// that are immutable once the meeting is closed (corrections are addenda), exported as PDF
// and as iCalendar.
package meetings

import (
	"context"
	"strings"
	"time"
	_ "time/tzdata" // the groups' time zone (Europe/Belgrade) even on a host without tzdata

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/cases"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// The cadence (domain.md): the group meets at least every 15 days; the chair is warned from
// day 10. Days are calendar days in the group's time zone.
const (
	MaxDays  = 15
	WarnDays = 10
)

// Zone is where the groups meet: the 15 days are counted in its calendar.
var Zone = mustZone("Europe/Belgrade")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// days is the number of calendar days from a to b in Zone.
func days(a, b time.Time) int {
	da := time.Date(a.In(Zone).Year(), a.In(Zone).Month(), a.In(Zone).Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.In(Zone).Year(), b.In(Zone).Month(), b.In(Zone).Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// addDays is t plus n calendar days in Zone, at the same wall-clock time.
func addDays(t time.Time, n int) time.Time { return t.In(Zone).AddDate(0, 0, n).UTC() }

// Service is the meetings domain.
type Service struct {
	db    *gorm.DB
	audit *audit.Log
	clock platform.Clock
	cases *cases.Service
}

// NewService returns the meetings service.
func NewService(db *gorm.DB, log *audit.Log, clock platform.Clock, cs *cases.Service) *Service {
	return &Service{db: db, audit: log, clock: clock, cases: cs}
}

// Meeting is a group's meeting.
type Meeting struct {
	ID         string     `json:"id"`
	GroupID    string     `json:"group_id"`
	StartsAt   time.Time  `json:"starts_at"`
	Location   string     `json:"location"`
	LateReason string     `json:"late_reason"`
	Status     string     `json:"status"`
	Minutes    string     `json:"minutes"`
	CreatedBy  string     `json:"created_by"`
	CreatedAt  time.Time  `json:"created_at"`
	OpenedAt   *time.Time `json:"opened_at"`
	ClosedAt   *time.Time `json:"closed_at"`
	// DaysAfterPrevious is how many calendar days after the group's previous meeting this
	// one is (null for the first).
	DaysAfterPrevious *int `json:"days_after_previous" gorm:"-"`
}

const selectMeetings = `SELECT id, group_id, starts_at, location, late_reason, status, minutes, created_by, created_at, opened_at, closed_at FROM meetings`

var (
	errGroupNotFound   = platform.Errorf(platform.ENOTFOUND, "Coordination group not found.")
	errMeetingNotFound = platform.Errorf(platform.ENOTFOUND, "Meeting not found.")
	errNotChair        = platform.Errorf(platform.EFORBIDDEN, "Only the group's chair may do this.")
)

// role is the caller's place in a group: chair, member (permanent) or "".
func role(tx *gorm.DB, groupID, userID string) (string, error) {
	if !platform.ValidID(groupID) {
		return "", nil
	}
	var r string
	err := tx.Raw(`SELECT COALESCE(
		(SELECT 'chair' FROM coordination_groups WHERE id = ? AND chair_id = ?),
		(SELECT 'member' FROM coordination_group_members WHERE group_id = ? AND user_id = ?), '')`, groupID, userID, groupID, userID).Scan(&r).Error
	return r, err
}

// inGroup is the caller's role in the group, or ENOTFOUND for anyone outside it.
func inGroup(tx *gorm.DB, groupID, userID string) (string, error) {
	r, err := role(tx, groupID, userID)
	if err != nil {
		return "", err
	}
	if r == "" {
		return "", errGroupNotFound
	}
	return r, nil
}

// meeting reads a meeting (FOR UPDATE with lock) and the caller's role in its group;
// ENOTFOUND for someone outside the group.
func (s *Service) meeting(tx *gorm.DB, id, userID string, lock bool) (Meeting, string, error) {
	if !platform.ValidID(id) {
		return Meeting{}, "", errMeetingNotFound
	}
	q := selectMeetings + ` WHERE id = ?`
	if lock {
		q += ` FOR UPDATE`
	}
	var ms []Meeting
	if err := tx.Raw(q, id).Scan(&ms).Error; err != nil {
		return Meeting{}, "", err
	}
	if len(ms) == 0 {
		return Meeting{}, "", errMeetingNotFound
	}
	r, err := role(tx, ms[0].GroupID, userID)
	if err != nil {
		return Meeting{}, "", err
	}
	if r == "" {
		return Meeting{}, "", errMeetingNotFound
	}
	utcMeeting(&ms[0])
	return ms[0], r, nil
}

func utcMeeting(m *Meeting) {
	m.StartsAt, m.CreatedAt = m.StartsAt.UTC(), m.CreatedAt.UTC()
	if m.OpenedAt != nil {
		*m.OpenedAt = m.OpenedAt.UTC()
	}
	if m.ClosedAt != nil {
		*m.ClosedAt = m.ClosedAt.UTC()
	}
}

// asChair runs change on a locked meeting as its group's chair, and audits it.
func (s *Service) asChair(ctx context.Context, p *authz.Principal, id, action string, change func(tx *gorm.DB, m Meeting) error) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		m, r, err := s.meeting(tx, id, p.UserID, true)
		if err != nil {
			return err
		}
		if r != "chair" {
			return errNotChair
		}
		if err := change(tx, m); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: action, ResourceType: "meeting", ResourceID: id,
			Basis: audit.BasisCoordinationGroup})
	})
}

// previous is the latest meeting of the group, held or planned (not cancelled), that starts
// before at; nil for none.
func previous(tx *gorm.DB, groupID string, at time.Time) (*Meeting, error) {
	var ms []Meeting
	if err := tx.Raw(selectMeetings+` WHERE group_id = ? AND status <> 'cancelled' AND starts_at < ? ORDER BY starts_at DESC LIMIT 1`,
		groupID, at).Scan(&ms).Error; err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, nil
	}
	return &ms[0], nil
}

// NewMeeting is what the chair schedules.
type NewMeeting struct {
	StartsAt *time.Time
	Location string
	Reason   string
}

// Schedule plans a meeting of the group and builds its agenda. EFORBIDDEN (not the chair);
// ENOTFOUND (not in the group); EINVALID naming starts_at (missing, past, or more than 15
// days after the previous meeting without a reason), location or reason.
func (s *Service) Schedule(ctx context.Context, p *authz.Principal, groupID string, in NewMeeting) (Meeting, error) {
	now := s.clock.Now()
	in.Location, in.Reason = strings.TrimSpace(in.Location), strings.TrimSpace(in.Reason)
	id := platform.NewID()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := inGroup(tx, groupID, p.UserID)
		if err != nil {
			return err
		}
		if r != "chair" {
			return errNotChair
		}
		var v platform.Validator
		v.Check(len([]rune(in.Location)) <= 200, "location", "At most 200 characters.")
		v.Check(len([]rune(in.Reason)) <= 2000, "reason", "At most 2,000 characters.")
		switch {
		case in.StartsAt == nil:
			v.Add("starts_at", "Give the date and time of the meeting (RFC 3339).")
		case !in.StartsAt.After(now):
			v.Add("starts_at", "A meeting is planned for a time still to come.")
		default:
			prev, err := previous(tx, groupID, *in.StartsAt)
			if err != nil {
				return err
			}
			if prev != nil && days(prev.StartsAt, *in.StartsAt) > MaxDays && in.Reason == "" {
				v.Add("starts_at", "This is more than 15 days after the previous meeting ("+prev.StartsAt.In(Zone).Format("02.01.2006")+
					"); plan it by "+addDays(prev.StartsAt, MaxDays).In(Zone).Format("02.01.2006")+", or give the reason.")
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO meetings (id, group_id, starts_at, location, late_reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, groupID, *in.StartsAt, in.Location, in.Reason, p.UserID, now).Error; err != nil {
			return err
		}
		if _, err := s.buildAgenda(tx, id, groupID, now); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "meeting.schedule", ResourceType: "meeting", ResourceID: id,
			Basis: audit.BasisCoordinationGroup})
	})
	if err != nil {
		return Meeting{}, err
	}
	return s.Get(ctx, p, id)
}

// withPrevious fills in how many days after the previous meeting each meeting is.
func withPrevious(tx *gorm.DB, ms []Meeting) error {
	if len(ms) == 0 {
		return nil
	}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	// One query for the whole list: each meeting's previous one is the latest of its group, held
	// or planned (not cancelled), that starts before it.
	var rows []struct {
		ID   string
		Prev *time.Time
	}
	if err := tx.Raw(`SELECT m.id, (SELECT max(p.starts_at) FROM meetings p WHERE p.group_id = m.group_id AND p.status <> 'cancelled'
		AND p.starts_at < m.starts_at) AS prev FROM meetings m WHERE m.id IN ?`, ids).Scan(&rows).Error; err != nil {
		return err
	}
	prev := make(map[string]time.Time, len(rows))
	for _, r := range rows {
		if r.Prev != nil {
			prev[r.ID] = *r.Prev
		}
	}
	for i := range ms {
		if p, ok := prev[ms[i].ID]; ok {
			d := days(p, ms[i].StartsAt)
			ms[i].DaysAfterPrevious = &d
		}
	}
	return nil
}

// List returns the group's meetings, newest first, for its chair and permanent members.
// ENOTFOUND for anyone else.
func (s *Service) List(ctx context.Context, p *authz.Principal, groupID string) ([]Meeting, error) {
	db := s.db.WithContext(ctx)
	if _, err := inGroup(db, groupID, p.UserID); err != nil {
		return nil, err
	}
	out := []Meeting{}
	if err := db.Raw(selectMeetings+` WHERE group_id = ? ORDER BY starts_at DESC LIMIT 500`, groupID).Scan(&out).Error; err != nil {
		return nil, err
	}
	for i := range out {
		utcMeeting(&out[i])
	}
	if err := withPrevious(db, out); err != nil {
		return nil, err
	}
	// The list holds closed meetings' minutes: the read is audited like one meeting's.
	return out, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "meeting.list", ResourceType: "coordination_group", ResourceID: groupID,
		Basis: audit.BasisCoordinationGroup})
}

// Get returns one meeting to its group. ENOTFOUND.
func (s *Service) Get(ctx context.Context, p *authz.Principal, id string) (Meeting, error) {
	db := s.db.WithContext(ctx)
	m, _, err := s.meeting(db, id, p.UserID, false)
	if err != nil {
		return Meeting{}, err
	}
	ms := []Meeting{m}
	if err := withPrevious(db, ms); err != nil {
		return Meeting{}, err
	}
	return ms[0], nil
}

// Cadence is where a group stands against the 15-day rule.
type Cadence struct {
	LastMeetingAt *time.Time `json:"last_meeting_at"`
	NextMeetingAt *time.Time `json:"next_meeting_at"`
	// WarnFrom (day 10) and DueBy (day 15) count from the last meeting held or started.
	WarnFrom *time.Time `json:"warn_from"`
	DueBy    *time.Time `json:"due_by"`
	// ProposedAt is the date the app proposes for the next meeting: the last meeting's
	// weekday and time, at most 15 days after it, and not in the past.
	ProposedAt *time.Time `json:"proposed_at"`
	// Warning: from day 10 with no next meeting planned. Overdue: past day 15.
	Warning bool `json:"warning"`
	Overdue bool `json:"overdue"`
}

// Cadence says when the group last met, whether a next meeting is planned, and what date the
// app proposes. ENOTFOUND outside the group.
func (s *Service) Cadence(ctx context.Context, p *authz.Principal, groupID string) (Cadence, error) {
	db := s.db.WithContext(ctx)
	if _, err := inGroup(db, groupID, p.UserID); err != nil {
		return Cadence{}, err
	}
	return cadence(db, groupID, s.clock.Now())
}

func cadence(db *gorm.DB, groupID string, now time.Time) (Cadence, error) {
	var c Cadence
	var last, next []time.Time
	if err := db.Raw(`SELECT starts_at FROM meetings WHERE group_id = ? AND status <> 'cancelled' AND starts_at <= ? ORDER BY starts_at DESC LIMIT 1`,
		groupID, now).Scan(&last).Error; err != nil {
		return c, err
	}
	if err := db.Raw(`SELECT starts_at FROM meetings WHERE group_id = ? AND status = 'planned' AND starts_at > ? ORDER BY starts_at LIMIT 1`,
		groupID, now).Scan(&next).Error; err != nil {
		return c, err
	}
	if len(next) == 1 {
		n := next[0].UTC()
		c.NextMeetingAt = &n
	}
	if len(last) == 0 {
		return c, nil
	}
	l := last[0].UTC()
	warn, due := addDays(l, WarnDays), addDays(l, MaxDays)
	c.LastMeetingAt, c.WarnFrom, c.DueBy = &l, &warn, &due
	c.Warning = c.NextMeetingAt == nil && !now.Before(warn)
	c.Overdue = c.NextMeetingAt == nil && now.After(due)
	proposed := addDays(l, 14) // the same weekday two weeks on, inside the 15 days
	for !proposed.After(now) {
		proposed = addDays(proposed, 7)
	}
	c.ProposedAt = &proposed
	return c, nil
}
