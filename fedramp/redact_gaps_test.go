package fedramp

import (
	"bytes"
	"errors"
	"maps"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRedactEmailLocalPartF6 pins the edges of the local part: any case,
// and at most 64 bytes (RFC 5321): 65 bytes before the '@' are not an
// address, and nothing of them is removed, as before.
func TestRedactEmailLocalPartF6(t *testing.T) {
	l64 := "J" + strings.Repeat("x", 63)
	l65 := "J" + strings.Repeat("x", 64)
	tests := []struct{ name, in, want string }{
		{"an upper-case first letter", "mail Jane@example.com now", "mail [REDACTED:EMAIL] now"},
		{"upper case throughout", "JANE.DOE@EXAMPLE.COM", "[REDACTED:EMAIL]"},
		{"a local part of exactly 64 bytes", "to " + l64 + "@example.com.", "to [REDACTED:EMAIL]."},
		{"a local part of 65 bytes is not an address", "to " + l65 + "@example.com.", "to " + l65 + "@example.com."},
		{"64 bytes after a '+' in a longer run", l65 + "+" + l64 + "@example.com", l65 + "+[REDACTED:EMAIL]"},
		{"an apostrophe between letters", "o'brien@example.com", "[REDACTED:EMAIL]"},
		{"a quote before the address is not part of it", "'bob@example.com'", "'[REDACTED:EMAIL]'"},
		{"non-ASCII letters in both parts", "josé@exämple.de", "[REDACTED:EMAIL]"},
		{"an ellipsis after the address is not part of it", "bob@example.com…", "[REDACTED:EMAIL]…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rep := RedactString(tt.in)
			if got != tt.want {
				t.Errorf("RedactString(%q) = %q, want %q", tt.in, got, tt.want)
			}
			checkRedaction(t, []byte(tt.in), []byte(got), rep)
		})
	}
}

// flakyWriter accepts ok writes, then fails every later one, counting the
// calls made after the first failure.
type flakyWriter struct {
	ok         int
	buf        bytes.Buffer
	failed     bool
	afterFails int
}

var errDisk = errors.New("disk full")

func (w *flakyWriter) Write(p []byte) (int, error) {
	if w.failed {
		w.afterFails++
		return 0, errDisk
	}
	if w.ok == 0 {
		w.failed = true
		w.buf.Write(p[:len(p)/2]) // a short write before the error
		return len(p) / 2, errDisk
	}
	w.ok--
	return w.buf.Write(p)
}

// TestRedactorWriteAfterErrorF6 checks a Redactor whose writer failed: every
// later Write, ReadFrom and Close returns the writer's error without
// panicking and without calling the writer again, and what was written
// before the failure is a prefix of the redacted text.
func TestRedactorWriteAfterErrorF6(t *testing.T) {
	in := bytes.Repeat([]byte("mail bob@example.com or call 555-123-4567 from 10.0.0.1. "), 3000)
	want, _ := Redact(in)
	for _, ok := range []int{0, 1, 3, 10} {
		w := &flakyWriter{ok: ok}
		r := NewRedactor(w, nil)
		var err error
		for p := in; len(p) > 0 && err == nil; {
			n := min(len(p), 5000)
			var m int
			m, err = r.Write(p[:n])
			if err == nil && m != n {
				t.Fatalf("Write accepted %d of %d bytes without an error", m, n)
			}
			p = p[n:]
		}
		if !errors.Is(err, errDisk) {
			t.Fatalf("ok=%d: Write returned %v, want the writer's error", ok, err)
		}
		for i := 0; i < 3; i++ {
			if n, err := r.Write(in[:100]); n != 0 || !errors.Is(err, errDisk) {
				t.Errorf("ok=%d: Write after the failure = %d, %v; want 0 and the writer's error", ok, n, err)
			}
		}
		if _, err := r.ReadFrom(bytes.NewReader(in[:100])); !errors.Is(err, errDisk) {
			t.Errorf("ok=%d: ReadFrom after the failure = %v, want the writer's error", ok, err)
		}
		if err := r.Close(); !errors.Is(err, errDisk) {
			t.Errorf("ok=%d: Close after the failure = %v, want the writer's error", ok, err)
		}
		if err := r.Close(); !errors.Is(err, errDisk) {
			t.Errorf("ok=%d: second Close = %v, want the writer's error", ok, err)
		}
		if w.afterFails != 0 {
			t.Errorf("ok=%d: the writer was called %d times after it failed", ok, w.afterFails)
		}
		if !bytes.HasPrefix(want, w.buf.Bytes()) {
			t.Errorf("ok=%d: what was written (%d bytes) is not a prefix of the redacted text", ok, w.buf.Len())
		}
		rep := r.Report()
		for i, s := range rep.Removed {
			if i > 0 && s.Start < rep.Removed[i-1].End {
				t.Fatalf("ok=%d: spans overlap after the failure: %v", ok, rep.Removed[i-1:i+1])
			}
		}
	}
}

// TestAppendRedactF6 checks that AppendRedact appends to dst, gives
// Redact's result, reuses dst's room and the Report's, and works without a
// Report.
func TestAppendRedactF6(t *testing.T) {
	in := []byte("ssn 123-45-6789, card 4111 1111 1111 1111, mail a@b.example")
	want, wrep := Redact(in)
	dst := make([]byte, 0, 256)
	dst = append(dst, "prefix:"...)
	rep := Report{Removed: make([]Span, 5, 8), Counts: map[Kind]int{IP: 7}}
	got := AppendRedact(dst, in, &rep)
	if string(got) != "prefix:"+string(want) {
		t.Errorf("AppendRedact = %q, want %q", got, "prefix:"+string(want))
	}
	if &got[0] != &dst[:1][0] {
		t.Error("AppendRedact did not reuse dst's room")
	}
	if diff := cmp.Diff(wrep, rep); diff != "" {
		t.Errorf("report mismatch (-Redact +AppendRedact):\n%s", diff)
	}
	if got := AppendRedact(nil, in, nil); string(got) != string(want) {
		t.Errorf("AppendRedact without a report = %q, want %q", got, want)
	}
	empty := AppendRedact(nil, []byte("nothing here"), &rep)
	if string(empty) != "nothing here" || rep.Removed == nil || len(rep.Removed) != 0 || len(rep.Counts) != 0 {
		t.Errorf("AppendRedact of clean text: %q, report %+v; want the text and an empty report", empty, rep)
	}
	if allocs := testing.AllocsPerRun(20, func() { got = AppendRedact(got[:0], in, &rep) }); allocs != 0 {
		t.Errorf("AppendRedact into a grown buffer and Report allocates %v times, want 0", allocs)
	}
}

// TestValidV6MatchesNetip checks the byte validator against net/netip on
// the forms the scanner hands it.
func TestValidV6MatchesNetip(t *testing.T) {
	for _, s := range []string{
		"::", "::1", "1::", "fe80::", "2001:db8::1", "2001:db8::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:8::",
		"::ffff:192.0.2.1", "::ffff:192.0.2.01", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:1.2.3.4", "1::2::3", "12345::1", ":1", "1:",
		"1.2.3.4", "::1.2.3", "::1.2.3.4.5", "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", "::256.1.1.1", "1:::2", "a:b:c:d:e:f:1:2:3",
	} {
		_, err := netip.ParseAddr(s)
		if got, want := validV6([]byte(s)), err == nil && strings.Contains(s, ":"); got != want {
			t.Errorf("validV6(%q) = %v, netip.ParseAddr says %v", s, got, want)
		}
	}
}

// FuzzValidV6 checks validV6 against net/netip.ParseAddr on arbitrary text
// of hex digits, ':' and '.'.
func FuzzValidV6(f *testing.F) {
	for _, s := range []string{"::", "2001:db8::1", "::ffff:192.0.2.1", "1:2:3:4:5:6:7:8", "fe80::", "1::2::3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); i++ {
			if classes[s[i]]&cV6 == 0 {
				return
			}
		}
		a, err := netip.ParseAddr(s)
		want := err == nil && a.Is6()
		if got := validV6([]byte(s)); got != want {
			t.Fatalf("validV6(%q) = %v, netip.ParseAddr: %v, %v", s, got, a, err)
		}
	})
}

// FuzzRedactStream feeds inputs larger than the Redactor's window (the
// fuzzed text repeated past chunkSize+lookahead bytes, so that values fall
// on every window boundary) in chunks of random sizes, and checks that the
// streamed output and spans equal Redact's on the whole.
func FuzzRedactStream(f *testing.F) {
	f.Add([]byte("mail bob@example.com or (555) 123-4567 x12 from 10.0.0.1-10.0.0.5; card 4111 1111-1111 1111 "), uint64(1))
	f.Add([]byte("9400 1000 0000 0000 0000 00 ５５５-１２３-４５６７ 123\u00a045\u00a06789 fe80:: "), uint64(2))
	f.Add([]byte("x"), uint64(3))
	f.Fuzz(func(t *testing.T, piece []byte, seed uint64) {
		if len(piece) == 0 {
			return
		}
		var b bytes.Buffer
		for b.Len() < chunkSize+lookahead+1024 {
			b.Write(piece)
		}
		in := b.Bytes()
		want, wrep := Redact(in)
		rng := rand.New(rand.NewPCG(seed, seed>>1))
		var sizes []int
		for range 16 {
			sizes = append(sizes, 1+rng.IntN(40000))
		}
		got, rep := redactStream(t, in, sizes)
		if !bytes.Equal(want, got) {
			i := 0
			for i < len(want) && i < len(got) && want[i] == got[i] {
				i++
			}
			t.Fatalf("streamed output differs from Redact's at byte %d (piece %q, sizes %v)", i, piece, sizes)
		}
		if !slices.Equal(wrep.Removed, rep.Removed) || !maps.Equal(wrep.Counts, rep.Counts) {
			t.Fatalf("streamed report differs from Redact's: %d spans %v, whole %d spans %v", len(rep.Removed), rep.Counts, len(wrep.Removed), wrep.Counts)
		}
	})
}

// TestTriggerSWAR checks the eight-bytes-at-a-time trigger search against
// the byte-class table, for every byte value at every position of a word,
// among ASCII and non-ASCII neighbours.
func TestTriggerSWAR(t *testing.T) {
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 8; pos++ {
			in := bytes.Repeat([]byte{'a'}, 16)
			in[pos] = byte(c)
			want := 16
			if classes[c]&cTrig != 0 {
				want = pos
			}
			if got := trigger(in, 0, 16); got != want {
				t.Fatalf("byte %#x at %d: got %d want %d", c, pos, got, want)
			}
			for _, fill := range []byte{0x80, 0xff, 0xee, 0x3f, 0x41, 0x2f} {
				in2 := bytes.Repeat([]byte{fill}, 16)
				in2[pos] = byte(c)
				w := 16
				if classes[c]&cTrig != 0 {
					w = pos
				}
				if got := trigger(in2, 0, 16); got != w {
					t.Fatalf("byte %#x at %d among %#x: got %d want %d", c, pos, fill, got, w)
				}
			}
		}
	}
}

// TestRedactorWindowBoundaryF6 puts values whose decision looks back (a card
// after a number printed in fours, the second address of a range, a value
// after a fullwidth digit) at every offset around the Redactor's first
// window boundary, and checks that streaming gives Redact's result.
func TestRedactorWindowBoundaryF6(t *testing.T) {
	values := []string{
		"9400 1000 0000 0000 0000 00 ",
		"1234 5678 4111 1111 1111 1111 ",
		"10.0.0.1-10.0.0.5 ",
		"１555-123-4567 ",
		"+44 20 7946 0958 4111 1111 1111 1111 ",
	}
	boundary := chunkSize + lookbehind
	for _, v := range values {
		for off := -80; off <= 40; off++ {
			in := []byte(strings.Repeat("x", boundary+off) + " " + v + strings.Repeat("y", lookahead+100))
			want, wrep := Redact(in)
			got, rep := redactStream(t, in, nil)
			if !bytes.Equal(want, got) || !slices.Equal(wrep.Removed, rep.Removed) {
				t.Fatalf("%q at offset %d: streamed spans %v, whole %v", v, boundary+off, rep.Removed, wrep.Removed)
			}
		}
	}
}
