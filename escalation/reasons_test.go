package escalation_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/escalation/access"
	"github.com/casepolicy/casepolicy/escalation/escalationtest"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// A Reasons reads as the slice it replaces: in clause order, each with its
// instant and text, At panicking out of range as an index does.
func TestReasonsReadLikeASlice(t *testing.T) {
	p2 := time.Date(2024, 3, 5, 10, 0, 0, 7, time.FixedZone("X", 3600))
	give := []escalation.Reason{
		{Code: escalation.LowPriority, Clause: "P1", Message: "low", Remedy: "raise it"},
		{Code: escalation.HighPriorityRecentlyUpdated, Clause: "P2", Message: "wait", Remedy: "later", EligibleAt: p2},
		{Code: escalation.FedRAMPUnassigned, Clause: "F9", Message: "unassigned", Remedy: "wait"},
	}
	rs, err := escalation.MakeReasons(give...)
	if err != nil {
		t.Fatal(err)
	}
	if rs.Len() != 3 {
		t.Fatalf("Len() = %d, want 3", rs.Len())
	}
	want := slices.Clone(give)
	want[1].EligibleAt = p2.UTC()
	if diff := cmp.Diff(want, rs.Slice()); diff != "" {
		t.Errorf("Slice() (-want +got):\n%s", diff)
	}
	if got := rs.At(1); got != want[1] {
		t.Errorf("At(1) = %+v, want %+v", got, want[1])
	}
	var all []escalation.Reason
	for i, r := range rs.All() {
		if i != len(all) {
			t.Fatalf("All yields index %d at position %d", i, len(all))
		}
		all = append(all, r)
	}
	if diff := cmp.Diff(want, all); diff != "" {
		t.Errorf("All() (-want +got):\n%s", diff)
	}
	if got := slices.Collect(rs.Codes()); !slices.Equal(got, []escalation.Code{escalation.LowPriority, escalation.HighPriorityRecentlyUpdated, escalation.FedRAMPUnassigned}) {
		t.Errorf("Codes() = %v", got)
	}
	if !rs.Has(escalation.FedRAMPUnassigned) || rs.Has(escalation.CaseClosed) || rs.Has(0) || rs.Has(200) {
		t.Error("Has is wrong")
	}
	if r, ok := rs.Get(escalation.HighPriorityRecentlyUpdated); !ok || r != want[1] {
		t.Errorf("Get(P2) = %+v, %v", r, ok)
	}
	if _, ok := rs.Get(escalation.NoCase); ok {
		t.Error("Get of an absent code reports it")
	}
	if got := rs.String(); got != "[LOW_PRIORITY HIGH_PRIORITY_RECENTLY_UPDATED FEDRAMP_UNASSIGNED]" {
		t.Errorf("String() = %q", got)
	}
	if got := fmt.Sprint(escalation.Reasons{}); got != "[]" {
		t.Errorf("the zero Reasons prints %q", got)
	}
	if s := (escalation.Reasons{}).Slice(); s == nil || len(s) != 0 {
		t.Errorf("the zero Reasons' Slice() = %#v, want empty and not nil", s)
	}
	for _, i := range []int{-1, 3} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("At(%d) of 3 did not panic", i)
				}
			}()
			rs.At(i)
		}()
	}
}

func TestWarningsReadLikeASlice(t *testing.T) {
	ws, err := escalation.MakeWarnings(
		escalation.Reason{Code: escalation.UnseenUpdate, Clause: "G4", Message: "unseen"},
		escalation.Reason{Code: escalation.ExternalEngagement, Clause: "G7", Message: "engaged"})
	if err != nil {
		t.Fatal(err)
	}
	if ws.Len() != 2 || ws.At(1).Code != escalation.ExternalEngagement || ws.At(0).Message != "unseen" || ws.At(0).Remedy != "" {
		t.Errorf("got %+v", ws.Slice())
	}
	if !ws.Has(escalation.UnseenUpdate) || ws.Has(escalation.LowPriority) {
		t.Error("Has is wrong")
	}
	if w, ok := ws.Get(escalation.ExternalEngagement); !ok || w.Clause != "G7" {
		t.Errorf("Get(G7) = %+v, %v", w, ok)
	}
	if got := ws.String(); got != "[UNSEEN_UPDATE EXTERNAL_ENGAGEMENT]" {
		t.Errorf("String() = %q", got)
	}
	n := 0
	for range ws.All() {
		n++
	}
	if n != 2 || len(slices.Collect(ws.Codes())) != 2 {
		t.Errorf("All/Codes yield %d", n)
	}
	other, _ := escalation.MakeWarnings(escalation.Reason{Code: escalation.UnseenUpdate, Clause: "G4", Message: "unseen"})
	if ws.Equal(other) || !ws.Equal(ws) {
		t.Error("Equal is wrong")
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("At(2) of 2 did not panic")
			}
		}()
		ws.At(2)
	}()
}

// A list a decision could not hold is refused, each problem by index and
// kind, never by value.
func TestMakeReasonsRefusesWhatNoDecisionLists(t *testing.T) {
	for _, tc := range []struct {
		name     string
		warnings bool
		give     []escalation.Reason
		want     []string
	}{
		{"out of clause order", false, []escalation.Reason{{Code: escalation.LowPriority, Clause: "P1"}, {Code: escalation.CaseClosed, Clause: "G2"}},
			[]string{"[1].code: repeated or not in clause order"}},
		{"repeated", false, []escalation.Reason{{Code: escalation.LowPriority, Clause: "P1"}, {Code: escalation.LowPriority, Clause: "P1"}},
			[]string{"[1].code: repeated or not in clause order"}},
		{"missing and unknown codes", false, []escalation.Reason{{Clause: "P1"}, {Code: 99, Clause: "P1"}},
			[]string{"[0].code: missing", "[1].code: unknown value"}},
		{"wrong clause", false, []escalation.Reason{{Code: escalation.UsePortal, Clause: "P4"}},
			[]string{"[0].clause: not the code's clause"}},
		{"a warning among reasons", false, []escalation.Reason{{Code: escalation.UnseenUpdate, Clause: "G4"}},
			[]string{"[0].code: a warning among reasons or a reason among warnings"}},
		{"a reason among warnings", true, []escalation.Reason{{Code: escalation.LowPriority, Clause: "P1"}},
			[]string{"[0].code: a warning among reasons or a reason among warnings"}},
		{"a warning with an instant", true, []escalation.Reason{{Code: escalation.UnseenUpdate, Clause: "G4", EligibleAt: time.Unix(1, 0)}},
			[]string{"[0].eligible_at: a warning has no eligible instant"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.warnings {
				var ws escalation.Warnings
				ws, err = escalation.MakeWarnings(tc.give...)
				if ws.Len() != 0 {
					t.Errorf("an error came with %v", ws)
				}
			} else {
				var rs escalation.Reasons
				rs, err = escalation.MakeReasons(tc.give...)
				if rs.Len() != 0 {
					t.Errorf("an error came with %v", rs)
				}
			}
			var got []string
			for _, fe := range escalation.Problems(err) {
				got = append(got, fe.Error())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// Every instant a time.Time of years 1 to 9999 can name comes back exact,
// and every text as given: Slice and MakeReasons are inverses.
func TestPropertyReasonsKeepWhatTheyAreGiven(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var give []escalation.Reason
		for c := escalation.Code(1); !c.IsWarning(); c++ {
			if !rapid.Bool().Draw(t, "listed") {
				continue
			}
			r := escalation.Reason{Code: c, Clause: c.Clause()}
			r.Message = rapid.String().Draw(t, "message")
			r.Remedy = rapid.String().Draw(t, "remedy")
			if rapid.Bool().Draw(t, "timed") {
				sec := rapid.Int64Range(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix()).Draw(t, "sec")
				r.EligibleAt = time.Unix(sec, rapid.Int64Range(0, 999_999_999).Draw(t, "nsec")).UTC()
			}
			give = append(give, r)
		}
		rs, err := escalation.MakeReasons(give...)
		if err != nil {
			t.Fatal(err)
		}
		got := rs.Slice()
		if len(give) == 0 {
			give = []escalation.Reason{}
		}
		if diff := cmp.Diff(give, got); diff != "" {
			t.Fatalf("Slice(MakeReasons(x)) != x (-want +got):\n%s", diff)
		}
		again, _ := escalation.MakeReasons(got...)
		if !again.Equal(rs) || !rs.Equal(again) {
			t.Fatal("MakeReasons(Slice(rs)) is not Equal to rs")
		}
		b, _ := json.Marshal(rs)
		var decoded escalation.Reasons
		if err := json.Unmarshal(b, &decoded); err != nil || !decoded.Equal(rs) {
			t.Fatalf("JSON round trip of %s: %v", b, err)
		}
		if b2, _ := json.Marshal(decoded); string(b2) != string(b) {
			t.Fatalf("encoded %s, then %s", b, b2)
		}
		for i, r := range give {
			if r.EligibleAt.IsZero() {
				continue
			}
			later := slices.Clone(give)
			later[i].EligibleAt = r.EligibleAt.Add(time.Nanosecond)
			if other, _ := escalation.MakeReasons(later...); other.Equal(rs) {
				t.Fatalf("an instant a nanosecond later is Equal (reason %d)", i)
			}
			untimed := slices.Clone(give)
			untimed[i].EligibleAt = time.Time{}
			if other, _ := escalation.MakeReasons(untimed...); other.Equal(rs) || rs.Equal(other) {
				t.Fatalf("a reason without its instant is Equal (reason %d)", i)
			}
		}
		if len(give) > 0 {
			changed := slices.Clone(give)
			changed[0].Message += "!"
			other, _ := escalation.MakeReasons(changed...)
			if other.Equal(rs) {
				t.Fatal("a reworded message is Equal")
			}
			if !cmp.Equal(escalation.Decision{Reasons: other}, escalation.Decision{Reasons: rs}, escalationtest.CmpOptions()) {
				t.Fatal("CmpOptions sees a reworded message")
			}
		}
	})
}

// The decoder takes only lists a decision could hold.
func TestDecisionDecodeRefusesReasonsOutOfOrder(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{`{"allowed":false,"outcome":"denied","policy":"2022","reasons":[{"code":"LOW_PRIORITY","clause":"P1","message":"","remedy":""},{"code":"CASE_CLOSED","clause":"G2","message":"","remedy":""}],"warnings":[]}`,
			"reasons[1].code: repeated or not in clause order"},
		{`{"allowed":false,"outcome":"denied","policy":"2022","reasons":[{"code":"LOW_PRIORITY","clause":"P1","message":"","remedy":""},{"code":"LOW_PRIORITY","clause":"P1","message":"","remedy":""}],"warnings":[]}`,
			"reasons[1].code: repeated or not in clause order"},
		{`{"allowed":true,"outcome":"escalation_created","policy":"2022","reasons":[],"warnings":[{"clause":"G4","message":""}]}`,
			"warnings[0].code: missing"},
		{`{"allowed":true,"outcome":"escalation_created","policy":"2022","reasons":[],"warnings":[{"code":"NOPE","clause":"G4","message":""}]}`,
			"warnings[0].code: unknown value"},
		{`{"allowed":true,"outcome":"escalation_created","policy":"2022","reasons":[],"warnings":[{"code":"LOW_PRIORITY","clause":"P1","message":""}]}`,
			"warnings[0].code: a warning among reasons or a reason among warnings"},
	} {
		var d escalation.Decision
		err := json.Unmarshal([]byte(tc.body), &d)
		var got []string
		for _, fe := range escalation.Problems(err) {
			got = append(got, fe.Error())
		}
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("decoding %s: problems %q, want [%q]", tc.body, got, tc.want)
		}
		if strings.Contains(fmt.Sprint(err), "NOPE") {
			t.Errorf("the error repeats the input's value: %v", err)
		}
	}
}

// A decision's reasons read as a slice does.
func ExampleReasons() {
	c, req := closedLowCase()
	d, _ := escalation.DefaultSet().Evaluate(&c, req, time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC))
	fmt.Println(d.Reasons.Len(), d.Reasons)
	for i, r := range d.Reasons.All() {
		fmt.Println(i, r.Code, r.Clause)
	}
	fmt.Println(d.Reasons.Has(escalation.LowPriority), d.Reasons.At(0).Remedy != "")
	// Output:
	// 2 [CASE_CLOSED LOW_PRIORITY]
	// 0 CASE_CLOSED G2
	// 1 LOW_PRIORITY P1
	// true true
}

// A list whose first reasons have the wording of a decision and whose later
// ones have their own keeps both.
func TestMakeReasonsKeepsBuiltinAndOwnText(t *testing.T) {
	c, req := closedLowCase()
	d, err := escalation.V20240118().Evaluate(&c, req, time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	give := d.Reasons.Slice() // CASE_CLOSED, LOW_PRIORITY in the version's words
	give = append(give, escalation.Reason{Code: escalation.FedRAMPUnassigned, Clause: "F9", Message: "own", Remedy: "own remedy"})
	rs, err := escalation.MakeReasons(give...)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(give, rs.Slice()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The version's message with a remedy of one's own keeps that remedy.
	own := d.Reasons.Slice()[:1]
	own[0].Remedy = "call us"
	rs, err = escalation.MakeReasons(own...)
	if err != nil || rs.At(0).Remedy != "call us" || rs.At(0).Message != d.Reasons.At(0).Message {
		t.Errorf("got %+v, %v; want the version's message and remedy %q", rs.Slice(), err, "call us")
	}
}

// closedLowCase is a closed low-priority case and a portal request on it:
// refused for G2 and P1.
func closedLowCase() (escalation.Case, escalation.Request) {
	return escalation.Case{ID: "00123456", Status: escalation.Closed, Priority: priority.Low,
			Deployment: escalation.Cloud, Offering: fedramp.Commercial,
			LastUpdatedAt: time.Date(2024, 3, 4, 10, 0, 0, 0, time.UTC)},
		escalation.Request{Reason: escalation.ReasonNoRecentUpdate, Channel: escalation.Portal,
			Portal: fedramp.CommercialPortal, Role: access.DesignatedContact}
}

// Reasons and Warnings encode on their own as a decision's arrays, and
// decode back strictly.
func TestReasonsJSONOnTheirOwn(t *testing.T) {
	c, req := closedLowCase()
	c.Priority, c.Status = priority.High, escalation.Open
	req.LastViewedAt = c.LastUpdatedAt.Add(-time.Hour)
	d, err := escalation.DefaultSet().Evaluate(&c, req, c.LastUpdatedAt.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	whole := string(d.AppendJSON(nil))
	rb, _ := json.Marshal(d.Reasons)
	wb, _ := json.Marshal(d.Warnings)
	if !strings.Contains(whole, `"reasons":`+string(rb)+`,"warnings":`+string(wb)) || d.Reasons.Len() != 2 || d.Warnings.Len() != 1 {
		t.Fatalf("reasons %s and warnings %s are not the decision's %s", rb, wb, whole)
	}
	var rs escalation.Reasons
	var ws escalation.Warnings
	if err := json.Unmarshal(rb, &rs); err != nil || !rs.Equal(d.Reasons) {
		t.Errorf("Reasons round trip: %v, %v", rs, err)
	}
	if err := json.Unmarshal(wb, &ws); err != nil || !ws.Equal(d.Warnings) {
		t.Errorf("Warnings round trip: %v, %v", ws, err)
	}
	for _, tc := range []struct {
		into any
		data string
		want string
	}{
		{&rs, `[{"code":"LOW_PRIORITY","clause":"P1","message":"","remedy":""},{"code":"NO_CASE","clause":"G1","message":"","remedy":""}]`, "[1].code: repeated or not in clause order"},
		{&rs, `[{"code":"UNSEEN_UPDATE","clause":"G4","message":""}]`, "[0].code: a warning among reasons or a reason among warnings"},
		{&ws, `[{"code":"UNSEEN_UPDATE","clause":"G4","message":"","remedy":"x"}]`, "[0].remedy: unknown field"},
		{&ws, `{}`, "want an array, got an object"},
	} {
		err := json.Unmarshal([]byte(tc.data), tc.into)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("decoding %s: %v, want %q", tc.data, err, tc.want)
		}
	}
}
