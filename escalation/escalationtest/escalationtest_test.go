package escalationtest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/escalation/escalationtest"
)

// TestInputsAreValid: every drawn input is decided without an error, and
// CmpOptions finds a decision equal to itself after a JSON round trip.
func TestInputsAreValid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := escalationtest.Input().Draw(t, "input")
		d, err := escalation.DefaultSet().EvaluateInput(in)
		if err != nil {
			t.Fatalf("EvaluateInput(%+v): %v", in, err)
		}
		b, _ := d.MarshalJSON()
		var back escalation.Decision
		if err := back.UnmarshalJSON(b); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(d, back, escalationtest.CmpOptions()); diff != "" {
			t.Fatalf("decision mismatch (-want +got):\n%s", diff)
		}
	})
}

// TestCaseAndRequestAtAreValidAtNow: CaseAt and RequestAt draw values valid
// at the instant given.
func TestCaseAndRequestAtAreValidAtNow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		now := escalationtest.Now().Draw(t, "now")
		c := escalationtest.CaseAt(now).Draw(t, "case")
		r := escalationtest.RequestAt(now).Draw(t, "request")
		if _, err := escalation.DefaultSet().Evaluate(c, r, now); err != nil {
			t.Fatalf("Evaluate: %v", err)
		}
	})
}

// CmpOptions compares what programs read: a reworded message is no
// difference, a different code is.
func ExampleCmpOptions() {
	reasons := func(r escalation.Reason) escalation.Reasons {
		rs, err := escalation.MakeReasons(r)
		if err != nil {
			panic(err)
		}
		return rs
	}
	a := escalation.Decision{Outcome: escalation.Denied, Reasons: reasons(escalation.Reason{Code: escalation.LowPriority, Clause: "P1", Message: "Low priority."})}
	b := escalation.Decision{Outcome: escalation.Denied, Reasons: reasons(escalation.Reason{Code: escalation.LowPriority, Clause: "P1", Message: "Reworded."})}
	c := escalation.Decision{Outcome: escalation.Denied, Reasons: reasons(escalation.Reason{Code: escalation.CaseClosed, Clause: "G2"}),
		NextEligibleAt: time.Time{}}
	fmt.Println(cmp.Equal(a, b, escalationtest.CmpOptions()), cmp.Equal(a, c, escalationtest.CmpOptions()))
	// Output: true false
}
