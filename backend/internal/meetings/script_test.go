package meetings

import "testing"

func TestScripts(t *testing.T) {
	for latin, cyrillic := range map[string]string{
		"Ljiljana Njegoš, Džakula": "Љиљана Његош, Џакула",
		"Đorđe Čačak ćevap žaba":   "Ђорђе Чачак ћевап жаба",
		"OJT Kikinda, 12:00":       "ОЈТ Кикинда, 12:00",
	} {
		if got := ToCyrillic(latin); got != cyrillic {
			t.Errorf("ToCyrillic(%q) = %q, want %q", latin, got, cyrillic)
		}
		if got := ToLatin(cyrillic); got != latin {
			t.Errorf("ToLatin(%q) = %q, want %q", cyrillic, got, latin)
		}
	}
}
