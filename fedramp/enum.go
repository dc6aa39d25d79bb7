package fedramp

import (
	"github.com/casepolicy/casepolicy/internal/enum"
)

// ErrUnknownValue is wrapped by every error that reports text which is not one
// of an enumeration's names.
var ErrUnknownValue = enum.ErrUnknown

// ParseError reports text that could not be parsed as one of this package's
// enumerations. It reads like `parse role "admin": unknown value` and unwraps
// to ErrUnknownValue.
type ParseError = enum.Error

// Offering is the offering type of an organisation or case. Its text forms are
// "commercial" and "fedramp". The zero Offering is not valid, so an offering
// left unset is never taken for commercial: the decisions of this package
// treat it like FedRAMP (failing closed), and the escalation package reports
// it missing.
type Offering uint8

// The offerings.
const (
	Commercial Offering = iota + 1 // the commercial offering
	FedRAMP                        // the FedRAMP offering, hosted in us-east-2 (F7)
)

var offeringNames = enum.Names{Type: "Offering", Kind: "offering", Names: []string{"", "commercial", "fedramp"}}

// String returns the text form, or "Offering(n)" for an unknown value.
func (o Offering) String() string { return offeringNames.String(uint8(o)) }

// MarshalText implements encoding.TextMarshaler; an unknown value is an error.
func (o Offering) MarshalText() ([]byte, error) {
	return offeringNames.Marshal(uint8(o))
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly what
// MarshalText writes; the empty string is not an offering.
func (o *Offering) UnmarshalText(text []byte) error {
	v, err := ParseOffering(string(text))
	if err != nil {
		return err
	}
	*o = v
	return nil
}

// ParseOffering parses "commercial" or "fedramp".
func ParseOffering(s string) (Offering, error) {
	i, err := offeringNames.Parse(s)
	return Offering(i), err
}

// Portal is the support portal a portal request came through. Its text forms
// are "commercial" and "fedramp". The zero Portal is not valid: a portal left
// unset is never taken for the commercial one.
type Portal uint8

// The portals.
const (
	CommercialPortal Portal = iota + 1 // the commercial support portal
	FedRAMPPortal                      // the FedRAMP support portal
)

var portalNames = enum.Names{Type: "Portal", Kind: "portal", Names: []string{"", "commercial", "fedramp"}}

// String returns the text form, or "Portal(n)" for an unknown value.
func (p Portal) String() string { return portalNames.String(uint8(p)) }

// MarshalText implements encoding.TextMarshaler; an unknown value is an error.
func (p Portal) MarshalText() ([]byte, error) { return portalNames.Marshal(uint8(p)) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly what
// MarshalText writes; the empty string is not a portal.
func (p *Portal) UnmarshalText(text []byte) error {
	v, err := ParsePortal(string(text))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// ParsePortal parses "commercial" or "fedramp".
func ParsePortal(s string) (Portal, error) {
	i, err := portalNames.Parse(s)
	return Portal(i), err
}

// PIN is which PIN a phone caller gave (F3). The zero value NoPIN means none
// was given; its text form is the empty string. The others are "commercial"
// and "fedramp".
type PIN uint8

// The PINs a caller can give.
const (
	NoPIN         PIN = iota // no PIN given (the zero value; text "")
	CommercialPIN            // the commercial support PIN
	FedRAMPPIN               // the FedRAMP support PIN, which differs from the commercial one
)

var pinNames = enum.Names{Type: "PIN", Kind: "pin", EmptyValid: true, Names: []string{"", "commercial", "fedramp"}}

// String returns the text form ("" for NoPIN), or "PIN(n)" for an unknown value.
func (p PIN) String() string { return pinNames.String(uint8(p)) }

// MarshalText implements encoding.TextMarshaler; an unknown value is an error.
func (p PIN) MarshalText() ([]byte, error) { return pinNames.Marshal(uint8(p)) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly what
// MarshalText writes, so the empty string is NoPIN.
func (p *PIN) UnmarshalText(text []byte) error {
	v, err := ParsePIN(string(text))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// ParsePIN parses "", "commercial" or "fedramp".
func ParsePIN(s string) (PIN, error) {
	i, err := pinNames.Parse(s)
	return PIN(i), err
}

// RouteOutcome is what routing does with a submission. The zero
// RouteOutcome is unset: no routing was decided. Text forms: "accept",
// "redirect_to_fedramp_portal", "refuse".
type RouteOutcome uint8

// The routing outcomes.
const (
	Accept   RouteOutcome = iota + 1 // the submission is taken where it arrived
	Redirect                         // redirected to the FedRAMP portal; the commercial case is to be closed (F1)
	Refuse                           // refused (F1, F2)
)

var routeOutcomeNames = enum.Names{Type: "RouteOutcome", Kind: "route outcome", Names: []string{"", "accept", "redirect_to_fedramp_portal", "refuse"}}

// IsValid reports whether r is a defined outcome (not the zero, unset one).
func (r RouteOutcome) IsValid() bool { return routeOutcomeNames.Valid(uint8(r)) }

// String returns the text form, or "RouteOutcome(n)" for an unknown value.
func (r RouteOutcome) String() string { return routeOutcomeNames.String(uint8(r)) }

// MarshalText implements encoding.TextMarshaler; an unknown value is an error.
func (r RouteOutcome) MarshalText() ([]byte, error) {
	return routeOutcomeNames.Marshal(uint8(r))
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly what
// MarshalText writes.
func (r *RouteOutcome) UnmarshalText(text []byte) error {
	v, err := ParseRouteOutcome(string(text))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// ParseRouteOutcome parses "accept", "redirect_to_fedramp_portal" or "refuse".
func ParseRouteOutcome(s string) (RouteOutcome, error) {
	i, err := routeOutcomeNames.Parse(s)
	return RouteOutcome(i), err
}
