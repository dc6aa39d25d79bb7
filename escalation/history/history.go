package history

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/escalation/access"
	"github.com/casepolicy/casepolicy/fedramp"
)

// Problem is one problem of a history: the 1-based input line of the event,
// the field by its JSON path within the event ("at", "case.priority",
// "fields.region") and what is wrong, never the offending value.
type Problem struct {
	Line    int
	Field   string
	Problem string
}

// String returns "line N: FIELD: PROBLEM" ("line N: PROBLEM" for the field
// "").
func (p Problem) String() string {
	s := "line " + strconv.Itoa(p.Line) + ": "
	if p.Field != "" {
		s += p.Field + ": "
	}
	return s + p.Problem
}

// Error is an invalid history: every problem found, in line order. It
// unwraps to escalation.ErrInvalidInput.
type Error struct {
	Problems []Problem
}

// Error returns the problems on one line, separated by "; ".
func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Unwrap returns escalation.ErrInvalidInput.
func (e *Error) Unwrap() error { return escalation.ErrInvalidInput }

// History is the validated events of one case. It is immutable and safe for
// concurrent use; build one with New or Parse.
type History struct {
	events []Event
	lines  []int // the input line of each event
	// states[k] is the case after every event at or before states[k].at,
	// one per distinct instant, without its escalations: those are
	// escs[:nEsc], the last one still open when open is set.
	states []state
	escs   []escalation.Escalation
}

type state struct {
	at   time.Time
	c    escalation.Case
	nEsc int
	open bool
}

// New validates events as a history, their lines numbered from 1. Times are
// kept in UTC. An invalid history is an *Error listing every problem.
func New(events ...Event) (*History, error) {
	lines := make([]int, len(events))
	for i := range lines {
		lines[i] = i + 1
	}
	evs := slices.Clone(events)
	var ps []Problem
	for i := range evs {
		evs[i].At = evs[i].At.UTC()
		ps = checkEvent(ps, &evs[i], lines[i])
	}
	if len(ps) > 0 {
		return nil, &Error{ps}
	}
	return build(evs, lines)
}

// Events returns the history's events in order.
func (h *History) Events() []Event { return slices.Clone(h.events) }

// Len returns the number of events.
func (h *History) Len() int { return len(h.events) }

// Start returns the instant of the first event (opened).
func (h *History) Start() time.Time { return h.events[0].At }

// End returns the instant of the last event.
func (h *History) End() time.Time { return h.events[len(h.events)-1].At }

// checkEvent reports what a decoder would: fields missing or not allowed for
// the event's type, unknown enum values, text that is not UTF-8.
func checkEvent(ps []Problem, e *Event, line int) []Problem {
	add := func(field, problem string) { ps = append(ps, Problem{line, field, problem}) }
	if e.At.IsZero() {
		add("at", "missing")
	}
	if !e.Type.IsValid() {
		add("type", "missing or unknown value")
		return ps
	}
	if e.By != 0 && !e.Type.isUpdate() {
		add("by", "not a field of this event type")
	} else if e.By != 0 && !e.By.IsValid() {
		add("by", "unknown value")
	}
	esc := e.Type == EscalationOpened || e.Type == EscalationClosed
	switch {
	case esc && e.ID == "":
		add("id", "missing")
	case !esc && e.ID != "":
		add("id", "not a field of this event type")
	case !utf8.ValidString(e.ID):
		add("id", "not UTF-8")
	}
	switch {
	case e.Type == Opened && e.Case == nil:
		add("case", "missing")
	case e.Type != Opened && e.Case != nil:
		add("case", "not a field of this event type")
	case e.Case != nil:
		o := e.Case
		if o.ID == "" {
			add("case.id", "missing")
		} else if !utf8.ValidString(o.ID) {
			add("case.id", "not UTF-8")
		}
		if !o.Priority.IsValid() {
			add("case.priority", "missing or unknown value")
		}
		if !o.Deployment.IsValid() {
			add("case.deployment", "missing or unknown value")
		}
		if o.Offering != fedramp.Commercial && o.Offering != fedramp.FedRAMP {
			add("case.offering", "missing or unknown value")
		}
		if o.Product != 0 && !o.Product.IsValid() {
			add("case.product", "unknown value")
		}
		if !utf8.ValidString(o.Region) {
			add("case.region", "not UTF-8")
		}
		for k, g := range o.Engaged {
			if !g.IsValid() {
				add("case.engaged["+strconv.Itoa(k)+"]", "unknown value")
			}
		}
		if _, err := resolve(o.Calendar, o.TimeZone); err != nil {
			ps = calendarProblems(ps, line, "case", err)
		}
	}
	switch {
	case e.Type == SetFields && e.Fields == nil:
		add("fields", "missing")
	case e.Type != SetFields && e.Fields != nil:
		add("fields", "not a field of this event type")
	case e.Fields != nil:
		f := e.Fields
		if f.Priority != nil && !f.Priority.IsValid() {
			add("fields.priority", "unknown value")
		}
		if f.Deployment != nil && !f.Deployment.IsValid() {
			add("fields.deployment", "unknown value")
		}
		if f.Offering != nil && *f.Offering != fedramp.Commercial && *f.Offering != fedramp.FedRAMP {
			add("fields.offering", "unknown value")
		}
		if f.Product != nil && *f.Product != 0 && !f.Product.IsValid() {
			add("fields.product", "unknown value")
		}
		if f.Region != nil && !utf8.ValidString(*f.Region) {
			add("fields.region", "not UTF-8")
		}
		if f.Engaged != nil {
			for k, g := range *f.Engaged {
				if !g.IsValid() {
					add("fields.engaged["+strconv.Itoa(k)+"]", "unknown value")
				}
			}
		}
		if f.Calendar != nil && *f.Calendar != "" && !knownCalendar(*f.Calendar) {
			add("fields.calendar", "unknown calendar")
		}
		if f.TimeZone != nil && *f.TimeZone != "" && !knownZone(*f.TimeZone) {
			add("fields.time_zone", "unknown time zone")
		}
	}
	return ps
}

// resolve returns the calendar a case names: the zero Calendar when it
// names none, "US" or "UTC" standing in for the one not given.
func resolve(name, zone string) (calendar.Calendar, error) {
	if name == "" && zone == "" {
		return calendar.Calendar{}, nil
	}
	if name == "" {
		name = "US"
	}
	if zone == "" {
		zone = "UTC"
	}
	return calendar.Named(name, zone)
}

func calendarProblems(ps []Problem, line int, prefix string, err error) []Problem {
	if errors.Is(err, calendar.ErrUnknownCalendar) {
		ps = append(ps, Problem{line, prefix + ".calendar", "unknown calendar"})
	}
	if errors.Is(err, calendar.ErrUnknownZone) {
		ps = append(ps, Problem{line, prefix + ".time_zone", "unknown time zone"})
	}
	return ps
}

// origin is the event that last set a field of the case, to name it in a
// problem with the snapshot.
type origin struct {
	line   int
	prefix string // "case" (opened) or "fields" (set)
}

// builder folds the events once, checking the rules of docs/CONTRACT.md
// that span events and recording one state per distinct instant.
type builder struct {
	h       History
	ps      []Problem
	c       escalation.Case
	open    bool
	calName string
	zone    string
	origins map[string]origin
	rcaLine int
	// reported holds the snapshot problems already reported.
	reported map[Problem]bool
}

// build checks the rules between events and the snapshot at every instant
// (until an event comes out of order, after which snapshots mean little),
// and records the states. The events are individually valid (checkEvent).
func build(evs []Event, lines []int) (*History, error) {
	b := &builder{h: History{events: evs, lines: lines, states: make([]state, 0, len(evs))},
		origins: map[string]origin{}, reported: map[Problem]bool{}}
	if len(evs) == 0 {
		return nil, &Error{[]Problem{{1, "type", "missing: a history starts with an opened event"}}}
	}
	if evs[0].Type != Opened {
		return nil, &Error{[]Problem{{lines[0], "type", "the first event must be opened"}}}
	}
	ordered, dirty := true, false
	for i := range evs {
		e := &evs[i]
		line := lines[i]
		if i > 0 && e.At.Before(evs[i-1].At) {
			b.ps = append(b.ps, Problem{line, "at", "before the previous event"})
			ordered = false
		}
		b.apply(e, line, i == 0)
		// Only these can make a snapshot invalid: updates, escalations and
		// closing never put a time after now or a bad value in it.
		switch e.Type {
		case Opened, SetFields, RCARequested, ServiceRestored:
			dirty = true
		}
		if last := i == len(evs)-1; last || !evs[i+1].At.Equal(e.At) {
			if ordered && dirty {
				b.check(e.At, line)
			}
			dirty = false
			b.h.states = append(b.h.states, state{at: e.At, c: b.c, nEsc: len(b.h.escs), open: b.open})
		}
	}
	if len(b.ps) > 0 {
		return nil, &Error{b.ps}
	}
	return &b.h, nil
}

// apply folds one event into the builder's case.
func (b *builder) apply(e *Event, line int, first bool) {
	c := &b.c
	if e.Type.isUpdate() {
		c.LastUpdatedAt = e.At
		if e.By != Customer {
			c.LastSupportUpdateAt = e.At
		}
	}
	bad := func(field, problem string) { b.ps = append(b.ps, Problem{line, field, problem}) }
	switch e.Type {
	case Opened:
		if !first {
			bad("type", "a second opened event")
			return
		}
		o := e.Case
		*c = escalation.Case{
			ID: o.ID, Status: escalation.Open, Priority: o.Priority, Deployment: o.Deployment,
			Offering: o.Offering, Product: o.Product, Region: o.Region, Assigned: o.Assigned,
			OpenedAt: e.At, LastUpdatedAt: e.At, LastSupportUpdateAt: e.At,
			AwaitingCustomer: o.AwaitingCustomer, BusinessImpact: o.BusinessImpact,
			Engaged: o.Engaged,
		}
		b.calName, b.zone = o.Calendar, o.TimeZone
		c.Calendar, _ = resolve(b.calName, b.zone)
		for _, k := range []string{"id", "priority", "deployment", "offering", "product", "region",
			"assigned", "awaiting_customer", "business_impact", "engaged", "calendar", "time_zone"} {
			b.origins[k] = origin{line, "case"}
		}
	case SetFields:
		f := e.Fields
		set := func(k string) { b.origins[k] = origin{line, "fields"} }
		assign(&c.Priority, f.Priority, "priority", set)
		assign(&c.Deployment, f.Deployment, "deployment", set)
		assign(&c.Offering, f.Offering, "offering", set)
		assign(&c.Product, f.Product, "product", set)
		assign(&c.Region, f.Region, "region", set)
		assign(&c.Assigned, f.Assigned, "assigned", set)
		assign(&c.AwaitingCustomer, f.AwaitingCustomer, "awaiting_customer", set)
		assign(&c.BusinessImpact, f.BusinessImpact, "business_impact", set)
		if f.Engaged != nil {
			c.Engaged = *f.Engaged
			if len(c.Engaged) == 0 {
				c.Engaged = nil
			}
			set("engaged")
		}
		if f.Calendar != nil || f.TimeZone != nil {
			if f.Calendar != nil {
				b.calName = *f.Calendar
				set("calendar")
			}
			if f.TimeZone != nil {
				b.zone = *f.TimeZone
				set("time_zone")
			}
			cal, err := resolve(b.calName, b.zone)
			if err != nil {
				b.ps = calendarProblems(b.ps, line, "fields", err)
			}
			c.Calendar = cal
		}
	case EscalationOpened:
		if b.open {
			bad("type", "an escalation is already open")
			return
		}
		b.h.escs = append(b.h.escs, escalation.Escalation{ID: e.ID, OpenedAt: e.At})
		b.open = true
	case EscalationClosed:
		if !b.open || b.h.escs[len(b.h.escs)-1].ID != e.ID {
			bad("id", "no open escalation has this id")
			return
		}
		b.h.escs[len(b.h.escs)-1].ClosedAt = e.At
		b.open = false
	case RCARequested:
		c.RCA.RequestedAt = e.At
		b.rcaLine = line
	case ServiceRestored:
		c.RCA.ServiceRestoredAt = e.At
		b.rcaLine = line
	case Closed:
		if c.Status == escalation.Closed {
			bad("type", "the case is already closed")
		}
		c.Status = escalation.Closed
	case Reopened:
		if c.Status == escalation.Open {
			bad("type", "the case is not closed")
		}
		c.Status = escalation.Open
	}
}

// probe is the request the snapshot is checked with: an RCA request, so an
// RCA target outside the calendar's years is found too.
var probe = escalation.Request{Reason: escalation.ReasonRCA, Channel: escalation.Portal,
	Portal: fedramp.CommercialPortal, Role: access.DesignatedContact}

// check reports a snapshot that would be invalid input at its instant, as
// evaluating it would, naming the event that set the field in question.
func (b *builder) check(at time.Time, line int) {
	c := b.current()
	policies := []escalation.Policy{escalation.V20240118()}
	if c.RCA.Requested() {
		policies = append(policies, escalation.V2022())
	}
	for _, p := range policies {
		_, err := p.Evaluate(c, probe, at)
		if err == nil {
			continue
		}
		for _, fe := range escalation.Problems(err) {
			// A snapshot stays invalid until an event mends it: report
			// each problem once, at the event behind it.
			if p := b.attribute(fe, line); !b.reported[p] {
				b.reported[p] = true
				b.ps = append(b.ps, p)
			}
		}
		return
	}
}

// current returns the builder's case with its open escalation, if any: the
// closed ones cannot make the snapshot invalid (each closed at or after it
// opened, both at or before now), so checking them again would only cost.
func (b *builder) current() *escalation.Case {
	c := b.c
	if b.open {
		e := b.h.escs[len(b.h.escs)-1]
		e.ClosedAt = time.Time{}
		c.Escalations = []escalation.Escalation{e}
	}
	return &c
}

// attribute names the event and field behind a problem of the snapshot.
func (b *builder) attribute(fe *escalation.FieldError, line int) Problem {
	name := strings.TrimPrefix(fe.Field, "case.")
	key := name
	if i := strings.IndexByte(key, '['); i >= 0 {
		key = key[:i]
	}
	switch {
	case strings.HasPrefix(name, "rca."):
		if b.rcaLine > 0 {
			return Problem{b.rcaLine, "at", fe.Problem}
		}
	case name == "region":
		// F7 involves the offering and the region: name the later change.
		if o, r := b.origins["offering"], b.origins["region"]; o.line > r.line {
			return Problem{o.line, o.prefix + ".offering", fe.Problem}
		}
	}
	if o, ok := b.origins[key]; ok {
		return Problem{o.line, o.prefix + "." + name, fe.Problem}
	}
	return Problem{line, fe.Field, fe.Problem}
}

// assign sets *dst to *v and marks the field key as set, when the event
// gives it (v not nil).
func assign[T any](dst, v *T, key string, set func(string)) {
	if v != nil {
		*dst = *v
		set(key)
	}
}
