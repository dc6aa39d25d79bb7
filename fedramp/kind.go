package fedramp

import (
	"encoding/json"

	"github.com/casepolicy/casepolicy/internal/enum"
)

// Kind is a kind of personal data removed from FedRAMP tickets (F6). The zero
// value is Email. Text forms: "EMAIL", "PHONE", "SSN", "CARD", "IP"; a removed
// value is replaced by "[REDACTED:" + text form + "]".
type Kind uint8

// The kinds of personal data.
const (
	Email Kind = iota // an e-mail address (the zero value)
	Phone             // a telephone number, North American or international
	SSN               // a U.S. social security number
	Card              // a Luhn-valid payment card number
	IP                // an IPv4 or IPv6 address

	numKinds = iota
)

var kindNames = enum.Names{Type: "Kind", Kind: "kind", Names: []string{"EMAIL", "PHONE", "SSN", "CARD", "IP"}}

// replacements[k] is the text that replaces a value of kind k.
var replacements = [numKinds]string{
	"[REDACTED:EMAIL]", "[REDACTED:PHONE]", "[REDACTED:SSN]", "[REDACTED:CARD]", "[REDACTED:IP]",
}

// String returns the text form, or "Kind(n)" for an unknown value.
func (k Kind) String() string { return kindNames.String(uint8(k)) }

// MarshalText implements encoding.TextMarshaler; an unknown value is an error.
func (k Kind) MarshalText() ([]byte, error) { return kindNames.Marshal(uint8(k)) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly what
// MarshalText writes.
func (k *Kind) UnmarshalText(text []byte) error {
	v, err := ParseKind(string(text))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// ParseKind parses "EMAIL", "PHONE", "SSN", "CARD" or "IP".
func ParseKind(s string) (Kind, error) {
	i, err := kindNames.Parse(s)
	return Kind(i), err
}

// Span is one removed value: its kind and its byte offsets in the input, End
// exclusive. It never holds the value itself. JSON:
// {"kind": "EMAIL", "start": 10, "end": 24}.
type Span struct {
	Kind  Kind  `json:"kind"`
	Start int64 `json:"start"`
	End   int64 `json:"end"`
}

// Report lists what a redaction removed, without repeating it. Removed is in
// input order, sorted by Start and non-overlapping. Counts holds, for each kind
// found, how many values of that kind were removed; kinds not found are absent.
// Its JSON form is {"removed": [...], "counts": {"EMAIL": 1}}, with [] and {}
// when nothing was removed (also for the zero Report).
type Report struct {
	Removed []Span       `json:"removed"`
	Counts  map[Kind]int `json:"counts"`
}

// MarshalJSON writes the report as {"removed": [...], "counts": {...}}, writing
// nil fields as [] and {}.
func (r Report) MarshalJSON() ([]byte, error) {
	type plain Report
	p := plain(r)
	if p.Removed == nil {
		p.Removed = []Span{}
	}
	if p.Counts == nil {
		p.Counts = map[Kind]int{}
	}
	return json.Marshal(p)
}

// countsMap returns the non-zero counts as a map (never nil).
func countsMap(c *[numKinds]int) map[Kind]int {
	m := make(map[Kind]int)
	for k, n := range c {
		if n > 0 {
			m[Kind(k)] = n
		}
	}
	return m
}
