package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
)

const policyUsage = `usage: casepolicy policy show [-policies FILE]
       casepolicy policy check FILE
       casepolicy policy diff [-json] [-policies FILE] A B

show   prints the policy set in use (the built-in versions, or the set of
       -policies FILE) as a policy document (docs/CONTRACT.md).
check  validates a policy document: prints one line per version, its name and
       its from; or one line per problem, "PATH: PROBLEM".
diff   prints one line per parameter whose value differs between versions A
       and B of the set in use: clause, parameter, A's value, B's value (JSON
       values). -json writes {"clause","parameter","a","b"} objects instead.

Exit status: 0 on success (diff: whether or not they differ); 1 for an invalid
document; 2 for wrong usage, an unknown version or an unreadable FILE; 3 when
output cannot be written.
`

// runPolicy is the policy subcommand.
func runPolicy(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, "casepolicy policy: want show, check or diff\n\n"+policyUsage)
		return 2
	}
	fs := flag.NewFlagSet("policy "+args[0], flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), policyUsage) }
	out := bufio.NewWriter(stdout)
	var code int
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, policyUsage)
		return 0
	case "show":
		path := policiesFlag(fs)
		if c, ok := parseFlags(fs, args[1:], stdout, stderr); !ok {
			return c
		}
		if fs.NArg() != 0 {
			fmt.Fprint(stderr, "casepolicy policy show: takes no arguments\n")
			return 2
		}
		set, c := loadPolicies("policy show", *path, stderr)
		if c != 0 {
			return c
		}
		b, err := set.MarshalJSON()
		if err != nil {
			fmt.Fprintln(stderr, "casepolicy policy show:", err)
			return 1
		}
		out.Write(b)
	case "check":
		if c, ok := parseFlags(fs, args[1:], stdout, stderr); !ok {
			return c
		}
		if fs.NArg() != 1 {
			fmt.Fprint(stderr, "casepolicy policy check: want one FILE\n")
			return 2
		}
		data, c := readDocument("policy check", fs.Arg(0), stderr)
		if c != 0 {
			return c
		}
		set, err := escalation.ParseSetDocument(data)
		if err != nil {
			printProblems(out, err)
			code = 1
			break
		}
		for _, p := range set.Policies() {
			from := "null"
			if f := p.Config().From; !f.IsZero() {
				from = f.UTC().Format(time.RFC3339Nano)
			}
			fmt.Fprintf(out, "%s %s\n", p.Name(), from)
		}
	case "diff":
		asJSON := fs.Bool("json", false, "write one JSON object per difference")
		path := policiesFlag(fs)
		if c, ok := parseFlags(fs, args[1:], stdout, stderr); !ok {
			return c
		}
		if fs.NArg() != 2 {
			fmt.Fprint(stderr, "casepolicy policy diff: want two version names, A and B\n")
			return 2
		}
		set, c := loadPolicies("policy diff", *path, stderr)
		if c != 0 {
			return c
		}
		var versions [2]escalation.Policy
		for i := range versions {
			p, ok := set.Lookup(fs.Arg(i))
			if !ok {
				fmt.Fprintf(stderr, "casepolicy policy diff: the set has no version named by argument %d\n", i+1)
				return 2
			}
			versions[i] = p
		}
		for _, d := range escalation.Diff(versions[0], versions[1]) {
			if *asJSON {
				out.Write(append(d.AppendJSON(nil), '\n'))
			} else {
				fmt.Fprintln(out, d.String())
			}
		}
	default:
		fmt.Fprint(stderr, "casepolicy policy: unknown subcommand; want show, check or diff\n\n"+policyUsage)
		return 2
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(stderr, "casepolicy policy: cannot write the output")
		return 3
	}
	return code
}
