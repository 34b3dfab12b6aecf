package httpapi

import (
	"testing"

	"github.com/zajedno/zajedno/backend/internal/platform"
)

// FuzzDecodeJSON: whatever the body, the strict decoder never panics and answers either
// success or a client error (400 or 422), never an internal error.
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{
		``, `{}`, `null`, `[]`, `{"username":"a","password":"b"}`, `{"username":1}`, `{"x":1}`,
		`{"username":"a"} {"username":"b"}`, `{"username":`, `{"roles":["a",2]}`, `{"roles":{"a":1}}`,
		`{"language":null}`, "\xff\xfe", `{"username":"\u0000"}`, `{"display_name":"Петровић"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var dst struct {
			Username string    `json:"username"`
			Password string    `json:"password"`
			Roles    []string  `json:"roles"`
			Language *string   `json:"language"`
			Name     *string   `json:"display_name"`
			Nested   *struct{} `json:"nested"`
		}
		err := decodeJSON(body, &dst)
		if code := platform.ErrorCode(err); err != nil && code != platform.EBADREQUEST && code != platform.EINVALID {
			t.Fatalf("body %q: code %s (%v)", body, code, err)
		}
	})
}
