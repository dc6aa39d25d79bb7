package escalation

import (
	"time"

	"github.com/casepolicy/casepolicy/calendar"
)

// businessWaitEnd returns the instant d of business time after since on cal
// (P2 with WaitBusiness): counted only inside the working hours of business
// days, from the next working instant when since is outside them.
func businessWaitEnd(cal calendar.Calendar, since time.Time, d time.Duration) (time.Time, error) {
	return cal.AddBusinessTime(since, d)
}
