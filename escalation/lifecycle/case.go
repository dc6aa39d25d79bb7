package lifecycle

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
)

// Case holds the escalations of one support case, oldest first, and keeps G5
// across their lifecycles: at most one of them is active at any instant.
// Several escalations may exist over time; a new one opens only when the last
// one is rejected or closed, and not before the instant it ended.
//
// A Case is a value: Open and Update return a new Case and leave the old one
// unchanged. The zero Case is a commercial case with an empty ID and no
// escalations; escalations open on it as on any other case. NewCase builds a
// named one.
type Case struct {
	id          string
	offering    fedramp.Offering
	escalations []Escalation
}

// NewCase returns a case with no escalations. The ID must not be empty and the
// offering must be valid; the offering decides where messages go (M4, F10; see
// Route).
func NewCase(id string, offering fedramp.Offering) (Case, error) {
	var ps []*FieldError
	if id == "" {
		ps = append(ps, &FieldError{Field: "id", Problem: "missing"})
	}
	if !validOffering(offering) {
		ps = append(ps, &FieldError{Field: "offering", Problem: "unknown value"})
	}
	if err := escalation.JoinProblems(ps...); err != nil {
		return Case{}, fmt.Errorf("new case %q: %w", id, err)
	}
	return Case{id: id, offering: offering}, nil
}

// ID returns the case's ID.
func (c Case) ID() string { return c.id }

// Offering returns the case's offering.
func (c Case) Offering() fedramp.Offering { return c.offering }

// Escalations returns a copy of the case's escalations, oldest first.
func (c Case) Escalations() []Escalation { return slices.Clone(c.escalations) }

// Escalation returns the escalation with the given ID and whether there is one.
func (c Case) Escalation(id string) (Escalation, bool) {
	if i := c.index(id); i >= 0 {
		return c.escalations[i], true
	}
	return Escalation{}, false
}

// Active returns the active escalation and true, or false when none is active
// (G5: there is never more than one).
func (c Case) Active() (Escalation, bool) {
	// Only the newest escalation can be active: Open refuses while one is.
	if n := len(c.escalations); n > 0 && c.escalations[n-1].IsActive() {
		return c.escalations[n-1], true
	}
	return Escalation{}, false
}

func (c Case) index(id string) int {
	for i := range c.escalations {
		if c.escalations[i].id == id {
			return i
		}
	}
	return -1
}

// Open records an accepted escalation request: it creates escalation id in
// state Submitted at now and returns the new case with the M1 confirmation.
//
// Open refuses (G5, ErrActiveEscalation) while an escalation on the case is
// active, and (ErrOutOfOrder) at an instant before the last recorded event on
// the case, so that the escalations' active periods never overlap. An empty id,
// or one already used on the case, is a *FieldError.
func (c Case) Open(id string, now time.Time, note string) (Case, Confirmation, error) {
	if id == "" {
		return Case{}, Confirmation{}, fmt.Errorf("case %s: open: %w", c.id, &FieldError{Field: "id", Problem: "missing"})
	}
	if c.index(id) >= 0 {
		return Case{}, Confirmation{}, fmt.Errorf("case %s: open: %w", c.id,
			&FieldError{Field: "id", Problem: "duplicate " + strconv.Quote(id)})
	}
	if a, ok := c.Active(); ok {
		return Case{}, Confirmation{}, fmt.Errorf("case %s: open %s: %w: %s is %q (G5)",
			c.id, id, ErrActiveEscalation, a.id, a.State().String())
	}
	if n := len(c.escalations); n > 0 {
		if last := c.escalations[n-1].UpdatedAt(); now.Before(last) {
			return Case{}, Confirmation{}, fmt.Errorf("case %s: %w", c.id, outOfOrder("open "+id, now, last))
		}
	}
	e := Escalation{id: id, caseID: c.id, history: []Entry{{State: Submitted, At: now, Note: note}}}
	c.escalations = append(slices.Clip(c.escalations), e)
	return c, confirm(e), nil
}

// Update stores e, a later version of one of the case's escalations (the result
// of its transitions), and returns the new case. It is an error (a
// *FieldError) when the case has no escalation with e's ID, or when e's history
// does not continue the stored one: a history only grows.
func (c Case) Update(e Escalation) (Case, error) {
	i := c.index(e.id)
	if i < 0 || e.caseID != c.id {
		return Case{}, fmt.Errorf("case %s: update: %w", c.id,
			&FieldError{Field: "id", Problem: "no escalation " + strconv.Quote(e.id) + " on the case"})
	}
	old := c.escalations[i].history
	if len(e.history) < len(old) || !slices.EqualFunc(old, e.history[:len(old)], Entry.equal) {
		return Case{}, fmt.Errorf("case %s: update: %w", c.id,
			&FieldError{Field: "history", Problem: "does not continue the history of escalation " + strconv.Quote(e.id)})
	}
	c.escalations = slices.Clone(c.escalations)
	c.escalations[i] = e
	return c, nil
}

// Route says which feed a message on the case goes to: Route with the case's
// offering (M4, F10).
func (c Case) Route(m Message) (Routing, error) { return Route(m, c.offering) }
