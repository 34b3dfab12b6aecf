package httpapi_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/zajedno/zajedno/backend/internal/chat"
	"github.com/zajedno/zajedno/backend/internal/config"
	"github.com/zajedno/zajedno/seeds"
)

type messageBody = chat.Message

// chatCase opens a case led by demo.social with demo.nurse and demo.police as members.
func (h *harness) chatCase(social string) caseBody {
	h.t.Helper()
	c := h.createCase(social, newCaseBody("Razgovor", "Vera", "Petrović", ""))
	for _, u := range []string{"demo.nurse", "demo.police"} {
		expectStatus(h.t, h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/" + u)}), 201)
	}
	return c
}

func (h *harness) post(token, caseID string, body map[string]any) messageBody {
	h.t.Helper()
	r := h.req("POST", "/api/v1/cases/"+caseID+"/messages", token, body)
	expectStatus(h.t, r, 201)
	var m messageBody
	r.json(h.t, &m)
	return m
}

func (h *harness) history(token, caseID, query string) []messageBody {
	h.t.Helper()
	r := h.req("GET", "/api/v1/cases/"+caseID+"/messages"+query, token, nil)
	expectStatus(h.t, r, 200)
	var l struct{ Items []messageBody }
	r.json(h.t, &l)
	return l.Items
}

func bodies(ms []messageBody) string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Body
	}
	return strings.Join(out, "|")
}

func TestChatMessages(t *testing.T) {
	h := newHarness(t)
	social, nurse, police := h.demo("demo.social"), h.demo("demo.nurse"), h.demo("demo.police")
	c := h.chatCase(social)
	path := "/api/v1/cases/" + c.ID + "/messages"

	first := h.post(social, c.ID, map[string]any{"body": " Dolazim u 10. ", "client_id": "k-1"})
	if first.Body != "Dolazim u 10." || first.Seq != 1 || first.AuthorID != seeds.ID("user/demo.social") || first.Sensitivity != "general" ||
		first.ClientID == nil || *first.ClientID != "k-1" || first.CaseID != c.ID || first.CreatedAt.IsZero() {
		t.Fatalf("stored message %+v", first)
	}
	t.Run("IdempotentClientID", func(t *testing.T) {
		r := h.req("POST", path, social, map[string]any{"body": "Dolazim u 10.", "client_id": "k-1"})
		expectStatus(t, r, 201)
		var again messageBody
		r.json(t, &again)
		if again.ID != first.ID || r.header.Get("Idempotent-Replayed") != "true" || h.count("messages") != 1 {
			t.Fatalf("a repeated client_id stored again: %+v (%d messages)", again, h.count("messages"))
		}
		// The same client_id from another author is that author's own.
		other := h.post(nurse, c.ID, map[string]any{"body": "I ja", "client_id": "k-1"})
		if other.ID == first.ID || other.Seq != 2 {
			t.Fatalf("another author's client_id: %+v", other)
		}
	})
	t.Run("OrderAndAfter", func(t *testing.T) {
		h.post(police, c.ID, map[string]any{"body": "Patrola obaveštena"})
		all := h.history(nurse, c.ID, "")
		if bodies(all) != "Dolazim u 10.|I ja|Patrola obaveštena" || all[2].Seq != 3 {
			t.Fatalf("history %q", bodies(all))
		}
		if got := h.history(nurse, c.ID, "?after="+all[0].ID); bodies(got) != "I ja|Patrola obaveštena" {
			t.Fatalf("after the first: %q", bodies(got))
		}
		r := h.req("GET", path+"?limit=2", nurse, nil)
		var l struct {
			Items      []messageBody
			NextCursor *string `json:"next_cursor"`
		}
		r.json(t, &l)
		if len(l.Items) != 2 || l.NextCursor == nil || *l.NextCursor != all[1].ID {
			t.Fatalf("first page %+v", l)
		}
	})
	t.Run("SensitivityWithheld", func(t *testing.T) {
		health := h.post(nurse, c.ID, map[string]any{"body": "Terapija promenjena", "sensitivity": "health"})
		if health.Sensitivity != "health" {
			t.Fatalf("%+v", health)
		}
		for name, tok := range map[string]string{"police": police, "social": social} {
			if strings.Contains(bodies(h.history(tok, c.ID, "")), "Terapija") {
				t.Errorf("%s reads a health message", name)
			}
		}
		if !strings.Contains(bodies(h.history(nurse, c.ID, "")), "Terapija") {
			t.Error("the nurse does not read her own health message")
		}
	})
	t.Run("SearchAcrossScripts", func(t *testing.T) {
		h.post(social, c.ID, map[string]any{"body": "Đorđević dolazi sutra"})
		for _, q := range []string{"Ђорђевић", "djordjevic", "ĐORĐEVIĆ"} {
			got := h.history(police, c.ID, "?q="+url.QueryEscape(q))
			if bodies(got) != "Đorđević dolazi sutra" {
				t.Errorf("q=%s found %q", q, bodies(got))
			}
		}
		if got := h.history(police, c.ID, "?q="+url.QueryEscape("terapija")); len(got) != 0 {
			t.Errorf("search finds a health message for the police: %q", bodies(got))
		}
	})
	t.Run("ErrBadInput", func(t *testing.T) {
		other := h.createCase(social, newCaseBody("Drugi", "Ana", "Anić", ""))
		otherMsg := h.post(social, other.ID, map[string]any{"body": "drugi predmet"})
		before := h.count("messages")
		for name, tc := range map[string]struct {
			body  map[string]any
			field string
		}{
			"Empty":          {map[string]any{"body": "   "}, "body"},
			"TooLong":        {map[string]any{"body": strings.Repeat("ž", chat.MaxBodyChars+1)}, "body"},
			"UnknownSens":    {map[string]any{"body": "x", "sensitivity": "secret"}, "sensitivity"},
			"UnreadableSens": {map[string]any{"body": "x", "sensitivity": "police"}, "sensitivity"},
			"ReplyElsewhere": {map[string]any{"body": "x", "reply_to": otherMsg.ID}, "reply_to"},
			"ReplyNotID":     {map[string]any{"body": "x", "reply_to": "nope"}, "reply_to"},
			"MentionOutside": {map[string]any{"body": "x", "mentions": []string{seeds.ID("user/demo.care")}}, "mentions[0]"},
			"MentionBlind":   {map[string]any{"body": "x", "sensitivity": "social", "mentions": []string{seeds.ID("user/demo.nurse")}}, "mentions[0]"},
			"ClientIDLong":   {map[string]any{"body": "x", "client_id": strings.Repeat("k", 101)}, "client_id"},
			"ClientIDOther":  {map[string]any{"body": "x", "client_id": "k-other"}, "client_id"},
			"Attachment":     {map[string]any{"body": "x", "attachment_id": seeds.ID("no-such")}, "attachment_id"},
		} {
			t.Run(name, func(t *testing.T) {
				if name == "ClientIDOther" {
					h.post(social, other.ID, map[string]any{"body": "y", "client_id": "k-other"})
					before++
				}
				expectProblem(t, h.req("POST", path, social, tc.body), 422, "validation", tc.field)
			})
		}
		expectProblem(t, h.req("POST", path, social, map[string]any{"body": "x", "color": "red"}), 400, "bad_request")
		expectProblem(t, h.req("GET", path+"?after="+otherMsg.ID, social, nil), 422, "validation", "after")
		expectProblem(t, h.req("GET", path+"?limit=0", social, nil), 422, "validation", "limit")
		if h.count("messages") != before {
			t.Fatal("a refused message was stored")
		}
	})
	t.Run("ErrForbiddenAndNotFound", func(t *testing.T) {
		expectProblem(t, h.req("POST", path, h.demo("demo.admin"), map[string]any{"body": "x"}), 403, "forbidden")
		expectProblem(t, h.req("GET", path, h.demo("demo.auditor"), nil), 403, "forbidden")
		expectProblem(t, h.req("GET", path, h.demo("demo.care"), nil), 404, "not_found")
		expectProblem(t, h.req("POST", path, h.demo("demo.social2"), map[string]any{"body": "x"}), 404, "not_found")
		glass := h.demo("demo.lead")
		expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/emergency-access", glass, map[string]string{"reason": "Noćna intervencija"}), 201)
		if len(h.history(glass, c.ID, "")) == 0 {
			t.Fatal("emergency access does not read the chat")
		}
		expectProblem(t, h.req("POST", path, glass, map[string]any{"body": "x"}), 403, "forbidden")
	})
	t.Run("Audited", func(t *testing.T) {
		if h.auditCount("action = 'message.create' AND case_id = ?", c.ID) < 4 || h.auditCount("action = 'message.list' AND case_id = ? AND basis = 'emergency'", c.ID) != 1 {
			t.Fatal("message writes and reads are not audited with their basis")
		}
	})
}

func TestChatEditDeleteVersions(t *testing.T) {
	h := newHarness(t)
	social, nurse, police := h.demo("demo.social"), h.demo("demo.nurse"), h.demo("demo.police")
	c := h.chatCase(social)
	m := h.post(nurse, c.ID, map[string]any{"body": "Posetila sam ih u 9"})

	expectProblem(t, h.req("PATCH", "/api/v1/messages/"+m.ID, police, map[string]any{"body": "ne"}), 403, "forbidden")
	expectProblem(t, h.req("PATCH", "/api/v1/messages/"+m.ID, nurse, map[string]any{"body": " "}), 422, "validation", "body")
	expectProblem(t, h.req("PATCH", "/api/v1/messages/"+m.ID, h.demo("demo.care"), map[string]any{"body": "x"}), 404, "not_found")
	r := h.req("PATCH", "/api/v1/messages/"+m.ID, nurse, map[string]any{"body": "Posetila sam ih u 10"})
	expectStatus(t, r, 200)
	var edited messageBody
	r.json(t, &edited)
	if edited.Body != "Posetila sam ih u 10" || edited.Version != 2 || edited.EditedAt == nil || edited.Seq != m.Seq {
		t.Fatalf("edited %+v", edited)
	}
	// The police liaison may not delete the nurse's message; the lead (demo.social) may.
	expectProblem(t, h.req("DELETE", "/api/v1/messages/"+m.ID, police, nil), 403, "forbidden")
	r = h.req("DELETE", "/api/v1/messages/"+m.ID, social, nil)
	expectStatus(t, r, 200)
	var gone messageBody
	r.json(t, &gone)
	if gone.Body != "" || gone.DeletedAt == nil || gone.Version != 3 {
		t.Fatalf("tombstone %+v", gone)
	}
	if got := h.history(police, c.ID, ""); len(got) != 1 || got[0].Body != "" || got[0].DeletedAt == nil {
		t.Fatalf("history after delete: %+v", got)
	}
	expectProblem(t, h.req("PATCH", "/api/v1/messages/"+m.ID, nurse, map[string]any{"body": "opet"}), 409, "conflict")
	expectProblem(t, h.req("DELETE", "/api/v1/messages/"+m.ID, social, nil), 409, "conflict")

	// The auditor sees every version, the original first.
	r = h.req("GET", "/api/v1/messages/"+m.ID+"/versions", h.demo("demo.auditor"), nil)
	expectStatus(t, r, 200)
	var vs struct{ Items []chat.Version }
	r.json(t, &vs)
	if len(vs.Items) != 3 || vs.Items[0].Body != "Posetila sam ih u 9" || vs.Items[0].Action != "create" ||
		vs.Items[1].Body != "Posetila sam ih u 10" || vs.Items[2].Action != "delete" || vs.Items[2].ActorID != seeds.ID("user/demo.social") {
		t.Fatalf("versions %+v", vs.Items)
	}
	expectProblem(t, h.req("GET", "/api/v1/messages/"+m.ID+"/versions", nurse, nil), 403, "forbidden")
	expectProblem(t, h.req("GET", "/api/v1/messages/"+seeds.ID("no-such")+"/versions", h.demo("demo.auditor"), nil), 404, "not_found")
	if h.auditCount("action IN ('message.edit','message.delete','message.versions_read') AND resource_id = ?", m.ID) != 3 {
		t.Fatal("edits, deletions and version reads are not audited")
	}
}

func TestChatReadsMentionsPromote(t *testing.T) {
	h := newHarness(t)
	social, nurse := h.demo("demo.social"), h.demo("demo.nurse")
	c := h.chatCase(social)
	a := h.post(social, c.ID, map[string]any{"body": "Prva"})
	b := h.post(social, c.ID, map[string]any{"body": "@Jelena možeš li sutra?", "mentions": []string{seeds.ID("user/demo.nurse")}})

	unread := func(tok string) int {
		var l struct {
			Items []struct {
				ID     string
				Unread int
			}
		}
		h.req("GET", "/api/v1/cases", tok, nil).json(t, &l)
		for _, it := range l.Items {
			if it.ID == c.ID {
				return it.Unread
			}
		}
		t.Fatal("the case is not in the list")
		return -1
	}
	if unread(nurse) != 2 || unread(social) != 0 {
		t.Fatalf("unread: nurse %d, social %d", unread(nurse), unread(social))
	}
	var one struct{ Unread int }
	h.req("GET", "/api/v1/cases/"+c.ID+"/messages/unread", nurse, nil).json(t, &one)
	if one.Unread != 2 {
		t.Fatalf("the case's own unread count: %d", one.Unread)
	}
	expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID+"/messages/unread", h.demo("demo.care"), nil), 404, "not_found")
	t.Run("MentionRaisesAlert", func(t *testing.T) {
		var l struct {
			Items []struct {
				Kind   string
				CaseID string `json:"case_id"`
			}
		}
		h.req("GET", "/api/v1/alerts", nurse, nil).json(t, &l)
		if len(l.Items) != 1 || l.Items[0].Kind != "mention" || l.Items[0].CaseID != c.ID {
			t.Fatalf("alerts %+v", l.Items)
		}
		h.req("GET", "/api/v1/alerts", social, nil).json(t, &l)
		for _, it := range l.Items {
			if it.Kind == "mention" {
				t.Fatal("the author was alerted of their own mention")
			}
		}
	})
	t.Run("ReadMarker", func(t *testing.T) {
		r := h.req("POST", "/api/v1/cases/"+c.ID+"/messages/read", nurse, map[string]string{"message_id": a.ID})
		expectStatus(t, r, 200)
		if unread(nurse) != 1 {
			t.Fatalf("after reading the first: %d unread", unread(nurse))
		}
		expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/messages/read", nurse, map[string]string{"message_id": b.ID}), 200)
		// Never backwards.
		expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/messages/read", nurse, map[string]string{"message_id": a.ID}), 200)
		if unread(nurse) != 0 {
			t.Fatalf("after reading all: %d unread", unread(nurse))
		}
		var reads struct{ Items []chat.Read }
		h.req("GET", "/api/v1/cases/"+c.ID+"/messages/reads", social, nil).json(t, &reads)
		if len(reads.Items) != 1 || reads.Items[0].UserID != seeds.ID("user/demo.nurse") || reads.Items[0].LastSeq != b.Seq {
			t.Fatalf("seen by %+v", reads.Items)
		}
		expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/messages/read", nurse, map[string]string{"message_id": "x"}), 422, "validation", "message_id")
		expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID+"/messages/reads", h.demo("demo.care"), nil), 404, "not_found")
	})
	t.Run("Promote", func(t *testing.T) {
		r := h.req("POST", "/api/v1/messages/"+b.ID+"/promote", nurse, map[string]any{"kind": "task", "assignee_id": seeds.ID("user/demo.nurse")})
		expectStatus(t, r, 201)
		var p chat.Promoted
		r.json(t, &p)
		var tasks struct {
			Items []struct {
				ID, Title       string
				SourceMessageID *string `json:"source_message_id"`
			}
		}
		h.req("GET", "/api/v1/cases/"+c.ID+"/tasks", nurse, nil).json(t, &tasks)
		if len(tasks.Items) != 1 {
			t.Fatalf("tasks %+v", tasks.Items)
		}
		task := tasks.Items[0]
		if p.Kind != "task" || task.ID != p.ID || task.SourceMessageID == nil || *task.SourceMessageID != b.ID || task.Title != "@Jelena možeš li sutra?" {
			t.Fatalf("promoted %+v, task %+v", p, task)
		}
		r = h.req("POST", "/api/v1/messages/"+a.ID+"/promote", nurse, map[string]any{"kind": "entry", "sensitivity": "health"})
		expectStatus(t, r, 201)
		r.json(t, &p)
		var entries struct {
			Items []struct {
				ID, Body, Sensitivity string
				SourceMessageID       *string `json:"source_message_id"`
			}
		}
		h.req("GET", "/api/v1/cases/"+c.ID+"/entries", nurse, nil).json(t, &entries)
		found := false
		for _, e := range entries.Items {
			found = found || (e.ID == p.ID && e.Body == "Prva" && e.Sensitivity == "health" && e.SourceMessageID != nil && *e.SourceMessageID == a.ID)
		}
		if !found {
			t.Fatalf("the entry from the message: %+v", entries.Items)
		}
		var goal struct{ Goals []struct{ ID string } }
		expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/plan/goals", social, map[string]any{"title": "Zdravlje"}), 201)
		h.req("GET", "/api/v1/cases/"+c.ID+"/plan", social, nil).json(t, &goal)
		r = h.req("POST", "/api/v1/messages/"+a.ID+"/promote", social, map[string]any{"kind": "action", "goal_id": goal.Goals[0].ID, "owner_user_id": seeds.ID("user/demo.nurse")})
		expectStatus(t, r, 201)
		r.json(t, &p)
		if p.Kind != "action" || p.ID == "" {
			t.Fatalf("action %+v", p)
		}
		before := h.count("tasks")
		// What a sensitivity protects stays protected: a health message becomes a task only
		// under a title written for everyone, and an entry keeps its sensitivity.
		health := h.post(nurse, c.ID, map[string]any{"body": "Dijagnoza: ...", "sensitivity": "health"})
		expectProblem(t, h.req("POST", "/api/v1/messages/"+health.ID+"/promote", nurse, map[string]any{"kind": "task", "assignee_id": seeds.ID("user/demo.nurse")}), 422, "validation", "title")
		expectProblem(t, h.req("POST", "/api/v1/messages/"+health.ID+"/promote", nurse, map[string]any{"kind": "entry", "sensitivity": "general"}), 422, "validation", "sensitivity")
		expectStatus(t, h.req("POST", "/api/v1/messages/"+health.ID+"/promote", nurse, map[string]any{"kind": "task", "title": "Kontrolni pregled", "assignee_id": seeds.ID("user/demo.nurse")}), 201)
		before++
		// A goal of another case is refused, even to a member of both.
		otherCase := h.createCase(social, newCaseBody("Treći", "Ivo", "Ivić", ""))
		expectStatus(t, h.req("POST", "/api/v1/cases/"+otherCase.ID+"/plan/goals", social, map[string]any{"title": "Tuđi cilj"}), 201)
		var otherPlan struct{ Goals []struct{ ID string } }
		h.req("GET", "/api/v1/cases/"+otherCase.ID+"/plan", social, nil).json(t, &otherPlan)
		actionsBefore := h.count("plan_actions")
		expectProblem(t, h.req("POST", "/api/v1/messages/"+a.ID+"/promote", social, map[string]any{"kind": "action", "goal_id": otherPlan.Goals[0].ID, "owner_user_id": seeds.ID("user/demo.social")}), 422, "validation", "goal_id")
		if h.count("plan_actions") != actionsBefore {
			t.Fatal("an action went into another case's plan")
		}
		expectProblem(t, h.req("POST", "/api/v1/messages/"+a.ID+"/promote", nurse, map[string]any{"kind": "poem"}), 422, "validation", "kind")
		expectProblem(t, h.req("POST", "/api/v1/messages/"+a.ID+"/promote", nurse, map[string]any{"kind": "task", "assignee_id": seeds.ID("user/demo.care")}), 422, "validation", "assignee_id")
		expectProblem(t, h.req("POST", "/api/v1/messages/"+a.ID+"/promote", nurse, map[string]any{"kind": "action", "goal_id": "x", "owner_user_id": seeds.ID("user/demo.nurse")}), 422, "validation", "goal_id")
		expectProblem(t, h.req("POST", "/api/v1/messages/"+a.ID+"/promote", h.demo("demo.care"), map[string]any{"kind": "task"}), 404, "not_found")
		expectProblem(t, h.req("POST", "/api/v1/messages/"+a.ID+"/promote", h.demo("demo.admin"), map[string]any{"kind": "task"}), 403, "forbidden")
		if h.count("tasks") != before {
			t.Fatal("a refused promotion stored a task")
		}
	})
}

func TestChatRateLimit(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.ChatSendBurst, c.ChatSendsPerMinute = 3, 1 })
	social := h.demo("demo.social")
	c := h.chatCase(social)
	for i := 0; i < 3; i++ {
		h.post(social, c.ID, map[string]any{"body": "brzo"})
	}
	r := h.req("POST", "/api/v1/cases/"+c.ID+"/messages", social, map[string]any{"body": "prebrzo"})
	expectProblem(t, r, 429, "too_many_requests")
	if r.header.Get("Retry-After") == "" || h.count("messages") != 3 {
		t.Fatalf("429 without Retry-After, or stored: %v %d", r.header, h.count("messages"))
	}
	// Another user has a bucket of their own.
	h.post(h.demo("demo.nurse"), c.ID, map[string]any{"body": "ja mogu"})
}
