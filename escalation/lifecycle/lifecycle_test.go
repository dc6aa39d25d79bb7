package lifecycle

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/google/go-cmp/cmp"
)

var t0 = time.Date(2024, 3, 4, 15, 0, 0, 0, time.UTC)

var allStates = []State{Submitted, UnderReview, Rejected, Accepted, InProgress, Closed}

// legal is M5 written out independently of CanGoTo.
var legal = map[[2]State]bool{
	{Submitted, UnderReview}: true,
	{UnderReview, Rejected}:  true,
	{UnderReview, Accepted}:  true,
	{Accepted, InProgress}:   true,
	{InProgress, Closed}:     true,
}

var someReason = Reason{Code: escalation.LowPriority, Clause: "P1", Message: "low-priority cases are not eligible"}

// move applies the transition to state to, or an error for Submitted, which
// has no transition into it.
func move(e Escalation, to State, now time.Time) (Escalation, error) {
	switch to {
	case UnderReview:
		return e.Review(now, "reviewing")
	case Rejected:
		return e.Reject(now, Rejection{Reasons: []Reason{someReason}})
	case Accepted:
		return e.Accept(now, "valid")
	case InProgress:
		return e.Start(now, "working")
	case Closed:
		return e.Close(now, "done")
	}
	return Escalation{}, &TransitionError{ID: e.ID(), From: e.State(), To: to}
}

// pathTo is the documented path from submitted to s.
func pathTo(s State) []State {
	switch s {
	case Submitted:
		return nil
	case UnderReview:
		return []State{UnderReview}
	case Rejected:
		return []State{UnderReview, Rejected}
	case Accepted:
		return []State{UnderReview, Accepted}
	case InProgress:
		return []State{UnderReview, Accepted, InProgress}
	case Closed:
		return []State{UnderReview, Accepted, InProgress, Closed}
	}
	panic("no path")
}

// escalationIn returns escalation E-1 on case C-1 in state s, each step an
// hour after the last, starting at t0.
func escalationIn(t testing.TB, s State) (Case, Escalation) {
	t.Helper()
	c, err := NewCase("C-1", fedramp.Commercial)
	if err != nil {
		t.Fatal(err)
	}
	c, _, err = c.Open("E-1", t0, "please help")
	if err != nil {
		t.Fatal(err)
	}
	e, _ := c.Escalation("E-1")
	for i, st := range pathTo(s) {
		if e, err = move(e, st, t0.Add(time.Duration(i+1)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if c, err = c.Update(e); err != nil {
		t.Fatal(err)
	}
	return c, e
}

func TestTransitions(t *testing.T) {
	tests := []struct {
		name     string
		from, to State
		allowed  bool
	}{
		{"M5 allows submitted → under_review", Submitted, UnderReview, true},
		{"M5 allows under_review → rejected", UnderReview, Rejected, true},
		{"M5 allows under_review → accepted", UnderReview, Accepted, true},
		{"M5 allows accepted → in_progress", Accepted, InProgress, true},
		{"M5 allows in_progress → closed", InProgress, Closed, true},
		{"M5 rejects closed → in_progress", Closed, InProgress, false},
		{"M5 rejects submitted → accepted without review", Submitted, Accepted, false},
		{"M5 rejects submitted → closed", Submitted, Closed, false},
		{"M5 rejects rejected → accepted", Rejected, Accepted, false},
		{"M5 rejects accepted → rejected", Accepted, Rejected, false},
		{"M5 rejects under_review → in_progress", UnderReview, InProgress, false},
		{"M5 rejects accepted → closed without work", Accepted, Closed, false},
		{"M5 rejects closed → closed", Closed, Closed, false},
		{"M5 rejects in_progress → under_review", InProgress, UnderReview, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, e := escalationIn(t, tt.from)
			got, err := move(e, tt.to, t0.Add(10*time.Hour))
			if tt.allowed {
				if err != nil {
					t.Fatalf("move(%v → %v) = %v, want no error", tt.from, tt.to, err)
				}
				if got.State() != tt.to {
					t.Errorf("State() = %v, want %v", got.State(), tt.to)
				}
				return
			}
			var te *TransitionError
			if !errors.As(err, &te) || !errors.Is(err, ErrIllegalTransition) {
				t.Fatalf("move(%v → %v) error = %v, want a *TransitionError wrapping ErrIllegalTransition", tt.from, tt.to, err)
			}
			if diff := cmp.Diff(&TransitionError{ID: "E-1", From: tt.from, To: tt.to}, te); diff != "" {
				t.Errorf("TransitionError mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCanGoToIsExactlyM5(t *testing.T) {
	for _, from := range append([]State{0, 7}, allStates...) {
		for _, to := range append([]State{0, 7}, allStates...) {
			if got := from.CanGoTo(to); got != legal[[2]State{from, to}] {
				t.Errorf("%v.CanGoTo(%v) = %v, want %v", from, to, got, !got)
			}
		}
	}
}

func TestTransitionErrorText(t *testing.T) {
	_, e := escalationIn(t, Closed)
	_, err := e.Start(t0.Add(24*time.Hour), "")
	if got, want := err.Error(), `escalation E-1: cannot go from "closed" to "in_progress"`; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

func TestTransitionTimes(t *testing.T) {
	_, e := escalationIn(t, Accepted) // accepted at t0+2h
	t.Run("M5 refuses a transition before the last one", func(t *testing.T) {
		_, err := e.Start(t0.Add(time.Hour), "")
		if !errors.Is(err, ErrOutOfOrder) {
			t.Fatalf("Start before the last transition: error = %v, want ErrOutOfOrder", err)
		}
	})
	t.Run("M5 allows a transition at the instant of the last one", func(t *testing.T) {
		if _, err := e.Start(t0.Add(2*time.Hour), ""); err != nil {
			t.Fatalf("Start at the last instant: %v", err)
		}
	})
	t.Run("M5 compares instants, not zones", func(t *testing.T) {
		ny := time.FixedZone("EST", -5*3600)
		if _, err := e.Start(t0.Add(2*time.Hour).In(ny), ""); err != nil {
			t.Fatalf("Start at the same instant in another zone: %v", err)
		}
	})
}

func TestTransitionKeepsOldValue(t *testing.T) {
	_, e := escalationIn(t, UnderReview)
	before := e.History()
	accepted, err := e.Accept(t0.Add(5*time.Hour), "valid")
	if err != nil {
		t.Fatal(err)
	}
	rejected, err := e.Reject(t0.Add(5*time.Hour), Rejection{Reasons: []Reason{someReason}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, e.History()); diff != "" {
		t.Errorf("M5 old value changed (-before +after):\n%s", diff)
	}
	if e.State() != UnderReview || accepted.State() != Accepted || rejected.State() != Rejected {
		t.Errorf("states = %v, %v, %v; want under_review, accepted, rejected", e.State(), accepted.State(), rejected.State())
	}
	h := accepted.History()
	h[0].Note = "rewritten"
	if accepted.History()[0].Note == "rewritten" {
		t.Error("History returned the escalation's own slice")
	}
	want := []Entry{
		{Submitted, t0, "please help"},
		{UnderReview, t0.Add(time.Hour), "reviewing"},
		{Accepted, t0.Add(5 * time.Hour), "valid"},
	}
	if diff := cmp.Diff(want, accepted.History()); diff != "" {
		t.Errorf("M5 history mismatch (-want +got):\n%s", diff)
	}
}

func TestZeroEscalation(t *testing.T) {
	var e Escalation
	if e.State() != 0 || e.IsActive() || !e.CreatedAt().IsZero() {
		t.Errorf("zero Escalation: State %v, IsActive %v, CreatedAt %v", e.State(), e.IsActive(), e.CreatedAt())
	}
	for _, to := range allStates[1:] {
		if _, err := move(e, to, t0); !errors.Is(err, ErrIllegalTransition) {
			t.Errorf("zero Escalation → %v: error = %v, want ErrIllegalTransition", to, err)
		}
	}
}

func TestOpenConfirms(t *testing.T) {
	c, _ := NewCase("00123456", fedramp.Commercial)
	at := time.Date(2024, 3, 4, 10, 0, 0, 500_000_000, time.FixedZone("EST", -5*3600))
	c2, conf, err := c.Open("E-1", at, "no update for two days")
	if err != nil {
		t.Fatal(err)
	}
	want := Confirmation{
		EscalationID: "E-1", CaseID: "00123456", CreatedAt: at,
		Banner: "Escalation E-1 has been created on case 00123456 at 2024-03-04T15:00:00.5Z. The escalation owner will review it.",
	}
	if diff := cmp.Diff(want, conf); diff != "" {
		t.Errorf("M1 confirmation mismatch (-want +got):\n%s", diff)
	}
	e, ok := c2.Escalation("E-1")
	if !ok || !e.CreatedAt().Equal(at) || e.State() != Submitted || e.CaseID() != "00123456" {
		t.Errorf("M1 escalation = %v %v %v %v, want submitted on 00123456 created at %v", ok, e.State(), e.CaseID(), e.CreatedAt(), at)
	}
	if len(c.Escalations()) != 0 {
		t.Error("Open changed the old case")
	}
}

func TestReject(t *testing.T) {
	_, e := escalationIn(t, UnderReview)
	reasons := []Reason{someReason, {Code: escalation.NoBusinessImpact, Clause: "P2", Message: "no impact"}}
	t.Run("M2 rejection keeps every reason and the process", func(t *testing.T) {
		r, err := e.Reject(t0.Add(3*time.Hour), Rejection{Reasons: reasons, Process: "call us"})
		if err != nil {
			t.Fatal(err)
		}
		reasons[0].Code = escalation.CaseClosed
		got, ok := r.Rejection()
		want := Rejection{Reasons: []Reason{someReason, {Code: escalation.NoBusinessImpact, Clause: "P2", Message: "no impact"}}, Process: "call us"}
		if diff := cmp.Diff(want, got); !ok || diff != "" {
			t.Errorf("Rejection() ok=%v mismatch (-want +got):\n%s", ok, diff)
		}
		reasons[0].Code = someReason.Code
	})
	t.Run("M2 rejection without a process gives the default process", func(t *testing.T) {
		r, err := e.Reject(t0.Add(3*time.Hour), Rejection{Reasons: reasons})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := r.Rejection(); got.Process != DefaultProcess {
			t.Errorf("Process = %q, want DefaultProcess", got.Process)
		}
	})
	t.Run("M2 an escalation not rejected has no rejection", func(t *testing.T) {
		if _, ok := e.Rejection(); ok {
			t.Error("Rejection() ok = true under review")
		}
	})
	errTests := []struct {
		name   string
		r      Rejection
		fields []string
	}{
		{"M2 rejection needs a reason", Rejection{}, []string{"reasons"}},
		{"M2 each reason needs a code and a clause", Rejection{Reasons: []Reason{{Message: "x"}, {Code: escalation.NoCase, Clause: "G1"}, {Code: escalation.CaseClosed}, {Code: 200, Clause: "X"}, {Code: escalation.UnseenUpdate, Clause: "G4"}}},
			[]string{"reasons[0].code", "reasons[0].clause", "reasons[2].clause", "reasons[3].code", "reasons[4].code"}},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.Reject(t0.Add(3*time.Hour), tt.r)
			if diff := cmp.Diff(tt.fields, fieldsOf(err)); diff != "" || !errors.Is(err, ErrInvalidInput) {
				t.Errorf("Reject error %v: fields mismatch (-want +got):\n%s", err, diff)
			}
		})
	}
}

// fieldsOf lists the Field of every *FieldError in err's tree, depth first.
func fieldsOf(err error) []string {
	var out []string
	var walk func(error)
	walk = func(err error) {
		if fe, ok := err.(*FieldError); ok {
			out = append(out, fe.Field)
			return
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	if err != nil {
		walk(err)
	}
	return out
}

func TestOneActiveEscalation(t *testing.T) {
	tests := []struct {
		name    string
		state   State         // E-1's state
		at      time.Duration // when E-2 opens, after t0
		wantErr error
	}{
		{"G5 refuses a second escalation while one is submitted", Submitted, 10 * time.Hour, ErrActiveEscalation},
		{"G5 refuses a second escalation while one is under review", UnderReview, 10 * time.Hour, ErrActiveEscalation},
		{"G5 refuses a second escalation while one is accepted", Accepted, 10 * time.Hour, ErrActiveEscalation},
		{"G5 refuses a second escalation while one is in progress", InProgress, 10 * time.Hour, ErrActiveEscalation},
		{"G5 allows a new escalation after a rejection", Rejected, 10 * time.Hour, nil},
		{"G5 allows a new escalation after the last one closed", Closed, 10 * time.Hour, nil},
		{"G5 allows a new escalation at the instant the last one closed", Closed, 4 * time.Hour, nil},
		{"G5 refuses a new escalation before the last one closed", Closed, 3 * time.Hour, ErrOutOfOrder},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := escalationIn(t, tt.state)
			c2, _, err := c.Open("E-2", t0.Add(tt.at), "")
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("Open(E-2) error = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			a, ok := c2.Active()
			if !ok || a.ID() != "E-2" || len(c2.Escalations()) != 2 {
				t.Errorf("after Open: active %v %q, %d escalations; want E-2 active of 2", ok, a.ID(), len(c2.Escalations()))
			}
		})
	}
}

func TestActiveEscalationErrorText(t *testing.T) {
	c, _ := escalationIn(t, Accepted)
	_, _, err := c.Open("E-2", t0.Add(10*time.Hour), "")
	if got, want := err.Error(), `case C-1: open E-2: an escalation is already active on the case: E-1 is "accepted" (G5)`; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

func TestCaseErrors(t *testing.T) {
	c, e := escalationIn(t, UnderReview)
	accepted, _ := e.Accept(t0.Add(5*time.Hour), "")
	rejected, _ := e.Reject(t0.Add(5*time.Hour), Rejection{Reasons: []Reason{someReason}})
	c2, err := c.Update(accepted)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := NewCase("C-2", fedramp.Commercial)
	other, _, _ = other.Open("E-1", t0, "please help")
	foreign, _ := other.Escalation("E-1")
	tests := []struct {
		name  string
		do    func() error
		field string
	}{
		{"G5 refuses an empty escalation ID", func() error { _, _, err := c.Open("", t0.Add(9*time.Hour), ""); return err }, "id"},
		{"G5 refuses an escalation ID used on the case", func() error {
			closed, _ := escalationIn(t, Closed)
			_, _, err := closed.Open("E-1", t0.Add(9*time.Hour), "")
			return err
		}, "id"},
		{"M5 history only grows: an older version is refused", func() error { _, err := c2.Update(e); return err }, "history"},
		{"M5 history only grows: a diverging version is refused", func() error { _, err := c2.Update(rejected); return err }, "history"},
		{"Update refuses an escalation the case does not have", func() error { _, err := c.Update(Escalation{}); return err }, "id"},
		{"Update refuses an escalation of another case", func() error { _, err := c.Update(foreign); return err }, "id"},
		{"NewCase refuses an empty ID", func() error { _, err := NewCase("", fedramp.Commercial); return err }, "id"},
		{"NewCase refuses an unknown offering", func() error { _, err := NewCase("C", fedramp.Offering(9)); return err }, "offering"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do()
			if diff := cmp.Diff([]string{tt.field}, fieldsOf(err)); diff != "" || !errors.Is(err, ErrInvalidInput) {
				t.Errorf("error %v: fields mismatch (-want +got):\n%s", err, diff)
			}
		})
	}
}

func TestRoute(t *testing.T) {
	tests := []struct {
		name     string
		m        Message
		offering fedramp.Offering
		want     Routing
	}{
		{"M4 sends a technical update to the case feed", TechnicalUpdate, fedramp.Commercial, Routing{Feed: CaseFeed, Clause: "M4"}},
		{"M4 sends escalation communication to the escalation feed", EscalationCommunication, fedramp.Commercial, Routing{Feed: EscalationFeed, Clause: "M4"}},
		{"F10 sends a FedRAMP technical update to the case feed", TechnicalUpdate, fedramp.FedRAMP, Routing{Feed: CaseFeed, Clause: "M4"}},
		{"F10 FedRAMP cases have no escalation feed", EscalationCommunication, fedramp.FedRAMP, Routing{Feed: CaseFeed, Clause: "F10", Redirected: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Route(tt.m, tt.offering)
			if err != nil {
				t.Fatal(err)
			}
			if got.Explanation == "" {
				t.Error("empty Explanation")
			}
			got.Explanation = ""
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Route(%v, %v) mismatch (-want +got):\n%s", tt.m, tt.offering, diff)
			}
		})
	}
	if HasEscalationFeed(fedramp.FedRAMP) || !HasEscalationFeed(fedramp.Commercial) {
		t.Error("F10 HasEscalationFeed: want commercial only")
	}
	c, _ := NewCase("C", fedramp.FedRAMP)
	if r, _ := c.Route(EscalationCommunication); r.Clause != "F10" {
		t.Errorf("Case.Route on a FedRAMP case: clause %q, want F10", r.Clause)
	}
	_, err := Route(0, fedramp.Offering(7))
	if diff := cmp.Diff([]string{"message", "offering"}, fieldsOf(err)); diff != "" {
		t.Errorf("Route(invalid) fields mismatch (-want +got):\n%s", diff)
	}
}

type textEnum interface {
	String() string
	MarshalText() ([]byte, error)
}

func TestEnumsRoundTrip(t *testing.T) {
	check := func(t *testing.T, vals []textEnum, parse func(string) (textEnum, error), wantNames string) {
		var names []string
		for _, v := range vals {
			b, err := v.MarshalText()
			if err != nil {
				t.Fatal(err)
			}
			got, err := parse(string(b))
			if err != nil || got != v {
				t.Errorf("parse(%q) = %v, %v; want %v", b, got, err, v)
			}
			names = append(names, v.String())
		}
		if got := strings.Join(names, " "); got != wantNames {
			t.Errorf("names = %q, want %q", got, wantNames)
		}
		for _, bad := range []string{"", "Closed", " closed", "unknown"} {
			if _, err := parse(bad); !errors.Is(err, ErrUnknownValue) || !strings.Contains(err.Error(), `"`+bad+`"`) {
				t.Errorf("parse(%q) error = %v, want ErrUnknownValue quoting the input", bad, err)
			}
		}
	}
	t.Run("M5 state names", func(t *testing.T) {
		var vals []textEnum
		for _, s := range allStates {
			vals = append(vals, s)
		}
		check(t, vals, func(s string) (textEnum, error) { return ParseState(s) },
			"submitted under_review rejected accepted in_progress closed")
		var s State
		if err := s.UnmarshalText([]byte("in_progress")); err != nil || s != InProgress {
			t.Errorf("UnmarshalText = %v, %v", s, err)
		}
		if _, err := State(0).MarshalText(); !errors.Is(err, ErrUnknownValue) {
			t.Errorf("State(0).MarshalText error = %v", err)
		}
	})
	t.Run("M3 rank key names", func(t *testing.T) {
		var vals []textEnum
		for k := ByPriority; k <= Last; k++ {
			vals = append(vals, k)
		}
		check(t, vals, func(s string) (textEnum, error) { return ParseRankKey(s) },
			"priority business_impact offering rca_overdue days_waiting hours_since_update submitted_at id duplicate_id last")
	})
	t.Run("M4 message and feed names", func(t *testing.T) {
		check(t, []textEnum{TechnicalUpdate, EscalationCommunication}, func(s string) (textEnum, error) { return ParseMessage(s) },
			"technical_update escalation_communication")
		check(t, []textEnum{CaseFeed, EscalationFeed}, func(s string) (textEnum, error) { return ParseFeed(s) },
			"case_feed escalation_feed")
		var m Message
		var f Feed
		if m.UnmarshalText([]byte("technical_update")) != nil || f.UnmarshalText([]byte("escalation_feed")) != nil || m != TechnicalUpdate || f != EscalationFeed {
			t.Errorf("UnmarshalText = %v, %v", m, f)
		}
	})
}
