package lifecycle

import (
	"fmt"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/internal/enum"
)

// Message is the kind of an update posted on an escalated case (M4). The zero
// Message means unset and is not valid.
//
// The text form ("technical_update", "escalation_communication") is the stable
// contract; the integer values are not.
type Message uint8

// The two kinds of message M4 tells apart.
const (
	// TechnicalUpdate is about the technical aspects of the case.
	TechnicalUpdate Message = iota + 1
	// EscalationCommunication is about the escalation itself: communication
	// with the escalation owner.
	EscalationCommunication
)

// Feed is a feed section of a case in the support portal (M4). The zero Feed
// means unset and is not valid.
//
// The text form ("case_feed", "escalation_feed") is the stable contract; the
// integer values are not.
type Feed uint8

// The two feeds of an escalated case.
const (
	// CaseFeed is the case feed (the Case Details tab): the technical aspects.
	CaseFeed Feed = iota + 1
	// EscalationFeed is the escalation feed (the Escalation Details tab): the
	// communication flow of the escalation. Commercial cases only (F10).
	EscalationFeed
)

var (
	messageNames = enum.Names{Type: "Message", Kind: "message", Names: []string{TechnicalUpdate: "technical_update", EscalationCommunication: "escalation_communication"}}
	feedNames    = enum.Names{Type: "Feed", Kind: "feed", Names: []string{CaseFeed: "case_feed", EscalationFeed: "escalation_feed"}}
)

// IsValid reports whether m is TechnicalUpdate or EscalationCommunication.
func (m Message) IsValid() bool { return m == TechnicalUpdate || m == EscalationCommunication }

// String returns the text form of m, or "Message(n)" for an invalid value.
func (m Message) String() string {
	return messageNames.String(uint8(m))
}

// MarshalText implements encoding.TextMarshaler. An invalid value is an error.
func (m Message) MarshalText() ([]byte, error) {
	return messageNames.Marshal(uint8(m))
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly what
// MarshalText writes.
func (m *Message) UnmarshalText(text []byte) error {
	v, err := ParseMessage(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// ParseMessage returns the message kind whose text form is text.
func ParseMessage(text string) (Message, error) {
	v, err := messageNames.Parse(text)
	return Message(v), err
}

// IsValid reports whether f is CaseFeed or EscalationFeed.
func (f Feed) IsValid() bool { return f == CaseFeed || f == EscalationFeed }

// String returns the text form of f, or "Feed(n)" for an invalid value.
func (f Feed) String() string {
	return feedNames.String(uint8(f))
}

// MarshalText implements encoding.TextMarshaler. An invalid value is an error.
func (f Feed) MarshalText() ([]byte, error) {
	return feedNames.Marshal(uint8(f))
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly what
// MarshalText writes.
func (f *Feed) UnmarshalText(text []byte) error {
	v, err := ParseFeed(string(text))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// ParseFeed returns the feed whose text form is text.
func ParseFeed(text string) (Feed, error) {
	v, err := feedNames.Parse(text)
	return Feed(v), err
}

// Routing is where a message goes and why. The zero Routing goes nowhere: its
// Feed is not valid (Route returns it with an error).
type Routing struct {
	Feed Feed
	// Clause is "M4" when the message goes to its own feed, "F10" when a
	// FedRAMP case has no escalation feed and escalation communication goes
	// to the case feed instead.
	Clause string
	// Redirected is true exactly when Clause is "F10": the message is not on
	// the feed M4 names for its kind.
	Redirected bool
	// Explanation is text for the person posting the message.
	Explanation string
}

// Route says which feed a message goes to (M4, F10). A technical update goes
// to the case feed. Communication about the escalation goes to the escalation
// feed on a commercial case; a FedRAMP case has no escalation feed (F10), so it
// goes to the case feed, with Redirected set and Clause "F10": the escalation
// owner records external communication on the case (M4's process), which is
// the only feed a FedRAMP case has.
//
// Route does not fail for a FedRAMP case; it is an error (a *FieldError) only
// for an invalid message kind or offering.
func Route(m Message, offering fedramp.Offering) (Routing, error) {
	return route(m, offering, nil)
}

// RouteUnder is Route under policy p, whose rule says which cases have an
// escalation feed (p.HasEscalationFeed): every escalated case under the 2022
// policy, commercial cases only from 2024-01-18 (F10). Where the policy gives
// a FedRAMP case an escalation feed, communication about the escalation goes
// there (M4); elsewhere it is redirected to the case feed as in Route. The
// zero Policy is an error (a *FieldError on "policy").
func RouteUnder(p escalation.Policy, m Message, offering fedramp.Offering) (Routing, error) {
	if !p.IsValid() {
		return Routing{}, fmt.Errorf("route: %w", &FieldError{Field: "policy", Problem: "missing"})
	}
	return route(m, offering, &p)
}

// route routes m, with p's feed rule when p is not nil, else F10's.
func route(m Message, offering fedramp.Offering, p *escalation.Policy) (Routing, error) {
	var ps []*FieldError
	if !m.IsValid() {
		ps = append(ps, &FieldError{Field: "message", Problem: "unknown value"})
	}
	if !validOffering(offering) {
		ps = append(ps, &FieldError{Field: "offering", Problem: "unknown value"})
	}
	if err := escalation.JoinProblems(ps...); err != nil {
		return Routing{}, fmt.Errorf("route: %w", err)
	}
	hasFeed := fedramp.EscalationFeed(offering)
	if p != nil {
		hasFeed = p.HasEscalationFeed(offering)
	}
	switch {
	case m == TechnicalUpdate:
		return Routing{Feed: CaseFeed, Clause: "M4",
			Explanation: "Technical updates go to the case feed (Case Details)."}, nil
	case !hasFeed:
		return Routing{Feed: CaseFeed, Clause: "F10", Redirected: true,
			Explanation: "FedRAMP cases have no escalation feed: communication about the escalation goes to the case feed (Case Details)."}, nil
	}
	return Routing{Feed: EscalationFeed, Clause: "M4",
		Explanation: "Communication about the escalation goes to the escalation feed (Escalation Details)."}, nil
}

// HasEscalationFeed reports whether cases of the offering have an escalation
// feed (F10): commercial cases only. It is fedramp.EscalationFeed, the one
// place F10 is decided.
func HasEscalationFeed(offering fedramp.Offering) bool { return fedramp.EscalationFeed(offering) }

func validOffering(o fedramp.Offering) bool { return o == fedramp.Commercial || o == fedramp.FedRAMP }
