package history

import (
	"fmt"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/escalation/access"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
	"pgregory.net/rapid"
)

func ptr[T any](v T) *T { return &v }

var (
	levels      = []priority.Level{priority.Low, priority.Medium, priority.High, priority.High, priority.Critical}
	deployments = []escalation.Deployment{escalation.Cloud, escalation.Premise}
	offerings   = []fedramp.Offering{fedramp.Commercial, fedramp.Commercial, fedramp.FedRAMP}
	regions     = []string{"", "us-east-2", "US-East-2"}
	calendars   = []string{"", "US", "GB"}
	zones       = []string{"", "UTC", "America/New_York"}
)

func engagedGen(t *rapid.T, label string) []escalation.Engagement {
	g := rapid.SliceOfN(rapid.SampledFrom([]escalation.Engagement{escalation.Development,
		escalation.CloudOperations, escalation.ThirdParty}), 0, 2).Draw(t, label)
	if len(g) == 0 {
		return nil
	}
	return g
}

// genEvents draws a valid history: every event allowed in the state the
// earlier ones leave, at instants that often fall exactly on the P2 wait.
func genEvents(t *rapid.T) []Event {
	// Near the 2024-01-18 switch, a holiday weekend, the year's end.
	base := rapid.SampledFrom([]time.Time{
		time.Date(2024, 1, 12, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 8, 28, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 12, 20, 0, 0, 0, 0, time.UTC),
		time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC),
	}).Draw(t, "base")
	start := base.Add(time.Duration(rapid.Int64Range(0, int64(10*24*time.Hour)).Draw(t, "start")))
	if rapid.Bool().Draw(t, "whole second?") {
		start = start.Truncate(time.Second)
	}
	evs := []Event{{At: start, Type: Opened, Case: &Opening{
		ID:               rapid.StringMatching(`[0-9]{8}`).Draw(t, "id"),
		Priority:         rapid.SampledFrom(levels).Draw(t, "priority"),
		Deployment:       rapid.SampledFrom(deployments).Draw(t, "deployment"),
		Offering:         rapid.SampledFrom(offerings).Draw(t, "offering"),
		Region:           rapid.SampledFrom(regions).Draw(t, "region"),
		Assigned:         rapid.Bool().Draw(t, "assigned"),
		AwaitingCustomer: rapid.IntRange(0, 4).Draw(t, "awaiting") == 0,
		BusinessImpact:   rapid.IntRange(0, 3).Draw(t, "impact") > 0,
		Engaged:          engagedGen(t, "engaged"),
		Calendar:         rapid.SampledFrom(calendars).Draw(t, "calendar"),
		TimeZone:         rapid.SampledFrom(zones).Draw(t, "zone"),
	}}}
	at := start
	closed, escOpen, nEsc := false, false, 0
	n := rapid.IntRange(0, 25).Draw(t, "events")
	for i := 0; i < n; i++ {
		d := rapid.SampledFrom([]time.Duration{0, time.Hour, 24 * time.Hour, 24*time.Hour - 1, 24*time.Hour + 1, -1}).Draw(t, "step")
		if d < 0 {
			d = time.Duration(rapid.Int64Range(1, int64(4*24*time.Hour)).Draw(t, "delta"))
		}
		at = at.Add(d)
		e := Event{At: at}
		choices := []Type{Updated, Updated, SetFields, SetFields, RCARequested, ServiceRestored}
		if escOpen {
			choices = append(choices, EscalationClosed, EscalationClosed)
		} else {
			choices = append(choices, EscalationOpened)
		}
		if closed {
			choices = append(choices, Reopened, Reopened)
		} else {
			choices = append(choices, Closed)
		}
		e.Type = rapid.SampledFrom(choices).Draw(t, "type")
		if e.Type.isUpdate() {
			e.By = rapid.SampledFrom([]Actor{0, Support, Customer, Customer}).Draw(t, "by")
		}
		switch e.Type {
		case SetFields:
			f := &Fields{}
			if rapid.Bool().Draw(t, "set priority?") {
				f.Priority = ptr(rapid.SampledFrom(levels).Draw(t, "priority"))
			}
			if rapid.IntRange(0, 4).Draw(t, "set deployment?") == 0 {
				f.Deployment = ptr(rapid.SampledFrom(deployments).Draw(t, "deployment"))
			}
			if rapid.IntRange(0, 4).Draw(t, "set offering?") == 0 {
				f.Offering = ptr(rapid.SampledFrom(offerings).Draw(t, "offering"))
			}
			if rapid.IntRange(0, 4).Draw(t, "set product?") == 0 {
				f.Product = ptr(rapid.SampledFrom([]escalation.Product{0, escalation.CloudCX, escalation.Engage}).Draw(t, "product"))
			}
			if rapid.IntRange(0, 4).Draw(t, "set region?") == 0 {
				f.Region = ptr(rapid.SampledFrom(regions).Draw(t, "region"))
			}
			if rapid.IntRange(0, 5).Draw(t, "set calendar?") == 0 {
				f.Calendar = ptr(rapid.SampledFrom(calendars).Draw(t, "calendar"))
			}
			if rapid.IntRange(0, 5).Draw(t, "set zone?") == 0 {
				f.TimeZone = ptr(rapid.SampledFrom(zones).Draw(t, "zone"))
			}
			if rapid.IntRange(0, 3).Draw(t, "set awaiting?") == 0 {
				f.AwaitingCustomer = ptr(rapid.Bool().Draw(t, "awaiting"))
			}
			if rapid.IntRange(0, 3).Draw(t, "set impact?") == 0 {
				f.BusinessImpact = ptr(rapid.Bool().Draw(t, "impact"))
			}
			if rapid.IntRange(0, 4).Draw(t, "set assigned?") == 0 {
				f.Assigned = ptr(rapid.Bool().Draw(t, "assigned"))
			}
			if rapid.IntRange(0, 5).Draw(t, "set engaged?") == 0 {
				f.Engaged = ptr(engagedGen(t, "engaged"))
			}
			e.Fields = f
		case EscalationOpened:
			nEsc++
			e.ID = fmt.Sprintf("E-%d", nEsc)
			escOpen = true
		case EscalationClosed:
			e.ID = fmt.Sprintf("E-%d", nEsc)
			escOpen = false
		case Closed:
			closed = true
		case Reopened:
			closed = false
		}
		evs = append(evs, e)
	}
	return evs
}

// genRequest draws a valid request without last_viewed_at.
func genRequest(t *rapid.T) escalation.Request {
	r := escalation.Request{
		Reason: rapid.SampledFrom([]escalation.RequestReason{escalation.ReasonRCA, escalation.ReasonNoRecentUpdate,
			escalation.ReasonUrgencyImpactChanged, escalation.ReasonCaseUpdate, escalation.ReasonOther}).Draw(t, "reason"),
		Channel: rapid.SampledFrom([]escalation.Channel{escalation.Portal, escalation.Portal, escalation.Phone,
			escalation.Email, escalation.MobileApp}).Draw(t, "channel"),
		Role: rapid.SampledFrom([]access.Role{access.DesignatedContact, access.DesignatedContact, access.ReadOnly}).Draw(t, "role"),
		PIN:  rapid.SampledFrom([]fedramp.PIN{fedramp.NoPIN, fedramp.FedRAMPPIN}).Draw(t, "pin"),
	}
	if r.Channel == escalation.Portal {
		r.Portal = rapid.SampledFrom([]fedramp.Portal{fedramp.CommercialPortal, fedramp.FedRAMPPortal}).Draw(t, "portal")
	}
	return r
}

// supportOnly is DefaultSet with the 2024-01-18 version's P2 counting only
// support's updates (same names: a what-if of the same versions).
func supportOnly() escalation.Set {
	cfg := escalation.V20240118().Config()
	cfg.P2CountsUpdatesBy = escalation.UpdatesBySupport
	p, err := escalation.NewPolicy(cfg)
	if err != nil {
		panic(err)
	}
	s, err := escalation.NewSet(escalation.V2022(), p)
	if err != nil {
		panic(err)
	}
	return s
}

// businessClock is DefaultSet with the 2024-01-18 version's P2 wait counted
// in business time, and only support's updates restarting it.
func businessClock() escalation.Set {
	cfg := escalation.V20240118().Config()
	cfg.HighPriorityWaitClock = escalation.WaitBusiness
	cfg.P2CountsUpdatesBy = escalation.UpdatesBySupport
	p, err := escalation.NewPolicy(cfg)
	if err != nil {
		panic(err)
	}
	s, err := escalation.NewSet(escalation.V2022(), p)
	if err != nil {
		panic(err)
	}
	return s
}
