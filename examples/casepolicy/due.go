package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/internal/jsonread"
)

const dueUsage = `usage: casepolicy due -from RFC3339 -days N [-calendar US] [-tz UTC] [-explain]
       casepolicy due -from RFC3339 -hours DURATION [-calendar US] [-tz UTC]
                      [-workhours 09:00-17:00] [-explain]
       casepolicy due ... -policies FILE

With -days, prints the instant N business days after -from (before it for
negative N) on the named holiday calendar, in the -tz zone (docs/POLICY.md
R4, R5): the same wall-clock time on the N-th business day strictly after
-from's date in that zone.

With -hours, prints the instant DURATION (a Go duration such as 16h or 90m;
negative walks back) of business time after -from: time counted only inside
the working hours of business days, in the -tz zone. -workhours sets the
working hours of every business day of the week, as spans separated by
commas (08:00-12:00,13:00-17:00); without it business days work all day.

-from is an RFC 3339 instant (2024-12-23T09:30:00+01:00) or a date alone
(2024-12-23), which is midnight in -tz. Output is RFC 3339 in -tz's offset,
with fractional seconds only when they are not zero. -explain writes on
standard error each day counted or skipped, and why.

With -policies FILE (a policy document, docs/CONTRACT.md), the calendar is the
default calendar of the version in force at -from: its holidays, zone,
weekend, closures and working hours. -calendar and -tz, when given, replace
its holidays and zone; -workhours replaces its working hours. A date alone in
-from is midnight in -tz, or in the version's zone without -tz.

Exit status: 0 on success; 1 when the answer falls outside the calendar's
years (%d-%d); 2 for wrong usage, an unknown calendar or zone, or a bad
value; 3 when the answer cannot be written.

Flags:
`

// dueRequest is what due computes, once its flags are checked.
type dueRequest struct {
	from    time.Time
	days    int           // with byHours false
	hours   time.Duration // with byHours true
	byHours bool
	explain bool
}

// strictString is a flag value that never fails while parsing, so that the
// flag package cannot repeat a bad value in its complaint: runDue checks it
// afterwards.
type strictString struct {
	s   string
	set bool
}

// String returns the value given.
func (v *strictString) String() string { return v.s }

// Set records s; it never fails.
func (v *strictString) Set(s string) error {
	v.s, v.set = s, true
	return nil
}

// boolValue is a bool flag that records a bad value instead of failing with
// it.
type boolValue struct {
	on, bad bool
}

// String returns "true" or "false".
func (v *boolValue) String() string { return strconv.FormatBool(v.on) }

// IsBoolFlag lets the flag be given without a value.
func (v *boolValue) IsBoolFlag() bool { return true }

// Set records s, or that it was not a boolean; it never fails.
func (v *boolValue) Set(s string) error {
	b, err := strconv.ParseBool(s)
	v.on, v.bad = b, v.bad || err != nil
	return nil
}

// runDue is the due subcommand: flags to a request and a calendar, then
// the answer. A -policies flag would make the calendar from a policy
// document instead of -calendar, -tz and -workhours, and call due the same
// way.
func runDue(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("due", flag.ContinueOnError)
	var from, days, hours, workhours strictString
	var explain boolValue
	fs.Var(&from, "from", "the start: an RFC 3339 instant, or a date alone for midnight in -tz (required)")
	fs.Var(&days, "days", "business days to add, a decimal integer; negative walks back (this or -hours)")
	fs.Var(&hours, "hours", "business time to add, a Go duration such as 16h; negative walks back (this or -days)")
	name := fs.String("calendar", "US", "holiday calendar: a name that 'casepolicy calendars' lists, such as US or AU-NSW")
	tz := fs.String("tz", "UTC", "IANA time zone of the calendar")
	fs.Var(&workhours, "workhours", "working hours of every business day, such as 09:00-17:00 or 08:00-12:00,13:00-17:00 (default all day)")
	fs.Var(&explain, "explain", "write each day counted or skipped, and why, on standard error")
	policies := policiesFlag(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), dueUsage, calendar.MinYear, calendar.MaxYear)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}

	var problems []string
	if fs.NArg() > 0 {
		problems = append(problems, "unexpected arguments after the flags")
	}
	var req dueRequest
	req.explain = explain.on
	if explain.bad {
		problems = append(problems, "-explain: not true or false")
	}
	switch {
	case days.set && hours.set:
		problems = append(problems, "-days and -hours: give one, not both")
	case !days.set && !hours.set:
		problems = append(problems, "-days or -hours is required")
	case days.set:
		n, err := parseDecimal(days.s)
		if err != nil {
			problems = append(problems, "-days: not a decimal integer")
		}
		req.days = n
	default:
		d, err := time.ParseDuration(hours.s)
		if err != nil {
			problems = append(problems, "-hours: not a duration such as 16h or 90m")
		}
		req.hours, req.byHours = d, true
	}
	var rules calendar.Rules
	if workhours.set {
		spans, err := calendar.ParseSpans(workhours.s)
		if err != nil {
			problems = append(problems, "-workhours: not HH:MM-HH:MM spans in order, separated by commas")
		} else {
			rules.WorkHours = everyDay(spans)
		}
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var c calendar.Calendar
	var calProblems []string
	if *policies != "" {
		set, code := loadPolicies("due", *policies, stderr)
		if code != 0 {
			return code
		}
		c, calProblems = policyCalendar(set, from.s, given, *name, *tz, rules)
	} else {
		c, calProblems = dueCalendar(*name, *tz, rules)
	}
	problems = append(problems, calProblems...)
	if !from.set {
		problems = append(problems, "-from is required")
	} else {
		loc := time.UTC
		if c.IsValid() {
			loc = c.Location()
		}
		t, err := parseFrom(from.s, loc)
		if err != nil {
			problems = append(problems, "-from: not RFC 3339 or a date")
		}
		req.from = t
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(stderr, "casepolicy due:", p)
		}
		fmt.Fprintln(stderr, "run 'casepolicy due -h' for usage")
		return 2
	}
	return due(req, c, stdout, stderr)
}

// policyCalendar is the default calendar of the version of set in force at
// from (read in UTC to find the version, then in its zone), with the flags
// given replacing its holidays, zone and working hours.
func policyCalendar(set escalation.Set, from string, given map[string]bool, name, tz string, rules calendar.Rules) (calendar.Calendar, []string) {
	at, err := parseFrom(from, time.UTC)
	if err != nil {
		return calendar.Calendar{}, nil // -from's own problem is reported by the caller
	}
	if !given["tz"] {
		if p, ok := set.At(at); ok {
			if at, err = parseFrom(from, p.Config().Calendar.Location()); err != nil {
				return calendar.Calendar{}, nil
			}
		}
	}
	p, ok := set.At(at)
	if !ok {
		return calendar.Calendar{}, []string{"-policies: no version of the document is in force at -from"}
	}
	base := p.Config().Calendar
	r := base.Rules()
	if rules.WorkHours != nil {
		r.WorkHours = rules.WorkHours
	}
	holidays, zone := base.HolidaysName(), base.Location().String()
	if given["calendar"] {
		holidays = name
	}
	if given["tz"] {
		zone = tz
	}
	return dueCalendar(holidays, zone, r)
}

// dueCalendar is the calendar the flags name. Its problems never repeat the
// values given.
func dueCalendar(name, tz string, rules calendar.Rules) (calendar.Calendar, []string) {
	c, err := calendar.NamedWith(name, tz, rules)
	if err == nil {
		return c, nil
	}
	var problems []string
	if errors.Is(err, calendar.ErrUnknownCalendar) {
		problems = append(problems, "-calendar: unknown calendar (run 'casepolicy calendars' for the list)")
	}
	if errors.Is(err, calendar.ErrUnknownZone) {
		problems = append(problems, "-tz: unknown time zone (name an IANA zone such as UTC or Europe/Paris)")
	}
	if errors.Is(err, calendar.ErrInvalidSpec) {
		problems = append(problems, "-workhours: not valid working hours")
	}
	return calendar.Calendar{}, problems
}

// everyDay gives each day of the week the spans; the weekend does not work
// whatever its hours.
func everyDay(spans []calendar.Span) *calendar.WorkHours {
	var h calendar.WorkHours
	for d := range h {
		h[d] = spans
	}
	return &h
}

// due computes the answer for req on c and writes it: exit 0, 1 when the
// answer leaves the calendar's years, 3 when stdout fails.
func due(req dueRequest, c calendar.Calendar, stdout, stderr io.Writer) int {
	var (
		at  time.Time
		err error
	)
	if req.byHours {
		at, err = c.AddBusinessTime(req.from, req.hours)
	} else {
		at, err = c.AddBusinessDays(req.from, req.days)
	}
	if errors.Is(err, calendar.ErrOutOfRange) {
		fmt.Fprintf(stderr, "casepolicy due: out of range: the start or the answer falls outside the calendar's years %d-%d\n", calendar.MinYear, calendar.MaxYear)
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "casepolicy due:", err)
		return 2
	}
	if req.explain {
		explainDue(req, c, at, stderr)
	}
	if _, err := io.WriteString(stdout, at.In(c.Location()).Format(time.RFC3339Nano)+"\n"); err != nil {
		fmt.Fprintln(stderr, "casepolicy due: cannot write the answer:", err)
		return 3
	}
	return 0
}

// explainDue writes one line per date from the start's to the answer's, in
// the direction walked: skipped and why (a holiday and its name, a closure,
// the weekend), or counted (with the business time it gave, for -hours).
func explainDue(req dueRequest, c calendar.Calendar, end time.Time, w io.Writer) {
	loc := c.Location()
	start := req.from.In(loc)
	end = end.In(loc)
	step := 1
	if end.Before(start) {
		step = -1
	}
	rules := c.Rules()
	weekend := map[time.Weekday]bool{time.Saturday: true, time.Sunday: true}
	if rules.Weekend != nil {
		weekend = map[time.Weekday]bool{}
		for _, d := range rules.Weekend {
			weekend[d] = true
		}
	}
	closed := map[calendar.Date]string{}
	for _, cl := range rules.Closures {
		if cl.WholeDay() {
			closed[cl.Date] = cl.Name
		}
	}
	holidays := map[calendar.Date]string{}
	year := 0
	first, last := dateOf(start), dateOf(end)
	count := 0
	for date := first; ; {
		if date.Year != year {
			year = date.Year
			hols, _ := c.Holidays(year)
			for _, h := range hols {
				holidays[h.Date] = h.Name
			}
		}
		line := date.String() + " " + date.Weekday().String()[:3] + " "
		hol, isHoliday := holidays[date]
		closure, isClosed := closed[date]
		switch {
		case isHoliday:
			line += "skipped: holiday " + hol
		case isClosed && closure != "":
			line += "skipped: closed (" + closure + ")"
		case isClosed:
			line += "skipped: closed"
		case weekend[date.Weekday()]:
			line += "skipped: weekend"
		case req.byHours:
			lo := time.Date(date.Year, date.Month, date.Day, 0, 0, 0, 0, loc)
			hi := time.Date(date.Year, date.Month, date.Day+1, 0, 0, 0, 0, loc)
			a, b := maxTime(lo, minTime(start, end)), minTime(hi, maxTime(start, end))
			worked, _ := c.BusinessTimeBetween(a, b)
			line += "counted " + worked.String()
		case date == first:
			line += "start, not counted"
		default:
			count += step
			line += fmt.Sprintf("counted (%d)", count)
		}
		fmt.Fprintln(w, line)
		if date == last {
			return
		}
		t := time.Date(date.Year, date.Month, date.Day+step, 12, 0, 0, 0, time.UTC)
		date = dateOf(t)
	}
}

func dateOf(t time.Time) calendar.Date {
	y, m, d := t.Date()
	return calendar.Date{Year: y, Month: m, Day: d}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

var (
	decimal  = regexp.MustCompile(`^[+-]?[0-9]{1,19}$`)
	dateOnly = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

// parseDecimal parses a decimal integer: no 0x, 0o, 0b or _ as Go's own
// syntax would take.
func parseDecimal(s string) (int, error) {
	if !decimal.MatchString(s) {
		return 0, errors.New("not decimal")
	}
	n, err := strconv.ParseInt(s, 10, 0)
	return int(n), err
}

func isDateOnly(s string) bool { return dateOnly.MatchString(s) }

// parseFrom parses -from with the one time parser of every decoder
// (jsonread.ParseTime: strict RFC 3339, offsets of at most 23:59, at most nine
// fractional digits, t and z in either case), or a date alone, midnight in
// loc.
func parseFrom(s string, loc *time.Location) (time.Time, error) {
	if isDateOnly(s) {
		return time.ParseInLocation(time.DateOnly, s, loc)
	}
	t, problem := jsonread.ParseTime([]byte(s))
	if problem != "" {
		return time.Time{}, errors.New(problem)
	}
	return t, nil
}
