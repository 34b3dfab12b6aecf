// Package platform holds the small shared pieces every domain uses: error codes, the clock,
// request metadata and identifiers.
package platform

import (
	"errors"
	"fmt"
)

// Error codes. They are mapped to HTTP status codes in one place (httpapi).
const (
	EINVALID        = "validation"               // 422: a field is wrong; Fields names it
	EBADREQUEST     = "bad_request"              // 400: malformed or unknown input
	EUNAUTHORIZED   = "unauthenticated"          // 401: no valid session
	EMFAREQUIRED    = "mfa_required"             // 401: the second factor is missing
	EFORBIDDEN      = "forbidden"                // 403: seen but not allowed
	EPASSWORDCHANGE = "password_change_required" // 403: the user must change the password first
	EMFAENROLL      = "mfa_enrollment_required"  // 403: the user must enrol a second factor first
	ENOTFOUND       = "not_found"                // 404: absent, or not visible to the caller
	ECONFLICT       = "conflict"                 // 409: duplicate, or a transition not allowed now
	EWALL           = "wall"                     // 409: the perpetrator wall keeps this person off the case
	EPERSONEXISTS   = "person_exists"            // 409: the person is on record and the caller works with them; Existing names them
	ETOOLARGE       = "payload_too_large"        // 413
	EMEDIATYPE      = "unsupported_media_type"   // 415: the body is not sent as JSON
	ETOOMANY        = "too_many_requests"        // 429
	EINTERNAL       = "internal"                 // 500
)

// FieldError names one wrong field of a request, with a JSON path such as "subject.jmbg".
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is a domain error with a code and a message safe to show to the user.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
	// RetryAfterSeconds is set with ETOOMANY.
	RetryAfterSeconds int
	// Existing is the id of the record a request would duplicate (EPERSONEXISTS).
	Existing string
}

func (e *Error) Error() string {
	if len(e.Fields) > 0 {
		return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, e.Fields[0].Field)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error naming the fields that are wrong.
func Invalid(fields ...FieldError) *Error {
	return &Error{Code: EINVALID, Message: "Some fields are not valid.", Fields: fields}
}

// ErrorCode returns the code of err, or EINTERNAL when err is not a platform Error.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EINTERNAL
}

// Validator collects field errors so that one answer names every wrong field.
type Validator struct{ fields []FieldError }

// Add records that field is wrong.
func (v *Validator) Add(field, message string) {
	v.fields = append(v.fields, FieldError{field, message})
}

// Check records the field error when ok is false.
func (v *Validator) Check(ok bool, field, message string) {
	if !ok {
		v.Add(field, message)
	}
}

// Err returns an EINVALID error naming every recorded field, or nil.
func (v *Validator) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return Invalid(v.fields...)
}
