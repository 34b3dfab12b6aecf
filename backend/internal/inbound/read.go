package inbound

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
)

// sensitivityOf is the sensitivity of what a partner system writes about an event, as if it
// were a case entry: a police note is read by police and prosecutors, a hospital's by health
// professionals, a care home's by social and care workers.
var sensitivityOf = map[string]string{
	"police_intervention":       "police",
	"hospital_admission":        "health",
	"hospital_discharge":        "health",
	"residential_care_incident": "social",
}

// CaseEvent is an event from a partner system about a person of a case, as a reader of the
// case sees it.
type CaseEvent struct {
	ID            string    `json:"id"`
	Type          string    `json:"type"`
	SystemName    string    `json:"system_name"`
	AgencyName    string    `json:"agency_name"`
	OccurredAt    time.Time `json:"occurred_at"`
	ReceivedAt    time.Time `json:"received_at"`
	UrgentMeasure bool      `json:"urgent_measure"`
	Sensitivity   string    `json:"sensitivity"`
	// Note is what the partner system wrote; null when the caller's role may not read the
	// event's sensitivity (Withheld) or when it wrote nothing.
	Note     *string `json:"note"`
	Withheld bool    `json:"withheld"`
}

// CaseEvents lists, newest first, the events partner systems sent about the people of a case:
// for its readers (members, emergency access, ...). What happened and when is shown to every
// reader; the partner's note only to the roles that read its sensitivity. The read is audited
// with the reader's basis. ENOTFOUND for anyone else.
func (s *Service) CaseEvents(ctx context.Context, p *authz.Principal, caseID string) ([]CaseEvent, error) {
	basis, _, err := s.cases.Access(ctx, p, caseID)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		ID, Type, Body, SystemName, AgencyName string
		ReceivedAt                             time.Time
	}
	if err := s.db.WithContext(ctx).Raw(`SELECT m.id, m.event_type AS type, m.body, m.received_at, sy.name AS system_name, a.name AS agency_name
		FROM inbound_message_cases mc JOIN inbound_messages m ON m.id = mc.message_id
		JOIN inbound_systems sy ON sy.id = m.system_id JOIN agencies a ON a.id = sy.agency_id
		WHERE mc.case_id = ? ORDER BY m.received_at DESC, m.id LIMIT 500`, caseID).Scan(&rows).Error; err != nil {
		return nil, err
	}
	readable := s.cases.Readable(p)
	out := make([]CaseEvent, 0, len(rows))
	for _, r := range rows {
		var ev Event
		if err := json.Unmarshal([]byte(r.Body), &ev); err != nil {
			return nil, err // stored only after it decoded
		}
		ce := CaseEvent{ID: r.ID, Type: r.Type, SystemName: r.SystemName, AgencyName: r.AgencyName, OccurredAt: ev.OccurredAt.UTC(),
			ReceivedAt: r.ReceivedAt.UTC(), UrgentMeasure: ev.UrgentMeasure, Sensitivity: sensitivityOf[r.Type]}
		switch {
		case !slices.Contains(readable, ce.Sensitivity):
			ce.Withheld = true
		case ev.Note != "":
			ce.Note = &ev.Note
		}
		out = append(out, ce)
	}
	return out, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "inbound.read", ResourceType: "case", ResourceID: caseID,
		CaseID: caseID, Basis: basis})
}
