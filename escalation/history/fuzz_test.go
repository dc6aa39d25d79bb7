package history

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
)

func FuzzParse(f *testing.F) {
	data, err := readTestdata("history.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	for _, line := range bytes.Split(data, []byte("\n")) {
		f.Add(line)
	}
	f.Add([]byte(opened + "\n" + `{"at":"2024-03-02T09:00:00Z","type":"set","fields":{"product":null,"region":"us-east-2","calendar":"GB","time_zone":"Asia/Tokyo","engaged":["development",null]}}`))
	f.Add([]byte(opened + "\n" + `{"at":"2201-03-02T09:00:00Z","type":"rca_requested"}`))
	f.Add([]byte(`{"at":"0001-01-01T00:00:00Z","type":"opened","case":{"id":"\u00e9\ud800","priority":"high","deployment":"cloud","offering":"fedramp","region":"US-EAST-2"}}`))
	f.Fuzz(checkParse)
}

// checkParse is FuzzParse's property: Parse never panics, returns an *Error
// or a history that encodes and decodes to itself, and whose timeline is
// contiguous and maximal.
func checkParse(t *testing.T, data []byte) {
	h, err := Parse(data)
	if err != nil {
		if _, ok := err.(*Error); !ok {
			t.Fatalf("Parse returned %T, want *Error", err)
		}
		return
	}
	enc := h.AppendJSONL(nil)
	back, err := Parse(enc)
	if err != nil {
		t.Fatalf("Parse(AppendJSONL(h)): %v\n%s", err, enc)
	}
	if !reflect.DeepEqual(back.Events(), h.Events()) {
		t.Fatalf("decode(encode(h)) != h\n%s", enc)
	}
	for _, req := range []escalation.Request{portalRequest, rcaPhone} {
		to := h.End().Add(30 * 24 * time.Hour)
		tl, err := h.Timeline(Query{Set: escalation.DefaultSet(), Request: req, From: h.Start(), To: to})
		if err != nil {
			continue // an RCA target outside the calendar's years
		}
		for i := 1; i < len(tl); i++ {
			if !tl[i-1].Until.Equal(tl[i].From) || tl[i-1].same(tl[i]) {
				t.Fatalf("intervals %d and %d are not contiguous and maximal", i-1, i)
			}
		}
	}
}
