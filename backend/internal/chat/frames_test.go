package chat

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/zajedno/zajedno/backend/internal/platform"
)

const caseID = "6f1c2b9e-3a41-4c55-9a0e-1b2c3d4e5f60"

func TestDecodeClientFrame(t *testing.T) {
	for name, tc := range map[string]struct {
		in    string
		code  string
		field string
	}{
		"Subscribe":      {`{"type":"subscribe","case_id":"` + caseID + `"}`, "", ""},
		"SubscribeAfter": {`{"type":"subscribe","case_id":"` + caseID + `","after":"` + caseID + `"}`, "", ""},
		"Send":           {`{"type":"send","case_id":"` + caseID + `","body":"Zdravo","client_id":"c1"}`, "", ""},
		"NotJSON":        {`{"type":`, platform.EBADREQUEST, ""},
		"Array":          {`[1,2]`, platform.EBADREQUEST, ""},
		"Unknown":        {`{"type":"teleport","case_id":"` + caseID + `"}`, platform.EBADREQUEST, ""},
		"NoCase":         {`{"type":"subscribe"}`, platform.EINVALID, "case_id"},
		"BadAfter":       {`{"type":"subscribe","case_id":"` + caseID + `","after":"x"}`, platform.EINVALID, "after"},
		"NoClientID":     {`{"type":"send","case_id":"` + caseID + `","body":"x"}`, platform.EINVALID, "client_id"},
		"BlankBody":      {`{"type":"send","case_id":"` + caseID + `","body":" \n","client_id":"c"}`, platform.EINVALID, "body"},
		"LongBody":       {`{"type":"send","case_id":"` + caseID + `","body":"` + strings.Repeat("š", MaxBodyChars+1) + `","client_id":"c"}`, platform.EINVALID, "body"},
		"BadReply":       {`{"type":"send","case_id":"` + caseID + `","body":"x","client_id":"c","reply_to":"1"}`, platform.EINVALID, "reply_to"},
		"ReadNoMessage":  {`{"type":"read","case_id":"` + caseID + `"}`, platform.EINVALID, "message_id"},
		"WrongFieldType": {`{"type":"send","case_id":"` + caseID + `","body":5,"client_id":"c"}`, platform.EBADREQUEST, ""},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := DecodeClientFrame([]byte(tc.in))
			if platform.ErrorCode(err) != tc.code && !(tc.code == "" && err == nil) {
				t.Fatalf("error %v, want code %q", err, tc.code)
			}
			var pe *platform.Error
			if tc.field != "" && (!errors.As(err, &pe) || len(pe.Fields) == 0 || pe.Fields[0].Field != tc.field) {
				t.Fatalf("error %v does not name %s", err, tc.field)
			}
		})
	}
}

// FuzzDecodeClientFrame: whatever arrives, the decoder does not panic, and what it accepts is
// a frame of a known type for a valid case, that survives a round trip unchanged.
func FuzzDecodeClientFrame(f *testing.F) {
	for _, s := range []string{
		`{"type":"subscribe","case_id":"` + caseID + `","after":"` + caseID + `"}`,
		`{"type":"send","case_id":"` + caseID + `","body":"Ђорђе","client_id":"c1","mentions":["` + caseID + `"]}`,
		`{"type":"read","case_id":"` + caseID + `","message_id":"` + caseID + `"}`,
		`{"type":"typing","case_id":"` + caseID + `"}`,
		`{"type":"unsubscribe","case_id":"` + caseID + `"}`,
		`{"type":"send","case_id":"` + caseID + `","body":"\u0000","client_id":""}`,
		`{"type":null}`, `[]`, `"send"`, `{"type":"send","type":"subscribe"}`, "\xff\xfe", `{"case_id":{}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fr, err := DecodeClientFrame(data)
		if err != nil {
			code := platform.ErrorCode(err)
			if code != platform.EBADREQUEST && code != platform.EINVALID {
				t.Fatalf("error code %q for %q", code, data)
			}
			return
		}
		if !slices.Contains(FrameTypes, fr.Type) || !platform.ValidID(fr.CaseID) {
			t.Fatalf("accepted %+v from %q", fr, data)
		}
		b, err := json.Marshal(fr)
		if err != nil {
			t.Fatal(err)
		}
		again, err := DecodeClientFrame(b)
		if err != nil {
			t.Fatalf("re-decoding %s: %v", b, err)
		}
		if !framesEqual(fr, again) {
			t.Fatalf("round trip changed %+v into %+v", fr, again)
		}
	})
}

func framesEqual(a, b ClientFrame) bool {
	ma, _ := json.Marshal(a)
	mb, _ := json.Marshal(b)
	return string(ma) == string(mb)
}
