package escalation_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
)

// decideLine decodes one request line and decides it under set.
func decideLine(t *testing.T, set escalation.Set, line string) escalation.Decision {
	t.Helper()
	in, err := set.ParseInput([]byte(line))
	if err != nil {
		t.Fatalf("ParseInput(%s): %v", line, err)
	}
	d, err := set.EvaluateInput(in)
	if err != nil {
		t.Fatalf("EvaluateInput(%s): %v", line, err)
	}
	return d
}

func codesOf(d escalation.Decision) string {
	var s []string
	for _, r := range d.Reasons.All() {
		s = append(s, r.Code.String())
	}
	return strings.Join(s, ",")
}

// TestV4Switches pins each of V4's switches on both sides, pinned and at the
// version boundary (one nanosecond before 2024-01-18T00:00:00Z and at it).
func TestV4Switches(t *testing.T) {
	const before, at = "2024-01-17T23:59:59.999999999Z", "2024-01-18T00:00:00Z"
	line := func(now, policy, kase, req string) string {
		p := ""
		if policy != "" {
			p = `"policy":"` + policy + `",`
		}
		return `{"now":"` + now + `",` + p + `"case":{"id":"1","status":"open","deployment":"cloud","last_updated_at":"2023-06-01T00:00:00Z",` + kase + `},"request":{"role":"designated_contact",` + req + `}}`
	}
	critical := `"priority":"critical","offering":"commercial"`
	portal := `"reason":"other","channel":"portal","portal":"commercial"`
	phone := `"reason":"other","channel":"phone"`
	unassigned := `"priority":"medium","offering":"fedramp"`
	fedPortal := `"reason":"other","channel":"portal","portal":"fedramp"`
	for _, tc := range []struct {
		name, now, policy, kase, req string
		outcome                      escalation.Outcome
		codes                        string
	}{
		{"P4 off under 2022: a critical portal request is judged like a medium one", "2023-06-02T00:00:00Z", "2022", critical, portal, escalation.EscalationCreated, ""},
		{"P4 on under 2024-01-18: a critical portal request is refused", "2023-06-02T00:00:00Z", "2024-01-18", critical, portal, escalation.Denied, "CRITICAL_USE_PHONE"},
		{"P4 off 1 ns before the switch", before, "", critical, portal, escalation.EscalationCreated, ""},
		{"P4 on at the switch", at, "", critical, portal, escalation.Denied, "CRITICAL_USE_PHONE"},
		{"P4 off: a critical phone call gets USE_PORTAL under 2022", "2023-06-02T00:00:00Z", "2022", critical, phone, escalation.Denied, "USE_PORTAL"},
		{"P4 on: a critical phone call engages a support manager", at, "", critical, phone, escalation.EngageSupportManager, ""},
		{"F9 off under 2022: an unassigned FedRAMP case escalates", before, "", unassigned, fedPortal, escalation.EscalationCreated, ""},
		{"F9 on at the switch: an unassigned FedRAMP case waits for assignment", at, "", unassigned, fedPortal, escalation.Denied, "FEDRAMP_UNASSIGNED"},
		{"F9 pinned 2024-01-18 before its date", "2023-06-02T00:00:00Z", "2024-01-18", unassigned, fedPortal, escalation.Denied, "FEDRAMP_UNASSIGNED"},
		{"F9 pinned 2022 after the switch", "2024-06-02T00:00:00Z", "2022", unassigned, fedPortal, escalation.EscalationCreated, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := decideLine(t, escalation.DefaultSet(), line(tc.now, tc.policy, tc.kase, tc.req))
			if d.Outcome != tc.outcome || codesOf(d) != tc.codes {
				t.Errorf("got %v [%s], want %v [%s]", d.Outcome, codesOf(d), tc.outcome, tc.codes)
			}
		})
	}
}

// TestV4CriticalPhoneCallIn2023IsEligibleAtTheSwitch: with no version pinned,
// a critical phone call refused under 2022 becomes possible at the switch.
func TestV4CriticalPhoneCallIn2023IsEligibleAtTheSwitch(t *testing.T) {
	d := decideLine(t, escalation.DefaultSet(), `{"now":"2023-06-02T00:00:00Z","case":{"id":"1","status":"open","priority":"critical","deployment":"cloud","offering":"commercial","last_updated_at":"2023-06-01T00:00:00Z"},"request":{"reason":"other","channel":"phone","role":"designated_contact"}}`)
	sw := time.Date(2024, 1, 18, 0, 0, 0, 0, time.UTC)
	if !d.NextEligibleAt.Equal(sw) || d.Reasons.Len() != 1 || !d.Reasons.At(0).EligibleAt.Equal(sw) {
		t.Errorf("got next %v, reasons %+v; want both at %v", d.NextEligibleAt, d.Reasons, sw)
	}
}

// TestV4RCAClock: under 2022 the R2 clock starts at the RCA request; under
// 2024-01-18 at the later of request and service restoration.
func TestV4RCAClock(t *testing.T) {
	line := func(policy string) string {
		return `{"now":"2024-03-06T12:00:00Z","policy":"` + policy + `","case":{"id":"1","status":"open","priority":"medium","deployment":"cloud","offering":"commercial","last_updated_at":"2024-03-01T00:00:00Z","rca":{"requested_at":"2024-03-01T10:00:00Z","service_restored_at":"2024-03-04T10:00:00Z"}},"request":{"reason":"rca","channel":"portal","portal":"commercial","role":"designated_contact"}}`
	}
	for _, tc := range []struct{ policy, due string }{
		{"2022", "2024-03-08T10:00:00Z"},       // Fri 1 Mar + 5 business days
		{"2024-01-18", "2024-03-11T10:00:00Z"}, // Mon 4 Mar + 5 business days
	} {
		d := decideLine(t, escalation.DefaultSet(), line(tc.policy))
		want, _ := time.Parse(time.RFC3339, tc.due)
		if codesOf(d) != "RCA_ANALYSIS_PERIOD" || !d.NextEligibleAt.Equal(want) {
			t.Errorf("%s: got [%s] next %v, want RCA_ANALYSIS_PERIOD until %v", tc.policy, codesOf(d), d.NextEligibleAt, want)
		}
	}
}

// TestV4EscalationFeed: F10 limits the escalation feed to commercial cases
// under 2024-01-18 only.
func TestV4EscalationFeed(t *testing.T) {
	for _, tc := range []struct {
		p                   escalation.Policy
		commercial, fedramp bool
	}{
		{escalation.V2022(), true, true},
		{escalation.V20240118(), true, false},
	} {
		if got := tc.p.HasEscalationFeed(fedramp.Commercial); got != tc.commercial {
			t.Errorf("%s: commercial feed = %v, want %v", tc.p.Name(), got, tc.commercial)
		}
		if got := tc.p.HasEscalationFeed(fedramp.FedRAMP); got != tc.fedramp {
			t.Errorf("%s: FedRAMP feed = %v, want %v", tc.p.Name(), got, tc.fedramp)
		}
	}
}

// custom returns the 2024-01-18 version with changes, alone in a set.
func custom(t *testing.T, change func(*escalation.Config)) escalation.Set {
	t.Helper()
	cfg := escalation.V20240118().Config()
	cfg.From = time.Time{}
	change(&cfg)
	p, err := escalation.NewPolicy(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s, err := escalation.NewSet(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestMessagesQuoteTheVersionsOwnNumbers: a version with other waits and RCA
// targets says so, not the built-ins' numbers.
func TestMessagesQuoteTheVersionsOwnNumbers(t *testing.T) {
	set := custom(t, func(c *escalation.Config) {
		c.Name, c.HighPriorityWait, c.CloudRCADays, c.PremiseRCADays = "strict", 12*time.Hour, 3, 4
	})
	high := decideLine(t, set, `{"now":"2024-03-04T15:00:00Z","case":{"id":"1","status":"open","priority":"high","deployment":"cloud","offering":"commercial","business_impact":true,"last_updated_at":"2024-03-04T10:00:00Z"},"request":{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact"}}`)
	if msg := high.Reasons.At(0).Message; !strings.Contains(msg, "12 hours") || strings.Contains(msg, "24") {
		t.Errorf("P2 message %q does not quote the version's 12 hours", msg)
	}
	if want := time.Date(2024, 3, 4, 22, 0, 0, 0, time.UTC); !high.NextEligibleAt.Equal(want) {
		t.Errorf("P2 eligible at %v, want %v", high.NextEligibleAt, want)
	}
	rca := decideLine(t, set, `{"now":"2024-03-04T15:00:00Z","case":{"id":"1","status":"open","priority":"medium","deployment":"cloud","offering":"commercial","last_updated_at":"2024-03-04T10:00:00Z","rca":{"requested_at":"2024-03-04T10:00:00Z"}},"request":{"reason":"rca","channel":"portal","portal":"commercial","role":"designated_contact"}}`)
	if msg := rca.Reasons.At(0).Message; !strings.Contains(msg, "3 business days") || !strings.Contains(msg, "4 ") || strings.Contains(msg, "5 ") {
		t.Errorf("R2 message %q does not quote the version's 3 and 4 business days", msg)
	}
}

// TestP2CountsUpdatesBySupport: a customer's own note restarts P2's wait
// under "anyone" (the built-ins), not under "support".
func TestP2CountsUpdatesBySupport(t *testing.T) {
	line := `{"now":"2024-03-04T15:00:00Z","case":{"id":"1","status":"open","priority":"high","deployment":"cloud","offering":"commercial","business_impact":true,"last_updated_at":"2024-03-04T10:00:00Z","last_support_update_at":"2024-03-02T10:00:00Z"},"request":{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact"}}`
	if d := decideLine(t, escalation.DefaultSet(), line); codesOf(d) != "HIGH_PRIORITY_RECENTLY_UPDATED" {
		t.Errorf("anyone: got [%s], want HIGH_PRIORITY_RECENTLY_UPDATED", codesOf(d))
	}
	support := custom(t, func(c *escalation.Config) { c.P2CountsUpdatesBy = escalation.UpdatesBySupport })
	if d := decideLine(t, support, line); !d.Allowed {
		t.Errorf("support: got [%s], want allowed", codesOf(d))
	}
}

// TestSetWhoseLastVersionEnds: NextEligibleAt never names an instant with no
// version in force.
func TestSetWhoseLastVersionEnds(t *testing.T) {
	set := custom(t, func(c *escalation.Config) { c.Until = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) })
	d := decideLine(t, set, `{"now":"2024-12-31T15:00:00Z","case":{"id":"1","status":"open","priority":"high","deployment":"cloud","offering":"commercial","business_impact":true,"last_updated_at":"2024-12-31T12:00:00Z"},"request":{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact"}}`)
	if !d.NextEligibleAt.IsZero() || !d.Reasons.At(0).EligibleAt.IsZero() {
		t.Errorf("next eligible %v, reason eligible %v: want none (the set ends at 2025-01-01)", d.NextEligibleAt, d.Reasons.At(0).EligibleAt)
	}
}

// TestZeroSetIsAnErrorAboutTheSet: the zero Set is not "no version at now".
func TestZeroSetIsAnErrorAboutTheSet(t *testing.T) {
	_, err := escalation.Set{}.Evaluate(nil, escalation.Request{}, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	if !errors.Is(err, escalation.ErrEmptySet) || !errors.Is(err, escalation.ErrInvalidPolicy) {
		t.Errorf("zero Set: %v, want ErrEmptySet", err)
	}
}
