package access

import (
	"github.com/casepolicy/casepolicy/internal/enum"
)

// ErrUnknownValue is wrapped by every error that reports text which is not one
// of an enumeration's names.
var ErrUnknownValue = enum.ErrUnknown

// ParseError reports text that could not be parsed as one of this package's
// enumerations. It reads like `parse role "admin": unknown value` and unwraps
// to ErrUnknownValue.
type ParseError = enum.Error

// Role is a requester's portal role. Text forms: "read_only",
// "designated_contact". The zero Role is not valid: it is allowed nothing, and
// the escalation package reports it missing.
type Role uint8

// The roles.
const (
	ReadOnly          Role = iota + 1 // read-only access (A2)
	DesignatedContact                 // a designated contact (A1)
)

var roleNames = enum.Names{Type: "Role", Kind: "role", Names: []string{"", "read_only", "designated_contact"}}

// String returns the text form, or "Role(n)" for an unknown value.
func (r Role) String() string { return roleNames.String(uint8(r)) }

// MarshalText implements encoding.TextMarshaler; an unknown value is an error.
func (r Role) MarshalText() ([]byte, error) { return roleNames.Marshal(uint8(r)) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly what
// MarshalText writes; the empty string is not a role.
func (r *Role) UnmarshalText(text []byte) error {
	v, err := ParseRole(string(text))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// ParseRole parses "designated_contact" or "read_only".
func ParseRole(s string) (Role, error) {
	i, err := roleNames.Parse(s)
	return Role(i), err
}

// Action is something a user does in the support portal. The zero Action is
// unset: not an action, allowed to nobody. Text forms are the snake_case names: "create", "update", "close",
// "reopen", "escalate", "use_care_apps", "view_case",
// "search_knowledge_base", "register_tutorials", "read_announcements".
type Action uint8

// The actions.
const (
	Create              Action = iota + 1 // create a case (A1)
	Update                                // update a case (A1)
	Close                                 // close a case (A1)
	Reopen                                // reopen a case (A1)
	Escalate                              // escalate a case (A1, G6)
	UseCareApps                           // use the care apps and tools (A1)
	ViewCase                              // view a case, subject to CanView (A1, A2)
	SearchKnowledgeBase                   // search the knowledge base and documentation (A3)
	RegisterTutorials                     // register for tutorials (A3)
	ReadAnnouncements                     // read announcements (A3)
)

var actionNames = enum.Names{Type: "Action", Kind: "action", Names: []string{"", "create", "update", "close", "reopen", "escalate", "use_care_apps",
	"view_case", "search_knowledge_base", "register_tutorials", "read_announcements"}}

// String returns the text form, or "Action(n)" for an unknown value.
func (a Action) String() string { return actionNames.String(uint8(a)) }

// MarshalText implements encoding.TextMarshaler; an unknown value is an error.
func (a Action) MarshalText() ([]byte, error) { return actionNames.Marshal(uint8(a)) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly what
// MarshalText writes.
func (a *Action) UnmarshalText(text []byte) error {
	v, err := ParseAction(string(text))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// ParseAction parses an action's text form.
func ParseAction(s string) (Action, error) {
	i, err := actionNames.Parse(s)
	return Action(i), err
}

// Allowed reports whether a user with role may perform action a at all (A1-A3).
// A designated contact may do everything; a read-only user may view cases
// (which ones: [CanView]) and use what A3 opens to everyone, never create,
// update, close, reopen or escalate a case or use the care apps. Unknown roles
// and actions are never allowed.
func Allowed(role Role, a Action) bool {
	if a < Create || a > ReadAnnouncements {
		return false
	}
	switch role {
	case DesignatedContact:
		return true
	case ReadOnly:
		switch a {
		case ViewCase, SearchKnowledgeBase, RegisterTutorials, ReadAnnouncements:
			return true
		}
	}
	return false
}

// User is a person with portal access. The zero value has no role and no
// company, and can view no case.
type User struct {
	Role    Role
	Company string // identifier of the user's company; "" is none
}

// CaseRef is what CanView needs to know about a case. The zero value belongs
// to no company.
type CaseRef struct {
	Company string // identifier of the company whose contact opened the case; "" is none
	// OpenedByDesignatedContact is true when one of that company's designated
	// contacts opened the case.
	OpenedByDesignatedContact bool
}

// CanView reports whether user may view case c (A1, A2). Both need the same
// non-empty company identifier (compared exactly). A designated contact views
// the company's cases; a read-only user views only the cases the company's
// designated contacts opened. Unknown roles view nothing.
func CanView(user User, c CaseRef) bool {
	if user.Company == "" || user.Company != c.Company {
		return false
	}
	switch user.Role {
	case DesignatedContact:
		return true
	case ReadOnly:
		return c.OpenedByDesignatedContact
	}
	return false
}
