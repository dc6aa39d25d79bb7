package history

import (
	"errors"
	"slices"
	"sort"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/internal/jsonwrite"
	"github.com/casepolicy/casepolicy/priority"
)

// Query asks for the timeline of one request over a window of a history.
type Query struct {
	// Set holds the policy versions; the version in force at each instant
	// applies (V1), and switches of version can cut intervals.
	Set escalation.Set
	// Policy, when not "", pins the version of Set with that name for the
	// whole window, as a request's "policy" field does.
	Policy string
	// Request is the request asked at every instant. It may not carry
	// LastViewedAt: a timeline asks at every instant, and no view time can
	// come after all of them.
	Request escalation.Request
	// From and To bound the window [From, To); To must be after From.
	From, To time.Time
}

// Interval is a stretch of time over which the decision's Allowed, Outcome,
// Policy and reason codes stay the same.
type Interval struct {
	From, Until time.Time // [From, Until)
	Allowed     bool
	Outcome     escalation.Outcome
	Policy      string
	Reasons     []escalation.Code // in clause order; empty when allowed
}

// Duration returns Until - From.
func (iv Interval) Duration() time.Duration { return iv.Until.Sub(iv.From) }

// Has reports whether the interval's reasons include c.
func (iv Interval) Has(c escalation.Code) bool { return slices.Contains(iv.Reasons, c) }

// same reports whether two intervals carry the same four values.
func (iv Interval) same(o Interval) bool {
	return iv.Allowed == o.Allowed && iv.Outcome == o.Outcome && iv.Policy == o.Policy && slices.Equal(iv.Reasons, o.Reasons)
}

// AppendJSON appends the interval as docs/CONTRACT.md's JSON object:
// {"from":T,"until":T,"allowed":b,"outcome":"...","policy":"...","reasons":[...]}.
func (iv Interval) AppendJSON(b []byte) []byte {
	b = append(b, `{"from":`...)
	b = jsonwrite.Time(b, iv.From)
	b = append(b, `,"until":`...)
	b = jsonwrite.Time(b, iv.Until)
	b = append(b, `,"allowed":`...)
	b = jsonwrite.Bool(b, iv.Allowed)
	b = append(b, `,"outcome":`...)
	b = jsonwrite.String(b, iv.Outcome.String())
	b = append(b, `,"policy":`...)
	b = jsonwrite.String(b, iv.Policy)
	b = append(b, `,"reasons":[`...)
	for i, c := range iv.Reasons {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonwrite.String(b, c.String())
	}
	return append(b, "]}"...)
}

// MarshalJSON implements json.Marshaler with AppendJSON.
func (iv Interval) MarshalJSON() ([]byte, error) { return iv.AppendJSON(nil), nil }

// Timeline is a window's intervals in order: contiguous, covering the
// window, and maximal (neighbours never carry the same four values).
type Timeline []Interval

// Window returns the instants the timeline covers, [from, to).
func (tl Timeline) Window() (from, to time.Time) {
	if len(tl) == 0 {
		return time.Time{}, time.Time{}
	}
	return tl[0].From, tl[len(tl)-1].Until
}

// At returns the interval containing t, and false when t is outside the
// window.
func (tl Timeline) At(t time.Time) (Interval, bool) {
	i := sort.Search(len(tl), func(i int) bool { return tl[i].Until.After(t) })
	if i == len(tl) || t.Before(tl[i].From) {
		return Interval{}, false
	}
	return tl[i], true
}

// FirstAllowed returns the first instant of the window at which the request
// is allowed, and false when it never is.
func (tl Timeline) FirstAllowed() (time.Time, bool) {
	for _, iv := range tl {
		if iv.Allowed {
			return iv.From, true
		}
	}
	return time.Time{}, false
}

// Totals is how long a timeline spends allowed and denied, and under each
// reason code.
type Totals struct {
	Allowed, Denied time.Duration
	// ByReason is the time each code is among the reasons; an interval with
	// several codes counts for each.
	ByReason map[escalation.Code]time.Duration
}

// Totals adds up the timeline's durations.
func (tl Timeline) Totals() Totals {
	t := Totals{ByReason: map[escalation.Code]time.Duration{}}
	for _, iv := range tl {
		d := iv.Duration()
		if iv.Allowed {
			t.Allowed += d
		} else {
			t.Denied += d
		}
		for _, c := range iv.Reasons {
			t.ByReason[c] += d
		}
	}
	return t
}

// Codes returns every reason code the timeline carries somewhere, in clause
// order.
func (tl Timeline) Codes() []escalation.Code {
	var seen [64]bool
	var out []escalation.Code
	for _, iv := range tl {
		for _, c := range iv.Reasons {
			if int(c) < len(seen) && !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	slices.Sort(out)
	return out
}

// Difference is a stretch of time over which two timelines disagree on
// Allowed, Outcome, Policy or reasons: A's and B's intervals over it, each
// cut to [From, Until).
type Difference struct {
	From, Until time.Time
	A, B        Interval
}

// Compare returns where two timelines of the same window differ, each
// difference maximal (neighbours are merged when both sides carry the same
// values). Instants only one timeline covers are not compared.
func Compare(a, b Timeline) []Difference {
	var out []Difference
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i], b[j]
		from := laterOf(x.From, y.From)
		until := earlierOf(x.Until, y.Until)
		if from.Before(until) && !x.same(y) {
			if n := len(out); n > 0 && out[n-1].Until.Equal(from) && out[n-1].A.same(x) && out[n-1].B.same(y) {
				out[n-1].Until = until
				out[n-1].A.Until, out[n-1].B.Until = until, until
			} else {
				x.From, x.Until, y.From, y.Until = from, until, from, until
				out = append(out, Difference{From: from, Until: until, A: x, B: y})
			}
		}
		if !a[i].Until.After(b[j].Until) {
			i++
		} else {
			j++
		}
	}
	return out
}

func laterOf(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlierOf(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// WhatIf is one case's timeline under two policy sets.
type WhatIf struct {
	Base, Other Timeline
	Differences []Difference
}

// WhatIf computes the timeline of q under q.Set and under other (the same
// request, window and pinned version name) and where they differ.
func (h *History) WhatIf(q Query, other escalation.Set) (WhatIf, error) {
	base, err := h.Timeline(q)
	if err != nil {
		return WhatIf{}, err
	}
	q.Set = other
	alt, err := h.Timeline(q)
	if err != nil {
		return WhatIf{}, err
	}
	return WhatIf{Base: base, Other: alt, Differences: Compare(base, alt)}, nil
}

// ErrWindow is returned when a query's window is empty or unset.
var ErrWindow = errors.New("history: the window's end must come after its start")

// sample is a valid case the request is checked against before anything
// else, so a bad request is reported on its own fields.
var sample = escalation.Case{ID: "sample", Status: escalation.Open, Priority: priority.Medium,
	Deployment: escalation.Cloud, Offering: fedramp.Commercial,
	LastUpdatedAt: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), Calendar: calendar.Default()}

// Timeline returns the intervals of q's window over which the decision on
// the request keeps its Allowed, Outcome, Policy and reason codes. For every
// instant t of an interval, deciding the request on Snapshot(t) at now = t
// gives the interval's values; an interval starts exactly at the instant
// (to the nanosecond) of the change, and before the case opened the reason
// is NO_CASE.
//
// It evaluates once per candidate instant: the next event, each reason's
// EligibleAt, the decision's NextEligibleAt, the next version's From and the
// window's end, so its cost follows the events and changes, not the window's
// length. Errors: ErrWindow, escalation.ErrEmptySet, a *FieldError on
// "policy" for an unknown pinned version, on the request's fields for an
// invalid request, and any error evaluating raises (an RCA target outside
// the calendar's years, for instance).
func (h *History) Timeline(q Query) (Timeline, error) {
	var r runner
	if err := r.init(h, &q); err != nil {
		return nil, err
	}
	return r.run(q.From, q.To)
}

// runner walks a window forward, one evaluation per candidate instant.
type runner struct {
	h        *History
	set      escalation.Set
	pinned   escalation.Policy
	pin      bool
	req      escalation.Request
	switches []time.Time // the Froms of the set's later versions, and its end
	k        int         // states[:k] are at or before the current instant
	evals    int         // evaluations made, for the benchmarks
	c        escalation.Case
	esc      [1]escalation.Escalation
}

func (r *runner) init(h *History, q *Query) error {
	if q.From.IsZero() || !q.To.After(q.From) {
		return ErrWindow
	}
	if !q.Request.LastViewedAt.IsZero() {
		return &escalation.FieldError{Field: "request.last_viewed_at", Problem: "not allowed in a timeline"}
	}
	ps := q.Set.Policies()
	if len(ps) == 0 {
		return escalation.ErrEmptySet
	}
	r.h, r.set, r.req = h, q.Set, q.Request
	if q.Policy != "" {
		p, ok := q.Set.Lookup(q.Policy)
		if !ok {
			return &escalation.FieldError{Field: "policy", Problem: "unknown value"}
		}
		r.pinned, r.pin = p, true
	} else {
		for _, p := range ps {
			if f := p.Config().From; !f.IsZero() {
				r.switches = append(r.switches, f)
			}
		}
		// A set that ends: from its end on, no version is in force, which
		// evaluating there reports.
		if u := ps[len(ps)-1].Config().Until; !u.IsZero() {
			r.switches = append(r.switches, u)
		}
	}
	probe := ps[0]
	if r.pin {
		probe = r.pinned
	}
	c := sample
	if _, err := probe.Evaluate(&c, r.req, sample.LastUpdatedAt); err != nil {
		return err
	}
	return nil
}

// decide evaluates at t; instants must not decrease between calls.
func (r *runner) decide(t time.Time) (escalation.Decision, error) {
	st := r.h.states
	for r.k < len(st) && !st[r.k].at.After(t) {
		r.k++
	}
	c := r.h.view(r.k-1, &r.c, &r.esc)
	r.evals++
	if r.pin {
		return r.pinned.Evaluate(c, r.req, t)
	}
	return r.set.Evaluate(c, r.req, t)
}

func (r *runner) run(from, to time.Time) (Timeline, error) {
	var out Timeline
	var codes []escalation.Code // one backing array for every interval's codes
	interval := func(d *escalation.Decision, at time.Time) Interval {
		n := len(codes)
		for x := range d.Reasons.Codes() {
			codes = append(codes, x)
		}
		return Interval{From: at, Allowed: d.Allowed, Outcome: d.Outcome, Policy: d.Policy, Reasons: codes[n:len(codes):len(codes)]}
	}
	t := from
	d, err := r.decide(t)
	if err != nil {
		return nil, err
	}
	cur := interval(&d, t)
	sw := sort.Search(len(r.switches), func(i int) bool { return r.switches[i].After(t) })
	for {
		next := to
		earlier := func(e time.Time) {
			if e.After(t) && e.Before(next) {
				next = e
			}
		}
		if r.k < len(r.h.states) {
			earlier(r.h.states[r.k].at)
		}
		for _, x := range d.Reasons.All() {
			earlier(x.EligibleAt)
		}
		earlier(d.NextEligibleAt)
		for sw < len(r.switches) && !r.switches[sw].After(t) {
			sw++
		}
		if sw < len(r.switches) {
			earlier(r.switches[sw])
		}
		if !next.Before(to) {
			cur.Until = to
			return append(out, cur), nil
		}
		if d, err = r.decide(next); err != nil {
			return nil, err
		}
		t = next
		if sameDecision(&cur, &d) {
			continue
		}
		cur.Until = t
		out = append(out, cur)
		cur = interval(&d, t)
	}
}

// sameDecision reports whether d carries iv's four values.
func sameDecision(iv *Interval, d *escalation.Decision) bool {
	if iv.Allowed != d.Allowed || iv.Outcome != d.Outcome || iv.Policy != d.Policy || len(iv.Reasons) != d.Reasons.Len() {
		return false
	}
	i := 0
	for x := range d.Reasons.Codes() {
		if iv.Reasons[i] != x {
			return false
		}
		i++
	}
	return true
}
