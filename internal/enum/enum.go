// Package enum implements the text form of the small enums of the public
// packages: each enum is a uint8 whose valid values index a table of names.
// Every package's String, MarshalText, UnmarshalText and Parse go through it,
// so they all behave, and fail, the same way.
package enum

import (
	"errors"
	"fmt"
)

// ErrUnknown is wrapped by every parse error: the text is not a name of the
// enum. Public packages re-export it as their ErrUnknownValue.
var ErrUnknown = errors.New("unknown value")

// Names is the text form of an enum, indexed by value.
type Names struct {
	Type  string // the Go type, for String of a value that is not valid: "Channel"
	Kind  string // what the enum is, for errors: "priority", "channel"
	Names []string
	// EmptyValid makes an empty name a valid value (its text is ""); by
	// default an empty entry is a hole: a value that is not valid.
	EmptyValid bool
}

// Valid reports whether v is a value of the enum.
func (n *Names) Valid(v uint8) bool {
	return int(v) < len(n.Names) && (n.Names[v] != "" || n.EmptyValid)
}

// String returns v's name, or Type(v) for a value that is not valid.
func (n *Names) String(v uint8) string {
	if n.Valid(v) {
		return n.Names[v]
	}
	return fmt.Sprintf("%s(%d)", n.Type, v)
}

// Marshal returns v's name, or an error for a value that is not valid.
func (n *Names) Marshal(v uint8) ([]byte, error) {
	if !n.Valid(v) {
		return nil, fmt.Errorf("marshal %s %d: %w", n.Kind, v, ErrUnknown)
	}
	return []byte(n.Names[v]), nil
}

// Parse returns the value named s exactly, or an *Error quoting s like
// netip.ParseAddr does: parse channel "fax": unknown value.
func (n *Names) Parse(s string) (uint8, error) {
	for i, name := range n.Names {
		if name == s && n.Valid(uint8(i)) {
			return uint8(i), nil
		}
	}
	return 0, &Error{What: n.Kind, Input: s, Err: ErrUnknown}
}

// Error reports text that is not a name of an enum. It reads like
// `parse offering "x": unknown value` and unwraps to ErrUnknown.
type Error struct {
	What  string // the enum, e.g. "offering"
	Input string // the text as given
	Err   error  // the cause: ErrUnknown
}

// Error returns `parse WHAT "INPUT": unknown value`.
func (e *Error) Error() string { return fmt.Sprintf("parse %s %q: %v", e.What, e.Input, e.Err) }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }
