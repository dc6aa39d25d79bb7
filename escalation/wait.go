package escalation

import (
	"errors"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
)

// businessWaitEnd returns the instant d of business time after since on cal
// (P2 with WaitBusiness).
func businessWaitEnd(cal calendar.Calendar, since time.Time, d time.Duration) (time.Time, error) {
	b, ok := any(cal).(interface {
		AddBusinessTime(time.Time, time.Duration) (time.Time, error)
	})
	if !ok {
		return time.Time{}, errors.New("business time is not available")
	}
	return b.AddBusinessTime(since, d)
}
