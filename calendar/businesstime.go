package calendar

import (
	"fmt"
	"sync"
	"time"

	"github.com/casepolicy/casepolicy/internal/zone"
)

// Business time is the elapsed time of the working instants: the instants
// whose wall-clock time in the calendar's zone lies inside a working span of
// their date, on a business day (see the package documentation). F(u), the
// working time from the start of MinYear to instant u, answers every
// question: AddBusinessTime finds where F reaches F(t)+d, BusinessTimeBetween
// is F(b)-F(a). F is a prefix sum over the day table plus the working time
// of the instant's own day up to it.
//
// A day's working instants are a few segments of Unix seconds. Away from the
// zone's offset changes they are the day's spans moved by the one offset;
// near a change they are worked out from the change table, and the days
// around are looked at together, since the wall clock can go back into the
// day before.

// btCache holds the working-time prefix sums of a calendar, built on first
// use and shared by the calendar's copies.
type btCache struct {
	once sync.Once
	pre  []int64 // pre[i]: working seconds of the days with index < i
}

// sharedBT holds the prefix sums of the shipped lists under their zero Rules,
// by list and shared zone: a bounded set, each written once.
var sharedBT sync.Map // btKey -> *btCache

type btKey struct {
	list string
	z    *zone.Zone
}

// newBT returns the prefix-sum cache c should use: the shared one for a
// shipped list with the zero Rules in a zone loaded by name, else its own.
func (c Calendar) newBT() *btCache {
	if c.r == defaultRules && c.list != "" {
		if z, err := zone.Get(c.loc.String()); err == nil && z == c.z {
			k := btKey{c.list, c.z}
			if v, ok := sharedBT.Load(k); ok {
				return v.(*btCache)
			}
			v, _ := sharedBT.LoadOrStore(k, &btCache{})
			return v.(*btCache)
		}
	}
	return &btCache{}
}

// seg is a segment of working instants, [a, b) in Unix seconds.
type seg struct{ a, b int64 }

// segBuf is room for the segments of the few days looked at together, so
// that nothing allocates unless a day has very many spans near a change.
type segBuf [256]seg

const nanos = int64(time.Second)

// clean reports whether the zone's offset is the same from two days before
// day i's midnight to three days after, and returns it: then days i-1, i and
// i+1 each map their wall clock to instants by that one offset.
func (c Calendar) clean(i int) (off int, ok bool) {
	mid := int64(i+firstDay) * secondsPerDay
	off, from, until := c.z.Offset(mid)
	return off, mid-2*secondsPerDay >= from && mid+3*secondsPerDay < until
}

// cleanDay returns, when the zone keeps one offset around day i (see clean),
// the day's working spans and the Unix time of its midnight: its segments
// are the spans moved by base, with no buffer needed. spans is empty for a
// day that is not a business day.
func (c Calendar) cleanDay(i int) (spans []Span, base int64, ok bool) {
	mid := int64(i+firstDay) * secondsPerDay
	off, from, until := c.z.Offset(mid)
	if mid-2*secondsPerDay < from || mid+3*secondsPerDay >= until {
		return nil, 0, false
	}
	if i >= 0 && i < endDay-firstDay && c.t.isBusiness(i) {
		spans = c.r.spansOn(i)
	}
	return spans, mid - int64(off), true
}

// daySegs appends the working segments of day index i (0 outside the
// table) to buf.
func (c Calendar) daySegs(i int, buf []seg) []seg {
	if i < 0 || i >= endDay-firstDay || !c.t.isBusiness(i) {
		return buf
	}
	spans := c.r.spansOn(i)
	if len(spans) == 0 {
		return buf
	}
	mid := int64(i+firstDay) * secondsPerDay // the date's midnight as wall seconds
	if off, ok := c.clean(i); ok {
		base := mid - int64(off)
		for _, s := range spans {
			buf = append(buf, seg{base + int64(s.From)*60, base + int64(s.Until)*60})
		}
		return buf
	}
	// Near a change: within each period of one offset o, the instants u
	// with wall clock u+o in [wa, wb) are [wa-o, wb-o).
	const reach = 27 * 3600 // more than any offset
	for _, s := range spans {
		wa, wb := mid+int64(s.From)*60, mid+int64(s.Until)*60
		for sec := wa - reach; sec < wb+reach; {
			o, from, until := c.z.Offset(sec)
			lo, hi := max(from, wa-int64(o)), min(until, wb-int64(o))
			if lo < hi {
				buf = append(buf, seg{lo, hi})
			}
			if until == 1<<63-1 {
				break
			}
			sec = until
		}
	}
	return buf
}

// prefix returns the calendar's prefix sums, building them on first use.
func (c Calendar) prefix() []int64 {
	c.bt.once.Do(func() {
		n := endDay - firstDay
		pre := make([]int64, n+1)
		var buf segBuf
		for i := 0; i < n; i++ {
			w := int64(0)
			for _, s := range c.daySegs(i, buf[:0]) {
				w += s.b - s.a
			}
			pre[i+1] = pre[i] + w
		}
		c.bt.pre = pre
	})
	return c.bt.pre
}

// overlap returns, in nanoseconds, the part of s before the instant sec+ns.
func overlap(s seg, sec int64, ns int) int64 {
	switch {
	case sec >= s.b:
		return (s.b - s.a) * nanos
	case sec >= s.a:
		return (sec-s.a)*nanos + int64(ns)
	}
	return 0
}

// window returns the days whose segments decide F at instant a: its own day
// when the zone keeps one offset for three days around it, else the days
// either side too.
func window(a instant) (lo, hi int) {
	if a.sec-3*secondsPerDay >= a.from && a.sec+3*secondsPerDay < a.until {
		return a.day, a.day
	}
	return max(a.day-1, 0), min(a.day+1, endDay-firstDay-1)
}

// worked returns F(a) in nanoseconds.
func (c Calendar) worked(pre []int64, a instant) int64 {
	lo, hi := window(a)
	if lo == hi {
		if spans, base, ok := c.cleanDay(lo); ok {
			f := pre[lo] * nanos
			for _, s := range spans {
				f += overlap(seg{base + int64(s.From)*60, base + int64(s.Until)*60}, a.sec, a.ns)
			}
			return f
		}
	}
	return c.workedNear(pre, a, lo, hi)
}

// workedNear is worked near an offset change: the days lo to hi together.
func (c Calendar) workedNear(pre []int64, a instant, lo, hi int) int64 {
	var buf segBuf
	segs := buf[:0]
	for j := lo; j <= hi; j++ {
		segs = c.daySegs(j, segs)
	}
	f := pre[lo] * nanos
	for _, s := range segs {
		f += overlap(s, a.sec, a.ns)
	}
	return f
}

// instantAt returns the instant where F reaches g: the first such instant
// going forward (the end of a span when g is reached there), the last going
// backward (the start of a span). ok is false when no working time reaches g
// inside the calendar's years.
func (c Calendar) instantAt(pre []int64, g int64, forward bool) (sec, ns int64, ok bool) {
	n := len(pre) - 1
	// m: the first index with pre[m] >= g (forward) or > g (backward).
	lo, hi := 0, n+1
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		v := pre[mid] * nanos
		if v > g || forward && v == g {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	if lo == 0 || lo > n {
		return 0, 0, false
	}
	j := lo - 1
	if spans, base, ok := c.cleanDay(j); ok {
		f := pre[j] * nanos
		for _, s := range spans {
			length := int64(s.Until-s.From) * 60 * nanos
			if hit(f, length, g, forward) {
				d := g - f
				return base + int64(s.From)*60 + d/nanos, d % nanos, true
			}
			f += length
		}
		return 0, 0, false // unreachable: the day's working time holds g
	}
	return c.instantNear(pre, g, forward, j)
}

// hit reports whether a segment whose working time runs from f to f+length
// holds the instant where F reaches g.
func hit(f, length, g int64, forward bool) bool {
	if forward {
		return f < g && g <= f+length
	}
	return f <= g && g < f+length
}

// instantNear is instantAt near an offset change: the answer is on day j-1,
// j or j+1; F at each of their segments' starts counts the days around too.
func (c Calendar) instantNear(pre []int64, g int64, forward bool, j int) (sec, ns int64, ok bool) {
	n := len(pre) - 1
	var buf segBuf
	first, last := max(j-2, 0), min(j+2, n-1)
	segs := buf[:0]
	from, to := 0, 0
	for d := first; d <= last; d++ {
		if d == max(j-1, first) {
			from = len(segs)
		}
		segs = c.daySegs(d, segs)
		if d == min(j+1, last) {
			to = len(segs)
		}
	}
	for _, s := range segs[from:to] {
		f := pre[first] * nanos
		for _, x := range segs {
			f += overlap(x, s.a, 0)
		}
		if length := (s.b - s.a) * nanos; hit(f, length, g, forward) {
			d := g - f
			return s.a + d/nanos, d % nanos, true
		}
	}
	return 0, 0, false
}

// IsBusinessTime reports whether t is working time: a business day in the
// calendar's zone, at a wall-clock time inside that day's working hours and
// outside its closures.
func (c Calendar) IsBusinessTime(t time.Time) (bool, error) {
	a, err := c.day(t)
	if err != nil {
		return false, err
	}
	lo, hi := window(a)
	if lo == hi {
		if spans, base, ok := c.cleanDay(lo); ok {
			for _, s := range spans {
				if base+int64(s.From)*60 <= a.sec && a.sec < base+int64(s.Until)*60 {
					return true, nil
				}
			}
			return false, nil
		}
	}
	var buf segBuf
	for j := lo; j <= hi; j++ {
		for _, s := range c.daySegs(j, buf[:0]) {
			if s.a <= a.sec && a.sec < s.b {
				return true, nil
			}
		}
	}
	return false, nil
}

// NextBusinessTime returns t itself when it is working time, else the first
// working instant after it, in the calendar's zone. There being none before
// the end of MaxYear is an error wrapping ErrOutOfRange.
func (c Calendar) NextBusinessTime(t time.Time) (time.Time, error) {
	a, err := c.day(t)
	if err != nil {
		return time.Time{}, err
	}
	pre := c.prefix()
	sec, ns, ok := c.instantAt(pre, c.worked(pre, a), false)
	if !ok {
		return time.Time{}, fmt.Errorf("calendar %s: no working time after %s before the end of %d: %w", c.name, dateOfIndex(a.day), MaxYear, ErrOutOfRange)
	}
	return time.Unix(sec, ns).In(c.loc), nil
}

// AddBusinessTime returns the instant at which d of business time has
// elapsed after t (before t, for negative d), in the calendar's zone; d = 0
// returns t unchanged.
//
// Counting starts at t when t is working time, else at the next working
// instant (the previous one, for negative d). A result reached exactly at
// the end of a working span is that end, not the next span's start (going
// backward: the start, not the previous span's end). So
// BusinessTimeBetween(t, AddBusinessTime(t, d)) == d for every d. The answer
// is exact to the nanosecond, costs the same for any d and does not
// allocate. A result outside MinYear-MaxYear is an error wrapping
// ErrOutOfRange.
//
// The first business-time question on a calendar builds its prefix sums
// (a few milliseconds; shared for Named calendars, kept by the Calendar
// value and its copies otherwise).
func (c Calendar) AddBusinessTime(t time.Time, d time.Duration) (time.Time, error) {
	if c.t == nil {
		return time.Time{}, ErrZeroCalendar
	}
	if d == 0 {
		return t, nil
	}
	a, err := c.day(t)
	if err != nil {
		return time.Time{}, err
	}
	pre := c.prefix()
	f := c.worked(pre, a)
	total := pre[len(pre)-1] * nanos
	var g int64
	if d > 0 {
		if int64(d) > total-f {
			return time.Time{}, c.timeError(a, d)
		}
		g = f + int64(d)
	} else {
		if f+int64(d) < 0 {
			return time.Time{}, c.timeError(a, d)
		}
		g = f + int64(d)
	}
	sec, ns, ok := c.instantAt(pre, g, d > 0)
	if !ok {
		return time.Time{}, c.timeError(a, d)
	}
	return time.Unix(sec, ns).In(c.loc), nil
}

func (c Calendar) timeError(a instant, d time.Duration) error {
	return fmt.Errorf("calendar %s: %v of business time from %s leave the years %d-%d: %w", c.name, d, dateOfIndex(a.day), MinYear, MaxYear, ErrOutOfRange)
}

// BusinessTimeBetween returns the business time from a to b: positive when
// b is after a, negative when before, exact to the nanosecond.
// BusinessTimeBetween(a, b) + BusinessTimeBetween(b, c) ==
// BusinessTimeBetween(a, c).
func (c Calendar) BusinessTimeBetween(a, b time.Time) (time.Duration, error) {
	x, err := c.day(a)
	if err != nil {
		return 0, err
	}
	y, err := c.day(b)
	if err != nil {
		return 0, err
	}
	pre := c.prefix()
	return time.Duration(c.worked(pre, y) - c.worked(pre, x)), nil
}
