package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/google/go-cmp/cmp"
)

func TestRunRedact(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "ticket.txt")
	if err := os.WriteFile(file, []byte("from 10.0.0.1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantStatus int
		wantOut    string
		wantErr    string // exact, or a prefix when prefix is set
		prefix     bool
	}{
		{"redact replaces personal data from standard input", nil, "mail bob@example.com now", 0,
			"mail [REDACTED:EMAIL] now",
			`{"removed": [{"kind": "EMAIL", "start": 5, "end": 20}], "counts": {"EMAIL": 1}}` + "\n", false},
		{"redact reports nothing found as an empty list and object", nil, "case 00123456 on 2024-07-05", 0,
			"case 00123456 on 2024-07-05", `{"removed": [], "counts": {}}` + "\n", false},
		{"redact reads FILE", []string{file}, "", 0, "from [REDACTED:IP]\n",
			`{"removed": [{"kind": "IP", "start": 5, "end": 13}], "counts": {"IP": 1}}` + "\n", false},
		{"redact reads standard input for -", []string{"-"}, "ssn 123-45-6789", 0, "ssn [REDACTED:SSN]",
			`{"removed": [{"kind": "SSN", "start": 4, "end": 15}], "counts": {"SSN": 1}}` + "\n", false},
		{"redact -h prints usage and succeeds", []string{"-h"}, "", 0, redactUsage, "", false},
		{"redact --help prints usage and succeeds", []string{"--help"}, "", 0, redactUsage, "", false},
		{"redact refuses an unknown flag", []string{"-x"}, "", 2, "", "casepolicy redact: unknown flag -x", true},
		{"redact refuses a second FILE", []string{file, file}, "", 2, "", "casepolicy redact: one FILE at most", true},
		{"redact refuses a missing FILE", []string{filepath.Join(dir, "missing")}, "", 2, "", "casepolicy redact: open ", true},
		{"redact refuses a directory as FILE", []string{dir}, "", 2, "", "casepolicy redact: " + dir, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			status := runRedact(tt.args, strings.NewReader(tt.stdin), &out, &errb)
			if status != tt.wantStatus {
				t.Errorf("runRedact(%q) = %d, want %d (stderr %q)", tt.args, status, tt.wantStatus, errb.String())
			}
			if diff := cmp.Diff(tt.wantOut, out.String()); diff != "" {
				t.Errorf("stdout mismatch (-want +got):\n%s", diff)
			}
			if tt.prefix {
				if !strings.HasPrefix(errb.String(), tt.wantErr) {
					t.Errorf("stderr = %q, want prefix %q", errb.String(), tt.wantErr)
				}
			} else if diff := cmp.Diff(tt.wantErr, errb.String()); diff != "" {
				t.Errorf("stderr mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRunRedactLarge checks that the streamed command agrees with
// fedramp.Redact on an input much larger than the Redactor's window, and that
// its report is one JSON object.
func TestRunRedactLarge(t *testing.T) {
	in := strings.Repeat("Case 00123456: call +44 20 7946 0958 or mail a.b@example.org from 2001:db8::1.\n", 20000)
	var out, errb bytes.Buffer
	if status := runRedact(nil, strings.NewReader(in), &out, &errb); status != 0 {
		t.Fatalf("status %d, stderr %q", status, errb.String()[:200])
	}
	want, wrep := fedramp.Redact([]byte(in))
	if !bytes.Equal(want, out.Bytes()) {
		t.Fatal("streamed output differs from fedramp.Redact")
	}
	var got fedramp.Report
	dec := json.NewDecoder(&errb)
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if dec.More() {
		t.Error("more than one JSON value on stderr")
	}
	if diff := cmp.Diff(wrep, got); diff != "" {
		t.Errorf("report mismatch (-want +got):\n%s", diff)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// failAfter accepts n bytes, then fails every write.
type failAfter struct{ n int }

func (w *failAfter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

// failReader returns its text, then an error instead of EOF.
type failReader struct {
	text string
	done bool
}

func (r *failReader) Read(p []byte) (int, error) {
	if r.done {
		return 0, errors.New("input/output error")
	}
	r.done = true
	return copy(p, r.text), nil
}

func TestRunRedactOutputError(t *testing.T) {
	const secret = "mail bob@example.com or 555-123-4567"
	big := strings.Repeat(secret+"\n", 10000)
	tests := []struct {
		name   string
		stdin  io.Reader
		stdout io.Writer
		want   string
	}{
		{"redact exits 3 when standard output fails at once", strings.NewReader(secret), failWriter{}, "casepolicy redact: writing standard output: disk full\n"},
		{"redact exits 3 when standard output fails midway", strings.NewReader(big), &failAfter{n: 70000}, "casepolicy redact: writing standard output: disk full\n"},
		{"redact exits 3 when the input fails after it was opened", &failReader{text: secret}, io.Discard, "casepolicy redact: reading standard input: input/output error\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errb bytes.Buffer
			status := runRedact(nil, tt.stdin, tt.stdout, &errb)
			// The last line is the error; before it, the report of what
			// was removed so far.
			lines := strings.SplitAfter(strings.TrimSuffix(errb.String(), "\n"), "\n")
			last := lines[len(lines)-1] + "\n"
			if status != 3 {
				t.Errorf("status %d, want 3 (error %q)", status, last)
			}
			if last != tt.want {
				t.Errorf("error %q, want %q", last, tt.want)
			}
			for _, v := range []string{"bob", "example.com", "555", "4567", "mail"} {
				if strings.Contains(last, v) {
					t.Errorf("error repeats the input value %q: %q", v, last)
				}
			}
		})
	}
}

// TestRunRedactDevFull checks the exit status when standard output is
// /dev/full, as in `casepolicy redact < ticket.txt > /dev/full`.
func TestRunRedactDevFull(t *testing.T) {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer f.Close()
	var errb bytes.Buffer
	if status := runRedact(nil, strings.NewReader("ip 10.0.0.1"), f, &errb); status != 3 {
		t.Errorf("status %d, want 3 (stderr %q)", status, errb.String())
	}
	if strings.Contains(errb.String(), "10.0.0.1") {
		t.Errorf("stderr repeats the input: %q", errb.String())
	}
}
