package escalation

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/internal/oneline"
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

// FeedRule says which escalated cases have an escalation feed (F10, M4).
// The zero FeedRule is unset, which NewPolicy refuses.
type FeedRule uint8

const (
	// FeedEveryCase: every escalated case has an escalation feed (2022).
	FeedEveryCase FeedRule = iota + 1
	// FeedCommercialOnly: only commercial cases have one (F10, 2024-01-18).
	FeedCommercialOnly
)

// WaitClock says how P2's wait is counted. The zero WaitClock is unset,
// which means WaitElapsed (the built-ins' choice).
type WaitClock uint8

const (
	// WaitElapsed counts the wait in elapsed time: Add(24*time.Hour).
	WaitElapsed WaitClock = iota + 1
	// WaitBusiness counts it in business time of the version's calendar
	// and working hours (calendar.Calendar.AddBusinessTime).
	WaitBusiness
)

// Updater says whose updates of a case restart P2's wait. The zero Updater
// is unset, which means UpdatesByAnyone (the built-ins' choice: the articles
// do not distinguish).
type Updater uint8

const (
	// UpdatesByAnyone: every update restarts the wait (Case.LastUpdatedAt).
	UpdatesByAnyone Updater = iota + 1
	// UpdatesBySupport: only Product Support's updates restart it
	// (Case.LastSupportUpdateAt, or LastUpdatedAt when that is zero).
	UpdatesBySupport
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

	// The switches of V4: rules only the later article has. On in
	// V20240118, off in V2022.

	// CriticalByPhone turns on P4: a critical commercial case escalates by
	// phone only (engage_support_manager). Off, a critical case is judged
	// like a medium one.
	CriticalByPhone bool
	// FedRAMPAfterAssignment turns on F9: a FedRAMP case escalates once
	// assigned (FEDRAMP_UNASSIGNED before).
	FedRAMPAfterAssignment bool
	// RCAClockFromRestoration starts R2's clock at the later of the RCA
	// request and the restoration of service; off, at the request.
	RCAClockFromRestoration bool
	// EscalationFeed says which cases have an escalation feed (F10).
	// Required.
	EscalationFeed FeedRule

	// Optional parameters; their zero values are the built-ins' choices.

	// HighPriorityWaitClock counts P2's wait in elapsed or business time.
	HighPriorityWaitClock WaitClock
	// P2CountsUpdatesBy says whose updates restart P2's wait.
	P2CountsUpdatesBy Updater

	shown docFields // optional document fields given, so they print back
}

// Policy is a validated policy version. Build one with NewPolicy, or take a
// built-in. The zero Policy is not valid: evaluating with it is an error.
// A Policy is an immutable value, safe for concurrent use.
type Policy struct {
	cfg Config
	msg *messages // texts rendered from cfg's numbers once
	// calRules: the default calendar has a weekend, closures or working
	// hours of its own, which a case's own calendar keeps.
	calRules bool
	merged   *mergedCalendars // with calRules: the case calendars merged so far
	// from and until are cfg's period as Unix seconds and nanoseconds, for
	// finding the version in force without time.Time's methods: a zero From
	// is the earliest instant there is, a zero Until the latest.
	from, until instant
}

// ErrInvalidPolicy is wrapped by the errors of NewPolicy and NewSet.
var ErrInvalidPolicy = errors.New("invalid policy")

// The instant the 2024-01-18 policy takes over from 2022 (V1).
var switch20240118 = time.Date(2024, time.January, 18, 0, 0, 0, 0, time.UTC)

// V2022 returns the policy of the earlier article (V1): in force before
// 2024-01-18T00:00:00Z in DefaultSet. An urgency change is not grounds (U1), a
// case update is an ordinary escalation, and both portals label the control
// "Escalate Case" (V2). The four rules only the later article has are off
// (V4): no P4 (a critical case is judged like a medium one), no F9, the R2
// clock starts at the RCA request, and every escalated case has an
// escalation feed (F10).
func V2022() Policy { return v2022 }

var v2022 = Config{
	Name: "2022", Until: switch20240118,
	HighPriorityWait: 24 * time.Hour, CloudRCADays: 5, PremiseRCADays: 7,
	Urgency: UrgencyNotGrounds, CaseUpdate: CaseUpdateEscalates,
	CommercialLabel: "Escalate Case", FedRAMPLabel: "Escalate Case",
	Calendar:       calendar.Default(),
	EscalationFeed: FeedEveryCase,
	shown:          builtinShown,
}.text()

// V20240118 returns the policy of the later article (V1), in force from
// 2024-01-18T00:00:00Z in DefaultSet: an urgency change escalates and notifies
// the case owner (U2), a case update notifies the owner only (C1), and the
// commercial portal labels the control "Additional Help" (V2). The premise
// RCA target of 7 business days carries over from 2022 (R2). P4, F9, the R2
// clock from restoration and F10 are on (V4).
func V20240118() Policy { return v20240118 }

var v20240118 = Config{
	Name: "2024-01-18", From: switch20240118,
	HighPriorityWait: 24 * time.Hour, CloudRCADays: 5, PremiseRCADays: 7,
	Urgency: UrgencyEscalateAndNotify, CaseUpdate: CaseUpdateNotifiesOwner,
	CommercialLabel: "Additional Help", FedRAMPLabel: "Escalate Case",
	Calendar:        calendar.Default(),
	CriticalByPhone: true, FedRAMPAfterAssignment: true, RCAClockFromRestoration: true,
	EscalationFeed: FeedCommercialOnly,
	shown:          builtinShown,
}.text()

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
	if c.EscalationFeed != FeedEveryCase && c.EscalationFeed != FeedCommercialOnly {
		bad("EscalationFeed unset or unknown")
	}
	if c.HighPriorityWaitClock > WaitBusiness {
		bad("unknown HighPriorityWaitClock")
	}
	if c.P2CountsUpdatesBy > UpdatesBySupport {
		bad("unknown P2CountsUpdatesBy")
	}
	if !c.Calendar.IsValid() {
		c.Calendar = calendar.Default()
	}
	if len(errs) > 0 {
		return Policy{}, oneline.Join(errs...)
	}
	return c.text(), nil
}

// text returns the policy of c with its messages rendered.
func (c Config) text() Policy {
	// The period is wall-clock instants: a monotonic reading (a From taken
	// from time.Now) is dropped, so that the version in force is found by
	// comparing seconds and nanoseconds (Set.index).
	c.From, c.Until = c.From.Round(0), c.Until.Round(0)
	r := c.Calendar.Rules()
	p := Policy{cfg: c, msg: render(c), calRules: r.Weekend != nil || len(r.Closures) > 0 || r.WorkHours != nil,
		from: instant{math.MinInt64, 0}, until: instant{math.MaxInt64, 0}}
	if !c.From.IsZero() {
		p.from = instantOf(c.From)
	}
	if !c.Until.IsZero() {
		p.until = instantOf(c.Until)
	}
	if p.calRules {
		p.merged = new(mergedCalendars)
	}
	return p
}

// HasEscalationFeed reports whether an escalated case of the offering has an
// escalation feed under p (F10, M4). An unknown offering fails closed, as a
// FedRAMP one.
func (p Policy) HasEscalationFeed(o fedramp.Offering) bool {
	return o == fedramp.Commercial || p.cfg.EscalationFeed == FeedEveryCase
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

// ErrEmptySet is returned, wrapping ErrInvalidPolicy, when a decision is
// asked of the zero Set, which has no versions.
var ErrEmptySet = fmt.Errorf("the set has no policy versions: %w", ErrInvalidPolicy)

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
		return Set{}, oneline.Join(errs...)
	}
	return Set{sorted}, nil
}

// Policies returns the set's versions in effective order.
func (s Set) Policies() []Policy { return slices.Clone(s.ps) }

// index returns the version in force at now, by binary search on From, or -1.
func (s Set) index(now time.Time) int {
	t := instantOf(now)
	lo, hi := 0, len(s.ps)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if !t.before(s.ps[mid].from) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	i := lo - 1
	if i < 0 || !t.before(s.ps[i].until) {
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
