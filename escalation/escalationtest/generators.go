package escalationtest

import (
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/escalation/access"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
	"pgregory.net/rapid"
)

// calendarNames are holiday lists the generator draws from.
var calendarNames = []string{"US", "GB", "DE", "JP", "AU-NSW", "CA", "FR"}

// zones stress date arithmetic: DST in both hemispheres, DST that starts at
// midnight, half-hour offsets.
var zones = []string{"UTC", "America/New_York", "Europe/London", "Australia/Sydney",
	"America/Sao_Paulo", "Atlantic/Azores", "Asia/Kolkata", "Asia/Kathmandu"}

// before draws an instant up to max before now, sometimes exactly on a
// P2-relevant distance.
func before(t *rapid.T, now time.Time, max time.Duration, label string) time.Time {
	d := rapid.OneOf(
		rapid.Int64Range(0, int64(max)),
		rapid.SampledFrom([]int64{0, int64(24 * time.Hour), int64(24*time.Hour) - 1, int64(24*time.Hour) + 1}),
	).Draw(t, label)
	return now.Add(-time.Duration(d))
}

// DrawCase draws a valid case snapshot whose every time is at or before
// now: any status, priority, deployment and offering (FedRAMP cases in
// us-east-2 or no region), escalations open or closed, an RCA, a calendar of
// its own in a zone that stresses DST, or none. Use it inside your own
// rapid.Custom generators; CaseAt wraps it as a generator.
func DrawCase(t *rapid.T, now time.Time) *escalation.Case {
	c := &escalation.Case{
		ID:         rapid.StringMatching(`[0-9]{8}|[A-Za-z0-9 ."\\é<>&-]{1,12}`).Draw(t, "id"),
		Status:     rapid.SampledFrom([]escalation.Status{escalation.Open, escalation.Open, escalation.Closed}).Draw(t, "status"),
		Priority:   rapid.SampledFrom([]priority.Level{priority.Low, priority.Medium, priority.High, priority.High, priority.Critical}).Draw(t, "priority"),
		Deployment: rapid.SampledFrom([]escalation.Deployment{escalation.Cloud, escalation.Premise}).Draw(t, "deployment"),
		Offering:   rapid.SampledFrom([]fedramp.Offering{fedramp.Commercial, fedramp.FedRAMP}).Draw(t, "offering"),
		Product: rapid.SampledFrom([]escalation.Product{0, escalation.CloudCX, escalation.Engage,
			escalation.PureConnect}).Draw(t, "product"),
		Assigned:         rapid.Bool().Draw(t, "assigned"),
		AwaitingCustomer: rapid.IntRange(0, 5).Draw(t, "awaiting customer?") == 0,
		BusinessImpact:   rapid.IntRange(0, 3).Draw(t, "business impact?") > 0,
	}
	if c.Offering == fedramp.FedRAMP {
		c.Region = rapid.SampledFrom([]string{"", "us-east-2", "US-East-2"}).Draw(t, "region")
	} else {
		c.Region = rapid.SampledFrom([]string{"", "us-east-2", "eu-west-1"}).Draw(t, "region")
	}
	c.LastUpdatedAt = before(t, now, 72*time.Hour, "last updated before now")
	if rapid.Bool().Draw(t, "support update?") {
		c.LastSupportUpdateAt = before(t, c.LastUpdatedAt, 72*time.Hour, "support update before the last update")
	}
	if rapid.Bool().Draw(t, "opened_at?") {
		c.OpenedAt = before(t, now, 60*24*time.Hour, "opened before now")
	}
	c.Engaged = rapid.SliceOfN(rapid.SampledFrom([]escalation.Engagement{escalation.Development,
		escalation.CloudOperations, escalation.ThirdParty}), 0, 3).Draw(t, "engaged")
	if rapid.Bool().Draw(t, "own calendar?") {
		name := rapid.SampledFrom(calendarNames).Draw(t, "calendar")
		zone := rapid.SampledFrom(zones).Draw(t, "calendar zone")
		cal, err := calendar.Named(name, zone)
		if err != nil {
			t.Fatalf("calendar.Named(%q, %q): %v", name, zone, err)
		}
		c.Calendar = cal
	}
	for i, n := 0, rapid.IntRange(0, 3).Draw(t, "escalations"); i < n; i++ {
		e := escalation.Escalation{OpenedAt: before(t, now, 30*24*time.Hour, "escalation opened before now")}
		if rapid.IntRange(0, 3).Draw(t, "escalation closed?") > 0 {
			e.ClosedAt = e.OpenedAt.Add(time.Duration(rapid.Int64Range(0, int64(now.Sub(e.OpenedAt))).Draw(t, "escalation lasted")))
		}
		if rapid.Bool().Draw(t, "escalation id?") {
			e.ID = rapid.StringMatching(`E-[0-9]{1,3}`).Draw(t, "escalation id")
		}
		c.Escalations = append(c.Escalations, e)
	}
	if rapid.IntRange(0, 3).Draw(t, "rca?") > 0 {
		c.RCA.RequestedAt = before(t, now, 20*24*time.Hour, "rca requested before now")
	}
	if rapid.Bool().Draw(t, "service restored?") {
		c.RCA.ServiceRestoredAt = before(t, now, 20*24*time.Hour, "service restored before now")
	}
	return c
}

// DrawRequest draws a valid request at now: any reason, channel, role and
// PIN; a portal for portal requests; sometimes a last-viewed time and
// details.
func DrawRequest(t *rapid.T, now time.Time) escalation.Request {
	r := escalation.Request{
		Reason: rapid.SampledFrom([]escalation.RequestReason{escalation.ReasonRCA, escalation.ReasonNoRecentUpdate,
			escalation.ReasonUrgencyImpactChanged, escalation.ReasonCaseUpdate, escalation.ReasonOther}).Draw(t, "reason"),
		Channel: rapid.SampledFrom([]escalation.Channel{escalation.Portal, escalation.Portal, escalation.Phone,
			escalation.Email, escalation.Chat, escalation.Web, escalation.MobileApp}).Draw(t, "channel"),
		Role: rapid.SampledFrom([]access.Role{access.DesignatedContact, access.DesignatedContact,
			access.DesignatedContact, access.ReadOnly}).Draw(t, "role"),
		PIN: rapid.SampledFrom([]fedramp.PIN{fedramp.NoPIN, fedramp.CommercialPIN, fedramp.FedRAMPPIN}).Draw(t, "pin"),
	}
	if r.Channel == escalation.Portal {
		r.Portal = rapid.SampledFrom([]fedramp.Portal{fedramp.CommercialPortal, fedramp.FedRAMPPortal}).Draw(t, "portal")
	}
	if rapid.Bool().Draw(t, "last viewed?") {
		r.LastViewedAt = before(t, now, 96*time.Hour, "last viewed before now")
	}
	if rapid.IntRange(0, 3).Draw(t, "details?") == 0 {
		r.Details = rapid.String().Draw(t, "details")
	}
	return r
}
