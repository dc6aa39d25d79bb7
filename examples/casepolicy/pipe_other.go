//go:build !linux

package main

import "io"

// widenPipe does nothing where pipes cannot be widened (see pipe_linux.go).
func widenPipe(io.Reader) {}
