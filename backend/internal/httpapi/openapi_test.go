package httpapi_test

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/zajedno/zajedno/backend/internal/authz"
)

// TestOpenAPIMatchesRoutes keeps docs/openapi.yaml true: every registered route is documented
// with its authorization rule, and nothing documented is missing from the server.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	h := newHarness(t)
	raw, err := os.ReadFile("../../../docs/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]struct {
			Authorization string `yaml:"x-zajedno-authorization"`
		} `yaml:"paths"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	param := regexp.MustCompile(`:([a-z_]+)`)
	documented := map[string]string{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			if method == "parameters" || method == "summary" || method == "description" {
				continue
			}
			documented[strings.ToUpper(method)+" "+path] = op.Authorization
		}
	}
	registered := map[string]bool{}
	for _, r := range h.srv.Routes() {
		if r.Path == "/*" {
			continue // the SPA's files
		}
		key := r.Method + " " + param.ReplaceAllString(r.Path, "{$1}")
		registered[key] = true
		rule, ok := documented[key]
		switch {
		case !ok:
			t.Errorf("%s is not in docs/openapi.yaml", key)
		case r.Rule.Kind == authz.KindPublic && rule != "public":
			t.Errorf("%s is public but documented as %q", key, rule)
		case r.Rule.Kind == authz.KindPermission && rule != r.Rule.String():
			t.Errorf("%s needs %s but is documented as %q", key, r.Rule, rule)
		}
	}
	var stale []string
	for key := range documented {
		if !registered[key] && !strings.HasPrefix(key, "HEAD ") {
			stale = append(stale, key)
		}
	}
	sort.Strings(stale)
	for _, key := range stale {
		t.Errorf("docs/openapi.yaml documents %s, which the server does not have", key)
	}
}
