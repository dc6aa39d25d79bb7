package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
		mk(2, problem{"priority", `unknown value "urgent"`}, problem{"submitted_at", "2024-03-05T10:00:00Z is after now (2024-03-04T15:00:00Z)"}, problem{"owner", "unknown field"}),
		mk(4, problem{"", "not a JSON object"}),
		mk(5, problem{"id", `duplicate "E-1" (first on line 1)`}),
		mk(6, problem{"last_updated_at", "missing"}),
		mk(7, problem{"case_id", `case "C-1" already has an open escalation (line 1); a case has one at a time (G5)`}),
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
		{"queue -h prints usage", []string{"-h"}, 0, "usage: casepolicy queue -now RFC3339 [FILE]", ""},
		{"queue --help prints usage", []string{"--help"}, 0, "usage: casepolicy queue", ""},
		{"queue refuses an unknown flag", []string{"-now", queueNow, "-owner", "x"}, 2, "", "flag provided but not defined: -owner"},
		{"queue needs -now", nil, 2, "", "-now is required"},
		{"queue refuses a -now that is not RFC 3339", []string{"-now", "2024-03-04"}, 2, "", `-now "2024-03-04" is not an RFC 3339 time`},
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

func TestQueueThroughRun(t *testing.T) {
	var out, errOut bytes.Buffer
	if status := run([]string{"queue", "-h"}, strings.NewReader(""), &out, &errOut); status != 0 || !strings.Contains(out.String(), "casepolicy queue") {
		t.Errorf("run(queue -h) = %d, %q", status, out.String())
	}
}

func FuzzQueue(f *testing.F) {
	f.Add(`{"id": "E-1", "case_id": "C", "priority": "high", "offering": "fedramp", "submitted_at": "2024-03-04T10:00:00Z", "last_updated_at": "2024-03-04T10:00:00Z"}` + "\n{}\n\nx")
	f.Add("{\"id\": \"E-1\"}\r\n{\"id\": \"E-1\", \"id\": 2}")
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
			var out struct {
				Position int `json:"position"`
			}
			if err := json.Unmarshal([]byte(line), &out); err != nil || out.Position != i+1 {
				t.Fatalf("output line %d %q: position %d, %v", i+1, line, out.Position, err)
			}
		}
	})
}
