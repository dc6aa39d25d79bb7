// Package oneline joins errors the way errors.Join does, but prints them on
// one line, separated by "; ": a joined error that spans lines would split a
// log record.
package oneline

import "strings"

// Join returns nil when every err is nil, the one error when there is one,
// and otherwise an error whose Error joins the texts with "; " and whose
// Unwrap returns them all, so errors.Is and errors.As see each.
func Join(errs ...error) error {
	var kept []error
	for _, e := range errs {
		if e != nil {
			kept = append(kept, e)
		}
	}
	switch len(kept) {
	case 0:
		return nil
	case 1:
		return kept[0]
	}
	return joined(kept)
}

type joined []error

func (j joined) Error() string {
	var b strings.Builder
	for i, e := range j {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

func (j joined) Unwrap() []error { return j }
