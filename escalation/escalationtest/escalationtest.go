// Package escalationtest gives the tests of programs that embed the
// escalation package what the package's own tests use: rapid generators of
// valid snapshots, requests and inputs, and go-cmp options that compare
// decisions the way programs read them.
//
//	rapid.Check(t, func(t *rapid.T) {
//		in := escalationtest.Input().Draw(t, "input")
//		d, err := escalation.DefaultSet().EvaluateInput(in)
//		...
//	})
//
// Every value drawn is valid input: EvaluateInput never reports a problem
// with it.
package escalationtest

import (
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/casepolicy/casepolicy/escalation"
)

// The instants Input draws its now from: the years of both built-in
// versions, with extra weight near their switch.
var (
	from     = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	to       = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	switchAt = time.Date(2024, 1, 18, 0, 0, 0, 0, time.UTC)
)

// Instant draws an instant between a and b (inclusive) with nanosecond
// precision, in UTC.
func Instant(a, b time.Time) *rapid.Generator[time.Time] {
	return rapid.Custom(func(t *rapid.T) time.Time {
		sec := rapid.Int64Range(a.Unix(), b.Unix()).Draw(t, "unix")
		ns := rapid.OneOf(rapid.Just(int64(0)), rapid.Int64Range(0, 999_999_999)).Draw(t, "nanos")
		return time.Unix(sec, ns).UTC()
	})
}

// Now draws the instant of a request: 2022 to 2025, often within four days
// of the switch to 2024-01-18, sometimes exactly at it or 1 ns before.
func Now() *rapid.Generator[time.Time] {
	return rapid.OneOf(
		Instant(from, to),
		Instant(switchAt.Add(-96*time.Hour), switchAt.Add(96*time.Hour)),
		rapid.Just(switchAt),
		rapid.Just(switchAt.Add(-time.Nanosecond)),
	)
}

// CaseAt draws valid case snapshots whose every time is at or before now.
func CaseAt(now time.Time) *rapid.Generator[*escalation.Case] {
	return rapid.Custom(func(t *rapid.T) *escalation.Case { return DrawCase(t, now) })
}

// Case draws valid case snapshots whose every time is at or before
// 2026-01-01T00:00:00Z: evaluate them at or after that instant, or use
// CaseAt.
func Case() *rapid.Generator[*escalation.Case] { return CaseAt(to) }

// RequestAt draws valid requests whose last-viewed time is at or before now.
func RequestAt(now time.Time) *rapid.Generator[escalation.Request] {
	return rapid.Custom(func(t *rapid.T) escalation.Request { return DrawRequest(t, now) })
}

// Request draws valid requests whose times are at or before
// 2026-01-01T00:00:00Z.
func Request() *rapid.Generator[escalation.Request] { return RequestAt(to) }

// Input draws valid request lines: now from Now, sometimes a pinned
// built-in version, a case (one in twenty has none: G1) and a request.
func Input() *rapid.Generator[escalation.Input] {
	return rapid.Custom(func(t *rapid.T) escalation.Input {
		in := escalation.Input{Now: Now().Draw(t, "now")}
		in.Policy = rapid.SampledFrom([]string{"", "", "", "2022", "2024-01-18"}).Draw(t, "policy")
		if rapid.IntRange(0, 19).Draw(t, "no case?") > 0 {
			in.Case = DrawCase(t, in.Now)
		}
		in.Request = DrawRequest(t, in.Now)
		return in
	})
}

// CmpOptions compares decisions the way programs read them: codes, clauses,
// outcomes and instants, not the human text (Message, Remedy, Explanation),
// which may be reworded in any release; times by instant (time.Time.Equal),
// and empty slices equal to nil ones.
func CmpOptions() cmp.Options {
	return cmp.Options{
		cmp.Transformer("Slice", escalation.Reasons.Slice),
		cmp.Transformer("Slice", escalation.Warnings.Slice),
		cmpopts.IgnoreFields(escalation.Reason{}, "Message", "Remedy"),
		cmpopts.IgnoreFields(escalation.Control{}, "Explanation"),
		cmpopts.EquateEmpty(),
	}
}
