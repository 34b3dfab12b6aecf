package inbound

import "testing"

// TestSignVector holds the test vector of docs/api-inbound.md (computed independently with
// openssl dgst -hmac), which partner systems check
// their own code against.
func TestSignVector(t *testing.T) {
	body := []byte(`{"type":"hospital_discharge","occurred_at":"2026-11-23T09:15:00Z","municipality":"Kikinda","person":{"jmbg":"0305945805027"}}`)
	got := Sign("pjXM20E5iCXK8cPquy2MZ38TyIcUhu1flsGr_vVv5rA", "1795471200", "pu-kikinda-2026-000481", body)
	const want = "sha256=d8d158836118b2abb710360f8a8884b4ce07a2dc445f68d705ff4b83b3e35c9b"
	if got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
}
