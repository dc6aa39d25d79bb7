// Package rapidgen holds the rapid generators the tests of several packages
// share: instants, time zones and the names of the zones that stress
// calendars. It is imported only by tests.
package rapidgen

import (
	"time"

	"pgregory.net/rapid"
)

// Zones are IANA zones chosen to stress date arithmetic: no DST, DST in both
// hemispheres, DST that starts at midnight (America/Sao_Paulo before 2019,
// Atlantic/Azores), half-hour and 45-minute offsets, the date line.
var Zones = []string{
	"UTC", "America/New_York", "America/Los_Angeles", "Europe/London", "Europe/Berlin",
	"Asia/Tokyo", "Australia/Sydney", "America/Sao_Paulo", "Atlantic/Azores",
	"Asia/Kolkata", "Asia/Kathmandu", "Pacific/Chatham", "Pacific/Kiritimati",
	"Pacific/Apia", "America/Havana", "Asia/Tehran",
}

// Location draws one of Zones, loaded. Draw it with a label: rapid prints
// the zone's name.
func Location(t *rapid.T, label string) *time.Location {
	name := rapid.SampledFrom(Zones).Draw(t, label)
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("rapidgen: load %s: %v", name, err)
	}
	return loc
}

// Instant draws an instant between from and to (inclusive) with nanosecond
// precision, in UTC.
func Instant(from, to time.Time) *rapid.Generator[time.Time] {
	return rapid.Custom(func(t *rapid.T) time.Time {
		sec := rapid.Int64Range(from.Unix(), to.Unix()).Draw(t, "unix")
		ns := rapid.OneOf(rapid.Just(int64(0)), rapid.Int64Range(0, 999_999_999)).Draw(t, "nanos")
		return time.Unix(sec, ns).UTC()
	})
}
