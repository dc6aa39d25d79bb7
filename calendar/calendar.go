package calendar

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"sync"
	"time"

	"github.com/casepolicy/casepolicy/internal/oneline"
	"github.com/casepolicy/casepolicy/internal/zone"
	"github.com/rickar/cal/v2"
)

// Errors wrapped by the errors this package returns.
var (
	// ErrUnknownCalendar: no shipped holiday list has the name asked for.
	ErrUnknownCalendar = errors.New("unknown calendar")
	// ErrUnknownZone: the time zone is not an IANA zone name, or is the
	// host's own zone ("Local", ""), which would make answers host-dependent.
	ErrUnknownZone = zone.ErrUnknown
	// ErrOutOfRange: the computation needs a date outside MinYear-MaxYear.
	ErrOutOfRange = errors.New("date out of range")
	// ErrInvalidSpec: a Spec given to New cannot make a calendar.
	ErrInvalidSpec = errors.New("invalid calendar spec")
	// ErrZeroCalendar: a method was called on the zero Calendar.
	ErrZeroCalendar = errors.New("zero Calendar")
)

// Calendar is a business calendar: a holiday list, a weekend, the vendor's
// own closures and working hours, bound to a time zone. Business days are the
// days that are neither weekend days, observed holidays nor whole-day
// closures. Every question is answered for the instant's date and wall-clock
// time in the calendar's zone, so the *time.Location an input carries never
// changes an answer, and neither does the host's zone.
//
// A Calendar is a small immutable value, safe to copy, to compare with
// Equal and to use from many goroutines at once. The zero Calendar is not
// valid: its methods return ErrZeroCalendar. Build one with Named, NamedWith,
// Default or New.
type Calendar struct {
	name string
	list string // the shipped list's name; "" for New
	loc  *time.Location
	z    *zone.Zone
	t    *table // business days: the list, the weekend and whole-day closures
	base *table // the list's own table, before closures
	r    *rules
	bt   *btCache
}

// weekdays is the Monday-to-Friday working week of every shipped calendar.
var weekdays = [7]bool{time.Monday: true, time.Tuesday: true, time.Wednesday: true, time.Thursday: true, time.Friday: true}

// tables holds the table of each shipped list, built on first use. Each is
// written once under its sync.Once and never changed after.
var tables [len(shipped)]struct {
	once sync.Once
	t    *table
}

func shippedTable(i int) *table {
	e := &tables[i]
	e.once.Do(func() { e.t = build(shipped[i].holidays, weekdays) })
	return e.t
}

func lookup(name string) (int, bool) {
	i := sort.Search(len(shipped), func(i int) bool { return shipped[i].name >= name })
	return i, i < len(shipped) && shipped[i].name == name
}

// Names returns the names of every shipped calendar, sorted: ISO 3166-1 codes
// of countries ("US", "GB", "JP"), subdivisions as "AU-NSW" or "DE-BY", and
// "ECB" (the European Central Bank's TARGET days). Catalog says what each
// covers.
func Names() []string {
	out := make([]string, len(shipped))
	for i := range shipped {
		out[i] = shipped[i].name
	}
	return out
}

// Named returns the shipped calendar called name (see Names; the match is
// exact, "us" is not "US") in the IANA time zone called zone, with the zero
// Rules: Saturday and Sunday off, no closures, business days worked all day.
// The empty zone and "Local" are refused.
//
// The first use of each name builds its table (about a millisecond); later
// uses share it.
func Named(name, zoneName string) (Calendar, error) {
	return NamedWith(name, zoneName, Rules{})
}

// NamedWith is Named with a vendor's own rules on top of the shipped list:
// its weekend, closures and working hours. It reports every problem at once:
// an unknown name (ErrUnknownCalendar), zone (ErrUnknownZone) and each
// problem of the rules (ErrInvalidSpec).
//
// A calendar with rules builds its own tables: keep it rather than calling
// NamedWith for every question.
func NamedWith(name, zoneName string, r Rules) (Calendar, error) {
	i, ok := lookup(name)
	var errs []error
	if !ok {
		errs = append(errs, fmt.Errorf("calendar %q: %w", name, ErrUnknownCalendar))
	}
	z, err := zone.Get(zoneName)
	if err != nil {
		errs = append(errs, err)
	}
	rs := defaultRules
	if !isZeroRules(r) {
		if rs, err = compileRules(r); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return Calendar{}, oneline.Join(errs...)
	}
	return shippedCalendar(i, z, rs), nil
}

func isZeroRules(r Rules) bool { return r.Weekend == nil && len(r.Closures) == 0 && r.WorkHours == nil }

// shippedCalendar binds shipped list i to zone z under rules rs.
func shippedCalendar(i int, z *zone.Zone, rs *rules) Calendar {
	c := Calendar{name: shipped[i].name, list: shipped[i].name, loc: z.Location(), z: z, r: rs}
	if rs.work == weekdays {
		c.base = shippedTable(i)
	} else {
		c.base = build(shipped[i].holidays, rs.work)
	}
	c.t = c.base.without(rs.closed)
	c.bt = c.newBT()
	return c
}

// Default returns the calendar used when a case names none: US holidays in
// UTC.
func Default() Calendar {
	i, _ := lookup("US")
	z, _ := zone.Get("UTC")
	return shippedCalendar(i, z, defaultRules)
}

// WithHolidays returns the calendar with the shipped holiday list called
// name instead of its own, keeping its zone, weekend, closures and working
// hours: a case naming its own holiday calendar keeps its policy's rules.
func (c Calendar) WithHolidays(name string) (Calendar, error) {
	if c.t == nil {
		return Calendar{}, ErrZeroCalendar
	}
	i, ok := lookup(name)
	if !ok {
		return Calendar{}, fmt.Errorf("calendar %q: %w", name, ErrUnknownCalendar)
	}
	return shippedCalendar(i, c.z, c.r), nil
}

// Rules returns the calendar's rules, a copy: NamedWith(c.HolidaysName(),
// zone, c.Rules()) is a calendar Equal to c.
func (c Calendar) Rules() Rules {
	if c.r == nil {
		return Rules{}
	}
	return c.r.public()
}

// HolidaysName returns the name of the shipped holiday list ("US"), or "" for
// a calendar built by New.
func (c Calendar) HolidaysName() string { return c.list }

// Equal reports whether c and d are the same calendar: the same holiday list,
// zone name and rules (and, for calendars built by New, the same build).
func (c Calendar) Equal(d Calendar) bool {
	if c.t == nil || d.t == nil {
		return c.t == nil && d.t == nil
	}
	if c.list != d.list || c.loc.String() != d.loc.String() || !c.r.equal(d.r) {
		return false
	}
	return c.list != "" || c.base == d.base && c.name == d.name
}

// Spec describes a calendar of the user's own for New.
type Spec struct {
	// Name is how the calendar calls itself in errors and Name; it may be
	// empty.
	Name string
	// Holidays are rickar/cal holiday definitions, in the order that decides
	// which name a day gets when two fall on it. New reads them once; later
	// changes to them do not change the calendar.
	Holidays []*cal.Holiday
	// Weekend lists the days of the week that are never business days. Nil
	// means Saturday and Sunday; an empty, non-nil slice means none.
	Weekend []time.Weekday
	// Closures are the vendor's own closed days and part days (see Rules).
	Closures []Closure
	// WorkHours are the working hours of each day of the week (see Rules);
	// nil means all day.
	WorkHours *WorkHours
	// Zone is the calendar's time zone. Nil and the host's own zone are
	// refused.
	Zone *time.Location
}

// New builds a calendar from a Spec. It reports every problem of the spec at
// once, each wrapping ErrInvalidSpec.
func New(s Spec) (Calendar, error) {
	var errs []error
	rs, err := compileRules(Rules{Weekend: s.Weekend, Closures: s.Closures, WorkHours: s.WorkHours})
	if err != nil {
		errs = append(errs, fmt.Errorf("calendar %q: %w", s.Name, err))
	}
	for i, h := range s.Holidays {
		if h == nil {
			errs = append(errs, fmt.Errorf("calendar %q: holiday %d is nil: %w", s.Name, i, ErrInvalidSpec))
		}
	}
	if s.Zone == nil {
		errs = append(errs, fmt.Errorf("calendar %q: no time zone: %w", s.Name, ErrInvalidSpec))
	} else if isHostZone(s.Zone) {
		errs = append(errs, fmt.Errorf("calendar %q: the host's own zone is not allowed, name an IANA zone: %w", s.Name, ErrInvalidSpec))
	}
	if len(errs) > 0 {
		return Calendar{}, oneline.Join(errs...)
	}
	hols := append([]*cal.Holiday(nil), s.Holidays...)
	c := Calendar{name: s.Name, loc: s.Zone, z: zone.For(s.Zone), r: rs, base: build(hols, rs.work)}
	c.t = c.base.without(rs.closed)
	c.bt = c.newBT()
	return c, nil
}

// In returns the same holidays, weekend, closures and working hours in
// another time zone. Nil and the host's own zone are refused.
func (c Calendar) In(loc *time.Location) (Calendar, error) {
	if c.t == nil {
		return Calendar{}, ErrZeroCalendar
	}
	if loc == nil || isHostZone(loc) {
		return Calendar{}, fmt.Errorf("calendar %q: %w: name an IANA zone", c.name, ErrUnknownZone)
	}
	c.loc = loc
	c.z = zone.For(loc)
	c.bt = c.newBT()
	return c, nil
}

// isHostZone reports whether loc is the host's own zone, the *time.Location
// that time.Unix gives its results.
func isHostZone(loc *time.Location) bool {
	return loc == time.Unix(0, 0).Location() || loc.String() == "Local"
}

// Name returns the calendar's name: the shipped name, or Spec.Name.
func (c Calendar) Name() string { return c.name }

// Location returns the calendar's time zone (nil for the zero Calendar).
func (c Calendar) Location() *time.Location { return c.loc }

// IsValid reports whether c was built by Named, NamedWith, Default, New, In
// or WithHolidays.
func (c Calendar) IsValid() bool { return c.t != nil }

// String returns the name and zone, as "US in America/New_York".
func (c Calendar) String() string {
	if c.t == nil {
		return "Calendar(zero)"
	}
	return fmt.Sprintf("%s in %s", c.name, c.loc)
}

const secondsPerDay = 86400

// floorDiv is a / b rounded down, for b > 0.
func floorDiv(a, b int64) int64 {
	if a >= 0 {
		return int64(uint64(a) / uint64(b))
	}
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// instant is an instant read in the calendar's zone.
type instant struct {
	sec   int64 // Unix seconds
	ns    int   // nanoseconds in the second
	off   int   // the zone's offset at sec
	from  int64 // the offset holds on [from, until)
	until int64
	day   int // index of the local date from firstDay; may be out of range
}

// local is the wall-clock seconds since 1970-01-01 00:00 of the instant.
func (a instant) local() int64 { return a.sec + int64(a.off) }

// read reads t in the calendar's zone, without time's civil conversions.
func (c Calendar) read(t time.Time) instant {
	a := instant{sec: t.Unix(), ns: t.Nanosecond()}
	a.off, a.from, a.until = c.z.Offset(a.sec)
	a.day = int(floorDiv(a.local(), secondsPerDay)) - firstDay
	return a
}

// day returns the index of t's date in the calendar's zone.
func (c Calendar) day(t time.Time) (instant, error) {
	if c.t == nil {
		return instant{}, ErrZeroCalendar
	}
	a := c.read(t)
	if a.day < 0 || a.day >= endDay-firstDay {
		return instant{}, c.rangeError(dateOfIndex(a.day))
	}
	return a, nil
}

// dayIndex returns the index of t's date in the calendar's zone, checked.
func (c Calendar) dayIndex(t time.Time) (int, error) {
	sec := t.Unix()
	off, _, _ := c.z.Offset(sec)
	i := int(floorDiv(sec+int64(off), secondsPerDay)) - firstDay
	if uint(i) >= endDay-firstDay {
		return 0, c.rangeError(dateOfIndex(i))
	}
	return i, nil
}

// dateOfIndex returns the date of day index i.
func dateOfIndex(i int) Date {
	y, m, d := civilFromDays(i + firstDay)
	return Date{y, m, d}
}

func (c Calendar) rangeError(d Date) error {
	return fmt.Errorf("calendar %s: %s is outside the years %d-%d: %w", c.name, d, MinYear, MaxYear, ErrOutOfRange)
}

// IsBusinessDay reports whether t falls on a business day in the calendar's
// zone.
func (c Calendar) IsBusinessDay(t time.Time) (bool, error) {
	a, err := c.day(t)
	if err != nil {
		return false, err
	}
	return c.t.isBusiness(a.day), nil
}

// HolidayOn reports whether d is a holiday or a whole-day closure of the
// calendar, and its name: the holiday's name in rickar/cal's list, else the
// closure's name ("" when it has none). A weekend day that is neither, a date
// outside MinYear-MaxYear and the zero Calendar give ok false.
func (c Calendar) HolidayOn(d Date) (name string, ok bool) {
	if c.t == nil || !d.valid() {
		return "", false
	}
	hols := c.t.holidays[c.t.yearAt[d.Year-MinYear]:c.t.yearAt[d.Year-MinYear+1]]
	for _, h := range hols {
		if h.Date == d {
			return h.Name, true
		}
	}
	for _, cl := range c.r.closures {
		if cl.Date == d && cl.WholeDay() {
			return cl.Name, true
		}
	}
	return "", false
}

// AddBusinessDays returns the instant n business days after t (before t for
// negative n), as POLICY.md R4 words it: take t's date and wall-clock time in
// the calendar's zone; the result is the n-th business day strictly after that
// date (strictly before, for negative n) at the same wall-clock time, built
// as time.Date builds it, so a wall-clock time that does not exist that day
// normalises the way time.Date does. From a Saturday one business day later is
// Monday. n = 0 returns t unchanged.
//
// The result is in the calendar's zone. The walk never drifts across a DST
// change, and its cost does not grow with n. A start or result outside
// MinYear-MaxYear is an error wrapping ErrOutOfRange.
func (c Calendar) AddBusinessDays(t time.Time, n int) (time.Time, error) {
	if c.t == nil {
		return time.Time{}, ErrZeroCalendar
	}
	if n == 0 {
		return t, nil
	}
	sec, ns := t.Unix(), t.Nanosecond()
	off, from, until := c.z.Offset(sec)
	i := int(floorDiv(sec+int64(off), secondsPerDay)) - firstDay
	if uint(i) >= endDay-firstDay {
		return time.Time{}, c.rangeError(dateOfIndex(i))
	}
	var k int
	if n > 0 {
		// Business days up to and including t's date, then n more.
		r := c.t.rank(i + 1)
		if n > c.t.total-r {
			return time.Time{}, c.walkError(dateOfIndex(i), n)
		}
		k = r + n - 1
	} else {
		r := c.t.rank(i)
		if n < -r || n == math.MinInt {
			return time.Time{}, c.walkError(dateOfIndex(i), n)
		}
		k = r + n
	}
	target := c.t.sel(k)
	// The same wall-clock time target-i days later is the same offset moved
	// by whole days, unless the zone changes its offset near the result:
	// then time.Date decides, as R4 says.
	r := sec + int64(target-i)*secondsPerDay
	if r-2*secondsPerDay >= from && r+2*secondsPerDay < until {
		return time.Unix(r, int64(ns)).In(c.loc), nil
	}
	if off2, from2, until2 := c.z.Offset(r); off2 == off && r-2*secondsPerDay >= from2 && r+2*secondsPerDay < until2 {
		return time.Unix(r, int64(ns)).In(c.loc), nil
	}
	return c.dateAt(target, instant{sec: sec, ns: ns, off: off}), nil
}

// dateAt is time.Date of day index i at a's wall-clock time.
func (c Calendar) dateAt(i int, a instant) time.Time {
	y, m, dd := civilFromDays(i + firstDay)
	s := int(a.local() - floorDiv(a.local(), secondsPerDay)*secondsPerDay)
	return time.Date(y, m, dd, s/3600, s/60%60, s%60, a.ns, c.loc)
}

func (c Calendar) walkError(from Date, n int) error {
	return fmt.Errorf("calendar %s: %d business days from %s leave the years %d-%d: %w", c.name, n, from, MinYear, MaxYear, ErrOutOfRange)
}

// BusinessDaysBetween counts the business days stepped onto when walking by
// dates from a to b in the calendar's zone: the start date never counts, the
// end date does. Walking forward (b after a) it counts the business days in
// (a, b] and is positive or zero; walking backward it counts those in [b, a)
// and is negative or zero. Times of day are ignored.
//
// So BusinessDaysBetween(t, AddBusinessDays(t, n)) == n for every n, whenever
// the result's wall-clock time exists on its date.
func (c Calendar) BusinessDaysBetween(a, b time.Time) (int, error) {
	if c.t == nil {
		return 0, ErrZeroCalendar
	}
	i, err := c.dayIndex(a)
	if err != nil {
		return 0, err
	}
	j, err := c.dayIndex(b)
	if err != nil {
		return 0, err
	}
	if j >= i {
		return c.t.rank(j+1) - c.t.rank(i+1), nil
	}
	return c.t.rank(j) - c.t.rank(i), nil
}

// Holidays returns the observed holidays of the calendar's list in a year,
// in date order: the days the list takes off besides the weekend (some may
// fall on a weekend day themselves). Closures are not in it: they are in
// Rules, and HolidayOn names both. The slice is the caller's to keep.
func (c Calendar) Holidays(year int) ([]Holiday, error) {
	if c.t == nil {
		return nil, ErrZeroCalendar
	}
	if year < MinYear || year > MaxYear {
		return nil, fmt.Errorf("calendar %s: year %d is outside the years %d-%d: %w", c.name, year, MinYear, MaxYear, ErrOutOfRange)
	}
	i := year - MinYear
	return append([]Holiday(nil), c.t.holidays[c.t.yearAt[i]:c.t.yearAt[i+1]]...), nil
}
