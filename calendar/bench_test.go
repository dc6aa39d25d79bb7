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
	from := time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC)
	to := time.Date(2024, 12, 31, 10, 0, 0, 0, time.UTC)
	b.Run("1y/casepolicy", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			n, err := us.BusinessDaysBetween(from, to)
			if err != nil {
				b.Fatal(err)
			}
			sinkInt = n
		}
	})
	b.Run("1y/rickar", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkInt = ref.WorkdaysInRange(from, to)
		}
	})
}

// BenchmarkBuild is the one-time cost of a calendar's table.
func BenchmarkBuild(b *testing.B) {
	i, _ := lookup("US")
	b.ReportAllocs()
	for b.Loop() {
		build(shipped[i].holidays, weekdays)
	}
}
