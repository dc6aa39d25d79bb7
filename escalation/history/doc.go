// Package history replays one support case's history and answers, for a
// request, when it could be escalated: the eligibility timeline of
// docs/CONTRACT.md ("Case history and the eligibility timeline").
//
// A History is the validated events of one case (Event: opened, updated,
// set, escalation_opened/closed, rca_requested, service_restored, closed,
// reopened), built with New from Go values or Parse from JSON Lines, and
// written back with AppendJSONL (Parse reads it to an equal history).
// Problems are an *Error listing each one's line, field and kind, never the
// offending value.
//
// Snapshot(t) is the case at instant t, the fold of every event at or before
// t into the escalation.Case a decision reads: status, opened_at,
// last_updated_at (opened, updated, set, closed and reopened), the last
// support update (the same events, unless by the customer), escalations with
// their close times, the RCA's request (the latest) and restoration, and the
// fields set since. Before opened there is no case (nil).
//
// Timeline(q) is the request's decision over a window as maximal intervals
// of constant allowed, outcome, policy and reason codes. It is exact: at an
// interval's From the decision is that interval's, one nanosecond earlier
// the previous one's. It evaluates only at candidate instants (events,
// reasons' EligibleAt, NextEligibleAt, version switches), so its cost grows
// with the events and changes, not with the window's length. Timeline's
// At, FirstAllowed, Totals and Codes answer the common questions; Compare
// and History.WhatIf set two policy sets side by side over one history.
//
// Nothing here reads the clock, the environment or files.
package history
