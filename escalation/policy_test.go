package escalation_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
	"github.com/casepolicy/casepolicy/rca"
)

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func TestV1BuiltInVersionsSwitchAt20240118(t *testing.T) {
	set := escalation.DefaultSet()
	sw := utc(2024, 1, 18, 0, 0)
	tests := []struct {
		name string
		at   time.Time
		want string
	}{
		{"V1 long before the switch is 2022", utc(2019, 5, 1, 0, 0), "2022"},
		{"V1 one nanosecond before the switch is 2022", sw.Add(-time.Nanosecond), "2022"},
		{"V1 the switch instant itself is 2024-01-18", sw, "2024-01-18"},
		{"V1 the same instant in New York is still the switch", sw.In(time.FixedZone("EST", -5*3600)), "2024-01-18"},
		{"V1 far after the switch is 2024-01-18", utc(2030, 1, 1, 0, 0), "2024-01-18"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := set.At(tt.at)
			if !ok || p.Name() != tt.want {
				t.Errorf("At(%v) = %q, %v; want %q", tt.at, p.Name(), ok, tt.want)
			}
		})
	}
	if _, ok := set.Lookup("2023"); ok {
		t.Error("Lookup(2023) found a version")
	}
	if p, ok := set.Lookup("2022"); !ok || p.Config().Until != sw {
		t.Errorf("Lookup(2022) = %+v, %v", p.Config(), ok)
	}
}

func TestNewPolicyRejectsEveryBadParameter(t *testing.T) {
	_, err := escalation.NewPolicy(escalation.Config{
		From: utc(2025, 1, 1, 0, 0), Until: utc(2024, 1, 1, 0, 0),
		HighPriorityWait: -time.Hour, CloudRCADays: -1,
	})
	if !errors.Is(err, escalation.ErrInvalidPolicy) {
		t.Fatalf("NewPolicy error %v does not wrap ErrInvalidPolicy", err)
	}
	for _, want := range []string{"no name", "not before Until", "negative HighPriorityWait", "negative RCA days", "unknown Urgency", "unknown CaseUpdate", "empty control label"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("NewPolicy error does not report %q:\n%v", want, err)
		}
	}
	var zero escalation.Policy
	if zero.IsValid() {
		t.Error("the zero Policy is valid")
	}
	if _, err := zero.Evaluate(nil, escalation.Request{}, utc(2024, 1, 1, 0, 0)); err == nil {
		t.Error("evaluating with the zero Policy is not an error")
	}
}

func TestNewSet(t *testing.T) {
	mk := func(name string, from, until time.Time) escalation.Policy {
		cfg := escalation.V20240118().Config()
		cfg.Name, cfg.From, cfg.Until = name, from, until
		p, err := escalation.NewPolicy(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	a, b, c := utc(2020, 1, 1, 0, 0), utc(2022, 1, 1, 0, 0), utc(2024, 1, 1, 0, 0)
	tests := []struct {
		name    string
		ps      []escalation.Policy
		wantErr string
	}{
		{"policies that tile time, given out of order", []escalation.Policy{mk("late", b, time.Time{}), mk("early", time.Time{}, b)}, ""},
		{"a set may start at a date", []escalation.Policy{mk("only", a, time.Time{})}, ""},
		{"a gap is an error", []escalation.Policy{mk("x", time.Time{}, a), mk("y", b, time.Time{})}, "gap between"},
		{"an overlap is an error", []escalation.Policy{mk("x", time.Time{}, c), mk("y", b, time.Time{})}, "overlap"},
		{"an open-ended version followed by another overlaps", []escalation.Policy{mk("x", a, time.Time{}), mk("y", b, time.Time{})}, "overlap"},
		{"two versions since always", []escalation.Policy{mk("x", time.Time{}, a), mk("y", time.Time{}, b)}, "since always"},
		{"a name twice", []escalation.Policy{mk("x", time.Time{}, a), mk("x", a, time.Time{})}, "twice"},
		{"an empty set", nil, "empty set"},
		{"the zero Policy", []escalation.Policy{{}}, "zero Policy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := escalation.NewSet(tt.ps...)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("NewSet: %v", err)
				}
				return
			}
			if !errors.Is(err, escalation.ErrInvalidPolicy) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("NewSet error = %v, want one wrapping ErrInvalidPolicy that mentions %q", err, tt.wantErr)
			}
		})
	}

	set, err := escalation.NewSet(mk("only", a, time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	c1 := &escalation.Case{ID: "1", Status: escalation.Open, Priority: priority.Medium, Deployment: escalation.Cloud, Offering: fedramp.Commercial, LastUpdatedAt: utc(2019, 1, 1, 0, 0)}
	_, err = set.Evaluate(c1, benchRequest, utc(2019, 6, 1, 0, 0))
	if p := escalation.Problems(err); len(p) != 1 || p[0].Field != "now" {
		t.Errorf("Evaluate before the set's first version: error %v, want one problem on now", err)
	}
}

// TestV3UserPolicy builds a policy from the same parts with other waits,
// other RCA days, other labels and another calendar.
func TestV3UserPolicy(t *testing.T) {
	gb, err := calendar.Named("GB", "Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	cfg := escalation.V20240118().Config()
	cfg.Name = "house"
	cfg.HighPriorityWait = 48 * time.Hour
	cfg.CloudRCADays = 2
	cfg.CommercialLabel = "Get Help"
	cfg.Calendar = gb
	p, err := escalation.NewPolicy(cfg)
	if err != nil {
		t.Fatal(err)
	}

	high := &escalation.Case{ID: "1", Status: escalation.Open, Priority: priority.High, Deployment: escalation.Cloud,
		Offering: fedramp.Commercial, BusinessImpact: true, LastUpdatedAt: utc(2024, 3, 4, 10, 0)}
	d, err := p.Evaluate(high, benchRequest, utc(2024, 3, 5, 11, 0)) // 25 hours later
	if err != nil {
		t.Fatal(err)
	}
	if d.Allowed || d.Policy != "house" || d.Control.Label != "Get Help" {
		t.Errorf("48-hour policy at 25 hours: %+v", d)
	}
	if want := utc(2024, 3, 6, 10, 0); !d.NextEligibleAt.Equal(want) {
		t.Errorf("NextEligibleAt = %v, want %v (48 hours)", d.NextEligibleAt, want)
	}

	// RCA on the policy's GB calendar: Good Friday and Easter Monday 2024
	// are skipped, so 2 business days after Thu 28 Mar is Wed 3 Apr, at the
	// same London wall-clock time: 09:00 GMT then, 09:00 BST (08:00 UTC) now.
	rcaCase := &escalation.Case{ID: "2", Status: escalation.Open, Priority: priority.Medium, Deployment: escalation.Cloud,
		Offering: fedramp.Commercial, LastUpdatedAt: utc(2024, 3, 28, 9, 0), RCA: rca.Analysis{RequestedAt: utc(2024, 3, 28, 9, 0)}}
	r := benchRequest
	r.Reason = escalation.ReasonRCA
	d, err = p.Evaluate(rcaCase, r, utc(2024, 3, 29, 9, 0))
	if err != nil {
		t.Fatal(err)
	}
	if want := utc(2024, 4, 3, 8, 0); !d.NextEligibleAt.Equal(want) {
		t.Errorf("RCA on the GB calendar: NextEligibleAt = %v, want %v", d.NextEligibleAt, want)
	}
	// A case naming its own calendar wins over the policy's.
	rcaCase.Calendar = calendar.Default()
	d, _ = p.Evaluate(rcaCase, r, utc(2024, 3, 29, 9, 0))
	if want := utc(2024, 4, 1, 9, 0); !d.NextEligibleAt.Equal(want) {
		t.Errorf("RCA on the case's US calendar: NextEligibleAt = %v, want %v", d.NextEligibleAt, want)
	}
}

// TestV1SetWithStricterLaterVersion: when a later version is stricter, the
// next eligible instant stays in the earlier version's period.
func TestV1SetWithStricterLaterVersion(t *testing.T) {
	sw := utc(2024, 3, 5, 0, 0)
	lenient := escalation.V20240118().Config()
	lenient.Name, lenient.From, lenient.Until = "lenient", time.Time{}, sw
	strict := escalation.V20240118().Config()
	strict.Name, strict.From, strict.HighPriorityWait = "strict", sw, 72*time.Hour
	p1, _ := escalation.NewPolicy(lenient)
	p2, _ := escalation.NewPolicy(strict)
	set, err := escalation.NewSet(p1, p2)
	if err != nil {
		t.Fatal(err)
	}
	high := &escalation.Case{ID: "1", Status: escalation.Open, Priority: priority.High, Deployment: escalation.Cloud,
		Offering: fedramp.Commercial, BusinessImpact: true, LastUpdatedAt: utc(2024, 3, 3, 10, 0)}
	// At 20:00 on 3 Mar, 24 hours would be 10:00 on 4 Mar, inside "lenient".
	d, err := set.Evaluate(high, benchRequest, utc(2024, 3, 3, 20, 0))
	if err != nil {
		t.Fatal(err)
	}
	if want := utc(2024, 3, 4, 10, 0); !d.NextEligibleAt.Equal(want) {
		t.Errorf("NextEligibleAt = %v, want %v", d.NextEligibleAt, want)
	}
	// Updated at 10:00 on 4 Mar: 24 hours fall after the switch, where the
	// wait is 72 hours.
	high.LastUpdatedAt = utc(2024, 3, 4, 10, 0)
	d, _ = set.Evaluate(high, benchRequest, utc(2024, 3, 4, 20, 0))
	if want := utc(2024, 3, 7, 10, 0); !d.NextEligibleAt.Equal(want) || d.Reasons.At(0).EligibleAt != want {
		t.Errorf("across a stricter switch: NextEligibleAt = %v, reason at %v, want %v", d.NextEligibleAt, d.Reasons.At(0).EligibleAt, want)
	}
	d, _ = set.Evaluate(high, benchRequest, utc(2024, 3, 7, 10, 0).Add(-time.Nanosecond))
	if d.Allowed {
		t.Error("allowed a nanosecond before the next eligible instant")
	}
}

// A switch taken from the clock (with a monotonic reading) is the wall-clock
// instant: the later version is in force from it, to the nanosecond, for a
// now with or without a monotonic reading.
func TestSetSwitchWithMonotonicReading(t *testing.T) {
	sw := time.Now() // has a monotonic reading
	first := escalation.V20240118().Config()
	first.Name, first.From, first.Until = "first", time.Time{}, sw
	second := escalation.V20240118().Config()
	second.Name, second.From = "second", sw
	p1, _ := escalation.NewPolicy(first)
	p2, _ := escalation.NewPolicy(second)
	set, err := escalation.NewSet(p1, p2)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		now  time.Time
		want string
	}{
		{sw.Round(0), "second"},
		{sw, "second"},
		{sw.Add(-time.Nanosecond).Round(0), "first"},
		{sw.Add(-time.Nanosecond), "first"},
		{sw.UTC().Add(time.Hour), "second"},
	} {
		if p, ok := set.At(tc.now); !ok || p.Name() != tc.want {
			t.Errorf("At(%v) = %q, want %q", tc.now, p.Name(), tc.want)
		}
		d, err := set.Evaluate(nil, escalation.Request{}, tc.now)
		if err != nil || d.Policy != tc.want {
			t.Errorf("Evaluate at %v decided under %q (%v), want %q", tc.now, d.Policy, err, tc.want)
		}
	}
	if got := p2.Config().From; got != sw.Round(0) {
		t.Errorf("Config().From = %v, want the instant without its monotonic reading", got)
	}
}

// TestZeroValuesAreMissingNotDefaults: a Go caller who leaves the offering,
// the portal or the role unset gets an error naming the field, never a
// commercial case, the commercial portal or a read-only requester.
func TestZeroValuesAreMissingNotDefaults(t *testing.T) {
	now := utc(2024, 7, 5, 12, 0)
	c := &escalation.Case{ID: "1", Status: escalation.Open, Priority: priority.Medium, Deployment: escalation.Cloud,
		Offering: fedramp.Commercial, LastUpdatedAt: utc(2024, 7, 5, 8, 0)}
	tests := []struct {
		name  string
		c     func(escalation.Case) escalation.Case
		r     func(escalation.Request) escalation.Request
		field string
	}{
		{"unset offering", func(c escalation.Case) escalation.Case { c.Offering = 0; return c }, nil, "case.offering"},
		{"unset portal on a portal request", nil, func(r escalation.Request) escalation.Request { r.Portal = 0; return r }, "request.portal"},
		{"unset role", nil, func(r escalation.Request) escalation.Request { r.Role = 0; return r }, "request.role"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cc, r := *c, benchRequest
			if tt.c != nil {
				cc = tt.c(cc)
			}
			if tt.r != nil {
				r = tt.r(r)
			}
			_, err := escalation.DefaultSet().Evaluate(&cc, r, now)
			p := escalation.Problems(err)
			if len(p) != 1 || p[0].Field != tt.field {
				t.Errorf("Evaluate with %s: error %v, want one problem on %s", tt.name, err, tt.field)
			}
		})
	}
	// A phone request needs no portal.
	r := benchRequest
	r.Channel, r.Portal = escalation.Phone, 0
	if _, err := escalation.DefaultSet().Evaluate(c, r, now); err != nil {
		t.Errorf("a phone request without a portal: %v", err)
	}
}
