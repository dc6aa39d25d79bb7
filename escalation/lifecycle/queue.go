package lifecycle

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/internal/enum"
	"github.com/casepolicy/casepolicy/priority"
)

// Item is a valid, open escalation in its owner's queue (M3): what the
// ordering reads. Order requires every field except BusinessImpact and
// RCADueAt; the zero Offering is fedramp.Commercial.
type Item struct {
	ID             string // the escalation's ID: the stable tie-breaking key
	CaseID         string
	Priority       priority.Level
	BusinessImpact bool // the case actively causes significant business impact
	Offering       fedramp.Offering
	SubmittedAt    time.Time // when the escalation was submitted; not after now
	LastUpdatedAt  time.Time // the case's last update; not after now
	// RCADueAt is when the case's root-cause analysis is due (R3); the zero
	// time when no RCA is due. It may be after now: it is overdue from the
	// due instant on.
	RCADueAt time.Time
}

// RankKey names the ordering key that decided between an escalation and the
// next one in a queue. The zero RankKey is not valid.
//
// The text form is the stable contract (see the table in the package doc);
// the integer values are not.
type RankKey uint8

// The keys of the queue order, in the order they are compared, and Last.
const (
	ByPriority         RankKey = iota + 1 // "priority": higher priority first
	ByBusinessImpact                      // "business_impact": business impact first
	ByOffering                            // "offering": FedRAMP before commercial
	ByRCAOverdue                          // "rca_overdue": an overdue RCA first
	ByDaysWaiting                         // "days_waiting": more whole days since submission first
	ByHoursSinceUpdate                    // "hours_since_update": more whole hours since the last update first
	BySubmittedAt                         // "submitted_at": earlier submission first
	ByID                                  // "id": smaller ID (byte order) first
	ByDuplicateID                         // "duplicate_id": equal IDs, ordered by the remaining fields
	Last                                  // "last": the last escalation in the queue
)

var rankKeyNames = enum.Names{Type: "RankKey", Kind: "rank key", Names: []string{
	ByPriority:         "priority",
	ByBusinessImpact:   "business_impact",
	ByOffering:         "offering",
	ByRCAOverdue:       "rca_overdue",
	ByDaysWaiting:      "days_waiting",
	ByHoursSinceUpdate: "hours_since_update",
	BySubmittedAt:      "submitted_at",
	ByID:               "id",
	ByDuplicateID:      "duplicate_id",
	Last:               "last",
}}

// IsValid reports whether k is one of the named keys.
func (k RankKey) IsValid() bool { return k >= ByPriority && k <= Last }

// String returns the text form of k, or "RankKey(n)" for an invalid key.
func (k RankKey) String() string {
	return rankKeyNames.String(uint8(k))
}

// MarshalText implements encoding.TextMarshaler. An invalid key is an error.
func (k RankKey) MarshalText() ([]byte, error) {
	return rankKeyNames.Marshal(uint8(k))
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly what
// MarshalText writes.
func (k *RankKey) UnmarshalText(text []byte) error {
	v, err := ParseRankKey(string(text))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// ParseRankKey returns the key whose text form is text.
func ParseRankKey(text string) (RankKey, error) {
	v, err := rankKeyNames.Parse(text)
	return RankKey(v), err
}

// Ranked is one position in an ordered queue.
type Ranked struct {
	Position int // 1 for the first escalation to work on
	Item     Item
	// The urgency keys derived from Item at the queue's now.
	RCAOverdue       bool // RCADueAt is set and not after now
	DaysWaiting      int  // whole 24-hour periods since SubmittedAt
	HoursSinceUpdate int  // whole hours since LastUpdatedAt
	// DecidedBy is the first key of the order on which this escalation and
	// the next one differ; Last for the last one.
	DecidedBy RankKey
}

// Queue is an owner's queue in order: the result of Order.
type Queue []Ranked

// Reason explains in words why q[i] comes before q[i+1]: the key that decided
// and both escalations' values of it. It panics when i is out of range, like
// an index.
func (q Queue) Reason(i int) string {
	r := q[i]
	if r.DecidedBy == Last {
		return "last in the queue"
	}
	n := q[i+1]
	other := strconv.Quote(n.Item.ID)
	switch r.DecidedBy {
	case ByPriority:
		return fmt.Sprintf("priority %s is above %s of %s", r.Item.Priority, n.Item.Priority, other)
	case ByBusinessImpact:
		return fmt.Sprintf("business impact; %s has none", other)
	case ByOffering:
		return fmt.Sprintf("FedRAMP case; %s is %s", other, n.Item.Offering)
	case ByRCAOverdue:
		return fmt.Sprintf("RCA overdue since %s; %s has no overdue RCA", formatTime(r.Item.RCADueAt), other)
	case ByDaysWaiting:
		return fmt.Sprintf("waiting %s, longer than %s (%s)", plural(r.DaysWaiting, "day"), other, plural(n.DaysWaiting, "day"))
	case ByHoursSinceUpdate:
		return fmt.Sprintf("%s since the last update, more than %s (%s)", plural(r.HoursSinceUpdate, "hour"), other, plural(n.HoursSinceUpdate, "hour"))
	case BySubmittedAt:
		return fmt.Sprintf("submitted at %s, before %s (%s)", formatTime(r.Item.SubmittedAt), other, formatTime(n.Item.SubmittedAt))
	case ByID:
		return fmt.Sprintf("ties with %s on every other key; ID %q sorts first", other, r.Item.ID)
	case ByDuplicateID:
		return "same ID as the next escalation; ordered by case_id, last_updated_at, then rca_due_at"
	}
	return r.DecidedBy.String()
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// Bit layout of sortKey.rank: importance keys above urgency keys, each key
// above the ones compared after it, so that one integer comparison decides
// the first six keys of the table.
const (
	hoursBits   = 24 // whole hours in the longest time.Duration: < 2^22
	daysBits    = 20 // whole days in the longest time.Duration: < 2^17
	daysShift   = hoursBits
	rcaShift    = daysShift + daysBits
	fedShift    = rcaShift + 1
	impactShift = fedShift + 1
	prioShift   = impactShift + 1
)

// sortKey is an item's precomputed position in the order.
type sortKey struct {
	rank uint64 // priority, impact, offering, RCA, days, hours: larger first
	sec  int64  // SubmittedAt: earlier first
	nsec int32
	idx  int32 // index of the item
}

// Order returns the items in the order their owner should work on them (M3) at
// now, with each position's deciding key. The order is the table in the
// package doc: a total order on the items' contents, so it does not depend on
// the order of items, and monotone: raising an item's priority, giving it
// business impact, an overdue RCA, or an earlier submission or last update
// never moves it back.
//
// Order does not modify items. It costs O(n log n) time and two allocations:
// the result and one slice of precomputed keys. Invalid items (see Item) give
// an error joining a *FieldError per problem, named like "items[3].priority".
func Order(items []Item, now time.Time) (Queue, error) {
	if len(items) > math.MaxInt32 {
		return nil, fmt.Errorf("order: %w", &FieldError{Field: "items", Problem: "more than 2^31-1 items"})
	}
	if err := validateItems(items, now); err != nil {
		return nil, fmt.Errorf("order: %w", err)
	}
	keys := make([]sortKey, len(items))
	for i := range items {
		keys[i] = makeKey(&items[i], now, i)
	}
	compare := func(a, b sortKey) int {
		if a.rank != b.rank {
			if a.rank > b.rank {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(a.sec, b.sec); c != 0 {
			return c
		}
		if c := cmp.Compare(a.nsec, b.nsec); c != 0 {
			return c
		}
		x, y := &items[a.idx], &items[b.idx]
		if c := strings.Compare(x.ID, y.ID); c != 0 {
			return c
		}
		return compareRest(x, y)
	}
	slices.SortFunc(keys, compare)

	q := make(Queue, len(keys))
	for i, k := range keys {
		q[i] = Ranked{
			Position:         i + 1,
			Item:             items[k.idx],
			RCAOverdue:       k.rank>>rcaShift&1 == 1,
			DaysWaiting:      int(k.rank >> daysShift & (1<<daysBits - 1)),
			HoursSinceUpdate: int(k.rank & (1<<hoursBits - 1)),
			DecidedBy:        Last,
		}
		if i+1 < len(keys) {
			q[i].DecidedBy = decider(k, keys[i+1], items)
		}
	}
	return q, nil
}

func makeKey(it *Item, now time.Time, i int) sortKey {
	var rank uint64
	rank |= uint64(it.Priority) << prioShift
	if it.BusinessImpact {
		rank |= 1 << impactShift
	}
	if it.Offering == fedramp.FedRAMP {
		rank |= 1 << fedShift
	}
	if !it.RCADueAt.IsZero() && !now.Before(it.RCADueAt) {
		rank |= 1 << rcaShift
	}
	// Sub saturates at the longest Duration, which both fields hold.
	rank |= uint64(now.Sub(it.SubmittedAt)/(24*time.Hour)) << daysShift
	rank |= uint64(now.Sub(it.LastUpdatedAt) / time.Hour)
	return sortKey{rank: rank, sec: it.SubmittedAt.Unix(), nsec: int32(it.SubmittedAt.Nanosecond()), idx: int32(i)}
}

// compareRest orders items with equal IDs by the fields no key has compared
// exactly, so that only items equal in every field Order reads tie.
func compareRest(x, y *Item) int {
	if c := strings.Compare(x.CaseID, y.CaseID); c != 0 {
		return c
	}
	if c := x.LastUpdatedAt.Compare(y.LastUpdatedAt); c != 0 {
		return c
	}
	return x.RCADueAt.Compare(y.RCADueAt)
}

// decider returns the first key on which a and b, adjacent in the order, differ.
func decider(a, b sortKey, items []Item) RankKey {
	if d := a.rank ^ b.rank; d != 0 {
		switch top := 63 - bits.LeadingZeros64(d); {
		case top >= prioShift:
			return ByPriority
		case top == impactShift:
			return ByBusinessImpact
		case top == fedShift:
			return ByOffering
		case top == rcaShift:
			return ByRCAOverdue
		case top >= daysShift:
			return ByDaysWaiting
		default:
			return ByHoursSinceUpdate
		}
	}
	if a.sec != b.sec || a.nsec != b.nsec {
		return BySubmittedAt
	}
	if items[a.idx].ID != items[b.idx].ID {
		return ByID
	}
	return ByDuplicateID
}

func validateItems(items []Item, now time.Time) error {
	var errs []error
	for i := range items {
		it := &items[i]
		if it.ID != "" && it.CaseID != "" && it.Priority.IsValid() && validOffering(it.Offering) &&
			!it.SubmittedAt.IsZero() && !it.SubmittedAt.After(now) &&
			!it.LastUpdatedAt.IsZero() && !it.LastUpdatedAt.After(now) {
			continue
		}
		prefix := "items[" + strconv.Itoa(i) + "]."
		for _, p := range it.problems(now) {
			p.Field = prefix + p.Field
			errs = append(errs, p)
		}
	}
	return errors.Join(errs...)
}

// problems lists what makes it invalid at now, fields named by their JSON names.
func (it *Item) problems(now time.Time) []*FieldError {
	var ps []*FieldError
	if it.ID == "" {
		ps = append(ps, &FieldError{Field: "id", Problem: "missing"})
	}
	if it.CaseID == "" {
		ps = append(ps, &FieldError{Field: "case_id", Problem: "missing"})
	}
	if !it.Priority.IsValid() {
		ps = append(ps, &FieldError{Field: "priority", Problem: missingOrUnknown(uint8(it.Priority))})
	}
	if !validOffering(it.Offering) {
		ps = append(ps, &FieldError{Field: "offering", Problem: fmt.Sprintf("unknown value %d", uint8(it.Offering))})
	}
	for _, t := range [...]struct {
		name string
		at   time.Time
	}{{"submitted_at", it.SubmittedAt}, {"last_updated_at", it.LastUpdatedAt}} {
		switch {
		case t.at.IsZero():
			ps = append(ps, &FieldError{Field: t.name, Problem: "missing"})
		case t.at.After(now):
			ps = append(ps, &FieldError{Field: t.name, Problem: afterNow(t.at, now)})
		}
	}
	return ps
}

func afterNow(t, now time.Time) string {
	return fmt.Sprintf("%s is after now (%s)", formatTime(t), formatTime(now))
}

func missingOrUnknown(v uint8) string {
	if v == 0 {
		return "missing"
	}
	return fmt.Sprintf("unknown value %d", v)
}

// rankedJSON is one position of a queue in JSON: the position, the item's
// own fields (as Item.MarshalJSON writes them), its urgency keys, the key
// that decided it and the reason in words.
type rankedJSON struct {
	Position int `json:"position"`
	itemJSON
	RCAOverdue       bool   `json:"rca_overdue"`
	DaysWaiting      int    `json:"days_waiting"`
	HoursSinceUpdate int    `json:"hours_since_update"`
	DecidedBy        string `json:"decided_by"`
	Reason           string `json:"reason"`
}

// AppendLine appends position i of the queue as one JSON object and a
// newline: the form `casepolicy queue` prints.
func (q Queue) AppendLine(b []byte, i int) ([]byte, error) {
	rk := q[i]
	it, err := rk.Item.jsonForm()
	if err != nil {
		return b, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err = enc.Encode(rankedJSON{
		Position: rk.Position, itemJSON: it,
		RCAOverdue: rk.RCAOverdue, DaysWaiting: rk.DaysWaiting, HoursSinceUpdate: rk.HoursSinceUpdate,
		DecidedBy: rk.DecidedBy.String(), Reason: q.Reason(i),
	})
	return append(b, buf.Bytes()...), err
}
