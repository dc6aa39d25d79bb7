package lifecycle

import (
	"errors"
	"fmt"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/escalation"
)

// ErrNotAllowed is wrapped by the error of Case.OpenFrom for a decision that
// creates no escalation: a denied request, or an allowed one whose outcome
// is not the creation of an escalation.
var ErrNotAllowed = errors.New("the decision creates no escalation")

// createsEscalation reports whether a decision's outcome creates an
// escalation (M1): escalation_created, and U2's
// escalation_created_and_case_owner_notified. Interpretation: C1's
// case_owner_notified creates none, as the policy says, and neither does
// P4's engage_support_manager, which hands a phone call to a Product Support
// Manager instead.
func createsEscalation(o escalation.Outcome) bool {
	return o == escalation.EscalationCreated || o == escalation.EscalationCreatedAndCaseOwnerNotified
}

// OpenFrom opens escalation id at now for a request that the escalation
// decision d allowed (M1): it is Open, refused with ErrNotAllowed unless d is
// allowed with an outcome that creates an escalation. G5 still holds: Open
// refuses while another escalation on the case is active, whatever the
// decision says (a decision made on a snapshot that listed the active
// escalation would have been denied with ACTIVE_ESCALATION).
func (c Case) OpenFrom(id string, d escalation.Decision, now time.Time, note string) (Case, Confirmation, error) {
	if !d.Allowed || !d.Outcome.Allowed() || !createsEscalation(d.Outcome) {
		return Case{}, Confirmation{}, fmt.Errorf("case %s: open %s: %w (outcome %s)", c.id, id, ErrNotAllowed, d.Outcome)
	}
	return c.Open(id, now, note)
}

// Snapshot returns the case's escalations as the escalation decision reads
// them (G5): for each one, oldest first, its ID, its creation instant as
// OpenedAt and, once it is rejected or closed, the instant it ended as
// ClosedAt. An active escalation has no ClosedAt.
func (c Case) Snapshot() []escalation.Escalation {
	return c.snapshotWithout("", false)
}

// snapshotWithout is Snapshot without the escalation skip, when skipping.
func (c Case) snapshotWithout(skip string, skipping bool) []escalation.Escalation {
	out := make([]escalation.Escalation, 0, len(c.escalations))
	for i := range c.escalations {
		e := &c.escalations[i]
		if skipping && e.id == skip {
			continue
		}
		s := escalation.Escalation{ID: e.id, OpenedAt: e.CreatedAt()}
		if e.State().IsFinal() {
			s.ClosedAt = e.UpdatedAt()
		}
		out = append(out, s)
	}
	return out
}

// OwnerReview is what the escalation owner reviews an escalation on (M2): the
// case and the request as they stand at the review instant. The zero
// OwnerReview is not a review: its case has no ID.
type OwnerReview struct {
	// Case is the case snapshot at At. Its Escalations are not read: the
	// decision reads the lifecycle case's other escalations instead (see
	// Case.Review).
	Case    escalation.Case
	Request escalation.Request
	At      time.Time
	// Note is the note of the review's transitions.
	Note string
	// Process is the process to follow given with a rejection;
	// DefaultProcess when empty.
	Process string
}

// Review is the escalation owner's review of escalation id (M2): the request
// is decided again, under set, on the case snapshot at the review instant,
// with the case's other escalations (Snapshot without this one) as the
// snapshot's escalations, since the one under review does not count against
// itself (G5). An allowed request moves the escalation to accepted (it joins
// the owner's queue, M3); a refused one to rejected, the Rejection carrying
// the decision's reasons and the process to follow. A submitted escalation
// goes under review first, at the same instant.
//
// Review returns the new case and the decision. It is an error when the case
// has no escalation id, when the snapshot is of another case, when the
// escalation is neither submitted nor under review (a *TransitionError), when
// At is before its last transition (ErrOutOfOrder), or when the decision finds
// the input invalid (the escalation package's *FieldErrors, paths as in
// docs/CONTRACT.md).
func (c Case) Review(id string, set escalation.Set, r OwnerReview) (Case, escalation.Decision, error) {
	e, ok := c.Escalation(id)
	if !ok {
		return Case{}, escalation.Decision{}, fmt.Errorf("case %s: review: %w", c.id,
			&FieldError{Field: "id", Problem: "no escalation with this ID on the case"})
	}
	if r.Case.ID != c.id {
		return Case{}, escalation.Decision{}, fmt.Errorf("case %s: review %s: %w", c.id, id,
			&FieldError{Field: "case.id", Problem: "not the case of the escalation"})
	}
	snap := r.Case
	snap.Escalations = c.snapshotWithout(id, true)
	d, err := set.Evaluate(&snap, r.Request, r.At)
	if err != nil {
		return Case{}, escalation.Decision{}, fmt.Errorf("case %s: review %s: %w", c.id, id, err)
	}
	if e.State() == Submitted {
		if e, err = e.Review(r.At, r.Note); err != nil {
			return Case{}, escalation.Decision{}, err
		}
	}
	if d.Allowed {
		e, err = e.Accept(r.At, r.Note)
	} else {
		e, err = e.Reject(r.At, Rejection{Reasons: d.Reasons.Slice(), Process: r.Process})
	}
	if err != nil {
		return Case{}, escalation.Decision{}, err
	}
	if c, err = c.Update(e); err != nil {
		return Case{}, escalation.Decision{}, err
	}
	return c, d, nil
}

// NewItem returns the queue item (M3) of escalation e, an active escalation
// on the case whose snapshot is c, under policy p: the case's ID, priority,
// business impact, offering and last update, the escalation's creation
// instant as SubmittedAt, and as RCADueAt the instant the case's RCA is due
// (R2): c.RCA.Due on the case's calendar (the policy's when the case names
// none) with the policy's business days for the case's deployment, the
// clock starting at the request, or at the later of the request and service
// restoration when the policy's RCAClockFromRestoration says so. A case with
// no RCA requested, or whose RCA was delivered, has no RCA due.
//
// It is an error (a *FieldError) when e is not active, when c is nil or not
// e's case, when p is not valid, or when the RCA's due date falls outside the
// calendar's years. The item is valid for Order at any instant at or after
// SubmittedAt and c.LastUpdatedAt when the snapshot is valid.
func NewItem(e Escalation, c *escalation.Case, p escalation.Policy) (Item, error) {
	var ps []*FieldError
	if !e.IsActive() {
		ps = append(ps, &FieldError{Field: "state", Problem: "not an active escalation"})
	}
	if c == nil || c.ID != e.CaseID() {
		ps = append(ps, &FieldError{Field: "case.id", Problem: "not the case of the escalation"})
	}
	if !p.IsValid() {
		ps = append(ps, &FieldError{Field: "policy", Problem: "missing"})
	}
	if err := escalation.JoinProblems(ps...); err != nil {
		return Item{}, fmt.Errorf("escalation %s: item: %w", e.id, err)
	}
	it := Item{
		ID: e.id, CaseID: c.ID, Priority: c.Priority, BusinessImpact: c.BusinessImpact, Offering: c.Offering,
		SubmittedAt: e.CreatedAt(), LastUpdatedAt: c.LastUpdatedAt,
	}
	if c.RCA.DeliveredAt.IsZero() {
		cfg := p.Config()
		cal := c.Calendar
		if !cal.IsValid() {
			cal = cfg.Calendar
		}
		if !cal.IsValid() {
			cal = calendar.Default()
		}
		days := cfg.CloudRCADays
		if c.Deployment == escalation.Premise {
			days = cfg.PremiseRCADays
		}
		a := c.RCA
		if !cfg.RCAClockFromRestoration {
			a.ServiceRestoredAt = time.Time{}
		}
		due, ok, err := a.Due(cal, days)
		if err != nil {
			return Item{}, fmt.Errorf("escalation %s: item: %w", e.id,
				&FieldError{Field: "case.rca.requested_at", Problem: "the RCA target falls outside the calendar's years"})
		}
		if ok {
			it.RCADueAt = due
		}
	}
	return it, nil
}
