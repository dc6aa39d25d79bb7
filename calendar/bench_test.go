package calendar

import (
	"fmt"
	"testing"
	"time"
)

// The benchmarks compare, in the same run, this package with rickar/cal's own
// BusinessCalendar holding the same holidays (no cache), the obvious
// alternative.
var (
	sinkTime time.Time
	sinkInt  int
)

func BenchmarkAddBusinessDays(b *testing.B) {
	us := Default()
	ref := reference("US")
	from := time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC)
	for _, n := range []int{5, 7, 250} {
		b.Run(fmt.Sprintf("n=%d/casepolicy", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				t, err := us.AddBusinessDays(from, n)
				if err != nil {
					b.Fatal(err)
				}
				sinkTime = t
			}
		})
		b.Run(fmt.Sprintf("n=%d/rickar", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkTime = ref.WorkdaysFrom(from, n)
			}
		})
	}
}

func BenchmarkBetween(b *testing.B) {
	us := Default()
	ref := reference("US")
	from := time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC)
	for _, n := range []int{5, 250} {
		to, err := us.AddBusinessDays(from, n)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("n=%d/casepolicy", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				n, err := us.BusinessDaysBetween(from, to)
				if err != nil {
					b.Fatal(err)
				}
				sinkInt = n
			}
		})
		b.Run(fmt.Sprintf("n=%d/rickar", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkInt = ref.WorkdaysInRange(from, to)
			}
		})
	}
}

// BenchmarkAddBusinessTime: 8, 40 and 400 business hours on US holidays,
// 09:00-17:00 Monday to Friday in UTC, against rickar/cal's AddWorkHours on
// the same calendar. The prefix sums are built before the timer starts.
func BenchmarkAddBusinessTime(b *testing.B) {
	h := WorkHours{}
	for d := time.Monday; d <= time.Friday; d++ {
		h[d] = []Span{{9 * 60, 17 * 60}}
	}
	us, err := NamedWith("US", "UTC", Rules{WorkHours: &h})
	if err != nil {
		b.Fatal(err)
	}
	ny, err := NamedWith("US", "America/New_York", Rules{WorkHours: &h})
	if err != nil {
		b.Fatal(err)
	}
	ref := reference("US")
	ref.SetWorkHours(9*time.Hour, 17*time.Hour)
	from := time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC)
	for _, hours := range []int{8, 40, 400} {
		d := time.Duration(hours) * time.Hour
		us.AddBusinessTime(from, d) // builds the prefix sums
		ny.AddBusinessTime(from, d)
		b.Run(fmt.Sprintf("%dh/casepolicy", hours), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				t, err := us.AddBusinessTime(from, d)
				if err != nil {
					b.Fatal(err)
				}
				sinkTime = t
			}
		})
		b.Run(fmt.Sprintf("%dh/casepolicy_new_york", hours), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				t, err := ny.AddBusinessTime(from, d)
				if err != nil {
					b.Fatal(err)
				}
				sinkTime = t
			}
		})
		b.Run(fmt.Sprintf("%dh/rickar", hours), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkTime = ref.AddWorkHours(from, d)
			}
		})
	}
}

// BenchmarkBusinessTimeBetween is 40 business hours counted back.
func BenchmarkBusinessTimeBetween(b *testing.B) {
	h := WorkHours{}
	for d := time.Monday; d <= time.Friday; d++ {
		h[d] = []Span{{9 * 60, 17 * 60}}
	}
	us, _ := NamedWith("US", "UTC", Rules{WorkHours: &h})
	ref := reference("US")
	ref.SetWorkHours(9*time.Hour, 17*time.Hour)
	from := time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC)
	to, _ := us.AddBusinessTime(from, 40*time.Hour)
	b.Run("40h/casepolicy", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			d, err := us.BusinessTimeBetween(from, to)
			if err != nil {
				b.Fatal(err)
			}
			sinkInt = int(d)
		}
	})
	b.Run("40h/rickar", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkInt = int(ref.WorkHoursInRange(from, to))
		}
	})
}

// BenchmarkBuildBusinessTime is the one-time cost of a calendar's working
// time prefix sums (1970-2200).
func BenchmarkBuildBusinessTime(b *testing.B) {
	h := WorkHours{}
	for d := time.Monday; d <= time.Friday; d++ {
		h[d] = []Span{{9 * 60, 17 * 60}}
	}
	b.ReportAllocs()
	for b.Loop() {
		c, _ := NamedWith("US", "America/New_York", Rules{WorkHours: &h})
		c.prefix()
	}
}

// BenchmarkBuild is the one-time cost of a calendar's table.
func BenchmarkBuild(b *testing.B) {
	i, _ := lookup("US")
	b.ReportAllocs()
	for b.Loop() {
		build(shipped[i].holidays, weekdays)
	}
}
