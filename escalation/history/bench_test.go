package history

import (
	"fmt"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
)

// busyHistory returns n events of a busy high-priority case, one every
// step: updates by both sides, priority and awaiting-customer changes,
// escalations, RCAs, closing and reopening.
func busyHistory(tb testing.TB, n int, step time.Duration) *History {
	tb.Helper()
	at := time.Date(2024, 2, 1, 9, 0, 0, 0, time.UTC)
	evs := []Event{{At: at, Type: Opened, Case: &Opening{ID: "00123456", Priority: priority.High,
		Deployment: escalation.Cloud, Offering: fedramp.Commercial, BusinessImpact: true}}}
	closed, esc := false, 0
	for i := 1; i < n; i++ {
		at = at.Add(step)
		e := Event{At: at}
		switch i % 12 {
		case 0, 3, 7:
			e.Type, e.By = Updated, Customer
		case 1, 5, 9:
			e.Type = Updated
		case 2:
			e.Type, e.Fields = SetFields, &Fields{AwaitingCustomer: ptr(true)}
		case 4:
			e.Type, e.Fields = SetFields, &Fields{AwaitingCustomer: ptr(false), Priority: ptr([]priority.Level{priority.High, priority.Critical, priority.Medium}[i/12%3])}
		case 6:
			esc++
			e.Type, e.ID = EscalationOpened, fmt.Sprintf("E-%d", esc)
		case 8:
			e.Type, e.ID = EscalationClosed, fmt.Sprintf("E-%d", esc)
		case 10:
			e.Type = RCARequested
		case 11:
			if closed {
				e.Type = Reopened
			} else {
				e.Type = Closed
			}
			closed = !closed
		}
		evs = append(evs, e)
	}
	h, err := New(evs...)
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

func benchTimeline(b *testing.B, h *History) {
	q := Query{Set: escalation.DefaultSet(), Request: portalRequest, From: h.Start(), To: h.End().Add(30 * 24 * time.Hour)}
	var n, evals int
	for b.Loop() {
		var r runner
		if err := r.init(h, &q); err != nil {
			b.Fatal(err)
		}
		tl, err := r.run(q.From, q.To)
		if err != nil {
			b.Fatal(err)
		}
		n, evals = len(tl), r.evals
	}
	b.ReportMetric(float64(n), "intervals")
	b.ReportMetric(float64(evals), "evaluations")
}

// BenchmarkTimeline is a 1,000-event history over one year.
func BenchmarkTimeline(b *testing.B) {
	h := busyHistory(b, 1000, 365*24*time.Hour/1000)
	benchTimeline(b, h)
}

// BenchmarkTimelineGrowth keeps one event every 8h45m and grows the history.
func BenchmarkTimelineGrowth(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			benchTimeline(b, busyHistory(b, n, 365*24*time.Hour/1000))
		})
	}
}

// BenchmarkParse reads the same 1,000 events from JSON Lines and checks them.
func BenchmarkParse(b *testing.B) {
	data := busyHistory(b, 1000, 365*24*time.Hour/1000).AppendJSONL(nil)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}
