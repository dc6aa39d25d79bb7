// Package access encodes portal access, clauses A1-A3 of the support-case
// policy: what a designated contact and a read-only user may do, and which
// cases a user may view.
//
//   - A1: a [DesignatedContact] creates, updates, closes, reopens and
//     escalates cases and uses the care apps and tools.
//   - A2: a [ReadOnly] user (another employee of a direct customer, partner,
//     reseller or end user) views the cases that their own company's
//     designated contacts opened, and nothing more.
//   - A3: everyone with portal access searches the knowledge base and
//     documentation, registers for tutorials and reads announcements.
//
// Decisions are pure functions; an unknown [Role] or [Action] is never
// allowed.
//
// # Errors
//
// [ParseRole], [ParseAction] and the UnmarshalText methods return a
// *[ParseError] that reads like `parse role "admin": unknown value` and wraps
// [ErrUnknownValue]. MarshalText of a value outside an enumeration returns an
// error.
package access
