package httpapi

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/accounts"
	"github.com/zajedno/zajedno/backend/internal/authz"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// decode reads a JSON body strictly: malformed JSON, trailing data and unknown fields are
// 400; a value of the wrong type is 422 naming the field. null means absent.
// A body must be declared as JSON: a cross-site form (text/plain) cannot then post one,
// which closes login CSRF.
func decode(c *fiber.Ctx, dst any) error {
	if len(bytes.TrimSpace(c.Body())) > 0 && !isJSON(c.Get(fiber.HeaderContentType)) {
		return platform.Errorf(platform.EMEDIATYPE, "Send the body as JSON with Content-Type: application/json.")
	}
	return decodeJSON(c.Body(), dst)
}

func isJSON(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	return mt == "application/json" || (strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
}

// decodeJSON is decode on a body: nil, or an EBADREQUEST or EINVALID platform error.
func decodeJSON(raw []byte, dst any) error {
	body := bytes.TrimSpace(raw)
	if len(body) == 0 {
		return platform.Errorf(platform.EBADREQUEST, "The request needs a JSON body.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var typeErr *json.UnmarshalTypeError
		var syntaxErr *json.SyntaxError
		switch {
		case errors.As(err, &typeErr) && typeErr.Field != "":
			return platform.Invalid(platform.FieldError{Field: typeErr.Field, Message: "must be a " + jsonKind(typeErr.Type.Kind().String()) + "."})
		case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
			return platform.Errorf(platform.EBADREQUEST, "The body is not valid JSON.")
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return &platform.Error{Code: platform.EBADREQUEST, Message: "Unknown field " + strconv.Quote(field) + ".",
				Fields: []platform.FieldError{{Field: field, Message: "is not a field of this request"}}}
		default:
			return platform.Errorf(platform.EBADREQUEST, "The body is not a JSON object of the expected shape.")
		}
	}
	if dec.More() {
		return platform.Errorf(platform.EBADREQUEST, "The body holds more than one JSON value.")
	}
	return nil
}

func jsonKind(k string) string {
	switch k {
	case "string":
		return "string"
	case "bool":
		return "boolean (true or false)"
	case "slice", "array":
		return "list"
	case "struct", "map":
		return "JSON object"
	default:
		return "number"
	}
}

// page reads ?limit= (default 50, 1 to 200) and ?cursor=.
func page(c *fiber.Ctx) (int, string, error) {
	limit := 50
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			return 0, "", platform.Invalid(platform.FieldError{Field: "limit", Message: "must be a whole number from 1 to 200"})
		}
		limit = n
	}
	return limit, c.Query("cursor"), nil
}

// list is the shape of every list answer.
type list[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

func listOf[T any](items []T, next string) list[T] {
	if items == nil {
		items = []T{}
	}
	l := list[T]{Items: items}
	if next != "" {
		l.NextCursor = &next
	}
	return l
}

// pageOf pages a short list that is read whole (agencies, teams, a user's sessions) with the
// same ?limit= and ?cursor= as every other list; its cursor is an opaque position.
func pageOf[T any](c *fiber.Ctx, items []T) (list[T], error) {
	limit, cursor, err := page(c)
	if err != nil {
		return list[T]{}, err
	}
	start := 0
	if cursor != "" {
		b, err := base64.RawURLEncoding.DecodeString(cursor)
		n, convErr := strconv.Atoi(strings.TrimPrefix(string(b), "at:"))
		if err != nil || convErr != nil || !strings.HasPrefix(string(b), "at:") || n < 0 || n > len(items) {
			return list[T]{}, platform.Invalid(platform.FieldError{Field: "cursor", Message: "is not a cursor this server gave"})
		}
		start = n
	}
	end := min(start+limit, len(items))
	next := ""
	if end < len(items) {
		next = base64.RawURLEncoding.EncodeToString([]byte("at:" + strconv.Itoa(end)))
	}
	return listOf(items[start:end], next), nil
}

// sendPage answers with one page of a short list.
func sendPage[T any](c *fiber.Ctx, items []T) error {
	l, err := pageOf(c, items)
	if err != nil {
		return err
	}
	return c.JSON(l)
}

const localIdentity = "zajedno.identity"

// identity is the authenticated caller's account and session.
func identity(c *fiber.Ctx) accounts.Identity {
	id, _ := c.Locals(localIdentity).(accounts.Identity)
	return id
}

// principal is the authenticated caller, as authz sees it.
func principal(c *fiber.Ctx) *authz.Principal { return authz.PrincipalFrom(c.UserContext()) }

// created answers 201 with v.
func created(c *fiber.Ctx, v any) error { return c.Status(fiber.StatusCreated).JSON(v) }
