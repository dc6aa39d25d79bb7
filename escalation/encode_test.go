package escalation_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
	"github.com/google/go-cmp/cmp"
)

func TestDecisionJSONUsesTheContractNames(t *testing.T) {
	ny := time.FixedZone("EDT", -4*3600)
	d := escalation.Decision{
		Outcome: escalation.Denied, Policy: "2024-01-18",
		Reasons: mustReasons(escalation.Reason{
			Code: escalation.HighPriorityRecentlyUpdated, Clause: "P2", Message: `say "<hi>" & bye`, Remedy: "wait",
			EligibleAt: time.Date(2024, 3, 5, 6, 0, 0, 500, ny),
		}),
		Warnings:       mustWarnings(escalation.Reason{Code: escalation.UnseenUpdate, Clause: "G4", Message: "m", Remedy: "not shown"}),
		NextEligibleAt: time.Date(2024, 3, 5, 6, 0, 0, 500, ny),
		Control:        escalation.Control{Label: "Additional Help", Enabled: true},
	}
	got := string(d.AppendJSON(nil))
	want := `{"allowed":false,"outcome":"denied","policy":"2024-01-18","reasons":[{"code":"HIGH_PRIORITY_RECENTLY_UPDATED","clause":"P2","message":"say \"\u003chi\u003e\" \u0026 bye","remedy":"wait","eligible_at":"2024-03-05T10:00:00.0000005Z"}],"warnings":[{"code":"UNSEEN_UPDATE","clause":"G4","message":"m"}],"next_eligible_at":"2024-03-05T10:00:00.0000005Z","control":{"label":"Additional Help","enabled":true,"explanation":""}}`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("AppendJSON mismatch (-want +got):\n%s", diff)
	}
	// encoding/json agrees on every name and value.
	var generic map[string]any
	if err := json.Unmarshal([]byte(got), &generic); err != nil {
		t.Fatal(err)
	}
	if generic["reasons"].([]any)[0].(map[string]any)["message"] != `say "<hi>" & bye` {
		t.Errorf("message did not survive: %v", generic["reasons"])
	}
	viaMarshal, _ := json.Marshal(d)
	if string(viaMarshal) != got {
		t.Errorf("json.Marshal(d) = %s, want AppendJSON's output", viaMarshal)
	}

	// No case: no control, no next_eligible_at, empty arrays.
	none := escalation.Decision{Outcome: escalation.Denied, Policy: "2022"}
	if got, want := string(none.AppendJSON(nil)), `{"allowed":false,"outcome":"denied","policy":"2022","reasons":[],"warnings":[]}`; got != want {
		t.Errorf("AppendJSON = %s, want %s", got, want)
	}
}

func TestErrorJSONListsEveryProblem(t *testing.T) {
	err := errors.Join(
		&escalation.FieldError{Field: "case.priority", Problem: `unknown value "urgent"`},
		&escalation.FieldError{Field: "case.escalations[0].closed_at", Problem: "closed before it opened"},
	)
	got := string(escalation.AppendErrorJSON(nil, err))
	want := `{"error":{"problems":[{"field":"case.priority","problem":"unknown value \"urgent\""},{"field":"case.escalations[0].closed_at","problem":"closed before it opened"}]}}`
	if got != want {
		t.Errorf("AppendErrorJSON = %s\nwant %s", got, want)
	}
	got = string(escalation.AppendErrorJSON(nil, errors.New("boom\xff")))
	if !json.Valid([]byte(got)) {
		t.Errorf("AppendErrorJSON of invalid UTF-8 is not JSON: %q", got)
	}
}

func TestInputRoundTrip(t *testing.T) {
	for _, line := range []string{
		benchLine,
		`{"now":"2024-07-05T12:00:00Z","request":{"reason":"other"}}`,
		`{"now":"2024-07-05T12:00:00.5+02:00","case":null}`,
		`{"now":"2024-07-05T12:00:00Z","case":{"id":"x","status":"open","priority":"low","deployment":"premise","offering":"fedramp","last_updated_at":"2024-07-05T11:00:00Z","rca":{"service_restored_at":"2024-07-05T10:00:00Z"}},"request":{"reason":"rca","channel":"phone","portal":"fedramp","role":"read_only","pin":"commercial"}}`,
	} {
		roundTrip(t, line)
	}
}

func roundTrip(t *testing.T, line string) {
	t.Helper()
	set := escalation.DefaultSet()
	in, err := set.ParseInput([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	b, err := in.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	again, err := set.ParseInput(b)
	if err != nil {
		t.Fatalf("ParseInput(MarshalJSON()) failed: %v\n%s", err, b)
	}
	if diff := cmp.Diff(in, again, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b calendar.Calendar) bool { return a.String() == b.String() })); diff != "" {
		t.Errorf("round trip mismatch (-first +second):\n%s", diff)
	}
}

// An Input encodes only what it holds: absent optional fields and empty
// lists are left out (booleans are always written), a request without a case is left out when empty, and
// the first field of an object has no comma before it.
func TestInputMarshalLeavesOutWhatIsAbsent(t *testing.T) {
	now := time.Date(2024, 7, 5, 12, 0, 0, 0, time.UTC)
	c := &escalation.Case{ID: "x", Status: escalation.Open, Priority: priority.Low, Deployment: escalation.Cloud,
		Offering: fedramp.Commercial, LastUpdatedAt: now.Add(-time.Hour)}
	for _, tc := range []struct {
		in   escalation.Input
		want string
	}{
		{escalation.Input{Now: now}, `{"now":"2024-07-05T12:00:00Z"}`},
		{escalation.Input{Now: now, Case: c},
			`{"now":"2024-07-05T12:00:00Z","case":{"id":"x","status":"open","priority":"low","deployment":"cloud","offering":"commercial","assigned":false,"last_updated_at":"2024-07-05T11:00:00Z","awaiting_customer":false,"business_impact":false},"request":{}}`},
		{escalation.Input{Now: now, Request: escalation.Request{LastViewedAt: now}},
			`{"now":"2024-07-05T12:00:00Z","request":{"last_viewed_at":"2024-07-05T12:00:00Z"}}`},
	} {
		b, err := tc.in.MarshalJSON()
		if err != nil || string(b) != tc.want {
			t.Errorf("MarshalJSON() = %s, %v\nwant %s", b, err, tc.want)
		}
	}
}
