package fedramp_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/casepolicy/casepolicy/fedramp"
)

func ExampleRoute() {
	for _, p := range []fedramp.Portal{fedramp.CommercialPortal, fedramp.FedRAMPPortal} {
		r := fedramp.Route(fedramp.FedRAMP, p)
		fmt.Printf("%s portal: %s %s %s close=%v\n", p, r.Outcome, r.Code, r.Clause, r.CloseCommercialCase)
	}
	r := fedramp.RouteMobileApp(fedramp.FedRAMP)
	fmt.Printf("mobile app: %s %s %s close=%v\n", r.Outcome, r.Code, r.Clause, r.CloseCommercialCase)
	// Output:
	// commercial portal: redirect_to_fedramp_portal FEDRAMP_WRONG_PORTAL F1 close=true
	// fedramp portal: accept   close=false
	// mobile app: refuse FEDRAMP_MOBILE_APP F2 close=false
}

func ExampleCheckSkill() {
	staff := []fedramp.Staff{
		{ClaimsFedRAMPSkill: true, LocatedInUS: true, Citizenship: fedramp.GreenCardHolder},
		{ClaimsFedRAMPSkill: true, LocatedInUS: false, Citizenship: fedramp.USCitizen},
	}
	for _, s := range staff {
		e := fedramp.CheckSkill(s)
		fmt.Println(e.Valid, e.Reasons, fedramp.MayHandle(s, fedramp.FedRAMP), fedramp.MayHandle(s, fedramp.Commercial))
	}
	// Output:
	// true [] true true
	// false [{FEDRAMP_SKILL_OUTSIDE_US F5}] false true
}

func ExampleInvitation_State() {
	sent := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	inv := fedramp.Invitation{SentAt: sent}
	fmt.Println(inv.State(sent.Add(24 * time.Hour)))
	fmt.Println(inv.State(sent.Add(24*time.Hour + time.Nanosecond)))
	inv.AcceptedAt = sent.Add(3 * time.Hour)
	fmt.Println(inv.State(sent.Add(48 * time.Hour)))
	// Output:
	// pending
	// expired
	// accepted
}

func ExampleRedact() {
	in := "Call (555) 123-4567 or mail jane@example.com; case 00123456 on 2024-07-05, build v2.1.31."
	out, rep := fedramp.Redact([]byte(in))
	fmt.Println(string(out))
	b, _ := json.Marshal(rep)
	fmt.Println(string(b))
	// Output:
	// Call [REDACTED:PHONE] or mail [REDACTED:EMAIL]; case 00123456 on 2024-07-05, build v2.1.31.
	// {"removed":[{"kind":"PHONE","start":5,"end":19},{"kind":"EMAIL","start":28,"end":44}],"counts":{"EMAIL":1,"PHONE":1}}
}

func ExampleRedactor() {
	var out bytes.Buffer
	r := fedramp.NewRedactor(&out, func(s fedramp.Span) { fmt.Println(s.Kind, s.Start, s.End) })
	r.ReadFrom(strings.NewReader("ssn 123-45-6789\nip 2001:db8::1\n"))
	r.Close()
	os.Stdout.Write(out.Bytes())
	// Output:
	// SSN 4 15
	// IP 19 30
	// ssn [REDACTED:SSN]
	// ip [REDACTED:IP]
}
