package calendar

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// FuzzNamed feeds calendar and zone names from outside: no panic; an unknown
// calendar is named in the error; a success reports its name back and its
// arithmetic lands on business days or fails with ErrOutOfRange.
func FuzzNamed(f *testing.F) {
	for _, s := range [][2]string{{"US", "UTC"}, {"AU-NSW", "Australia/Sydney"}, {"us", "Local"}, {"", ""}, {"GB", "../etc/passwd"}, {"DE-BY", "Europe/Berlin\x00"}} {
		f.Add(s[0], s[1], int64(1720180800), 5)
	}
	f.Fuzz(func(t *testing.T, name, zoneName string, unix int64, n int) {
		c, err := Named(name, zoneName)
		if err != nil {
			if !errors.Is(err, ErrUnknownCalendar) && !errors.Is(err, ErrUnknownZone) {
				t.Fatalf("Named(%q, %q): unexpected error kind %v", name, zoneName, err)
			}
			if errors.Is(err, ErrUnknownCalendar) && !strings.Contains(err.Error(), fmt.Sprintf("%q", name)) {
				t.Fatalf("error %q does not name calendar %q", err, name)
			}
			return
		}
		if c.Name() != name {
			t.Fatalf("Named(%q).Name() = %q", name, c.Name())
		}
		at := time.Unix(unix, 0)
		got, err := c.AddBusinessDays(at, n)
		if err != nil {
			if !errors.Is(err, ErrOutOfRange) {
				t.Fatalf("AddBusinessDays: %v", err)
			}
			return
		}
		if n != 0 && wallClockKept(at, got, c.Location()) {
			if ok, _ := c.IsBusinessDay(got); !ok {
				t.Fatalf("AddBusinessDays(%v, %d) = %v is not a business day", at, n, got)
			}
		}
	})
}
