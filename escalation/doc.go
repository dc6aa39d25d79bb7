// Package escalation decides whether a support case may be escalated now, and
// if not, why, what the customer should do, and when it becomes possible
// (docs/POLICY.md G, P, R, U, C, F and V clauses).
//
// A decision is a pure function of a case snapshot (Case), a request
// (Request) and the instant (now): nothing reads the clock. Set.Evaluate
// applies the policy version in force at now (V1); Policy.Evaluate pins one.
//
//	d, err := escalation.DefaultSet().Evaluate(&c, req, now)
//
// The Decision lists every failing criterion, each code once, in the order of
// the clauses in docs/POLICY.md, with its clause, a message and a remedy, and,
// where waiting fixes it, its own eligible instant. Reasons and Warnings are
// read as slices are (Len, At, All), but hold their lists in themselves:
// deciding allocates nothing, allowed or denied, and a copy of a Decision
// shares nothing with it. NextEligibleAt is the
// earliest instant at or after now at which the same request on the same
// snapshot is allowed: evaluating at it gives allowed, one nanosecond earlier
// does not. Without a pinned version, the switch to a later version counts as
// something waiting brings.
//
// # Policies
//
// A Policy is a validated Config (V3): waits, RCA targets, the U and C rules,
// control labels (V2), the default calendar, the period it is in force, and
// V4's switches (P4, F9, the R2 clock from restoration, F10), which are on in
// V20240118 and off in V2022: under 2022 a critical case is judged like a
// medium one. Messages quote the version's own numbers ("12 hours", "3
// business days"), rendered once when the Policy is built.
// V2022 and V20240118 are the built-ins; DefaultSet holds both, switching at
// 2024-01-18T00:00:00Z. NewSet checks a user's versions tile time with no gap
// or overlap. Evaluation does no parsing and no look-ups by string; the
// version in force is found by binary search on instants.
//
// # Interpretations
//
// Where docs/POLICY.md leaves a choice, this package takes these:
//   - P2's 24-hour wait and business-impact test do not apply to rca
//     requests, nor to critical cases (docs/POLICY.md says so).
//   - Under a version with P4, a critical commercial phone call is
//     engage_support_manager whatever the request reason, so U1 does not
//     refuse it either in a user's version with both P4 and U1.
//   - A critical FedRAMP case escalates like any FedRAMP case: USE_PORTAL on
//     channels other than the portal and the mobile app (which gets
//     FEDRAMP_MOBILE_APP only).
//   - FEDRAMP_UNASSIGNED applies to a FedRAMP case on every channel.
//   - A request with no case needs no request fields: the answer is NO_CASE.
//   - An RCA whose due date falls outside the calendar's years is invalid
//     input on case.rca.requested_at.
//
// # JSON
//
// Set.ParseInput reads docs/CONTRACT.md's request JSON (Set.ParseInputAt with
// the service's clock for a body without "now") strictly and Set.EvaluateInput
// decides it; Decision.AppendJSON and AppendErrorJSON write the answer. The
// command examples/casepolicy uses exactly these.
//
// # Errors
//
// Invalid input is an error made of *FieldError values, each naming a field
// by its JSON path and the kind of problem (never the offending value, which
// may be personal data) and wrapping ErrInvalidInput; several print on one
// line, separated by "; ", and Problems lists them. Decisions asked of the
// zero Set return ErrEmptySet. A refusal is a Decision, never an error. NewPolicy and
// NewSet return errors wrapping ErrInvalidPolicy. Parse functions of the enums
// return errors that quote the input: parse channel "fax": unknown value.
package escalation
