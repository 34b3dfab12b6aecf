package httpapi_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"mime/multipart"
	"strings"
	"testing"

	"github.com/zajedno/zajedno/backend/internal/config"
	"github.com/zajedno/zajedno/seeds"
)

func multipartBody(t *testing.T, name string, content []byte, fields map[string]string) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	fw, err := w.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(content)
	_ = w.Close()
	return buf.Bytes(), w.FormDataContentType()
}

var pngBytes = append([]byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'}, bytes.Repeat([]byte{1}, 200)...)

func TestAttachments(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.AttachmentMaxBytes = 4096 })
	social, nurse := h.demo("demo.social"), h.demo("demo.nurse")
	c := h.createCase(social, newCaseBody("Prilozi", "Sava", "Savić", ""))
	h.req("POST", "/api/v1/cases/"+c.ID+"/members", social, map[string]string{"user_id": seeds.ID("user/demo.nurse")})
	upload := func(tok, name string, content []byte, sens string) response {
		body, ct := multipartBody(t, name, content, map[string]string{"sensitivity": sens})
		return h.req("POST", "/api/v1/cases/"+c.ID+"/attachments", tok, body, "Content-Type", ct)
	}
	r := upload(social, "../../etc/nalaz.png", pngBytes, "social")
	expectStatus(t, r, 201)
	var a struct {
		ID          string `json:"id"`
		FileName    string `json:"file_name"`
		ContentType string `json:"content_type"`
		SHA256      string `json:"sha256"`
		SizeBytes   int64  `json:"size_bytes"`
	}
	r.json(t, &a)
	sum := sha256.Sum256(pngBytes)
	if a.ContentType != "image/png" || a.SHA256 != hex.EncodeToString(sum[:]) || a.FileName != "nalaz.png" || a.SizeBytes != int64(len(pngBytes)) {
		t.Fatalf("attachment %+v", a)
	}
	// A disguised file (HTML named .png) and an empty one are refused, naming the field.
	expectProblem(t, upload(social, "photo.png", []byte("<html><script>alert(1)</script></html>"), "general"), 422, "validation", "file")
	expectProblem(t, upload(social, "empty.pdf", nil, "general"), 422, "validation", "file")
	expectProblem(t, upload(nurse, "x.png", pngBytes, "social"), 422, "validation", "sensitivity")
	expectProblem(t, upload(social, "big.png", append(pngBytes, make([]byte, 5000)...), "general"), 413, "payload_too_large")
	expectProblem(t, upload(h.demo("demo.police"), "x.png", pngBytes, "general"), 404, "not_found")
	if h.count("attachments") != 1 {
		t.Fatal("a refused file was stored")
	}
	// Download: the bytes as stored, for readers of its sensitivity only; audited.
	r = h.req("GET", "/api/v1/attachments/"+a.ID, social, nil)
	expectStatus(t, r, 200)
	if !bytes.Equal(r.body, pngBytes) || r.header.Get("Content-Type") != "image/png" || !strings.HasPrefix(r.header.Get("Content-Disposition"), "attachment;") {
		t.Fatalf("download: %v %d bytes", r.header, len(r.body))
	}
	if h.auditCount("action = 'attachment.read' AND resource_id = ?", a.ID) != 1 {
		t.Fatal("the download is not audited")
	}
	expectProblem(t, h.req("GET", "/api/v1/attachments/"+a.ID, nurse, nil), 404, "not_found")
	var l struct{ Items []any }
	h.req("GET", "/api/v1/cases/"+c.ID+"/attachments", nurse, nil).json(t, &l)
	if len(l.Items) != 0 {
		t.Fatal("the nurse lists a social file")
	}
	h.req("GET", "/api/v1/cases/"+c.ID+"/attachments", social, nil).json(t, &l)
	if len(l.Items) != 1 {
		t.Fatal("the uploader does not list the file")
	}
	// JSON bodies keep the general limit even though uploads may be larger.
	h2 := newHarness(t, func(c *config.Config) { c.BodyLimit = 1024 })
	expectProblem(t, h2.req("PATCH", "/api/v1/me", h2.demo("demo.nurse"), `{"language":"`+strings.Repeat("x", 2000)+`"}`), 413, "payload_too_large")
	// Only the upload route takes the larger limit: a multipart body to any other route keeps the general one.
	big, ct := multipartBody(t, "x.pdf", append([]byte("%PDF-1.4\n"), make([]byte, 4000)...), map[string]string{"sensitivity": "general"})
	expectProblem(t, h2.req("POST", "/api/v1/cases/"+seeds.ID("case/markovic")+"/entries", h2.demo("demo.social"), big, "Content-Type", ct), 413, "payload_too_large")
}
