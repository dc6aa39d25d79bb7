package escalation_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
)

// documentWith returns the built-ins' document with the 2024-01-18
// version's calendar replaced (and other edits), parsed.
func documentWith(t *testing.T, edits ...string) escalation.Set {
	t.Helper()
	b, err := os.ReadFile("testdata/policy/builtins.json")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i := strings.Index(doc, `{"name": "2024-01-18"`)
	second := doc[i:]
	for k := 0; k+1 < len(edits); k += 2 {
		second = strings.Replace(second, edits[k], edits[k+1], 1)
	}
	set, err := escalation.ParseSetDocument([]byte(doc[:i] + second))
	if err != nil {
		t.Fatalf("ParseSetDocument: %v", err)
	}
	return set
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestBusinessClockP2: a version may count P2's wait in business time of
// its calendar's working hours.
func TestBusinessClockP2(t *testing.T) {
	set := documentWith(t,
		`"high_priority_wait": "24h"`, `"high_priority_wait": "8h", "high_priority_wait_clock": "business"`,
		`"closures": []`, `"closures": [], "work_hours": {"monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"], "thursday": ["09:00-17:00"], "friday": ["09:00-17:00"]}`)
	line := `{"now":"2024-03-04T18:00:00Z","case":{"id":"1","status":"open","priority":"high","deployment":"cloud","offering":"commercial","business_impact":true,"last_updated_at":"2024-03-04T16:00:00Z"},"request":{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact"}}`
	d := decideLine(t, set, line)
	// Monday 16:00 + 8 working hours: 1 on Monday, 7 on Tuesday from 09:00.
	if want := at("2024-03-05T16:00:00Z"); d.Allowed || !d.NextEligibleAt.Equal(want) {
		t.Errorf("got %v next %v, want P2 until %v", codesOf(d), d.NextEligibleAt, want)
	}
	if msg := d.Reasons.At(0).Message; !strings.Contains(msg, "8 business hours") {
		t.Errorf("message %q does not say 8 business hours", msg)
	}
	// Friday 16:00 + 8 working hours: Monday 16:00.
	d = decideLine(t, set, strings.NewReplacer("2024-03-04T18", "2024-03-08T18", "2024-03-04T16", "2024-03-08T16").Replace(line))
	if want := at("2024-03-11T16:00:00Z"); !d.NextEligibleAt.Equal(want) {
		t.Errorf("Friday: next %v, want %v", d.NextEligibleAt, want)
	}
}

// TestClosuresMoveTheRCATarget: a whole-day closure of the policy's
// calendar is not a business day for R2, also for a case naming its own
// holiday list.
func TestClosuresMoveTheRCATarget(t *testing.T) {
	set := documentWith(t, `"closures": []`, `"closures": [{"date": "2024-03-07", "name": "Offsite"}]`)
	line := `{"now":"2024-03-05T12:00:00Z","case":{"id":"1","status":"open","priority":"medium","deployment":"cloud","offering":"commercial","last_updated_at":"2024-03-04T10:00:00Z","rca":{"requested_at":"2024-03-04T10:00:00Z"}},"request":{"reason":"rca","channel":"portal","portal":"commercial","role":"designated_contact"}}`
	// Monday 4 March + 5 business days, Thursday 7 closed: Tuesday 12 March.
	if d := decideLine(t, set, line); !d.NextEligibleAt.Equal(at("2024-03-12T10:00:00Z")) {
		t.Errorf("next %v, want 2024-03-12T10:00:00Z", d.NextEligibleAt)
	}
	if d := decideLine(t, escalation.DefaultSet(), line); !d.NextEligibleAt.Equal(at("2024-03-11T10:00:00Z")) {
		t.Errorf("built-ins: next %v, want 2024-03-11T10:00:00Z", d.NextEligibleAt)
	}
	own := strings.Replace(line, `"last_updated_at"`, `"calendar":"GB","time_zone":"Europe/London","last_updated_at"`, 1)
	if d := decideLine(t, set, own); !d.NextEligibleAt.Equal(at("2024-03-12T10:00:00Z")) {
		t.Errorf("case with its own calendar: next %v, want the closure kept: 2024-03-12T10:00:00Z", d.NextEligibleAt)
	}
}

// TestMergedCalendarsConcurrently: cases naming their own calendars under a
// policy with closures decide the same from many goroutines (the policy
// remembers the merged calendars; run with -race).
func TestMergedCalendarsConcurrently(t *testing.T) {
	set := documentWith(t, `"closures": []`, `"closures": [{"date": "2024-03-07", "name": "Offsite"}]`)
	line := `{"now":"2024-03-05T12:00:00Z","case":{"id":"1","status":"open","priority":"medium","deployment":"cloud","offering":"commercial","calendar":"CAL","time_zone":"ZONE","last_updated_at":"2024-03-04T10:00:00Z","rca":{"requested_at":"2024-03-04T10:00:00Z"}},"request":{"reason":"rca","channel":"portal","portal":"commercial","role":"designated_contact"}}`
	inputs := []string{
		strings.NewReplacer("CAL", "GB", "ZONE", "Europe/London").Replace(line),
		strings.NewReplacer("CAL", "US", "ZONE", "America/New_York").Replace(line),
		strings.NewReplacer("CAL", "DE", "ZONE", "UTC").Replace(line),
	}
	want := make([]string, len(inputs))
	for i, in := range inputs {
		want[i] = string(decideLine(t, set, in).AppendJSON(nil))
	}
	done := make(chan string, 64)
	for g := 0; g < 16; g++ {
		go func(g int) {
			in, err := set.ParseInput([]byte(inputs[g%len(inputs)]))
			if err != nil {
				done <- err.Error()
				return
			}
			d, err := set.EvaluateInput(in)
			if err != nil {
				done <- err.Error()
				return
			}
			if got := string(d.AppendJSON(nil)); got != want[g%len(inputs)] {
				done <- got
				return
			}
			done <- ""
		}(g)
	}
	for g := 0; g < 16; g++ {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
	// The closure is kept on every case calendar: Thursday 7 March is skipped.
	for i, w := range want {
		if !strings.Contains(w, `"next_eligible_at":"2024-03-12T`) {
			t.Errorf("input %d: %s does not skip the closure", i, w)
		}
	}
}

// A case's own calendar keeps its zone when merged with the policy's rules:
// an RCA requested on Friday evening in UTC is Saturday morning in Tokyo,
// so its five business days are counted from Monday there and end a day
// earlier.
func TestMergedCalendarKeepsTheCaseZone(t *testing.T) {
	set := documentWith(t, `"closures": []`, `"closures": [{"date": "2024-03-20", "name": "Offsite"}]`)
	line := `{"now":"2024-03-11T12:00:00Z","case":{"id":"1","status":"open","priority":"medium","deployment":"cloud","offering":"commercial","calendar":"US","time_zone":"ZONE","last_updated_at":"2024-03-08T20:00:00Z","rca":{"requested_at":"2024-03-08T20:00:00Z"}},"request":{"reason":"rca","channel":"portal","portal":"commercial","role":"designated_contact"}}`
	for _, tc := range []struct{ zone, want string }{
		{"UTC", "2024-03-15T20:00:00Z"},        // Friday 20:00 + 5 business days
		{"Asia/Tokyo", "2024-03-14T20:00:00Z"}, // Saturday 05:00 JST: Friday 15th, 05:00 JST
	} {
		d := decideLine(t, set, strings.Replace(line, "ZONE", tc.zone, 1))
		if !d.NextEligibleAt.Equal(at(tc.want)) {
			t.Errorf("%s: next %v, want %s", tc.zone, d.NextEligibleAt.Format(time.RFC3339), tc.want)
		}
	}
}
