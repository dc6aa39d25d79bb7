package jsonread

import (
	"testing"
	"time"
)

func TestParseTimeStrict(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"2024-01-01T00:00:00Z", true},
		{"2024-01-01T00:00:00.000000001Z", true},
		{"2024-01-01T00:00:00+23:59", true},
		{"2024-01-01T00:00:00-05:00", true},
		{"2024-01-01T00:00:00+24:00", false},
		{"2024-01-01T00:00:00+00:60", false},
		{"2024-01-01T00:00:00+99:00", false},
		{"0000-01-01T00:00:00Z", false},
		{"0001-01-01T00:00:00+01:00", false}, // year 0 in UTC
		{"9999-12-31T23:00:00-01:00", false}, // year 10000 in UTC
		{"0001-01-01T00:00:00-01:00", true},
		{"2024-01-01t00:00:00z", true}, // RFC 3339 allows lower case
		{"2024-01-01T00:00:00.123456789Z", true},
		{"2024-01-01T00:00:00.1234567891Z", false}, // cut to the nanosecond otherwise
		{"2024-01-01T00:00:00.1234567891+01:00", false},
		{"2024-01-01", false},
		{"", false},
	} {
		_, problem := ParseTime([]byte(tc.in))
		if got := problem == ""; got != tc.ok {
			t.Errorf("ParseTime(%q) ok = %v (%q), want %v", tc.in, got, problem, tc.ok)
		}
		if problem != "" && len(tc.in) > 0 && contains(problem, tc.in) {
			t.Errorf("ParseTime(%q) problem %q repeats the input", tc.in, problem)
		}
	}
}

// TestParseTimeFastPath: the byte parser of the common form agrees with
// time.Parse on everything it accepts, and leaves the rest to it.
func TestParseTimeFastPath(t *testing.T) {
	var ins []string
	for _, y := range []string{"0000", "0001", "1900", "2000", "2023", "2024", "9999", "2O24"} {
		for _, md := range []string{"01-01", "02-28", "02-29", "02-30", "04-31", "12-31", "13-01", "00-10", "06-00"} {
			for _, hms := range []string{"00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "1:00:00", "12:00:0x"} {
				for _, frac := range []string{"", ".", ".5", ".123456789", ".1234567891234", ",5", ".5x"} {
					for _, z := range []string{"Z", "z", "+00:00", "-05:30", ""} {
						ins = append(ins, y+"-"+md+"T"+hms+frac+z)
					}
				}
			}
		}
	}
	for _, in := range ins {
		got, gp := parseTime([]byte(in))
		want, wp := parseTimeGeneral([]byte(in))
		if gp != wp || !sameTime(got, want) {
			t.Fatalf("ParseTime(%q) = %v, %q; time.Parse's path gives %v, %q", in, got, gp, want, wp)
		}
		if fast, ok := parseUTC([]byte(in)); ok && wp == "" && fast != want {
			t.Fatalf("parseUTC(%q) = %v, want %v", in, fast, want)
		}
	}
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2024-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z", "0001-01-01T00:00:00Z", "2024-01-01T00:00:00+01:00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, problem := ParseTime(b); problem == "" {
			if _, again := ParseTime(b); again != "" {
				t.Fatalf("ParseTime(%q) is not deterministic", b)
			}
		}
		got, gp := parseTime(b)
		want, wp := parseTimeGeneral(b)
		if gp != wp || !sameTime(got, want) {
			t.Errorf("ParseTime(%q) = %v, %q; time.Parse's path gives %v, %q", b, got, gp, want, wp)
		}
	})
}

// sameTime reports whether two parsed times are the same instant with the
// same zone name and offset (time.Parse makes a new fixed zone each time).
func sameTime(a, b time.Time) bool {
	an, ao := a.Zone()
	bn, bo := b.Zone()
	return a.Equal(b) && an == bn && ao == bo && a.Location().String() == b.Location().String()
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestUnknownFieldPath(t *testing.T) {
	for _, tc := range []struct{ key, want string }{
		{"Now", "case.Now"},
		{"a_1", "case.a_1"},
		{"jane@example.com", "case"},
		{"", "case"},
		{string(make([]byte, 65)), "case"},
	} {
		d := NewDecoder([]byte(`1`))
		if err := d.Unknown("case", []byte(tc.key)); err != nil {
			t.Fatal(err)
		}
		if got := d.Problems[0].Field; got != tc.want {
			t.Errorf("Unknown(%q) field = %q, want %q", tc.key, got, tc.want)
		}
	}
}

func FuzzScanner(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":null}],"c":"\u00e9\ud83d\ude00"}`, `[`, `"\x"`, `1e`, `{"a":1}x`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := NewScanner(data)
		if err := s.Skip(); err == nil {
			_ = s.End()
		}
		d := NewDecoder(data)
		_, _, _ = d.Instant("t")
		_, _, _ = d.Int("n", -5, 5)
	})
}

// TestSpecial8 checks the eight-byte step of RawString against a byte
// loop: the first byte it flags is the first byte a string does not hold as
// it is.
func TestSpecial8(t *testing.T) {
	first := func(v uint64) int { // 8 when none
		m := special8(v)
		if m == 0 {
			return 8
		}
		for k := 0; k < 8; k++ {
			if m>>(8*k+7)&1 != 0 {
				return k
			}
		}
		return -1
	}
	plain := func(c byte) bool { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' }
	var b [8]byte
	for c := 0; c < 256; c++ {
		for pos := range 8 {
			for fill := range []byte{'a', ' ', '~', 0x7f} {
				for i := range b {
					b[i] = []byte{'a', ' ', '~', 0x7f}[fill]
				}
				b[pos] = byte(c)
				want := 8
				for k, x := range b {
					if !plain(x) {
						want = k
						break
					}
				}
				v := uint64(0)
				for i := 7; i >= 0; i-- {
					v = v<<8 | uint64(b[i])
				}
				if got := first(v); got != want {
					t.Fatalf("first special byte of %q = %d, want %d", b, got, want)
				}
			}
		}
	}
	// Random words of bytes near the edges.
	edges := []byte{0, 0x1f, 0x20, 0x21, '"', '\\', 0x7f, 0x80, 0xff, 'a', 'Z', 0x5b, 0x5d, 0x23}
	x := uint64(1)
	for range 200000 {
		v := uint64(0)
		want := 8
		for k := range 8 { // byte k goes to bits 8k..8k+7
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			c := edges[x%uint64(len(edges))]
			if want == 8 && !plain(c) {
				want = k
			}
			v |= uint64(c) << (8 * k)
		}
		if got := first(v); got != want {
			t.Fatalf("first special byte of %#x = %d, want %d", v, got, want)
		}
	}
}
