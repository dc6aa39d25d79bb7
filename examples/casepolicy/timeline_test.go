package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

const (
	timelineHistory = "testdata/timeline/history.jsonl"
	portalReq       = `{"reason":"no_recent_update","channel":"portal","portal":"commercial","role":"designated_contact"}`
	rcaPhoneReq     = `{"reason":"rca","channel":"phone","role":"designated_contact"}`
)

// runTimelineCmd runs the command with buffers: exit status and outputs.
func runTimelineCmd(t testing.TB, stdin io.Reader, args ...string) (int, string, string) {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errOut bytes.Buffer
	code := run(append([]string{"timeline"}, args...), stdin, &out, &errOut)
	return code, out.String(), errOut.String()
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestTimelineWorkedExample(t *testing.T) {
	for _, tc := range []struct{ name, req, golden string }{
		{"portal", portalReq, "testdata/timeline/portal.golden"},
		{"rca by phone", rcaPhoneReq, "testdata/timeline/rca_phone.golden"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := readFile(t, tc.golden)
			code, out, errOut := runTimelineCmd(t, nil, "-to", "2024-03-25T00:00:00Z", "-request", tc.req, timelineHistory)
			if code != 0 || out != want || errOut != "" {
				t.Fatalf("exit %d\nstdout\n%s\nwant\n%s\nstderr %s", code, out, want, errOut)
			}
			// The same from standard input, and with the date alone.
			code, out, _ = runTimelineCmd(t, strings.NewReader(readFile(t, timelineHistory)), "-request", tc.req, "-to", "2024-03-25")
			if code != 0 || out != want {
				t.Fatalf("from stdin: exit %d\n%s", code, out)
			}
		})
	}
}

func TestTimelineDefaultsAndFlags(t *testing.T) {
	// -to defaults to the last event plus 30 days; -from to the first event.
	code, out, _ := runTimelineCmd(t, nil, "-request", rcaPhoneReq, timelineHistory)
	if code != 0 || !strings.HasPrefix(out, `{"from":"2024-03-01T09:00:00Z",`) ||
		!strings.HasSuffix(out, `"until":"2024-04-20T09:00:00Z","allowed":true,"outcome":"engage_support_manager","policy":"2024-01-18","reasons":[]}`+"\n") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	// A window that starts before the case: NO_CASE.
	code, out, _ = runTimelineCmd(t, nil, "-request", rcaPhoneReq, "-from", "2024-02-29", "-to", "2024-03-01T09:00:00.5Z", timelineHistory)
	want := `{"from":"2024-02-29T00:00:00Z","until":"2024-03-01T09:00:00Z","allowed":false,"outcome":"denied","policy":"2024-01-18","reasons":["NO_CASE"]}
{"from":"2024-03-01T09:00:00Z","until":"2024-03-01T09:00:00.5Z","allowed":false,"outcome":"denied","policy":"2024-01-18","reasons":["USE_PORTAL","RCA_NOT_REQUESTED"]}
`
	if code != 0 || out != want {
		t.Fatalf("exit %d\n%s\nwant\n%s", code, out, want)
	}
	// A pinned version.
	code, out, _ = runTimelineCmd(t, nil, "-policy", "2022", "-to", "2024-03-02", "-request", portalReq, timelineHistory)
	want = `{"from":"2024-03-01T09:00:00Z","until":"2024-03-02T00:00:00Z","allowed":false,"outcome":"denied","policy":"2022","reasons":["HIGH_PRIORITY_RECENTLY_UPDATED"]}
`
	if code != 0 || out != want {
		t.Fatalf("pinned: exit %d\n%s", code, out)
	}
}

func TestTimelinePolicies(t *testing.T) {
	// The built-in versions, but P2 counts only support's updates: the
	// customer's note at 10:00 on 2 March does not restart the wait, which
	// ends at 11:00, 24 hours after support's update; support's set at 12:00
	// restarts it.
	code, out, errOut := runTimelineCmd(t, nil, "-policies", "testdata/timeline/support_only.json", "-to", "2024-03-04", "-request", portalReq, timelineHistory)
	want := `{"from":"2024-03-01T09:00:00Z","until":"2024-03-02T11:00:00Z","allowed":false,"outcome":"denied","policy":"2024-01-18","reasons":["HIGH_PRIORITY_RECENTLY_UPDATED"]}
{"from":"2024-03-02T11:00:00Z","until":"2024-03-02T12:00:00Z","allowed":true,"outcome":"escalation_created","policy":"2024-01-18","reasons":[]}
{"from":"2024-03-02T12:00:00Z","until":"2024-03-03T08:00:00Z","allowed":false,"outcome":"denied","policy":"2024-01-18","reasons":["AWAITING_CUSTOMER","HIGH_PRIORITY_RECENTLY_UPDATED"]}
{"from":"2024-03-03T08:00:00Z","until":"2024-03-04T00:00:00Z","allowed":false,"outcome":"denied","policy":"2024-01-18","reasons":["CRITICAL_USE_PHONE"]}
`
	if code != 0 || out != want {
		t.Fatalf("exit %d\n%s\nwant\n%s\n%s", code, out, want, errOut)
	}
	code, out, errOut = runTimelineCmd(t, nil, "-policies", timelineHistory, "-request", portalReq, timelineHistory)
	if code != 1 || out != "" || errOut == "" {
		t.Fatalf("an invalid policy document: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, _, _ = runTimelineCmd(t, nil, "-policies", "testdata/timeline/missing.json", "-request", portalReq, timelineHistory)
	if code != 2 {
		t.Fatalf("a missing policy document: exit %d", code)
	}
}

func TestTimelineUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"no request", []string{timelineHistory}, "-request is required"},
		{"last_viewed_at", []string{"-request", `{"reason":"rca","channel":"phone","role":"designated_contact","last_viewed_at":"2024-03-01T09:00:00Z"}`, timelineHistory},
			"request.last_viewed_at: not allowed in a timeline"},
		{"unknown value", []string{"-request", `{"reason":"secret-reason","channel":"phone","role":"designated_contact"}`, timelineHistory},
			"request.reason: unknown value"},
		{"missing portal", []string{"-request", `{"reason":"rca","channel":"portal","role":"designated_contact"}`, timelineHistory},
			"request.portal: missing"},
		{"not JSON", []string{"-request", `{"reason":"secret`, timelineHistory}, "not JSON"},
		{"bad format", []string{"-format", "pdf", "-request", rcaPhoneReq, timelineHistory}, "-format"},
		{"bad from", []string{"-from", "yesterday-secret", "-request", rcaPhoneReq, timelineHistory}, "-from: not RFC 3339 or a date"},
		{"bad to", []string{"-to", "2024-02-30", "-request", rcaPhoneReq, timelineHistory}, "-to: not RFC 3339 or a date"},
		{"empty window", []string{"-from", "2024-03-05", "-to", "2024-03-05", "-request", rcaPhoneReq, timelineHistory}, "-to must come after -from"},
		{"unknown version", []string{"-policy", "1999", "-request", rcaPhoneReq, timelineHistory}, "-policy: unknown version"},
		{"two files", []string{"-request", rcaPhoneReq, timelineHistory, timelineHistory}, "at most one FILE"},
		{"no such file", []string{"-request", rcaPhoneReq, "testdata/timeline/secret-missing.jsonl"}, "cannot open FILE"},
		{"a directory", []string{"-request", rcaPhoneReq, "testdata/timeline"}, "cannot open FILE"},
		{"unknown flag", []string{"-colour", "red"}, "flag provided but not defined"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runTimelineCmd(t, nil, tc.args...)
			if code != 2 || out != "" || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit 2 and %q", code, out, errOut, tc.want)
			}
			if strings.Contains(errOut, "secret") {
				t.Fatalf("stderr repeats input: %q", errOut)
			}
		})
	}
	code, out, _ := runTimelineCmd(t, nil, "-h")
	if code != 0 || !strings.Contains(out, "usage: casepolicy timeline") {
		t.Fatalf("-h: exit %d %q", code, out)
	}
}

func TestTimelineInvalidHistory(t *testing.T) {
	in := `{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"high","deployment":"cloud","offering":"fedramp","region":"secret-region"}}

{"at":"2024-03-02T09:00:00Z","type":"escalation_closed","id":"secret-id"}
{"at":"2024-03-01T09:00:00Z","type":"reopened","colour":"secret"}
`
	code, out, errOut := runTimelineCmd(t, strings.NewReader(in), "-request", rcaPhoneReq)
	want := `line 4: colour: unknown field
`
	if code != 1 || out != "" || errOut != want {
		t.Fatalf("exit %d, stdout %q, stderr\n%s\nwant\n%s", code, out, errOut, want)
	}
	in = strings.Replace(in, `,"colour":"secret"`, "", 1)
	code, out, errOut = runTimelineCmd(t, strings.NewReader(in), "-request", rcaPhoneReq, "-")
	want = `line 1: case.region: a FedRAMP case is hosted in us-east-2 (F7)
line 3: id: no open escalation has this id
line 4: at: before the previous event
line 4: type: the case is not closed
`
	if code != 1 || out != "" || errOut != want {
		t.Fatalf("exit %d, stdout %q, stderr\n%s\nwant\n%s", code, out, errOut, want)
	}
	if ok, _ := regexp.MatchString(`secret`, errOut); ok {
		t.Fatalf("stderr repeats input: %s", errOut)
	}
	// An RCA whose target falls outside the calendar's years.
	in = `{"at":"2200-12-29T09:00:00Z","type":"opened","case":{"id":"1","priority":"high","deployment":"cloud","offering":"commercial"}}
{"at":"2200-12-30T09:00:00Z","type":"rca_requested"}
`
	code, _, errOut = runTimelineCmd(t, strings.NewReader(in), "-request", rcaPhoneReq)
	if code != 1 || !strings.HasPrefix(errOut, "line 2: at: the RCA target falls outside the calendar's years") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestTimelineText(t *testing.T) {
	code, out, _ := runTimelineCmd(t, nil, "-format", "text", "-to", "2024-03-25", "-request", rcaPhoneReq, timelineHistory)
	want := `FROM                  UNTIL                 DURATION  ALLOWED  OUTCOME                 POLICY      REASONS
2024-03-01T09:00:00Z  2024-03-02T12:00:00Z  1d 3h     no       denied                  2024-01-18  USE_PORTAL, RCA_NOT_REQUESTED
2024-03-02T12:00:00Z  2024-03-03T08:00:00Z  20h       no       denied                  2024-01-18  AWAITING_CUSTOMER, USE_PORTAL, RCA_NOT_REQUESTED
2024-03-03T08:00:00Z  2024-03-04T09:00:00Z  1d 1h     no       denied                  2024-01-18  RCA_NOT_REQUESTED
2024-03-04T09:00:00Z  2024-03-05T09:00:00Z  1d        no       denied                  2024-01-18  ACTIVE_ESCALATION, RCA_NOT_REQUESTED
2024-03-05T09:00:00Z  2024-03-06T09:00:00Z  1d        no       denied                  2024-01-18  RCA_NOT_REQUESTED
2024-03-06T09:00:00Z  2024-03-13T10:00:00Z  7d 1h     no       denied                  2024-01-18  RCA_ANALYSIS_PERIOD
2024-03-13T10:00:00Z  2024-03-20T17:00:00Z  7d 7h     yes      engage_support_manager  2024-01-18  -
2024-03-20T17:00:00Z  2024-03-21T09:00:00Z  16h       no       denied                  2024-01-18  CASE_CLOSED
2024-03-21T09:00:00Z  2024-03-25T00:00:00Z  3d 15h    yes      engage_support_manager  2024-01-18  -

allowed 10d 22h, denied 12d 17h; first allowed at 2024-03-13T10:00:00Z
`
	if code != 0 || out != want {
		t.Fatalf("exit %d\n%s\nwant\n%s", code, out, want)
	}
	for d, want := range map[string]string{"1ns": "1ns", "90m1.5s": "1h 30m 1.5s", "0s": "0s", "49h": "2d 1h"} {
		dur, _ := time.ParseDuration(d)
		if got := formatSpan(dur); got != want {
			t.Errorf("formatSpan(%s) = %q, want %q", d, got, want)
		}
	}
}

func TestTimelineSVG(t *testing.T) {
	code, out, _ := runTimelineCmd(t, nil, "-format", "svg", "-to", "2024-03-25", "-request", rcaPhoneReq, timelineHistory)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var doc struct {
		XMLName xml.Name `xml:"svg"`
		Texts   []string `xml:"text"`
		Rects   []struct {
			Fill  string `xml:"fill,attr"`
			Title string `xml:"title"`
		} `xml:"rect"`
		Lines []struct {
			Title string `xml:"title"`
		} `xml:"line"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if doc.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("namespace %q", doc.XMLName.Space)
	}
	texts := strings.Join(doc.Texts, "|")
	for _, want := range []string{"AWAITING_CUSTOMER (G3)", "ACTIVE_ESCALATION (G5)", "USE_PORTAL (P5)", "RCA_NOT_REQUESTED (R1)",
		"RCA_ANALYSIS_PERIOD (R2)", "CASE_CLOSED (G2)", "allowed", "service_restored", "2024-03-"} {
		if !strings.Contains(texts, want) {
			t.Errorf("no text %q in %s", want, texts)
		}
	}
	if strings.Contains(texts, "CRITICAL_USE_PHONE") {
		t.Error("a band for a criterion that never fails")
	}
	// One red rectangle per stretch of time a code fails, one green per
	// stretch allowed.
	red, green := 0, 0
	for _, r := range doc.Rects {
		switch r.Fill {
		case "#d9534f":
			red++
		case "#3c9d4e":
			green++
		}
	}
	if red != 6 || green != 2 {
		t.Fatalf("%d red and %d green rectangles, want 6 and 2", red, green)
	}
	events := 0
	for _, l := range doc.Lines {
		if l.Title != "" {
			events++
		}
	}
	if events != 11 {
		t.Fatalf("%d events marked, want 11", events)
	}
}

// timelineFailWriter fails every write.
type timelineFailWriter struct{}

func (timelineFailWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestTimelineOutputCannotBeWritten(t *testing.T) {
	for _, format := range []string{"json", "text", "svg"} {
		var errOut bytes.Buffer
		code := run([]string{"timeline", "-format", format, "-request", rcaPhoneReq, timelineHistory}, strings.NewReader(""), timelineFailWriter{}, &errOut)
		if code != 3 {
			t.Fatalf("%s: exit %d, want 3 (%s)", format, code, errOut.String())
		}
	}
}

func FuzzTimelineCommand(f *testing.F) {
	f.Add(readFile(f, timelineHistory), rcaPhoneReq, "json")
	f.Add(readFile(f, timelineHistory), portalReq, "text")
	f.Add(`{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"low","deployment":"premise","offering":"fedramp","calendar":"JP","time_zone":"Asia/Tokyo"}}`,
		`{"reason":"other","channel":"mobile_app","role":"read_only","pin":"fedramp"}`, "svg")
	f.Fuzz(func(t *testing.T, history, req, format string) {
		code, out, errOut := runTimelineCmd(t, strings.NewReader(history), "-request", req, "-format", format)
		switch code {
		case 0:
			if out == "" {
				t.Fatal("exit 0 with no output")
			}
		case 1, 2:
			if out != "" {
				t.Fatalf("exit %d with output %q", code, out)
			}
			if errOut == "" {
				t.Fatalf("exit %d with nothing on stderr", code)
			}
		default:
			t.Fatalf("exit %d", code)
		}
	})
}

func TestTimelineSVGVersionSwitch(t *testing.T) {
	in := `{"at":"2024-01-17T09:00:00Z","type":"opened","case":{"id":"1","priority":"high","deployment":"cloud","offering":"commercial","business_impact":true}}
{"at":"2024-01-17T15:00:00Z","type":"updated","by":"customer"}
{"at":"2024-01-18T03:00:00Z","type":"set","fields":{"priority":"critical"}}
`
	code, out, _ := runTimelineCmd(t, strings.NewReader(in), "-format", "svg", "-from", "2024-01-17T06:00:00Z", "-to", "2024-01-18T12:00:00Z", "-request", portalReq)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var doc struct {
		Texts []string `xml:"text"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	texts := strings.Join(doc.Texts, "|")
	for _, want := range []string{"NO_CASE (G1)", "HIGH_PRIORITY_RECENTLY_UPDATED (P2)", "CRITICAL_USE_PHONE (P4)", "policy 2024-01-18", "01-18 00:00"} {
		if !strings.Contains(texts, want) {
			t.Errorf("no text %q in %s", want, texts)
		}
	}
}
