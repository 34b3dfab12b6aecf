package meetings

import "strings"

// Serbian is written in Cyrillic and in Latin, letter for letter; official documents render
// in the script the reader chose.
var (
	toCyrillic = strings.NewReplacer(
		"DŽ", "Џ", "Dž", "Џ", "dž", "џ", "LJ", "Љ", "Lj", "Љ", "lj", "љ", "NJ", "Њ", "Nj", "Њ", "nj", "њ",
		"A", "А", "B", "Б", "C", "Ц", "Č", "Ч", "Ć", "Ћ", "D", "Д", "Đ", "Ђ", "E", "Е", "F", "Ф", "G", "Г", "H", "Х", "I", "И",
		"J", "Ј", "K", "К", "L", "Л", "M", "М", "N", "Н", "O", "О", "P", "П", "R", "Р", "S", "С", "Š", "Ш", "T", "Т", "U", "У",
		"V", "В", "Z", "З", "Ž", "Ж",
		"a", "а", "b", "б", "c", "ц", "č", "ч", "ć", "ћ", "d", "д", "đ", "ђ", "e", "е", "f", "ф", "g", "г", "h", "х", "i", "и",
		"j", "ј", "k", "к", "l", "л", "m", "м", "n", "н", "o", "о", "p", "п", "r", "р", "s", "с", "š", "ш", "t", "т", "u", "у",
		"v", "в", "z", "з", "ž", "ж")
	toLatin = strings.NewReplacer(
		"Џ", "Dž", "џ", "dž", "Љ", "Lj", "љ", "lj", "Њ", "Nj", "њ", "nj",
		"А", "A", "Б", "B", "Ц", "C", "Ч", "Č", "Ћ", "Ć", "Д", "D", "Ђ", "Đ", "Е", "E", "Ф", "F", "Г", "G", "Х", "H", "И", "I",
		"Ј", "J", "К", "K", "Л", "L", "М", "M", "Н", "N", "О", "O", "П", "P", "Р", "R", "С", "S", "Ш", "Š", "Т", "T", "У", "U",
		"В", "V", "З", "Z", "Ж", "Ž",
		"а", "a", "б", "b", "ц", "c", "ч", "č", "ћ", "ć", "д", "d", "ђ", "đ", "е", "e", "ф", "f", "г", "g", "х", "h", "и", "i",
		"ј", "j", "к", "k", "л", "l", "м", "m", "н", "n", "о", "o", "п", "p", "р", "r", "с", "s", "ш", "š", "т", "t", "у", "u",
		"в", "v", "з", "z", "ж", "ž")
)

// ToCyrillic writes Serbian Latin text in Cyrillic (lj, nj and dž are one letter each).
func ToCyrillic(s string) string { return toCyrillic.Replace(s) }

// ToLatin writes Serbian Cyrillic text in Latin.
func ToLatin(s string) string { return toLatin.Replace(s) }
