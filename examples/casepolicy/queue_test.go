package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation/lifecycle"

	"github.com/google/go-cmp/cmp"
)

const queueNow = "2024-03-04T15:00:00Z"

func runQueueOn(t *testing.T, args []string, input string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	status = runQueue(args, strings.NewReader(input), &out, &errOut)
	return status, out.String(), errOut.String()
}

func TestQueueOrdersForTheOwner(t *testing.T) {
	input := `{"id": "E-1", "case_id": "00000001", "priority": "high", "offering": "commercial", "submitted_at": "2024-03-02T13:00:00Z", "last_updated_at": "2024-03-03T09:00:00Z"}
{"id": "E-2", "case_id": "00000002", "priority": "critical", "offering": "commercial", "submitted_at": "2024-03-04T14:00:00Z", "last_updated_at": "2024-03-04T14:00:00Z"}

{"id": "E-3", "case_id": "00000003", "priority": "high", "business_impact": true, "offering": "fedramp", "submitted_at": "2024-03-04T07:00:00-05:00", "last_updated_at": "2024-03-04T12:00:00Z", "rca_due_at": "2024-03-08T12:00:00Z"}` + "\r\n"
	status, stdout, stderr := runQueueOn(t, []string{"-now", queueNow}, input)
	if status != 0 || stderr != "" {
		t.Fatalf("status %d, stderr %q; want 0 and nothing", status, stderr)
	}
	want := `{"position":1,"id":"E-2","case_id":"00000002","priority":"critical","business_impact":false,"offering":"commercial","submitted_at":"2024-03-04T14:00:00Z","last_updated_at":"2024-03-04T14:00:00Z","rca_overdue":false,"days_waiting":0,"hours_since_update":1,"decided_by":"priority","reason":"priority critical is above high of \"E-3\""}
{"position":2,"id":"E-3","case_id":"00000003","priority":"high","business_impact":true,"offering":"fedramp","submitted_at":"2024-03-04T12:00:00Z","last_updated_at":"2024-03-04T12:00:00Z","rca_due_at":"2024-03-08T12:00:00Z","rca_overdue":false,"days_waiting":0,"hours_since_update":3,"decided_by":"business_impact","reason":"business impact; \"E-1\" has none"}
{"position":3,"id":"E-1","case_id":"00000001","priority":"high","business_impact":false,"offering":"commercial","submitted_at":"2024-03-02T13:00:00Z","last_updated_at":"2024-03-03T09:00:00Z","rca_overdue":false,"days_waiting":2,"hours_since_update":30,"decided_by":"last","reason":"last in the queue"}
`
	if diff := cmp.Diff(want, stdout); diff != "" {
		t.Errorf("queue output mismatch (-want +got):\n%s", diff)
	}
}

func TestQueueReportsInvalidLines(t *testing.T) {
	input := strings.Join([]string{
		`{"id": "E-1", "case_id": "C-1", "priority": "medium", "offering": "commercial", "submitted_at": "2024-03-04T10:00:00Z", "last_updated_at": "2024-03-04T10:00:00Z"}`,
		`{"id": "E-2", "case_id": "C-2", "priority": "urgent", "offering": "commercial", "submitted_at": "2024-03-05T10:00:00Z", "last_updated_at": "2024-03-04T10:00:00Z", "owner": "x"}`,
		``,
		`not json`,
		`{"id": "E-1", "case_id": "C-3", "priority": "low", "offering": "fedramp", "submitted_at": "2024-03-04T10:00:00Z", "last_updated_at": "2024-03-04T10:00:00Z"}`,
		`{"id": "E-4", "case_id": "C-4", "priority": "low", "offering": "fedramp", "submitted_at": "2024-03-04T10:00:00Z"}`,
		`{"id": "E-5", "case_id": "C-1", "priority": "high", "offering": "commercial", "submitted_at": "2024-03-04T11:00:00Z", "last_updated_at": "2024-03-04T11:00:00Z"}`,
	}, "\n")
	status, stdout, stderr := runQueueOn(t, []string{"-now=" + queueNow}, input)
	if status != 1 {
		t.Errorf("status = %d, want 1", status)
	}
	if got := strings.Count(stdout, "\n"); got != 1 || !strings.Contains(stdout, `"id":"E-1","case_id":"C-1"`) {
		t.Errorf("stdout = %q, want the one valid line", stdout)
	}
	type problem struct{ Field, Problem string }
	type report struct {
		Line  int
		Error struct{ Problems []problem }
	}
	var got []report
	dec := json.NewDecoder(strings.NewReader(stderr))
	dec.DisallowUnknownFields()
	for dec.More() {
		var r report
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("stderr %q: %v", stderr, err)
		}
		got = append(got, r)
	}
	mk := func(line int, ps ...problem) report {
		r := report{Line: line}
		r.Error.Problems = ps
		return r
	}
	want := []report{
		mk(2, problem{"priority", "unknown value"}, problem{"submitted_at", "after now"}, problem{"owner", "unknown field"}),
		mk(4, problem{"", "not JSON: invalid literal at byte 0"}),
		mk(5, problem{"id", "duplicate (first on line 1)"}),
		mk(6, problem{"last_updated_at", "missing"}),
		mk(7, problem{"case_id", "the case already has an open escalation (line 1); a case has one at a time (G5)"}),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("error reports mismatch (-want +got):\n%s", diff)
	}
}

func TestQueueReadsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "queue.jsonl")
	line := `{"id": "E-9", "case_id": "C", "priority": "low", "offering": "commercial", "submitted_at": "2024-03-04T10:00:00Z", "last_updated_at": "2024-03-04T10:00:00Z"}`
	if err := os.WriteFile(path, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr := runQueueOn(t, []string{"-now", queueNow, path}, "ignored")
	if status != 0 || !strings.HasPrefix(stdout, `{"position":1,"id":"E-9"`) || stderr != "" {
		t.Errorf("status %d, stdout %q, stderr %q", status, stdout, stderr)
	}
}

func TestQueueUsage(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		status    int
		stdoutHas string
		stderrHas string
	}{
		{"queue -h prints usage", []string{"-h"}, 0, "usage: casepolicy queue -now RFC3339 [-policies FILE] [FILE]", ""},
		{"queue --help prints usage", []string{"--help"}, 0, "usage: casepolicy queue", ""},
		{"queue refuses an unknown flag", []string{"-now", queueNow, "-owner", "x"}, 2, "", "flag provided but not defined: -owner"},
		{"queue needs -now", nil, 2, "", "-now is required"},
		{"queue refuses a -now that is not RFC 3339", []string{"-now", "2024-03-04"}, 2, "", "-now: not an RFC 3339 time (want RFC 3339, such as 2024-03-04T15:00:00Z)"},
		{"queue refuses a -now in the year 0000", []string{"-now", "0000-03-04T15:00:00Z"}, 2, "", "-now: out of range"},
		{"queue refuses an unreadable FILE", []string{"-now", queueNow, filepath.Join(t.TempDir(), "missing.jsonl")}, 2, "", "missing.jsonl"},
		{"queue takes one FILE", []string{"-now", queueNow, "a", "b"}, 2, "", "more than one FILE"},
		{"queue of nothing is empty", []string{"-now", queueNow, "-"}, 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, stdout, stderr := runQueueOn(t, tt.args, "")
			if status != tt.status || !strings.Contains(stdout, tt.stdoutHas) || !strings.Contains(stderr, tt.stderrHas) {
				t.Errorf("runQueue(%q) = %d\nstdout %q\nstderr %q\nwant %d, stdout containing %q, stderr containing %q",
					tt.args, status, stdout, stderr, tt.status, tt.stdoutHas, tt.stderrHas)
			}
			if tt.status == 0 && tt.stdoutHas == "" && (stdout != "" || stderr != "") {
				t.Errorf("stdout %q, stderr %q; want nothing", stdout, stderr)
			}
		})
	}
}

func TestQueueUsageNamesTheLineLimit(t *testing.T) {
	if !strings.Contains(queueUsage, "at most "+strconv.Itoa(maxLine)+" bytes") {
		t.Errorf("the usage does not give the line limit, %d bytes", maxLine)
	}
}

func TestQueueThroughRun(t *testing.T) {
	var out, errOut bytes.Buffer
	if status := run([]string{"queue", "-h"}, strings.NewReader(""), &out, &errOut); status != 0 || !strings.Contains(out.String(), "casepolicy queue") {
		t.Errorf("run(queue -h) = %d, %q", status, out.String())
	}
}

func FuzzQueue(f *testing.F) {
	f.Add(`{"id": "E-1", "case_id": "C", "priority": "high", "offering": "fedramp", "submitted_at": "2024-03-04T10:00:00Z", "last_updated_at": "2024-03-04T10:00:00Z"}` + "\n{}\n\nx")
	f.Add("{\"id\": \"E-1\"}\r\n{\"id\": \"E-1\", \"id\": 2}")
	f.Add("\xEF\xBB\xBF" + `{"id": "E-\u2028<\\", "case_id": "C", "priority": "critical", "offering": "commercial", "submitted_at": "0001-01-01T00:00:00.5+00:00", "last_updated_at": "2024-03-04T15:00:00+23:59", "rca_due_at": "9999-12-31T23:59:59Z"}` + "\r\n" + `{"id": "E-2", "case_id": "D", "priority": "critical", "offering": "commercial", "submitted_at": "0001-01-01T00:00:00.5+00:00", "last_updated_at": "2024-03-04T15:00:00+23:59"}`)
	now, _ := time.Parse(time.RFC3339, queueNow)
	f.Fuzz(func(t *testing.T, input string) {
		status, stdout, stderr := runQueueOn(t, []string{"-now", queueNow}, input)
		if status != 0 && status != 1 || (status == 1) != (stderr != "") {
			t.Fatalf("status %d with stderr %q", status, stderr)
		}
		dec := json.NewDecoder(strings.NewReader(stderr))
		for dec.More() {
			var r struct {
				Line  *int `json:"line"`
				Error struct {
					Problems []struct {
						Field   *string `json:"field"`
						Problem string  `json:"problem"`
					} `json:"problems"`
				} `json:"error"`
			}
			if err := dec.Decode(&r); err != nil || r.Line == nil || len(r.Error.Problems) == 0 {
				t.Fatalf("stderr %q: not error objects (%v)", stderr, err)
			}
			for _, p := range r.Error.Problems {
				if p.Field == nil || p.Problem == "" {
					t.Fatalf("line %d: a problem names no field: %q", *r.Line, stderr)
				}
			}
		}
		for i, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
			if line == "" {
				continue
			}
			var out map[string]json.RawMessage
			if err := json.Unmarshal([]byte(line), &out); err != nil || string(out["position"]) != strconv.Itoa(i+1) {
				t.Fatalf("output line %d %q: position %s, %v", i+1, line, out["position"], err)
			}
			// Round trip: the item's fields of an output line are a queue
			// line that decodes to an item written back the same way.
			for _, k := range []string{"position", "rca_overdue", "days_waiting", "hours_since_update", "decided_by", "reason"} {
				delete(out, k)
			}
			fields, _ := json.Marshal(out)
			it, err := lifecycle.DecodeItem(fields, now)
			if err != nil {
				t.Fatalf("output line %q: its item fields do not decode: %v", line, err)
			}
			again, err := it.MarshalJSON()
			if err != nil || !strings.Contains(line, string(again[1:len(again)-1])) {
				t.Fatalf("output line %q: the decoded item is written back as %s (%v)", line, again, err)
			}
		}
	})
}

// queueLine is a valid queue line for escalation id on case caseID.
func queueLine(id, caseID string) string {
	return `{"id": "` + id + `", "case_id": "` + caseID + `", "priority": "low", "offering": "commercial", ` +
		`"submitted_at": "2024-03-04T10:00:00Z", "last_updated_at": "2024-03-04T10:00:00Z"}`
}

// queueReports decodes the error reports on stderr.
func queueReports(t *testing.T, stderr string) map[int][][2]string {
	t.Helper()
	out := map[int][][2]string{}
	dec := json.NewDecoder(strings.NewReader(stderr))
	dec.DisallowUnknownFields()
	for dec.More() {
		var r struct {
			Line  int `json:"line"`
			Error struct {
				Problems []struct {
					Field   string `json:"field"`
					Problem string `json:"problem"`
				} `json:"problems"`
			} `json:"error"`
		}
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("stderr %.300q: %v", stderr, err)
		}
		for _, p := range r.Error.Problems {
			out[r.Line] = append(out[r.Line], [2]string{p.Field, p.Problem})
		}
	}
	return out
}

func TestQueueLineLimit(t *testing.T) {
	long := `{"id": "` + strings.Repeat("x", maxLine) + `"}`
	exact := `{"id": "E-2", "case_id": "` + strings.Repeat("c", maxLine-len(queueLine("E-2", ""))) + `", "priority": "low", "offering": "commercial", "submitted_at": "2024-03-04T10:00:00Z", "last_updated_at": "2024-03-04T10:00:00Z"}`
	if len(exact) != maxLine {
		t.Fatalf("exact line is %d bytes", len(exact))
	}
	input := long + "\n" + queueLine("E-1", "C-1") + "\n" + exact + "\r\n" + strings.Repeat(" ", 3*maxLine) + "\n" + long
	status, stdout, stderr := runQueueOn(t, []string{"-now", queueNow}, input)
	if status != 1 {
		t.Errorf("status %d, want 1", status)
	}
	if strings.Count(stdout, "\n") != 2 || !strings.Contains(stdout, `"id":"E-1"`) || !strings.Contains(stdout, `"id":"E-2"`) {
		t.Errorf("stdout %.300q: want E-1 and the line of exactly %d bytes before its CRLF", stdout, maxLine)
	}
	tooLong := [][2]string{{"", "line longer than 65536 bytes"}}
	want := map[int][][2]string{1: tooLong, 5: tooLong}
	if diff := cmp.Diff(want, queueReports(t, stderr)); diff != "" {
		t.Errorf("reports mismatch (-want +got):\n%s", diff)
	}
}

func TestQueueErrorsNeverRepeatInput(t *testing.T) {
	big := strings.Repeat("z", 30000)
	input := strings.Join([]string{
		`{"id": "E-1", "case_id": "C-1", "priority": "` + big + `", "offering": "commercial", "submitted_at": "2024-03-04T10:00:00Z", "last_updated_at": "2024-03-04T10:00:00Z"}`,
		`{"id": "E-2", "case_id": "C-2", "priority": "low", "offering": "commercial", "submitted_at": "` + big + `", "last_updated_at": "2024-03-05T10:00:00Z", "` + big + `": 1, "owner x": 2, "a_b": 3}`,
		queueLine("E-3", "C-3"),
		queueLine("E-3", "C-4"),
		queueLine("E-5", "C-3"),
	}, "\n")
	status, _, stderr := runQueueOn(t, []string{"-now", queueNow}, input)
	if status != 1 || len(stderr) > 2000 || strings.Contains(stderr, "zzz") {
		t.Fatalf("status %d, stderr of %d bytes %.300q: want 1 and no input value repeated", status, len(stderr), stderr)
	}
	want := map[int][][2]string{
		1: {{"priority", "unknown value"}},
		2: {{"submitted_at", "not an RFC 3339 time"}, {"last_updated_at", "after now"}, {"", "unknown field"}, {"", "unknown field"}, {"a_b", "unknown field"}},
		4: {{"id", "duplicate (first on line 3)"}},
		5: {{"case_id", "the case already has an open escalation (line 3); a case has one at a time (G5)"}},
	}
	if diff := cmp.Diff(want, queueReports(t, stderr)); diff != "" {
		t.Errorf("reports mismatch (-want +got):\n%s", diff)
	}
}

func TestQueueStrictTimes(t *testing.T) {
	line := func(id, submitted string) string {
		return `{"id": "` + id + `", "case_id": "C-` + id + `", "priority": "low", "offering": "commercial", "submitted_at": "` +
			submitted + `", "last_updated_at": "2024-03-04T10:00:00Z"}`
	}
	input := strings.Join([]string{
		line("E-1", "2024-03-04T10:00:00+24:00"),
		line("E-2", "2024-03-04T10:00:00+00:60"),
		line("E-3", "0000-03-04T10:00:00Z"),
		line("E-4", "2024-03-04T10:00:00+23:59"),
	}, "\n")
	status, stdout, stderr := runQueueOn(t, []string{"-now", queueNow}, input)
	want := map[int][][2]string{
		1: {{"submitted_at", "not an RFC 3339 time"}},
		2: {{"submitted_at", "not an RFC 3339 time"}},
		3: {{"submitted_at", "out of range"}},
	}
	if diff := cmp.Diff(want, queueReports(t, stderr)); status != 1 || diff != "" || !strings.Contains(stdout, `"id":"E-4"`) {
		t.Errorf("status %d, stdout %q; reports mismatch (-want +got):\n%s", status, stdout, diff)
	}
	if status, _, stderr := runQueueOn(t, []string{"-now", "2024-03-04T15:00:00+24:00"}, ""); status != 2 || !strings.Contains(stderr, "-now") {
		t.Errorf("-now with offset +24:00: status %d, stderr %q; want 2", status, stderr)
	}
}

// TestQueueComparesInstants: items older than Go's longest Duration (292
// years) are ordered by their real waiting times, not a capped one.
func TestQueueComparesInstants(t *testing.T) {
	a := `{"id": "E-A", "case_id": "C-A", "priority": "low", "offering": "commercial", "submitted_at": "1000-01-01T00:00:00Z", "last_updated_at": "1100-01-01T00:00:00Z"}`
	b := `{"id": "E-B", "case_id": "C-B", "priority": "low", "offering": "commercial", "submitted_at": "1000-01-01T01:00:00Z", "last_updated_at": "1050-01-01T00:00:00Z"}`
	status, stdout, stderr := runQueueOn(t, []string{"-now", queueNow}, a+"\n"+b)
	if status != 0 {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	first, _, _ := strings.Cut(stdout, "\n")
	if !strings.Contains(first, `"id":"E-B"`) || !strings.Contains(first, `"decided_by":"hours_since_update"`) {
		t.Errorf("first line %s: want E-B, decided by hours since its update 974 years ago", first)
	}
}

// errAfterReader returns its text, then err.
type errAfterReader struct {
	text string
	err  error
}

func (r *errAfterReader) Read(p []byte) (int, error) {
	if r.text == "" {
		return 0, r.err
	}
	n := copy(p, r.text)
	r.text = r.text[n:]
	return n, nil
}

func TestQueueExitStatus(t *testing.T) {
	valid := queueLine("E-1", "C-1") + "\n"
	t.Run("3 when standard output cannot be written", func(t *testing.T) {
		var errb bytes.Buffer
		if status := runQueue([]string{"-now", queueNow}, strings.NewReader(valid), failWriter{}, &errb); status != 3 {
			t.Errorf("status %d, want 3 (stderr %q)", status, errb.String())
		}
	})
	t.Run("3 when standard output is /dev/full", func(t *testing.T) {
		full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
		if err != nil {
			t.Skip(err)
		}
		defer full.Close()
		var errb bytes.Buffer
		if status := runQueue([]string{"-now", queueNow}, strings.NewReader(valid), full, &errb); status != 3 {
			t.Errorf("status %d, want 3 (stderr %q)", status, errb.String())
		}
	})
	t.Run("3 when the input fails after it was opened", func(t *testing.T) {
		var out, errb bytes.Buffer
		in := &errAfterReader{text: valid, err: errors.New("I/O error")}
		if status := runQueue([]string{"-now", queueNow}, in, &out, &errb); status != 3 || !strings.Contains(errb.String(), "I/O error") {
			t.Errorf("status %d, stderr %q; want 3 naming the error", status, errb.String())
		}
	})
	t.Run("0 after a leading byte order mark", func(t *testing.T) {
		status, stdout, stderr := runQueueOn(t, []string{"-now", queueNow}, "\xEF\xBB\xBF"+valid)
		if status != 0 || !strings.Contains(stdout, `"id":"E-1"`) {
			t.Errorf("status %d, stdout %q, stderr %q", status, stdout, stderr)
		}
	})
	t.Run("1 and every line reported for invalid lines", func(t *testing.T) {
		status, stdout, stderr := runQueueOn(t, []string{"-now", queueNow}, "x\n"+valid+"\xEF\xBB\xBF"+queueLine("E-2", "C-2")+"\n[]")
		reports := queueReports(t, stderr)
		if status != 1 || len(reports) != 3 || strings.Count(stdout, "\n") != 1 {
			t.Errorf("status %d, stdout %q, reports %v; want 1, E-1 and lines 1, 3 and 4 reported", status, stdout, reports)
		}
	})
}

// TestQueueRejectsInvalidUTF8: two IDs that differ only in invalid bytes, or
// in lone surrogate escapes, are not taken for one.
func TestQueueRejectsInvalidUTF8(t *testing.T) {
	input := queueLine("E-\xff", "C-1") + "\n" + queueLine("E-\xfe", "C-2") + "\n" + queueLine("E-\u00e9", "C-3") + "\n" +
		queueLine(`E-\ud800`, "C-4") + "\n" + queueLine(`E-\udbff`, "C-5")
	status, stdout, stderr := runQueueOn(t, []string{"-now", queueNow}, input)
	reports := queueReports(t, stderr)
	if status != 1 || len(reports) != 4 || len(reports[1]) != 1 || reports[1][0][0] != "" || len(reports[2]) != 1 ||
		len(reports[4]) != 1 || reports[4][0][0] != "id" || len(reports[5]) != 1 || reports[5][0][0] != "id" ||
		strings.Count(stdout, "\n") != 1 || !strings.Contains(stdout, `"id":"E-é"`) {
		t.Errorf("status %d, stdout %q, reports %v; want lines 1 and 2 refused as not JSON", status, stdout, reports)
	}
}
