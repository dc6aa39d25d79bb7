package rca

import (
	"errors"
	"fmt"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/internal/enum"
)

// ErrInvalid is wrapped by the errors of an analysis that makes no sense: a
// negative target, or a delivery before the request.
var ErrInvalid = errors.New("invalid analysis")

// Product Support's service-level targets, in business days (R2, R3).
const (
	CloudDays            = 5 // an RCA on a cloud deployment (R2)
	PremiseDays          = 7 // an RCA on a premise deployment (R2)
	PlatformIncidentDays = 5 // the RCA document of a severity-1 platform incident (R3)
)

// Analysis is the root-cause analysis of a case. The zero Analysis means no
// RCA was requested.
type Analysis struct {
	// RequestedAt is when the RCA was requested; the zero time means it was
	// not (R1).
	RequestedAt time.Time
	// ServiceRestoredAt, when not zero, is when service was restored. The
	// analysis clock starts at the later of it and RequestedAt (R2).
	ServiceRestoredAt time.Time
	// DeliveredAt, when not zero, is when the RCA was delivered (R3).
	DeliveredAt time.Time
}

// Requested reports whether an RCA was requested.
func (a Analysis) Requested() bool { return !a.RequestedAt.IsZero() }

// Start returns the instant the analysis clock starts: the later of the
// request and the restoration of service (when given). It is the zero time
// when no RCA was requested.
func (a Analysis) Start() time.Time {
	if !a.Requested() {
		return time.Time{}
	}
	if a.ServiceRestoredAt.After(a.RequestedAt) {
		return a.ServiceRestoredAt
	}
	return a.RequestedAt
}

// Due returns the instant the analysis is due: days business days after
// Start on the calendar (R2, R4), at the same wall-clock time in the
// calendar's zone. Days is CloudDays or PremiseDays under the built-in
// policies. An analysis that was not requested has no due instant: ok is
// false. A due date outside the calendar's years is an error wrapping
// calendar.ErrOutOfRange.
func (a Analysis) Due(c calendar.Calendar, days int) (due time.Time, ok bool, err error) {
	if days < 0 {
		return time.Time{}, false, fmt.Errorf("rca: %d business days: %w", days, ErrInvalid)
	}
	if !a.Requested() {
		return time.Time{}, false, nil
	}
	due, err = c.AddBusinessDays(a.Start(), days)
	if err != nil {
		return time.Time{}, false, err
	}
	return due, true, nil
}

// State is where an RCA stands at an instant (R3).
type State uint8

// The states of an RCA. The zero State is not valid.
const (
	NotRequested State = iota + 1 // no RCA was requested
	InAnalysis                    // requested, and its due instant has not come
	Overdue                       // its due instant has come and it is not delivered
	Delivered                     // delivered at or before the instant asked about
)

var stateNames = enum.Names{Type: "State", Kind: "rca state", Names: []string{"", "not_requested", "in_analysis", "overdue", "delivered"}}

// String returns "not_requested", "in_analysis", "overdue" or "delivered".
func (s State) String() string { return stateNames.String(uint8(s)) }

// MarshalText implements encoding.TextMarshaler.
func (s State) MarshalText() ([]byte, error) { return stateNames.Marshal(uint8(s)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *State) UnmarshalText(text []byte) error {
	v, err := ParseState(string(text))
	if err == nil {
		*s = v
	}
	return err
}

// ParseState returns the state whose text form is s.
func ParseState(s string) (State, error) {
	v, err := stateNames.Parse(s)
	return State(v), err
}

// Status is an RCA's state at an instant, with the instants that explain it.
type Status struct {
	State State
	// Due is the due instant (zero when not requested). In analysis, the RCA
	// is due then; overdue, it has been overdue since then.
	Due time.Time
	// DeliveredAt is the delivery instant, for Delivered.
	DeliveredAt time.Time
}

// StatusAt reports the RCA's status at now (R3): not requested; in analysis
// until its due instant; overdue from its due instant on (exactly at the due
// instant it is overdue); delivered once delivered, whether early or late. A
// delivery after now is not known at now and does not count.
func (a Analysis) StatusAt(c calendar.Calendar, days int, now time.Time) (Status, error) {
	due, ok, err := a.Due(c, days)
	switch {
	case err == nil && !a.DeliveredAt.IsZero() && a.DeliveredAt.Before(a.RequestedAt):
		return Status{}, fmt.Errorf("rca: delivered at %s, before it was requested at %s: %w",
			a.DeliveredAt.Format(time.RFC3339Nano), a.RequestedAt.Format(time.RFC3339Nano), ErrInvalid)
	case err != nil:
		return Status{}, fmt.Errorf("rca due date: %w", err)
	case !ok:
		return Status{State: NotRequested}, nil
	case !a.DeliveredAt.IsZero() && !a.DeliveredAt.After(now):
		return Status{State: Delivered, Due: due, DeliveredAt: a.DeliveredAt}, nil
	case now.Before(due):
		return Status{State: InAnalysis, Due: due}, nil
	default:
		return Status{State: Overdue, Due: due}, nil
	}
}

// PlatformIncidentDue returns when the RCA document of a severity-1
// platform-level incident is due: PlatformIncidentDays business days after
// service was restored (R3).
func PlatformIncidentDue(c calendar.Calendar, restoredAt time.Time) (time.Time, error) {
	return c.AddBusinessDays(restoredAt, PlatformIncidentDays)
}
