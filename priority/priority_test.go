package priority_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/casepolicy/casepolicy/priority"
	"github.com/google/go-cmp/cmp"
)

var levels = []priority.Level{priority.Low, priority.Medium, priority.High, priority.Critical}

func TestOrdering(t *testing.T) {
	for i, a := range levels {
		for j, b := range levels {
			if got, want := a < b, i < j; got != want {
				t.Errorf("%v < %v = %v, want %v", a, b, got, want)
			}
		}
	}
}

func TestIsValid(t *testing.T) {
	tests := []struct {
		name string
		l    priority.Level
		want bool
	}{
		{"zero level is not valid", 0, false},
		{"low is valid", priority.Low, true},
		{"critical is valid", priority.Critical, true},
		{"one past critical is not valid", priority.Critical + 1, false},
		{"largest value is not valid", 255, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.IsValid(); got != tt.want {
				t.Errorf("Level(%d).IsValid() = %v, want %v", uint8(tt.l), got, tt.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name string
		l    priority.Level
		want string
	}{
		{"low is written low", priority.Low, "low"},
		{"medium is written medium", priority.Medium, "medium"},
		{"high is written high", priority.High, "high"},
		{"critical is written critical", priority.Critical, "critical"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			text, err := tt.l.MarshalText()
			if err != nil || string(text) != tt.want {
				t.Errorf("MarshalText() = %q, %v; want %q", text, err, tt.want)
			}
			p, err := priority.Parse(tt.want)
			if err != nil || p != tt.l {
				t.Errorf("Parse(%q) = %v, %v; want %v", tt.want, p, err, tt.l)
			}
			var u priority.Level
			if err := u.UnmarshalText(text); err != nil || u != tt.l {
				t.Errorf("UnmarshalText(%q) = %v, %v; want %v", text, u, err, tt.l)
			}
		})
	}
}

func TestInvalidLevelText(t *testing.T) {
	for _, l := range []priority.Level{0, priority.Critical + 1, 255} {
		if got, want := l.String(), "Level("; !strings.HasPrefix(got, want) {
			t.Errorf("Level(%d).String() = %q, want prefix %q", uint8(l), got, want)
		}
		if text, err := l.MarshalText(); err == nil || !errors.Is(err, priority.ErrUnknownLevel) {
			t.Errorf("Level(%d).MarshalText() = %q, %v; want an error wrapping ErrUnknownLevel", uint8(l), text, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{"capitalised High is rejected", "High", `parse priority "High": unknown value`},
		{"empty text is rejected", "", `parse priority "": unknown value`},
		{"urgent is not a level", "urgent", `parse priority "urgent": unknown value`},
		{"surrounding space is rejected", " low", `parse priority " low": unknown value`},
		{"the integer form is rejected", "1", `parse priority "1": unknown value`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := priority.Parse(tt.input)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want an error", tt.input, got)
			}
			if !errors.Is(err, priority.ErrUnknownLevel) {
				t.Errorf("Parse(%q) error %v does not wrap ErrUnknownLevel", tt.input, err)
			}
			if err.Error() != tt.want {
				t.Errorf("Parse(%q) error = %q, want %q", tt.input, err, tt.want)
			}
			l := priority.High
			err = l.UnmarshalText([]byte(tt.input))
			if !errors.Is(err, priority.ErrUnknownLevel) || err.Error() != tt.want {
				t.Errorf("UnmarshalText(%q) error = %v, want %q wrapping ErrUnknownLevel", tt.input, err, tt.want)
			}
			if l != priority.High {
				t.Errorf("UnmarshalText(%q) changed the level to %v on error", tt.input, l)
			}
		})
	}
}

func TestRequestChange(t *testing.T) {
	const (
		note  = priority.WorkNote
		phone = priority.PhoneProductSupport
	)
	tests := []struct {
		name     string
		from, to priority.Level
		want     priority.Change
		wantOK   bool
	}{
		{"P5 raising low to medium is a work note", priority.Low, priority.Medium, priority.Change{From: priority.Low, To: priority.Medium, Channel: note, Clause: "P5"}, true},
		{"P5 raising low to high is a phone call", priority.Low, priority.High, priority.Change{From: priority.Low, To: priority.High, Channel: phone, Clause: "P5"}, true},
		{"P5 raising medium to high is a phone call", priority.Medium, priority.High, priority.Change{From: priority.Medium, To: priority.High, Channel: phone, Clause: "P5"}, true},
		{"P5 raising medium to critical is a phone call", priority.Medium, priority.Critical, priority.Change{From: priority.Medium, To: priority.Critical, Channel: phone, Clause: "P5"}, true},
		{"P5 raising high to critical is a phone call", priority.High, priority.Critical, priority.Change{From: priority.High, To: priority.Critical, Channel: phone, Clause: "P5"}, true},
		{"P5 lowering critical to high is a work note", priority.Critical, priority.High, priority.Change{From: priority.Critical, To: priority.High, Channel: note, Clause: "P5"}, true},
		{"P5 lowering critical to low is a work note", priority.Critical, priority.Low, priority.Change{From: priority.Critical, To: priority.Low, Channel: note, Clause: "P5"}, true},
		{"P5 lowering medium to low is a work note", priority.Medium, priority.Low, priority.Change{From: priority.Medium, To: priority.Low, Channel: note, Clause: "P5"}, true},
		{"P5 no change between equal levels", priority.High, priority.High, priority.Change{}, false},
		{"P5 no change from an invalid level", 0, priority.High, priority.Change{}, false},
		{"P5 no change to an invalid level", priority.Low, priority.Critical + 1, priority.Change{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := priority.RequestChange(tt.from, tt.to)
			if ok != tt.wantOK {
				t.Errorf("RequestChange(%v, %v) ok = %v, want %v", tt.from, tt.to, ok, tt.wantOK)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("RequestChange(%v, %v) mismatch (-want +got):\n%s", tt.from, tt.to, diff)
			}
		})
	}
}

func TestChannelString(t *testing.T) {
	tests := []struct {
		c    priority.Channel
		want string
	}{
		{priority.WorkNote, "work_note"},
		{priority.PhoneProductSupport, "phone_product_support"},
		{0, "Channel(invalid)"},
	}
	for _, tt := range tests {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("Channel(%d).String() = %q, want %q", uint8(tt.c), got, tt.want)
		}
	}
}

// FuzzParse: whatever Parse accepts, MarshalText writes back byte for byte,
// and UnmarshalText agrees with Parse on every input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"low", "medium", "high", "critical", "High", "", "urgent", "low\x00", "critical "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := priority.Parse(s)
		var u priority.Level
		uerr := u.UnmarshalText([]byte(s))
		if (err == nil) != (uerr == nil) || (err == nil && u != l) {
			t.Fatalf("Parse(%q) = %v, %v but UnmarshalText = %v, %v", s, l, err, u, uerr)
		}
		if err != nil {
			if !errors.Is(err, priority.ErrUnknownLevel) || err.Error() != fmt.Sprintf("parse priority %q: unknown value", s) {
				t.Fatalf("Parse(%q) error %q does not quote the input or wrap ErrUnknownLevel", s, err)
			}
			return
		}
		if !l.IsValid() {
			t.Fatalf("Parse(%q) = invalid level %d", s, uint8(l))
		}
		text, err := l.MarshalText()
		if err != nil || string(text) != s || l.String() != s {
			t.Fatalf("Parse(%q) = %v, but MarshalText = %q, %v and String = %q", s, l, text, err, l.String())
		}
	})
}
