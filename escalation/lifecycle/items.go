package lifecycle

import (
	"bytes"
	"cmp"
	"fmt"
	"hash/maphash"
	"math"
	"time"
	"unsafe"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
)

// Items is a list of queue items held compactly, for queues too long to hold
// as a []Item: about 56 bytes per item plus its ID and case ID, stored in
// blocks that are never copied as the list grows. It finds an item by ID or
// by case ID in constant time, and Items.Rank orders it as Rank orders a
// slice.
//
// An Items holds instants: At returns the times in UTC, the zero time for a
// zero one. Items are added with Append and never changed or removed.
//
// The zero Items is an empty list, ready to use. Use an Items through a
// pointer: a copy shares its blocks with the original.
type Items struct {
	blocks [][]packedItem
	text   [][]byte // the IDs and case IDs, each item's next to each other
	n      int

	seed           maphash.Seed
	byID, byCase   []uint32 // open addressing tables of index+1; 0 is empty
	nIDs, nCaseIDs int      // entries in byID and byCase
}

// packedItem is an Item in 56 bytes.
type packedItem struct {
	sub, upd, rca    int64  // Unix seconds
	subN, updN, rcaN uint32 // nanoseconds
	block, off       uint32 // where the ID, then the case ID, are in text
	idLen, caseLen   uint32
	prio             priority.Level
	offering         fedramp.Offering
	impact           bool
}

const (
	blockBits = 12 // items per block: 4096
	textBlock = 64 << 10
)

// Len returns the number of items.
func (l *Items) Len() int { return l.n }

// Append adds it at index Len() and returns that index. It does not check
// it: Items.Rank does. It panics when the list holds 2^31-1 items, or when
// the ID and case ID together exceed 4 GiB.
func (l *Items) Append(it Item) int {
	if l.n == math.MaxInt32 {
		panic("lifecycle: Items is full")
	}
	size := len(it.ID) + len(it.CaseID)
	if uint64(size) > math.MaxUint32 {
		panic("lifecycle: item ID and case ID longer than 4 GiB")
	}
	i := l.n
	if i>>blockBits == len(l.blocks) {
		l.blocks = append(l.blocks, make([]packedItem, 1<<blockBits))
	}
	sub, upd, rca := instantOf(it.SubmittedAt), instantOf(it.LastUpdatedAt), instantOf(it.RCADueAt)
	if it.RCADueAt.IsZero() {
		rca = instant{minSec, 0}
	}
	p := &l.blocks[i>>blockBits][i&(1<<blockBits-1)]
	*p = packedItem{
		sub: sub.sec, subN: sub.nsec, upd: upd.sec, updN: upd.nsec, rca: rca.sec, rcaN: rca.nsec,
		idLen: uint32(len(it.ID)), caseLen: uint32(len(it.CaseID)),
		prio: it.Priority, offering: it.Offering, impact: it.BusinessImpact,
	}
	last := len(l.text) - 1
	if last < 0 || cap(l.text[last])-len(l.text[last]) < size {
		l.text = append(l.text, make([]byte, 0, max(textBlock, size)))
		last++
	}
	p.block, p.off = uint32(last), uint32(len(l.text[last]))
	l.text[last] = append(append(l.text[last], it.ID...), it.CaseID...)
	l.n++
	if l.byID == nil {
		l.seed = maphash.MakeSeed()
	}
	l.byID, l.nIDs = l.insert(l.byID, l.nIDs, i, false)
	l.byCase, l.nCaseIDs = l.insert(l.byCase, l.nCaseIDs, i, true)
	return i
}

func (l *Items) packed(i int) *packedItem {
	if uint(i) >= uint(l.n) {
		panic(fmt.Sprintf("lifecycle: index %d out of range [0:%d]", i, l.n))
	}
	return &l.blocks[i>>blockBits][i&(1<<blockBits-1)]
}

func (l *Items) idBytes(i int) []byte {
	p := l.packed(i)
	return l.text[p.block][p.off : p.off+p.idLen]
}

func (l *Items) caseBytes(i int) []byte {
	p := l.packed(i)
	start := p.off + p.idLen
	return l.text[p.block][start : start+p.caseLen]
}

func (l *Items) key(i int, byCase bool) []byte {
	if byCase {
		return l.caseBytes(i)
	}
	return l.idBytes(i)
}

// At returns item i, its times in UTC. It does not allocate: the ID and
// case ID share the list's storage. It panics when i is out of range.
func (l *Items) At(i int) Item {
	p := l.packed(i)
	return Item{
		ID:             textString(l.idBytes(i)),
		CaseID:         textString(l.caseBytes(i)),
		Priority:       p.prio,
		BusinessImpact: p.impact,
		Offering:       p.offering,
		SubmittedAt:    instant{p.sub, p.subN}.time(),
		LastUpdatedAt:  instant{p.upd, p.updN}.time(),
		RCADueAt:       instant{p.rca, p.rcaN}.time(),
	}
}

// textString returns b as a string without copying it. b is part of a text
// block of an Items: bytes that are never written again once appended (a
// block is allocated at its full capacity and only appended to), so the
// string is immutable, as a string must be.
func textString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// FindID returns the index of the first item appended with the given ID, and
// whether there is one.
func (l *Items) FindID(id string) (int, bool) { return l.find(l.byID, id, false) }

// FindCase returns the index of the first item appended with the given case
// ID, and whether there is one.
func (l *Items) FindCase(caseID string) (int, bool) { return l.find(l.byCase, caseID, true) }

func (l *Items) find(table []uint32, key string, byCase bool) (int, bool) {
	if len(table) == 0 {
		return 0, false
	}
	mask := uint64(len(table) - 1)
	for s := maphash.String(l.seed, key) & mask; ; s = (s + 1) & mask {
		v := table[s]
		if v == 0 {
			return 0, false
		}
		if string(l.key(int(v-1), byCase)) == key {
			return int(v - 1), true
		}
	}
}

// insert adds item i to table unless an item with its key is there already,
// and returns the table and its number of entries.
func (l *Items) insert(table []uint32, n, i int, byCase bool) ([]uint32, int) {
	if (n+1)*4 > len(table)*3 {
		bigger := make([]uint32, max(16, 2*len(table)))
		for _, v := range table {
			if v != 0 {
				place(bigger, maphash.Bytes(l.seed, l.key(int(v-1), byCase)), v)
			}
		}
		table = bigger
	}
	key := l.key(i, byCase)
	mask := uint64(len(table) - 1)
	for s := maphash.Bytes(l.seed, key) & mask; ; s = (s + 1) & mask {
		v := table[s]
		if v == 0 {
			table[s] = uint32(i + 1)
			return table, n + 1
		}
		if bytes.Equal(l.key(int(v-1), byCase), key) {
			return table, n
		}
	}
}

func place(table []uint32, h uint64, v uint32) {
	mask := uint64(len(table) - 1)
	for s := h & mask; ; s = (s + 1) & mask {
		if table[s] == 0 {
			table[s] = v
			return
		}
	}
}

// compareRest orders items i and j by case ID, last update and RCA due time.
func (l *Items) compareRest(i, j int) int {
	p, q := l.packed(i), l.packed(j)
	return cmp.Or(bytes.Compare(l.caseBytes(i), l.caseBytes(j)),
		instant{p.upd, p.updN}.compare(instant{q.upd, q.updN}),
		instant{p.rca, p.rcaN}.compare(instant{q.rca, q.rcaN}))
}

// Rank orders the items at now as Rank orders a slice: position i+1 is item
// r.Index(i). Items appended later are not in the Ranking. Invalid items
// (see Item) give an error listing a *FieldError per problem, named like
// "items[3].priority", on one line.
func (l *Items) Rank(now time.Time) (Ranking, error) {
	nowI := instantOf(now)
	var ps []*FieldError
	for i := range l.n {
		p := l.packed(i)
		if e := itemProblems(p.idLen > 0, p.caseLen > 0, p.prio, p.offering,
			instant{p.sub, p.subN}, instant{p.upd, p.updN}, nowI); e != nil {
			ps = appendProblems(ps, e, i)
		}
	}
	if err := escalation.JoinProblems(ps...); err != nil {
		return Ranking{}, fmt.Errorf("order: %w", err)
	}
	r := Ranking{list: l, keys: make([]sortKey, l.n)}
	for i := range l.n {
		p := l.packed(i)
		sub := instant{p.sub, p.subN}
		rank := rankOf(p.prio, p.impact, p.offering, instant{p.rca, p.rcaN}, sub, instant{p.upd, p.updN}, nowI)
		r.keys[i] = makeKey(rank, sub, i)
	}
	r.sort()
	return r, nil
}
