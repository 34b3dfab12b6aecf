package people

import (
	"errors"
	"testing"
	"time"
)

func TestParseJMBG(t *testing.T) {
	for name, tc := range map[string]struct {
		in   string
		want time.Time
		err  error
	}{
		"OK":                {"0101990710008", time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), nil},
		"OKBornAfter2000":   {"1505005715006", time.Date(2005, 5, 15, 0, 0, 0, 0, time.UTC), nil},
		"ErrChecksum":       {"0101990710007", time.Time{}, ErrJMBGChecksum},
		"ErrLength":         {"010199071000", time.Time{}, ErrJMBGFormat},
		"ErrLetters":        {"01019907100a8", time.Time{}, ErrJMBGFormat},
		"ErrImpossibleDate": {"3102990710005", time.Time{}, ErrJMBGDate},
		"ErrMonthThirteen":  {"0113990710006", time.Time{}, ErrJMBGDate},
		"ErrEmpty":          {"", time.Time{}, ErrJMBGFormat},
		"ErrUnicodeDigits":  {"０101990710008", time.Time{}, ErrJMBGFormat},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := ParseJMBG(tc.in)
			if !errors.Is(err, tc.err) || !got.Equal(tc.want) {
				t.Fatalf("ParseJMBG(%q) = %v, %v; want %v, %v", tc.in, got, err, tc.want, tc.err)
			}
		})
	}
}

func TestMaskJMBG(t *testing.T) {
	if got := MaskJMBG("0101990710008"); got != "•••••••••0008" {
		t.Fatalf("mask = %q", got)
	}
	if MaskJMBG("") != "" {
		t.Fatal("an empty JMBG masks to something")
	}
}

// FuzzParseJMBG: never panics; whatever it accepts has 13 digits, a matching check digit and
// a date that formats back to its first seven digits.
func FuzzParseJMBG(f *testing.F) {
	for _, s := range []string{"0101990710008", "0101990710007", "3102990710005", "", "abc", "9999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseJMBG(s)
		if err != nil {
			return
		}
		yyy := d.Year() % 1000
		if got := d.Format("0102") + string(rune('0'+yyy/100)) + string(rune('0'+yyy/10%10)) + string(rune('0'+yyy%10)); got != s[:7] {
			t.Fatalf("%q accepted with date %v", s, d)
		}
	})
}
