package escalation

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// maxDepth bounds the nesting of any JSON value the decoder walks, so a
// hostile line of ten thousand '[' is an error, not a deep recursion.
const maxDepth = 64

// syntaxError is input that is not JSON at all; it is reported on the field
// "" (CONTRACT.md).
type syntaxError struct {
	msg string
	at  int
}

func (e *syntaxError) Error() string { return fmt.Sprintf("not JSON: %s at byte %d", e.msg, e.at) }

// scanner walks one JSON text. It decodes exactly what the request needs and
// validates everything else it skips, allocating only for the strings it
// returns.
type scanner struct {
	data  []byte
	i     int
	depth int
	buf   []byte // scratch for strings with escapes
}

func (s *scanner) fail(msg string) error { return &syntaxError{msg, s.i} }

func (s *scanner) ws() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, or 0 at the end.
func (s *scanner) peek() byte {
	s.ws()
	if s.i >= len(s.data) {
		return 0
	}
	return s.data[s.i]
}

func (s *scanner) expect(c byte) error {
	if s.peek() != c {
		if s.i >= len(s.data) {
			return s.fail("unexpected end of input")
		}
		return s.fail(fmt.Sprintf("want %q, got %q", c, s.data[s.i]))
	}
	s.i++
	return nil
}

// rawString reads a JSON string and returns its decoded bytes. The result
// aliases the input when the string has no escapes, else the scratch buffer:
// copy it before the next call. Invalid UTF-8 and raw control characters are
// syntax errors.
func (s *scanner) rawString() ([]byte, error) {
	if err := s.expect('"'); err != nil {
		return nil, err
	}
	start := s.i
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case c == '"':
			s.i++
			return s.data[start : s.i-1], nil
		case c == '\\':
			return s.escapedString(start)
		case c < 0x20:
			return nil, s.fail("control character in string")
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(s.data[s.i:])
			if r == utf8.RuneError && size == 1 {
				return nil, s.fail("invalid UTF-8")
			}
			s.i += size
		default:
			s.i++
		}
	}
	return nil, s.fail("unexpected end of input in string")
}

func (s *scanner) escapedString(start int) ([]byte, error) {
	b := append(s.buf[:0], s.data[start:s.i]...)
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case c == '"':
			s.i++
			s.buf = b
			return b, nil
		case c < 0x20:
			return nil, s.fail("control character in string")
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(s.data[s.i:])
			if r == utf8.RuneError && size == 1 {
				return nil, s.fail("invalid UTF-8")
			}
			b = append(b, s.data[s.i:s.i+size]...)
			s.i += size
		case c != '\\':
			b = append(b, c)
			s.i++
		default:
			if s.i+1 >= len(s.data) {
				return nil, s.fail("unexpected end of input in string")
			}
			e := s.data[s.i+1]
			s.i += 2
			switch e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, ok := s.hex4()
				if !ok {
					return nil, s.fail("bad \\u escape")
				}
				if r >= 0xD800 && r < 0xDC00 { // a high surrogate wants its pair
					if s.i+1 < len(s.data) && s.data[s.i] == '\\' && s.data[s.i+1] == 'u' {
						s.i += 2
						lo, ok := s.hex4()
						if !ok {
							return nil, s.fail("bad \\u escape")
						}
						if lo >= 0xDC00 && lo < 0xE000 {
							r = 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00)
						} else {
							b = utf8.AppendRune(b, utf8.RuneError)
							r = lo
						}
					} else {
						r = utf8.RuneError
					}
				} else if r >= 0xDC00 && r < 0xE000 {
					r = utf8.RuneError
				}
				b = utf8.AppendRune(b, r)
			default:
				return nil, s.fail(fmt.Sprintf("bad escape \\%c", e))
			}
		}
	}
	return nil, s.fail("unexpected end of input in string")
}

func (s *scanner) hex4() (rune, bool) {
	if s.i+4 > len(s.data) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(s.data[s.i:s.i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	s.i += 4
	return rune(v), true
}

// literal consumes true, false or null.
func (s *scanner) literal(word string) error {
	if len(s.data)-s.i < len(word) || string(s.data[s.i:s.i+len(word)]) != word {
		return s.fail("invalid literal")
	}
	s.i += len(word)
	return nil
}

// number consumes a JSON number.
func (s *scanner) number() error {
	start := s.i
	if s.i < len(s.data) && s.data[s.i] == '-' {
		s.i++
	}
	digits := func() int {
		n := 0
		for s.i < len(s.data) && s.data[s.i] >= '0' && s.data[s.i] <= '9' {
			s.i++
			n++
		}
		return n
	}
	if s.i < len(s.data) && s.data[s.i] == '0' {
		s.i++
	} else if digits() == 0 {
		s.i = start
		return s.fail("invalid value")
	}
	if s.i < len(s.data) && s.data[s.i] == '.' {
		s.i++
		if digits() == 0 {
			return s.fail("invalid number")
		}
	}
	if s.i < len(s.data) && (s.data[s.i] == 'e' || s.data[s.i] == 'E') {
		s.i++
		if s.i < len(s.data) && (s.data[s.i] == '+' || s.data[s.i] == '-') {
			s.i++
		}
		if digits() == 0 {
			return s.fail("invalid number")
		}
	}
	return nil
}

// skip consumes any JSON value, checking its syntax.
func (s *scanner) skip() error {
	switch c := s.peek(); c {
	case '{':
		return s.object(func([]byte) error { return s.skip() })
	case '[':
		return s.array(func(int) error { return s.skip() })
	case '"':
		_, err := s.rawString()
		return err
	case 't':
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	case 0:
		return s.fail("unexpected end of input")
	default:
		return s.number()
	}
}

// object walks an object, calling field for each key with the scanner at its
// value; field must consume the value. The key is valid only during the call.
func (s *scanner) object(field func(key []byte) error) error {
	return s.container('{', '}', func(int) error {
		if s.peek() != '"' {
			return s.fail("want a field name")
		}
		key, err := s.rawString()
		if err != nil {
			return err
		}
		if err := s.expect(':'); err != nil {
			return err
		}
		s.ws()
		return field(key)
	})
}

// array walks an array, calling elem with the scanner at each element.
func (s *scanner) array(elem func(i int) error) error {
	return s.container('[', ']', elem)
}

// container walks the members of an object or array between open and
// end, separated by commas, calling member for each; it bounds the
// nesting at maxDepth.
func (s *scanner) container(open, end byte, member func(i int) error) error {
	if err := s.expect(open); err != nil {
		return err
	}
	if s.depth++; s.depth > maxDepth {
		return s.fail("nesting too deep")
	}
	defer func() { s.depth-- }()
	if s.peek() == end {
		s.i++
		return nil
	}
	for n := 0; ; n++ {
		if err := member(n); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.i++
		case end:
			s.i++
			return nil
		case 0:
			return s.fail("unexpected end of input")
		default:
			return s.fail(fmt.Sprintf("want ',' or '%c'", end))
		}
	}
}

// kind names the JSON type of the next value, for type errors.
func (s *scanner) kind() string {
	switch s.peek() {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
