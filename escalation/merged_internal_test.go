package escalation

import (
	"strconv"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
)

// A policy with calendar rules remembers at most maxMerged merged calendars
// (each holds tables of about a megabyte, and the names come from input),
// and decides the same for a case whose calendar it no longer keeps.
func TestMergedCalendarsAreBounded(t *testing.T) {
	cfg := V20240118().Config()
	cal, err := calendar.NamedWith("US", "UTC", calendar.Rules{Closures: []calendar.Closure{{Date: calendar.Date{Year: 2024, Month: time.March, Day: 20}, Name: "Offsite"}}})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Calendar = cal
	p, err := NewPolicy(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if p.merged == nil {
		t.Fatal("a policy with closures keeps no memo of merged calendars")
	}
	for h := range 2*maxMerged + 5 {
		loc := time.FixedZone("Z"+strconv.Itoa(h), (h%24-12)*3600+h/24*60)
		own, err := calendar.Named("US", "UTC")
		if err != nil {
			t.Fatal(err)
		}
		own, err = own.In(loc)
		if err != nil {
			t.Fatal(err)
		}
		c := &Case{Calendar: own}
		got, err := p.mergedCalendar(c)
		if err != nil {
			t.Fatal(err)
		}
		if got.Location().String() != loc.String() {
			t.Fatalf("merged calendar %d is in %v, want %v", h, got.Location(), loc)
		}
		if n := len(p.merged.m); n > maxMerged {
			t.Fatalf("after %d cases the policy keeps %d merged calendars, want at most %d", h+1, n, maxMerged)
		}
	}
	if n := len(p.merged.m); n != maxMerged {
		t.Errorf("the policy keeps %d merged calendars, want %d: the first ones are remembered", n, maxMerged)
	}
}
