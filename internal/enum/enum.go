// Package enum implements the text form of the small enums of the public
// packages: each enum is a uint8 whose valid values index a table of names.
package enum

import (
	"errors"
	"fmt"
)

// ErrUnknown is wrapped by every parse error: the text is not a name of the
// enum.
var ErrUnknown = errors.New("unknown value")

// Names is the text form of an enum, indexed by value; an empty entry is not
// a valid value.
type Names struct {
	Kind  string // what the enum is, for errors: "priority", "channel"
	Names []string
}

// Valid reports whether v has a name.
func (n *Names) Valid(v uint8) bool { return int(v) < len(n.Names) && n.Names[v] != "" }

// String returns v's name, or Kind(v) for a value without one.
func (n *Names) String(v uint8) string {
	if n.Valid(v) {
		return n.Names[v]
	}
	return fmt.Sprintf("%s(%d)", n.Kind, v)
}

// Marshal returns v's name, or an error for a value without one.
func (n *Names) Marshal(v uint8) ([]byte, error) {
	if !n.Valid(v) {
		return nil, fmt.Errorf("marshal %s %d: %w", n.Kind, v, ErrUnknown)
	}
	return []byte(n.Names[v]), nil
}

// Parse returns the value named s exactly, or an error quoting s like
// netip.ParseAddr does: parse channel "fax": unknown value.
func (n *Names) Parse(s string) (uint8, error) {
	for i, name := range n.Names {
		if name != "" && name == s {
			return uint8(i), nil
		}
	}
	return 0, &Error{Kind: n.Kind, Text: s}
}

// Error is a parse error.
type Error struct {
	Kind string
	Text string
}

func (e *Error) Error() string {
	return fmt.Sprintf("parse %s %q: %v", e.Kind, e.Text, ErrUnknown)
}

// Unwrap returns ErrUnknown.
func (e *Error) Unwrap() error { return ErrUnknown }
