package escalation_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/priority"
)

func builtinsDocument(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/policy/builtins.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestBuiltinsPrintAsTheContractShows: the built-in set's document is
// byte for byte the one docs/CONTRACT.md shows.
func TestBuiltinsPrintAsTheContractShows(t *testing.T) {
	got, err := escalation.DefaultSet().MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if want := builtinsDocument(t); !bytes.Equal(got, want) {
		t.Errorf("DefaultSet().MarshalJSON() mismatch (-want +got):\n%s", cmp.Diff(string(want), string(got)))
	}
}

// TestPropertyBuiltinsDocumentDecidesLikeDefaultSet: loaded back, the
// built-ins' document decides byte for byte like the built-in Go values.
func TestPropertyBuiltinsDocumentDecidesLikeDefaultSet(t *testing.T) {
	loaded, err := escalation.ParseSetDocument(builtinsDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		s := drawSnapshot(t)
		want, err1 := escalation.DefaultSet().EvaluateInput(s.input())
		got, err2 := loaded.EvaluateInput(s.input())
		if err1 != nil || err2 != nil {
			t.Fatalf("EvaluateInput: %v, %v", err1, err2)
		}
		if w, g := want.AppendJSON(nil), got.AppendJSON(nil); !bytes.Equal(w, g) {
			t.Fatalf("decision of %v:\nbuilt-in %s\nloaded   %s", s, w, g)
		}
	})
}

// drawDocumentSet draws a valid set that a policy document can hold: the
// first version since always, the last without an end, every parameter
// random, the calendar with its weekend, closures and working hours.
func drawDocumentSet(t *rapid.T) escalation.Set {
	base := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	n := rapid.IntRange(1, 3).Draw(t, "versions")
	var ps []escalation.Policy
	from := time.Time{}
	for i := 0; i < n; i++ {
		rules := calendar.Rules{}
		if rapid.Bool().Draw(t, "own weekend?") {
			rules.Weekend = rapid.SliceOfNDistinct(rapid.SampledFrom([]time.Weekday{time.Sunday, time.Monday, time.Friday, time.Saturday}), 0, 3, func(w time.Weekday) time.Weekday { return w }).Draw(t, "weekend")
			if rules.Weekend == nil {
				rules.Weekend = []time.Weekday{}
			}
		}
		for k, m := 0, rapid.IntRange(0, 2).Draw(t, "closures"); k < m; k++ {
			cl := calendar.Closure{Date: calendar.Date{Year: 2024, Month: time.Month(rapid.IntRange(7, 8).Draw(t, "month")), Day: rapid.IntRange(1, 28).Draw(t, "day")}}
			if rapid.Bool().Draw(t, "named?") {
				cl.Name = "Closed " + string(rune('A'+k))
			}
			if rapid.Bool().Draw(t, "part day?") {
				cl.From = calendar.Clock(rapid.IntRange(1, 22).Draw(t, "from hour") * 60)
			}
			rules.Closures = append(rules.Closures, cl)
		}
		if rapid.Bool().Draw(t, "work hours?") {
			wh := new(calendar.WorkHours)
			for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday} {
				wh[d] = []calendar.Span{{From: 9 * 60, Until: 17 * 60}}
			}
			rules.WorkHours = wh
		}
		cal, err := calendar.NamedWith(rapid.SampledFrom([]string{"US", "GB", "DE"}).Draw(t, "holidays"),
			rapid.SampledFrom([]string{"UTC", "America/New_York", "Europe/Berlin"}).Draw(t, "zone"), rules)
		if err != nil {
			t.Fatalf("NamedWith: %v", err)
		}
		cfg := escalation.Config{
			Name:                    "v" + string(rune('a'+i)),
			From:                    from,
			HighPriorityWait:        time.Duration(rapid.IntRange(1, 72).Draw(t, "wait hours")) * time.Hour,
			CloudRCADays:            rapid.IntRange(1, 250).Draw(t, "cloud days"),
			PremiseRCADays:          rapid.IntRange(1, 250).Draw(t, "premise days"),
			Urgency:                 rapid.SampledFrom([]escalation.UrgencyRule{escalation.UrgencyNotGrounds, escalation.UrgencyEscalateAndNotify}).Draw(t, "urgency"),
			CaseUpdate:              rapid.SampledFrom([]escalation.CaseUpdateRule{escalation.CaseUpdateEscalates, escalation.CaseUpdateNotifiesOwner}).Draw(t, "case update"),
			CommercialLabel:         rapid.SampledFrom([]string{"Escalate Case", "Additional Help", "Get help \"now\""}).Draw(t, "commercial label"),
			FedRAMPLabel:            "Escalate Case",
			Calendar:                cal,
			CriticalByPhone:         rapid.Bool().Draw(t, "P4"),
			FedRAMPAfterAssignment:  rapid.Bool().Draw(t, "F9"),
			RCAClockFromRestoration: rapid.Bool().Draw(t, "R2 restoration"),
			EscalationFeed:          rapid.SampledFrom([]escalation.FeedRule{escalation.FeedEveryCase, escalation.FeedCommercialOnly}).Draw(t, "F10"),
			P2CountsUpdatesBy:       rapid.SampledFrom([]escalation.Updater{0, escalation.UpdatesByAnyone, escalation.UpdatesBySupport}).Draw(t, "p2 updates"),
			HighPriorityWaitClock:   rapid.SampledFrom([]escalation.WaitClock{0, escalation.WaitElapsed, escalation.WaitBusiness}).Draw(t, "wait clock"),
		}
		start := base
		if !from.IsZero() {
			start = from
		}
		next := start.Add(time.Duration(rapid.IntRange(1, 5*24).Draw(t, "switch hours")) * time.Hour)
		if i < n-1 {
			cfg.Until = next
		}
		p, err := escalation.NewPolicy(cfg)
		if err != nil {
			t.Fatalf("NewPolicy: %v", err)
		}
		ps = append(ps, p)
		from = next
	}
	s, err := escalation.NewSet(ps...)
	if err != nil {
		t.Fatalf("NewSet: %v", err)
	}
	return s
}

// TestPropertyDocumentRoundTrip: a set's document decodes to a set that
// prints the same bytes and decides the same.
func TestPropertyDocumentRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		set := drawDocumentSet(t)
		doc, err := set.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := escalation.ParseSetDocument(doc)
		if err != nil {
			t.Fatalf("ParseSetDocument(%s): %v", doc, err)
		}
		again, _ := back.MarshalJSON()
		if !bytes.Equal(doc, again) {
			t.Fatalf("round trip:\n%s\nthen\n%s", doc, again)
		}
		s := drawSnapshot(t)
		s.Policy = ""
		want, err1 := set.EvaluateInput(s.input())
		got, err2 := back.EvaluateInput(s.input())
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("errors differ: %v, %v", err1, err2)
		}
		if w, g := want.AppendJSON(nil), got.AppendJSON(nil); !bytes.Equal(w, g) {
			t.Fatalf("decision of %v:\nset    %s\nloaded %s", s, w, g)
		}
	})
}

// TestPropertyHighPriorityWaitOnlyChangesHighCases: changing one parameter
// changes only the decisions that depend on it.
func TestPropertyHighPriorityWaitOnlyChangesHighCases(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawSnapshot(t)
		s.Policy = "2024-01-18"
		cfg := escalation.V20240118().Config()
		cfg.HighPriorityWait = time.Duration(rapid.IntRange(1, 96).Draw(t, "wait hours")) * time.Hour
		p, err := escalation.NewPolicy(cfg)
		if err != nil {
			t.Fatal(err)
		}
		other, _ := escalation.NewSet(escalation.V2022(), p)
		want, _ := escalation.DefaultSet().EvaluateInput(s.input())
		got, _ := other.EvaluateInput(s.input())
		if s.Case != nil && s.Case.Priority == priority.High {
			return
		}
		if diff := cmp.Diff(want, got, exact); diff != "" {
			t.Fatalf("a non-high case's decision changed with the high-priority wait (-want +got):\n%s", diff)
		}
	})
}

func TestDiffOfTheBuiltins(t *testing.T) {
	var got []string
	for _, d := range escalation.Diff(escalation.V2022(), escalation.V20240118()) {
		got = append(got, d.String())
	}
	want := []string{
		`R2 rca_clock_from_restoration false true`,
		`P4 critical_by_phone false true`,
		`F9 fedramp_after_assignment false true`,
		`F10 escalation_feed "every_case" "commercial_only"`,
		`U1/U2 urgency_change "not_grounds" "escalate_and_notify"`,
		`C1 case_update "escalation" "notify_owner"`,
		`V2 labels.commercial "Escalate Case" "Additional Help"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Diff(2022, 2024-01-18) mismatch (-want +got):\n%s", diff)
	}
	if j := string(escalation.Diff(escalation.V2022(), escalation.V20240118())[0].AppendJSON(nil)); j != `{"clause":"R2","parameter":"rca_clock_from_restoration","a":false,"b":true}` {
		t.Errorf("AppendJSON = %s", j)
	}
}

// TestPropertyDiffLaws: a version's diff with itself is empty; diff is
// antisymmetric.
func TestPropertyDiffLaws(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ps := drawDocumentSet(t).Policies()
		a := rapid.SampledFrom(ps).Draw(t, "a")
		b := rapid.SampledFrom(ps).Draw(t, "b")
		if d := escalation.Diff(a, a); len(d) != 0 {
			t.Fatalf("Diff(a, a) = %v", d)
		}
		ab, ba := escalation.Diff(a, b), escalation.Diff(b, a)
		if len(ab) != len(ba) {
			t.Fatalf("Diff(a, b) has %d lines, Diff(b, a) %d", len(ab), len(ba))
		}
		for i := range ab {
			if ab[i].Parameter != ba[i].Parameter || ab[i].A != ba[i].B || ab[i].B != ba[i].A {
				t.Fatalf("not antisymmetric: %v vs %v", ab[i], ba[i])
			}
		}
	})
}

// TestPolicyDocumentErrors: every problem by JSON path, never the value.
func TestPolicyDocumentErrors(t *testing.T) {
	doc := string(builtinsDocument(t))
	v1 := func(from, to string) string { // change the second version only
		i := strings.Index(doc, `{"name": "2024-01-18"`)
		return doc[:i] + strings.Replace(doc[i:], from, to, 1)
	}
	third := func(head string) string { // a third version, a copy of the second with another name
		i := strings.Index(doc, `{"name": "2024-01-18"`)
		j := strings.LastIndex(doc, "\n]}")
		v := strings.Replace(doc[i:j], `"name": "2024-01-18", "from": "2024-01-18T00:00:00Z"`, `"name": "third", `+strings.Replace(head, "2024-01-18T", "2023-06-01T", 1), 1)
		if strings.Contains(head, `"name": "x"`) {
			v = strings.Replace(doc[i:j], `"name": "2024-01-18", "from": "2024-01-18T00:00:00Z"`, `"name": "x", "from": "2024-01-18T00:00:00Z"`, 1)
		}
		return doc[:j] + ",\n  " + v + doc[j:]
	}
	for _, tc := range []struct{ name, doc, field, problem string }{
		{"not a duration", v1(`"high_priority_wait": "24h"`, `"high_priority_wait": "a day"`), "versions[1].high_priority_wait", "not a duration"},
		{"negative wait", v1(`"24h"`, `"-1h"`), "versions[1].high_priority_wait", "not positive"},
		{"zero RCA days", v1(`"cloud": 5`, `"cloud": 0`), "versions[1].rca_business_days.cloud", "out of range (1 to 250)"},
		{"251 RCA days", v1(`"premise": 7`, `"premise": 251`), "versions[1].rca_business_days.premise", "out of range (1 to 250)"},
		{"fractional RCA days", v1(`"cloud": 5`, `"cloud": 5.0`), "versions[1].rca_business_days.cloud", "not an integer without fraction or exponent"},
		{"exponent RCA days", v1(`"cloud": 5`, `"cloud": 5e0`), "versions[1].rca_business_days.cloud", "not an integer without fraction or exponent"},
		{"unknown enum", v1(`"commercial_only"`, `"fedramp_only"`), "versions[1].escalation_feed", "unknown value"},
		{"boolean as string", v1(`"critical_by_phone": true`, `"critical_by_phone": "yes"`), "versions[1].critical_by_phone", "want true or false, got a string"},
		{"unknown field", v1(`"case_update"`, `"Case_update": 1, "case_update"`), "versions[1].Case_update", "unknown field"},
		{"unknown field named by data", v1(`"case_update"`, `"jane@example.com": 1, "case_update"`), "versions[1]", "unknown field"},
		{"repeated field", v1(`"case_update": "notify_owner"`, `"case_update": "notify_owner", "case_update": "notify_owner"`), "versions[1].case_update", "duplicate field"},
		{"missing field", v1(`"urgency_change": "escalate_and_notify",`, ``), "versions[1].urgency_change", "missing"},
		{"from not after the one before", third(`"from": "2024-01-18T00:00:00Z"`), "versions[2].from", "not after the previous version's from"},
		{"from equal to the one before", third(`"from": "2024-01-18T00:00:00Z", "name": "x"`), "versions[2].from", "not after the previous version's from"},
		{"second from null", v1(`"from": "2024-01-18T00:00:00Z"`, `"from": null`), "versions[1].from", "only the first version's from is null"},
		{"bad time", v1(`"2024-01-18T00:00:00Z"`, `"2024-01-18T00:00:00+24:00"`), "versions[1].from", "not an RFC 3339 time"},
		{"repeated name", v1(`"name": "2024-01-18"`, `"name": "2022"`), "versions[1].name", "repeated name"},
		{"empty name", v1(`"name": "2024-01-18"`, `"name": ""`), "versions[1].name", "empty"},
		{"empty label", v1(`"commercial": "Additional Help"`, `"commercial": ""`), "versions[1].labels.commercial", "missing or empty"},
		{"unknown calendar", v1(`"holidays": "US"`, `"holidays": "Atlantis"`), "versions[1].calendar.holidays", "unknown calendar"},
		{"unknown zone", v1(`"time_zone": "UTC"`, `"time_zone": "Mars/Olympus"`), "versions[1].calendar.time_zone", "unknown time zone"},
		{"every day a weekend day", v1(`["saturday", "sunday"]`, `["saturday", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday"]`), "versions[1].calendar.weekend", "every day of the week is a weekend day"},
		{"repeated weekday", v1(`["saturday", "sunday"]`, `["saturday", "saturday"]`), "versions[1].calendar.weekend[1]", "repeated weekday"},
		{"bad closure date", v1(`"closures": []`, `"closures": [{"date": "2024-02-30"}]`), "versions[1].calendar.closures[0].date", "not a date (YYYY-MM-DD) in the calendar's years"},
		{"closure ends before it starts", v1(`"closures": []`, `"closures": [{"date": "2024-12-24", "from": "17:00", "until": "12:00"}]`), "versions[1].calendar.closures[0]", "from is not before until"},
		{"bad work hours", v1(`"closures": []`, `"closures": [], "work_hours": {"monday": ["17:00-09:00"]}`), "versions[1].calendar.work_hours.monday[0]", "not a working interval (HH:MM-HH:MM)"},
		{"no versions", `{"versions": []}`, "versions", "no versions"},
		{"not an object", `[]`, "", "want a JSON object, got an array"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := escalation.ParseSetDocument([]byte(tc.doc))
			if !errors.Is(err, escalation.ErrInvalidInput) {
				t.Fatalf("ParseSetDocument = %v, want ErrInvalidInput", err)
			}
			var found bool
			for _, p := range escalation.Problems(err) {
				found = found || p.Field == tc.field && p.Problem == tc.problem
			}
			if !found {
				t.Errorf("problems %q; want %s: %s", err, tc.field, tc.problem)
			}
			for _, leak := range []string{"Atlantis", "Mars", "jane@", "a day", "2020"} {
				if strings.Contains(err.Error(), leak) {
					t.Errorf("error %q repeats the value %q", err, leak)
				}
			}
		})
	}
}

func FuzzParseSetDocument(f *testing.F) {
	f.Add(builtinsDocument(f))
	f.Add([]byte(`{"versions":[{"name":"a","from":null}]}`))
	f.Add([]byte(`{"versions":[{"calendar":{"closures":[{"date":"2024-12-24","from":"12:00"}],"work_hours":{"monday":["09:00-12:00","13:00-17:00"]}}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := escalation.ParseSetDocument(data)
		if err != nil {
			if !errors.Is(err, escalation.ErrInvalidInput) {
				t.Fatalf("error %v does not wrap ErrInvalidInput", err)
			}
			return
		}
		doc, err := set.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON of a decoded set: %v", err)
		}
		back, err := escalation.ParseSetDocument(doc)
		if err != nil {
			t.Fatalf("ParseSetDocument(MarshalJSON(x)): %v\n%s", err, doc)
		}
		if again, _ := back.MarshalJSON(); !bytes.Equal(doc, again) {
			t.Fatalf("round trip:\n%s\nthen\n%s", doc, again)
		}
	})
}

// BenchmarkParseSetDocument loads the built-ins' policy document: decoding,
// validation and the built versions' rendered messages and calendars.
func BenchmarkParseSetDocument(b *testing.B) {
	doc := builtinsDocument(b)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := escalation.ParseSetDocument(doc); err != nil {
			b.Fatal(err)
		}
	}
}
