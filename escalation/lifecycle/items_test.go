package lifecycle

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/priority"
	gocmp "github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func TestItemsHoldWhatWasAppended(t *testing.T) {
	var l Items
	if l.Len() != 0 {
		t.Fatal("the zero Items is not empty")
	}
	if _, ok := l.FindID("E"); ok {
		t.Fatal("FindID in the zero Items")
	}
	items := benchItems(10000)
	items[3].RCADueAt = time.Date(1, 1, 1, 0, 0, 0, 1, time.FixedZone("X", 3600)) // not the zero time
	items[4].SubmittedAt = time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.FixedZone("Y", -7200))
	items[5].ID = strings.Repeat("long ", 20000) // more than a text block
	for i, it := range items {
		if got := l.Append(it); got != i {
			t.Fatalf("Append returned %d, want %d", got, i)
		}
	}
	for i, it := range items {
		want := it
		want.SubmittedAt, want.LastUpdatedAt = it.SubmittedAt.UTC(), it.LastUpdatedAt.UTC()
		if !it.RCADueAt.IsZero() {
			want.RCADueAt = it.RCADueAt.UTC()
		}
		if diff := gocmp.Diff(want, l.At(i)); diff != "" {
			t.Fatalf("At(%d) mismatch (-want +got):\n%s", i, diff)
		}
		if j, ok := l.FindID(it.ID); !ok || items[j].ID != it.ID || j > i {
			t.Fatalf("FindID(%q) = %d, %v", it.ID, j, ok)
		}
		if j, ok := l.FindCase(it.CaseID); !ok || j != i { // case IDs are unique
			t.Fatalf("FindCase(%q) = %d, %v; want %d", it.CaseID, j, ok, i)
		}
	}
	if _, ok := l.FindID("E-none"); ok {
		t.Error("FindID of an absent ID")
	}
	if n := testing.AllocsPerRun(10, func() { _ = l.At(7) }); n != 0 {
		t.Errorf("At: %v allocations, want 0", n)
	}
}

func TestItemsRankErrors(t *testing.T) {
	var l Items
	l.Append(item("A", nil))
	l.Append(Item{Priority: 9, SubmittedAt: t0.Add(time.Second), LastUpdatedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)})
	_, err := l.Rank(t0)
	want := []string{"items[1].id", "items[1].case_id", "items[1].priority", "items[1].offering",
		"items[1].submitted_at", "items[1].last_updated_at"}
	if diff := gocmp.Diff(want, fieldsOf(err)); diff != "" || !errors.Is(err, escalation.ErrInvalidInput) || strings.Contains(err.Error(), "\n") {
		t.Errorf("Rank error %v: fields mismatch (-want +got):\n%s", err, diff)
	}
	if got := escalation.Problems(err)[5].Problem; got != "out of range" {
		t.Errorf("last_updated_at in 10000: problem %q, want out of range", got)
	}
}

// TestRankIsTheDocumentedTotalOrder checks the radix sort's path (from 256
// items) against the table, for a slice and for an Items, and that both
// give the queue Order gives.
func TestRankIsTheDocumentedTotalOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		items := rapid.SliceOfN(genItem(fewIDs), radixMin, 3*radixMin).Draw(t, "items")
		if rapid.Bool().Draw(t, "far apart") { // instants centuries apart, some before 1970
			for i := range items {
				centuries := rapid.IntRange(0, 9).Draw(t, "centuries")
				items[i].SubmittedAt = items[i].SubmittedAt.AddDate(-100*centuries-300*(i%3), 0, 0)
			}
		}
		r, err := Rank(items, t0)
		if err != nil {
			t.Fatal(err)
		}
		var l Items
		for _, it := range items {
			l.Append(it)
		}
		rl, err := l.Rank(t0)
		if err != nil {
			t.Fatal(err)
		}
		q := r.Queue()
		if diff := gocmp.Diff(q, rl.Queue()); diff != "" {
			t.Fatalf("Items.Rank and Rank differ (-Rank +Items.Rank):\n%s", diff)
		}
		seen := make([]bool, len(items))
		for i := range q {
			seen[r.Index(i)] = true
			if gocmp.Diff(items[r.Index(i)], q[i].Item) != "" {
				t.Fatalf("Index(%d) = %d is not the item at that position", i, r.Index(i))
			}
			if i+1 == len(q) {
				continue
			}
			c, key := refCompare(q[i].Item, q[i+1].Item, t0)
			if c > 0 || key != q[i].DecidedBy {
				t.Fatalf("positions %d and %d: compare %d by %v, decided by %v", i+1, i+2, c, key, q[i].DecidedBy)
			}
		}
		if slices.Contains(seen, false) {
			t.Fatal("an item is missing from the ranking")
		}
	})
}

func TestRankingLinesAreQueueLines(t *testing.T) {
	items := benchItems(1000)
	items[0].ID = "quote \" backslash \\ <tag> \u2028 \x00 é"
	items[0].Priority = priority.Critical
	q, err := Order(items, t0)
	if err != nil {
		t.Fatal(err)
	}
	var l Items
	for _, it := range items {
		l.Append(it)
	}
	r, err := l.Rank(t0)
	if err != nil {
		t.Fatal(err)
	}
	var a, b []byte
	for i := range q {
		if a, err = q.AppendLine(a[:0], i); err != nil {
			t.Fatal(err)
		}
		b = r.AppendLine(b[:0], i)
		if !bytes.Equal(a, b) {
			t.Fatalf("line %d:\nQueue   %s\nRanking %s", i, a, b)
		}
		if got, want := r.Reason(i), q.Reason(i); got != want {
			t.Fatalf("Reason(%d) = %q, want %q", i, got, want)
		}
	}
	if n := testing.AllocsPerRun(20, func() { b = r.AppendLine(b[:0], 10) }); n != 0 {
		t.Errorf("Ranking.AppendLine: %v allocations, want 0", n)
	}
}

func TestZeroRanking(t *testing.T) {
	var r Ranking
	if r.Len() != 0 || len(r.Queue()) != 0 {
		t.Error("the zero Ranking is not empty")
	}
}

// TestZeroEnumsAreUnset: the zero value of every enum of the package means
// unset: not valid, named Type(0), refused by MarshalText; UnmarshalText
// takes exactly the text forms and leaves the value alone on an error.
func TestZeroEnumsAreUnset(t *testing.T) {
	type enum interface {
		IsValid() bool
		String() string
		MarshalText() ([]byte, error)
	}
	for _, tt := range []struct {
		zero enum
		name string
	}{{State(0), "State(0)"}, {Message(0), "Message(0)"}, {Feed(0), "Feed(0)"}, {RankKey(0), "RankKey(0)"}} {
		if _, err := tt.zero.MarshalText(); tt.zero.IsValid() || tt.zero.String() != tt.name || !errors.Is(err, ErrUnknownValue) {
			t.Errorf("%s: IsValid %v, String %q, MarshalText error %v", tt.name, tt.zero.IsValid(), tt.zero.String(), err)
		}
	}
	for _, s := range allStates {
		if !s.IsValid() {
			t.Errorf("State %v is not valid", s)
		}
	}
	if !Closed.IsValid() || !Closed.IsFinal() || Closed.IsActive() || State(Closed+1).IsValid() {
		t.Error("M5 closed is a valid final state, and the last one")
	}
	s, k, m, f := InProgress, ByID, TechnicalUpdate, CaseFeed
	for _, tt := range []struct {
		name string
		err  error
		ok   bool
	}{
		{"State", s.UnmarshalText([]byte("closed")), s == Closed},
		{"RankKey", k.UnmarshalText([]byte("rca_overdue")), k == ByRCAOverdue},
		{"Message", m.UnmarshalText([]byte("escalation_communication")), m == EscalationCommunication},
		{"Feed", f.UnmarshalText([]byte("escalation_feed")), f == EscalationFeed},
		{"State of bad text", s.UnmarshalText([]byte("Closed")), s == Closed},
		{"RankKey of bad text", k.UnmarshalText([]byte("")), k == ByRCAOverdue},
		{"Message of bad text", m.UnmarshalText([]byte("case_feed")), m == EscalationCommunication},
		{"Feed of bad text", f.UnmarshalText([]byte("technical_update")), f == EscalationFeed},
	} {
		bad := strings.HasSuffix(tt.name, "bad text")
		if !tt.ok || bad != errors.Is(tt.err, ErrUnknownValue) || !bad && tt.err != nil {
			t.Errorf("%s UnmarshalText: error %v, value right %v", tt.name, tt.err, tt.ok)
		}
	}
}

func FuzzItems(f *testing.F) {
	f.Add([]byte(validLine), []byte(`{"id":"E\u2028","case_id":"C","priority":"low","offering":"commercial","submitted_at":"0001-01-01T00:00:00.000000001+00:01","last_updated_at":"2024-03-04T15:00:00Z"}`))
	f.Add([]byte(`{"id":"E","case_id":"C","priority":"critical","offering":"fedramp","submitted_at":"9999-12-31T23:59:59.999999999-23:59","last_updated_at":"1000-01-01T00:00:00Z","rca_due_at":"0001-01-01T00:00:00+00:01"}`), []byte(validLine))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		var l Items
		var in []Item
		for _, line := range [][]byte{a, b} {
			it, err := DecodeItem(line, t0)
			if err != nil {
				continue
			}
			in = append(in, it)
			l.Append(it)
		}
		for i, it := range in {
			got := l.At(i)
			if !got.SubmittedAt.Equal(it.SubmittedAt) || !got.LastUpdatedAt.Equal(it.LastUpdatedAt) || !got.RCADueAt.Equal(it.RCADueAt) {
				t.Fatalf("At(%d) = %+v, want the instants of %+v", i, got, it)
			}
			j, err := got.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			again, err := DecodeItem(j, t0)
			if err != nil {
				t.Fatalf("DecodeItem(%s): %v", j, err)
			}
			if diff := gocmp.Diff(got, again); diff != "" {
				t.Fatalf("round trip through %s mismatch (-At +decoded):\n%s", j, diff)
			}
		}
		if len(in) == 0 {
			return
		}
		r, err := l.Rank(t0)
		q, qerr := Order(in, t0)
		if err != nil || qerr != nil || r.Len() != len(in) {
			t.Fatalf("Rank of decoded items: %v, %v", err, qerr)
		}
		for i := range q {
			line, _ := q.AppendLine(nil, i)
			if got := r.AppendLine(nil, i); !bytes.Equal(got, line) {
				t.Fatalf("line %d: Ranking %s, Queue %s", i, got, line)
			}
		}
	})
}
