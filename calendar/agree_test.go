package calendar

import (
	"testing"
	"time"

	"pgregory.net/rapid"
)

// TestAgreesWithRickarEveryDay compares, for every shipped calendar, every day
// from MinYear to MaxYear with rickar/cal's IsWorkday. With rank and select
// tested against a walk below, this is agreement with WorkdaysFrom everywhere.
func TestAgreesWithRickarEveryDay(t *testing.T) {
	step := 1
	if testing.Short() || raceEnabled {
		step = 7 // a seventh of the days, every weekday still covered
	}
	for _, name := range Names() {
		ref := reference(name)
		c := mustNamed(t, name, "UTC")
		bad := 0
		for d := 0; d < endDay-firstDay; d += step {
			y, m, dd := civilFromDays(d + firstDay)
			day := time.Date(y, m, dd, 12, 0, 0, 0, time.UTC)
			got, err := c.IsBusinessDay(day)
			if err != nil {
				t.Fatal(err)
			}
			if want := ref.IsWorkday(day); got != want {
				bad++
				if bad <= 3 {
					t.Errorf("%s: IsBusinessDay(%s) = %v, rickar/cal IsWorkday = %v", name, day.Format(time.DateOnly), got, want)
				}
			}
		}
		if bad > 3 {
			t.Errorf("%s: %d more days disagree", name, bad-3)
		}
	}
}

func TestAddAgreesWithWorkdaysFrom(t *testing.T) {
	names := Names()
	rapid.Check(t, func(t *rapid.T) {
		name := rapid.SampledFrom(names).Draw(t, "calendar")
		d := rapid.IntRange(80, endDay-firstDay-81).Draw(t, "day")
		n := rapid.IntRange(-40, 40).Draw(t, "n")
		y, m, dd := civilFromDays(d + firstDay)
		start := time.Date(y, m, dd, 12, 0, 0, 0, time.UTC)

		got, err := mustNamed(t, name, "UTC").AddBusinessDays(start, n)
		if err != nil {
			t.Fatal(err)
		}
		want := reference(name).WorkdaysFrom(start, n)
		if !got.Equal(want) {
			t.Fatalf("%s: AddBusinessDays(%s, %d) = %s, rickar/cal WorkdaysFrom = %s", name, start.Format(time.DateOnly), n, got.Format(time.DateOnly), want.Format(time.DateOnly))
		}
	})
}

// TestSelectAgreesWithWalk checks the rank/select arithmetic against a plain
// day-by-day walk over the same table, for long distances too.
func TestSelectAgreesWithWalk(t *testing.T) {
	names := Names()
	rapid.Check(t, func(t *rapid.T) {
		name := rapid.SampledFrom(names).Draw(t, "calendar")
		tb := mustNamed(t, name, "UTC").t
		i := rapid.IntRange(0, endDay-firstDay-1).Draw(t, "day")
		n := rapid.IntRange(-400, 400).Draw(t, "n")
		want, left := i, n
		for left != 0 {
			if left > 0 {
				want++
			} else {
				want--
			}
			if want < 0 || want >= endDay-firstDay {
				want = -1
				break
			}
			if tb.isBusiness(want) {
				if left > 0 {
					left--
				} else {
					left++
				}
			}
		}
		var got int
		if n > 0 {
			k := tb.rank(i+1) + n - 1
			got = -1
			if k < tb.total {
				got = tb.sel(k)
			}
		} else if n < 0 {
			k := tb.rank(i) + n
			got = -1
			if k >= 0 {
				got = tb.sel(k)
			}
		} else {
			got = i
		}
		if got != want {
			t.Fatalf("%s: from day %d, %d business days: select gives %d, walk gives %d", name, i, n, got, want)
		}
	})
}
