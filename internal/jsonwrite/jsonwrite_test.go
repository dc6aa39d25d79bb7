package jsonwrite

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzString: the escaping is encoding/json's, byte for byte, for strings and
// byte slices alike, and reads back to the same text when it is valid UTF-8.
func FuzzString(f *testing.F) {
	for _, s := range []string{"", "plain", "<a&b>", "quote\" back\\slash", "\x00\x1f\n\r\t", "é\u2028\u2029", "\xff\xfe", "12345678<12345678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := String(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("String(%q) = %s, encoding/json writes %s", s, got, want)
		}
		if got := String(nil, []byte(s)); !bytes.Equal(got, want) {
			t.Fatalf("String([]byte(%q)) = %s, encoding/json writes %s", s, got, want)
		}
		if utf8.ValidString(s) {
			var back string
			if err := json.Unmarshal(String(nil, s), &back); err != nil || back != s {
				t.Fatalf("String(%q) reads back as %q, %v", s, back, err)
			}
		}
	})
}

func TestTimeBoolField(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	at := time.Date(2024, 3, 4, 10, 0, 0, 500, ny)
	if got := string(Time(nil, at)); got != `"2024-03-04T15:00:00.0000005Z"` {
		t.Errorf("Time = %s", got)
	}
	if got := string(Time(nil, at.Truncate(time.Second))); got != `"2024-03-04T15:00:00Z"` {
		t.Errorf("Time without fraction = %s", got)
	}
	if got := string(Bool(Bool(nil, true), false)); got != "truefalse" {
		t.Errorf("Bool = %s", got)
	}
	if got := string(Field(nil, "name", "<x>")); got != `,"name":"\u003cx\u003e"` {
		t.Errorf("Field = %s", got)
	}
}
