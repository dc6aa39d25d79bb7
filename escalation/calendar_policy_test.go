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
	if msg := d.Reasons[0].Message; !strings.Contains(msg, "8 business hours") {
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
