package lifecycle

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
)

// Entry is one step in an escalation's history: the state it entered, when,
// and the owner's note (possibly empty). The zero Entry is no step: its State
// is not valid.
type Entry struct {
	State State
	At    time.Time
	Note  string
}

// equal reports whether e and f record the same step (instants compared with Equal).
func (e Entry) equal(f Entry) bool {
	return e.State == f.State && e.At.Equal(f.At) && e.Note == f.Note
}

// Reason is escalation.Reason, the one type of a failing criterion (M2): its
// stable code and clause (for example LOW_PRIORITY, "P1"), the message and
// remedy for the requester and, when time alone fixes it, the instant it
// stops failing. A rejection from Case.Review carries its decision's reasons
// as they are. The zero Reason is not a reason: Reject refuses it.
type Reason = escalation.Reason

// DefaultProcess is the process to follow given with a rejection when the
// owner gives none (M2).
const DefaultProcess = "Address each reason above: read its message, supply what is missing " +
	"or wait until the criterion is met. Then request additional help again from the case " +
	"in the support portal; for a production-down (critical) commercial case, call Product Support."

// Rejection is the escalation owner's answer to an invalid request (M2): every
// failing criterion and the process the requester should follow. The zero
// Rejection has no reasons, so Reject refuses it; an escalation that is not
// rejected reports it from Escalation.Rejection.
type Rejection struct {
	Reasons []Reason
	// Process is what the requester should do next. Reject fills in
	// DefaultProcess when it is empty.
	Process string
}

// Escalation is one escalation on a case, as a value: a transition returns a
// new Escalation and leaves the old one unchanged. Its history lists every state
// it entered, oldest first, and is never rewritten.
//
// Escalations are created by Case.Open and moved on by Review, Accept, Reject,
// Start and Close; Case.Update stores the result back in its case. The zero
// Escalation has no history and no state (State returns 0); every transition
// on it is an error.
type Escalation struct {
	id        string
	caseID    string
	history   []Entry
	rejection Rejection // set when rejected
}

// ID returns the escalation's ID, unique on its case.
func (e Escalation) ID() string { return e.id }

// CaseID returns the ID of the case the escalation is on.
func (e Escalation) CaseID() string { return e.caseID }

// State returns the current state, or 0 for the zero Escalation.
func (e Escalation) State() State {
	if len(e.history) == 0 {
		return 0
	}
	return e.history[len(e.history)-1].State
}

// IsActive reports whether the escalation is active (G5): submitted, under
// review, accepted or in progress.
func (e Escalation) IsActive() bool { return e.State().IsActive() }

// CreatedAt returns the instant the escalation was created (M1): the instant it
// was submitted. It is the zero time for the zero Escalation.
func (e Escalation) CreatedAt() time.Time {
	if len(e.history) == 0 {
		return time.Time{}
	}
	return e.history[0].At
}

// UpdatedAt returns the instant of the last transition (the creation instant
// when there has been none).
func (e Escalation) UpdatedAt() time.Time {
	if len(e.history) == 0 {
		return time.Time{}
	}
	return e.history[len(e.history)-1].At
}

// History returns a copy of the escalation's history, oldest first. The first
// entry is always Submitted; each next entry is a transition CanGoTo allows, at
// or after the instant before it.
func (e Escalation) History() []Entry { return slices.Clone(e.history) }

// Rejection returns the owner's rejection (M2) and true when the escalation is
// rejected, and false otherwise.
func (e Escalation) Rejection() (Rejection, bool) {
	if e.State() != Rejected {
		return Rejection{}, false
	}
	return Rejection{Reasons: slices.Clone(e.rejection.Reasons), Process: e.rejection.Process}, true
}

// Review moves a submitted escalation under review (M2).
func (e Escalation) Review(now time.Time, note string) (Escalation, error) {
	return e.transition(UnderReview, now, note)
}

// Accept records that the owner found the request valid (M3: it joins the
// owner's queue).
func (e Escalation) Accept(now time.Time, note string) (Escalation, error) {
	return e.transition(Accepted, now, note)
}

// Start records that work on an accepted escalation has begun.
func (e Escalation) Start(now time.Time, note string) (Escalation, error) {
	return e.transition(InProgress, now, note)
}

// Close closes an escalation in progress.
func (e Escalation) Close(now time.Time, note string) (Escalation, error) {
	return e.transition(Closed, now, note)
}

// Reject records that the owner found the request invalid (M2). The rejection
// must give at least one reason, each with a clause and the code of a failing
// criterion (not a warning); an empty
// Process is replaced by DefaultProcess. The history entry's note is empty: the
// reasons and the process are read back with Rejection.
func (e Escalation) Reject(now time.Time, r Rejection) (Escalation, error) {
	next, err := e.transition(Rejected, now, "")
	if err != nil {
		return Escalation{}, err
	}
	var ps []*FieldError
	if len(r.Reasons) == 0 {
		ps = append(ps, &FieldError{Field: "reasons", Problem: "empty: a rejection gives its reasons (M2)"})
	}
	for i, reason := range r.Reasons {
		switch c := reason.Code; {
		case c == 0:
			ps = append(ps, &FieldError{Field: "reasons[" + strconv.Itoa(i) + "].code", Problem: "missing"})
		case !c.IsValid():
			ps = append(ps, &FieldError{Field: "reasons[" + strconv.Itoa(i) + "].code", Problem: "unknown value"})
		case c.IsWarning():
			ps = append(ps, &FieldError{Field: "reasons[" + strconv.Itoa(i) + "].code", Problem: "a warning, not a failing criterion"})
		}
		if reason.Clause == "" {
			ps = append(ps, &FieldError{Field: "reasons[" + strconv.Itoa(i) + "].clause", Problem: "missing"})
		}
	}
	if err := escalation.JoinProblems(ps...); err != nil {
		return Escalation{}, fmt.Errorf("escalation %s: reject: %w", e.id, err)
	}
	next.rejection = Rejection{Reasons: slices.Clone(r.Reasons), Process: r.Process}
	if next.rejection.Process == "" {
		next.rejection.Process = DefaultProcess
	}
	return next, nil
}

// transition returns a copy of e that has moved to state to at now.
func (e Escalation) transition(to State, now time.Time, note string) (Escalation, error) {
	from := e.State()
	if !from.CanGoTo(to) {
		return Escalation{}, &TransitionError{ID: e.id, From: from, To: to}
	}
	if last := e.UpdatedAt(); now.Before(last) {
		return Escalation{}, fmt.Errorf("escalation %s: %w", e.id, outOfOrder("transition to "+strconv.Quote(to.String()), now, last))
	}
	// A fresh backing array: the old value's history is never shared with
	// the new one, so appending to either cannot change the other.
	h := make([]Entry, len(e.history), len(e.history)+1)
	copy(h, e.history)
	e.history = append(h, Entry{State: to, At: now, Note: note})
	return e, nil
}

// Confirmation is what M1 shows when an accepted request creates an
// escalation: the creation instant recorded on the case and the banner shown
// to the requester. The zero Confirmation confirms nothing: Case.Open
// returns it with an error.
type Confirmation struct {
	EscalationID string
	CaseID       string
	CreatedAt    time.Time
	// Banner is the confirmation text for the requester, with the creation
	// instant in RFC 3339, UTC.
	Banner string
}

func confirm(e Escalation) Confirmation {
	at := e.CreatedAt()
	return Confirmation{
		EscalationID: e.id,
		CaseID:       e.caseID,
		CreatedAt:    at,
		Banner: fmt.Sprintf("Escalation %s has been created on case %s at %s. The escalation owner will review it.",
			e.id, e.caseID, at.UTC().Format(time.RFC3339Nano)),
	}
}
