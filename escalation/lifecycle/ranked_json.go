package lifecycle

import (
	"math"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/internal/jsonread"
)

// MarshalJSON writes one position of a queue: a line of casepolicy queue
// without its "reason", which is text for people and depends on the next
// position. UnmarshalJSON reads it back to an equal Ranked. An invalid
// priority, offering or DecidedBy is an error.
func (r Ranked) MarshalJSON() ([]byte, error) {
	if _, err := r.Item.Priority.MarshalText(); err != nil {
		return nil, err
	}
	if _, err := r.Item.Offering.MarshalText(); err != nil {
		return nil, err
	}
	if _, err := r.DecidedBy.MarshalText(); err != nil {
		return nil, err
	}
	return append(appendRankedFields(make([]byte, 0, 320), &r), '}'), nil
}

// UnmarshalJSON decodes one position strictly: the item's fields as
// Item.UnmarshalJSON reads them, position (from 1), rca_overdue,
// days_waiting and hours_since_update (not negative) and decided_by, all
// required. A "reason", as casepolicy queue writes it, is accepted and
// dropped: it is derived text for people.
func (r *Ranked) UnmarshalJSON(data []byte) error {
	var v Ranked
	d := jsonread.NewDecoder(data)
	var seen, has jsonread.Fields
	const (
		fPosition = iota
		fOverdue
		fDays
		fHours
		fDecided
		fReason
	)
	extra := func(key []byte) (bool, error) {
		k := string(key)
		var bit uint
		switch k {
		case "position":
			bit = fPosition
		case "rca_overdue":
			bit = fOverdue
		case "days_waiting":
			bit = fDays
		case "hours_since_update":
			bit = fHours
		case "decided_by":
			bit = fDecided
		case "reason":
			bit = fReason
		default:
			return false, nil
		}
		if !d.Once(&seen, bit, k) {
			return true, d.S.Skip()
		}
		var ok bool
		var err error
		switch bit {
		case fPosition:
			v.Position, ok, err = d.Int(k, 1, math.MaxInt32)
		case fOverdue:
			v.RCAOverdue, ok, err = d.OptBool(k)
		case fDays:
			v.DaysWaiting, ok, err = d.Int(k, 0, math.MaxInt32)
		case fHours:
			v.HoursSinceUpdate, ok, err = d.Int(k, 0, math.MaxInt32)
		case fDecided:
			v.DecidedBy, ok, err = jsonread.Enum(&d, k, ParseRankKey)
		case fReason:
			_, ok, err = d.Bytes(k)
		}
		if ok {
			has |= 1 << bit
		}
		return true, err
	}
	if err := decodeItem(&d, &v.Item, time.Time{}, extra); err != nil {
		return &FieldError{Field: "", Problem: err.Error()}
	}
	if !d.Seen("") {
		for _, f := range [...]struct {
			bit  uint
			name string
		}{{fPosition, "position"}, {fOverdue, "rca_overdue"}, {fDays, "days_waiting"}, {fHours, "hours_since_update"}, {fDecided, "decided_by"}} {
			if !d.Seen(f.name) {
				d.Missing(has&(1<<f.bit) != 0, f.name)
			}
		}
	}
	if len(d.Problems) > 0 {
		ps := make([]*FieldError, len(d.Problems))
		for i, p := range d.Problems {
			ps[i] = &FieldError{Field: p.Field, Problem: p.Problem}
		}
		return escalation.JoinProblems(ps...)
	}
	*r = v
	return nil
}
