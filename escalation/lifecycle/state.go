package lifecycle

import (
	"github.com/casepolicy/casepolicy/internal/enum"
)

// State is where an escalation is in its lifecycle (M5). The zero State means
// unset (the state of the zero Escalation) and is not a valid state; IsValid
// reports whether a State is one of the six.
//
// The text form ("submitted", "under_review", "rejected", "accepted",
// "in_progress", "closed") is the stable contract; the integer values are not.
type State uint8

// The six states of an escalation. Submitted is the only initial state;
// Rejected and Closed are final.
const (
	Submitted   State = iota + 1 // the request created the escalation (M1)
	UnderReview                  // the escalation owner checks it against the criteria (M2)
	Rejected                     // invalid: the requester got the reasons and the process (M2)
	Accepted                     // valid: prioritised in the owner's queue (M3)
	InProgress                   // the owner works with the engineers on next steps
	Closed                       // done
)

var stateNames = enum.Names{Type: "State", Kind: "state", Names: []string{
	Submitted:   "submitted",
	UnderReview: "under_review",
	Rejected:    "rejected",
	Accepted:    "accepted",
	InProgress:  "in_progress",
	Closed:      "closed",
}}

// IsValid reports whether s is one of the six states.
func (s State) IsValid() bool { return s >= Submitted && s <= Closed }

// IsActive reports whether an escalation in state s is active (G5): valid and
// neither rejected nor closed.
func (s State) IsActive() bool { return s.IsValid() && s != Rejected && s != Closed }

// IsFinal reports whether no transition leaves s: Rejected and Closed.
func (s State) IsFinal() bool { return s == Rejected || s == Closed }

// CanGoTo reports whether M5 allows an escalation to move from s to t. The
// legal transitions are exactly
//
//	submitted → under_review
//	under_review → rejected
//	under_review → accepted
//	accepted → in_progress
//	in_progress → closed
func (s State) CanGoTo(t State) bool {
	switch s {
	case Submitted:
		return t == UnderReview
	case UnderReview:
		return t == Rejected || t == Accepted
	case Accepted:
		return t == InProgress
	case InProgress:
		return t == Closed
	}
	return false
}

// String returns the text form of s, or "State(n)" for an invalid state.
func (s State) String() string {
	return stateNames.String(uint8(s))
}

// MarshalText implements encoding.TextMarshaler. An invalid state is an error.
func (s State) MarshalText() ([]byte, error) {
	return stateNames.Marshal(uint8(s))
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly what
// MarshalText writes.
func (s *State) UnmarshalText(text []byte) error {
	v, err := ParseState(string(text))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseState returns the state whose text form is text. The match is exact:
// "Closed" and "" are errors.
func ParseState(text string) (State, error) {
	v, err := stateNames.Parse(text)
	return State(v), err
}
