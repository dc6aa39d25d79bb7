package escalation_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/escalation/access"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
	"github.com/casepolicy/casepolicy/rca"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// The clause each code cites, copied from docs/CONTRACT.md's table (not from the
// package), so a wrong Clause() shows up as a diff.
var contractClause = map[escalation.Code]string{
	escalation.NoCase:                      "G1",
	escalation.CaseClosed:                  "G2",
	escalation.AwaitingCustomer:            "G3",
	escalation.ActiveEscalation:            "G5",
	escalation.NotDesignatedContact:        "G6",
	escalation.LowPriority:                 "P1",
	escalation.HighPriorityRecentlyUpdated: "P2",
	escalation.NoBusinessImpact:            "P2",
	escalation.CriticalUsePhone:            "P4",
	escalation.UsePortal:                   "P5",
	escalation.RCANotRequested:             "R1",
	escalation.RCAAnalysisPeriod:           "R2",
	escalation.UrgencyChangeByPhone:        "U1",
	escalation.FedRAMPWrongPortal:          "F1",
	escalation.CommercialWrongPortal:       "F1",
	escalation.FedRAMPMobileApp:            "F2",
	escalation.FedRAMPPINRequired:          "F3",
	escalation.FedRAMPUnassigned:           "F9",
	escalation.UnseenUpdate:                "G4",
	escalation.ExternalEngagement:          "G7",
}

// switchAt is the V1 switch from 2022 to 2024-01-18.
var switchAt = time.Date(2024, time.January, 18, 0, 0, 0, 0, time.UTC)

// ts parses an RFC 3339 instant of a table row.
func rfc(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// kase is the public samples' case: open, medium, cloud, commercial,
// assigned, last updated 2024-07-05T08:00:00Z; mods change it.
func kase(mods ...func(*escalation.Case)) *escalation.Case {
	c := &escalation.Case{
		ID: "00500001", Status: escalation.Open, Priority: priority.Medium,
		Deployment: escalation.Cloud, Offering: fedramp.Commercial, Assigned: true,
		LastUpdatedAt: rfc("2024-07-05T08:00:00Z"),
	}
	for _, m := range mods {
		m(c)
	}
	return c
}

// fedCase is a FedRAMP case in us-east-2, otherwise kase.
func fedCase(mods ...func(*escalation.Case)) *escalation.Case {
	return kase(append([]func(*escalation.Case){func(c *escalation.Case) {
		c.Offering, c.Region = fedramp.FedRAMP, "us-east-2"
	}}, mods...)...)
}

func prio(l priority.Level) func(*escalation.Case) {
	return func(c *escalation.Case) { c.Priority = l }
}

func updated(s string) func(*escalation.Case) {
	return func(c *escalation.Case) { c.LastUpdatedAt = rfc(s) }
}

func impact(c *escalation.Case) { c.BusinessImpact = true }

func mustCalendar(name, zone string) calendar.Calendar {
	c, err := calendar.Named(name, zone)
	if err != nil {
		panic(err)
	}
	return c
}

// req is the public samples' request: other, commercial portal, designated
// contact; mods change it.
func reqOf(mods ...func(*escalation.Request)) escalation.Request {
	r := escalation.Request{Reason: escalation.ReasonOther, Channel: escalation.Portal,
		Portal: fedramp.CommercialPortal, Role: access.DesignatedContact}
	for _, m := range mods {
		m(&r)
	}
	return r
}

func reason(rs escalation.RequestReason) func(*escalation.Request) {
	return func(r *escalation.Request) { r.Reason = rs }
}

func via(ch escalation.Channel) func(*escalation.Request) {
	return func(r *escalation.Request) {
		r.Channel = ch
		if ch != escalation.Portal {
			r.Portal = 0
		}
	}
}

func fedPortal(r *escalation.Request) { r.Channel, r.Portal = escalation.Portal, fedramp.FedRAMPPortal }

func pin(p fedramp.PIN) func(*escalation.Request) {
	return func(r *escalation.Request) { r.PIN = p }
}

// rs builds the wanted reasons: codes, each with its contract clause and no
// eligible instant. Use el for one with an instant.
func rs(items ...any) escalation.Reasons {
	out := []escalation.Reason{}
	for _, it := range items {
		switch v := it.(type) {
		case escalation.Code:
			out = append(out, escalation.Reason{Code: v, Clause: contractClause[v]})
		case escalation.Reason:
			out = append(out, v)
		default:
			panic(fmt.Sprintf("rs: %T", it))
		}
	}
	return mustReasons(out...)
}

// mustWarnings is escalation.MakeWarnings for a table.
func mustWarnings(list ...escalation.Reason) escalation.Warnings {
	w, err := escalation.MakeWarnings(list...)
	if err != nil {
		panic(err)
	}
	return w
}

// mustReasons is escalation.MakeReasons for a table that lists reasons in
// clause order, as a decision does.
func mustReasons(list ...escalation.Reason) escalation.Reasons {
	r, err := escalation.MakeReasons(list...)
	if err != nil {
		panic(err)
	}
	return r
}

// el is a wanted reason with its eligible instant.
func el(c escalation.Code, at string) escalation.Reason {
	return escalation.Reason{Code: c, Clause: contractClause[c], EligibleAt: rfc(at)}
}

// ctl is a wanted control. A disabled one names the code whose message must
// be its explanation: check compares the explanation with that reason's
// message in the decision.
func ctl(label string, disabledBy ...escalation.Code) escalation.Control {
	if len(disabledBy) == 0 {
		return escalation.Control{Label: label, Enabled: true}
	}
	return escalation.Control{Label: label, Explanation: "=" + disabledBy[0].String()}
}

const (
	addHelp  = "Additional Help"
	escalate = "Escalate Case"
)

// allowed is a wanted allowed decision at now.
func allowed(o escalation.Outcome, policy, now, label string, warnings ...escalation.Code) escalation.Decision {
	w := []escalation.Reason{}
	for _, c := range warnings {
		w = append(w, escalation.Reason{Code: c, Clause: contractClause[c]})
	}
	return escalation.Decision{Allowed: true, Outcome: o, Policy: policy,
		Warnings: mustWarnings(w...), NextEligibleAt: rfc(now), Control: ctl(label)}
}

// denied is a wanted refusal; next is "" when waiting never helps.
func denied(policy, next string, control escalation.Control, reasons escalation.Reasons, warnings ...escalation.Code) escalation.Decision {
	w := []escalation.Reason{}
	for _, c := range warnings {
		w = append(w, escalation.Reason{Code: c, Clause: contractClause[c]})
	}
	d := escalation.Decision{Outcome: escalation.Denied, Policy: policy, Reasons: reasons, Warnings: mustWarnings(w...), Control: control}
	if next != "" {
		d.NextEligibleAt = rfc(next)
	}
	return d
}

func redirected(d escalation.Decision) escalation.Decision {
	d.Outcome = escalation.RedirectToFedRAMPPortal
	return d
}

// decisionOpts compare whole decisions, wording aside.
var decisionOpts = cmp.Options{
	cmp.Transformer("Slice", escalation.Reasons.Slice),
	cmp.Transformer("Slice", escalation.Warnings.Slice),
	cmpopts.IgnoreFields(escalation.Reason{}, "Message", "Remedy"),
	cmpopts.EquateEmpty(),
}

// clauseRow is one row of a clause table: the snapshot, the request, the
// instant, an optional pinned version ("" follows now), the whole decision.
type clauseRow struct {
	name   string
	policy string
	now    string
	c      *escalation.Case
	r      escalation.Request
	want   escalation.Decision
}

func (r clauseRow) String() string {
	in := escalation.Input{Now: rfc(r.now), Policy: r.policy, Case: r.c, Request: r.r}
	b, err := in.MarshalJSON()
	if err != nil {
		return fmt.Sprintf("%+v", in)
	}
	return string(b)
}

func evaluate(t *testing.T, policy string, c *escalation.Case, r escalation.Request, now time.Time) (escalation.Decision, error) {
	t.Helper()
	set := escalation.DefaultSet()
	if policy == "" {
		return set.Evaluate(c, r, now)
	}
	p, ok := set.Lookup(policy)
	if !ok {
		t.Fatalf("no policy %q", policy)
	}
	return p.Evaluate(c, r, now)
}

// normaliseExplanation replaces a disabled control's explanation by "=CODE"
// when it is exactly the message of that reason of the decision, so the
// table can say which criterion's explanation it wants.
func normaliseExplanation(d escalation.Decision) escalation.Decision {
	if d.Control.Explanation == "" {
		return d
	}
	for _, r := range d.Reasons.All() {
		if r.Message == d.Control.Explanation {
			d.Control.Explanation = "=" + r.Code.String()
			return d
		}
	}
	return d
}

func runClauseTable(t *testing.T, rows []clauseRow) {
	t.Helper()
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			got, err := evaluate(t, row.policy, row.c, row.r, rfc(row.now))
			if err != nil {
				t.Fatalf("Evaluate(%v): unexpected error %v", row, err)
			}
			got = normaliseExplanation(got)
			if diff := cmp.Diff(row.want, got, decisionOpts); diff != "" {
				t.Errorf("Evaluate(%v) mismatch (-want +got):\n%s", row, diff)
			}
		})
	}
}

const (
	now0 = "2024-07-05T12:00:00Z"
	p24  = "2024-01-18"
	p22  = "2022"
)

func TestG(t *testing.T) {
	E := escalation.EscalationCreated
	runClauseTable(t, []clauseRow{
		{name: "G1 a request with no case is refused with NO_CASE alone and no control",
			now: now0, c: nil, r: reqOf(),
			want: escalation.Decision{Outcome: escalation.Denied, Policy: p24, Reasons: rs(escalation.NoCase)}},
		{name: "G1 a request with no case needs no request fields",
			now: now0, c: nil, r: escalation.Request{},
			want: escalation.Decision{Outcome: escalation.Denied, Policy: p24, Reasons: rs(escalation.NoCase)}},
		{name: "G1 under 2022 names 2022",
			now: "2023-05-01T00:00:00Z", c: nil, r: reqOf(),
			want: escalation.Decision{Outcome: escalation.Denied, Policy: p22, Reasons: rs(escalation.NoCase)}},
		{name: "G2 a closed case is refused and its control disabled",
			now: now0, c: kase(func(c *escalation.Case) { c.Status = escalation.Closed }), r: reqOf(),
			want: denied(p24, "", ctl(addHelp, escalation.CaseClosed), rs(escalation.CaseClosed))},
		{name: "G3 a case awaiting the customer is refused, control enabled",
			now: now0, c: kase(func(c *escalation.Case) { c.AwaitingCustomer = true }), r: reqOf(),
			want: denied(p24, "", ctl(addHelp), rs(escalation.AwaitingCustomer))},
		{name: "G4 an update after the last view is a warning, not a refusal",
			now: now0, c: kase(), r: reqOf(func(r *escalation.Request) { r.LastViewedAt = rfc("2024-07-05T07:59:59.999999999Z") }),
			want: allowed(E, p24, now0, addHelp, escalation.UnseenUpdate)},
		{name: "G4 viewed exactly at the last update gives no warning",
			now: now0, c: kase(), r: reqOf(func(r *escalation.Request) { r.LastViewedAt = rfc("2024-07-05T08:00:00Z") }),
			want: allowed(E, p24, now0, addHelp)},
		{name: "G4 viewed at the last update in another zone gives no warning",
			now: now0, c: kase(), r: reqOf(func(r *escalation.Request) { r.LastViewedAt = rfc("2024-07-05T04:00:00-04:00") }),
			want: allowed(E, p24, now0, addHelp)},
		{name: "G4 without last_viewed_at there is no warning",
			now: now0, c: kase(updated("2024-07-05T11:59:59Z")), r: reqOf(),
			want: allowed(E, p24, now0, addHelp)},
		{name: "G4 the warning is carried by a refusal too",
			now: now0, c: kase(prio(priority.Low)), r: reqOf(func(r *escalation.Request) { r.LastViewedAt = rfc("2024-07-05T07:00:00Z") }),
			want: denied(p24, "", ctl(addHelp, escalation.LowPriority), rs(escalation.LowPriority), escalation.UnseenUpdate)},
		{name: "G5 an active escalation refuses a new one and disables the control",
			now: now0, c: kase(func(c *escalation.Case) {
				c.Escalations = []escalation.Escalation{{ID: "E-1", OpenedAt: rfc("2024-07-01T00:00:00Z")}}
			}), r: reqOf(),
			want: denied(p24, "", ctl(addHelp, escalation.ActiveEscalation), rs(escalation.ActiveEscalation))},
		{name: "G5 an escalation opened exactly at now is active",
			now: now0, c: kase(func(c *escalation.Case) {
				c.Escalations = []escalation.Escalation{{OpenedAt: rfc(now0)}}
			}), r: reqOf(),
			want: denied(p24, "", ctl(addHelp, escalation.ActiveEscalation), rs(escalation.ActiveEscalation))},
		{name: "G5 closed escalations over time do not block a new one",
			now: now0, c: kase(func(c *escalation.Case) {
				c.Escalations = []escalation.Escalation{
					{ID: "E-1", OpenedAt: rfc("2024-05-01T00:00:00Z"), ClosedAt: rfc("2024-05-02T00:00:00Z")},
					{ID: "E-2", OpenedAt: rfc("2024-06-01T00:00:00Z"), ClosedAt: rfc(now0)},
				}
			}), r: reqOf(),
			want: allowed(E, p24, now0, addHelp)},
		{name: "G5 one active escalation among closed ones refuses",
			now: now0, c: kase(func(c *escalation.Case) {
				c.Escalations = []escalation.Escalation{
					{ID: "E-1", OpenedAt: rfc("2024-05-01T00:00:00Z"), ClosedAt: rfc("2024-05-02T00:00:00Z")},
					{ID: "E-2", OpenedAt: rfc("2024-06-01T00:00:00Z")},
					{ID: "E-3", OpenedAt: rfc("2024-04-01T00:00:00Z"), ClosedAt: rfc("2024-04-02T00:00:00Z")},
				}
			}), r: reqOf(),
			want: denied(p24, "", ctl(addHelp, escalation.ActiveEscalation), rs(escalation.ActiveEscalation))},
		{name: "G6 a read-only user cannot escalate",
			now: now0, c: kase(), r: reqOf(func(r *escalation.Request) { r.Role = access.ReadOnly }),
			want: denied(p24, "", ctl(addHelp), rs(escalation.NotDesignatedContact))},
		{name: "G7 engaged Development is a warning, not a refusal",
			now: now0, c: kase(func(c *escalation.Case) { c.Engaged = []escalation.Engagement{escalation.Development} }), r: reqOf(),
			want: allowed(E, p24, now0, addHelp, escalation.ExternalEngagement)},
		{name: "G7 several engaged parties give one warning",
			now: now0, c: kase(func(c *escalation.Case) {
				c.Engaged = []escalation.Engagement{escalation.ThirdParty, escalation.CloudOperations, escalation.Development}
			}), r: reqOf(),
			want: allowed(E, p24, now0, addHelp, escalation.ExternalEngagement)},
		{name: "G4 and G7 warnings come in clause order",
			now: now0, c: kase(func(c *escalation.Case) { c.Engaged = []escalation.Engagement{escalation.CloudOperations} }),
			r:    reqOf(func(r *escalation.Request) { r.LastViewedAt = rfc("2024-07-01T00:00:00Z") }),
			want: allowed(E, p24, now0, addHelp, escalation.UnseenUpdate, escalation.ExternalEngagement)},
		{name: "control disabled for G2, G5 and P1 explains G2 first",
			now: now0, c: kase(prio(priority.Low), func(c *escalation.Case) {
				c.Status = escalation.Closed
				c.Escalations = []escalation.Escalation{{OpenedAt: rfc("2024-07-01T00:00:00Z")}}
			}), r: reqOf(),
			want: denied(p24, "", ctl(addHelp, escalation.CaseClosed),
				rs(escalation.CaseClosed, escalation.ActiveEscalation, escalation.LowPriority))},
		{name: "control disabled for G5 and P1 explains G5",
			now: now0, c: kase(prio(priority.Low), func(c *escalation.Case) {
				c.AwaitingCustomer = true
				c.Escalations = []escalation.Escalation{{OpenedAt: rfc("2024-07-01T00:00:00Z")}}
			}), r: reqOf(),
			want: denied(p24, "", ctl(addHelp, escalation.ActiveEscalation),
				rs(escalation.AwaitingCustomer, escalation.ActiveEscalation, escalation.LowPriority))},
		{name: "control ignores the channel: a closed case by phone still disables it",
			now: now0, c: kase(func(c *escalation.Case) { c.Status = escalation.Closed }), r: reqOf(via(escalation.Email)),
			want: denied(p24, "", ctl(addHelp, escalation.CaseClosed), rs(escalation.CaseClosed, escalation.UsePortal))},
		{name: "every G criterion failing at once is listed in clause order",
			now: now0, c: kase(prio(priority.Low), func(c *escalation.Case) {
				c.Status = escalation.Closed
				c.AwaitingCustomer = true
				c.Escalations = []escalation.Escalation{{OpenedAt: rfc("2024-07-01T00:00:00Z")}}
				c.Engaged = []escalation.Engagement{escalation.ThirdParty}
			}), r: reqOf(via(escalation.Chat), reason(escalation.ReasonRCA), func(r *escalation.Request) {
				r.Role = access.ReadOnly
				r.LastViewedAt = rfc("2024-07-05T07:00:00Z")
			}),
			want: denied(p24, "", ctl(addHelp, escalation.CaseClosed),
				rs(escalation.CaseClosed, escalation.AwaitingCustomer, escalation.ActiveEscalation,
					escalation.NotDesignatedContact, escalation.LowPriority, escalation.UsePortal, escalation.RCANotRequested),
				escalation.UnseenUpdate, escalation.ExternalEngagement)},
	})
}

func TestP(t *testing.T) {
	E := escalation.EscalationCreated
	ny := mustCalendar("US", "America/New_York")
	runClauseTable(t, []clauseRow{
		{name: "P1 a low-priority case is refused and the control disabled",
			now: now0, c: kase(prio(priority.Low)), r: reqOf(),
			want: denied(p24, "", ctl(addHelp, escalation.LowPriority), rs(escalation.LowPriority))},
		{name: "P1 low priority by phone is also sent to the portal",
			now: now0, c: kase(prio(priority.Low)), r: reqOf(via(escalation.Phone)),
			want: denied(p24, "", ctl(addHelp, escalation.LowPriority), rs(escalation.LowPriority, escalation.UsePortal))},
		{name: "P2 high updated 4 hours ago waits until 24 hours after the update",
			now: now0, c: kase(prio(priority.High), impact), r: reqOf(reason(escalation.ReasonNoRecentUpdate)),
			want: denied(p24, "2024-07-06T08:00:00Z", ctl(addHelp),
				rs(el(escalation.HighPriorityRecentlyUpdated, "2024-07-06T08:00:00Z")))},
		{name: "P2 one nanosecond before 24 hours is still refused",
			now: "2024-07-06T07:59:59.999999999Z", c: kase(prio(priority.High), impact), r: reqOf(),
			want: denied(p24, "2024-07-06T08:00:00Z", ctl(addHelp),
				rs(el(escalation.HighPriorityRecentlyUpdated, "2024-07-06T08:00:00Z")))},
		{name: "P2 exactly 24 hours after the last update is allowed",
			now: "2024-07-06T08:00:00Z", c: kase(prio(priority.High), impact), r: reqOf(),
			want: allowed(E, p24, "2024-07-06T08:00:00Z", addHelp)},
		{name: "P2 counts nanoseconds of the last update",
			now: "2024-07-06T08:00:00.000000001Z", c: kase(prio(priority.High), impact, updated("2024-07-05T08:00:00.000000002Z")), r: reqOf(),
			want: denied(p24, "2024-07-06T08:00:00.000000002Z", ctl(addHelp),
				rs(el(escalation.HighPriorityRecentlyUpdated, "2024-07-06T08:00:00.000000002Z")))},
		{name: "P2 is elapsed time across the spring DST change in the case's zone",
			// 12:00 EST Saturday + 24 h is 13:00 EDT Sunday (17:00Z), not 12:00 EDT (16:00Z).
			now: "2024-03-10T16:00:00Z", c: kase(prio(priority.High), impact, updated("2024-03-09T17:00:00Z"),
				func(c *escalation.Case) { c.Calendar = ny }), r: reqOf(),
			want: denied(p24, "2024-03-10T17:00:00Z", ctl(addHelp),
				rs(el(escalation.HighPriorityRecentlyUpdated, "2024-03-10T17:00:00Z")))},
		{name: "P2 across the spring DST change is allowed exactly 24 elapsed hours later",
			now: "2024-03-10T13:00:00-04:00", c: kase(prio(priority.High), impact, updated("2024-03-09T12:00:00-05:00"),
				func(c *escalation.Case) { c.Calendar = ny }), r: reqOf(),
			want: allowed(E, p24, "2024-03-10T17:00:00Z", addHelp)},
		{name: "P2 is elapsed time across the autumn DST change in the case's zone",
			now: "2024-11-03T15:30:00Z", c: kase(prio(priority.High), impact, updated("2024-11-02T16:00:00Z"),
				func(c *escalation.Case) { c.Calendar = ny }), r: reqOf(),
			want: denied(p24, "2024-11-03T16:00:00Z", ctl(addHelp),
				rs(el(escalation.HighPriorityRecentlyUpdated, "2024-11-03T16:00:00Z")))},
		{name: "P2 without business impact is refused and waiting does not help",
			now: "2024-07-07T00:00:00Z", c: kase(prio(priority.High)), r: reqOf(),
			want: denied(p24, "", ctl(addHelp), rs(escalation.NoBusinessImpact))},
		{name: "P2 both halves failing list both, in order, with no next instant",
			now: now0, c: kase(prio(priority.High)), r: reqOf(),
			want: denied(p24, "", ctl(addHelp),
				rs(el(escalation.HighPriorityRecentlyUpdated, "2024-07-06T08:00:00Z"), escalation.NoBusinessImpact))},
		{name: "P2 does not apply to rca requests (interpretation)",
			now: now0, c: kase(prio(priority.High), func(c *escalation.Case) {
				c.RCA = rca.Analysis{RequestedAt: rfc("2024-06-01T00:00:00Z")}
			}), r: reqOf(reason(escalation.ReasonRCA)),
			want: allowed(E, p24, now0, addHelp)},
		{name: "P2 does not apply to critical cases",
			now: now0, c: kase(prio(priority.Critical), updated("2024-07-05T11:00:00Z")), r: reqOf(via(escalation.Phone)),
			want: allowed(escalation.EngageSupportManager, p24, now0, addHelp)},
		{name: "P3 a medium case updated a second ago is allowed",
			now: now0, c: kase(updated("2024-07-05T11:59:59Z")), r: reqOf(),
			want: allowed(E, p24, now0, addHelp)},
		{name: "P4 a critical commercial case in the portal is told to phone",
			now: now0, c: kase(prio(priority.Critical), impact), r: reqOf(),
			want: denied(p24, "", ctl(addHelp), rs(escalation.CriticalUsePhone))},
		{name: "P4 a critical commercial case in the mobile app is told to phone",
			now: now0, c: kase(prio(priority.Critical)), r: reqOf(via(escalation.MobileApp)),
			want: denied(p24, "", ctl(addHelp), rs(escalation.CriticalUsePhone))},
		{name: "P4 a critical commercial case by e-mail is told to phone, not to use the portal",
			now: now0, c: kase(prio(priority.Critical)), r: reqOf(via(escalation.Email)),
			want: denied(p24, "", ctl(addHelp), rs(escalation.CriticalUsePhone))},
		{name: "P4 a critical commercial case by chat is told to phone",
			now: now0, c: kase(prio(priority.Critical)), r: reqOf(via(escalation.Chat)),
			want: denied(p24, "", ctl(addHelp), rs(escalation.CriticalUsePhone))},
		{name: "P4 a critical commercial case by web is told to phone",
			now: now0, c: kase(prio(priority.Critical)), r: reqOf(via(escalation.Web)),
			want: denied(p24, "", ctl(addHelp), rs(escalation.CriticalUsePhone))},
		{name: "P4 a critical commercial case on the FedRAMP portal is told to phone and is on the wrong portal",
			now: now0, c: kase(prio(priority.Critical)), r: reqOf(fedPortal),
			want: denied(p24, "", ctl(addHelp), rs(escalation.CriticalUsePhone, escalation.CommercialWrongPortal))},
		{name: "P4 a critical commercial case by phone engages a manager",
			now: now0, c: kase(prio(priority.Critical), impact), r: reqOf(via(escalation.Phone)),
			want: allowed(escalation.EngageSupportManager, p24, now0, addHelp)},
		{name: "P4 a critical commercial phone call engages a manager for urgency_impact_changed (wins over U2)",
			now: now0, c: kase(prio(priority.Critical)), r: reqOf(via(escalation.Phone), reason(escalation.ReasonUrgencyImpactChanged)),
			want: allowed(escalation.EngageSupportManager, p24, now0, addHelp)},
		{name: "P4 a critical commercial phone call engages a manager for case_update (wins over C1)",
			now: now0, c: kase(prio(priority.Critical)), r: reqOf(via(escalation.Phone), reason(escalation.ReasonCaseUpdate)),
			want: allowed(escalation.EngageSupportManager, p24, now0, addHelp)},
		{name: "P4 a critical commercial phone call is not PIN-checked",
			now: now0, c: kase(prio(priority.Critical)), r: reqOf(via(escalation.Phone), pin(fedramp.CommercialPIN)),
			want: allowed(escalation.EngageSupportManager, p24, now0, addHelp)},
		{name: "P4 a critical commercial phone call still fails G criteria",
			now: now0, c: kase(prio(priority.Critical), func(c *escalation.Case) { c.AwaitingCustomer = true }), r: reqOf(via(escalation.Phone)),
			want: denied(p24, "", ctl(addHelp), rs(escalation.AwaitingCustomer))},
		{name: "P4 a critical FedRAMP case by phone with the FedRAMP PIN gets USE_PORTAL",
			now: now0, c: fedCase(prio(priority.Critical)), r: reqOf(via(escalation.Phone), pin(fedramp.FedRAMPPIN)),
			want: denied(p24, "", ctl(escalate), rs(escalation.UsePortal))},
		{name: "P4 a critical FedRAMP case escalates through the FedRAMP portal with no 24-hour wait",
			now: now0, c: fedCase(prio(priority.Critical), updated("2024-07-05T11:59:00Z")), r: reqOf(fedPortal),
			want: allowed(E, p24, now0, escalate)},
		{name: "P5 a medium case by phone gets USE_PORTAL",
			now: now0, c: kase(), r: reqOf(via(escalation.Phone)),
			want: denied(p24, "", ctl(addHelp), rs(escalation.UsePortal))},
		{name: "P5 a medium case by e-mail gets USE_PORTAL",
			now: now0, c: kase(), r: reqOf(via(escalation.Email)),
			want: denied(p24, "", ctl(addHelp), rs(escalation.UsePortal))},
		{name: "P5 a high case by chat gets USE_PORTAL besides P2",
			now: now0, c: kase(prio(priority.High), impact), r: reqOf(via(escalation.Chat)),
			want: denied(p24, "", ctl(addHelp), rs(el(escalation.HighPriorityRecentlyUpdated, "2024-07-06T08:00:00Z"), escalation.UsePortal))},
		{name: "P5 a medium case by web gets USE_PORTAL",
			now: now0, c: kase(), r: reqOf(via(escalation.Web)),
			want: denied(p24, "", ctl(addHelp), rs(escalation.UsePortal))},
		{name: "P5 the commercial mobile app counts as the portal",
			now: now0, c: kase(), r: reqOf(via(escalation.MobileApp)),
			want: allowed(E, p24, now0, addHelp)},
	})
}

func TestR(t *testing.T) {
	E := escalation.EscalationCreated
	withRCA := func(requested, restored string) func(*escalation.Case) {
		return func(c *escalation.Case) {
			c.RCA.RequestedAt = rfc(requested)
			if restored != "" {
				c.RCA.ServiceRestoredAt = rfc(restored)
			}
		}
	}
	premise := func(c *escalation.Case) { c.Deployment = escalation.Premise }
	cal := func(name, zone string) func(*escalation.Case) {
		return func(c *escalation.Case) { c.Calendar = mustCalendar(name, zone) }
	}
	rcaReq := reqOf(reason(escalation.ReasonRCA))
	runClauseTable(t, []clauseRow{
		{name: "R1 an rca request without a requested RCA is refused",
			now: now0, c: kase(), r: rcaReq,
			want: denied(p24, "", ctl(addHelp), rs(escalation.RCANotRequested))},
		{name: "R1 service restored alone is not a requested RCA",
			now: now0, c: kase(func(c *escalation.Case) { c.RCA.ServiceRestoredAt = rfc("2024-06-01T00:00:00Z") }), r: rcaReq,
			want: denied(p24, "", ctl(addHelp), rs(escalation.RCANotRequested))},
		{name: "R1 other reasons ignore the RCA",
			now: now0, c: kase(), r: reqOf(reason(escalation.ReasonNoRecentUpdate)),
			want: allowed(E, p24, now0, addHelp)},
		{name: "R2 cloud is 5 business days skipping Independence Day 2024",
			now: now0, c: kase(withRCA("2024-07-01T10:00:00Z", "")), r: rcaReq,
			want: denied(p24, "2024-07-09T10:00:00Z", ctl(addHelp), rs(el(escalation.RCAAnalysisPeriod, "2024-07-09T10:00:00Z")))},
		{name: "R2 premise is 7 business days skipping Independence Day 2024",
			now: now0, c: kase(premise, withRCA("2024-07-01T10:00:00Z", "")), r: rcaReq,
			want: denied(p24, "2024-07-11T10:00:00Z", ctl(addHelp), rs(el(escalation.RCAAnalysisPeriod, "2024-07-11T10:00:00Z")))},
		{name: "R2 skips Juneteenth 2024",
			now: "2024-06-24T09:00:00Z", c: kase(updated("2024-06-17T09:00:00Z"), withRCA("2024-06-17T09:00:00Z", "")), r: rcaReq,
			want: denied(p24, "2024-06-25T09:00:00Z", ctl(addHelp), rs(el(escalation.RCAAnalysisPeriod, "2024-06-25T09:00:00Z")))},
		{name: "R2 one nanosecond before the target is refused",
			now: "2024-06-25T08:59:59.999999999Z", c: kase(updated("2024-06-17T09:00:00Z"), withRCA("2024-06-17T09:00:00Z", "")), r: rcaReq,
			want: denied(p24, "2024-06-25T09:00:00Z", ctl(addHelp), rs(el(escalation.RCAAnalysisPeriod, "2024-06-25T09:00:00Z")))},
		{name: "R2 at the target instant is allowed",
			now: "2024-06-25T09:00:00Z", c: kase(updated("2024-06-17T09:00:00Z"), withRCA("2024-06-17T09:00:00Z", "")), r: rcaReq,
			want: allowed(E, p24, "2024-06-25T09:00:00Z", addHelp)},
		{name: "R2 starts at service restoration when it is later than the request",
			now: "2024-06-20T00:00:00Z", c: kase(updated("2024-06-17T09:00:00Z"), withRCA("2024-06-10T08:00:00Z", "2024-06-17T09:00:00Z")), r: rcaReq,
			want: denied(p24, "2024-06-25T09:00:00Z", ctl(addHelp), rs(el(escalation.RCAAnalysisPeriod, "2024-06-25T09:00:00Z")))},
		{name: "R2 starts at the request when it is later than service restoration",
			now: "2024-06-20T00:00:00Z", c: kase(updated("2024-06-17T09:00:00Z"), withRCA("2024-06-17T09:00:00Z", "2024-06-10T08:00:00Z")), r: rcaReq,
			want: denied(p24, "2024-06-25T09:00:00Z", ctl(addHelp), rs(el(escalation.RCAAnalysisPeriod, "2024-06-25T09:00:00Z")))},
		{name: "R2 from a Saturday the first business day is Monday",
			now: "2024-06-03T00:00:00Z", c: kase(updated("2024-06-01T12:00:00Z"), withRCA("2024-06-01T12:00:00Z", "")), r: rcaReq,
			want: denied(p24, "2024-06-07T12:00:00Z", ctl(addHelp), rs(el(escalation.RCAAnalysisPeriod, "2024-06-07T12:00:00Z")))},
		{name: "R2 keeps the wall-clock time across DST in the case's zone",
			// Friday 10:00 EST + 5 business days = Friday 10:00 EDT.
			now: "2024-03-11T00:00:00Z", c: kase(updated("2024-03-08T15:00:00Z"), withRCA("2024-03-08T15:00:00Z", ""), cal("US", "America/New_York")), r: rcaReq,
			want: denied(p24, "2024-03-15T14:00:00Z", ctl(addHelp), rs(el(escalation.RCAAnalysisPeriod, "2024-03-15T14:00:00Z")))},
		{name: "R2 reads the date in the case's zone: 02:00Z on 4 July is 3 July in New York",
			now: "2024-07-05T00:00:00Z", c: kase(updated("2024-07-04T02:00:00Z"), withRCA("2024-07-04T02:00:00Z", ""), cal("US", "America/New_York")), r: rcaReq,
			want: denied(p24, "2024-07-12T02:00:00Z", ctl(addHelp), rs(el(escalation.RCAAnalysisPeriod, "2024-07-12T02:00:00Z")))},
		{name: "R2 in UTC 02:00Z on 4 July is the holiday itself",
			now: "2024-07-05T00:00:00Z", c: kase(updated("2024-07-04T02:00:00Z"), withRCA("2024-07-04T02:00:00Z", "")), r: rcaReq,
			want: denied(p24, "2024-07-11T02:00:00Z", ctl(addHelp), rs(el(escalation.RCAAnalysisPeriod, "2024-07-11T02:00:00Z")))},
		{name: "R2 on the GB calendar skips the August bank holiday, not Independence Day",
			// Fri 23 Aug 09:00 BST; Mon 26 Aug is the summer bank holiday.
			now: "2024-08-27T00:00:00Z", c: kase(updated("2024-08-23T08:00:00Z"), withRCA("2024-08-23T08:00:00Z", ""), cal("GB", "Europe/London")), r: rcaReq,
			want: denied(p24, "2024-09-02T08:00:00Z", ctl(addHelp), rs(el(escalation.RCAAnalysisPeriod, "2024-09-02T08:00:00Z")))},
		{name: "R2 on the GB calendar 4 July is a business day",
			now: "2024-07-05T00:00:00Z", c: kase(updated("2024-07-01T10:00:00Z"), withRCA("2024-07-01T10:00:00Z", ""), cal("GB", "Europe/London")), r: rcaReq,
			want: denied(p24, "2024-07-08T10:00:00Z", ctl(addHelp), rs(el(escalation.RCAAnalysisPeriod, "2024-07-08T10:00:00Z")))},
		{name: "R2 on the JP calendar in Tokyo skips Marine Day 2024",
			// Thu 11 Jul 09:00 JST; Mon 15 Jul is Marine Day: Fri 12, Tue 16, Wed 17, Thu 18, Fri 19.
			now: "2024-07-12T00:00:00Z", c: kase(updated("2024-07-11T00:00:00Z"), withRCA("2024-07-11T00:00:00Z", ""), cal("JP", "Asia/Tokyo")), r: rcaReq,
			want: denied(p24, "2024-07-19T00:00:00Z", ctl(addHelp), rs(el(escalation.RCAAnalysisPeriod, "2024-07-19T00:00:00Z")))},
		{name: "R2 applies under 2022 too",
			now: "2023-07-05T00:00:00Z", c: kase(premise, updated("2023-07-03T10:00:00Z"), withRCA("2023-07-03T10:00:00Z", "")), r: rcaReq,
			// Mon 3 Jul 2023: Wed 5(1) Thu 6 Fri 7 Mon 10 Tue 11 Wed 12 Thu 13(7).
			want: denied(p22, "2023-07-13T10:00:00Z", ctl(escalate), rs(el(escalation.RCAAnalysisPeriod, "2023-07-13T10:00:00Z")))},
		{name: "R2 and R1 are not reasons of a non-rca request",
			now: now0, c: kase(withRCA("2024-07-05T10:00:00Z", "")), r: reqOf(),
			want: allowed(E, p24, now0, addHelp)},
	})
}

func TestU(t *testing.T) {
	urgency := reqOf(reason(escalation.ReasonUrgencyImpactChanged))
	u23 := kase(updated("2023-08-30T09:00:00Z"))
	runClauseTable(t, []clauseRow{
		{name: "U1 under a pinned 2022 an urgency change is not grounds and waiting never helps",
			policy: p22, now: "2023-09-01T12:00:00Z", c: u23, r: urgency,
			want: denied(p22, "", ctl(escalate), rs(escalation.UrgencyChangeByPhone))},
		{name: "U1 pinned 2022 stays refused after the switch",
			policy: p22, now: "2024-09-01T12:00:00Z", c: u23, r: urgency,
			want: denied(p22, "", ctl(escalate), rs(escalation.UrgencyChangeByPhone))},
		{name: "U1 unpinned in 2023 is eligible at the switch instant",
			now: "2023-09-01T12:00:00Z", c: u23, r: urgency,
			want: denied(p22, "2024-01-18T00:00:00Z", ctl(escalate), rs(el(escalation.UrgencyChangeByPhone, "2024-01-18T00:00:00Z")))},
		{name: "U1 unpinned one nanosecond before the switch uses 2022",
			now: "2024-01-17T23:59:59.999999999Z", c: u23, r: urgency,
			want: denied(p22, "2024-01-18T00:00:00Z", ctl(escalate), rs(el(escalation.UrgencyChangeByPhone, "2024-01-18T00:00:00Z")))},
		{name: "U2 at the switch creates the escalation and notifies the owner",
			now: "2024-01-18T00:00:00Z", c: u23, r: urgency,
			want: allowed(escalation.EscalationCreatedAndCaseOwnerNotified, p24, "2024-01-18T00:00:00Z", addHelp)},
		{name: "U1 with a low priority carries the switch but no next instant",
			now: "2023-09-01T12:00:00Z", c: kase(prio(priority.Low), updated("2023-08-30T09:00:00Z")), r: urgency,
			want: denied(p22, "", ctl(escalate, escalation.LowPriority),
				rs(escalation.LowPriority, el(escalation.UrgencyChangeByPhone, "2024-01-18T00:00:00Z")))},
		{name: "U1 with a P2 wait ending after the switch is next eligible at the wait's end",
			now: "2024-01-17T13:00:00Z", c: kase(prio(priority.High), impact, updated("2024-01-17T12:00:00Z")), r: urgency,
			want: denied(p22, "2024-01-18T12:00:00Z", ctl(escalate),
				rs(el(escalation.HighPriorityRecentlyUpdated, "2024-01-18T12:00:00Z"),
					el(escalation.UrgencyChangeByPhone, "2024-01-18T00:00:00Z")))},
		{name: "U1 with a P2 wait ending before the switch is next eligible at the switch",
			now: "2024-01-17T00:00:00Z", c: kase(prio(priority.High), impact, updated("2024-01-16T12:00:00Z")), r: urgency,
			want: denied(p22, "2024-01-18T00:00:00Z", ctl(escalate),
				rs(el(escalation.HighPriorityRecentlyUpdated, "2024-01-17T12:00:00Z"),
					el(escalation.UrgencyChangeByPhone, "2024-01-18T00:00:00Z")))},
		{name: "U1 by e-mail also gets USE_PORTAL",
			now: "2023-09-01T12:00:00Z", c: u23, r: reqOf(reason(escalation.ReasonUrgencyImpactChanged), via(escalation.Email)),
			want: denied(p22, "", ctl(escalate), rs(escalation.UsePortal, el(escalation.UrgencyChangeByPhone, "2024-01-18T00:00:00Z")))},
		{name: "U1 refuses a critical commercial phone call under 2022, which has no P4 (V4)",
			policy: p22, now: "2023-09-01T12:00:00Z", c: kase(prio(priority.Critical), updated("2023-08-30T09:00:00Z")),
			r:    reqOf(reason(escalation.ReasonUrgencyImpactChanged), via(escalation.Phone)),
			want: denied(p22, "", ctl(escalate), rs(escalation.UsePortal, escalation.UrgencyChangeByPhone))},
		{name: "U2 under 2024-01-18 creates and notifies",
			now: now0, c: kase(), r: urgency,
			want: allowed(escalation.EscalationCreatedAndCaseOwnerNotified, p24, now0, addHelp)},
		{name: "U2 still applies the G criteria",
			now: now0, c: kase(func(c *escalation.Case) { c.AwaitingCustomer = true }), r: urgency,
			want: denied(p24, "", ctl(addHelp), rs(escalation.AwaitingCustomer))},
		{name: "U2 still applies P2",
			now: now0, c: kase(prio(priority.High), impact), r: urgency,
			want: denied(p24, "2024-07-06T08:00:00Z", ctl(addHelp), rs(el(escalation.HighPriorityRecentlyUpdated, "2024-07-06T08:00:00Z")))},
		{name: "U2 pinned 2024-01-18 before its date still creates and notifies",
			policy: p24, now: "2023-09-01T12:00:00Z", c: u23, r: urgency,
			want: allowed(escalation.EscalationCreatedAndCaseOwnerNotified, p24, "2023-09-01T12:00:00Z", addHelp)},
	})
}

func TestC1(t *testing.T) {
	update := reqOf(reason(escalation.ReasonCaseUpdate))
	runClauseTable(t, []clauseRow{
		{name: "C1 a case-update request notifies the case owner",
			now: now0, c: kase(), r: update,
			want: allowed(escalation.CaseOwnerNotified, p24, now0, addHelp)},
		{name: "C1 under 2022 a case update is an ordinary escalation",
			now: "2023-09-01T12:00:00Z", c: kase(updated("2023-08-30T09:00:00Z")), r: update,
			want: allowed(escalation.EscalationCreated, p22, "2023-09-01T12:00:00Z", escalate)},
		{name: "C1 still applies the G criteria",
			now: now0, c: kase(func(c *escalation.Case) { c.Status = escalation.Closed }), r: update,
			want: denied(p24, "", ctl(addHelp, escalation.CaseClosed), rs(escalation.CaseClosed))},
		{name: "C1 still applies P5",
			now: now0, c: kase(), r: reqOf(reason(escalation.ReasonCaseUpdate), via(escalation.Web)),
			want: denied(p24, "", ctl(addHelp), rs(escalation.UsePortal))},
		{name: "C1 still applies F9 on a FedRAMP case",
			now: now0, c: fedCase(func(c *escalation.Case) { c.Assigned = false }), r: reqOf(reason(escalation.ReasonCaseUpdate), fedPortal),
			want: denied(p24, "", ctl(escalate), rs(escalation.FedRAMPUnassigned))},
	})
}

func TestF(t *testing.T) {
	E := escalation.EscalationCreated
	unassigned := func(c *escalation.Case) { c.Assigned = false }
	runClauseTable(t, []clauseRow{
		{name: "F1 a FedRAMP case on the commercial portal is redirected",
			now: now0, c: fedCase(), r: reqOf(),
			want: redirected(denied(p24, "", ctl(escalate), rs(escalation.FedRAMPWrongPortal)))},
		{name: "F1 redirect whatever else fails, the other failures still listed",
			now: now0, c: fedCase(unassigned, prio(priority.Low), func(c *escalation.Case) { c.Status = escalation.Closed }),
			r: reqOf(func(r *escalation.Request) { r.Role = access.ReadOnly }),
			want: redirected(denied(p24, "", ctl(escalate, escalation.CaseClosed),
				rs(escalation.CaseClosed, escalation.NotDesignatedContact, escalation.LowPriority,
					escalation.FedRAMPWrongPortal, escalation.FedRAMPUnassigned)))},
		{name: "F1 redirect even while a P2 wait is running",
			now: now0, c: fedCase(prio(priority.High), impact), r: reqOf(),
			want: redirected(denied(p24, "", ctl(escalate),
				rs(el(escalation.HighPriorityRecentlyUpdated, "2024-07-06T08:00:00Z"), escalation.FedRAMPWrongPortal)))},
		{name: "F1 a commercial case on the FedRAMP portal is refused, not redirected",
			now: now0, c: kase(), r: reqOf(fedPortal),
			want: denied(p24, "", ctl(addHelp), rs(escalation.CommercialWrongPortal))},
		{name: "F1 a FedRAMP case with no region on the FedRAMP portal is allowed",
			now: now0, c: fedCase(func(c *escalation.Case) { c.Region = "" }), r: reqOf(fedPortal),
			want: allowed(E, p24, now0, escalate)},
		{name: "F2 a FedRAMP case in the mobile app gets only FEDRAMP_MOBILE_APP",
			now: now0, c: fedCase(), r: reqOf(via(escalation.MobileApp)),
			want: denied(p24, "", ctl(escalate), rs(escalation.FedRAMPMobileApp))},
		{name: "F2 a critical FedRAMP case in the mobile app gets only FEDRAMP_MOBILE_APP",
			now: now0, c: fedCase(prio(priority.Critical)), r: reqOf(via(escalation.MobileApp)),
			want: denied(p24, "", ctl(escalate), rs(escalation.FedRAMPMobileApp))},
		{name: "F2 with an unassigned FedRAMP case lists F9 after F2",
			now: now0, c: fedCase(unassigned), r: reqOf(via(escalation.MobileApp)),
			want: denied(p24, "", ctl(escalate), rs(escalation.FedRAMPMobileApp, escalation.FedRAMPUnassigned))},
		{name: "F3 a FedRAMP phone call without a PIN needs the FedRAMP PIN",
			now: now0, c: fedCase(), r: reqOf(via(escalation.Phone)),
			want: denied(p24, "", ctl(escalate), rs(escalation.UsePortal, escalation.FedRAMPPINRequired))},
		{name: "F3 a FedRAMP phone call with the commercial PIN needs the FedRAMP PIN",
			now: now0, c: fedCase(), r: reqOf(via(escalation.Phone), pin(fedramp.CommercialPIN)),
			want: denied(p24, "", ctl(escalate), rs(escalation.UsePortal, escalation.FedRAMPPINRequired))},
		{name: "F3 a FedRAMP phone call with the FedRAMP PIN passes F3",
			now: now0, c: fedCase(), r: reqOf(via(escalation.Phone), pin(fedramp.FedRAMPPIN)),
			want: denied(p24, "", ctl(escalate), rs(escalation.UsePortal))},
		{name: "F3 a commercial phone call is not PIN-checked",
			now: now0, c: kase(), r: reqOf(via(escalation.Phone)),
			want: denied(p24, "", ctl(addHelp), rs(escalation.UsePortal))},
		{name: "F3 applies only to phone: FedRAMP e-mail gets no PIN reason",
			now: now0, c: fedCase(), r: reqOf(via(escalation.Email)),
			want: denied(p24, "", ctl(escalate), rs(escalation.UsePortal))},
		{name: "F9 an unassigned FedRAMP case is refused on the FedRAMP portal",
			now: now0, c: fedCase(unassigned), r: reqOf(fedPortal),
			want: denied(p24, "", ctl(escalate), rs(escalation.FedRAMPUnassigned))},
		{name: "F9 an assigned FedRAMP case escalates through the FedRAMP portal",
			now: now0, c: fedCase(), r: reqOf(fedPortal),
			want: allowed(E, p24, now0, escalate)},
		{name: "F9 the product is not checked: a FedRAMP PureConnect case escalates",
			now: now0, c: fedCase(func(c *escalation.Case) { c.Product = escalation.PureConnect }), r: reqOf(fedPortal),
			want: allowed(E, p24, now0, escalate)},
		{name: "F9 applies on every channel",
			now: now0, c: fedCase(unassigned), r: reqOf(via(escalation.Phone), pin(fedramp.FedRAMPPIN)),
			want: denied(p24, "", ctl(escalate), rs(escalation.UsePortal, escalation.FedRAMPUnassigned))},
		{name: "F9 does not apply to commercial cases",
			now: now0, c: kase(unassigned), r: reqOf(),
			want: allowed(E, p24, now0, addHelp)},
		{name: "F every FedRAMP criterion failing by phone, in clause order",
			now: now0, c: fedCase(unassigned, prio(priority.High)), r: reqOf(via(escalation.Phone), pin(fedramp.CommercialPIN), reason(escalation.ReasonRCA)),
			want: denied(p24, "", ctl(escalate),
				rs(escalation.UsePortal, escalation.RCANotRequested, escalation.FedRAMPPINRequired, escalation.FedRAMPUnassigned))},
		{name: "F region compares case-insensitively",
			now: now0, c: fedCase(func(c *escalation.Case) { c.Region = "US-EAST-2" }), r: reqOf(fedPortal),
			want: allowed(E, p24, now0, escalate)},
	})
}

func TestV(t *testing.T) {
	E := escalation.EscalationCreated
	before := "2024-01-17T23:59:59.999999999Z"
	c := kase(updated("2024-01-10T00:00:00Z"))
	fc := fedCase(updated("2024-01-10T00:00:00Z"))
	runClauseTable(t, []clauseRow{
		{name: "V1 one nanosecond before 2024-01-18T00:00:00Z uses 2022",
			now: before, c: c, r: reqOf(),
			want: allowed(E, p22, before, escalate)},
		{name: "V1 at 2024-01-18T00:00:00Z uses 2024-01-18",
			now: "2024-01-18T00:00:00Z", c: c, r: reqOf(),
			want: allowed(E, p24, "2024-01-18T00:00:00Z", addHelp)},
		{name: "V1 the switch is an instant, not a date in the request's zone",
			now: "2024-01-17T20:00:00-05:00", c: c, r: reqOf(),
			want: allowed(E, p24, "2024-01-18T01:00:00Z", addHelp)},
		{name: "V1 the switch instant in a zone ahead of UTC is still 2022 before it",
			now: "2024-01-18T08:59:59+09:00", c: c, r: reqOf(),
			want: allowed(E, p22, "2024-01-17T23:59:59Z", escalate)},
		{name: "V1 a pinned 2022 applies after the switch",
			policy: p22, now: now0, c: kase(), r: reqOf(),
			want: allowed(E, p22, now0, escalate)},
		{name: "V1 a pinned 2024-01-18 applies before the switch",
			policy: p24, now: before, c: c, r: reqOf(reason(escalation.ReasonCaseUpdate)),
			want: allowed(escalation.CaseOwnerNotified, p24, before, addHelp)},
		{name: "V1 case_update one nanosecond before the switch is an ordinary escalation",
			now: before, c: c, r: reqOf(reason(escalation.ReasonCaseUpdate)),
			want: allowed(E, p22, before, escalate)},
		{name: "V1 case_update at the switch notifies the owner",
			now: "2024-01-18T00:00:00Z", c: c, r: reqOf(reason(escalation.ReasonCaseUpdate)),
			want: allowed(escalation.CaseOwnerNotified, p24, "2024-01-18T00:00:00Z", addHelp)},
		{name: "V2 2022 labels the commercial control Escalate Case",
			now: before, c: c, r: reqOf(),
			want: allowed(E, p22, before, escalate)},
		{name: "V2 2022 labels the FedRAMP control Escalate Case",
			now: before, c: fc, r: reqOf(fedPortal),
			want: allowed(E, p22, before, escalate)},
		{name: "V2 2024-01-18 labels the commercial control Additional Help",
			now: now0, c: kase(), r: reqOf(),
			want: allowed(E, p24, now0, addHelp)},
		{name: "V2 2024-01-18 labels the FedRAMP control Escalate Case",
			now: now0, c: fedCase(), r: reqOf(fedPortal),
			want: allowed(E, p24, now0, escalate)},
		{name: "V2 the label follows the case's offering, not the channel",
			now: now0, c: kase(), r: reqOf(fedPortal),
			want: denied(p24, "", ctl(addHelp), rs(escalation.CommercialWrongPortal))},
		{name: "V2 a FedRAMP case on the commercial portal shows the FedRAMP label",
			now: before, c: fc, r: reqOf(),
			want: redirected(denied(p22, "", ctl(escalate), rs(escalation.FedRAMPWrongPortal)))},
	})
}

// sampleRow is one public sample of the public conformance samples of docs/CONTRACT.md, as
// the JSON line the command reads.
type sampleRow struct {
	name string
	line string
	want escalation.Decision
}

// sampleCase is samples.py's case() with extra fields, as JSON.
func sampleCase(extra string) string {
	c := `"id":"00500001","status":"open","priority":"medium","deployment":"cloud","offering":"commercial","assigned":true,"last_updated_at":"2024-07-05T08:00:00Z"`
	if extra != "" {
		// A later duplicate of a key is not JSON this decoder accepts, so
		// extras replace the field in place.
		for _, kv := range strings.Split(extra, ";") {
			k := kv[:strings.Index(kv, ":")]
			if i := strings.Index(c, k+":"); i >= 0 {
				j := i + len(k) + 1
				end := strings.IndexByte(c[j:], ',')
				if end < 0 {
					end = len(c) - j
				}
				c = c[:i] + kv + c[j+end:]
			} else {
				c += "," + kv
			}
		}
	}
	return "{" + c + "}"
}

const sampleReq = `{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact"}`

func TestSamples(t *testing.T) {
	E := escalation.EscalationCreated
	line := func(now, policy, c, r string) string {
		s := `{"now":"` + now + `"`
		if policy != "" {
			s += `,"policy":"` + policy + `"`
		}
		return s + `,"case":` + c + `,"request":` + r + `}`
	}
	rows := []sampleRow{
		{"allowed: medium, commercial portal",
			line(now0, "", sampleCase(""), sampleReq),
			allowed(E, p24, now0, addHelp)},
		{"P1: low priority is refused and the control is disabled",
			line(now0, "", sampleCase(`"priority":"low"`), sampleReq),
			denied(p24, "", ctl(addHelp, escalation.LowPriority), rs(escalation.LowPriority))},
		{"P2: high priority updated 4 hours ago waits for 24 hours",
			line(now0, "", sampleCase(`"priority":"high";"business_impact":true`), `{"reason":"no_recent_update","channel":"portal","portal":"commercial","role":"designated_contact"}`),
			denied(p24, "2024-07-06T08:00:00Z", ctl(addHelp), rs(el(escalation.HighPriorityRecentlyUpdated, "2024-07-06T08:00:00Z")))},
		{"R2: premise RCA, 7 business days skipping Independence Day",
			line(now0, "", sampleCase(`"deployment":"premise";"rca":{"requested_at":"2024-07-01T10:00:00Z"}`), `{"reason":"rca","channel":"portal","portal":"commercial","role":"designated_contact"}`),
			denied(p24, "2024-07-11T10:00:00Z", ctl(addHelp), rs(el(escalation.RCAAnalysisPeriod, "2024-07-11T10:00:00Z")))},
		{"F1: a FedRAMP case on the commercial portal is redirected",
			line(now0, "", sampleCase(`"offering":"fedramp";"region":"us-east-2"`), sampleReq),
			redirected(denied(p24, "", ctl(escalate), rs(escalation.FedRAMPWrongPortal)))},
		{"U1: under the 2022 policy an urgency change is not grounds",
			line("2023-09-01T12:00:00Z", "2022", sampleCase(`"last_updated_at":"2023-08-30T09:00:00Z"`), `{"reason":"urgency_impact_changed","channel":"portal","portal":"commercial","role":"designated_contact"}`),
			denied(p22, "", ctl(escalate), rs(escalation.UrgencyChangeByPhone))},
		{"C1: a case-update request notifies the case owner",
			line(now0, "", sampleCase(""), `{"reason":"case_update","channel":"portal","portal":"commercial","role":"designated_contact"}`),
			allowed(escalation.CaseOwnerNotified, p24, now0, addHelp)},
		{"P4: a critical commercial case by phone engages a manager",
			line(now0, "", sampleCase(`"priority":"critical";"business_impact":true`), `{"reason":"other","channel":"phone","role":"designated_contact"}`),
			allowed(escalation.EngageSupportManager, p24, now0, addHelp)},
		{"G4: an update the requester has not seen is a warning",
			line(now0, "", sampleCase(""), `{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact","last_viewed_at":"2024-07-05T07:00:00Z"}`),
			allowed(E, p24, now0, addHelp, escalation.UnseenUpdate)},
	}
	set := escalation.DefaultSet()
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			in, err := set.ParseInput([]byte(row.line))
			if err != nil {
				t.Fatalf("ParseInput(%s): %v", row.line, err)
			}
			got, err := set.EvaluateInput(in)
			if err != nil {
				t.Fatalf("Evaluate(%s): %v", row.line, err)
			}
			got = normaliseExplanation(got)
			if diff := cmp.Diff(row.want, got, decisionOpts); diff != "" {
				t.Errorf("Evaluate(%s) mismatch (-want +got):\n%s", row.line, diff)
			}
		})
	}
}

// TestReasonClauses pins every code's text and clause to docs/CONTRACT.md.
func TestReasonClauses(t *testing.T) {
	for c, clause := range contractClause {
		if got := c.Clause(); got != clause {
			t.Errorf("%v.Clause() = %q, want %q", c, got, clause)
		}
		back, err := escalation.ParseCode(c.String())
		if err != nil || back != c {
			t.Errorf("ParseCode(%q) = %v, %v; want %v", c.String(), back, err, c)
		}
	}
}
