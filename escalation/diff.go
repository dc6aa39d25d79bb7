package escalation

import (
	"strconv"

	"github.com/casepolicy/casepolicy/internal/jsonwrite"
)

// Difference is one parameter whose value differs between two policy
// versions: the clause it serves, its name in the policy document (nested
// fields by dotted path: "rca_business_days.cloud", "labels.commercial",
// "calendar.closures") and each version's value as JSON text.
type Difference struct {
	Clause    string
	Parameter string
	A, B      string
}

// String returns "CLAUSE PARAMETER A B", the line of casepolicy policy diff.
func (d Difference) String() string {
	return d.Clause + " " + d.Parameter + " " + d.A + " " + d.B
}

// AppendJSON appends {"clause","parameter","a","b"}, a and b as JSON values.
func (d Difference) AppendJSON(b []byte) []byte {
	b = append(b, `{"clause":`...)
	b = jsonwrite.String(b, d.Clause)
	b = append(b, `,"parameter":`...)
	b = jsonwrite.String(b, d.Parameter)
	b = append(b, `,"a":`...)
	b = append(b, d.A...)
	b = append(b, `,"b":`...)
	b = append(b, d.B...)
	return append(b, '}')
}

// Diff lists the parameters whose values differ between versions a and b, in
// the order of the policy document. Name and from are not parameters. Diff of
// a version with itself is empty, and Diff(b, a) is Diff(a, b) with A and B
// swapped.
func Diff(a, b Policy) []Difference {
	pa, pb := a.cfg.parameters(), b.cfg.parameters()
	var out []Difference
	for i := range pa {
		if pa[i].value != pb[i].value {
			out = append(out, Difference{Clause: pa[i].clause, Parameter: pa[i].name, A: pa[i].value, B: pb[i].value})
		}
	}
	return out
}

type parameter struct{ clause, name, value string }

// parameters lists a version's parameters with their values as JSON text, in
// document order; optional ones with their effective values.
func (c *Config) parameters() []parameter {
	q := func(s string) string { return string(jsonwrite.String(nil, s)) }
	cal, rules := c.calendarRules()
	return []parameter{
		{"P2", "high_priority_wait", q(shortDuration(c.HighPriorityWait))},
		{"R2", "rca_business_days.cloud", strconv.Itoa(c.CloudRCADays)},
		{"R2", "rca_business_days.premise", strconv.Itoa(c.PremiseRCADays)},
		{"R2", "rca_clock_from_restoration", strconv.FormatBool(c.RCAClockFromRestoration)},
		{"P4", "critical_by_phone", strconv.FormatBool(c.CriticalByPhone)},
		{"F9", "fedramp_after_assignment", strconv.FormatBool(c.FedRAMPAfterAssignment)},
		{"F10", "escalation_feed", q(c.EscalationFeed.String())},
		{"U1/U2", "urgency_change", q(c.Urgency.String())},
		{"C1", "case_update", q(c.CaseUpdate.String())},
		{"P2", "high_priority_wait_clock", q(c.waitClock().String())},
		{"P2", "p2_counts_updates_by", q(c.updater().String())},
		{"V2", "labels.commercial", q(c.CommercialLabel)},
		{"V2", "labels.fedramp", q(c.FedRAMPLabel)},
		{"R5", "calendar.holidays", q(cal.HolidaysName())},
		{"R5", "calendar.time_zone", q(cal.Location().String())},
		{"R5", "calendar.weekend", string(appendWeekend(nil, rules.Weekend))},
		{"R5", "calendar.closures", string(appendClosures(nil, rules.Closures))},
		{"R5", "calendar.work_hours", string(appendWorkHours(nil, rules.WorkHours))},
	}
}
