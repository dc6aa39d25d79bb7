// Package jsonread is the one strict JSON reader behind every decoder of the
// module: requests, policy documents, queue items and case histories. It walks
// a JSON text once, decoding exactly the values a decoder asks for and
// checking the syntax of everything it skips, and collects problems by JSON
// path so a decoder reports every one of them, never the offending value.
package jsonread

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// MaxDepth bounds the nesting of any JSON value the decoder walks, so a
// hostile line of ten thousand '[' is an error, not a deep recursion.
const MaxDepth = 64

// SyntaxError is input that is not JSON at all; it is reported on the field
// "" (docs/CONTRACT.md).
type SyntaxError struct {
	msg string
	at  int
}

// Error returns "not JSON: PROBLEM at byte N".
func (e *SyntaxError) Error() string { return fmt.Sprintf("not JSON: %s at byte %d", e.msg, e.at) }

// Scanner walks one JSON text. It decodes exactly what the request needs and
// validates everything else it skips, allocating only for the strings it
// returns.
type Scanner struct {
	data  []byte
	i     int
	depth int
	buf   []byte // scratch for strings with escapes
}

// NewScanner returns a Scanner over data.
func NewScanner(data []byte) Scanner { return Scanner{data: data} }

// Fail returns a *SyntaxError at the current offset.
func (s *Scanner) Fail(msg string) error { return &SyntaxError{msg, s.i} }

// WS skips white space.
func (s *Scanner) WS() {
	if s.i < len(s.data) && s.data[s.i] > ' ' {
		return // the common case, inlined: no space at all
	}
	s.ws()
}

func (s *Scanner) ws() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// Peek returns the next non-space byte, or 0 at the end.
func (s *Scanner) Peek() byte {
	if s.i < len(s.data) && s.data[s.i] > ' ' {
		return s.data[s.i] // the common case, inlined
	}
	s.ws()
	if s.i >= len(s.data) {
		return 0
	}
	return s.data[s.i]
}

// Expect consumes the byte c after white space, or fails.
func (s *Scanner) Expect(c byte) error {
	if s.Peek() != c {
		if s.i >= len(s.data) {
			return s.Fail("unexpected end of input")
		}
		return s.Fail(fmt.Sprintf("want %q", c))
	}
	s.i++
	return nil
}

// RawString reads a JSON string and returns its decoded bytes. The result
// aliases the input when the string has no escapes, else the scratch buffer:
// copy it before the next call. Invalid UTF-8 and raw control characters are
// syntax errors.
func (s *Scanner) RawString() ([]byte, error) {
	if err := s.Expect('"'); err != nil {
		return nil, err
	}
	start := s.i
	for {
		s.i = skipPlain(s.data, s.i)
		if s.i >= len(s.data) {
			break
		}
		c := s.data[s.i]
		switch {
		case c == '"':
			s.i++
			return s.data[start : s.i-1], nil
		case c == '\\':
			return s.escapedString(start)
		case c < 0x20:
			return nil, s.Fail("control character in string")
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(s.data[s.i:])
			if r == utf8.RuneError && size == 1 {
				return nil, s.Fail("invalid UTF-8")
			}
			s.i += size
		default:
			s.i++
		}
	}
	return nil, s.Fail("unexpected end of input in string")
}

// skipPlain returns the index of the first byte from i on that a string
// does not hold as it is (see plainByte), or len(data): eight bytes at a
// time, then one by one.
func skipPlain(data []byte, i int) int {
	for ; i+8 <= len(data); i += 8 {
		if m := special8(binary.LittleEndian.Uint64(data[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for i < len(data) && plainByte[data[i]] {
		i++
	}
	return i
}

// plainByte marks the bytes a string holds as they are: not a quote, a
// backslash, a control character or a byte of a multi-byte rune.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// special8 returns, for the eight bytes packed little-endian in v, a mask
// whose lowest set bit is the high bit of the first byte that is a quote, a
// backslash, a control character (below 0x20) or 0x80 and above; 0 when
// there is none. (The zero-byte tests can also flag bytes above a true hit,
// never below one.)
func special8(v uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zero := func(x uint64) uint64 { return (x - ones) & ^x & highs } // a zero byte
	below := (v - 0x20*ones) & ^v & highs                            // a byte below 0x20, for bytes below 0x80
	return zero(v^('"'*ones)) | zero(v^('\\'*ones)) | below | v&highs
}

func (s *Scanner) escapedString(start int) ([]byte, error) {
	b := append(s.buf[:0], s.data[start:s.i]...)
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case c == '"':
			s.i++
			s.buf = b
			return b, nil
		case c < 0x20:
			return nil, s.Fail("control character in string")
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(s.data[s.i:])
			if r == utf8.RuneError && size == 1 {
				return nil, s.Fail("invalid UTF-8")
			}
			b = append(b, s.data[s.i:s.i+size]...)
			s.i += size
		case c != '\\':
			b = append(b, c)
			s.i++
		default:
			if s.i+1 >= len(s.data) {
				return nil, s.Fail("unexpected end of input in string")
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
					return nil, s.Fail("bad \\u escape")
				}
				if r >= 0xD800 && r < 0xDC00 { // a high surrogate wants its pair
					if s.i+1 < len(s.data) && s.data[s.i] == '\\' && s.data[s.i+1] == 'u' {
						s.i += 2
						lo, ok := s.hex4()
						if !ok {
							return nil, s.Fail("bad \\u escape")
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
				return nil, s.Fail("bad escape")
			}
		}
	}
	return nil, s.Fail("unexpected end of input in string")
}

func (s *Scanner) hex4() (rune, bool) {
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

// Literal consumes true, false or null.
func (s *Scanner) Literal(word string) error {
	if len(s.data)-s.i < len(word) || string(s.data[s.i:s.i+len(word)]) != word {
		return s.Fail("invalid literal")
	}
	s.i += len(word)
	return nil
}

// Number consumes a JSON number.
func (s *Scanner) Number() error {
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
		return s.Fail("invalid value")
	}
	if s.i < len(s.data) && s.data[s.i] == '.' {
		s.i++
		if digits() == 0 {
			return s.Fail("invalid number")
		}
	}
	if s.i < len(s.data) && (s.data[s.i] == 'e' || s.data[s.i] == 'E') {
		s.i++
		if s.i < len(s.data) && (s.data[s.i] == '+' || s.data[s.i] == '-') {
			s.i++
		}
		if digits() == 0 {
			return s.Fail("invalid number")
		}
	}
	return nil
}

// Skip consumes any JSON value, checking its syntax.
func (s *Scanner) Skip() error {
	switch c := s.Peek(); c {
	case '{':
		return s.Object(func([]byte) error { return s.Skip() })
	case '[':
		return s.Array(func(int) error { return s.Skip() })
	case '"':
		_, err := s.RawString()
		return err
	case 't':
		return s.Literal("true")
	case 'f':
		return s.Literal("false")
	case 'n':
		return s.Literal("null")
	case 0:
		return s.Fail("unexpected end of input")
	default:
		return s.Number()
	}
}

// Object walks an object, calling field for each key with the Scanner at its
// value; field must consume the value. The key is valid only during the call.
func (s *Scanner) Object(field func(key []byte) error) error {
	return s.container('{', '}', func(int) error {
		if s.Peek() != '"' {
			return s.Fail("want a field name")
		}
		key, err := s.RawString()
		if err != nil {
			return err
		}
		if err := s.Expect(':'); err != nil {
			return err
		}
		s.WS()
		return field(key)
	})
}

// Array walks an array, calling elem with the Scanner at each element.
func (s *Scanner) Array(elem func(i int) error) error {
	return s.container('[', ']', elem)
}

// container walks the members of an object or array between open and
// end, separated by commas, calling member for each; it bounds the
// nesting at MaxDepth.
func (s *Scanner) container(open, end byte, member func(i int) error) error {
	if err := s.Expect(open); err != nil {
		return err
	}
	if s.depth++; s.depth > MaxDepth {
		return s.Fail("nesting too deep")
	}
	defer func() { s.depth-- }()
	if s.Peek() == end {
		s.i++
		return nil
	}
	for n := 0; ; n++ {
		if err := member(n); err != nil {
			return err
		}
		switch s.Peek() {
		case ',':
			s.i++
		case end:
			s.i++
			return nil
		case 0:
			return s.Fail("unexpected end of input")
		default:
			return s.Fail(fmt.Sprintf("want ',' or '%c'", end))
		}
	}
}

// Kind names the JSON type of the next value, for type errors.
func (s *Scanner) Kind() string {
	switch s.Peek() {
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

// End checks that nothing but white space follows the value.
func (s *Scanner) End() error {
	if s.Peek() != 0 {
		return s.Fail("data after the JSON value")
	}
	return nil
}
