package jsonread

import "testing"

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
		{"2024-01-01t00:00:00z", false},
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
