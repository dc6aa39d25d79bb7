package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// runOn calls run with buffers and returns the exit status and both outputs.
func runOn(t testing.TB, args []string, stdin io.Reader) (status int, stdout, stderr string) {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errOut bytes.Buffer
	status = run(args, stdin, &out, &errOut)
	return status, out.String(), errOut.String()
}

// summary is what the tests compare of one answer line: the contract's
// fields for programs, without the wording for people.
type summary struct {
	Error       bool
	ErrorFields []string // sorted
	Allowed     bool
	Outcome     string
	Policy      string
	Reasons     []string
	Warnings    []string
	Next        string // "" when absent
	Label       string // "" when there is no control
	Enabled     bool
}

type answer struct {
	Allowed  bool   `json:"allowed"`
	Outcome  string `json:"outcome"`
	Policy   string `json:"policy"`
	Reasons  []code `json:"reasons"`
	Warnings []code `json:"warnings"`
	Next     string `json:"next_eligible_at"`
	Control  *struct {
		Label       string `json:"label"`
		Enabled     bool   `json:"enabled"`
		Explanation string `json:"explanation"`
	} `json:"control"`
	Error *struct {
		Problems []struct {
			Field   string `json:"field"`
			Problem string `json:"problem"`
		} `json:"problems"`
	} `json:"error"`
}

type code struct {
	Code       string `json:"code"`
	Clause     string `json:"clause"`
	Message    string `json:"message"`
	Remedy     string `json:"remedy"`
	EligibleAt string `json:"eligible_at"`
}

func summarize(t testing.TB, line string) summary {
	t.Helper()
	var a answer
	dec := json.NewDecoder(strings.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("answer %q is not a decision or error object: %v", line, err)
	}
	if a.Error != nil {
		s := summary{Error: true}
		for _, p := range a.Error.Problems {
			s.ErrorFields = append(s.ErrorFields, p.Field)
		}
		sort.Strings(s.ErrorFields)
		if len(s.ErrorFields) == 0 {
			t.Errorf("error object %q lists no problems", line)
		}
		return s
	}
	s := summary{Allowed: a.Allowed, Outcome: a.Outcome, Policy: a.Policy, Next: a.Next}
	if a.Reasons == nil || a.Warnings == nil {
		t.Errorf("decision %q: reasons and warnings must be lists, [] when empty", line)
	}
	for _, r := range a.Reasons {
		s.Reasons = append(s.Reasons, r.Code)
	}
	for _, w := range a.Warnings {
		s.Warnings = append(s.Warnings, w.Code)
	}
	if a.Control != nil {
		s.Label, s.Enabled = a.Control.Label, a.Control.Enabled
	}
	return s
}

// answerLines splits stdout into lines; every answer ends with a newline.
func answerLines(t testing.TB, stdout string) []string {
	t.Helper()
	if stdout == "" {
		return nil
	}
	if !strings.HasSuffix(stdout, "\n") {
		t.Errorf("output does not end with a newline: %q", tail(stdout))
	}
	return strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
}

func tail(s string) string {
	if len(s) > 200 {
		return "..." + s[len(s)-200:]
	}
	return s
}

func summarizeAll(t testing.TB, stdout string) []summary {
	t.Helper()
	var got []summary
	for _, l := range answerLines(t, stdout) {
		got = append(got, summarize(t, l))
	}
	return got
}

// sampleWants are the expectations of testdata/samples.jsonl, line by line:
// the ten public samples of the conformance script, with every field of the
// contract pinned (the script checks a subset of them).
var sampleWants = []struct {
	name string
	want summary
}{
	{"allowed: medium, commercial portal", summary{Allowed: true, Outcome: "escalation_created", Policy: "2024-01-18", Next: "2024-07-05T12:00:00Z", Label: "Additional Help", Enabled: true}},
	{"P1: low priority is refused and the control is disabled", summary{Outcome: "denied", Policy: "2024-01-18", Reasons: []string{"LOW_PRIORITY"}, Label: "Additional Help"}},
	{"P2: high priority updated 4 hours ago waits for 24 hours", summary{Outcome: "denied", Policy: "2024-01-18", Reasons: []string{"HIGH_PRIORITY_RECENTLY_UPDATED"}, Next: "2024-07-06T08:00:00Z", Label: "Additional Help", Enabled: true}},
	{"R2: premise RCA, 7 business days skipping Independence Day", summary{Outcome: "denied", Policy: "2024-01-18", Reasons: []string{"RCA_ANALYSIS_PERIOD"}, Next: "2024-07-11T10:00:00Z", Label: "Additional Help", Enabled: true}},
	{"F1: a FedRAMP case on the commercial portal is redirected", summary{Outcome: "redirect_to_fedramp_portal", Policy: "2024-01-18", Reasons: []string{"FEDRAMP_WRONG_PORTAL"}, Label: "Escalate Case", Enabled: true}},
	{"U1: under the 2022 policy an urgency change is not grounds", summary{Outcome: "denied", Policy: "2022", Reasons: []string{"URGENCY_CHANGE_BY_PHONE"}, Label: "Escalate Case", Enabled: true}},
	{"C1: a case-update request notifies the case owner", summary{Allowed: true, Outcome: "case_owner_notified", Policy: "2024-01-18", Next: "2024-07-05T12:00:00Z", Label: "Additional Help", Enabled: true}},
	{"P4: a critical commercial case by phone engages a manager", summary{Allowed: true, Outcome: "engage_support_manager", Policy: "2024-01-18", Next: "2024-07-05T12:00:00Z", Label: "Additional Help", Enabled: true}},
	{"G4: an update the requester has not seen is a warning", summary{Allowed: true, Outcome: "escalation_created", Policy: "2024-01-18", Warnings: []string{"UNSEEN_UPDATE"}, Next: "2024-07-05T12:00:00Z", Label: "Additional Help", Enabled: true}},
	{"invalid: no now, unknown status", summary{Error: true, ErrorFields: []string{"case.status", "now"}}},
}

func readSamples(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "samples.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != len(sampleWants) {
		t.Fatalf("testdata/samples.jsonl has %d lines, the table %d", len(lines), len(sampleWants))
	}
	return lines
}

// TestConformanceSamples feeds the public samples in one stream, as the
// conformance script does, and then each on its own.
func TestConformanceSamples(t *testing.T) {
	lines := readSamples(t)
	status, stdout, stderr := runOn(t, []string{"evaluate"}, strings.NewReader(strings.Join(lines, "\n")+"\n"))
	if status != 1 {
		t.Errorf("evaluate of the samples exits %d, want 1 (the last sample is invalid); stderr %q", status, stderr)
	}
	got := summarizeAll(t, stdout)
	if len(got) != len(sampleWants) {
		t.Fatalf("%d answers for %d samples:\n%s", len(got), len(sampleWants), stdout)
	}
	for i, sw := range sampleWants {
		if diff := cmp.Diff(sw.want, got[i]); diff != "" {
			t.Errorf("sample %d %q mismatch (-want +got):\n%s", i+1, sw.name, diff)
		}
	}
	for i, sw := range sampleWants {
		t.Run(sw.name, func(t *testing.T) {
			status, stdout, _ := runOn(t, []string{"evaluate"}, strings.NewReader(lines[i]))
			wantStatus := 0
			if sw.want.Error {
				wantStatus = 1
			}
			if status != wantStatus {
				t.Errorf("status = %d, want %d", status, wantStatus)
			}
			got := summarizeAll(t, stdout)
			if diff := cmp.Diff([]summary{sw.want}, got); diff != "" {
				t.Errorf("evaluate(%s) mismatch (-want +got):\n%s", lines[i], diff)
			}
		})
	}
}

// Two valid neighbours for the hostile lines: one allowed, one denied.
const (
	validAllowed = `{"now":"2024-07-05T12:00:00Z","case":{"id":"00500001","status":"open","priority":"medium","deployment":"cloud","offering":"commercial","last_updated_at":"2024-07-05T08:00:00Z"},"request":{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact"}}`
	validDenied  = `{"now":"2024-07-05T12:00:00Z","case":{"id":"00500002","status":"open","priority":"low","deployment":"cloud","offering":"commercial","last_updated_at":"2024-07-05T08:00:00Z"},"request":{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact"}}`
)

var (
	wantAllowed = summary{Allowed: true, Outcome: "escalation_created", Policy: "2024-01-18", Next: "2024-07-05T12:00:00Z", Label: "Additional Help", Enabled: true}
	wantDenied  = summary{Outcome: "denied", Policy: "2024-01-18", Reasons: []string{"LOW_PRIORITY"}, Label: "Additional Help"}
)

func TestEvaluateAnswersEachLineInOrder(t *testing.T) {
	pretty, err := json.MarshalIndent(json.RawMessage(validAllowed), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		input      string
		want       []summary
		wantStatus int
	}{
		{"empty input has no answers", "", nil, 0},
		{"only blank lines have no answers", "\n  \n\t\r\n", nil, 0},
		{"one line without a final newline is answered", validAllowed, []summary{wantAllowed}, 0},
		{"denied requests are valid input", validDenied + "\n" + validAllowed + "\n", []summary{wantDenied, wantAllowed}, 0},
		{"blank lines are skipped", "\n" + validDenied + "\n\n   \n" + validAllowed + "\n\n", []summary{wantDenied, wantAllowed}, 0},
		{"CRLF line endings", validDenied + "\r\n\r\n" + validAllowed + "\r\n", []summary{wantDenied, wantAllowed}, 0},
		{"one JSON value spread over several lines is one request", string(pretty) + "\n", []summary{wantAllowed}, 0},
		{"one JSON value over several lines after blank lines, with CRLF", "\n\n" + strings.ReplaceAll(string(pretty), "\n", "\r\n"), []summary{wantAllowed}, 0},
		{"a multi-line value followed by another line is answered line by line", "{\n}\n" + validAllowed,
			[]summary{{Error: true, ErrorFields: []string{""}}, {Error: true, ErrorFields: []string{""}}, wantAllowed}, 1},
		{"a multi-line value that never closes is answered line by line", "{\n" + validDenied + "\n" + validAllowed + "\n",
			[]summary{{Error: true, ErrorFields: []string{""}}, wantDenied, wantAllowed}, 1},
		{"a missing case gives exactly NO_CASE", `{"now":"2024-07-05T12:00:00Z","case":null,"request":{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact"}}`,
			[]summary{{Outcome: "denied", Policy: "2024-01-18", Reasons: []string{"NO_CASE"}}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, stdout, stderr := runOn(t, []string{"evaluate"}, strings.NewReader(tt.input))
			if status != tt.wantStatus {
				t.Errorf("status = %d, want %d (stderr %q)", status, tt.wantStatus, stderr)
			}
			if diff := cmp.Diff(tt.want, summarizeAll(t, stdout)); diff != "" {
				t.Errorf("evaluate(%q) mismatch (-want +got):\n%s", tt.input, diff)
			}
		})
	}
}

// TestEvaluateHostileLines puts each hostile line first, between two valid
// lines and last: it gets an error object, and its neighbours their
// decisions, in order.
func TestEvaluateHostileLines(t *testing.T) {
	notJSON := summary{Error: true, ErrorFields: []string{""}}
	hostile := []struct {
		name string
		line string
	}{
		{"deeply nested JSON, 100k '[' (longer than a line may be)", strings.Repeat("[", 100_000)},
		{"deeply nested JSON, 60k '[' (within the line limit)", strings.Repeat("[", 60_000)},
		{"deeply nested JSON inside a request", `{"now":` + strings.Repeat(`[`, 30_000) + strings.Repeat(`]`, 30_000) + `}`},
		{"closed deep nesting of objects", strings.Repeat(`{"a":`, 10_000) + "1" + strings.Repeat("}", 10_000)},
		{"a 200 KB string", `{"now":"2024-07-05T12:00:00Z","request":{"details":"` + strings.Repeat("x", 200<<10) + `"}}`},
		{"invalid UTF-8 in a string", strings.Replace(validAllowed, `"other"`, "\"oth\xffer\"", 1)},
		{"invalid UTF-8 alone", "\xff\xfe\xfd"},
		{"a truncated object", validAllowed[:len(validAllowed)-20]},
		{"an object that opens and is cut at once", `{"now":`},
		{"a line of just null", "null"},
		{"a line of just []", "[]"},
		{"a line of just 42", "42"},
		{"a string", `"2024-07-05T12:00:00Z"`},
		{"trailing garbage after an object", validAllowed + "}"},
		{"two objects on one line", validAllowed + validAllowed},
		{"a NUL byte", "\x00"},
		{"not JSON at all", "hello, world"},
	}
	for _, h := range hostile {
		t.Run(h.name, func(t *testing.T) {
			layouts := []struct {
				name  string
				input string
				want  []summary
			}{
				{"between", validAllowed + "\n" + h.line + "\n" + validDenied + "\n", []summary{wantAllowed, notJSON, wantDenied}},
				{"first", h.line + "\n" + validDenied + "\n" + validAllowed + "\n", []summary{notJSON, wantDenied, wantAllowed}},
				{"last without newline", validDenied + "\n\n" + h.line, []summary{wantDenied, notJSON}},
			}
			for _, l := range layouts {
				status, stdout, stderr := runOn(t, []string{"evaluate"}, strings.NewReader(l.input))
				if status != 1 {
					t.Errorf("%s: status = %d, want 1 (stderr %q)", l.name, status, stderr)
				}
				got := summarizeAll(t, stdout)
				// null, [] and 42 may name other fields as well (now is
				// missing); the field "" must be among them.
				for i := range got {
					if got[i].Error && len(got[i].ErrorFields) > 0 && got[i].ErrorFields[0] == "" {
						got[i].ErrorFields = []string{""}
					}
				}
				if diff := cmp.Diff(l.want, got); diff != "" {
					t.Errorf("%s: evaluate mismatch (-want +got):\n%s", l.name, diff)
				}
			}
		})
	}
}

// TestEvaluateStreams: 20,000 lines give 20,000 answers in input order. Each
// line's now is one second later, and an allowed decision's next_eligible_at
// is its now, so every answer names the line it answers.
func TestEvaluateStreams(t *testing.T) {
	const n = 20_000
	base := time.Date(2024, 7, 5, 12, 0, 0, 0, time.UTC)
	var in strings.Builder
	for i := range n {
		now := base.Add(time.Duration(i) * time.Second).Format(time.RFC3339)
		in.WriteString(strings.Replace(validAllowed, "2024-07-05T12:00:00Z", now, 1))
		in.WriteByte('\n')
	}
	var out, errOut bytes.Buffer
	status := run([]string{"evaluate"}, strings.NewReader(in.String()), &out, &errOut)
	if status != 0 {
		t.Fatalf("status = %d, want 0 (stderr %q)", status, errOut.String())
	}
	sc := bufio.NewScanner(&out)
	i := 0
	for sc.Scan() {
		var a struct {
			Allowed bool   `json:"allowed"`
			Next    string `json:"next_eligible_at"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("answer %d: %v", i+1, err)
		}
		want := base.Add(time.Duration(i) * time.Second).Format(time.RFC3339)
		if !a.Allowed || a.Next != want {
			t.Fatalf("answer %d = %s, want allowed with next_eligible_at %s", i+1, sc.Bytes(), want)
		}
		i++
	}
	if i != n {
		t.Errorf("%d answers for %d lines", i, n)
	}
}

func TestEvaluateUsage(t *testing.T) {
	dir := t.TempDir()
	samples := filepath.Join("testdata", "samples.jsonl")
	valid := filepath.Join(dir, "valid.jsonl")
	if err := os.WriteFile(valid, []byte(validDenied+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantStatus int
		wantOut    string // exact, or a prefix when prefix is set
		prefix     bool
		wantErr    bool // something on stderr
	}{
		{"evaluate reads FILE", []string{"evaluate", valid}, validAllowed, 0, `{"allowed":false`, true, false},
		{"evaluate reads standard input for -", []string{"evaluate", "-"}, validAllowed, 0, `{"allowed":true`, true, false},
		{"evaluate of the samples FILE exits 1 for its invalid line", []string{"evaluate", samples}, "", 1, `{"allowed":true`, true, false},
		{"evaluate refuses an unknown flag", []string{"evaluate", "-x"}, validAllowed, 2, "", false, true},
		{"evaluate refuses a missing FILE", []string{"evaluate", filepath.Join(dir, "missing.jsonl")}, validAllowed, 2, "", false, true},
		{"evaluate refuses a directory", []string{"evaluate", dir}, validAllowed, 2, "", false, true},
		{"evaluate refuses two FILE arguments", []string{"evaluate", valid, valid}, validAllowed, 2, "", false, true},
		{"evaluate refuses FILE and -", []string{"evaluate", valid, "-"}, validAllowed, 2, "", false, true},
		{"an unknown subcommand exits 2", []string{"evaluat"}, "", 2, "", false, true},
		{"-h prints the command's usage", []string{"-h"}, "", 0, usage0(), false, false},
		{"--help prints the command's usage", []string{"--help"}, "", 0, usage0(), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, stdout, stderr := runOn(t, tt.args, strings.NewReader(tt.stdin))
			if status != tt.wantStatus {
				t.Errorf("run(%q) = %d, want %d (stderr %q)", tt.args, status, tt.wantStatus, stderr)
			}
			if tt.prefix {
				if !strings.HasPrefix(stdout, tt.wantOut) {
					t.Errorf("stdout = %q, want prefix %q", stdout, tt.wantOut)
				}
			} else if diff := cmp.Diff(tt.wantOut, stdout); diff != "" {
				t.Errorf("stdout mismatch (-want +got):\n%s", diff)
			}
			if (stderr != "") != tt.wantErr {
				t.Errorf("stderr = %q, want something: %v", stderr, tt.wantErr)
			}
		})
	}
}

func usage0() string { return usage }

func TestEvaluateUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any file")
	}
	f := filepath.Join(t.TempDir(), "secret.jsonl")
	if err := os.WriteFile(f, []byte(validAllowed+"\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr := runOn(t, []string{"evaluate", f}, nil)
	if status != 2 || stdout != "" || stderr == "" {
		t.Errorf("evaluate of an unreadable FILE = %d, stdout %q, stderr %q; want 2, nothing, a message", status, stdout, stderr)
	}
}

// A read error after some lines: the lines before it are answered, and the
// status is 3 (docs/CONTRACT.md: input that cannot be read after it was
// opened).
func TestEvaluateReadError(t *testing.T) {
	in := io.MultiReader(strings.NewReader(validAllowed+"\n"), iotest.ErrReader(errors.New("disk on fire")))
	status, stdout, stderr := runOn(t, []string{"evaluate"}, in)
	if status != 3 || !strings.Contains(stderr, "disk on fire") {
		t.Errorf("status %d, stderr %q; want 3 and the read error", status, stderr)
	}
	if diff := cmp.Diff([]summary{wantAllowed}, summarizeAll(t, stdout)); diff != "" {
		t.Errorf("answers before the read error mismatch (-want +got):\n%s", diff)
	}
}

func TestDue(t *testing.T) {
	tests := []dueCase{
		{"R2 example: 7 business days after 1 July 2024 skip Independence Day", []string{"-from", "2024-07-01T10:00:00Z", "-days", "7"}, "2024-07-11T10:00:00Z"},
		{"one business day from Friday is Monday", []string{"-from", "2024-07-05T10:00:00Z", "-days", "1"}, "2024-07-08T10:00:00Z"},
		{"one business day from a Saturday is Monday", []string{"-from", "2024-07-06T10:00:00Z", "-days", "1"}, "2024-07-08T10:00:00Z"},
		{"one business day from the 4 July holiday is Friday", []string{"-from", "2024-07-04T10:00:00Z", "-days", "1"}, "2024-07-05T10:00:00Z"},
		{"zero days returns -from", []string{"-from", "2024-07-06T10:00:00Z", "-days", "0"}, "2024-07-06T10:00:00Z"},
		{"negative days walk back over the holiday", []string{"-from", "2024-07-05T10:00:00Z", "-days", "-1"}, "2024-07-03T10:00:00Z"},
		{"negative days walk back over the weekend", []string{"-from", "2024-07-08T10:00:00Z", "-days", "-5"}, "2024-06-28T10:00:00Z"},
		{"flags with = and in any order", []string{"-days=7", "-tz=UTC", "-calendar=US", "-from=2024-07-01T10:00:00Z"}, "2024-07-11T10:00:00Z"},
		{"fractional seconds are kept when not zero", []string{"-from", "2024-07-01T10:00:00.5Z", "-days", "1"}, "2024-07-02T10:00:00.5Z"},
		{"zero fractional seconds are not written", []string{"-from", "2024-07-01T10:00:00.000Z", "-days", "1"}, "2024-07-02T10:00:00Z"},
		{"nanoseconds are kept", []string{"-from", "2024-07-01T10:00:00.000000001Z", "-days", "1"}, "2024-07-02T10:00:00.000000001Z"},
		{"output is in the -tz zone's offset", []string{"-from", "2024-07-05T10:00:00Z", "-days", "0", "-tz", "America/New_York"}, "2024-07-05T06:00:00-04:00"},
		{"-from's offset does not matter: output in UTC", []string{"-from", "2024-07-01T09:00:00+09:00", "-days", "1"}, "2024-07-02T00:00:00Z"},
		{"R4 the date is read in -tz: 02:00 UTC on 5 July is 4 July in New York", []string{"-from", "2024-07-05T02:00:00Z", "-days", "1", "-tz", "America/New_York"}, "2024-07-05T22:00:00-04:00"},
		{"R4 the wall-clock time survives the DST change", []string{"-from", "2024-03-08T09:30:00-05:00", "-days", "1", "-tz", "America/New_York"}, "2024-03-11T09:30:00-04:00"},
		{"R5 GB skips the August bank holiday", []string{"-from", "2024-08-23T09:00:00+01:00", "-days", "1", "-calendar", "GB", "-tz", "Europe/London"}, "2024-08-27T09:00:00+01:00"},
		{"R5 a subdivision calendar", []string{"-from", "2024-01-25T09:00:00+11:00", "-days", "1", "-calendar", "AU-NSW", "-tz", "Australia/Sydney"}, "2024-01-29T09:00:00+11:00"},
		{"the last day of the calendar's years", []string{"-from", "2200-12-30T10:00:00Z", "-days", "1"}, "2200-12-31T10:00:00Z"},
	}
	checkDue(t, tests)
}

func TestDueErrors(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantStatus int
		wantErr    string // a substring of stderr
	}{
		{"an answer after the calendar's years exits 1", []string{"-from", "2200-12-31T10:00:00Z", "-days", "1"}, 1, "out of range"},
		{"an answer before the calendar's years exits 1", []string{"-from", "1970-01-01T10:00:00Z", "-days", "-1"}, 1, "out of range"},
		{"an unknown calendar exits 2", []string{"-from", "2024-07-01T10:00:00Z", "-days", "1", "-calendar", "XX"}, 2, "-calendar: unknown calendar"},
		{"calendar names are exact: us is not US", []string{"-from", "2024-07-01T10:00:00Z", "-days", "1", "-calendar", "us"}, 2, "-calendar: unknown calendar"},
		{"an unknown zone exits 2", []string{"-from", "2024-07-01T10:00:00Z", "-days", "1", "-tz", "Mars/Olympus_Mons"}, 2, "-tz: unknown time zone"},
		{"the Local zone is refused", []string{"-from", "2024-07-01T10:00:00Z", "-days", "1", "-tz", "Local"}, 2, "-tz: unknown time zone"},
		{"the empty zone is refused", []string{"-from", "2024-07-01T10:00:00Z", "-days", "1", "-tz", ""}, 2, "zone"},
		{"missing -from exits 2", []string{"-days", "1"}, 2, "-from"},
		{"missing -days exits 2", []string{"-from", "2024-07-01T10:00:00Z"}, 2, "-days"},
		{"no flags at all exits 2", nil, 2, "required"},
		{"a -from that is not RFC 3339 exits 2", []string{"-from", "2024-07-01 10:00", "-days", "1"}, 2, "RFC 3339"},
		{"a -from without an offset exits 2", []string{"-from", "2024-07-01T10:00:00", "-days", "1"}, 2, "RFC 3339"},
		{"a -days that is not an integer exits 2", []string{"-from", "2024-07-01T10:00:00Z", "-days", "1.5"}, 2, "-days"},
		{"extra arguments exit 2", []string{"-from", "2024-07-01T10:00:00Z", "-days", "1", "extra"}, 2, "unexpected arguments"},
		{"an unknown flag exits 2", []string{"-from", "2024-07-01T10:00:00Z", "-days", "1", "-x"}, 2, "-x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"due"}, tt.args...)
			status, stdout, stderr := runOn(t, args, nil)
			if status != tt.wantStatus || stdout != "" {
				t.Errorf("run(%q) = %d, stdout %q; want %d and nothing", args, status, stdout, tt.wantStatus)
			}
			if !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("run(%q) stderr = %q, want it to mention %q", args, stderr, tt.wantErr)
			}
		})
	}
}

// TestHelpPrintsUsageOnceOnStdout: -h and --help of every subcommand print
// its usage on standard output, once, exit 0 and write nothing on standard
// error.
func TestHelpPrintsUsageOnceOnStdout(t *testing.T) {
	tests := []struct {
		args      []string
		wantUsage string // the start of the usage
	}{
		{[]string{"evaluate", "-h"}, fmt.Sprintf(evaluateUsage, maxLine)},
		{[]string{"evaluate", "--help"}, fmt.Sprintf(evaluateUsage, maxLine)},
		{[]string{"due", "-h"}, "usage: casepolicy due -from RFC3339 -days N"},
		{[]string{"due", "--help"}, "usage: casepolicy due -from RFC3339 -days N"},
		{[]string{"redact", "-h"}, redactUsage},
		{[]string{"queue", "--help"}, queueUsage},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			status, stdout, stderr := runOn(t, tt.args, nil)
			if status != 0 {
				t.Errorf("run(%q) = %d, want 0", tt.args, status)
			}
			if !strings.HasPrefix(stdout, tt.wantUsage) || strings.Count(stdout, "usage:") != 1 {
				t.Errorf("run(%q) stdout = %q, want the usage once", tt.args, stdout)
			}
			if tt.args[0] == "due" && !strings.Contains(stdout, "-calendar string") {
				t.Errorf("run(%q) stdout = %q, want the flags listed", tt.args, stdout)
			}
			if stderr != "" {
				t.Errorf("run(%q) also wrote the usage on stderr: %q", tt.args, stderr)
			}
		})
	}
}

var instantPattern = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})\b`)

func TestDemo(t *testing.T) {
	status, stdout, stderr := runOn(t, nil, nil)
	if status != 0 || stderr != "" {
		t.Fatalf("demo = %d, stderr %q; want 0 and nothing", status, stderr)
	}
	for _, outcome := range []string{"escalation_created", "denied", "redirect_to_fedramp_portal", "engage_support_manager"} {
		if !regexp.MustCompile(`\s` + outcome + `\s`).MatchString(stdout) {
			t.Errorf("demo table has no %s outcome:\n%s", outcome, stdout)
		}
	}
	// A next-eligible time in a table row (the header line has the demo's
	// own instant).
	found := false
	for _, line := range strings.Split(stdout, "\n") {
		if strings.Contains(line, "denied") && instantPattern.MatchString(line) {
			if m := instantPattern.FindString(line); m != "" {
				if _, err := time.Parse(time.RFC3339Nano, m); err == nil {
					found = true
				}
			}
		}
	}
	if !found {
		t.Errorf("demo table has no RFC 3339 next-eligible time on a denied row:\n%s", stdout)
	}
	// The demo is deterministic.
	if _, again, _ := runOn(t, nil, nil); again != stdout {
		t.Errorf("demo output differs between runs")
	}
}

// FuzzEvaluateLine feeds arbitrary bytes to evaluate. It never panics, exits
// 0 or 1, writes one valid JSON line per answer, exits 1 exactly when an
// answer is an error object, and answers once per non-blank line, or once
// when the whole input is one JSON value spread over several lines.
func FuzzEvaluateLine(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "samples.jsonl")); err == nil {
		f.Add(b)
	}
	pretty, _ := json.MarshalIndent(json.RawMessage(validAllowed), "", "  ")
	for _, s := range []string{
		validAllowed, validDenied + "\n\n" + validAllowed + "\r\n", string(pretty), "{\n}\n" + validAllowed,
		"null\n[]\n42\n", "\xef\xbb\xbf" + validAllowed, validAllowed[:50], "[[[[[[[[[[[[", "\xff\n\n{", "\v\n{\n}",
		`{"now":"2024-07-05T12:00:00Z","case":null}`, "\"\\u2028\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var out, errOut bytes.Buffer
		status := run([]string{"evaluate"}, bytes.NewReader(data), &out, &errOut)
		if status != 0 && status != 1 {
			t.Fatalf("status = %d, want 0 or 1 (stderr %q)", status, errOut.String())
		}
		var lines [][]byte
		if out.Len() > 0 {
			if !bytes.HasSuffix(out.Bytes(), []byte("\n")) {
				t.Fatalf("output does not end with a newline")
			}
			lines = bytes.Split(bytes.TrimSuffix(out.Bytes(), []byte("\n")), []byte("\n"))
		}
		anyError := false
		for i, l := range lines {
			if !json.Valid(l) {
				t.Fatalf("answer %d is not JSON: %q", i+1, l)
			}
			var probe struct {
				Error json.RawMessage `json:"error"`
			}
			if err := json.Unmarshal(l, &probe); err != nil {
				t.Fatalf("answer %d is not an object: %q", i+1, l)
			}
			if probe.Error != nil {
				anyError = true
			}
		}
		if anyError != (status == 1) {
			t.Fatalf("status %d, but an answer is an error object: %v", status, anyError)
		}
		if len(data) > maxLine {
			return // over-long lines and long held values: the weaker checks only
		}
		if want := wantAnswers(data); len(lines) != want {
			t.Fatalf("%d answers, want %d for input %q\noutput %q", len(lines), want, data, out.Bytes())
		}
	})
}

// wantAnswers is the number of answers for an input of at most maxLine
// bytes: one per non-blank line, or one when the input, from its first
// non-blank line on, is one JSON object or array spread over several lines.
func wantAnswers(data []byte) int {
	var lines [][]byte
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			lines = append(lines, data)
			break
		}
		lines = append(lines, data[:i+1])
		data = data[i+1:]
	}
	n, first := 0, -1
	for i, l := range lines {
		if len(bytes.TrimSpace(l)) > 0 {
			if first < 0 {
				first = i
			}
			n++
		}
	}
	if first < 0 {
		return 0
	}
	t := bytes.TrimSpace(lines[first])
	if (t[0] == '{' || t[0] == '[') && !json.Valid(lines[first]) && json.Valid(bytes.Join(lines[first:], nil)) {
		return 1
	}
	return n
}

// TestEvaluateLineLimit: a line of maxLine bytes (its newline not counted) is
// a request; one byte more is answered with an error object and skipped
// without disturbing its neighbours. A blank line is skipped whatever its
// length.
func TestEvaluateLineLimit(t *testing.T) {
	pad := func(n int) string { // validAllowed grown to n bytes with spaces
		return validAllowed[:len(validAllowed)-1] + strings.Repeat(" ", n-len(validAllowed)) + "}"
	}
	tooLong := summary{Error: true, ErrorFields: []string{""}}
	tests := []struct {
		name       string
		input      string
		want       []summary
		wantStatus int
	}{
		{"a line of exactly maxLine bytes is a request", validDenied + "\n" + pad(maxLine) + "\n" + validDenied + "\n", []summary{wantDenied, wantAllowed, wantDenied}, 0},
		{"a last line of exactly maxLine bytes without a newline is a request", validDenied + "\n" + pad(maxLine), []summary{wantDenied, wantAllowed}, 0},
		{"a line of maxLine+1 bytes is too long", validDenied + "\n" + pad(maxLine+1) + "\n" + validDenied + "\n", []summary{wantDenied, tooLong, wantDenied}, 1},
		{"a last line of maxLine+1 bytes without a newline is too long", validDenied + "\n" + pad(maxLine+1), []summary{wantDenied, tooLong}, 1},
		{"a line of three times maxLine is answered once", pad(3*maxLine) + "\n" + validDenied + "\n", []summary{tooLong, wantDenied}, 1},
		{"a blank line longer than maxLine is skipped", validAllowed + "\n" + strings.Repeat(" ", maxLine+10) + "\n" + validDenied + "\n", []summary{wantAllowed, wantDenied}, 0},
		{"a blank line longer than maxLine ends a held multi-line value", "{\n" + strings.Repeat(" ", maxLine+10) + "\n}\n" + validDenied, []summary{tooLong, tooLong, wantDenied}, 1},
		{"a blank first line longer than maxLine is skipped", strings.Repeat("\t", 2*maxLine) + "\n" + validDenied + "\n", []summary{wantDenied}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, stdout, stderr := runOn(t, []string{"evaluate"}, strings.NewReader(tt.input))
			if status != tt.wantStatus {
				t.Errorf("status = %d, want %d (stderr %q)", status, tt.wantStatus, stderr)
			}
			if diff := cmp.Diff(tt.want, summarizeAll(t, stdout)); diff != "" {
				t.Errorf("evaluate mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
