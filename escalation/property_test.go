package escalation_test

import (
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/escalation/escalationtest"
	"github.com/casepolicy/casepolicy/internal/rapidgen"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"
)

// Cases and requests come from internal/rapidgen/casegen.

// snapshot is one valid request: a case (nil for G1), a request, an instant
// and an optional pinned version.
type snapshot struct {
	Policy string // "" follows now
	Now    time.Time
	Case   *escalation.Case
	Req    escalation.Request
}

func (s snapshot) input() escalation.Input {
	return escalation.Input{Now: s.Now, Policy: s.Policy, Case: s.Case, Request: s.Req}
}

// drawSnapshot draws a random valid snapshot: now in 2022-2026 or within a
// few days of the V1 switch; every time of the case at or before now.
func drawSnapshot(t *rapid.T) snapshot {
	var s snapshot
	s.Now = rapid.OneOf(
		rapidgen.Instant(time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)),
		rapidgen.Instant(switchAt.Add(-96*time.Hour), switchAt.Add(96*time.Hour)),
		rapid.Just(switchAt),
		rapid.Just(switchAt.Add(-time.Nanosecond)),
	).Draw(t, "now")
	s.Policy = rapid.SampledFrom([]string{"", "", "", "2022", "2024-01-18"}).Draw(t, "policy")
	if rapid.IntRange(0, 19).Draw(t, "no case?") > 0 {
		s.Case = escalationtest.DrawCase(t, s.Now)
	}
	s.Req = escalationtest.DrawRequest(t, s.Now)
	return s
}

// eval decides s at instant now under s's pinned version, or DefaultSet.
func evalAt(t *rapid.T, s snapshot, now time.Time) escalation.Decision {
	t.Helper()
	s.Now = now
	d, err := escalation.DefaultSet().EvaluateInput(s.input())
	if err != nil {
		t.Fatalf("Evaluate(%v) at %v: %v", s, now.Format(time.RFC3339Nano), err)
	}
	return d
}

var exact = cmp.Options{cmpopts.EquateEmpty()}

func TestPropertyDeterministic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawSnapshot(t)
		first, second := evalAt(t, s, s.Now), evalAt(t, s, s.Now)
		if diff := cmp.Diff(first, second, exact); diff != "" {
			t.Fatalf("Evaluate(%v) twice differs (-first +second):\n%s", s, diff)
		}
	})
}

// inZone returns s with every instant expressed in loc (the same instants).
func inZone(s snapshot, loc *time.Location) snapshot {
	in := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return t.In(loc)
	}
	s.Now = in(s.Now)
	s.Req.LastViewedAt = in(s.Req.LastViewedAt)
	if s.Case != nil {
		c := *s.Case
		c.OpenedAt, c.LastUpdatedAt = in(c.OpenedAt), in(c.LastUpdatedAt)
		c.RCA.RequestedAt, c.RCA.ServiceRestoredAt = in(c.RCA.RequestedAt), in(c.RCA.ServiceRestoredAt)
		c.Escalations = append([]escalation.Escalation(nil), c.Escalations...)
		for i := range c.Escalations {
			c.Escalations[i].OpenedAt, c.Escalations[i].ClosedAt = in(c.Escalations[i].OpenedAt), in(c.Escalations[i].ClosedAt)
		}
		s.Case = &c
	}
	return s
}

func TestPropertyZoneOfInputsDoesNotMatter(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawSnapshot(t)
		loc := rapidgen.Location(t, "zone of the input's instants")
		moved := inZone(s, loc)
		want, got := evalAt(t, s, s.Now), evalAt(t, moved, moved.Now)
		if diff := cmp.Diff(want, got, exact); diff != "" {
			t.Fatalf("Evaluate(%v) in %v mismatch (-UTC +moved):\n%s", s, loc, diff)
		}
	})
}

func TestPropertyNextEligibleIsExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawSnapshot(t)
		d := evalAt(t, s, s.Now)
		next, ok := d.Next()
		switch {
		case d.Allowed:
			if !ok || !next.Equal(s.Now) {
				t.Fatalf("Evaluate(%v): allowed with NextEligibleAt %v, want now", s, next)
			}
		case !ok:
			// Waiting never helps: not even far in the future.
			later := s.Now.Add(time.Duration(rapid.Int64Range(1, int64(3*365*24*time.Hour)).Draw(t, "wait")))
			if evalAt(t, s, later).Allowed {
				t.Fatalf("Evaluate(%v): no NextEligibleAt, but allowed at %v", s, later.Format(time.RFC3339Nano))
			}
		default:
			if !next.After(s.Now) {
				t.Fatalf("Evaluate(%v): denied with NextEligibleAt %v not after now", s, next)
			}
			if at := evalAt(t, s, next); !at.Allowed {
				t.Fatalf("Evaluate(%v) at NextEligibleAt %v is not allowed: %+v", s, next.Format(time.RFC3339Nano), at.Reasons)
			}
			before := next.Add(-time.Nanosecond)
			if at := evalAt(t, s, before); at.Allowed {
				t.Fatalf("Evaluate(%v) one nanosecond before NextEligibleAt %v is allowed", s, next.Format(time.RFC3339Nano))
			}
			between := s.Now.Add(time.Duration(rapid.Int64Range(0, int64(next.Sub(s.Now))-1).Draw(t, "earlier wait")))
			if at := evalAt(t, s, between); at.Allowed {
				t.Fatalf("Evaluate(%v) at %v, before NextEligibleAt %v, is allowed", s, between.Format(time.RFC3339Nano), next.Format(time.RFC3339Nano))
			}
		}
	})
}

// TestPropertyAllowedStaysAllowed: once eligible, a request stays allowed as
// time passes, within the version in force (a later version may add rules).
func TestPropertyAllowedStaysAllowed(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawSnapshot(t)
		d := evalAt(t, s, s.Now)
		next, ok := d.Next()
		if !ok {
			return
		}
		later := next.Add(time.Duration(rapid.OneOf(rapid.Int64Range(0, int64(48*time.Hour)),
			rapid.Int64Range(0, int64(800*24*time.Hour))).Draw(t, "wait after eligible")))
		if s.Policy == "" && next.Before(switchAt) && !later.Before(switchAt) {
			// A later version may bring rules of its own (V4: P4 and F9
			// arrive with 2024-01-18): allowed stays allowed within a
			// version, which the switch ends.
			later = switchAt.Add(-time.Nanosecond)
			if later.Before(next) {
				return
			}
		}
		if at := evalAt(t, s, later); !at.Allowed {
			t.Fatalf("Evaluate(%v): eligible at %v but refused later at %v: %+v", s,
				next.Format(time.RFC3339Nano), later.Format(time.RFC3339Nano), at.Reasons)
		}
	})
}

func TestPropertyReasonsInClauseOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawSnapshot(t)
		d := evalAt(t, s, s.Now)
		if d.Allowed != d.Outcome.Allowed() {
			t.Fatalf("Evaluate(%v): Allowed %v but outcome %v", s, d.Allowed, d.Outcome)
		}
		if d.Allowed != (d.Reasons.Len() == 0) {
			t.Fatalf("Evaluate(%v): Allowed %v with reasons %v", s, d.Allowed, d.Reasons)
		}
		if want := d.Has(escalation.FedRAMPWrongPortal); want != (d.Outcome == escalation.RedirectToFedRAMPPortal) {
			t.Fatalf("Evaluate(%v): outcome %v with reasons %v", s, d.Outcome, d.Reasons)
		}
		for _, list := range [][]escalation.Reason{d.Reasons.Slice(), d.Warnings.Slice()} {
			for i, r := range list {
				if i > 0 && list[i-1].Code >= r.Code {
					t.Fatalf("Evaluate(%v): reasons out of clause order or repeated: %v then %v", s, list[i-1].Code, r.Code)
				}
				if r.Clause != contractClause[r.Code] {
					t.Fatalf("Evaluate(%v): %v cites %q, want %q", s, r.Code, r.Clause, contractClause[r.Code])
				}
				if r.Message == "" {
					t.Fatalf("Evaluate(%v): %v has no message", s, r.Code)
				}
			}
		}
		for _, w := range d.Warnings.All() {
			if !w.Code.IsWarning() || !w.EligibleAt.IsZero() {
				t.Fatalf("Evaluate(%v): warning %+v", s, w)
			}
		}
		for _, r := range d.Reasons.All() {
			if r.Code.IsWarning() {
				t.Fatalf("Evaluate(%v): warning %v among reasons", s, r.Code)
			}
		}
		if (s.Case == nil) != (d.Control.Label == "") {
			t.Fatalf("Evaluate(%v): control %+v", s, d.Control)
		}
	})
}

func TestPropertyReasonEligibleAtClearsIt(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawSnapshot(t)
		d := evalAt(t, s, s.Now)
		for _, r := range d.Reasons.All() {
			if r.EligibleAt.IsZero() {
				continue
			}
			if !r.EligibleAt.After(s.Now) {
				t.Fatalf("Evaluate(%v): %v eligible at %v, not after now", s, r.Code, r.EligibleAt.Format(time.RFC3339Nano))
			}
			if at := evalAt(t, s, r.EligibleAt); at.Has(r.Code) {
				t.Fatalf("Evaluate(%v) at %v (%v's EligibleAt) still lists it", s, r.EligibleAt.Format(time.RFC3339Nano), r.Code)
			}
			if at := evalAt(t, s, r.EligibleAt.Add(-time.Nanosecond)); !at.Has(r.Code) {
				t.Fatalf("Evaluate(%v) one nanosecond before %v's EligibleAt %v no longer lists it", s, r.Code, r.EligibleAt.Format(time.RFC3339Nano))
			}
		}
	})
}

// inputOpts compare Inputs: instants by Equal, calendars by String.
var inputOpts = cmp.Options{
	cmpopts.EquateEmpty(),
	cmp.Comparer(func(a, b calendar.Calendar) bool { return a.String() == b.String() }),
}

func TestPropertyInputRoundTrips(t *testing.T) {
	set := escalation.DefaultSet()
	rapid.Check(t, func(t *rapid.T) {
		s := drawSnapshot(t)
		in := s.input()
		b, err := in.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON(%+v): %v", in, err)
		}
		back, err := set.ParseInput(b)
		if err != nil {
			t.Fatalf("ParseInput(%s): %v", b, err)
		}
		if diff := cmp.Diff(in, back, inputOpts); diff != "" {
			t.Fatalf("ParseInput(MarshalJSON(x)) mismatch (-x +got):\n%s\njson: %s", diff, b)
		}
		again, err := back.MarshalJSON()
		if err != nil || string(again) != string(b) {
			t.Fatalf("MarshalJSON is not stable:\n%s\n%s (%v)", b, again, err)
		}
	})
}

// TestDecodedInputRoundTrips pins round trips of decoded lines: ParseInput then
// MarshalJSON then ParseInput gives an equal Input.
func TestDecodedInputRoundTrips(t *testing.T) {
	tests := []struct {
		name string
		line string
	}{
		{"the full contract example", validLine},
		{"no case", `{"now":"2024-07-05T12:00:00Z"}`},
		{"no case with a request", `{"now":"2024-07-05T12:00:00Z","request":{"reason":"other","channel":"web","role":"read_only"}}`},
		{"instants with offsets and nanoseconds", `{"now":"2024-07-05T14:00:00.123456789+02:00","case":{"id":"1","status":"open","priority":"low","deployment":"premise","offering":"fedramp","last_updated_at":"2024-07-05T06:00:00.5-05:00"},"request":{"reason":"rca","channel":"mobile_app","role":"designated_contact","pin":"fedramp"}}`},
		{"escaped strings", `{"now":"2024-07-05T12:00:00Z","case":{"id":"a\"b\\c\u00e9\ud83d\ude00\u0001<>&","status":"open","priority":"low","deployment":"cloud","offering":"commercial","last_updated_at":"2024-07-05T07:00:00Z"},"request":{"reason":"other","channel":"chat","role":"designated_contact","details":"line\nbreak\u2028"}}`},
		{"a calendar given by zone alone", `{"now":"2024-07-05T12:00:00Z","case":{"id":"1","status":"open","priority":"low","deployment":"cloud","offering":"commercial","last_updated_at":"2024-07-05T07:00:00Z","time_zone":"Asia/Kolkata"},"request":{"reason":"other","channel":"portal","portal":"fedramp","role":"designated_contact"}}`},
		{"a portal named on a phone request", `{"now":"2024-07-05T12:00:00Z","case":{"id":"1","status":"open","priority":"low","deployment":"cloud","offering":"commercial","last_updated_at":"2024-07-05T07:00:00Z"},"request":{"reason":"other","channel":"phone","portal":"fedramp","role":"designated_contact"}}`},
	}
	set := escalation.DefaultSet()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := set.ParseInput([]byte(tt.line))
			if err != nil {
				t.Fatalf("ParseInput(%s): %v", tt.line, err)
			}
			b, err := in.MarshalJSON()
			if err != nil {
				t.Fatalf("MarshalJSON: %v", err)
			}
			back, err := set.ParseInput(b)
			if err != nil {
				t.Fatalf("ParseInput(%s): %v", b, err)
			}
			if diff := cmp.Diff(in, back, inputOpts); diff != "" {
				t.Errorf("ParseInput(MarshalJSON(ParseInput(%s))) mismatch (-first +second):\n%s\njson: %s", tt.line, diff, b)
			}
		})
	}
}

// TestPropertyPinnedAndSetAgreeWithinAPeriod: while no switch lies ahead
// (from 2024-01-18 on), DefaultSet and the pinned 2024-01-18 decide alike.
func TestPropertyPinnedAndSetAgreeWithinAPeriod(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawSnapshot(t)
		if s.Now.Before(switchAt) {
			return
		}
		s.Policy = ""
		unpinned := evalAt(t, s, s.Now)
		s.Policy = "2024-01-18"
		pinned := evalAt(t, s, s.Now)
		if diff := cmp.Diff(pinned, unpinned, exact); diff != "" {
			t.Fatalf("Evaluate(%v) pinned vs DefaultSet mismatch (-pinned +set):\n%s", s, diff)
		}
	})
}

// drawSet draws a user's Set (V3) of one to three versions with random
// waits, RCA targets and rules, switching within days of 2024-07-01.
func drawSet(t *rapid.T) escalation.Set {
	base := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	n := rapid.IntRange(1, 3).Draw(t, "versions")
	var bounds []time.Time
	for i := 1; i < n; i++ {
		bounds = append(bounds, base.Add(time.Duration(rapid.Int64Range(0, int64(10*24*time.Hour)).Draw(t, "switch offset"))))
	}
	// Sort and make the switches distinct.
	for i := range bounds {
		for j := i + 1; j < len(bounds); j++ {
			if bounds[j].Before(bounds[i]) {
				bounds[i], bounds[j] = bounds[j], bounds[i]
			}
		}
	}
	for i := 1; i < len(bounds); i++ {
		if !bounds[i].After(bounds[i-1]) {
			bounds[i] = bounds[i-1].Add(time.Nanosecond)
		}
	}
	var ps []escalation.Policy
	for i := 0; i < n; i++ {
		cfg := escalation.Config{
			Name:             string(rune('a' + i)),
			HighPriorityWait: time.Duration(rapid.SampledFrom([]int64{0, 1, int64(time.Hour), int64(24 * time.Hour), int64(48 * time.Hour)}).Draw(t, "wait")),
			CloudRCADays:     rapid.IntRange(0, 8).Draw(t, "cloud days"),
			PremiseRCADays:   rapid.IntRange(0, 10).Draw(t, "premise days"),
			Urgency:          rapid.SampledFrom([]escalation.UrgencyRule{escalation.UrgencyNotGrounds, escalation.UrgencyEscalateAndNotify}).Draw(t, "urgency rule"),
			CaseUpdate:       rapid.SampledFrom([]escalation.CaseUpdateRule{escalation.CaseUpdateEscalates, escalation.CaseUpdateNotifiesOwner}).Draw(t, "case update rule"),
			CommercialLabel:  "C",
			FedRAMPLabel:     "F",
			// V4's switches and the optional P2 rule.
			CriticalByPhone:         rapid.Bool().Draw(t, "P4"),
			FedRAMPAfterAssignment:  rapid.Bool().Draw(t, "F9"),
			RCAClockFromRestoration: rapid.Bool().Draw(t, "R2 from restoration"),
			EscalationFeed:          rapid.SampledFrom([]escalation.FeedRule{escalation.FeedEveryCase, escalation.FeedCommercialOnly}).Draw(t, "F10"),
			P2CountsUpdatesBy:       rapid.SampledFrom([]escalation.Updater{0, escalation.UpdatesByAnyone, escalation.UpdatesBySupport}).Draw(t, "P2 counts updates by"),
		}
		if i > 0 {
			cfg.From = bounds[i-1]
		}
		if i < n-1 {
			cfg.Until = bounds[i]
		} else if rapid.Bool().Draw(t, "last version ends") {
			// A set whose last version ends: nothing is in force after it.
			cfg.Until = base.Add(time.Duration(rapid.Int64Range(int64(11*24*time.Hour), int64(20*24*time.Hour)).Draw(t, "end offset")))
		}
		p, err := escalation.NewPolicy(cfg)
		if err != nil {
			t.Fatalf("NewPolicy(%+v): %v", cfg, err)
		}
		ps = append(ps, p)
	}
	set, err := escalation.NewSet(ps...)
	if err != nil {
		t.Fatalf("NewSet: %v", err)
	}
	return set
}

// TestPropertyUserSetNextEligibleIsExact: for a user's Set of versions with
// other waits and rules, NextEligibleAt and each reason's EligibleAt are
// exact too (V3 with V1's switch).
func TestPropertyUserSetNextEligibleIsExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		set := drawSet(t)
		s := drawSnapshot(t)
		s.Policy = ""
		s.Now = rapidgen.Instant(time.Date(2024, 6, 25, 0, 0, 0, 0, time.UTC), time.Date(2024, 7, 12, 0, 0, 0, 0, time.UTC)).Draw(t, "now near the switches")
		s = drawSnapshotTimes(t, s)
		last := set.Policies()[len(set.Policies())-1].Config().Until
		ev := func(at time.Time) escalation.Decision {
			d, err := set.Evaluate(s.Case, s.Req, at)
			if err != nil && !last.IsZero() && !at.Before(last) {
				return escalation.Decision{} // no version in force: not allowed
			}
			if err != nil {
				t.Fatalf("Evaluate(%v) at %v: %v", s, at, err)
			}
			return d
		}
		if !last.IsZero() && !s.Now.Before(last) {
			return
		}
		d := ev(s.Now)
		next, ok := d.Next()
		if ok && !next.Equal(s.Now) {
			if !ev(next).Allowed {
				t.Fatalf("Evaluate(%v) at NextEligibleAt %v is not allowed", s, next.Format(time.RFC3339Nano))
			}
			if ev(next.Add(-time.Nanosecond)).Allowed {
				t.Fatalf("Evaluate(%v) one nanosecond before NextEligibleAt %v is allowed", s, next.Format(time.RFC3339Nano))
			}
			between := s.Now.Add(time.Duration(rapid.Int64Range(0, int64(next.Sub(s.Now))-1).Draw(t, "earlier wait")))
			if ev(between).Allowed {
				t.Fatalf("Evaluate(%v) at %v, before NextEligibleAt %v, is allowed", s, between.Format(time.RFC3339Nano), next.Format(time.RFC3339Nano))
			}
		}
		if !ok {
			later := s.Now.Add(time.Duration(rapid.Int64Range(1, int64(60*24*time.Hour)).Draw(t, "wait")))
			if ev(later).Allowed {
				t.Fatalf("Evaluate(%v): no NextEligibleAt, but allowed at %v", s, later.Format(time.RFC3339Nano))
			}
		}
		for _, r := range d.Reasons.All() {
			if r.EligibleAt.IsZero() {
				continue
			}
			if !r.EligibleAt.After(s.Now) || ev(r.EligibleAt).Has(r.Code) || !ev(r.EligibleAt.Add(-time.Nanosecond)).Has(r.Code) {
				t.Fatalf("Evaluate(%v): %v's EligibleAt %v is not the instant it stops failing", s, r.Code, r.EligibleAt.Format(time.RFC3339Nano))
			}
		}
	})
}

// drawSnapshotTimes redraws the case's instants before s.Now.
func drawSnapshotTimes(t *rapid.T, s snapshot) snapshot {
	if s.Case != nil {
		s.Case = escalationtest.DrawCase(t, s.Now)
	}
	s.Req = escalationtest.DrawRequest(t, s.Now)
	return s
}
