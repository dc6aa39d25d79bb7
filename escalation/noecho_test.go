package escalation_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/casepolicy/casepolicy/escalation"
)

// TestErrorsNeverRepeatInputValues pins docs/CONTRACT.md: an error names the
// field and the kind of problem, never the value (it may be personal data).
func TestErrorsNeverRepeatInputValues(t *testing.T) {
	const secret = "Jane.Doe.555-0100"
	base := `{"now":"2024-03-04T15:00:00Z","case":{"id":"1","status":"open","priority":"medium","deployment":"cloud","offering":"commercial","last_updated_at":"2024-03-04T10:00:00Z"},"request":{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact"}}`
	for _, tc := range []struct{ name, from, to, field string }{
		{"policy", `"now":`, `"policy":"` + secret + `","now":`, "policy"},
		{"priority", `"priority":"medium"`, `"priority":"` + secret + `"`, "case.priority"},
		{"last_updated_at", `"last_updated_at":"2024-03-04T10:00:00Z"`, `"last_updated_at":"` + secret + `"`, "case.last_updated_at"},
		{"time after now", `"last_updated_at":"2024-03-04T10:00:00Z"`, `"last_updated_at":"2031-03-04T10:00:00.555Z"`, "case.last_updated_at"},
		{"calendar", `"offering":"commercial"`, `"offering":"commercial","calendar":"` + secret + `"`, "case.calendar"},
		{"time_zone", `"offering":"commercial"`, `"offering":"commercial","time_zone":"` + secret + `"`, "case.time_zone"},
		{"region", `"offering":"commercial"`, `"offering":"fedramp","region":"` + secret + `"`, "case.region"},
		{"pin", `"role":"designated_contact"`, `"role":"designated_contact","pin":"` + secret + `"`, "request.pin"},
		{"unknown field named by data", `"id":"1"`, `"id":"1","` + secret + `":1`, "case"},
		{"unknown identifier field", `"id":"1"`, `"id":"1","Now":1`, "case.Now"},
		{"closed before opened", `"offering":"commercial"`, `"offering":"commercial","escalations":[{"opened_at":"2024-03-02T10:00:00.555Z","closed_at":"2024-03-01T10:00:00.555Z"}]`, "case.escalations[0].closed_at"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			line := strings.Replace(base, tc.from, tc.to, 1)
			_, err := escalation.DefaultSet().ParseInput([]byte(line))
			if !errors.Is(err, escalation.ErrInvalidInput) {
				t.Fatalf("ParseInput(%s) = %v, want ErrInvalidInput", line, err)
			}
			ps := escalation.Problems(err)
			found := false
			for _, p := range ps {
				found = found || p.Field == tc.field
			}
			if !found {
				t.Errorf("problems %v do not name %s", err, tc.field)
			}
			for _, leak := range []string{secret, "555", "2031"} {
				if strings.Contains(err.Error(), leak) {
					t.Errorf("error %q repeats the input value %q", err, leak)
				}
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q spans lines", err)
			}
		})
	}
}
