package priority

import "github.com/casepolicy/casepolicy/internal/enum"

// Level is the priority of a support case. Levels are ordered: Low < Medium <
// High < Critical, so they compare with < and >. The zero Level is not a valid
// level; IsValid reports whether a Level is one of the four.
//
// The text form ("low", "medium", "high", "critical") is the stable contract;
// the integer values are not.
type Level uint8

// The four priority levels, in increasing order.
const (
	Low      Level = iota + 1 // routine question; not eligible for escalation (P1)
	Medium                    // no extra criterion (P3)
	High                      // 24 hours since the last update and business impact (P2)
	Critical                  // production down (P4)
)

// ErrUnknownLevel is wrapped by the errors of Parse and UnmarshalText. It is
// the same "unknown value" error the other packages' enums wrap.
var ErrUnknownLevel = enum.ErrUnknown

var names = enum.Names{Type: "Level", Kind: "priority", Names: []string{Low: "low", Medium: "medium", High: "high", Critical: "critical"}}

// IsValid reports whether l is one of Low, Medium, High and Critical.
func (l Level) IsValid() bool { return l >= Low && l <= Critical }

// String returns the text form of l, or "Level(n)" for an invalid level.
func (l Level) String() string { return names.String(uint8(l)) }

// MarshalText implements encoding.TextMarshaler. An invalid level is an error.
func (l Level) MarshalText() ([]byte, error) { return names.Marshal(uint8(l)) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly what
// MarshalText writes.
func (l *Level) UnmarshalText(text []byte) error {
	v, err := Parse(string(text))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Parse returns the level whose text form is s. The match is exact: "High" and
// "" are errors.
func Parse(s string) (Level, error) {
	v, err := names.Parse(s)
	return Level(v), err
}
