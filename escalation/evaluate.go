package escalation

import (
	"strconv"
	"sync"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/escalation/access"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/internal/enum"
	"github.com/casepolicy/casepolicy/priority"
)

// Outcome is what an evaluated request leads to. The first four are allowed.
// The zero Outcome is not valid.
type Outcome uint8

// The outcomes of a decision.
const (
	EscalationCreated                     Outcome = iota + 1 // an escalation is created
	EscalationCreatedAndCaseOwnerNotified                    // U2: created, and the case owner reviews the change
	CaseOwnerNotified                                        // C1: the case owner is notified; no escalation
	EngageSupportManager                                     // P4: a critical commercial call engages a Product Support Manager
	RedirectToFedRAMPPortal                                  // F1: resubmit in the FedRAMP portal; the commercial case is closed
	Denied                                                   // refused, with reasons
)

var outcomeNames = enum.Names{Type: "Outcome", Kind: "outcome", Names: []string{"",
	"escalation_created", "escalation_created_and_case_owner_notified", "case_owner_notified",
	"engage_support_manager", "redirect_to_fedramp_portal", "denied"}}

// IsValid reports whether o is a defined outcome.
func (o Outcome) IsValid() bool { return o >= EscalationCreated && o <= Denied }

// Allowed reports whether the outcome grants the request.
func (o Outcome) Allowed() bool { return o >= EscalationCreated && o <= EngageSupportManager }

// String returns the outcome's text form, such as "escalation_created".
func (o Outcome) String() string { return outcomeNames.String(uint8(o)) }

// MarshalText implements encoding.TextMarshaler.
func (o Outcome) MarshalText() ([]byte, error) { return outcomeNames.Marshal(uint8(o)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (o *Outcome) UnmarshalText(text []byte) error {
	v, err := ParseOutcome(string(text))
	if err == nil {
		*o = v
	}
	return err
}

// ParseOutcome returns the outcome whose text form is s.
func ParseOutcome(s string) (Outcome, error) {
	v, err := outcomeNames.Parse(s)
	return Outcome(v), err
}

// Control is the escalation control of the portal that serves the case's
// offering (V2), whatever channel the request came on. The zero Control
// (empty Label) stands for "no control": there is no case.
type Control struct {
	Label string // "Escalate Case" or "Additional Help" in the built-ins
	// Enabled is false for a closed case (G2), an active escalation (G5) and
	// a low-priority case (P1).
	Enabled bool
	// Explanation is the message of the first of those, in clause order; ""
	// when enabled.
	Explanation string
}

// Decision is the answer to one request.
type Decision struct {
	// Allowed reports whether the request is granted; Outcome says what
	// happens.
	Allowed bool
	Outcome Outcome
	// Policy names the version applied (V1).
	Policy string
	// Reasons lists every criterion that fails, each code once, in clause
	// order; empty when allowed.
	Reasons Reasons
	// Warnings (G4, G7) never refuse; they carry no remedy and no eligible
	// instant.
	Warnings Warnings
	// NextEligibleAt is the earliest instant at or after the request's now at
	// which the same request on the same snapshot is allowed: now itself when
	// allowed, the zero time when waiting alone can never make it allowed.
	// Evaluating at it gives allowed; one nanosecond earlier does not.
	NextEligibleAt time.Time
	// Control is the portal's escalation control; zero when there is no case.
	Control Control
}

// Next returns NextEligibleAt and whether there is one.
func (d Decision) Next() (time.Time, bool) { return d.NextEligibleAt, !d.NextEligibleAt.IsZero() }

// Has reports whether the decision lists the code among its reasons or
// warnings.
func (d Decision) Has(c Code) bool { return d.Reasons.Has(c) || d.Warnings.Has(c) }

// finding is a failing criterion found by check: its code and, when time
// alone fixes it under the policy checked, the instant it stops failing.
type finding struct {
	code     Code
	eligible time.Time
}

// maxFindings bounds the reasons one check can find (every refusal code).
const maxFindings = int(UnseenUpdate) - 1

type findings struct {
	n    int
	code [maxFindings]Code
	// at[k] is 1 + the index in eligible of finding k's instant, 0 for
	// none: only P2's wait and R2's target have one, so the set stays small
	// to clear.
	at       [maxFindings]uint8
	ne       int
	eligible [2]time.Time
}

func (fs *findings) add(c Code, eligible time.Time) {
	fs.code[fs.n], fs.at[fs.n] = c, 0
	if !eligible.IsZero() {
		fs.eligible[fs.ne] = eligible
		fs.ne++
		fs.at[fs.n] = uint8(fs.ne)
	}
	fs.n++
}

// get returns finding k.
func (fs *findings) get(k int) finding {
	f := finding{code: fs.code[k]}
	if a := fs.at[k]; a > 0 {
		f.eligible = fs.eligible[a-1]
	}
	return f
}

func (fs *findings) has(c Code) bool {
	for _, fc := range fs.code[:fs.n] {
		if fc == c {
			return true
		}
	}
	return false
}

// rcaDays returns the policy's RCA target for a deployment (R2).
func (p *Policy) rcaDays(d Deployment) int {
	if d == Premise {
		return p.cfg.PremiseRCADays
	}
	return p.cfg.CloudRCADays
}

// criticalRule reports whether P4 governs the case under p: a critical
// commercial case under a version with P4 (V4).
func (p *Policy) criticalRule(c *Case) bool {
	return p.cfg.CriticalByPhone && c.Priority == priority.Critical && c.Offering == fedramp.Commercial
}

// criticalByPhone reports whether the request is the critical commercial
// phone call of P4, which is accepted whatever its reason.
func (p *Policy) criticalByPhone(c *Case, r *Request) bool {
	return p.criticalRule(c) && r.Channel == Phone
}

// p2Since returns the update P2's wait counts from under p.
func (p *Policy) p2Since(c *Case) time.Time {
	if p.cfg.P2CountsUpdatesBy == UpdatesBySupport && !c.LastSupportUpdateAt.IsZero() {
		return c.LastSupportUpdateAt
	}
	return c.LastUpdatedAt
}

// p2WaitEnd returns the instant P2's wait ends under p, on cal when the wait
// is counted in business time.
func (p *Policy) p2WaitEnd(c *Case, merged *calendar.Calendar) (time.Time, error) {
	since := p.p2Since(c)
	if p.cfg.HighPriorityWaitClock == WaitBusiness {
		return businessWaitEnd(p.caseCalendar(c, merged), since, p.cfg.HighPriorityWait)
	}
	return since.Add(p.cfg.HighPriorityWait), nil
}

// rcaDue returns the R2 target instant under p: the RCA clock starts at the
// request, or at the later of the request and service restoration when the
// version says so (V4).
func (p *Policy) rcaDue(c *Case, merged *calendar.Calendar) (time.Time, bool, error) {
	a := c.RCA
	if !p.cfg.RCAClockFromRestoration {
		a.ServiceRestoredAt = time.Time{}
	}
	return a.Due(p.caseCalendar(c, merged), p.rcaDays(c.Deployment))
}

// judge is check on the case's calendar under p (mergedCalendar). Only a
// calendar merged from the policy's and the case's is built before the
// checks (it can fail); the others are picked when a rule needs one.
func (p *Policy) judge(c *Case, r *Request, at time.Time, out *findings) error {
	if p.calRules && c != nil && c.Calendar.IsValid() && c.Calendar.HolidaysName() != "" {
		cal, err := p.mergedCalendar(c)
		if err != nil {
			return err
		}
		return p.check(c, r, &cal, at, out)
	}
	return p.check(c, r, nil, at, out)
}

// caseCalendar returns merged when there is one, else the calendar of a
// case that needs no merging: its own, or the policy's.
func (p *Policy) caseCalendar(c *Case, merged *calendar.Calendar) calendar.Calendar {
	switch {
	case merged != nil:
		return *merged
	case c == nil || !c.Calendar.IsValid():
		return p.cfg.Calendar
	}
	return c.Calendar
}

// check appends to out every criterion of docs/POLICY.md that fails for the
// request at instant at under policy p, in clause order. The case's calendar
// is merged, or when nil the one caseCalendar picks. It never allocates; its
// only error is an RCA due date outside the calendar's years.
func (p *Policy) check(c *Case, r *Request, merged *calendar.Calendar, at time.Time, out *findings) error {
	var none time.Time
	if c == nil {
		out.add(NoCase, none) // G1, and nothing else can be judged
		return nil
	}
	fed := c.Offering == fedramp.FedRAMP
	byPhone := p.criticalByPhone(c, r)

	if c.Status == Closed { // G2
		out.add(CaseClosed, none)
	}
	if c.AwaitingCustomer { // G3
		out.add(AwaitingCustomer, none)
	}
	for k := range c.Escalations { // G5
		if e := &c.Escalations[k]; e.ClosedAt.IsZero() && !e.OpenedAt.After(at) { // ActiveAt, without a copy
			out.add(ActiveEscalation, none)
			break
		}
	}
	if !access.Allowed(r.Role, access.Escalate) { // G6, A1
		out.add(NotDesignatedContact, none)
	}
	switch c.Priority {
	case priority.Low: // P1
		out.add(LowPriority, none)
	case priority.High: // P2, not for RCA requests (interpretation)
		if r.Reason != ReasonRCA {
			if p.cfg.HighPriorityWaitClock != WaitBusiness {
				// Elapsed time: the end of the wait is built only when it
				// has not come, as at has no monotonic reading.
				since := p.p2Since(c)
				if instantOf(at).before(addInstant(since, p.cfg.HighPriorityWait)) {
					out.add(HighPriorityRecentlyUpdated, since.Add(p.cfg.HighPriorityWait))
				}
			} else if wait, err := p.p2WaitEnd(c, merged); err != nil {
				return &FieldError{Field: "case.last_updated_at", Problem: "the end of the wait falls outside the calendar's years"}
			} else if at.Before(wait) {
				out.add(HighPriorityRecentlyUpdated, wait)
			}
			if !c.BusinessImpact {
				out.add(NoBusinessImpact, none)
			}
		}
	}
	viaPortal := r.Channel == Portal || r.Channel == MobileApp
	switch {
	case p.criticalRule(c): // P4
		if r.Channel != Phone {
			out.add(CriticalUsePhone, none)
		}
	case fed && r.Channel == MobileApp:
		// F2 is the only channel reason the mobile app gets for a FedRAMP case.
	case !viaPortal: // P5; a critical FedRAMP case too (P4 interpretation)
		out.add(UsePortal, none)
	}
	if r.Reason == ReasonRCA {
		switch due, ok, err := p.rcaDue(c, merged); {
		case err != nil:
			return &FieldError{Field: "case.rca.requested_at", Problem: "the RCA target falls outside the calendar's years"}
		case !ok: // R1
			out.add(RCANotRequested, none)
		case at.Before(due): // R2
			out.add(RCAAnalysisPeriod, due)
		}
	}
	if r.Reason == ReasonUrgencyImpactChanged && p.cfg.Urgency == UrgencyNotGrounds && !byPhone { // U1
		out.add(UrgencyChangeByPhone, none)
	}
	if viaPortal { // F1, F2
		// Only the code is read: copying the whole Routing stalled on
		// store forwarding (about 5 ns a decision).
		var code string
		if r.Channel == Portal {
			code = fedramp.Route(c.Offering, r.Portal).Code
		} else {
			code = fedramp.RouteMobileApp(c.Offering).Code
		}
		switch code {
		case "":
		case fedramp.CodeWrongPortal:
			out.add(FedRAMPWrongPortal, none)
		case fedramp.CodeCommercialWrongPortal:
			out.add(CommercialWrongPortal, none)
		case fedramp.CodeMobileApp:
			out.add(FedRAMPMobileApp, none)
		}
	}
	if fed && r.Channel == Phone && !fedramp.VerifyPhone(c.Offering, r.PIN).OK { // F3
		out.add(FedRAMPPINRequired, none)
	}
	if fed && p.cfg.FedRAMPAfterAssignment && !fedramp.EscalationReady(c.Assigned).OK { // F9
		out.add(FedRAMPUnassigned, none)
	}
	return nil
}

// warnings returns the warnings a request carries (G4, G7): static for a
// snapshot, so they do not depend on the instant.
func warnings(c *Case, r *Request) (unseen, external bool) {
	if c == nil {
		return false, false
	}
	unseen = !r.LastViewedAt.IsZero() && c.LastUpdatedAt.After(r.LastViewedAt)
	return unseen, len(c.Engaged) > 0
}

// outcome returns what an allowed request leads to under p.
func (p *Policy) outcome(c *Case, r *Request) Outcome {
	switch {
	case p.criticalByPhone(c, r): // P4 wins over U2 and C1
		return EngageSupportManager
	case r.Reason == ReasonUrgencyImpactChanged && p.cfg.Urgency == UrgencyEscalateAndNotify: // U2
		return EscalationCreatedAndCaseOwnerNotified
	case r.Reason == ReasonCaseUpdate && p.cfg.CaseUpdate == CaseUpdateNotifiesOwner: // C1
		return CaseOwnerNotified
	}
	return EscalationCreated
}

// control writes the portal control for the case under p (V2) into *ctl,
// field by field (building a Control and copying it costs a stall).
func (p *Policy) control(ctl *Control, c *Case, fs *findings) {
	if c == nil {
		ctl.Label, ctl.Enabled, ctl.Explanation = "", false, ""
		return
	}
	ctl.Label, ctl.Enabled, ctl.Explanation = p.cfg.CommercialLabel, true, ""
	if c.Offering == fedramp.FedRAMP {
		ctl.Label = p.cfg.FedRAMPLabel
	}
	for _, fc := range fs.code[:fs.n] {
		if fc == CaseClosed || fc == ActiveEscalation || fc == LowPriority {
			ctl.Enabled, ctl.Explanation = false, codes[fc].message
			break
		}
	}
}

// mergedCalendar returns the calendar a case's RCA (and a business-time P2
// wait) is counted on under p when p's calendar has rules of its own
// (p.calRules) and the case names its own holidays: those holidays in the
// case's zone with the policy's weekend, closures and working hours
// (docs/CONTRACT.md). Merging builds the calendar's tables, so the result is
// remembered for the next case naming the same holidays and zone.
func (p *Policy) mergedCalendar(c *Case) (calendar.Calendar, error) {
	key := mergeKey{c.Calendar.HolidaysName(), c.Calendar.Location().String()}
	if cal, ok := p.merged.get(key); ok {
		return cal, nil
	}
	merged, err := p.cfg.Calendar.WithHolidays(c.Calendar.HolidaysName())
	if err == nil {
		merged, err = merged.In(c.Calendar.Location())
	}
	if err != nil {
		return calendar.Calendar{}, &FieldError{Field: "case.calendar", Problem: "cannot combine with the policy's calendar"}
	}
	p.merged.put(key, merged)
	return merged, nil
}

// mergeKey names a case's own holidays and zone.
type mergeKey struct{ holidays, zone string }

// maxMerged bounds the calendars a Policy remembers: each holds its own
// tables (about a megabyte), and the names come from the input.
const maxMerged = 32

// mergedCalendars remembers the calendars built by mergedCalendar. It is only
// a memo of pure results: safe for concurrent use, and a Policy with or
// without it decides the same.
type mergedCalendars struct {
	mu sync.Mutex
	m  map[mergeKey]calendar.Calendar
}

func (mc *mergedCalendars) get(k mergeKey) (calendar.Calendar, bool) {
	mc.mu.Lock()
	defer mc.mu.Unlock()
	cal, ok := mc.m[k]
	return cal, ok
}

func (mc *mergedCalendars) put(k mergeKey, cal calendar.Calendar) {
	mc.mu.Lock()
	defer mc.mu.Unlock()
	if mc.m == nil {
		mc.m = make(map[mergeKey]calendar.Calendar)
	}
	if len(mc.m) < maxMerged {
		mc.m[k] = cal
	}
}

// Evaluate decides the request under the version in force at now (V1). When
// waiting for a later version would fix a reason, that reason's EligibleAt and
// the decision's NextEligibleAt account for the switch. A nil case is G1.
//
// Invalid input is an error joining *FieldError values (see Problems); a
// refusal is a Decision, never an error. Deciding allocates nothing, allowed
// or denied: a Decision holds its reasons in itself (see Reasons).
//
// Instants are compared by the wall clock, as the policy states them: a
// monotonic clock reading in now (from time.Now) is dropped.
func (s Set) Evaluate(c *Case, r Request, now time.Time) (d Decision, err error) {
	if err = s.EvaluateTo(&d, c, r, now); err != nil {
		return Decision{}, err
	}
	return d, nil
}

// EvaluateTo is Evaluate writing the decision into *d, which it overwrites
// whole, instead of returning it: a caller deciding many requests in a loop
// keeps one Decision and saves copying it. On error *d is the zero Decision.
func (s Set) EvaluateTo(d *Decision, c *Case, r Request, now time.Time) error {
	now = now.Round(0) // instants are compared by the wall clock
	if err := validate(c, &r, now); err != nil {
		d.reset()
		return err
	}
	if len(s.ps) == 0 {
		d.reset()
		return ErrEmptySet
	}
	i := s.index(now)
	if i < 0 {
		d.reset()
		return &FieldError{Field: "now", Problem: "no policy version is in force"}
	}
	return decide(d, &s.ps[i], s.ps, i, true, c, &r, now)
}

// Evaluate decides the request under p alone, whatever the date: the caller
// pinned the version, so no switch of versions is considered.
func (p Policy) Evaluate(c *Case, r Request, now time.Time) (d Decision, err error) {
	if err = p.EvaluateTo(&d, c, r, now); err != nil {
		return Decision{}, err
	}
	return d, nil
}

// EvaluateTo is Policy.Evaluate writing into *d, as Set.EvaluateTo does.
func (p *Policy) EvaluateTo(d *Decision, c *Case, r Request, now time.Time) error {
	if !p.IsValid() {
		d.reset()
		return &FieldError{Field: "policy", Problem: "the zero Policy"}
	}
	now = now.Round(0) // instants are compared by the wall clock
	if err := validate(c, &r, now); err != nil {
		d.reset()
		return err
	}
	return decide(d, p, nil, 0, false, c, &r, now)
}

// reset makes d the zero Decision.
func (d *Decision) reset() { *d = Decision{} }

// decide evaluates under p into *d. With bounded, p is ps[i] of a Set whose
// later versions take over at their From; without, p applies forever (and ps
// is not read).
func decide(d *Decision, p *Policy, ps []Policy, i int, bounded bool, c *Case, r *Request, now time.Time) error {
	var cur findings
	if err := p.judge(c, r, now, &cur); err != nil {
		d.reset()
		return err
	}
	unseen, external := warnings(c, r)
	*d = Decision{}
	d.Policy = p.cfg.Name
	p.control(&d.Control, c, &cur)
	if cur.n == 0 {
		d.Allowed, d.Outcome, d.NextEligibleAt = true, p.outcome(c, r), now.UTC()
	} else {
		d.Allowed, d.Outcome = false, Denied
		if cur.has(FedRAMPWrongPortal) {
			d.Outcome = RedirectToFedRAMPPortal // F1, whatever else fails
		}
		for k := range cur.n {
			f := cur.get(k)
			e, err := eligibleAt(ps, i, bounded, c, r, f)
			if err != nil {
				d.reset()
				return err
			}
			d.Reasons.add(f.code, e) // read back in UTC
		}
		next, err := nextEligible(ps, i, bounded, c, r, now, &cur)
		if err != nil {
			d.reset()
			return err
		}
		d.NextEligibleAt = next.UTC()
	}
	if unseen {
		d.Warnings.codes |= 1 << UnseenUpdate
	}
	if external {
		d.Warnings.codes |= 1 << ExternalEngagement
	}
	d.Reasons.text, d.Warnings.text = p.msg, p.msg
	return nil
}

// until returns when ps[j] stops being in force (zero: never).
func until(ps []Policy, j int, bounded bool) time.Time {
	if !bounded {
		return time.Time{}
	}
	return ps[j].cfg.Until // zero for a last version without an end
}

// within reports whether instant e comes before the end u (zero: no end).
func within(e, u time.Time) bool { return u.IsZero() || e.Before(u) }

// eligibleAt returns when finding f, found under ps[i], stops failing if only
// time passes: its own instant within ps[i]'s period, or else the first later
// version that drops it or fixes it in its own period (V1).
func eligibleAt(ps []Policy, i int, bounded bool, c *Case, r *Request, f finding) (time.Time, error) {
	if !f.eligible.IsZero() && within(f.eligible, until(ps, i, bounded)) {
		return f.eligible, nil
	}
	if !bounded {
		return f.eligible, nil
	}
	for j := i + 1; j < len(ps); j++ {
		start := ps[j].cfg.From
		var later findings
		if err := ps[j].judge(c, r, start, &later); err != nil {
			return time.Time{}, err
		}
		k := -1
		for n, gc := range later.code[:later.n] {
			if gc == f.code {
				k = n
				break
			}
		}
		if k < 0 {
			return start, nil
		}
		if e := later.get(k).eligible; !e.IsZero() && within(e, until(ps, j, bounded)) {
			return e, nil
		}
	}
	return time.Time{}, nil
}

// nextEligible returns the earliest instant at or after now at which the
// request is allowed: within each version's period from now on, the latest
// of its failing criteria's instants, if every one of them has one.
func nextEligible(ps []Policy, i int, bounded bool, c *Case, r *Request, now time.Time, cur *findings) (time.Time, error) {
	if t, ok := curedAt(cur, now, until(ps, i, bounded)); ok {
		return t, nil
	}
	for j := i + 1; bounded && j < len(ps); j++ {
		start := ps[j].cfg.From
		var later findings
		if err := ps[j].judge(c, r, start, &later); err != nil {
			return time.Time{}, err
		}
		if t, ok := curedAt(&later, start, until(ps, j, bounded)); ok {
			return t, nil
		}
	}
	return time.Time{}, nil
}

// curedAt returns the instant, from start on and before end (zero: no end),
// at which every finding has passed its eligible instant; ok is false when
// one has none or the instant is not before end.
func curedAt(fs *findings, start, end time.Time) (time.Time, bool) {
	t := start
	for k := range fs.n {
		f := fs.get(k)
		if f.eligible.IsZero() {
			return time.Time{}, false
		}
		if f.eligible.After(t) {
			t = f.eligible
		}
	}
	return t, within(t, end)
}

// validate reports every problem of a case and request that makes the
// input senseless (docs/CONTRACT.md): missing or unknown values, times after now,
// an escalation closed before it opened, a FedRAMP case outside us-east-2.
// It allocates nothing when the input is valid.
func validate(c *Case, r *Request, now time.Time) error {
	var ps problems
	noNow := now.IsZero()
	if noNow {
		ps.add("now", "missing")
	}
	// after reports whether t is after now (never when now is missing); the
	// zero time, an absent optional field, is compared once. Instants are
	// compared by the wall clock (now has no monotonic reading), inline.
	nowAt := instantOf(now)
	zeroAfter := !noNow && nowAt.before(instantOf(time.Time{}))
	after := func(t time.Time) bool {
		switch {
		case t.IsZero():
			return zeroAfter
		case noNow:
			return false
		}
		return nowAt.before(instantOf(t))
	}
	if c != nil {
		if c.ID == "" {
			ps.add("case.id", "missing")
		}
		if !c.Status.IsValid() {
			ps.add("case.status", "missing or unknown value")
		}
		if !c.Priority.IsValid() {
			ps.add("case.priority", "missing or unknown value")
		}
		if !c.Deployment.IsValid() {
			ps.add("case.deployment", "missing or unknown value")
		}
		if c.Offering != fedramp.Commercial && c.Offering != fedramp.FedRAMP {
			ps.add("case.offering", "missing or unknown value")
		}
		if c.Product != 0 && !c.Product.IsValid() {
			ps.add("case.product", "unknown value")
		}
		if c.Offering == fedramp.FedRAMP && !fedramp.RegionAllowed(c.Region) {
			ps.add("case.region", "a FedRAMP case is hosted in "+fedramp.Region+" (F7)")
		}
		if c.LastUpdatedAt.IsZero() {
			ps.add("case.last_updated_at", "missing")
		}
		if after(c.OpenedAt) {
			ps.add("case.opened_at", "after now")
		}
		if after(c.LastUpdatedAt) {
			ps.add("case.last_updated_at", "after now")
		}
		if after(c.LastSupportUpdateAt) {
			ps.add("case.last_support_update_at", "after now")
		}
		for k, e := range c.Engaged {
			if !e.IsValid() {
				ps.add(indexPath("case.engaged[", k, "]"), "unknown value")
			}
		}
		for k := range c.Escalations {
			e := &c.Escalations[k]
			if e.OpenedAt.IsZero() {
				ps.add(indexPath("case.escalations[", k, "].opened_at"), "missing")
			}
			if after(e.OpenedAt) {
				ps.add(indexPath("case.escalations[", k, "].opened_at"), "after now")
			}
			if !e.ClosedAt.IsZero() {
				if after(e.ClosedAt) {
					ps.add(indexPath("case.escalations[", k, "].closed_at"), "after now")
				} else if e.ClosedAt.Before(e.OpenedAt) {
					ps.add(indexPath("case.escalations[", k, "].closed_at"), "closed before it opened")
				}
			}
		}
		if after(c.RCA.RequestedAt) {
			ps.add("case.rca.requested_at", "after now")
		}
		if after(c.RCA.ServiceRestoredAt) {
			ps.add("case.rca.service_restored_at", "after now")
		}
	}
	// A request without a case needs none of its fields (G1); values that
	// are given must still be known.
	if !r.Reason.IsValid() && (c != nil || r.Reason != 0) {
		ps.add("request.reason", "missing or unknown value")
	}
	if !r.Channel.IsValid() && (c != nil || r.Channel != 0) {
		ps.add("request.channel", "missing or unknown value")
	}
	if validPortal := r.Portal == fedramp.CommercialPortal || r.Portal == fedramp.FedRAMPPortal; !validPortal && (r.Channel == Portal && c != nil || r.Portal != 0) {
		ps.add("request.portal", "missing or unknown value: a portal request names its portal")
	}
	if validRole := r.Role == access.ReadOnly || r.Role == access.DesignatedContact; !validRole && (c != nil || r.Role != 0) {
		ps.add("request.role", "missing or unknown value")
	}
	if r.PIN > fedramp.FedRAMPPIN {
		ps.add("request.pin", "unknown value")
	}
	if after(r.LastViewedAt) {
		ps.add("request.last_viewed_at", "after now")
	}
	return ps.err()
}

// indexPath returns prefix + k + suffix, built only when a problem is
// reported.
func indexPath(prefix string, k int, suffix string) string {
	return prefix + strconv.Itoa(k) + suffix
}
