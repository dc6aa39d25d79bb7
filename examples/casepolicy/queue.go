package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/escalation/lifecycle"
	"github.com/casepolicy/casepolicy/internal/jsonread"
)

const queueUsage = `usage: casepolicy queue -now RFC3339 [-policies FILE] [FILE]

Reads an escalation owner's open escalations from FILE (or standard input, also
when FILE is "-"), one JSON object per line (blank lines are skipped; a line
may be at most 65536 bytes, not counting its line ending):

  {"id": "E-1", "case_id": "00123456", "priority": "high", "business_impact": true,
   "offering": "fedramp", "submitted_at": "2024-03-04T10:00:00Z",
   "last_updated_at": "2024-03-04T09:00:00Z", "rca_due_at": "2024-03-08T12:00:00Z"}

Required: id, case_id, priority, offering, submitted_at, last_updated_at.
Optional: business_impact (false), rca_due_at (none; it may be after -now).
Writes the valid escalations to standard output in the order the owner should
work on them (docs/POLICY.md M3), one JSON object per line with its position, the
derived keys and the reason it comes before the next one. Each invalid line is
reported on standard error as {"line": N, "error": {"problems": [...]}}, naming
the field and the kind of problem, never the value.

Flags:
  -now RFC3339   the instant to order at (required); no submitted_at or
                 last_updated_at may be after it
  -policies FILE a policy document (docs/CONTRACT.md); it is checked like
                 every subcommand's, and changes nothing in the order: each
                 line carries its own rca_due_at, and M3 is not a parameter
                 of a policy version

Exit status: 0 when every line was valid, 1 when at least one was invalid
(every line is still answered: the valid ones are ordered, the invalid ones
reported), 2 for wrong usage or a FILE that cannot be opened, 3 when the input
cannot be read after it was opened or the output cannot be written.
`

// runQueue is the queue subcommand: it orders open escalations for their owner
// (M3) and returns the exit status.
//
// It holds the valid escalations in a lifecycle.Items (about 90 bytes each
// with their IDs and index) and nothing of the invalid lines: their reports
// are written as they are found.
func runQueue(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("queue", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), queueUsage) }
	nowFlag := fs.String("now", "", "the instant to order at, RFC 3339 (required)")
	path := policiesFlag(fs)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 1 {
		return queueUsageError(stderr, "more than one FILE")
	}
	if _, code := loadPolicies("queue", *path, stderr); code != 0 {
		return code
	}
	if *nowFlag == "" {
		return queueUsageError(stderr, "-now is required")
	}
	now, problem := jsonread.ParseTime([]byte(*nowFlag))
	if problem != "" {
		return queueUsageError(stderr, "-now: "+problem+" (want RFC 3339, such as 2024-03-04T15:00:00Z)")
	}
	in, closeIn, code := openInput(fs, "queue", stdin, stderr)
	if code != 0 {
		return code
	}
	defer closeIn()

	errw := bufio.NewWriterSize(stderr, 16<<10)
	q := queueReader{now: now, errw: errw}
	if err := q.read(in); err != nil {
		errw.Flush()
		fmt.Fprintf(stderr, "casepolicy queue: reading: %v\n", err)
		return 3
	}
	r, err := q.items.Rank(now)
	if err != nil { // DecodeItem returns only items Rank accepts
		errw.Flush()
		fmt.Fprintf(stderr, "casepolicy queue: %v\n", err)
		return 2
	}
	out := bufio.NewWriterSize(stdout, 64<<10)
	var line []byte
	for i := range r.Len() {
		line = r.AppendLine(line[:0], i)
		if _, err = out.Write(line); err != nil {
			break
		}
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		errw.Flush()
		fmt.Fprintf(stderr, "casepolicy queue: writing: %v\n", err)
		return 3
	}
	if err := errw.Flush(); err != nil || q.errErr != nil {
		return 3 // standard error cannot be written: nowhere to say so
	}
	if q.invalid {
		return 1
	}
	return 0
}

func queueUsageError(stderr io.Writer, msg string) int {
	fmt.Fprintf(stderr, "casepolicy queue: %s\n\n%s", msg, queueUsage)
	return 2
}

// queueReader reads queue lines into items and reports the invalid ones.
type queueReader struct {
	now     time.Time
	items   lifecycle.Items
	lines   []int32 // the input line of each item
	errw    *bufio.Writer
	buf     []byte
	invalid bool
	errErr  error // the first error writing a report
}

var bom = []byte("\xEF\xBB\xBF")

// read reads every line; the error is one of reading the input.
func (q *queueReader) read(in io.Reader) error {
	br := bufio.NewReaderSize(in, maxLine+2) // a line, its CR and its LF
	switch b, err := br.Peek(len(bom)); {
	case bytes.Equal(b, bom):
		br.Discard(len(bom))
	case err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull):
		return err
	}
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// Longer than maxLine: answer it once, drop the rest of it; a
			// blank line is skipped whatever its length.
			isBlank := blank(line)
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = br.ReadSlice('\n')
				isBlank = isBlank && blank(line)
			}
			if err != nil && err != io.EOF {
				return err
			}
			if !isBlank {
				q.report(n, &lifecycle.FieldError{Field: "", Problem: "line longer than " + strconv.Itoa(maxLine) + " bytes"})
			}
		} else {
			if err != nil && err != io.EOF {
				return err
			}
			q.line(n, line)
		}
		if err == io.EOF {
			return nil
		}
	}
}

// line decodes and keeps, or reports, input line n.
func (q *queueReader) line(n int, line []byte) {
	if l := len(line); l > 0 && line[l-1] == '\n' {
		line = line[:l-1]
		if l > 1 && line[l-2] == '\r' {
			line = line[:l-2]
		}
	}
	if len(line) > maxLine {
		if !blank(line) {
			q.report(n, &lifecycle.FieldError{Field: "", Problem: "line longer than " + strconv.Itoa(maxLine) + " bytes"})
		}
		return
	}
	if blank(line) {
		return
	}
	it, err := lifecycle.DecodeItem(line, q.now)
	if err == nil {
		if first, dup := q.items.FindID(it.ID); dup {
			err = &lifecycle.FieldError{Field: "id", Problem: "duplicate (first on line " + strconv.Itoa(int(q.lines[first])) + ")"}
		} else if other, two := q.items.FindCase(it.CaseID); two {
			// G5: a case has at most one active escalation.
			err = &lifecycle.FieldError{Field: "case_id", Problem: "the case already has an open escalation (line " +
				strconv.Itoa(int(q.lines[other])) + "); a case has one at a time (G5)"}
		}
	}
	if err != nil {
		q.report(n, err)
		return
	}
	q.items.Append(it)
	q.lines = append(q.lines, int32(min(n, 1<<31-1)))
}

// report writes the report of invalid line n: {"line":N,"error":{...}}.
func (q *queueReader) report(n int, err error) {
	q.invalid = true
	q.buf = strconv.AppendInt(append(q.buf[:0], `{"line":`...), int64(n), 10)
	q.buf = append(q.buf, ',')
	head := len(q.buf)
	q.buf = escalation.AppendErrorJSON(q.buf, err)
	// AppendErrorJSON wrote {"error":...}: drop its opening brace.
	q.buf = append(q.buf[:head], q.buf[head+1:]...)
	q.buf = append(q.buf, '\n')
	if _, werr := q.errw.Write(q.buf); werr != nil && q.errErr == nil {
		q.errErr = werr
	}
}
