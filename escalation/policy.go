package escalation

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
)

// UrgencyRule is what a policy does with a request whose reason is a change in
// urgency or impact.
type UrgencyRule uint8

const (
	// UrgencyNotGrounds refuses it (U1, the 2022 policy): call the care team
	// to raise the priority instead.
	UrgencyNotGrounds UrgencyRule = iota + 1
	// UrgencyEscalateAndNotify creates the escalation and notifies the case
	// owner for review (U2, the 2024-01-18 policy).
	UrgencyEscalateAndNotify
)

// CaseUpdateRule is what a policy does with a case_update request.
type CaseUpdateRule uint8

const (
	// CaseUpdateEscalates treats it as an ordinary escalation (2022).
	CaseUpdateEscalates CaseUpdateRule = iota + 1
	// CaseUpdateNotifiesOwner notifies the case owner for review and creates
	// no escalation (C1, 2024-01-18).
	CaseUpdateNotifiesOwner
)

// Config holds the parameters of a policy version (V3). The built-in versions
// are Configs too; see V2022 and V20240118.
type Config struct {
	// Name names the version in decisions, such as "2024-01-18".
	Name string
	// From and Until bound when the version is in force in a Set: from From
	// (inclusive) until Until (exclusive). A zero From means since always, a
	// zero Until means from then on.
	From, Until time.Time
	// HighPriorityWait is how long after its last update a high-priority case
	// may be escalated (P2): elapsed time, 24 hours in the built-ins.
	HighPriorityWait time.Duration
	// CloudRCADays and PremiseRCADays are Product Support's RCA target in
	// business days (R2): 5 and 7 in the built-ins.
	CloudRCADays, PremiseRCADays int
	// Urgency and CaseUpdate choose the U and C rules.
	Urgency    UrgencyRule
	CaseUpdate CaseUpdateRule
	// CommercialLabel and FedRAMPLabel label the escalation control of each
	// portal (V2).
	CommercialLabel, FedRAMPLabel string
	// Calendar counts RCA business days for cases that name no calendar. The
	// zero Calendar means calendar.Default(): US holidays in UTC.
	Calendar calendar.Calendar
}

// Policy is a validated policy version. Build one with NewPolicy, or take a
// built-in. The zero Policy is not valid: evaluating with it is an error.
// A Policy is an immutable value, safe for concurrent use.
type Policy struct {
	cfg Config
}

// ErrInvalidPolicy is wrapped by the errors of NewPolicy and NewSet.
var ErrInvalidPolicy = errors.New("invalid policy")

// The instant the 2024-01-18 policy takes over from 2022 (V1).
var switch20240118 = time.Date(2024, time.January, 18, 0, 0, 0, 0, time.UTC)

// V2022 returns the policy of the earlier article (V1): in force before
// 2024-01-18T00:00:00Z in DefaultSet. An urgency change is not grounds (U1), a
// case update is an ordinary escalation, and both portals label the control
// "Escalate Case" (V2).
func V2022() Policy {
	return Policy{Config{
		Name: "2022", Until: switch20240118,
		HighPriorityWait: 24 * time.Hour, CloudRCADays: 5, PremiseRCADays: 7,
		Urgency: UrgencyNotGrounds, CaseUpdate: CaseUpdateEscalates,
		CommercialLabel: "Escalate Case", FedRAMPLabel: "Escalate Case",
		Calendar: calendar.Default(),
	}}
}

// V20240118 returns the policy of the later article (V1), in force from
// 2024-01-18T00:00:00Z in DefaultSet: an urgency change escalates and notifies
// the case owner (U2), a case update notifies the owner only (C1), and the
// commercial portal labels the control "Additional Help" (V2). The premise
// RCA target of 7 business days carries over from 2022 (R2).
func V20240118() Policy {
	return Policy{Config{
		Name: "2024-01-18", From: switch20240118,
		HighPriorityWait: 24 * time.Hour, CloudRCADays: 5, PremiseRCADays: 7,
		Urgency: UrgencyEscalateAndNotify, CaseUpdate: CaseUpdateNotifiesOwner,
		CommercialLabel: "Additional Help", FedRAMPLabel: "Escalate Case",
		Calendar: calendar.Default(),
	}}
}

// NewPolicy validates a Config once. Every problem is reported, each wrapping
// ErrInvalidPolicy.
func NewPolicy(c Config) (Policy, error) {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("policy %q: "+format+": %w", append([]any{c.Name}, append(args, ErrInvalidPolicy)...)...))
	}
	if c.Name == "" {
		bad("no name")
	}
	if !c.From.IsZero() && !c.Until.IsZero() && !c.From.Before(c.Until) {
		bad("From %s is not before Until %s", c.From.Format(time.RFC3339Nano), c.Until.Format(time.RFC3339Nano))
	}
	if c.HighPriorityWait < 0 {
		bad("negative HighPriorityWait %s", c.HighPriorityWait)
	}
	if c.CloudRCADays < 0 || c.PremiseRCADays < 0 {
		bad("negative RCA days (cloud %d, premise %d)", c.CloudRCADays, c.PremiseRCADays)
	}
	if c.Urgency != UrgencyNotGrounds && c.Urgency != UrgencyEscalateAndNotify {
		bad("unknown Urgency rule %d", c.Urgency)
	}
	if c.CaseUpdate != CaseUpdateEscalates && c.CaseUpdate != CaseUpdateNotifiesOwner {
		bad("unknown CaseUpdate rule %d", c.CaseUpdate)
	}
	if c.CommercialLabel == "" || c.FedRAMPLabel == "" {
		bad("empty control label")
	}
	if !c.Calendar.IsValid() {
		c.Calendar = calendar.Default()
	}
	if len(errs) > 0 {
		return Policy{}, errors.Join(errs...)
	}
	return Policy{c}, nil
}

// Config returns the policy's parameters.
func (p Policy) Config() Config { return p.cfg }

// Name returns the version's name.
func (p Policy) Name() string { return p.cfg.Name }

// IsValid reports whether p came from NewPolicy or a built-in.
func (p Policy) IsValid() bool { return p.cfg.Name != "" }

// Set is a sequence of policy versions, each in force from its From until its
// Until, with neither gaps nor overlaps. The zero Set has no versions.
// A Set is immutable and safe for concurrent use.
type Set struct {
	ps []Policy // sorted by From; unexported so it cannot change
}

// DefaultSet returns the two built-in versions: V2022 until
// 2024-01-18T00:00:00Z, V20240118 from then on.
func DefaultSet() Set { return Set{[]Policy{V2022(), V20240118()}} }

// NewSet checks that the versions tile time: sorted by From, each one's Until
// is the next one's From. Only the first may have a zero From (since always)
// and only the last a zero Until (from then on). Names must be unique. A gap
// or an overlap is an error wrapping ErrInvalidPolicy.
func NewSet(ps ...Policy) (Set, error) {
	if len(ps) == 0 {
		return Set{}, fmt.Errorf("empty set: %w", ErrInvalidPolicy)
	}
	sorted := slices.Clone(ps)
	slices.SortStableFunc(sorted, func(a, b Policy) int { return a.cfg.From.Compare(b.cfg.From) })
	var errs []error
	seen := map[string]bool{}
	for i, p := range sorted {
		if !p.IsValid() {
			errs = append(errs, fmt.Errorf("policy %d is the zero Policy: %w", i, ErrInvalidPolicy))
			continue
		}
		if seen[p.cfg.Name] {
			errs = append(errs, fmt.Errorf("policy %q appears twice: %w", p.cfg.Name, ErrInvalidPolicy))
		}
		seen[p.cfg.Name] = true
		if i > 0 && p.cfg.From.IsZero() {
			errs = append(errs, fmt.Errorf("policies %q and %q are both in force since always: %w", sorted[0].cfg.Name, p.cfg.Name, ErrInvalidPolicy))
		}
		if i == len(sorted)-1 {
			continue
		}
		next := sorted[i+1].cfg
		switch u := p.cfg.Until; {
		case u.IsZero() || u.After(next.From):
			errs = append(errs, fmt.Errorf("policies %q and %q overlap: %w", p.cfg.Name, next.Name, ErrInvalidPolicy))
		case u.Before(next.From):
			errs = append(errs, fmt.Errorf("gap between policies %q (until %s) and %q (from %s): %w", p.cfg.Name, u.Format(time.RFC3339Nano), next.Name, next.From.Format(time.RFC3339Nano), ErrInvalidPolicy))
		}
	}
	if len(errs) > 0 {
		return Set{}, errors.Join(errs...)
	}
	return Set{sorted}, nil
}

// Policies returns the set's versions in effective order.
func (s Set) Policies() []Policy { return slices.Clone(s.ps) }

// index returns the version in force at now, by binary search on From, or -1.
func (s Set) index(now time.Time) int {
	lo, hi := 0, len(s.ps)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if f := s.ps[mid].cfg.From; f.IsZero() || !f.After(now) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	i := lo - 1
	if i < 0 {
		return -1
	}
	if u := s.ps[i].cfg.Until; !u.IsZero() && !now.Before(u) {
		return -1
	}
	return i
}

// At returns the version in force at now (V1).
func (s Set) At(now time.Time) (Policy, bool) {
	i := s.index(now)
	if i < 0 {
		return Policy{}, false
	}
	return s.ps[i], true
}

// Lookup returns the version called name.
func (s Set) Lookup(name string) (Policy, bool) {
	for _, p := range s.ps {
		if p.cfg.Name == name {
			return p, true
		}
	}
	return Policy{}, false
}
