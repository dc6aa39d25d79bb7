package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
)

const dueUsage = `usage: casepolicy due -from RFC3339 -days N [-calendar US] [-tz UTC]

Prints the instant N business days after -from (before it for negative N) on
the named holiday calendar, in the -tz zone (POLICY.md R4, R5): the same
wall-clock time on the N-th business day strictly after -from's date in that
zone. Output is RFC 3339, with fractional seconds only when they are not zero.

Exit status: 0 on success; 1 when the answer falls outside the calendar's
years (%d-%d); 2 for wrong usage, an unknown calendar or zone.

Flags:
`

// runDue is the due subcommand.
func runDue(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("due", flag.ContinueOnError)
	from := fs.String("from", "", "the start instant, RFC 3339 (required)")
	days := fs.Int("days", 0, "business days to add; negative walks back (required)")
	name := fs.String("calendar", "US", "holiday calendar: an ISO 3166 code or subdivision such as AU-NSW")
	tz := fs.String("tz", "UTC", "IANA time zone of the calendar")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), dueUsage, calendar.MinYear, calendar.MaxYear)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var problems []string
	if fs.NArg() > 0 {
		problems = append(problems, fmt.Sprintf("unexpected arguments %q", fs.Args()))
	}
	if !set["from"] {
		problems = append(problems, "-from is required")
	}
	if !set["days"] {
		problems = append(problems, "-days is required")
	}
	start, err := time.Parse(time.RFC3339Nano, *from)
	if set["from"] && err != nil {
		problems = append(problems, fmt.Sprintf("-from %q is not an RFC 3339 time", *from))
	}
	c, err := calendar.Named(*name, *tz)
	if err != nil {
		problems = append(problems, err.Error())
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(stderr, "casepolicy due:", p)
		}
		fmt.Fprintln(stderr, "run 'casepolicy due -h' for usage")
		return 2
	}
	due, err := c.AddBusinessDays(start, *days)
	if err != nil {
		fmt.Fprintln(stderr, "casepolicy due:", err)
		return 1
	}
	fmt.Fprintln(stdout, due.In(c.Location()).Format(time.RFC3339Nano))
	return 0
}
