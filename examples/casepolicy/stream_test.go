package main

import (
	"bufio"
	"io"
	"strings"
	"testing"
	"time"
)

// TestEvaluateAnswersWithoutWaitingForEOF: a program that writes a line and
// waits for its answer gets it while the input is still open, also after a
// first line that is not JSON or is cut short (which could have begun a value
// spread over several lines); with one goroutine deciding or several.
func TestEvaluateAnswersWithoutWaitingForEOF(t *testing.T) {
	good := readSamples(t)[0]
	for _, jobs := range []string{"1", "4"} {
		for _, first := range []string{good, `{"now": bad}`, `{"now":"2024-07-05T1`, `{"now":"2024-07-05T12:00:00Z",`} {
			t.Run("j"+jobs+"/"+first, func(t *testing.T) { answersWithoutEOF(t, jobs, first, good) })
		}
	}
}

func answersWithoutEOF(t *testing.T, jobs, first, good string) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"evaluate", "-j", jobs}, inR, outW, io.Discard)
		outW.Close()
	}()
	answers := bufio.NewReader(outR)
	got := make(chan string, 2)
	go func() {
		for i := 0; i < 2; i++ {
			line, err := answers.ReadString('\n')
			if err != nil {
				close(got)
				return
			}
			got <- line
		}
	}()
	// Two lines in, the input left open: both answers must come.
	io.WriteString(inW, first+"\n"+good+"\n")
	for i := 0; i < 2; i++ {
		select {
		case line, ok := <-got:
			if !ok {
				t.Fatalf("answer %d: output ended", i+1)
			}
			if i == 1 && !strings.Contains(line, `"allowed":true`) {
				t.Errorf("answer to the good line = %s", line)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("answer %d did not come while the input was open", i+1)
		}
	}
	inW.Close()
	io.Copy(io.Discard, outR)
	<-done
}
