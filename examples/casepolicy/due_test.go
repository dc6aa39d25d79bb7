package main

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDueHours(t *testing.T) {
	tests := []dueCase{
		{"16 business hours from Wednesday 3 July 2024 15:00 skip Independence Day", []string{"-from", "2024-07-03T15:00:00Z", "-hours", "16h", "-workhours", "09:00-17:00"}, "2024-07-08T15:00:00Z"},
		{"without -workhours a business day works all day", []string{"-from", "2024-07-03T15:00:00Z", "-hours", "16h"}, "2024-07-05T07:00:00Z"},
		{"a result exactly at closing time is closing time", []string{"-from", "2024-07-08T09:00:00Z", "-hours", "8h", "-workhours", "09:00-17:00"}, "2024-07-08T17:00:00Z"},
		{"a start before opening counts from opening", []string{"-from", "2024-07-08T06:00:00Z", "-hours", "1h", "-workhours", "09:00-17:00"}, "2024-07-08T10:00:00Z"},
		{"the lunch break of split hours does not count", []string{"-from", "2024-07-08T11:00:00Z", "-hours", "2h", "-workhours", "08:00-12:00,13:00-17:00"}, "2024-07-08T14:00:00Z"},
		{"negative hours walk back over the weekend", []string{"-from", "2024-07-08T10:00:00Z", "-hours", "-2h", "-workhours", "09:00-17:00"}, "2024-07-05T16:00:00Z"},
		{"minutes and nanoseconds are kept", []string{"-from", "2024-07-08T10:00:00.5Z", "-hours", "90m1ns", "-workhours", "09:00-17:00"}, "2024-07-08T11:30:00.500000001Z"},
		{"zero hours returns -from in the -tz offset", []string{"-from", "2024-07-06T10:00:00Z", "-hours", "0s", "-tz", "America/New_York"}, "2024-07-06T06:00:00-04:00"},
		{"working hours are read in -tz", []string{"-from", "2024-07-08T13:00:00Z", "-hours", "1h", "-workhours", "09:00-17:00", "-tz", "America/New_York"}, "2024-07-08T10:00:00-04:00"},
		{"GB business hours skip Christmas and Boxing Day 2024", []string{"-from", "2024-12-24T16:00:00Z", "-hours", "2h", "-calendar", "GB", "-tz", "Europe/London", "-workhours", "09:00-17:00"}, "2024-12-27T10:00:00Z"},
		{"a date alone with -days 0 is midnight in -tz", []string{"-from", "2024-03-08", "-days", "0", "-tz", "America/New_York"}, "2024-03-08T00:00:00-05:00"},
	}
	checkDue(t, tests)
}

func TestDueFromDate(t *testing.T) {
	tests := []dueCase{
		{"a date alone is midnight in -tz", []string{"-from", "2024-12-23", "-days", "1", "-tz", "Europe/London", "-calendar", "GB"}, "2024-12-24T00:00:00Z"},
		{"a date alone in New York keeps its offset", []string{"-from", "2024-12-23", "-days", "1", "-tz", "America/New_York"}, "2024-12-24T00:00:00-05:00"},
		{"a date alone with -hours counts from the day's opening", []string{"-from", "2024-12-23", "-hours", "10h", "-workhours", "09:00-17:00"}, "2024-12-24T11:00:00Z"},
		{"lowercase t and z are RFC 3339 too", []string{"-from", "2024-07-01t10:00:00z", "-days", "1"}, "2024-07-02T10:00:00Z"},
		{"offset -23:59 is the largest allowed", []string{"-from", "2024-07-01T10:00:00-23:59", "-days", "0"}, "2024-07-02T09:59:00Z"},
	}
	checkDue(t, tests)
}

func TestDueRefusals(t *testing.T) {
	const from = "2024-07-01T10:00:00Z"
	tests := []struct {
		name    string
		args    []string
		status  int
		wantErr string
		secret  string // a value that must not appear on stderr
	}{
		{"offset +24:00 is not RFC 3339", []string{"-from", "2024-07-01T10:00:00+24:00", "-days", "1"}, 2, "-from: not RFC 3339 or a date", "+24:00"},
		{"offset +00:60 is not RFC 3339", []string{"-from", "2024-07-01T10:00:00+00:60", "-days", "1"}, 2, "-from: not RFC 3339 or a date", "+00:60"},
		{"a five-digit year is refused", []string{"-from", "12024-07-01T10:00:00Z", "-days", "1"}, 2, "-from: not RFC 3339 or a date", "12024"},
		{"ten fractional digits are refused", []string{"-from", "2024-07-01T10:00:00.1234567891Z", "-days", "1"}, 2, "-from: not RFC 3339 or a date", "1234567891"},
		{"30 February is refused", []string{"-from", "2024-02-30", "-days", "1"}, 2, "-from: not RFC 3339 or a date", "02-30"},
		{"a secret in -from is not repeated", []string{"-from", "hunter2-password", "-days", "1"}, 2, "-from: not RFC 3339 or a date", "hunter2"},
		{"-days 0x10 is refused: decimal only", []string{"-from", from, "-days", "0x10"}, 2, "-days: not a decimal integer", "0x10"},
		{"-days 1_000 is refused", []string{"-from", from, "-days", "1_000"}, 2, "-days: not a decimal integer", "1_000"},
		{"-days too large is refused", []string{"-from", from, "-days", "99999999999999999999"}, 2, "-days: not a decimal integer", "9999999"},
		{"-hours must be a duration", []string{"-from", from, "-hours", "16"}, 2, "-hours: not a duration", ""},
		{"-hours with a secret", []string{"-from", from, "-hours", "s3cr3t"}, 2, "-hours: not a duration", "s3cr3t"},
		{"both -days and -hours", []string{"-from", from, "-days", "1", "-hours", "1h"}, 2, "give one, not both", ""},
		{"neither -days nor -hours", []string{"-from", from}, 2, "-days or -hours is required", ""},
		{"bad -workhours", []string{"-from", from, "-hours", "1h", "-workhours", "17:00-09:00"}, 2, "-workhours:", "17:00-09:00"},
		{"overlapping -workhours", []string{"-from", from, "-hours", "1h", "-workhours", "08:00-12:00,11:00-17:00"}, 2, "-workhours:", "11:00"},
		{"an unknown calendar is not repeated", []string{"-from", from, "-days", "1", "-calendar", "Secret-Cal"}, 2, "-calendar: unknown calendar", "Secret-Cal"},
		{"an unknown zone is not repeated", []string{"-from", from, "-days", "1", "-tz", "Secret/Zone"}, 2, "-tz: unknown time zone", "Secret/Zone"},
		{"-explain takes a boolean, without repeating the value", []string{"-from", from, "-days", "1", "-explain=secretly"}, 2, "-explain: not true or false", "secretly"},
		{"a start before 1970 exits 1", []string{"-from", "1969-12-31T10:00:00Z", "-hours", "1h"}, 1, "out of range", "1969"},
		{"business hours past 2200 exit 1", []string{"-from", "2200-12-31T10:00:00Z", "-hours", "100h"}, 1, "out of range", "2200-12-31"},
		{"an unknown flag exits 2", []string{"-from", from, "-days", "1", "-bogus"}, 2, "-bogus", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"due"}, tt.args...)
			status, stdout, stderr := runOn(t, args, nil)
			if status != tt.status || stdout != "" {
				t.Errorf("run(%q) = %d, stdout %q; want %d and nothing", args, status, stdout, tt.status)
			}
			if !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("stderr %q does not say %q", stderr, tt.wantErr)
			}
			if tt.secret != "" && strings.Contains(stderr, tt.secret) {
				t.Errorf("stderr %q repeats the value %q", stderr, tt.secret)
			}
		})
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

func TestDueUnwritableOutputExits3(t *testing.T) {
	var errOut strings.Builder
	status := run([]string{"due", "-from", "2024-07-01T10:00:00Z", "-days", "1"}, strings.NewReader(""), failingWriter{}, &errOut)
	if status != 3 || !strings.Contains(errOut.String(), "cannot write") {
		t.Errorf("status %d, stderr %q; want 3 and the write error", status, errOut.String())
	}
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer full.Close()
	errOut.Reset()
	if status := run([]string{"due", "-from", "2024-07-01T10:00:00Z", "-hours", "1h"}, strings.NewReader(""), full, &errOut); status != 3 {
		t.Errorf("stdout /dev/full: status %d, stderr %q; want 3", status, errOut.String())
	}
}

func TestDueExplain(t *testing.T) {
	status, stdout, stderr := runOn(t, []string{"due", "-from", "2024-07-03T10:00:00Z", "-days", "3", "-explain"}, nil)
	if status != 0 || stdout != "2024-07-09T10:00:00Z\n" {
		t.Fatalf("status %d, stdout %q", status, stdout)
	}
	want := `2024-07-03 Wed start, not counted
2024-07-04 Thu skipped: holiday Independence Day
2024-07-05 Fri counted (1)
2024-07-06 Sat skipped: weekend
2024-07-07 Sun skipped: weekend
2024-07-08 Mon counted (2)
2024-07-09 Tue counted (3)
`
	if diff := cmp.Diff(want, stderr); diff != "" {
		t.Errorf("-explain -days mismatch (-want +got):\n%s", diff)
	}

	status, stdout, stderr = runOn(t, []string{"due", "-from", "2024-07-03T15:00:00Z", "-hours", "16h", "-workhours", "09:00-17:00", "-explain"}, nil)
	if status != 0 || stdout != "2024-07-08T15:00:00Z\n" {
		t.Fatalf("status %d, stdout %q", status, stdout)
	}
	want = `2024-07-03 Wed counted 2h0m0s
2024-07-04 Thu skipped: holiday Independence Day
2024-07-05 Fri counted 8h0m0s
2024-07-06 Sat skipped: weekend
2024-07-07 Sun skipped: weekend
2024-07-08 Mon counted 6h0m0s
`
	if diff := cmp.Diff(want, stderr); diff != "" {
		t.Errorf("-explain -hours mismatch (-want +got):\n%s", diff)
	}

	_, _, stderr = runOn(t, []string{"due", "-from", "2024-07-08T10:00:00Z", "-days", "-2", "-explain"}, nil)
	if !strings.HasPrefix(stderr, "2024-07-08 Mon start, not counted\n2024-07-07 Sun skipped: weekend\n") || !strings.HasSuffix(stderr, "2024-07-04 Thu skipped: holiday Independence Day\n2024-07-03 Wed counted (-2)\n") {
		t.Errorf("-explain backwards:\n%s", stderr)
	}
}

// FuzzDueFlags: whatever the flag values, due does not panic, exits 0, 1 or
// 2, writes an RFC 3339 answer only on 0, and never repeats -from's value
// (checked for values holding a character no message holds).
func FuzzDueFlags(f *testing.F) {
	f.Add("2024-07-01T10:00:00Z", "7", "", "US", "UTC", "")
	f.Add("2024-07-01T10:00:00Z#@", "7", "", "US", "UTC", "")
	f.Add("2024-12-23", "", "16h", "GB", "Europe/London", "09:00-17:00")
	f.Add("2024-07-01T10:00:00+24:00", "0x10", "1h", "XX", "Local", "25:00-26:00")
	f.Add("2200-12-31T10:00:00Z", "", "-9000h", "AU-NSW", "Australia/Sydney", "08:00-12:00,13:00-17:00")
	f.Fuzz(func(t *testing.T, from, days, hours, cal, tz, workhours string) {
		args := []string{"due", "-from", from, "-calendar", cal, "-tz", tz}
		if days != "" {
			args = append(args, "-days", days)
		}
		if hours != "" {
			args = append(args, "-hours", hours)
		}
		if workhours != "" {
			args = append(args, "-workhours", workhours)
		}
		status, stdout, stderr := runOn(t, args, nil)
		switch status {
		case 0:
			if _, err := time.Parse(time.RFC3339Nano, strings.TrimSuffix(stdout, "\n")); err != nil || !strings.HasSuffix(stdout, "\n") {
				t.Fatalf("run(%q) = 0 with output %q", args, stdout)
			}
		case 1, 2:
			if stdout != "" {
				t.Fatalf("run(%q) = %d with output %q", args, status, stdout)
			}
		default:
			t.Fatalf("run(%q) = %d", args, status)
		}
		// A value with a character no message has must not come back.
		if len(from) >= 4 && strings.ContainsAny(from, "#@~^") && strings.Contains(stderr, from) {
			t.Fatalf("stderr %q repeats -from %q", stderr, from)
		}
	})
}

// dueCase is one successful due call: its flags and the answer.
type dueCase struct {
	name string
	args []string
	want string
}

// checkDue runs each case and wants status 0, nothing on standard error and
// the answer on standard output.
func checkDue(t *testing.T, tests []dueCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"due"}, tt.args...)
			status, stdout, stderr := runOn(t, args, nil)
			if status != 0 || stderr != "" {
				t.Errorf("run(%q) = %d, stderr %q; want 0 and nothing", args, status, stderr)
			}
			if diff := cmp.Diff(tt.want+"\n", stdout); diff != "" {
				t.Errorf("run(%q) mismatch (-want +got):\n%s", args, diff)
			}
		})
	}
}
