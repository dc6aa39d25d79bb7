package jsonread

import (
	"fmt"
	"strconv"
	"time"
)

// Problem is one problem with one field: its JSON path and what is wrong,
// never the offending value.
type Problem struct {
	Field, Problem string
}

// Decoder reads typed values from a Scanner and collects the problems it
// finds, at most one per field (the first is the most specific). The zero
// Decoder reads an empty text; use NewDecoder.
type Decoder struct {
	S        Scanner
	Problems []Problem
	seen     map[string]bool
}

// NewDecoder returns a Decoder over data.
func NewDecoder(data []byte) Decoder { return Decoder{S: NewScanner(data)} }

// Add records a problem with field. Only the first problem of a field is
// kept, except for the field "".
func (d *Decoder) Add(field, problem string) {
	if d.seen[field] && field != "" {
		return
	}
	if d.seen == nil {
		d.seen = map[string]bool{}
	}
	d.seen[field] = true
	d.Problems = append(d.Problems, Problem{field, problem})
}

// Seen reports whether a problem was recorded for field.
func (d *Decoder) Seen(field string) bool { return d.seen[field] }

// Fields records which fields of one object were seen, to report duplicates.
type Fields uint64

// Once marks field bit as seen; a second time it records "duplicate field" at
// path and returns false.
func (d *Decoder) Once(seen *Fields, bit uint, path string) bool {
	if *seen&(1<<bit) != 0 {
		d.Add(path, "duplicate field")
		return false
	}
	*seen |= 1 << bit
	return true
}

// Str reads a string. A null is absent (ok false); another type is a problem.
func (d *Decoder) Str(path string) (v string, ok bool, err error) {
	b, ok, err := d.Bytes(path)
	return string(b), ok, err
}

// Bytes is Str without the copy: the result is valid until the next read.
func (d *Decoder) Bytes(path string) ([]byte, bool, error) {
	switch d.S.Peek() {
	case '"':
		b, err := d.S.RawString()
		return b, err == nil, err
	case 'n':
		return nil, false, d.S.Literal("null")
	}
	d.Add(path, "want a string, got "+d.S.Kind())
	return nil, false, d.S.Skip()
}

// Bool reads a boolean; null is false.
func (d *Decoder) Bool(path string) (bool, error) {
	v, _, err := d.OptBool(path)
	return v, err
}

// OptBool reads a boolean; present is false for null and for a wrong type.
func (d *Decoder) OptBool(path string) (v, present bool, err error) {
	switch d.S.Peek() {
	case 't':
		return true, true, d.S.Literal("true")
	case 'f':
		return false, true, d.S.Literal("false")
	case 'n':
		return false, false, d.S.Literal("null")
	}
	d.Add(path, "want true or false, got "+d.S.Kind())
	return false, false, d.S.Skip()
}

// Int reads an integer written without fraction or exponent, within
// [lo, hi].
func (d *Decoder) Int(path string, lo, hi int) (int, bool, error) {
	switch c := d.S.Peek(); {
	case c == 'n':
		return 0, false, d.S.Literal("null")
	case c == '-' || c >= '0' && c <= '9':
	default:
		d.Add(path, "want an integer, got "+d.S.Kind())
		return 0, false, d.S.Skip()
	}
	start := d.S.i
	if err := d.S.Number(); err != nil {
		return 0, false, err
	}
	n, err := strconv.Atoi(string(d.S.data[start:d.S.i]))
	if err != nil {
		d.Add(path, "not an integer without fraction or exponent")
		return 0, false, nil
	}
	if n < lo || n > hi {
		d.Add(path, fmt.Sprintf("out of range (%d to %d)", lo, hi))
		return 0, false, nil
	}
	return n, true, nil
}

// Instant reads an RFC 3339 time (see ParseTime).
func (d *Decoder) Instant(path string) (time.Time, bool, error) {
	b, ok, err := d.Bytes(path)
	if err != nil || !ok {
		return time.Time{}, false, err
	}
	t, problem := ParseTime(b)
	if problem != "" {
		d.Add(path, problem)
		return time.Time{}, false, nil
	}
	return t, true, nil
}

// Enum reads a string and parses it with parse; "" is never valid.
func Enum[T any](d *Decoder, path string, parse func(string) (T, error)) (T, bool, error) {
	var zero T
	b, ok, err := d.Bytes(path)
	if err != nil || !ok {
		return zero, false, err
	}
	v, perr := parse(string(b))
	if perr != nil || len(b) == 0 {
		d.Add(path, "unknown value")
		return zero, false, nil
	}
	return v, true, nil
}

// Unknown records an unknown field key under prefix and skips its value. The
// field is named by its path when the key looks like an identifier (ASCII
// letters, digits and '_', at most 64 bytes); any other key may be data, so
// the problem is reported at the parent's path.
func (d *Decoder) Unknown(prefix string, key []byte) error {
	path := prefix
	if IsIdentifier(key) {
		path = Path(prefix, string(key))
	}
	d.Add(path, "unknown field")
	return d.S.Skip()
}

// Missing records "missing" at path unless present.
func (d *Decoder) Missing(present bool, path string) {
	if !present {
		d.Add(path, "missing")
	}
}

// IsIdentifier reports whether a field name may be repeated in an error:
// ASCII letters, digits and '_', 1 to 64 bytes.
func IsIdentifier(key []byte) bool {
	if len(key) == 0 || len(key) > 64 {
		return false
	}
	for _, c := range key {
		if !(c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// Path joins a parent path and a field name.
func Path(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// Index returns the path of element i of the array at prefix.
func Index(prefix string, i int) string { return prefix + "[" + strconv.Itoa(i) + "]" }

// ParseTime parses an RFC 3339 time strictly, with fractional seconds
// allowed: a four-digit year from 0001 to 9999, a zone offset of at most
// 23:59, nothing before or after. It is the one time parser of every decoder
// and flag. The problem is "" on success, else a description that never
// repeats the input.
func ParseTime(b []byte) (time.Time, string) {
	// time.Parse checks the layout, the ranges of every field and the offset
	// (hours < 24, minutes < 60).
	t, err := time.Parse(time.RFC3339Nano, string(b))
	if err != nil || len(b) < 20 {
		return time.Time{}, "not an RFC 3339 time"
	}
	// time.Parse takes offsets up to +99:99; RFC 3339 allows 23:59.
	if z := b[len(b)-1]; z != 'Z' {
		off := b[len(b)-5:]
		if off[0] > '2' || off[0] == '2' && off[1] > '3' || off[3] > '5' {
			return time.Time{}, "not an RFC 3339 time"
		}
	}
	if y := t.Year(); y < 1 || y > 9999 || t.IsZero() {
		return time.Time{}, "out of range"
	}
	return t, ""
}
