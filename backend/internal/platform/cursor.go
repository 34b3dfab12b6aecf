package platform

import (
	"encoding/base64"
	"strings"
	"time"
)

// EncodeCursor makes the opaque cursor of a keyset page that ends at (at, id).
func EncodeCursor(at time.Time, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(at.UTC().Format(time.RFC3339Nano) + "|" + id))
}

// DecodeCursor reads a cursor EncodeCursor made. A cursor this server did not give is
// EINVALID naming field.
func DecodeCursor(field, s string) (time.Time, string, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	at, id, ok := strings.Cut(string(b), "|")
	t, terr := time.Parse(time.RFC3339Nano, at)
	if err != nil || !ok || terr != nil || !ValidID(id) {
		return time.Time{}, "", Invalid(FieldError{Field: field, Message: "is not a cursor this server gave"})
	}
	return t, id, nil
}

// Cursor reads an optional keyset cursor, recording a field error when it is not one this
// server gave.
func (v *Validator) Cursor(field, s string) (time.Time, string) {
	if s == "" {
		return time.Time{}, ""
	}
	at, id, err := DecodeCursor(field, s)
	if err != nil {
		v.Add(field, "is not a cursor this server gave")
	}
	return at, id
}

// PageOf trims a result read with limit+1 rows to limit and returns the cursor of the next
// page ("" when there is none); key gives a row's (time, id).
func PageOf[T any](rows []T, limit int, key func(T) (time.Time, string)) ([]T, string) {
	if len(rows) <= limit {
		return rows, ""
	}
	rows = rows[:limit]
	return rows, EncodeCursor(key(rows[len(rows)-1]))
}
