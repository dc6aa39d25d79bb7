package escalation_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/escalation/access"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
	"github.com/casepolicy/casepolicy/rca"
)

// TestOutcomeAllowed: exactly the four granting outcomes are allowed.
func TestOutcomeAllowed(t *testing.T) {
	want := map[escalation.Outcome]bool{
		escalation.EscalationCreated: true, escalation.EscalationCreatedAndCaseOwnerNotified: true,
		escalation.CaseOwnerNotified: true, escalation.EngageSupportManager: true,
		escalation.RedirectToFedRAMPPortal: false, escalation.Denied: false, 0: false, 99: false,
	}
	for o, allowed := range want {
		if o.Allowed() != allowed {
			t.Errorf("%v.Allowed() = %v, want %v", o, o.Allowed(), allowed)
		}
	}
}

func phoneUrgency(p priority.Level, o fedramp.Offering) (*escalation.Case, escalation.Request) {
	c := &escalation.Case{ID: "1", Status: escalation.Open, Priority: p, Deployment: escalation.Cloud, Offering: o,
		Assigned: true, LastUpdatedAt: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
	r := escalation.Request{Reason: escalation.ReasonUrgencyImpactChanged, Channel: escalation.Phone, Role: access.DesignatedContact, PIN: fedramp.FedRAMPPIN}
	return c, r
}

// TestP4AndU1Together: in a user's version with both P4 and U1, only the
// critical commercial phone call escapes U1 (P4's outcome wins); a
// non-critical or FedRAMP phone call still gets U1.
func TestP4AndU1Together(t *testing.T) {
	cfg := escalation.V2022().Config()
	cfg.Until, cfg.CriticalByPhone = time.Time{}, true
	both, err := escalation.NewPolicy(cfg)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		p       priority.Level
		o       fedramp.Offering
		policy  escalation.Policy
		outcome escalation.Outcome
		codes   string
	}{
		{"critical commercial call engages a manager, no U1", priority.Critical, fedramp.Commercial, both, escalation.EngageSupportManager, ""},
		{"high commercial call gets USE_PORTAL and U1", priority.High, fedramp.Commercial, both, escalation.Denied, "USE_PORTAL,NO_BUSINESS_IMPACT,URGENCY_CHANGE_BY_PHONE"},
		{"critical FedRAMP call gets USE_PORTAL and U1", priority.Critical, fedramp.FedRAMP, both, escalation.Denied, "USE_PORTAL,URGENCY_CHANGE_BY_PHONE"},
		{"under 2022 a critical commercial call gets USE_PORTAL and U1", priority.Critical, fedramp.Commercial, escalation.V2022(), escalation.Denied, "USE_PORTAL,URGENCY_CHANGE_BY_PHONE"},
		{"under 2022 a medium commercial call gets USE_PORTAL and U1", priority.Medium, fedramp.Commercial, escalation.V2022(), escalation.Denied, "USE_PORTAL,URGENCY_CHANGE_BY_PHONE"},
	} {
		c, r := phoneUrgency(tc.p, tc.o)
		d, err := tc.policy.Evaluate(c, r, now)
		if err != nil {
			t.Fatal(err)
		}
		got := codesOf(d)
		// P2's codes sort before P5's in clause order; compare as sets of the ones named.
		if d.Outcome != tc.outcome || !sameCodes(got, tc.codes) {
			t.Errorf("%s: got %v [%s], want %v [%s]", tc.name, d.Outcome, got, tc.outcome, tc.codes)
		}
	}
}

func sameCodes(a, b string) bool {
	as, bs := strings.Split(a, ","), strings.Split(b, ",")
	if len(as) != len(bs) {
		return false
	}
	m := map[string]int{}
	for _, x := range as {
		m[x]++
	}
	for _, x := range bs {
		m[x]--
	}
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return true
}

// TestZeroRequestFieldsWithACase: a request on a case must name its reason,
// channel and role; zero means unset, never a default.
func TestZeroRequestFieldsWithACase(t *testing.T) {
	c, _ := phoneUrgency(priority.Medium, fedramp.Commercial)
	_, err := escalation.DefaultSet().Evaluate(c, escalation.Request{}, time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC))
	var fields []string
	for _, p := range escalation.Problems(err) {
		fields = append(fields, p.Field)
	}
	if got := strings.Join(fields, ","); got != "request.reason,request.channel,request.role" {
		t.Errorf("problems %q, want request.reason, request.channel, request.role", got)
	}
}

// TestNewPolicyRefusesOneEmptyLabel: each portal's control needs a label.
func TestNewPolicyRefusesOneEmptyLabel(t *testing.T) {
	for _, change := range []func(*escalation.Config){
		func(c *escalation.Config) { c.CommercialLabel = "" },
		func(c *escalation.Config) { c.FedRAMPLabel = "" },
	} {
		cfg := escalation.V20240118().Config()
		change(&cfg)
		if _, err := escalation.NewPolicy(cfg); !errors.Is(err, escalation.ErrInvalidPolicy) || !strings.Contains(err.Error(), "empty control label") {
			t.Errorf("NewPolicy with one empty label: %v", err)
		}
	}
}

// TestEligibleAtAcrossThreeVersions: a reason that the next version still
// gives is cured by the first later version that drops it.
func TestEligibleAtAcrossThreeVersions(t *testing.T) {
	t1, t2 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	mk := func(name string, from, until time.Time, u escalation.UrgencyRule) escalation.Policy {
		cfg := escalation.V20240118().Config()
		cfg.Name, cfg.From, cfg.Until, cfg.Urgency = name, from, until, u
		p, err := escalation.NewPolicy(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	set, err := escalation.NewSet(mk("a", time.Time{}, t1, escalation.UrgencyNotGrounds), mk("b", t1, t2, escalation.UrgencyNotGrounds), mk("c", t2, time.Time{}, escalation.UrgencyEscalateAndNotify))
	if err != nil {
		t.Fatal(err)
	}
	c, r := phoneUrgency(priority.Medium, fedramp.Commercial)
	r.Channel, r.Portal = escalation.Portal, fedramp.CommercialPortal
	d, err := set.Evaluate(c, r, time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if d.Reasons.Len() != 1 || d.Reasons.At(0).Code != escalation.UrgencyChangeByPhone || !d.Reasons.At(0).EligibleAt.Equal(t2) || !d.NextEligibleAt.Equal(t2) {
		t.Errorf("got %+v next %v, want URGENCY_CHANGE_BY_PHONE eligible at %v (version c)", d.Reasons, d.NextEligibleAt, t2)
	}
}

// TestRCADueWithZeroDays: zero business days is the clock's start itself
// (R4: N = 0 returns t).
func TestRCADueWithZeroDays(t *testing.T) {
	sat := time.Date(2024, 7, 6, 10, 0, 0, 0, time.UTC) // a Saturday
	due, ok, err := rca.Analysis{RequestedAt: sat}.Due(escalationCalendar(), 0)
	if err != nil || !ok || !due.Equal(sat) {
		t.Errorf("Due(0 days) = %v, %v, %v; want %v", due, ok, err, sat)
	}
}

func escalationCalendar() calendar.Calendar { return escalation.V20240118().Config().Calendar }
