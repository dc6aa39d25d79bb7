package escalation_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/google/go-cmp/cmp"
)

// FuzzParseInput: no input panics the decoder; every error is a non-empty
// list of *FieldError wrapping ErrInvalidInput; a success evaluates without
// panic and re-encodes to a line that parses to an equal Input.
func FuzzParseInput(f *testing.F) {
	sample := func(c, r string) string {
		return `{"now":"2024-07-05T12:00:00Z","case":` + sampleCase(c) + `,"request":` + r + `}`
	}
	seeds := []string{
		validLine,
		sample("", sampleReq),
		sample(`"priority":"low"`, sampleReq),
		sample(`"priority":"high";"business_impact":true`, `{"reason":"no_recent_update","channel":"portal","portal":"commercial","role":"designated_contact"}`),
		sample(`"deployment":"premise";"rca":{"requested_at":"2024-07-01T10:00:00Z"}`, `{"reason":"rca","channel":"portal","portal":"commercial","role":"designated_contact"}`),
		sample(`"offering":"fedramp";"region":"us-east-2"`, sampleReq),
		`{"now":"2023-09-01T12:00:00Z","policy":"2022","case":` + sampleCase(`"last_updated_at":"2023-08-30T09:00:00Z"`) + `,"request":{"reason":"urgency_impact_changed","channel":"portal","portal":"commercial","role":"designated_contact"}}`,
		sample("", `{"reason":"case_update","channel":"portal","portal":"commercial","role":"designated_contact"}`),
		sample(`"priority":"critical";"business_impact":true`, `{"reason":"other","channel":"phone","role":"designated_contact"}`),
		sample("", `{"reason":"other","channel":"portal","portal":"commercial","role":"designated_contact","last_viewed_at":"2024-07-05T07:00:00Z"}`),
		`{"case":` + sampleCase(`"status":"pending"`) + `,"request":` + sampleReq + `}`,
		`{"now":"2024-07-05T12:00:00Z"}`,
		`{"now":"2024-07-05T12:00:00Z","case":null}`,
		// Hostile.
		``,
		`null`,
		`"x"`,
		`{`,
		`{"now":`,
		validLine[:len(validLine)-7],
		"\xef\xbb\xbf" + validLine,
		`{"now":"2024-07-05T12:00:00Z","case":{"id":"\xff\xfe"}}`,
		`{"now":"\ud800","case":{"id":"\udc00\ud83d"}}`,
		`{"x":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`,
		`{"x":` + strings.Repeat(`{"a":`, 100) + `1` + strings.Repeat("}", 100) + `}`,
		`{"now":1e999999999,"case":{"assigned":-0.0e-999999,"id":123456789012345678901234567890}}`,
		`{"now":"9999-12-31T23:59:59.999999999-23:59","case":{"id":"1","status":"open","priority":"low","deployment":"cloud","offering":"commercial","last_updated_at":"0001-01-01T00:00:00+23:59"}}`,
		`{"now":"2024-07-05T12:00:00Z","case":{"id":"1","status":"open","priority":"low","deployment":"cloud","offering":"commercial","last_updated_at":"1960-01-01T00:00:00Z","rca":{"requested_at":"1960-01-01T00:00:00Z"}},"request":{"reason":"rca","channel":"web","role":"read_only"}}`,
		`{"now":"2024-07-05T12:00:00Z","now":"2024-07-05T12:00:00Z"}`,
		`{"now":"2024-07-05T12:00:00Z","case":{"escalations":[1,{},{"opened_at":null}],"engaged":[null,"x",1]}}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	set := escalation.DefaultSet()
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := set.ParseInput(data)
		if err != nil {
			ps := escalation.Problems(err)
			if len(ps) == 0 {
				t.Fatalf("ParseInput(%q): error %v lists no FieldError", data, err)
			}
			if !errors.Is(err, escalation.ErrInvalidInput) {
				t.Fatalf("ParseInput(%q): error %v does not wrap ErrInvalidInput", data, err)
			}
			var joined []error
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				joined = j.Unwrap()
			} else {
				joined = []error{err}
			}
			for _, e := range joined {
				if _, ok := e.(*escalation.FieldError); !ok {
					t.Fatalf("ParseInput(%q): %T %v is not a *FieldError", data, e, e)
				}
			}
			_ = escalation.AppendErrorJSON(nil, err)
			return
		}
		d, err := set.EvaluateInput(in)
		if err == nil {
			_ = d.AppendJSON(nil)
		} else if len(escalation.Problems(err)) == 0 {
			t.Fatalf("EvaluateInput(%q): error %v lists no FieldError", data, err)
		}
		b, err := in.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON of ParseInput(%q): %v", data, err)
		}
		back, err := set.ParseInput(b)
		if err != nil {
			t.Fatalf("ParseInput(MarshalJSON(ParseInput(%q))) = %s: %v", data, b, err)
		}
		if diff := cmp.Diff(in, back, inputOpts); diff != "" {
			t.Fatalf("ParseInput(MarshalJSON(ParseInput(%q))) mismatch (-first +second):\n%s\njson: %s", data, diff, b)
		}
	})
}

// FuzzDecodeDecision: no input panics the decision decoder; every error is
// a list of *FieldError wrapping ErrInvalidInput; a decision it takes encodes to bytes that decode to an Equal decision and
// encode to the same bytes again.
func FuzzDecodeDecision(f *testing.F) {
	for _, line := range []string{validLine} {
		in, err := escalation.DefaultSet().ParseInput([]byte(line))
		if err != nil {
			f.Fatal(err)
		}
		for _, now := range []string{"2024-07-05T12:00:00Z", "2024-07-04T12:00:00Z"} {
			in.Now = rfc(now)
			d, err := escalation.DefaultSet().EvaluateInput(in)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(d.AppendJSON(nil))
		}
	}
	f.Add([]byte(`{"allowed":false,"outcome":"denied","policy":"2022","reasons":[{"code":"CASE_CLOSED","clause":"G2","message":"m","remedy":"r","eligible_at":"2024-01-18T00:00:00Z"},{"code":"LOW_PRIORITY","clause":"P1","message":"","remedy":""}],"warnings":[{"code":"UNSEEN_UPDATE","clause":"G4","message":"w"}],"next_eligible_at":"2024-01-18T00:00:00Z","control":{"label":"Escalate Case","enabled":false,"explanation":"x"}}`))
	f.Add([]byte(`{"allowed":false,"outcome":"denied","policy":"2022","reasons":[{"code":"LOW_PRIORITY","clause":"P1"},{"code":"CASE_CLOSED","clause":"G2"}],"warnings":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var d escalation.Decision
		if err := d.UnmarshalJSON(data); err != nil {
			if len(escalation.Problems(err)) == 0 || !errors.Is(err, escalation.ErrInvalidInput) {
				t.Fatalf("error %v is not a list of problems", err)
			}
			return
		}
		once := d.AppendJSON(nil)
		var again escalation.Decision
		if err := again.UnmarshalJSON(once); err != nil {
			t.Fatalf("%s does not decode: %v", once, err)
		}
		if !again.Reasons.Equal(d.Reasons) || !again.Warnings.Equal(d.Warnings) || again.Outcome != d.Outcome || !again.NextEligibleAt.Equal(d.NextEligibleAt) {
			t.Fatalf("decode(encode(d)) differs: %v, then %v", d, again)
		}
		if twice := again.AppendJSON(nil); string(twice) != string(once) {
			t.Fatalf("encoded %s, then %s", once, twice)
		}
	})
}
