package rca_test

import (
	"fmt"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/rca"
)

// A premise RCA requested on 1 July 2024 is due 7 business days later; 4 July
// is a holiday on the US calendar.
func ExampleAnalysis_Due() {
	a := rca.Analysis{RequestedAt: time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC)}
	due, ok, err := a.Due(calendar.Default(), rca.PremiseDays)
	if err != nil {
		panic(err)
	}
	fmt.Println(due.Format(time.RFC3339), ok)

	// The clock starts at the restoration of service when it is later.
	a.ServiceRestoredAt = time.Date(2024, 7, 2, 8, 0, 0, 0, time.UTC)
	due, _, _ = a.Due(calendar.Default(), rca.PremiseDays)
	fmt.Println(due.Format(time.RFC3339))

	_, ok, _ = rca.Analysis{}.Due(calendar.Default(), rca.PremiseDays)
	fmt.Println(ok)
	// Output:
	// 2024-07-11T10:00:00Z true
	// 2024-07-12T08:00:00Z
	// false
}

func ExampleAnalysis_StatusAt() {
	c := calendar.Default()
	a := rca.Analysis{RequestedAt: time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC)}
	for _, now := range []time.Time{
		time.Date(2024, 7, 5, 12, 0, 0, 0, time.UTC),
		time.Date(2024, 7, 9, 10, 0, 0, 0, time.UTC), // the due instant
	} {
		st, err := a.StatusAt(c, rca.CloudDays, now)
		if err != nil {
			panic(err)
		}
		fmt.Println(now.Format(time.RFC3339), st.State, "due", st.Due.Format(time.RFC3339))
	}
	a.DeliveredAt = time.Date(2024, 7, 10, 16, 0, 0, 0, time.UTC)
	st, _ := a.StatusAt(c, rca.CloudDays, time.Date(2024, 7, 12, 0, 0, 0, 0, time.UTC))
	fmt.Println(st.State, st.DeliveredAt.Format(time.RFC3339))
	st, _ = rca.Analysis{}.StatusAt(c, rca.CloudDays, time.Date(2024, 7, 12, 0, 0, 0, 0, time.UTC))
	fmt.Println(st.State, st.Due.IsZero())
	// Output:
	// 2024-07-05T12:00:00Z in_analysis due 2024-07-09T10:00:00Z
	// 2024-07-09T10:00:00Z overdue due 2024-07-09T10:00:00Z
	// delivered 2024-07-10T16:00:00Z
	// not_requested true
}

// Service restored on Friday 28 June 2024 at 17:30 UTC: the RCA document is
// due five business days later, skipping the weekend and 4 July.
func ExamplePlatformIncidentDue() {
	due, err := rca.PlatformIncidentDue(calendar.Default(), time.Date(2024, 6, 28, 17, 30, 0, 0, time.UTC))
	if err != nil {
		panic(err)
	}
	fmt.Println(due.Format(time.RFC3339))
	// Output:
	// 2024-07-08T17:30:00Z
}
