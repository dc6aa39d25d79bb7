package history

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"pgregory.net/rapid"
)

// scenario is a random history, request, policy choice and window.
type scenario struct {
	h   *History
	evs []Event
	q   Query
	pin escalation.Policy
}

func drawScenario(t *rapid.T) scenario {
	evs := genEvents(t)
	h, err := New(evs...)
	if err != nil {
		t.Fatalf("generated history is invalid: %v", err)
	}
	set := []func() escalation.Set{escalation.DefaultSet, supportOnly, businessClock}[rapid.IntRange(0, 2).Draw(t, "set: built-ins, P2 by support, P2 in business time")]()
	q := Query{Set: set, Request: genRequest(t)}
	var pin escalation.Policy
	if rapid.IntRange(0, 3).Draw(t, "pinned?") == 0 {
		ps := set.Policies()
		pin = ps[rapid.IntRange(0, len(ps)-1).Draw(t, "pinned version")]
		q.Policy = pin.Name()
	}
	if rapid.Bool().Draw(t, "whole history?") {
		q.From = h.Start().Add(-time.Duration(rapid.Int64Range(0, int64(48*time.Hour)).Draw(t, "before start")))
		q.To = h.End().Add(time.Duration(rapid.Int64Range(1, int64(20*24*time.Hour)).Draw(t, "after end")))
	} else { // a window anywhere, perhaps inside the history or before it
		span := h.End().Sub(h.Start()) + 4*24*time.Hour
		q.From = h.Start().Add(-2 * 24 * time.Hour).Add(time.Duration(rapid.Int64Range(0, int64(span)).Draw(t, "from")))
		q.To = q.From.Add(time.Duration(rapid.Int64Range(1, int64(30*24*time.Hour)).Draw(t, "length")))
	}
	return scenario{h: h, evs: evs, q: q, pin: pin}
}

// decide is what evaluate answers on the snapshot at t.
func (s scenario) decide(t time.Time) (escalation.Decision, error) {
	c := s.h.Snapshot(t)
	if s.q.Policy != "" {
		return s.pin.Evaluate(c, s.q.Request, t)
	}
	return s.q.Set.Evaluate(c, s.q.Request, t)
}

func codesOf(d escalation.Decision) []escalation.Code {
	return slices.Collect(d.Reasons.Codes())
}

func agrees(iv Interval, d escalation.Decision) bool {
	return iv.Allowed == d.Allowed && iv.Outcome == d.Outcome && iv.Policy == d.Policy && slices.Equal(iv.Reasons, codesOf(d))
}

func TestTimelineAgreesWithEvaluate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawScenario(t)
		tl, err := s.h.Timeline(s.q)
		if err != nil {
			t.Fatal(err)
		}
		// Contiguous, covering the window, maximal.
		if !tl[0].From.Equal(s.q.From) || !tl[len(tl)-1].Until.Equal(s.q.To) {
			t.Fatalf("window [%v, %v) covered as [%v, %v)", s.q.From, s.q.To, tl[0].From, tl[len(tl)-1].Until)
		}
		for i, iv := range tl {
			if !iv.From.Before(iv.Until) {
				t.Fatalf("interval %d is empty", i)
			}
			if i > 0 && !tl[i-1].Until.Equal(iv.From) {
				t.Fatalf("gap or overlap before interval %d", i)
			}
			if i > 0 && tl[i-1].same(iv) {
				t.Fatalf("intervals %d and %d carry the same values", i-1, i)
			}
		}
		// Random instants, and either side of each version switch.
		var probes []time.Time
		for k := 0; k < 8; k++ {
			probes = append(probes, instantIn(t, s.q.From, s.q.To, s.evs))
		}
		for _, p := range s.q.Set.Policies() {
			if f := p.Config().From; f.After(s.q.From) && f.Before(s.q.To) {
				probes = append(probes, f, f.Add(-1))
			}
		}
		for _, at := range probes {
			iv, ok := tl.At(at)
			if !ok {
				t.Fatalf("no interval at %v", at)
			}
			d, err := s.decide(at)
			if err != nil {
				t.Fatal(err)
			}
			if !agrees(iv, d) {
				t.Fatalf("at %v the timeline says %+v, evaluate %v %v %v %v", at, iv, d.Allowed, d.Outcome, d.Policy, codesOf(d))
			}
		}
		// Boundaries, exact to the nanosecond.
		for i, iv := range tl {
			d, err := s.decide(iv.From)
			if err != nil {
				t.Fatal(err)
			}
			if !agrees(iv, d) {
				t.Fatalf("at the start of interval %d (%v): timeline %+v, evaluate %v %v", i, iv.From, iv, d.Allowed, codesOf(d))
			}
			if i == 0 {
				continue
			}
			d, err = s.decide(iv.From.Add(-1))
			if err != nil {
				t.Fatal(err)
			}
			if !agrees(tl[i-1], d) {
				t.Fatalf("1ns before interval %d (%v): timeline %+v, evaluate %v %v", i, iv.From, tl[i-1], d.Allowed, codesOf(d))
			}
		}
	})
}

func TestSnapshotIsPrefixConsistent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawScenario(t)
		at := instantIn(t, s.h.Start().Add(-time.Hour), s.h.End().Add(time.Hour), s.evs)
		k := 0
		for k < len(s.evs) && !s.evs[k].At.After(at) {
			k++
		}
		if k == 0 {
			if s.h.Snapshot(at) != nil {
				t.Fatalf("a snapshot before the case opened")
			}
			return
		}
		prefix, err := New(s.evs[:k]...)
		if err != nil {
			t.Fatalf("a prefix of a valid history is invalid: %v", err)
		}
		if got, want := prefix.Snapshot(at), s.h.Snapshot(at); !reflect.DeepEqual(got, want) {
			t.Fatalf("snapshot at %v depends on later events:\nprefix %+v\nfull   %+v", at, got, want)
		}
	})
}

func TestJSONReplayGivesTheSameTimeline(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawScenario(t)
		data := s.h.AppendJSONL(nil)
		back, err := Parse(data)
		if err != nil {
			t.Fatalf("Parse(AppendJSONL(h)): %v\n%s", err, data)
		}
		if !reflect.DeepEqual(back.Events(), s.h.Events()) {
			t.Fatalf("events differ after a JSON round trip:\n%s", data)
		}
		a, err := s.h.Timeline(s.q)
		if err != nil {
			t.Fatal(err)
		}
		b, err := back.Timeline(s.q)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(normal(a), normal(b)) {
			t.Fatalf("timelines differ after a JSON round trip")
		}
	})
}

func TestCompareFindsEveryDifference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawScenario(t)
		q := s.q
		q.Policy = ""
		w, err := s.h.WhatIf(q, supportOnly())
		if err != nil {
			t.Fatal(err)
		}
		tot := w.Base.Totals()
		if tot.Allowed+tot.Denied != q.To.Sub(q.From) {
			t.Fatalf("totals %v + %v do not cover the window %v", tot.Allowed, tot.Denied, q.To.Sub(q.From))
		}
		for i, d := range w.Differences {
			if i > 0 && w.Differences[i-1].Until.After(d.From) {
				t.Fatal("differences overlap or are out of order")
			}
		}
		probes := []time.Time{q.From}
		for _, iv := range append(slices.Clone(w.Base), w.Other...) {
			probes = append(probes, iv.From, iv.From.Add(-1))
		}
		for k := 0; k < 5; k++ {
			probes = append(probes, instantIn(t, q.From, q.To, s.evs))
		}
		for _, at := range probes {
			a, okA := w.Base.At(at)
			b, okB := w.Other.At(at)
			if !okA || !okB {
				continue
			}
			inDiff := false
			for _, d := range w.Differences {
				if !at.Before(d.From) && at.Before(d.Until) {
					inDiff = true
					if !d.A.same(a) || !d.B.same(b) {
						t.Fatalf("at %v the difference carries other values", at)
					}
				}
			}
			if inDiff == a.same(b) {
				t.Fatalf("at %v: timelines differ %v, inside a difference %v", at, !a.same(b), inDiff)
			}
		}
	})
}

// instantIn draws an instant of [from, to), often an event's or one
// nanosecond either side of it.
func instantIn(t *rapid.T, from, to time.Time, evs []Event) time.Time {
	if rapid.Bool().Draw(t, "near an event?") {
		e := evs[rapid.IntRange(0, len(evs)-1).Draw(t, "event")].At
		e = e.Add(time.Duration(rapid.IntRange(-1, 1).Draw(t, "ns")))
		if !e.Before(from) && e.Before(to) {
			return e
		}
	}
	return from.Add(time.Duration(rapid.Int64Range(0, int64(to.Sub(from))-1).Draw(t, "offset")))
}

// normal drops the difference between nil and empty reasons.
func normal(tl Timeline) Timeline {
	out := slices.Clone(tl)
	for i := range out {
		if len(out[i].Reasons) == 0 {
			out[i].Reasons = nil
		}
	}
	return out
}
