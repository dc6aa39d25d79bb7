package history

import (
	"slices"
	"sort"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
)

// Snapshot returns the case at instant t: the fold of every event at or
// before t, as the request JSON's case would carry it (status, opened_at,
// last_updated_at, last_support_update_at, escalations with their close
// times, the RCA's request and restoration). It is nil before the case
// opened. The result is the caller's to change.
func (h *History) Snapshot(t time.Time) *escalation.Case {
	k := h.stateAt(t)
	if k < 0 {
		return nil
	}
	st := &h.states[k]
	c := st.c
	if st.nEsc > 0 {
		c.Escalations = slices.Clone(h.escs[:st.nEsc])
		if st.open {
			c.Escalations[st.nEsc-1].ClosedAt = time.Time{}
		}
	}
	c.Engaged = slices.Clone(c.Engaged)
	return &c
}

// stateAt returns the index of the state in force at t, or -1 before the
// first event.
func (h *History) stateAt(t time.Time) int {
	return sort.Search(len(h.states), func(i int) bool { return h.states[i].at.After(t) }) - 1
}

// view is an equivalent case for decisions: the snapshot of state k with only
// its open escalation (the closed ones are inactive and valid, so no decision
// reads them), written into c without allocating.
func (h *History) view(k int, c *escalation.Case, esc *[1]escalation.Escalation) *escalation.Case {
	if k < 0 {
		return nil
	}
	st := &h.states[k]
	*c = st.c
	if st.open {
		esc[0] = h.escs[st.nEsc-1]
		esc[0].ClosedAt = time.Time{}
		c.Escalations = esc[:]
	}
	return c
}
