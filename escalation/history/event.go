package history

import (
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/internal/enum"
	"github.com/casepolicy/casepolicy/priority"
)

// Type is the kind of an event. The zero Type is not valid.
type Type uint8

// The event types of docs/CONTRACT.md, with their JSON names.
const (
	Opened           Type = iota + 1 // "opened": the case opens; must come first, once
	Updated                          // "updated": an update of the case
	SetFields                        // "set": fields of the case change; an update
	EscalationOpened                 // "escalation_opened": an escalation opens
	EscalationClosed                 // "escalation_closed": the open escalation closes
	RCARequested                     // "rca_requested": an RCA is requested (again)
	ServiceRestored                  // "service_restored": service is restored
	Closed                           // "closed": the case closes; an update
	Reopened                         // "reopened": the case reopens; an update
)

var typeNames = enum.Names{Type: "Type", Kind: "event type", Names: []string{"",
	"opened", "updated", "set", "escalation_opened", "escalation_closed",
	"rca_requested", "service_restored", "closed", "reopened"}}

// IsValid reports whether t is one of the named types.
func (t Type) IsValid() bool { return typeNames.Valid(uint8(t)) }

// String returns the JSON name of the type, such as "escalation_opened".
func (t Type) String() string { return typeNames.String(uint8(t)) }

// MarshalText implements encoding.TextMarshaler.
func (t Type) MarshalText() ([]byte, error) { return typeNames.Marshal(uint8(t)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *Type) UnmarshalText(text []byte) error {
	v, err := ParseType(string(text))
	if err == nil {
		*t = v
	}
	return err
}

// ParseType returns the event type whose JSON name is s.
func ParseType(s string) (Type, error) {
	v, err := typeNames.Parse(s)
	return Type(v), err
}

// isUpdate reports whether events of type t count as updates of the case
// (last_updated_at) and may carry By.
func (t Type) isUpdate() bool {
	return t == Updated || t == SetFields || t == Closed || t == Reopened
}

// Actor is who made an update. The zero Actor means "not given", which
// counts as Support.
type Actor uint8

// The actors of an update.
const (
	Support  Actor = iota + 1 // "support": Product Support
	Customer                  // "customer": the customer
)

var actorNames = enum.Names{Type: "Actor", Kind: "actor", Names: []string{"", "support", "customer"}}

// IsValid reports whether a is one of the named actors.
func (a Actor) IsValid() bool { return actorNames.Valid(uint8(a)) }

// String returns the JSON name of the actor.
func (a Actor) String() string { return actorNames.String(uint8(a)) }

// MarshalText implements encoding.TextMarshaler.
func (a Actor) MarshalText() ([]byte, error) { return actorNames.Marshal(uint8(a)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (a *Actor) UnmarshalText(text []byte) error {
	v, err := ParseActor(string(text))
	if err == nil {
		*a = v
	}
	return err
}

// ParseActor returns the actor whose JSON name is s.
func ParseActor(s string) (Actor, error) {
	v, err := actorNames.Parse(s)
	return Actor(v), err
}

// Event is one line of a case history.
type Event struct {
	// At is when the event happened. New and Parse keep it in UTC.
	At   time.Time
	Type Type
	// By is who made an update (Updated, SetFields, Closed, Reopened); the
	// zero Actor means not given, which counts as Support. Other types have
	// none.
	By Actor
	// ID names the escalation of EscalationOpened and EscalationClosed
	// (required for both).
	ID string
	// Case is the case as it opens (Opened only).
	Case *Opening
	// Fields are the changes of a SetFields event.
	Fields *Fields
}

// Opening is the case of an Opened event: the snapshot fields of a request's
// case without those the history derives (status, opened_at,
// last_updated_at, last_support_update_at, escalations, rca).
type Opening struct {
	ID         string // required, not empty
	Priority   priority.Level
	Deployment escalation.Deployment
	Offering   fedramp.Offering
	Product    escalation.Product // optional
	Region     string             // optional
	Assigned   bool
	// AwaitingCustomer and BusinessImpact are as in escalation.Case.
	AwaitingCustomer bool
	BusinessImpact   bool
	// Engaged is empty (nil) when nobody else is engaged.
	Engaged []escalation.Engagement
	// Calendar and TimeZone name the case's calendar (calendar.Named); ""
	// when not given. When only one is given the other defaults to "US" or
	// "UTC"; when neither is, the policy's default calendar applies.
	Calendar, TimeZone string
}

// Fields are the changes of a "set" event: a nil pointer leaves the field as
// it was. For the optional fields, a pointer to the zero value ("" for
// Region, Calendar and TimeZone, 0 for Product, nil for Engaged) clears the
// field, as JSON's null does.
type Fields struct {
	Priority         *priority.Level
	Deployment       *escalation.Deployment
	Offering         *fedramp.Offering
	Product          *escalation.Product
	Region           *string
	Calendar         *string
	TimeZone         *string
	Assigned         *bool
	AwaitingCustomer *bool
	BusinessImpact   *bool
	Engaged          *[]escalation.Engagement
}
