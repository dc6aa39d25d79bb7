package lifecycle

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
	"github.com/google/go-cmp/cmp"
)

const validLine = `{"id": "E-1", "case_id": "00123456", "priority": "high", "business_impact": true, "offering": "fedramp", ` +
	`"submitted_at": "2024-03-04T10:00:00-05:00", "last_updated_at": "2024-03-03T09:00:00.25Z", "rca_due_at": "2024-03-08T12:00:00Z"}`

func TestDecodeItem(t *testing.T) {
	got, err := DecodeItem([]byte(validLine), t0)
	if err != nil {
		t.Fatal(err)
	}
	want := Item{
		ID: "E-1", CaseID: "00123456", Priority: priority.High, BusinessImpact: true, Offering: fedramp.FedRAMP,
		SubmittedAt:   time.Date(2024, 3, 4, 15, 0, 0, 0, time.UTC),
		LastUpdatedAt: time.Date(2024, 3, 3, 9, 0, 0, 250_000_000, time.UTC),
		RCADueAt:      time.Date(2024, 3, 8, 12, 0, 0, 0, time.UTC),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DecodeItem mismatch (-want +got):\n%s", diff)
	}
	b, err := got.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	const wantJSON = `{"id":"E-1","case_id":"00123456","priority":"high","business_impact":true,"offering":"fedramp",` +
		`"submitted_at":"2024-03-04T15:00:00Z","last_updated_at":"2024-03-03T09:00:00.25Z","rca_due_at":"2024-03-08T12:00:00Z"}`
	if string(b) != wantJSON {
		t.Errorf("MarshalJSON = %s, want %s", b, wantJSON)
	}
}

func TestDecodeItemErrors(t *testing.T) {
	const rest = `"priority": "medium", "offering": "commercial", "submitted_at": "2024-03-04T10:00:00Z", "last_updated_at": "2024-03-04T10:00:00Z"`
	tests := []struct {
		name string
		line string
		want []FieldError
	}{
		{"M3 queue line that is not JSON names no field", `id: E-1`, []FieldError{{"", "not a JSON object"}}},
		{"M3 queue line that is an array names no field", `["E-1"]`, []FieldError{{"", "not a JSON object"}}},
		{"M3 queue line with two objects names no field", `{} {}`, []FieldError{{"", "not a JSON object: data after the object"}}},
		{"M3 queue line missing every required field", `{}`, []FieldError{
			{"id", "missing"}, {"case_id", "missing"}, {"priority", "missing"}, {"offering", "missing"},
			{"submitted_at", "missing"}, {"last_updated_at", "missing"}}},
		{"M3 queue line null counts as missing", `{"id": null, "case_id": "C", ` + rest + `}`, []FieldError{{"id", "missing"}}},
		{"M3 queue line empty ID", `{"id": "", "case_id": "C", ` + rest + `}`, []FieldError{{"id", "empty"}}},
		{"M3 queue line unknown field", `{"id": "E", "case_id": "C", "now": "2024-03-04T10:00:00Z", ` + rest + `}`, []FieldError{{"now", "unknown field"}}},
		{"M3 queue line field names are case-sensitive", `{"ID": "E", "case_id": "C", ` + rest + `}`, []FieldError{{"ID", "unknown field"}, {"id", "missing"}}},
		{"M3 queue line repeated field", `{"id": "E", "id": "F", "case_id": "C", ` + rest + `}`, []FieldError{{"id", "repeated field"}}},
		{"M3 queue line unknown priority", `{"id": "E", "case_id": "C", "priority": "urgent", "offering": "gov", "submitted_at": "2024-03-04T10:00:00Z", "last_updated_at": "2024-03-04T10:00:00Z"}`,
			[]FieldError{{"priority", `unknown value "urgent"`}, {"offering", `unknown value "gov"`}}},
		{"M3 queue line empty enum", `{"id": "E", "case_id": "C", "priority": "", "offering": "commercial", "submitted_at": "2024-03-04T10:00:00Z", "last_updated_at": "2024-03-04T10:00:00Z"}`,
			[]FieldError{{"priority", `unknown value ""`}}},
		{"M3 queue line wrong JSON types", `{"id": 1, "case_id": "C", "business_impact": "yes", ` + rest + `}`,
			[]FieldError{{"id", "not a string"}, {"business_impact", "not a boolean"}}},
		{"M3 queue line times after now", `{"id": "E", "case_id": "C", "priority": "low", "offering": "commercial", "submitted_at": "2024-03-04T15:00:01Z", "last_updated_at": "2024-03-04T16:00:00+01:00", "rca_due_at": "2030-01-01T00:00:00Z"}`,
			[]FieldError{{"submitted_at", "2024-03-04T15:00:01Z is after now (2024-03-04T15:00:00Z)"}}},
		{"M3 queue line bad times", `{"id": "E", "case_id": "C", "priority": "low", "offering": "commercial", "submitted_at": "2024-03-04 10:00", "last_updated_at": "0001-01-01T00:00:00Z", "rca_due_at": 5}`,
			[]FieldError{{"submitted_at", `not an RFC 3339 time: "2024-03-04 10:00"`}, {"last_updated_at", `the zero time "0001-01-01T00:00:00Z" is not allowed`}, {"rca_due_at", "not a string"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeItem([]byte(tt.line), t0)
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("DecodeItem(%s) error = %v, want ErrInvalidInput", tt.line, err)
			}
			if diff := cmp.Diff(tt.want, fieldErrors(err)); diff != "" {
				t.Errorf("DecodeItem(%s) mismatch (-want +got):\n%s", tt.line, diff)
			}
		})
	}
}

// fieldErrors lists the *FieldErrors joined in err, or nil if err holds
// anything else.
func fieldErrors(err error) []FieldError {
	u, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return nil
	}
	var out []FieldError
	for _, e := range u.Unwrap() {
		fe, ok := e.(*FieldError)
		if !ok {
			return nil
		}
		out = append(out, *fe)
	}
	return out
}

var knownFields = map[string]bool{"": true, "id": true, "case_id": true, "priority": true, "business_impact": true,
	"offering": true, "submitted_at": true, "last_updated_at": true, "rca_due_at": true}

func FuzzDecodeItem(f *testing.F) {
	f.Add([]byte(validLine))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"id": "E", "id": null, "x": [1, {"y": 2}], "priority": "critical", "offering": "commercial"}`))
	f.Add([]byte(`{"id":"E","case_id":"C","priority":"low","offering":"commercial","submitted_at":"2024-03-04T15:00:00Z","last_updated_at":"1970-01-01T00:00:00.999999999+14:00"}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, line []byte) {
		it, err := DecodeItem(line, t0)
		if err != nil {
			fes := fieldErrors(err)
			if len(fes) == 0 {
				t.Fatalf("DecodeItem(%q) error %v is not a list of *FieldError", line, err)
			}
			for _, fe := range fes {
				if fe.Problem == "" || !knownFields[fe.Field] && fe.Problem != "unknown field" && fe.Problem != "repeated field" {
					t.Fatalf("DecodeItem(%q): problem %+v names no field", line, fe)
				}
			}
			return
		}
		if _, err := Order([]Item{it}, t0); err != nil {
			t.Fatalf("DecodeItem(%q) returned an item Order refuses: %v", line, err)
		}
		b, err := it.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON(%+v): %v", it, err)
		}
		again, err := DecodeItem(b, t0)
		if err != nil {
			t.Fatalf("DecodeItem(MarshalJSON) = %v for %s", err, b)
		}
		if diff := cmp.Diff(it, again); diff != "" {
			t.Fatalf("round trip through %s mismatch (-first +second):\n%s", b, diff)
		}
		if strings.Contains(string(b), "rca_due_at") == it.RCADueAt.IsZero() {
			t.Fatalf("rca_due_at in %s but RCADueAt = %v", b, it.RCADueAt)
		}
	})
}
