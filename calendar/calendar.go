package calendar

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"sync"
	"time"

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

// Calendar is a business calendar: a holiday list and weekend bound to a time
// zone. Business days are the days that are neither weekend days nor observed
// holidays. Every question is answered for the instant's date in the
// calendar's zone, so the *time.Location an input carries never changes an
// answer, and neither does the host's zone.
//
// A Calendar is a small immutable value, safe to copy and to use from many
// goroutines at once. The zero Calendar is not valid: its methods return
// ErrZeroCalendar. Build one with Named, Default or New.
type Calendar struct {
	name string
	loc  *time.Location
	t    *table
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
// "ECB" (the European Central Bank's TARGET days).
func Names() []string {
	out := make([]string, len(shipped))
	for i := range shipped {
		out[i] = shipped[i].name
	}
	return out
}

// Named returns the shipped calendar called name (see Names; the match is
// exact, "us" is not "US") in the IANA time zone called zone. The empty zone
// and "Local" are refused.
//
// The first use of each name builds its table (about a millisecond); later
// uses share it.
func Named(name, zoneName string) (Calendar, error) {
	i, ok := lookup(name)
	var errs []error
	if !ok {
		errs = append(errs, fmt.Errorf("calendar %q: %w", name, ErrUnknownCalendar))
	}
	loc, err := zone.Load(zoneName)
	if err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return Calendar{}, errors.Join(errs...)
	}
	return Calendar{name: name, loc: loc, t: shippedTable(i)}, nil
}

// Default returns the calendar used when a case names none: US holidays in
// UTC.
func Default() Calendar {
	i, _ := lookup("US")
	return Calendar{name: "US", loc: time.UTC, t: shippedTable(i)}
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
	// Zone is the calendar's time zone. Nil and the host's own zone are
	// refused.
	Zone *time.Location
}

// New builds a calendar from a Spec. It reports every problem of the spec at
// once, each wrapping ErrInvalidSpec.
func New(s Spec) (Calendar, error) {
	var errs []error
	work := [7]bool{true, true, true, true, true, true, true}
	if s.Weekend == nil {
		work[time.Saturday], work[time.Sunday] = false, false
	}
	for _, d := range s.Weekend {
		if d < time.Sunday || d > time.Saturday {
			errs = append(errs, fmt.Errorf("calendar %q: weekend day %d: %w", s.Name, int(d), ErrInvalidSpec))
			continue
		}
		work[d] = false
	}
	if work == [7]bool{} {
		errs = append(errs, fmt.Errorf("calendar %q: every day is a weekend day: %w", s.Name, ErrInvalidSpec))
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
		return Calendar{}, errors.Join(errs...)
	}
	hols := append([]*cal.Holiday(nil), s.Holidays...)
	return Calendar{name: s.Name, loc: s.Zone, t: build(hols, work)}, nil
}

// In returns the same holidays and weekend in another time zone. Nil and the
// host's own zone are refused.
func (c Calendar) In(loc *time.Location) (Calendar, error) {
	if c.t == nil {
		return Calendar{}, ErrZeroCalendar
	}
	if loc == nil || isHostZone(loc) {
		return Calendar{}, fmt.Errorf("calendar %q: %w: name an IANA zone", c.name, ErrUnknownZone)
	}
	c.loc = loc
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

// IsValid reports whether c was built by Named, Default, New or In.
func (c Calendar) IsValid() bool { return c.t != nil }

// String returns the name and zone, as "US in America/New_York".
func (c Calendar) String() string {
	if c.t == nil {
		return "Calendar(zero)"
	}
	return fmt.Sprintf("%s in %s", c.name, c.loc)
}

// day returns the index of t's date in the calendar's zone.
func (c Calendar) day(t time.Time) (idx int, d Date, err error) {
	if c.t == nil {
		return 0, Date{}, ErrZeroCalendar
	}
	y, m, dd := t.In(c.loc).Date()
	idx = daysFromCivil(y, m, dd) - firstDay
	if idx < 0 || idx >= endDay-firstDay {
		return 0, Date{}, c.rangeError(Date{y, m, dd})
	}
	return idx, Date{y, m, dd}, nil
}

func (c Calendar) rangeError(d Date) error {
	return fmt.Errorf("calendar %s: %s is outside the years %d-%d: %w", c.name, d, MinYear, MaxYear, ErrOutOfRange)
}

// IsBusinessDay reports whether t falls on a business day in the calendar's
// zone.
func (c Calendar) IsBusinessDay(t time.Time) (bool, error) {
	i, _, err := c.day(t)
	if err != nil {
		return false, err
	}
	return c.t.isBusiness(i), nil
}

// AddBusinessDays returns the instant n business days after t (before t for
// negative n), as POLICY.md R4 words it: take t's date and wall-clock time in
// the calendar's zone; the result is the n-th business day strictly after that
// date (strictly before, for negative n) at the same wall-clock time, built
// once with time.Date, so a wall-clock time that does not exist that day
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
	i, d, err := c.day(t)
	if err != nil {
		return time.Time{}, err
	}
	var k int
	if n > 0 {
		// Business days up to and including t's date, then n more.
		r := c.t.rank(i + 1)
		if n > c.t.total-r {
			return time.Time{}, c.walkError(d, n)
		}
		k = r + n - 1
	} else {
		r := c.t.rank(i)
		if n < -r || n == math.MinInt {
			return time.Time{}, c.walkError(d, n)
		}
		k = r + n
	}
	y, m, dd := civilFromDays(c.t.sel(k) + firstDay)
	lt := t.In(c.loc)
	hh, mm, ss := lt.Clock()
	return time.Date(y, m, dd, hh, mm, ss, lt.Nanosecond(), c.loc), nil
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
	i, _, err := c.day(a)
	if err != nil {
		return 0, err
	}
	j, _, err := c.day(b)
	if err != nil {
		return 0, err
	}
	if j >= i {
		return c.t.rank(j+1) - c.t.rank(i+1), nil
	}
	return c.t.rank(j) - c.t.rank(i), nil
}

// Holidays returns the observed holidays of a year, in date order: the days
// the calendar skips besides its weekend (some may fall on a weekend day
// themselves). The slice is the caller's to keep.
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
