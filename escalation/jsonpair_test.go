package escalation_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/casepolicy/casepolicy/escalation"
)

// TestPropertyDecisionJSONPair: a decision decodes from its JSON to an equal
// decision, times UTC, and encodes to the same bytes again.
func TestPropertyDecisionJSONPair(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawSnapshot(t)
		d := evalAt(t, s, s.Now)
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var back escalation.Decision
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if diff := cmp.Diff(d, back, exact); diff != "" {
			t.Fatalf("decision round trip mismatch (-want +got):\n%s", diff)
		}
		again, _ := json.Marshal(back)
		if !bytes.Equal(b, again) {
			t.Fatalf("MarshalJSON(UnmarshalJSON(%s)) = %s", b, again)
		}
		if d.NextEligibleAt.Location() != time.UTC && !d.NextEligibleAt.IsZero() {
			t.Fatalf("NextEligibleAt %v is not UTC", d.NextEligibleAt)
		}
	})
}

// TestPropertyCaseAndRequestJSONPairs: Case and Request decode what they
// encode, and a service can decode them apart from a request line.
func TestPropertyCaseAndRequestJSONPairs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawSnapshot(t)
		if s.Case == nil {
			return
		}
		cb, _ := json.Marshal(*s.Case)
		var c escalation.Case
		if err := json.Unmarshal(cb, &c); err != nil {
			t.Fatalf("Case.UnmarshalJSON(%s): %v", cb, err)
		}
		if again, _ := json.Marshal(c); !bytes.Equal(cb, again) {
			t.Fatalf("case round trip: %s, then %s", cb, again)
		}
		rb, _ := json.Marshal(s.Req)
		var r escalation.Request
		if err := json.Unmarshal(rb, &r); err != nil {
			t.Fatalf("Request.UnmarshalJSON(%s): %v", rb, err)
		}
		if again, _ := json.Marshal(r); !bytes.Equal(rb, again) {
			t.Fatalf("request round trip: %s, then %s", rb, again)
		}
		// Decided apart, they give the decision of the whole line.
		want := evalAt(t, s, s.Now)
		s.Case, s.Req = &c, r
		if diff := cmp.Diff(want, evalAt(t, s, s.Now), exact); diff != "" {
			t.Fatalf("decision after the round trip differs (-want +got):\n%s", diff)
		}
	})
}

func TestDecisionUnmarshalIsStrict(t *testing.T) {
	good := `{"allowed":false,"outcome":"denied","policy":"2024-01-18","reasons":[{"code":"LOW_PRIORITY","clause":"P1","message":"m","remedy":"r"}],"warnings":[]}`
	var d escalation.Decision
	if err := json.Unmarshal([]byte(good), &d); err != nil {
		t.Fatalf("Unmarshal(%s): %v", good, err)
	}
	for _, tc := range []struct{ name, line, field string }{
		{"unknown field", strings.Replace(good, `"policy"`, `"Policy":1,"policy"`, 1), "Policy"},
		{"repeated field", strings.Replace(good, `"policy":"2024-01-18"`, `"policy":"a","policy":"b"`, 1), "policy"},
		{"missing outcome", strings.Replace(good, `"outcome":"denied",`, ``, 1), "outcome"},
		{"unknown code", strings.Replace(good, `LOW_PRIORITY`, `LOWISH`, 1), "reasons[0].code"},
		{"wrong clause", strings.Replace(good, `"P1"`, `"P2"`, 1), "reasons[0].clause"},
		{"allowed disagrees", strings.Replace(good, `"allowed":false`, `"allowed":true`, 1), "allowed"},
		{"bad time", strings.Replace(good, `"warnings":[]`, `"warnings":[],"next_eligible_at":"soon"`, 1), "next_eligible_at"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := json.Unmarshal([]byte(tc.line), &d)
			if !errors.Is(err, escalation.ErrInvalidInput) {
				t.Fatalf("Unmarshal(%s) = %v, want ErrInvalidInput", tc.line, err)
			}
			ps := escalation.Problems(err)
			if len(ps) == 0 || ps[0].Field != tc.field {
				t.Errorf("Unmarshal(%s) problems %v, want first on %s", tc.line, err, tc.field)
			}
		})
	}
}

func TestParseInputAtUsesTheServicesClock(t *testing.T) {
	body := `{"case":{"id":"1","status":"open","priority":"medium","deployment":"cloud","offering":"commercial","last_updated_at":"2024-03-04T10:00:00Z"},"request":{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact"}}`
	now := time.Date(2024, 3, 4, 15, 0, 0, 0, time.UTC)
	in, err := escalation.DefaultSet().ParseInputAt([]byte(body), now)
	if err != nil || !in.Now.Equal(now) {
		t.Fatalf("ParseInputAt = %v, %v; want now %v", in.Now, err, now)
	}
	if _, err := escalation.DefaultSet().ParseInput([]byte(body)); err == nil {
		t.Fatalf("ParseInput without now: no error")
	}
	own := strings.Replace(body, `{"case"`, `{"now":"2024-03-04T12:00:00Z","case"`, 1)
	if in, err := escalation.DefaultSet().ParseInputAt([]byte(own), now); err != nil || in.Now.Hour() != 12 {
		t.Fatalf("ParseInputAt with its own now = %v, %v; want 12:00", in.Now, err)
	}
}

func TestDecisionStringAndLogValue(t *testing.T) {
	d := escalation.Decision{Outcome: escalation.Denied, Policy: "2024-01-18",
		Reasons:        mustReasons(escalation.Reason{Code: escalation.HighPriorityRecentlyUpdated, Clause: "P2"}),
		NextEligibleAt: time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)}
	want := "denied under 2024-01-18: HIGH_PRIORITY_RECENTLY_UPDATED (P2); next eligible 2024-03-05T10:00:00Z"
	if got := d.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("decided", "decision", d)
	if !strings.Contains(buf.String(), `"decision":{"allowed":false,"outcome":"denied","policy":"2024-01-18","reasons":["HIGH_PRIORITY_RECENTLY_UPDATED"],"next_eligible_at":"2024-03-05T10:00:00Z"}`) {
		t.Errorf("slog record %s does not carry the decision's fields", buf.String())
	}
}
