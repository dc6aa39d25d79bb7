package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPolicyShowPrintsTheBuiltins(t *testing.T) {
	want, err := os.ReadFile("testdata/policy/builtins.json")
	if err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr := runOn(t, []string{"policy", "show"}, nil)
	if status != 0 || stdout != string(want) {
		t.Errorf("policy show = %d (%s), mismatch (-want +got):\n%s", status, stderr, cmp.Diff(string(want), stdout))
	}
	// A user's set prints as it was given.
	strict, _ := os.ReadFile("testdata/policy/strict.json")
	status, stdout, _ = runOn(t, []string{"policy", "show", "-policies", "testdata/policy/strict.json"}, nil)
	if status != 0 || stdout != string(strict) {
		t.Errorf("policy show -policies strict.json = %d, mismatch (-want +got):\n%s", status, cmp.Diff(string(strict), stdout))
	}
}

func TestPolicyCheck(t *testing.T) {
	status, stdout, _ := runOn(t, []string{"policy", "check", "testdata/policy/builtins.json"}, nil)
	if want := "2022 null\n2024-01-18 2024-01-18T00:00:00Z\n"; status != 0 || stdout != want {
		t.Errorf("policy check builtins = %d %q, want 0 %q", status, stdout, want)
	}
	status, stdout, _ = runOn(t, []string{"policy", "check", "testdata/policy/broken.json"}, nil)
	want := "versions[1].high_priority_wait: not a duration\n" +
		"versions[1].rca_business_days.premise: out of range (1 to 250)\n" +
		"versions[1].calendar.holidays: unknown calendar\n"
	if status != 1 || stdout != want {
		t.Errorf("policy check broken = %d, mismatch (-want +got):\n%s", status, cmp.Diff(want, stdout))
	}
	if strings.Contains(stdout, "Atlantis") || strings.Contains(stdout, "a day") {
		t.Errorf("policy check repeats document values: %s", stdout)
	}
	if status, _, _ := runOn(t, []string{"policy", "check", filepath.Join(t.TempDir(), "none.json")}, nil); status != 2 {
		t.Errorf("policy check of a missing FILE = %d, want 2", status)
	}
	if status, _, _ := runOn(t, []string{"policy", "check"}, nil); status != 2 {
		t.Errorf("policy check without FILE = %d, want 2", status)
	}
}

func TestPolicyDiff(t *testing.T) {
	status, stdout, _ := runOn(t, []string{"policy", "diff", "2022", "2024-01-18"}, nil)
	want := `R2 rca_clock_from_restoration false true
P4 critical_by_phone false true
F9 fedramp_after_assignment false true
F10 escalation_feed "every_case" "commercial_only"
U1/U2 urgency_change "not_grounds" "escalate_and_notify"
C1 case_update "escalation" "notify_owner"
V2 labels.commercial "Escalate Case" "Additional Help"
`
	if status != 0 || stdout != want {
		t.Errorf("policy diff = %d, mismatch (-want +got):\n%s", status, cmp.Diff(want, stdout))
	}
	status, stdout, _ = runOn(t, []string{"policy", "diff", "-json", "-policies", "testdata/policy/strict.json", "2024-01-18", "2024-01-18"}, nil)
	if status != 0 || stdout != "" {
		t.Errorf("policy diff of a version with itself = %d %q, want 0 and nothing", status, stdout)
	}
	status, stdout, _ = runOn(t, []string{"policy", "diff", "-json", "-policies", "testdata/policy/strict.json", "2022", "2024-01-18"}, nil)
	if first := strings.SplitN(stdout, "\n", 2)[0]; status != 0 || first != `{"clause":"P2","parameter":"high_priority_wait","a":"24h","b":"8h"}` {
		t.Errorf("policy diff -json first line = %d %q", status, first)
	}
	if status, _, _ := runOn(t, []string{"policy", "diff", "2022", "2031"}, nil); status != 2 {
		t.Errorf("policy diff of an unknown version = %d, want 2", status)
	}
}

// A user's document changes the decisions of evaluate and the demo.
func TestPoliciesFlag(t *testing.T) {
	high := `{"now":"2024-03-04T19:00:00Z","case":{"id":"1","status":"open","priority":"high","deployment":"cloud","offering":"commercial","business_impact":true,"last_updated_at":"2024-03-04T10:00:00Z"},"request":{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact"}}`
	_, builtin, _ := runOn(t, []string{"evaluate"}, strings.NewReader(high))
	status, strict, stderr := runOn(t, []string{"evaluate", "-policies", "testdata/policy/strict.json"}, strings.NewReader(high))
	if status != 0 || !strings.Contains(builtin, "HIGH_PRIORITY_RECENTLY_UPDATED") || !strings.Contains(strict, `"allowed":true`) {
		t.Errorf("8h policy: status %d (%s)\nbuilt-in %s\nstrict   %s", status, stderr, builtin, strict)
	}
	status, _, stderr = runOn(t, []string{"evaluate", "-policies", "testdata/policy/broken.json"}, strings.NewReader(high))
	if status != 1 || !strings.Contains(stderr, "versions[1].high_priority_wait: not a duration") {
		t.Errorf("evaluate -policies broken = %d, stderr %q", status, stderr)
	}
	status, demo, _ := runOn(t, []string{"-policies", "testdata/policy/strict.json"}, nil)
	_, builtinDemo, _ := runOn(t, nil, nil)
	if status != 0 || demo == builtinDemo || !strings.Contains(demo, "casepolicy demo") {
		t.Errorf("demo -policies = %d, output unchanged or missing:\n%s", status, demo)
	}
}

func TestWhatif(t *testing.T) {
	lines := strings.Join([]string{
		// changed: P2's 24h elapsed wait becomes 8h
		`{"now":"2024-03-04T19:00:00Z","case":{"id":"1","status":"open","priority":"high","deployment":"cloud","offering":"commercial","business_impact":true,"last_updated_at":"2024-03-04T10:00:00Z"},"request":{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact"}}`,
		// unchanged: a medium case
		`{"now":"2024-03-04T19:00:00Z","case":{"id":"2","status":"open","priority":"medium","deployment":"cloud","offering":"commercial","last_updated_at":"2024-03-04T10:00:00Z"},"request":{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact"}}`,
		"",
		// invalid under both
		`{"now":"2024-03-04T19:00:00Z","case":{"id":"3","status":"open","priority":"urgent"}}`,
		// changed only in eligible_at: the RCA target is 3 days instead of 5
		`{"now":"2024-03-05T12:00:00Z","case":{"id":"4","status":"open","priority":"medium","deployment":"cloud","offering":"commercial","last_updated_at":"2024-03-04T10:00:00Z","rca":{"requested_at":"2024-03-04T10:00:00Z"}},"request":{"reason":"rca","channel":"portal","portal":"commercial","role":"designated_contact"}}`,
	}, "\n")
	status, stdout, stderr := runOn(t, []string{"whatif", "-policies", "testdata/policy/strict.json"}, strings.NewReader(lines))
	if status != 1 {
		t.Errorf("status %d, want 1 (an invalid line)", status)
	}
	out := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(out) != 3 || !strings.HasPrefix(out[0], `{"line":1,"before":{"allowed":false`) || !strings.Contains(out[0], `"after":{"allowed":true`) ||
		!strings.HasPrefix(out[1], `{"line":4,"error":{"problems":[`) || !strings.HasPrefix(out[2], `{"line":5,"before":`) {
		t.Errorf("whatif output:\n%s", stdout)
	}
	wantSummary := `{"requests":4,"changed":2,"transitions":[{"before":{"allowed":false,"reasons":["HIGH_PRIORITY_RECENTLY_UPDATED"]},"after":{"allowed":true,"reasons":[]},"count":1},{"before":{"allowed":false,"reasons":["RCA_ANALYSIS_PERIOD"]},"after":{"allowed":false,"reasons":["RCA_ANALYSIS_PERIOD"]},"count":1}]}` + "\n"
	if stderr != wantSummary {
		t.Errorf("summary mismatch (-want +got):\n%s", cmp.Diff(wantSummary, stderr))
	}
	if status, _, _ := runOn(t, []string{"whatif"}, strings.NewReader(lines)); status != 2 {
		t.Errorf("whatif without -policies = %d, want 2", status)
	}
}

// Output that cannot be written is exit status 3 for every streaming
// command (docs/CONTRACT.md).
func TestOutputFailureIsExit3(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	defer full.Close()
	var errOut strings.Builder
	high := `{"now":"2024-03-04T19:00:00Z","case":{"id":"1","status":"open","priority":"high","deployment":"cloud","offering":"commercial","business_impact":true,"last_updated_at":"2024-03-04T10:00:00Z"},"request":{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact"}}`
	for _, args := range [][]string{{"evaluate"}, {"whatif", "-policies", "testdata/policy/strict.json"}, {"policy", "show"}, {"policy", "diff", "2022", "2024-01-18"}, {}} {
		if status := run(args, strings.NewReader(high+"\n"), full, &errOut); status != 3 {
			t.Errorf("run(%q) to /dev/full = %d, want 3", args, status)
		}
	}
}

// A CRLF line of exactly maxLine bytes is accepted like the LF one; one byte
// more is refused either way. A leading byte-order mark is skipped.
func TestLineLimitAndBOM(t *testing.T) {
	pad := func(n int) string {
		l := strings.Replace(validAllowed, `"role"`, `"details":"`+strings.Repeat("x", n)+`","role"`, 1)
		return strings.Replace(l, strings.Repeat("x", n), strings.Repeat("x", n-(len(l)-maxLine)), 1)
	}
	exact := pad(100)
	if len(exact) != maxLine {
		t.Fatalf("line of %d bytes, want %d", len(exact), maxLine)
	}
	for _, tc := range []struct {
		name, input string
		want        summary
	}{
		{"LF line of maxLine bytes", exact + "\n", wantAllowed},
		{"CRLF line of maxLine bytes", exact + "\r\n", wantAllowed},
		{"leading byte-order mark", "\xef\xbb\xbf" + validAllowed + "\n", wantAllowed},
	} {
		status, stdout, _ := runOn(t, []string{"evaluate"}, strings.NewReader(tc.input))
		if diff := cmp.Diff([]summary{tc.want}, summarizeAll(t, stdout)); status != 0 || diff != "" {
			t.Errorf("%s: status %d, mismatch (-want +got):\n%s", tc.name, status, diff)
		}
	}
	longer := strings.Replace(exact, `"x`, `"xx`, 1)
	for _, ending := range []string{"\n", "\r\n"} {
		status, stdout, _ := runOn(t, []string{"evaluate"}, strings.NewReader(longer+ending+validAllowed+"\n"))
		if got := summarizeAll(t, stdout); status != 1 || len(got) != 2 || !got[0].Error || !cmp.Equal(got[1], wantAllowed) {
			t.Errorf("%q line of maxLine+1 bytes: status %d, answers %+v", ending, status, got)
		}
	}
}

// queue accepts -policies like every subcommand: an invalid document is exit
// 1 and a valid one leaves the order as it is.
func TestQueuePolicies(t *testing.T) {
	line := `{"id":"E-1","case_id":"1","priority":"high","offering":"commercial","submitted_at":"2024-03-04T10:00:00Z","last_updated_at":"2024-03-04T09:00:00Z"}`
	_, want, _ := runOn(t, []string{"queue", "-now", "2024-03-04T15:00:00Z"}, strings.NewReader(line))
	status, got, _ := runOn(t, []string{"queue", "-now", "2024-03-04T15:00:00Z", "-policies", "testdata/policy/strict.json"}, strings.NewReader(line))
	if status != 0 || got != want {
		t.Errorf("queue -policies strict.json = %d %q, want 0 %q", status, got, want)
	}
	if status, _, _ := runOn(t, []string{"queue", "-now", "2024-03-04T15:00:00Z", "-policies", "testdata/policy/broken.json"}, strings.NewReader(line)); status != 1 {
		t.Errorf("queue -policies broken.json = %d, want 1", status)
	}
}

// due -policies counts on the calendar of the version in force at -from:
// its holidays, zone, weekend, closures and working hours; -calendar and -tz
// replace its holidays and zone.
func TestDuePolicies(t *testing.T) {
	checkDue(t, []dueCase{
		{"the built-ins: US holidays in UTC", []string{"-from", "2024-12-23", "-days", "2", "-policies", "testdata/policy/builtins.json"}, "2024-12-26T00:00:00Z"},
		{"DE holidays in Berlin and a Christmas Eve closure", []string{"-from", "2024-12-23", "-days", "2", "-policies", "testdata/policy/closures.json"}, "2024-12-30T00:00:00+01:00"},
		{"business time in the version's working hours", []string{"-from", "2024-12-23T16:00:00+01:00", "-hours", "2h", "-policies", "testdata/policy/closures.json"}, "2024-12-27T10:00:00+01:00"},
		{"-calendar and -tz replace holidays and zone, the closure stays", []string{"-from", "2024-12-23", "-days", "2", "-calendar", "US", "-tz", "UTC", "-policies", "testdata/policy/closures.json"}, "2024-12-27T00:00:00Z"},
		{"the 2022 version before the switch", []string{"-from", "2023-12-22", "-days", "1", "-policies", "testdata/policy/closures.json"}, "2023-12-26T00:00:00Z"},
	})
	if status, _, _ := runOn(t, []string{"due", "-from", "2024-12-23", "-days", "2", "-policies", "testdata/policy/broken.json"}, nil); status != 1 {
		t.Errorf("due -policies broken.json = %d, want 1", status)
	}
}
