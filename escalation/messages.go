package escalation

import (
	"strconv"
	"strings"
	"time"
)

// messages holds the texts of one policy version whose wording names the
// version's own numbers (P2's wait, R2's targets), rendered once when the
// Policy is built so that a decision only picks them.
type messages struct {
	message [numCodes]string
	remedy  [numCodes]string // "" for the warnings
}

// render writes the texts that quote c's numbers; the others come from the
// code table.
func render(c Config) *messages {
	m := builtinTexts()
	wait := humanDuration(c.HighPriorityWait)
	if c.HighPriorityWaitClock == WaitBusiness {
		wait = strings.Replace(wait, " hour", " business hour", 1)
		wait = strings.Replace(wait, " minute", " business minute", 1)
	}
	m.message[HighPriorityRecentlyUpdated] = "A high-priority case can be escalated only when " + wait +
		" have passed since its last update."
	if c.P2CountsUpdatesBy == UpdatesBySupport {
		m.message[HighPriorityRecentlyUpdated] = "A high-priority case can be escalated only when " + wait +
			" have passed since Product Support last updated it."
	}
	m.message[RCAAnalysisPeriod] = "Product Support is still within its service-level target for the root-cause analysis: " +
		days(c.CloudRCADays) + " for cloud deployments, " + days(c.PremiseRCADays) + " for premise."
	return m
}

func days(n int) string {
	if n == 1 {
		return "1 business day"
	}
	return strconv.Itoa(n) + " business days"
}

// humanDuration writes d for people: "24 hours", "1 hour 30 minutes", "90
// seconds", "0 seconds".
func humanDuration(d time.Duration) string {
	if d <= 0 {
		return "0 seconds"
	}
	var parts []string
	unit := func(n int64, one string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else if n > 1 {
			parts = append(parts, strconv.FormatInt(n, 10)+" "+one+"s")
		}
	}
	h, rest := int64(d/time.Hour), d%time.Hour
	unit(h, "hour")
	unit(int64(rest/time.Minute), "minute")
	rest %= time.Minute
	if rest%time.Second == 0 {
		unit(int64(rest/time.Second), "second")
	} else {
		parts = append(parts, strconv.FormatFloat(rest.Seconds(), 'f', -1, 64)+" seconds")
	}
	return strings.Join(parts, " ")
}
