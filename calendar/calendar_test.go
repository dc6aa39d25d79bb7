package calendar

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/aa"
)

func TestAddBusinessDays(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	tests := []struct {
		name     string
		calendar string
		zone     string
		from     time.Time
		n        int
		want     time.Time
	}{
		{"R4 skips Juneteenth 2024", "US", "UTC",
			time.Date(2024, 6, 18, 10, 0, 0, 0, time.UTC), 1, time.Date(2024, 6, 20, 10, 0, 0, 0, time.UTC)},
		{"R2 premise wait of 7 days skips Independence Day 2024", "US", "UTC",
			time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC), 7, time.Date(2024, 7, 11, 10, 0, 0, 0, time.UTC)},
		{"R2 cloud wait of 5 days spans a weekend", "US", "UTC",
			time.Date(2024, 3, 6, 9, 30, 0, 0, time.UTC), 5, time.Date(2024, 3, 13, 9, 30, 0, 0, time.UTC)},
		{"R4 from a Saturday one business day later is Monday", "US", "UTC",
			time.Date(2024, 3, 9, 15, 0, 0, 0, time.UTC), 1, time.Date(2024, 3, 11, 15, 0, 0, 0, time.UTC)},
		{"R4 from holiday Thursday Thanksgiving 2024 one business day is Friday", "US", "UTC",
			time.Date(2024, 11, 28, 8, 0, 0, 0, time.UTC), 1, time.Date(2024, 11, 29, 8, 0, 0, 0, time.UTC)},
		{"R4 N = 0 returns t unchanged, even on a Sunday", "US", "UTC",
			time.Date(2024, 3, 10, 1, 2, 3, 4, time.UTC), 0, time.Date(2024, 3, 10, 1, 2, 3, 4, time.UTC)},
		{"R4 negative N walks back over Independence Day 2024", "US", "UTC",
			time.Date(2024, 7, 8, 12, 0, 0, 0, time.UTC), -3, time.Date(2024, 7, 2, 12, 0, 0, 0, time.UTC)},
		{"R4 from a Sunday one business day earlier is Friday", "US", "UTC",
			time.Date(2024, 3, 10, 12, 0, 0, 0, time.UTC), -1, time.Date(2024, 3, 8, 12, 0, 0, 0, time.UTC)},
		{"R4 keeps 10:00 New York time across the March 2024 DST change", "US", "America/New_York",
			time.Date(2024, 3, 8, 10, 0, 0, 0, ny), 1, time.Date(2024, 3, 11, 10, 0, 0, 0, ny)},
		{"R4 keeps the wall clock across the November 2024 DST change", "US", "America/New_York",
			time.Date(2024, 11, 1, 17, 45, 0, 0, ny), 2, time.Date(2024, 11, 5, 17, 45, 0, 0, ny)},
		{"R4 02:00 UTC on 5 Jul 2024 is still 4 July in New York", "US", "America/New_York",
			time.Date(2024, 7, 5, 2, 0, 0, 0, time.UTC), 1, time.Date(2024, 7, 5, 22, 0, 0, 0, ny)},
		{"R4 observed New Year on Fri 31 Dec 2021 is skipped", "US", "UTC",
			time.Date(2021, 12, 30, 9, 0, 0, 0, time.UTC), 1, time.Date(2022, 1, 3, 9, 0, 0, 0, time.UTC)},
		{"R5 GB skips Christmas and Boxing Day observed on 27 and 28 Dec 2021", "GB", "Europe/London",
			time.Date(2021, 12, 24, 9, 0, 0, 0, time.UTC), 1, time.Date(2021, 12, 29, 9, 0, 0, 0, time.UTC)},
		{"R5 subdivision AU-NSW skips Labour Day 7 Oct 2024", "AU-NSW", "Australia/Sydney",
			time.Date(2024, 10, 4, 0, 0, 0, 0, time.UTC), 1, time.Date(2024, 10, 8, 10, 0, 0, 0, mustZone(t, "Australia/Sydney"))},
		{"R5 DE skips Good Friday and Easter Monday 2024", "DE", "Europe/Berlin",
			time.Date(2024, 3, 28, 9, 0, 0, 0, time.UTC), 1, time.Date(2024, 4, 2, 10, 0, 0, 0, mustZone(t, "Europe/Berlin"))},
		{"R4 the last day of the range, Wed 31 Dec 2200, is reachable", "US", "UTC",
			time.Date(2200, 12, 30, 12, 0, 0, 0, time.UTC), 1, time.Date(2200, 12, 31, 12, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustNamed(t, tt.calendar, tt.zone)
			got, err := c.AddBusinessDays(tt.from, tt.n)
			if err != nil {
				t.Fatalf("AddBusinessDays(%v, %d) error: %v", tt.from, tt.n, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("AddBusinessDays(%v, %d) = %v, want %v", tt.from, tt.n, got, tt.want)
			}
			if tt.zone != "UTC" && got.Location().String() != tt.zone {
				t.Errorf("result zone %v, want the calendar's %s", got.Location(), tt.zone)
			}
		})
	}
}

func TestAddBusinessDaysNonexistentWallClock(t *testing.T) {
	// Sao Paulo's DST began at midnight on Sunday 2 Nov 2008: 00:30 that day
	// did not exist. A walk landing there builds the time once with time.Date.
	sp := mustZone(t, "America/Sao_Paulo")
	c, err := New(Spec{Name: "every day", Weekend: []time.Weekday{}, Zone: sp})
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2008, 11, 1, 0, 30, 0, 0, sp)
	got, err := c.AddBusinessDays(from, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2008, 11, 2, 0, 30, 0, 0, sp); !got.Equal(want) {
		t.Errorf("AddBusinessDays(%v, 1) = %v, want time.Date's normalisation %v", from, got, want)
	}
}

func TestOutOfRange(t *testing.T) {
	us := Default()
	tests := []struct {
		name string
		do   func() error
	}{
		{"one business day after Wed 31 Dec 2200 leaves the range", func() error {
			_, err := us.AddBusinessDays(time.Date(2200, 12, 31, 12, 0, 0, 0, time.UTC), 1)
			return err
		}},
		{"a start in 1969 is outside", func() error {
			_, err := us.AddBusinessDays(time.Date(1969, 12, 31, 12, 0, 0, 0, time.UTC), 1)
			return err
		}},
		{"a start in 2201 is outside", func() error {
			_, err := us.IsBusinessDay(time.Date(2201, 1, 2, 12, 0, 0, 0, time.UTC))
			return err
		}},
		{"walking back before 1 Jan 1970", func() error {
			_, err := us.AddBusinessDays(time.Date(1970, 1, 5, 12, 0, 0, 0, time.UTC), -3)
			return err
		}},
		{"a huge N", func() error {
			_, err := us.AddBusinessDays(time.Date(2024, 1, 5, 12, 0, 0, 0, time.UTC), 1<<62)
			return err
		}},
		{"the most negative N", func() error {
			_, err := us.AddBusinessDays(time.Date(2024, 1, 5, 12, 0, 0, 0, time.UTC), -1<<63)
			return err
		}},
		{"Between with an end in 2300", func() error {
			_, err := us.BusinessDaysBetween(time.Date(2024, 1, 5, 12, 0, 0, 0, time.UTC), time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC))
			return err
		}},
		{"holidays of 1969", func() error {
			_, err := us.Holidays(1969)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.do(); !errors.Is(err, ErrOutOfRange) {
				t.Errorf("error = %v, want ErrOutOfRange", err)
			}
		})
	}
}

func TestNamedErrors(t *testing.T) {
	tests := []struct {
		name, calendar, zone string
		want                 []error
		mentions             []string
	}{
		{"unknown calendar is named", "XX", "UTC", []error{ErrUnknownCalendar}, []string{`"XX"`}},
		{"names are exact: us is not US", "us", "UTC", []error{ErrUnknownCalendar}, []string{`"us"`}},
		{"Local is refused", "US", "Local", []error{ErrUnknownZone}, []string{`"Local"`}},
		{"the empty zone is refused", "US", "", []error{ErrUnknownZone}, []string{`""`}},
		{"unknown zone is named", "US", "Mars/Olympus_Mons", []error{ErrUnknownZone}, []string{"Mars/Olympus_Mons"}},
		{"both problems at once", "ZZ", "Nowhere/Else", []error{ErrUnknownCalendar, ErrUnknownZone}, []string{"ZZ", "Nowhere/Else"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Named(tt.calendar, tt.zone)
			if err == nil {
				t.Fatalf("Named(%q, %q) = %v, want an error", tt.calendar, tt.zone, c)
			}
			for _, w := range tt.want {
				if !errors.Is(err, w) {
					t.Errorf("Named(%q, %q) error %q does not wrap %v", tt.calendar, tt.zone, err, w)
				}
			}
			for _, m := range tt.mentions {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("Named(%q, %q) error %q does not name %s", tt.calendar, tt.zone, err, m)
				}
			}
		})
	}
}

func TestZeroCalendar(t *testing.T) {
	var c Calendar
	if c.IsValid() {
		t.Error("zero Calendar is valid")
	}
	if _, err := c.AddBusinessDays(time.Now(), 1); !errors.Is(err, ErrZeroCalendar) {
		t.Errorf("AddBusinessDays on zero Calendar: %v", err)
	}
	if _, err := c.BusinessDaysBetween(time.Now(), time.Now()); !errors.Is(err, ErrZeroCalendar) {
		t.Errorf("BusinessDaysBetween on zero Calendar: %v", err)
	}
	if _, err := c.Holidays(2024); !errors.Is(err, ErrZeroCalendar) {
		t.Errorf("Holidays on zero Calendar: %v", err)
	}
}

func TestHolidays(t *testing.T) {
	us := Default()
	got, err := us.Holidays(2021)
	if err != nil {
		t.Fatal(err)
	}
	var dates []string
	for _, h := range got {
		dates = append(dates, h.Date.String()+" "+h.Name)
	}
	want := []string{
		"2021-01-01 New Year's Day", "2021-01-18 Martin Luther King Jr. Day", "2021-02-15 Presidents' Day",
		"2021-05-31 Memorial Day", "2021-06-18 Juneteenth", "2021-07-05 Independence Day", "2021-09-06 Labor Day",
		"2021-10-11 Columbus Day", "2021-11-11 Veterans Day", "2021-11-25 Thanksgiving Day",
		"2021-12-24 Christmas Day", "2021-12-31 New Year's Day",
	}
	if diff := cmp.Diff(want, dates); diff != "" {
		t.Errorf("Holidays(2021) mismatch (-want +got):\n%s", diff)
	}
	last := got[len(got)-1]
	if want := (Holiday{Name: "New Year's Day", Date: Date{2021, 12, 31}, Actual: Date{2022, 1, 1}}); last != want {
		t.Errorf("observed New Year on Fri 31 Dec 2021: got %+v, want %+v", last, want)
	}
	if ok, _ := us.IsBusinessDay(time.Date(2021, 12, 31, 12, 0, 0, 0, time.UTC)); ok {
		t.Error("Fri 31 Dec 2021 (observed New Year) is a business day")
	}
	// The caller owns the slice.
	got[0].Name = "changed"
	again, _ := us.Holidays(2021)
	if again[0].Name != "New Year's Day" {
		t.Error("Holidays returned the calendar's own storage")
	}
}

func TestBusinessDaysBetween(t *testing.T) {
	us := Default()
	d := func(y int, m time.Month, day, h int) time.Time { return time.Date(y, m, day, h, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		a, b time.Time
		want int
	}{
		{"same day is 0", d(2024, 3, 4, 9), d(2024, 3, 4, 17), 0},
		{"Friday to Monday is 1: the end counts, the start does not", d(2024, 3, 8, 9), d(2024, 3, 11, 9), 1},
		{"Monday back to Friday is -1", d(2024, 3, 11, 9), d(2024, 3, 8, 9), -1},
		{"Saturday to Sunday is 0", d(2024, 3, 9, 9), d(2024, 3, 10, 9), 0},
		{"Saturday back to Friday is -1", d(2024, 3, 9, 9), d(2024, 3, 8, 9), -1},
		{"the week of Independence Day 2024 has 4", d(2024, 6, 30, 9), d(2024, 7, 6, 9), 4},
		{"2024 has 251 US business days", d(2023, 12, 31, 0), d(2024, 12, 31, 0), 251},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := us.BusinessDaysBetween(tt.a, tt.b)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("BusinessDaysBetween(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestNew(t *testing.T) {
	dubai := mustZone(t, "Asia/Dubai")
	c, err := New(Spec{
		Name:     "company",
		Holidays: []*cal.Holiday{aa.NewYear, {Name: "Founders' Day", Month: time.March, Day: 14, Func: cal.CalcDayOfMonth}},
		Weekend:  []time.Weekday{time.Saturday, time.Sunday},
		Zone:     dubai,
	})
	if err != nil {
		t.Fatal(err)
	}
	// Thu 14 Mar 2024 is Founders' Day: Wed + 1 is Fri.
	got, err := c.AddBusinessDays(time.Date(2024, 3, 13, 9, 0, 0, 0, dubai), 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2024, 3, 15, 9, 0, 0, 0, dubai); !got.Equal(want) {
		t.Errorf("custom holiday not skipped: got %v, want %v", got, want)
	}
	// A Friday-Saturday weekend.
	fs, err := New(Spec{Name: "fri-sat", Weekend: []time.Weekday{time.Friday, time.Saturday}, Zone: dubai})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = fs.AddBusinessDays(time.Date(2024, 3, 14, 9, 0, 0, 0, dubai), 1)
	if want := time.Date(2024, 3, 17, 9, 0, 0, 0, dubai); !got.Equal(want) {
		t.Errorf("Thursday + 1 with a Friday-Saturday weekend = %v, want Sunday %v", got, want)
	}

	bad := []struct {
		name string
		spec Spec
	}{
		{"no zone", Spec{Name: "x"}},
		{"every day a weekend", Spec{Name: "x", Zone: time.UTC, Weekend: []time.Weekday{0, 1, 2, 3, 4, 5, 6}}},
		{"weekday 9", Spec{Name: "x", Zone: time.UTC, Weekend: []time.Weekday{9}}},
		{"nil holiday", Spec{Name: "x", Zone: time.UTC, Holidays: []*cal.Holiday{nil}}},
		{"host zone", Spec{Name: "x", Zone: hostZone()}},
	}
	for _, tt := range bad {
		if _, err := New(tt.spec); !errors.Is(err, ErrInvalidSpec) {
			t.Errorf("New(%s): error %v, want ErrInvalidSpec", tt.name, err)
		}
	}
}

func TestInChangesOnlyTheZone(t *testing.T) {
	us := Default()
	ny, err := us.In(mustZone(t, "America/New_York"))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 7, 5, 2, 0, 0, 0, time.UTC) // 4 July in New York
	if ok, _ := us.IsBusinessDay(at); !ok {
		t.Error("02:00 UTC 5 Jul 2024 is not a business day in UTC")
	}
	if ok, _ := ny.IsBusinessDay(at); ok {
		t.Error("02:00 UTC 5 Jul 2024 is a business day in New York")
	}
	if _, err := us.In(nil); err == nil {
		t.Error("In(nil) accepted")
	}
}

func TestConcurrentUse(t *testing.T) {
	names := Names()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 32; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				c, err := Named(names[(g*7+i)%len(names)], "Europe/Paris")
				if err != nil {
					errs <- err
					return
				}
				from := time.Date(2000+i%100, time.Month(1+g%12), 1+i%28, 10, 0, 0, 0, time.UTC)
				to, err := c.AddBusinessDays(from, i%20-10)
				if err != nil {
					errs <- err
					return
				}
				if n, _ := c.BusinessDaysBetween(from, to); n != i%20-10 {
					errs <- errors.New(c.String() + ": Between disagrees with Add under load")
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
