package httpapi

import (
	"bytes"
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
func decode(c *fiber.Ctx, dst any) error { return decodeJSON(c.Body(), dst) }

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
