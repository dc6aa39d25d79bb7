// Package jsonwrite is the one JSON writer behind every encoder of the
// module: strings escaped as encoding/json escapes them (HTML-safe, invalid
// UTF-8 as U+FFFD), times in RFC 3339 UTC with fractional seconds when they
// are not zero, booleans. The encoders append to a caller's buffer and
// allocate nothing else.
package jsonwrite

import (
	"math/bits"
	"time"
	"unicode/utf8"
)

// Bool appends true or false.
func Bool(b []byte, v bool) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// Time appends t as a JSON string: RFC 3339 in UTC, with fractional seconds
// when they are not zero (time.RFC3339Nano), so reading it back is exact.
func Time(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

// Field appends ,"name":"value" with value escaped.
func Field(b []byte, name, value string) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return String(b, value)
}

const hexDigits = "0123456789abcdef"

// safeByte marks the bytes a JSON string holds as they are (see unsafe8).
var safeByte = func() (t [utf8.RuneSelf + 128]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// skipSafe returns the index of the first byte of s from i on that is not
// held as it is (see safeByte), or len(s): eight bytes at a time, then one
// by one.
func skipSafe[T ~string | ~[]byte](s T, i int) int {
	for ; i+8 <= len(s); i += 8 {
		v := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if m := unsafe8(v); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for i < len(s) && safeByte[s[i]] {
		i++
	}
	return i
}

// unsafe8 returns, for the eight bytes packed little-endian in v, a mask
// whose lowest set bit is the high bit of the first byte a JSON string does
// not hold as is (a control character, quote, backslash, <, >, & or a byte
// of 0x80 and above); 0 when there is none. (The zero-byte tests can also
// flag bytes above a true hit, never below one.)
func unsafe8(v uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zero := func(x uint64) uint64 { return (x - ones) & ^x & highs } // a zero byte
	below := (v - 0x20*ones) & ^v & highs                            // a byte below 0x20, for bytes below 0x80
	return zero(v^('"'*ones)) | zero(v^('\\'*ones)) | zero(v^('<'*ones)) | zero(v^('>'*ones)) | zero(v^('&'*ones)) |
		below | v&highs
}

// String appends s as a JSON string. Invalid UTF-8 becomes U+FFFD, and <, >
// and & are escaped as encoding/json does, so the output is safe to embed
// anywhere.
func String[T ~string | ~[]byte](b []byte, s T) []byte {
	return append(Escaped(append(b, '"'), s), '"')
}

// Escaped appends the escaping of s that String writes, without the quotes.
// It allocates nothing beyond growing b.
func Escaped[T ~string | ~[]byte](b []byte, s T) []byte {
	start := 0
	for i := 0; i < len(s); {
		i = skipSafe(s, i)
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := decodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(b, s[start:]...)
}

// decodeRune decodes the first rune of s; s holds at least one byte.
func decodeRune[T ~string | ~[]byte](s T) (rune, int) {
	var buf [utf8.UTFMax]byte
	return utf8.DecodeRune(buf[:copy(buf[:], s[:min(len(s), utf8.UTFMax)])])
}
