package lifecycle

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
	gocmp "github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// item returns a valid medium commercial item submitted and last updated two
// hours before t0; change modifies it.
func item(id string, change func(*Item)) Item {
	it := Item{
		ID: id, CaseID: "C-" + id, Priority: priority.Medium, Offering: fedramp.Commercial,
		SubmittedAt: t0.Add(-2 * time.Hour), LastUpdatedAt: t0.Add(-2 * time.Hour),
	}
	if change != nil {
		change(&it)
	}
	return it
}

func TestOrderTable(t *testing.T) {
	tests := []struct {
		name        string
		first, next Item
		decided     RankKey
	}{
		{"M3 puts critical before high",
			item("B", func(it *Item) { it.Priority = priority.Critical }),
			item("A", func(it *Item) { it.Priority = priority.High }), ByPriority},
		{"M3 puts priority before business impact",
			item("B", func(it *Item) { it.Priority = priority.High }),
			item("A", func(it *Item) { it.BusinessImpact = true }), ByPriority},
		{"M3 puts business impact first at equal priority",
			item("B", func(it *Item) { it.BusinessImpact = true }),
			item("A", func(it *Item) { it.Offering = fedramp.FedRAMP }), ByBusinessImpact},
		{"M3 puts FedRAMP before commercial",
			item("B", func(it *Item) { it.Offering = fedramp.FedRAMP }),
			item("A", nil), ByOffering},
		{"M3 puts importance before an overdue RCA",
			item("B", func(it *Item) { it.Offering = fedramp.FedRAMP }),
			item("A", func(it *Item) { it.RCADueAt = t0.Add(-time.Hour) }), ByOffering},
		{"M3 puts an overdue RCA first",
			item("B", func(it *Item) { it.RCADueAt = t0.Add(-time.Hour) }),
			item("A", nil), ByRCAOverdue},
		{"M3 counts an RCA due at now as overdue",
			item("B", func(it *Item) { it.RCADueAt = t0 }),
			item("A", func(it *Item) { it.RCADueAt = t0.Add(time.Nanosecond) }), ByRCAOverdue},
		{"M3 does not count an RCA due after now",
			item("A", nil),
			item("B", func(it *Item) { it.RCADueAt = t0.Add(time.Hour) }), ByID},
		{"M3 puts an overdue RCA before a longer wait",
			item("B", func(it *Item) { it.RCADueAt = t0.Add(-time.Hour) }),
			item("A", func(it *Item) { it.SubmittedAt = t0.Add(-72 * time.Hour) }), ByRCAOverdue},
		{"M3 puts more whole days waiting first",
			item("B", func(it *Item) { it.SubmittedAt = t0.Add(-48 * time.Hour) }),
			item("A", func(it *Item) { it.SubmittedAt = t0.Add(-47 * time.Hour) }), ByDaysWaiting},
		{"M3 puts days waiting before hours since update",
			item("B", func(it *Item) { it.SubmittedAt = t0.Add(-25 * time.Hour); it.LastUpdatedAt = t0 }),
			item("A", func(it *Item) { it.LastUpdatedAt = t0.Add(-20 * time.Hour) }), ByDaysWaiting},
		{"M3 puts more hours since the last update first within a day of waiting",
			item("B", func(it *Item) { it.SubmittedAt = t0.Add(-time.Hour); it.LastUpdatedAt = t0.Add(-10 * time.Hour) }),
			item("A", func(it *Item) { it.SubmittedAt = t0.Add(-23 * time.Hour); it.LastUpdatedAt = t0.Add(-3 * time.Hour) }), ByHoursSinceUpdate},
		{"M3 breaks a tie in whole hours by the submission instant",
			item("B", func(it *Item) { it.SubmittedAt = t0.Add(-2*time.Hour - time.Minute) }),
			item("A", func(it *Item) { it.SubmittedAt = t0.Add(-2*time.Hour + time.Minute) }), BySubmittedAt},
		{"M3 breaks a full tie by ID",
			item("A", func(it *Item) { it.CaseID = "Z" }),
			item("B", func(it *Item) { it.CaseID = "A" }), ByID},
		{"M3 orders equal IDs by case ID",
			item("A", func(it *Item) { it.CaseID = "C-1" }),
			item("A", func(it *Item) { it.CaseID = "C-2" }), ByDuplicateID},
		{"M3 orders equal IDs on one case by last update",
			item("A", func(it *Item) { it.LastUpdatedAt = t0.Add(-2*time.Hour - time.Second) }),
			item("A", nil), ByDuplicateID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, in := range [][]Item{{tt.first, tt.next}, {tt.next, tt.first}} {
				q, err := Order(in, t0)
				if err != nil {
					t.Fatal(err)
				}
				want := Queue{
					{Position: 1, Item: tt.first, DecidedBy: tt.decided},
					{Position: 2, Item: tt.next, DecidedBy: Last},
				}
				for i := range want {
					want[i].RCAOverdue = q[i].RCAOverdue
					want[i].DaysWaiting = q[i].DaysWaiting
					want[i].HoursSinceUpdate = q[i].HoursSinceUpdate
				}
				if diff := gocmp.Diff(want, q); diff != "" {
					t.Errorf("Order mismatch (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestOrderDerivedKeys(t *testing.T) {
	it := item("A", func(it *Item) {
		it.SubmittedAt = t0.Add(-49*time.Hour - time.Minute)
		it.LastUpdatedAt = t0.Add(-5*time.Hour + time.Second)
		it.RCADueAt = t0
	})
	q, err := Order([]Item{it}, t0)
	if err != nil {
		t.Fatal(err)
	}
	got := [3]any{q[0].RCAOverdue, q[0].DaysWaiting, q[0].HoursSinceUpdate}
	if want := [3]any{true, 2, 4}; got != want {
		t.Errorf("M3 derived keys (overdue, days, hours) = %v, want %v", got, want)
	}
}

func TestQueueReason(t *testing.T) {
	tests := []struct {
		name string
		a, b Item
		want string
	}{
		{"M3 reason names both priorities", item("A", func(it *Item) { it.Priority = priority.Critical }), item("B", func(it *Item) { it.Priority = priority.High }),
			`priority critical is above high of "B"`},
		{"M3 reason for business impact", item("A", func(it *Item) { it.BusinessImpact = true }), item("B", nil),
			`business impact; "B" has none`},
		{"M3 reason for FedRAMP", item("A", func(it *Item) { it.Offering = fedramp.FedRAMP }), item("B", nil),
			`FedRAMP case; "B" is commercial`},
		{"M3 reason for an overdue RCA", item("A", func(it *Item) { it.RCADueAt = t0.Add(-time.Hour) }), item("B", nil),
			`RCA overdue since 2024-03-04T14:00:00Z; "B" has no overdue RCA`},
		{"M3 reason for days waiting", item("A", func(it *Item) { it.SubmittedAt = t0.Add(-50 * time.Hour) }), item("B", func(it *Item) { it.SubmittedAt = t0.Add(-25 * time.Hour) }),
			`waiting 2 days, longer than "B" (1 day)`},
		{"M3 reason for hours since update", item("A", func(it *Item) { it.LastUpdatedAt = t0.Add(-3 * time.Hour) }), item("B", nil),
			`3 hours since the last update, more than "B" (2 hours)`},
		{"M3 reason for the submission instant", item("A", func(it *Item) { it.SubmittedAt = t0.Add(-2*time.Hour - time.Minute) }), item("B", nil),
			`submitted at 2024-03-04T12:59:00Z, before "B" (2024-03-04T13:00:00Z)`},
		{"M3 reason for the ID", item("A", nil), item("B", nil),
			`ties with "B" on every other key; ID "A" sorts first`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := Order([]Item{tt.b, tt.a}, t0)
			if err != nil {
				t.Fatal(err)
			}
			if got := q.Reason(0); got != tt.want {
				t.Errorf("Reason(0) = %q, want %q", got, tt.want)
			}
			if got := q.Reason(1); got != "last in the queue" {
				t.Errorf("Reason(1) = %q, want last in the queue", got)
			}
		})
	}
}

func TestOrderErrors(t *testing.T) {
	items := []Item{
		item("A", nil),
		{Priority: 9, Offering: 5, SubmittedAt: t0.Add(time.Second)},
		item("C", func(it *Item) { it.LastUpdatedAt = t0.Add(time.Hour); it.RCADueAt = t0.Add(time.Hour) }),
	}
	_, err := Order(items, t0)
	want := []string{"items[1].id", "items[1].case_id", "items[1].priority", "items[1].offering",
		"items[1].submitted_at", "items[1].last_updated_at", "items[2].last_updated_at"}
	if diff := gocmp.Diff(want, fieldsOf(err)); diff != "" || !errors.Is(err, ErrInvalidInput) {
		t.Errorf("Order error %v: fields mismatch (-want +got):\n%s", err, diff)
	}
	if q, err := Order(nil, t0); err != nil || len(q) != 0 {
		t.Errorf("Order(nil) = %v, %v; want an empty queue", q, err)
	}
}

// refOrder is the table of the package doc, written out one key at a time.
var refOrder = []struct {
	key     RankKey
	compare func(a, b Item, now time.Time) int
}{
	{ByPriority, func(a, b Item, _ time.Time) int { return cmp.Compare(b.Priority, a.Priority) }},
	{ByBusinessImpact, func(a, b Item, _ time.Time) int { return trueFirst(a.BusinessImpact, b.BusinessImpact) }},
	{ByOffering, func(a, b Item, _ time.Time) int {
		return trueFirst(a.Offering == fedramp.FedRAMP, b.Offering == fedramp.FedRAMP)
	}},
	{ByRCAOverdue, func(a, b Item, now time.Time) int {
		overdue := func(it Item) bool { return !it.RCADueAt.IsZero() && !it.RCADueAt.After(now) }
		return trueFirst(overdue(a), overdue(b))
	}},
	{ByDaysWaiting, func(a, b Item, now time.Time) int {
		days := func(it Item) int64 { return secondsSince(it.SubmittedAt, now) / (24 * 3600) }
		return cmp.Compare(days(b), days(a))
	}},
	{ByHoursSinceUpdate, func(a, b Item, now time.Time) int {
		hours := func(it Item) int64 { return secondsSince(it.LastUpdatedAt, now) / 3600 }
		return cmp.Compare(hours(b), hours(a))
	}},
	{BySubmittedAt, func(a, b Item, _ time.Time) int { return a.SubmittedAt.Compare(b.SubmittedAt) }},
	{ByID, func(a, b Item, _ time.Time) int { return strings.Compare(a.ID, b.ID) }},
	{ByDuplicateID, func(a, b Item, _ time.Time) int {
		return cmp.Or(strings.Compare(a.CaseID, b.CaseID), a.LastUpdatedAt.Compare(b.LastUpdatedAt), a.RCADueAt.Compare(b.RCADueAt))
	}},
}

// secondsSince returns the whole seconds from t to now, from the instants
// (a time.Duration ends at 292 years).
func secondsSince(t, now time.Time) int64 {
	d := now.Unix() - t.Unix()
	if now.Nanosecond() < t.Nanosecond() {
		d--
	}
	return d
}

func trueFirst(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

// refCompare returns the order of a and b by the table and the deciding key.
func refCompare(a, b Item, now time.Time) (int, RankKey) {
	for _, k := range refOrder {
		if c := k.compare(a, b, now); c != 0 {
			return c, k.key
		}
	}
	return 0, ByDuplicateID
}

// genItem draws items whose times fall on a coarse grid so that keys often tie.
func genItem(ids []string) *rapid.Generator[Item] {
	return rapid.Custom(func(t *rapid.T) Item {
		it := Item{
			ID:             rapid.SampledFrom(ids).Draw(t, "id"),
			CaseID:         rapid.SampledFrom([]string{"C-1", "C-2"}).Draw(t, "case_id"),
			Priority:       rapid.SampledFrom([]priority.Level{priority.Low, priority.Medium, priority.High, priority.Critical}).Draw(t, "priority"),
			BusinessImpact: rapid.Bool().Draw(t, "business_impact"),
			Offering:       rapid.SampledFrom([]fedramp.Offering{fedramp.Commercial, fedramp.FedRAMP}).Draw(t, "offering"),
			SubmittedAt:    t0.Add(-time.Duration(rapid.IntRange(0, 6*24*2).Draw(t, "half hours waiting")) * 30 * time.Minute),
			LastUpdatedAt:  t0.Add(-time.Duration(rapid.IntRange(0, 3*24*4).Draw(t, "quarter hours since update")) * 15 * time.Minute),
		}
		if rapid.Bool().Draw(t, "rca") {
			it.RCADueAt = t0.Add(time.Duration(rapid.IntRange(-72, 72).Draw(t, "rca due, hours from now")) * time.Hour)
		}
		return it
	})
}

var fewIDs = []string{"E-1", "E-2", "E-3", "E-4", "E-5"}

func TestOrderIsTheDocumentedTotalOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		items := rapid.SliceOfN(genItem(fewIDs), 0, 30).Draw(t, "items")
		q, err := Order(items, t0)
		if err != nil {
			t.Fatal(err)
		}
		if len(q) != len(items) {
			t.Fatalf("%d positions for %d items", len(q), len(items))
		}
		for i := range q {
			if q[i].Position != i+1 {
				t.Fatalf("position %d at index %d", q[i].Position, i)
			}
			if i+1 == len(q) {
				if q[i].DecidedBy != Last {
					t.Fatalf("last position decided by %v", q[i].DecidedBy)
				}
				continue
			}
			c, key := refCompare(q[i].Item, q[i+1].Item, t0)
			if c > 0 {
				t.Fatalf("positions %d and %d out of order by %v:\n%+v\n%+v", i+1, i+2, key, q[i].Item, q[i+1].Item)
			}
			if c == 0 && gocmp.Diff(q[i].Item, q[i+1].Item) != "" {
				t.Fatalf("items that differ tie:\n%+v\n%+v", q[i].Item, q[i+1].Item)
			}
			if key != q[i].DecidedBy {
				t.Fatalf("position %d decided by %v, the table says %v", i+1, q[i].DecidedBy, key)
			}
		}
	})
}

func TestOrderIgnoresInputOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		items := rapid.SliceOfN(genItem(fewIDs), 0, 30).Draw(t, "items")
		shuffled := rapid.Permutation(items).Draw(t, "shuffled")
		q1, err1 := Order(items, t0)
		q2, err2 := Order(shuffled, t0)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if diff := gocmp.Diff(q1, q2); diff != "" {
			t.Fatalf("order depends on the input order (-given +shuffled):\n%s", diff)
		}
	})
}

func TestOrderIsMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 30).Draw(t, "n")
		unique := make([]string, n)
		for i := range unique {
			unique[i] = "E-" + strconv.Itoa(i)
		}
		items := make([]Item, n)
		for i := range items {
			items[i] = genItem(unique[i:i+1]).Draw(t, "item")
		}
		j := rapid.IntRange(0, n-1).Draw(t, "raised item")
		raised := append([]Item(nil), items...)
		it := &raised[j]
		switch change := rapid.SampledFrom([]string{"priority", "business impact", "overdue rca", "earlier submission", "earlier update"}).Draw(t, "change"); change {
		case "priority":
			if it.Priority == priority.Critical {
				t.Skip("already critical")
			}
			it.Priority++
		case "business impact":
			it.BusinessImpact = true
		case "overdue rca":
			it.RCADueAt = t0.Add(-time.Duration(rapid.IntRange(0, 100).Draw(t, "hours overdue")) * time.Hour)
		case "earlier submission":
			it.SubmittedAt = it.SubmittedAt.Add(-time.Duration(rapid.IntRange(1, 100*60).Draw(t, "minutes earlier")) * time.Minute)
		case "earlier update":
			it.LastUpdatedAt = it.LastUpdatedAt.Add(-time.Duration(rapid.IntRange(1, 100*60).Draw(t, "minutes earlier")) * time.Minute)
		}
		pos := func(items []Item) int {
			q, err := Order(items, t0)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range q {
				if r.Item.ID == unique[j] {
					return r.Position
				}
			}
			t.Fatal("item lost")
			return 0
		}
		if before, after := pos(items), pos(raised); after > before {
			t.Fatalf("raising %s moved it back from position %d to %d", unique[j], before, after)
		}
	})
}

// benchItems returns n valid items spread over priorities, offerings and a
// month of submissions, from a fixed linear congruential sequence.
func benchItems(n int) []Item {
	items := make([]Item, n)
	x := uint64(1)
	next := func(m uint64) uint64 {
		x = x*6364136223846793005 + 1442695040888963407
		return (x >> 33) % m
	}
	for i := range items {
		items[i] = Item{
			ID:             fmt.Sprintf("E-%07d", next(uint64(n))),
			CaseID:         fmt.Sprintf("C-%06d", i),
			Priority:       priority.Level(1 + next(4)),
			BusinessImpact: next(2) == 0,
			Offering:       fedramp.Offering(1 + next(2)),
			SubmittedAt:    t0.Add(-time.Duration(next(30*24*3600)) * time.Second),
			LastUpdatedAt:  t0.Add(-time.Duration(next(10*24*3600)) * time.Second),
		}
		if next(4) == 0 {
			items[i].RCADueAt = t0.Add(time.Duration(next(10*24)-5*24) * time.Hour)
		}
	}
	return items
}

// The queue benchmarks: Rank orders the items by index, Order also copies
// each item into its position, and SortKeysBaseline is the floor they are
// measured against: a bare slices.SortFunc of the same packed keys, without
// validating, deriving the keys or breaking ties.
func BenchmarkQueue(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		items := benchItems(n)
		b.Run("Rank/n="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Rank(items, t0); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("Order/n="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Order(items, t0); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("SortKeysBaseline/n="+strconv.Itoa(n), func(b *testing.B) {
			r, err := Rank(items, t0)
			if err != nil {
				b.Fatal(err)
			}
			packed := slices.Clone(r.keys)
			slices.SortFunc(packed, func(a, b sortKey) int { return cmp.Compare(a.idx, b.idx) }) // input order
			keys := make([]sortKey, n)
			b.ReportAllocs()
			for b.Loop() {
				copy(keys, packed)
				slices.SortFunc(keys, func(a, b sortKey) int { return compareKeys(&a, &b) })
			}
		})
	}
}

func TestOrderAllocations(t *testing.T) {
	for _, n := range []int{10, 10000} {
		items := benchItems(n)
		rank := testing.AllocsPerRun(5, func() {
			if _, err := Rank(items, t0); err != nil {
				t.Fatal(err)
			}
		})
		order := testing.AllocsPerRun(5, func() {
			if _, err := Order(items, t0); err != nil {
				t.Fatal(err)
			}
		})
		if rank > 2 || order > rank+1 {
			t.Errorf("%d items: Rank %v allocations, want at most 2 (the keys and the radix sort's scratch); Order %v, want one more (the result)", n, rank, order)
		}
	}
}

func ExampleOrder() {
	now := time.Date(2024, 3, 4, 15, 0, 0, 0, time.UTC)
	items := []Item{
		{ID: "E-1", CaseID: "00000001", Priority: priority.High, Offering: fedramp.Commercial,
			SubmittedAt: now.Add(-50 * time.Hour), LastUpdatedAt: now.Add(-30 * time.Hour)},
		{ID: "E-2", CaseID: "00000002", Priority: priority.Critical, Offering: fedramp.Commercial,
			SubmittedAt: now.Add(-time.Hour), LastUpdatedAt: now.Add(-time.Hour)},
		{ID: "E-3", CaseID: "00000003", Priority: priority.High, BusinessImpact: true, Offering: fedramp.FedRAMP,
			SubmittedAt: now.Add(-3 * time.Hour), LastUpdatedAt: now.Add(-3 * time.Hour)},
		{ID: "E-4", CaseID: "00000004", Priority: priority.High, Offering: fedramp.Commercial,
			SubmittedAt: now.Add(-5 * time.Hour), LastUpdatedAt: now.Add(-26 * time.Hour), RCADueAt: now.Add(-2 * time.Hour)},
	}
	q, _ := Order(items, now)
	for i, r := range q {
		fmt.Printf("%d %s %s: %s\n", r.Position, r.Item.ID, r.DecidedBy, q.Reason(i))
	}
	// Output:
	// 1 E-2 priority: priority critical is above high of "E-3"
	// 2 E-3 business_impact: business impact; "E-4" has none
	// 3 E-4 rca_overdue: RCA overdue since 2024-03-04T13:00:00Z; "E-1" has no overdue RCA
	// 4 E-1 last: last in the queue
}
