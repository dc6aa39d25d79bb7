package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/casepolicy/casepolicy/escalation"
)

const whatifUsage = `usage: casepolicy whatif -policies NEW [-base OLD] [FILE]

Reads requests as evaluate does (JSON Lines from FILE or standard input) and
decides each under the base set (the built-in versions, or the policy
document OLD) and under the policy document NEW. Writes one JSON line per
request whose decision changes in anything but human text (message, remedy,
explanation): {"line": N, "before": DECISION, "after": DECISION}, N the
1-based input line. A line invalid under either set is written as
{"line": N, "error": {"problems": [...]}}. At the end it writes to standard
error a summary: {"requests": N, "changed": M, "transitions": [{"before":
{"allowed": B, "reasons": [...]}, "after": {...}, "count": K}, ...]}, the
transitions in the order first seen.

Exit status: 0 when every line was valid under both sets; 1 when one was not,
or a policy document is invalid; 2 for wrong usage or an unreadable FILE; 3
when the input cannot be read or the output written.
`

// runWhatif is the whatif subcommand.
func runWhatif(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("whatif", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), whatifUsage) }
	newPath := policiesFlag(fs)
	basePath := fs.String("base", "", "the policy document to compare against (default: the built-in versions)")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if *newPath == "" {
		fmt.Fprint(stderr, "casepolicy whatif: -policies NEW is required\n\n"+whatifUsage)
		return 2
	}
	base, code := loadPolicies("whatif", *basePath, stderr)
	if code != 0 {
		return code
	}
	next, code := loadPolicies("whatif", *newPath, stderr)
	if code != 0 {
		return code
	}
	in, closeIn, code := openInput(fs, "whatif", stdin, stderr)
	if code != 0 {
		return code
	}
	defer closeIn()
	out := bufio.NewWriterSize(stdout, 64<<10)
	w := whatif{base: base, next: next, index: map[string]int{}}
	w.e = evaluator{out: out, flush: out.Flush}
	w.e.handle, w.e.onError = w.line, w.invalidLine
	status := w.e.finish("whatif", w.e.stream(in), out, stderr)
	if status != 3 {
		if _, err := stderr.Write(w.summary()); err != nil {
			return 3
		}
	}
	return status
}

// whatif decides each request under two sets and counts the changes.
type whatif struct {
	e          evaluator
	base, next escalation.Set
	requests   int
	changed    int
	index      map[string]int // transition key -> position in transitions
	trans      []transition
}

// transition is one kind of change: before and after, allowed and codes.
type transition struct {
	beforeAllowed, afterAllowed bool
	before, after               []string
	count                       int
}

// line answers one request.
func (w *whatif) line(n int, line []byte) {
	w.requests++
	in, err := w.base.ParseInput(line)
	var before, after escalation.Decision
	if err == nil {
		before, err = w.base.EvaluateInput(in)
	}
	if err == nil {
		after, err = w.next.EvaluateInput(in)
	}
	if err != nil {
		w.e.invalid = true
		w.writeError(n, err)
		return
	}
	if sameForPrograms(before, after) {
		return
	}
	w.changed++
	w.count(before, after)
	b := append(w.e.buf[:0], `{"line":`...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, `,"before":`...)
	b = before.AppendJSON(b)
	b = append(b, `,"after":`...)
	b = after.AppendJSON(b)
	w.e.buf = append(b, "}\n"...)
	w.e.write()
}

// invalidLine answers a line refused before it could be parsed (too long).
func (w *whatif) invalidLine(n int, err error) {
	w.requests++
	w.writeError(n, err)
}

// writeError writes {"line": N, "error": {...}} for a line invalid under
// either set.
func (w *whatif) writeError(n int, err error) {
	b := append(w.e.buf[:0], `{"line":`...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, ',')
	b = append(b, escalation.AppendErrorJSON(nil, err)[1:]...) // "error":{...}}
	w.e.buf = append(b, '\n')
	w.e.write()
}

// sameForPrograms compares two decisions in everything but human text.
func sameForPrograms(a, b escalation.Decision) bool {
	if a.Allowed != b.Allowed || a.Outcome != b.Outcome || a.Policy != b.Policy ||
		!a.NextEligibleAt.Equal(b.NextEligibleAt) ||
		a.Control.Label != b.Control.Label || a.Control.Enabled != b.Control.Enabled ||
		a.Reasons.Len() != b.Reasons.Len() || a.Warnings.Len() != b.Warnings.Len() {
		return false
	}
	for i, x := range a.Reasons.All() {
		if y := b.Reasons.At(i); x.Code != y.Code || !x.EligibleAt.Equal(y.EligibleAt) {
			return false
		}
	}
	for c := range a.Warnings.Codes() {
		if !b.Warnings.Has(c) {
			return false
		}
	}
	return true
}

func reasonCodes(d escalation.Decision) []string {
	out := make([]string, 0, d.Reasons.Len())
	for c := range d.Reasons.Codes() {
		out = append(out, c.String())
	}
	return out
}

// count adds one change to its transition.
func (w *whatif) count(before, after escalation.Decision) {
	bc, ac := reasonCodes(before), reasonCodes(after)
	key := fmt.Sprint(before.Allowed, bc, after.Allowed, ac)
	i, ok := w.index[key]
	if !ok {
		i = len(w.trans)
		w.index[key] = i
		w.trans = append(w.trans, transition{beforeAllowed: before.Allowed, afterAllowed: after.Allowed, before: bc, after: ac})
	}
	w.trans[i].count++
}

// summary is the JSON summary line.
func (w *whatif) summary() []byte {
	side := func(b []byte, allowed bool, codes []string) []byte {
		b = append(b, `{"allowed":`...)
		b = strconv.AppendBool(b, allowed)
		b = append(b, `,"reasons":[`...)
		b = append(b, strings.Join(quoteAll(codes), ",")...)
		return append(b, "]}"...)
	}
	b := fmt.Appendf(nil, `{"requests":%d,"changed":%d,"transitions":[`, w.requests, w.changed)
	for i, t := range w.trans {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"before":`...)
		b = side(b, t.beforeAllowed, t.before)
		b = append(b, `,"after":`...)
		b = side(b, t.afterAllowed, t.after)
		b = fmt.Appendf(b, `,"count":%d}`, t.count)
	}
	return append(b, "]}\n"...)
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}
