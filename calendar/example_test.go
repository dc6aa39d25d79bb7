package calendar_test

import (
	"fmt"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
)

// A premise RCA requested on Monday 1 July 2024 is due 7 business days later;
// Independence Day does not count.
func ExampleCalendar_AddBusinessDays() {
	us, err := calendar.Named("US", "America/New_York")
	if err != nil {
		fmt.Println(err)
		return
	}
	requested := time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC)
	due, err := us.AddBusinessDays(requested, 7)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(due.Format(time.RFC3339))
	fmt.Println(due.UTC().Format(time.RFC3339))
	// Output:
	// 2024-07-11T06:00:00-04:00
	// 2024-07-11T10:00:00Z
}

// One business day before Monday 8 July 2024 is Friday 5 July.
func ExampleCalendar_AddBusinessDays_negative() {
	us := calendar.Default()
	t, _ := us.AddBusinessDays(time.Date(2024, 7, 8, 9, 0, 0, 0, time.UTC), -1)
	fmt.Println(t.Format("Mon 2 Jan 2006 15:04"))
	// Output: Fri 5 Jul 2024 09:00
}

func ExampleCalendar_Holidays() {
	gb, _ := calendar.Named("GB", "Europe/London")
	hols, _ := gb.Holidays(2021)
	for _, h := range hols[len(hols)-2:] {
		fmt.Printf("%s %s (%s, actually %s)\n", h.Date, h.Date.Weekday(), h.Name, h.Actual)
	}
	// Output:
	// 2021-12-27 Monday (Christmas Day, actually 2021-12-25)
	// 2021-12-28 Tuesday (Boxing Day, actually 2021-12-26)
}

func ExampleCalendar_BusinessDaysBetween() {
	us := calendar.Default()
	fri := time.Date(2024, 7, 5, 9, 0, 0, 0, time.UTC)
	fri2 := time.Date(2024, 7, 12, 9, 0, 0, 0, time.UTC)
	n, _ := us.BusinessDaysBetween(fri, fri2)
	back, _ := us.BusinessDaysBetween(fri2, fri)
	fmt.Println(n, back)
	// Output: 5 -5
}

func ExampleNamed_error() {
	_, err := calendar.Named("XX", "Local")
	fmt.Println(err)
	// Output:
	// calendar "XX": unknown calendar; time zone "Local": unknown time zone (name an IANA zone)
}

// A vendor works 09:00-17:00 London time and closes at noon on Christmas
// Eve: two business hours from 11:00 that day end at 10:00 on Friday 27
// December, after Christmas Day and Boxing Day.
func ExampleCalendar_AddBusinessTime() {
	hours, _ := calendar.ParseSpans("09:00-17:00")
	week := calendar.WorkHours{}
	for d := time.Monday; d <= time.Friday; d++ {
		week[d] = hours
	}
	noon, _ := calendar.ParseClock("12:00")
	gb, err := calendar.NamedWith("GB", "Europe/London", calendar.Rules{
		WorkHours: &week,
		Closures:  []calendar.Closure{{Date: calendar.Date{Year: 2024, Month: time.December, Day: 24}, Name: "Christmas Eve", From: noon}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	due, _ := gb.AddBusinessTime(time.Date(2024, 12, 24, 11, 0, 0, 0, time.UTC), 2*time.Hour)
	fmt.Println(due.Format(time.RFC3339))
	// Output: 2024-12-27T10:00:00Z
}

// Business time between two instants is signed, and a start outside working
// hours counts from the next working instant.
func ExampleCalendar_BusinessTimeBetween() {
	week := calendar.WorkHours{}
	for d := time.Monday; d <= time.Friday; d++ {
		week[d] = []calendar.Span{{From: 9 * 60, Until: 17 * 60}}
	}
	us, _ := calendar.NamedWith("US", "America/New_York", calendar.Rules{WorkHours: &week})
	ny := us.Location()
	fri := time.Date(2024, 7, 5, 16, 0, 0, 0, ny)
	mon := time.Date(2024, 7, 8, 7, 0, 0, 0, ny)
	d, _ := us.BusinessTimeBetween(fri, mon)
	back, _ := us.BusinessTimeBetween(mon, fri)
	next, _ := us.NextBusinessTime(mon)
	fmt.Println(d, back, next.Format("Mon 15:04"))
	// Output: 1h0m0s -1h0m0s Mon 09:00
}

// An all-day business day in New York holds 23 hours on the day the clocks
// go forward.
func ExampleCalendar_IsBusinessTime() {
	every, _ := calendar.NamedWith("US", "America/New_York", calendar.Rules{Weekend: []time.Weekday{}})
	ny := every.Location()
	sun := time.Date(2024, 3, 10, 0, 0, 0, 0, ny)
	d, _ := every.BusinessTimeBetween(sun, sun.AddDate(0, 0, 1))
	ok, _ := every.IsBusinessTime(sun)
	fmt.Println(d, ok)
	// Output: 23h0m0s true
}

func ExampleParseSpan() {
	s, err := calendar.ParseSpan("08:30-24:00")
	fmt.Println(s.From, s.Until, int(s.Until-s.From), err)
	_, err = calendar.ParseSpan("17:00-09:00")
	fmt.Println(err)
	// Output:
	// 08:30 24:00 930 <nil>
	// span: does not end after it starts: invalid calendar spec
}

func ExampleCalendar_HolidayOn() {
	us, _ := calendar.NamedWith("US", "UTC", calendar.Rules{Closures: []calendar.Closure{
		{Date: calendar.Date{Year: 2024, Month: time.July, Day: 5}, Name: "summer shutdown"},
	}})
	for day := 4; day <= 6; day++ {
		name, ok := us.HolidayOn(calendar.Date{Year: 2024, Month: time.July, Day: day})
		fmt.Printf("%d July: %q %v\n", day, name, ok)
	}
	// Output:
	// 4 July: "Independence Day" true
	// 5 July: "summer shutdown" true
	// 6 July: "" false
}

// A case naming its own holiday list keeps the policy's closures and hours.
func ExampleCalendar_WithHolidays() {
	policy, _ := calendar.NamedWith("US", "Europe/Paris", calendar.Rules{Weekend: []time.Weekday{time.Sunday}})
	fr, _ := policy.WithHolidays("FR")
	fmt.Println(fr, fr.HolidaysName(), fr.Rules().Weekend)
	// Output: FR in Europe/Paris FR [Sunday]
}

func ExampleCatalog() {
	for _, info := range calendar.Catalog()[:3] {
		fmt.Println(info.Name, "-", info.Covers)
	}
	// Output:
	// AR - Argentina
	// AT - Austria
	// AU-ACT - Australia, Australian Capital Territory
}
