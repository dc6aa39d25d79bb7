package escalation_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/escalation/access"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
	"github.com/casepolicy/casepolicy/rca"
)

var sinkDecision escalation.Decision

func benchCase() escalation.Case {
	return escalation.Case{
		ID: "00123456", Status: escalation.Open, Priority: priority.High, Deployment: escalation.Cloud,
		Offering: fedramp.Commercial, Product: escalation.CloudCX, Assigned: true, BusinessImpact: true,
		OpenedAt:      time.Date(2024, 2, 20, 9, 0, 0, 0, time.UTC),
		LastUpdatedAt: time.Date(2024, 3, 4, 10, 0, 0, 0, time.UTC),
		Escalations:   []escalation.Escalation{{ID: "E-1", OpenedAt: time.Date(2024, 2, 25, 9, 0, 0, 0, time.UTC), ClosedAt: time.Date(2024, 2, 26, 9, 0, 0, 0, time.UTC)}},
		RCA:           rca.Analysis{RequestedAt: time.Date(2024, 2, 27, 12, 0, 0, 0, time.UTC)},
	}
}

var benchRequest = escalation.Request{Reason: escalation.ReasonNoRecentUpdate, Channel: escalation.Portal,
	Portal: fedramp.CommercialPortal, Role: access.DesignatedContact}

// BenchmarkEvaluate measures one decision through DefaultSet: the version is
// found by binary search on instants. Evaluate allocates nothing on any
// path; the _to runs decide into one Decision through EvaluateTo, which
// saves copying it. The plain
// runs, in the same run, are hand-written Go deciding the same request (see
// plainP2 and plainRules) as the floor the others are measured against.
func BenchmarkEvaluate(b *testing.B) {
	set := escalation.DefaultSet()
	base := benchCase()
	urgency := base // a 2022 urgency request: its reason's eligible instant is the switch
	urgency.Priority, urgency.LastUpdatedAt, urgency.OpenedAt = priority.Medium, time.Date(2023, 8, 30, 9, 0, 0, 0, time.UTC), time.Time{}
	urgency.Escalations, urgency.RCA = nil, rca.Analysis{}
	withReason := func(r escalation.RequestReason) escalation.Request { req := benchRequest; req.Reason = r; return req }
	type benchCase struct {
		name    string
		c       escalation.Case
		r       escalation.Request
		now     time.Time
		allowed bool
	}
	cases := []benchCase{
		{"allowed", base, benchRequest, time.Date(2024, 3, 5, 15, 0, 0, 0, time.UTC), true},
		{"denied", base, benchRequest, time.Date(2024, 3, 4, 15, 0, 0, 0, time.UTC), false}, // 5 hours after the last update (P2)
		{"rca_wait", base, withReason(escalation.ReasonRCA), time.Date(2024, 3, 4, 15, 0, 0, 0, time.UTC), false},
		{"version_switch", urgency, withReason(escalation.ReasonUrgencyImpactChanged), time.Date(2023, 9, 1, 12, 0, 0, 0, time.UTC), false},
	}
	for _, bc := range cases {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var d escalation.Decision
			for b.Loop() { // b.Loop keeps the calls in it, and their results
				var err error
				d, err = set.Evaluate(&bc.c, bc.r, bc.now)
				if err != nil || d.Allowed != bc.allowed {
					b.Fatal(err, d)
				}
			}
			sinkDecision = d
		})
	}
	for _, bc := range cases {
		b.Run(bc.name+"_to", func(b *testing.B) {
			b.ReportAllocs()
			var d escalation.Decision
			for b.Loop() {
				if err := set.EvaluateTo(&d, &bc.c, bc.r, bc.now); err != nil || d.Allowed != bc.allowed {
					b.Fatal(err, d)
				}
			}
			sinkDecision = d
		})
	}
	for _, bc := range cases[:2] {
		b.Run(bc.name+"_plain_p2", func(b *testing.B) {
			b.ReportAllocs()
			var codes []string
			for b.Loop() {
				codes, _ = plainP2(&bc.c, &bc.r, bc.now)
				if (len(codes) == 0) != bc.allowed {
					b.Fatal(codes)
				}
			}
			sinkCodes = codes
		})
		b.Run(bc.name+"_plain_rules", func(b *testing.B) {
			b.ReportAllocs()
			var codes []string
			for b.Loop() {
				var err error
				codes, _, err = plainRules(&bc.c, &bc.r, bc.now)
				if err != nil || (len(codes) == 0) != bc.allowed {
					b.Fatal(err, codes)
				}
			}
			sinkCodes = codes
		})
	}
}

var sinkCodes []string

// plainP2 is the P2 rule written by hand, as a program without this package
// would: a high-priority case is eligible 24 hours after its last update and
// only with business impact. It returns the failing codes and when the wait
// ends.
func plainP2(c *escalation.Case, r *escalation.Request, now time.Time) ([]string, time.Time) {
	var codes []string
	var wait time.Time
	if c.Priority == priority.High && r.Reason != escalation.ReasonRCA {
		wait = c.LastUpdatedAt.Add(24 * time.Hour)
		if now.Before(wait) {
			codes = append(codes, "HIGH_PRIORITY_RECENTLY_UPDATED")
		}
		if !c.BusinessImpact {
			codes = append(codes, "NO_BUSINESS_IMPACT")
		}
	}
	return codes, wait
}

// plainRules is the 2024-01-18 version written by hand for a portal or
// phone request: the checks validate makes of the input (required fields,
// times not after now), then G2, G3, G5, G6, P1, P2, P4, P5, F1, F3 and F9,
// returning the failing codes and the next eligible instant. It has no
// messages, no other versions, no RCA and no warnings: the least a program
// must do to decide this request.
func plainRules(c *escalation.Case, r *escalation.Request, now time.Time) ([]string, time.Time, error) {
	if c.ID == "" || !c.Status.IsValid() || !c.Priority.IsValid() || !c.Deployment.IsValid() ||
		c.LastUpdatedAt.IsZero() || c.LastUpdatedAt.After(now) || c.OpenedAt.After(now) ||
		!r.Reason.IsValid() || !r.Channel.IsValid() || r.LastViewedAt.After(now) {
		return nil, time.Time{}, errors.New("invalid input")
	}
	for _, e := range c.Escalations {
		if e.OpenedAt.IsZero() || e.OpenedAt.After(now) || e.ClosedAt.After(now) {
			return nil, time.Time{}, errors.New("invalid input")
		}
	}
	var codes []string
	next, waits := now, true
	fed := c.Offering == fedramp.FedRAMP
	if c.Status == escalation.Closed {
		codes, waits = append(codes, "CASE_CLOSED"), false
	}
	if c.AwaitingCustomer {
		codes, waits = append(codes, "AWAITING_CUSTOMER"), false
	}
	for _, e := range c.Escalations {
		if e.ActiveAt(now) {
			codes, waits = append(codes, "ACTIVE_ESCALATION"), false
			break
		}
	}
	if r.Role != access.DesignatedContact {
		codes, waits = append(codes, "NOT_DESIGNATED_CONTACT"), false
	}
	switch c.Priority {
	case priority.Low:
		codes, waits = append(codes, "LOW_PRIORITY"), false
	case priority.High:
		if r.Reason != escalation.ReasonRCA {
			if wait := c.LastUpdatedAt.Add(24 * time.Hour); now.Before(wait) {
				codes, next = append(codes, "HIGH_PRIORITY_RECENTLY_UPDATED"), wait
			}
			if !c.BusinessImpact {
				codes, waits = append(codes, "NO_BUSINESS_IMPACT"), false
			}
		}
	}
	critical := c.Priority == priority.Critical && !fed
	switch {
	case critical && r.Channel != escalation.Phone:
		codes, waits = append(codes, "CRITICAL_USE_PHONE"), false
	case !critical && r.Channel != escalation.Portal && r.Channel != escalation.MobileApp:
		codes, waits = append(codes, "USE_PORTAL"), false
	}
	if r.Channel == escalation.Portal {
		if fed && r.Portal == fedramp.CommercialPortal {
			codes, waits = append(codes, "FEDRAMP_WRONG_PORTAL"), false
		}
		if !fed && r.Portal == fedramp.FedRAMPPortal {
			codes, waits = append(codes, "COMMERCIAL_WRONG_PORTAL"), false
		}
	}
	if fed && r.Channel == escalation.Phone && r.PIN != fedramp.FedRAMPPIN {
		codes, waits = append(codes, "FEDRAMP_PIN_REQUIRED"), false
	}
	if fed && !c.Assigned {
		codes, waits = append(codes, "FEDRAMP_UNASSIGNED"), false
	}
	if !waits {
		next = time.Time{}
	}
	return codes, next, nil
}

// benchLine is a request of docs/CONTRACT.md's size and shape.
const benchLine = `{"now":"2024-03-04T15:00:00Z","policy":"2024-01-18","case":{"id":"00123456","status":"open","priority":"high","deployment":"cloud","offering":"commercial","product":"cloud_cx","region":"us-east-2","assigned":true,"opened_at":"2024-02-20T09:00:00Z","last_updated_at":"2024-03-04T10:00:00Z","awaiting_customer":false,"business_impact":true,"engaged":["development"],"calendar":"US","time_zone":"America/New_York","escalations":[{"id":"E-1","opened_at":"2024-02-25T09:00:00Z","closed_at":"2024-02-26T09:00:00Z"}],"rca":{"requested_at":"2024-02-27T12:00:00Z","service_restored_at":"2024-02-27T08:00:00Z"}},"request":{"reason":"no_recent_update","channel":"portal","portal":"commercial","role":"designated_contact","pin":"","last_viewed_at":"2024-03-04T09:55:00Z","details":"free text"}}`

// BenchmarkJSONLine compares the evaluate command's path per line (decode,
// decide, encode, reusing one Input, Decision and output buffer) with a
// plain generic round trip of the same line through encoding/json and
// map[string]any, in the same run. casepolicy_fresh is the same work
// through ParseInput and EvaluateInput, which allocate afresh; scan is
// encoding/json's syntax check of the line alone (json.Valid), for scale.
// Lines/s = 1e9 / ns/op.
func BenchmarkJSONLine(b *testing.B) {
	line := []byte(benchLine)
	b.Run("casepolicy", func(b *testing.B) {
		set := escalation.DefaultSet()
		var out []byte
		var in escalation.Input
		var d escalation.Decision
		b.SetBytes(int64(len(line)))
		b.ReportAllocs()
		for b.Loop() {
			if err := set.ParseInputTo(&in, line); err != nil {
				b.Fatal(err)
			}
			if err := set.EvaluateInputTo(&d, &in); err != nil {
				b.Fatal(err)
			}
			out = d.AppendJSON(out[:0])
		}
	})
	b.Run("casepolicy_fresh", func(b *testing.B) {
		set := escalation.DefaultSet()
		var out []byte
		b.SetBytes(int64(len(line)))
		b.ReportAllocs()
		for b.Loop() {
			in, err := set.ParseInput(line)
			if err != nil {
				b.Fatal(err)
			}
			d, err := set.EvaluateInput(in)
			if err != nil {
				b.Fatal(err)
			}
			out = d.AppendJSON(out[:0])
		}
	})
	b.Run("scan", func(b *testing.B) {
		b.SetBytes(int64(len(line)))
		b.ReportAllocs()
		for b.Loop() {
			if !json.Valid(line) {
				b.Fatal("invalid")
			}
		}
	})
	b.Run("generic_map_roundtrip", func(b *testing.B) {
		b.SetBytes(int64(len(line)))
		b.ReportAllocs()
		for b.Loop() {
			var m map[string]any
			if err := json.Unmarshal(line, &m); err != nil {
				b.Fatal(err)
			}
			if _, err := json.Marshal(m); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func ExampleSet_Evaluate() {
	c := escalation.Case{
		ID: "00123456", Status: escalation.Open, Priority: priority.High,
		Deployment: escalation.Cloud, Offering: fedramp.Commercial, BusinessImpact: true,
		LastUpdatedAt: time.Date(2024, 3, 4, 10, 0, 0, 0, time.UTC),
	}
	req := escalation.Request{
		Reason: escalation.ReasonNoRecentUpdate, Channel: escalation.Portal,
		Portal: fedramp.CommercialPortal, Role: access.DesignatedContact,
	}
	now := time.Date(2024, 3, 4, 15, 0, 0, 0, time.UTC)

	d, err := escalation.DefaultSet().Evaluate(&c, req, now)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Allowed, d.Outcome, d.Policy)
	for _, r := range d.Reasons.All() {
		fmt.Println(r.Code, r.Clause, r.EligibleAt.Format(time.RFC3339))
	}
	next, _ := d.Next()
	fmt.Println("next eligible:", next.Format(time.RFC3339))
	fmt.Printf("control: %q enabled=%v\n", d.Control.Label, d.Control.Enabled)

	// At the instant it names, the same request is allowed.
	d, _ = escalation.DefaultSet().Evaluate(&c, req, next)
	fmt.Println(d.Allowed, d.Outcome)
	// Output:
	// false denied 2024-01-18
	// HIGH_PRIORITY_RECENTLY_UPDATED P2 2024-03-05T10:00:00Z
	// next eligible: 2024-03-05T10:00:00Z
	// control: "Additional Help" enabled=true
	// true escalation_created
}

func ExampleSet_ParseInput() {
	set := escalation.DefaultSet()
	line := []byte(`{"now":"2024-07-05T12:00:00Z","case":{"id":"00500001","status":"open","priority":"low","deployment":"cloud","offering":"commercial","last_updated_at":"2024-07-05T08:00:00Z"},"request":{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact"}}`)
	in, err := set.ParseInput(line)
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := set.EvaluateInput(in)
	fmt.Println(string(d.AppendJSON(nil)))
	// Output:
	// {"allowed":false,"outcome":"denied","policy":"2024-01-18","reasons":[{"code":"LOW_PRIORITY","clause":"P1","message":"Low-priority cases are not eligible for escalation.","remedy":"To raise the priority to medium, add a work note to the case; for high, call Product Support."}],"warnings":[],"control":{"label":"Additional Help","enabled":false,"explanation":"Low-priority cases are not eligible for escalation."}}
}

func ExampleSet_ParseInput_invalid() {
	_, err := escalation.DefaultSet().ParseInput([]byte(`{"case":{"id":"1","status":"pending"},"request":{}}`))
	for _, p := range escalation.Problems(err) {
		fmt.Printf("%s: %s\n", p.Field, p.Problem)
	}
	// Output:
	// case.status: unknown value
	// case.priority: missing
	// case.deployment: missing
	// case.offering: missing
	// case.last_updated_at: missing
	// now: missing
	// request.reason: missing
	// request.channel: missing
	// request.role: missing
}

func ExampleNewPolicy() {
	// A stricter version of the 2024-01-18 policy: 48 hours for high
	// priority, in force from 2025 on.
	cfg := escalation.V20240118().Config()
	cfg.Name, cfg.HighPriorityWait = "strict-2025", 48*time.Hour
	cfg.From, cfg.Until = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{}
	strict, err := escalation.NewPolicy(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	old := escalation.V20240118().Config()
	old.Until = cfg.From
	current, _ := escalation.NewPolicy(old)
	set, err := escalation.NewSet(escalation.V2022(), current, strict)
	fmt.Println(err)
	p, _ := set.At(time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(p.Name(), p.Config().HighPriorityWait)

	// Leaving a gap is an error.
	_, err = escalation.NewSet(escalation.V2022(), strict)
	fmt.Println(err)
	// Output:
	// <nil>
	// strict-2025 48h0m0s
	// gap between policies "2022" (until 2024-01-18T00:00:00Z) and "strict-2025" (from 2025-01-01T00:00:00Z): invalid policy
}

// TestAppendJSONStringsMatchEncodingJSON: the strings of a decision are
// escaped as encoding/json escapes them (HTML characters, U+2028, U+2029,
// invalid UTF-8), whatever their length and where the special bytes fall.
func TestAppendJSONStringsMatchEncodingJSON(t *testing.T) {
	pieces := []string{"a", "Z", " ", "\"", "\\", "<", ">", "&", "\x00", "\x1f", "\x7f", "é", "\u2028", "\u2029", "\xff", "\xe2\x80", "😀", "abcdefgh", "/"}
	x := uint64(7)
	for range 20000 {
		var s string
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		for n := x % 24; n > 0; n-- {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			s += pieces[x%uint64(len(pieces))]
		}
		got := escalation.Decision{Outcome: escalation.Denied, Policy: s}.AppendJSON(nil)
		want, _ := json.Marshal(s)
		if !bytes.Contains(got, append(append([]byte(`"policy":`), want...), ',')) {
			t.Fatalf("policy %q written as %s, encoding/json writes %s", s, got, want)
		}
	}
}
