package cases

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/gabriel-vasile/mimetype"
	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// AttachmentTypes are the file types a case accepts: documents and photos from phones.
var AttachmentTypes = []string{"application/pdf", "image/jpeg", "image/png", "image/heic", "image/heif"}

// Attachment is a file on a case's timeline, without its content.
type Attachment struct {
	ID          string    `json:"id"`
	CaseID      string    `json:"case_id"`
	EntryID     *string   `json:"entry_id"`
	UploaderID  string    `json:"uploader_id"`
	FileName    string    `json:"file_name"`
	ContentType string    `json:"content_type"`
	SizeBytes   int64     `json:"size_bytes"`
	SHA256      string    `json:"sha256" gorm:"column:sha256"`
	Sensitivity string    `json:"sensitivity"`
	CreatedAt   time.Time `json:"created_at"`
}

// NewAttachment is an uploaded file.
type NewAttachment struct {
	FileName    string
	Sensitivity string
	EntryID     string
	Content     []byte
}

const selectAttachments = `SELECT id, case_id, entry_id::text AS entry_id, uploader_id, file_name, content_type, size_bytes, sha256,
	sensitivity, created_at FROM attachments`

// cleanFileName keeps the base name, without control characters, at most 200 characters.
func cleanFileName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' {
			return -1
		}
		return r
	}, name)
	if r := []rune(strings.TrimSpace(name)); len(r) > 200 {
		name = string(r[len(r)-200:])
	}
	if name == "" || name == "." || name == "/" {
		name = "file"
	}
	return strings.TrimSpace(name)
}

// AddAttachment stores a file on the case. The type is sniffed from the content: anything but
// PDF, JPEG, PNG or HEIC/HEIF is EINVALID on "file", whatever its name or declared type.
// EINVALID names sensitivity or entry_id; ENOTFOUND when p may not see the case; EFORBIDDEN
// under emergency access. The caller enforces the size limit.
func (s *Service) AddAttachment(ctx context.Context, p *authz.Principal, caseID string, in NewAttachment) (Attachment, error) {
	var v platform.Validator
	kind := mimetype.Detect(in.Content).String()
	if i := strings.IndexByte(kind, ';'); i >= 0 {
		kind = kind[:i]
	}
	v.Check(len(in.Content) > 0, "file", "Choose a file.")
	v.Check(len(in.Content) == 0 || slices.Contains(AttachmentTypes, kind), "file", "Only PDF documents and JPEG, PNG or HEIC photos can be attached.")
	switch {
	case !slices.Contains(Sensitivities, in.Sensitivity):
		v.Add("sensitivity", "Choose general, social, health or police.")
	case !slices.Contains(s.readable(p), in.Sensitivity):
		v.Add("sensitivity", "You cannot attach a file your own role may not read.")
	}
	sum := sha256.Sum256(in.Content)
	a := Attachment{ID: platform.NewID(), CaseID: caseID, UploaderID: p.UserID, FileName: cleanFileName(in.FileName),
		ContentType: kind, SizeBytes: int64(len(in.Content)), SHA256: hex.EncodeToString(sum[:]), Sensitivity: in.Sensitivity,
		CreatedAt: s.clock.Now()}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		basis, err := s.writeAccess(tx, caseID, p)
		if err != nil {
			return err
		}
		if in.EntryID != "" {
			var n int64
			if platform.ValidID(in.EntryID) {
				if err := tx.Raw(`SELECT count(*) FROM entries WHERE id = ? AND case_id = ?`, in.EntryID, caseID).Scan(&n).Error; err != nil {
					return err
				}
			}
			v.Check(n == 1, "entry_id", "Choose an entry of this case.")
			a.EntryID = &in.EntryID
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO attachments (id, case_id, entry_id, uploader_id, file_name, content_type, size_bytes, sha256, sensitivity, content, created_at)
			VALUES (?, ?, NULLIF(?, '')::uuid, ?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, caseID, in.EntryID, p.UserID, a.FileName, a.ContentType,
			a.SizeBytes, a.SHA256, a.Sensitivity, in.Content, a.CreatedAt).Error; err != nil {
			return err
		}
		if err := s.history(tx, caseID, p.UserID, "attachment.add", a.ID); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, caseEvent(p, "attachment.create", "attachment", a.ID, caseID, basis))
	})
	return a, err
}

// Attachments lists the files of the case p may read (role and consent); audited.
func (s *Service) Attachments(ctx context.Context, p *authz.Principal, caseID string) ([]Attachment, error) {
	db := s.db.WithContext(ctx)
	basis, err := s.access(db, caseID, p)
	if err != nil {
		return nil, err
	}
	allowed, _, err := s.visibleSensitivities(db, caseID, p)
	if err != nil {
		return nil, err
	}
	out := []Attachment{}
	if len(allowed) > 0 {
		if err := db.Raw(selectAttachments+` WHERE case_id = ? AND sensitivity IN ? ORDER BY created_at, id`, caseID, allowed).Scan(&out).Error; err != nil {
			return nil, err
		}
	}
	for i := range out {
		out[i].CreatedAt = out[i].CreatedAt.UTC()
	}
	return out, s.audit.Record(ctx, caseEvent(p, "attachment.list", "case", caseID, caseID, basis))
}

// Download returns a file and its content when p may read it, after its audit row is
// committed (basis consent when only a consent lets p read it). ENOTFOUND otherwise.
func (s *Service) Download(ctx context.Context, p *authz.Principal, id string) (Attachment, []byte, error) {
	notFound := platform.Errorf(platform.ENOTFOUND, "File not found.")
	if !platform.ValidID(id) {
		return Attachment{}, nil, notFound
	}
	db := s.db.WithContext(ctx)
	var meta []Attachment
	if err := db.Raw(selectAttachments+` WHERE id = ?`, id).Scan(&meta).Error; err != nil {
		return Attachment{}, nil, err
	}
	if len(meta) == 0 {
		return Attachment{}, nil, notFound
	}
	a := meta[0]
	basis, err := s.access(db, a.CaseID, p)
	if err != nil {
		return Attachment{}, nil, notFound
	}
	allowed, viaConsent, err := s.visibleSensitivities(db, a.CaseID, p)
	if err != nil {
		return Attachment{}, nil, err
	}
	if !slices.Contains(allowed, a.Sensitivity) {
		return Attachment{}, nil, notFound
	}
	if slices.Contains(viaConsent, a.Sensitivity) {
		basis = audit.BasisConsent
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return Attachment{}, nil, err
	}
	var content []byte
	if err := sqlDB.QueryRowContext(ctx, `SELECT content FROM attachments WHERE id = $1`, id).Scan(&content); err != nil {
		return Attachment{}, nil, err
	}
	a.CreatedAt = a.CreatedAt.UTC()
	return a, content, s.audit.Record(ctx, caseEvent(p, "attachment.read", "attachment", id, a.CaseID, basis))
}
