package main

import (
	"fmt"
	"io"
)

// runQueue is a placeholder until the queue subcommand lands.
func runQueue(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "casepolicy queue: not built yet")
	return 2
}
