package calendar

import (
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/internal/rapidgen"
	"pgregory.net/rapid"
)

var (
	rangeStart = time.Date(MinYear+2, 1, 1, 0, 0, 0, 0, time.UTC)
	rangeEnd   = time.Date(MaxYear-2, 12, 31, 0, 0, 0, 0, time.UTC)
)

type draw struct {
	c    Calendar
	at   time.Time
	n    int
	zone *time.Location
}

func drawCase(t *rapid.T) draw {
	name := rapid.SampledFrom(Names()).Draw(t, "calendar")
	loc := rapidgen.Location(t, "calendar zone")
	c, err := Named(name, loc.String())
	if err != nil {
		t.Fatal(err)
	}
	return draw{
		c:    c,
		at:   rapidgen.Instant(rangeStart, rangeEnd).Draw(t, "from"),
		n:    rapid.IntRange(-300, 300).Draw(t, "n"),
		zone: rapidgen.Location(t, "input zone"),
	}
}

// wallClockKept reports whether got shows the wall-clock time of from, both
// read in loc.
func wallClockKept(from, got time.Time, loc *time.Location) bool {
	fh, fm, fs := from.In(loc).Clock()
	gh, gm, gs := got.In(loc).Clock()
	return fh == gh && fm == gm && fs == gs && from.Nanosecond() == got.Nanosecond()
}

func TestPropertyAddIsDeterministicAndZoneInvariant(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := drawCase(t)
		a, errA := d.c.AddBusinessDays(d.at, d.n)
		b, errB := d.c.AddBusinessDays(d.at.In(d.zone), d.n)
		if (errA == nil) != (errB == nil) {
			t.Fatalf("errors differ by input zone: %v vs %v", errA, errB)
		}
		if errA == nil && !a.Equal(b) && d.n != 0 {
			t.Fatalf("same instant, input zones UTC and %s: %v vs %v", d.zone, a, b)
		}
		again, _ := d.c.AddBusinessDays(d.at, d.n)
		if !again.Equal(a) {
			t.Fatalf("not deterministic: %v then %v", a, again)
		}
		okA, _ := d.c.IsBusinessDay(d.at)
		okB, _ := d.c.IsBusinessDay(d.at.In(d.zone))
		if okA != okB {
			t.Fatalf("IsBusinessDay depends on the input's zone")
		}
	})
}

func TestPropertyStepLandsOnBusinessDayAtSameWallClock(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := drawCase(t)
		if d.n == 0 {
			d.n = 1
		}
		got, err := d.c.AddBusinessDays(d.at, d.n)
		if err != nil {
			t.Fatal(err)
		}
		loc := d.c.Location()
		if !wallClockKept(d.at, got, loc) {
			// Only a wall-clock time that does not exist on the result's date
			// may move, and then exactly as time.Date moves it.
			y, m, dd := got.In(loc).Date()
			h, mi, s := d.at.In(loc).Clock()
			for _, day := range []int{dd, dd + 1, dd - 1} {
				probe := time.Date(y, m, day, h, mi, s, d.at.Nanosecond(), loc)
				if probe.Equal(got) {
					return
				}
			}
			t.Fatalf("wall clock drifted: from %v to %v in %s", d.at.In(loc), got.In(loc), loc)
		}
		if ok, _ := d.c.IsBusinessDay(got); !ok {
			t.Fatalf("AddBusinessDays(%v, %d) = %v, not a business day", d.at, d.n, got)
		}
		if d.n > 0 && !got.After(d.at) || d.n < 0 && !got.Before(d.at) {
			t.Fatalf("AddBusinessDays(%v, %d) = %v went the wrong way", d.at, d.n, got)
		}
	})
}

func TestPropertyBetweenInvertsAdd(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := drawCase(t)
		got, err := d.c.AddBusinessDays(d.at, d.n)
		if err != nil {
			t.Fatal(err)
		}
		if !wallClockKept(d.at, got, d.c.Location()) {
			t.Skip("wall-clock time does not exist on the result's date")
		}
		n, err := d.c.BusinessDaysBetween(d.at, got)
		if err != nil {
			t.Fatal(err)
		}
		if n != d.n {
			t.Fatalf("BusinessDaysBetween(t, AddBusinessDays(t, %d)) = %d", d.n, n)
		}
		back, _ := d.c.BusinessDaysBetween(got, d.at)
		if startOK, _ := d.c.IsBusinessDay(d.at); startOK && d.n != 0 && back != -d.n {
			t.Fatalf("from a business day, Between back = %d, want %d", back, -d.n)
		}
	})
}

func TestPropertyAddComposes(t *testing.T) {
	// From a business day, adding a then b is adding a+b.
	rapid.Check(t, func(t *rapid.T) {
		d := drawCase(t)
		first, err := d.c.AddBusinessDays(d.at, 1) // a business day
		if err != nil {
			t.Fatal(err)
		}
		a := rapid.IntRange(-200, 200).Draw(t, "a")
		b := rapid.IntRange(-200, 200).Draw(t, "b")
		mid, err1 := d.c.AddBusinessDays(first, a)
		two, err2 := d.c.AddBusinessDays(mid, b)
		one, err3 := d.c.AddBusinessDays(first, a+b)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatal(err1, err2, err3)
		}
		if !wallClockKept(first, two, d.c.Location()) || !wallClockKept(first, one, d.c.Location()) {
			t.Skip("a nonexistent wall-clock time on the way")
		}
		if !one.Equal(two) {
			t.Fatalf("Add(Add(t, %d), %d) = %v, Add(t, %d) = %v", a, b, two, a+b, one)
		}
	})
}
