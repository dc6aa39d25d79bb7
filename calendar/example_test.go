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
	// calendar "XX": unknown calendar
	// time zone "Local": unknown time zone (name an IANA zone)
}
