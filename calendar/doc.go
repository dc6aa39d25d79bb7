// Package calendar answers business-day questions on holiday calendars: is
// this instant on a business day, what instant is N business days later or
// earlier, how many business days lie between two instants, and which
// holidays a year observes. RCA due dates (docs/POLICY.md R2-R5) are computed on
// it.
//
// A Calendar binds a holiday list to an IANA time zone. Named returns any list
// github.com/rickar/cal/v2 ships, by ISO 3166-1 code ("US", "GB", "JP") or
// subdivision ("AU-NSW", "DE-BY"); New builds one from the user's own
// cal.Holiday values and weekend days. Business days are the days that are
// neither weekend days nor the observed date of a holiday in the list,
// whatever its observance type: exactly the days rickar/cal's
// BusinessCalendar.WorkdaysFrom skips.
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
// # Errors
//
// Named reports an unknown name (ErrUnknownCalendar) and an unknown, empty or
// "Local" zone (ErrUnknownZone), both at once when both are wrong, with
// errors.Join. Any computation that needs a date outside MinYear-MaxYear
// returns an error wrapping ErrOutOfRange. New returns errors wrapping
// ErrInvalidSpec; methods of the zero Calendar return ErrZeroCalendar.
package calendar
