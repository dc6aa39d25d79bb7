package fedramp

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// The scanner. It finds the leftmost match (then the longest) of any kind.
// Every match contains a trigger byte: a digit, '@', ':' or the first byte of
// a fullwidth digit (U+FF10-U+FF19). The scanner skips, eight bytes at a
// time, to the next trigger and tries the hand-written recognisers only at
// the few positions where a match containing that trigger may start: the
// four bytes before it (an IPv6 group such as "fe80:", a '(' or '+' before a
// digit) and, before an '@', where the e-mail address's local part may
// start. Every recogniser reads at most maxRead bytes from its start, and the
// decision at a position depends only on the lookbehind bytes before it and
// on where the previous match ended, so the result is the same whether the
// input is scanned whole or in chunks.
//
// Boundaries. A match may start at p only when p is 0, the previous match ended
// at p, or the byte before p is not a word byte [A-Za-z0-9_], '.' or '-' nor a
// fullwidth digit; the second address of a range 10.0.0.1-10.0.0.5 may also
// start right after the '-' at which the first ended.
// A match may end at q only when q is the end of input or the byte at q is not
// a word byte and not a '.' or '-' followed by a digit; an e-mail address may
// also end before '_' or '-' (log_jane@example.com_2024.txt), and the first
// address of a range before "-" and the second address. Every match ends in
// a letter or digit (or in "::" for IPv6, never before '['), so a value glued
// to surrounding text ("v2.1.31", "1.2.3.4.5", "ab555-123-4567") is not a
// match, and replacing a match by "[REDACTED:KIND]" never turns neighbouring
// text into one: the result is idempotent.
//
// Fullwidth digits and no-break spaces (U+00A0) are read as ASCII digits and
// spaces: where one occurs within reach of a start position, the recognisers
// run on a normalised copy of the text from there and the end is mapped back.
//
// Adjacent values. A '+' phone number and a grouped card number are runs of
// digit groups that could go on into the next value when only a space
// separates them ("+49 30 1234567 4111 1111 1111 1111"). A run therefore
// does not simply take its longest valid prefix: settle ends it at an
// earlier valid end when that lets the value starting at the next group be
// matched whole (and the text after it be covered further). A number with
// "+1" is North American and takes exactly the 3-3-4 form (nanpPlus). Where
// two readings cover the same text the values genuinely overlap, and the
// earlier start still wins, then the longer. A card never starts right
// after a number printed in groups of four (see inCardRun).

// maxRead bounds how far past a start position any recogniser reads in the
// normalised text, including the bytes of the end check. The longest single
// read is an e-mail address (a local part of 64 bytes, '@', a domain of 253
// and the end check: under 330 bytes); settle reads such matches starting up
// to chainWindow bytes after a run's start, and a phone's extension may read
// the address it would be the start of, so no read goes past 128 bytes plus
// a phone of about 60 bytes plus 330.
const maxRead = 1024

// lookahead is how many input bytes after a start position the scanner may
// need: a normalised byte stands for at most three input bytes.
const lookahead = 3 * maxRead

// lookbehind is how many bytes before a start position the scanner reads:
// the card-run check (see inCardRun) looks back over separators and groups
// of four digits this far, the other checks at most three bytes.
const lookbehind = 32

const (
	cDigit  = 1 << iota // 0-9
	cWord               // A-Z a-z 0-9 _
	cBlock              // word bytes, '.', '-': no match starts right after one
	cStart              // bytes a match can start with
	cLocal              // ASCII bytes of an e-mail local part: word bytes and . % + - '
	cDomain             // ASCII bytes of an e-mail domain label: A-Z a-z 0-9 -
	cV6                 // IPv6 text: hex digits, ':', '.'
	cTrig               // bytes every match contains one of: 0-9 : @ and 0xEF
)

// classes is a read-only table of byte classes.
var classes = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		digit := '0' <= b && b <= '9'
		alpha := 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
		hex := digit || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
		var v uint8
		if digit {
			v |= cDigit | cTrig
		}
		if hex {
			v |= cV6
		}
		if digit || alpha || b == '_' {
			v |= cWord | cBlock | cLocal | cStart
		}
		if digit || alpha || b == '-' {
			v |= cDomain
		}
		switch b {
		case '.', '-':
			v |= cBlock | cLocal | cStart
		case '%', '+':
			v |= cLocal | cStart
		case '\'':
			v |= cLocal
		case '(':
			v |= cStart
		case ':':
			v |= cStart | cV6 | cTrig
		case '@':
			v |= cTrig
		case 0xEF:
			v |= cTrig
		}
		if b == '.' {
			v |= cV6
		}
		if b >= utf8.RuneSelf {
			v |= cStart // a non-ASCII letter may start a local part
		}
		t[c] = v
	}
	return t
}()

func isDigit(c byte) bool { return c-'0' < 10 }

func isLetter(c byte) bool { return (c|0x20)-'a' < 26 }

// fullwidthAt reports whether b[i:] starts with a fullwidth digit
// (U+FF10-U+FF19, EF BC 90-99).
func fullwidthAt(b []byte, i int) bool {
	return i+2 < len(b) && b[i] == 0xEF && b[i+1] == 0xBC && b[i+2]-0x90 < 10
}

// nbspAt reports whether b[i:] starts with a no-break space (C2 A0).
func nbspAt(b []byte, i int) bool { return i+1 < len(b) && b[i] == 0xC2 && b[i+1] == 0xA0 }

// endOK reports whether a match may end at q in b (see the boundary rules).
func endOK(b []byte, q int) bool {
	if q >= len(b) {
		return true
	}
	c := b[q]
	if classes[c]&cWord != 0 {
		return false
	}
	return !((c == '.' || c == '-') && q+1 < len(b) && isDigit(b[q+1]))
}

const (
	lo7 = 0x7f7f7f7f7f7f7f7f
	hi1 = 0x8080808080808080
)

// trigger returns the index of the first trigger byte in b[i:end] (digits,
// ':', '@', and 0xEF, which starts a fullwidth digit), or end when there is
// none. It examines eight bytes at a time: '0'-':' is a range of bytes and
// '@' and 0xEF single values, each found in a word with a few additions and
// masks (the range checks on the low seven bits of each byte, ignoring bytes
// with the high bit set).
func trigger(b []byte, i, end int) int {
	for i+8 <= end {
		x := binary.LittleEndian.Uint64(b[i:])
		x7 := x & lo7
		ge30 := (x7 + 0x5050505050505050) & hi1        // low bits >= 0x30
		gt3a := (x7 + 0x4545454545454545) & hi1        // low bits >= 0x3b
		at := ^((x7 ^ 0x4040404040404040) + lo7) & hi1 // low bits == '@'
		z := x ^ 0xefefefefefefefef                    // zero where 0xEF
		ef := ^(((z & lo7) + lo7) | z) & hi1           // byte == 0xEF
		if m := (ge30&^gt3a|at)&^(x&hi1) | ef; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
		i += 8
	}
	for ; i < end; i++ {
		if classes[b[i]]&cTrig != 0 {
			return i
		}
	}
	return end
}

// scanner holds what next remembers between calls over one buffer: where
// the next '@', 0xEF and 0xC2 bytes and the next fullwidth digit or no-break
// space are (-1: not looked for yet), and the buffers of the normalised
// text. Its positions only grow: every query is at or after the one before.
type scanner struct {
	b                 []byte
	at                int
	runAt             int // the '@' whose local part may start at run
	run               int
	ef, c2            int
	sp                int
	norm              []byte  // normalised text of b[normFrom:normEnd]
	normIdx           []int32 // where each byte of norm is in b, and normEnd
	normFrom, normEnd int
	cur               int // index in norm of the last start position tried
}

func newScanner(b []byte) scanner { return scanner{b: b, at: -1, runAt: -1, ef: -1, c2: -1, sp: -1} }

// nextByte returns the index of the first c at or after i (len(b) if none),
// remembered in *cache.
func (s *scanner) nextByte(cache *int, i int, c byte) int {
	if *cache >= i {
		return *cache
	}
	if j := bytes.IndexByte(s.b[i:], c); j >= 0 {
		*cache = i + j
	} else {
		*cache = len(s.b)
	}
	return *cache
}

// nextAt returns the index of the first '@' at or after i (len(b) if none).
func (s *scanner) nextAt(i int) int {
	if s.at >= i {
		return s.at
	}
	return s.nextByte(&s.at, i, '@')
}

// nextSpecial returns the index of the first fullwidth digit or no-break
// space at or after i (len(b) if none).
func (s *scanner) nextSpecial(i int) int {
	if i <= s.sp {
		return s.sp
	}
	return s.findSpecial(i)
}

func (s *scanner) findSpecial(i int) int {
	for {
		k := min(s.nextByte(&s.ef, i, 0xEF), s.nextByte(&s.c2, i, 0xC2))
		if k >= len(s.b) || fullwidthAt(s.b, k) || nbspAt(s.b, k) {
			s.sp = k
			return k
		}
		i = k + 1
	}
}

// startOK reports whether a match may start at x (see the boundary rules).
func startOK(b []byte, x, lastEnd int) bool {
	if x == 0 || x == lastEnd {
		return true
	}
	c := b[x-1]
	if classes[c]&cBlock != 0 {
		// the second address of a range 10.0.0.1-10.0.0.5
		return x-1 == lastEnd && c == '-' && x >= 2 && isDigit(b[x-2]) && isDigit(b[x])
	}
	return !(c >= 0x90 && x >= 3 && fullwidthAt(b, x-3))
}

// next returns the leftmost-longest match starting in [p, limit) of b. lastEnd
// is the index in b where the previous match ended (or a negative number when
// it did not end inside b). ok is false when there is none.
func (s *scanner) next(p, limit, lastEnd int) (k Kind, start, end int, ok bool) {
	b := s.b
	from := p // positions before from have been tried
	for from < limit {
		t := trigger(b, from, len(b))
		if t >= len(b) {
			break
		}
		if b[t] == 0xEF && !fullwidthAt(b, t) {
			from = t + 1 // another character of the U+F000 block
			continue
		}
		lo := max(from, t-4)
		a := s.nextAt(t)
		if a-64 >= lo && classes[b[t]]&cDigit != 0 {
			// No address can start before t: a match containing the
			// digit at t starts at t, after the hex letters of an IPv6
			// group before it, or at a '(' or '+' before it.
			x := t
			for x > lo && classes[b[x-1]]&cV6 != 0 && b[x-1] > '9' {
				x--
			}
			if x > lo && (b[x-1] == '(' || b[x-1] == '+') {
				x--
			}
			lo = x
		}
		// Before an '@', the local part of an address may start further back.
		if a < len(b) && a-64 < lo {
			if s.runAt != a {
				r := a
				for r > 0 && a-r <= 64 && (classes[b[r-1]]&cLocal != 0 || b[r-1] >= utf8.RuneSelf) {
					r--
				}
				s.runAt, s.run = a, r
			}
			for x := max(s.run, a-64, from); x < lo && x < limit; x++ {
				if b[x] != '\'' && startOK(b, x, lastEnd) {
					if k, e := s.matchAt(x, lastEnd); e > x {
						return k, x, e, true
					}
				}
			}
		}
		for x := lo; x <= t && x < limit; x++ {
			if classes[b[x]]&cStart != 0 && startOK(b, x, lastEnd) {
				if k, e := s.matchAt(x, lastEnd); e > x {
					return k, x, e, true
				}
			}
		}
		from = t + 1
		// No match starts right after a word byte, '.' or '-' (but the
		// previous match's end, before from): skip the rest of the run.
		if classes[b[t]]&cBlock != 0 {
			for from < len(b) && classes[b[from]]&cBlock != 0 {
				from++
			}
		}
	}
	return 0, 0, 0, false
}

// matchAt returns the longest match of any kind starting at x, as its kind
// and end; end is 0 when there is none. On equal lengths the earlier kind in
// the order IP, SSN, PHONE, CARD, EMAIL wins (no two recognisers accept the
// same text in practice). Where a fullwidth digit or a no-break space is
// within reach, the recognisers read a normalised copy.
func (s *scanner) matchAt(x, lastEnd int) (Kind, int) {
	b := s.b
	cardOK := x < 2 || !(isDigit(b[x-2]) || b[x-1] >= utf8.RuneSelf || b[x-2] >= utf8.RuneSelf) || !inCardRun(b, x, lastEnd)
	at := s.nextAt(x) - x
	if sp := s.nextSpecial(x); sp >= len(b) || sp >= x+lookahead {
		return match(b, x, true, cardOK, at)
	}
	if s.norm == nil || x < s.normFrom || x >= s.normEnd || s.normEnd < len(b) && s.normEnd-x < lookahead {
		s.normalise(x)
	}
	for s.normIdx[s.cur] < int32(x) {
		s.cur++
	}
	if s.normIdx[s.cur] != int32(x) {
		return 0, 0 // inside a fullwidth digit or a no-break space
	}
	k, e := match(s.norm[s.cur:], 0, true, cardOK, at)
	if e == 0 {
		return 0, 0
	}
	return k, int(s.normIdx[s.cur+e])
}

// normalise fills the scanner's normalised window with b[x:] up to twice
// lookahead bytes, fullwidth digits read as ASCII digits and no-break
// spaces as spaces, remembering where each of its bytes is in b. The
// window serves every later start position that has lookahead bytes of it
// after it.
func (s *scanner) normalise(x int) {
	b := s.b
	end := min(len(b), x+2*lookahead)
	n, idx := s.norm[:0], s.normIdx[:0]
	for i := x; i < end; {
		switch {
		case fullwidthAt(b, i):
			n, idx = append(n, '0'+b[i+2]-0x90), append(idx, int32(i))
			i += 3
		case nbspAt(b, i):
			n, idx = append(n, ' '), append(idx, int32(i))
			i += 2
		default:
			n, idx = append(n, b[i]), append(idx, int32(i))
			i++
		}
	}
	s.norm, s.normIdx = n, append(idx, int32(end))
	s.normFrom, s.normEnd, s.cur = x, end, 0
}

// inCardRun reports whether x comes right after a number printed in groups
// of four: a separator (space, hyphen or no-break space), then two or more
// groups of exactly four digits joined by that separator, the first of
// which starts the number (it follows the start of the text or a byte other
// than a word byte, '.', '/', ':', ',', '+' or a separator after a digit),
// none of it in the previous match (which ended at lastEnd). A card starting
// there would be a window of a longer number, such as the last 14 digits of
// the tracking number 9400 1000 0000 0000 0000 00, which pass the Luhn check.
// A card after a date (07/05/2024 4111 1111 1111 1111), after shorter
// groups (+44 20 7946 0958 4111111111111111) or written with another
// separator is not in a run.
func inCardRun(b []byte, x, lastEnd int) bool {
	lo := max(x-lookbehind, 0, lastEnd)
	i := sepBefore(b, x, lo)
	if i < 0 {
		return false
	}
	hyphen := b[i] == '-'
	// A card written with another separator is not part of the run.
	k := x
	for g := 0; g < 4 && k < len(b); g++ {
		if fullwidthAt(b, k) {
			k += 3
		} else {
			k++
		}
	}
	if k < len(b) {
		if c := b[k]; (c == '-' || c == ' ' || c == 0xC2) && (c == '-') != hyphen {
			return false
		}
	}
	groups := 0
	for {
		j := digitsBefore(b, i, lo)
		if j < 0 {
			return false
		}
		groups++
		h := sepBefore(b, j, lo)
		if h >= 0 && (b[h] == '-') == hyphen && digitBefore(b, h, lo) >= 0 {
			i = h // the run goes on
			continue
		}
		if groups < 2 {
			return false
		}
		// Decide alike whole and streamed: a Redactor holds lookbehind
		// bytes before x, and its buffer's first byte is not the input's.
		if j <= x-lookbehind {
			return false // the run may go back further than the lookbehind
		}
		if j == 0 || j == lastEnd {
			return true
		}
		if h >= 0 {
			return digitBefore(b, h, lo) < 0
		}
		c := b[j-1]
		return classes[c]&cWord == 0 && c != '.' && c != '/' && c != ':' && c != ',' && c != '+'
	}
}

// digitsBefore returns where the exactly four digits (ASCII or fullwidth)
// that end at i start, or -1.
func digitsBefore(b []byte, i, lo int) int {
	for g := 0; g < 4; g++ {
		if i = digitBefore(b, i, lo); i < 0 {
			return -1
		}
	}
	if digitBefore(b, i, lo) >= 0 {
		return -1
	}
	return i
}

func sepBefore(b []byte, i, lo int) int {
	if i-1 >= lo && (b[i-1] == ' ' || b[i-1] == '-') {
		return i - 1
	}
	if i-2 >= lo && nbspAt(b, i-2) {
		return i - 2
	}
	return -1
}

func digitBefore(b []byte, i, lo int) int {
	if i-1 >= lo && isDigit(b[i-1]) {
		return i - 1
	}
	if i-3 >= lo && fullwidthAt(b, i-3) {
		return i - 3
	}
	return -1
}

// plainEnd is the end of the longest match at p (0 when there is none, or
// when p is past the input) with runs taking their longest valid prefix,
// unsettled: settle uses it to look at the value after a run without
// recursing.
func plainEnd(b []byte, p int) int {
	if p >= len(b) || classes[b[p]]&cStart == 0 {
		return 0
	}
	at := bytes.IndexByte(b[p:min(len(b), p+66)], '@')
	if at < 0 {
		at = 66
	}
	_, e := match(b, p, false, true, at)
	return e
}

// match is the longest match at p in normalised text; settled tells whether
// runs are settled against the value after them (see settle) or take their
// longest valid prefix; cardOK whether a card may start at p; at is how far
// the next '@' is from p at least (an e-mail address is tried only when it
// is within 64 bytes). It tries only the recognisers that the first group
// of digits at p, and the byte after it, allow.
func match(b []byte, p int, settled, cardOK bool, at int) (Kind, int) {
	n := len(b)
	c := b[p]
	var best int
	var kind Kind
	if isDigit(c) {
		d := p + 1
		for d < n && d-p < 20 && isDigit(b[d]) {
			d++
		}
		var c2 byte
		if d < n {
			c2 = b[d]
		}
		d -= p
		if d <= 3 && c2 == '.' {
			if e := ipv4(b, p); e > best {
				best, kind = e, IP
			}
		}
		if d == 3 && (c2 == '-' || c2 == ' ') {
			if e := ssn(b, p); e > best {
				best, kind = e, SSN
			}
		}
		if (d == 3 || d == 1 && c == '1') && isPhoneSep(c2) {
			if e := nanp(b, p); e > best {
				best, kind = e, Phone
			}
		}
		if c == '0' && d >= 3 && b[p+1] == '0' {
			if e := intlPhone(b, p, settled); e > best {
				best, kind = e, Phone
			}
		}
		if cardOK && (d == 4 && (c2 == ' ' || c2 == '-') || d >= 13 && d <= 19) {
			if e := card(b, p, settled); e > best {
				best, kind = e, Card
			}
		}
	}
	switch c {
	case '+':
		if e := intlPhone(b, p, settled); e > best {
			best, kind = e, Phone
		}
	case '(':
		if e := nanp(b, p); e > best {
			best, kind = e, Phone
		}
	}
	if classes[c]&cV6 != 0 && c != '.' && v6Start(b, p) {
		if e := ipv6(b, p); e > best {
			best, kind = e, IP
		}
	}
	if at <= 64 && (classes[c]&cLocal != 0 || c >= utf8.RuneSelf) {
		if e := email(b, p); e > best {
			best, kind = e, Email
		}
	}
	return kind, best
}

// v6Start reports whether an IPv6 address may start at p: "::" or a group
// of one to four hex digits and ':'.
func v6Start(b []byte, p int) bool {
	i := p
	for i < len(b) && i-p < 5 && classes[b[i]]&cV6 != 0 && b[i] != ':' && b[i] != '.' {
		i++
	}
	if i-p > 4 || i >= len(b) || b[i] != ':' {
		return false
	}
	return i > p || i+1 < len(b) && b[i+1] == ':'
}

// digitsN reports whether b[i:i+n] are n digits followed by a non-digit (or
// the end).
func digitsN(b []byte, i, n int) bool {
	if i+n > len(b) {
		return false
	}
	for j := i; j < i+n; j++ {
		if !isDigit(b[j]) {
			return false
		}
	}
	return i+n == len(b) || !isDigit(b[i+n])
}

// quad returns the end of the dotted quad at p, or 0: four decimal octets
// 0-255, either all without leading zeros or all written with three digits
// (010.001.002.003).
func quad(b []byte, p int) int {
	i := p
	zeros, padded := false, true
	for part := 0; part < 4; part++ {
		if part > 0 {
			if i >= len(b) || b[i] != '.' {
				return 0
			}
			i++
		}
		j, v := i, 0
		for j < len(b) && j-i < 4 && isDigit(b[j]) {
			v = v*10 + int(b[j]-'0')
			j++
		}
		d := j - i
		if d == 0 || d > 3 || v > 255 {
			return 0
		}
		zeros = zeros || d > 1 && b[i] == '0'
		padded = padded && d == 3
		i = j
	}
	if zeros && !padded {
		return 0
	}
	return i
}

// ipv4 recognises a dotted quad ("1.2.3.4" is an address, so a four-part
// version string is one too; 010.001.002.003 is one with leading zeros). An
// address followed by '-' and another address that may end where it does is
// the first of a range (10.0.0.1-10.0.0.5): it ends before the '-', and the
// second is the next match.
func ipv4(b []byte, p int) int {
	i := quad(b, p)
	if i == 0 {
		return 0
	}
	if endOK(b, i) {
		return i
	}
	if b[i] == '-' {
		if j := quad(b, i+1); j > 0 && endOK(b, j) {
			return i
		}
	}
	return 0
}

// ssn recognises ddd-dd-dddd or ddd dd dddd (one separator throughout) with a
// valid area (not 000, 666 or 900-999), group (not 00) and serial (not 0000).
func ssn(b []byte, p int) int {
	if !digitsN(b, p, 3) || p+11 > len(b) {
		return 0
	}
	s := b[p+3]
	if s != '-' && s != ' ' || !digitsN(b, p+4, 2) || b[p+6] != s || !digitsN(b, p+7, 4) {
		return 0
	}
	area := string(b[p : p+3])
	if area == "000" || area == "666" || b[p] == '9' {
		return 0
	}
	if b[p+4] == '0' && b[p+5] == '0' {
		return 0
	}
	if b[p+7] == '0' && b[p+8] == '0' && b[p+9] == '0' && b[p+10] == '0' {
		return 0
	}
	if !endOK(b, p+11) {
		return 0
	}
	return p + 11
}

func isPhoneSep(c byte) bool { return c == '-' || c == '.' || c == ' ' }

// phoneEnd returns where a telephone number whose digits end at i ends: after
// an extension that follows it (x89, ext12, ext. 12, extension 12, each
// optionally after a space), else at i if a match may end there, else 0.
func phoneEnd(b []byte, i int) int {
	if e := extension(b, i); e > 0 {
		return e
	}
	if endOK(b, i) {
		return i
	}
	return 0
}

// extension returns the end of a telephone extension written right after a
// number ending at i, or 0: an optional space, "x", "ext", "ext." or
// "extension" (any case), an optional space and 1 to 6 digits.
func extension(b []byte, i int) int {
	n := len(b)
	k := i
	if k < n && b[k] == ' ' {
		k++
	}
	word := k
	switch {
	case hasPrefixFold(b[k:], "extension"):
		k += 9
	case hasPrefixFold(b[k:], "ext"):
		k += 3
		if k < n && b[k] == '.' {
			k++
		}
	case k < n && (b[k] == 'x' || b[k] == 'X'):
		k++
	default:
		return 0
	}
	if k < n && b[k] == ' ' {
		k++
	}
	d := k
	for k < n && k-d <= 6 && isDigit(b[k]) {
		k++
	}
	if k == d || k-d > 6 || !endOK(b, k) || k < n && (b[k] == '@' || classes[b[k]]&cLocal != 0) && email(b, word) > 0 {
		return 0 // not an extension, or the start of an address (x12@example.com)
	}
	return k
}

func hasPrefixFold(b []byte, prefix string) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if b[i]|0x20 != prefix[i] {
			return false
		}
	}
	return true
}

// nanp recognises a North American number without a leading '+':
// (555) 123-4567, (555)123-4567, (555)-123-4567, 555-123-4567, 555.123.4567,
// 555 123 4567, optionally after a trunk prefix "1-", "1." or "1 "
// (1-800-555-1234), and an extension. Ten digits without separators are not
// recognised: they cannot be told from case and order numbers. Numbers with
// '+' or "00" are recognised by intlPhone.
func nanp(b []byte, p int) int {
	best := nanpCore(b, p)
	if b[p] == '1' && p+1 < len(b) && isPhoneSep(b[p+1]) && p+2 < len(b) {
		if e := nanpCore(b, p+2); e > best {
			best = e
		}
	}
	return best
}

func nanpCore(b []byte, i int) int {
	n := len(b)
	if i < n && b[i] == '(' {
		if !digitsN(b, i+1, 3) || i+4 >= n || b[i+4] != ')' {
			return 0
		}
		i += 5
		if i < n && (b[i] == ' ' || b[i] == '-') {
			i++
		}
		if !digitsN(b, i, 3) {
			return 0
		}
		i += 3
		if i < n && isPhoneSep(b[i]) {
			i++
		}
	} else {
		if !digitsN(b, i, 3) || i+3 >= n {
			return 0
		}
		s := b[i+3]
		if !isPhoneSep(s) || !digitsN(b, i+4, 3) || i+7 >= n || b[i+7] != s {
			return 0
		}
		i += 8
	}
	if !digitsN(b, i, 4) {
		return 0
	}
	return phoneEnd(b, i+4)
}

// nanpPlus recognises "+1" (or "001") followed by exactly a North American
// number: +15551234567, or +1 then an optional separator and (555) or 555,
// the exchange and the line, each part after the first separated by a single
// space, hyphen or dot (+1 555 123 4567, +1-555-123-4567, +1 (555) 123-4567,
// +1(555)123-4567), and an extension. Country code 1 is the North American
// plan, so nothing after the line belongs to the number: "+1 555 123 4567
// 2024" ends before the year. After "001" a separator is required. It
// returns 0 when the text after "+1" has another form.
func nanpPlus(b []byte, p, i int) int {
	n := len(b)
	if b[p] == '+' && digitsN(b, i, 10) {
		return phoneEnd(b, i+10)
	}
	sep := i < n && isPhoneSep(b[i])
	if sep {
		i++
	} else if b[p] != '+' {
		return 0
	}
	if i < n && b[i] == '(' {
		if !digitsN(b, i+1, 3) || i+4 >= n || b[i+4] != ')' {
			return 0
		}
		i += 5
		if i < n && (b[i] == ' ' || b[i] == '-') {
			i++
		}
	} else {
		if !sep || !digitsN(b, i, 3) || i+3 >= n || !isPhoneSep(b[i+3]) {
			return 0
		}
		i += 4
	}
	if !digitsN(b, i, 3) || i+3 >= n || !isPhoneSep(b[i+3]) || !digitsN(b, i+4, 4) {
		return 0
	}
	return phoneEnd(b, i+8)
}

// intlPhone recognises '+', or the international prefix "00", followed by 8
// to 15 digits in groups separated by single spaces or hyphens (or single
// dots throughout), where a group may be parenthesised: +44 20 7946 0958,
// +49 30 1234567, +44 (0)20 7946 0958, +4930123456, 0044 20 7946 0958.
// After "00" the groups are separated by single spaces, the country code is
// a real one of two or three digits (see countryCode; 001 takes only the
// North American form), and at
// least 8 digits follow it, so that SSNs and case numbers starting with 00
// are not read as numbers dialled abroad. A number with "+1" in the North American form is taken by
// nanpPlus, exactly; other text after '+' (and "+1" text in another form)
// ends at one of the prefixes that may end where they do: the longest, or
// when settled an earlier one that lets the value after it be matched whole
// (see settle). An extension may follow the last group.
func intlPhone(b []byte, p int, settled bool) int {
	d := p + 1 // where the country code starts
	if b[p] == '0' {
		if p+2 >= len(b) || b[p+1] != '0' || b[p+2] == '0' || !isDigit(b[p+2]) {
			return 0
		}
		d = p + 2
	}
	if d < len(b) && b[d] == '1' {
		if e := nanpPlus(b, p, d+1); e > 0 || d == p+2 {
			return e
		}
	}
	var buf [16]int
	ends := intlEnds(b, d, buf[:0])
	if !settled {
		return last(ends)
	}
	return settle(b, p, ends)
}

// intlEnds appends to ends, in increasing order, every position where the
// international number whose country code starts at i may end. After "00"
// (b[i-1] == '0') see intlPhone.
func intlEnds(b []byte, i int, ends []int) []int {
	n := len(b)
	zeros := b[i-1] == '0'
	digits, cc := 0, 0
	dots := 0 // 0 undecided, 1 dots only, 2 spaces and hyphens only
	paren := false
	for group := 0; ; group++ {
		var j, d int
		if i < n && b[i] == '(' && group > 0 {
			j = i + 1
			for j < n && j-i <= 5 && isDigit(b[j]) {
				j++
			}
			d = j - i - 1
			if d == 0 || d > 4 || j >= n || b[j] != ')' {
				break
			}
			j++
			paren = true
		} else {
			j = i
			for j < n && j-i <= 15 && isDigit(b[j]) {
				j++
			}
			d = j - i
			if d == 0 {
				break
			}
			paren = false
		}
		if group == 0 && zeros && (j >= n || b[j] != ' ' || !countryCode(b[i:j])) {
			return ends
		}
		if group == 0 {
			cc = d
		}
		digits += d
		if digits > 15 {
			break
		}
		i = j
		if digits >= 8 && !paren && (!zeros || digits-cc >= 8) {
			if e := phoneEnd(b, i); e > i {
				return append(ends, e)
			} else if e == i {
				ends = append(ends, i)
			}
		}
		if i >= n {
			break
		}
		switch c := b[i]; {
		case zeros && c != ' ' && c != '(' && !paren:
			return ends
		case c == '.':
			if dots == 2 {
				return ends
			}
			dots = 1
			i++
		case c == ' ' || c == '-':
			if dots == 1 {
				return ends
			}
			dots = 2
			i++
		case c == '(' || paren:
			// a parenthesised group needs no separator
		default:
			return ends
		}
	}
	return ends
}

// countryCode reports whether cc is an ITU-T E.164 country code of two or
// three digits (1 and 7, the one-digit codes, are left out: 001 is read as
// North American by nanpPlus, and 007 could be an SSN's area). Two-digit
// codes are listed; a three-digit code starts with one of the prefixes
// that no two-digit code uses.
func countryCode(cc []byte) bool {
	const two = "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98"
	const three = "21 22 23 24 25 26 29 35 37 38 42 50 59 67 68 69 85 87 88 96 97 99"
	if len(cc) < 2 || len(cc) > 3 {
		return false
	}
	list := two
	if len(cc) == 3 {
		list = three
	}
	for i := 0; i+2 <= len(list); i += 3 {
		if list[i] == cc[0] && list[i+1] == cc[1] {
			return true
		}
	}
	return false
}

func last(ends []int) int {
	if len(ends) == 0 {
		return 0
	}
	return ends[len(ends)-1]
}

// settle picks where a run (a '+' number or a grouped card number) starting
// at p ends, given the positions where it may end in increasing order (none:
// no match). It takes the longest, L, unless, at an earlier end e followed by
// a space, a value starts that goes past L (ending at L would cut it) and the
// values that follow each other one space apart from there cover the text
// further than those following L do: then the run ends at e. So
// "+49 30 1234567 4111 1111 1111 1111" is a phone and a card, not a phone
// with the card's first group and 12 digits left over; but in
// "+44 12 3456 1004 4111 1111 1111 1111" the phone keeps 1004 even if
// "1004 4111 1111 1111" passed Luhn, since only then is the last card whole.
// When both readings cover the same text the values genuinely overlap, and
// the run keeps its longer form (the earlier start wins, then the longer).
// The values after the run are looked at unsettled (plainEnd), starting
// before p+chainWindow, so settle reads a bounded distance and does not
// recurse.
func settle(b []byte, p int, ends []int) int {
	if len(ends) == 0 {
		return 0
	}
	l := ends[len(ends)-1]
	limit := p + chainWindow
	rl := -1 // how far the text is covered when the run ends at l
	for _, e := range ends[:len(ends)-1] {
		if b[e] != ' ' {
			continue
		}
		m := plainEnd(b, e+1)
		if m <= l {
			continue
		}
		if rl < 0 {
			rl = reach(b, l, limit)
		}
		if reach(b, m, limit) > rl {
			return e
		}
	}
	return l
}

// chainWindow bounds where settle looks for values after a run: they start
// before the run's start plus chainWindow.
const chainWindow = 128

// reach returns where the values following a value that ends at end, each
// one space after the one before and starting before limit, stop covering
// the text (unsettled, see plainEnd).
func reach(b []byte, end, limit int) int {
	for end+1 < limit && end+1 < len(b) && b[end] == ' ' {
		e := plainEnd(b, end+1)
		if e == 0 {
			break
		}
		end = e
	}
	return end
}

// card recognises 13 to 19 digits that pass the Luhn check, written plain
// (4111111111111111) or in groups separated by single spaces, hyphens or
// no-break spaces (4111 1111 1111 1111, 3782-822463-10005,
// 4111 1111 1111 1111 111), mixed where the group after a change of
// separator has at least four digits (4111 1111-1111 1111): a first group of 4 digits,
// as card issuers print them, then groups of 1 to 6, and a group shorter
// than the one before it is the last (4-4-4-4-3, 4-6-5, 4-4-4-1 as printed).
// So two case numbers side by side ("00000101 11121215") are not a card even
// when their digits pass Luhn, and a card ending in a short group does not
// run into the next one ("4000 0000 0000 6 3715 0000 0000 0000 0" is two
// cards).
//
// A card written in groups is a run: when settled, it ends where settle
// says, so "4111 1111 1111 0527 555 123 4567" is a card and a phone even
// though "4111 1111 1111 0527 555" passes Luhn.
func card(b []byte, p int, settled bool) int {
	var buf [20]int
	ends := cardEnds(b, p, buf[:0])
	if !settled {
		return last(ends)
	}
	return settle(b, p, ends)
}

// cardEnds appends to ends, in increasing order, every position where the
// card number starting at p may end.
func cardEnds(b []byte, p int, ends []int) []int {
	n := len(b)
	i, total, groups, prev := p, 0, 0, 0
	var sep byte
	for {
		j := i
		for j < n && j-i <= 19 && isDigit(b[j]) {
			j++
		}
		g := j - i
		if g == 0 {
			break
		}
		if groups == 0 {
			if g > 19 {
				return ends
			}
		} else if g > 6 {
			break
		}
		total += g
		if total > 19 {
			break
		}
		groups++
		i = j
		if total >= 13 && luhn(b[p:i]) && endOK(b, i) {
			ends = append(ends, i)
		}
		short := g < prev
		prev = g
		if groups == 1 && g != 4 || short || i+1 >= n {
			break
		}
		if c := b[i]; (c == ' ' || c == '-') && isDigit(b[i+1]) && (sep == 0 || sep == c || fourDigits(b, i+1)) {
			sep = c
			i++
			continue
		}
		break
	}
	return ends
}

// fourDigits reports whether b[i:] starts with at least four digits.
func fourDigits(b []byte, i int) bool {
	return i+4 <= len(b) && isDigit(b[i]) && isDigit(b[i+1]) && isDigit(b[i+2]) && isDigit(b[i+3])
}

// luhn reports whether the digits of s (other bytes are skipped) pass the
// Luhn check.
func luhn(s []byte) bool {
	sum, double := 0, false
	for i := len(s) - 1; i >= 0; i-- {
		c := s[i]
		if !isDigit(c) {
			continue
		}
		d := int(c - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// maxV6 is the length of the longest IPv6 text without a zone:
// ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255.
const maxV6 = 45

// ipv6 recognises an IPv6 address (compressed forms and an IPv4 tail
// included, no zone), validated as net/netip does. Text ending in "::" is
// recognised when it has a decimal digit and a hex letter and is followed by
// neither ':' nor '[' (fe80::, 2001:db8::); "::" alone names no host, and
// 12:00:00:: or 0958:: are more likely times and numbers. The
// longest prefix of the run of hex digits, ':' and '.' that may end where it
// does and is valid is the match.
func ipv6(b []byte, p int) int {
	n := len(b)
	if b[p] == ':' && (p+1 >= n || b[p+1] != ':') {
		return 0
	}
	// The run ends where no valid address can go on: at a ninth colon or
	// a second "::".
	j, colons, doubles := p, 0, 0
	for j < n && j-p <= maxV6 && classes[b[j]]&cV6 != 0 {
		if b[j] == ':' {
			if colons++; colons > 8 {
				break
			}
			if j > p && b[j-1] == ':' {
				if doubles++; doubles > 1 {
					break
				}
			}
		}
		j++
	}
	if colons < 2 || colons < 6 && doubles == 0 {
		return 0
	}
	for q := j; q >= p+3; q-- {
		if q-p > maxV6 {
			continue
		}
		if q < j {
			if c := b[q]; c != ':' && !(c == '.' && !(q+1 < n && isDigit(b[q+1]))) {
				continue
			}
		} else if !endOK(b, q) {
			continue
		}
		if b[q-1] == ':' {
			if b[q-2] != ':' || q < n && (b[q] == ':' || b[q] == '[') || !digitAndLetter(b[p:q]) {
				continue
			}
		}
		if plausibleV6(b[p:q]) && validV6(b[p:q]) {
			return q
		}
	}
	return 0
}

// digitAndLetter reports whether s has a decimal digit and a hex letter.
func digitAndLetter(s []byte) bool {
	digit, letter := false, false
	for _, c := range s {
		digit = digit || isDigit(c)
		letter = letter || c|0x20 >= 'a' && c|0x20 <= 'f'
	}
	return digit && letter
}

// plausibleV6 is a cheap filter before validV6: at least one hex digit, and
// either "::" or exactly 7 colons (6 with an IPv4 tail), so clock times like
// 12:00:00 are dismissed at once.
func plausibleV6(s []byte) bool {
	colons, double, hex, dot := 0, false, false, false
	for i, c := range s {
		switch {
		case c == ':':
			colons++
			if i > 0 && s[i-1] == ':' {
				double = true
			}
		case c == '.':
			dot = true
		default:
			hex = true
		}
	}
	if !hex {
		return false
	}
	if double {
		return colons <= 8
	}
	return colons == 7 || dot && colons == 6
}

// validV6 reports whether s (hex digits, ':' and '.') is an IPv6 address as
// net/netip.ParseAddr reads it: groups of 1 to 4 hex digits, at most one
// "::" standing for at least one group, eight groups in all, the last two
// of which may be written as an IPv4 address without leading zeros.
func validV6(s []byte) bool {
	if len(s) > 0 && s[0] == '.' {
		return false
	}
	groups, ellipsis := 0, -1
	if len(s) >= 2 && s[0] == ':' && s[1] == ':' {
		ellipsis = 0
		s = s[2:]
		if len(s) == 0 {
			return true
		}
	}
	for groups < 8 {
		off := 0
		for off < len(s) && classes[s[off]]&cV6 != 0 && s[off] != ':' && s[off] != '.' {
			if off > 3 {
				return false
			}
			off++
		}
		if off == 0 {
			return false
		}
		if off < len(s) && s[off] == '.' {
			if ellipsis < 0 && groups != 6 || groups+2 > 8 {
				return false
			}
			if !v4Strict(s) {
				return false
			}
			groups += 2
			s = s[:0]
			break
		}
		groups++
		s = s[off:]
		if len(s) == 0 {
			break
		}
		if s[0] != ':' || len(s) == 1 {
			return false
		}
		s = s[1:]
		if s[0] == ':' {
			if ellipsis >= 0 {
				return false
			}
			ellipsis = groups
			s = s[1:]
			if len(s) == 0 {
				break
			}
		}
	}
	if len(s) != 0 {
		return false
	}
	if groups < 8 {
		return ellipsis >= 0
	}
	return ellipsis < 0
}

// v4Strict reports whether s is a dotted quad without leading zeros.
func v4Strict(s []byte) bool {
	val, digits, parts := 0, 0, 0
	for i, c := range s {
		switch {
		case isDigit(c):
			if digits == 1 && val == 0 {
				return false
			}
			val = val*10 + int(c-'0')
			digits++
			if val > 255 {
				return false
			}
		case c == '.':
			if i == 0 || i == len(s)-1 || s[i-1] == '.' || parts == 3 {
				return false
			}
			parts++
			val, digits = 0, 0
		default:
			return false
		}
	}
	return parts == 3
}

// email recognises local@domain: a local part of 1 to 64 bytes of letters
// (any script), digits and . _ % + -, and ' between two ASCII letters
// (o'brien), then a domain
// of at least two labels of letters (any script), digits and hyphens (not at
// either end of a label) joined by dots, whose last label is at least two
// letters. The longest domain that may end where it does is taken (so a
// sentence's final dot is left alone); an address may end before '_' or '-'
// (jane@example.com_2024.txt, jane@example.com-backup).
func email(b []byte, p int) int {
	n := len(b)
	if b[p] == '\'' {
		return 0
	}
	i := p
	for i < n && i-p <= 64 {
		if c := b[i]; c < utf8.RuneSelf {
			if classes[c]&cLocal == 0 || c == '\'' && !(i > p && isLetter(b[i-1]) && i+1 < n && isLetter(b[i+1])) {
				break
			}
			i++
		} else if r, w := utf8.DecodeRune(b[i:]); alnumRune(r) {
			i += w
		} else {
			break
		}
	}
	if i == p || i-p > 64 || i >= n || b[i] != '@' {
		return 0
	}
	d := i + 1
	j, best := d, 0
	for labels := 1; ; labels++ {
		k := j
		letters := 0   // bytes of the label's leading letters
		allLet := true // the label is letters only so far
		for k < n && k-d <= 253 {
			c := b[k]
			if c < utf8.RuneSelf {
				if classes[c]&cDomain == 0 {
					break
				}
				k++
				if allLet && classes[c]&cWord != 0 && !isDigit(c) {
					letters = k - j
				} else {
					allLet = false
				}
				continue
			}
			r, w := utf8.DecodeRune(b[k:])
			if !alnumRune(r) {
				break
			}
			k += w
			if allLet && !unicode.IsDigit(r) {
				letters = k - j
			} else {
				allLet = false
			}
		}
		l := k - j
		if labels >= 2 && !allLet && letters >= 2 && b[j+letters] == '-' {
			best = j + letters // an address glued to "-text"
		}
		if l == 0 || l > 63 || k-d > 253 || b[j] == '-' || b[k-1] == '-' {
			break
		}
		if labels >= 2 && l >= 2 && allLet && emailEndOK(b, k) {
			best = k
		}
		if k+1 < n && b[k] == '.' {
			j = k + 1
			continue
		}
		break
	}
	return best
}

// emailEndOK is endOK, except that an address may end before '_' and before
// '-' followed by a digit.
func emailEndOK(b []byte, q int) bool {
	if q < len(b) && (b[q] == '_' || b[q] == '-') {
		return true
	}
	return endOK(b, q)
}

func alnumRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}
