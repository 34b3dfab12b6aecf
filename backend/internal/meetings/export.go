package meetings

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/go-pdf/fpdf"
	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

//go:embed fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf
var fonts embed.FS

// words are the minutes' own texts in each script (official documents render in the chosen
// script; Cyrillic is the official one and the default).
var words = map[string]map[string]string{
	"cyrl": {"title": "ЗАПИСНИК", "meeting": "са састанка групе за координацију и сарадњу", "when": "Време", "where": "Место",
		"present": "Присутни", "apologies": "Оправдано одсутни", "agenda": "Дневни ред", "new": "Нови случајеви", "ongoing": "Текући случајеви",
		"court": "Случајеви за убрзање судског поступка", "other": "Остало", "note": "Белешка", "decision": "Одлука", "action": "Задатак",
		"due": "рок", "minutes": "Записник", "addenda": "Допуне записника", "repeat": "поновљено насиље", "closed": "Записник закључен",
		"reviewed": "Преглед ранијих задатака", "done": "извршено", "circumstances_changed": "промењене околности", "not_carried_out": "није извршено",
		"confidentiality": "потврдио/ла поверљивост"},
	"latn": {"title": "ZAPISNIK", "meeting": "sa sastanka grupe za koordinaciju i saradnju", "when": "Vreme", "where": "Mesto",
		"present": "Prisutni", "apologies": "Opravdano odsutni", "agenda": "Dnevni red", "new": "Novi slučajevi", "ongoing": "Tekući slučajevi",
		"court": "Slučajevi za ubrzanje sudskog postupka", "other": "Ostalo", "note": "Beleška", "decision": "Odluka", "action": "Zadatak",
		"due": "rok", "minutes": "Zapisnik", "addenda": "Dopune zapisnika", "repeat": "ponovljeno nasilje", "closed": "Zapisnik zaključen",
		"reviewed": "Pregled ranijih zadataka", "done": "izvršeno", "circumstances_changed": "promenjene okolnosti", "not_carried_out": "nije izvršeno",
		"confidentiality": "potvrdio/la poverljivost"},
}

// MinutesPDF renders the closed meeting's minutes, with its agenda, attendance, records,
// actions and addenda, as a PDF in the given script ("cyrl", the default, or "latn"): what
// was written in Latin is transliterated to Cyrillic, and the other way round. The export is
// audited. ENOTFOUND; ECONFLICT before the meeting is closed; EINVALID naming script.
func (s *Service) MinutesPDF(ctx context.Context, p *authz.Principal, id, script string) ([]byte, string, error) {
	if script == "" {
		script = "cyrl"
	}
	if script != "cyrl" && script != "latn" {
		return nil, "", platform.Invalid(platform.FieldError{Field: "script", Message: "Choose cyrl or latn."})
	}
	db := s.db.WithContext(ctx)
	m, _, err := s.meeting(db, id, p.UserID, false)
	if err != nil {
		return nil, "", err
	}
	if m.Status != "closed" {
		return nil, "", platform.Errorf(platform.ECONFLICT, "The minutes are exported once the meeting is closed.")
	}
	d, err := detail(db, m, s.clock.Now())
	if err != nil {
		return nil, "", err
	}
	b, err := renderMinutes(d, script)
	if err != nil {
		return nil, "", err
	}
	name := "zapisnik-" + m.StartsAt.In(Zone).Format("2006-01-02") + ".pdf"
	return b, name, s.audit.Record(ctx, audit.Event{ActorID: p.UserID, Action: "meeting.minutes_export", ResourceType: "meeting", ResourceID: id,
		Basis: audit.BasisCoordinationGroup})
}

func renderMinutes(d Detail, script string) ([]byte, error) {
	w := words[script]
	t := func(s string) string {
		if script == "cyrl" {
			return ToCyrillic(s)
		}
		return ToLatin(s)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	for _, f := range []struct{ style, file string }{{"", "fonts/DejaVuSans.ttf"}, {"B", "fonts/DejaVuSans-Bold.ttf"}} {
		b, err := fonts.ReadFile(f.file)
		if err != nil {
			return nil, err
		}
		pdf.AddUTF8FontFromBytes("DejaVu", f.style, b)
	}
	pdf.SetTitle(w["title"]+" "+d.StartsAt.In(Zone).Format("02.01.2006"), true)
	pdf.SetCreator("Zajedno", true)
	pdf.SetMargins(20, 20, 20)
	pdf.SetAutoPageBreak(true, 20)
	pdf.AliasNbPages("")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont("DejaVu", "", 8)
		pdf.CellFormat(0, 10, fmt.Sprintf("%d / {nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	heading := func(s string, size float64) {
		pdf.SetFont("DejaVu", "B", size)
		pdf.MultiCell(0, size*0.55, s, "", "L", false)
		pdf.Ln(1.5)
	}
	text := func(s string) {
		pdf.SetFont("DejaVu", "", 10)
		pdf.MultiCell(0, 5, s, "", "L", false)
	}
	pdf.SetFont("DejaVu", "B", 16)
	pdf.CellFormat(0, 9, w["title"], "", 1, "C", false, 0, "")
	pdf.SetFont("DejaVu", "", 11)
	pdf.MultiCell(0, 6, w["meeting"]+" — "+t(d.GroupName), "", "C", false)
	pdf.Ln(3)
	text(w["when"] + ": " + d.StartsAt.In(Zone).Format("02.01.2006. 15:04"))
	if d.Location != "" {
		text(w["where"] + ": " + t(d.Location))
	}
	pdf.Ln(2)
	for _, presence := range []string{"present", "apologies"} {
		var names []string
		for _, a := range d.Attendance {
			if a.Presence != presence {
				continue
			}
			n := t(a.DisplayName) + " (" + t(a.AgencyName) + ")"
			if a.ConfidentialityAcknowledgedAt != nil {
				n += ", " + w["confidentiality"]
			}
			names = append(names, n)
		}
		if len(names) > 0 {
			heading(w[presence], 11)
			text(strings.Join(names, "\n"))
			pdf.Ln(2)
		}
	}
	heading(w["agenda"], 13)
	section := ""
	for i, it := range d.Items {
		if it.Section != section {
			section = it.Section
			heading(w[section], 11)
		}
		title := fmt.Sprintf("%d. %s", i+1, t(it.Title))
		if it.Repeat {
			title += " (" + w["repeat"] + ")"
		}
		pdf.SetFont("DejaVu", "B", 10)
		pdf.MultiCell(0, 5, title, "", "L", false)
		for _, r := range it.Records {
			text(w[r.Kind] + ": " + t(r.Body))
		}
		for _, a := range it.Actions {
			text(w["action"] + ": " + t(a.Title) + " — " + t(a.AgencyName) + ", " + t(a.AssigneeName) + "; " + w["due"] + " " + a.DueAt.In(Zone).Format("02.01.2006. 15:04"))
		}
		pdf.Ln(1.5)
	}
	if len(d.ActionsToReview) > 0 {
		heading(w["reviewed"], 11)
		for _, a := range d.ActionsToReview {
			outcome := "—"
			if a.Outcome != nil {
				outcome = w[*a.Outcome]
			}
			text(t(a.Title) + " (" + t(a.AgencyName) + "): " + outcome)
		}
		pdf.Ln(2)
	}
	heading(w["minutes"], 13)
	text(t(d.Minutes))
	if d.ClosedAt != nil {
		pdf.Ln(2)
		text(w["closed"] + ": " + d.ClosedAt.In(Zone).Format("02.01.2006. 15:04"))
	}
	if len(d.Addenda) > 0 {
		pdf.Ln(3)
		heading(w["addenda"], 12)
		for _, a := range d.Addenda {
			text(a.CreatedAt.In(Zone).Format("02.01.2006. 15:04") + " — " + t(a.AuthorName) + ": " + t(a.Body))
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Length is how long a meeting is shown in calendars.
const Length = 2 * time.Hour

func event(cal *ics.Calendar, m Meeting, groupName, publicURL string) {
	e := cal.AddEvent(m.ID + "@zajedno")
	e.SetDtStampTime(m.CreatedAt)
	e.SetStartAt(m.StartsAt)
	e.SetEndAt(m.StartsAt.Add(Length))
	// No case, no person: only the group, the place and a link into the app.
	e.SetSummary(groupName)
	if m.Location != "" {
		e.SetLocation(m.Location)
	}
	e.SetURL(strings.TrimRight(publicURL, "/") + "/meetings/" + m.ID)
	if m.Status == "cancelled" {
		e.SetStatus(ics.ObjectStatusCancelled)
	} else {
		e.SetStatus(ics.ObjectStatusConfirmed)
	}
}

func newCalendar() *ics.Calendar {
	cal := ics.NewCalendar()
	cal.SetMethod(ics.MethodPublish)
	cal.SetProductId("-//Zajedno//Meetings//SR")
	cal.SetName("Zajedno")
	return cal
}

// ICS is one meeting as an iCalendar file, for its group. It names the group, the time and
// the place, never a case. ENOTFOUND.
func (s *Service) ICS(ctx context.Context, p *authz.Principal, id, publicURL string) (string, error) {
	db := s.db.WithContext(ctx)
	m, _, err := s.meeting(db, id, p.UserID, false)
	if err != nil {
		return "", err
	}
	var name string
	if err := db.Raw(`SELECT name FROM coordination_groups WHERE id = ?`, m.GroupID).Scan(&name).Error; err != nil {
		return "", err
	}
	cal := newCalendar()
	event(cal, m, name, publicURL)
	return cal.Serialize(), nil
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewFeed makes (or replaces) the caller's calendar feed and returns its secret token, shown
// once; the old URL stops working.
func (s *Service) NewFeed(ctx context.Context, p *authz.Principal) (string, error) {
	token := platform.RandomToken(32)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at`,
			p.UserID, hashToken(token), s.clock.Now()).Error; err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "calendar.feed_create", ResourceType: "user", ResourceID: p.UserID, Basis: audit.BasisSelf})
	})
	return token, err
}

// RevokeFeed stops the caller's calendar feed. ENOTFOUND when there is none.
func (s *Service) RevokeFeed(ctx context.Context, p *authz.Principal) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r := tx.Exec(`DELETE FROM calendar_feeds WHERE user_id = ?`, p.UserID)
		if r.Error != nil {
			return r.Error
		}
		if r.RowsAffected == 0 {
			return platform.Errorf(platform.ENOTFOUND, "You have no calendar feed.")
		}
		return s.audit.RecordTx(ctx, tx, audit.Event{ActorID: p.UserID, Action: "calendar.feed_revoke", ResourceType: "user", ResourceID: p.UserID, Basis: audit.BasisSelf})
	})
}

// Feed is the calendar of the feed's owner: the meetings of their groups from 60 days ago on,
// and the meetings they are invited to. ENOTFOUND for an unknown or revoked token, or an
// owner no longer active.
func (s *Service) Feed(ctx context.Context, token, publicURL string) (string, error) {
	db := s.db.WithContext(ctx)
	var users []string
	if err := db.Raw(`SELECT f.user_id::text FROM calendar_feeds f JOIN users u ON u.id = f.user_id AND u.active WHERE f.token_hash = ?`,
		hashToken(token)).Scan(&users).Error; err != nil {
		return "", err
	}
	if len(users) == 0 {
		return "", platform.Errorf(platform.ENOTFOUND, "There is no calendar at this address.")
	}
	var rows []struct {
		Meeting
		GroupName string
	}
	if err := db.Raw(`SELECT m.id, m.group_id, m.starts_at, m.location, m.status, m.created_at, g.name AS group_name FROM meetings m
		JOIN coordination_groups g ON g.id = m.group_id
		WHERE m.starts_at > @from AND (g.chair_id = @u OR EXISTS (SELECT 1 FROM coordination_group_members gm WHERE gm.group_id = g.id AND gm.user_id = @u)
			OR EXISTS (SELECT 1 FROM meeting_invitations mi JOIN meeting_items i ON i.id = mi.item_id WHERE i.meeting_id = m.id AND mi.user_id = @u))
		ORDER BY m.starts_at`, map[string]any{"u": users[0], "from": s.clock.Now().AddDate(0, 0, -60)}).Scan(&rows).Error; err != nil {
		return "", err
	}
	cal := newCalendar()
	for _, r := range rows {
		utcMeeting(&r.Meeting)
		event(cal, r.Meeting, r.GroupName, publicURL)
	}
	return cal.Serialize(), nil
}
