package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
)

const evaluateUsage = `usage: casepolicy evaluate [-j N] [FILE]

Reads escalation requests (docs/CONTRACT.md) from FILE, or standard input when FILE
is absent or "-", one JSON object per line; blank lines are skipped. If the
whole input is one JSON value spread over several lines, it is one request.
Writes one decision per request, in input order, one JSON line each; an
invalid line gets {"error":{"problems":[...]}} in its place. A line may be at
most %d bytes.

With -policies FILE, the set of versions in the policy document FILE
replaces the built-in ones; a request's "policy" names one of its versions.

With -j N, N goroutines decide the requests (default: the number of CPUs);
the output is the same, in input order, whatever N. -j 1 decides them one by
one.

Exit status: 0 when every line was valid (denied requests are valid); 1 when
at least one was not, or the policy document is invalid; 2 for wrong usage or
an unreadable FILE; 3 when the input cannot be read after it was opened or the
output cannot be written.
`

// maxLine bounds one request line, and a request spread over several lines.
// Longer input is answered with an error object and skipped without being
// held in memory.
const maxLine = 64 << 10

// runEvaluate is the evaluate subcommand.
func runEvaluate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("evaluate", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprintf(fs.Output(), evaluateUsage, maxLine) }
	path := policiesFlag(fs)
	jobs := fs.Int("j", runtime.NumCPU(), "how many goroutines decide requests")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if *jobs < 1 {
		fmt.Fprintf(stderr, "casepolicy evaluate: -j wants at least 1, got %d\n", *jobs)
		return 2
	}
	set, code := loadPolicies("evaluate", *path, stderr)
	if code != 0 {
		return code
	}
	in, closeIn, code := openInput(fs, "evaluate", stdin, stderr)
	if code != 0 {
		return code
	}
	defer closeIn()
	widenPipe(in)
	out := bufio.NewWriterSize(stdout, 64<<10)
	e := evaluator{set: set, out: out, flush: out.Flush}
	if *jobs == 1 {
		e.handle = e.evaluate
		return e.finish("evaluate", e.stream(in), out, stderr)
	}
	return e.finish("evaluate", e.streamParallel(in, *jobs), out, stderr)
}

// finish ends a streaming subcommand: exit 3 when the input could not be
// read or the output written, else 1 when a line was invalid, else 0.
func (e *evaluator) finish(name string, err error, out *bufio.Writer, stderr io.Writer) int {
	if err == nil {
		err = out.Flush()
	}
	var re *readError
	switch {
	case errors.As(err, &re):
		out.Flush()
		fmt.Fprintf(stderr, "casepolicy %s: cannot read the input: %v\n", name, re.err)
		return 3
	case err != nil:
		fmt.Fprintf(stderr, "casepolicy %s: cannot write the output\n", name)
		return 3
	case e.invalid:
		return 1
	}
	return 0
}

// readError (redact.go) marks a failure of the input after it was opened.

// openInput opens the one optional FILE argument of a subcommand.
func openInput(fs *flag.FlagSet, name string, stdin io.Reader, stderr io.Writer) (io.Reader, func(), int) {
	switch fs.NArg() {
	case 0:
		return stdin, func() {}, 0
	case 1:
		if fs.Arg(0) == "-" {
			return stdin, func() {}, 0
		}
		f, err := os.Open(fs.Arg(0))
		if err == nil {
			var st os.FileInfo
			if st, err = f.Stat(); err == nil && st.IsDir() {
				err = fmt.Errorf("%s is a directory", fs.Arg(0))
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "casepolicy %s: %v\n", name, err)
			return nil, nil, 2
		}
		return f, func() { f.Close() }, 0
	}
	fmt.Fprintf(stderr, "casepolicy %s: want at most one FILE, got %q\n", name, fs.Args())
	return nil, nil, 2
}

// evaluator answers request lines in order.
type evaluator struct {
	set     escalation.Set
	out     io.Writer
	buf     []byte
	invalid bool
	err     error
	flush   func() error // called before waiting for more input
	// handle answers one request that starts on 1-based input line n;
	// onError, when set, answers a line that is invalid before parsing.
	handle  func(n int, line []byte)
	onError func(n int, err error)
	// in and d are reused from line to line by evaluate.
	in escalation.Input
	d  escalation.Decision
}

// write writes e.buf, keeping the first write error.
func (e *evaluator) write() {
	if _, werr := e.out.Write(e.buf); werr != nil && e.err == nil {
		e.err = werr
	}
}

// evaluate writes the decision or error object for one request.
func (e *evaluator) evaluate(_ int, line []byte) {
	var invalid bool
	e.buf, invalid = answerLine(e.set, &e.in, &e.d, e.buf[:0], line)
	e.invalid = e.invalid || invalid
	e.write()
}

// answerLine appends to b the decision or error object for one request line,
// and a newline; invalid reports an error object. in and d are reused.
func answerLine(set escalation.Set, in *escalation.Input, d *escalation.Decision, b, line []byte) (out []byte, invalid bool) {
	err := set.ParseInputTo(in, line)
	if err == nil {
		err = set.EvaluateInputTo(d, in)
	}
	if err != nil {
		b = escalation.AppendErrorJSON(b, err)
	} else {
		b = d.AppendJSON(b)
	}
	return append(b, '\n'), err != nil
}

// errTooLong answers a line longer than maxLine.
var errTooLong = &escalation.FieldError{Field: "", Problem: fmt.Sprintf("line longer than %d bytes", maxLine)}

// contentLen is the length of a line without its LF or CRLF ending.
func contentLen(line []byte) int {
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		n--
		if n > 0 && line[n-1] == '\r' {
			n--
		}
	}
	return n
}

// bom (queue.go) is the UTF-8 byte order mark, skipped at the start of the
// input.

func blank(line []byte) bool { return len(bytes.TrimSpace(line)) == 0 }

// maxHeld bounds the lines held while the input may be one JSON value spread
// over several lines.
const maxHeld = 1024

// stream reads lines and answers each. When the first non-blank line is the
// start of a JSON value but not a whole one, it holds the lines that follow
// for as long as they continue that value (up to maxLine bytes and maxHeld
// lines): if the whole input is one JSON value, it is one request; as soon as
// the held text can no longer be one, or more input follows a complete value,
// each held line is answered on its own.
func (e *evaluator) stream(r io.Reader) error {
	// The buffer holds a line of maxLine bytes with its CRLF ending.
	br := bufio.NewReaderSize(r, maxLine+2)
	type heldLine struct {
		n    int
		line []byte
	}
	var held []heldLine
	heldBytes := 0
	holding, heldComplete, first := false, false, true
	n := 0 // the 1-based number of the line read last
	release := func() {
		for _, l := range held {
			if !blank(l.line) {
				e.handle(l.n, l.line)
			}
		}
		held, heldBytes, holding, heldComplete = nil, 0, false, false
	}
	joined := func() []byte {
		var b []byte
		for _, l := range held {
			b = append(b, l.line...)
		}
		return b
	}
	if lead, _ := br.Peek(len(bom)); bytes.Equal(lead, bom) {
		br.Discard(len(bom))
	}
	for e.err == nil {
		if br.Buffered() == 0 && e.flush != nil {
			// About to wait for input: hand over the answers so far, so a
			// program that writes a line and waits for its answer gets it.
			if err := e.flush(); err != nil {
				return err
			}
		}
		line, err := br.ReadSlice('\n')
		n++
		if errors.Is(err, bufio.ErrBufferFull) || contentLen(line) > maxLine {
			// Longer than maxLine: answer it once, drop the rest of it. A
			// held value cannot include it (it would exceed maxLine); a
			// blank line is skipped whatever its length.
			if holding {
				release()
			}
			isBlank := blank(line)
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = br.ReadSlice('\n')
				isBlank = isBlank && blank(line)
			}
			if !isBlank {
				first = false
				e.handleError(n, errTooLong)
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				return inputError(err)
			}
			continue
		}
		if err != nil && err != io.EOF {
			return inputError(err)
		}
		if len(line) > 0 {
			switch {
			case holding:
				held = append(held, heldLine{n, bytes.Clone(line)})
				heldBytes += len(line)
				switch {
				case heldBytes > maxLine || len(held) > maxHeld:
					release()
				case blank(line):
				case heldComplete:
					release() // more input after a whole value
				default:
					switch jsonState(joined()) {
					case jsonComplete:
						heldComplete = true
					case jsonInvalid:
						release()
					}
				}
			case blank(line):
			case first && startsCompound(line) && jsonState(line) == jsonIncomplete:
				holding = true
				held = append(held, heldLine{n, bytes.Clone(line)})
				heldBytes = len(line)
			default:
				e.handle(n, line)
			}
			if !blank(line) {
				first = false
			}
		}
		if err == io.EOF {
			break
		}
	}
	if holding {
		if heldComplete {
			e.handle(held[0].n, joined())
		} else {
			release()
		}
	}
	return e.err
}

// handleError answers line n with an input error: through handle's own
// error path when it has one (whatif), else as evaluate does.
func (e *evaluator) handleError(n int, err error) {
	e.invalid = true
	if e.onError != nil {
		e.onError(n, err)
		return
	}
	e.buf = append(escalation.AppendErrorJSON(e.buf[:0], err), '\n')
	e.write()
}

// The states of a text that may be a JSON value.
const (
	jsonComplete   = iota // exactly one JSON value
	jsonIncomplete        // the start of one, cut short
	jsonInvalid           // neither
)

// jsonState tells whether b is one JSON value, the beginning of one, or
// neither.
func jsonState(b []byte) int {
	if json.Valid(b) {
		return jsonComplete
	}
	var v json.RawMessage
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&v); errors.Is(err, io.ErrUnexpectedEOF) {
		return jsonIncomplete
	}
	return jsonInvalid
}

// startsCompound reports whether a line opens an object or array: only such
// a line can begin a value spread over several lines.
func startsCompound(line []byte) bool {
	t := bytes.TrimSpace(line)
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

// inputError is the error stream returns for a failed read: a readError,
// or the output's error when the reader stopped because the answers could
// not be handed over (see readahead).
func inputError(err error) error {
	var oe *outputError
	if errors.As(err, &oe) {
		return oe.err
	}
	return &readError{err}
}

// outputError carries an output failure through the input reader.
type outputError struct{ err error }

func (e *outputError) Error() string { return e.err.Error() }

// The parallel evaluator (-j N): stream frames the lines as it does for one
// goroutine, and instead of answering each it copies it into a batch. Full
// batches go to N-1 workers, each with its own Input and Decision, while
// their queue holds fewer than two batches each; when it is full, the
// streaming goroutine decides the batch itself (it is the Nth). It writes
// the answers of finished batches in input order as it goes, and waits for
// the oldest only when maxInFlight batches are in flight, so memory stays
// bounded whatever the input's length, and goroutines seldom wait on each
// other. Before the input would block, every answer so far is written and
// flushed (readahead), as one goroutine does.
const (
	batchLines = 128     // lines per batch
	batchBytes = 1 << 17 // input bytes per batch, roughly
)

// batch is a run of consecutive input lines and, once decided, their
// answers.
type batch struct {
	in      []byte // the lines, or for answered items the answer itself
	items   []item
	out     []byte // the answers, in order
	invalid bool   // an answer is an error object
	done    chan struct{}
	// finished: decided, and done received if a worker decided it (the
	// streaming goroutine's own record).
	finished bool
}

// item is one line of a batch: in[start:end]; answered means that is
// already its answer (an error object for an over-long line).
type item struct {
	start, end int
	answered   bool
}

// parallel is the state of streamParallel. Only the streaming goroutine
// touches it, but for work and the batches it hands over.
type parallel struct {
	e        *evaluator
	cur      *batch
	work     chan *batch // to the workers
	inflight []*batch    // handed over or decided, oldest first
	max      int         // bound of inflight
	free     []*batch    // written batches, to reuse
	flush    func() error
	werr     error
	invalid  bool
	wg       sync.WaitGroup
	// The streaming goroutine's own Input and Decision.
	in escalation.Input
	d  escalation.Decision
}

// streamParallel is stream deciding on jobs goroutines (jobs > 1).
func (e *evaluator) streamParallel(r io.Reader, jobs int) error {
	workers := jobs - 1
	p := &parallel{
		e:     e,
		work:  make(chan *batch, 2*workers),
		max:   min(2*jobs+2, 16), // about 5 MB of batches at most
		flush: e.flush,
	}
	p.cur = p.newBatch()
	for range workers {
		p.wg.Add(1)
		go p.worker()
	}
	if !regularFile(r) {
		// Input that can block (a pipe, a terminal): read it ahead to know
		// when the answers so far must be handed over. A regular file
		// never waits for a writer, so it is read as it is.
		ra := newReadahead(r, p.sync)
		defer ra.stop()
		r = ra
	}
	e.handle, e.onError, e.flush = p.add, p.addError, nil
	err := e.stream(r)
	p.dispatch()
	p.drain(true)
	close(p.work)
	p.wg.Wait()
	e.invalid = e.invalid || p.invalid
	if err == nil {
		err = p.werr
	}
	return err
}

// regularFile reports whether r is a regular file, whose reads never wait.
func regularFile(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode().IsRegular()
}

func (p *parallel) newBatch() *batch {
	if n := len(p.free); n > 0 {
		b := p.free[n-1]
		p.free = p.free[:n-1]
		return b
	}
	return &batch{
		in:    make([]byte, 0, batchBytes+maxLine+2),
		items: make([]item, 0, batchLines),
		out:   make([]byte, 0, batchBytes),
		done:  make(chan struct{}, 1),
	}
}

// add queues a request line (e.handle).
func (p *parallel) add(_ int, line []byte) {
	b := p.cur
	start := len(b.in)
	b.in = append(b.in, line...)
	b.items = append(b.items, item{start: start, end: len(b.in)})
	p.added()
}

// addError queues the answer to a line refused before parsing (e.onError).
func (p *parallel) addError(_ int, err error) {
	b := p.cur
	start := len(b.in)
	b.in = append(escalation.AppendErrorJSON(b.in, err), '\n')
	b.items = append(b.items, item{start: start, end: len(b.in), answered: true})
	p.added()
}

func (p *parallel) added() {
	if b := p.cur; len(b.items) >= batchLines || len(b.in) >= batchBytes {
		p.dispatch()
	}
}

// dispatch hands the current batch to the workers, or decides it when
// their queue is full, then writes what is finished.
func (p *parallel) dispatch() {
	b := p.cur
	if len(b.items) == 0 {
		return
	}
	if len(p.work) < cap(p.work) {
		p.work <- b // never blocks: only this goroutine sends
	} else {
		decideBatch(p.e.set, &p.in, &p.d, b)
		b.finished = true
	}
	p.inflight = append(p.inflight, b)
	p.cur = p.newBatch()
	p.drain(false)
}

// drain writes the answers of the finished batches at the head of
// inflight, in order. It waits for the oldest while max are in flight, and
// with all, until none is.
func (p *parallel) drain(all bool) {
	for len(p.inflight) > 0 {
		if b := p.inflight[0]; !b.finished {
			if all || len(p.inflight) >= p.max {
				<-b.done
			} else {
				select {
				case <-b.done:
				default:
					return
				}
			}
		}
		p.writeOldest()
	}
}

// writeOldest writes the answers of the oldest batch in flight, which is
// finished, and keeps the batch for reuse.
func (p *parallel) writeOldest() {
	b := p.inflight[0]
	if p.werr == nil {
		if _, err := p.e.out.Write(b.out); err != nil {
			p.werr = err
			p.e.err = err // stop reading: the output is gone
		}
	}
	p.invalid = p.invalid || b.invalid
	b.in, b.items, b.out, b.invalid, b.finished = b.in[:0], b.items[:0], b.out[:0], false, false
	p.free = append(p.free, b)
	p.inflight = p.inflight[:copy(p.inflight, p.inflight[1:])]
}

// sync writes and flushes every answer so far; the reader calls it before
// it blocks on input. When input arrives on arrived first, it stops and
// returns it (ok): the read no longer blocks, and the answers not yet
// written stay in flight.
func (p *parallel) sync(arrived <-chan chunk) (c chunk, ok bool, err error) {
	p.dispatch()
	for len(p.inflight) > 0 && p.werr == nil {
		if b := p.inflight[0]; !b.finished {
			select {
			case <-b.done:
				b.finished = true
			case c = <-arrived:
				return c, true, nil
			}
		}
		p.writeOldest()
	}
	p.drain(true) // after a write error: only collect the batches
	if p.werr == nil {
		p.werr = p.flush()
	}
	return chunk{}, false, p.werr
}

func (p *parallel) worker() {
	defer p.wg.Done()
	var in escalation.Input
	var d escalation.Decision
	for b := range p.work {
		decideBatch(p.e.set, &in, &d, b)
		b.done <- struct{}{}
	}
}

// decideBatch writes the answers of a batch's lines to b.out.
func decideBatch(set escalation.Set, in *escalation.Input, d *escalation.Decision, b *batch) {
	out, invalid := b.out[:0], false
	for _, it := range b.items {
		line := b.in[it.start:it.end]
		if it.answered {
			out = append(out, line...)
			continue
		}
		var bad bool
		out, bad = answerLine(set, in, d, out, line)
		invalid = invalid || bad
	}
	b.out, b.invalid = out, invalid
}

// readahead reads its source on a goroutine of its own, so that it can
// tell when a read would block: then it first calls before, which hands
// over the answers so far unless input comes first (then it returns that
// input). A failure of before ends the input with an *outputError. It
// waits a moment for the reading goroutine before it takes the input for
// blocked, so that a busy machine does not make it hand over answers after
// every read.
type readahead struct {
	chunks chan chunk
	pool   chan []byte
	stopc  chan struct{}
	cur    []byte // unread bytes of buf
	buf    []byte
	err    error
	before func(arrived <-chan chunk) (c chunk, ok bool, err error)
	grace  *time.Timer
}

// readaheadGrace is how long a read waits for input before the answers so
// far are handed over.
const readaheadGrace = time.Millisecond

type chunk struct {
	b   []byte
	err error
}

const readaheadChunk = 64 << 10

func newReadahead(src io.Reader, before func(<-chan chunk) (chunk, bool, error)) *readahead {
	r := &readahead{
		chunks: make(chan chunk, 4),
		pool:   make(chan []byte, 6),
		stopc:  make(chan struct{}),
		before: before,
		grace:  time.NewTimer(time.Hour),
	}
	r.grace.Stop()
	go r.run(src)
	return r
}

func (r *readahead) run(src io.Reader) {
	for {
		var buf []byte
		select {
		case buf = <-r.pool:
		default:
			buf = make([]byte, readaheadChunk)
		}
		n, err := src.Read(buf[:cap(buf)])
		select {
		case r.chunks <- chunk{buf[:n], err}:
		case <-r.stopc:
			return
		}
		if err != nil {
			return
		}
	}
}

// stop ends the reading goroutine once its read in progress returns.
func (r *readahead) stop() { close(r.stopc) }

func (r *readahead) Read(p []byte) (int, error) {
	for len(r.cur) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		if r.buf != nil {
			select {
			case r.pool <- r.buf:
			default:
			}
			r.buf = nil
		}
		var c chunk
		select {
		case c = <-r.chunks:
		default:
			r.grace.Reset(readaheadGrace)
			select {
			case c = <-r.chunks:
				r.grace.Stop()
			case <-r.grace.C:
				var ok bool
				var err error
				if c, ok, err = r.before(r.chunks); err != nil {
					r.err = &outputError{err}
					return 0, r.err
				}
				if !ok {
					c = <-r.chunks
				}
			}
		}
		r.buf, r.cur, r.err = c.b, c.b, c.err
	}
	n := copy(p, r.cur)
	r.cur = r.cur[n:]
	return n, nil
}
