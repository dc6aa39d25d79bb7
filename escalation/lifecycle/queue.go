package lifecycle

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/internal/enum"
	"github.com/casepolicy/casepolicy/internal/jsonwrite"
	"github.com/casepolicy/casepolicy/priority"
)

// Item is a valid, open escalation in its owner's queue (M3): what the
// ordering reads. Order requires every field except BusinessImpact and
// RCADueAt, with SubmittedAt and LastUpdatedAt in the years 0001-9999 (UTC).
// The zero Item is not valid: it has no ID, case, priority, offering or
// times (the zero priority.Level and fedramp.Offering are not valid values).
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
// next one in a queue. The zero RankKey means unset and is not valid: IsValid
// is false, String is "RankKey(0)" and MarshalText fails.
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

// Ranked is one position in an ordered queue. The zero Ranked is no
// position: Position 0 and the zero Item.
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

// Queue is an owner's queue in order, each position holding a copy of its
// item: the result of Order. The zero Queue is empty.
type Queue []Ranked

// Reason explains in words why q[i] comes before q[i+1]: the key that decided
// and both escalations' values of it. It panics when i is out of range, like
// an index.
func (q Queue) Reason(i int) string {
	if q[i].DecidedBy == Last {
		return "last in the queue"
	}
	return reason(&q[i], &q[i+1])
}

func reason(r, n *Ranked) string { return string(appendReason(nil, r, n)) }

// appendReason appends the reason r comes before n (nil when r is last).
func appendReason(b []byte, r, n *Ranked) []byte {
	if r.DecidedBy == Last || n == nil {
		return append(b, "last in the queue"...)
	}
	quoteNext := func(b []byte) []byte { return strconv.AppendQuote(b, n.Item.ID) }
	switch r.DecidedBy {
	case ByPriority:
		b = append(append(b, "priority "...), r.Item.Priority.String()...)
		b = append(append(b, " is above "...), n.Item.Priority.String()...)
		return quoteNext(append(b, " of "...))
	case ByBusinessImpact:
		return append(quoteNext(append(b, "business impact; "...)), " has none"...)
	case ByOffering:
		b = quoteNext(append(b, "FedRAMP case; "...))
		return append(append(b, " is "...), n.Item.Offering.String()...)
	case ByRCAOverdue:
		b = appendUTC(append(b, "RCA overdue since "...), r.Item.RCADueAt)
		return append(quoteNext(append(b, "; "...)), " has no overdue RCA"...)
	case ByDaysWaiting:
		b = appendPlural(append(b, "waiting "...), r.DaysWaiting, "day")
		b = quoteNext(append(b, ", longer than "...))
		return append(appendPlural(append(b, " ("...), n.DaysWaiting, "day"), ')')
	case ByHoursSinceUpdate:
		b = appendPlural(b, r.HoursSinceUpdate, "hour")
		b = quoteNext(append(b, " since the last update, more than "...))
		return append(appendPlural(append(b, " ("...), n.HoursSinceUpdate, "hour"), ')')
	case BySubmittedAt:
		b = appendUTC(append(b, "submitted at "...), r.Item.SubmittedAt)
		b = quoteNext(append(b, ", before "...))
		return append(appendUTC(append(b, " ("...), n.Item.SubmittedAt), ')')
	case ByID:
		b = quoteNext(append(b, "ties with "...))
		return append(strconv.AppendQuote(append(b, " on every other key; ID "...), r.Item.ID), " sorts first"...)
	case ByDuplicateID:
		return append(b, "same ID as the next escalation; ordered by case_id, last_updated_at, then rca_due_at"...)
	}
	return append(b, r.DecidedBy.String()...)
}

func appendPlural(b []byte, n int, unit string) []byte {
	b = append(strconv.AppendInt(b, int64(n), 10), ' ')
	b = append(b, unit...)
	if n != 1 {
		b = append(b, 's')
	}
	return b
}

func appendUTC(b []byte, t time.Time) []byte { return t.UTC().AppendFormat(b, time.RFC3339Nano) }

// Bit layout of an item's rank: importance keys above urgency keys, each key
// above the ones compared after it, so that one integer comparison decides
// the first six keys of the table. Waiting times are computed from the
// instants, in whole seconds, so they are exact over the years 0001-9999.
const (
	hoursBits   = 27 // whole hours in 10,000 years: < 2^27
	daysBits    = 22 // whole days in 10,000 years: < 2^22
	daysShift   = hoursBits
	rcaShift    = daysShift + daysBits
	fedShift    = rcaShift + 1
	impactShift = fedShift + 1
	prioShift   = impactShift + 1 // 3 bits: priority.Level 1-4
)

// The Unix seconds of the first instant of 0001 (the zero time.Time) and
// of 10000, bounding the times an item may hold.
var (
	minSec = time.Time{}.Unix()
	endSec = time.Date(10000, time.January, 1, 0, 0, 0, 0, time.UTC).Unix()
)

// instant is a time as Unix seconds and nanoseconds, compared without
// durations (which end at 292 years).
type instant struct {
	sec  int64
	nsec uint32
}

func instantOf(t time.Time) instant { return instant{t.Unix(), uint32(t.Nanosecond())} }

func (a instant) compare(b instant) int {
	return cmp.Or(cmp.Compare(a.sec, b.sec), cmp.Compare(a.nsec, b.nsec))
}

func (a instant) isZero() bool { return a.sec == minSec && a.nsec == 0 }

// inRange reports whether a is a time in the years 0001-9999 other than the
// zero time.
func (a instant) inRange() bool { return a.sec >= minSec && a.sec < endSec && !a.isZero() }

// time returns the instant in UTC, or the zero time.
func (a instant) time() time.Time {
	if a.isZero() {
		return time.Time{}
	}
	return time.Unix(a.sec, int64(a.nsec)).UTC()
}

// wholeSeconds returns the whole seconds from a to now; a is not after now.
func wholeSeconds(a, now instant) uint64 {
	d := now.sec - a.sec
	if now.nsec < a.nsec {
		d--
	}
	return uint64(d)
}

// sortKey is an item's precomputed position in the order, as three unsigned
// integers compared in order, smaller first: the complement of the rank (so a
// larger rank comes first), the submission instant's seconds with the sign
// bit flipped, and its nanoseconds. idx is the item's index.
type sortKey struct {
	hi  uint64
	mid uint64
	lo  uint32
	idx uint32
}

// rankOf returns the rank of an item's keys; the item is valid at now.
func rankOf(p priority.Level, impact bool, o fedramp.Offering, rca, sub, upd, now instant) uint64 {
	rank := uint64(p) << prioShift
	if impact {
		rank |= 1 << impactShift
	}
	if o == fedramp.FedRAMP {
		rank |= 1 << fedShift
	}
	if !rca.isZero() && rca.compare(now) <= 0 {
		rank |= 1 << rcaShift
	}
	rank |= wholeSeconds(sub, now) / (24 * 3600) << daysShift
	rank |= wholeSeconds(upd, now) / 3600
	return rank
}

func makeKey(rank uint64, sub instant, i int) sortKey {
	return sortKey{hi: ^rank, mid: uint64(sub.sec) ^ 1<<63, lo: sub.nsec, idx: uint32(i)}
}

func (k *sortKey) rank() uint64 { return ^k.hi }

func sameKey(a, b *sortKey) bool { return a.hi == b.hi && a.mid == b.mid && a.lo == b.lo }

func compareKeys(a, b *sortKey) int {
	return cmp.Or(cmp.Compare(a.hi, b.hi), cmp.Compare(a.mid, b.mid), cmp.Compare(a.lo, b.lo))
}

// Ranking is an owner's queue in order (M3) that refers to its items by
// index instead of copying them: the result of Rank and Items.Rank. Position
// i+1 of the queue is item Index(i) of the input. A Ranking reads its items
// when asked for them, so the slice given to Rank must not change while the
// Ranking is in use (an Items only grows, which is safe).
//
// The zero Ranking is an empty queue.
type Ranking struct {
	items []Item // the items ranked by Rank
	list  *Items // or the list ranked by Items.Rank
	keys  []sortKey
}

// Len returns the number of positions.
func (r Ranking) Len() int { return len(r.keys) }

// Index returns the index, in the input, of the item at position i+1.
func (r Ranking) Index(i int) int { return int(r.keys[i].idx) }

// Item returns a copy of the item at position i+1.
func (r Ranking) Item(i int) Item { return r.item(int(r.keys[i].idx)) }

func (r Ranking) item(idx int) Item {
	if r.list != nil {
		return r.list.At(idx)
	}
	return r.items[idx]
}

// DecidedBy returns the first key on which the item at position i+1 and the
// next one differ, or Last for the last position.
func (r Ranking) DecidedBy(i int) RankKey {
	if i+1 == len(r.keys) {
		_ = r.keys[i] // panic like an index when out of range
		return Last
	}
	return r.decider(&r.keys[i], &r.keys[i+1])
}

// At returns position i+1 with a copy of its item.
func (r Ranking) At(i int) Ranked {
	var p Ranked
	r.fill(&p, i)
	return p
}

// fill sets *p to position i+1.
func (r Ranking) fill(p *Ranked, i int) {
	k := &r.keys[i]
	rank := k.rank()
	p.Position = i + 1
	if r.list != nil {
		p.Item = r.list.At(int(k.idx))
	} else {
		p.Item = r.items[k.idx]
	}
	p.RCAOverdue = rank>>rcaShift&1 == 1
	p.DaysWaiting = int(rank >> daysShift & (1<<daysBits - 1))
	p.HoursSinceUpdate = int(rank & (1<<hoursBits - 1))
	p.DecidedBy = r.DecidedBy(i)
}

// Queue returns the ranking with a copy of each item, as Order does.
func (r Ranking) Queue() Queue {
	q := make(Queue, len(r.keys))
	for i := range q {
		r.fill(&q[i], i)
	}
	return q
}

// Reason explains in words why position i+1 comes before the next one, as
// Queue.Reason does.
func (r Ranking) Reason(i int) string {
	a := r.At(i)
	if a.DecidedBy == Last {
		return "last in the queue"
	}
	n := r.At(i + 1)
	return reason(&a, &n)
}

// AppendLine appends position i+1 as one JSON object and a newline: the
// form `casepolicy queue` prints (see Queue.AppendLine).
func (r Ranking) AppendLine(b []byte, i int) []byte {
	a := r.At(i)
	var n *Ranked
	if a.DecidedBy != Last {
		next := r.At(i + 1)
		n = &next
	}
	return appendRanked(b, &a, n)
}

// decider returns the first key on which a and b, adjacent in the order, differ.
func (r Ranking) decider(a, b *sortKey) RankKey {
	if d := a.hi ^ b.hi; d != 0 {
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
	if a.mid != b.mid || a.lo != b.lo {
		return BySubmittedAt
	}
	if r.compareID(int(a.idx), int(b.idx)) != 0 {
		return ByID
	}
	return ByDuplicateID
}

func (r Ranking) compareID(i, j int) int {
	if r.list != nil {
		return bytes.Compare(r.list.idBytes(i), r.list.idBytes(j))
	}
	return strings.Compare(r.items[i].ID, r.items[j].ID)
}

// compareTie orders items whose first seven keys are equal: by ID, then by
// the fields no key has compared exactly (so only items equal in every field
// Order reads tie), then by index, so the result is the same every time.
func (r Ranking) compareTie(a, b sortKey) int {
	i, j := int(a.idx), int(b.idx)
	if c := r.compareID(i, j); c != 0 {
		return c
	}
	var c int
	if r.list != nil {
		c = r.list.compareRest(i, j)
	} else {
		x, y := &r.items[i], &r.items[j]
		c = cmp.Or(strings.Compare(x.CaseID, y.CaseID), x.LastUpdatedAt.Compare(y.LastUpdatedAt), x.RCADueAt.Compare(y.RCADueAt))
	}
	return cmp.Or(c, cmp.Compare(a.idx, b.idx))
}

// sort orders r.keys: by their packed keys, then ties by compareTie.
func (r Ranking) sort() {
	keys := r.keys
	if len(keys) < radixMin {
		slices.SortFunc(keys, func(a, b sortKey) int {
			if c := compareKeys(&a, &b); c != 0 {
				return c
			}
			return r.compareTie(a, b)
		})
		return
	}
	radixSort(keys)
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && sameKey(&keys[i], &keys[j]) {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(keys[i:j], r.compareTie)
		}
		i = j
	}
}

// radixMin is the length from which radix sorting the keys beats comparing
// them.
const radixMin = 256

// keyBytes is the number of bytes of a sortKey the radix sort reads: lo, mid
// and hi, least significant first.
const keyBytes = 4 + 8 + 8

func digit(k *sortKey, pass int) byte {
	switch {
	case pass < 4:
		return byte(k.lo >> (8 * pass))
	case pass < 12:
		return byte(k.mid >> (8 * (pass - 4)))
	}
	return byte(k.hi >> (8 * (pass - 12)))
}

// radixSort sorts keys by (hi, mid, lo), stably, one byte at a time from the
// least significant, skipping the bytes every key shares. It allocates one
// scratch slice as long as keys.
func radixSort(keys []sortKey) {
	var counts [keyBytes][256]uint32
	for i := range keys {
		k := &keys[i]
		for b := range 4 {
			counts[b][byte(k.lo>>(8*b))]++
		}
		for b := range 8 {
			counts[4+b][byte(k.mid>>(8*b))]++
			counts[12+b][byte(k.hi>>(8*b))]++
		}
	}
	var scratch []sortKey
	src := keys
	for pass := range keyBytes {
		c := &counts[pass]
		if c[digit(&src[0], pass)] == uint32(len(src)) {
			continue // every key has this byte
		}
		if scratch == nil {
			scratch = make([]sortKey, len(keys))
		}
		dst := scratch
		if &src[0] == &scratch[0] {
			dst = keys
		}
		var sum uint32
		for d := range c {
			c[d], sum = sum, sum+c[d]
		}
		switch {
		case pass < 4:
			shift := 8 * pass
			for i := range src {
				d := byte(src[i].lo >> shift)
				dst[c[d]] = src[i]
				c[d]++
			}
		case pass < 12:
			shift := 8 * (pass - 4)
			for i := range src {
				d := byte(src[i].mid >> shift)
				dst[c[d]] = src[i]
				c[d]++
			}
		default:
			shift := 8 * (pass - 12)
			for i := range src {
				d := byte(src[i].hi >> shift)
				dst[c[d]] = src[i]
				c[d]++
			}
		}
		src = dst
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}

// Rank orders the items as Order does, without copying them: position i+1 of
// the result is items[r.Index(i)]. It does not modify items, and the items
// must not change while the Ranking is in use.
//
// Ranking n items costs O(n) time for the packed keys, which a radix sort
// orders, and O(k log k) for each run of k items equal in their first seven
// keys; it allocates the keys and, from 256 items, one scratch slice.
func Rank(items []Item, now time.Time) (Ranking, error) {
	if len(items) > math.MaxInt32 {
		return Ranking{}, fmt.Errorf("order: %w", &FieldError{Field: "items", Problem: "more than 2^31-1 items"})
	}
	nowI := instantOf(now)
	var ps []*FieldError
	for i := range items {
		it := &items[i]
		if p := itemProblems(it.ID != "", it.CaseID != "", it.Priority, it.Offering,
			instantOf(it.SubmittedAt), instantOf(it.LastUpdatedAt), nowI); p != nil {
			ps = appendProblems(ps, p, i)
		}
	}
	if err := escalation.JoinProblems(ps...); err != nil {
		return Ranking{}, fmt.Errorf("order: %w", err)
	}
	r := Ranking{items: items, keys: make([]sortKey, len(items))}
	for i := range items {
		it := &items[i]
		sub := instantOf(it.SubmittedAt)
		rank := rankOf(it.Priority, it.BusinessImpact, it.Offering, instantOf(it.RCADueAt), sub, instantOf(it.LastUpdatedAt), nowI)
		r.keys[i] = makeKey(rank, sub, i)
	}
	r.sort()
	return r, nil
}

// Order returns the items in the order their owner should work on them (M3) at
// now, with each position's deciding key and a copy of its item. The order is
// the table in the package doc: a total order on the items' contents, so it
// does not depend on the order of items, and monotone: raising an item's
// priority, giving it business impact, an overdue RCA, or an earlier
// submission or last update never moves it back.
//
// Order does not modify items. It is Rank followed by Ranking.Queue. Invalid
// items (see Item) give an error listing a *FieldError per problem, named
// like "items[3].priority", on one line.
func Order(items []Item, now time.Time) (Queue, error) {
	r, err := Rank(items, now)
	if err != nil {
		return nil, err
	}
	return r.Queue(), nil
}

// itemProblems lists what makes an item invalid at now, fields named by their
// JSON names, or nil when it is valid.
func itemProblems(hasID, hasCase bool, p priority.Level, o fedramp.Offering, sub, upd, now instant) []*FieldError {
	if hasID && hasCase && p.IsValid() && validOffering(o) && sub.inRange() && upd.inRange() &&
		sub.compare(now) <= 0 && upd.compare(now) <= 0 {
		return nil
	}
	var ps []*FieldError
	if !hasID {
		ps = append(ps, &FieldError{Field: "id", Problem: "missing"})
	}
	if !hasCase {
		ps = append(ps, &FieldError{Field: "case_id", Problem: "missing"})
	}
	if !p.IsValid() {
		ps = append(ps, &FieldError{Field: "priority", Problem: "missing or unknown value"})
	}
	if !validOffering(o) {
		ps = append(ps, &FieldError{Field: "offering", Problem: "missing or unknown value"})
	}
	for _, t := range [...]struct {
		name string
		at   instant
	}{{"submitted_at", sub}, {"last_updated_at", upd}} {
		switch {
		case t.at.isZero():
			ps = append(ps, &FieldError{Field: t.name, Problem: "missing"})
		case !t.at.inRange():
			ps = append(ps, &FieldError{Field: t.name, Problem: "out of range"})
		case t.at.compare(now) > 0:
			ps = append(ps, &FieldError{Field: t.name, Problem: "after now"})
		}
	}
	return ps
}

// appendProblems appends the problems of item i, named "items[i].FIELD".
func appendProblems(all, ps []*FieldError, i int) []*FieldError {
	prefix := "items[" + strconv.Itoa(i) + "]."
	for _, p := range ps {
		p.Field = prefix + p.Field
		all = append(all, p)
	}
	return all
}

// AppendLine appends position i of the queue as one JSON object and a
// newline: the form `casepolicy queue` prints. It is an error when the item
// has an invalid priority or offering (Order never returns one).
func (q Queue) AppendLine(b []byte, i int) ([]byte, error) {
	rk := &q[i]
	if _, err := rk.Item.Priority.MarshalText(); err != nil {
		return b, err
	}
	if _, err := rk.Item.Offering.MarshalText(); err != nil {
		return b, err
	}
	var n *Ranked
	if rk.DecidedBy != Last && i+1 < len(q) {
		n = &q[i+1]
	}
	return appendRanked(b, rk, n), nil
}

// appendRankedFields appends the ranked form without its closing brace: the
// position, the item's fields, its urgency keys and the key that decided.
func appendRankedFields(b []byte, r *Ranked) []byte {
	b = append(b, `{"position":`...)
	b = strconv.AppendInt(b, int64(r.Position), 10)
	b = append(b, ',')
	b = appendItemFields(b, &r.Item)
	b = append(b, `,"rca_overdue":`...)
	b = strconv.AppendBool(b, r.RCAOverdue)
	b = append(b, `,"days_waiting":`...)
	b = strconv.AppendInt(b, int64(r.DaysWaiting), 10)
	b = append(b, `,"hours_since_update":`...)
	b = strconv.AppendInt(b, int64(r.HoursSinceUpdate), 10)
	b = append(b, `,"decided_by":`...)
	return jsonwrite.String(b, r.DecidedBy.String())
}

// appendRanked appends one position as a JSON line: the position, the item's
// fields (as Item.MarshalJSON writes them), its urgency keys, the key that
// decided it and the reason in words. next is the next position, nil for the
// last.
func appendRanked(b []byte, r, next *Ranked) []byte {
	b = appendRankedFields(b, r)
	// The reason goes after the line, then back in place escaped: no
	// allocation beyond growing b.
	b = append(b, `,"reason":"`...)
	start := len(b)
	b = appendReason(b, r, next)
	end := len(b)
	b = jsonwrite.Escaped(b, b[start:end])
	b = append(b[:start], b[end:]...)
	return append(b, "\"}\n"...)
}
