package lifecycle

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
)

// TestRankedJSONPair: every position of a queue decodes from its JSON to an
// equal Ranked and encodes to the same bytes; the command's line (with its
// reason) decodes to the same value.
func TestRankedJSONPair(t *testing.T) {
	now := time.Date(2024, 3, 4, 15, 0, 0, 0, time.UTC)
	items := []Item{
		{ID: "E-1", CaseID: "1", Priority: priority.High, BusinessImpact: true, Offering: fedramp.FedRAMP,
			SubmittedAt: now.Add(-50 * time.Hour), LastUpdatedAt: now.Add(-3 * time.Hour), RCADueAt: now.Add(-time.Hour)},
		{ID: "E-2 <&>", CaseID: "2", Priority: priority.Critical, Offering: fedramp.Commercial,
			SubmittedAt: now.Add(-time.Hour), LastUpdatedAt: now.Add(-time.Hour)},
	}
	q, err := Order(items, now)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range q {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back Ranked
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if diff := cmp.Diff(r, back); diff != "" {
			t.Errorf("round trip of %s mismatch (-want +got):\n%s", b, diff)
		}
		if again, _ := json.Marshal(back); !bytes.Equal(b, again) {
			t.Errorf("MarshalJSON(UnmarshalJSON(%s)) = %s", b, again)
		}
		line, err := q.AppendLine(nil, i)
		if err != nil {
			t.Fatal(err)
		}
		var fromLine Ranked
		if err := json.Unmarshal(line, &fromLine); err != nil || !cmp.Equal(r, fromLine) {
			t.Errorf("the queue line %s decodes to %+v, %v", line, fromLine, err)
		}
	}
}

func TestRankedUnmarshalIsStrict(t *testing.T) {
	good := `{"position":1,"id":"E-1","case_id":"1","priority":"high","business_impact":false,"offering":"commercial","submitted_at":"2024-03-04T10:00:00Z","last_updated_at":"2024-03-04T10:00:00Z","rca_overdue":false,"days_waiting":0,"hours_since_update":5,"decided_by":"last"}`
	var r Ranked
	if err := json.Unmarshal([]byte(good), &r); err != nil {
		t.Fatalf("Unmarshal(%s): %v", good, err)
	}
	for _, tc := range []struct{ name, line, field string }{
		{"position 0", strings.Replace(good, `"position":1`, `"position":0`, 1), "position"},
		{"negative wait", strings.Replace(good, `"days_waiting":0`, `"days_waiting":-1`, 1), "days_waiting"},
		{"unknown key", strings.Replace(good, `"decided_by":"last"`, `"decided_by":"luck"`, 1), "decided_by"},
		{"missing key", strings.Replace(good, `,"rca_overdue":false`, ``, 1), "rca_overdue"},
		{"unknown field", strings.Replace(good, `"position":1`, `"position":1,"rank":2`, 1), "rank"},
		{"repeated field", strings.Replace(good, `"position":1`, `"position":1,"position":1`, 1), "position"},
	} {
		err := json.Unmarshal([]byte(tc.line), &r)
		ps := escalation.Problems(err)
		if !errors.Is(err, escalation.ErrInvalidInput) || len(ps) == 0 || ps[0].Field != tc.field {
			t.Errorf("%s: Unmarshal = %v, want a problem on %s", tc.name, err, tc.field)
		}
	}
}

// TestItemUnmarshalJSON: an Item decodes what it encodes, without a now.
func TestItemUnmarshalJSON(t *testing.T) {
	it := Item{ID: "E-1", CaseID: "1", Priority: priority.Low, Offering: fedramp.Commercial,
		SubmittedAt: time.Date(2031, 1, 1, 0, 0, 0, 5, time.UTC), LastUpdatedAt: time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)}
	b, _ := json.Marshal(it)
	var back Item
	if err := json.Unmarshal(b, &back); err != nil || !cmp.Equal(it, back) {
		t.Errorf("Item round trip of %s: %+v, %v", b, back, err)
	}
}
