package platform

import "github.com/google/uuid"

// NewID returns a new random identifier.
func NewID() string { return uuid.NewString() }

// ValidID reports whether s is a well-formed identifier. Use it before a lookup so that a
// malformed id answers 404 like an unknown one rather than a database error.
func ValidID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36
}
