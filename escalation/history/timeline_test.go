package history

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/escalation/access"
	"github.com/casepolicy/casepolicy/fedramp"
)

var (
	portalRequest = escalation.Request{Reason: escalation.ReasonNoRecentUpdate, Channel: escalation.Portal,
		Portal: fedramp.CommercialPortal, Role: access.DesignatedContact}
	rcaPortal = escalation.Request{Reason: escalation.ReasonRCA, Channel: escalation.Portal,
		Portal: fedramp.CommercialPortal, Role: access.DesignatedContact}
	rcaPhone = escalation.Request{Reason: escalation.ReasonRCA, Channel: escalation.Phone, Role: access.DesignatedContact}
)

// render writes a timeline as compact lines: "FROM ALLOWED OUTCOME POLICY CODES".
func render(tl Timeline) string {
	var b strings.Builder
	for _, iv := range tl {
		b.WriteString(iv.From.Format(time.RFC3339Nano))
		b.WriteString(" ")
		b.WriteString(iv.Outcome.String())
		b.WriteString(" ")
		b.WriteString(iv.Policy)
		for _, c := range iv.Reasons {
			b.WriteString(" " + c.String())
		}
		b.WriteString("\n")
	}
	if len(tl) > 0 {
		b.WriteString(tl[len(tl)-1].Until.Format(time.RFC3339Nano) + " end\n")
	}
	return b.String()
}

func TestWorkedExample(t *testing.T) {
	h := mustParse(t, string(workedExample(t)))
	for _, tc := range []struct {
		name   string
		req    escalation.Request
		golden string
	}{
		{"portal", portalRequest, "portal.golden"},
		{"rca by phone", rcaPhone, "rca_phone.golden"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tl, err := h.Timeline(Query{Set: escalation.DefaultSet(), Request: tc.req, From: h.Start(), To: at("2024-03-25T00:00:00Z")})
			if err != nil {
				t.Fatal(err)
			}
			var b []byte
			for _, iv := range tl {
				b = append(iv.AppendJSON(b), '\n')
			}
			want := readGolden(t, tc.golden)
			if string(b) != want {
				t.Fatalf("got\n%s\nwant\n%s", b, want)
			}
		})
	}
}

func readGolden(t *testing.T, name string) string {
	t.Helper()
	data, err := readTestdata(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestStories(t *testing.T) {
	const highOpened = `{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"high","deployment":"cloud","offering":"commercial","business_impact":true}}`
	for _, tc := range []struct {
		name    string
		history string
		set     escalation.Set
		pin     string
		req     escalation.Request
		from    string // default: the first event
		to      string
		want    string
	}{
		{
			name: "high case updated by the customer restarts the wait under anyone",
			history: highOpened + "\n" +
				`{"at":"2024-03-02T08:00:00Z","type":"updated","by":"customer"}`,
			set: escalation.DefaultSet(), req: portalRequest, to: "2024-03-04T00:00:00Z",
			want: `2024-03-01T09:00:00Z denied 2024-01-18 HIGH_PRIORITY_RECENTLY_UPDATED
2024-03-03T08:00:00Z escalation_created 2024-01-18
2024-03-04T00:00:00Z end
`,
		},
		{
			name: "high case updated by the customer does not restart the wait under support",
			history: highOpened + "\n" +
				`{"at":"2024-03-02T08:00:00Z","type":"updated","by":"customer"}`,
			set: supportOnly(), req: portalRequest, to: "2024-03-04T00:00:00Z",
			want: `2024-03-01T09:00:00Z denied 2024-01-18 HIGH_PRIORITY_RECENTLY_UPDATED
2024-03-02T09:00:00Z escalation_created 2024-01-18
2024-03-04T00:00:00Z end
`,
		},
		{
			name: "support's own update restarts the wait under support",
			history: highOpened + "\n" +
				`{"at":"2024-03-02T08:00:00Z","type":"set","fields":{"business_impact":true}}`,
			set: supportOnly(), req: portalRequest, to: "2024-03-04T00:00:00Z",
			want: `2024-03-01T09:00:00Z denied 2024-01-18 HIGH_PRIORITY_RECENTLY_UPDATED
2024-03-03T08:00:00Z escalation_created 2024-01-18
2024-03-04T00:00:00Z end
`,
		},
		{
			name: "RCA requested on Friday before a holiday weekend",
			// Labor Day, Monday 2 September 2024: five US business days
			// after Friday 10:00 end on Monday 9 September at 10:00.
			history: `{"at":"2024-08-29T10:00:00Z","type":"opened","case":{"id":"1","priority":"medium","deployment":"cloud","offering":"commercial"}}
{"at":"2024-08-29T12:00:00Z","type":"service_restored"}
{"at":"2024-08-30T10:00:00Z","type":"rca_requested"}`,
			set: escalation.DefaultSet(), req: rcaPortal, to: "2024-09-12T00:00:00Z",
			want: `2024-08-29T10:00:00Z denied 2024-01-18 RCA_NOT_REQUESTED
2024-08-30T10:00:00Z denied 2024-01-18 RCA_ANALYSIS_PERIOD
2024-09-09T10:00:00Z escalation_created 2024-01-18
2024-09-12T00:00:00Z end
`,
		},
		{
			name: "RCA on a premise case requested on Friday before a holiday weekend waits seven business days",
			history: `{"at":"2024-08-29T10:00:00Z","type":"opened","case":{"id":"1","priority":"medium","deployment":"premise","offering":"commercial"}}
{"at":"2024-08-30T10:00:00Z","type":"rca_requested"}`,
			set: escalation.DefaultSet(), req: rcaPortal, to: "2024-09-12T00:00:00Z",
			want: `2024-08-29T10:00:00Z denied 2024-01-18 RCA_NOT_REQUESTED
2024-08-30T10:00:00Z denied 2024-01-18 RCA_ANALYSIS_PERIOD
2024-09-11T10:00:00Z escalation_created 2024-01-18
2024-09-12T00:00:00Z end
`,
		},
		{
			name: "RCA clock waits for the restoration of service under 2024-01-18, not under a pinned 2022",
			history: `{"at":"2024-08-29T10:00:00Z","type":"opened","case":{"id":"1","priority":"medium","deployment":"cloud","offering":"commercial"}}
{"at":"2024-08-30T10:00:00Z","type":"rca_requested"}
{"at":"2024-09-03T15:30:00.5Z","type":"service_restored"}`,
			set: escalation.DefaultSet(), pin: "2022", req: rcaPortal, to: "2024-09-12T00:00:00Z",
			want: `2024-08-29T10:00:00Z denied 2022 RCA_NOT_REQUESTED
2024-08-30T10:00:00Z denied 2022 RCA_ANALYSIS_PERIOD
2024-09-09T10:00:00Z escalation_created 2022
2024-09-12T00:00:00Z end
`,
		},
		{
			name: "RCA clock from the restoration of service",
			history: `{"at":"2024-08-29T10:00:00Z","type":"opened","case":{"id":"1","priority":"medium","deployment":"cloud","offering":"commercial"}}
{"at":"2024-08-30T10:00:00Z","type":"rca_requested"}
{"at":"2024-09-03T15:30:00.5Z","type":"service_restored"}`,
			set: escalation.DefaultSet(), req: rcaPortal, to: "2024-09-12T00:00:00Z",
			want: `2024-08-29T10:00:00Z denied 2024-01-18 RCA_NOT_REQUESTED
2024-08-30T10:00:00Z denied 2024-01-18 RCA_ANALYSIS_PERIOD
2024-09-10T15:30:00.5Z escalation_created 2024-01-18
2024-09-12T00:00:00Z end
`,
		},
		{
			name:    "before the case opens there is no case",
			history: `{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"medium","deployment":"cloud","offering":"commercial"}}`,
			set:     escalation.DefaultSet(), req: portalRequest, from: "2024-02-29T09:00:00Z", to: "2024-03-02T00:00:00Z",
			want: `2024-02-29T09:00:00Z denied 2024-01-18 NO_CASE
2024-03-01T09:00:00Z escalation_created 2024-01-18
2024-03-02T00:00:00Z end
`,
		},
		{
			name:    "a critical case over the 2024-01-18 switch: the portal until then, the phone after",
			history: `{"at":"2024-01-10T09:00:00Z","type":"opened","case":{"id":"1","priority":"critical","deployment":"cloud","offering":"commercial"}}`,
			set:     escalation.DefaultSet(), req: portalRequest, to: "2024-01-20T00:00:00Z",
			want: `2024-01-10T09:00:00Z escalation_created 2022
2024-01-18T00:00:00Z denied 2024-01-18 CRITICAL_USE_PHONE
2024-01-20T00:00:00Z end
`,
		},
		{
			name:    "a pinned version never switches",
			history: `{"at":"2024-01-10T09:00:00Z","type":"opened","case":{"id":"1","priority":"critical","deployment":"cloud","offering":"commercial"}}`,
			set:     escalation.DefaultSet(), pin: "2022", req: portalRequest, to: "2024-01-20T00:00:00Z",
			want: `2024-01-10T09:00:00Z escalation_created 2022
2024-01-20T00:00:00Z end
`,
		},
		{
			name: "an escalation opened and closed at one instant never blocks",
			history: `{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"medium","deployment":"cloud","offering":"commercial"}}
{"at":"2024-03-01T12:00:00Z","type":"escalation_opened","id":"E-1"}
{"at":"2024-03-01T12:00:00Z","type":"escalation_closed","id":"E-1"}`,
			set: escalation.DefaultSet(), req: portalRequest, to: "2024-03-02T00:00:00Z",
			want: `2024-03-01T09:00:00Z escalation_created 2024-01-18
2024-03-02T00:00:00Z end
`,
		},
		{
			name: "a FedRAMP case on the commercial portal is redirected whatever else fails",
			history: `{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"medium","deployment":"cloud","offering":"fedramp","region":"us-east-2"}}
{"at":"2024-03-01T12:00:00Z","type":"set","fields":{"assigned":true}}`,
			set: escalation.DefaultSet(), req: portalRequest, to: "2024-03-02T00:00:00Z",
			want: `2024-03-01T09:00:00Z redirect_to_fedramp_portal 2024-01-18 FEDRAMP_WRONG_PORTAL FEDRAMP_UNASSIGNED
2024-03-01T12:00:00Z redirect_to_fedramp_portal 2024-01-18 FEDRAMP_WRONG_PORTAL
2024-03-02T00:00:00Z end
`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := mustParse(t, tc.history)
			q := Query{Set: tc.set, Policy: tc.pin, Request: tc.req, From: h.Start(), To: at(tc.to)}
			if tc.from != "" {
				q.From = at(tc.from)
			}
			tl, err := h.Timeline(q)
			if err != nil {
				t.Fatal(err)
			}
			if got := render(tl); got != tc.want {
				t.Fatalf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestQuestions(t *testing.T) {
	h := mustParse(t, string(workedExample(t)))
	q := Query{Set: escalation.DefaultSet(), Request: rcaPhone, From: h.Start(), To: at("2024-03-25T00:00:00Z")}
	tl, err := h.Timeline(q)
	if err != nil {
		t.Fatal(err)
	}
	if first, ok := tl.FirstAllowed(); !ok || first != at("2024-03-13T10:00:00Z") {
		t.Fatalf("FirstAllowed = %v, %v", first, ok)
	}
	tot := tl.Totals()
	day := 24 * time.Hour
	if tot.Allowed != 10*day+22*time.Hour || tot.Allowed+tot.Denied != 24*day-9*time.Hour {
		t.Fatalf("Totals = %+v", tot)
	}
	if got := tot.ByReason[escalation.RCAAnalysisPeriod]; got != 7*day+time.Hour {
		t.Fatalf("RCA_ANALYSIS_PERIOD for %v", got)
	}
	if got := tot.ByReason[escalation.CaseClosed]; got != 16*time.Hour {
		t.Fatalf("CASE_CLOSED for %v", got)
	}
	if iv, ok := tl.At(at("2024-03-13T09:59:59.999999999Z")); !ok || iv.Allowed {
		t.Fatalf("At just before allowed: %+v", iv)
	}
	if _, ok := tl.At(at("2024-03-25T00:00:00Z")); ok {
		t.Fatal("At the window's end")
	}
	if got := tl.Codes(); len(got) != 6 || got[0] != escalation.CaseClosed || got[5] != escalation.RCAAnalysisPeriod {
		t.Fatalf("Codes = %v", got)
	}
	if _, ok := (Timeline{}).FirstAllowed(); ok {
		t.Fatal("FirstAllowed of nothing")
	}
}

func TestWhatIf(t *testing.T) {
	t.Run("high case updated by the customer restarts the wait under anyone, not under support", testWhatIfP2)
}

func testWhatIfP2(t *testing.T) {
	h := mustParse(t, `{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"high","deployment":"cloud","offering":"commercial","business_impact":true}}
{"at":"2024-03-02T08:00:00Z","type":"updated","by":"customer"}
{"at":"2024-03-02T20:00:00Z","type":"updated","by":"customer"}`)
	w, err := h.WhatIf(Query{Set: escalation.DefaultSet(), Request: portalRequest, From: h.Start(), To: at("2024-03-05T00:00:00Z")}, supportOnly())
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Differences) != 1 {
		t.Fatalf("differences: %+v", w.Differences)
	}
	d := w.Differences[0]
	if d.From != at("2024-03-02T09:00:00Z") || d.Until != at("2024-03-03T20:00:00Z") || d.A.Allowed || !d.B.Allowed ||
		d.A.From != d.From || d.B.Until != d.Until {
		t.Fatalf("difference %+v", d)
	}
	if a, _ := w.Base.FirstAllowed(); a != at("2024-03-03T20:00:00Z") {
		t.Fatalf("base first allowed %v", a)
	}
	if b, _ := w.Other.FirstAllowed(); b != at("2024-03-02T09:00:00Z") {
		t.Fatalf("other first allowed %v", b)
	}
	if got := Compare(w.Base, w.Base); len(got) != 0 {
		t.Fatalf("a timeline differs from itself: %+v", got)
	}
}

func TestTimelineErrors(t *testing.T) {
	h := mustParse(t, string(workedExample(t)))
	ok := Query{Set: escalation.DefaultSet(), Request: portalRequest, From: h.Start(), To: h.End()}
	for _, tc := range []struct {
		name  string
		edit  func(*Query)
		field string
		is    error
	}{
		{"empty window", func(q *Query) { q.To = q.From }, "", ErrWindow},
		{"no window", func(q *Query) { q.From = time.Time{} }, "", ErrWindow},
		{"zero set", func(q *Query) { q.Set = escalation.Set{} }, "", escalation.ErrEmptySet},
		{"unknown version", func(q *Query) { q.Policy = "1999" }, "policy", nil},
		{"last_viewed_at", func(q *Query) { q.Request.LastViewedAt = q.From }, "request.last_viewed_at", nil},
		{"invalid request", func(q *Query) { q.Request.Role = 0 }, "request.role", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := ok
			tc.edit(&q)
			_, err := h.Timeline(q)
			if err == nil {
				t.Fatal("no error")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Fatalf("error %v, want %v", err, tc.is)
			}
			if tc.field != "" {
				ps := escalation.Problems(err)
				if len(ps) != 1 || ps[0].Field != tc.field {
					t.Fatalf("error %v, want one on %s", err, tc.field)
				}
			}
		})
	}
}

func TestSetThatEnds(t *testing.T) {
	cfg := escalation.V20240118().Config()
	cfg.Until = at("2024-06-01T00:00:00Z")
	p, err := escalation.NewPolicy(cfg)
	if err != nil {
		t.Fatal(err)
	}
	set, err := escalation.NewSet(escalation.V2022(), p)
	if err != nil {
		t.Fatal(err)
	}
	h := mustParse(t, string(workedExample(t)))
	q := Query{Set: set, Request: rcaPhone, From: h.Start(), To: at("2024-05-01T00:00:00Z")}
	if _, err := h.Timeline(q); err != nil {
		t.Fatalf("inside the set: %v", err)
	}
	q.To = at("2024-07-01T00:00:00Z")
	if _, err := h.Timeline(q); err == nil {
		t.Fatal("a window past the set's end gives no error")
	}
}
