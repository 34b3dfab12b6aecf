package httpapi_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zajedno/zajedno/backend/internal/meetings"
	"github.com/zajedno/zajedno/seeds"
)

var kikindaGroup = seeds.ID("group/kikinda")

func (h *harness) schedule(token string, body map[string]any) meetings.Meeting {
	h.t.Helper()
	r := h.req("POST", "/api/v1/coordination-groups/"+kikindaGroup+"/meetings", token, body)
	expectStatus(h.t, r, 201)
	var m meetings.Meeting
	r.json(h.t, &m)
	return m
}

func (h *harness) meetingDetail(token, id string) meetings.Detail {
	h.t.Helper()
	r := h.req("GET", "/api/v1/meetings/"+id, token, nil)
	expectStatus(h.t, r, 200)
	var d meetings.Detail
	r.json(h.t, &d)
	return d
}

// pdfText is the text a PDF shows: the strings of its text operators (Tj), in its
// (Flate-compressed) content streams, decoded as the UTF-16 code points the embedded Unicode
// font uses (the font's ToUnicode map says the same to PDF readers).
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	var out strings.Builder
	for _, m := range regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`).FindAllSubmatch(b, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue // not a compressed stream (an image, a font)
		}
		content, err := io.ReadAll(zr)
		if err != nil || !bytes.Contains(content, []byte("Tj")) {
			continue
		}
		for _, op := range regexp.MustCompile(`(?s)\(((?:\\.|[^\\)])*)\)\s*Tj`).FindAllSubmatch(content, -1) {
			raw := unescapePDF(op[1])
			for i := 0; i+1 < len(raw); i += 2 {
				out.WriteRune(rune(raw[i])<<8 | rune(raw[i+1]))
			}
			out.WriteString("\n")
		}
	}
	return out.String()
}

func unescapePDF(s []byte) []byte {
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			out = append(out, s[i])
			continue
		}
		i++
		switch c := s[i]; c {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		default:
			if c >= '0' && c <= '7' {
				v, n := 0, 0
				for n < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7' {
					v = v*8 + int(s[i]-'0')
					i++
					n++
				}
				i--
				out = append(out, byte(v))
			} else {
				out = append(out, c)
			}
		}
	}
	return out
}

// TestMeetingCycle: the chair schedules meetings under the 15-day rule, the agenda is built from
// the area's domestic-violence cases (repeat first), an occasional member sees only their item
// and only until the meeting closes, the meeting runs (attendance, confidentiality, notes,
// decisions, actions), closes only with minutes, which are then immutable (addenda), and
// exports as a PDF in Cyrillic and as iCalendar; the next meeting reviews the actions.
func TestMeetingCycle(t *testing.T) {
	h := newHarness(t)
	older := h.dvCase("Nasilje Jović", "Ana", "Jović")
	c := h.dvCase("Nasilje Savić", "Sanja", "Savić")
	h.createCase(h.demo("demo.social"), newCaseBody("Stara osoba", "Mara", "Marić", "")) // not domestic violence: not on the agenda
	// A breach makes Savić repeat: first in its section.
	now := h.clock.Now()
	m0 := h.measure(h.demo("demo.police"), c.ID, map[string]any{"kind": "contact_ban", "issued_at": now.Add(-time.Hour).Format(time.RFC3339),
		"served_at": now.Add(-time.Hour).Format(time.RFC3339)})
	h.measureStep(h.demo("demo.police"), m0.ID, "/breaches", map[string]any{"occurred_at": now.Add(-time.Minute).Format(time.RFC3339), "note": "Poziv žrtvi."})

	chair := h.demo("demo.prosecutor")
	first := now.Add(3 * 24 * time.Hour)
	t.Run("ErrSchedule", func(t *testing.T) {
		at := map[string]any{"starts_at": first.Format(time.RFC3339)}
		expectProblem(t, h.req("POST", "/api/v1/coordination-groups/"+kikindaGroup+"/meetings", h.demo("demo.police"), at), 403, "forbidden")
		expectProblem(t, h.req("POST", "/api/v1/coordination-groups/"+kikindaGroup+"/meetings", chair, map[string]any{"starts_at": "soon"}), 422, "validation", "starts_at")
		expectProblem(t, h.req("POST", "/api/v1/coordination-groups/"+kikindaGroup+"/meetings", chair, map[string]any{"starts_at": now.Add(-time.Hour).Format(time.RFC3339)}), 422, "validation", "starts_at")
		expectProblem(t, h.req("POST", "/api/v1/coordination-groups/"+seeds.ID("group/none")+"/meetings", chair, at), 404, "not_found")
		expectProblem(t, h.req("GET", "/api/v1/coordination-groups/"+kikindaGroup+"/meetings", h.demo("demo.nurse"), nil), 404, "not_found")
		if h.count("meetings") != 0 {
			t.Fatal("a refused meeting was stored")
		}
	})
	m := h.schedule(chair, map[string]any{"starts_at": first.Format(time.RFC3339), "location": "OJT Kikinda, sala 2"})
	if m.Status != "planned" || m.DaysAfterPrevious != nil {
		t.Fatalf("scheduled %+v", m)
	}
	// The 15-day rule: 16 days after the previous meeting needs a reason, which is kept.
	late := first.Add(16 * 24 * time.Hour)
	p := expectProblem(t, h.req("POST", "/api/v1/coordination-groups/"+kikindaGroup+"/meetings", chair, map[string]any{"starts_at": late.Format(time.RFC3339)}), 422, "validation", "starts_at")
	if !strings.Contains(p.Errors[0].Message, "15 days") {
		t.Fatalf("message %q", p.Errors[0].Message)
	}
	m2 := h.schedule(chair, map[string]any{"starts_at": late.Format(time.RFC3339), "reason": "Praznici; zamenik odsutan."})
	if m2.LateReason != "Praznici; zamenik odsutan." || m2.DaysAfterPrevious == nil || *m2.DaysAfterPrevious != 16 {
		t.Fatalf("late meeting %+v", m2)
	}
	expectStatus(t, h.req("POST", "/api/v1/meetings/"+m2.ID+"/cancel", chair, nil), 200)

	// The agenda: both DV cases as new, the repeat one first; the elderly case is not on it.
	var agenda struct{ Items []meetings.Item }
	h.req("GET", "/api/v1/meetings/"+m.ID+"/agenda", h.demo("demo.police"), nil).json(t, &agenda)
	if len(agenda.Items) != 2 || *agenda.Items[0].CaseID != c.ID || !agenda.Items[0].Repeat || *agenda.Items[1].CaseID != older.ID || agenda.Items[0].Section != "new" {
		t.Fatalf("agenda %+v", agenda.Items)
	}
	r := h.req("POST", "/api/v1/meetings/"+m.ID+"/items", chair, map[string]any{"title": "Obuka o proceni rizika"})
	expectStatus(t, r, 201)
	var topic meetings.Item
	r.json(t, &topic)
	expectProblem(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/items", chair, map[string]any{"case_id": c.ID}), 409, "conflict")
	expectProblem(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/items", chair, map[string]any{"section": "later"}), 422, "validation", "section")
	expectProblem(t, h.req("PUT", "/api/v1/meetings/"+m.ID+"/agenda/order", chair, map[string]any{"item_ids": []string{topic.ID}}), 422, "validation", "item_ids")
	var reordered struct{ Items []meetings.Item }
	rr := h.req("PUT", "/api/v1/meetings/"+m.ID+"/agenda/order", chair, map[string]any{"item_ids": []string{agenda.Items[1].ID, agenda.Items[0].ID, topic.ID}})
	expectStatus(t, rr, 200)
	rr.json(t, &reordered)
	if reordered.Items[0].ID != agenda.Items[1].ID {
		t.Fatalf("reordered %+v", reordered.Items)
	}

	// The chair finds people to invite by name, in either script; group members are not offered.
	var cands struct{ Items []meetings.Invitee }
	h.req("GET", "/api/v1/coordination-groups/"+kikindaGroup+"/candidates?q=%D1%92%D0%BE%D1%80%D1%92", chair, nil).json(t, &cands) // "ђорђ"
	if len(cands.Items) != 1 || cands.Items[0].DisplayName != "Jelena Đorđević" {
		t.Fatalf("candidates %+v", cands.Items)
	}
	h.req("GET", "/api/v1/coordination-groups/"+kikindaGroup+"/candidates?q=Milan", chair, nil).json(t, &cands)
	if len(cands.Items) != 0 {
		t.Fatalf("a permanent member offered as a candidate: %+v", cands.Items)
	}
	expectProblem(t, h.req("GET", "/api/v1/coordination-groups/"+kikindaGroup+"/candidates?q=a", chair, nil), 422, "validation", "q")
	expectProblem(t, h.req("GET", "/api/v1/coordination-groups/"+kikindaGroup+"/candidates?q=Jelena", h.demo("demo.nurse"), nil), 403, "forbidden")
	// An occasional member: the nurse, invited to the Savić item only.
	savic := agenda.Items[0].ID
	expectProblem(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/items/"+savic+"/invitations", chair, map[string]any{"user_id": seeds.ID("user/demo.police")}), 422, "validation", "user_id")
	expectStatus(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/items/"+savic+"/invitations", chair, map[string]any{"user_id": seeds.ID("user/demo.nurse")}), 201)
	nurse := h.demo("demo.nurse")
	var inv struct{ Items []meetings.Invitation }
	h.req("GET", "/api/v1/me/invitations", nurse, nil).json(t, &inv)
	if len(inv.Items) != 1 || inv.Items[0].ItemID != savic {
		t.Fatalf("invitations %+v", inv.Items)
	}
	var seen meetings.InvitedItem
	rs := h.req("GET", "/api/v1/meeting-items/"+savic, nurse, nil)
	expectStatus(t, rs, 200)
	rs.json(t, &seen)
	if seen.Item.Title != "Nasilje Savić" || seen.Plan == nil || seen.Plan.CaseID != c.ID {
		t.Fatalf("the invitee sees %+v", seen)
	}
	if h.auditCount("action = 'meeting.item_read' AND case_id = ? AND basis = 'invitation'", c.ID) != 1 {
		t.Fatal("the invitee's view is not audited with the basis invitation")
	}
	expectProblem(t, h.req("GET", "/api/v1/meeting-items/"+agenda.Items[1].ID, nurse, nil), 404, "not_found")
	expectProblem(t, h.req("GET", "/api/v1/meetings/"+m.ID, nurse, nil), 404, "not_found")
	expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID, nurse, nil), 404, "not_found")

	// Running the meeting.
	expectProblem(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/items/"+savic+"/records", chair, map[string]any{"kind": "note", "body": "x"}), 409, "conflict")
	expectStatus(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/start", chair, nil), 200)
	expectProblem(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/start", chair, nil), 409, "conflict")
	for user, presence := range map[string]string{"demo.police": "present", "demo.social": "apologies", "demo.nurse": "present", "demo.prosecutor": "present"} {
		expectStatus(t, h.req("PUT", "/api/v1/meetings/"+m.ID+"/attendance", chair, map[string]any{"user_id": seeds.ID("user/" + user), "presence": presence}), 200)
	}
	expectProblem(t, h.req("PUT", "/api/v1/meetings/"+m.ID+"/attendance", chair, map[string]any{"user_id": seeds.ID("user/demo.care"), "presence": "present"}), 422, "validation", "user_id")
	expectProblem(t, h.req("PUT", "/api/v1/meetings/"+m.ID+"/attendance", h.demo("demo.police"), map[string]any{"user_id": seeds.ID("user/demo.police"), "presence": "present"}), 403, "forbidden")
	expectStatus(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/confidentiality", h.demo("demo.nurse"), nil), 200)
	expectProblem(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/confidentiality", h.demo("demo.social"), nil), 409, "conflict")
	expectProblem(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/confidentiality", h.demo("demo.care"), nil), 404, "not_found")
	expectStatus(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/items/"+savic+"/records", chair, map[string]any{"kind": "note", "body": "Žrtva je u sigurnoj kući."}), 201)
	expectStatus(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/items/"+savic+"/records", chair, map[string]any{"kind": "decision", "body": "Predložiti produženje mere."}), 201)
	expectProblem(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/items/"+savic+"/records", chair, map[string]any{"kind": "gossip", "body": "x"}), 422, "validation", "kind")
	due := h.clock.Now().Add(7 * 24 * time.Hour).Format(time.RFC3339)
	expectProblem(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/items/"+savic+"/actions", chair, map[string]any{"title": "Obići porodicu",
		"agency_id": seeds.ID("agency/ps-kikinda"), "assignee_id": seeds.ID("user/demo.social"), "due_at": due}), 422, "validation", "assignee_id")
	ra := h.req("POST", "/api/v1/meetings/"+m.ID+"/items/"+savic+"/actions", chair, map[string]any{"title": "Obići porodicu",
		"agency_id": seeds.ID("agency/ps-kikinda"), "assignee_id": seeds.ID("user/demo.police"), "due_at": due})
	expectStatus(t, ra, 201)
	var action meetings.Action
	ra.json(t, &action)

	// Closing needs minutes; closed minutes never change; corrections are addenda.
	expectProblem(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/close", chair, map[string]any{"minutes": "  "}), 422, "validation", "minutes")
	expectProblem(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/addenda", chair, map[string]any{"body": "x"}), 409, "conflict")
	expectProblem(t, h.req("GET", "/api/v1/meetings/"+m.ID+"/minutes.pdf", chair, nil), 409, "conflict")
	expectStatus(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/close", chair, map[string]any{"minutes": "Grupa je razmotrila sve slučajeve. Sledeći sastanak za dve nedelje."}), 200)
	expectProblem(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/items/"+savic+"/records", chair, map[string]any{"kind": "note", "body": "kasno"}), 409, "conflict")
	if err := h.db.Exec(`UPDATE meetings SET minutes = 'izmenjeno' WHERE id = ?`, m.ID).Error; err == nil {
		t.Fatal("closed minutes were changed")
	}
	expectStatus(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/addenda", chair, map[string]any{"body": "Ispravka: prisutna i Jelena Đorđević."}), 201)
	d := h.meetingDetail(chair, m.ID)
	if len(d.GroupMembers) != 3 {
		t.Fatalf("group members %+v", d.GroupMembers)
	}
	if d.Status != "closed" || len(d.Addenda) != 1 || len(d.Attendance) != 4 || len(d.Items[0].Records)+len(d.Items[1].Records) != 2 {
		t.Fatalf("closed meeting %+v", d)
	}
	if h.count("case_reviews WHERE meeting_id = '"+m.ID+"'") != 2 {
		t.Fatal("the cases on the agenda are not recorded as reviewed")
	}
	// The invitee sees nothing once the meeting is closed.
	expectProblem(t, h.req("GET", "/api/v1/meeting-items/"+savic, h.demo("demo.nurse"), nil), 404, "not_found")

	t.Run("MinutesPDFInCyrillic", func(t *testing.T) {
		r := h.req("GET", "/api/v1/meetings/"+m.ID+"/minutes.pdf", h.demo("demo.prosecutor"), nil)
		expectStatus(t, r, 200)
		if r.header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(r.body, []byte("%PDF")) {
			t.Fatalf("not a PDF: %s", r.header.Get("Content-Type"))
		}
		text := pdfText(t, r.body)
		for _, want := range []string{"ЗАПИСНИК", "Насиље Савић", "Жртва је у сигурној кући", "Допуне записника"} {
			if !strings.Contains(strings.ReplaceAll(text, " ", ""), strings.ReplaceAll(want, " ", "")) {
				t.Errorf("the PDF lacks %q:\n%s", want, text)
			}
		}
		r = h.req("GET", "/api/v1/meetings/"+m.ID+"/minutes.pdf?script=latn", h.demo("demo.prosecutor"), nil)
		expectStatus(t, r, 200)
		if text := pdfText(t, r.body); !strings.Contains(strings.ReplaceAll(text, " ", ""), "ZAPISNIK") {
			t.Errorf("the Latin PDF:\n%s", text)
		}
		expectProblem(t, h.req("GET", "/api/v1/meetings/"+m.ID+"/minutes.pdf?script=glagolitic", h.demo("demo.prosecutor"), nil), 422, "validation", "script")
	})
	t.Run("Calendar", func(t *testing.T) {
		r := h.req("GET", "/api/v1/meetings/"+m.ID+"/meeting.ics", h.demo("demo.police"), nil)
		expectStatus(t, r, 200)
		body := string(r.body)
		if !strings.Contains(body, "BEGIN:VCALENDAR") || !strings.Contains(body, m.ID+"@zajedno") || strings.Contains(body, "Savić") {
			t.Fatalf("ics %s", body)
		}
		var feed struct{ URL string }
		rf := h.req("POST", "/api/v1/me/calendar-feed", h.demo("demo.police"), nil)
		expectStatus(t, rf, 201)
		rf.json(t, &feed)
		path := feed.URL[strings.Index(feed.URL, "/api/v1/"):]
		got := h.req("GET", path, "", nil)
		expectStatus(t, got, 200)
		if !strings.Contains(string(got.body), m.ID+"@zajedno") || !strings.Contains(string(got.body), "STATUS:CANCELLED") {
			t.Fatalf("feed %s", got.body)
		}
		expectStatus(t, h.req("DELETE", "/api/v1/me/calendar-feed", h.demo("demo.police"), nil), 204)
		expectProblem(t, h.req("GET", path, "", nil), 404, "not_found")
	})

	// The next meeting reviews the earlier action.
	next := h.schedule(h.demo("demo.prosecutor"), map[string]any{"starts_at": first.Add(14 * 24 * time.Hour).Format(time.RFC3339)})
	if next.DaysAfterPrevious == nil || *next.DaysAfterPrevious != 14 {
		t.Fatalf("next %+v", next)
	}
	chair = h.demo("demo.prosecutor")
	expectStatus(t, h.req("POST", "/api/v1/meetings/"+next.ID+"/start", chair, nil), 200)
	d = h.meetingDetail(chair, next.ID)
	if len(d.ActionsToReview) != 1 || d.ActionsToReview[0].ID != action.ID || len(d.Items) != 2 || d.Items[0].Section != "ongoing" {
		t.Fatalf("next meeting %+v", d)
	}
	expectProblem(t, h.req("POST", "/api/v1/meetings/"+next.ID+"/actions/"+action.ID+"/review", chair, map[string]any{"outcome": "forgotten"}), 422, "validation", "outcome")
	rv := h.req("POST", "/api/v1/meetings/"+next.ID+"/actions/"+action.ID+"/review", chair, map[string]any{"outcome": "not_carried_out"})
	expectStatus(t, rv, 200)
	expectProblem(t, h.req("POST", "/api/v1/meetings/"+next.ID+"/actions/"+action.ID+"/review", chair, map[string]any{"outcome": "done"}), 409, "conflict")
}

// TestMeetingCadence: the chair sees where the group stands against the 15-day rule, and is
// alerted once from day 10 when no next meeting is planned.
func TestMeetingCadence(t *testing.T) {
	h := newHarness(t)
	chair := h.demo("demo.prosecutor")
	at := h.clock.Now().Add(time.Hour)
	m := h.schedule(chair, map[string]any{"starts_at": at.Format(time.RFC3339)})
	h.clock.Advance(2 * time.Hour)
	var c meetings.Cadence
	h.req("GET", "/api/v1/coordination-groups/"+kikindaGroup+"/cadence", h.demo("demo.police"), nil).json(t, &c)
	if c.LastMeetingAt == nil || !c.LastMeetingAt.Equal(m.StartsAt) || c.Warning || c.ProposedAt == nil || c.ProposedAt.Sub(m.StartsAt) > 15*24*time.Hour+time.Hour {
		t.Fatalf("cadence %+v", c)
	}
	expectProblem(t, h.req("GET", "/api/v1/coordination-groups/"+kikindaGroup+"/cadence", h.demo("demo.nurse"), nil), 404, "not_found")
	ctx := context.Background()
	h.clock.Advance(9 * 24 * time.Hour)
	if n, _ := h.srv.Meetings.AlertCadence(ctx); n != 0 {
		t.Fatal("alerted before day 10")
	}
	h.clock.Advance(24 * time.Hour)
	if n, err := h.srv.Meetings.AlertCadence(ctx); n != 1 || err != nil {
		t.Fatalf("day 10: %d %v", n, err)
	}
	if n, _ := h.srv.Meetings.AlertCadence(ctx); n != 0 || h.alertsOf("demo.prosecutor", "meeting_not_planned") != 1 {
		t.Fatal("the chair was alerted twice, or not at all")
	}
	h.req("GET", "/api/v1/coordination-groups/"+kikindaGroup+"/cadence", h.demo("demo.prosecutor"), nil).json(t, &c)
	if !c.Warning || c.Overdue {
		t.Fatalf("day 10 cadence %+v", c)
	}
}

// TestCoordinationGroupAdmin: an administrator makes a group with its chair and area and its
// permanent members, who then see the area's domestic-violence cases; bad input names the
// field and changes nothing.
func TestCoordinationGroupAdmin(t *testing.T) {
	h := newHarness(t)
	admin := h.demo("demo.admin")
	c := h.createCase(h.demo("demo.social2"), map[string]any{"title": "Nasilje Novi Bečej", "category": "domestic_violence",
		"team_id": seeds.ID("team/novi-becej"), "subject": map[string]any{"first_name": "Ana", "last_name": "Ilić"}})
	// The Kikinda group does not cover Novi Bečej.
	expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID, h.demo("demo.prosecutor"), nil), 404, "not_found")
	n := h.count("coordination_groups")
	for name, tc := range map[string]struct {
		body  map[string]any
		field string
	}{
		"Name":  {map[string]any{"name": " ", "chair_id": seeds.ID("user/demo.prosecutor"), "areas": []string{"Novi Bečej"}}, "name"},
		"Chair": {map[string]any{"name": "Grupa", "chair_id": seeds.ID("user/demo.police"), "areas": []string{"Novi Bečej"}}, "chair_id"},
		"Areas": {map[string]any{"name": "Grupa", "chair_id": seeds.ID("user/demo.prosecutor"), "areas": []string{" "}}, "areas"},
	} {
		t.Run("Err"+name, func(t *testing.T) {
			expectProblem(t, h.req("POST", "/api/v1/admin/coordination-groups", admin, tc.body), 422, "validation", tc.field)
		})
	}
	expectProblem(t, h.req("POST", "/api/v1/admin/coordination-groups", h.demo("demo.prosecutor"), map[string]any{"name": "x"}), 403, "forbidden")
	if h.count("coordination_groups") != n {
		t.Fatal("a refused group was stored")
	}
	r := h.req("POST", "/api/v1/admin/coordination-groups", admin, map[string]any{"name": "Grupa OJT Zrenjanin", "chair_id": seeds.ID("user/demo.prosecutor"),
		"areas": []string{"Novi Bečej", "Zrenjanin", "Zrenjanin"}})
	expectStatus(t, r, 201)
	var g struct {
		ID    string
		Areas []string
	}
	r.json(t, &g)
	if strings.Join(g.Areas, ",") != "Novi Bečej,Zrenjanin" {
		t.Fatalf("areas %v", g.Areas)
	}
	// The chair now sees the Novi Bečej case (basis coordination_group).
	expectStatus(t, h.req("GET", "/api/v1/cases/"+c.ID, h.demo("demo.prosecutor"), nil), 200)
	expectProblem(t, h.req("POST", "/api/v1/admin/coordination-groups/"+g.ID+"/members", admin, map[string]any{"user_id": seeds.ID("user/demo.nurse")}), 422, "validation", "user_id")
	expectStatus(t, h.req("POST", "/api/v1/admin/coordination-groups/"+g.ID+"/members", admin, map[string]any{"user_id": seeds.ID("user/demo.police")}), 201)
	expectProblem(t, h.req("POST", "/api/v1/admin/coordination-groups/"+g.ID+"/members", admin, map[string]any{"user_id": seeds.ID("user/demo.police")}), 409, "conflict")
	expectStatus(t, h.req("GET", "/api/v1/cases/"+c.ID, h.demo("demo.police"), nil), 200)
	expectStatus(t, h.req("DELETE", "/api/v1/admin/coordination-groups/"+g.ID+"/members/"+seeds.ID("user/demo.police"), admin, nil), 204)
	expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID, h.demo("demo.police"), nil), 404, "not_found")
	expectStatus(t, h.req("PATCH", "/api/v1/admin/coordination-groups/"+g.ID, admin, map[string]any{"areas": []string{"Zrenjanin"}}), 200)
	expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID, h.demo("demo.prosecutor"), nil), 404, "not_found")
	if h.auditCount("resource_id = ? AND basis = 'admin' AND action LIKE 'group.%'", g.ID) != 4 { // create, add, remove, update (the refused add left nothing)
		t.Fatal("the group's changes are not audited")
	}
}

// TestIncidentEntryMakesRepeat: an entry recorded as an incident within 12 months of the
// group's last review makes a domestic-violence case repeat; an incident in the future is
// refused.
func TestIncidentEntryMakesRepeat(t *testing.T) {
	h := newHarness(t)
	c := h.dvCase("Nasilje Savić", "Sanja", "Savić")
	social := h.demo("demo.social")
	now := h.clock.Now()
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/entries", social, map[string]any{"body": "Udario je.", "sensitivity": "general",
		"incident_at": now.Add(time.Hour).Format(time.RFC3339)}), 422, "validation", "incident_at")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/entries", social, map[string]any{"body": "Udario je.", "sensitivity": "general",
		"incident_at": "juče"}), 422, "validation", "incident_at")
	// Reviewed at a meeting two months ago.
	chair := h.demo("demo.prosecutor")
	m := h.schedule(chair, map[string]any{"starts_at": now.Add(time.Hour).Format(time.RFC3339)})
	expectStatus(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/start", chair, nil), 200)
	expectStatus(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/close", chair, map[string]any{"minutes": "Razmotren."}), 200)
	h.clock.Advance(60 * 24 * time.Hour)
	r := h.req("POST", "/api/v1/cases/"+c.ID+"/entries", h.demo("demo.social"), map[string]any{"body": "Nova prijava: udario je suprugu.", "sensitivity": "general",
		"incident_at": h.clock.Now().Add(-2 * time.Hour).Format(time.RFC3339)})
	expectStatus(t, r, 201)
	var e struct {
		IncidentAt *time.Time `json:"incident_at"`
	}
	r.json(t, &e)
	var row struct{ RepeatAt *time.Time }
	h.db.Raw(`SELECT repeat_at FROM cases WHERE id = ?`, c.ID).Scan(&row)
	if e.IncidentAt == nil || row.RepeatAt == nil {
		t.Fatalf("incident %v, repeat %v", e.IncidentAt, row.RepeatAt)
	}
	// The next meeting puts it first, marked repeat.
	next := h.schedule(h.demo("demo.prosecutor"), map[string]any{"starts_at": h.clock.Now().Add(time.Hour).Format(time.RFC3339), "reason": "Pauza u radu grupe."})
	var agenda struct{ Items []meetings.Item }
	h.req("GET", "/api/v1/meetings/"+next.ID+"/agenda", h.demo("demo.prosecutor"), nil).json(t, &agenda)
	if len(agenda.Items) != 1 || !agenda.Items[0].Repeat || agenda.Items[0].Section != "ongoing" {
		t.Fatalf("agenda %+v", agenda.Items)
	}
}
