package fedramp

import "net/netip"

// The scanner. It finds the leftmost match (then the longest) of any kind by
// trying, at each position where a match may start, a small hand-written
// recogniser per kind. Every recogniser reads at most maxLookahead bytes from
// its start, and the decision at a position depends only on the byte before it
// (or on whether the previous match ended there), so the result is the same
// whether the input is scanned whole or in chunks.
//
// Boundaries. A match may start at p only when p is 0, the previous match ended
// at p, or the byte before p is not a word byte [A-Za-z0-9_], '.' or '-'. A
// match may end at q only when q is the end of input or the byte at q is not a
// word byte and not a '.' or '-' followed by a digit. Every match ends in a
// letter or digit (or in "::" for IPv6), so a value glued to surrounding text
// ("v2.1.31", "1.2.3.4.5", "ab555-123-4567") is not a match, and replacing a
// match by "[REDACTED:KIND]" never turns neighbouring text into one: the
// result is idempotent.
//
// Adjacent values. A '+' phone number and a grouped card number are runs of
// digit groups that could go on into the next value when only a space
// separates them ("+49 30 1234567 4111 1111 1111 1111"). A run therefore
// does not simply take its longest valid prefix: settle ends it at an
// earlier valid end when that lets the value starting at the next group be
// matched whole (and the text after it be covered further). A number with
// "+1" is North American and takes exactly the 3-3-4 form (nanpPlus). Where
// two readings cover the same text the values genuinely overlap, and the
// earlier start still wins, then the longer.

// maxLookahead bounds how far past a start position any recogniser reads,
// including the two bytes of the end check. The longest single read is an
// e-mail address (a local part of 64 bytes, '@', a domain of 253 and the end
// check: under 330 bytes); settle reads such matches starting up to
// chainWindow bytes after a run's start, so no read goes past 128+330 bytes.
const maxLookahead = 512

const (
	cDigit  = 1 << iota // 0-9
	cHex                // 0-9 A-F a-f
	cWord               // A-Z a-z 0-9 _
	cBlock              // word bytes, '.', '-': no match starts right after one
	cStart              // bytes a match can start with
	cLocal              // e-mail local part: word bytes and . % + -
	cDomain             // e-mail domain label: A-Z a-z 0-9 -
	cV6                 // IPv6 text: hex digits, ':', '.'
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
			v |= cDigit
		}
		if hex {
			v |= cHex | cV6
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
		case '(':
			v |= cStart
		case ':':
			v |= cStart | cV6
		}
		if b == '.' {
			v |= cV6
		}
		t[c] = v
	}
	return t
}()

func isDigit(c byte) bool { return c-'0' < 10 }

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

// next returns the leftmost-longest match starting in [p, limit) of b. lastEnd
// is the index in b where the previous match ended (or a negative number when
// it did not end inside b). ok is false when there is none.
func next(b []byte, p, limit, lastEnd int) (k Kind, start, end int, ok bool) {
	for ; p < limit; p++ {
		c := b[p]
		if classes[c]&cStart == 0 {
			continue
		}
		if p > 0 && p != lastEnd && classes[b[p-1]]&cBlock != 0 {
			continue
		}
		if k, e := matchAt(b, p); e > p {
			return k, p, e, true
		}
	}
	return 0, 0, 0, false
}

// matchAt returns the longest match of any kind starting at p, as its kind
// and end; end is 0 when there is none. On equal lengths the earlier kind in
// the order IP, SSN, PHONE, CARD, EMAIL wins (no two recognisers accept the
// same text in practice).
func matchAt(b []byte, p int) (Kind, int) { return match(b, p, true) }

// plainEnd is the end of the longest match at p (0 when there is none, or
// when p is past the input) with runs taking their longest valid prefix,
// unsettled: settle uses it to look at the value after a run without
// recursing.
func plainEnd(b []byte, p int) int {
	if p >= len(b) || classes[b[p]]&cStart == 0 {
		return 0
	}
	_, e := match(b, p, false)
	return e
}

// match is matchAt; settled tells whether runs are settled against the
// value after them (see settle) or take their longest valid prefix.
func match(b []byte, p int, settled bool) (Kind, int) {
	c := b[p]
	var best int
	var kind Kind
	if isDigit(c) {
		if e := ipv4(b, p); e > best {
			best, kind = e, IP
		}
		if e := ssn(b, p); e > best {
			best, kind = e, SSN
		}
		if e := nanp(b, p); e > best {
			best, kind = e, Phone
		}
		if e := card(b, p, settled); e > best {
			best, kind = e, Card
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
	if classes[c]&cV6 != 0 && c != '.' {
		if e := ipv6(b, p); e > best {
			best, kind = e, IP
		}
	}
	if classes[c]&cLocal != 0 {
		if e := email(b, p); e > best {
			best, kind = e, Email
		}
	}
	return kind, best
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

// ipv4 recognises a dotted quad: four decimal octets 0-255 without leading
// zeros ("1.2.3.4" is an address, so a four-part version string is one too).
func ipv4(b []byte, p int) int {
	i := p
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
		if d == 0 || d > 3 || v > 255 || (d > 1 && b[i] == '0') {
			return 0
		}
		i = j
	}
	if !endOK(b, i) {
		return 0
	}
	return i
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

// nanp recognises a North American number without a leading '+':
// (555) 123-4567, (555)123-4567, 555-123-4567, 555.123.4567, 555 123 4567,
// optionally after a trunk prefix "1-", "1." or "1 " (1-800-555-1234). Ten
// digits without separators are not recognised: they cannot be told from
// case and order numbers. Numbers with '+' are recognised by intlPhone.
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
		if i < n && b[i] == ' ' {
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
	i += 4
	if !endOK(b, i) {
		return 0
	}
	return i
}

// nanpPlus recognises "+1" followed by exactly a North American number:
// +15551234567, or +1 then an optional separator and (555) or 555, the
// exchange and the line, each part after the first separated by a single
// space, hyphen or dot (+1 555 123 4567, +1-555-123-4567, +1 (555) 123-4567,
// +1(555)123-4567). Country code 1 is the North American plan, so nothing
// after the line belongs to the number: "+1 555 123 4567 2024" ends before
// the year. It returns 0 when the text after "+1" has another form.
func nanpPlus(b []byte, p int) int {
	n := len(b)
	i := p + 2
	if digitsN(b, i, 10) {
		if endOK(b, i+10) {
			return i + 10
		}
		return 0
	}
	sep := i < n && isPhoneSep(b[i])
	if sep {
		i++
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
	i += 8
	if !endOK(b, i) {
		return 0
	}
	return i
}

// intlPhone recognises '+' followed by 8 to 15 digits in groups separated by
// single spaces or hyphens (or single dots throughout), where a group may be
// parenthesised: +44 20 7946 0958, +49 30 1234567, +44 (0)20 7946 0958,
// +4930123456. A number with "+1" in the North American form is taken by
// nanpPlus, exactly; other text after '+' (and "+1" text in another form)
// ends at one of the prefixes that may end where they do: the longest, or
// when settled an earlier one that lets the value after it be matched whole
// (see settle).
func intlPhone(b []byte, p int, settled bool) int {
	if p+1 < len(b) && b[p+1] == '1' {
		if e := nanpPlus(b, p); e > 0 {
			return e
		}
	}
	var buf [16]int
	ends := intlEnds(b, p, buf[:0])
	if !settled {
		return last(ends)
	}
	return settle(b, p, ends)
}

// intlEnds appends to ends, in increasing order, every position where the
// '+' number starting at p may end.
func intlEnds(b []byte, p int, ends []int) []int {
	n := len(b)
	i := p + 1
	digits := 0
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
		digits += d
		if digits > 15 {
			break
		}
		i = j
		if digits >= 8 && !paren && endOK(b, i) {
			ends = append(ends, i)
		}
		if i >= n {
			break
		}
		switch c := b[i]; {
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
// (4111111111111111) or in groups separated by single spaces or single
// hyphens throughout (4111 1111 1111 1111, 3782-822463-10005,
// 4111 1111 1111 1111 111): a first group of 4 digits, as card issuers print
// them, then groups of 1 to 6, and a group shorter than the one before it is
// the last (4-4-4-4-3, 4-6-5, 4-4-4-1 as printed). So two case numbers side
// by side ("00000101 11121215") are not a card even when their digits pass
// Luhn, and a card ending in a short group does not run into the next one
// ("4000 0000 0000 6 3715 0000 0000 0000 0" is two cards).
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
		if c := b[i]; (c == ' ' || c == '-') && (sep == 0 || sep == c) && isDigit(b[i+1]) {
			sep = c
			i++
			continue
		}
		break
	}
	return ends
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
// included, no zone), validated by net/netip. Text ending in "::" (the
// unspecified address "::", prefixes like "fe80::") is not recognised: it
// names no host, and ending every match in a letter or digit keeps redaction
// idempotent. The longest prefix of the run of hex
// digits, ':' and '.' that may end where it does and parses is the match.
func ipv6(b []byte, p int) int {
	n := len(b)
	if b[p] == ':' && (p+1 >= n || b[p+1] != ':') {
		return 0
	}
	j, colons := p, 0
	for j < n && j-p <= maxV6 && classes[b[j]]&cV6 != 0 {
		if b[j] == ':' {
			colons++
		}
		j++
	}
	if colons < 2 {
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
		if b[q-1] != ':' && plausibleV6(b[p:q]) {
			if a, err := netip.ParseAddr(string(b[p:q])); err == nil && a.Is6() {
				return q
			}
		}
	}
	return 0
}

// plausibleV6 is a cheap filter before netip.ParseAddr: at least one hex
// digit, and either "::" or exactly 7 colons (6 with an IPv4 tail), so clock
// times like 12:00:00 are dismissed without parsing.
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

// email recognises local@domain: a local part of 1 to 64 bytes of letters,
// digits and . _ % + -, then a domain of at least two labels of letters,
// digits and hyphens (not at either end of a label) joined by dots, whose
// last label is at least two letters. The longest domain that may end where it
// does is taken (so a sentence's final dot is left alone).
func email(b []byte, p int) int {
	n := len(b)
	i := p
	for i < n && i-p <= 64 && classes[b[i]]&cLocal != 0 {
		i++
	}
	if i == p || i-p > 64 || i >= n || b[i] != '@' {
		return 0
	}
	d := i + 1
	j, best := d, 0
	for labels := 1; ; labels++ {
		k := j
		for k < n && k-d <= 253 && classes[b[k]]&cDomain != 0 {
			k++
		}
		l := k - j
		if l == 0 || l > 63 || k-d > 253 || b[j] == '-' || b[k-1] == '-' {
			break
		}
		if labels >= 2 && l >= 2 && allLetters(b[j:k]) && endOK(b, k) {
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

func allLetters(s []byte) bool {
	for _, c := range s {
		if classes[c]&cWord == 0 || isDigit(c) || c == '_' {
			return false
		}
	}
	return true
}
