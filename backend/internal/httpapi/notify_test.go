package httpapi_test

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zajedno/zajedno/backend/internal/notify"
	"github.com/zajedno/zajedno/seeds"
)

// pushEndpoint is a local push service: it keeps what it receives.
type pushEndpoint struct {
	mu       sync.Mutex
	bodies   [][]byte
	headers  []http.Header
	priv     *ecdh.PrivateKey
	authKey  []byte
	server   *httptest.Server
	endpoint string
}

func newPushEndpoint(t *testing.T) *pushEndpoint {
	priv, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	p := &pushEndpoint{priv: priv, authKey: make([]byte, 16)}
	_, _ = rand.Read(p.authKey)
	p.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		p.mu.Lock()
		p.bodies, p.headers = append(p.bodies, b), append(p.headers, r.Header.Clone())
		p.mu.Unlock()
		w.WriteHeader(http.StatusCreated)
	}))
	t.Cleanup(p.server.Close)
	p.endpoint = p.server.URL + "/push/abc"
	return p
}

// decrypt opens an aes128gcm Web Push message (RFC 8291 / RFC 8188) as the browser would.
func (p *pushEndpoint) decrypt(t *testing.T, body []byte) string {
	t.Helper()
	salt, rs, idlen := body[:16], binary.BigEndian.Uint32(body[16:20]), int(body[20])
	_ = rs
	serverPub := body[21 : 21+idlen]
	ciphertext := body[21+idlen:]
	sp, err := ecdh.P256().NewPublicKey(serverPub)
	if err != nil {
		t.Fatal(err)
	}
	shared, err := p.priv.ECDH(sp)
	if err != nil {
		t.Fatal(err)
	}
	info := append(append([]byte("WebPush: info\x00"), p.priv.PublicKey().Bytes()...), serverPub...)
	prkKey, _ := hkdf.Extract(sha256.New, shared, p.authKey)
	ikm, _ := hkdf.Expand(sha256.New, prkKey, string(info), 32)
	prk, _ := hkdf.Extract(sha256.New, ikm, salt)
	cek, _ := hkdf.Expand(sha256.New, prk, "Content-Encoding: aes128gcm\x00", 16)
	nonce, _ := hkdf.Expand(sha256.New, prk, "Content-Encoding: nonce\x00", 12)
	block, _ := aes.NewCipher(cek)
	gcm, _ := cipher.NewGCM(block)
	plain, err := gcm.Open(nil, nonce, ciphertext, nil)
	if err != nil {
		t.Fatalf("decrypt: %v", err)
	}
	end := strings.LastIndexByte(string(plain), 2) // the padding delimiter
	return string(plain[:end])
}

func TestNotifications(t *testing.T) {
	h := newHarness(t)
	nurse := h.demo("demo.nurse")
	t.Run("Prefs", func(t *testing.T) {
		var p notify.Prefs
		h.req("GET", "/api/v1/me/notifications", nurse, nil).json(t, &p)
		if !p.EmailEnabled || !p.PushEnabled || p.TimeZone != "Europe/Belgrade" {
			t.Fatalf("defaults %+v", p)
		}
		for name, tc := range map[string]struct {
			body  map[string]any
			field string
		}{
			"Email":    {map[string]any{"email": "not-an-address"}, "email"},
			"Quiet":    {map[string]any{"quiet_from": "25:00", "quiet_to": "07:00"}, "quiet_from"},
			"HalfOnly": {map[string]any{"quiet_from": "22:00"}, "quiet_to"},
			"TimeZone": {map[string]any{"time_zone": "Mars/Olympus"}, "time_zone"},
		} {
			t.Run(name, func(t *testing.T) {
				expectProblem(t, h.req("PUT", "/api/v1/me/notifications", nurse, tc.body), 422, "validation", tc.field)
			})
		}
		if h.count("notification_prefs") != 0 {
			t.Fatal("refused preferences were stored")
		}
		r := h.req("PUT", "/api/v1/me/notifications", nurse, map[string]any{"email": "jelena@dz-kikinda.rs", "email_enabled": true, "push_enabled": true})
		expectStatus(t, r, 200)
		// The settings hold an email address: reading and changing them are audited.
		me := seeds.ID("user/demo.nurse")
		if h.auditCount("action = 'notify.prefs_read' AND actor_id = ? AND basis = 'self'", me) != 1 ||
			h.auditCount("action = 'notify.prefs_change' AND actor_id = ?", me) != 1 {
			t.Fatal("the settings' read and change are not audited")
		}
	})
	push := newPushEndpoint(t)
	b64 := base64.RawURLEncoding.EncodeToString
	r := h.req("POST", "/api/v1/me/push-subscriptions", nurse, map[string]any{"endpoint": push.endpoint,
		"keys": map[string]string{"p256dh": b64(push.priv.PublicKey().Bytes()), "auth": b64(push.authKey)}})
	expectStatus(t, r, 201)
	expectProblem(t, h.req("POST", "/api/v1/me/push-subscriptions", nurse, map[string]any{"endpoint": "ftp://x", "keys": map[string]string{}}), 422, "validation", "endpoint")
	var key struct {
		PublicKey string `json:"public_key"`
	}
	h.req("GET", "/api/v1/push/public-key", nurse, nil).json(t, &key)
	if len(key.PublicKey) < 80 {
		t.Fatalf("VAPID public key %q", key.PublicKey)
	}

	// An alert for the nurse: a mention in a case chat.
	social := h.demo("demo.social")
	c := h.chatCase(social)
	h.post(social, c.ID, map[string]any{"body": "@Jelena Marković ima temperaturu", "mentions": []string{seeds.ID("user/demo.nurse")}})
	var alertID string
	h.db.Raw(`SELECT id FROM alerts WHERE user_id = ? AND kind = 'mention'`, seeds.ID("user/demo.nurse")).Scan(&alertID)
	if _, err := h.srv.Notify.Deliver(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Run("PushCarriesOnlyTheAlertID", func(t *testing.T) {
		push.mu.Lock()
		defer push.mu.Unlock()
		if len(push.bodies) != 1 {
			t.Fatalf("%d push messages", len(push.bodies))
		}
		if got := push.decrypt(t, push.bodies[0]); got != `{"alert_id":"`+alertID+`"}` {
			t.Fatalf("push payload %q", got)
		}
		if !strings.HasPrefix(push.headers[0].Get("Authorization"), "vapid t=") || push.headers[0].Get("Ttl") == "" {
			t.Fatalf("push headers %v", push.headers[0])
		}
	})
	t.Run("EmailToTheDevMailbox", func(t *testing.T) {
		var l struct{ Items []notify.Mail }
		h.req("GET", "/api/v1/me/mailbox", nurse, nil).json(t, &l)
		if len(l.Items) != 1 || l.Items[0].To != "jelena@dz-kikinda.rs" || !strings.Contains(l.Items[0].Body, "/alerts/"+alertID) {
			t.Fatalf("mailbox %+v", l.Items)
		}
		if strings.Contains(l.Items[0].Body, "temperaturu") || strings.Contains(l.Items[0].Body, "Razgovor") {
			t.Fatalf("the email carries personal data: %q", l.Items[0].Body)
		}
	})
	t.Run("AuditedSubscriptionAndMailbox", func(t *testing.T) {
		me := seeds.ID("user/demo.nurse")
		if h.auditCount("action = 'notify.push_subscribe' AND actor_id = ?", me) != 1 || h.auditCount("action = 'notify.mailbox_read' AND actor_id = ?", me) != 1 {
			t.Fatal("subscribing or reading the mailbox is not audited")
		}
		expectProblem(t, h.req("DELETE", "/api/v1/me/push-subscriptions/"+seeds.ID("sub/none"), h.demo("demo.nurse"), nil), 404, "not_found")
		if h.auditCount("action = 'notify.push_unsubscribe'") != 0 {
			t.Fatal("a refused unsubscription was audited as done")
		}
	})
	t.Run("QuietHoursExceptUrgent", func(t *testing.T) {
		loc, _ := time.LoadLocation("Europe/Belgrade")
		now := h.clock.Now().In(loc)
		from, to := now.Add(-time.Hour).Format("15:04"), now.Add(time.Hour).Format("15:04")
		expectStatus(t, h.req("PUT", "/api/v1/me/notifications", h.demo("demo.nurse"), map[string]any{"email": "jelena@dz-kikinda.rs",
			"email_enabled": true, "push_enabled": true, "quiet_from": from, "quiet_to": to}), 200)
		h.post(h.demo("demo.social"), c.ID, map[string]any{"body": "@Jelena opet", "mentions": []string{seeds.ID("user/demo.nurse")}})
		if _, err := h.srv.Notify.Deliver(context.Background()); err != nil {
			t.Fatal(err)
		}
		if h.count("notification_deliveries WHERE outcome = 'quiet_hours'") != 2 {
			t.Fatal("a non-urgent alert was sent during quiet hours")
		}
		push.mu.Lock()
		n := len(push.bodies)
		push.mu.Unlock()
		if n != 1 {
			t.Fatal("a push went out during quiet hours")
		}
	})
	t.Run("FailureDetailAndDeactivated", func(t *testing.T) {
		// The police liaison's browser: its push service refuses the message (400).
		refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusBadRequest) }))
		defer refusing.Close()
		police := h.demo("demo.police")
		expectStatus(t, h.req("POST", "/api/v1/me/push-subscriptions", police, map[string]any{"endpoint": refusing.URL + "/push/x",
			"keys": map[string]string{"p256dh": b64(push.priv.PublicKey().Bytes()), "auth": b64(push.authKey)}}), 201)
		h.post(h.demo("demo.social"), c.ID, map[string]any{"body": "@Milan pogledaj", "mentions": []string{seeds.ID("user/demo.police")}})
		if _, err := h.srv.Notify.Deliver(context.Background()); err != nil {
			t.Fatal(err)
		}
		var detail string
		h.db.Raw(`SELECT d.detail FROM notification_deliveries d JOIN alerts a ON a.id = d.alert_id
			WHERE a.user_id = ? AND d.channel = 'push' AND d.outcome = 'failed'`, seeds.ID("user/demo.police")).Scan(&detail)
		if detail != "0 of 1 subscriptions; push service: HTTP 400" {
			t.Fatalf("failure detail %q", detail)
		}
		// A deactivated account's alert is logged as off and goes nowhere.
		h.post(h.demo("demo.social"), c.ID, map[string]any{"body": "@Jelena još jednom", "mentions": []string{seeds.ID("user/demo.nurse")}})
		expectStatus(t, h.req("POST", "/api/v1/users/"+seeds.ID("user/demo.nurse")+"/deactivate", h.demo("demo.admin"), nil), 200)
		push.mu.Lock()
		before := len(push.bodies)
		push.mu.Unlock()
		if _, err := h.srv.Notify.Deliver(context.Background()); err != nil {
			t.Fatal(err)
		}
		push.mu.Lock()
		after := len(push.bodies)
		push.mu.Unlock()
		if after != before || h.count("notification_deliveries WHERE detail = 'account deactivated'") != 2 {
			t.Fatalf("a deactivated account was notified: %d push, %d logged off", after-before, h.count("notification_deliveries WHERE detail = 'account deactivated'"))
		}
	})
}
