package escalation

import (
	"iter"
	"math/bits"
	"strconv"
	"time"
)

// Reasons is the list of criteria a decision fails: each code at most once,
// in clause order (the order of the Code constants), each with the instant
// it stops failing. It is a value that holds its list in itself, so that a
// decision needs no memory elsewhere and deciding allocates nothing, denied
// or not; a copy of a Reasons is a copy of the list. The text of each reason
// (Message, Remedy) is looked up when it is read: the wording of the policy
// version that decided, or the text it was decoded with.
//
// The zero Reasons is the empty list. Read it with Len, At, All, Codes, Get
// and Has, as a slice is read; build one with MakeReasons. Compare two with
// Equal (go-cmp uses it), not ==.
type Reasons struct {
	list
	timed uint32 // bit c: code c has an eligible instant
	// The eligible instants of the timed codes in clause order, as Unix
	// seconds and nanoseconds: the first inlineTimed here, all of them in
	// *many when there are more.
	sec  [inlineTimed]int64
	nsec [inlineTimed]uint32
	many *[numRefusals]instant
}

// inlineTimed is how many eligible instants a Reasons holds in itself. No
// decision has more (a P2 wait or an R2 target, and the switches that cure
// P4 or P5, F9 and U1); a list given to MakeReasons with more keeps them in
// memory of its own.
const inlineTimed = 4

// instant is an instant as Unix seconds and nanoseconds: a time.Time
// without its zone and monotonic reading, compared as t.Before compares
// times without a monotonic reading.
type instant struct {
	sec  int64
	nsec uint32
}

func instantOf(t time.Time) instant { return instant{t.Unix(), uint32(t.Nanosecond())} }

// addInstant returns the instant d after t, as t.Add(d) names it, for
// the durations of a policy (at most a few centuries either way).
func addInstant(t time.Time, d time.Duration) instant {
	sec, nsec := t.Unix()+int64(d/time.Second), int64(t.Nanosecond())+int64(d%time.Second)
	switch {
	case nsec >= int64(time.Second):
		sec, nsec = sec+1, nsec-int64(time.Second)
	case nsec < 0:
		sec, nsec = sec-1, nsec+int64(time.Second)
	}
	return instant{sec, uint32(nsec)}
}

// before reports whether i comes before j.
func (i instant) before(j instant) bool { return i.sec < j.sec || i.sec == j.sec && i.nsec < j.nsec }

// Warnings is the list of a decision's warnings (G4, G7), read as Reasons
// is. A warning carries no remedy and no eligible instant. The zero
// Warnings is the empty list; build one with MakeWarnings.
type Warnings struct{ list }

// numRefusals is the number of codes that refuse (all but the warnings).
const numRefusals = int(UnseenUpdate) - 1

// list is the part Reasons and Warnings share: the codes listed, as bits,
// and their text.
type list struct {
	codes uint32    // bit c: code c is listed
	text  *messages // nil: the built-in texts
}

// Len returns the number of reasons in the list.
func (rs Reasons) Len() int { return rs.len() }

// At returns the reason at index i, as a slice's element. It panics when i is
// out of range, as indexing a slice does.
func (rs Reasons) At(i int) Reason { return rs.reason(rs.nth(i)) }

// All returns the index and reason of each reason in order, as ranging over
// a slice does.
func (rs Reasons) All() iter.Seq2[int, Reason] { return all(rs.codes, rs.reason) }

// Codes returns the codes of the reasons in order.
func (rs Reasons) Codes() iter.Seq[Code] { return rs.list.all() }

// Has reports whether the list holds code c.
func (rs Reasons) Has(c Code) bool { return rs.has(c) }

// Get returns the reason with code c, and whether the list holds it.
func (rs Reasons) Get(c Code) (Reason, bool) {
	if !rs.has(c) {
		return Reason{}, false
	}
	return rs.reason(c), true
}

// Slice returns the reasons in a new slice: empty, not nil, when there are
// none.
func (rs Reasons) Slice() []Reason { return slice(rs.codes, rs.reason) }

// Equal reports whether the two lists hold the same reasons: the same codes,
// instants and text.
func (rs Reasons) Equal(o Reasons) bool {
	if rs.timed != o.timed || !rs.list.equal(&o.list) {
		return false
	}
	for c := range rs.list.all() {
		if !rs.eligible(c).Equal(o.eligible(c)) {
			return false
		}
	}
	return true
}

// String returns the codes as fmt prints a slice of them:
// "[LOW_PRIORITY RCA_NOT_REQUESTED]".
func (rs Reasons) String() string { return rs.string() }

// Len returns the number of warnings in the list.
func (ws Warnings) Len() int { return ws.len() }

// At returns the warning at index i; it panics when i is out of range.
func (ws Warnings) At(i int) Reason { return ws.reason(ws.nth(i)) }

// All returns the index and warning of each warning in order.
func (ws Warnings) All() iter.Seq2[int, Reason] { return all(ws.codes, ws.reason) }

// Codes returns the codes of the warnings in order.
func (ws Warnings) Codes() iter.Seq[Code] { return ws.list.all() }

// Has reports whether the list holds code c.
func (ws Warnings) Has(c Code) bool { return ws.has(c) }

// Get returns the warning with code c, and whether the list holds it.
func (ws Warnings) Get(c Code) (Reason, bool) {
	if !ws.has(c) {
		return Reason{}, false
	}
	return ws.reason(c), true
}

// Slice returns the warnings in a new slice: empty, not nil, when there are
// none.
func (ws Warnings) Slice() []Reason { return slice(ws.codes, ws.reason) }

// Equal reports whether the two lists hold the same warnings and text.
func (ws Warnings) Equal(o Warnings) bool { return ws.list.equal(&o.list) }

// String returns the codes as fmt prints a slice of them: "[UNSEEN_UPDATE]".
func (ws Warnings) String() string { return ws.string() }

func (l *list) len() int { return bits.OnesCount32(l.codes) }

func (l *list) has(c Code) bool { return c.IsValid() && l.codes&(1<<c) != 0 }

// nth returns the code at index i, or panics as a slice index out of range.
func (l *list) nth(i int) Code {
	m := l.codes
	for k := i; k > 0 && m != 0; k-- {
		m &= m - 1
	}
	if i < 0 || m == 0 {
		panic("escalation: index " + strconv.Itoa(i) + " out of range of a list of " + strconv.Itoa(l.len()))
	}
	return Code(bits.TrailingZeros32(m))
}

func (l *list) all() iter.Seq[Code] {
	codes := l.codes
	return func(yield func(Code) bool) {
		for m := codes; m != 0; m &= m - 1 {
			if !yield(Code(bits.TrailingZeros32(m))) {
				return
			}
		}
	}
}

// all yields index and reason for each code in codes.
func all(codes uint32, reason func(Code) Reason) iter.Seq2[int, Reason] {
	return func(yield func(int, Reason) bool) {
		i := 0
		for m := codes; m != 0; m &= m - 1 {
			if !yield(i, reason(Code(bits.TrailingZeros32(m)))) {
				return
			}
			i++
		}
	}
}

func slice(codes uint32, reason func(Code) Reason) []Reason {
	out := make([]Reason, 0, bits.OnesCount32(codes))
	for m := codes; m != 0; m &= m - 1 {
		out = append(out, reason(Code(bits.TrailingZeros32(m))))
	}
	return out
}

// equal compares the codes and their text.
func (l *list) equal(o *list) bool {
	if l.codes != o.codes {
		return false
	}
	for c := range l.all() {
		if l.message(c) != o.message(c) || l.remedy(c) != o.remedy(c) {
			return false
		}
	}
	return true
}

func (l *list) string() string {
	b := []byte{'['}
	for c := range l.all() {
		if len(b) > 1 {
			b = append(b, ' ')
		}
		b = append(b, c.String()...)
	}
	return string(append(b, ']'))
}

func (l *list) message(c Code) string {
	if l.text != nil {
		return l.text.message[c]
	}
	return codes[c].message
}

// remedy returns c's remedy; a warning has none (docs/CONTRACT.md's shape).
func (l *list) remedy(c Code) string {
	if l.text != nil {
		return l.text.remedy[c]
	}
	if c.IsWarning() {
		return ""
	}
	return codes[c].remedy
}

// reason returns the listed reason with code c.
func (rs *Reasons) reason(c Code) Reason {
	return Reason{Code: c, Clause: codes[c].clause, Message: rs.message(c), Remedy: rs.remedy(c), EligibleAt: rs.eligible(c)}
}

// reason returns the listed warning with code c.
func (ws *Warnings) reason(c Code) Reason {
	return Reason{Code: c, Clause: codes[c].clause, Message: ws.message(c), Remedy: ws.remedy(c)}
}

func (rs *Reasons) eligible(c Code) time.Time {
	if rs.timed&(1<<c) == 0 {
		return time.Time{}
	}
	if rs.many != nil {
		in := rs.many[c-1]
		return time.Unix(in.sec, int64(in.nsec)).UTC()
	}
	k := bits.OnesCount32(rs.timed & (1<<c - 1)) // the timed codes before c
	return time.Unix(rs.sec[k], int64(rs.nsec[k])).UTC()
}

// add lists refusal code c with the instant it stops failing (zero:
// none), in any order.
func (rs *Reasons) add(c Code, eligible time.Time) {
	rs.codes |= 1 << c
	if eligible.IsZero() {
		return
	}
	in := instantOf(eligible)
	n := bits.OnesCount32(rs.timed)
	switch {
	case rs.many != nil:
		rs.many[c-1] = in
	case n < inlineTimed:
		k := bits.OnesCount32(rs.timed & (1<<c - 1)) // the timed codes before c
		for j := n; j > k; j-- {                     // after c: one place on
			rs.sec[j], rs.nsec[j] = rs.sec[j-1], rs.nsec[j-1]
		}
		rs.sec[k], rs.nsec[k] = in.sec, in.nsec
	default:
		// More than a decision has: every instant in memory of its own,
		// new each time, as a copy of rs may share the last one.
		rs.many = new([numRefusals]instant)
		i := 0
		for m := rs.timed; m != 0; m &= m - 1 {
			rs.many[bits.TrailingZeros32(m)-1] = instant{rs.sec[i], rs.nsec[i]}
			i++
		}
		rs.many[c-1] = in
		rs.sec, rs.nsec = [inlineTimed]int64{}, [inlineTimed]uint32{}
	}
	rs.timed |= 1 << c
}

// MakeReasons returns the list of the given reasons. They must be refusals,
// in clause order, each code at most once, each with its code's clause.
// Otherwise the error joins a *FieldError for each problem, naming the
// reason by its index ("[1].code"). Message and Remedy are kept as given,
// EligibleAt as an instant (At returns it in UTC).
func MakeReasons(list ...Reason) (Reasons, error) {
	var rs Reasons
	var ps []*FieldError
	rs.list = makeList("", list, true, &ps, func(c Code, r *Reason) { rs.add(c, r.EligibleAt) })
	if err := JoinProblems(ps...); err != nil {
		return Reasons{}, err
	}
	return rs, nil
}

// MakeWarnings returns the list of the given warnings, which must be
// warnings (G4, G7), in clause order, each once, each with its code's
// clause and no EligibleAt; the errors are MakeReasons'.
func MakeWarnings(list ...Reason) (Warnings, error) {
	var ps []*FieldError
	ws := Warnings{makeList("", list, false, &ps, nil)}
	if err := JoinProblems(ps...); err != nil {
		return Warnings{}, err
	}
	return ws, nil
}

// makeList checks the reasons (refusals) or warnings of list, appending a
// problem to *ps for each, with each field under path, and returns their
// codes and text; add, when set, is called for each listed code.
func makeList(path string, given []Reason, refusals bool, ps *[]*FieldError, add func(Code, *Reason)) list {
	var l list
	var custom *messages
	last := Code(0)
	for i := range given {
		r := &given[i]
		at := func(field string) string { return path + "[" + strconv.Itoa(i) + "]." + field }
		c := r.Code
		switch {
		case c == codeUnread:
			continue
		case c == 0:
			*ps = append(*ps, &FieldError{Field: at("code"), Problem: "missing"})
			continue
		case !c.IsValid():
			*ps = append(*ps, &FieldError{Field: at("code"), Problem: "unknown value"})
			continue
		case c.IsWarning() == refusals:
			*ps = append(*ps, &FieldError{Field: at("code"), Problem: "a warning among reasons or a reason among warnings"})
			continue
		case c <= last:
			*ps = append(*ps, &FieldError{Field: at("code"), Problem: "repeated or not in clause order"})
			continue
		}
		last = c
		if r.Clause != c.Clause() {
			*ps = append(*ps, &FieldError{Field: at("clause"), Problem: "not the code's clause"})
		}
		if !refusals && !r.EligibleAt.IsZero() {
			*ps = append(*ps, &FieldError{Field: at("eligible_at"), Problem: "a warning has no eligible instant"})
		}
		l.codes |= 1 << c
		if add != nil {
			add(c, r)
		}
		if custom == nil && (r.Message != l.message(c) || r.Remedy != l.remedy(c)) {
			custom = builtinTexts() // the codes before c keep the built-in text
		}
		if custom != nil {
			custom.message[c], custom.remedy[c] = r.Message, r.Remedy
		}
	}
	l.text = custom
	return l
}

// codeUnread marks a reason whose code could not be decoded, a problem
// already reported: makeList skips it.
const codeUnread Code = 255

// builtinTexts returns a new table of the built-in texts.
func builtinTexts() *messages {
	m := new(messages)
	for c := Code(1); c < numCodes; c++ {
		m.message[c] = codes[c].message
		if !c.IsWarning() {
			m.remedy[c] = codes[c].remedy
		}
	}
	return m
}
