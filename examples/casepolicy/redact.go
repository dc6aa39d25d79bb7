package main

import (
	"fmt"
	"io"
)

// runRedact is a placeholder until the redact subcommand lands.
func runRedact(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "casepolicy redact: not built yet")
	return 2
}
