package httpapi_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zajedno/zajedno/backend/internal/dutyreport"
	"github.com/zajedno/zajedno/backend/internal/meetings"
	"github.com/zajedno/zajedno/backend/internal/risk"
	"github.com/zajedno/zajedno/seeds"
)

func allFactors(answer string) map[string]string {
	out := map[string]string{}
	for _, f := range risk.Factors {
		out[f] = answer
	}
	return out
}

// TestRiskAssessment: the police officer weighs the Art. 16 factors; immediate danger raises
// the case's risk to at least high; sending it stamps the time and alerts the receiving
// agency; the CSR's opinion is due in 8 and 24 hours and overdue alerts go once each.
func TestRiskAssessment(t *testing.T) {
	h := newHarness(t)
	c := h.dvCase("Nasilje Savić", "Sanja", "Savić")
	police := h.demo("demo.police")
	now := h.clock.Now()
	t.Run("ErrBadInput", func(t *testing.T) {
		f := allFactors("yes")
		delete(f, "weapons")
		f["astrology"] = "no"
		p := expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/risk-assessments", police, map[string]any{"assessed_at": now.Add(time.Hour).Format(time.RFC3339),
			"factors": f, "sent_to": seeds.ID("agency/dz-kikinda")}), 422, "validation")
		var fields []string
		for _, e := range p.Errors {
			fields = append(fields, e.Field)
		}
		for _, want := range []string{"assessed_at", "factors.weapons", "factors.astrology", "immediate_danger", "sent_to"} {
			if !strings.Contains(strings.Join(fields, " "), want) {
				t.Errorf("%s not named: %v", want, fields)
			}
		}
		expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/risk-assessments", h.demo("demo.social"), map[string]any{}), 403, "forbidden")
		if h.count("risk_assessments") != 0 {
			t.Fatal("a refused assessment was stored")
		}
	})
	r := h.req("POST", "/api/v1/cases/"+c.ID+"/risk-assessments", police, map[string]any{"assessed_at": now.Add(-time.Hour).Format(time.RFC3339),
		"factors": allFactors("yes"), "immediate_danger": true, "notes": "Pretnje ubistvom.", "sent_to": seeds.ID("agency/ojt-kikinda")})
	expectStatus(t, r, 201)
	var a risk.Assessment
	r.json(t, &a)
	if !a.ImmediateDanger || a.SentAt == nil || a.Factors["threats"] != "yes" || a.SentToName == nil || *a.SentToName != "OJT Kikinda" {
		t.Fatalf("assessment %+v", a)
	}
	var cs caseBody
	h.req("GET", "/api/v1/cases/"+c.ID, police, nil).json(t, &cs)
	if cs.RiskLevel != "high" {
		t.Fatalf("risk level %q after immediate danger", cs.RiskLevel)
	}
	if h.alertsOf("demo.prosecutor", "risk_assessment") != 1 {
		t.Fatal("the prosecutor's office was not alerted")
	}
	// The receiving agency reads what was sent to it, without the case.
	var incoming struct{ Items []risk.Assessment }
	h.req("GET", "/api/v1/risk-assessments", h.demo("demo.prosecutor"), nil).json(t, &incoming)
	if len(incoming.Items) != 1 || incoming.Items[0].ID != a.ID {
		t.Fatalf("the prosecutor's incoming assessments %+v", incoming.Items)
	}
	h.req("GET", "/api/v1/risk-assessments", h.demo("demo.lead"), nil).json(t, &incoming)
	if len(incoming.Items) != 0 {
		t.Fatal("another agency reads an assessment not sent to it")
	}
	other := h.createCase(h.demo("demo.social"), newCaseBody("Stara osoba", "Mara", "Marić", ""))
	expectStatus(t, h.req("POST", "/api/v1/cases/"+other.ID+"/members", h.demo("demo.social"), map[string]string{"user_id": seeds.ID("user/demo.police")}), 201)
	expectProblem(t, h.req("POST", "/api/v1/cases/"+other.ID+"/opinion-requests", police, map[string]any{"to_agency_id": seeds.ID("agency/csr-kikinda"), "question": "?"}), 409, "conflict")

	// The CSR's opinion.
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/opinion-requests", police, map[string]any{"to_agency_id": seeds.ID("agency/ps-kikinda"), "question": " "}), 422, "validation", "to_agency_id")
	r = h.req("POST", "/api/v1/cases/"+c.ID+"/opinion-requests", police, map[string]any{"to_agency_id": seeds.ID("agency/csr-kikinda"),
		"question": "Da li su deca bezbedna kod bake?", "assessment_id": a.ID})
	expectStatus(t, r, 201)
	var o risk.Opinion
	r.json(t, &o)
	if o.PoliceDueAt.Sub(o.RequestedAt) != 8*time.Hour || o.ProsecutorDueAt.Sub(o.RequestedAt) != 24*time.Hour {
		t.Fatalf("opinion deadlines %+v", o)
	}
	if h.alertsOf("demo.lead", "opinion_requested") != 1 {
		t.Fatal("the CSR was not alerted")
	}
	// demo.lead is in the CSR but not on the case: he reads the request, not the case.
	expectStatus(t, h.req("GET", "/api/v1/opinion-requests/"+o.ID, h.demo("demo.lead"), nil), 200)
	expectProblem(t, h.req("GET", "/api/v1/opinion-requests/"+o.ID, h.demo("demo.nurse"), nil), 404, "not_found")
	ctx := context.Background()
	h.clock.Advance(8*time.Hour + time.Minute)
	if n, _ := h.srv.Risk.AlertOverdueOpinions(ctx); n != 1 {
		t.Fatal("no alert at 8 hours")
	}
	if n, _ := h.srv.Risk.AlertOverdueOpinions(ctx); n != 0 {
		t.Fatal("the 8-hour alert went twice")
	}
	if h.alertsOf("demo.police", "opinion_overdue") != 1 || h.alertsOf("demo.lead", "opinion_overdue") != 1 {
		t.Fatal("the officer and the CSR's team lead were not told")
	}
	expectProblem(t, h.req("POST", "/api/v1/opinion-requests/"+o.ID+"/answer", h.demo("demo.police"), map[string]any{"answer": "x"}), 404, "not_found")
	expectProblem(t, h.req("POST", "/api/v1/opinion-requests/"+o.ID+"/answer", h.demo("demo.lead"), map[string]any{"answer": " "}), 422, "validation", "answer")
	r = h.req("POST", "/api/v1/opinion-requests/"+o.ID+"/answer", h.demo("demo.lead"), map[string]any{"answer": "Deca su bezbedna; baka sarađuje."})
	expectStatus(t, r, 200)
	expectProblem(t, h.req("POST", "/api/v1/opinion-requests/"+o.ID+"/answer", h.demo("demo.lead"), map[string]any{"answer": "opet"}), 409, "conflict")
	h.clock.Advance(16 * time.Hour)
	if n, _ := h.srv.Risk.AlertOverdueOpinions(ctx); n != 0 {
		t.Fatal("an answered request was alerted as overdue")
	}
	if h.alertsOf("demo.police", "opinion_answered") != 1 {
		t.Fatal("the officer was not told of the answer")
	}
}

// TestDutyToReport: a nurse reports suspected violence from a case to the police in one step;
// the police are alerted and acknowledge it; the chair sees what is unacknowledged.
func TestDutyToReport(t *testing.T) {
	h := newHarness(t)
	social := h.demo("demo.social")
	c := h.dvCase("Nasilje Savić", "Sanja", "Savić")
	expectStatus(t, h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.nurse")}), 201)
	nurse := h.demo("demo.nurse")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/violence-reports", nurse, map[string]any{"to_agency_id": seeds.ID("agency/csr-kikinda"), "body": " "}), 422, "validation", "to_agency_id")
	expectProblem(t, h.req("POST", "/api/v1/cases/"+c.ID+"/violence-reports", h.demo("demo.care"), map[string]any{"to_agency_id": seeds.ID("agency/ps-kikinda"), "body": "x"}), 404, "not_found")
	r := h.req("POST", "/api/v1/cases/"+c.ID+"/violence-reports", nurse, map[string]any{"to_agency_id": seeds.ID("agency/ps-kikinda"),
		"body": "Povrede na licu i rukama; pacijentkinja navodi da ju je udario suprug."})
	expectStatus(t, r, 201)
	var rep dutyreport.Report
	r.json(t, &rep)
	if rep.SentAt.IsZero() || rep.ToAgencyName != "PS Kikinda" || rep.ReporterAgencyName != "Dom zdravlja Kikinda" || rep.AcknowledgedAt != nil {
		t.Fatalf("report %+v", rep)
	}
	if h.alertsOf("demo.police", "violence_report") != 1 {
		t.Fatal("the police were not alerted")
	}
	var l struct{ Items []dutyreport.Report }
	h.req("GET", "/api/v1/coordination-groups/"+kikindaGroup+"/unacknowledged-reports", h.demo("demo.prosecutor"), nil).json(t, &l)
	if len(l.Items) != 1 {
		t.Fatalf("the chair sees %d unacknowledged", len(l.Items))
	}
	expectProblem(t, h.req("GET", "/api/v1/coordination-groups/"+kikindaGroup+"/unacknowledged-reports", h.demo("demo.police"), nil), 403, "forbidden")
	h.req("GET", "/api/v1/violence-reports", h.demo("demo.police"), nil).json(t, &l)
	if len(l.Items) != 1 || l.Items[0].ID != rep.ID {
		t.Fatalf("police incoming %+v", l.Items)
	}
	expectProblem(t, h.req("POST", "/api/v1/violence-reports/"+rep.ID+"/acknowledge", nurse, nil), 404, "not_found")
	expectStatus(t, h.req("POST", "/api/v1/violence-reports/"+rep.ID+"/acknowledge", h.demo("demo.police"), nil), 200)
	if h.alertsOf("demo.nurse", "violence_report_acknowledged") != 1 {
		t.Fatal("the reporter was not told of the acknowledgement")
	}
	expectProblem(t, h.req("POST", "/api/v1/violence-reports/"+rep.ID+"/acknowledge", h.demo("demo.police"), nil), 409, "conflict")
	h.req("GET", "/api/v1/coordination-groups/"+kikindaGroup+"/unacknowledged-reports", h.demo("demo.prosecutor"), nil).json(t, &l)
	if len(l.Items) != 0 {
		t.Fatal("an acknowledged report is still listed")
	}
}

// TestMeetingPreparationAndStatistics: the police and CSR tables are due at 10:00 the day before,
// the registry check at 15:00; what is missing alerts whoever owes it, once; the group's
// counters export as CSV.
func TestMeetingPreparationAndStatistics(t *testing.T) {
	h := newHarness(t)
	chair := h.demo("demo.prosecutor")
	loc := meetings.Zone
	day := h.clock.Now().In(loc).AddDate(0, 0, 3)
	starts := time.Date(day.Year(), day.Month(), day.Day(), 11, 0, 0, 0, loc)
	m := h.schedule(chair, map[string]any{"starts_at": starts.Format(time.RFC3339)})
	var prep struct{ Items []meetings.PrepItem }
	h.req("GET", "/api/v1/meetings/"+m.ID+"/preparation", h.demo("demo.police"), nil).json(t, &prep)
	if len(prep.Items) != 3 || prep.Items[0].DueAt.In(loc).Format("02 15:04") != starts.AddDate(0, 0, -1).Format("02")+" 10:00" ||
		prep.Items[2].DueAt.In(loc).Hour() != 15 {
		t.Fatalf("preparation %+v", prep.Items)
	}
	expectProblem(t, h.req("PUT", "/api/v1/meetings/"+m.ID+"/preparation/police_table", h.demo("demo.social"), map[string]any{"body": "x"}), 403, "forbidden")
	expectProblem(t, h.req("PUT", "/api/v1/meetings/"+m.ID+"/preparation/police_table", h.demo("demo.police"), map[string]any{"body": " "}), 422, "validation", "body")
	expectProblem(t, h.req("PUT", "/api/v1/meetings/"+m.ID+"/preparation/gossip", h.demo("demo.police"), map[string]any{"body": "x"}), 404, "not_found")
	expectStatus(t, h.req("PUT", "/api/v1/meetings/"+m.ID+"/preparation/police_table", h.demo("demo.police"), map[string]any{"body": "1. Savić — nova prijava"}), 200)
	// The day before at 16:00: the CSR table and the registry check are missing.
	h.clock.Advance(starts.AddDate(0, 0, -1).Add(5 * time.Hour).Sub(h.clock.Now()))
	if n, err := h.srv.Meetings.AlertLatePreparation(context.Background()); n != 2 || err != nil {
		t.Fatalf("late alerts %d %v", n, err)
	}
	if n, _ := h.srv.Meetings.AlertLatePreparation(context.Background()); n != 0 {
		t.Fatal("late alerts went twice")
	}
	if h.alertsOf("demo.social", "meeting_preparation") != 1 || h.alertsOf("demo.prosecutor", "meeting_preparation") != 1 || h.alertsOf("demo.police", "meeting_preparation") != 0 {
		t.Fatal("the late alerts went to the wrong people")
	}
	h.req("GET", "/api/v1/meetings/"+m.ID+"/preparation", h.demo("demo.social"), nil).json(t, &prep)
	if prep.Items[0].Late || !prep.Items[1].Late || prep.Items[0].SubmittedAt == nil {
		t.Fatalf("preparation %+v", prep.Items)
	}
	// Sent late: the CSR's late alert is resolved; the chair's (registry) stays.
	expectStatus(t, h.req("PUT", "/api/v1/meetings/"+m.ID+"/preparation/csr_table", h.demo("demo.social"), map[string]any{"body": "2. Jović — u toku"}), 200)
	if h.count("alerts WHERE kind = 'meeting_preparation' AND resolved_at IS NULL AND user_id = '"+seeds.ID("user/demo.social")+"'") != 0 ||
		h.count("alerts WHERE kind = 'meeting_preparation' AND resolved_at IS NULL AND user_id = '"+seeds.ID("user/demo.prosecutor")+"'") != 1 {
		t.Fatal("the late alerts were not resolved for whoever sent their part")
	}

	// Run and close the meeting, then count.
	h.clock.Advance(starts.Sub(h.clock.Now()))
	chair = h.demo("demo.prosecutor")
	expectStatus(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/start", chair, nil), 200)
	expectStatus(t, h.req("POST", "/api/v1/meetings/"+m.ID+"/close", chair, map[string]any{"minutes": "Zapisnik."}), 200)
	from, to := starts.AddDate(0, 0, -1).Format(time.DateOnly), starts.Format(time.DateOnly)
	var st meetings.Statistics
	h.req("GET", "/api/v1/coordination-groups/"+kikindaGroup+"/statistics?from="+from+"&to="+to, chair, nil).json(t, &st)
	if st.Meetings != 1 || st.OnTime != 1 {
		t.Fatalf("statistics %+v", st)
	}
	r := h.req("GET", "/api/v1/coordination-groups/"+kikindaGroup+"/statistics?format=csv&from="+from+"&to="+to, h.demo("demo.police"), nil)
	expectStatus(t, r, 200)
	lines := strings.Split(strings.TrimSpace(string(r.body)), "\n")
	if !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") || len(lines) != 2 || !strings.HasPrefix(lines[0], "group_id,from,to,meetings_held") ||
		!strings.Contains(lines[1], ","+from+","+to+",1,1,0,") {
		t.Fatalf("csv %q", r.body)
	}
	expectProblem(t, h.req("GET", "/api/v1/coordination-groups/"+kikindaGroup+"/statistics?from=yesterday&to="+to, chair, nil), 422, "validation", "from")
	expectProblem(t, h.req("GET", "/api/v1/coordination-groups/"+kikindaGroup+"/statistics?from="+to+"&to="+from, chair, nil), 422, "validation", "to")
	expectProblem(t, h.req("GET", "/api/v1/coordination-groups/"+kikindaGroup+"/statistics?from="+from+"&to="+to, h.demo("demo.nurse"), nil), 404, "not_found")
}
