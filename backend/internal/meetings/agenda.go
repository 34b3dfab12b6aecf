package meetings

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/cases"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Sections of the agenda, in order (domain.md): new cases, ongoing cases, cases needing
// measures to speed up court proceedings; then topics the chair adds.
var Sections = []string{"new", "ongoing", "court", "other"}

// Item is one point of the agenda.
type Item struct {
	ID        string  `json:"id"`
	MeetingID string  `json:"meeting_id"`
	CaseID    *string `json:"case_id"`
	Title     string  `json:"title"`
	Section   string  `json:"section"`
	Position  int     `json:"position"`
	// Repeat: a new incident or a breach since the case's last review; it comes first in its
	// section whatever its risk.
	Repeat    bool       `json:"repeat"`
	RiskLevel *string    `json:"risk_level"`
	Records   []Record   `json:"records" gorm:"-"`
	Actions   []Action   `json:"actions" gorm:"-"`
	Invitees  []Invitee  `json:"invitees" gorm:"-"`
	CreatedAt time.Time  `json:"created_at"`
	ReviewAt  *time.Time `json:"-" gorm:"-"`
}

// Invitee is an occasional member invited to an item.
type Invitee struct {
	UserID      string `json:"user_id"`
	DisplayName string `json:"display_name"`
	AgencyName  string `json:"agency_name"`
}

const selectItems = `SELECT i.id, i.meeting_id, i.case_id::text AS case_id, COALESCE(NULLIF(i.title, ''), c.title, '') AS title, i.section, i.position,
	i.repeat, c.risk_level, i.created_at FROM meeting_items i LEFT JOIN cases c ON c.id = i.case_id`

const orderItems = ` ORDER BY array_position(ARRAY['new','ongoing','court','other'], i.section), i.position, i.created_at`

// areaCases is the condition that a case (c) is a domestic-violence case of the group's area
// (the group's id is its one argument).
const areaCases = `c.category = 'domestic_violence' AND c.team_id IN (SELECT team_id FROM coordination_group_teams WHERE group_id = ?)`

// buildAgenda adds to the meeting every domestic-violence case of the group's area not closed
// (by a final court decision or another reason the chair recorded) that is not on it yet:
// never reviewed → new; with an extension proposed or granted → court; else ongoing. Repeat
// cases (an incident or a breach since the last review) come first within their section.
func (s *Service) buildAgenda(tx *gorm.DB, meetingID, groupID string, now time.Time) (int, error) {
	var rows []struct {
		ID         string
		RepeatAt   *time.Time
		LastReview *time.Time
		Court      bool
		CreatedAt  time.Time
	}
	if err := tx.Raw(`SELECT c.id, c.repeat_at, c.created_at,
			(SELECT max(r.reviewed_at) FROM case_reviews r WHERE r.case_id = c.id) AS last_review,
			EXISTS (SELECT 1 FROM urgent_measures um WHERE um.case_id = c.id AND um.status IN ('proposal_pending', 'extended')) AS court
		FROM cases c WHERE c.status <> 'closed' AND `+areaCases+`
		AND NOT EXISTS (SELECT 1 FROM meeting_items i WHERE i.meeting_id = ? AND i.case_id = c.id)`, groupID, meetingID).Scan(&rows).Error; err != nil {
		return 0, err
	}
	type entry struct {
		id, section string
		repeat      bool
		created     time.Time
	}
	var add []entry
	for _, r := range rows {
		e := entry{id: r.ID, section: "ongoing", created: r.CreatedAt}
		switch {
		case r.LastReview == nil:
			e.section = "new"
		case r.Court:
			e.section = "court"
		}
		e.repeat = r.RepeatAt != nil && (r.LastReview == nil || r.RepeatAt.After(*r.LastReview))
		add = append(add, e)
	}
	slices.SortStableFunc(add, func(a, b entry) int {
		if a.repeat != b.repeat {
			if a.repeat {
				return -1
			}
			return 1
		}
		return a.created.Compare(b.created)
	})
	for _, e := range add {
		if err := tx.Exec(`INSERT INTO meeting_items (id, meeting_id, case_id, section, position, repeat, created_at)
			SELECT ?, ?, ?, ?, COALESCE(max(position), 0) + 1, ?, ? FROM meeting_items WHERE meeting_id = ? AND section = ?`,
			platform.NewID(), meetingID, e.id, e.section, e.repeat, now, meetingID, e.section).Error; err != nil {
			return 0, err
		}
	}
	// Repeat cases already on it (a breach since the agenda was built) move to the top of
	// their section.
	if err := tx.Exec(`UPDATE meeting_items i SET repeat = true, position = 0 FROM cases c
		WHERE i.meeting_id = ? AND c.id = i.case_id AND NOT i.repeat AND c.repeat_at IS NOT NULL
		AND c.repeat_at > COALESCE((SELECT max(r.reviewed_at) FROM case_reviews r WHERE r.case_id = c.id), '-infinity')`, meetingID).Error; err != nil {
		return 0, err
	}
	return len(add), nil
}

// Agenda returns the meeting's agenda, in order, to its group; the read is audited. ENOTFOUND.
func (s *Service) Agenda(ctx context.Context, p *authz.Principal, id string) ([]Item, error) {
	db := s.db.WithContext(ctx)
	if _, _, err := s.meeting(db, id, p.UserID, false); err != nil {
		return nil, err
	}
	items, err := loadItems(db, id)
	if err != nil {
		return nil, err
	}
	return items, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "meeting.agenda_read", ResourceType: "meeting", ResourceID: id,
		Basis: audit.BasisCoordinationGroup})
}

func loadItems(db *gorm.DB, meetingID string) ([]Item, error) {
	items := []Item{}
	if err := db.Raw(selectItems+` WHERE i.meeting_id = ?`+orderItems, meetingID).Scan(&items).Error; err != nil {
		return nil, err
	}
	for i := range items {
		it := &items[i]
		it.CreatedAt = it.CreatedAt.UTC()
		it.Records, it.Actions, it.Invitees = []Record{}, []Action{}, []Invitee{}
		if err := db.Raw(selectRecords+` WHERE r.item_id = ? ORDER BY r.created_at, r.id`, it.ID).Scan(&it.Records).Error; err != nil {
			return nil, err
		}
		if err := db.Raw(selectActions+` WHERE a.item_id = ? ORDER BY a.created_at, a.id`, it.ID).Scan(&it.Actions).Error; err != nil {
			return nil, err
		}
		if err := db.Raw(`SELECT u.id AS user_id, u.display_name, ag.name AS agency_name FROM meeting_invitations mi JOIN users u ON u.id = mi.user_id
			JOIN agencies ag ON ag.id = u.agency_id WHERE mi.item_id = ? ORDER BY mi.invited_at`, it.ID).Scan(&it.Invitees).Error; err != nil {
			return nil, err
		}
		utcRecords(it.Records)
		utcActions(it.Actions)
	}
	return items, nil
}

// Refresh adds to a meeting not yet closed the cases that have come into the area since its
// agenda was built, and moves new repeat cases up. It returns how many were added.
func (s *Service) Refresh(ctx context.Context, p *authz.Principal, id string) (int, error) {
	n := 0
	err := s.asChair(ctx, p, id, "meeting.agenda_refresh", func(tx *gorm.DB, m Meeting) error {
		if err := open(m); err != nil {
			return err
		}
		var err error
		n, err = s.buildAgenda(tx, id, m.GroupID, s.clock.Now())
		return err
	})
	return n, err
}

func open(m Meeting) error {
	if m.Status == "closed" || m.Status == "cancelled" {
		return platform.Errorf(platform.ECONFLICT, "This meeting is %s; its agenda no longer changes.", m.Status)
	}
	return nil
}

// NewItem is an item the chair adds: a case of the area, or a topic.
type NewItem struct {
	CaseID, Title, Section string
}

// AddItem adds an item to the agenda of a meeting not yet closed. EFORBIDDEN (not the chair);
// ECONFLICT (closed, or the case is on it already); EINVALID naming case_id, title or
// section.
func (s *Service) AddItem(ctx context.Context, p *authz.Principal, id string, in NewItem) (Item, error) {
	in.Title = strings.TrimSpace(in.Title)
	if in.Section == "" {
		in.Section = "other"
	}
	itemID := platform.NewID()
	err := s.asChair(ctx, p, id, "meeting.item_add", func(tx *gorm.DB, m Meeting) error {
		if err := open(m); err != nil {
			return err
		}
		var v platform.Validator
		v.Check(slices.Contains(Sections, in.Section), "section", "Choose new, ongoing, court or other.")
		v.Check(len([]rune(in.Title)) <= 200, "title", "At most 200 characters.")
		if in.CaseID == "" {
			v.Check(in.Title != "", "title", "Name the topic, or choose a case.")
		} else {
			var n int64
			if platform.ValidID(in.CaseID) {
				if err := tx.Raw(`SELECT count(*) FROM cases c WHERE c.id = ? AND `+areaCases, in.CaseID, m.GroupID).Scan(&n).Error; err != nil {
					return err
				}
			}
			v.Check(n == 1, "case_id", "Choose a domestic-violence case of the group's area.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		var dup int64
		if err := tx.Raw(`SELECT count(*) FROM meeting_items WHERE meeting_id = ? AND case_id::text = ?`, id, in.CaseID).Scan(&dup).Error; err != nil {
			return err
		}
		if dup > 0 {
			return platform.Errorf(platform.ECONFLICT, "This case is on the agenda already.")
		}
		return tx.Exec(`INSERT INTO meeting_items (id, meeting_id, case_id, title, section, position, added_by, created_at)
			SELECT ?, ?, NULLIF(?, '')::uuid, ?, ?, COALESCE(max(position), 0) + 1, ?, ? FROM meeting_items WHERE meeting_id = ? AND section = ?`,
			itemID, id, in.CaseID, in.Title, in.Section, p.UserID, s.clock.Now(), id, in.Section).Error
	})
	if err != nil {
		return Item{}, err
	}
	items, err := loadItems(s.db.WithContext(ctx), id)
	if err != nil {
		return Item{}, err
	}
	for _, it := range items {
		if it.ID == itemID {
			return it, nil
		}
	}
	return Item{}, errMeetingNotFound
}

// Reorder sets the order of the agenda: itemIDs is every item of the meeting, once, in the
// new order (each keeps its section). EINVALID naming item_ids otherwise.
func (s *Service) Reorder(ctx context.Context, p *authz.Principal, id string, itemIDs []string) ([]Item, error) {
	err := s.asChair(ctx, p, id, "meeting.agenda_reorder", func(tx *gorm.DB, m Meeting) error {
		if err := open(m); err != nil {
			return err
		}
		var have []string
		if err := tx.Raw(`SELECT id::text FROM meeting_items WHERE meeting_id = ?`, id).Scan(&have).Error; err != nil {
			return err
		}
		given := slices.Clone(itemIDs)
		slices.Sort(given)
		slices.Sort(have)
		if !slices.Equal(given, have) {
			return platform.Invalid(platform.FieldError{Field: "item_ids", Message: "List every item of this agenda once, in the new order."})
		}
		for i, itemID := range itemIDs {
			if err := tx.Exec(`UPDATE meeting_items SET position = ? WHERE id = ?`, i+1, itemID).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return loadItems(s.db.WithContext(ctx), id)
}

// Invite invites an occasional member (a user outside the group) to one item of a meeting not
// yet closed; they see that item and the plan extract of its case until the meeting closes.
// EINVALID naming user_id; ENOTFOUND for an item of another meeting.
func (s *Service) Invite(ctx context.Context, p *authz.Principal, id, itemID, userID string) ([]Invitee, error) {
	err := s.asChair(ctx, p, id, "meeting.invite", func(tx *gorm.DB, m Meeting) error {
		if err := open(m); err != nil {
			return err
		}
		if err := itemOf(tx, id, itemID); err != nil {
			return err
		}
		var n int64
		if platform.ValidID(userID) {
			if err := tx.Raw(`SELECT count(*) FROM users u WHERE u.id = ? AND u.active AND NOT EXISTS (SELECT 1 FROM coordination_groups g WHERE g.id = ? AND g.chair_id = u.id)
				AND NOT EXISTS (SELECT 1 FROM coordination_group_members gm WHERE gm.group_id = ? AND gm.user_id = u.id)
				AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role NOT IN ('admin', 'auditor'))`, userID, m.GroupID, m.GroupID).Scan(&n).Error; err != nil {
				return err
			}
		}
		if n == 0 {
			return platform.Invalid(platform.FieldError{Field: "user_id", Message: "Choose an active worker outside the group (its members see the whole agenda)."})
		}
		return tx.Exec(`INSERT INTO meeting_invitations (item_id, user_id, invited_by, invited_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			itemID, userID, p.UserID, s.clock.Now()).Error
	})
	if err != nil {
		return nil, err
	}
	out := []Invitee{}
	err = s.db.WithContext(ctx).Raw(`SELECT u.id AS user_id, u.display_name, ag.name AS agency_name FROM meeting_invitations mi JOIN users u ON u.id = mi.user_id
		JOIN agencies ag ON ag.id = u.agency_id WHERE mi.item_id = ? ORDER BY mi.invited_at`, itemID).Scan(&out).Error
	return out, err
}

func itemOf(tx *gorm.DB, meetingID, itemID string) error {
	var n int64
	if platform.ValidID(itemID) {
		if err := tx.Raw(`SELECT count(*) FROM meeting_items WHERE id = ? AND meeting_id = ?`, itemID, meetingID).Scan(&n).Error; err != nil {
			return err
		}
	}
	if n == 0 {
		return platform.Errorf(platform.ENOTFOUND, "Agenda item not found.")
	}
	return nil
}

// InvitedItem is what an occasional member sees: the item, the meeting's time and place, and
// the plan extract of its case.
type InvitedItem struct {
	Item      Item        `json:"item"`
	StartsAt  time.Time   `json:"starts_at"`
	Location  string      `json:"location"`
	Status    string      `json:"status"`
	Plan      *cases.Plan `json:"plan"`
	GroupName string      `json:"group_name"`
}

// InvitedItem returns one agenda item to a user invited to it, while its meeting is not
// closed, with the plan extract of its case; every view is audited with the basis
// invitation. The group's own members read it too (basis coordination_group). ENOTFOUND for
// anyone else, and for the invitee once the meeting is closed.
func (s *Service) InvitedItem(ctx context.Context, p *authz.Principal, itemID string) (InvitedItem, error) {
	notFound := platform.Errorf(platform.ENOTFOUND, "Agenda item not found.")
	if !platform.ValidID(itemID) {
		return InvitedItem{}, notFound
	}
	db := s.db.WithContext(ctx)
	var rows []struct {
		MeetingID, GroupID, Status, Location, GroupName string
		StartsAt                                        time.Time
		Invited                                         bool
	}
	if err := db.Raw(`SELECT m.id AS meeting_id, m.group_id, m.status, m.location, m.starts_at, g.name AS group_name,
		EXISTS (SELECT 1 FROM meeting_invitations mi WHERE mi.item_id = i.id AND mi.user_id = ?) AS invited
		FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id JOIN coordination_groups g ON g.id = m.group_id WHERE i.id = ?`, p.UserID, itemID).Scan(&rows).Error; err != nil {
		return InvitedItem{}, err
	}
	if len(rows) == 0 {
		return InvitedItem{}, notFound
	}
	r := rows[0]
	basis := audit.BasisInvitation
	inGroup, err := role(db, r.GroupID, p.UserID)
	if err != nil {
		return InvitedItem{}, err
	}
	switch {
	case inGroup != "":
		basis = audit.BasisCoordinationGroup
	case !r.Invited || r.Status == "closed" || r.Status == "cancelled":
		return InvitedItem{}, notFound
	}
	var items []Item
	if err := db.Raw(selectItems+` WHERE i.id = ?`, itemID).Scan(&items).Error; err != nil {
		return InvitedItem{}, err
	}
	it := items[0]
	it.Records, it.Actions, it.Invitees = []Record{}, []Action{}, []Invitee{}
	out := InvitedItem{Item: it, StartsAt: r.StartsAt.UTC(), Location: r.Location, Status: r.Status, GroupName: r.GroupName}
	caseID := ""
	if it.CaseID != nil {
		caseID = *it.CaseID
		plan, err := cases.LoadPlan(db, caseID)
		if err != nil {
			return InvitedItem{}, err
		}
		out.Plan = &plan
	}
	return out, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "meeting.item_read", ResourceType: "meeting_item", ResourceID: itemID,
		CaseID: caseID, Basis: basis})
}

// Invitation is an item the user is invited to, in a meeting not yet closed.
type Invitation struct {
	ItemID    string    `json:"item_id"`
	MeetingID string    `json:"meeting_id"`
	StartsAt  time.Time `json:"starts_at"`
	GroupName string    `json:"group_name"`
}

// Invitations lists the items the caller is invited to in meetings not yet closed (no case
// content: open the item to see it).
func (s *Service) Invitations(ctx context.Context, p *authz.Principal) ([]Invitation, error) {
	out := []Invitation{}
	err := s.db.WithContext(ctx).Raw(`SELECT i.id AS item_id, m.id AS meeting_id, m.starts_at, g.name AS group_name
		FROM meeting_invitations mi JOIN meeting_items i ON i.id = mi.item_id JOIN meetings m ON m.id = i.meeting_id
		JOIN coordination_groups g ON g.id = m.group_id
		WHERE mi.user_id = ? AND m.status IN ('planned', 'in_progress') ORDER BY m.starts_at`, p.UserID).Scan(&out).Error
	for i := range out {
		out[i].StartsAt = out[i].StartsAt.UTC()
	}
	return out, err
}

// Candidates finds, for a group's chair, the active workers outside the group whose name
// matches q (in either script, with or without diacritics): who may be invited to an item.
// At most 20. ENOTFOUND outside the group; EFORBIDDEN for a permanent member; EINVALID
// naming q when it is shorter than 2 characters.
func (s *Service) Candidates(ctx context.Context, p *authz.Principal, groupID, q string) ([]Invitee, error) {
	db := s.db.WithContext(ctx)
	r, err := inGroup(db, groupID, p.UserID)
	if err != nil {
		return nil, err
	}
	if r != "chair" {
		return nil, errNotChair
	}
	q = strings.TrimSpace(q)
	if len([]rune(q)) < 2 {
		return nil, platform.Invalid(platform.FieldError{Field: "q", Message: "Type at least 2 letters of the name."})
	}
	out := []Invitee{}
	err = db.Raw(`SELECT u.id AS user_id, u.display_name, ag.name AS agency_name FROM users u JOIN agencies ag ON ag.id = u.agency_id
		WHERE u.active AND zajedno_fold(u.display_name) LIKE '%' || zajedno_fold(?) || '%'
		AND NOT EXISTS (SELECT 1 FROM coordination_groups g WHERE g.id = ? AND g.chair_id = u.id)
		AND NOT EXISTS (SELECT 1 FROM coordination_group_members gm WHERE gm.group_id = ? AND gm.user_id = u.id)
		AND EXISTS (SELECT 1 FROM user_roles ro WHERE ro.user_id = u.id AND ro.role NOT IN ('admin', 'auditor'))
		ORDER BY u.display_name LIMIT 20`, platform.EscapeLike(q), groupID, groupID).Scan(&out).Error
	if err != nil {
		return nil, err
	}
	return out, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "meeting.candidates", ResourceType: "coordination_group", ResourceID: groupID,
		Basis: audit.BasisCoordinationGroup})
}
