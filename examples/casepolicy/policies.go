package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/casepolicy/casepolicy/escalation"
)

// maxDocument bounds a policy document read from a file.
const maxDocument = 4 << 20

// policiesFlag adds -policies FILE to a subcommand's flags.
func policiesFlag(fs *flag.FlagSet) *string {
	return fs.String("policies", "", "a policy document (docs/CONTRACT.md) whose set replaces the built-in versions")
}

// loadPolicies returns the built-in set, or the set of the document at path.
// An unreadable file is exit status 2; an invalid document prints every
// problem, one "PATH: PROBLEM" line each, and is exit status 1.
func loadPolicies(name, path string, stderr io.Writer) (escalation.Set, int) {
	if path == "" {
		return escalation.DefaultSet(), 0
	}
	data, code := readDocument(name, path, stderr)
	if code != 0 {
		return escalation.Set{}, code
	}
	set, err := escalation.ParseSetDocument(data)
	if err != nil {
		fmt.Fprintf(stderr, "casepolicy %s: -policies: invalid policy document:\n", name)
		printProblems(stderr, err)
		return escalation.Set{}, 1
	}
	return set, 0
}

// readDocument reads a whole policy document file.
func readDocument(name, path string, stderr io.Writer) ([]byte, int) {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "casepolicy %s: cannot open the policy document\n", name)
		return nil, 2
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxDocument+1))
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "casepolicy %s: cannot read the policy document\n", name)
		return nil, 2
	case len(data) > maxDocument:
		fmt.Fprintf(stderr, "casepolicy %s: the policy document is larger than %d bytes\n", name, maxDocument)
		return nil, 1
	}
	return data, 0
}

// printProblems prints each problem of an input error on its own line,
// "PATH: PROBLEM".
func printProblems(w io.Writer, err error) {
	ps := escalation.Problems(err)
	if len(ps) == 0 {
		fmt.Fprintln(w, err)
		return
	}
	for _, p := range ps {
		fmt.Fprintln(w, p.Error())
	}
}
