package fedramp

import (
	"time"

	"github.com/casepolicy/casepolicy/internal/enum"
)

// InvitationTTL is how long a FedRAMP credential invitation can be accepted
// after it was sent (F4). It is elapsed time, not a calendar day.
const InvitationTTL = 24 * time.Hour

// InvitationState is the state of a credential invitation at an instant (F4).
// The zero value is InvitationPending. Text forms: "pending", "accepted",
// "expired".
type InvitationState uint8

// The invitation states.
const (
	InvitationPending  InvitationState = iota // sent, can still be accepted (the zero value)
	InvitationAccepted                        // accepted in time
	InvitationExpired                         // not accepted in time: the temporary credentials expired
)

var invitationStateNames = enum.Names{Type: "InvitationState", Kind: "invitation state", Names: []string{"pending", "accepted", "expired"}}

// String returns the text form, or "InvitationState(n)" for an unknown value.
func (s InvitationState) String() string {
	return invitationStateNames.String(uint8(s))
}

// MarshalText implements encoding.TextMarshaler; an unknown value is an error.
func (s InvitationState) MarshalText() ([]byte, error) {
	return invitationStateNames.Marshal(uint8(s))
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly what
// MarshalText writes.
func (s *InvitationState) UnmarshalText(text []byte) error {
	v, err := ParseInvitationState(string(text))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseInvitationState parses "pending", "accepted" or "expired".
func ParseInvitationState(s string) (InvitationState, error) {
	i, err := invitationStateNames.Parse(s)
	return InvitationState(i), err
}

// Invitation is the invitation a FedRAMP support contact receives to accept
// FedRAMP credentials (F4). AcceptedAt is the zero time when the contact has
// not accepted. The zero Invitation was sent at the zero time.
type Invitation struct {
	SentAt     time.Time
	AcceptedAt time.Time
}

// ExpiresAt returns SentAt + [InvitationTTL]: the last instant at which the
// invitation can be accepted.
func (inv Invitation) ExpiresAt() time.Time { return inv.SentAt.Add(InvitationTTL) }

// State returns the invitation's state at now.
//
// Interpretation of "accepted within 24 hours": the window is closed at both
// ends. An acceptance counts when SentAt <= AcceptedAt <= ExpiresAt() (and it
// has happened, AcceptedAt <= now). An invitation not accepted in time is
// pending up to and including ExpiresAt() and expired from one nanosecond
// later, so State(now) is pending exactly when accepting at now would count.
// An acceptance before SentAt or after ExpiresAt() does not count.
func (inv Invitation) State(now time.Time) InvitationState {
	exp := inv.ExpiresAt()
	a := inv.AcceptedAt
	if !a.IsZero() && !a.Before(inv.SentAt) && !a.After(exp) && !a.After(now) {
		return InvitationAccepted
	}
	if now.After(exp) {
		return InvitationExpired
	}
	return InvitationPending
}
