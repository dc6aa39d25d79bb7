package escalation_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/google/go-cmp/cmp"
)

// validLine is a complete valid request with every optional field, at
// 2024-07-05T12:00:00Z; the error rows edit it with withField.
const validLine = `{"now":"2024-07-05T12:00:00Z","policy":"2024-01-18",` +
	`"case":{"id":"00123456","status":"open","priority":"high","deployment":"cloud","offering":"commercial",` +
	`"product":"cloud_cx","region":"us-east-2","assigned":true,"opened_at":"2024-06-20T09:00:00Z",` +
	`"last_updated_at":"2024-07-04T10:00:00Z","awaiting_customer":false,"business_impact":true,` +
	`"engaged":["development","cloud_operations","third_party"],"calendar":"US","time_zone":"America/New_York",` +
	`"escalations":[{"id":"E-1","opened_at":"2024-06-25T09:00:00Z","closed_at":"2024-06-26T09:00:00Z"},{"opened_at":"2024-06-27T09:00:00Z","closed_at":"2024-06-28T09:00:00Z"}],` +
	`"rca":{"requested_at":"2024-06-27T12:00:00Z","service_restored_at":"2024-06-27T08:00:00Z"}},` +
	`"request":{"reason":"no_recent_update","channel":"portal","portal":"commercial","role":"designated_contact",` +
	`"pin":"","last_viewed_at":"2024-07-04T09:55:00Z","details":"free text"}}`

// edit replaces each old substring of validLine by its new one, failing the
// test when one is absent (so a row cannot silently test the valid line).
func editLine(t *testing.T, pairs ...string) string {
	t.Helper()
	s := validLine
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("edit: %q not in the valid line", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func TestParseInputValidLine(t *testing.T) {
	set := escalation.DefaultSet()
	in, err := set.ParseInput([]byte(validLine))
	if err != nil {
		t.Fatalf("ParseInput(valid line): %v", err)
	}
	if _, err := set.EvaluateInput(in); err != nil {
		t.Fatalf("EvaluateInput(valid line): %v", err)
	}
}

func TestParseInputErrors(t *testing.T) {
	tests := []struct {
		name  string
		input func(t *testing.T) string
		want  []string // the fields named, in any order
	}{
		// Not JSON.
		{"a line that is not JSON names the field \"\"", litLine(`not json`), []string{""}},
		{"an empty line names the field \"\"", litLine(``), []string{""}},
		{"a truncated object names the field \"\"", litLine(validLine[:len(validLine)/2]), []string{""}},
		{"data after the object names the field \"\"", litLine(validLine + `{}`), []string{""}},
		{"a JSON array instead of an object names the field \"\"", litLine(`[1,2]`), []string{""}},
		{"a byte-order mark is not JSON", litLine("\xef\xbb\xbf" + validLine), []string{""}},
		{"invalid UTF-8 in a string is not JSON", func(t *testing.T) string { return editLine(t, "free text", "free \xff text") }, []string{""}},
		// Unknown fields at every level.
		{"an unknown top-level field", func(t *testing.T) string { return editLine(t, `{"now"`, `{"urgency":1,"now"`) }, []string{"urgency"}},
		{"an unknown case field", func(t *testing.T) string { return editLine(t, `"id":"00123456"`, `"id":"00123456","colour":"red"`) }, []string{"case.colour"}},
		{"an unknown request field", func(t *testing.T) string {
			return editLine(t, `"details":"free text"`, `"details":"free text","urgent":true`)
		}, []string{"request.urgent"}},
		{"an unknown escalation field", func(t *testing.T) string { return editLine(t, `{"id":"E-1",`, `{"id":"E-1","owner":"x",`) }, []string{"case.escalations[0].owner"}},
		{"an unknown field in the second escalation", func(t *testing.T) string {
			return editLine(t, `{"opened_at":"2024-06-27T09:00:00Z"`, `{"x":null,"opened_at":"2024-06-27T09:00:00Z"`)
		}, []string{"case.escalations[1].x"}},
		{"an unknown rca field (delivered_at is not in the contract)", func(t *testing.T) string {
			return editLine(t, `"rca":{`, `"rca":{"delivered_at":"2024-06-28T00:00:00Z",`)
		}, []string{"case.rca.delivered_at"}},
		// Unknown enum values.
		{"an unknown case status", func(t *testing.T) string { return editLine(t, `"status":"open"`, `"status":"pending"`) }, []string{"case.status"}},
		{"an empty case status", func(t *testing.T) string { return editLine(t, `"status":"open"`, `"status":""`) }, []string{"case.status"}},
		{"an unknown priority", func(t *testing.T) string { return editLine(t, `"priority":"high"`, `"priority":"urgent"`) }, []string{"case.priority"}},
		{"a priority in capitals is unknown", func(t *testing.T) string { return editLine(t, `"priority":"high"`, `"priority":"HIGH"`) }, []string{"case.priority"}},
		{"an unknown deployment", func(t *testing.T) string { return editLine(t, `"deployment":"cloud"`, `"deployment":"hybrid"`) }, []string{"case.deployment"}},
		{"an unknown offering", func(t *testing.T) string { return editLine(t, `"offering":"commercial"`, `"offering":"gov"`) }, []string{"case.offering"}},
		{"an unknown product", func(t *testing.T) string { return editLine(t, `"product":"cloud_cx"`, `"product":"genesys"`) }, []string{"case.product"}},
		{"an empty product", func(t *testing.T) string { return editLine(t, `"product":"cloud_cx"`, `"product":""`) }, []string{"case.product"}},
		{"an unknown engaged party names its index", func(t *testing.T) string {
			return editLine(t, `"cloud_operations"`, `"sales"`)
		}, []string{"case.engaged[1]"}},
		{"an unknown request reason", func(t *testing.T) string { return editLine(t, `"reason":"no_recent_update"`, `"reason":"angry"`) }, []string{"request.reason"}},
		{"an unknown channel", func(t *testing.T) string { return editLine(t, `"channel":"portal"`, `"channel":"fax"`) }, []string{"request.channel"}},
		{"an unknown portal", func(t *testing.T) string { return editLine(t, `"portal":"commercial"`, `"portal":"gov"`) }, []string{"request.portal"}},
		{"an unknown role", func(t *testing.T) string { return editLine(t, `"role":"designated_contact"`, `"role":"admin"`) }, []string{"request.role"}},
		{"an unknown pin", func(t *testing.T) string { return editLine(t, `"pin":""`, `"pin":"1234"`) }, []string{"request.pin"}},
		{"an unknown policy version", func(t *testing.T) string { return editLine(t, `"policy":"2024-01-18"`, `"policy":"2023"`) }, []string{"policy"}},
		{"an empty policy version", func(t *testing.T) string { return editLine(t, `"policy":"2024-01-18"`, `"policy":""`) }, []string{"policy"}},
		// Wrong JSON types.
		{"a boolean given as a string", func(t *testing.T) string { return editLine(t, `"assigned":true`, `"assigned":"yes"`) }, []string{"case.assigned"}},
		{"a time given as a number", func(t *testing.T) string { return editLine(t, `"now":"2024-07-05T12:00:00Z"`, `"now":1720180800`) }, []string{"now"}},
		{"a time that is not RFC 3339", func(t *testing.T) string {
			return editLine(t, `"last_updated_at":"2024-07-04T10:00:00Z"`, `"last_updated_at":"2024-07-04 10:00"`)
		}, []string{"case.last_updated_at"}},
		// Missing required fields.
		{"a missing now", func(t *testing.T) string { return editLine(t, `"now":"2024-07-05T12:00:00Z",`, ``) }, []string{"now"}},
		{"a missing case id", func(t *testing.T) string { return editLine(t, `"id":"00123456",`, ``) }, []string{"case.id"}},
		{"an empty case id is missing", func(t *testing.T) string { return editLine(t, `"id":"00123456"`, `"id":""`) }, []string{"case.id"}},
		{"a missing case status", func(t *testing.T) string { return editLine(t, `"status":"open",`, ``) }, []string{"case.status"}},
		{"a missing priority", func(t *testing.T) string { return editLine(t, `"priority":"high",`, ``) }, []string{"case.priority"}},
		{"a missing deployment", func(t *testing.T) string { return editLine(t, `"deployment":"cloud",`, ``) }, []string{"case.deployment"}},
		{"a missing offering", func(t *testing.T) string { return editLine(t, `"offering":"commercial",`, ``) }, []string{"case.offering"}},
		{"a missing last_updated_at", func(t *testing.T) string { return editLine(t, `"last_updated_at":"2024-07-04T10:00:00Z",`, ``) }, []string{"case.last_updated_at"}},
		{"a missing escalation opened_at", func(t *testing.T) string {
			return editLine(t, `{"opened_at":"2024-06-27T09:00:00Z",`, `{`)
		}, []string{"case.escalations[1].opened_at"}},
		{"a missing request", func(t *testing.T) string {
			s := editLine(t)
			return s[:strings.Index(s, `,"request"`)] + "}"
		}, []string{"request"}},
		{"a missing request reason", func(t *testing.T) string { return editLine(t, `"reason":"no_recent_update",`, ``) }, []string{"request.reason"}},
		{"a missing channel", func(t *testing.T) string { return editLine(t, `"channel":"portal",`, ``) }, []string{"request.channel"}},
		{"a missing role", func(t *testing.T) string { return editLine(t, `,"role":"designated_contact"`, ``) }, []string{"request.role"}},
		{"a missing portal on a portal request", func(t *testing.T) string { return editLine(t, `"portal":"commercial",`, ``) }, []string{"request.portal"}},
		// Times after now.
		{"opened_at after now", func(t *testing.T) string {
			return editLine(t, `"opened_at":"2024-06-20T09:00:00Z"`, `"opened_at":"2024-07-05T12:00:00.000000001Z"`)
		}, []string{"case.opened_at"}},
		{"last_updated_at after now", func(t *testing.T) string {
			return editLine(t, `"last_updated_at":"2024-07-04T10:00:00Z"`, `"last_updated_at":"2024-07-05T13:00:00Z"`)
		}, []string{"case.last_updated_at"}},
		{"last_updated_at after now in another zone", func(t *testing.T) string {
			return editLine(t, `"last_updated_at":"2024-07-04T10:00:00Z"`, `"last_updated_at":"2024-07-05T08:00:01-04:00"`)
		}, []string{"case.last_updated_at"}},
		{"an escalation opened after now", func(t *testing.T) string {
			return editLine(t, `"opened_at":"2024-06-25T09:00:00Z","closed_at":"2024-06-26T09:00:00Z"`, `"opened_at":"2024-07-06T09:00:00Z"`)
		}, []string{"case.escalations[0].opened_at"}},
		{"an escalation closed after now", func(t *testing.T) string {
			return editLine(t, `"closed_at":"2024-06-28T09:00:00Z"`, `"closed_at":"2024-07-28T09:00:00Z"`)
		}, []string{"case.escalations[1].closed_at"}},
		{"an rca requested after now", func(t *testing.T) string {
			return editLine(t, `"requested_at":"2024-06-27T12:00:00Z"`, `"requested_at":"2024-07-27T12:00:00Z"`)
		}, []string{"case.rca.requested_at"}},
		{"service restored after now", func(t *testing.T) string {
			return editLine(t, `"service_restored_at":"2024-06-27T08:00:00Z"`, `"service_restored_at":"2024-07-27T08:00:00Z"`)
		}, []string{"case.rca.service_restored_at"}},
		{"request.last_viewed_at after now", func(t *testing.T) string {
			return editLine(t, `"last_viewed_at":"2024-07-04T09:55:00Z"`, `"last_viewed_at":"2024-07-05T12:00:01Z"`)
		}, []string{"request.last_viewed_at"}},
		// Escalation closed before it opened.
		{"an escalation closed before it opened", func(t *testing.T) string {
			return editLine(t, `"closed_at":"2024-06-26T09:00:00Z"`, `"closed_at":"2024-06-25T08:59:59Z"`)
		}, []string{"case.escalations[0].closed_at"}},
		// Calendars and zones.
		{"an unknown calendar", func(t *testing.T) string { return editLine(t, `"calendar":"US"`, `"calendar":"XX"`) }, []string{"case.calendar"}},
		{"an empty calendar", func(t *testing.T) string { return editLine(t, `"calendar":"US"`, `"calendar":""`) }, []string{"case.calendar"}},
		{"an unknown time zone", func(t *testing.T) string { return editLine(t, `"America/New_York"`, `"Mars/Olympus_Mons"`) }, []string{"case.time_zone"}},
		{"the time zone Local is refused", func(t *testing.T) string { return editLine(t, `"America/New_York"`, `"Local"`) }, []string{"case.time_zone"}},
		{"the empty time zone is refused", func(t *testing.T) string { return editLine(t, `"America/New_York"`, `""`) }, []string{"case.time_zone"}},
		{"an unknown calendar and zone are both named", func(t *testing.T) string {
			return editLine(t, `"calendar":"US"`, `"calendar":"XX"`, `"America/New_York"`, `"Nowhere/City"`)
		}, []string{"case.calendar", "case.time_zone"}},
		{"an unknown zone without a calendar", func(t *testing.T) string {
			return editLine(t, `"calendar":"US",`, ``, `"America/New_York"`, `"Nowhere/City"`)
		}, []string{"case.time_zone"}},
		// F7.
		{"a FedRAMP case outside us-east-2", func(t *testing.T) string {
			return editLine(t, `"offering":"commercial"`, `"offering":"fedramp"`, `"us-east-2"`, `"us-west-2"`)
		}, []string{"case.region"}},
		// Several at once.
		{"several problems at once are all listed", func(t *testing.T) string {
			return editLine(t, `"now":"2024-07-05T12:00:00Z",`, ``, `"status":"open"`, `"status":"pending"`,
				`"channel":"portal"`, `"channel":"fax"`, `"id":"00123456",`, `"colour":1,`,
				`"closed_at":"2024-06-26T09:00:00Z"`, `"closed_at":"2024-06-25T08:00:00Z"`)
		}, []string{"now", "case.status", "request.channel", "case.colour", "case.id", "case.escalations[0].closed_at"}},
		{"several times after now are all listed", func(t *testing.T) string {
			return editLine(t, `"last_updated_at":"2024-07-04T10:00:00Z"`, `"last_updated_at":"2024-07-06T10:00:00Z"`,
				`"requested_at":"2024-06-27T12:00:00Z"`, `"requested_at":"2024-07-27T12:00:00Z"`,
				`"last_viewed_at":"2024-07-04T09:55:00Z"`, `"last_viewed_at":"2024-07-06T09:55:00Z"`,
				`"offering":"commercial"`, `"offering":"fedramp"`, `"us-east-2"`, `"eu-west-1"`)
		}, []string{"case.last_updated_at", "case.rca.requested_at", "request.last_viewed_at", "case.region"}},
		{"the samples' invalid line names now and case.status", litLine(`{"case": {"id": "00500001", "status": "pending", "priority": "medium", "deployment": "cloud", "offering": "commercial", "assigned": true, "last_updated_at": "2024-07-05T08:00:00Z"}, "request": {"reason": "other", "channel": "portal", "portal": "commercial", "role": "designated_contact"}}`),
			[]string{"now", "case.status"}},
	}
	// mayAlso lists, per row, fields that may be named too: follow-on
	// problems of a wanted one, which the contract neither asks for nor
	// forbids.
	mayAlso := map[string][]string{
		`a JSON array instead of an object names the field ""`: {"now"},
		"a missing request": {"request.reason", "request.channel"},
	}
	set := escalation.DefaultSet()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line := tt.input(t)
			in, err := set.ParseInput([]byte(line))
			if err == nil {
				t.Fatalf("ParseInput(%s) = %+v, want an error naming %q", line, in, tt.want)
			}
			if !errors.Is(err, escalation.ErrInvalidInput) {
				t.Errorf("ParseInput(%s): errors.Is(%v, ErrInvalidInput) = false", line, err)
			}
			var fe *escalation.FieldError
			if !errors.As(err, &fe) {
				t.Errorf("ParseInput(%s): errors.As(%v, *FieldError) = false", line, err)
			}
			var got []string
			for _, p := range escalation.Problems(err) {
				if slices.Contains(mayAlso[tt.name], p.Field) {
					continue
				}
				if p.Problem == "" {
					t.Errorf("ParseInput(%s): field %q has an empty problem", line, p.Field)
				}
				got = append(got, p.Field)
			}
			want := slices.Clone(tt.want)
			slices.Sort(want)
			slices.Sort(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ParseInput(%s) fields mismatch (-want +got):\n%s\nerror: %v", line, diff, err)
			}
		})
	}
}

func litLine(s string) func(*testing.T) string { return func(*testing.T) string { return s } }

// TestParseInputAccepts pins inputs the contract says are valid.
func TestParseInputAccepts(t *testing.T) {
	tests := []struct {
		name  string
		input func(t *testing.T) string
	}{
		{"a FedRAMP case in US-EAST-2 (regions compare case-insensitively)", func(t *testing.T) string {
			return editLine(t, `"offering":"commercial"`, `"offering":"fedramp"`, `"us-east-2"`, `"US-EAST-2"`)
		}},
		{"a FedRAMP case without a region", func(t *testing.T) string {
			return editLine(t, `"offering":"commercial"`, `"offering":"fedramp"`, `"region":"us-east-2",`, ``)
		}},
		{"a commercial case in another region", func(t *testing.T) string { return editLine(t, `"us-east-2"`, `"eu-west-1"`) }},
		{"no case at all (G1)", litLine(`{"now":"2024-07-05T12:00:00Z"}`)},
		{"a null case (G1)", litLine(`{"now":"2024-07-05T12:00:00Z","case":null}`)},
		{"a null case with a request (G1)", litLine(`{"now":"2024-07-05T12:00:00Z","case":null,"request":{"reason":"other","channel":"phone","role":"read_only"}}`)},
		// The package's interpretation: "A request with no case needs no
		// request fields: the answer is NO_CASE"; docs/CONTRACT.md: a null or
		// absent case "gives exactly the reasons [NO_CASE]".
		{"no case with an incomplete request (G1 needs no request fields)", litLine(`{"now":"2024-07-05T12:00:00Z","request":{"reason":"other"}}`)},
		{"no case with an empty request object (G1 needs no request fields)", litLine(`{"now":"2024-07-05T12:00:00Z","case":null,"request":{}}`)},
		{"no policy: the version follows now", func(t *testing.T) string { return editLine(t, `"policy":"2024-01-18",`, ``) }},
		{"the 2022 policy after its period", func(t *testing.T) string { return editLine(t, `"policy":"2024-01-18"`, `"policy":"2022"`) }},
		{"times at exactly now", func(t *testing.T) string {
			return editLine(t, `"last_updated_at":"2024-07-04T10:00:00Z"`, `"last_updated_at":"2024-07-05T12:00:00Z"`,
				`"last_viewed_at":"2024-07-04T09:55:00Z"`, `"last_viewed_at":"2024-07-05T14:00:00+02:00"`)
		}},
		{"an escalation closed the instant it opened", func(t *testing.T) string {
			return editLine(t, `"closed_at":"2024-06-26T09:00:00Z"`, `"closed_at":"2024-06-25T09:00:00Z"`)
		}},
		{"a phone request without portal", func(t *testing.T) string {
			return editLine(t, `"channel":"portal","portal":"commercial"`, `"channel":"phone"`)
		}},
		{"a mobile_app request without portal", func(t *testing.T) string {
			return editLine(t, `"channel":"portal","portal":"commercial"`, `"channel":"mobile_app"`)
		}},
		{"a calendar without a zone is in UTC", func(t *testing.T) string { return editLine(t, `,"time_zone":"America/New_York"`, ``) }},
		{"a zone without a calendar is US", func(t *testing.T) string { return editLine(t, `"calendar":"US",`, ``) }},
		{"a subdivision calendar", func(t *testing.T) string {
			return editLine(t, `"calendar":"US"`, `"calendar":"AU-NSW"`, `"America/New_York"`, `"Australia/Sydney"`)
		}},
		{"null optional fields", func(t *testing.T) string {
			return editLine(t, `"product":"cloud_cx"`, `"product":null`, `"engaged":["development","cloud_operations","third_party"]`, `"engaged":null`)
		}},
		{"white space around the object", func(t *testing.T) string { return "\n\t " + editLine(t) + " \r\n" }},
	}
	set := escalation.DefaultSet()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line := tt.input(t)
			in, err := set.ParseInput([]byte(line))
			if err != nil {
				t.Fatalf("ParseInput(%s): unexpected error %v", line, err)
			}
			d, err := set.EvaluateInput(in)
			if err != nil {
				t.Fatalf("EvaluateInput(%s): unexpected error %v", line, err)
			}
			if in.Case == nil {
				want := escalation.Decision{Outcome: escalation.Denied, Policy: "2024-01-18", Reasons: rs(escalation.NoCase)}
				if diff := cmp.Diff(want, d, decisionOpts); diff != "" {
					t.Errorf("Evaluate(%s) mismatch (-want +got):\n%s", line, diff)
				}
			}
		})
	}
}

// TestEvaluateErrors checks that Evaluate itself refuses senseless snapshots
// built in Go, with errors.Is/As, and that a refusal is never an error.
func TestEvaluateErrors(t *testing.T) {
	now := rfc(now0)
	tests := []struct {
		name string
		c    *escalation.Case
		r    escalation.Request
		now  time.Time
		want []string
	}{
		{"the zero now", kase(), reqOf(), time.Time{}, []string{"now"}},
		{"the zero Case", &escalation.Case{}, reqOf(), now, []string{"case.id", "case.status", "case.priority", "case.deployment", "case.offering", "case.last_updated_at"}},
		{"an unknown channel value", kase(), reqOf(func(r *escalation.Request) { r.Channel = 200 }), now, []string{"request.channel"}},
		{"a last view after now", kase(), reqOf(func(r *escalation.Request) { r.LastViewedAt = now.Add(time.Nanosecond) }), now, []string{"request.last_viewed_at"}},
		{"an escalation closed before it opened", kase(func(c *escalation.Case) {
			c.Escalations = []escalation.Escalation{{OpenedAt: rfc("2024-07-02T00:00:00Z"), ClosedAt: rfc("2024-07-01T00:00:00Z")}}
		}), reqOf(), now, []string{"case.escalations[0].closed_at"}},
		{"an RCA whose due date falls before the calendar's years (interpretation)", kase(updated("1969-12-20T00:00:00Z"), func(c *escalation.Case) {
			c.RCA.RequestedAt = rfc("1969-12-20T00:00:00Z")
		}), reqOf(reason(escalation.ReasonRCA)), now, []string{"case.rca.requested_at"}},
		{"a FedRAMP case in eu-west-1", fedCase(func(c *escalation.Case) { c.Region = "eu-west-1" }), reqOf(), now, []string{"case.region"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := escalation.DefaultSet().Evaluate(tt.c, tt.r, tt.now)
			if err == nil {
				t.Fatalf("Evaluate(%+v, %+v, %v) = %+v, want an error", tt.c, tt.r, tt.now, d)
			}
			if !errors.Is(err, escalation.ErrInvalidInput) {
				t.Errorf("errors.Is(%v, ErrInvalidInput) = false", err)
			}
			var got []string
			for _, p := range escalation.Problems(err) {
				got = append(got, p.Field)
			}
			want := slices.Clone(tt.want)
			slices.Sort(want)
			slices.Sort(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Evaluate fields mismatch (-want +got):\n%s\nerror: %v", diff, err)
			}
		})
	}
}
