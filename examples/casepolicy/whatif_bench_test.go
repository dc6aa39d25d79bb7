package main

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// benchLines returns n request lines of the contract's shape with varied
// priorities, updates and reasons, so that a share of them changes under
// testdata/policy/strict.json (an 8-hour P2 wait, 3 cloud RCA days).
func benchLines(n int) []byte {
	var b bytes.Buffer
	prios := []string{"low", "medium", "high", "critical"}
	reasons := []string{"no_recent_update", "rca", "urgency_impact_changed", "case_update", "other"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"now":"2024-03-04T15:%02d:00Z","case":{"id":"%08d","status":"open","priority":"%s","deployment":"cloud","offering":"commercial","business_impact":true,"last_updated_at":"2024-03-04T%02d:00:00Z","rca":{"requested_at":"2024-03-01T10:00:00Z"}},"request":{"reason":"%s","channel":"portal","portal":"commercial","role":"designated_contact"}}`+"\n",
			i%60, i, prios[i%4], i%15, reasons[i%5])
	}
	return b.Bytes()
}

// BenchmarkWhatifAgainstEvaluate: whatif decides every line twice; its goal
// is to stay within 2.2x of evaluate on the same lines (same run).
func BenchmarkWhatifAgainstEvaluate(b *testing.B) {
	lines := benchLines(100_000)
	for _, bc := range []struct {
		name string
		args []string
	}{
		{"evaluate", []string{"evaluate", "-j", "1"}},
		{"whatif", []string{"whatif", "-policies", "testdata/policy/strict.json"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(lines)))
			for b.Loop() {
				if status := run(bc.args, bytes.NewReader(lines), io.Discard, io.Discard); status != 0 {
					b.Fatalf("run(%q) = %d", bc.args, status)
				}
			}
		})
	}
}
