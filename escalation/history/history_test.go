package history

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/priority"
)

// workedExample is docs/CONTRACT.md's history, as the command's testdata
// holds it.
func workedExample(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("../../examples/casepolicy/testdata/timeline/history.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func mustParse(t testing.TB, s string) *History {
	t.Helper()
	h, err := Parse([]byte(s))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return h
}

func TestParseEncodeRoundTrip(t *testing.T) {
	h := mustParse(t, string(workedExample(t)))
	if h.Len() != 11 || !h.Start().Equal(at("2024-03-01T09:00:00Z")) || !h.End().Equal(at("2024-03-21T09:00:00Z")) {
		t.Fatalf("Len, Start, End = %d, %v, %v", h.Len(), h.Start(), h.End())
	}
	enc := h.AppendJSONL(nil)
	back := mustParse(t, string(enc))
	if !reflect.DeepEqual(back.Events(), h.Events()) {
		t.Fatalf("decode(encode(h)) != h:\n%s", enc)
	}
	if again := back.AppendJSONL(nil); string(again) != string(enc) {
		t.Fatalf("encoding is not stable:\n%s\n%s", enc, again)
	}
	// A byte order mark and CRLF line ends are read too.
	bom := mustParse(t, "\xef\xbb\xbf"+strings.ReplaceAll(string(workedExample(t)), "\n", "\r\n"))
	if !reflect.DeepEqual(bom.Events(), h.Events()) {
		t.Fatal("a BOM or CRLF changed the events")
	}
	// Offsets other than Z are kept as the same instant, in UTC.
	h2 := mustParse(t, `{"at":"2024-03-01T10:00:00+01:00","type":"opened","case":{"id":"1","priority":"low","deployment":"cloud","offering":"commercial"}}`)
	if got := h2.Events()[0].At; got != at("2024-03-01T09:00:00Z") {
		t.Fatalf("at = %v, want 09:00 UTC", got)
	}
}

func TestSnapshot(t *testing.T) {
	h := mustParse(t, string(workedExample(t)))
	if c := h.Snapshot(at("2024-03-01T08:59:59.999999999Z")); c != nil {
		t.Fatalf("a case before opened: %+v", c)
	}
	c := h.Snapshot(at("2024-03-02T10:00:00Z"))
	if c.Status != escalation.Open || c.Priority != priority.High || !c.BusinessImpact ||
		c.LastUpdatedAt != at("2024-03-02T10:00:00Z") || c.LastSupportUpdateAt != at("2024-03-01T11:00:00Z") ||
		c.OpenedAt != at("2024-03-01T09:00:00Z") || c.ID != "00123456" {
		t.Fatalf("snapshot after the customer's update: %+v", c)
	}
	c = h.Snapshot(at("2024-03-04T12:00:00Z"))
	if c.Priority != priority.Critical || c.AwaitingCustomer || len(c.Escalations) != 1 ||
		c.Escalations[0] != (escalation.Escalation{ID: "E-1", OpenedAt: at("2024-03-04T09:00:00Z")}) {
		t.Fatalf("snapshot with an open escalation: %+v", c)
	}
	c = h.Snapshot(at("2024-03-06T10:00:00Z"))
	if c.Escalations[0].ClosedAt != at("2024-03-05T09:00:00Z") ||
		c.RCA.RequestedAt != at("2024-03-06T09:00:00Z") || c.RCA.ServiceRestoredAt != at("2024-03-06T10:00:00Z") {
		t.Fatalf("snapshot after restoration: %+v", c)
	}
	if c := h.Snapshot(at("2024-03-20T17:00:00Z")); c.Status != escalation.Closed || c.LastUpdatedAt != at("2024-03-20T17:00:00Z") {
		t.Fatalf("snapshot when closed: %+v", c)
	}
	// The result is the caller's.
	c.Escalations[0].ID = "changed"
	if h.Snapshot(at("2024-03-06T10:00:00Z")).Escalations[0].ID != "E-1" {
		t.Fatal("changing a snapshot changed the history")
	}
}

func TestSetClearsAndCalendars(t *testing.T) {
	h := mustParse(t, `{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"medium","deployment":"cloud","offering":"commercial","product":"engage","region":"eu-west-1","engaged":["development"],"calendar":"GB"}}
{"at":"2024-03-02T09:00:00Z","type":"set","by":"customer","fields":{"time_zone":"Europe/London"}}
{"at":"2024-03-03T09:00:00Z","type":"set","fields":{"product":null,"region":null,"engaged":null,"calendar":null}}
{"at":"2024-03-04T09:00:00Z","type":"set","fields":{"time_zone":null}}
{"at":"2024-03-05T09:00:00Z","type":"rca_requested"}
{"at":"2024-03-06T09:00:00Z","type":"rca_requested"}`)
	c := h.Snapshot(at("2024-03-01T09:00:00Z"))
	if c.Product != escalation.Engage || c.Region != "eu-west-1" || len(c.Engaged) != 1 ||
		c.Calendar.Name() != "GB" || c.Calendar.Location().String() != "UTC" {
		t.Fatalf("opened: %+v", c)
	}
	c = h.Snapshot(at("2024-03-02T09:00:00Z"))
	if c.Calendar.Name() != "GB" || c.Calendar.Location().String() != "Europe/London" ||
		c.LastSupportUpdateAt != at("2024-03-01T09:00:00Z") || c.LastUpdatedAt != at("2024-03-02T09:00:00Z") {
		t.Fatalf("after a customer's set: %+v", c)
	}
	c = h.Snapshot(at("2024-03-03T09:00:00Z"))
	if c.Product != 0 || c.Region != "" || c.Engaged != nil || c.Calendar.Name() != "US" || c.Calendar.Location().String() != "Europe/London" {
		t.Fatalf("after clearing: %+v (calendar %v)", c, c.Calendar)
	}
	if c = h.Snapshot(at("2024-03-04T09:00:00Z")); c.Calendar.IsValid() {
		t.Fatalf("clearing both names leaves the policy's calendar, got %v", c.Calendar)
	}
	if c = h.Snapshot(at("2024-03-06T09:00:00Z")); c.RCA.RequestedAt != at("2024-03-06T09:00:00Z") {
		t.Fatalf("a second rca_requested replaces the time: %v", c.RCA.RequestedAt)
	}
}

const opened = `{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"high","deployment":"cloud","offering":"commercial"}}`

func TestProblems(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []Problem
	}{
		{"empty", "\n\n", []Problem{{1, "type", "missing: a history starts with an opened event"}}},
		{"first event not opened", `{"at":"2024-03-01T09:00:00Z","type":"updated"}`,
			[]Problem{{1, "type", "the first event must be opened"}}},
		{"second opened", opened + "\n" + opened, []Problem{{2, "type", "a second opened event"}}},
		{"out of order", opened + "\n" + `{"at":"2024-03-01T08:59:59.999999999Z","type":"updated"}`,
			[]Problem{{2, "at", "before the previous event"}}},
		{"closing an escalation that is not open", opened + "\n" + `{"at":"2024-03-02T09:00:00Z","type":"escalation_closed","id":"E-secret"}`,
			[]Problem{{2, "id", "no open escalation has this id"}}},
		{"closing another escalation", opened + "\n" + `{"at":"2024-03-02T09:00:00Z","type":"escalation_opened","id":"E-1"}` + "\n" +
			`{"at":"2024-03-02T09:00:00Z","type":"escalation_closed","id":"E-2"}`,
			[]Problem{{3, "id", "no open escalation has this id"}}},
		{"opening one while one is open", opened + "\n" + `{"at":"2024-03-02T09:00:00Z","type":"escalation_opened","id":"E-1"}` + "\n" +
			`{"at":"2024-03-03T09:00:00Z","type":"escalation_opened","id":"E-2"}`,
			[]Problem{{3, "type", "an escalation is already open"}}},
		{"closed twice", opened + "\n" + `{"at":"2024-03-02T09:00:00Z","type":"closed"}` + "\n" + `{"at":"2024-03-03T09:00:00Z","type":"closed"}`,
			[]Problem{{3, "type", "the case is already closed"}}},
		{"reopened while open", opened + "\n\n" + `{"at":"2024-03-02T09:00:00Z","type":"reopened","by":"customer"}`,
			[]Problem{{3, "type", "the case is not closed"}}},
		{"FedRAMP case outside us-east-2", `{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"high","deployment":"cloud","offering":"fedramp","region":"eu-west-9"}}`,
			[]Problem{{1, "case.region", "a FedRAMP case is hosted in us-east-2 (F7)"}}},
		{"a commercial case in eu-west-9 turns FedRAMP", `{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"high","deployment":"cloud","offering":"commercial","region":"eu-west-9"}}` + "\n" +
			`{"at":"2024-03-02T09:00:00Z","type":"set","fields":{"offering":"fedramp"}}`,
			[]Problem{{2, "fields.offering", "a FedRAMP case is hosted in us-east-2 (F7)"}}},
		{"a FedRAMP case moves to eu-west-9", `{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"high","deployment":"cloud","offering":"fedramp","region":"US-EAST-2"}}` + "\n" +
			`{"at":"2024-03-02T09:00:00Z","type":"set","fields":{"region":"eu-west-9"}}`,
			[]Problem{{2, "fields.region", "a FedRAMP case is hosted in us-east-2 (F7)"}}},
		{"unknown type, field and value", opened + "\n" + `{"at":"2024-03-02T09:00:00Z","type":"reopen-secret","colour":"x","jane@example.com":1}` + "\n" +
			`{"at":"2024-03-02T09:00:00Z","type":"set","fields":{"priority":"urgent-secret","weather":1}}`,
			[]Problem{{2, "type", "unknown value"}, {2, "colour", "unknown field"}, {2, "", "unknown field"},
				{3, "fields.priority", "unknown value"}, {3, "fields.weather", "unknown field"}}},
		{"fields of another type", opened + "\n" + `{"at":"2024-03-02T09:00:00Z","type":"rca_requested","by":"support","id":"E-1"}`,
			[]Problem{{2, "by", "not a field of this event type"}, {2, "id", "not a field of this event type"}}},
		{"missing fields", `{"type":"opened","case":{"priority":"high"}}` + "\n" + `{"at":"2024-03-02T09:00:00Z","type":"set"}` + "\n" +
			`{"at":"2024-03-02T09:00:00Z","type":"escalation_opened"}`,
			[]Problem{{1, "case.id", "missing"}, {1, "case.deployment", "missing"}, {1, "case.offering", "missing"}, {1, "at", "missing"},
				{2, "fields", "missing"}, {3, "id", "missing"}}},
		{"null cannot clear a required field", opened + "\n" + `{"at":"2024-03-02T09:00:00Z","type":"set","fields":{"priority":null,"awaiting_customer":null}}`,
			[]Problem{{2, "fields.priority", "required: null cannot clear it"}, {2, "fields.awaiting_customer", "required: null cannot clear it"}}},
		{"unknown calendar and zone", `{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"high","deployment":"cloud","offering":"commercial","calendar":"XX-secret","time_zone":"Mars/Olympus"}}` + "\n" +
			`{"at":"2024-03-02T09:00:00Z","type":"set","fields":{"calendar":"","time_zone":"Nowhere/secret"}}`,
			[]Problem{{1, "case.calendar", "unknown calendar"}, {1, "case.time_zone", "unknown time zone"},
				{2, "fields.calendar", "unknown calendar"}, {2, "fields.time_zone", "unknown time zone"}}},
		{"duplicate field and a wrong type", opened + "\n" + `{"at":"2024-03-02T09:00:00Z","at":"2024-03-02T09:00:00Z","type":"updated","by":7}`,
			[]Problem{{2, "at", "duplicate field"}, {2, "by", "want a string, got a number"}}},
		{"not JSON", opened + "\n" + `{"at":"secret`, []Problem{{2, "", "not JSON: unexpected end of input in string at byte 13"}}},
		{"not an object", opened + "\n" + `["secret"]`, []Problem{{2, "", "want a JSON object, got an array"}}},
		{"time out of range", opened + "\n" + `{"at":"2024-03-02T09:00:00+24:00","type":"updated"}`, []Problem{{2, "at", "not an RFC 3339 time"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in))
			var he *Error
			if !errors.As(err, &he) {
				t.Fatalf("Parse: %v, want an *Error", err)
			}
			if !errors.Is(err, escalation.ErrInvalidInput) {
				t.Error("the error does not wrap escalation.ErrInvalidInput")
			}
			if !reflect.DeepEqual(he.Problems, tc.want) {
				t.Fatalf("problems\n got %q\nwant %q", he.Problems, tc.want)
			}
			for _, secret := range []string{"secret", "eu-west-9", "jane", "urgent", "Mars"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("the error repeats input: %v", err)
				}
			}
		})
	}
}

func TestSameInstantIsOneSnapshot(t *testing.T) {
	// Checked once all events at an instant have applied: the offering and
	// the region may change together, and an escalation may open and close
	// at one instant.
	h := mustParse(t, `{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"medium","deployment":"cloud","offering":"commercial","region":"eu-west-1"}}
{"at":"2024-03-02T09:00:00Z","type":"set","fields":{"offering":"fedramp"}}
{"at":"2024-03-02T09:00:00Z","type":"set","fields":{"region":"us-east-2"}}
{"at":"2024-03-03T09:00:00Z","type":"escalation_opened","id":"E-1"}
{"at":"2024-03-03T09:00:00Z","type":"escalation_closed","id":"E-1"}`)
	if c := h.Snapshot(at("2024-03-03T09:00:00Z")); len(c.Escalations) != 1 || c.Escalations[0].ActiveAt(at("2024-03-03T09:00:00Z")) {
		t.Fatalf("escalation: %+v", c.Escalations)
	}
}

func TestNewChecksGoValues(t *testing.T) {
	bad := priority.Level(42)
	_, err := New(
		Event{At: at("2024-03-01T09:00:00Z"), Type: Opened, Case: &Opening{ID: "1", Priority: priority.High, Deployment: escalation.Cloud}},
		Event{At: at("2024-03-02T09:00:00Z"), Type: SetFields, Fields: &Fields{Priority: &bad}},
		Event{At: at("2024-03-02T09:00:00Z"), Type: Updated, ID: "x"},
		Event{Type: RCARequested, By: Customer},
	)
	var he *Error
	if !errors.As(err, &he) {
		t.Fatalf("New: %v", err)
	}
	want := []Problem{{1, "case.offering", "missing or unknown value"}, {2, "fields.priority", "unknown value"},
		{3, "id", "not a field of this event type"}, {4, "at", "missing"}, {4, "by", "not a field of this event type"}}
	if !reflect.DeepEqual(he.Problems, want) {
		t.Fatalf("problems\n got %q\nwant %q", he.Problems, want)
	}
	if got := he.Problems[0].String(); got != "line 1: case.offering: missing or unknown value" {
		t.Fatalf("String() = %q", got)
	}
}

func readTestdata(name string) ([]byte, error) {
	return os.ReadFile("../../examples/casepolicy/testdata/timeline/" + name)
}

func TestSnapshotProblemsOnceEach(t *testing.T) {
	// The region stays wrong for three instants: one problem. A later,
	// separate problem is still found.
	_, err := Parse([]byte(`{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"high","deployment":"cloud","offering":"fedramp","region":"eu-west-1"}}
{"at":"2024-03-02T09:00:00Z","type":"updated"}
{"at":"2024-03-03T09:00:00Z","type":"closed"}
{"at":"2024-03-04T09:00:00Z","type":"closed"}
{"at":"2024-03-05T09:00:00Z","type":"set","fields":{"region":"us-east-2"}}
{"at":"2024-03-06T09:00:00Z","type":"set","fields":{"region":"eu-central-1"}}`))
	var he *Error
	if !errors.As(err, &he) {
		t.Fatalf("Parse: %v", err)
	}
	want := []Problem{{1, "case.region", "a FedRAMP case is hosted in us-east-2 (F7)"}, {4, "type", "the case is already closed"},
		{6, "fields.region", "a FedRAMP case is hosted in us-east-2 (F7)"}}
	if !reflect.DeepEqual(he.Problems, want) {
		t.Fatalf("problems\n got %q\nwant %q", he.Problems, want)
	}
}
