package calendar

import (
	"fmt"
	"time"
)

// Date is a civil date: a day in the calendar, with no time of day and no zone.
// The zero Date (0000-00-00) is not a valid date.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// String returns the date as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return weekdayOf(daysFromCivil(d.Year, d.Month, d.Day))
}

// daysFromCivil returns the number of days from 1970-01-01 to the given date
// in the proleptic Gregorian calendar (Howard Hinnant's algorithm). It
// normalises out-of-range months and days the way time.Date does only for the
// values this package produces (month 1-12, day 1-31).
func daysFromCivil(y int, m time.Month, d int) int {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (int(m) + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (int, time.Month, int) {
	z += 719468
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, time.Month(m), d
}

// weekdayOf returns the weekday of a day number (1970-01-01 was a Thursday).
func weekdayOf(days int) time.Weekday {
	w := (days + 4) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// dateOf returns the civil date of a holiday instant computed by rickar/cal.
// Those instants are meant to be midnight in cal.DefaultLoc, but under a host
// zone whose DST starts at midnight Go moves a nonexistent midnight to 23:00
// the day before. Reading any time from 20:00 on as the next day's midnight
// puts such a holiday back on its own date, whatever the host's zone.
func dateOf(t time.Time) int {
	y, m, d := t.Date()
	days := daysFromCivil(y, m, d)
	if t.Hour() >= 20 {
		days++
	}
	return days
}
