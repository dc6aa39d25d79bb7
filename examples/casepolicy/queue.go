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
	"time"

	"github.com/casepolicy/casepolicy/escalation/lifecycle"
)

const queueUsage = `usage: casepolicy queue -now RFC3339 [FILE]

Reads an escalation owner's open escalations from FILE (or standard input, also
when FILE is "-"), one JSON object per line (blank lines are skipped):

  {"id": "E-1", "case_id": "00123456", "priority": "high", "business_impact": true,
   "offering": "fedramp", "submitted_at": "2024-03-04T10:00:00Z",
   "last_updated_at": "2024-03-04T09:00:00Z", "rca_due_at": "2024-03-08T12:00:00Z"}

Required: id, case_id, priority, offering, submitted_at, last_updated_at.
Optional: business_impact (false), rca_due_at (none; it may be after -now).
Writes the valid escalations to standard output in the order the owner should
work on them (POLICY.md M3), one JSON object per line with its position, the
derived keys and the reason it comes before the next one. Each invalid line is
reported on standard error as {"line": N, "error": {"problems": [...]}}.

Flags:
  -now RFC3339   the instant to order at (required); no submitted_at or
                 last_updated_at may be after it

Exit status: 0 when every line was valid, 1 when at least one was invalid
(the valid ones are still ordered), 2 for wrong usage or an unreadable FILE.
`

// queueProblem is one problem of an invalid input line.
type queueProblem struct {
	Field   string `json:"field"`
	Problem string `json:"problem"`
}

// queueError is the report of an invalid input line.
type queueError struct {
	Line  int `json:"line"`
	Error struct {
		Problems []queueProblem `json:"problems"`
	} `json:"error"`
}

// runQueue is the queue subcommand: it orders open escalations for their owner
// (M3) and returns the exit status.
func runQueue(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("queue", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	nowFlag := fs.String("now", "", "the instant to order at, RFC 3339 (required)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, queueUsage)
			return 0
		}
		return queueUsageError(stderr, err.Error())
	}
	if fs.NArg() > 1 {
		return queueUsageError(stderr, fmt.Sprintf("more than one FILE: %q", fs.Args()))
	}
	if *nowFlag == "" {
		return queueUsageError(stderr, "-now is required")
	}
	now, err := time.Parse(time.RFC3339Nano, *nowFlag)
	if err != nil {
		return queueUsageError(stderr, fmt.Sprintf("-now %q is not an RFC 3339 time", *nowFlag))
	}

	in, name := stdin, "standard input"
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		name = fs.Arg(0)
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(stderr, "casepolicy queue: %v\n", err)
			return 2
		}
		defer f.Close()
		in = f
	}

	var (
		items   []lifecycle.Item
		reports []queueError
		firstOn = map[string]int{} // escalation ID → line it first appeared on
		caseOn  = map[string]int{} // case ID → line of its open escalation
	)
	r := bufio.NewReader(in)
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if err != nil && err != io.EOF {
			fmt.Fprintf(stderr, "casepolicy queue: reading %s: %v\n", name, err)
			return 2
		}
		if text := bytes.TrimSpace(line); len(text) > 0 {
			it, derr := lifecycle.DecodeItem(text, now)
			if derr == nil {
				if first, dup := firstOn[it.ID]; dup {
					derr = &lifecycle.FieldError{Field: "id", Problem: fmt.Sprintf("duplicate %q (first on line %d)", it.ID, first)}
				} else if other, two := caseOn[it.CaseID]; two {
					// G5: a case has at most one active escalation.
					derr = &lifecycle.FieldError{Field: "case_id", Problem: fmt.Sprintf("case %q already has an open escalation (line %d); a case has one at a time (G5)", it.CaseID, other)}
				}
			}
			if derr != nil {
				reports = append(reports, queueReport(n, derr))
			} else {
				firstOn[it.ID], caseOn[it.CaseID] = n, n
				items = append(items, it)
			}
		}
		if err == io.EOF {
			break
		}
	}

	q, err := lifecycle.Order(items, now)
	if err != nil { // DecodeItem returns only items Order accepts
		fmt.Fprintf(stderr, "casepolicy queue: %v\n", err)
		return 2
	}
	errEnc := json.NewEncoder(stderr)
	errEnc.SetEscapeHTML(false)
	for _, rep := range reports {
		errEnc.Encode(rep)
	}
	var line []byte
	for i := range q {
		var err error
		if line, err = q.AppendLine(line[:0], i); err == nil {
			_, err = stdout.Write(line)
		}
		if err != nil {
			fmt.Fprintf(stderr, "casepolicy queue: %v\n", err)
			return 2
		}
	}
	if len(reports) > 0 {
		return 1
	}
	return 0
}

func queueUsageError(stderr io.Writer, msg string) int {
	fmt.Fprintf(stderr, "casepolicy queue: %s\n\n%s", msg, queueUsage)
	return 2
}

// queueReport turns the error of an input line into its report, one problem
// per *lifecycle.FieldError.
func queueReport(line int, err error) queueError {
	rep := queueError{Line: line}
	var walk func(error)
	walk = func(err error) {
		var fe *lifecycle.FieldError
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		default:
			if errors.As(err, &fe) {
				rep.Error.Problems = append(rep.Error.Problems, queueProblem{Field: fe.Field, Problem: fe.Problem})
			} else {
				rep.Error.Problems = append(rep.Error.Problems, queueProblem{Field: "", Problem: err.Error()})
			}
		}
	}
	walk(err)
	return rep
}
