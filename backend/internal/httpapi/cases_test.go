package httpapi_test

import (
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/zajedno/zajedno/seeds"
)

type caseBody struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Status    string `json:"status"`
	RiskLevel string `json:"risk_level"`
	LeadID    string `json:"lead_id"`
	MyBasis   string `json:"my_basis"`
	Subject   struct {
		ID          string  `json:"id"`
		JMBGMasked  *string `json:"jmbg_masked"`
		HasJMBG     bool    `json:"has_jmbg"`
		DateOfBirth *string `json:"date_of_birth"`
	} `json:"subject"`
	Members []struct {
		UserID string `json:"user_id"`
		Basis  string `json:"basis"`
	} `json:"members"`
	EmergencyAccess *struct {
		ExpiresAt time.Time `json:"expires_at"`
	} `json:"emergency_access"`
}

var kikinda = seeds.ID("team/kikinda-centar")

func newCaseBody(title, first, last, jmbg string) map[string]any {
	subject := map[string]any{"first_name": first, "last_name": last}
	if jmbg != "" {
		subject["jmbg"] = jmbg
	}
	return map[string]any{"title": title, "category": "elderly", "team_id": kikinda, "subject": subject}
}

func (h *harness) createCase(token string, body map[string]any) caseBody {
	h.t.Helper()
	r := h.req("POST", "/api/v1/cases", token, body)
	expectStatus(h.t, r, 201)
	var c caseBody
	r.json(h.t, &c)
	return c
}

func TestCreateCase(t *testing.T) {
	h := newHarness(t)
	social := h.demo("demo.social")
	t.Run("OK", func(t *testing.T) {
		c := h.createCase(social, newCaseBody("Porodica Petrović", "Marko", "Petrović", "0101990710008"))
		if c.LeadID != seeds.ID("user/demo.social") || c.Status != "open" || c.RiskLevel != "low" || c.MyBasis != "membership" {
			t.Fatalf("case %+v", c)
		}
		if len(c.Members) != 1 || c.Members[0].UserID != c.LeadID {
			t.Fatalf("members %+v", c.Members)
		}
		if c.Subject.JMBGMasked == nil || *c.Subject.JMBGMasked != "•••••••••0008" || !c.Subject.HasJMBG || *c.Subject.DateOfBirth != "1990-01-01" {
			t.Fatalf("subject %+v", c.Subject)
		}
		r := h.req("GET", "/api/v1/cases/"+c.ID, social, nil)
		if strings.Contains(string(r.body), "0101990710008") {
			t.Fatal("the whole JMBG is in the case")
		}
		var read caseBody
		r.json(t, &read)
		if read.Subject.ID != c.Subject.ID || read.Subject.JMBGMasked == nil || *read.Subject.JMBGMasked != "•••••••••0008" ||
			read.MyBasis != "membership" || len(read.Members) != 1 || read.EmergencyAccess != nil {
			t.Fatalf("read %+v", read)
		}
		if h.auditCount("action = 'case.create' AND case_id = ?", c.ID) != 1 || h.auditCount("action = 'case.read' AND case_id = ? AND basis = 'membership'", c.ID) != 1 {
			t.Fatal("creation or read not audited with its basis")
		}
	})
	t.Run("ErrFields", func(t *testing.T) {
		before := h.count("cases")
		for name, tc := range map[string]struct {
			body  map[string]any
			field string
		}{
			"ErrJMBGChecksum":    {newCaseBody("X", "A", "B", "0101990710007"), "subject.jmbg"},
			"ErrJMBGShort":       {newCaseBody("X", "A", "B", "12345"), "subject.jmbg"},
			"ErrTitleRequired":   {newCaseBody(" ", "A", "B", ""), "title"},
			"ErrFirstName":       {newCaseBody("X", "", "B", ""), "subject.first_name"},
			"ErrTitleTooLong":    {newCaseBody(strings.Repeat("x", 201), "A", "B", ""), "title"},
			"ErrCategory":        {map[string]any{"title": "X", "category": "other", "team_id": kikinda, "subject": map[string]any{"first_name": "A", "last_name": "B"}}, "category"},
			"ErrNotMyTeam":       {map[string]any{"title": "X", "category": "general", "team_id": seeds.ID("team/novi-becej"), "subject": map[string]any{"first_name": "A", "last_name": "B"}}, "team_id"},
			"ErrDisagreeingDate": {map[string]any{"title": "X", "category": "general", "team_id": kikinda, "subject": map[string]any{"first_name": "A", "last_name": "B", "jmbg": "0101990710008", "date_of_birth": "1990-01-02"}}, "subject.jmbg"},
			"ErrFutureBirth":     {map[string]any{"title": "X", "category": "general", "team_id": kikinda, "subject": map[string]any{"first_name": "A", "last_name": "B", "date_of_birth": "2999-01-01"}}, "subject.date_of_birth"},
		} {
			t.Run(name, func(t *testing.T) {
				expectProblem(t, h.req("POST", "/api/v1/cases", social, tc.body), 422, "validation", tc.field)
			})
		}
		if h.count("cases") != before || h.count("people WHERE first_name = 'A'") != 0 {
			t.Fatal("a refused case left rows behind")
		}
	})
	t.Run("ErrForbiddenRole", func(t *testing.T) {
		expectProblem(t, h.req("POST", "/api/v1/cases", h.demo("demo.admin"), newCaseBody("X", "A", "B", "")), 403, "forbidden")
	})
	t.Run("KnownPerson", func(t *testing.T) {
		first := h.createCase(social, newCaseBody("Prvi", "Jovan", "Jović", "1505005715006"))
		// The same JMBG again, typed: the worker is told whom they already work with, nothing is stored.
		before := h.count("cases")
		r := h.req("POST", "/api/v1/cases", social, newCaseBody("Drugi", "Jovan", "Jović", "1505005715006"))
		p := expectProblem(t, r, 409, "person_exists")
		if p.ExistingID != first.Subject.ID || h.count("cases") != before || h.count("people WHERE jmbg = '1505005715006'") != 1 {
			t.Fatalf("person_exists names %q (want %q), or something was stored: %s", p.ExistingID, first.Subject.ID, p.Detail)
		}
		// Choosing them knowingly opens the second case for the same person.
		second := h.createCase(social, map[string]any{"title": "Drugi", "category": "general", "team_id": kikinda,
			"subject": map[string]any{"person_id": p.ExistingID}})
		if first.Subject.ID != second.Subject.ID {
			t.Fatal("the chosen person was not the case's subject")
		}
		// Another team's worker learns only that the person may be known elsewhere.
		r = h.req("POST", "/api/v1/cases", h.demo("demo.social2"), map[string]any{"title": "X", "category": "general",
			"team_id": seeds.ID("team/novi-becej"), "subject": map[string]any{"first_name": "J", "last_name": "J", "jmbg": "1505005715006"}})
		p = expectProblem(t, r, 409, "conflict")
		if strings.Contains(string(r.body), "Jović") || !strings.Contains(p.Detail, "another agency") {
			t.Fatalf("conflict leaks or misleads: %s", r.body)
		}
	})
}

func (h *harness) count(tableAndWhere string) int64 {
	h.t.Helper()
	var n int64
	if err := h.db.Raw(`SELECT count(*) FROM ` + tableAndWhere).Scan(&n).Error; err != nil {
		h.t.Fatal(err)
	}
	return n
}

func TestNeedToKnow(t *testing.T) {
	h := newHarness(t)
	social, nurse, police, social2 := h.demo("demo.social"), h.demo("demo.nurse"), h.demo("demo.police"), h.demo("demo.social2")
	c := h.createCase(social, newCaseBody("Baka Ruža", "Ruža", "Đorđević", ""))
	// Non-members get 404, exactly like a case that does not exist.
	missing := h.req("GET", "/api/v1/cases/"+seeds.ID("no-such-case"), nurse, nil)
	hidden := h.req("GET", "/api/v1/cases/"+c.ID, nurse, nil)
	expectProblem(t, hidden, 404, "not_found")
	if missing.problem(t).Detail != hidden.problem(t).Detail {
		t.Fatal("a hidden case answers differently from a missing one")
	}
	expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID+"/entries", nurse, nil), 404, "not_found")
	expectProblem(t, h.req("GET", "/api/v1/cases/not-an-id", nurse, nil), 404, "not_found")
	expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID, h.demo("demo.admin"), nil), 403, "forbidden")

	// The lead adds members from the team's agencies.
	expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.nurse")}), 201)
	expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.police")}), 201)
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.police")}), 409, "conflict")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.social2")}), 422, "validation", "user_id")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/members", nurse, map[string]string{"user_id": seeds.ID("user/demo.care")}), 403, "forbidden")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/members", social2, map[string]string{"user_id": seeds.ID("user/demo.care")}), 404, "not_found")
	expectStatus(t, h.req("GET", "/api/v1/cases/"+c.ID, nurse, nil), 200)

	// Entries: each role reads only what it may.
	for tok, sens := range map[string][]string{social: {"general", "social"}, nurse: {"health"}, police: {"police"}} {
		for _, s := range sens {
			expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/entries", tok, map[string]string{"body": "Zapis " + s, "sensitivity": s}), 201)
		}
	}
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/entries", nurse, map[string]string{"body": "x", "sensitivity": "social"}), 422, "validation", "sensitivity")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/entries", nurse, map[string]string{"body": "  ", "sensitivity": "general"}), 422, "validation", "body")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/entries", nurse, map[string]string{"body": "x", "sensitivity": "secret"}), 422, "validation", "sensitivity")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/entries", nurse, map[string]string{"body": strings.Repeat("x", 20001), "sensitivity": "general"}), 422, "validation", "body")
	seen := func(tok string) []string {
		var l struct {
			Items []struct{ Sensitivity string } `json:"items"`
		}
		r := h.req("GET", "/api/v1/cases/"+c.ID+"/entries", tok, nil)
		expectStatus(t, r, 200)
		r.json(t, &l)
		var out []string
		for _, e := range l.Items {
			out = append(out, e.Sensitivity)
		}
		sort.Strings(out)
		return out
	}
	for tok, want := range map[string]string{social: "general,social", nurse: "general,health", police: "general,police"} {
		if got := strings.Join(seen(tok), ","); got != want {
			t.Errorf("sees %s, want %s", got, want)
		}
	}
	if h.auditCount("action = 'entry.list' AND case_id = ? AND basis = 'membership'", c.ID) != 3 {
		t.Fatal("entry reads are not audited with their basis")
	}
	// Removing a member takes effect on the next request; the lead cannot be removed.
	expectStatus(t, h.req("DELETE", "/api/v1/cases/"+c.ID+"/members/"+seeds.ID("user/demo.police"), social, nil), 204)
	expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID, police, nil), 404, "not_found")
	expectProblem(t, h.req("DELETE", "/api/v1/cases/"+c.ID+"/members/"+seeds.ID("user/demo.social"), social, nil), 409, "conflict")
}

func TestCorrections(t *testing.T) {
	h := newHarness(t)
	social, nurse := h.demo("demo.social"), h.demo("demo.nurse")
	c := h.createCase(social, newCaseBody("Ispravke", "Ana", "Anić", ""))
	h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.nurse")})
	var first, health struct{ ID string }
	h.req("POST", "/api/v1/cases/"+c.ID+"/entries", social, map[string]string{"body": "Posetа u 10h", "sensitivity": "general"}).json(t, &first)
	h.req("POST", "/api/v1/cases/"+c.ID+"/entries", nurse, map[string]string{"body": "Terapija", "sensitivity": "health"}).json(t, &health)
	r := h.req("POST", "/api/v1/cases/"+c.ID+"/entries", social, map[string]any{"body": "Poseta je bila u 11h", "sensitivity": "general", "corrects_id": first.ID})
	expectStatus(t, r, 201)
	var corr struct {
		CorrectsID *string `json:"corrects_id"`
	}
	r.json(t, &corr)
	if corr.CorrectsID == nil || *corr.CorrectsID != first.ID {
		t.Fatalf("correction points at %v", corr.CorrectsID)
	}
	// An entry the author may not read, or of another case, cannot be corrected.
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/entries", social, map[string]any{"body": "x", "sensitivity": "general", "corrects_id": health.ID}), 422, "validation", "corrects_id")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/entries", social, map[string]any{"body": "x", "sensitivity": "general", "corrects_id": seeds.ID("x")}), 422, "validation", "corrects_id")
	// The original is kept as it was: entries are never edited.
	if err := h.db.Exec(`UPDATE entries SET body = 'changed' WHERE id = ?`, first.ID).Error; err == nil {
		t.Fatal("an entry was edited in place")
	}
}

func TestEmergencyAccess(t *testing.T) {
	h := newHarness(t)
	social, social2, lead, auditor := h.demo("demo.social"), h.demo("demo.social2"), h.demo("demo.lead"), h.demo("demo.auditor")
	c := h.createCase(social, newCaseBody("Noćni poziv", "Petar", "Petrović", "0101990710008"))
	h.req("POST", "/api/v1/cases/"+c.ID+"/entries", social, map[string]string{"body": "Opšti zapis", "sensitivity": "general"})

	// A bare lookup hit, by name in another script, with no content.
	var hits struct {
		Items []map[string]any `json:"items"`
	}
	r := h.req("GET", "/api/v1/cases/lookup?q="+url.QueryEscape("Петровић"), social2, nil)
	expectStatus(t, r, 200)
	r.json(t, &hits)
	if len(hits.Items) != 1 || hits.Items[0]["case_id"] != c.ID || hits.Items[0]["lead_agency_name"] != "CSR Kikinda" {
		t.Fatalf("lookup %s", r.body)
	}
	if strings.Contains(string(r.body), "Petrov") || strings.Contains(string(r.body), "Noćni") {
		t.Fatalf("lookup leaks content: %s", r.body)
	}
	expectProblem(t, h.req("GET", "/api/v1/cases/lookup?q=ab", social2, nil), 422, "validation", "q")
	expectProblem(t, h.req("GET", "/api/v1/cases/lookup?q=Petrović", h.demo("demo.care"), nil), 403, "forbidden")

	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/emergency-access", social2, map[string]string{"reason": " "}), 422, "validation", "reason")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/emergency-access", h.demo("demo.care"), map[string]string{"reason": "x"}), 403, "forbidden")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/emergency-access", social, map[string]string{"reason": "x"}), 409, "conflict")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+seeds.ID("nope")+"/emergency-access", social2, map[string]string{"reason": "x"}), 404, "not_found")
	r = h.req("POST", "/api/v1/cases/"+c.ID+"/emergency-access", social2, map[string]string{"reason": "Policija zove u 2h, dete u opasnosti"})
	expectStatus(t, r, 201)
	var g struct {
		ID        string    `json:"id"`
		ExpiresAt time.Time `json:"expires_at"`
	}
	r.json(t, &g)
	if d := g.ExpiresAt.Sub(h.clock.Now()); d != 4*time.Hour {
		t.Fatalf("access lasts %v, want 4h", d)
	}
	var got caseBody
	r = h.req("GET", "/api/v1/cases/"+c.ID, social2, nil)
	expectStatus(t, r, 200)
	r.json(t, &got)
	if got.MyBasis != "emergency" || got.EmergencyAccess == nil {
		t.Fatalf("basis %q, access %+v", got.MyBasis, got.EmergencyAccess)
	}
	if h.auditCount("action = 'case.read' AND case_id = ? AND basis = 'emergency'", c.ID) != 1 {
		t.Fatal("the emergency read is not audited as such")
	}
	// The lead, the team lead and the auditors are alerted at once.
	for _, tok := range []string{social, lead, auditor} {
		var al struct {
			Items []struct {
				ID     string  `json:"id"`
				Kind   string  `json:"kind"`
				CaseID *string `json:"case_id"`
			} `json:"items"`
		}
		h.req("GET", "/api/v1/alerts", tok, nil).json(t, &al)
		if len(al.Items) != 1 || al.Items[0].Kind != "emergency_access" || *al.Items[0].CaseID != c.ID {
			t.Fatalf("alerts %+v", al.Items)
		}
		expectProblem(t, h.req("POST", "/api/v1/alerts/"+al.Items[0].ID+"/ack", social2, nil), 404, "not_found")
		expectStatus(t, h.req("POST", "/api/v1/alerts/"+al.Items[0].ID+"/ack", tok, nil), 200)
		h.req("GET", "/api/v1/alerts", tok, nil).json(t, &al)
		if len(al.Items) != 0 {
			t.Fatal("an acknowledged alert is still open")
		}
	}
	var none struct{ Items []any }
	h.req("GET", "/api/v1/alerts", social2, nil).json(t, &none)
	if len(none.Items) != 0 {
		t.Fatal("the requester alerted themselves")
	}
	// Review queue: the team lead of the case's team, or an auditor.
	var q struct {
		Items []struct {
			ID     string `json:"id"`
			Reason string `json:"reason"`
		} `json:"items"`
	}
	h.req("GET", "/api/v1/emergency-access", lead, nil).json(t, &q)
	if len(q.Items) != 1 || q.Items[0].ID != g.ID {
		t.Fatalf("team lead's queue %+v", q.Items)
	}
	expectProblem(t, h.req("POST", "/api/v1/emergency-access/"+g.ID+"/review", lead, map[string]string{"outcome": "maybe"}), 422, "validation", "outcome")
	r = h.req("POST", "/api/v1/emergency-access/"+g.ID+"/review", lead, map[string]string{"outcome": "justified", "note": "Hitan slučaj"})
	expectStatus(t, r, 200)
	expectProblem(t, h.req("POST", "/api/v1/emergency-access/"+g.ID+"/review", auditor, map[string]string{"outcome": "unjustified"}), 409, "conflict")
	h.req("GET", "/api/v1/emergency-access?status=pending", auditor, nil).json(t, &q)
	if len(q.Items) != 0 {
		t.Fatal("a reviewed access is still pending")
	}
	h.req("GET", "/api/v1/emergency-access?status=reviewed", auditor, nil).json(t, &q)
	if len(q.Items) != 1 {
		t.Fatal("the auditor does not see the reviewed access")
	}
	expectProblem(t, h.req("GET", "/api/v1/emergency-access?status=soon", auditor, nil), 422, "validation", "status")
	// After four hours the case is hidden again.
	h.clock.Advance(4*time.Hour + time.Second)
	social2 = h.demo("demo.social2")
	expectProblem(t, h.req("GET", "/api/v1/cases/"+c.ID, social2, nil), 404, "not_found")
}

func TestRevealJMBG(t *testing.T) {
	h := newHarness(t)
	social := h.demo("demo.social")
	c := h.createCase(social, newCaseBody("JMBG", "Ivan", "Ivić", "0101990710008"))
	r := h.req("POST", "/api/v1/people/"+c.Subject.ID+"/reveal-jmbg", social, nil)
	expectStatus(t, r, 200)
	if !strings.Contains(string(r.body), `"jmbg":"0101990710008"`) {
		t.Fatalf("reveal %s", r.body)
	}
	if h.auditCount("action = 'person.jmbg_reveal' AND resource_id = ? AND case_id = ?", c.Subject.ID, c.ID) != 1 {
		t.Fatal("the reveal is not audited")
	}
	expectProblem(t, h.req("POST", "/api/v1/people/"+c.Subject.ID+"/reveal-jmbg", h.demo("demo.nurse"), nil), 404, "not_found")
}

func TestListCases(t *testing.T) {
	h := newHarness(t)
	social, nurse := h.demo("demo.social"), h.demo("demo.nurse")
	for i, name := range []string{"Petrović", "Jovanović", "Đorđević", "Nikolić", "Ilić"} {
		body := newCaseBody("Slučaj "+name, "Ime", name, "")
		if i%2 == 0 {
			body["category"] = "disability"
		}
		h.createCase(social, body)
		h.clock.Advance(time.Second)
	}
	var l struct {
		Items []struct {
			Title       string `json:"title"`
			SubjectName string `json:"subject_name"`
		} `json:"items"`
		NextCursor *string `json:"next_cursor"`
	}
	h.req("GET", "/api/v1/cases?limit=2", social, nil).json(t, &l)
	if len(l.Items) != 2 || l.Items[0].Title != "Slučaj Ilić" || l.NextCursor == nil {
		t.Fatalf("page 1 %+v", l)
	}
	h.req("GET", "/api/v1/cases?limit=2&cursor="+*l.NextCursor, social, nil).json(t, &l)
	if len(l.Items) != 2 || l.Items[0].Title != "Slučaj Đorđević" {
		t.Fatalf("page 2 %+v", l)
	}
	h.req("GET", "/api/v1/cases?category=disability", social, nil).json(t, &l)
	if len(l.Items) != 3 {
		t.Fatalf("category filter: %d", len(l.Items))
	}
	h.req("GET", "/api/v1/cases?q="+url.QueryEscape("ђорђевић"), social, nil).json(t, &l)
	if len(l.Items) != 1 || l.Items[0].SubjectName != "Ime Đorđević" {
		t.Fatalf("search across scripts: %+v", l.Items)
	}
	// The nurse is in the team but a member of none of these cases: nothing to see.
	h.req("GET", "/api/v1/cases?scope=team", nurse, nil).json(t, &l)
	if len(l.Items) != 0 {
		t.Fatalf("a non-member sees %d team cases", len(l.Items))
	}
	expectProblem(t, h.req("GET", "/api/v1/cases?scope=all", social, nil), 422, "validation", "scope")
	expectProblem(t, h.req("GET", "/api/v1/cases?risk=extreme", social, nil), 422, "validation", "risk")
	expectProblem(t, h.req("GET", "/api/v1/cases?cursor=zzz", social, nil), 422, "validation", "cursor")
}
