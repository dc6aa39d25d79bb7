// Package rca computes when a root-cause analysis is due and where it stands
// (docs/POLICY.md R1-R5).
//
// Product Support's target for an RCA is a number of business days after the
// later of the RCA request and the restoration of service: 5 for cloud
// deployments, 7 for premise (R2); the RCA document of a severity-1 platform
// incident is due 5 business days after restoration (R3). Business days are
// counted on a calendar.Calendar, in its zone, at the same wall-clock time
// (R4, R5).
//
// Analysis.StatusAt reports an RCA's state at an instant: not requested, in
// analysis until its due instant, overdue since it, or delivered.
//
// # Errors
//
// A due date outside the calendar's years is an error wrapping
// calendar.ErrOutOfRange; a negative target or a delivery before the request
// is an error wrapping ErrInvalid. ParseState and State.UnmarshalText return errors
// that quote the input: parse rca state "late": unknown value.
package rca
