package lifecycle

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/escalation/access"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
	"github.com/casepolicy/casepolicy/rca"
	gocmp "github.com/google/go-cmp/cmp"
)

// flowCase is a high-priority commercial cloud case with business impact,
// last updated at t0 - 30 hours: a request about it at t0 is allowed.
func flowCase() escalation.Case {
	return escalation.Case{
		ID: "00123456", Status: escalation.Open, Priority: priority.High,
		Deployment: escalation.Cloud, Offering: fedramp.Commercial, BusinessImpact: true,
		LastUpdatedAt: t0.Add(-30 * time.Hour),
	}
}

var flowRequest = escalation.Request{
	Reason: escalation.ReasonNoRecentUpdate, Channel: escalation.Portal,
	Portal: fedramp.CommercialPortal, Role: access.DesignatedContact,
}

func decide(t *testing.T, c escalation.Case, r escalation.Request, at time.Time) escalation.Decision {
	t.Helper()
	d, err := escalation.DefaultSet().Evaluate(&c, r, at)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestOpenFromDecision(t *testing.T) {
	c, _ := NewCase("00123456", fedramp.Commercial)
	allowed := decide(t, flowCase(), flowRequest, t0)
	low := flowCase()
	low.Priority = priority.Low
	denied := decide(t, low, flowRequest, t0)
	update := flowRequest
	update.Reason = escalation.ReasonCaseUpdate
	notified := decide(t, flowCase(), update, t0) // C1 under 2024-01-18
	if !allowed.Allowed || denied.Allowed || !notified.Allowed || notified.Outcome != escalation.CaseOwnerNotified {
		t.Fatalf("decisions: %v %v %v", allowed.Outcome, denied.Outcome, notified.Outcome)
	}
	for name, d := range map[string]escalation.Decision{"M1 a denied request opens nothing": denied,
		"M1 C1's case_owner_notified opens nothing": notified, "M1 the zero Decision opens nothing": {}} {
		if _, _, err := c.OpenFrom("E-1", d, t0, ""); !errors.Is(err, ErrNotAllowed) {
			t.Errorf("%s: error %v, want ErrNotAllowed", name, err)
		}
	}
	c2, conf, err := c.OpenFrom("E-1", allowed, t0, "")
	if err != nil || conf.EscalationID != "E-1" || !conf.CreatedAt.Equal(t0) {
		t.Fatalf("M1 OpenFrom(allowed) = %+v, %v", conf, err)
	}
	if _, _, err := c2.OpenFrom("E-2", allowed, t0.Add(time.Hour), ""); !errors.Is(err, ErrActiveEscalation) {
		t.Errorf("G5 OpenFrom while E-1 is active: error %v, want ErrActiveEscalation", err)
	}
}

func TestSnapshot(t *testing.T) {
	c, _ := escalationIn(t, Closed) // E-1 submitted at t0, closed at t0+4h
	c, _, _ = c.Open("E-2", t0.Add(5*time.Hour), "")
	want := []escalation.Escalation{
		{ID: "E-1", OpenedAt: t0, ClosedAt: t0.Add(4 * time.Hour)},
		{ID: "E-2", OpenedAt: t0.Add(5 * time.Hour)},
	}
	if diff := gocmp.Diff(want, c.Snapshot()); diff != "" {
		t.Errorf("G5 Snapshot mismatch (-want +got):\n%s", diff)
	}
	c2, _ := escalationIn(t, Rejected) // rejected at t0+2h
	if got := c2.Snapshot(); len(got) != 1 || !got[0].ClosedAt.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("G5 a rejected escalation's snapshot = %+v, want closed at its rejection", got)
	}
	// The decision reads the snapshot: while E-2 is active, G5 denies.
	snap := flowCase()
	snap.ID = c.ID()
	snap.LastUpdatedAt = t0.Add(-30 * time.Hour)
	snap.Escalations = c.Snapshot()
	if d := decide(t, snap, flowRequest, t0.Add(6*time.Hour)); !d.Has(escalation.ActiveEscalation) {
		t.Errorf("G5 decision on the snapshot: %+v, want ACTIVE_ESCALATION", d.Reasons)
	}
}

func TestReview(t *testing.T) {
	open := func(t *testing.T) Case {
		c, _ := NewCase("00123456", fedramp.Commercial)
		c, _, err := c.OpenFrom("E-1", decide(t, flowCase(), flowRequest, t0), t0, "")
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	t.Run("M2 review accepts a request still allowed, the escalation itself not counting (G5)", func(t *testing.T) {
		c, d, err := open(t).Review("E-1", escalation.DefaultSet(), OwnerReview{Case: flowCase(), Request: flowRequest, At: t0.Add(time.Hour), Note: "valid"})
		if err != nil || !d.Allowed {
			t.Fatalf("Review = %+v, %v", d, err)
		}
		e, _ := c.Escalation("E-1")
		var states []State
		for _, h := range e.History() {
			states = append(states, h.State)
		}
		if diff := gocmp.Diff([]State{Submitted, UnderReview, Accepted}, states); diff != "" {
			t.Errorf("history mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("M2 review rejects with the decision's reasons and the process", func(t *testing.T) {
		snap := flowCase()
		snap.AwaitingCustomer = true // changed since the request
		snap.BusinessImpact = false
		at := t0.Add(2 * time.Hour)
		c, d, err := open(t).Review("E-1", escalation.DefaultSet(), OwnerReview{Case: snap, Request: flowRequest, At: at, Process: "Send the logs."})
		if err != nil || d.Allowed {
			t.Fatalf("Review = %+v, %v", d, err)
		}
		e, _ := c.Escalation("E-1")
		r, ok := e.Rejection()
		want := Rejection{Reasons: decide(t, snap, flowRequest, at).Reasons.Slice(), Process: "Send the logs."}
		if diff := gocmp.Diff(want, r); !ok || diff != "" || len(r.Reasons) != 2 {
			t.Errorf("Rejection mismatch (-want +got):\n%s", diff)
		}
		if _, _, err := c.Review("E-1", escalation.DefaultSet(), OwnerReview{Case: flowCase(), Request: flowRequest, At: at}); !errors.Is(err, ErrIllegalTransition) {
			t.Errorf("M5 reviewing a rejected escalation: error %v", err)
		}
	})
	t.Run("M2 review errors", func(t *testing.T) {
		c := open(t)
		other := flowCase()
		other.ID = "00999999"
		for name, tt := range map[string]struct {
			id     string
			r      OwnerReview
			field  string
			target error
		}{
			"no such escalation":      {"E-9", OwnerReview{Case: flowCase(), Request: flowRequest, At: t0}, "id", ErrInvalidInput},
			"another case's snapshot": {"E-1", OwnerReview{Case: other, Request: flowRequest, At: t0}, "case.id", ErrInvalidInput},
			"an invalid request":      {"E-1", OwnerReview{Case: flowCase(), At: t0}, "request.reason", ErrInvalidInput},
			"before the escalation":   {"E-1", OwnerReview{Case: flowCase(), Request: flowRequest, At: t0.Add(-time.Minute)}, "", ErrOutOfOrder},
		} {
			_, _, err := c.Review(tt.id, escalation.DefaultSet(), tt.r)
			if !errors.Is(err, tt.target) || tt.field != "" && (len(escalation.Problems(err)) == 0 || escalation.Problems(err)[0].Field != tt.field) {
				t.Errorf("%s: error %v, want %v on %q", name, err, tt.target, tt.field)
			}
		}
	})
}

func TestNewItem(t *testing.T) {
	c, _ := NewCase("00123456", fedramp.Commercial)
	c, _, _ = c.Open("E-1", t0, "")
	e, _ := c.Escalation("E-1")
	requested := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC) // a Friday
	restored := time.Date(2024, 3, 4, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		policy escalation.Policy
		change func(*escalation.Case)
		due    time.Time
	}{
		{"R2 no RCA requested: none due", escalation.V20240118(), func(*escalation.Case) {}, time.Time{}},
		{"R2 cloud RCA due 5 business days after the request", escalation.V2022(),
			func(c *escalation.Case) { c.RCA.RequestedAt = requested }, time.Date(2024, 3, 8, 12, 0, 0, 0, time.UTC)},
		{"R2 premise RCA due 7 business days after the request", escalation.V2022(),
			func(c *escalation.Case) { c.RCA.RequestedAt = requested; c.Deployment = escalation.Premise }, time.Date(2024, 3, 12, 12, 0, 0, 0, time.UTC)},
		{"R2 2022 counts from the request, not the restoration", escalation.V2022(),
			func(c *escalation.Case) { c.RCA = rca.Analysis{RequestedAt: requested, ServiceRestoredAt: restored} }, time.Date(2024, 3, 8, 12, 0, 0, 0, time.UTC)},
		{"R2 2024-01-18 counts from the later restoration", escalation.V20240118(),
			func(c *escalation.Case) { c.RCA = rca.Analysis{RequestedAt: requested, ServiceRestoredAt: restored} }, time.Date(2024, 3, 11, 12, 0, 0, 0, time.UTC)},
		{"R3 a delivered RCA is not due", escalation.V20240118(),
			func(c *escalation.Case) { c.RCA = rca.Analysis{RequestedAt: requested, DeliveredAt: restored} }, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap := flowCase()
			tt.change(&snap)
			it, err := NewItem(e, &snap, tt.policy)
			if err != nil {
				t.Fatal(err)
			}
			want := Item{ID: "E-1", CaseID: "00123456", Priority: priority.High, BusinessImpact: true, Offering: fedramp.Commercial,
				SubmittedAt: t0, LastUpdatedAt: snap.LastUpdatedAt, RCADueAt: tt.due}
			if diff := gocmp.Diff(want, it); diff != "" {
				t.Errorf("NewItem mismatch (-want +got):\n%s", diff)
			}
		})
	}
	closed, _ := escalationIn(t, Closed)
	ce, _ := closed.Escalation("E-1")
	other := flowCase()
	if _, err := NewItem(ce, &other, escalation.Policy{}); gocmp.Diff([]string{"state", "case.id", "policy"}, fieldsOf(err)) != "" {
		t.Errorf("NewItem of a closed escalation on another case without a policy: %v", err)
	}
}

// Example_flow follows one request from the decision to the owner's queue:
// the decision allows it, which opens an escalation (M1); the owner reviews it
// on the case as it stands then (M2) and accepts it; the accepted escalation
// joins the queue (M3) next to one whose review found the case waiting on
// the customer, which is rejected with the decision's reasons.
func Example_flow() {
	set := escalation.DefaultSet()
	now := time.Date(2024, 3, 5, 16, 0, 0, 0, time.UTC)
	snapshot := escalation.Case{
		ID: "00123456", Status: escalation.Open, Priority: priority.High,
		Deployment: escalation.Cloud, Offering: fedramp.Commercial, BusinessImpact: true,
		LastUpdatedAt: time.Date(2024, 3, 4, 10, 0, 0, 0, time.UTC),
		RCA:           rca.Analysis{RequestedAt: time.Date(2024, 2, 26, 9, 0, 0, 0, time.UTC)},
	}
	request := escalation.Request{
		Reason: escalation.ReasonRCA, Channel: escalation.Portal,
		Portal: fedramp.CommercialPortal, Role: access.DesignatedContact,
	}

	// Request → decision → escalation (M1).
	c, _ := NewCase(snapshot.ID, snapshot.Offering)
	snapshot.Escalations = c.Snapshot()
	d, _ := set.Evaluate(&snapshot, request, now)
	c, conf, err := c.OpenFrom("E-1", d, now, "")
	fmt.Println(d.Outcome, err)
	fmt.Println(conf.Banner)

	// Review (M2): the same set decides again at the review instant.
	c, d, err = c.Review("E-1", set, OwnerReview{Case: snapshot, Request: request, At: now.Add(time.Hour)})
	e, _ := c.Escalation("E-1")
	fmt.Println(e.State(), d.Allowed, err)

	// A second case, reviewed once the customer owes information: rejected.
	other := snapshot
	other.ID, other.RCA = "00777777", rca.Analysis{}
	request2 := request
	request2.Reason = escalation.ReasonNoRecentUpdate
	c2, _ := NewCase(other.ID, other.Offering)
	d2, _ := set.Evaluate(&other, request2, now)
	c2, _, _ = c2.OpenFrom("E-2", d2, now, "")
	other.AwaitingCustomer = true
	c2, _, _ = c2.Review("E-2", set, OwnerReview{Case: other, Request: request2, At: now.Add(time.Hour)})
	e2, _ := c2.Escalation("E-2")
	r, _ := e2.Rejection()
	for _, reason := range r.Reasons {
		fmt.Println(e2.State(), reason.Code, reason.Clause)
	}

	// Queue (M3): items from the snapshot and the policy in force.
	p, _ := set.At(now)
	it, _ := NewItem(e, &snapshot, p)
	fmt.Println("RCA due", it.RCADueAt.Format(time.RFC3339))
	q, _ := Order([]Item{it}, now.Add(2*time.Hour))
	fmt.Println(q[0].Position, q[0].Item.ID, q[0].RCAOverdue, q.Reason(0))
	// Output:
	// escalation_created <nil>
	// Escalation E-1 has been created on case 00123456 at 2024-03-05T16:00:00Z. The escalation owner will review it.
	// accepted true <nil>
	// rejected AWAITING_CUSTOMER G3
	// RCA due 2024-03-04T09:00:00Z
	// 1 E-1 true last in the queue
}

func TestRouteUnderPolicy(t *testing.T) {
	tests := []struct {
		name   string
		p      escalation.Policy
		m      Message
		o      fedramp.Offering
		feed   Feed
		clause string
	}{
		{"M4 under 2022 a FedRAMP case has an escalation feed", escalation.V2022(), EscalationCommunication, fedramp.FedRAMP, EscalationFeed, "M4"},
		{"F10 from 2024-01-18 a FedRAMP case has none", escalation.V20240118(), EscalationCommunication, fedramp.FedRAMP, CaseFeed, "F10"},
		{"M4 a commercial case has one under every policy", escalation.V20240118(), EscalationCommunication, fedramp.Commercial, EscalationFeed, "M4"},
		{"M4 technical updates go to the case feed", escalation.V2022(), TechnicalUpdate, fedramp.FedRAMP, CaseFeed, "M4"},
	}
	for _, tt := range tests {
		r, err := RouteUnder(tt.p, tt.m, tt.o)
		if err != nil || r.Feed != tt.feed || r.Clause != tt.clause || r.Redirected != (tt.clause == "F10") {
			t.Errorf("%s: %+v, %v", tt.name, r, err)
		}
	}
	if _, err := RouteUnder(escalation.Policy{}, TechnicalUpdate, fedramp.Commercial); gocmp.Diff([]string{"policy"}, fieldsOf(err)) != "" {
		t.Errorf("RouteUnder(zero Policy) error %v", err)
	}
}
