package lifecycle

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// snapshot is a Case value together with deep copies of what it held when it
// was made: a later step must not change it.
type snapshot struct {
	c       Case
	ids     []string
	history [][]Entry
}

func snap(c Case) snapshot {
	s := snapshot{c: c}
	for _, e := range c.Escalations() {
		s.ids = append(s.ids, e.ID())
		s.history = append(s.history, e.History())
	}
	return s
}

// TestCaseStateMachine drives one case through random requests and
// transitions, some of them illegal or out of order, and checks after every
// step that the case keeps G5 and M5.
func TestCaseStateMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, err := NewCase("C-1", fedramp.Commercial)
		if err != nil {
			t.Fatal(err)
		}
		// The model: each escalation's state and the case's last event,
		// kept without the package's own logic.
		model := map[string]State{}
		var order []string // escalation IDs, oldest first
		var lastEvent time.Time
		var snaps []snapshot
		ids := []string{"E-1", "E-2", "E-3", "E-4", "E-5", "E-6"}

		drawAt := func(t *rapid.T) time.Time {
			// Mostly forward, sometimes backward, sometimes the same instant.
			d := rapid.Int64Range(-3, 30).Draw(t, "hours after the last event")
			return lastEvent.Add(time.Duration(d) * time.Hour)
		}
		lastEvent = t0

		t.Repeat(map[string]func(*rapid.T){
			"open": func(t *rapid.T) {
				id := rapid.SampledFrom(ids).Draw(t, "id")
				at := drawAt(t)
				active := ""
				for _, o := range order {
					if s := model[o]; s != Rejected && s != Closed {
						active = o
					}
				}
				_, used := model[id]
				before := snap(c)
				next, conf, err := c.Open(id, at, "")
				snaps = append(snaps, before)
				switch {
				case used:
					if !errors.Is(err, ErrInvalidInput) {
						t.Fatalf("Open(%s) of a used ID: error = %v, want ErrInvalidInput", id, err)
					}
				case active != "":
					if !errors.Is(err, ErrActiveEscalation) {
						t.Fatalf("Open(%s) while %s is %v: error = %v, want ErrActiveEscalation", id, active, model[active], err)
					}
				case len(order) > 0 && at.Before(lastEvent):
					if !errors.Is(err, ErrOutOfOrder) {
						t.Fatalf("Open(%s) at %v before the last event %v: error = %v, want ErrOutOfOrder", id, at, lastEvent, err)
					}
				default:
					if err != nil {
						t.Fatalf("Open(%s) at %v: %v", id, at, err)
					}
					if conf.EscalationID != id || !conf.CreatedAt.Equal(at) {
						t.Fatalf("Open(%s) confirmation = %+v", id, conf)
					}
					c = next
					model[id] = Submitted
					if len(order) == 0 || at.After(lastEvent) {
						lastEvent = at
					}
					order = append(order, id)
				}
			},
			"transition": func(t *rapid.T) {
				if len(order) == 0 {
					t.Skip("no escalation yet")
				}
				id := rapid.SampledFrom(order).Draw(t, "escalation")
				to := rapid.SampledFrom(allStates[1:]).Draw(t, "to")
				e, ok := c.Escalation(id)
				if !ok {
					t.Fatalf("escalation %s lost", id)
				}
				at := drawAt(t)
				from := model[id]
				next, err := move(e, to, at)
				switch {
				case !legal[[2]State{from, to}]:
					var te *TransitionError
					if !errors.As(err, &te) || te.From != from || te.To != to || !errors.Is(err, ErrIllegalTransition) {
						t.Fatalf("%s %v → %v: error = %v, want an illegal transition", id, from, to, err)
					}
					return
				case at.Before(e.UpdatedAt()):
					if !errors.Is(err, ErrOutOfOrder) {
						t.Fatalf("%s %v → %v at %v before %v: error = %v, want ErrOutOfOrder", id, from, to, at, e.UpdatedAt(), err)
					}
					return
				case err != nil:
					t.Fatalf("%s %v → %v: %v", id, from, to, err)
				}
				if e.State() != from {
					t.Fatalf("the transition changed the old escalation to %v", e.State())
				}
				before := snap(c)
				c, err = c.Update(next)
				if err != nil {
					t.Fatalf("Update(%s): %v", id, err)
				}
				snaps = append(snaps, before)
				model[id] = to
				if at.After(lastEvent) {
					lastEvent = at
				}
			},
			"update with an old version": func(t *rapid.T) {
				if len(snaps) == 0 {
					t.Skip("no old version yet")
				}
				old := rapid.SampledFrom(snaps).Draw(t, "old case")
				if len(old.ids) == 0 {
					t.Skip("no escalation in the old case")
				}
				i := rapid.IntRange(0, len(old.ids)-1).Draw(t, "escalation")
				stale, _ := old.c.Escalation(old.ids[i])
				cur, _ := c.Escalation(old.ids[i])
				_, err := c.Update(stale)
				if same := len(stale.History()) == len(cur.History()); same != (err == nil) {
					t.Fatalf("Update with a version of %d steps over one of %d: error = %v", len(stale.History()), len(cur.History()), err)
				}
			},
			"": func(t *rapid.T) {
				es := c.Escalations()
				// The case holds exactly the model's escalations, in order.
				var got []string
				for _, e := range es {
					got = append(got, e.ID())
				}
				if !slices.Equal(got, order) {
					t.Fatalf("escalations %v, want %v", got, order)
				}
				active := 0
				for i, e := range es {
					if e.State() != model[e.ID()] {
						t.Fatalf("%s is %v, model says %v", e.ID(), e.State(), model[e.ID()])
					}
					if e.IsActive() {
						active++
					}
					// Every state reached only the documented ways.
					h := e.History()
					if h[0].State != Submitted {
						t.Fatalf("%s starts in %v", e.ID(), h[0].State)
					}
					for j := 1; j < len(h); j++ {
						if !legal[[2]State{h[j-1].State, h[j].State}] || h[j].At.Before(h[j-1].At) {
							t.Fatalf("%s history step %d: %v at %v → %v at %v", e.ID(), j, h[j-1].State, h[j-1].At, h[j].State, h[j].At)
						}
					}
					// Active periods never overlap: each escalation opens
					// after the one before it ended.
					if i > 0 {
						prev := es[i-1]
						if prev.IsActive() || e.CreatedAt().Before(prev.UpdatedAt()) {
							t.Fatalf("%s opened at %v while %s (%v, last at %v)", e.ID(), e.CreatedAt(), prev.ID(), prev.State(), prev.UpdatedAt())
						}
					}
				}
				if active > 1 {
					t.Fatalf("G5: %d active escalations", active)
				}
				if a, ok := c.Active(); ok != (active == 1) || ok && model[a.ID()].IsFinal() {
					t.Fatalf("Active() = %v, %v with %d active", a.ID(), ok, active)
				}
				// Old values are unchanged, and a history only grows.
				for _, s := range snaps {
					again := snap(s.c)
					if diff := cmp.Diff(s.history, again.history); diff != "" || !slices.Equal(s.ids, again.ids) {
						t.Fatalf("an old case value changed: ids %v then, %v now; histories (-then +now):\n%s", s.ids, again.ids, diff)
					}
					for i, id := range s.ids {
						now, _ := c.Escalation(id)
						if h := now.History(); len(h) < len(s.history[i]) || !slices.EqualFunc(s.history[i], h[:len(s.history[i])], Entry.equal) {
							t.Fatalf("%s history shrank or changed: %v then, %v now", id, s.history[i], h)
						}
					}
				}
			},
		})
	})
}

func ExampleCase() {
	at := time.Date(2024, 3, 4, 15, 0, 0, 0, time.UTC)
	c, _ := NewCase("00123456", fedramp.Commercial)
	c, conf, _ := c.Open("E-1", at, "no update for two days")
	fmt.Println(conf.Banner)

	e, _ := c.Escalation("E-1")
	e, _ = e.Review(at.Add(time.Hour), "")
	e, _ = e.Accept(at.Add(2*time.Hour), "valid: high priority with business impact")
	e, _ = e.Start(at.Add(3*time.Hour), "")
	e, _ = e.Close(at.Add(30*time.Hour), "fixed")
	c, _ = c.Update(e)

	if _, err := e.Start(at.Add(31*time.Hour), ""); err != nil {
		fmt.Println(err)
	}
	for _, h := range e.History() {
		fmt.Println(h.At.Format(time.RFC3339), h.State)
	}

	// G5: a second escalation may open once the first one is closed.
	_, conf, err := c.Open("E-2", at.Add(48*time.Hour), "")
	fmt.Println(conf.EscalationID, err)
	// Output:
	// Escalation E-1 has been created on case 00123456 at 2024-03-04T15:00:00Z. The escalation owner will review it.
	// escalation E-1: cannot go from "closed" to "in_progress"
	// 2024-03-04T15:00:00Z submitted
	// 2024-03-04T16:00:00Z under_review
	// 2024-03-04T17:00:00Z accepted
	// 2024-03-04T18:00:00Z in_progress
	// 2024-03-05T21:00:00Z closed
	// E-2 <nil>
}

func ExampleEscalation_Reject() {
	at := time.Date(2024, 3, 4, 15, 0, 0, 0, time.UTC)
	c, _ := NewCase("00123456", fedramp.Commercial)
	c, _, _ = c.Open("E-1", at, "")
	e, _ := c.Escalation("E-1")
	e, _ = e.Review(at.Add(time.Hour), "")
	e, _ = e.Reject(at.Add(2*time.Hour), Rejection{Reasons: []Reason{
		{Code: escalation.HighPriorityRecentlyUpdated, Clause: "P2", Message: "the case was updated less than 24 hours ago"},
	}})
	r, _ := e.Rejection()
	fmt.Println(e.State(), r.Reasons[0].Code, r.Reasons[0].Clause)
	fmt.Println(r.Process == DefaultProcess)
	// Output:
	// rejected HIGH_PRIORITY_RECENTLY_UPDATED P2
	// true
}

func ExampleRoute() {
	r, _ := Route(EscalationCommunication, fedramp.FedRAMP)
	fmt.Println(r.Feed, r.Clause, r.Redirected)
	r, _ = Route(EscalationCommunication, fedramp.Commercial)
	fmt.Println(r.Feed, r.Clause, r.Redirected)
	// Output:
	// case_feed F10 true
	// escalation_feed M4 false
}
