package platform

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"strings"
)

type requestKey struct{}

// RequestMeta describes where a request came from, for the audit log.
type RequestMeta struct {
	RequestID string
	ClientIP  string
	UserAgent string
}

// WithRequest returns a context carrying the request's metadata.
func WithRequest(ctx context.Context, m RequestMeta) context.Context {
	return context.WithValue(ctx, requestKey{}, m)
}

// RequestFrom returns the request metadata of ctx (empty outside a request).
func RequestFrom(ctx context.Context) RequestMeta {
	m, _ := ctx.Value(requestKey{}).(RequestMeta)
	return m
}

// RandomToken returns n random bytes encoded as unpadded URL-safe base64.
func RandomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on Linux
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// EscapeLike escapes the wildcards of a LIKE pattern, so that a search for "50%" finds "50%".
func EscapeLike(s string) string { return likeEscaper.Replace(s) }
