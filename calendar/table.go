package calendar

import (
	"math/bits"
	"time"

	"github.com/rickar/cal/v2"
)

// The years every calendar covers. A computation that needs a date outside
// them is an error (ErrOutOfRange), never a silent holiday-free year.
const (
	MinYear = 1970
	MaxYear = 2200
)

// The range in days since 1970-01-01 (TestRangeConstants checks them).
const (
	firstDay = 0     // 1970-01-01
	endDay   = 84371 // 2201-01-01, one past 2200-12-31
)

// Holiday is one observed holiday of a calendar: the day it takes off work.
type Holiday struct {
	// Name is the holiday's name in rickar/cal's list (often in the local
	// language).
	Name string
	// Date is the observed date, the day that is not a business day.
	Date Date
	// Actual is the date the holiday falls on before any substitution: a
	// Saturday New Year's Day is observed on Friday 31 December.
	Actual Date
}

// table is the immutable business-day table of one holiday list and weekend:
// a bit per day from MinYear-01-01 to MaxYear-12-31 and, for every 64-day
// word, the number of business days before it. Rank and select on it answer
// every question in time independent of the distance covered.
type table struct {
	words    []uint64 // bit i%64 of words[i/64]: day firstDay+i is a business day
	cum      []uint32 // cum[w]: business days in words[:w]; len(words)+1 entries
	total    int      // business days in the whole range
	hint     []uint16 // hint[k>>hintShift]: the word holding business day k&^(1<<hintShift-1)
	holidays []Holiday
	yearAt   []int32 // holidays[yearAt[y-MinYear]:yearAt[y-MinYear+1]] are year y's
}

// calc mirrors cal.Holiday.Calc on day numbers, so that an observed date is
// computed from the right weekday whatever the host's zone does to midnight.
func calc(h *cal.Holiday, year int) (act, obs int, ok bool) {
	if (h.StartYear > 0 && year < h.StartYear) || (h.EndYear > 0 && year > h.EndYear) || h.Func == nil {
		return 0, 0, false
	}
	for _, ex := range h.Except {
		if ex == year {
			return 0, 0, false
		}
	}
	t := h.Func(h, year)
	if t.IsZero() {
		return 0, 0, false
	}
	act = dateOf(t) + h.CalcOffset
	obs = act
	wd := weekdayOf(act)
	for _, o := range h.Observed {
		if o.Day == wd {
			obs = act + o.Offset
			break
		}
	}
	return act, obs, true
}

// build computes the table. A day is a holiday exactly when rickar/cal's
// Calendar.IsHoliday reports it observed: for each day the first holiday in
// list order that matches decides (by its actual month and day, its observed
// date, or an observed date carried over from the next or previous year for
// holidays in January or December), so the table skips exactly the days
// BusinessCalendar.WorkdaysFrom skips.
func build(hols []*cal.Holiday, workday [7]bool) *table {
	n := endDay - firstDay
	t := &table{
		words:  make([]uint64, (n+63)/64),
		yearAt: make([]int32, MaxYear-MinYear+2),
	}
	const (
		undecided = iota
		notObserved
		observed
	)
	var state [366]uint8
	var by [366]*cal.Holiday
	var actual [366]int
	for y := MinYear; y <= MaxYear; y++ {
		start := daysFromCivil(y, time.January, 1)
		length := daysFromCivil(y+1, time.January, 1) - start
		state = [366]uint8{}
		mark := func(day int, s uint8, h *cal.Holiday, act int) {
			i := day - start
			if i < 0 || i >= length || state[i] != undecided {
				return
			}
			state[i], by[i], actual[i] = s, h, act
		}
		for _, h := range hols {
			act, obs, ok := calc(h, y)
			if !ok {
				continue
			}
			_, am, ad := civilFromDays(act)
			// rickar/cal matches the actual date by month and day alone.
			actDay := -1
			if d := daysFromCivil(y, am, ad); ad <= daysIn(y, am) {
				actDay = d
			}
			if actDay >= 0 {
				s := uint8(notObserved)
				if actDay == obs {
					s = observed
				}
				mark(actDay, s, h, act)
			}
			mark(obs, observed, h, act)
			var other int
			switch am {
			case time.January:
				other = y + 1
			case time.December:
				other = y - 1
			default:
				continue
			}
			if act2, obs2, ok2 := calc(h, other); ok2 && obs2 != actDay {
				mark(obs2, observed, h, act2)
			}
		}
		t.yearAt[y-MinYear] = int32(len(t.holidays))
		for i := 0; i < length; i++ {
			day := start + i
			if state[i] == observed {
				yy, mm, dd := civilFromDays(day)
				ay, am, ad := civilFromDays(actual[i])
				t.holidays = append(t.holidays, Holiday{
					Name:   by[i].Name,
					Date:   Date{yy, mm, dd},
					Actual: Date{ay, am, ad},
				})
				continue
			}
			if workday[weekdayOf(day)] {
				j := day - firstDay
				t.words[j>>6] |= 1 << (j & 63)
			}
		}
	}
	t.yearAt[MaxYear-MinYear+1] = int32(len(t.holidays))
	t.count()
	return t
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	if m == time.December {
		return 31
	}
	return daysFromCivil(y, m+1, 1) - daysFromCivil(y, m, 1)
}

// isBusiness reports whether day i (an index from firstDay) is a business day.
func (t *table) isBusiness(i int) bool {
	return t.words[i>>6]&(1<<(i&63)) != 0
}

// rank returns the number of business days among the days with index < i,
// for 0 <= i <= the number of days in the table.
func (t *table) rank(i int) int {
	w := i >> 6
	if w == len(t.words) {
		return t.total
	}
	return int(t.cum[w]) + bits.OnesCount64(t.words[w]&(1<<(i&63)-1))
}

// hintShift sets how often select records where it is: every 128th
// business day, a few words apart.
const hintShift = 7

// count computes cum, total and hint from words.
func (t *table) count() {
	t.cum = make([]uint32, len(t.words)+1)
	for w, word := range t.words {
		t.cum[w+1] = t.cum[w] + uint32(bits.OnesCount64(word))
	}
	t.total = int(t.cum[len(t.words)])
	t.hint = make([]uint16, (t.total>>hintShift)+1)
	w := 0
	for k := 0; k < t.total; k += 1 << hintShift {
		for int(t.cum[w+1]) <= k {
			w++
		}
		t.hint[k>>hintShift] = uint16(w)
	}
}

// sel returns the index of the business day with rank k (0-based), for
// 0 <= k < t.total.
func (t *table) sel(k int) int {
	// The last word whose count before it is <= k, from the hint on.
	lo := int(t.hint[k>>hintShift])
	for int(t.cum[lo+1]) <= k {
		lo++
	}
	word := t.words[lo]
	r := k - int(t.cum[lo])
	// Skip whole bytes, then bits.
	for shift := 0; shift < 64; shift += 8 {
		c := bits.OnesCount8(uint8(word >> shift))
		if r < c {
			b := uint8(word >> shift)
			for ; r > 0; r-- {
				b &= b - 1
			}
			return lo<<6 + shift + bits.TrailingZeros8(b)
		}
		r -= c
	}
	panic("calendar: select past the end of a word") // unreachable: k < t.total
}

// without returns t with the days closed (ascending day indexes) taken out of
// the business days: t itself when there are none, else a copy.
func (t *table) without(closed []int32) *table {
	if len(closed) == 0 {
		return t
	}
	u := *t
	u.words = append([]uint64(nil), t.words...)
	for _, i := range closed {
		u.words[i>>6] &^= 1 << (i & 63)
	}
	u.count()
	return &u
}
