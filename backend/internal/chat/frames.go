package chat

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/zajedno/zajedno/backend/internal/platform"
)

// ClientFrame is a frame a client sends. Which fields count depends on Type:
//   - subscribe {case_id, after?}: the stored messages after `after`, then the live ones
//   - unsubscribe {case_id}
//   - send {case_id, client_id, body, reply_to?, sensitivity?, mentions?, attachment_id?}
//   - typing {case_id}
//   - read {case_id, message_id}
type ClientFrame struct {
	Type         string   `json:"type"`
	CaseID       string   `json:"case_id"`
	After        string   `json:"after,omitempty"`
	ClientID     string   `json:"client_id,omitempty"`
	Body         string   `json:"body,omitempty"`
	ReplyTo      string   `json:"reply_to,omitempty"`
	Sensitivity  string   `json:"sensitivity,omitempty"`
	AttachmentID string   `json:"attachment_id,omitempty"`
	Mentions     []string `json:"mentions,omitempty"`
	MessageID    string   `json:"message_id,omitempty"`
}

// FrameTypes are the client frame types the chat handles.
var FrameTypes = []string{"subscribe", "unsubscribe", "send", "typing", "read"}

// DecodeClientFrame parses and checks a client frame. The error is an EBADREQUEST (not JSON,
// unknown type) or an EINVALID naming the wrong fields; the frame is then not acted on, and
// only its case_id and client_id (to answer with) are returned.
func DecodeClientFrame(data []byte) (ClientFrame, error) {
	var f ClientFrame
	if err := json.Unmarshal(data, &f); err != nil {
		return ClientFrame{}, platform.Errorf(platform.EBADREQUEST, "The frame is not a JSON object of the chat protocol.")
	}
	if !slices.Contains(FrameTypes, f.Type) {
		return ClientFrame{}, platform.Errorf(platform.EBADREQUEST, "Unknown frame type. Use one of: %s.", strings.Join(FrameTypes, ", "))
	}
	var v platform.Validator
	v.Check(platform.ValidID(f.CaseID), "case_id", "Give the id of a case.")
	switch f.Type {
	case "subscribe":
		v.Check(f.After == "" || platform.ValidID(f.After), "after", "Give the id of a message, or leave after out.")
	case "send":
		v.Check(f.ClientID != "" && utf8.RuneCountInString(f.ClientID) <= MaxClientIDChars, "client_id", "Give a client_id of 1 to 100 characters, so that the send can be acknowledged and retried.")
		v.Check(strings.TrimSpace(f.Body) != "" || f.AttachmentID != "", "body", "Write a message.")
		v.Check(len([]rune(f.Body)) <= MaxBodyChars, "body", "A message holds at most 4,000 characters.")
		v.Check(f.ReplyTo == "" || platform.ValidID(f.ReplyTo), "reply_to", "Reply to a message of this case.")
		v.Check(f.AttachmentID == "" || platform.ValidID(f.AttachmentID), "attachment_id", "Attach a file of this case.")
		v.Check(len(f.Mentions) <= MaxMentions, "mentions", "Mention at most 20 people.")
	case "read":
		v.Check(platform.ValidID(f.MessageID), "message_id", "Give the id of a message.")
	}
	if err := v.Err(); err != nil {
		return ClientFrame{CaseID: f.CaseID, ClientID: f.ClientID}, err
	}
	return f, nil
}

// errorFrame tells a client why a frame was refused, or why a subscription ended.
type errorFrame struct {
	Type       string                `json:"type"`
	CaseID     string                `json:"case_id,omitempty"`
	ClientID   string                `json:"client_id,omitempty"`
	Status     int                   `json:"status"`
	Code       string                `json:"code"`
	Detail     string                `json:"detail"`
	Errors     []platform.FieldError `json:"errors,omitempty"`
	RetryAfter int                   `json:"retry_after,omitempty"`
}

// messageFrame carries a message: "message" (new, in order), "ack" (to its sender) or
// "update" (edited or deleted).
type messageFrame struct {
	Type     string   `json:"type"`
	ClientID string   `json:"client_id,omitempty"`
	Message  *Message `json:"message"`
}

// subscribedFrame confirms a subscription; the stored messages follow it.
type subscribedFrame struct {
	Type   string `json:"type"`
	CaseID string `json:"case_id"`
}

// readFrame says that a user has read a case's messages up to seq.
type readFrame struct {
	Type   string `json:"type"`
	CaseID string `json:"case_id"`
	UserID string `json:"user_id"`
	Seq    int64  `json:"seq"`
}

// typingFrame says that a user is typing; it is never stored.
type typingFrame struct {
	Type   string `json:"type"`
	CaseID string `json:"case_id"`
	UserID string `json:"user_id"`
}

// presenceFrame lists who has the case's chat open now.
type presenceFrame struct {
	Type    string   `json:"type"`
	CaseID  string   `json:"case_id"`
	UserIDs []string `json:"user_ids"`
}
