package lifecycle

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
)

// TestErrorsAreEscalationsVocabulary: one FieldError and one ErrInvalidInput
// across the packages, several problems on one line.
func TestErrorsAreEscalationsVocabulary(t *testing.T) {
	_, decodeErr := DecodeItem([]byte(`{"id": 1}`), t0)
	_, orderErr := Order([]Item{{}}, t0)
	_, caseErr := NewCase("", fedramp.Offering(9))
	_, routeErr := Route(0, fedramp.Offering(9))
	_, e := escalationIn(t, UnderReview)
	_, rejectErr := e.Reject(t0.Add(3*time.Hour), Rejection{Reasons: []Reason{{}}})
	for name, err := range map[string]error{"DecodeItem": decodeErr, "Order": orderErr, "NewCase": caseErr, "Route": routeErr, "Reject": rejectErr} {
		if !errors.Is(err, escalation.ErrInvalidInput) {
			t.Errorf("%s: errors.Is(%v, escalation.ErrInvalidInput) = false", name, err)
		}
		var fe *escalation.FieldError
		if !errors.As(err, &fe) || len(escalation.Problems(err)) < 2 {
			t.Errorf("%s: %v: want several *escalation.FieldError listed by escalation.Problems", name, err)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %q spans lines", name, err)
		}
	}
}

// TestOrderComparesInstants: waiting times longer than Go's longest Duration
// (292 years) still order by the real instants.
func TestOrderComparesInstants(t *testing.T) {
	a := item("A", func(it *Item) {
		it.SubmittedAt = time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC)
		it.LastUpdatedAt = time.Date(1100, 1, 1, 0, 0, 0, 0, time.UTC)
	})
	b := item("B", func(it *Item) {
		it.SubmittedAt = time.Date(1000, 1, 1, 1, 0, 0, 0, time.UTC)
		it.LastUpdatedAt = time.Date(1050, 1, 1, 0, 0, 0, 0, time.UTC)
	})
	q, err := Order([]Item{a, b}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if q[0].Item.ID != "B" || q[0].DecidedBy != ByHoursSinceUpdate {
		t.Errorf("first %s decided by %v; want B by hours_since_update", q[0].Item.ID, q[0].DecidedBy)
	}
	if got := q[1].DaysWaiting; got < 370000 {
		t.Errorf("A waits %d days, want more than 370000 (1024 years)", got)
	}
}

func TestDecodeItemStrictTimes(t *testing.T) {
	for _, ts := range []string{"2024-03-04T10:00:00+24:00", "2024-03-04T10:00:00+00:60", "0000-03-04T10:00:00Z", "2024-03-04T10:00:00.1234567891Z"} {
		line := `{"id": "E", "case_id": "C", "priority": "low", "offering": "commercial", "submitted_at": "` + ts + `", "last_updated_at": "2024-03-04T10:00:00Z"}`
		if _, err := DecodeItem([]byte(line), t0); err == nil {
			t.Errorf("DecodeItem accepts submitted_at %s", ts)
		}
	}
}
