package escalation

import "github.com/casepolicy/casepolicy/internal/enum"

// The text forms of the rule enums are the names of docs/CONTRACT.md's policy
// document.
var (
	urgencyNames    = enum.Names{Type: "UrgencyRule", Kind: "urgency rule", Names: []string{"", "not_grounds", "escalate_and_notify"}}
	caseUpdateNames = enum.Names{Type: "CaseUpdateRule", Kind: "case update rule", Names: []string{"", "escalation", "notify_owner"}}
	feedNames       = enum.Names{Type: "FeedRule", Kind: "escalation feed rule", Names: []string{"", "every_case", "commercial_only"}}
	waitClockNames  = enum.Names{Type: "WaitClock", Kind: "wait clock", Names: []string{"", "elapsed", "business"}}
	updaterNames    = enum.Names{Type: "Updater", Kind: "updater", Names: []string{"", "anyone", "support"}}
)

// String returns the text form: "not_grounds" or "escalate_and_notify".
func (u UrgencyRule) String() string { return urgencyNames.String(uint8(u)) }

// MarshalText implements encoding.TextMarshaler.
func (u UrgencyRule) MarshalText() ([]byte, error) { return urgencyNames.Marshal(uint8(u)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (u *UrgencyRule) UnmarshalText(text []byte) error { return unmarshal(text, ParseUrgencyRule, u) }

// ParseUrgencyRule returns the rule whose text form is s.
func ParseUrgencyRule(s string) (UrgencyRule, error) {
	v, err := urgencyNames.Parse(s)
	return UrgencyRule(v), err
}

// String returns the text form: "escalation" or "notify_owner".
func (c CaseUpdateRule) String() string { return caseUpdateNames.String(uint8(c)) }

// MarshalText implements encoding.TextMarshaler.
func (c CaseUpdateRule) MarshalText() ([]byte, error) { return caseUpdateNames.Marshal(uint8(c)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *CaseUpdateRule) UnmarshalText(text []byte) error {
	return unmarshal(text, ParseCaseUpdateRule, c)
}

// ParseCaseUpdateRule returns the rule whose text form is s.
func ParseCaseUpdateRule(s string) (CaseUpdateRule, error) {
	v, err := caseUpdateNames.Parse(s)
	return CaseUpdateRule(v), err
}

// String returns the text form: "every_case" or "commercial_only".
func (f FeedRule) String() string { return feedNames.String(uint8(f)) }

// MarshalText implements encoding.TextMarshaler.
func (f FeedRule) MarshalText() ([]byte, error) { return feedNames.Marshal(uint8(f)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (f *FeedRule) UnmarshalText(text []byte) error { return unmarshal(text, ParseFeedRule, f) }

// ParseFeedRule returns the rule whose text form is s.
func ParseFeedRule(s string) (FeedRule, error) {
	v, err := feedNames.Parse(s)
	return FeedRule(v), err
}

// String returns the text form: "elapsed" or "business".
func (w WaitClock) String() string { return waitClockNames.String(uint8(w)) }

// MarshalText implements encoding.TextMarshaler.
func (w WaitClock) MarshalText() ([]byte, error) { return waitClockNames.Marshal(uint8(w)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (w *WaitClock) UnmarshalText(text []byte) error { return unmarshal(text, ParseWaitClock, w) }

// ParseWaitClock returns the clock whose text form is s.
func ParseWaitClock(s string) (WaitClock, error) {
	v, err := waitClockNames.Parse(s)
	return WaitClock(v), err
}

// String returns the text form: "anyone" or "support".
func (u Updater) String() string { return updaterNames.String(uint8(u)) }

// MarshalText implements encoding.TextMarshaler.
func (u Updater) MarshalText() ([]byte, error) { return updaterNames.Marshal(uint8(u)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (u *Updater) UnmarshalText(text []byte) error { return unmarshal(text, ParseUpdater, u) }

// ParseUpdater returns the updater whose text form is s.
func ParseUpdater(s string) (Updater, error) {
	v, err := updaterNames.Parse(s)
	return Updater(v), err
}

// unmarshal parses text into *dst, leaving it unchanged on error.
func unmarshal[T any](text []byte, parse func(string) (T, error), dst *T) error {
	v, err := parse(string(text))
	if err == nil {
		*dst = v
	}
	return err
}
