package main

import (
	"fmt"
	"io"
)

func runEvaluate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "casepolicy evaluate: not built yet")
	return 2
}

func runDemo(stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "casepolicy: demo not built yet")
	return 2
}
