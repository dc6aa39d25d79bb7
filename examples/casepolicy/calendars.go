package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"

	"github.com/casepolicy/casepolicy/calendar"
)

const calendarsUsage = `usage: casepolicy calendars

Lists every holiday calendar -calendar (and a policy's calendar) can name,
one per line: the name, then the country, region or institution it covers.

Exit status: 0 on success; 2 for wrong usage; 3 when the list cannot be
written.
`

// runCalendars is the calendars subcommand.
func runCalendars(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("calendars", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), calendarsUsage)
	}
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "casepolicy calendars: unexpected arguments")
		fmt.Fprintln(stderr, "run 'casepolicy calendars -h' for usage")
		return 2
	}
	w := bufio.NewWriter(stdout)
	for _, info := range calendar.Catalog() {
		fmt.Fprintf(w, "%-7s %s\n", info.Name, info.Covers)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(stderr, "casepolicy calendars: cannot write the list:", err)
		return 3
	}
	return 0
}
