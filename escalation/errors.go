package escalation

import (
	"errors"
	"fmt"
)

// ErrInvalidInput is wrapped by every FieldError: the input makes no sense, so
// there is no decision to give.
var ErrInvalidInput = errors.New("invalid input")

// FieldError is one problem with one field of the input. Field is the field's
// JSON path as CONTRACT.md names it ("case.priority",
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
// FieldError or several joined with errors.Join.
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

// problems collects FieldErrors; the zero value is empty and allocates
// nothing until a problem is added.
type problems struct {
	list []error
	seen map[string]bool
}

func (p *problems) add(field, format string, args ...any) {
	if p.seen[field] && field != "" {
		return // one problem per field is enough; the first is the most specific
	}
	if p.seen == nil {
		p.seen = map[string]bool{}
	}
	p.seen[field] = true
	p.list = append(p.list, &FieldError{Field: field, Problem: fmt.Sprintf(format, args...)})
}

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return errors.Join(p.list...)
}
