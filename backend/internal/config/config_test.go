package config

import (
	"strings"
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	t.Run("Defaults", func(t *testing.T) {
		c, err := Load(func(string) string { return "" })
		if err != nil {
			t.Fatal(err)
		}
		if c.Addr != "127.0.0.1:8080" || c.SessionIdleTimeout != 30*time.Minute || c.SessionMaxAge != 12*time.Hour ||
			c.LoginMaxFailures != 10 || c.LoginWindow != 15*time.Minute || c.Env != "development" || c.Production() {
			t.Fatalf("defaults %+v", c)
		}
	})
	t.Run("FromEnvironment", func(t *testing.T) {
		vars := map[string]string{"ZAJEDNO_ENV": "production", "ZAJEDNO_SESSION_IDLE_TIMEOUT": "10m",
			"ZAJEDNO_WS_ALLOWED_ORIGINS": "https://a.example, https://b.example", "ZAJEDNO_BODY_LIMIT_BYTES": "4096"}
		c, err := Load(func(k string) string { return vars[k] })
		if err != nil {
			t.Fatal(err)
		}
		if !c.Production() || c.SessionIdleTimeout != 10*time.Minute || len(c.WSAllowedOrigins) != 2 || c.WSAllowedOrigins[1] != "https://b.example" || c.BodyLimit != 4096 {
			t.Fatalf("%+v", c)
		}
	})
	t.Run("ErrNamesEveryBadVariable", func(t *testing.T) {
		vars := map[string]string{"ZAJEDNO_ENV": "staging", "ZAJEDNO_SESSION_MAX_AGE": "forever", "ZAJEDNO_DB_MAX_CONNS": "-1"}
		_, err := Load(func(k string) string { return vars[k] })
		for _, name := range []string{"ZAJEDNO_ENV", "ZAJEDNO_SESSION_MAX_AGE", "ZAJEDNO_DB_MAX_CONNS"} {
			if err == nil || !strings.Contains(err.Error(), name) {
				t.Errorf("error %v does not name %s", err, name)
			}
		}
	})
}
