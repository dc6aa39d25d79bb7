package calendar

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/casepolicy/casepolicy/internal/oneline"
)

// Clock is a wall-clock time of day in minutes after midnight, from 0
// (00:00) to 1440 (24:00, the end of the day). The zero Clock is midnight.
type Clock int32

// Midnight and EndOfDay are the first and last Clock values.
const (
	Midnight Clock = 0
	EndOfDay Clock = 24 * 60
)

// ParseClock parses a wall-clock time written exactly as HH:MM, from 00:00 to
// 24:00. Errors wrap ErrInvalidSpec and do not repeat the input.
func ParseClock(s string) (Clock, error) {
	if len(s) != 5 || s[2] != ':' || !isDigit(s[0]) || !isDigit(s[1]) || !isDigit(s[3]) || !isDigit(s[4]) {
		return 0, fmt.Errorf("clock: not HH:MM: %w", ErrInvalidSpec)
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if m > 59 || h > 24 || h == 24 && m != 0 {
		return 0, fmt.Errorf("clock: not a time of day between 00:00 and 24:00: %w", ErrInvalidSpec)
	}
	return Clock(h*60 + m), nil
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// String returns the clock as HH:MM ("09:00", "24:00").
func (c Clock) String() string {
	if c < 0 || c > EndOfDay {
		return fmt.Sprintf("Clock(%d)", int32(c))
	}
	return fmt.Sprintf("%02d:%02d", c/60, c%60)
}

// MarshalText writes the clock as HH:MM; a Clock outside 00:00-24:00 is an
// error wrapping ErrInvalidSpec.
func (c Clock) MarshalText() ([]byte, error) {
	if !c.valid() {
		return nil, fmt.Errorf("clock: not a time of day between 00:00 and 24:00: %w", ErrInvalidSpec)
	}
	return []byte(c.String()), nil
}

// UnmarshalText reads a clock as ParseClock does.
func (c *Clock) UnmarshalText(b []byte) error {
	v, err := ParseClock(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// valid reports whether c is a Clock from 00:00 to 24:00.
func (c Clock) valid() bool { return 0 <= c && c <= EndOfDay }

// Span is a wall-clock interval of a day, [From, Until): From is in it, Until
// is not. A valid Span has From < Until.
type Span struct {
	From, Until Clock
}

// ParseSpan parses a span written as HH:MM-HH:MM ("09:00-17:00"; Until may
// be 24:00). From must be before Until. Errors wrap ErrInvalidSpec and do not
// repeat the input.
func ParseSpan(s string) (Span, error) {
	if len(s) != 11 || s[5] != '-' {
		return Span{}, fmt.Errorf("span: not HH:MM-HH:MM: %w", ErrInvalidSpec)
	}
	from, err := ParseClock(s[:5])
	if err != nil {
		return Span{}, fmt.Errorf("span start: %w", err)
	}
	until, err := ParseClock(s[6:])
	if err != nil {
		return Span{}, fmt.Errorf("span end: %w", err)
	}
	sp := Span{from, until}
	if err := sp.check(); err != nil {
		return Span{}, err
	}
	return sp, nil
}

// ParseSpans parses comma-separated spans in order, as
// "08:00-12:00,13:00-17:00": sorted and not overlapping, as WorkHours wants
// them.
func ParseSpans(s string) ([]Span, error) {
	var out []Span
	for i, part := range strings.Split(s, ",") {
		sp, err := ParseSpan(part)
		if err != nil {
			return nil, fmt.Errorf("span %d: %w", i+1, err)
		}
		if len(out) > 0 && sp.From < out[len(out)-1].Until {
			return nil, fmt.Errorf("span %d: starts before the previous one ends: %w", i+1, ErrInvalidSpec)
		}
		out = append(out, sp)
	}
	return out, nil
}

func (s Span) check() error {
	if !s.From.valid() || !s.Until.valid() {
		return fmt.Errorf("span: a time outside 00:00-24:00: %w", ErrInvalidSpec)
	}
	if s.From >= s.Until {
		return fmt.Errorf("span: does not end after it starts: %w", ErrInvalidSpec)
	}
	return nil
}

// String returns the span as HH:MM-HH:MM.
func (s Span) String() string { return s.From.String() + "-" + s.Until.String() }

// MarshalText writes the span as HH:MM-HH:MM; an invalid span is an error
// wrapping ErrInvalidSpec.
func (s Span) MarshalText() ([]byte, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads a span as ParseSpan does.
func (s *Span) UnmarshalText(b []byte) error {
	v, err := ParseSpan(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Closure is a day or part of a day a vendor does not work, on top of its
// holiday list. From and Until are wall-clock times on Date in the calendar's
// zone; Until 0 means 24:00, so From 0 and Until 0 close the whole day, From
// 12:00 alone closes the afternoon and Until 10:00 alone the morning.
//
// A whole-day closure takes the date out of the business days
// (AddBusinessDays and BusinessDaysBetween skip it). A part-day closure
// leaves the date a business day and takes only [From, Until) out of its
// working hours.
type Closure struct {
	Date Date
	// Name says why ("Christmas Eve", "company offsite"); it may be empty.
	Name        string
	From, Until Clock
}

// WholeDay reports whether the closure closes the whole day: From 00:00 and
// Until 00:00 or 24:00.
func (c Closure) WholeDay() bool { return c.From == 0 && (c.Until == 0 || c.Until == EndOfDay) }

// span returns the closed part of the day.
func (c Closure) span() Span {
	u := c.Until
	if u == 0 {
		u = EndOfDay
	}
	return Span{c.From, u}
}

// String returns the closure as "2024-12-24 12:00-24:00 Christmas Eve", or
// the date and name alone for a whole day.
func (c Closure) String() string {
	s := c.Date.String()
	if !c.WholeDay() {
		s += " " + c.span().String()
	}
	if c.Name != "" {
		s += " " + c.Name
	}
	return s
}

// maxSpans bounds the spans of a day, so that working out a day's working
// time needs no allocation.
const maxSpans = 48

// WorkHours are the working hours of each day of the week, indexed by
// time.Weekday: the spans of each day sorted and not overlapping. A day with
// no spans has no working time.
type WorkHours [7][]Span

// Rules are a vendor's own additions to a holiday list: which days are the
// weekend, the days or parts of days it is closed, and its working hours.
// The zero Rules are the shipped calendars' own: Saturday and Sunday off, no
// closures, every business day worked all day.
type Rules struct {
	// Weekend lists the days of the week that are never business days. Nil
	// means Saturday and Sunday; an empty, non-nil slice means none. It
	// cannot hold all seven.
	Weekend []time.Weekday
	// Closures are the vendor's own non-working days and part days, in any
	// order; several on one date add up.
	Closures []Closure
	// WorkHours, when set, are the working hours of each day of the week:
	// business time is elapsed time inside them on business days, and a day
	// with no spans has none. Nil means every business day works all day.
	WorkHours *WorkHours
}

// rules is the immutable, checked form of Rules a Calendar keeps.
type rules struct {
	weekend  []time.Weekday // sorted, no repeats; nil: the default
	work     [7]bool
	closures []Closure // sorted by date, then From
	hours    *WorkHours
	// derived
	spans   [7][]Span  // each weekday's working spans
	special []daySpans // dates with a part-day closure: their spans, by day
	closed  []int32    // day indexes of whole-day closures, ascending
}

type daySpans struct {
	day   int32
	spans []Span
}

var allDay = []Span{{0, EndOfDay}}

// defaultRules are the zero Rules, checked.
var defaultRules = func() *rules {
	r, err := compileRules(Rules{})
	if err != nil {
		panic(err)
	}
	return r
}()

// compileRules checks r and returns its immutable form, or every problem at
// once, each wrapping ErrInvalidSpec. Messages name the problem and where it
// is (by position), never the values.
func compileRules(in Rules) (*rules, error) {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf(format+": %w", append(a, ErrInvalidSpec)...))
	}
	r := &rules{work: [7]bool{true, true, true, true, true, true, true}}
	if in.Weekend == nil {
		r.work[time.Saturday], r.work[time.Sunday] = false, false
	} else {
		r.weekend = []time.Weekday{}
		for i, d := range in.Weekend {
			if d < time.Sunday || d > time.Saturday {
				bad("weekend entry %d is not a day of the week", i+1)
				continue
			}
			r.work[d] = false
		}
		for d := time.Sunday; d <= time.Saturday; d++ {
			if !r.work[d] {
				r.weekend = append(r.weekend, d)
			}
		}
		if len(r.weekend) == 2 && r.weekend[0] == time.Sunday && r.weekend[1] == time.Saturday {
			r.weekend = nil // the default, said explicitly
		}
	}
	if r.work == [7]bool{} {
		bad("every day is a weekend day")
	}
	if in.WorkHours != nil {
		h := new(WorkHours)
		for d, spans := range in.WorkHours {
			if len(spans) > maxSpans {
				bad("work hours of %s: more than %d spans", time.Weekday(d), maxSpans)
				continue
			}
			for i, s := range spans {
				if err := s.check(); err != nil {
					bad("work hours of %s, span %d: not a valid span", time.Weekday(d), i+1)
				} else if i > 0 && s.From < spans[i-1].Until {
					bad("work hours of %s, span %d: not after the span before it", time.Weekday(d), i+1)
				}
			}
			h[d] = slices.Clone(spans)
		}
		r.hours = h
		r.spans = *h
	} else {
		for d := range r.spans {
			r.spans[d] = allDay
		}
	}
	for i, c := range in.Closures {
		if !c.Date.valid() {
			bad("closure %d: not a date from %d to %d", i+1, MinYear, MaxYear)
		}
		if !c.From.valid() || !c.Until.valid() || c.From >= c.span().Until {
			bad("closure %d: from and until do not make a part of the day", i+1)
		}
	}
	if len(errs) > 0 {
		return nil, oneline.Join(errs...)
	}
	r.closures = slices.Clone(in.Closures)
	slices.SortStableFunc(r.closures, func(a, b Closure) int {
		if c := a.Date.compare(b.Date); c != 0 {
			return c
		}
		return int(a.From - b.From)
	})
	for i := 0; i < len(r.closures); {
		day := r.closures[i].Date.index()
		j := i
		whole := false
		for j < len(r.closures) && r.closures[j].Date == r.closures[i].Date {
			whole = whole || r.closures[j].WholeDay()
			j++
		}
		if whole {
			r.closed = append(r.closed, int32(day))
		} else {
			spans := r.spans[weekdayOf(day+firstDay)]
			for _, c := range r.closures[i:j] {
				spans = subtract(spans, c.span())
			}
			r.special = append(r.special, daySpans{int32(day), spans})
		}
		i = j
	}
	return r, nil
}

// subtract returns the parts of spans outside cut, in a new slice.
func subtract(spans []Span, cut Span) []Span {
	out := make([]Span, 0, len(spans)+1)
	for _, s := range spans {
		if s.Until <= cut.From || s.From >= cut.Until {
			out = append(out, s)
			continue
		}
		if s.From < cut.From {
			out = append(out, Span{s.From, cut.From})
		}
		if s.Until > cut.Until {
			out = append(out, Span{cut.Until, s.Until})
		}
	}
	return out
}

// spansOn returns the working spans of day index i, a business day.
func (r *rules) spansOn(i int) []Span {
	if len(r.special) > 0 {
		k, ok := slices.BinarySearchFunc(r.special, int32(i), func(d daySpans, t int32) int { return int(d.day - t) })
		if ok {
			return r.special[k].spans
		}
	}
	return r.spans[weekdayOf(i+firstDay)]
}

// public returns the Rules r was compiled from, as a copy.
func (r *rules) public() Rules {
	out := Rules{Closures: slices.Clone(r.closures)}
	if r.weekend != nil {
		out.Weekend = slices.Clone(r.weekend)
	}
	if r.hours != nil {
		h := new(WorkHours)
		for d := range r.hours {
			h[d] = slices.Clone(r.hours[d])
		}
		out.WorkHours = h
	}
	return out
}

// equal reports whether r and s are the same rules.
func (r *rules) equal(s *rules) bool {
	if r == s {
		return true
	}
	if r.work != s.work || (r.hours == nil) != (s.hours == nil) || !slices.Equal(r.closures, s.closures) {
		return false
	}
	if r.hours != nil {
		for d := range r.hours {
			if !slices.Equal(r.hours[d], s.hours[d]) {
				return false
			}
		}
	}
	return true
}

// valid reports whether d is a real date from MinYear to MaxYear.
func (d Date) valid() bool {
	if d.Year < MinYear || d.Year > MaxYear || d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

// index returns the day index of d from firstDay.
func (d Date) index() int { return daysFromCivil(d.Year, d.Month, d.Day) - firstDay }

func (d Date) compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return d.Year - e.Year
	case d.Month != e.Month:
		return int(d.Month - e.Month)
	}
	return d.Day - e.Day
}
