package httpapi

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/cases"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

func (s *Server) registerAttachments() {
	s.perm("GET", APIPrefix+"/cases/:id/attachments", "cases", "read", s.listAttachments)
	s.perm("POST", APIPrefix+"/cases/:id/attachments", "cases", "write", s.addAttachment)
	s.perm("GET", APIPrefix+"/attachments/:id", "cases", "read", s.downloadAttachment)
}

func (s *Server) listAttachments(c *fiber.Ctx) error {
	items, err := s.Cases.Attachments(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

// addAttachment takes multipart/form-data: file, sensitivity, entry_id (optional).
func (s *Server) addAttachment(c *fiber.Ctx) error {
	fh, err := c.FormFile("file")
	if err != nil {
		return platform.Invalid(platform.FieldError{Field: "file", Message: "Send the file as multipart/form-data in the field \"file\"."})
	}
	if fh.Size > int64(s.Config.AttachmentMaxBytes) {
		return platform.Errorf(platform.ETOOLARGE, "The file is larger than %d MB.", s.Config.AttachmentMaxBytes>>20)
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	content, err := io.ReadAll(io.LimitReader(f, int64(s.Config.AttachmentMaxBytes)+1))
	if err != nil {
		return err
	}
	if len(content) > s.Config.AttachmentMaxBytes {
		return platform.Errorf(platform.ETOOLARGE, "The file is larger than %d MB.", s.Config.AttachmentMaxBytes>>20)
	}
	a, err := s.Cases.AddAttachment(c.UserContext(), principal(c), c.Params("id"), cases.NewAttachment{
		FileName: fh.Filename, Sensitivity: c.FormValue("sensitivity"), EntryID: c.FormValue("entry_id"), Content: content,
	})
	if err != nil {
		return err
	}
	return created(c, a)
}

func (s *Server) downloadAttachment(c *fiber.Ctx) error {
	a, content, err := s.Cases.Download(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, a.ContentType)
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="file"; filename*=UTF-8''%s`, url.PathEscape(a.FileName)))
	if sum, err := hex.DecodeString(a.SHA256); err == nil { // RFC 9530
		c.Set("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(sum)+":")
	}
	return c.Send(content)
}
