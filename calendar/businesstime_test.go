package calendar

import (
	"errors"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// The business-time tests compare the prefix-sum arithmetic with a plain
// walk, minute by minute, over the definition: an instant works when its
// date in the calendar's zone is a business day and its wall-clock minute is
// inside that date's spans and outside its closures.

func spans(t fataler, s string) []Span {
	t.Helper()
	sp, err := ParseSpans(s)
	if err != nil {
		t.Fatal(err)
	}
	return sp
}

// weekdayHours sets every Monday-Friday to the spans s.
func weekdayHours(t fataler, s string) *WorkHours {
	sp := spans(t, s)
	var h WorkHours
	for d := time.Monday; d <= time.Friday; d++ {
		h[d] = sp
	}
	return &h
}

func mustNamedWith(t fataler, name, zone string, r Rules) Calendar {
	t.Helper()
	c, err := NamedWith(name, zone, r)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// refWorks is the definition, read with the time package alone.
func refWorks(c Calendar, u time.Time) bool {
	lt := u.In(c.loc)
	y, m, d := lt.Date()
	i := daysFromCivil(y, m, d) - firstDay
	if i < 0 || i >= endDay-firstDay || !c.t.isBusiness(i) {
		return false
	}
	minute := Clock(lt.Hour()*60 + lt.Minute())
	r := c.Rules()
	in := false
	if r.WorkHours == nil {
		in = true
	} else {
		for _, s := range r.WorkHours[lt.Weekday()] {
			if s.From <= minute && minute < s.Until {
				in = true
			}
		}
	}
	for _, cl := range r.Closures {
		if cl.Date == (Date{y, m, d}) && cl.span().From <= minute && minute < cl.span().Until {
			in = false
		}
	}
	return in
}

// refBetween walks whole minutes from a to b (a <= b, both on whole
// minutes of UTC, which every offset since 1972 keeps).
func refBetween(c Calendar, a, b time.Time) time.Duration {
	var d time.Duration
	for u := a; u.Before(b); u = u.Add(time.Minute) {
		if refWorks(c, u) {
			d += time.Minute
		}
	}
	return d
}

// refAdd walks whole minutes from t until d (a positive whole number of
// minutes) has worked, and returns the end of the last minute worked.
func refAdd(c Calendar, t time.Time, d time.Duration) time.Time {
	u := t
	for d > 0 {
		if refWorks(c, u) {
			d -= time.Minute
		}
		u = u.Add(time.Minute)
	}
	return u
}

// refSub walks back: the start of the last minute worked.
func refSub(c Calendar, t time.Time, d time.Duration) time.Time {
	u := t
	for d > 0 {
		u = u.Add(-time.Minute)
		if refWorks(c, u) {
			d -= time.Minute
		}
	}
	return u
}

type btCase struct {
	name     string
	calendar string
	zone     string
	rules    func(t fataler) Rules
}

// btCalendars are the calendars the walk checks: several spans a day, zones
// with DST (one changing at midnight, one by half an hour), closures whole and
// part day, spans over the changed hours.
var btCalendars = []btCase{
	{"US 9-17 UTC", "US", "UTC", func(t fataler) Rules { return Rules{WorkHours: weekdayHours(t, "09:00-17:00")} }},
	{"US all day New York", "US", "America/New_York", func(t fataler) Rules { return Rules{} }},
	{"US night shift over the DST hours New York", "US", "America/New_York", func(t fataler) Rules {
		h := weekdayHours(t, "00:30-03:30,22:00-24:00")
		h[time.Sunday] = spans(t, "00:30-03:30")
		return Rules{WorkHours: h, Weekend: []time.Weekday{time.Saturday}}
	}},
	{"GB split day London with closures", "GB", "Europe/London", func(t fataler) Rules {
		return Rules{
			WorkHours: weekdayHours(t, "08:00-12:00,13:00-17:00"),
			Closures: []Closure{
				{Date: Date{2024, 12, 24}, Name: "Christmas Eve", From: 12 * 60},
				{Date: Date{2024, 7, 5}, Name: "offsite"},
				{Date: Date{2024, 10, 25}, From: 9 * 60, Until: 10 * 60},
				{Date: Date{2024, 10, 25}, From: 15 * 60, Until: 24 * 60},
			},
		}
	}},
	{"BR every day Sao Paulo, DST at midnight", "BR", "America/Sao_Paulo", func(t fataler) Rules {
		return Rules{Weekend: []time.Weekday{}}
	}},
	{"AU-NSW half-hour DST Lord Howe", "AU-NSW", "Australia/Lord_Howe", func(t fataler) Rules {
		return Rules{WorkHours: weekdayHours(t, "01:00-03:00,09:00-17:00")}
	}},
	{"NZ every day Apia, which skipped 30 December 2011", "NZ", "Pacific/Apia", func(t fataler) Rules {
		h := weekdayHours(t, "00:00-01:00,09:00-17:00,23:00-24:00")
		h[time.Saturday], h[time.Sunday] = h[time.Monday], h[time.Monday]
		return Rules{Weekend: []time.Weekday{}, WorkHours: h}
	}},
}

// changeDays are dates around which the zones above change offset.
var changeDays = []time.Time{
	time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC), time.Date(2024, 11, 3, 0, 0, 0, 0, time.UTC), // New York
	time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC), time.Date(2024, 10, 27, 0, 0, 0, 0, time.UTC), // London
	time.Date(2018, 11, 4, 0, 0, 0, 0, time.UTC), time.Date(2018, 2, 18, 0, 0, 0, 0, time.UTC), // Sao Paulo
	time.Date(2024, 4, 7, 0, 0, 0, 0, time.UTC), time.Date(2024, 10, 6, 0, 0, 0, 0, time.UTC), // Lord Howe
	time.Date(2024, 12, 24, 0, 0, 0, 0, time.UTC), time.Date(2024, 7, 3, 0, 0, 0, 0, time.UTC),
	time.Date(2011, 12, 30, 0, 0, 0, 0, time.UTC), // Apia
}

func drawBT(t *rapid.T) (Calendar, time.Time) {
	bc := rapid.SampledFrom(btCalendars).Draw(t, "calendar")
	c := mustNamedWith(t, bc.calendar, bc.zone, bc.rules(t))
	day := rapid.SampledFrom(changeDays).Draw(t, "near")
	start := day.Add(time.Duration(rapid.IntRange(-4*24*60, 3*24*60).Draw(t, "minutes")) * time.Minute)
	return c, start
}

func TestBusinessTimeAgreesWithMinuteWalk(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, a := drawBT(t)
		b := a.Add(time.Duration(rapid.IntRange(0, 5*24*60).Draw(t, "span minutes")) * time.Minute)
		want := refBetween(c, a, b)
		got, err := c.BusinessTimeBetween(a, b)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("%s: BusinessTimeBetween(%v, %v) = %v, walk says %v", c, a.In(c.loc), b.In(c.loc), got, want)
		}
		if back, _ := c.BusinessTimeBetween(b, a); back != -want {
			t.Fatalf("BusinessTimeBetween backwards = %v, want %v", back, -want)
		}
		works, err := c.IsBusinessTime(a)
		if err != nil || works != refWorks(c, a) {
			t.Fatalf("IsBusinessTime(%v) = %v, %v; the definition says %v", a.In(c.loc), works, err, refWorks(c, a))
		}
	})
}

func TestAddBusinessTimeAgreesWithMinuteWalk(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, a := drawBT(t)
		d := time.Duration(rapid.IntRange(1, 3*24*60).Draw(t, "minutes worked")) * time.Minute
		got, err := c.AddBusinessTime(a, d)
		if err != nil {
			t.Fatal(err)
		}
		if want := refAdd(c, a, d); !got.Equal(want) {
			t.Fatalf("%s: AddBusinessTime(%v, %v) = %v, walk says %v", c, a.In(c.loc), d, got, want.In(c.loc))
		}
		back, err := c.AddBusinessTime(a, -d)
		if err != nil {
			t.Fatal(err)
		}
		if want := refSub(c, a, d); !back.Equal(want) {
			t.Fatalf("%s: AddBusinessTime(%v, -%v) = %v, walk says %v", c, a.In(c.loc), d, back, want.In(c.loc))
		}
		next, err := c.NextBusinessTime(a)
		if err != nil {
			t.Fatal(err)
		}
		want := a
		for !refWorks(c, want) {
			want = want.Add(time.Minute)
		}
		if !next.Equal(want) {
			t.Fatalf("%s: NextBusinessTime(%v) = %v, walk says %v", c, a.In(c.loc), next, want.In(c.loc))
		}
	})
}

func TestBusinessTime(t *testing.T) {
	london := mustZone(t, "Europe/London")
	ny := mustZone(t, "America/New_York")
	gb := func(t fataler) Calendar { return mustNamedWith(t, "GB", "Europe/London", btCalendars[3].rules(t)) }
	us95 := func(t fataler) Calendar { return mustNamedWith(t, "US", "UTC", btCalendars[0].rules(t)) }
	usNY := func(t fataler) Calendar {
		return mustNamedWith(t, "US", "America/New_York", Rules{Weekend: []time.Weekday{}})
	}
	nyNight := func(t fataler) Calendar { return mustNamedWith(t, "US", "America/New_York", btCalendars[2].rules(t)) }
	tests := []struct {
		name string
		c    func(fataler) Calendar
		from time.Time
		d    time.Duration
		want time.Time
	}{
		{"Christmas Eve closure from 12:00 removes the afternoon", gb,
			time.Date(2024, 12, 24, 11, 0, 0, 0, london), 2 * time.Hour, time.Date(2024, 12, 27, 9, 0, 0, 0, london)},
		{"a whole-day closure is skipped like a holiday", gb,
			time.Date(2024, 7, 4, 16, 0, 0, 0, london), 2 * time.Hour, time.Date(2024, 7, 8, 9, 0, 0, 0, london)},
		{"the lunch break does not count", gb,
			time.Date(2024, 7, 3, 11, 0, 0, 0, london), 2 * time.Hour, time.Date(2024, 7, 3, 14, 0, 0, 0, london)},
		{"a result exactly at the end of the morning is 12:00, not 13:00", gb,
			time.Date(2024, 7, 3, 11, 0, 0, 0, london), time.Hour, time.Date(2024, 7, 3, 12, 0, 0, 0, london)},
		{"walking back, a result exactly at the start of the afternoon is 13:00", gb,
			time.Date(2024, 7, 3, 14, 0, 0, 0, london), -time.Hour, time.Date(2024, 7, 3, 13, 0, 0, 0, london)},
		{"a start before opening counts from 08:00", gb,
			time.Date(2024, 7, 3, 6, 0, 0, 0, london), 30 * time.Minute, time.Date(2024, 7, 3, 8, 30, 0, 0, london)},
		{"a start on Saturday counts from Monday's opening", us95,
			time.Date(2024, 7, 6, 12, 0, 0, 0, time.UTC), 8 * time.Hour, time.Date(2024, 7, 8, 17, 0, 0, 0, time.UTC)},
		{"16 business hours from Wednesday 3 July 2024 15:00 skip Independence Day", us95,
			time.Date(2024, 7, 3, 15, 0, 0, 0, time.UTC), 16 * time.Hour, time.Date(2024, 7, 8, 15, 0, 0, 0, time.UTC)},
		{"a nanosecond is kept", us95,
			time.Date(2024, 7, 8, 16, 59, 59, 999999999, time.UTC), time.Nanosecond, time.Date(2024, 7, 8, 17, 0, 0, 0, time.UTC)},
		{"negative durations walk back over the weekend", us95,
			time.Date(2024, 7, 8, 10, 0, 0, 1, time.UTC), -time.Hour - 2, time.Date(2024, 7, 5, 16, 59, 59, 999999999, time.UTC)},
		{"the spring-forward day has 23 hours of an all-day calendar", usNY,
			time.Date(2024, 3, 10, 0, 0, 0, 0, ny), 23 * time.Hour, time.Date(2024, 3, 11, 0, 0, 0, 0, ny)},
		{"the fall-back day has 25 hours", usNY,
			time.Date(2024, 11, 3, 0, 0, 0, 0, ny), 25 * time.Hour, time.Date(2024, 11, 4, 0, 0, 0, 0, ny)},
		{"the fall-back day's 24 hours end at 23:00", usNY,
			time.Date(2024, 11, 3, 0, 0, 0, 0, ny), 24 * time.Hour, time.Date(2024, 11, 3, 23, 0, 0, 0, ny)},
		{"the skipped hour counts nothing: 00:30-03:30 on 10 March 2024 holds 2 hours", nyNight,
			time.Date(2024, 3, 10, 0, 30, 0, 0, ny), 2 * time.Hour, time.Date(2024, 3, 10, 3, 30, 0, 0, ny)},
		{"the repeated hour counts twice: 00:30-03:30 on 3 November 2024 holds 4 hours", nyNight,
			time.Date(2024, 11, 3, 0, 30, 0, 0, ny), 4 * time.Hour, time.Date(2024, 11, 3, 3, 30, 0, 0, ny)},
		{"in the repeated hour, one hour after the first 01:30 is the second 01:30", nyNight,
			time.Date(2024, 11, 3, 5, 30, 0, 0, time.UTC), time.Hour, time.Date(2024, 11, 3, 6, 30, 0, 0, time.UTC)},
	}
	apia := mustZone(t, "Pacific/Apia")
	apiaCal := func(t fataler) Calendar { return mustNamedWith(t, "NZ", "Pacific/Apia", btCalendars[6].rules(t)) }
	tests = append(tests, []struct {
		name string
		c    func(fataler) Calendar
		from time.Time
		d    time.Duration
		want time.Time
	}{
		{"Apia skipped 30 December 2011: the hour from 29 December 23:00 ends at 31 December 00:00", apiaCal,
			time.Date(2011, 12, 29, 23, 0, 0, 0, apia), time.Hour, time.Date(2011, 12, 31, 0, 0, 0, 0, apia)},
		{"Apia skipped 30 December 2011: a minute more is 31 December 00:01", apiaCal,
			time.Date(2011, 12, 29, 23, 0, 0, 0, apia), time.Hour + time.Minute, time.Date(2011, 12, 31, 0, 1, 0, 0, apia)},
	}...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c(t)
			got, err := c.AddBusinessTime(tt.from, tt.d)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(tt.want) {
				t.Fatalf("AddBusinessTime(%v, %v) = %v, want %v", tt.from, tt.d, got, tt.want.In(c.loc))
			}
			if between, _ := c.BusinessTimeBetween(tt.from, got); between != tt.d {
				t.Errorf("BusinessTimeBetween back = %v, want %v", between, tt.d)
			}
		})
	}
}

func TestBusinessTimeRangeEdges(t *testing.T) {
	c := mustNamedWith(t, "US", "UTC", Rules{WorkHours: weekdayHours(t, "09:00-17:00")})
	last := time.Date(2200, 12, 31, 16, 0, 0, 0, time.UTC) // a Wednesday
	if got, err := c.AddBusinessTime(last, time.Hour); err != nil || !got.Equal(last.Add(time.Hour)) {
		t.Errorf("the last working hour of 2200: %v, %v", got, err)
	}
	if _, err := c.AddBusinessTime(last, time.Hour+1); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("past the last working hour: %v, want ErrOutOfRange", err)
	}
	if _, err := c.AddBusinessTime(time.Date(1970, 1, 2, 10, 0, 0, 0, time.UTC), -2*time.Hour); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("before the first working hour: %v, want ErrOutOfRange", err)
	}
	if _, err := c.AddBusinessTime(last, 1<<63-1); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("the longest duration: %v, want ErrOutOfRange", err)
	}
	if _, err := c.AddBusinessTime(last, -1<<63); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("the most negative duration: %v, want ErrOutOfRange", err)
	}
	if _, err := c.NextBusinessTime(time.Date(2200, 12, 31, 17, 0, 0, 0, time.UTC)); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("no working time after the last: %v, want ErrOutOfRange", err)
	}
	if got, err := c.BusinessTimeBetween(time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1970, 1, 3, 0, 0, 0, 0, time.UTC)); err != nil || got != 8*time.Hour {
		t.Errorf("New Year's Day 1970 and Friday 2 January = %v, %v; want 8h", got, err)
	}
	var zero Calendar
	if _, err := zero.AddBusinessTime(last, time.Hour); !errors.Is(err, ErrZeroCalendar) {
		t.Errorf("zero Calendar: %v", err)
	}
}

// TestAddBusinessTimeAllocatesNothing: once the prefix sums are built.
func TestAddBusinessTimeAllocatesNothing(t *testing.T) {
	c := mustNamedWith(t, "GB", "Europe/London", btCalendars[3].rules(t))
	for _, from := range []time.Time{time.Date(2024, 7, 3, 10, 0, 0, 0, time.UTC), time.Date(2024, 10, 27, 1, 30, 0, 0, time.UTC)} {
		c.AddBusinessTime(from, time.Hour)
		if n := testing.AllocsPerRun(100, func() {
			c.AddBusinessTime(from, 40*time.Hour)
			c.AddBusinessTime(from, -40*time.Hour)
			c.BusinessTimeBetween(from, from.Add(1000*time.Hour))
			c.IsBusinessTime(from)
			c.NextBusinessTime(from)
		}); n != 0 {
			t.Errorf("from %v: %v allocations", from, n)
		}
	}
}

// TestBusinessTimeConcurrentFirstUse: goroutines racing to build the same
// prefix sums all get the same answers.
func TestBusinessTimeConcurrentFirstUse(t *testing.T) {
	c := mustNamedWith(t, "GB", "Europe/London", btCalendars[3].rules(t))
	shared := mustNamed(t, "DE", "Europe/Berlin")
	from := time.Date(2024, 10, 25, 10, 0, 0, 0, time.UTC)
	want, _ := mustNamedWith(t, "GB", "Europe/London", btCalendars[3].rules(t)).AddBusinessTime(from, 50*time.Hour)
	done := make(chan error, 16)
	for g := 0; g < 16; g++ {
		go func() {
			got, err := c.AddBusinessTime(from, 50*time.Hour)
			if err == nil && !got.Equal(want) {
				err = errors.New("a different answer under concurrent first use")
			}
			if err == nil {
				_, err = shared.BusinessTimeBetween(from, got)
			}
			done <- err
		}()
	}
	for g := 0; g < 16; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
