package priority

// Channel is how a change of priority is requested (P5).
type Channel uint8

// The ways a priority change is requested.
const (
	// WorkNote is a work note on the case in the support portal.
	WorkNote Channel = iota + 1
	// PhoneProductSupport is a phone call to Product Support.
	PhoneProductSupport
)

// String returns "work_note" or "phone_product_support".
func (c Channel) String() string {
	switch c {
	case WorkNote:
		return "work_note"
	case PhoneProductSupport:
		return "phone_product_support"
	}
	return "Channel(invalid)"
}

// Change is how to ask for a case's priority to move from one level to another
// (P5). Raising a priority is a request of its own, not an escalation.
//
// The zero Change means "nothing to request": the levels are equal or invalid.
type Change struct {
	From, To Level
	// Channel is how to ask: a work note to reach Medium or to lower a
	// priority; a phone call to Product Support to reach High or Critical.
	Channel Channel
	// Clause is the policy clause that sets the channel: always "P5".
	Clause string
}

// RequestChange says how to ask for a case's priority to change from one level
// to another (P5). It returns ok=false when from equals to or either level is
// invalid.
//
// Raising to Medium, and any lowering, is a work note in the portal; raising to
// High or Critical is a phone call to Product Support.
func RequestChange(from, to Level) (c Change, ok bool) {
	if !from.IsValid() || !to.IsValid() || from == to {
		return Change{}, false
	}
	ch := WorkNote
	if to > from && to >= High {
		ch = PhoneProductSupport
	}
	return Change{From: from, To: to, Channel: ch, Clause: "P5"}, true
}
