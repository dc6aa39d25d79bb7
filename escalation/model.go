package escalation

import (
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/escalation/access"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
	"github.com/casepolicy/casepolicy/rca"
)

// Case is a snapshot of a support case at the moment of a request. The zero
// Case is not valid: a case needs at least an ID, a status, a priority, a
// deployment, an offering and its last update time; a field left at its zero
// value is reported missing, never taken for a default.
type Case struct {
	ID         string
	Status     Status
	Priority   priority.Level
	Deployment Deployment
	Offering   fedramp.Offering
	Product    Product // optional
	// Region is the AWS region hosting the organisation; a FedRAMP case must
	// name us-east-2 or nothing (F7).
	Region string
	// Assigned reports whether the case has been assigned (F9).
	Assigned      bool
	OpenedAt      time.Time // optional
	LastUpdatedAt time.Time
	// LastSupportUpdateAt, when not zero, is Product Support's last update;
	// a version whose P2 counts only support's updates reads it (zero:
	// LastUpdatedAt stands in).
	LastSupportUpdateAt time.Time
	// AwaitingCustomer: Product Support waits on information from the
	// customer (G3).
	AwaitingCustomer bool
	// BusinessImpact: the case is actively causing significant business
	// impact (P2).
	BusinessImpact bool
	// Engaged lists who else the case needs (G7).
	Engaged []Engagement
	// Calendar is the business calendar RCA targets are counted on (R5). The
	// zero Calendar means the policy's default: US holidays in UTC for the
	// built-in policies.
	Calendar calendar.Calendar
	// Escalations are the case's escalations over time (G5).
	Escalations []Escalation
	// RCA is the case's root-cause analysis; its zero value means none was
	// requested (R1, R2). DeliveredAt is not part of the request contract and
	// no decision reads it.
	RCA rca.Analysis
}

// Escalation is one escalation of a case. It is active at an instant when it
// opened at or before it and has no close time.
type Escalation struct {
	ID       string // optional
	OpenedAt time.Time
	ClosedAt time.Time // the zero time: not closed
}

// ActiveAt reports whether the escalation is active at now.
func (e Escalation) ActiveAt(now time.Time) bool {
	return !e.OpenedAt.After(now) && e.ClosedAt.IsZero()
}

// Request is what the customer asks for and how.
type Request struct {
	Reason  RequestReason
	Channel Channel
	// Portal is the portal a Portal-channel request came through; required
	// for that channel. Other channels ignore it; the mobile app is the
	// commercial portal's client.
	Portal fedramp.Portal
	// Role is the requester's portal role (G6); required.
	Role access.Role
	// PIN is the PIN a phone caller gave (F3); NoPIN when none.
	PIN fedramp.PIN
	// LastViewedAt, when not zero, is when the requester last viewed the
	// case (G4).
	LastViewedAt time.Time
	// Details is free text for people; no decision reads it.
	Details string
}
