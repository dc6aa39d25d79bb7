package fedramp

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func TestRoute(t *testing.T) {
	tests := []struct {
		name   string
		org    Offering
		portal Portal
		want   Routing
	}{
		{"F1 redirects a FedRAMP org on the commercial portal", FedRAMP, CommercialPortal,
			Routing{Outcome: Redirect, Code: "FEDRAMP_WRONG_PORTAL", Clause: "F1", CloseCommercialCase: true}},
		{"F1 refuses a commercial org on the FedRAMP portal", Commercial, FedRAMPPortal,
			Routing{Outcome: Refuse, Code: "COMMERCIAL_WRONG_PORTAL", Clause: "F1"}},
		{"F1 accepts a FedRAMP org on the FedRAMP portal", FedRAMP, FedRAMPPortal, Routing{Outcome: Accept}},
		{"F1 accepts a commercial org on the commercial portal", Commercial, CommercialPortal, Routing{Outcome: Accept}},
		{"F1 routes an unknown offering as FedRAMP", Offering(9), CommercialPortal,
			Routing{Outcome: Redirect, Code: "FEDRAMP_WRONG_PORTAL", Clause: "F1", CloseCommercialCase: true}},
		{"F1 refuses an unknown portal", Commercial, Portal(9), Routing{Outcome: Refuse, Code: "UNKNOWN_PORTAL", Clause: "F1"}},
		{"F1 refuses the zero Portal: unset is not the commercial portal", Commercial, 0, Routing{Outcome: Refuse, Code: "UNKNOWN_PORTAL", Clause: "F1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Route(tt.org, tt.portal)); diff != "" {
				t.Errorf("Route(%v, %v) mismatch (-want +got):\n%s", tt.org, tt.portal, diff)
			}
		})
	}
}

func TestRouteMobileApp(t *testing.T) {
	for _, tt := range []struct {
		name string
		org  Offering
		want Routing
	}{
		{"F2 refuses a FedRAMP org in the mobile app and does not redirect it", FedRAMP, Routing{Outcome: Refuse, Code: "FEDRAMP_MOBILE_APP", Clause: "F2"}},
		{"F2 accepts a commercial org in the mobile app", Commercial, Routing{Outcome: Accept}},
		{"F2 refuses an unknown offering (fails closed)", Offering(0), Routing{Outcome: Refuse, Code: "FEDRAMP_MOBILE_APP", Clause: "F2"}},
	} {
		if diff := cmp.Diff(tt.want, RouteMobileApp(tt.org)); diff != "" {
			t.Errorf("%s: mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestRouteProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		org := Offering(rapid.Uint8().Draw(t, "offering"))
		p := Portal(rapid.Uint8().Draw(t, "portal"))
		got := Route(org, p)
		if org != Commercial && p != FedRAMPPortal && got.Outcome == Accept {
			t.Fatalf("F1: FedRAMP org %v accepted via %v", org, p)
		}
		if (got.Outcome == Accept) != (got.Code == "") || !got.Outcome.IsValid() {
			t.Fatalf("outcome %v with code %q", got.Outcome, got.Code)
		}
	})
}

func TestVerifyPhone(t *testing.T) {
	tests := []struct {
		name string
		org  Offering
		pin  PIN
		want Verification
	}{
		{"F3 accepts the FedRAMP PIN on a FedRAMP call", FedRAMP, FedRAMPPIN, Verification{OK: true}},
		{"F3 refuses the commercial PIN on a FedRAMP call", FedRAMP, CommercialPIN, Verification{Code: "FEDRAMP_PIN_REQUIRED", Clause: "F3"}},
		{"F3 refuses a FedRAMP call without a PIN", FedRAMP, NoPIN, Verification{Code: "FEDRAMP_PIN_REQUIRED", Clause: "F3"}},
		{"F3 does not check commercial calls without a PIN", Commercial, NoPIN, Verification{OK: true}},
		{"F3 does not check commercial calls with the FedRAMP PIN", Commercial, FedRAMPPIN, Verification{OK: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, VerifyPhone(tt.org, tt.pin)); diff != "" {
				t.Errorf("VerifyPhone(%v, %q) mismatch (-want +got):\n%s", tt.org, tt.pin, diff)
			}
		})
	}
}

func TestSmallClauses(t *testing.T) {
	tests := []struct {
		name      string
		got, want any
	}{
		{"F7 allows us-east-2", RegionAllowed("us-east-2"), true},
		{"F7 compares regions ignoring case", RegionAllowed("US-EAST-2"), true},
		{"F7 allows a snapshot without a region", RegionAllowed(""), true},
		{"F7 refuses another region", RegionAllowed("us-east-1"), false},
		{"F7 refuses a padded region", RegionAllowed(" us-east-2"), false},
		{"F9 refuses an unassigned FedRAMP case", EscalationReady(false), Verification{Code: "FEDRAMP_UNASSIGNED", Clause: "F9"}},
		{"F9 accepts an assigned FedRAMP case", EscalationReady(true), Verification{OK: true}},
		{"F10 gives commercial cases an escalation feed", EscalationFeed(Commercial), true},
		{"F10 gives FedRAMP cases no escalation feed", EscalationFeed(FedRAMP), false},
		{"F11 flags FedRAMP interactions in the agent script", AgentScriptFlag(FedRAMP), true},
		{"F11 does not flag commercial interactions", AgentScriptFlag(Commercial), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRouteAccessRequest(t *testing.T) {
	got, ok := RouteAccessRequest(FedRAMP)
	want := AccessRequest{CaseType: "admin", Organisation: FedRAMP, Clause: "F8"}
	if diff := cmp.Diff(want, got); diff != "" || !ok {
		t.Errorf("F8 sends a FedRAMP access request to an Admin case in FedRAMP support: ok %v (-want +got):\n%s", ok, diff)
	}
	if _, ok := RouteAccessRequest(Commercial); ok {
		t.Errorf("F8 defines no route for a commercial org, got ok")
	}
}

func TestInvitation(t *testing.T) {
	sent := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	exp := sent.Add(24 * time.Hour)
	ns := time.Nanosecond
	tests := []struct {
		name string
		inv  Invitation
		now  time.Time
		want InvitationState
	}{
		{"F4 is pending right after sending", Invitation{SentAt: sent}, sent, InvitationPending},
		{"F4 is still pending at exactly sent + 24 h", Invitation{SentAt: sent}, exp, InvitationPending},
		{"F4 expires one nanosecond after sent + 24 h", Invitation{SentAt: sent}, exp.Add(ns), InvitationExpired},
		{"F4 counts an acceptance at exactly sent + 24 h", Invitation{SentAt: sent, AcceptedAt: exp}, exp.Add(time.Hour), InvitationAccepted},
		{"F4 ignores an acceptance one nanosecond late", Invitation{SentAt: sent, AcceptedAt: exp.Add(ns)}, exp.Add(time.Hour), InvitationExpired},
		{"F4 ignores an acceptance after now", Invitation{SentAt: sent, AcceptedAt: sent.Add(time.Hour)}, sent.Add(time.Minute), InvitationPending},
		{"F4 ignores an acceptance before sending", Invitation{SentAt: sent, AcceptedAt: sent.Add(-ns)}, sent.Add(time.Minute), InvitationPending},
		{"F4 compares instants, not zones", Invitation{SentAt: sent.In(time.FixedZone("X", 5*3600))}, exp.In(time.FixedZone("Y", -7*3600)), InvitationPending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.inv.State(tt.now); got != tt.want {
				t.Errorf("%+v.State(%v) = %v, want %v", tt.inv, tt.now, got, tt.want)
			}
		})
	}
	if got := (Invitation{SentAt: sent}).ExpiresAt(); !got.Equal(exp) {
		t.Errorf("ExpiresAt() = %v, want %v", got, exp)
	}
}

func TestCheckSkill(t *testing.T) {
	r := func(code string) Reason { return Reason{Code: code, Clause: "F5"} }
	tests := []struct {
		name  string
		staff Staff
		want  Eligibility
	}{
		{"F5 accepts a U.S. citizen in the U.S.", Staff{true, true, USCitizen}, Eligibility{Valid: true}},
		{"F5 accepts a green-card holder in the U.S.", Staff{true, true, GreenCardHolder}, Eligibility{Valid: true}},
		{"F5 refuses a U.S. citizen abroad", Staff{true, false, USCitizen}, Eligibility{Reasons: []Reason{r("FEDRAMP_SKILL_OUTSIDE_US")}}},
		{"F5 refuses another citizen in the U.S.", Staff{true, true, OtherCitizenship}, Eligibility{Reasons: []Reason{r("FEDRAMP_SKILL_CITIZENSHIP")}}},
		{"F5 lists both failures", Staff{true, false, OtherCitizenship}, Eligibility{Reasons: []Reason{r("FEDRAMP_SKILL_OUTSIDE_US"), r("FEDRAMP_SKILL_CITIZENSHIP")}}},
		{"F5 refuses an unclaimed skill", Staff{false, true, USCitizen}, Eligibility{Reasons: []Reason{r("FEDRAMP_SKILL_NOT_CLAIMED")}}},
		{"F5 refuses the zero Staff", Staff{}, Eligibility{Reasons: []Reason{r("FEDRAMP_SKILL_NOT_CLAIMED")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, CheckSkill(tt.staff)); diff != "" {
				t.Errorf("CheckSkill(%+v) mismatch (-want +got):\n%s", tt.staff, diff)
			}
		})
	}
}

func TestHandleTrackProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := Staff{
			ClaimsFedRAMPSkill: rapid.Bool().Draw(t, "claims skill"),
			LocatedInUS:        rapid.Bool().Draw(t, "in US"),
			Citizenship:        Citizenship(rapid.Uint8().Draw(t, "citizenship")),
		}
		ticket := Offering(rapid.Uint8().Draw(t, "ticket"))
		valid := s.ClaimsFedRAMPSkill && s.LocatedInUS && (s.Citizenship == USCitizen || s.Citizenship == GreenCardHolder)
		if ticket != Commercial && !valid && (MayHandle(s, ticket) || MayTrack(s, ticket)) {
			t.Fatalf("F5: %+v without a valid FedRAMP skill may handle or track a %v ticket", s, ticket)
		}
		if ticket == Commercial && !(MayHandle(s, ticket) && MayTrack(s, ticket)) {
			t.Fatalf("F5: %+v may not work on a commercial ticket", s)
		}
		if CheckSkill(s).Valid != valid {
			t.Fatalf("CheckSkill(%+v).Valid = %v", s, !valid)
		}
	})
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		parse func(string) error
		in    string
		want  string
	}{
		{"offering refuses the empty string", func(s string) error { _, err := ParseOffering(s); return err }, "", `parse offering "": unknown value`},
		{"offering is case-sensitive", func(s string) error { _, err := ParseOffering(s); return err }, "FedRAMP", `parse offering "FedRAMP": unknown value`},
		{"portal refuses the empty string", func(s string) error { _, err := ParsePortal(s); return err }, "", `parse portal "": unknown value`},
		{"pin refuses an unknown PIN", func(s string) error { _, err := ParsePIN(s); return err }, "x", `parse pin "x": unknown value`},
		{"kind refuses lower case", func(s string) error { _, err := ParseKind(s); return err }, "email", `parse kind "email": unknown value`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse(tt.in)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error = %v, want %s", err, tt.want)
			}
			if !errors.Is(err, ErrUnknownValue) {
				t.Errorf("error %v does not wrap ErrUnknownValue", err)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Input != tt.in {
				t.Errorf("error %v is not a *ParseError for %q", err, tt.in)
			}
		})
	}
	if p, err := ParsePIN(""); err != nil || p != NoPIN {
		t.Errorf(`ParsePIN("") = %v, %v; want NoPIN`, p, err)
	}
	if _, err := Offering(7).MarshalText(); err == nil {
		t.Errorf("Offering(7).MarshalText() succeeded")
	}
	if got := Offering(7).String(); got != "Offering(7)" {
		t.Errorf("Offering(7).String() = %q", got)
	}
}

// roundTrip checks that s parses exactly when it is the text of a value, and
// that the value writes s back.
type textEnum interface {
	MarshalText() ([]byte, error)
	String() string
}

func roundTrip[T textEnum](t *testing.T, s string, parse func(string) (T, error), unmarshal func([]byte) (T, error)) {
	v, err := parse(s)
	u, uerr := unmarshal([]byte(s))
	if (err == nil) != (uerr == nil) {
		t.Fatalf("Parse and UnmarshalText disagree on %q: %v, %v", s, err, uerr)
	}
	if err != nil {
		if !errors.Is(err, ErrUnknownValue) {
			t.Fatalf("error %v does not wrap ErrUnknownValue", err)
		}
		return
	}
	b, err := v.MarshalText()
	if err != nil || string(b) != s || v.String() != s {
		t.Fatalf("%q parsed to %v which writes %q, %v", s, v, b, err)
	}
	if ub, _ := u.MarshalText(); string(ub) != s {
		t.Fatalf("UnmarshalText(%q) writes %q", s, ub)
	}
}

func unmarshalWith[T any, P interface {
	*T
	UnmarshalText([]byte) error
}](b []byte) (T, error) {
	var v T
	err := P(&v).UnmarshalText(b)
	return v, err
}

// FuzzParse round-trips every enumeration's text form.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "commercial", "fedramp", "commercial_portal", "fedramp_portal", "mobile_app",
		"accept", "redirect_to_fedramp_portal", "refuse", "EMAIL", "PHONE", "SSN", "CARD", "IP",
		"pending", "accepted", "expired", "other", "us_citizen", "green_card_holder", "FEDRAMP"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		roundTrip(t, s, ParseOffering, unmarshalWith[Offering])
		roundTrip(t, s, ParsePortal, unmarshalWith[Portal])
		roundTrip(t, s, ParsePIN, unmarshalWith[PIN])
		roundTrip(t, s, ParseRouteOutcome, unmarshalWith[RouteOutcome])
		roundTrip(t, s, ParseKind, unmarshalWith[Kind])
		roundTrip(t, s, ParseInvitationState, unmarshalWith[InvitationState])
		roundTrip(t, s, ParseCitizenship, unmarshalWith[Citizenship])
	})
}
