// Package calendar answers business-day questions on holiday calendars: is
// this instant on a business day, what instant is N business days later or
// earlier, how many business days lie between two instants, and which
// holidays a year observes. RCA due dates (docs/POLICY.md R2-R5) are computed on
// it.
//
// A Calendar binds a holiday list to an IANA time zone. Named returns any list
// github.com/rickar/cal/v2 ships, by ISO 3166-1 code ("US", "GB", "JP") or
// subdivision ("AU-NSW", "DE-BY"; Catalog says what each covers); New builds
// one from the user's own cal.Holiday values. Business days are the days that
// are neither weekend days nor the observed date of a holiday in the list,
// whatever its observance type: exactly the days rickar/cal's
// BusinessCalendar.WorkdaysFrom skips.
//
// NamedWith adds a vendor's own Rules to a shipped list: another weekend,
// closures (its own non-working days and part days, on top of the holidays)
// and working hours per day of the week. A whole-day closure is not a
// business day; a part-day closure only takes its hours out of working time.
// Rules change nothing else: a calendar without them answers exactly as
// before.
//
// # Why not rickar/cal directly
//
// rickar/cal answers for the date an instant has in whatever *time.Location
// it carries, computes holidays at midnight in cal.DefaultLoc (the host's own
// zone, where a midnight DST change can move a holiday a day early), walks day
// by day recomputing every holiday of the year, lets the time of day drift an
// hour when a walk crosses a DST change, and its optional cache is not safe
// for concurrent use. This package:
//
//   - reads every instant in the calendar's zone first, so the same instant
//     gives the same answer whatever zone it is expressed in;
//   - builds, once per list, an immutable table of the business days from
//     1 January MinYear to 31 December MaxYear, correcting rickar/cal's
//     midnights so the table is the same on every host;
//   - answers with rank and select over that table: cost does not grow with
//     the number of days, and nothing allocates;
//   - keeps the wall-clock time across DST changes (docs/POLICY.md R4).
//
// A Calendar is an immutable value, safe for concurrent use. Shipped tables
// are built on first use of their name and shared afterwards.
//
// # Conventions
//
// AddBusinessDays(t, n) is the n-th business day strictly after t's date
// (strictly before, for negative n), at t's wall-clock time; n = 0 returns t.
// BusinessDaysBetween(a, b) counts the business days stepped onto walking from
// a's date to b's: the start never counts, the end does, and the sign is the
// direction. So BusinessDaysBetween(t, AddBusinessDays(t, n)) == n.
//
// # Business time
//
// Business time is elapsed time spent inside working hours. An instant is
// working time when its date in the calendar's zone is a business day and
// its wall-clock time there lies inside one of that date's working spans
// (WorkHours for its day of the week, all day when the Rules have none) and
// outside the date's part-day closures. Spans are half-open, [From, Until):
// 09:00-17:00 holds 09:00 and not 17:00.
//
// AddBusinessTime(t, d) is the instant at which d of working time has
// elapsed after t; BusinessTimeBetween(a, b) is the working time between two
// instants, signed. So BusinessTimeBetween(t, AddBusinessTime(t, d)) == d
// for every t and d, to the nanosecond.
//
//   - A start outside working time counts from the next working instant
//     (from the previous one, for negative d).
//   - A result reached exactly at the end of a span is that end (17:00), not
//     the next span's start; walking back, a result reached exactly at the
//     start of a span is that start.
//   - d = 0 returns t unchanged; NextBusinessTime(t) is t itself when t is
//     working time.
//
// Spans are taken in wall-clock time and measured in elapsed time, so a
// day's working time follows the zone's DST changes exactly. Where the
// clock skips an hour, the skipped wall-clock times do not exist and count
// nothing: on 10 March 2024 in New York 00:30-03:30 holds two hours, and
// 02:00-03:00 none. Where the clock repeats an hour, both passes are inside
// the span and count: on 3 November 2024 00:30-03:30 holds four hours and
// 01:00-02:00 two. An all-day business day holds 23 or 25 hours on those
// days.
//
// Every answer costs the same for any d: the working time of each day from
// MinYear to MaxYear is summed once per calendar (a few milliseconds, on the
// first business-time question, shared between Named calendars of the same
// list and zone), and a question reads two prefix sums and the one or few
// days at its ends. Days near a zone's offset change are worked out from the
// zone's change table rather than from a day length. Nothing allocates.
//
// # Errors
//
// Named reports an unknown name (ErrUnknownCalendar) and an unknown, empty or
// "Local" zone (ErrUnknownZone), both at once when both are wrong, with
// a one-line join (errors.Is sees each); NamedWith adds each problem of its Rules (ErrInvalidSpec),
// named by position and never repeating the values given. ParseClock and
// ParseSpan errors wrap ErrInvalidSpec too. Any computation that needs a date outside MinYear-MaxYear
// returns an error wrapping ErrOutOfRange. New returns errors wrapping
// ErrInvalidSpec; methods of the zero Calendar return ErrZeroCalendar.
package calendar
