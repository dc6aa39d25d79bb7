package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/escalation/access"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
	"github.com/casepolicy/casepolicy/rca"
)

// demoNow is the fixed instant of the demo: a Friday afternoon in July 2024,
// the day after Independence Day.
var demoNow = time.Date(2024, 7, 5, 15, 0, 0, 0, time.UTC)

type demoCase struct {
	label string
	c     *escalation.Case
	r     escalation.Request
}

// demoCases are the built-in samples: allowed, denied for several reasons,
// waits with their instants, a FedRAMP redirect.
func demoCases() []demoCase {
	base := func(id string, p priority.Level) *escalation.Case {
		return &escalation.Case{
			ID: id, Status: escalation.Open, Priority: p, Deployment: escalation.Cloud,
			Offering: fedramp.Commercial, Assigned: true, BusinessImpact: true,
			LastUpdatedAt: time.Date(2024, 7, 5, 9, 0, 0, 0, time.UTC),
		}
	}
	portal := escalation.Request{Reason: escalation.ReasonNoRecentUpdate, Channel: escalation.Portal,
		Portal: fedramp.CommercialPortal, Role: access.DesignatedContact}
	with := func(r escalation.Request, f func(*escalation.Request)) escalation.Request { f(&r); return r }

	closedLow := base("00500003", priority.Low)
	closedLow.Status = escalation.Closed
	closedLow.AwaitingCustomer = true

	premise := base("00500004", priority.Medium)
	premise.Deployment = escalation.Premise
	premise.RCA = rca.Analysis{RequestedAt: time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC)}

	fed := base("00500005", priority.High)
	fed.Offering, fed.Region = fedramp.FedRAMP, "us-east-2"
	fed.LastUpdatedAt = time.Date(2024, 7, 1, 9, 0, 0, 0, time.UTC)

	fedUnassigned := base("00500010", priority.Medium)
	fedUnassigned.Offering, fedUnassigned.Assigned = fedramp.FedRAMP, false

	active := base("00500006", priority.Medium)
	active.Escalations = []escalation.Escalation{{ID: "E-1", OpenedAt: time.Date(2024, 7, 3, 9, 0, 0, 0, time.UTC)}}
	active.Engaged = []escalation.Engagement{escalation.Development}

	return []demoCase{
		{"medium, portal", base("00500001", priority.Medium), portal},
		{"high, updated 6h ago", base("00500002", priority.High), portal},
		{"closed low, read-only", closedLow, with(portal, func(r *escalation.Request) { r.Role = access.ReadOnly })},
		{"premise RCA from 1 Jul", premise, with(portal, func(r *escalation.Request) { r.Reason = escalation.ReasonRCA })},
		{"FedRAMP, commercial portal", fed, portal},
		{"FedRAMP, FedRAMP portal", fed, with(portal, func(r *escalation.Request) { r.Portal = fedramp.FedRAMPPortal })},
		{"critical, by phone", base("00500007", priority.Critical), with(portal, func(r *escalation.Request) { r.Channel = escalation.Phone })},
		{"critical, by e-mail", base("00500008", priority.Critical), with(portal, func(r *escalation.Request) { r.Channel = escalation.Email })},
		{"urgency changed", base("00500009", priority.Medium), with(portal, func(r *escalation.Request) { r.Reason = escalation.ReasonUrgencyImpactChanged })},
		{"FedRAMP unassigned, phone", fedUnassigned, with(portal, func(r *escalation.Request) { r.Channel, r.PIN = escalation.Phone, fedramp.CommercialPIN })},
		{"escalation already active", active, with(portal, func(r *escalation.Request) { r.LastViewedAt = time.Date(2024, 7, 5, 8, 0, 0, 0, time.UTC) })},
		{"no case", nil, escalation.Request{}},
	}
}

// runDemo prints the decisions of the sample cases at demoNow, under the
// built-in versions or the set of -policies FILE.
func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("casepolicy", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), usage) }
	path := policiesFlag(fs)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "casepolicy: unexpected arguments\n\n%s", usage)
		return 2
	}
	set, code := loadPolicies("demo", *path, stderr)
	if code != 0 {
		return code
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	stdout = out
	fmt.Fprintf(stdout, "casepolicy demo: escalation decisions at %s (policy %s)\n\n",
		demoNow.Format(time.RFC3339), mustAt(set, demoNow))
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CASE\tREQUEST\tOUTCOME\tREASONS\tNEXT ELIGIBLE")
	for _, dc := range demoCases() {
		d, err := set.Evaluate(dc.c, dc.r, demoNow)
		if err != nil {
			fmt.Fprintf(stderr, "casepolicy: demo case %q: %v\n", dc.label, err)
			return 1
		}
		id := "-"
		if dc.c != nil {
			id = dc.c.ID + " " + dc.c.Priority.String()
		}
		req := "-"
		if dc.c != nil {
			req = dc.r.Reason.String() + " via " + dc.r.Channel.String()
		}
		var codes []string
		for c := range d.Reasons.Codes() {
			codes = append(codes, c.String())
		}
		for c := range d.Warnings.Codes() {
			codes = append(codes, "warn:"+c.String())
		}
		reasons := strings.Join(codes, ", ")
		if reasons == "" {
			reasons = "-"
		}
		next := "never by waiting"
		if t, ok := d.Next(); ok {
			next = t.Format(time.RFC3339)
			if t.Equal(demoNow) {
				next = "now"
			}
		}
		fmt.Fprintf(tw, "%s (%s)\t%s\t%s\t%s\t%s\n", id, dc.label, req, d.Outcome, reasons, next)
	}
	tw.Flush()
	fmt.Fprintln(stdout, "\nTry: casepolicy evaluate < requests.jsonl   casepolicy due -from 2024-07-01T10:00:00Z -days 7")
	if err := out.Flush(); err != nil {
		fmt.Fprintln(stderr, "casepolicy: cannot write the output")
		return 3
	}
	return 0
}

func mustAt(s escalation.Set, t time.Time) string {
	p, ok := s.At(t)
	if !ok {
		return "none"
	}
	return p.Name()
}
