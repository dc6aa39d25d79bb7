package main

import (
	"strings"
	"testing"

	"github.com/casepolicy/casepolicy/calendar"
)

func TestCalendarsListsEveryNameWithWhatItCovers(t *testing.T) {
	status, stdout, stderr := runOn(t, []string{"calendars"}, nil)
	if status != 0 || stderr != "" {
		t.Fatalf("calendars = %d, stderr %q; want 0 and nothing", status, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	names := calendar.Names()
	if len(lines) != len(names) {
		t.Fatalf("%d lines, want one per calendar (%d)", len(lines), len(names))
	}
	for i, line := range lines {
		name, covers, ok := strings.Cut(line, " ")
		if !ok || name != names[i] || strings.TrimSpace(covers) == "" {
			t.Errorf("line %d = %q, want %s and what it covers", i+1, line, names[i])
		}
	}
	for _, want := range []string{"US      United States\n", "AU-NSW  Australia, New South Wales\n", "ECB     European Central Bank (TARGET2)\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("calendars does not list %q", want)
		}
	}
}

func TestCalendarsUsage(t *testing.T) {
	status, stdout, stderr := runOn(t, []string{"calendars", "-h"}, nil)
	if status != 0 || !strings.HasPrefix(stdout, "usage: casepolicy calendars") || stderr != "" {
		t.Errorf("calendars -h = %d, %q, %q", status, stdout, stderr)
	}
	if status, stdout, _ := runOn(t, []string{"calendars", "extra"}, nil); status != 2 || stdout != "" {
		t.Errorf("calendars extra = %d, %q; want 2 and nothing", status, stdout)
	}
	if status, _, _ := runOn(t, []string{"calendars", "-x"}, nil); status != 2 {
		t.Errorf("calendars -x = %d, want 2", status)
	}
	var errOut strings.Builder
	if status := run([]string{"calendars"}, strings.NewReader(""), failingWriter{}, &errOut); status != 3 {
		t.Errorf("calendars to a failing stdout = %d, want 3", status)
	}
	_, usage, _ := runOn(t, []string{"-h"}, nil)
	if !strings.Contains(usage, "calendars") {
		t.Error("the main usage does not list calendars")
	}
}
