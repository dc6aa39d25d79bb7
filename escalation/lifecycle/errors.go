package lifecycle

import (
	"errors"
	"fmt"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/internal/enum"
)

var (
	// ErrIllegalTransition is wrapped by the errors of a transition that M5
	// does not allow, such as closed → in_progress. The error is a
	// *TransitionError.
	ErrIllegalTransition = errors.New("illegal transition")

	// ErrOutOfOrder is wrapped by the errors of a transition, or of opening an
	// escalation, at an instant before the last recorded one.
	ErrOutOfOrder = errors.New("instant before the last recorded one")

	// ErrActiveEscalation is wrapped by the error of Case.Open while an
	// escalation on the case is active (G5).
	ErrActiveEscalation = errors.New("an escalation is already active on the case")

	// ErrInvalidInput is escalation.ErrInvalidInput, wrapped by every
	// *FieldError: input that makes no sense, such as an empty ID, an
	// unknown enum value or a time after now. It is the same value in both
	// packages, so errors.Is recognises either package's errors with either
	// name.
	ErrInvalidInput = escalation.ErrInvalidInput

	// ErrUnknownValue is wrapped by the errors of the Parse functions and of
	// the UnmarshalText methods of this package's enums.
	ErrUnknownValue = enum.ErrUnknown
)

// FieldError is escalation.FieldError: one problem with one field of the
// input. Field names the field: for decoded JSON, its JSON path ("priority",
// "items[3].submitted_at"; "" for a line that is not a JSON object); for Go
// arguments, the parameter's name. Problem says what kind of problem it is
// and never repeats the input value ("unknown value", "missing").
//
// A function that finds several problems returns them all as one error that
// prints on one line ("id: missing; priority: unknown value");
// escalation.Problems lists them, and errors.Is and errors.As see each one.
type FieldError = escalation.FieldError

// TransitionError is the error of a transition that M5 does not allow. It
// wraps ErrIllegalTransition. The zero TransitionError is a move from the
// zero State to the zero State of an escalation with an empty ID.
type TransitionError struct {
	ID       string // the escalation's ID
	From, To State
}

// Error returns, for example, `escalation E-1: cannot go from "closed" to "in_progress"`.
func (e *TransitionError) Error() string {
	return fmt.Sprintf("escalation %s: cannot go from %q to %q", e.ID, e.From.String(), e.To.String())
}

// Unwrap returns ErrIllegalTransition.
func (e *TransitionError) Unwrap() error { return ErrIllegalTransition }

// outOfOrder is the error of an event at now before the last recorded instant.
func outOfOrder(what string, now, last time.Time) error {
	return fmt.Errorf("%s at %s: %w (%s)", what,
		now.UTC().Format(time.RFC3339Nano), ErrOutOfOrder, last.UTC().Format(time.RFC3339Nano))
}
