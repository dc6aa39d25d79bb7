package escalation_test

import (
	"encoding"
	"errors"
	"strings"
	"testing"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/internal/enum"
)

// textEnum is what every enum of the package implements.
type textEnum interface {
	encoding.TextMarshaler
	String() string
}

func TestEnumsRoundTripTheirContractText(t *testing.T) {
	tests := []struct {
		kind  string
		texts []string
		parse func(string) (textEnum, error)
	}{
		{"status", []string{"open", "closed"}, func(s string) (textEnum, error) { return escalation.ParseStatus(s) }},
		{"deployment", []string{"cloud", "premise"}, func(s string) (textEnum, error) { return escalation.ParseDeployment(s) }},
		{"product", []string{"cloud_cx", "engage", "pureconnect"}, func(s string) (textEnum, error) { return escalation.ParseProduct(s) }},
		{"request reason", []string{"rca", "no_recent_update", "urgency_impact_changed", "case_update", "other"}, func(s string) (textEnum, error) { return escalation.ParseRequestReason(s) }},
		{"channel", []string{"portal", "phone", "email", "chat", "web", "mobile_app"}, func(s string) (textEnum, error) { return escalation.ParseChannel(s) }},
		{"engagement", []string{"development", "cloud_operations", "third_party"}, func(s string) (textEnum, error) { return escalation.ParseEngagement(s) }},
		{"outcome", []string{"escalation_created", "escalation_created_and_case_owner_notified", "case_owner_notified", "engage_support_manager", "redirect_to_fedramp_portal", "denied"}, func(s string) (textEnum, error) { return escalation.ParseOutcome(s) }},
		{"reason code", []string{"NO_CASE", "CASE_CLOSED", "AWAITING_CUSTOMER", "ACTIVE_ESCALATION", "NOT_DESIGNATED_CONTACT", "LOW_PRIORITY", "HIGH_PRIORITY_RECENTLY_UPDATED", "NO_BUSINESS_IMPACT", "CRITICAL_USE_PHONE", "USE_PORTAL", "RCA_NOT_REQUESTED", "RCA_ANALYSIS_PERIOD", "URGENCY_CHANGE_BY_PHONE", "FEDRAMP_WRONG_PORTAL", "COMMERCIAL_WRONG_PORTAL", "FEDRAMP_MOBILE_APP", "FEDRAMP_PIN_REQUIRED", "FEDRAMP_UNASSIGNED", "UNSEEN_UPDATE", "EXTERNAL_ENGAGEMENT"}, func(s string) (textEnum, error) { return escalation.ParseCode(s) }},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			for _, text := range tt.texts {
				v, err := tt.parse(text)
				if err != nil {
					t.Fatalf("parse %q: %v", text, err)
				}
				got, err := v.MarshalText()
				if err != nil || string(got) != text || v.String() != text {
					t.Errorf("%q: MarshalText = %q, %v; String = %q", text, got, err, v.String())
				}
			}
			for _, bad := range []string{"", strings.ToUpper(tt.texts[0]), tt.texts[0] + " ", "x"} {
				if bad == tt.texts[0] {
					continue
				}
				_, err := tt.parse(bad)
				if !errors.Is(err, enum.ErrUnknown) || !strings.Contains(err.Error(), `"`+bad+`"`) || !strings.Contains(err.Error(), tt.kind) {
					t.Errorf("parse %q: error %v, want one naming the %s and quoting the input", bad, err, tt.kind)
				}
			}
		})
	}
}

func TestCodesCiteTheContractClauses(t *testing.T) {
	want := map[string]string{
		"NO_CASE": "G1", "CASE_CLOSED": "G2", "AWAITING_CUSTOMER": "G3", "ACTIVE_ESCALATION": "G5",
		"NOT_DESIGNATED_CONTACT": "G6", "LOW_PRIORITY": "P1", "HIGH_PRIORITY_RECENTLY_UPDATED": "P2",
		"NO_BUSINESS_IMPACT": "P2", "CRITICAL_USE_PHONE": "P4", "USE_PORTAL": "P5", "RCA_NOT_REQUESTED": "R1",
		"RCA_ANALYSIS_PERIOD": "R2", "URGENCY_CHANGE_BY_PHONE": "U1", "FEDRAMP_WRONG_PORTAL": "F1",
		"COMMERCIAL_WRONG_PORTAL": "F1", "FEDRAMP_MOBILE_APP": "F2", "FEDRAMP_PIN_REQUIRED": "F3",
		"FEDRAMP_UNASSIGNED": "F9", "UNSEEN_UPDATE": "G4", "EXTERNAL_ENGAGEMENT": "G7",
	}
	for text, clause := range want {
		c, err := escalation.ParseCode(text)
		if err != nil {
			t.Fatal(err)
		}
		if c.Clause() != clause {
			t.Errorf("%s cites %q, want %q", text, c.Clause(), clause)
		}
		if c.IsWarning() != (clause == "G4" || clause == "G7") {
			t.Errorf("%s IsWarning = %v", text, c.IsWarning())
		}
	}
	var c escalation.Code
	if err := c.UnmarshalText([]byte("LOW_PRIORITY")); err != nil || c.Clause() != "P1" {
		t.Errorf("UnmarshalText(LOW_PRIORITY) = %v, %v", c, err)
	}
	if _, err := escalation.Code(0).MarshalText(); err == nil {
		t.Error("the zero Code marshals")
	}
}

// IsValid is true exactly for the values that have a text form: the range
// checks agree with the names, so a new constant without a name (or a name
// without the range) is caught.
func TestEnumIsValidAgreesWithTheirText(t *testing.T) {
	for v := range 256 {
		b := uint8(v)
		for _, tc := range []struct {
			kind  string
			valid bool
			text  func() ([]byte, error)
		}{
			{"status", escalation.Status(b).IsValid(), escalation.Status(b).MarshalText},
			{"deployment", escalation.Deployment(b).IsValid(), escalation.Deployment(b).MarshalText},
			{"product", escalation.Product(b).IsValid(), escalation.Product(b).MarshalText},
			{"request reason", escalation.RequestReason(b).IsValid(), escalation.RequestReason(b).MarshalText},
			{"channel", escalation.Channel(b).IsValid(), escalation.Channel(b).MarshalText},
			{"engagement", escalation.Engagement(b).IsValid(), escalation.Engagement(b).MarshalText},
			{"outcome", escalation.Outcome(b).IsValid(), escalation.Outcome(b).MarshalText},
			{"code", escalation.Code(b).IsValid(), escalation.Code(b).MarshalText},
		} {
			_, err := tc.text()
			if tc.valid != (err == nil) {
				t.Errorf("%s %d: IsValid() = %v, MarshalText error %v", tc.kind, v, tc.valid, err)
			}
		}
	}
}
