package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/casepolicy/casepolicy/escalation"
)

// conformanceRow is one line of testdata/conformance.jsonl: a request line
// and the decision casepolicy evaluate writes for it, for reimplementations
// in other languages to replay.
type conformanceRow struct {
	Name     string          `json:"name"`
	Input    json.RawMessage `json:"input"`
	Decision json.RawMessage `json:"decision"`
}

func readConformance(t *testing.T) []conformanceRow {
	t.Helper()
	f, err := os.Open("../../testdata/conformance.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []conformanceRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r conformanceRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("conformance line %d: %v", len(rows)+1, err)
		}
		rows = append(rows, r)
	}
	return rows
}

// TestConformanceFileIsReproducedByteForByte: the command answers every
// input of testdata/conformance.jsonl with exactly its decision.
func TestConformanceFileIsReproducedByteForByte(t *testing.T) {
	rows := readConformance(t)
	var in bytes.Buffer
	for _, r := range rows {
		in.Write(r.Input)
		in.WriteByte('\n')
	}
	status, stdout, stderr := runOn(t, []string{"evaluate"}, &in)
	if status != 0 {
		t.Fatalf("evaluate = %d: %s", status, stderr)
	}
	got := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(got) != len(rows) {
		t.Fatalf("%d answers for %d inputs", len(got), len(rows))
	}
	for i, r := range rows {
		if got[i] != string(r.Decision) {
			t.Errorf("%s:\n got %s\nwant %s", r.Name, got[i], r.Decision)
		}
	}
}

// TestConformanceFileCoversTheContract: every reason and warning code, every
// outcome and both built-in versions appear in the file.
func TestConformanceFileCoversTheContract(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range readConformance(t) {
		var d escalation.Decision
		if err := json.Unmarshal(r.Decision, &d); err != nil {
			t.Fatalf("%s: %v", r.Name, err)
		}
		seen["outcome "+d.Outcome.String()] = true
		seen["policy "+d.Policy] = true
		for c := range d.Reasons.Codes() {
			seen["code "+c.String()] = true
		}
		for c := range d.Warnings.Codes() {
			seen["code "+c.String()] = true
		}
	}
	var want []string
	for c := escalation.Code(1); c.IsValid(); c++ {
		want = append(want, "code "+c.String())
	}
	for o := escalation.Outcome(1); o.IsValid(); o++ {
		want = append(want, "outcome "+o.String())
	}
	want = append(want, "policy 2022", "policy 2024-01-18")
	for _, w := range want {
		if !seen[w] {
			t.Errorf("testdata/conformance.jsonl has no %s", w)
		}
	}
}
