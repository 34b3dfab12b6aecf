package meetings

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

// Record is a note or a decision on an agenda item.
type Record struct {
	ID         string    `json:"id"`
	ItemID     string    `json:"item_id"`
	Kind       string    `json:"kind"`
	Body       string    `json:"body"`
	AuthorID   string    `json:"author_id"`
	AuthorName string    `json:"author_name"`
	CreatedAt  time.Time `json:"created_at"`
}

const selectRecords = `SELECT r.id, r.item_id, r.kind, r.body, r.author_id, u.display_name AS author_name, r.created_at
	FROM meeting_records r JOIN users u ON u.id = r.author_id`

func utcRecords(rs []Record) {
	for i := range rs {
		rs[i].CreatedAt = rs[i].CreatedAt.UTC()
	}
}

// Action is a task the group gives an agency and a person, with a deadline; a later meeting
// reviews it.
type Action struct {
	ID           string     `json:"id"`
	MeetingID    string     `json:"meeting_id"`
	ItemID       string     `json:"item_id"`
	CaseID       *string    `json:"case_id"`
	Title        string     `json:"title"`
	AgencyID     string     `json:"agency_id"`
	AgencyName   string     `json:"agency_name"`
	AssigneeID   string     `json:"assignee_id"`
	AssigneeName string     `json:"assignee_name"`
	DueAt        time.Time  `json:"due_at"`
	Outcome      *string    `json:"outcome"`
	ReviewedIn   *string    `json:"reviewed_in"`
	ReviewedAt   *time.Time `json:"reviewed_at"`
	CreatedAt    time.Time  `json:"created_at"`
}

const selectActions = `SELECT a.id, a.meeting_id, a.item_id, a.case_id::text AS case_id, a.title, a.agency_id, ag.name AS agency_name, a.assignee_id,
	u.display_name AS assignee_name, a.due_at, a.outcome, a.reviewed_in::text AS reviewed_in, a.reviewed_at, a.created_at
	FROM meeting_actions a JOIN agencies ag ON ag.id = a.agency_id JOIN users u ON u.id = a.assignee_id`

func utcActions(as []Action) {
	for i := range as {
		as[i].DueAt, as[i].CreatedAt = as[i].DueAt.UTC(), as[i].CreatedAt.UTC()
		if as[i].ReviewedAt != nil {
			*as[i].ReviewedAt = as[i].ReviewedAt.UTC()
		}
	}
}

// Attendee is a person's attendance at a meeting.
type Attendee struct {
	UserID                        string     `json:"user_id"`
	DisplayName                   string     `json:"display_name"`
	AgencyName                    string     `json:"agency_name"`
	Presence                      string     `json:"presence"`
	ConfidentialityAcknowledgedAt *time.Time `json:"confidentiality_acknowledged_at"`
	RecordedAt                    time.Time  `json:"recorded_at"`
}

// Addendum is a correction to closed minutes.
type Addendum struct {
	ID         string    `json:"id"`
	Body       string    `json:"body"`
	AuthorID   string    `json:"author_id"`
	AuthorName string    `json:"author_name"`
	CreatedAt  time.Time `json:"created_at"`
}

// Detail is a meeting with everything recorded in it, and the earlier actions still to review.
type Detail struct {
	Meeting
	GroupName       string     `json:"group_name"`
	ChairID         string     `json:"chair_id"`
	MyRole          string     `json:"my_role"`
	Items           []Item     `json:"items"`
	Attendance      []Attendee `json:"attendance"`
	Addenda         []Addendum `json:"addenda"`
	ActionsToReview []Action   `json:"actions_to_review"`
	Preparation     []PrepItem `json:"preparation"`
	// GroupMembers are the chair and the permanent members (for the attendance).
	GroupMembers []Invitee `json:"group_members"`
}

// Detail returns the meeting with its agenda, attendance, records, actions and addenda, and
// the earlier meetings' actions not reviewed yet, to the group; audited. ENOTFOUND.
func (s *Service) Detail(ctx context.Context, p *authz.Principal, id string) (Detail, error) {
	db := s.db.WithContext(ctx)
	m, r, err := s.meeting(db, id, p.UserID, false)
	if err != nil {
		return Detail{}, err
	}
	d, err := detail(db, m, s.clock.Now())
	if err != nil {
		return Detail{}, err
	}
	d.MyRole = r
	return d, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "meeting.read", ResourceType: "meeting", ResourceID: id,
		Basis: audit.BasisCoordinationGroup})
}

func detail(db *gorm.DB, m Meeting, now time.Time) (Detail, error) {
	d := Detail{Meeting: m, Attendance: []Attendee{}, Addenda: []Addendum{}, ActionsToReview: []Action{}}
	ms := []Meeting{m}
	if err := withPrevious(db, ms); err != nil {
		return d, err
	}
	d.Meeting = ms[0]
	if err := db.Raw(`SELECT name AS group_name, chair_id FROM coordination_groups WHERE id = ?`, m.GroupID).Row().Scan(&d.GroupName, &d.ChairID); err != nil {
		return d, err
	}
	var err error
	if d.Items, err = loadItems(db, m.ID); err != nil {
		return d, err
	}
	if err := db.Raw(`SELECT a.user_id, u.display_name, ag.name AS agency_name, a.presence, a.confidentiality_acknowledged_at, a.recorded_at
		FROM meeting_attendance a JOIN users u ON u.id = a.user_id JOIN agencies ag ON ag.id = u.agency_id
		WHERE a.meeting_id = ? ORDER BY ag.name, u.display_name`, m.ID).Scan(&d.Attendance).Error; err != nil {
		return d, err
	}
	if err := db.Raw(`SELECT d.id, d.body, d.author_id, u.display_name AS author_name, d.created_at FROM meeting_addenda d JOIN users u ON u.id = d.author_id
		WHERE d.meeting_id = ? ORDER BY d.created_at`, m.ID).Scan(&d.Addenda).Error; err != nil {
		return d, err
	}
	// Earlier actions of the group not reviewed yet, and those this meeting reviewed.
	if err := db.Raw(selectActions+` JOIN meetings m ON m.id = a.meeting_id
		WHERE m.group_id = ? AND m.starts_at < ? AND (a.outcome IS NULL OR a.reviewed_in = ?) ORDER BY a.due_at, a.id`,
		m.GroupID, m.StartsAt, m.ID).Scan(&d.ActionsToReview).Error; err != nil {
		return d, err
	}
	utcActions(d.ActionsToReview)
	if d.Preparation, err = preparation(db, m, now); err != nil {
		return d, err
	}
	d.GroupMembers = []Invitee{}
	if err := db.Raw(`SELECT u.id AS user_id, u.display_name, ag.name AS agency_name FROM users u JOIN agencies ag ON ag.id = u.agency_id
		WHERE u.active AND (u.id = (SELECT chair_id FROM coordination_groups WHERE id = ?)
			OR u.id IN (SELECT user_id FROM coordination_group_members WHERE group_id = ?))
		ORDER BY ag.name, u.display_name`, m.GroupID, m.GroupID).Scan(&d.GroupMembers).Error; err != nil {
		return d, err
	}
	for i := range d.Attendance {
		d.Attendance[i].RecordedAt = d.Attendance[i].RecordedAt.UTC()
		if t := d.Attendance[i].ConfidentialityAcknowledgedAt; t != nil {
			*t = t.UTC()
		}
	}
	for i := range d.Addenda {
		d.Addenda[i].CreatedAt = d.Addenda[i].CreatedAt.UTC()
	}
	return d, nil
}

func (s *Service) detailAfter(ctx context.Context, p *authz.Principal, id string, err error) (Detail, error) {
	if err != nil {
		return Detail{}, err
	}
	return s.Detail(ctx, p, id)
}

// running checks that the meeting is in progress.
func running(m Meeting) error {
	if m.Status != "in_progress" {
		return platform.Errorf(platform.ECONFLICT, "This is recorded while the meeting runs; it is %s.", strings.ReplaceAll(m.Status, "_", " "))
	}
	return nil
}

// Start opens a planned meeting. ECONFLICT from another status.
func (s *Service) Start(ctx context.Context, p *authz.Principal, id string) (Detail, error) {
	err := s.asChair(ctx, p, id, "meeting.start", func(tx *gorm.DB, m Meeting) error {
		if m.Status != "planned" {
			return platform.Errorf(platform.ECONFLICT, "Only a planned meeting starts; this one is %s.", strings.ReplaceAll(m.Status, "_", " "))
		}
		if _, err := s.buildAgenda(tx, id, m.GroupID, s.clock.Now()); err != nil {
			return err
		}
		return tx.Exec(`UPDATE meetings SET status = 'in_progress', opened_at = ? WHERE id = ?`, s.clock.Now(), id).Error
	})
	return s.detailAfter(ctx, p, id, err)
}

// Cancel cancels a planned meeting. ECONFLICT from another status.
func (s *Service) Cancel(ctx context.Context, p *authz.Principal, id string) (Detail, error) {
	err := s.asChair(ctx, p, id, "meeting.cancel", func(tx *gorm.DB, m Meeting) error {
		if m.Status != "planned" {
			return platform.Errorf(platform.ECONFLICT, "Only a planned meeting is cancelled; this one is %s.", strings.ReplaceAll(m.Status, "_", " "))
		}
		return tx.Exec(`UPDATE meetings SET status = 'cancelled' WHERE id = ?`, id).Error
	})
	return s.detailAfter(ctx, p, id, err)
}

// SetAttendance records a person's presence or apologies: the group's members and the
// invitees of the meeting. EINVALID naming user_id or presence.
func (s *Service) SetAttendance(ctx context.Context, p *authz.Principal, id, userID, presence string) (Detail, error) {
	err := s.asChair(ctx, p, id, "meeting.attendance", func(tx *gorm.DB, m Meeting) error {
		if err := running(m); err != nil {
			return err
		}
		var v platform.Validator
		v.Check(presence == "present" || presence == "apologies", "presence", "Choose present or apologies.")
		var n int64
		if platform.ValidID(userID) {
			if err := tx.Raw(`SELECT count(*) FROM users u WHERE u.id = ? AND (
				EXISTS (SELECT 1 FROM coordination_groups g WHERE g.id = ? AND g.chair_id = u.id)
				OR EXISTS (SELECT 1 FROM coordination_group_members gm WHERE gm.group_id = ? AND gm.user_id = u.id)
				OR EXISTS (SELECT 1 FROM meeting_invitations mi JOIN meeting_items i ON i.id = mi.item_id WHERE i.meeting_id = ? AND mi.user_id = u.id))`,
				userID, m.GroupID, m.GroupID, id).Scan(&n).Error; err != nil {
				return err
			}
		}
		v.Check(n == 1, "user_id", "Choose a member of the group or an invitee of this meeting.")
		if err := v.Err(); err != nil {
			return err
		}
		return tx.Exec(`INSERT INTO meeting_attendance (meeting_id, user_id, presence, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (meeting_id, user_id) DO UPDATE SET presence = EXCLUDED.presence, recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at,
			confidentiality_acknowledged_at = CASE WHEN EXCLUDED.presence = 'present' THEN meeting_attendance.confidentiality_acknowledged_at END`,
			id, userID, presence, p.UserID, s.clock.Now()).Error
	})
	return s.detailAfter(ctx, p, id, err)
}

// AcknowledgeConfidentiality records that the caller, present at the running meeting, has
// acknowledged its confidentiality (each attendee for themselves). ECONFLICT when the caller
// is not recorded as present.
func (s *Service) AcknowledgeConfidentiality(ctx context.Context, p *authz.Principal, id string) (Attendee, error) {
	var out Attendee
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		m, err := s.lockForAttendee(tx, id, p.UserID)
		if err != nil {
			return err
		}
		if err := running(m); err != nil {
			return err
		}
		r := tx.Exec(`UPDATE meeting_attendance SET confidentiality_acknowledged_at = COALESCE(confidentiality_acknowledged_at, ?)
			WHERE meeting_id = ? AND user_id = ? AND presence = 'present'`, s.clock.Now(), id, p.UserID)
		if r.Error != nil {
			return r.Error
		}
		if r.RowsAffected == 0 {
			return platform.Errorf(platform.ECONFLICT, "The chair has not recorded you as present at this meeting.")
		}
		if err := tx.Raw(`SELECT a.user_id, u.display_name, ag.name AS agency_name, a.presence, a.confidentiality_acknowledged_at, a.recorded_at
			FROM meeting_attendance a JOIN users u ON u.id = a.user_id JOIN agencies ag ON ag.id = u.agency_id
			WHERE a.meeting_id = ? AND a.user_id = ?`, id, p.UserID).Scan(&out).Error; err != nil {
			return err
		}
		basis := audit.BasisInvitation
		if rl, _ := role(tx, m.GroupID, p.UserID); rl != "" {
			basis = audit.BasisCoordinationGroup
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "meeting.confidentiality_ack", ResourceType: "meeting", ResourceID: id, Basis: basis})
	})
	return out, err
}

// lockForAttendee reads the meeting for a member of its group or an invitee of one of its
// items. ENOTFOUND for anyone else.
func (s *Service) lockForAttendee(tx *gorm.DB, id, userID string) (Meeting, error) {
	if !platform.ValidID(id) {
		return Meeting{}, errMeetingNotFound
	}
	var ms []Meeting
	if err := tx.Raw(selectMeetings+` WHERE id = ? AND (EXISTS (SELECT 1 FROM coordination_groups g WHERE g.id = meetings.group_id AND g.chair_id = ?)
		OR EXISTS (SELECT 1 FROM coordination_group_members gm WHERE gm.group_id = meetings.group_id AND gm.user_id = ?)
		OR EXISTS (SELECT 1 FROM meeting_invitations mi JOIN meeting_items i ON i.id = mi.item_id WHERE i.meeting_id = meetings.id AND mi.user_id = ?))`,
		id, userID, userID, userID).Scan(&ms).Error; err != nil {
		return Meeting{}, err
	}
	if len(ms) == 0 {
		return Meeting{}, errMeetingNotFound
	}
	return ms[0], nil
}

// AddRecord writes a note or a decision on an item of the running meeting. EINVALID naming
// kind or body; ENOTFOUND for an item of another meeting.
func (s *Service) AddRecord(ctx context.Context, p *authz.Principal, id, itemID, kind, body string) (Record, error) {
	body = strings.TrimSpace(body)
	recID := platform.NewID()
	err := s.asChair(ctx, p, id, "meeting.record_"+safeKind(kind), func(tx *gorm.DB, m Meeting) error {
		if err := running(m); err != nil {
			return err
		}
		if err := itemOf(tx, id, itemID); err != nil {
			return err
		}
		var v platform.Validator
		v.Check(kind == "note" || kind == "decision", "kind", "Choose note or decision.")
		v.Check(body != "" && len([]rune(body)) <= 20000, "body", "Write it (at most 20,000 characters).")
		if err := v.Err(); err != nil {
			return err
		}
		return tx.Exec(`INSERT INTO meeting_records (id, meeting_id, item_id, kind, body, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			recID, id, itemID, kind, body, p.UserID, s.clock.Now()).Error
	})
	if err != nil {
		return Record{}, err
	}
	var out Record
	err = s.db.WithContext(ctx).Raw(selectRecords+` WHERE r.id = ?`, recID).Scan(&out).Error
	out.CreatedAt = out.CreatedAt.UTC()
	return out, err
}

func safeKind(kind string) string {
	if kind == "decision" {
		return "decision"
	}
	return "note"
}

// NewAction is an action the group gives.
type NewAction struct {
	Title, AgencyID, AssigneeID string
	DueAt                       *time.Time
}

// AddAction gives an action on an item of the running meeting to an agency and a person of
// it, with a deadline. EINVALID naming title, agency_id, assignee_id or due_at.
func (s *Service) AddAction(ctx context.Context, p *authz.Principal, id, itemID string, in NewAction) (Action, error) {
	in.Title = strings.TrimSpace(in.Title)
	actionID := platform.NewID()
	now := s.clock.Now()
	err := s.asChair(ctx, p, id, "meeting.action_add", func(tx *gorm.DB, m Meeting) error {
		if err := running(m); err != nil {
			return err
		}
		if err := itemOf(tx, id, itemID); err != nil {
			return err
		}
		var v platform.Validator
		v.Check(in.Title != "" && len([]rune(in.Title)) <= 500, "title", "Say what is to be done (at most 500 characters).")
		var agency, assignee int64
		if platform.ValidID(in.AgencyID) {
			if err := tx.Raw(`SELECT count(*) FROM agencies WHERE id = ? AND type <> 'system'`, in.AgencyID).Scan(&agency).Error; err != nil {
				return err
			}
		}
		v.Check(agency == 1, "agency_id", "Choose the agency that carries it out.")
		if agency == 1 && platform.ValidID(in.AssigneeID) {
			if err := tx.Raw(`SELECT count(*) FROM users WHERE id = ? AND agency_id = ? AND active`, in.AssigneeID, in.AgencyID).Scan(&assignee).Error; err != nil {
				return err
			}
		}
		v.Check(assignee == 1, "assignee_id", "Choose an active worker of that agency.")
		v.Check(in.DueAt != nil && in.DueAt.After(now), "due_at", "Give a deadline still to come.")
		if err := v.Err(); err != nil {
			return err
		}
		return tx.Exec(`INSERT INTO meeting_actions (id, meeting_id, item_id, case_id, title, agency_id, assignee_id, due_at, created_by, created_at)
			SELECT ?, ?, ?, case_id, ?, ?, ?, ?, ?, ? FROM meeting_items WHERE id = ?`,
			actionID, id, itemID, in.Title, in.AgencyID, in.AssigneeID, *in.DueAt, p.UserID, now, itemID).Error
	})
	if err != nil {
		return Action{}, err
	}
	var out []Action
	err = s.db.WithContext(ctx).Raw(selectActions+` WHERE a.id = ?`, actionID).Scan(&out).Error
	if err != nil || len(out) == 0 {
		return Action{}, err
	}
	utcActions(out)
	return out[0], nil
}

// Outcomes of an action's review.
var Outcomes = []string{"done", "circumstances_changed", "not_carried_out"}

// ReviewAction records, at the running meeting id, the outcome of an action an earlier
// meeting of the group gave. ENOTFOUND for an action of another group; ECONFLICT when it was
// reviewed already; EINVALID naming outcome.
func (s *Service) ReviewAction(ctx context.Context, p *authz.Principal, id, actionID, outcome string) (Action, error) {
	err := s.asChair(ctx, p, id, "meeting.action_review", func(tx *gorm.DB, m Meeting) error {
		if err := running(m); err != nil {
			return err
		}
		var rows []struct{ Outcome *string }
		if platform.ValidID(actionID) {
			if err := tx.Raw(`SELECT a.outcome FROM meeting_actions a JOIN meetings mt ON mt.id = a.meeting_id
				WHERE a.id = ? AND mt.group_id = ? AND mt.starts_at < ? FOR UPDATE OF a`, actionID, m.GroupID, m.StartsAt).Scan(&rows).Error; err != nil {
				return err
			}
		}
		if len(rows) == 0 {
			return platform.Errorf(platform.ENOTFOUND, "Action not found among the earlier meetings' actions.")
		}
		if rows[0].Outcome != nil {
			return platform.Errorf(platform.ECONFLICT, "This action was reviewed already.")
		}
		if !slices.Contains(Outcomes, outcome) {
			return platform.Invalid(platform.FieldError{Field: "outcome", Message: "Choose done, circumstances_changed or not_carried_out."})
		}
		return tx.Exec(`UPDATE meeting_actions SET outcome = ?, reviewed_in = ?, reviewed_at = ? WHERE id = ?`, outcome, id, s.clock.Now(), actionID).Error
	})
	if err != nil {
		return Action{}, err
	}
	var out []Action
	if err := s.db.WithContext(ctx).Raw(selectActions+` WHERE a.id = ?`, actionID).Scan(&out).Error; err != nil {
		return Action{}, err
	}
	utcActions(out)
	return out[0], nil
}

// Close closes the running meeting with its minutes, which are then immutable; every case on
// the agenda counts as reviewed. EINVALID naming minutes when they are empty.
func (s *Service) Close(ctx context.Context, p *authz.Principal, id, minutes string) (Detail, error) {
	minutes = strings.TrimSpace(minutes)
	err := s.asChair(ctx, p, id, "meeting.close", func(tx *gorm.DB, m Meeting) error {
		if err := running(m); err != nil {
			return err
		}
		if minutes == "" {
			return platform.Invalid(platform.FieldError{Field: "minutes", Message: "A meeting cannot be closed without minutes: write them first."})
		}
		if len([]rune(minutes)) > 100000 {
			return platform.Invalid(platform.FieldError{Field: "minutes", Message: "At most 100,000 characters."})
		}
		now := s.clock.Now()
		if err := tx.Exec(`INSERT INTO case_reviews (case_id, meeting_id, reviewed_at) SELECT case_id, meeting_id, ? FROM meeting_items
			WHERE meeting_id = ? AND case_id IS NOT NULL ON CONFLICT DO NOTHING`, now, id).Error; err != nil {
			return err
		}
		return tx.Exec(`UPDATE meetings SET status = 'closed', minutes = ?, closed_at = ?, closed_by = ? WHERE id = ?`, minutes, now, p.UserID, id).Error
	})
	return s.detailAfter(ctx, p, id, err)
}

// AddAddendum corrects closed minutes with an addendum (the minutes never change). ECONFLICT
// before the meeting is closed; EINVALID naming body.
func (s *Service) AddAddendum(ctx context.Context, p *authz.Principal, id, body string) (Detail, error) {
	body = strings.TrimSpace(body)
	err := s.asChair(ctx, p, id, "meeting.addendum", func(tx *gorm.DB, m Meeting) error {
		if m.Status != "closed" {
			return platform.Errorf(platform.ECONFLICT, "Only closed minutes take addenda; until then, record it in the meeting.")
		}
		if body == "" || len([]rune(body)) > 20000 {
			return platform.Invalid(platform.FieldError{Field: "body", Message: "Write the addendum (at most 20,000 characters)."})
		}
		return tx.Exec(`INSERT INTO meeting_addenda (id, meeting_id, body, author_id, created_at) VALUES (?, ?, ?, ?, ?)`,
			platform.NewID(), id, body, p.UserID, s.clock.Now()).Error
	})
	return s.detailAfter(ctx, p, id, err)
}
