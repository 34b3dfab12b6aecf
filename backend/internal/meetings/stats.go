package meetings

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"time"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// Statistics are a group's national counters for a period (domain.md).
type Statistics struct {
	GroupID   string `json:"group_id"`
	From      string `json:"from"`
	To        string `json:"to"`
	Meetings  int    `json:"meetings_held"`
	OnTime    int    `json:"meetings_within_15_days"`
	Late      int    `json:"meetings_later_than_15_days"`
	Reviewed  int    `json:"cases_reviewed"`
	Proposals int    `json:"extension_proposals"`
	Granted   int    `json:"extensions_granted"`
	Plans     int    `json:"plans_adopted"`
}

// Statistics counts, for a group and the days from..to (inclusive, in Zone): meetings held
// (closed), how many of them within 15 days of the previous, cases reviewed, extension
// proposals and extensions granted on the area's cases, and protection plans adopted at the
// group's meetings. The read is audited. ENOTFOUND outside the group; EINVALID naming from or
// to.
func (s *Service) Statistics(ctx context.Context, p *authz.Principal, groupID, from, to string) (Statistics, error) {
	db := s.db.WithContext(ctx)
	if _, err := inGroup(db, groupID, p.UserID); err != nil {
		return Statistics{}, err
	}
	var v platform.Validator
	f, ferr := time.ParseInLocation(time.DateOnly, from, Zone)
	t, terr := time.ParseInLocation(time.DateOnly, to, Zone)
	v.Check(ferr == nil, "from", "Give the first day as YYYY-MM-DD.")
	v.Check(terr == nil, "to", "Give the last day as YYYY-MM-DD.")
	if ferr == nil && terr == nil {
		v.Check(!t.Before(f), "to", "The last day cannot be before the first.")
	}
	if err := v.Err(); err != nil {
		return Statistics{}, err
	}
	start, end := f.UTC(), t.AddDate(0, 0, 1).UTC()
	out := Statistics{GroupID: groupID, From: from, To: to}
	var held []Meeting
	if err := db.Raw(selectMeetings+` WHERE group_id = ? AND status = 'closed' AND starts_at >= ? AND starts_at < ? ORDER BY starts_at`, groupID, start, end).Scan(&held).Error; err != nil {
		return Statistics{}, err
	}
	if err := withPrevious(db, held); err != nil {
		return Statistics{}, err
	}
	out.Meetings = len(held)
	for _, m := range held {
		if m.DaysAfterPrevious != nil && *m.DaysAfterPrevious > MaxDays {
			out.Late++
		} else {
			out.OnTime++
		}
	}
	counts := []struct {
		dst *int
		q   string
	}{
		{&out.Reviewed, `SELECT count(DISTINCT r.case_id) FROM case_reviews r JOIN meetings m ON m.id = r.meeting_id
			WHERE m.group_id = @g AND m.starts_at >= @s AND m.starts_at < @e`},
		{&out.Proposals, `SELECT count(*) FROM urgent_measures um JOIN cases c ON c.id = um.case_id WHERE um.proposed_at >= @s AND um.proposed_at < @e AND ` + areaCasesNamed},
		{&out.Granted, `SELECT count(*) FROM urgent_measures um JOIN cases c ON c.id = um.case_id WHERE um.decision = 'extended' AND um.decided_at >= @s AND um.decided_at < @e AND ` + areaCasesNamed},
		{&out.Plans, `SELECT count(*) FROM protection_plans pl JOIN meetings m ON m.id = pl.adopted_in WHERE m.group_id = @g AND pl.adopted_at >= @s AND pl.adopted_at < @e`},
	}
	for _, c := range counts {
		if err := db.Raw(c.q, map[string]any{"g": groupID, "s": start, "e": end}).Scan(c.dst).Error; err != nil {
			return Statistics{}, err
		}
	}
	return out, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "meeting.statistics", ResourceType: "coordination_group", ResourceID: groupID,
		Basis: audit.BasisCoordinationGroup})
}

// areaCasesNamed is areaCases with the group as @g.
const areaCasesNamed = `c.category = 'domestic_violence' AND c.team_id IN (SELECT team_id FROM coordination_group_teams WHERE group_id = @g)`

// CSV is the statistics as a CSV file: a header row and one row of counts.
func (st Statistics) CSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"group_id", "from", "to", "meetings_held", "meetings_within_15_days", "meetings_later_than_15_days",
		"cases_reviewed", "extension_proposals", "extensions_granted", "plans_adopted"})
	n := strconv.Itoa
	_ = w.Write([]string{st.GroupID, st.From, st.To, n(st.Meetings), n(st.OnTime), n(st.Late), n(st.Reviewed), n(st.Proposals), n(st.Granted), n(st.Plans)})
	w.Flush()
	return b.Bytes()
}
