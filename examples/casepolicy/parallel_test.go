package main

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/google/go-cmp/cmp"
)

// variedLine returns a request line like docs/CONTRACT.md's example with
// values drawn from r: valid ones mostly, with every optional part present
// or not, and now and then a problem (an unknown value, a time after now, a
// missing field, an unknown field or calendar) or text that is not a
// request at all.
func variedLine(r *rand.Rand) string {
	pick := func(vs ...string) string { return vs[r.IntN(len(vs))] }
	day := 4 + r.IntN(25)
	now := fmt.Sprintf("2024-03-%02dT%02d:%02d:00Z", day, r.IntN(24), r.IntN(60))
	at := func(d int) string {
		return fmt.Sprintf("2024-03-%02dT%02d:%02d:%02d.%03dZ", d, r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(1000))
	}
	before := func() string { return at(day - 1 - r.IntN(3)) } // one to three days before now
	var b strings.Builder
	fmt.Fprintf(&b, `{"now":%q`, now)
	if r.IntN(3) == 0 {
		fmt.Fprintf(&b, `,"policy":%q`, pick("2022", "2024-01-18", "2024-01-18", "2022", "2024-01-18", "2024-01-18", "2022", "2024-01-18", "2024-01-18", "2019"))
	}
	if r.IntN(40) != 0 {
		fmt.Fprintf(&b, `,"case":{"id":"%08d","status":%q,"priority":%q,"deployment":%q,"offering":%q`,
			r.IntN(1e8), pick("open", "open", "open", "closed"), pick("low", "medium", "high", "high", "critical"),
			pick("cloud", "premise"), pick("commercial", "commercial", "commercial", "fedramp"))
		if r.IntN(2) == 0 {
			fmt.Fprintf(&b, `,"product":%q`, pick("cloud_cx", "engage", "pureconnect"))
		}
		if r.IntN(2) == 0 {
			fmt.Fprintf(&b, `,"region":%q`, pick("us-east-2", "us-east-2", "us-east-2", "us-east-2", "us-east-2", "eu-west-1"))
		}
		fmt.Fprintf(&b, `,"assigned":%v,"opened_at":%q,"last_updated_at":%q,"awaiting_customer":%v,"business_impact":%v`,
			r.IntN(2) == 0, before(), before(), r.IntN(5) == 0, r.IntN(3) != 0)
		if r.IntN(2) == 0 {
			engaged := []string{}
			for range r.IntN(3) {
				engaged = append(engaged, fmt.Sprintf("%q", pick("development", "cloud_operations", "third_party")))
			}
			fmt.Fprintf(&b, `,"engaged":[%s]`, strings.Join(engaged, ","))
		}
		if r.IntN(2) == 0 {
			fmt.Fprintf(&b, `,"calendar":%q,"time_zone":%q`, pick("US", "US", "GB", "JP"), pick("UTC", "America/New_York", "Europe/London"))
		}
		if n := r.IntN(4); n > 0 {
			var es []string
			for k := range n {
				e := fmt.Sprintf(`{"id":"E-%d","opened_at":%q`, k+r.IntN(3), at(day-3))
				if r.IntN(3) != 0 {
					e += fmt.Sprintf(`,"closed_at":%q`, at(day-1))
				}
				es = append(es, e+"}")
			}
			fmt.Fprintf(&b, `,"escalations":[%s]`, strings.Join(es, ","))
		}
		if r.IntN(2) == 0 {
			fmt.Fprintf(&b, `,"rca":{"requested_at":%q,"service_restored_at":%q}`, before(), before())
		}
		b.WriteString("}")
	}
	fmt.Fprintf(&b, `,"request":{"reason":%q,"channel":%q`,
		pick("rca", "no_recent_update", "urgency_impact_changed", "case_update", "other"),
		pick("portal", "portal", "portal", "phone", "email", "chat", "web", "mobile_app"))
	if r.IntN(30) != 0 {
		fmt.Fprintf(&b, `,"portal":%q`, pick("commercial", "commercial", "fedramp"))
	}
	fmt.Fprintf(&b, `,"role":%q,"pin":%q`, pick("designated_contact", "designated_contact", "read_only"), pick("", "", "fedramp", "commercial"))
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, `,"last_viewed_at":%q`, before())
	}
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, `,"details":%q`, pick("free text", "caf\u00e9 \u2028 <b>", "tab\there", `quote " and \ backslash`))
	}
	b.WriteString("}}")
	line := b.String()
	switch r.IntN(70) { // a problem now and then
	case 0:
		line = strings.Replace(line, `"priority":"high"`, `"priority":"urgent"`, 1)
	case 1:
		line = strings.Replace(line, `"now":"2024-03-`, `"now":"2024-02-`, 1) // times after now
	case 2:
		line = strings.Replace(line, `"status":`, `"Status":`, 1)
	case 3:
		line = strings.Replace(line, `"calendar":"US"`, `"calendar":"XX"`, 1)
	case 4:
		line = line[:r.IntN(len(line))] // cut short
	case 5:
		line = strings.Replace(line, `"deployment":`, `"jane@example.com":0,"deployment":`, 1)
	case 6:
		line = pick("null", "[]", "42", `"text"`, "{", "}")
	}
	return line
}

// mixedInput is many varied lines with blank lines, CRLF endings, a
// leading byte-order mark and lines longer than maxLine among them.
func mixedInput(seed uint64, n int) string {
	r := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	b.WriteString("\xef\xbb\xbf")
	for i := range n {
		switch r.IntN(60) {
		case 0:
			b.WriteString("\n")
		case 1:
			b.WriteString("   \t\r\n")
		case 2:
			long := strings.Replace(validAllowed, `"other"`, `"other","details":"`+strings.Repeat("y", maxLine)+`"`, 1)
			b.WriteString(long + "\n")
		case 3:
			b.WriteString(strings.Repeat(" ", maxLine+10) + "\n") // a long blank line
		}
		b.WriteString(variedLine(r))
		if i%7 == 0 {
			b.WriteString("\r")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestEvaluateParallelSameOutput: evaluate -j N writes exactly what -j 1
// writes, with the same status, on a mixed input spanning many batches;
// and -j 1, which reuses one Input and Decision from line to line, answers
// each line as a fresh ParseInput and EvaluateInput do.
func TestEvaluateParallelSameOutput(t *testing.T) {
	input := mixedInput(7, 3000)
	status1, out1, err1 := runOn(t, []string{"evaluate", "-j", "1"}, strings.NewReader(input))
	if status1 != 1 {
		t.Fatalf("-j 1: status %d, want 1 (some lines are invalid); stderr %q", status1, err1)
	}
	if want := freshAnswers(t, input); out1 != want {
		t.Fatalf("-j 1 differs from fresh answers line by line:\n%s", cmp.Diff(strings.Split(want, "\n"), strings.Split(out1, "\n")))
	}
	for _, jobs := range []string{"2", "3", "8"} {
		status, out, stderr := runOn(t, []string{"evaluate", "-j", jobs}, strings.NewReader(input))
		if status != status1 || stderr != err1 {
			t.Errorf("-j %s: status %d, stderr %q; -j 1 gave %d, %q", jobs, status, stderr, status1, err1)
		}
		if out != out1 {
			t.Errorf("-j %s output differs from -j 1:\n%s", jobs, cmp.Diff(strings.Split(out1, "\n"), strings.Split(out, "\n")))
		}
	}
	// Through the reader one byte at a time: every read would block, so
	// every answer is handed over after each byte.
	status, out, _ := runOn(t, []string{"evaluate", "-j", "2"}, iotest.OneByteReader(strings.NewReader(mixedInput(8, 40))))
	status1, out1, _ = runOn(t, []string{"evaluate", "-j", "1"}, strings.NewReader(mixedInput(8, 40)))
	if status != status1 || out != out1 {
		t.Errorf("-j 2 one byte at a time: status %d, output differs from -j 1 (%d):\n%s", status, status1, cmp.Diff(out1, out))
	}
}

// freshAnswers answers every line of input as evaluate does (blank lines
// skipped, a BOM dropped, over-long lines refused), each with a fresh
// ParseInput and EvaluateInput.
func freshAnswers(t *testing.T, input string) string {
	t.Helper()
	set := escalation.DefaultSet()
	var b strings.Builder
	for _, line := range strings.SplitAfter(strings.TrimPrefix(input, "\xef\xbb\xbf"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if contentLen([]byte(line)) > maxLine {
			b.Write(escalation.AppendErrorJSON(nil, errTooLong))
			b.WriteString("\n")
			continue
		}
		in, err := set.ParseInput([]byte(line))
		var d escalation.Decision
		if err == nil {
			d, err = set.EvaluateInput(in)
		}
		if err != nil {
			b.Write(escalation.AppendErrorJSON(nil, err))
		} else {
			b.Write(d.AppendJSON(nil))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestEvaluateParallelStreaming: the properties of the sequential stream
// hold for -j N too: one JSON value over several lines is one request, a
// read error after some lines answers them and exits 3, output that cannot
// be written exits 3, and -j below 1 is wrong usage.
func TestEvaluateParallelStreaming(t *testing.T) {
	pretty := strings.ReplaceAll(validAllowed, ",", ",\n  ")
	for _, input := range []string{pretty + "\n", pretty, "\n\n" + pretty + "\n\n", pretty + "\n" + validDenied + "\n", "{\n" + validDenied + "\n"} {
		s1, o1, _ := runOn(t, []string{"evaluate", "-j", "1"}, strings.NewReader(input))
		s4, o4, _ := runOn(t, []string{"evaluate", "-j", "4"}, strings.NewReader(input))
		if s1 != s4 || o1 != o4 {
			t.Errorf("input %q: -j 4 gives %d %q, -j 1 gives %d %q", input, s4, o4, s1, o1)
		}
	}

	in := io.MultiReader(strings.NewReader(validAllowed+"\n"+validDenied+"\n"), iotest.ErrReader(errors.New("disk on fire")))
	status, stdout, stderr := runOn(t, []string{"evaluate", "-j", "4"}, in)
	if status != 3 || !strings.Contains(stderr, "cannot read the input: disk on fire") {
		t.Errorf("read error: status %d, stderr %q; want 3 and the read error", status, stderr)
	}
	if diff := cmp.Diff([]summary{wantAllowed, wantDenied}, summarizeAll(t, stdout)); diff != "" {
		t.Errorf("answers before the read error mismatch (-want +got):\n%s", diff)
	}

	var errOut strings.Builder
	if status := run([]string{"evaluate", "-j", "3"}, strings.NewReader(mixedInput(9, 500)), failingWriter{}, &errOut); status != 3 || !strings.Contains(errOut.String(), "cannot write") {
		t.Errorf("failing output: status %d, stderr %q; want 3, cannot write", status, errOut.String())
	}

	for _, j := range []string{"0", "-2", "x"} {
		if status, _, stderr := runOn(t, []string{"evaluate", "-j", j}, strings.NewReader(validAllowed)); status != 2 || stderr == "" {
			t.Errorf("-j %s: status %d, stderr %q; want 2 and a message", j, status, stderr)
		}
	}
}
