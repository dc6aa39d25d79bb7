package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkEvaluateCommand runs casepolicy evaluate on a file of 20,000
// varied request lines (see variedLine) with -j 1 and -j 2, output
// discarded: the whole command, framing, deciding and writing, per input
// line. Compare the -j runs of the same run for the scaling.
func BenchmarkEvaluateCommand(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	var in strings.Builder
	const n = 20000
	for range n {
		in.WriteString(variedLine(r))
		in.WriteString("\n")
	}
	path := filepath.Join(b.TempDir(), "lines.jsonl")
	if err := os.WriteFile(path, []byte(in.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("j=%d", jobs), func(b *testing.B) {
			for b.Loop() {
				if status := run([]string{"evaluate", "-j", fmt.Sprint(jobs), path}, nil, io.Discard, io.Discard); status > 1 {
					b.Fatal(status)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/line")
		})
	}
}
