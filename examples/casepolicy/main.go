// Command casepolicy evaluates escalation requests, computes business-day due
// dates and business time, redacts personal data, orders an escalation
// owner's queue, works with policy documents and draws a case's eligibility
// timeline, as described in docs/CONTRACT.md.
//
// Usage:
//
//	casepolicy [-policies FILE]         the demo: sample cases at a fixed instant
//	casepolicy evaluate [FILE]          JSON Lines requests in, one decision per line out
//	casepolicy due -from T -days N      N business days after T (or -hours D of business time)
//	casepolicy redact [FILE]            remove personal data from text
//	casepolicy queue -now T [FILE]      order open escalations for their owner
//	casepolicy policy show|check|diff   print, validate or compare policy documents
//	casepolicy whatif -policies NEW     decide requests under two policy sets
//	casepolicy calendars                every calendar and what it covers
//	casepolicy timeline -request JSON   a request's eligibility over a case's history
//
// Exit status: 0 when every input was valid; 1 when at least one input was
// invalid (every line is still answered), a date falls outside the
// calendar's years or a policy document is invalid; 2 for wrong usage; 3 when
// output cannot be written or input cannot be read after it was opened.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

const usage = `usage: casepolicy [subcommand] [arguments]

With no subcommand, prints a demo table of sample decisions.

Subcommands:
  evaluate [FILE]   read requests as JSON Lines, write one decision per line
  due -from RFC3339 -days N [-calendar US] [-tz UTC]
                    print the instant N business days after -from
  redact [FILE]     replace personal data with [REDACTED:KIND]
  queue -now RFC3339 [FILE]
                    order open escalations (JSON Lines) for their owner
  calendars         list every holiday calendar and what it covers
  policy show|check|diff
                    print, validate or compare policy documents
  whatif -policies NEW [-base OLD] [FILE]
                    decide requests under two policy sets, write the changes
  timeline -request JSON [-from T] [-to T] [-policy NAME] [-format json|text|svg] [-policies FILE] [FILE]
                    the eligibility timeline of a request over a case's history

Run 'casepolicy SUBCOMMAND -h' for a subcommand's usage.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-policies") || strings.HasPrefix(args[0], "--policies") {
		return runDemo(args, stdout, stderr)
	}
	rest := args[1:]
	switch args[0] {
	case "evaluate":
		return runEvaluate(rest, stdin, stdout, stderr)
	case "due":
		return runDue(rest, stdout, stderr)
	case "redact":
		return runRedact(rest, stdin, stdout, stderr)
	case "queue":
		return runQueue(rest, stdin, stdout, stderr)
	case "calendars":
		return runCalendars(rest, stdout, stderr)
	case "policy":
		return runPolicy(rest, stdout, stderr)
	case "whatif":
		return runWhatif(rest, stdin, stdout, stderr)
	case "timeline":
		return runTimeline(rest, stdin, stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "casepolicy: unknown subcommand %q\n\n%s", args[0], usage)
	return 2
}

// parseFlags parses a subcommand's flags: -h and --help print its usage to
// stdout (exit 0); a bad flag prints the complaint and the usage to stderr
// (exit 2). ok is true when the subcommand should go on.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, ok bool) {
	var complaint bytes.Buffer
	fs.SetOutput(&complaint)
	err := fs.Parse(args)
	switch {
	case err == nil:
		fs.SetOutput(stderr)
		return 0, true
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		return 0, false
	}
	stderr.Write(complaint.Bytes())
	return 2, false
}
