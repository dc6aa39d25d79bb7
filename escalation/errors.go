package escalation

import (
	"errors"
	"strings"
)

// ErrInvalidInput is wrapped by every FieldError: the input makes no sense, so
// there is no decision to give.
var ErrInvalidInput = errors.New("invalid input")

// FieldError is one problem with one field of the input. Field is the field's
// JSON path as docs/CONTRACT.md names it ("case.priority",
// "case.escalations[0].closed_at"); "" when the input is not JSON at all.
type FieldError struct {
	Field   string
	Problem string
}

// Error returns "field: problem", or the problem alone for the field "".
func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Problem
	}
	return e.Field + ": " + e.Problem
}

// Unwrap returns ErrInvalidInput.
func (e *FieldError) Unwrap() error { return ErrInvalidInput }

// Problems returns every FieldError in err, in order: err may be one
// FieldError, the one-line list this package returns for several, or any
// errors.Join of them.
func Problems(err error) []*FieldError {
	var out []*FieldError
	var walk func(error)
	walk = func(err error) {
		if fe, ok := err.(*FieldError); ok {
			out = append(out, fe)
			return
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		if u := errors.Unwrap(err); u != nil {
			walk(u)
		}
	}
	walk(err)
	return out
}

// fieldErrors is several problems as one error that prints on one line
// ("a: missing; b: unknown value"), so a log record stays one record.
// errors.Is sees ErrInvalidInput through each of them; Problems lists them.
type fieldErrors []*FieldError

func (l fieldErrors) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

func (l fieldErrors) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// problems collects FieldErrors; the zero value is empty and allocates
// nothing until a problem is added.
type problems struct {
	list fieldErrors
}

// add records a problem with field; only the first problem of a field is
// kept (the most specific). Problems never quote input values.
func (p *problems) add(field, problem string) {
	if field != "" {
		for _, e := range p.list {
			if e.Field == field {
				return
			}
		}
	}
	p.list = append(p.list, &FieldError{Field: field, Problem: problem})
}

func (p *problems) err() error { return JoinProblems(p.list...) }

// JoinProblems returns the problems as one error: nil for none, the
// FieldError itself for one, and for several a list that prints on one line
// ("a: missing; b: unknown value"), so a log record stays one record.
// errors.Is(err, ErrInvalidInput) holds for it and Problems lists it back.
// Every package of the module reports invalid input this way.
func JoinProblems(ps ...*FieldError) error {
	switch len(ps) {
	case 0:
		return nil
	case 1:
		return ps[0]
	}
	return fieldErrors(ps)
}
