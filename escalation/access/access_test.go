package access

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func TestAllowed(t *testing.T) {
	tests := []struct {
		name   string
		role   Role
		action Action
		want   bool
	}{
		{"A1 lets a designated contact create", DesignatedContact, Create, true},
		{"A1 lets a designated contact update", DesignatedContact, Update, true},
		{"A1 lets a designated contact close", DesignatedContact, Close, true},
		{"A1 lets a designated contact reopen", DesignatedContact, Reopen, true},
		{"A1 lets a designated contact escalate", DesignatedContact, Escalate, true},
		{"A1 lets a designated contact use the care apps", DesignatedContact, UseCareApps, true},
		{"A1 lets a designated contact view cases", DesignatedContact, ViewCase, true},
		{"A2 keeps a read-only user from creating", ReadOnly, Create, false},
		{"A2 keeps a read-only user from updating", ReadOnly, Update, false},
		{"A2 keeps a read-only user from closing", ReadOnly, Close, false},
		{"A2 keeps a read-only user from reopening", ReadOnly, Reopen, false},
		{"A2 keeps a read-only user from escalating", ReadOnly, Escalate, false},
		{"A2 keeps a read-only user from the care apps", ReadOnly, UseCareApps, false},
		{"A2 lets a read-only user view cases", ReadOnly, ViewCase, true},
		{"A3 lets a read-only user search the knowledge base", ReadOnly, SearchKnowledgeBase, true},
		{"A3 lets a read-only user register for tutorials", ReadOnly, RegisterTutorials, true},
		{"A3 lets a read-only user read announcements", ReadOnly, ReadAnnouncements, true},
		{"A3 lets a designated contact read announcements", DesignatedContact, ReadAnnouncements, true},
		{"an unknown role is allowed nothing", Role(9), ViewCase, false},
		{"an unknown action is allowed to nobody", DesignatedContact, Action(99), false},
		{"the zero Action is unset and allowed to nobody", DesignatedContact, Action(0), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Allowed(tt.role, tt.action); got != tt.want {
				t.Errorf("Allowed(%v, %v) = %v, want %v", tt.role, tt.action, got, tt.want)
			}
		})
	}
}

func TestCanView(t *testing.T) {
	tests := []struct {
		name string
		user User
		c    CaseRef
		want bool
	}{
		{"A2 lets a read-only user view a case their designated contact opened", User{ReadOnly, "acme"}, CaseRef{"acme", true}, true},
		{"A2 keeps a read-only user from another company's case", User{ReadOnly, "acme"}, CaseRef{"globex", true}, false},
		{"A2 keeps a read-only user from a case no designated contact opened", User{ReadOnly, "acme"}, CaseRef{"acme", false}, false},
		{"A1 lets a designated contact view the company's cases", User{DesignatedContact, "acme"}, CaseRef{"acme", false}, true},
		{"A1 keeps a designated contact from another company's case", User{DesignatedContact, "acme"}, CaseRef{"globex", true}, false},
		{"a user of no company views nothing", User{DesignatedContact, ""}, CaseRef{"", true}, false},
		{"company identifiers compare exactly", User{ReadOnly, "acme"}, CaseRef{"ACME", true}, false},
		{"an unknown role views nothing", User{Role(7), "acme"}, CaseRef{"acme", true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CanView(tt.user, tt.c); got != tt.want {
				t.Errorf("CanView(%+v, %+v) = %v, want %v", tt.user, tt.c, got, tt.want)
			}
		})
	}
}

func TestReadOnlyNeverChangesCases(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.SampledFrom([]Action{Create, Update, Close, Reopen, Escalate}).Draw(t, "changing action")
		if Allowed(ReadOnly, a) {
			t.Fatalf("A2: a read-only user may %v", a)
		}
		role := Role(rapid.Uint8().Draw(t, "role"))
		if role != DesignatedContact && Allowed(role, a) {
			t.Fatalf("A1: %v, not a designated contact, may %v", role, a)
		}
		u := User{Role: ReadOnly, Company: rapid.StringN(0, 3, -1).Draw(t, "user company")}
		c := CaseRef{Company: rapid.StringN(0, 3, -1).Draw(t, "case company"), OpenedByDesignatedContact: rapid.Bool().Draw(t, "opened by DC")}
		if CanView(u, c) && (u.Company != c.Company || !c.OpenedByDesignatedContact) {
			t.Fatalf("A2: %+v views %+v", u, c)
		}
	})
}

func TestParseErrors(t *testing.T) {
	_, err := ParseRole("")
	if diff := cmp.Diff(`parse role "": unknown value`, err.Error()); diff != "" {
		t.Errorf("ParseRole error mismatch (-want +got):\n%s", diff)
	}
	var pe *ParseError
	if !errors.Is(err, ErrUnknownValue) || !errors.As(err, &pe) {
		t.Errorf("error %v is not a *ParseError wrapping ErrUnknownValue", err)
	}
	if _, err := ParseAction("Escalate"); err == nil || err.Error() != `parse action "Escalate": unknown value` {
		t.Errorf("ParseAction(Escalate) error = %v", err)
	}
	if _, err := Role(5).MarshalText(); err == nil {
		t.Error("Role(5).MarshalText() succeeded")
	}
	if got := Action(42).String(); got != "Action(42)" {
		t.Errorf("Action(42).String() = %q", got)
	}
}

// FuzzParse round-trips ParseRole and ParseAction.
func FuzzParse(f *testing.F) {
	for _, s := range append([]string{"", "admin"}, append(roleNames.Names, actionNames.Names...)...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if r, err := ParseRole(s); err == nil {
			var u Role
			b, merr := r.MarshalText()
			if merr != nil || string(b) != s || r.String() != s || u.UnmarshalText(b) != nil || u != r {
				t.Fatalf("role %q does not round-trip: %v %q %v", s, r, b, merr)
			}
		} else if !errors.Is(err, ErrUnknownValue) {
			t.Fatalf("ParseRole(%q) error %v does not wrap ErrUnknownValue", s, err)
		} else if new(Role).UnmarshalText([]byte(s)) == nil {
			t.Fatalf("UnmarshalText accepts %q which ParseRole refuses", s)
		}
		if a, err := ParseAction(s); err == nil {
			var u Action
			b, merr := a.MarshalText()
			if merr != nil || string(b) != s || a.String() != s || u.UnmarshalText(b) != nil || u != a {
				t.Fatalf("action %q does not round-trip: %v %q %v", s, a, b, merr)
			}
		} else if !errors.Is(err, ErrUnknownValue) {
			t.Fatalf("ParseAction(%q) error %v does not wrap ErrUnknownValue", s, err)
		} else if new(Action).UnmarshalText([]byte(s)) == nil {
			t.Fatalf("UnmarshalText accepts %q which ParseAction refuses", s)
		}
	})
}
