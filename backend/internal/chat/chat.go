// Package chat is a case's conversation: messages stored in PostgreSQL before anyone hears of
// them, in the order they were stored, each visible only to members whose role may read its
// sensitivity. The Gateway carries them live over the websocket hub, across server processes
// through PostgreSQL LISTEN/NOTIFY.
package chat

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/alerts"
	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/cases"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Limits of a message.
const (
	MaxBodyChars     = 4000
	MaxClientIDChars = 100
	MaxMentions      = 20
	// NotifyChannel is the PostgreSQL channel every server process listens on.
	NotifyChannel = "zajedno_chat"
)

// Message is one chat message as its reader sees it. A deleted message is a tombstone: its
// body is empty and DeletedAt is set.
type Message struct {
	ID           string     `json:"id"`
	CaseID       string     `json:"case_id"`
	Seq          int64      `json:"seq"`
	AuthorID     string     `json:"author_id"`
	AuthorName   string     `json:"author_name"`
	Body         string     `json:"body"`
	Sensitivity  string     `json:"sensitivity"`
	ReplyTo      *string    `json:"reply_to"`
	ClientID     *string    `json:"client_id"`
	AttachmentID *string    `json:"attachment_id"`
	Mentions     []string   `json:"mentions" gorm:"-"`
	Version      int        `json:"version"`
	CreatedAt    time.Time  `json:"created_at"`
	EditedAt     *time.Time `json:"edited_at"`
	DeletedAt    *time.Time `json:"deleted_at"`
}

// NewMessage is what a member sends.
type NewMessage struct {
	Body         string
	ClientID     string
	ReplyTo      string
	Sensitivity  string
	AttachmentID string
	Mentions     []string
}

// Service is the chat domain.
type Service struct {
	db    *gorm.DB
	audit *audit.Log
	clock platform.Clock
	cases *cases.Service

	limits *platform.Limiter
}

// Settings tune the per-user rate limit of sends (messages per minute after the burst).
type Settings struct {
	SendsPerMinute int
	SendBurst      int
}

// NewService returns the chat service.
func NewService(db *gorm.DB, log *audit.Log, clock platform.Clock, cs *cases.Service, st Settings) *Service {
	if st.SendsPerMinute == 0 || st.SendBurst == 0 {
		st.SendsPerMinute, st.SendBurst = 120, 20
	}
	return &Service{db: db, audit: log, clock: clock, cases: cs, limits: platform.NewLimiter(float64(st.SendsPerMinute), st.SendBurst)}
}

// Access is what a user may see of a case's chat: the basis, the sensitivities their role
// reads, and the end of emergency access (nil for members).
type Access struct {
	Basis    string
	Readable []string
	Until    *time.Time
}

// Access checks that p may see the case's chat. ENOTFOUND.
func (s *Service) Access(ctx context.Context, p *authz.Principal, caseID string) (Access, error) {
	basis, until, err := s.cases.Access(ctx, p, caseID)
	if err != nil {
		return Access{}, err
	}
	return Access{Basis: basis, Readable: s.cases.Readable(p), Until: until}, nil
}

const selectMessages = `SELECT m.id, m.case_id, m.seq, m.author_id, u.display_name AS author_name,
	CASE WHEN m.deleted_at IS NULL THEN m.body ELSE '' END AS body, m.sensitivity,
	m.reply_to::text AS reply_to, m.client_id, m.attachment_id::text AS attachment_id,
	array_to_json(m.mentions)::text AS mentions_json, m.version, m.created_at, m.edited_at, m.deleted_at
	FROM messages m JOIN users u ON u.id = m.author_id`

type messageRow struct {
	Message
	MentionsJSON string
}

func scanMessages(q *gorm.DB) ([]Message, error) {
	var rows []messageRow
	if err := q.Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Message, len(rows))
	for i, r := range rows {
		out[i] = r.Message
		out[i].Mentions = []string{}
		if r.MentionsJSON != "" {
			_ = json.Unmarshal([]byte(r.MentionsJSON), &out[i].Mentions)
		}
		out[i].CreatedAt = out[i].CreatedAt.UTC()
	}
	return out, nil
}

// Post stores a message and tells every server process. A client_id the author used before
// returns that first message and stores nothing (replayed is true). EINVALID names body,
// client_id, sensitivity, reply_to, attachment_id or mentions[i]; ENOTFOUND when p may not see
// the case; EFORBIDDEN under emergency access (which reads, and does not write); ETOOMANY.
func (s *Service) Post(ctx context.Context, p *authz.Principal, caseID string, in NewMessage) (msg Message, replayed bool, err error) {
	in.Body = strings.TrimSpace(in.Body)
	if in.Sensitivity == "" {
		in.Sensitivity = "general"
	}
	acc, err := s.Access(ctx, p, caseID)
	if err != nil {
		return Message{}, false, err
	}
	if acc.Basis == audit.BasisEmergency {
		return Message{}, false, platform.Errorf(platform.EFORBIDDEN, "Emergency access lets you read the case, not write in it.")
	}
	var v platform.Validator
	v.Check(in.Body != "" || in.AttachmentID != "", "body", "Write a message.")
	v.Check(len([]rune(in.Body)) <= MaxBodyChars, "body", "A message holds at most 4,000 characters.")
	v.Check(utf8.RuneCountInString(in.ClientID) <= MaxClientIDChars, "client_id", "A client_id has at most 100 characters.")
	switch {
	case !slices.Contains(cases.Sensitivities, in.Sensitivity):
		v.Add("sensitivity", "Choose general, social, health or police.")
	case !slices.Contains(acc.Readable, in.Sensitivity):
		v.Add("sensitivity", "You cannot mark a message with a sensitivity your own role may not read.")
	}
	v.Check(len(in.Mentions) <= MaxMentions, "mentions", "Mention at most 20 people.")
	if err := v.Err(); err != nil {
		return Message{}, false, err
	}
	now := s.clock.Now()
	id := platform.NewID()
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// One writer per case at a time: seq follows commit order.
		if err := tx.Exec(`SELECT pg_advisory_xact_lock(hashtextextended(?, 7))`, caseID).Error; err != nil {
			return err
		}
		if in.ClientID != "" {
			found, err := scanMessages(tx.Raw(selectMessages+` WHERE m.author_id = ? AND m.client_id = ?`, p.UserID, in.ClientID))
			if err != nil {
				return err
			}
			if len(found) > 0 {
				if found[0].CaseID != caseID {
					return platform.Invalid(platform.FieldError{Field: "client_id", Message: "This client_id was used for a message in another case."})
				}
				msg, replayed = found[0], true
				return nil
			}
		}
		if err := s.checkRefs(tx, &v, caseID, in, acc); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		// Only a send that would be stored spends a token (not a refused one, nor a replay).
		if wait, ok := s.limits.Allow(p.UserID); !ok {
			return platform.TooMany(wait, "You are sending messages faster than the chat accepts. Wait a moment and send again.")
		}
		var seq int64
		if err := tx.Raw(`SELECT COALESCE(max(seq), 0) + 1 FROM messages WHERE case_id = ?`, caseID).Scan(&seq).Error; err != nil {
			return err
		}
		mentions := "{" + strings.Join(in.Mentions, ",") + "}"
		if err := tx.Exec(`INSERT INTO messages (id, case_id, seq, author_id, body, sensitivity, reply_to, client_id, attachment_id, mentions, created_at)
			VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, '')::uuid, NULLIF(?, ''), NULLIF(?, '')::uuid, ?::uuid[], ?)`,
			id, caseID, seq, p.UserID, in.Body, in.Sensitivity, in.ReplyTo, in.ClientID, in.AttachmentID, mentions, now).Error; err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO message_versions (message_id, version, body, actor_id, action, at) VALUES (?, 1, ?, ?, 'create', ?)`,
			id, in.Body, p.UserID, now).Error; err != nil {
			return err
		}
		var others []string
		for _, u := range in.Mentions {
			if u != p.UserID && !slices.Contains(others, u) {
				others = append(others, u)
			}
		}
		if err := alerts.Raise(tx, now, others, alerts.KindMention, caseID, p.UserID); err != nil {
			return err
		}
		if err := notify(tx, event{Kind: kindMessage, CaseID: caseID, ID: id, Seq: seq}); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "message.create", ResourceType: "message",
			ResourceID: id, CaseID: caseID, Basis: acc.Basis})
	})
	if err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) && in.ClientID != "" {
			// The same client_id sent twice at once, in two cases: the first one won.
			return Message{}, false, platform.Invalid(platform.FieldError{Field: "client_id", Message: "This client_id was used for another message."})
		}
		return Message{}, false, err
	}
	if replayed {
		return msg, true, nil
	}
	m, err := s.load(s.db.WithContext(ctx), id)
	return m, false, err
}

// checkRefs checks what a new message points at: the message replied to, the attachment and
// the people mentioned, all of the same case and readable by whom they concern.
func (s *Service) checkRefs(tx *gorm.DB, v *platform.Validator, caseID string, in NewMessage, acc Access) error {
	if in.ReplyTo != "" {
		var n int64
		if platform.ValidID(in.ReplyTo) {
			if err := tx.Raw(`SELECT count(*) FROM messages WHERE id = ? AND case_id = ? AND sensitivity IN ?`, in.ReplyTo, caseID, acc.Readable).Scan(&n).Error; err != nil {
				return err
			}
		}
		v.Check(n == 1, "reply_to", "Reply to a message of this case.")
	}
	if in.AttachmentID != "" {
		var n int64
		if platform.ValidID(in.AttachmentID) {
			if err := tx.Raw(`SELECT count(*) FROM attachments WHERE id = ? AND case_id = ? AND sensitivity = ?`, in.AttachmentID, caseID, in.Sensitivity).Scan(&n).Error; err != nil {
				return err
			}
		}
		v.Check(n == 1, "attachment_id", "Attach a file of this case, uploaded with the same sensitivity as the message.")
	}
	for i, u := range in.Mentions {
		field := "mentions[" + strconv.Itoa(i) + "]"
		if !platform.ValidID(u) {
			v.Add(field, "Mention a member of this case.")
			continue
		}
		var roles []string
		if err := tx.Raw(`SELECT r.role FROM case_members cm JOIN users us ON us.id = cm.user_id AND us.active
			JOIN user_roles r ON r.user_id = cm.user_id WHERE cm.case_id = ? AND cm.user_id = ?`, caseID, u).Scan(&roles).Error; err != nil {
			return err
		}
		switch {
		case len(roles) == 0:
			v.Add(field, "Mention a member of this case.")
		case !s.cases.RolesRead(roles, in.Sensitivity):
			v.Add(field, "This member's role may not read a message of this sensitivity.")
		}
	}
	return nil
}

func (s *Service) load(db *gorm.DB, id string) (Message, error) {
	ms, err := scanMessages(db.Raw(selectMessages+` WHERE m.id = ?`, id))
	if err != nil {
		return Message{}, err
	}
	if len(ms) == 0 {
		return Message{}, errNotFound
	}
	return ms[0], nil
}

var errNotFound = platform.Errorf(platform.ENOTFOUND, "Message not found.")

// HistoryQuery selects messages: after a message (exclusive), at most Limit, and, with Q,
// only those whose text contains Q across scripts and diacritics.
type HistoryQuery struct {
	After string
	Limit int
	Q     string
}

// History returns the messages p may read, in storage order, and whether more follow; the
// read is audited. ENOTFOUND; EINVALID names after (not a message of this case) or q.
func (s *Service) History(ctx context.Context, p *authz.Principal, caseID string, hq HistoryQuery) ([]Message, bool, error) {
	acc, err := s.Access(ctx, p, caseID)
	if err != nil {
		return nil, false, err
	}
	db := s.db.WithContext(ctx)
	afterSeq, err := s.seqOf(db, caseID, hq.After)
	if err != nil {
		return nil, false, err
	}
	if len([]rune(hq.Q)) > 200 {
		return nil, false, platform.Invalid(platform.FieldError{Field: "q", Message: "Search for at most 200 characters."})
	}
	q := selectMessages + ` WHERE m.case_id = ? AND m.seq > ? AND m.sensitivity IN ?`
	args := []any{caseID, afterSeq, acc.Readable}
	if strings.TrimSpace(hq.Q) != "" {
		q += ` AND m.deleted_at IS NULL AND m.body_folded LIKE '%' || zajedno_fold(?) || '%' ESCAPE '\'`
		args = append(args, platform.EscapeLike(strings.TrimSpace(hq.Q)))
	}
	q += ` ORDER BY m.seq LIMIT ?`
	args = append(args, hq.Limit+1)
	out, err := scanMessages(db.Raw(q, args...))
	if err != nil {
		return nil, false, err
	}
	more := len(out) > hq.Limit
	if more {
		out = out[:hq.Limit]
	}
	return out, more, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "message.list", ResourceType: "case",
		ResourceID: caseID, CaseID: caseID, Basis: acc.Basis})
}

// seqOf is the seq of message id in the case, 0 for "". EINVALID (after) for another case's.
func (s *Service) seqOf(db *gorm.DB, caseID, id string) (int64, error) {
	if id == "" {
		return 0, nil
	}
	var seq int64
	if platform.ValidID(id) {
		if err := db.Raw(`SELECT seq FROM messages WHERE id = ? AND case_id = ?`, id, caseID).Scan(&seq).Error; err != nil {
			return 0, err
		}
	}
	if seq == 0 {
		return 0, platform.Invalid(platform.FieldError{Field: "after", Message: "Give the id of a message of this case."})
	}
	return seq, nil
}

// backlog returns the messages after seq that readable allows, and the case's last seq, both
// from one snapshot, so that a subscriber knows exactly where the live stream takes over.
func (s *Service) backlog(ctx context.Context, caseID string, after int64, readable []string) ([]Message, int64, error) {
	var out []Message
	var last int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`).Error; err != nil {
			return err
		}
		if err := tx.Raw(`SELECT COALESCE(max(seq), 0) FROM messages WHERE case_id = ?`, caseID).Scan(&last).Error; err != nil {
			return err
		}
		var err error
		out, err = scanMessages(tx.Raw(selectMessages+` WHERE m.case_id = ? AND m.seq > ? AND m.sensitivity IN ? ORDER BY m.seq`, caseID, after, readable))
		return err
	})
	return out, last, err
}
