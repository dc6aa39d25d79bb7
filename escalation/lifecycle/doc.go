// Package lifecycle follows an escalation after its request was accepted
// (docs/POLICY.md M1-M5, with G5 and F10): its states, the case that holds it, the
// order of an owner's queue and the feed a message goes to.
//
// Everything here is a pure function of values: every step that depends on
// time takes the instant as a now argument, and values are never changed in
// place. A transition returns a new Escalation and leaves the old one as it was.
//
// # Lifecycle (M5)
//
// An escalation moves only along these transitions:
//
//	submitted → under_review → rejected
//	                         → accepted → in_progress → closed
//
// Any other move is an error naming it, such as
// `escalation E-1: cannot go from "closed" to "in_progress"`. A transition at
// an instant before the escalation's last one is an error too; at the same
// instant it is allowed. Each escalation keeps its history of (state, instant,
// note) entries, oldest first; a transition only appends to it.
//
// Rejected and closed are final. Every other state is active.
//
// # Creation and rejection (M1, M2)
//
// Case.Open creates an escalation in state submitted. It returns a
// Confirmation: the creation instant recorded on the case and the banner shown
// to the requester (M1). Interpretation: M1's "accepted request" is a request
// the escalation decision allowed, which is what creates the escalation. The
// source article shows the timestamp and banner "once the case has been
// escalated", before the owner's review. It is not the later accepted state.
//
// Escalation.Reject ends the review of an invalid request with a Rejection:
// every failing criterion as a Reason (escalation.Reason: code, clause,
// message, remedy) and the process to follow (DefaultProcess unless the owner
// gives one) (M2).
//
// # From a decision to the queue
//
// The escalation package decides a request; this package follows what the
// decision creates:
//
//   - Case.OpenFrom opens an escalation from an escalation.Decision, only one
//     that allowed the request with an outcome that creates an escalation
//     (ErrNotAllowed otherwise), and only while no other escalation on the
//     case is active (G5).
//   - Case.Snapshot is the case's escalations as the decision reads them:
//     opened at their creation, closed when rejected or closed.
//   - Case.Review is the owner's review (M2): it decides the request again
//     under the same escalation.Set, on the case snapshot at the review
//     instant, and accepts the escalation or rejects it with that
//     decision's reasons and the process to follow.
//   - NewItem makes the queue item of an active escalation from the case
//     snapshot and the policy in force: its RCA due instant is the case's
//     rca.Analysis.Due on the case's calendar with the policy's business
//     days (R2).
//
// # One active escalation per case (G5)
//
// A Case holds its escalations, oldest first. Case.Open refuses a new
// escalation while one is active, and at an instant before the case's last
// recorded event, so the active periods of a case's escalations never overlap.
// Case.Update stores the next version of one of its escalations. It accepts
// only a version whose history continues the stored one.
//
// # Queue order (M3)
//
// Order sorts an owner's open escalations at now. It compares the keys below
// in order. The first key on which two escalations differ decides, and the
// escalation with the value in the "first" column comes first. The first three
// keys are importance and the next three are urgency; the last keys only make
// the order total.
//
//	#  key (RankKey text)   compares                               first
//	1  priority             Item.Priority                          higher: critical, high, medium, low
//	2  business_impact      Item.BusinessImpact                    true
//	3  offering             Item.Offering                          fedramp
//	4  rca_overdue          RCADueAt set and not after now         true (overdue)
//	5  days_waiting         whole 24 h periods since SubmittedAt   more
//	6  hours_since_update   whole hours since LastUpdatedAt        more
//	7  submitted_at         SubmittedAt, exactly                   earlier
//	8  id                   Item.ID, byte by byte                  smaller
//	9  duplicate_id         CaseID, LastUpdatedAt, RCADueAt        smaller, earlier, earlier
//
// Importance comes before urgency: a high escalation waiting ten days still
// comes after a critical one submitted a minute ago. Waiting time counts only
// in whole days, so a case left without an update for longer can pass one
// submitted a few hours earlier. Interpretations: FedRAMP counts as
// importance. Those cases have fewer ways to reach support (no mobile app,
// F2; no escalation feed, F10) and only staff with the FedRAMP skill can take
// them (F5). An overdue root-cause analysis (R3) is a missed target, which
// makes it the most urgent key.
//
// The order is a total order on the items' contents: it does not depend on
// the order of the input, and only items equal in every field tie. It is
// monotone. Raising an item's priority, adding business impact, an overdue
// RCA, or an earlier submission or last update never moves the item later.
// Each Ranked position says which key put it before the next one (DecidedBy),
// and Queue.Reason says it in words, for example `priority critical is above
// high of "E-2"`.
//
// Waiting times are counted from the instants, in whole seconds, so they are
// exact for any times in the years 0001-9999 (a time.Duration would stop at
// 292 years).
//
// Rank precomputes one packed key per item (the first seven keys as three
// integers) and radix-sorts those keys, then breaks the rare ties on IDs; its
// result, a Ranking, refers to the items by index instead of copying them.
// Ranking n escalations costs O(n) time plus O(k log k) per run of k items
// equal in their first seven keys, and two allocations: the keys and the
// sort's scratch. Order is Rank followed by a copy of every item into a
// Queue. Items holds a long queue compactly (about 56 bytes per item plus its
// IDs) and finds items by ID or case ID; Items.Rank orders it.
//
// # Feeds (M4, F10)
//
// Route sends a technical update to the case feed and communication about the
// escalation to the escalation feed. FedRAMP cases have no escalation feed.
// For them, communication about the escalation is a distinct result, not an
// error: it goes to the case feed with Clause "F10" and Redirected set.
// RouteUnder applies a policy version's own rule instead: under the 2022
// policy every escalated case has an escalation feed.
//
// # Queue input
//
// DecodeItem reads one line of the `casepolicy queue` input (JSON Lines, one
// escalation per line) strictly, with the module's one JSON reader
// (internal/jsonread); see its documentation for the fields.
//
// # Errors
//
// Functions return error values of these kinds, which errors.Is and
// errors.As recognise (Item.MarshalJSON excepted: it returns the MarshalText
// error of an invalid priority.Level or fedramp.Offering):
//
//   - *TransitionError, wrapping ErrIllegalTransition: a transition M5 does not
//     allow (the transitions of the zero Escalation included).
//   - ErrOutOfOrder: a transition, or Case.Open, at an instant before the last
//     one recorded.
//   - ErrActiveEscalation: Case.Open while an escalation is active (G5).
//   - ErrNotAllowed: Case.OpenFrom with a decision that creates no
//     escalation (denied, or an outcome such as case_owner_notified).
//   - *FieldError (escalation.FieldError), wrapping ErrInvalidInput (which is
//     escalation.ErrInvalidInput): input that makes no sense, such as an empty
//     ID, a rejection without reasons, an invalid item given to Order, or a
//     bad queue line given to DecodeItem. Field names the field as a JSON path
//     ("priority", "items[3].submitted_at", "reasons[0].code"; "" for a line
//     that is not a JSON object) and Problem the kind of problem, never the
//     value. Several problems come as one error that prints on one line
//     ("id: missing; priority: unknown value"); escalation.Problems lists
//     them.
//   - ErrUnknownValue: the Parse functions and UnmarshalText methods of State,
//     RankKey, Message and Feed, quoting the input: parse state "done": unknown
//     value.
//
// # Zero values
//
// The zero value of every enum (State, RankKey, Message, Feed) means unset: it
// is not valid, String names it like "State(0)" and MarshalText refuses it.
// The zero Case is a commercial case with an empty ID, the zero Escalation has
// no state and allows no transition, the zero Item is not valid, and the zero
// Queue, Ranking and Items are empty. Each type's documentation says what its
// zero value means.
//
// Not being allowed is never an error: a rejection is a state, and the
// FedRAMP routing of F10 is a Routing.
package lifecycle
