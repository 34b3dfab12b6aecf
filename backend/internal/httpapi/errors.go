package httpapi

import (
	"errors"
	"log/slog"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/zajedno/zajedno/backend/internal/platform"
)

// statusOf is the one table from error codes to HTTP status codes.
var statusOf = map[string]int{
	platform.EINVALID:        fiber.StatusUnprocessableEntity,
	platform.EBADREQUEST:     fiber.StatusBadRequest,
	platform.EUNAUTHORIZED:   fiber.StatusUnauthorized,
	platform.EMFAREQUIRED:    fiber.StatusUnauthorized,
	platform.EFORBIDDEN:      fiber.StatusForbidden,
	platform.EPASSWORDCHANGE: fiber.StatusForbidden,
	platform.EMFAENROLL:      fiber.StatusForbidden,
	platform.ENOTFOUND:       fiber.StatusNotFound,
	platform.ECONFLICT:       fiber.StatusConflict,
	platform.EWALL:           fiber.StatusConflict,
	platform.EPERSONEXISTS:   fiber.StatusConflict,
	platform.ETOOLARGE:       fiber.StatusRequestEntityTooLarge,
	platform.EMEDIATYPE:      fiber.StatusUnsupportedMediaType,
	platform.ETOOMANY:        fiber.StatusTooManyRequests,
	platform.EINTERNAL:       fiber.StatusInternalServerError,
}

// StatusOf is the HTTP status code of an error code (the websocket's error frames carry it too).
func StatusOf(code string) int {
	if st, ok := statusOf[code]; ok {
		return st
	}
	return fiber.StatusInternalServerError
}

var titleOf = map[string]string{
	platform.EINVALID:        "Some fields are not valid",
	platform.EBADREQUEST:     "The request is malformed",
	platform.EUNAUTHORIZED:   "Not logged in",
	platform.EMFAREQUIRED:    "Second factor required",
	platform.EFORBIDDEN:      "Not allowed",
	platform.EPASSWORDCHANGE: "Password change required",
	platform.EMFAENROLL:      "Second factor enrolment required",
	platform.ENOTFOUND:       "Not found",
	platform.ECONFLICT:       "Conflict",
	platform.EWALL:           "Separated by the perpetrator wall",
	platform.EPERSONEXISTS:   "The person is already on record",
	platform.ETOOLARGE:       "The request is too large",
	platform.EMEDIATYPE:      "Unsupported media type",
	platform.ETOOMANY:        "Too many requests",
	platform.EINTERNAL:       "Internal error",
}

// fiberCodes maps Fiber's own errors (unknown route, body limit, ...) onto domain codes.
var fiberCodes = map[int]string{
	fiber.StatusBadRequest:            platform.EBADREQUEST,
	fiber.StatusNotFound:              platform.ENOTFOUND,
	fiber.StatusMethodNotAllowed:      platform.ENOTFOUND,
	fiber.StatusRequestEntityTooLarge: platform.ETOOLARGE,
	fiber.StatusUnprocessableEntity:   platform.EINVALID,
}

// Problem is an RFC 9457 problem document.
type Problem struct {
	Type        string                `json:"type"`
	Title       string                `json:"title"`
	Status      int                   `json:"status"`
	Detail      string                `json:"detail"`
	Code        string                `json:"code"`
	RequestID   string                `json:"request_id,omitempty"`
	Errors      []platform.FieldError `json:"errors,omitempty"`
	MFARequired bool                  `json:"mfa_required,omitempty"`
	ExistingID  string                `json:"existing_id,omitempty"`
}

// handleError is Fiber's ErrorHandler: every error becomes problem+json.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	var pe *platform.Error
	var fe *fiber.Error
	switch {
	case errors.As(err, &pe):
	case errors.As(err, &fe):
		code, ok := fiberCodes[fe.Code]
		if !ok {
			code = platform.EINTERNAL
		}
		msg := fe.Message
		if code == platform.ETOOLARGE {
			msg = "The request body is larger than this server accepts."
		}
		if code == platform.ENOTFOUND {
			msg = "There is nothing at this address."
		}
		pe = &platform.Error{Code: code, Message: msg}
	default:
		s.Log.ErrorContext(c.UserContext(), "internal error", "request_id", requestID(c), "error", safeError(err))
		pe = &platform.Error{Code: platform.EINTERNAL, Message: "Internal error. Try again; if it keeps happening, tell your administrator the request id."}
	}
	status := statusOf[pe.Code]
	if status == 0 {
		status = fiber.StatusInternalServerError
	}
	if pe.RetryAfterSeconds > 0 {
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(pe.RetryAfterSeconds))
	}
	p := Problem{
		Type: "urn:zajedno:problem:" + pe.Code, Title: titleOf[pe.Code], Status: status, Detail: pe.Message,
		Code: pe.Code, RequestID: requestID(c), Errors: pe.Fields, MFARequired: pe.Code == platform.EMFAREQUIRED,
		ExistingID: pe.Existing,
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Status(status)
	c.Set(fiber.HeaderContentType, "application/problem+json")
	return c.JSON(p, "application/problem+json")
}

// safeError describes err for the log without the values a database error may quote.
func safeError(err error) slog.Value {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return slog.GroupValue(slog.String("sqlstate", pg.Code), slog.String("constraint", pg.ConstraintName),
			slog.String("table", pg.TableName))
	}
	return slog.StringValue(err.Error())
}
