// Package people holds the persons cases are about, and the Serbian personal number (JMBG).
package people

import (
	"errors"
	"time"
)

// JMBG errors, worded for the person who typed it.
var (
	ErrJMBGFormat   = errors.New("A JMBG has exactly 13 digits.")
	ErrJMBGChecksum = errors.New("This JMBG is not valid: its last digit does not match. Check for a typing error.")
	ErrJMBGDate     = errors.New("This JMBG does not hold a real date of birth. Check the first seven digits.")
)

// ParseJMBG checks a JMBG (DDMMYYYRRBBBK) and returns the date of birth it holds. It is valid
// when it has 13 digits, the check digit matches, and DD.MM.YYYY is a real date (YYY >= 800
// means 1YYY, else 2YYY).
func ParseJMBG(s string) (time.Time, error) {
	if len(s) != 13 {
		return time.Time{}, ErrJMBGFormat
	}
	var d [13]int
	for i := 0; i < 13; i++ {
		if s[i] < '0' || s[i] > '9' {
			return time.Time{}, ErrJMBGFormat
		}
		d[i] = int(s[i] - '0')
	}
	sum := 7*(d[0]+d[6]) + 6*(d[1]+d[7]) + 5*(d[2]+d[8]) + 4*(d[3]+d[9]) + 3*(d[4]+d[10]) + 2*(d[5]+d[11])
	m := 11 - sum%11
	k := m
	if m < 1 || m > 9 {
		k = 0
	}
	if k != d[12] {
		return time.Time{}, ErrJMBGChecksum
	}
	day, month, yyy := d[0]*10+d[1], d[2]*10+d[3], d[4]*100+d[5]*10+d[6]
	year := 2000 + yyy
	if yyy >= 800 {
		year = 1000 + yyy
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if month < 1 || month > 12 || t.Day() != day || int(t.Month()) != month {
		return time.Time{}, ErrJMBGDate
	}
	return t, nil
}

// MaskJMBG shows only the last four digits, for lists.
func MaskJMBG(s string) string {
	if len(s) != 13 {
		return ""
	}
	return "•••••••••" + s[9:]
}
