package seeds

import (
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// demoCase is a fictitious case; dates are days before the day the seed runs.
type demoCase struct {
	key, title, category, risk, team, lead string
	first, last, jmbg, dob, sex            string
	members                                []string
	entries                                []demoEntry
	messages                               []demoEntry // the case's chat, oldest first
	goals                                  []string
	tasks                                  []demoTask
	daysAgo                                int
}

type demoEntry struct{ author, sensitivity, body string }

type demoTask struct {
	title, assignee string
	dueInDays       int // negative: overdue
}

var demoCases = []demoCase{
	{key: "markovic", title: "Porodica Marković", category: "child_protection", risk: "high", team: "kikinda-centar", lead: "demo.social",
		first: "Jovana", last: "Marković", jmbg: "2704125800054", dob: "2012-04-27", sex: "female", daysAgo: 20,
		members: []string{"demo.nurse", "demo.police"},
		messages: []demoEntry{
			{"demo.social", "general", "Sutra u 10 idem kod Markovića. Može li neko od vas da se pridruži?"},
			{"demo.nurse", "general", "Mogu ja, posle 11. Ponesem karton vakcinacije."},
			{"demo.nurse", "health", "Psiholog ima termin u četvrtak u 9; javiću majci."},
			{"demo.police", "general", "Od prošle nedelje nije bilo poziva na tu adresu."},
			{"demo.social", "general", "Hvala. Dogovor: 11 časova, ja ih obaveštavam."},
		},
		entries: []demoEntry{
			{"demo.social", "general", "Prva kućna poseta obavljena. Majka sarađuje, otac nije bio prisutan."},
			{"demo.social", "social", "Porodica prima novčanu socijalnu pomoć; dugovi za struju."},
			{"demo.nurse", "health", "Dete redovno vakcinisano; upućeno na pregled kod psihologa."},
			{"demo.police", "police", "Dve intervencije zbog narušavanja javnog reda u poslednjih godinu dana."},
		},
		goals: []string{"Jovana redovno ide u školu", "Porodica izmiri dug za struju"},
		tasks: []demoTask{{"Razgovor sa razrednim starešinom", "demo.social", 3}, {"Pregled kod psihologa", "demo.nurse", -2}}},
	{key: "kis", title: "Ilona Kiš, pomoć u kući", category: "elderly", risk: "medium", team: "kikinda-centar", lead: "demo.social",
		first: "Ilona", last: "Kiš", jmbg: "1906475805073", dob: "1947-06-19", sex: "female", daysAgo: 45,
		members: []string{"demo.care", "demo.nurse"},
		entries: []demoEntry{
			{"demo.care", "general", "Korisnica želi da ostane kod kuće; ćerka živi u Novom Sadu."},
			{"demo.nurse", "health", "Terapija za pritisak; potrebna kontrola šećera jednom nedeljno."},
		},
		goals: []string{"Ostati kod kuće uz pomoć i negu"},
		tasks: []demoTask{{"Dogovor sa ćerkom o rasporedu obilazaka", "demo.care", 5}}},
	{key: "tomic", title: "Dragan Tomić, stanovanje uz podršku", category: "disability", risk: "low", team: "kikinda-centar", lead: "demo.lead",
		first: "Dragan", last: "Tomić", jmbg: "2207765800030", dob: "1976-07-22", sex: "male", daysAgo: 90,
		members: []string{"demo.social", "demo.care"},
		entries: []demoEntry{{"demo.lead", "general", "Plan revidiran; korisnik zadovoljan smeštajem."}},
		goals:   []string{"Zaposlenje uz podršku"},
		tasks:   []demoTask{{"Kontakt sa Nacionalnom službom za zapošljavanje", "demo.social", 14}}},
	{key: "babic", title: "Porodica Babić", category: "domestic_violence", risk: "very_high", team: "kikinda-centar", lead: "demo.social",
		first: "Marina", last: "Babić", jmbg: "0305994805024", dob: "1994-05-03", sex: "female", daysAgo: 6,
		members: []string{"demo.police"},
		entries: []demoEntry{
			{"demo.police", "police", "Izrečena hitna mera udaljenja iz stana; nalog uručen."},
			{"demo.social", "general", "Žrtva i deca smeštena kod sestre; bezbedan kontakt samo preko sestre."},
		},
		goals: []string{"Bezbednost Marine i dece"},
		tasks: []demoTask{{"Procena rizika sa policijom", "demo.police", 1}}},
	{key: "jovic", title: "Porodica Jović", category: "domestic_violence", risk: "high", team: "kikinda-centar", lead: "demo.social",
		first: "Dragana", last: "Jović", jmbg: "", dob: "1985-02-14", sex: "female", daysAgo: 40,
		members: []string{"demo.police"},
		entries: []demoEntry{
			{"demo.police", "police", "Prijava komšija; suprug udaljen iz stana, mera istekla bez produženja."},
			{"demo.social", "general", "Dragana i sin (9) žive kod njene majke; traži savet o razvodu."},
		},
		goals: []string{"Bezbedno stanovanje za Draganu i sina"}},
	{key: "stankovic", title: "Milena Stanković", category: "general", risk: "low", team: "kikinda-centar", lead: "demo.lead",
		first: "Milena", last: "Stanković", jmbg: "", dob: "1988-11-05", sex: "female", daysAgo: 2,
		entries: []demoEntry{{"demo.lead", "general", "Prvi razgovor; podnela zahtev za jednokratnu pomoć."}}},
	{key: "nb-horvat", title: "Porodica Horvat", category: "child_protection", risk: "medium", team: "novi-becej", lead: "demo.social2",
		first: "Luka", last: "Horvat", jmbg: "1203015800013", dob: "2015-03-12", sex: "male", daysAgo: 30,
		entries: []demoEntry{{"demo.social2", "social", "Roditelji razvedeni; dogovor o viđanju deteta nije postignut."}},
		goals:   []string{"Dogovor roditelja o viđanju"}},
	{key: "nb-petrovic", title: "Petar Petrović, smeštaj", category: "elderly", risk: "low", team: "novi-becej", lead: "demo.social2",
		first: "Petar", last: "Petrović", jmbg: "1109825805040", dob: "1982-09-11", sex: "male", daysAgo: 12,
		entries: []demoEntry{{"demo.social2", "general", "Razmatra se smeštaj u dom; porodica se slaže."}}},
}

// demoCasesTx loads the fictitious cases, and the first version of each plan that has goals;
// every row has a fixed id, so loading twice changes nothing.
func demoCasesTx(tx *gorm.DB, now time.Time, snapshot PlanSnapshot) error {
	var err error
	exec := func(sql string, args ...any) {
		if err == nil {
			err = tx.Exec(sql, args...).Error
		}
	}
	day := func(n int) time.Time { return now.Add(-time.Duration(n) * 24 * time.Hour) }
	for _, c := range demoCases {
		caseID, personID, lead := ID("case/"+c.key), ID("person/"+c.key), ID("user/"+c.lead)
		created := day(c.daysAgo)
		exec(`INSERT INTO people (id, first_name, last_name, jmbg, date_of_birth, sex, created_by, created_at)
			VALUES (?, ?, ?, NULLIF(?, ''), ?::date, ?, ?, ?) ON CONFLICT DO NOTHING`, personID, c.first, c.last, c.jmbg, c.dob, c.sex, lead, created)
		exec(`INSERT INTO cases (id, title, category, status, risk_level, team_id, lead_id, subject_id, created_at)
			VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, caseID, c.title, c.category, c.risk, ID("team/"+c.team), lead, personID, created)
		exec(`INSERT INTO case_people (case_id, person_id, relation, added_at) VALUES (?, ?, 'subject', ?) ON CONFLICT DO NOTHING`, caseID, personID, created)
		for _, m := range append([]string{c.lead}, c.members...) {
			exec(`INSERT INTO case_members (case_id, user_id, basis, added_by, added_at) VALUES (?, ?, 'membership', ?, ?) ON CONFLICT DO NOTHING`,
				caseID, ID("user/"+m), lead, created)
		}
		exec(`INSERT INTO case_history (case_id, actor_id, action, at) SELECT ?, ?, 'case.create', ? WHERE NOT EXISTS (SELECT 1 FROM case_history WHERE case_id = ?)`,
			caseID, lead, created, caseID)
		for i, e := range c.entries {
			exec(`INSERT INTO entries (id, case_id, author_id, body, sensitivity, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
				ID(fmt.Sprintf("entry/%s/%d", c.key, i)), caseID, ID("user/"+e.author), e.body, e.sensitivity, created.Add(time.Duration(i+1)*time.Hour))
		}
		for i, m := range c.messages {
			id := ID(fmt.Sprintf("message/%s/%d", c.key, i))
			at := now.Add(-time.Duration(len(c.messages)-i) * 17 * time.Minute)
			exec(`INSERT INTO messages (id, case_id, seq, author_id, body, sensitivity, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
				id, caseID, i+1, ID("user/"+m.author), m.body, m.sensitivity, at)
			exec(`INSERT INTO message_versions (message_id, version, body, actor_id, action, at) VALUES (?, 1, ?, ?, 'create', ?) ON CONFLICT DO NOTHING`,
				id, m.body, ID("user/"+m.author), at)
		}
		for i, g := range c.goals {
			exec(`INSERT INTO plan_goals (id, case_id, title, created_by, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
				ID(fmt.Sprintf("goal/%s/%d", c.key, i)), caseID, g, lead, created.Add(time.Duration(i+1)*time.Minute))
		}
		if len(c.goals) > 0 && err == nil {
			var versions int64
			if err = tx.Raw(`SELECT count(*) FROM plan_versions WHERE case_id = ?`, caseID).Scan(&versions).Error; err == nil && versions == 0 {
				err = snapshot(tx, caseID, lead, created.Add(time.Duration(len(c.goals)+1)*time.Minute))
			}
		}
		for i, t := range c.tasks {
			exec(`INSERT INTO tasks (id, case_id, title, assignee_id, due_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
				ID(fmt.Sprintf("task/%s/%d", c.key, i)), caseID, t.title, ID("user/"+t.assignee), now.Add(time.Duration(t.dueInDays)*24*time.Hour), lead, created)
		}
	}
	// One referral waiting for an answer: CSR Kikinda asks the health centre about Milena
	// Stanković (demo.nurse sees it in Incoming, without the case until she accepts).
	ref, at := ID("referral/stankovic"), now.Add(-26*time.Hour)
	exec(`INSERT INTO referrals (id, case_id, from_agency_id, to_agency_id, requested_by, reason, summary, urgency, respond_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, 'urgent', ?, ?, ?) ON CONFLICT DO NOTHING`, ref, ID("case/stankovic"), ID("agency/csr-kikinda"),
		ID("agency/dz-kikinda"), ID("user/demo.lead"), "Procena zdravstvenog stanja pre odluke o jednokratnoj pomoći.",
		"Žena, 38 godina, živi sama; navodi hronične bolove i da ne može da radi.", at.Add(3*24*time.Hour), at, at)
	exec(`INSERT INTO referral_events (referral_id, seq, action, to_status, actor_id, at) VALUES (?, 1, 'request', 'requested', ?, ?) ON CONFLICT DO NOTHING`,
		ref, ID("user/demo.lead"), at)
	if err == nil {
		err = demoCoordinationTx(tx, now)
	}
	return err
}

// demoCoordinationTx loads the Kikinda coordination group's meetings (one held 10 days ago,
// its minutes closed; the next in 4 days, with its agenda) and an urgent measure on the Babić
// case whose proposal deadline is a few hours away.
func demoCoordinationTx(tx *gorm.DB, now time.Time) error {
	var err error
	exec := func(sql string, args ...any) {
		if err == nil {
			err = tx.Exec(sql, args...).Error
		}
	}
	police, social, chair := ID("user/demo.police"), ID("user/demo.social"), ID("user/demo.prosecutor")
	served := now.Add(-19 * time.Hour).Truncate(time.Minute)
	measure := ID("measure/babic")
	exec(`INSERT INTO urgent_measures (id, case_id, kind, order_number, status, issued_at, served_at, expires_at, proposal_due_at, created_by, created_at, updated_at)
		VALUES (?, ?, 'removal_from_home', 'PU-KI 312/26', 'active', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		measure, ID("case/babic"), served.Add(-50*time.Minute), served, served.Add(48*time.Hour), served.Add(24*time.Hour), police, served, served)
	exec(`INSERT INTO urgent_measure_events (measure_id, seq, action, occurred_at, actor_id, recorded_at) VALUES (?, 1, 'issue', ?, ?, ?), (?, 2, 'serve', ?, ?, ?)
		ON CONFLICT DO NOTHING`, measure, served.Add(-50*time.Minute), police, served, measure, served, police, served.Add(time.Minute))

	group := ID("group/kikinda")
	belgrade, lerr := time.LoadLocation("Europe/Belgrade")
	if lerr != nil {
		return lerr
	}
	at10 := func(t time.Time) time.Time { // 10:00 in Kikinda that day
		l := t.In(belgrade)
		return time.Date(l.Year(), l.Month(), l.Day(), 10, 0, 0, 0, belgrade).UTC()
	}
	held := at10(now.AddDate(0, 0, -10))
	past, next := ID("meeting/kikinda/past"), ID("meeting/kikinda/next")
	exec(`INSERT INTO meetings (id, group_id, starts_at, location, status, minutes, created_by, created_at, opened_at, closed_at, closed_by)
		VALUES (?, ?, ?, 'OJT Kikinda, sala 2', 'closed', ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, past, group, held,
		"Razmotren slučaj porodice Jović. Policija dostavlja procenu rizika; CSR prati smeštaj kod majke. Sledeći sastanak za dve nedelje.",
		chair, held.AddDate(0, 0, -7), held, held.Add(90*time.Minute), chair)
	item := ID("meeting-item/kikinda/past/jovic")
	exec(`INSERT INTO meeting_items (id, meeting_id, case_id, section, position, created_at) VALUES (?, ?, ?, 'new', 1, ?) ON CONFLICT DO NOTHING`,
		item, past, ID("case/jovic"), held.AddDate(0, 0, -7))
	for _, u := range []string{chair, police, social} {
		exec(`INSERT INTO meeting_attendance (meeting_id, user_id, presence, confidentiality_acknowledged_at, recorded_by, recorded_at)
			VALUES (?, ?, 'present', ?, ?, ?) ON CONFLICT DO NOTHING`, past, u, held.Add(5*time.Minute), chair, held.Add(2*time.Minute))
	}
	exec(`INSERT INTO meeting_records (id, meeting_id, item_id, kind, body, author_id, created_at) VALUES
		(?, ?, ?, 'note', 'Mera udaljenja istekla; nije bilo predloga za produženje.', ?, ?),
		(?, ?, ?, 'decision', 'Slučaj ostaje pod praćenjem; policija radi novu procenu rizika.', ?, ?) ON CONFLICT DO NOTHING`,
		ID("meeting-record/past/1"), past, item, chair, held.Add(20*time.Minute), ID("meeting-record/past/2"), past, item, chair, held.Add(30*time.Minute))
	exec(`INSERT INTO meeting_actions (id, meeting_id, item_id, case_id, title, agency_id, assignee_id, due_at, created_by, created_at)
		VALUES (?, ?, ?, ?, 'Nova procena rizika u porodici Jović', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		ID("meeting-action/past/1"), past, item, ID("case/jovic"), ID("agency/ps-kikinda"), police, now.Add(48*time.Hour), chair, held.Add(35*time.Minute))
	exec(`INSERT INTO case_reviews (case_id, meeting_id, reviewed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, ID("case/jovic"), past, held.Add(90*time.Minute))

	// Marina Babić's protection and support plan, drafted and complete: the group adopts it at
	// the next meeting.
	plan := ID("protection-plan/babic")
	exec(`INSERT INTO protection_plans (id, case_id, victim_id, status, participation, monitoring, version, created_by, created_at, updated_at)
		VALUES (?, ?, ?, 'draft', 'took_part', ?, 1, ?, ?, ?) ON CONFLICT DO NOTHING`, plan, ID("case/babic"), ID("person/babic"),
		"CSR i policija izveštavaju grupu na svakom sastanku; plan se procenjuje posle 30 dana.", social, served, served)
	exec(`INSERT INTO protection_plan_measures (id, plan_id, kind, description, executor_agency_id, executor_user_id, due_at, position, created_at) VALUES
		(?, ?, 'protection', 'Policijski obilazak adrese dva puta nedeljno', ?, ?, ?, 1, ?),
		(?, ?, 'support', 'Savetovanje i pomoć pri smeštaju za Marinu i decu', ?, ?, ?, 2, ?) ON CONFLICT DO NOTHING`,
		ID("protection-measure/babic/1"), plan, ID("agency/ps-kikinda"), police, now.AddDate(0, 0, 14), served,
		ID("protection-measure/babic/2"), plan, ID("agency/csr-kikinda"), social, now.AddDate(0, 0, 10), served)
	planMeasure := func(id, kind, desc, agency, user string, due time.Time) map[string]any {
		return map[string]any{"id": ID(id), "kind": kind, "description": desc, "executor_agency_id": ID(agency), "executor_user_id": user,
			"due_at": due.UTC(), "status": "planned", "task_id": nil}
	}
	snapshot, jerr := json.Marshal(map[string]any{"id": plan, "case_id": ID("case/babic"), "victim_id": ID("person/babic"), "victim_name": "Marina Babić",
		"status": "draft", "participation": "took_part", "monitoring": "CSR i policija izveštavaju grupu na svakom sastanku; plan se procenjuje posle 30 dana.",
		"version": 1, "adopted_at": nil, "adopted_in": nil, "adopted_version": nil, "created_by": social, "created_at": served, "updated_at": served,
		"measures": []any{
			planMeasure("protection-measure/babic/1", "protection", "Policijski obilazak adrese dva puta nedeljno", "agency/ps-kikinda", police, now.AddDate(0, 0, 14)),
			planMeasure("protection-measure/babic/2", "support", "Savetovanje i pomoć pri smeštaju za Marinu i decu", "agency/csr-kikinda", social, now.AddDate(0, 0, 10)),
		}})
	if jerr != nil {
		return jerr
	}
	exec(`INSERT INTO protection_plan_versions (plan_id, version, snapshot, actor_id, at) VALUES (?, 1, ?, ?, ?) ON CONFLICT DO NOTHING`,
		plan, string(snapshot), social, served)

	upcoming := at10(now.AddDate(0, 0, 4))
	exec(`INSERT INTO meetings (id, group_id, starts_at, location, status, created_by, created_at) VALUES (?, ?, ?, 'OJT Kikinda, sala 2', 'planned', ?, ?)
		ON CONFLICT DO NOTHING`, next, group, upcoming, chair, held.Add(2*time.Hour))
	exec(`INSERT INTO meeting_items (id, meeting_id, case_id, section, position, created_at) VALUES
		(?, ?, ?, 'new', 1, ?), (?, ?, ?, 'ongoing', 1, ?) ON CONFLICT DO NOTHING`,
		ID("meeting-item/kikinda/next/babic"), next, ID("case/babic"), held.Add(2*time.Hour),
		ID("meeting-item/kikinda/next/jovic"), next, ID("case/jovic"), held.Add(2*time.Hour))
	return err
}
