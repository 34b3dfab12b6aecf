package httpapi_test

import (
	"strings"
	"testing"

	"github.com/zajedno/zajedno/seeds"
)

func TestCasePeopleAndUpdates(t *testing.T) {
	h := newHarness(t)
	social, nurse := h.demo("demo.social"), h.demo("demo.nurse")
	c := h.createCase(social, newCaseBody("Domaćinstvo", "Olga", "Olić", ""))
	url := "/api/v1/cases/" + c.ID + "/people"
	expectProblem(t, h.req("POST", url, social, map[string]any{"relation": "cousin", "person": map[string]string{"first_name": "A", "last_name": "B"}}), 422, "validation", "relation")
	expectProblem(t, h.req("POST", url, social, map[string]any{"relation": "child", "person": map[string]string{"first_name": "", "last_name": "B", "jmbg": "123"}}), 422, "validation", "person.first_name", "person.jmbg")
	r := h.req("POST", url, social, map[string]any{"relation": "child", "person": map[string]string{"first_name": "Mali", "last_name": "Olić", "date_of_birth": "2015-03-01"}})
	expectStatus(t, r, 201)
	var l struct {
		Items []struct {
			Relation string `json:"relation"`
			Person   struct {
				ID            string `json:"id"`
				FirstName     string `json:"first_name"`
				SafeToContact bool   `json:"safe_to_contact"`
				SafeChannel   string `json:"safe_channel"`
			} `json:"person"`
		} `json:"items"`
	}
	h.req("GET", url, social, nil).json(t, &l)
	if len(l.Items) != 2 || l.Items[0].Relation != "subject" || l.Items[1].Relation != "child" || l.Items[1].Person.FirstName != "Mali" {
		t.Fatalf("people %+v", l.Items)
	}
	expectProblem(t, h.req("GET", url, nurse, nil), 404, "not_found")
	// Safe contact details change; bad values are named.
	subject := "/api/v1/people/" + c.Subject.ID
	expectProblem(t, h.req("PATCH", subject, social, map[string]any{"preferred_language": "klingon"}), 422, "validation", "preferred_language")
	expectProblem(t, h.req("PATCH", subject, social, map[string]any{"phone": strings.Repeat("1", 301)}), 422, "validation", "phone")
	expectProblem(t, h.req("PATCH", subject, nurse, map[string]any{"phone": "1"}), 404, "not_found")
	r = h.req("PATCH", subject, social, map[string]any{"safe_to_contact": false, "safe_channel": "Samo preko sestre, tel. 064 111 222", "interpreter_needed": true, "preferred_language": "hu"})
	expectStatus(t, r, 200)
	if !strings.Contains(string(r.body), `"safe_to_contact":false`) || !strings.Contains(string(r.body), `"preferred_language":"hu"`) {
		t.Fatalf("update %s", r.body)
	}
	if h.auditCount("action = 'person.update' AND resource_id = ?", c.Subject.ID) != 1 {
		t.Fatal("the update is not audited")
	}
}

// TestPerpetratorWall: a perpetrator who is also a client of the team. Nobody works on both
// the victim's case and the perpetrator's own case.
func TestPerpetratorWall(t *testing.T) {
	h := newHarness(t)
	social, lead, nurse := h.demo("demo.social"), h.demo("demo.lead"), h.demo("demo.nurse")
	// demo.lead leads the perpetrator's own case (he is a client), with demo.nurse.
	own := h.createCase(lead, newCaseBody("Lečenje zavisnosti", "Zoran", "Zorić", "0101990710008"))
	h.req("POST", "/api/v1/cases/"+own.ID+"/members", lead, map[string]string{"user_id": seeds.ID("user/demo.nurse")})
	// demo.social leads the victim's case.
	victim := h.createCase(social, newCaseBody("Zaštita žrtve", "Vesna", "Zorić", ""))
	link := map[string]any{"relation": "perpetrator", "person": map[string]string{"first_name": "Zoran", "last_name": "Zorić", "jmbg": "0101990710008"}}

	// demo.social sees no case of his: she learns only that he may be known elsewhere.
	r := h.req("POST", "/api/v1/cases/"+victim.ID+"/people", social, link)
	expectProblem(t, r, 409, "conflict")
	if strings.Contains(string(r.body), "Lečenje") {
		t.Fatalf("the refusal leaks: %s", r.body)
	}
	// demo.lead sees his record, but linking him from inside the victim's case would put the
	// lead on both sides of the wall.
	h.req("POST", "/api/v1/cases/"+victim.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.lead")})
	p := expectProblem(t, h.req("POST", "/api/v1/cases/"+victim.ID+"/people", lead, link), 409, "wall")
	if !strings.Contains(p.Detail, "wall") {
		t.Fatalf("not the wall: %s", p.Detail)
	}
	if h.count("case_people WHERE case_id = '"+victim.ID+"' AND relation = 'perpetrator'") != 0 {
		t.Fatal("the refused link was stored")
	}
	expectStatus(t, h.req("DELETE", "/api/v1/cases/"+victim.ID+"/members/"+seeds.ID("user/demo.lead"), social, nil), 204)

	// With the two records linked (as a coordinator's merge would), the wall holds both ways:
	h.db.Exec(`INSERT INTO case_people (case_id, person_id, relation, added_at) VALUES (?, ?, 'perpetrator', now())`, victim.ID, own.Subject.ID)
	// the nurse of his case cannot join the victim's case, nor break the glass into it;
	expectProblem(t, h.req("POST", "/api/v1/cases/"+victim.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.nurse")}), 409, "wall")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+victim.ID+"/emergency-access", nurse, map[string]string{"reason": "Hitno"}), 409, "wall")
	// the victim's worker cannot join his case;
	expectProblem(t, h.req("POST", "/api/v1/cases/"+own.ID+"/members", lead, map[string]string{"user_id": seeds.ID("user/demo.social")}), 409, "wall")
	// someone on neither side may join either.
	expectStatus(t, h.req("POST", "/api/v1/cases/"+victim.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.care")}), 201)
}

func TestPersonMatches(t *testing.T) {
	h := newHarness(t)
	social, social2 := h.demo("demo.social"), h.demo("demo.social2")
	h.createCase(social, newCaseBody("Postojeća", "Đorđe", "Petrović", "0101990710008"))
	var m struct {
		Visible []struct {
			FirstName string `json:"first_name"`
		} `json:"visible"`
		KnownElsewhere bool `json:"known_elsewhere"`
	}
	// The same name in the other script and the same date of birth: offered to who may see it.
	r := h.req("GET", "/api/v1/people/matches?first_name=Ђорђе&last_name=Петровић&date_of_birth=1990-01-01", social, nil)
	expectStatus(t, r, 200)
	r.json(t, &m)
	if len(m.Visible) != 1 || m.Visible[0].FirstName != "Đorđe" || m.KnownElsewhere {
		t.Fatalf("matches for the worker who sees it: %s", r.body)
	}
	// Another team's worker learns only that the person may be known elsewhere.
	r = h.req("GET", "/api/v1/people/matches?jmbg=0101990710008", social2, nil)
	expectStatus(t, r, 200)
	m.Visible, m.KnownElsewhere = nil, false
	r.json(t, &m)
	if len(m.Visible) != 0 || !m.KnownElsewhere || strings.Contains(string(r.body), "Petrov") {
		t.Fatalf("matches for another team: %s", r.body)
	}
	expectProblem(t, h.req("GET", "/api/v1/people/matches?jmbg=0101990710007", social, nil), 422, "validation", "jmbg")
	expectProblem(t, h.req("GET", "/api/v1/people/matches?first_name=A&last_name=B", social, nil), 422, "validation", "date_of_birth")
	// Case list filters: lead and overdue work.
	var l struct{ Items []any }
	h.req("GET", "/api/v1/cases?lead=me", social, nil).json(t, &l)
	if len(l.Items) != 1 {
		t.Fatalf("lead=me: %d", len(l.Items))
	}
	h.req("GET", "/api/v1/cases?overdue=true", social, nil).json(t, &l)
	if len(l.Items) != 0 {
		t.Fatalf("overdue without tasks: %d", len(l.Items))
	}
	expectProblem(t, h.req("GET", "/api/v1/cases?lead=boss", social, nil), 422, "validation", "lead")
}

func TestPersonAccessLog(t *testing.T) {
	h := newHarness(t)
	social, nurse := h.demo("demo.social"), h.demo("demo.nurse")
	c := h.createCase(social, newCaseBody("Ko je gledao", "Tara", "Tarić", "0101990710008"))
	h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.nurse")})
	h.req("GET", "/api/v1/cases/"+c.ID, nurse, nil)
	h.req("POST", "/api/v1/people/"+c.Subject.ID+"/reveal-jmbg", nurse, nil)
	url := "/api/v1/people/" + c.Subject.ID + "/access-log"
	var l struct {
		Items []struct {
			ActorName string `json:"actor_name"`
			Action    string `json:"action"`
			Basis     string `json:"basis"`
		} `json:"items"`
	}
	r := h.req("GET", url, social, nil)
	expectStatus(t, r, 200)
	r.json(t, &l)
	seen := map[string]bool{}
	for _, it := range l.Items {
		seen[it.ActorName+" "+it.Action] = true
	}
	if !seen["Jelena Đorđević case.read"] || !seen["Jelena Đorđević person.jmbg_reveal"] {
		t.Fatalf("the log misses the nurse's reads: %s", r.body)
	}
	expectProblem(t, h.req("GET", url, nurse, nil), 403, "forbidden")
	expectProblem(t, h.req("GET", url, h.demo("demo.police"), nil), 404, "not_found")
}

func TestCreateCaseForAnExistingPerson(t *testing.T) {
	h := newHarness(t)
	social, social2 := h.demo("demo.social"), h.demo("demo.social2")
	first := h.createCase(social, newCaseBody("Prvi predmet", "Vuk", "Vukić", "0101990710008"))
	// The matches offer the record; the new case uses it explicitly.
	body := map[string]any{"title": "Drugi predmet", "category": "general", "team_id": kikinda,
		"subject": map[string]any{"person_id": first.Subject.ID}}
	second := h.createCase(social, body)
	if second.Subject.ID != first.Subject.ID {
		t.Fatalf("the new case is about %s, not the chosen person %s", second.Subject.ID, first.Subject.ID)
	}
	// Someone who does not see the person cannot attach a case to them.
	other := map[string]any{"title": "Tuđi", "category": "general", "team_id": seeds.ID("team/novi-becej"),
		"subject": map[string]any{"person_id": first.Subject.ID}}
	expectProblem(t, h.req("POST", "/api/v1/cases", social2, other), 422, "validation", "subject.person_id")
	bad := map[string]any{"title": "X", "category": "general", "team_id": kikinda, "subject": map[string]any{"person_id": "nope"}}
	expectProblem(t, h.req("POST", "/api/v1/cases", social, bad), 422, "validation", "subject.person_id")
}
