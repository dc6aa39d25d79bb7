// Package priority defines the four priority levels of a support case and how a
// change of priority is requested (docs/POLICY.md P1-P5).
//
// A Level orders as Low < Medium < High < Critical. Its text form is the stable
// contract used in JSON ("low", "medium", "high", "critical").
//
// Raising a case's priority is a request of its own, not an escalation:
// RequestChange says whether it takes a work note or a phone call (P5).
//
// # Errors
//
// Parse and Level.UnmarshalText return errors that wrap ErrUnknownLevel and quote
// the input: parse priority "urgent": unknown value.
package priority
