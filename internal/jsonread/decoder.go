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

// Loc is a JSON path that is built only when a problem is reported: Base,
// then "[Index]" when Index is not negative, then "." and Key when Key is
// not empty. At makes one of a plain string.
type Loc struct {
	Base  string
	Index int
	Key   string
}

// At returns the Loc of the field named by the string path.
func At(path string) Loc { return Loc{Base: path, Index: -1} }

// Elem returns the Loc of field key of element i of the array at base
// (key "" for the element itself).
func Elem(base string, i int, key string) Loc { return Loc{Base: base, Index: i, Key: key} }

// String builds the path.
func (p Loc) String() string {
	if p.Index < 0 {
		if p.Key == "" {
			return p.Base
		}
		return Path(p.Base, p.Key)
	}
	s := Index(p.Base, p.Index)
	if p.Key != "" {
		s += "." + p.Key
	}
	return s
}

// AddAt is Add at a Loc.
func (d *Decoder) AddAt(p Loc, problem string) { d.Add(p.String(), problem) }

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
	return d.OnceAt(seen, bit, At(path))
}

// OnceAt is Once at a Loc.
func (d *Decoder) OnceAt(seen *Fields, bit uint, p Loc) bool {
	if *seen&(1<<bit) != 0 {
		d.AddAt(p, "duplicate field")
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
func (d *Decoder) Bytes(path string) ([]byte, bool, error) { return d.BytesAt(At(path)) }

// BytesAt is Bytes at a Loc.
func (d *Decoder) BytesAt(p Loc) ([]byte, bool, error) {
	switch d.S.Peek() {
	case '"':
		b, err := d.S.RawString()
		return b, err == nil, err
	case 'n':
		return nil, false, d.S.Literal("null")
	}
	d.AddAt(p, "want a string, got "+d.S.Kind())
	return nil, false, d.S.Skip()
}

// Bool reads a boolean; null is false.
func (d *Decoder) Bool(path string) (bool, error) {
	v, _, err := d.OptBoolAt(At(path))
	return v, err
}

// BoolAt is Bool at a Loc.
func (d *Decoder) BoolAt(p Loc) (bool, error) {
	v, _, err := d.OptBoolAt(p)
	return v, err
}

// OptBool reads a boolean; present is false for null and for a wrong type.
func (d *Decoder) OptBool(path string) (v, present bool, err error) { return d.OptBoolAt(At(path)) }

// OptBoolAt is OptBool at a Loc.
func (d *Decoder) OptBoolAt(p Loc) (v, present bool, err error) {
	switch d.S.Peek() {
	case 't':
		return true, true, d.S.Literal("true")
	case 'f':
		return false, true, d.S.Literal("false")
	case 'n':
		return false, false, d.S.Literal("null")
	}
	d.AddAt(p, "want true or false, got "+d.S.Kind())
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
func (d *Decoder) Instant(path string) (time.Time, bool, error) { return d.InstantAt(At(path)) }

// InstantAt is Instant at a Loc.
func (d *Decoder) InstantAt(p Loc) (time.Time, bool, error) {
	b, ok, err := d.BytesAt(p)
	if err != nil || !ok {
		return time.Time{}, false, err
	}
	t, problem := ParseTime(b)
	if problem != "" {
		d.AddAt(p, problem)
		return time.Time{}, false, nil
	}
	return t, true, nil
}

// Names is the text forms of an enum indexed by value; "" marks a value
// that is not valid. Lookups compare bytes, so they allocate nothing.
type Names []string

// NamesOf returns the Names of an 8-bit enum from its IsValid and String.
func NamesOf[T ~uint8](valid func(T) bool, name func(T) string) Names {
	var n Names
	for v := 0; v < 256; v++ {
		if valid(T(v)) && name(T(v)) != "" {
			for len(n) < v {
				n = append(n, "")
			}
			n = append(n, name(T(v)))
		}
	}
	return n
}

// Lookup returns the value whose text form is b; "" is never one.
func (n Names) Lookup(b []byte) (uint8, bool) {
	if len(b) == 0 {
		return 0, false
	}
	for i, name := range n {
		if string(b) == name {
			return uint8(i), true
		}
	}
	return 0, false
}

// EnumAt reads a string and looks it up in names, as Enum does with a parse
// function: "" and a text that is not a name are "unknown value".
func EnumAt[T ~uint8](d *Decoder, p Loc, names Names) (T, bool, error) {
	b, ok, err := d.BytesAt(p)
	if err != nil || !ok {
		return 0, false, err
	}
	v, found := names.Lookup(b)
	if !found {
		d.AddAt(p, "unknown value")
		return 0, false, nil
	}
	return T(v), true, nil
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

// MissingAt is Missing at a Loc.
func (d *Decoder) MissingAt(present bool, p Loc) {
	if !present {
		d.AddAt(p, "missing")
	}
}

// UnknownAt is Unknown under a parent given as a Loc.
func (d *Decoder) UnknownAt(prefix Loc, key []byte) error {
	if !IsIdentifier(key) {
		d.AddAt(prefix, "unknown field")
		return d.S.Skip()
	}
	return d.Unknown(prefix.String(), key)
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
// allowed: a four-digit year from 0001 to 9999 (at its offset and in UTC), a zone offset of at most
// 23:59, "T" and "Z" in either case, at most nine fractional digits (the
// nanosecond; more would be cut silently), nothing before or after. It is the one time parser of every decoder
// and flag. The problem is "" on success, else a description that never
// repeats the input.
func ParseTime(b []byte) (time.Time, string) {
	// A fraction of more than nine digits would be cut to the nanosecond
	// silently: refused, so that a time read is the time written.
	if len(b) > 20 && b[19] == '.' {
		n := 0
		for _, c := range b[20:] {
			if c < '0' || c > '9' {
				break
			}
			n++
		}
		if n > 9 {
			return time.Time{}, "not an RFC 3339 time (more than nine fractional digits)"
		}
	}
	// RFC 3339 allows "t" and "z" in lower case; time.Parse does not.
	if len(b) >= 20 && len(b) <= 64 && (b[10] == 't' || b[len(b)-1] == 'z') {
		var buf [64]byte
		u := buf[:copy(buf[:], b)]
		if u[10] == 't' {
			u[10] = 'T'
		}
		if u[len(u)-1] == 'z' {
			u[len(u)-1] = 'Z'
		}
		b = u
	}
	return parseTime(b)
}

// parseTime is ParseTime after its checks of the fraction and the case:
// the common form straight from bytes, every other through time.Parse.
func parseTime(b []byte) (time.Time, string) {
	if t, ok := parseUTC(b); ok {
		if t.Year() < 1 || t.IsZero() {
			return time.Time{}, "out of range"
		}
		return t, ""
	}
	return parseTimeGeneral(b)
}

// parseTimeGeneral is ParseTime through time.Parse, for every form.
func parseTimeGeneral(b []byte) (time.Time, string) {
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
	// The year must be in range at the time's offset and in UTC, which is how
	// every encoder writes it back (0001-01-01T00:00:00+01:00 is year 0 in UTC).
	if y, u := t.Year(), t.UTC().Year(); y < 1 || y > 9999 || u < 1 || u > 9999 || t.IsZero() {
		return time.Time{}, "out of range"
	}
	return t, ""
}

// parseUTC parses the common form of an RFC 3339 time straight from bytes:
// YYYY-MM-DDTHH:MM:SS, optional fractional seconds after '.', and 'Z'. It
// accepts exactly what time.Parse accepts in that shape, with the same
// result; anything else (an offset, a ',' fraction, a one-digit hour) is left
// to ParseTime's general path.
func parseUTC(b []byte) (time.Time, bool) {
	if len(b) < 20 || b[len(b)-1] != 'Z' || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	year, ok1 := digits(b[0:4])
	month, ok2 := digits(b[5:7])
	day, ok3 := digits(b[8:10])
	hour, ok4 := digits(b[11:13])
	minute, ok5 := digits(b[14:16])
	sec, ok6 := digits(b[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 ||
		day > daysIn(month, year) || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	nsec := 0
	if rest := b[19 : len(b)-1]; len(rest) > 0 {
		// A fraction: '.' and at least one digit, every digit kept to the
		// nanosecond and any beyond it ignored (as time.Parse does).
		if len(rest) < 2 || rest[0] != '.' {
			return time.Time{}, false
		}
		scale := 100000000
		for _, c := range rest[1:] {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			nsec += int(c-'0') * scale
			scale /= 10
		}
	}
	days := daysFromCivil(year, month, day)
	return time.Unix(days*86400+int64(hour*3600+minute*60+sec), int64(nsec)).UTC(), true
}

// daysFromCivil returns the days from 1970-01-01 to a date of the
// proleptic Gregorian calendar (H. Hinnant's days_from_civil).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400                     // [0, 399]
	mp := (m + 9) % 12                     // March = 0
	doy := (153*mp+2)/5 + d - 1            // [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return int64(era)*146097 + int64(doe) - 719468
}

// digits parses a fixed run of ASCII digits.
func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn returns the number of days in a month of the proleptic Gregorian
// calendar.
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
