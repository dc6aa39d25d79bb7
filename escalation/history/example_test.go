package history_test

import (
	"fmt"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/escalation/access"
	"github.com/casepolicy/casepolicy/escalation/history"
	"github.com/casepolicy/casepolicy/fedramp"
)

const caseHistory = `{"at": "2024-03-01T09:00:00Z", "type": "opened", "case": {"id": "00123456", "priority": "high", "deployment": "cloud", "offering": "commercial", "business_impact": true}}
{"at": "2024-03-01T11:00:00Z", "type": "updated", "by": "support"}
{"at": "2024-03-02T10:00:00Z", "type": "updated", "by": "customer"}
{"at": "2024-03-02T12:00:00Z", "type": "set", "fields": {"awaiting_customer": true}}
{"at": "2024-03-03T08:00:00Z", "type": "set", "fields": {"awaiting_customer": false, "priority": "critical"}}
{"at": "2024-03-04T09:00:00Z", "type": "escalation_opened", "id": "E-1"}
{"at": "2024-03-05T09:00:00Z", "type": "escalation_closed", "id": "E-1"}
{"at": "2024-03-06T09:00:00Z", "type": "rca_requested"}
{"at": "2024-03-06T10:00:00Z", "type": "service_restored"}
{"at": "2024-03-20T17:00:00Z", "type": "closed"}
{"at": "2024-03-21T09:00:00Z", "type": "reopened"}
`

func ExampleHistory_Timeline() {
	h, err := history.Parse([]byte(caseHistory))
	if err != nil {
		panic(err)
	}
	tl, err := h.Timeline(history.Query{
		Set:     escalation.DefaultSet(),
		Request: escalation.Request{Reason: escalation.ReasonRCA, Channel: escalation.Phone, Role: access.DesignatedContact},
		From:    h.Start(),
		To:      time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		panic(err)
	}
	for _, iv := range tl {
		fmt.Println(iv.From.Format(time.RFC3339), iv.Outcome, iv.Reasons)
	}
	first, _ := tl.FirstAllowed()
	fmt.Println("first allowed:", first.Format(time.RFC3339))
	fmt.Println("allowed for:", tl.Totals().Allowed)
	// Output:
	// 2024-03-01T09:00:00Z denied [USE_PORTAL RCA_NOT_REQUESTED]
	// 2024-03-02T12:00:00Z denied [AWAITING_CUSTOMER USE_PORTAL RCA_NOT_REQUESTED]
	// 2024-03-03T08:00:00Z denied [RCA_NOT_REQUESTED]
	// 2024-03-04T09:00:00Z denied [ACTIVE_ESCALATION RCA_NOT_REQUESTED]
	// 2024-03-05T09:00:00Z denied [RCA_NOT_REQUESTED]
	// 2024-03-06T09:00:00Z denied [RCA_ANALYSIS_PERIOD]
	// 2024-03-13T10:00:00Z engage_support_manager []
	// 2024-03-20T17:00:00Z denied [CASE_CLOSED]
	// 2024-03-21T09:00:00Z engage_support_manager []
	// first allowed: 2024-03-13T10:00:00Z
	// allowed for: 262h0m0s
}

func ExampleHistory_Snapshot() {
	h, err := history.Parse([]byte(caseHistory))
	if err != nil {
		panic(err)
	}
	c := h.Snapshot(time.Date(2024, 3, 2, 11, 0, 0, 0, time.UTC))
	fmt.Println(c.Status, c.Priority)
	fmt.Println("last update:", c.LastUpdatedAt.Format(time.RFC3339))
	fmt.Println("last support update:", c.LastSupportUpdateAt.Format(time.RFC3339))
	fmt.Println("before opened:", h.Snapshot(time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)) == nil)
	// Output:
	// open high
	// last update: 2024-03-02T10:00:00Z
	// last support update: 2024-03-01T11:00:00Z
	// before opened: true
}

func ExampleHistory_WhatIf() {
	h, err := history.Parse([]byte(`{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"high","deployment":"cloud","offering":"commercial","business_impact":true}}
{"at":"2024-03-02T08:00:00Z","type":"updated","by":"customer"}`))
	if err != nil {
		panic(err)
	}
	// The same versions, but P2 counts only Product Support's updates.
	cfg := escalation.V20240118().Config()
	cfg.P2CountsUpdatesBy = escalation.UpdatesBySupport
	p, err := escalation.NewPolicy(cfg)
	if err != nil {
		panic(err)
	}
	supportOnly, err := escalation.NewSet(escalation.V2022(), p)
	if err != nil {
		panic(err)
	}
	w, err := h.WhatIf(history.Query{
		Set: escalation.DefaultSet(),
		Request: escalation.Request{Reason: escalation.ReasonNoRecentUpdate, Channel: escalation.Portal,
			Portal: fedramp.CommercialPortal, Role: access.DesignatedContact},
		From: h.Start(),
		To:   time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC),
	}, supportOnly)
	if err != nil {
		panic(err)
	}
	for _, d := range w.Differences {
		fmt.Printf("%s to %s: %v %v, what-if %v %v\n", d.From.Format(time.RFC3339), d.Until.Format(time.RFC3339),
			d.A.Outcome, d.A.Reasons, d.B.Outcome, d.B.Reasons)
	}
	// Output:
	// 2024-03-02T09:00:00Z to 2024-03-03T08:00:00Z: denied [HIGH_PRIORITY_RECENTLY_UPDATED], what-if escalation_created []
}

func ExampleParse_problems() {
	_, err := history.Parse([]byte(`{"at":"2024-03-01T09:00:00Z","type":"opened","case":{"id":"1","priority":"high","deployment":"cloud","offering":"fedramp","region":"eu-west-1"}}
{"at":"2024-03-02T09:00:00Z","type":"escalation_closed","id":"E-1"}
{"at":"2024-03-01T09:00:00Z","type":"reopened"}`))
	if he, ok := err.(*history.Error); ok {
		for _, p := range he.Problems {
			fmt.Println(p)
		}
	}
	// Output:
	// line 1: case.region: a FedRAMP case is hosted in us-east-2 (F7)
	// line 2: id: no open escalation has this id
	// line 3: at: before the previous event
	// line 3: type: the case is not closed
}
