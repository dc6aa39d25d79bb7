package lifecycle

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/internal/jsonread"
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
	type problem = [2]string // field, problem
	tests := []struct {
		name string
		line string
		want []problem
	}{
		{"M3 queue line that is not JSON names no field", `id: E-1`, []problem{{"", "not JSON: invalid value at byte 0"}}},
		{"M3 queue line that is an array names no field", `["E-1"]`, []problem{{"", "want a JSON object, got an array"}}},
		{"M3 queue line with two objects names no field", `{} {}`, []problem{{"", "not JSON: data after the JSON value at byte 3"}}},
		{"M3 queue line with invalid UTF-8 names no field", "{\"id\": \"E-\xff\"}", []problem{{"", "not JSON: invalid UTF-8 at byte 10"}}},
		{"M3 queue line missing every required field", `{}`, []problem{
			{"id", "missing"}, {"case_id", "missing"}, {"priority", "missing"}, {"offering", "missing"},
			{"submitted_at", "missing"}, {"last_updated_at", "missing"}}},
		{"M3 queue line null counts as missing", `{"id": null, "case_id": "C", ` + rest + `}`, []problem{{"id", "missing"}}},
		{"M3 queue line IDs with lone surrogates", `{"id": "E-\ud800", "case_id": "C-\ufffd", ` + rest + `}`,
			[]problem{{"id", "contains U+FFFD, the replacement for an invalid character"}, {"case_id", "contains U+FFFD, the replacement for an invalid character"}}},
		{"M3 queue line empty ID", `{"id": "", "case_id": "C", ` + rest + `}`, []problem{{"id", "empty"}}},
		{"M3 queue line unknown field", `{"id": "E", "case_id": "C", "now": "2024-03-04T10:00:00Z", ` + rest + `}`, []problem{{"now", "unknown field"}}},
		{"M3 queue line unknown field that is not an identifier", `{"id": "E", "case_id": "C", "a b": 1, "` + strings.Repeat("k", 65) + `": 2, ` + rest + `}`,
			[]problem{{"", "unknown field"}, {"", "unknown field"}}},
		{"M3 queue line field names are case-sensitive", `{"ID": "E", "case_id": "C", ` + rest + `}`, []problem{{"ID", "unknown field"}, {"id", "missing"}}},
		{"M3 queue line repeated field", `{"id": "E", "id": "F", "case_id": "C", ` + rest + `}`, []problem{{"id", "duplicate field"}}},
		{"M3 queue line unknown priority", `{"id": "E", "case_id": "C", "priority": "urgent", "offering": "gov", "submitted_at": "2024-03-04T10:00:00Z", "last_updated_at": "2024-03-04T10:00:00Z"}`,
			[]problem{{"priority", "unknown value"}, {"offering", "unknown value"}}},
		{"M3 queue line empty enum", `{"id": "E", "case_id": "C", "priority": "", "offering": "commercial", "submitted_at": "2024-03-04T10:00:00Z", "last_updated_at": "2024-03-04T10:00:00Z"}`,
			[]problem{{"priority", "unknown value"}}},
		{"M3 queue line wrong JSON types", `{"id": 1, "case_id": "C", "business_impact": "yes", ` + rest + `}`,
			[]problem{{"id", "want a string, got a number"}, {"business_impact", "want true or false, got a string"}}},
		{"M3 queue line times after now", `{"id": "E", "case_id": "C", "priority": "low", "offering": "commercial", "submitted_at": "2024-03-04T15:00:01Z", "last_updated_at": "2024-03-04T16:00:00+01:00", "rca_due_at": "2030-01-01T00:00:00Z"}`,
			[]problem{{"submitted_at", "after now"}}},
		{"M3 queue line bad times", `{"id": "E", "case_id": "C", "priority": "low", "offering": "commercial", "submitted_at": "2024-03-04 10:00", "last_updated_at": "0001-01-01T00:00:00Z", "rca_due_at": 5}`,
			[]problem{{"submitted_at", "not an RFC 3339 time"}, {"last_updated_at", "out of range"}, {"rca_due_at", "want a string, got a number"}}},
		{"M3 queue line offsets beyond 23:59 and year 0000", `{"id": "E", "case_id": "C", "priority": "low", "offering": "commercial", "submitted_at": "2024-03-04T10:00:00+24:00", "last_updated_at": "0000-12-31T00:00:00Z", "rca_due_at": "2024-03-04T10:00:00-00:60"}`,
			[]problem{{"submitted_at", "not an RFC 3339 time"}, {"last_updated_at", "out of range"}, {"rca_due_at", "not an RFC 3339 time"}}},
		{"M3 queue line times outside the years 0001-9999 in UTC", `{"id": "E", "case_id": "C", "priority": "low", "offering": "commercial", "submitted_at": "0001-01-01T00:30:00+01:00", "last_updated_at": "2024-03-04T10:00:00Z", "rca_due_at": "9999-12-31T23:00:00-02:00"}`,
			[]problem{{"submitted_at", "out of range"}, {"rca_due_at", "out of range"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeItem([]byte(tt.line), t0)
			if !errors.Is(err, ErrInvalidInput) || !errors.Is(err, escalation.ErrInvalidInput) {
				t.Fatalf("DecodeItem(%s) error = %v, want ErrInvalidInput", tt.line, err)
			}
			var got []problem
			for _, fe := range escalation.Problems(err) {
				got = append(got, problem{fe.Field, fe.Problem})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DecodeItem(%s) mismatch (-want +got):\n%s", tt.line, diff)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q spans lines", err)
			}
		})
	}
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
			fes := escalation.Problems(err)
			if len(fes) == 0 || strings.Contains(err.Error(), "\n") {
				t.Fatalf("DecodeItem(%q) error %v is not a list of *FieldError", line, err)
			}
			for _, fe := range fes {
				if fe.Problem == "" || len(fe.Problem) > 100 ||
					!knownFields[fe.Field] && (fe.Problem != "unknown field" || !jsonread.IsIdentifier([]byte(fe.Field))) {
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
